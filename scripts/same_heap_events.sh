#!/usr/bin/env bash
# scripts/same_heap_events.sh OLD NEW [FILE.py ...]
#
# Checks that a change to the compiler or the VM left every object's life
# alone: for each program (default: programs/, programs/seed, tests/diff,
# tests/errors, tests/stepper), on a 64-bit and a 32-bit profile, the json
# trace's alloc / free / refcount events of binary OLD and binary NEW must be
# the same sequence, and so must stdout, stderr and the exit status. Step
# numbers, registers and instructions may differ: this is the check for a
# change that re-blesses golden traces only because the bytecode changed.
#
# A run cut by the step limit (exit 3) is compared as a prefix: NEW may
# get further in the same number of steps. Each program runs in a fresh
# temporary folder, so programs that write files see none left behind.
set -u
old=${1:?usage: same_heap_events.sh OLD NEW [FILE.py ...]}
new=${2:?usage: same_heap_events.sh OLD NEW [FILE.py ...]}
shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"
for b in "$old" "$new"; do [ -x "$b" ] || { echo "same_heap_events: no binary $b" >&2; exit 2; }; done
case $old in /*) ;; *) old="$PWD/$old" ;; esac
case $new in /*) ;; *) new="$PWD/$new" ;; esac
if [ $# -eq 0 ]; then
  set -- "$root"/programs/*.py "$root"/programs/seed/*.py "$root"/tests/diff/*.py \
         "$root"/tests/errors/*.py "$root"/tests/stepper/*.py
fi
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
events() {   # events JSON: one line per alloc/free/refcount event, without steps
  python3 -c '
import json, sys
for s in json.load(open(sys.argv[1]))["steps"]:
    for e in s.get("events", []):
        if e["event"] in ("alloc", "free", "refcount"):
            print(e["event"], e.get("id"), e.get("type"), e.get("size"), e.get("before"), e.get("after"))
' "$1"
}
run() {      # run BIN PROFILE FILE TAG: the run's output, status and events under $work/TAG.*
  rm -rf "$work/run"; mkdir "$work/run"; cp "$3" "$work/run/prog.py"
  (cd "$work/run" && timeout 120 "$1" run --quiet --profile "$2" --max-steps 300000 --trace=json \
     --trace-out "$work/$4.json" prog.py </dev/null >"$work/$4.out" 2>&1)
  echo "exit $?" >>"$work/$4.out"
  events "$work/$4.json" >"$work/$4.ev" 2>/dev/null
}
same=0 differ=0
for f in "$@"; do
  for prof in cpython-3.12-64bit cpython-3.11-32bit; do
    run "$old" "$prof" "$f" o
    run "$new" "$prof" "$f" n
    if [ "$(tail -1 "$work/o.out")" = "exit 3" ]; then
      head -n "$(wc -l <"$work/o.ev")" "$work/n.ev" | cmp -s - "$work/o.ev"; ok=$?
    else
      cmp -s "$work/o.ev" "$work/n.ev" && cmp -s "$work/o.out" "$work/n.out"; ok=$?
    fi
    if [ $ok -eq 0 ]; then
      same=$((same + 1))
    else
      differ=$((differ + 1))
      echo "DIFFER $prof ${f#"$root"/}"
      diff "$work/o.ev" "$work/n.ev" | head -4 | sed 's/^/    /'
      diff "$work/o.out" "$work/n.out" | head -4 | sed 's/^/    /'
    fi
  done
done
echo "same_heap_events: $same runs the same, $differ differ"
[ $differ -eq 0 ]
