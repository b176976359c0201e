#!/usr/bin/env bash
# tests/fuzz.sh BINARY: the fuzz smoke run. Builds the libFuzzer target
# (tests/fuzz/build.sh, clang -fsanitize=fuzzer,address,undefined) next to
# BINARY, then feeds it TRACEVM_FUZZ_RUNS inputs (default 25000, about a
# minute on 2 cores) mutated with a fixed seed from a corpus made of
# programs/, tests/diff/, tests/io/ and tests/bad/ (less the known
# failures of tests/bad.xfail). Any crash, hang,
# leak or sanitizer report fails the test and is kept as a reproducer in
# <build>/fuzz/findings/. Longer runs: tests/fuzz/README.md.
# Skips (77) without clang/libFuzzer, and in the sanitizer build (the fuzz
# target carries its own sanitizers; once per CI run is enough).
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin=${1:?usage: tests/fuzz.sh BINARY}
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
if grep -aq __asan_init "$bin" 2>/dev/null; then
  echo "fuzz: SKIP: $bin is the sanitizer build; the fuzz target runs in the normal build"
  exit 77
fi
out="$(dirname "$bin")/fuzz"
bash "$root/tests/fuzz/build.sh" "$out"; rc=$?
[ $rc -eq 0 ] || exit $rc

runs="${TRACEVM_FUZZ_RUNS:-25000}"
seed="${TRACEVM_FUZZ_SEED:-1}"
work="$(mktemp -d "${TMPDIR:-/tmp}/tracevm-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seeds" "$work/corpus" "$out/findings"
# Known crashers (tests/bad.xfail) are left out: tests/bad.sh reports them.
while IFS= read -r f; do
  rel=${f#"$root"/}
  grep -qxF "$rel" "$root/tests/bad.xfail" 2>/dev/null && continue
  cp "$f" "$work/seeds/${rel//\//_}"
done < <(find "$root/programs" "$root/tests/diff" "$root/tests/io" "$root/tests/bad" -name '*.py' -type f | LC_ALL=C sort)
echo "fuzz: $(ls "$work/seeds" | wc -l) seeds, $runs runs, seed $seed"
# The fuzzed programs' --disk lives in TMPDIR: tmpfs makes sqlite's fsyncs free.
disk_tmp="${TMPDIR:-/tmp}"
[ -d /dev/shm ] && [ -w /dev/shm ] && disk_tmp=/dev/shm
# slow units (a big result that fits the tiny RAM, e.g. 10 ** 1000000) are
# kept for reading but are not failures: crashes, leaks, hangs and sanitizer
# reports are (libFuzzer's -timeout still fails a hang)
before=$(ls "$out/findings" | grep -vc '^slow-unit-')
start=$(date +%s)
TMPDIR="$disk_tmp" "$out/fuzz_run" -runs="$runs" -seed="$seed" -max_len=4096 -timeout=30 \
  -rss_limit_mb=2048 -dict="$root/tests/fuzz/python.dict" -artifact_prefix="$out/findings/" \
  -print_final_stats=1 "$work/corpus" "$work/seeds" >"$work/log" 2>&1
rc=$?
grep -E '^(#[0-9]+ +(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss_mb|Done )' "$work/log" | sed 's/^/fuzz: /'
echo "fuzz: $(($(date +%s) - start))s"
if [ $rc -ne 0 ] || [ "$(ls "$out/findings" | grep -vc '^slow-unit-')" -gt "$before" ]; then
  echo "FAIL fuzz: libFuzzer exit $rc; its report:"
  grep -E -A40 '^==[0-9]+==ERROR|^SUMMARY|ALARM|runtime error|Test unit written' "$work/log" | head -80
  for f in $(ls -t "$out/findings" | head -n $(( $(ls "$out/findings" | wc -l) - before ))); do
    echo "reproducer $out/findings/$f ($(wc -c <"$out/findings/$f") bytes; replay: $out/fuzz_run $out/findings/$f):"
    head -c 400 "$out/findings/$f" | cat -v; echo
  done
  echo "fuzz: 0 passed, 1 failed, 0 skipped"
  exit 1
fi
echo "PASS fuzz: no crash, hang, leak or sanitizer report in $runs runs"
echo "fuzz: 1 passed, 0 failed, 0 skipped"
