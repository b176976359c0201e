#!/usr/bin/env bash
# scripts/build.sh [BUILD_DIR] [cmake options...]: configure once, then build.
set -eu
cd "$(dirname "$0")/.."
bash scripts/deps.sh
dir=${1:-build}; shift || true
if [ ! -f "$dir/CMakeCache.txt" ]; then
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
fi
cmake --build "$dir" -j"$(nproc)" -- --no-print-directory >"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; exit 1; }
