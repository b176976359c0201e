#!/usr/bin/env bash
# tests/programs.sh BINARY [FILE.py...]: golden-output suite. Runs every
# programs/**/*.py (or the FILEs given) under `BINARY run --profile P FILE`
# for each of the four profiles and checks stdout, stderr and the exit status
# against the file's expect comments (format: programs/README.md).
# Each run gets a fresh empty working directory (programs that write
# data.txt or numbers.db leave the tree alone) and stdin from /dev/null.
# Prints PASS/FAIL per program and profile, then "N passed, N failed,
# N skipped"; exits 1 if anything failed.
# Environment: TRACEVM_PROFILES="p1 p2" limits the profiles;
# TRACEVM_TIMEOUT (seconds, default 30) bounds each run.
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ $# -lt 1 ]; then
  echo "usage: tests/programs.sh BINARY [FILE.py...]" >&2
  exit 2
fi
bin="$1"; shift
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "programs: no executable $bin (build it first: cmake --build build)" >&2
  exit 1
fi

all_profiles=(cpython-3.12-64bit cpython-3.12-32bit cpython-3.11-64bit cpython-3.11-32bit)
read -r -a profiles <<< "${TRACEVM_PROFILES:-${all_profiles[*]}}"
timeout_s="${TRACEVM_TIMEOUT:-30}"
runner=()
command -v timeout >/dev/null 2>&1 && runner=(timeout "$timeout_s")

