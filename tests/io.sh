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
echo "io: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ] || exit 1
[ $passed -gt 0 ] || exit 77
