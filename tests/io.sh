#!/usr/bin/env bash
# tests/io.sh BINARY: open(), files and sqlite3 against real CPython.
# Each tests/io/NAME.py runs in a fresh directory under tracevm and under
# python3; stdout, the exit status and the last stderr line must agree.
# Cases whose behaviour differs on purpose (the disk jail: PermissionError
# for paths leaving --disk) carry their expected text in NAME.expected.
set -u
bin=${1:?usage: io.sh BINARY}
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
have_py=0
command -v python3 >/dev/null 2>&1 && have_py=1
run() {   # run DIR CMD...: stdout, "rc=N", last stderr line
  local dir=$1; shift
  rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && timeout 30 "$@" >out 2>err </dev/null; echo "rc=$?" >>out; tail -n 1 err >>out)
}
passed=0 failed=0 skipped=0
for f in "$root"/tests/io/*.py; do
  name=$(basename "$f" .py)
  run "$work/tv" "$bin" run --quiet "$f"
  if [ -f "$root/tests/io/$name.expected" ]; then
    exp="$root/tests/io/$name.expected"
  elif [ $have_py = 1 ]; then
    run "$work/py" python3 "$f"
    exp="$work/py/out"
  else
    echo "SKIP $name (no python3 oracle)"; skipped=$((skipped + 1)); continue
  fi
  if cmp -s "$exp" "$work/tv/out"; then echo "PASS $name"; passed=$((passed + 1))
  else
    echo "FAIL $name"; diff -u --label expected --label tracevm "$exp" "$work/tv/out" | sed -n '3,14s/^/    /p'
    failed=$((failed + 1))
  fi
done

# The host's own writes: a trace or program output that cannot be written
# is an error (exit 2, the file named), never a silent loss of rows. A
# regular file goes through the writer thread (vm/bgwrite.c), so it must
# also hold exactly the bytes a pipe gets, in order, across many batches.
expect_fail() {   # expect_fail NAME TEXT: $work/w/{rc,err} of the last run
  if [ "$(cat "$work/w/rc")" = 2 ] && grep -qF -- "$2" "$work/w/err"; then echo "PASS $1"; passed=$((passed + 1))
  else echo "FAIL $1: rc=$(cat "$work/w/rc")"; sed 's/^/    /' "$work/w/err" | head -5; failed=$((failed + 1)); fi
}
prog="$root/programs/fizzbuzz.py" long="$root/bench/loop.py"
rm -rf "$work/w"; mkdir -p "$work/w"
"$bin" run --quiet --trace-out /dev/full "$prog" >/dev/null 2>"$work/w/err"; echo $? >"$work/w/rc"
expect_fail host_trace_full "tracevm: error: cannot write the trace to '/dev/full': No space left on device"
"$bin" run --quiet "$prog" >/dev/full 2>"$work/w/err"; echo $? >"$work/w/rc"
expect_fail host_output_full "tracevm: error: cannot write the program's output: No space left on device"
(ulimit -f 64; exec "$bin" run --quiet --max-steps 20000 --trace-out "$work/w/t" "$long") >/dev/null 2>"$work/w/err"; echo $? >"$work/w/rc"
expect_fail host_trace_file_limit "cannot write the trace to '$work/w/t': File too large"
"$bin" run --quiet --max-steps 30000 --trace-out "$work/w/t" "$long" >/dev/null 2>&1
"$bin" run --quiet --trace --max-steps 30000 "$long" 2>&1 >/dev/null | cat >"$work/w/p"
if [ "$(wc -c <"$work/w/t")" -gt 4000000 ] && cmp -s "$work/w/t" <(grep -v '^tracevm: stopped' "$work/w/p"); then
  echo "PASS host_trace_file_is_the_pipe_trace"; passed=$((passed + 1))
else echo "FAIL host_trace_file_is_the_pipe_trace: $(wc -c <"$work/w/t") against $(wc -c <"$work/w/p") bytes"; failed=$((failed + 1)); fi

echo "io: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ] || exit 1
[ $passed -gt 0 ] || exit 77
