#!/usr/bin/env bash
# tests/check.sh BINARY: the golden traces. Runs 'BINARY check' over the
# whole project (every programs/**/*.py on every CPython profile against
# traces/), then checks the checker itself on a copy of one program: an
# edited program must fail with a diff, --bless must write the new traces,
# a missing or stale trace must fail; and --aslr must move ids and nothing
# else. After an intended change of what the machine does, re-bless with
#   build/tracevm check --bless        (or: ./tracevm.sh check --bless)
# and commit the new traces with the change (traces/README.md).
set -u
bin=${1:?usage: check.sh BINARY}
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tracevm-checktest.XXXXXX")"; trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok()   { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# 1. The project's golden traces.
if (cd "$root" && "$bin" check); then ok "tracevm check: every golden trace matches"
else fail "tracevm check: see the differences above (intended? re-bless: tracevm check --bless)"; fi

# 2. The checker on a copy: programs/seed/compute.py and its four traces.
p="$work/course"
mkdir -p "$p/programs/seed" "$p/traces/seed"
cp "$root/programs/seed/compute.py" "$p/programs/seed/"
cp "$root"/traces/seed/compute.*.trace "$p/traces/seed/"
out=$(cd "$p" && "$bin" check 2>&1); rc=$?
[ $rc = 0 ] && ok "copy: unchanged program matches" || { fail "copy: unchanged program (exit $rc)"; echo "$out" | head -20; }

sed -i 's/^y = 10$/y = 11/' "$p/programs/seed/compute.py"
out=$(cd "$p" && "$bin" check 2>&1); rc=$?
if [ $rc = 1 ] && grep -q '^FAIL programs/seed/compute.py on cpython-3.12-64bit: .* first at step 3 ' <<<"$out" \
   && grep -q '^@@ ' <<<"$out" && grep -q '^-3 .*10' <<<"$out" && grep -q '^+3 .*11' <<<"$out"; then
  ok "copy: an edited program fails at step 3 with a unified diff"
else fail "copy: edited program (exit $rc)"; echo "$out" | head -30; fi

out=$(cd "$p" && "$bin" check --bless --profile cpython-3.11-32bit programs/seed/compute.py 2>&1); rc=$?
[ $rc = 0 ] && grep -q '^blessed traces/seed/compute.cpython-3.11-32bit.trace (changed)' <<<"$out" \
  && grep -q '== stdout ==' "$p/traces/seed/compute.cpython-3.11-32bit.trace" \
  && grep -qx '57' "$p/traces/seed/compute.cpython-3.11-32bit.trace" \
  && ok "copy: --bless --profile rewrites one trace" || { fail "copy: bless (exit $rc)"; echo "$out" | head; }
out=$(cd "$p" && "$bin" check traces/seed/compute.cpython-3.11-32bit.trace 2>&1); rc=$?
[ $rc = 0 ] && ok "copy: a blessed trace matches (checked by its trace path)" || { fail "copy: blessed trace (exit $rc)"; echo "$out" | head; }
out=$("$bin" check "$p/programs" 2>&1); rc=$?
[ $rc = 1 ] && [ "$(grep -c '^FAIL' <<<"$out")" = 3 ] && ok "copy: three profiles still differ (checked by folder, from elsewhere)" \
  || { fail "copy: folder check (exit $rc)"; echo "$out" | head; }

(cd "$p" && "$bin" check --bless >/dev/null 2>&1)
touch "$p/traces/seed/gone.cpython-3.12-64bit.trace"
rm "$p/traces/seed/compute.cpython-3.12-32bit.trace"
out=$(cd "$p" && "$bin" check 2>&1); rc=$?
[ $rc = 1 ] && grep -q '^MISSING traces/seed/compute.cpython-3.12-32bit.trace' <<<"$out" \
  && grep -q '^STALE traces/seed/gone.cpython-3.12-64bit.trace' <<<"$out" \
  && ok "copy: a missing and a stale trace fail" || { fail "copy: missing/stale (exit $rc)"; echo "$out" | head; }

# 3. Byte-identical runs; --aslr moves ids (and only ids).
cd "$work"
"$bin" run --trace-out t1 "$root/programs/seed/memory_id.py" >o1 2>&1
"$bin" run --trace-out t2 "$root/programs/seed/memory_id.py" >o2 2>&1
"$bin" run --aslr 7 --trace-out t3 "$root/programs/seed/memory_id.py" >o3 2>&1
"$bin" run --aslr 7 --trace-out t4 "$root/programs/seed/memory_id.py" >o4 2>&1
cmp -s t1 t2 && cmp -s o1 o2 && ok "two runs give byte-identical traces and output" || fail "two runs differ"
cmp -s t3 t4 && cmp -s o3 o4 && ! cmp -s o1 o3 && ! cmp -s t1 t3 \
  && [ "$(sed 's/[0-9]//g' o1)" = "$(sed 's/[0-9]//g' o3)" ] \
  && ok "--aslr 7 is repeatable and changes the ids" || { fail "--aslr"; cat o1 o3; }
"$bin" run --aslr 3 --profile cpython-3.12-32bit "$root/programs/seed/memory_id.py" >o5 2>&1 \
  && ids=$(grep -o '[0-9]*$' o5) && for i in $ids; do [ "$i" -lt 4294967296 ]; done \
  && ok "--aslr keeps a 32-bit profile's ids below 2^32" || { fail "--aslr 32-bit"; cat o5; }

echo "check: $passed passed, $failed failed, 0 skipped"
[ $failed -eq 0 ]
