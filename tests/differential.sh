#!/usr/bin/env bash
# tests/differential.sh BINARY [FILE.py...]: differential suite. Runs each
# tests/diff/*.py (or the FILEs given) on every available CPython oracle
# and under `BINARY run --profile P`, and compares stdout and exit status.
#   oracle    profile
#   3.11-64   cpython-3.11-64bit   (real CPython 3.11, x86_64)
#   3.12-64   cpython-3.12-64bit   (real CPython 3.12, x86_64)
#   3.12-32   cpython-3.12-32bit   (pyodide 0.27.7 = CPython 3.12.7, wasm32)
# There is no 3.11 32-bit oracle. A program opts out of one oracle with a
# line "# oracle-skip: 3.12-32 (reason)" (several: "3.11-64, 3.12-32").
# Oracles run as scripts (`python3 FILE`), each in a fresh empty directory;
# all the 3.12-32 runs share one pyodide process (tests/oracle/pyodide_run.mjs),
# which starts in the background while the other oracles run.
# Prints PASS/FAIL/SKIP per program and oracle, then "N passed, N failed,
# N skipped". Exits 1 if anything failed, 77 (ctest: skipped) if no oracle
# is available, else 0.
# Environment: TRACEVM_ORACLES="3.12-64 ..." limits the oracles;
# TRACEVM_ORACLE_INSTALL=0 stops it installing pyodide (tests/oracle/install.sh)
# when missing; TRACEVM_TIMEOUT (seconds, default 30) bounds each run.
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
oracle="$root/tests/oracle/py"

