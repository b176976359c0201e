#!/bin/bash
# bench/pst.sh [-n N] BIN... -- FILES: for each program, the minimum
# task-clock (ms, perf stat) of N runs under each binary, the runs
# interleaved (BIN, BIN2, ..., BIN, BIN2, ...). 'py' as a binary is
# /usr/bin/python3.11; any other is a tracevm run with --max-steps 0.
# Quicker than run.sh's table for comparing builds; needs perf.
n=5; if [ "$1" = -n ]; then n=$2; shift 2; fi
bins=(); while [ "$1" != -- ]; do bins+=("$1"); shift; done; shift
for f in "$@"; do
  declare -A best=()
  for r in $(seq "$n"); do
    for b in "${bins[@]}"; do
      if [ "$b" = py ]; then cmd=(/usr/bin/python3.11 "$f"); else cmd=("$b" run --max-steps 0 "$f"); fi
      t=$(perf stat -x, -e task-clock "${cmd[@]}" 2>&1 >/dev/null | grep task-clock | cut -d, -f1)
      if [ -z "${best[$b]}" ] || (( $(echo "$t < ${best[$b]}" | bc) )); then best[$b]=$t; fi
    done
  done
  printf "%-14s" "$(basename "$f" .py)"
  for b in "${bins[@]}"; do printf " %s %7.1f" "$(basename "$b")" "${best[$b]}"; done
  echo
  unset best
done
