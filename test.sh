#!/usr/bin/env bash
# ./test.sh: install what is missing, build with -Werror, run every suite via ctest.
# TRACEVM_SANITIZE=1 adds a second build with ASan/UBSan running the whole suite.
set -eu
cd "$(dirname "$0")"
bash scripts/deps.sh
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRACEVM_WERROR=ON -DTRACEVM_TESTS=ON >/dev/null
else
  cmake -S . -B build -DTRACEVM_WERROR=ON -DTRACEVM_TESTS=ON >/dev/null
fi
cmake --build build -j"$(nproc)" -- --no-print-directory >build/build.log 2>&1 || { cat build/build.log >&2; exit 1; }
ctest --test-dir build --output-on-failure --no-tests=error -j2
if [ "${TRACEVM_SANITIZE:-0}" = 1 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTRACEVM_WERROR=ON -DTRACEVM_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$(nproc)" -- --no-print-directory >build-asan/build.log 2>&1 || { cat build-asan/build.log >&2; exit 1; }
  ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure --no-tests=error -j2
fi