if [ $# -lt 1 ]; then
  echo "usage: tests/differential.sh BINARY [FILE.py...]" >&2
  exit 2
fi
bin="$1"; shift
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "differential: no executable $bin (build it first: cmake --build build)" >&2
  exit 1
fi

read -r -a oracles <<< "${TRACEVM_ORACLES:-3.11-64 3.12-64 3.12-32}"
timeout_s="${TRACEVM_TIMEOUT:-30}"
runner=()
command -v timeout >/dev/null 2>&1 && runner=(timeout "$timeout_s")

files=()
if [ $# -gt 0 ]; then
  for f in "$@"; do case "$f" in /*) files+=("$f") ;; *) files+=("$PWD/$f") ;; esac; done
else
  for f in "$root"/tests/diff/*.py; do [ -f "$f" ] && files+=("$f"); done
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "differential: no programs in $root/tests/diff" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/tracevm-diff.XXXXXX")"
bg_pid=""
cleanup() {
  [ -n "$bg_pid" ] && kill "$bg_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

profile_of() {
  case "$1" in
    3.11-64) echo cpython-3.11-64bit ;;
    3.12-64) echo cpython-3.12-64bit ;;
    3.12-32) echo cpython-3.12-32bit ;;
  esac
}

# skip_reason FILE ORACLE: prints the reason if FILE skips ORACLE.
skip_reason() {
  local line list reason v
  while IFS= read -r line; do
    line="${line#"# oracle-skip:"}"
    list="${line%%(*}"
    reason="${line#*(}"; reason="${reason%)*}"
    [ "$reason" = "$line" ] && reason="oracle-skip"
    for v in ${list//,/ }; do
      if [ "$v" = "$2" ]; then printf '%s\n' "$reason"; return 0; fi
    done
  done < <(grep '^# oracle-skip:' "$1")
  return 1
}

# Which oracles exist?
declare -A missing=()
available=0
for v in "${oracles[@]}"; do
  if [ -z "$(profile_of "$v")" ]; then
    echo "differential: unknown oracle '$v' (use 3.11-64, 3.12-64, 3.12-32)" >&2
    exit 2
  fi
  if [ "$v" = 3.12-32 ] && [ -z "${TRACEVM_PYODIDE_DIR:-}" ] && [ "${TRACEVM_ORACLE_INSTALL:-1}" != 0 ]; then
    bash "$root/tests/oracle/install.sh" >"$work/install.log" 2>&1 || cat "$work/install.log" >&2
  fi
  if msg="$("$oracle" --which "$v" 2>&1 >/dev/null)"; then
    available=$((available + 1))
  else
    missing[$v]="${msg:-oracle $v missing}"
    echo "SKIP oracle $v: ${missing[$v]}"
  fi
done

# Start the pyodide batch in the background.
pyodide_files=()
if [[ " ${oracles[*]} " == *" 3.12-32 "* ]] && [ -z "${missing[3.12-32]:-}" ]; then
  for f in "${files[@]}"; do
    skip_reason "$f" 3.12-32 >/dev/null || pyodide_files+=("$f")
  done
  if [ ${#pyodide_files[@]} -gt 0 ]; then
    mkdir -p "$work/pyodide-cwd"
    (cd "$work/pyodide-cwd" && exec node "$root/tests/oracle/pyodide_run.mjs" \
        --outdir "$work/pyodide" "${pyodide_files[@]}" </dev/null >"$work/pyodide.log" 2>&1) &
    bg_pid=$!
  fi
fi
pyodide_waited=0
pyodide_ok=1

# oracle_run VERSION FILE: leaves the oracle's stdout, stderr and status in
# $work/o.out, $work/o.err, $work/o.rc.
oracle_run() {
  local v="$1" f="$2" i
  if [ "$v" = 3.12-32 ]; then
    if [ $pyodide_waited = 0 ]; then
      wait "$bg_pid" || pyodide_ok=0
      bg_pid=""; pyodide_waited=1
      [ $pyodide_ok = 1 ] || sed 's/^/        pyodide: /' "$work/pyodide.log" | head -20
    fi
    for i in "${!pyodide_files[@]}"; do
      if [ "${pyodide_files[$i]}" = "$f" ] && [ -f "$work/pyodide/$((i + 1)).rc" ]; then
        cp "$work/pyodide/$((i + 1)).out" "$work/o.out"
        cp "$work/pyodide/$((i + 1)).err" "$work/o.err"
        cp "$work/pyodide/$((i + 1)).rc" "$work/o.rc"
        return 0
      fi
    done
    : >"$work/o.out"; echo "pyodide batch produced no result" >"$work/o.err"; echo 70 >"$work/o.rc"
    return 0
  fi
  rm -rf "$work/cwd"; mkdir -p "$work/cwd"
  (cd "$work/cwd" && "${runner[@]}" "$oracle" "$v" "$f" >"$work/o.out" 2>"$work/o.err" </dev/null)
  echo $? >"$work/o.rc"
}

# tests/differential.xfail lists "ORACLE PATH" pairs known to differ today:
# reported XFAIL while they differ, XPASS (a failure) once they match.
xfail_list="$root/tests/differential.xfail"
is_xfail() { [ -f "$xfail_list" ] && grep -qxF "$1 $2" "$xfail_list"; }

passed=0 failed=0 skipped=0 xfailed=0
for v in "${oracles[@]}"; do
  prof="$(profile_of "$v")"
  for f in "${files[@]}"; do
    rel="${f#"$root"/}"
    if [ -n "${missing[$v]:-}" ]; then
      skipped=$((skipped + 1)); continue          # announced once above
    fi
    if reason="$(skip_reason "$f" "$v")"; then
      echo "SKIP $v $rel ($reason)"; skipped=$((skipped + 1)); continue
    fi
    oracle_run "$v" "$f"
    rm -rf "$work/cwd"; mkdir -p "$work/cwd"
    (cd "$work/cwd" && "${runner[@]}" "$bin" run --profile "$prof" "$f" \
        >"$work/t.out" 2>"$work/t.err" </dev/null)
    trc=$?
    orc="$(cat "$work/o.rc")"
    if cmp -s "$work/o.out" "$work/t.out" && [ "$orc" = "$trc" ]; then
      if is_xfail "$v" "$rel"; then
        echo "XPASS $v $rel: matches now; remove it from tests/differential.xfail"; failed=$((failed + 1)); continue
      fi
      echo "PASS $v $rel"; passed=$((passed + 1)); continue
    fi
    if is_xfail "$v" "$rel"; then
      echo "XFAIL $v $rel"; xfailed=$((xfailed + 1)); continue
    fi
    failed=$((failed + 1))
    if [ "$trc" = 124 ] && [ ${#runner[@]} -gt 0 ]; then
      echo "FAIL $v $rel (tracevm timed out after ${timeout_s}s)"
    elif ! cmp -s "$work/o.out" "$work/t.out"; then
      echo "FAIL $v $rel (stdout differs; exit: oracle $orc, tracevm $trc)"
      diff -u --label "oracle $v" --label "tracevm --profile $prof" "$work/o.out" "$work/t.out" \
        | sed -n '3,22s/^/        /p'
    else
      echo "FAIL $v $rel (exit status: oracle $orc, tracevm $trc)"
    fi
    [ -s "$work/t.err" ] && sed -n '1,4s/^/        tracevm stderr: /p' "$work/t.err"
    [ "$orc" != 0 ] && [ -s "$work/o.err" ] && sed -n '1,4s/^/        oracle stderr: /p' "$work/o.err"
  done
done

echo "differential: $xfailed known differences (tests/differential.xfail)"
echo "differential: $passed passed, $failed failed, $skipped skipped"
[ $failed -gt 0 ] && exit 1
[ $available -eq 0 ] && exit 77
exit 0
