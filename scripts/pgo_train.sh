#!/usr/bin/env bash
# scripts/pgo_train.sh CMAKE SRC DIR BUILD_TYPE C_COMPILER [C_FLAGS]: the
# training half of the profile-guided build (CMakeLists.txt, TRACEVM_PGO).
#
# Builds tracevm from SRC into DIR/build with -fprofile-generate (the same
# build type, compiler and CMAKE_C_FLAGS as the build it serves: a profile
# of other code would not match), runs it on the training
# set, and leaves the profile in DIR/data for -fprofile-use; DIR/trained
# stamps a finished run. The training set is what the benchmarks measure
# and what users run:
#   - bench/*.py at their '# ir:' sizes (a fraction of a second each) on all
#     four CPython profiles, so each of the four untraced CPU loops learns;
#     a program with a '# pgo: skip' line is measured but not trained on;
#   - programs/ (and programs/seed/) on the default profile;
#   - one traced run of each of two programs, to a file (the trace writer).
# Runs are deterministic (the traced ones write in one thread), so the
# profile, and the build, are too.
set -eu
cmake_bin=$1 src=$2 dir=$3 build_type=$4 cc=$5 cflags=${6:-}
bdir="$dir/build" data="$dir/data"
mkdir -p "$dir"
"$cmake_bin" -S "$src" -B "$bdir" -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="$cflags" \
  -DTRACEVM_TESTS=OFF -DTRACEVM_PGO_PHASE=generate -DTRACEVM_PGO_DATA="$data" >"$dir/configure.log" 2>&1 \
  || { cat "$dir/configure.log" >&2; exit 1; }
"$cmake_bin" --build "$bdir" --target tracevm -j2 >"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; exit 1; }
rm -rf "$data" "$dir/trained"
work="$dir/work"
rm -rf "$work"; mkdir -p "$work/disk"
tv="$bdir/tracevm"
run() { "$tv" run --quiet --max-steps 50000000 --disk "$work/disk" "$@" >/dev/null 2>&1 </dev/null || true; }

for f in "$src"/bench/*.py; do
  # '# pgo: skip' keeps a program out of the training (bench/README.md)
  grep -q '^# pgo: skip' "$f" && continue
  small="$work/$(basename "$f")"
  # the '# ir:' line's size (bench/ir_size.awk)
  awk -v d="$(sed -n 's/^# ir: //p' "$f")" -f "$src/bench/ir_size.awk" "$f" >"$small"
  for p in cpython-3.12-64bit cpython-3.11-64bit cpython-3.12-32bit cpython-3.11-32bit; do
    run --profile "$p" "$small"
  done
done
for f in "$src"/programs/*.py "$src"/programs/seed/*.py; do
  run "$f"
done
# the trace writer in the caller's thread (vm/bgwrite.c): with its thread,
# which of the two lays rows out depends on timing, and so did the counts
# and, through every object's sum_max, the whole build's layout
export TRACEVM_BGW_SYNC=1
run --trace --trace-out "$work/fib.trace" --max-steps 300000 "$work/fib.py"
run --trace --trace-out "$work/objects.trace" --max-steps 300000 "$work/objects.py"
unset TRACEVM_BGW_SYNC
rm -rf "$work"
ls "$data"/*.gcda >/dev/null 2>&1 || { echo "pgo_train: the training runs wrote no profile into $data" >&2; exit 1; }
touch "$dir/trained"
