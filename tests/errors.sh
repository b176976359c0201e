#!/usr/bin/env bash
# tests/errors.sh BINARY: runtime errors and compile warnings against real CPython. Each
# tests/errors/NAME.py fails (or warns); stdout, the exit status and the WHOLE stderr
# (traceback with its carets and "[Previous line repeated ...]", last line)
# must equal CPython's, for 3.11 (python3) and 3.12 where installed.
set -u
bin=${1:?usage: errors.sh BINARY}
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
declare -A oracle=()
command -v python3 >/dev/null 2>&1 && python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' && oracle[cpython-3.11-64bit]=python3
py312="$(pyenv root 2>/dev/null)/versions/3.12.1/bin/python3"
[ -x "$py312" ] && oracle[cpython-3.12-64bit]="$py312"
if [ ${#oracle[@]} -eq 0 ]; then echo "errors: no CPython 3.11/3.12 oracle found: skipped"; exit 77; fi
passed=0 failed=0
for f in "$root"/tests/errors/*.py; do
  name=$(basename "$f" .py)
  # both sides see the program under the same path, relative to a fresh cwd
  for prof in "${!oracle[@]}"; do
    rm -rf "$work/run"; mkdir -p "$work/run"; cp "$f" "$work/run/prog.py"
    (cd "$work/run" && timeout 30 "${oracle[$prof]}" prog.py >py.out 2>py.err </dev/null; echo "rc=$?" >>py.out)
    (cd "$work/run" && timeout 30 "$bin" run --quiet --profile "$prof" prog.py >tv.out 2>tv.err </dev/null; echo "rc=$?" >>tv.out)
    if cmp -s "$work/run/py.out" "$work/run/tv.out" && cmp -s "$work/run/py.err" "$work/run/tv.err"; then
      echo "PASS $prof $name"; passed=$((passed + 1))
    else
      echo "FAIL $prof $name"
      diff -u --label cpython --label tracevm "$work/run/py.err" "$work/run/tv.err" | sed -n '3,20s/^/    /p'
      diff -u --label cpython --label tracevm "$work/run/py.out" "$work/run/tv.out" | sed -n '3,8s/^/    /p'
      failed=$((failed + 1))
    fi
  done
done
echo "errors: $passed passed, $failed failed, 0 skipped"
[ $failed -eq 0 ]