files=()
if [ $# -gt 0 ]; then
  for f in "$@"; do case "$f" in /*) files+=("$f") ;; *) files+=("$PWD/$f") ;; esac; done
else
  while IFS= read -r f; do files+=("$f"); done < <(find "$root/programs" -name '*.py' -type f | LC_ALL=C sort)
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "programs: no programs found under $root/programs" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/tracevm-programs.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# A directive: "# expect", "# expect-re", "# expect-stderr", "# expect-stderr-re"
# or "# expect-exit", an optional "[profile,profile]", a colon, then one
# space and the text (the rest of the line, kept exactly).
directive_re='^# (expect|expect-re|expect-stderr|expect-stderr-re|expect-exit)(\[([^]]*)\])?:( (.*))?$'

# parse FILE PROFILE: sets exp_out, exp_err (entries "t<TAB>text" or
# "r<TAB>regex"), exp_exit and parse_error for PROFILE.
parse() {
  local file="$1" prof="$2" line kind plist text entry p known
  local -a out_u=() out_q=() err_u=() err_q=()
  local exit_u="" exit_q="" has_out_q=0 has_err_q=0 has_exit_q=0 mine
  parse_error=""
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line == "# expect"* ]] || continue
    if ! [[ $line =~ $directive_re ]]; then
      parse_error="malformed directive: $line"; return
    fi
    kind="${BASH_REMATCH[1]}"; plist="${BASH_REMATCH[3]}"; text="${BASH_REMATCH[5]}"
    mine=0
    if [ -n "${BASH_REMATCH[2]}" ]; then
      IFS=',' read -r -a plist_a <<< "$plist"
      for p in "${plist_a[@]}"; do
        p="${p// /}"
        known=0
        for k in "${all_profiles[@]}"; do [ "$p" = "$k" ] && known=1; done
        [ $known = 1 ] || { parse_error="unknown profile '$p' in: $line"; return; }
        [ "$p" = "$prof" ] && mine=1
      done
      [ $mine = 1 ] || continue
    fi
    case "$kind" in
      expect|expect-re|expect-stderr|expect-stderr-re)
        if [[ $kind == *-re ]]; then entry="r"$'\t'"$text"; else entry="t"$'\t'"$text"; fi
        if [[ $kind == expect-stderr* ]]; then
          if [ $mine = 1 ]; then err_q+=("$entry"); has_err_q=1; else err_u+=("$entry"); fi
        else
          if [ $mine = 1 ]; then out_q+=("$entry"); has_out_q=1; else out_u+=("$entry"); fi
        fi ;;
      expect-exit)
        [[ $text =~ ^[0-9]+$ ]] || { parse_error="bad exit status in: $line"; return; }
        if [ $mine = 1 ]; then exit_q="$text"; has_exit_q=1; else exit_u="$text"; fi ;;
    esac
  done < "$file"
  if [ $has_out_q = 1 ]; then exp_out=("${out_q[@]}"); else exp_out=("${out_u[@]+"${out_u[@]}"}"); fi
  if [ $has_err_q = 1 ]; then exp_err=("${err_q[@]}"); else exp_err=("${err_u[@]+"${err_u[@]}"}"); fi
  if [ $has_exit_q = 1 ]; then exp_exit="$exit_q"; else exp_exit="${exit_u:-0}"; fi
}

# line_matches ENTRY LINE: exact text, or a whole-line POSIX ERE with \d.
line_matches() {
  local kind="${1%%$'\t'*}" want="${1#*$'\t'}" got="$2"
  if [ "$kind" = t ]; then
    [ "$got" = "$want" ]
  else
    want="${want//\\d/[0-9]}"
    [[ $got =~ ^($want)$ ]]
  fi
}

show() { printf '%s' "$1" | sed -n '1,1p' | cut -c1-200; }

# check_stdout FILE: every line in order, no more, no fewer.
check_stdout() {
  local -a got=()
  local i n
  mapfile -t got < "$1"
  n=${#exp_out[@]}
  for ((i = 0; i < n || i < ${#got[@]}; i++)); do
    if [ $i -ge $n ]; then
      why="stdout line $((i + 1)): unexpected extra output: $(show "${got[$i]}")"; return 1
    fi
    if [ $i -ge ${#got[@]} ]; then
      why="stdout line $((i + 1)): missing, expected: $(show "${exp_out[$i]#*$'\t'}")"; return 1
    fi
    if ! line_matches "${exp_out[$i]}" "${got[$i]}"; then
      why="stdout line $((i + 1)): expected$([ "${exp_out[$i]%%$'\t'*}" = r ] && echo ' /re/'): $(show "${exp_out[$i]#*$'\t'}")"$'\n'"        got: $(show "${got[$i]}")"
      return 1
    fi
  done
  return 0
}

# check_stderr FILE: the expected lines appear in this order (other lines,
# such as a traceback's source and caret lines, may sit between them).
check_stderr() {
  local -a got=()
  local i=0 j=0
  mapfile -t got < "$1"
  for ((i = 0; i < ${#exp_err[@]}; i++)); do
    while [ $j -lt ${#got[@]} ] && ! line_matches "${exp_err[$i]}" "${got[$j]}"; do j=$((j + 1)); done
    if [ $j -ge ${#got[@]} ]; then
      why="stderr: no line matching$([ "${exp_err[$i]%%$'\t'*}" = r ] && echo ' /re/'): $(show "${exp_err[$i]#*$'\t'}")"
      return 1
    fi
    j=$((j + 1))
  done
  return 0
}

# tests/programs.xfail lists programs (paths under the repo root) that are
# known not to run yet: each is reported XFAIL while it fails, and XPASS
# (a failure) once it passes, so the list can only shrink.
xfail_list="$root/tests/programs.xfail"
is_xfail() { [ -f "$xfail_list" ] && grep -qxF "$1" "$xfail_list"; }

passed=0 failed=0 skipped=0 xfailed=0
for file in "${files[@]}"; do
  rel="${file#"$root"/}"
  for prof in "${profiles[@]}"; do
    parse "$file" "$prof"
    if [ -n "$parse_error" ]; then
      echo "FAIL $prof $rel: $parse_error"; failed=$((failed + 1)); continue
    fi
    dir="$work/run"
    rm -rf "$dir"; mkdir -p "$dir"
    (cd "$dir" && "${runner[@]}" "$bin" run --profile "$prof" "$file" \
        >"$work/out" 2>"$work/err" </dev/null)
    rc=$?
    why=""
    if [ $rc -eq 124 ] && [ ${#runner[@]} -gt 0 ]; then
      why="timed out after ${timeout_s}s"
    elif ! check_stdout "$work/out"; then
      :
    elif ! check_stderr "$work/err"; then
      :
    elif [ "$rc" != "$exp_exit" ]; then
      why="exit status $rc, expected $exp_exit"
    fi
    if is_xfail "$rel"; then
      if [ -z "$why" ]; then
        echo "XPASS $prof $rel: passes now; remove it from tests/programs.xfail"; failed=$((failed + 1))
      else
        echo "XFAIL $prof $rel: $why"; xfailed=$((xfailed + 1))
      fi
      continue
    fi
    if [ -z "$why" ]; then
      echo "PASS $prof $rel"; passed=$((passed + 1))
    else
      echo "FAIL $prof $rel: $why"
      if [ -s "$work/err" ] && [ ${#exp_err[@]} -eq 0 ]; then
        sed -n '1,5s/^/        stderr: /p' "$work/err"
      fi
      failed=$((failed + 1))
    fi
  done
done

echo "programs: $xfailed known failures (tests/programs.xfail)"
echo "programs: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
