#!/usr/bin/env bash
# tests/fastpath.sh BINARY: the CPU loops without hooks (vm/cpu_fast.c,
# entered while nothing observes the run) and the generic loop (vm/vm.c,
# entered when tracing) must leave the same simulated RAM behind.
# For every program under programs/, tests/diff/ and tests/fastpath/ (those
# check the fast paths of heap/ whose ids CPython's own frames would hide)
# and the benchmarks at small sizes, on the four profiles, it compares stdout (ids,
# refcounts, sizes), the exit status, the end-of-run report and the
# byte-for-byte dump of every live object (--heap=bytes) of an untraced run
# with those of a traced run. The traced run writes only step 1 (to
# /dev/null): the tracer and the heap observer stay attached for the whole
# run, so it takes the generic loop and the observed heap paths, without the
# cost of formatting every row (a sanitizer build would take minutes).
# Prints PASS/FAIL per program and profile; exits 1 if anything differs.
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:?usage: tests/fastpath.sh BINARY}"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
[ -x "$bin" ] || { echo "fastpath: no executable $bin" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/tracevm-fastpath.XXXXXX")"; trap 'rm -rf "$work"' EXIT
profiles=(cpython-3.12-64bit cpython-3.12-32bit cpython-3.11-64bit cpython-3.11-32bit)
# a sanitizer build is several times slower: two profiles cover both loops
ldd "$bin" 2>/dev/null | grep -q libasan && profiles=(cpython-3.12-64bit cpython-3.11-32bit)
passed=0 failed=0

# the benchmarks at sizes a traced run finishes quickly (with pools filled
# and emptied many times over)
small_bench() {   # small_bench FILE CALL
  [ -f "$root/bench/$1.py" ] && sed "s/^print(.*/print($2)/" "$root/bench/$1.py" >"$work/bench_$1.py"
}
small_bench bigint 'main(3)'
small_bench fib 'fib(14)'
small_bench float 'main(6000)'
small_bench list 'walk(build(12000), 2)'
small_bench loop 'main(12000)'
small_bench objects 'main(5000)'
small_bench strings 'main(3000)'
small_bench strappend 'main(20000)'
small_bench textproc 'main(30)'
small_bench sieve 'main(5000)'
small_bench digits 'main(3000)'
small_bench objconvert 'main(2000)'
small_bench objlists 'main(3000)'
small_bench zippairs 'main(3000, 1)'
small_bench strwords 'main(2000)'
small_bench grid 'main(12, 12, 2)'
small_bench dictrecords 'main(2000)'
small_bench strtour 'main(3000)'

run() {   # run OUT ARGS...: in a fresh directory, stdin from /dev/null
  local out=$1; shift
  rm -rf "$work/d"; mkdir -p "$work/d"
  (cd "$work/d" && timeout 60 "$bin" run --max-steps 20000000 --heap=bytes "$@" </dev/null >"$out" 2>"$out.err"; echo "exit $?" >>"$out")
  # the traceback names the program's path; the report is compared as is
  cat "$out.err" >>"$out"
}

for p in "$root"/programs/*.py "$root"/programs/seed/*.py "$root"/tests/diff/*.py "$root"/tests/fastpath/*.py "$work"/bench_*.py; do
  [ -f "$p" ] || continue
  name="${p#"$root"/}"; name="${name#"$work"/}"
  for prof in "${profiles[@]}"; do
    run "$work/fast" --profile "$prof" "$p"
    run "$work/slow" --profile "$prof" --trace-out /dev/null --steps 1 "$p"
    if cmp -s "$work/fast" "$work/slow"; then
      passed=$((passed + 1))
    else
      echo "FAIL $name on $prof: the untraced run differs from the traced one"
      diff "$work/slow" "$work/fast" | head -8
      failed=$((failed + 1))
    fi
  done
done
# Where a step limit stops the run: the same step in both loops, nested
# runs (vm_call_function) counted, at limits that fall inside callbacks,
# native calls and plain instructions alike.
limited() {   # limited OUT LIMIT ARGS...
  local out=$1 lim=$2; shift 2
  (cd "$work" && timeout 60 "$bin" run --max-steps "$lim" "$@" </dev/null >"$out" 2>&1; echo "exit $?" >>"$out")
}
p="$root/tests/fastpath/nested_steps.py"
if [ -f "$p" ]; then
  bad=0
  for lim in $(seq 7 41 4000); do
    limited "$work/fast" "$lim" "$p"
    limited "$work/slow" "$lim" --trace-out /dev/null --steps 1 "$p"
    if ! cmp -s "$work/fast" "$work/slow"; then
      echo "FAIL step limit $lim on nested_steps.py: the untraced run stops elsewhere"
      diff "$work/slow" "$work/fast" | head -6
      bad=1
    fi
  done
  if [ $bad -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi
echo "fastpath: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
