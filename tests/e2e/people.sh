#!/bin/sh
# people.sh — one patient id is one person across the groups a command
# reads together. Zoë is in both example groups under one id; her
# earlier group's file is given another birth date (a slip, or two people
# given one id): check, scores --csv, norms and outcomes of the two groups
# say so at that date and leave that file out (exit 1), where norms
# counted her once without a word; each group alone still checks clean.
# The same person in two groups whose sessions overlap is a warning.
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

# one person in two groups whose sessions overlap: a warning at the later
# file's id (outcomes counts them in both); none once the first has ended.
# The Tuesday group runs 30 weeks and Zoë leaves it in week 25, after the
# Thursday group has begun
cp "$top/examples/tuesday.group" tuesday.group
sed -i 's/^    weeks 12/    weeks 30/' tuesday.group
sed -i 's/^left week 6 /left week 25 /' tuesday/zoe.form
line=$(grep -n '^ *id "P-0203"' tuesday/zoe.form | head -n 1 | cut -d: -f1)
said="tuesday/zoe.form:$line:8: warning: members/zoe.form has the id \"P-0203\" too, a member of group \"thu-w26\" from 2026-01-15 to 2026-04-02, which overlaps this membership (2025-09-09 to 2026-02-24)"
for cmd in check "outcomes --csv outcomes.csv"; do
    # shellcheck disable=SC2086
    run $cmd thursday.group tuesday.group
    name=${cmd%% *}
    if [ "$rc" -eq 0 ] && grep -qF -- "$said" "$tmp/err"; then pass "$name/overlapping-groups"
    else fail "$name/overlapping-groups" "exit $rc: $(grep -v '^formc: note' "$tmp/err" | grep -A2 'error\|P-0203' | head -c 400)"; fi
done
sed -i 's/^left week 25 /left week 17 /' tuesday/zoe.form    # 2025-12-30
run check thursday.group tuesday.group
if [ "$rc" -eq 0 ] && ! grep -q "overlaps this membership" "$tmp/err"; then pass "check/left-before-next-group"
else fail "check/left-before-next-group" "exit $rc: $(grep -A2 'error\|P-0203' "$tmp/err" | head -c 300)"; fi
