#!/usr/bin/env bash
# tests/bad.sh BINARY [CASE...]: the bad-input corpus. Every tests/bad/*.py
# and tests/bad/*.yaml (or the CASEs given) is fed to the machine and must
# be refused or run exactly as its directives say, without crashing,
# hanging, leaking (the sanitizer build runs this too) or writing outside
# its directory. Format: tests/bad/README.md.
#   NAME.py    runs as:  BINARY run ARGS NAME.py
#   NAME.yaml  runs as:  BINARY run --profile NAME.yaml ARGS PROGRAM
# in a fresh sandbox directory holding a copy of the case (and of PROGRAM
# and any tests/bad file named in ARGS), with stdin from /dev/null.
# tests/bad.xfail lists cases known to fail today (XFAIL; XPASS fails).
# Prints PASS/FAIL/XFAIL per case, then "N passed, N failed, N skipped".
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bad="$root/tests/bad"
bin=${1:?usage: tests/bad.sh BINARY [CASE...]}; shift
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
[ -x "$bin" ] || { echo "bad: no executable $bin" >&2; exit 1; }
command -v timeout >/dev/null 2>&1 || { echo "bad: SKIP: no 'timeout' command" >&2; exit 77; }

cases=()
if [ $# -gt 0 ]; then
  for c in "$@"; do cases+=("$(basename "$c")"); done
else
  while IFS= read -r f; do cases+=("$(basename "$f")"); done \
    < <(find "$bad" -maxdepth 1 -type f \( -name '*.py' -o -name '*.yaml' \) | LC_ALL=C sort)
fi

xfail_list="$root/tests/bad.xfail"
is_xfail() { [ -f "$xfail_list" ] && grep -v '^#' "$xfail_list" | grep -qxF "tests/bad/$1"; }

work="$(mktemp -d "${TMPDIR:-/tmp}/tracevm-bad.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Paths the jail cases try to write; none may exist after a run.
escapes=(/tmp/tracevm-bad-escape.txt /tmp/tracevm-bad-escape.db)

# A directive is a whole line: "# KIND: TEXT" (see tests/bad/README.md).
directive_re='^# (expect|expect-re|expect-stderr|expect-stderr-re|expect-exit|args|program|timeout):( (.*))?$'

# line_matches KIND WANT GOT: exact text, or a whole-line ERE with \d.
line_matches() {
  if [ "$1" = t ]; then [ "$3" = "$2" ]; else local re="${2//\\d/[0-9]}"; [[ $3 =~ ^($re)$ ]]; fi
}

passed=0 failed=0 xfailed=0
for name in "${cases[@]}"; do
  file="$bad/$name"
  if [ ! -f "$file" ]; then echo "FAIL $name: no such case in tests/bad"; failed=$((failed + 1)); continue; fi
  out_k=() out_t=() err_k=() err_t=() exp_exit=0 args="" program=hello.py tmo=10 why=""
  while IFS= read -r line; do
    [[ $line =~ $directive_re ]] || { why="malformed directive: $line"; break; }
    text="${BASH_REMATCH[3]}"
    case "${BASH_REMATCH[1]}" in
      expect) out_k+=(t); out_t+=("$text") ;;
      expect-re) out_k+=(r); out_t+=("$text") ;;
      expect-stderr) err_k+=(t); err_t+=("$text") ;;
      expect-stderr-re) err_k+=(r); err_t+=("$text") ;;
      expect-exit) exp_exit="$text" ;;
      args) args="$text" ;;
      program) program="$text" ;;
      timeout) tmo="$text" ;;
    esac
  done < <(grep -a '^# \(expect\|args:\|program:\|timeout:\)' "$file" | tr -d '\r')

  # The sandbox: work/box/case is the program's directory (and --disk).
  box="$work/box"; rm -rf "$box"; mkdir -p "$box/case" "$work/io"
  cp "$file" "$box/case/"
  read -r -a argv <<<"$args"
  for a in "${argv[@]}" "$program"; do [ -f "$bad/$a" ] && cp "$bad/$a" "$box/case/"; done
  if [[ $name == *.yaml ]]; then cmd=(run --profile "$name" "${argv[@]}" "$program")
  else cmd=(run "${argv[@]}" "$name"); fi
  for e in "${escapes[@]}"; do rm -f "$e" 2>/dev/null; done

  rc=0
  if [ -z "$why" ]; then
    (cd "$box/case" && timeout -k 5 "$tmo" "$bin" "${cmd[@]}" >"$work/io/out" 2>"$work/io/err" </dev/null)
    rc=$?
  fi
  if [ -n "$why" ]; then :
  elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then why="hung: killed after ${tmo}s"
  elif [ $rc -ge 128 ]; then why="crashed: killed by signal $((rc - 128))"
  elif grep -aqE 'Sanitizer|runtime error:|host out of memory' "$work/io/err"; then why="sanitizer or host error report"
  elif [ "$(ls -A "$box")" != case ]; then why="wrote outside its directory: $(ls -A "$box" | grep -vx case | head -3 | tr '\n' ' ')"
  elif [ "$rc" != "$exp_exit" ]; then why="exit status $rc, expected $exp_exit"
  fi
  for e in "${escapes[@]}"; do
    [ -e "$e" ] && { why="${why:+$why; }wrote outside its directory: $e"; rm -f "$e"; }
  done
  if [ -z "$why" ]; then   # stdout: line for line
    mapfile -t got < <(tr -d '\r' <"$work/io/out")
    for ((i = 0; i < ${#out_t[@]} || i < ${#got[@]}; i++)); do
      if [ $i -ge ${#out_t[@]} ]; then why="stdout line $((i + 1)): unexpected: ${got[$i]:0:200}"; break; fi
      if [ $i -ge ${#got[@]} ]; then why="stdout line $((i + 1)): missing: ${out_t[$i]:0:200}"; break; fi
      line_matches "${out_k[$i]}" "${out_t[$i]}" "${got[$i]}" \
        || { why="stdout line $((i + 1)): expected: ${out_t[$i]:0:200}"$'\n'"        got: ${got[$i]:0:200}"; break; }
    done
  fi
  if [ -z "$why" ]; then   # stderr: the expected lines in this order; none expected = empty
    # (the end-of-run report "tracevm: program ended: ..." is not an error)
    mapfile -t got < <(tr -d '\r' <"$work/io/err" | grep -av '^tracevm: program ended: ')
    if [ ${#err_t[@]} -eq 0 ] && [ ${#got[@]} -gt 0 ]; then why="unexpected stderr: ${got[0]:0:200}"; fi
    j=0
    for ((i = 0; i < ${#err_t[@]}; i++)); do
      [ -z "$why" ] || break
      while [ $j -lt ${#got[@]} ] && ! line_matches "${err_k[$i]}" "${err_t[$i]}" "${got[$j]}"; do j=$((j + 1)); done
      [ $j -lt ${#got[@]} ] || why="stderr: no line matching: ${err_t[$i]:0:200}"$'\n'"        got: $(head -c 300 "$work/io/err" | head -3)"
      j=$((j + 1))
    done
  fi
  if is_xfail "$name"; then
    if [ -z "$why" ]; then echo "XPASS $name: passes now; remove it from tests/bad.xfail"; failed=$((failed + 1))
    else echo "XFAIL $name: ${why%%$'\n'*}"; xfailed=$((xfailed + 1)); fi
  elif [ -z "$why" ]; then echo "PASS $name"; passed=$((passed + 1))
  else echo "FAIL $name: $why"; failed=$((failed + 1)); fi
done
echo "bad: $xfailed known failures (tests/bad.xfail)"
echo "bad: $passed passed, $failed failed, 0 skipped"
[ $failed -eq 0 ]
