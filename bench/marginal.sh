#!/usr/bin/env bash
# bench/marginal.sh [--python PY] TRACEVM SETUP STATEMENT [STATEMENT...]:
# the marginal cost of each statement, in host instructions per execution,
# under CPython and under 'TRACEVM run'. Each statement runs in
# 'for i in range(n):' inside a function after SETUP (a statement, or
# 'pass'); callgrind counts the whole run at n = 20000 and at n = 60000,
# and the difference divided by 40000 is printed: start-up, compilation
# and the program's other parts drop out, and load does not move it.
# A statement may be several, joined by '; ' (each goes on its own line).
#   bash bench/marginal.sh build/tracevm 'l = [1, 2, 3]' 'for x in l: pass' 'x = l[1:3]'
# prints "statement  cpython  tracevm  ratio" rows (the loop's own cost,
# about 180 instructions, included on both sides: compare with 'pass').
set -u
py=/usr/bin/python3.11
[ -x "$py" ] || py=python3
if [ "${1:-}" = --python ]; then py=$2; shift 2; fi
if [ $# -lt 3 ]; then
  echo "usage: bench/marginal.sh [--python PY] TRACEVM SETUP STATEMENT..." >&2
  exit 2
fi
tvm=$1; setup=$2; shift 2
command -v valgrind >/dev/null || { echo "marginal: needs valgrind" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/tracevm-marginal.XXXXXX")"; trap 'rm -rf "$work"' EXIT

count() {   # count CMD...: instructions callgrind collected
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ { print $4 }'
}

printf '%-40s %9s %9s %6s\n' statement cpython tracevm ratio
for stmt in "$@"; do
  for n in 20000 60000; do
    {
      echo "def main(n):"
      echo "    $setup"
      echo "    for i in range(n):"
      if [[ "$stmt" == for\ * ]]; then echo "        $stmt"
      else printf '%s\n' "$stmt" | sed 's/; /\n/g' | sed 's/^/        /'; fi
      echo "    return 0"
      echo "print(main($n))"
    } >"$work/m$n.py"
  done
  if ! "$py" "$work/m20000.py" >/dev/null 2>&1 || ! "$tvm" run --quiet "$work/m20000.py" >/dev/null 2>&1; then
    printf '%-40s failed: it does not run under both (a name the subset lacks?)\n' "$stmt"
    continue
  fi
  p1=$(count "$py" "$work/m20000.py"); p2=$(count "$py" "$work/m60000.py")
  t1=$(count "$tvm" run --quiet "$work/m20000.py"); t2=$(count "$tvm" run --quiet "$work/m60000.py")
  if [ -z "$p1" ] || [ -z "$p2" ] || [ -z "$t1" ] || [ -z "$t2" ]; then
    printf '%-40s failed: callgrind gave no count\n' "$stmt"
    continue
  fi
  p=$(( (p2 - p1) / 40000 )); t=$(( (t2 - t1) / 40000 ))
  printf '%-40s %9d %9d %6s\n' "$stmt" "$p" "$t" "$(awk -v a="$t" -v b="$p" 'BEGIN { printf "%.2f", b ? a / b : 0 }')"
done
