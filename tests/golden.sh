#!/usr/bin/env bash
# tests/golden.sh BINARY: every traces/<path>.<profile>.trace is compared byte
# for byte with a fresh 'tracevm run --trace-out' of programs/<path>.py on that
# profile (the program's stdout is not part of the trace).
# Re-bless after an intended change: UPDATE_GOLDEN=1 bash tests/golden.sh build/tracevm
set -u
bin=${1:?usage: golden.sh BINARY}
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
passed=0 failed=0
while IFS= read -r trace; do
  rel=${trace#"$root"/traces/}
  base=${rel%.trace}
  prog_rel=${base%%.*}; prof=${base#"$prog_rel".}
  prog="$root/programs/$prog_rel.py"
  if [ ! -f "$prog" ]; then echo "FAIL $rel: no program $prog"; failed=$((failed + 1)); continue; fi
  (cd "$work" && "$bin" run --profile "$prof" --trace-out "$work/t" "$prog" >/dev/null 2>&1 </dev/null)
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$work/t" "$trace"; echo "BLESSED $rel"; passed=$((passed + 1)); continue; fi
  if cmp -s "$work/t" "$trace"; then echo "PASS $rel"; passed=$((passed + 1))
  else
    echo "FAIL $rel: the trace differs (first lines of the diff below)"
    diff -u --label "golden $rel" --label "now" "$trace" "$work/t" | sed -n '1,30p'
    failed=$((failed + 1))
  fi
done < <(find "$root/traces" -name '*.trace' | sort)
echo "golden: $passed passed, $failed failed, 0 skipped"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
