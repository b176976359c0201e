#!/usr/bin/env bash
# tests/trace_formats.sh BINARY: the machine-readable traces (docs/trace-format.md).
#  1. For the seed programs and a few others, on two profiles: --trace=json is
#     read by Python's json module and --trace=yaml by PyYAML, and both are
#     checked cell by cell against the --trace table of the same run
#     (tests/trace_formats/compare.py).
#  2. --steps A:B and --lines A-B restrict what is written, not what runs.
#  3. --max-steps stops a runaway program: exit 3, the message, a closed
#     document with status step_limit; the default is documented in --help.
#  4. Streaming: a 180,000-step JSON trace needs no more memory than a short one.
#  5. A file of its own: the table the writer's thread lays out from packed
#     rows (vm/trace.c shape_rows) is byte for byte the table written to
#     stderr row by row, over many batches, with wrapped and non-ASCII
#     items, into the test's directory and into tmpfs; the blocks reserved
#     ahead of the writes are given back.
# Exit 77 (skipped) when python3 is missing; when only PyYAML is missing the
# YAML checks are skipped with a message and, if all else passed, so is the suite.
set -u
bin=${1:?usage: trace_formats.sh BINARY}
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmp_py="$root/tests/trace_formats/compare.py"
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
have_yaml=1
python3 -c 'import yaml' 2>/dev/null || { have_yaml=0; echo "SKIP yaml checks: the python3 yaml module is not installed"; }
work="$(mktemp -d "${TMPDIR:-/tmp}/tracevm-formats.XXXXXX")"; trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok()   { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# Runs the program in a fresh directory (programs write data.txt, numbers.db).
run() {   # run OUTFILE ARGS...
  local out=$1; shift
  rm -rf "$work/d"; mkdir -p "$work/d"
  (cd "$work/d" && "$bin" run --quiet "$@" >/dev/null 2>"$out.err" </dev/null)
}

# 1. json and yaml against the table
progs=("$root"/programs/seed/*.py "$root/programs/fizzbuzz.py" "$root/programs/sorting.py"
       "$root/programs/zero_division.py" "$root/programs/recursion.py"
       "$root/programs/string_building.py")
profs=(cpython-3.12-64bit cpython-3.11-32bit)
# a sanitizer build is several times slower: one profile is enough there
ldd "$bin" 2>/dev/null | grep -q libasan && profs=(cpython-3.11-32bit)
for prof in "${profs[@]}"; do
  for p in "${progs[@]}"; do
    [ -f "$p" ] || continue
    name="$(basename "$p" .py) on $prof"
    lim=(--max-steps 1200)
    run "$work/t.txt" --profile "$prof" "${lim[@]}" --trace-out "$work/t.txt" "$p"
    run "$work/t.json" --profile "$prof" "${lim[@]}" --trace=json --trace-out "$work/t.json" "$p"
    args=("$work/t.txt" "$work/t.json")
    if [ $have_yaml = 1 ]; then
      run "$work/t.yaml" --profile "$prof" "${lim[@]}" --trace=yaml --trace-out "$work/t.yaml" "$p"
      args+=("$work/t.yaml")
    fi
    if out=$(python3 "$cmp_py" "${args[@]}" 2>&1); then ok "$name: json${have_yaml:+ and yaml} match the table"
    else fail "$name"; echo "$out" | head -12; fi
  done
done
# json.tool reads the whole document too
run "$work/t.json" --trace=json --trace-out "$work/t.json" "$root/programs/seed/compute.py"
if python3 -m json.tool "$work/t.json" >/dev/null; then ok "python3 -m json.tool reads the json trace"; else fail "json.tool"; fi

# the result of an error run
run "$work/e.json" --trace=json --trace-out "$work/e.json" "$root/programs/zero_division.py"
st=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["result"]; print(r["status"], r.get("error", {}).get("kind"))' "$work/e.json" 2>&1)
[ "$st" = "error ZeroDivisionError" ] && ok "an error run ends with status error and the exception" || fail "error result: $st"

# 2. --steps and --lines
compute="$root/programs/seed/compute.py"
run "$work/all.json" --trace=json --trace-out "$work/all.json" "$compute"
run "$work/some.json" --trace=json --steps 3:6 --trace-out "$work/some.json" "$compute"
got=$(python3 - "$work/all.json" "$work/some.json" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
ok = [s["step"] for s in b["steps"]] == [3, 4, 5, 6] and b["steps"] == a["steps"][2:6] \
     and b["result"]["steps"] == a["result"]["steps"] and b["result"]["steps_written"] == 4
print("ok" if ok else "bad %r" % [s["step"] for s in b["steps"]])
EOF
)
[ "$got" = ok ] && ok "--steps 3:6 writes exactly steps 3..6, the run is unchanged" || fail "--steps: $got"
run "$work/l.json" --trace=json --lines 3-3 --trace-out "$work/l.json" "$compute"
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted({s["line"] for s in d["steps"]}), len(d["steps"]), d["result"]["steps"])' "$work/l.json")
[ "$got" = "[3] 5 14" ] && ok "--lines 3-3 writes only line 3's instructions" || fail "--lines: $got"
run "$work/a.txt" --trace-out "$work/a.txt" "$compute"
run "$work/s.txt" --steps 5: --trace-out "$work/s.txt" "$compute"
if [ "$(sed -n '1p;/^5 /,$p' "$work/a.txt")" = "$(cat "$work/s.txt")" ]; then ok "--steps 5: on the table keeps the header and rows 5.."
else fail "--steps on the table"; diff <(sed -n '1p;/^5 /,$p' "$work/a.txt") "$work/s.txt" | head; fi
run "$work/x" --steps 7:3 "$compute"; rc=$?
[ $rc = 2 ] && grep -q -- "--steps takes" "$work/x.err" && ok "--steps 7:3 is a usage error" || fail "--steps 7:3: rc $rc"
run "$work/x" --lines abc "$compute"; rc=$?
[ $rc = 2 ] && ok "--lines abc is a usage error" || fail "--lines abc: rc $rc"

# 3. --max-steps
cat >"$work/forever.py" <<'EOF'
i = 0
while True:
    i = i + 1
EOF
run "$work/m.json" --max-steps 50 --trace=json --trace-out "$work/m.json" "$work/forever.py"; rc=$?
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["steps"]), d["result"]["status"], d["result"]["steps"])' "$work/m.json" 2>&1)
if [ $rc = 3 ] && [ "$got" = "50 step_limit 50" ] && grep -q "stopped after 50 steps (--max-steps 50): the program may loop forever" "$work/m.json.err"; then
  ok "--max-steps 50: exit 3, the message, a complete trace of 50 steps"
else fail "--max-steps: rc $rc, $got, $(cat "$work/m.json.err")"; fi
if [ $have_yaml = 1 ]; then
  run "$work/m.yaml" --max-steps 50 --trace=yaml --trace-out "$work/m.yaml" "$work/forever.py"
  got=$(python3 -c 'import yaml,sys; d=yaml.safe_load(open(sys.argv[1])); print(len(d["steps"]), d["result"]["status"])' "$work/m.yaml" 2>&1)
  [ "$got" = "50 step_limit" ] && ok "--max-steps with yaml: a closed document" || fail "max-steps yaml: $got"
fi
"$bin" run --help | grep -q "default" && "$bin" run --help | grep -q "100000000 when tracing, else 10000000000" \
  && ok "--help documents the default --max-steps" || fail "--help: no default for --max-steps"
# untraced, the default limit lets a program run past 100 million steps
# (a second of CPython is 0.3-1 billion); traced, it stops there
sed 's/^while True:/while i < 40000000:/' "$work/forever.py" >"$work/long120m.py"
run "$work/x" "$work/long120m.py"; rc=$?
[ $rc = 0 ] && ok "120 million untraced steps run under the default limit" || fail "untraced default limit: rc $rc"
run "$work/x" --max-steps 0 "$compute"; rc=$?
[ $rc = 0 ] && ok "--max-steps 0 = no limit" || fail "--max-steps 0: rc $rc"
sed 's/^while True:/while i < 400000:/' "$work/forever.py" >"$work/long.py"
run "$work/x" "$work/long.py"; rc=$?   # 1.2M steps, under the default limit
[ $rc = 0 ] && ok "1.2 million steps run under the default limit" || fail "default limit: rc $rc"
# past step 999,999 the step number is wider than its column: rows still fit
# 120 columns, the columns after it stay where the header puts them, and the
# cells still match the json events
run "$work/m.txt" --steps 999998:1000003 --trace-out "$work/m.txt" "$work/long.py"
run "$work/m.json" --steps 999998:1000003 --trace=json --trace-out "$work/m.json" "$work/long.py"
if out=$(python3 "$cmp_py" "$work/m.txt" "$work/m.json" 2>&1) && grep -Eq '^1000000 [0-9]   0x[0-9a-f]{4} [A-Z]' "$work/m.txt"
then ok "steps past a million: 120 columns, aligned, and equal to the json"
else fail "steps past a million"; echo "$out" | head -5; head -12 "$work/m.txt"; fi

# 4. streaming: memory does not grow with the number of steps
rss_of() {   # rss_of ITERATIONS: max RSS (KiB) of a json trace of a loop
  sed "s/^while True:/while i < $1:/" "$work/forever.py" >"$work/loop.py"
  python3 -c '
import resource, subprocess, sys
subprocess.run([sys.argv[1], "run", "--quiet", "--trace=json", "--trace-out", "/dev/null", sys.argv[2]], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$bin" "$work/loop.py"
}
if grep -aq __asan_init "$bin" 2>/dev/null; then
  # ASan keeps freed memory in quarantine: RSS says nothing about streaming there
  echo "SKIP streaming: $bin is the sanitizer build (the normal build measures it)"
else
small=$(rss_of 1000); big=$(rss_of 60000)
if [ -n "$small" ] && [ -n "$big" ] && [ $((big - small)) -lt 16384 ]; then
  ok "a 180,000-step json trace streams: max RSS ${big} KiB, ${small} KiB for 3,000 steps"
else fail "streaming: max RSS ${big} KiB for 180,000 steps, ${small} KiB for 3,000"; fi
fi

# 5. a file of its own against stderr
cat >"$work/wide.py" <<'PY'
words = []
i = 0
while i < 2500:
    w = "caf\u00e9-" + str(i) * (i % 9) + " \u4e2d\u6587 " + "x" * (i % 70)
    words.append(w)
    if len(words) > 6:
        words = [w, len(w), (w, i)]
    i = i + 1
print(len(words))
PY
(cd "$work" && "$bin" run --quiet --trace-out "$work/own.txt" "$work/wide.py" >/dev/null 2>&1 \
   && "$bin" run --quiet --trace "$work/wide.py" >/dev/null 2>"$work/err.txt")
size=$(stat -c %s "$work/own.txt" 2>/dev/null || echo 0)
if [ "$size" -gt $((4 << 20)) ] && cmp -s "$work/own.txt" "$work/err.txt" && grep -q "caf\xc3\xa9\|café" "$work/own.txt"; then
  ok "a file of its own: the rows laid out in the writer's thread equal stderr's ($size bytes)"
else fail "a file of its own differs from stderr's table (or is too short: $size bytes)"; cmp "$work/own.txt" "$work/err.txt" | head -3; fi
# without --quiet, so that the closing note follows the last batch
(cd "$work" && "$bin" run --trace-out "$work/noted.txt" "$work/wide.py" >/dev/null 2>&1)
size=$(stat -c %s "$work/noted.txt" 2>/dev/null || echo 0)
blocks=$(stat -c '%b*%B' "$work/noted.txt" 2>/dev/null); blocks=$((blocks))
if tail -n 1 "$work/noted.txt" | grep -q "program ended" && [ "$blocks" -le $((size + (1 << 20))) ]; then
  ok "the blocks reserved past the trace's end are given back ($blocks bytes for $size, the closing note last)"
else fail "the trace file keeps $blocks bytes of blocks for $size bytes (or lost its closing note)"; tail -n 2 "$work/noted.txt"; fi
# into tmpfs, where writing costs more and the VM's thread lays out the
# batches the writer falls behind on (and no blocks are reserved)
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  shm="$(mktemp /dev/shm/tracevm-formats.XXXXXX)"
  (cd "$work" && "$bin" run --quiet --trace-out "$shm" "$work/wide.py" >/dev/null 2>&1)
  if cmp -s "$shm" "$work/err.txt"; then ok "a file of its own in tmpfs equals stderr's table"
  else fail "a file of its own in tmpfs differs from stderr's table"; cmp "$shm" "$work/err.txt" | head -3; fi
  rm -f "$shm"
else
  echo "SKIP tmpfs trace file: /dev/shm is not writable here"
fi

echo "trace_formats: $passed passed, $failed failed"
[ $failed -eq 0 ] || exit 1
[ $have_yaml = 1 ] || exit 77
exit 0
