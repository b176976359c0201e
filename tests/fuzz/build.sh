#!/usr/bin/env bash
# tests/fuzz/build.sh [OUTDIR]: builds OUTDIR/fuzz_run (default build-fuzz/),
# the libFuzzer target tests/fuzz/fuzz_run.c over the whole VM, with
# clang -fsanitize=fuzzer,address,undefined. The libraries are built by
# CMake in OUTDIR/cmake with clang (incremental: a rebuild is quick).
# Exits 77 with a message if clang or libFuzzer is missing (Debian:
# apt-get install clang libclang-rt-14-dev).
set -eu
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/build-fuzz}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cc="${CLANG:-clang}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "fuzz: SKIP: no clang (install clang and libclang-rt-14-dev)" >&2; exit 77
fi
probe="$out/probe"
printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$probe.c"
if ! "$cc" -fsanitize=fuzzer,address,undefined "$probe.c" -o "$probe" >"$probe.log" 2>&1; then
  echo "fuzz: SKIP: $cc cannot link -fsanitize=fuzzer (no libFuzzer: install libclang-rt-14-dev)" >&2
  sed -n '1,5s/^/  /p' "$probe.log" >&2
  exit 77
fi
rm -f "$probe" "$probe.c" "$probe.log"
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S "$root" -B "$out/cmake" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTRACEVM_TESTS=OFF -DTRACEVM_WERROR=OFF -DTRACEVM_SANITIZE=OFF \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link $san" >"$out/cmake.log" 2>&1 \
  || { cat "$out/cmake.log" >&2; exit 1; }
cmake --build "$out/cmake" -j"$(nproc)" --target tv_compiler tv_vm tv_heap >"$out/build.log" 2>&1 \
  || { cat "$out/build.log" >&2; exit 1; }
read -r -a yaml_libs <<<"$(pkg-config --libs yaml-0.1 sqlite3)"
"$cc" -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -I"$root" -fsanitize=fuzzer $san \
  "$root/tests/fuzz/fuzz_run.c" "$out/cmake/libtv_compiler.a" "$out/cmake/libtv_vm.a" \
  "$out/cmake/libtv_heap.a" "${yaml_libs[@]}" -lm -o "$out/fuzz_run.new"
mv "$out/fuzz_run.new" "$out/fuzz_run"
echo "fuzz: built $out/fuzz_run"
