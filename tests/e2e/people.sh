#!/bin/sh
# people.sh — one patient id is one person across the groups a command
# reads together. Zoë is in both example groups under one id; her
# earlier group's file is given another birth date (a slip, or two people
# given one id): check, scores --csv, norms and outcomes of the two groups
# say so at that date and leave that file out (exit 1), where norms
# counted her once without a word; each group alone still checks clean.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=people
. "$(dirname "$0")/lib/common.sh"

cp -R "$top/examples" "$tmp/ex" || exit 1
cd "$tmp/ex" || exit 1
line=$(grep -n '^ *born ' tuesday/zoe.form | head -n 1 | cut -d: -f1)
sed -i "${line}s/born [0-9-]*/born 2001-06-03/" tuesday/zoe.form
col=$(sed -n "${line}p" tuesday/zoe.form | awk '{ print index($0, "2001") }')
said="tuesday/zoe.form:$line:$col: error: members/zoe.form has the id \"P-0203\" too, born 2002-06-03"

for cmd in check "scores --csv" "norms -o norms.form" "outcomes --csv outcomes.csv"; do
    # shellcheck disable=SC2086
    run $cmd thursday.group tuesday.group
    name=${cmd%% *}
    if [ "$rc" -eq 1 ] && grep -qF -- "$said" "$tmp/err"; then pass "$name/two-birth-dates"
    else fail "$name/two-birth-dates" "exit $rc: $(grep -v '^formc: note' "$tmp/err" | head -c 400)"; fi
done
run check tuesday.group
if [ "$rc" -eq 0 ] && ! grep -q error: "$tmp/err"; then pass "check/one-group-alone"
else fail "check/one-group-alone" "exit $rc: $(head -c 300 "$tmp/err")"; fi
# the same person (the same id and birth date) in two groups is no problem
cp "$top/examples/tuesday/zoe.form" tuesday/zoe.form
run check thursday.group tuesday.group
if [ "$rc" -eq 0 ] && ! grep -q error: "$tmp/err"; then pass "check/same-person-twice"
else fail "check/same-person-twice" "exit $rc: $(head -c 300 "$tmp/err")"; fi
