#!/usr/bin/env bash
# ./tracevm.sh [ARGS]: build if needed, then run build/tracevm ARGS.
# With no arguments, traces the notes' first example, programs/seed/compute.py.
set -eu
root="$(cd "$(dirname "$0")" && pwd)"
bash "$root/scripts/build.sh" build
if [ $# -eq 0 ]; then
  set -- run --trace "$root/programs/seed/compute.py"
fi
exec "$root/build/tracevm" "$@"
