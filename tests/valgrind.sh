#!/usr/bin/env bash
# tests/valgrind.sh BINARY: memcheck over a handful of runs (traced
# programs, file and sqlite I/O, a Python error, a syntax error, a bad
# profile, 'check'): each must end with zero errors and zero definitely or
# indirectly lost blocks. Skips (77) without valgrind or on the sanitizer
# build (valgrind and ASan do not mix).
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin=${1:?usage: tests/valgrind.sh BINARY}
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
command -v valgrind >/dev/null 2>&1 || { echo "valgrind: SKIP: valgrind is not installed"; exit 77; }
if grep -aq __asan_init "$bin" 2>/dev/null; then
  echo "valgrind: SKIP: $bin is the sanitizer build"; exit 77
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/tracevm-valgrind.XXXXXX")"
trap 'rm -rf "$work"' EXIT
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --track-fds=no)
printf 'x = (1,\n' >"$work/syntax.py"
printf 'machine:\n  word: nine\n' >"$work/bad.yaml"
P="$root/programs"
runs=(
  "run --trace-out @TRACE@ $P/seed/compute.py"
  "run --explain --trace-out @TRACE@ --profile cpython-3.11-32bit $P/seed/list_refs.py"
  "run --trace-out @TRACE@ $P/sorting.py"
  "run --trace-out @TRACE@ --profile cpython-3.12-32bit $P/string_processing.py"
  "run --trace-out @TRACE@ $P/seed/file_save.py"
  "run --trace-out @TRACE@ $P/seed/sqlite_numbers.py"
  "run --trace-out @TRACE@ $P/zero_division.py"
  "run $work/syntax.py"
  "run --profile $work/bad.yaml $P/seed/compute.py"
  "check --profile cpython-3.12-64bit $P/seed/compute.py"
)
passed=0 failed=0
for r in "${runs[@]}"; do
  d="$work/disk"; rm -rf "$d"; mkdir -p "$d"
  read -r -a args <<<"${r//@TRACE@/$work/trace}"
  (cd "$d" && "${vg[@]}" "$bin" "${args[@]}" >"$work/out" 2>"$work/err" </dev/null)
  rc=$?
  if [ $rc -eq 99 ] || grep -q '^==[0-9]*== ' "$work/err"; then
    echo "FAIL valgrind: tracevm $r"; grep '^==' "$work/err" | head -40; failed=$((failed + 1))
  elif [ $rc -ge 128 ]; then
    echo "FAIL valgrind: tracevm $r: killed by signal $((rc - 128))"; failed=$((failed + 1))
  else
    echo "PASS valgrind (exit $rc): tracevm $r"; passed=$((passed + 1))
  fi
done
echo "valgrind: $passed passed, $failed failed, 0 skipped"
[ $failed -eq 0 ]
