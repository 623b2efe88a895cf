#!/bin/sh
# new.sh — end-to-end tests of `formc new`: a new group checks with no
# error before it has a member (and builds its summary alone), and with a
# new patient in it (the patient is a draft that warns about what is still
# to be written); both are in fmt's canonical layout, hold every section
# and are private (0600); an existing file is never replaced; -o, a
# clinic's --templates folder, folders created on the way, an unknown kind.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

top=$(cd "$(dirname "$0")/../.." && pwd)
: "${FORMC:=$top/build/formc}"
: "${FORMC_DATADIR:=$top/templates}"
: "${SOURCE_DATE_EPOCH:=1800000000}"
NO_COLOR=1
export FORMC_DATADIR SOURCE_DATE_EPOCH NO_COLOR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/formc-new.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 1' INT TERM

pass() { echo "pass e2e/new/$1"; }
fail() { echo "FAIL e2e/new/$1: $2"; }

# run ARGS...: formc with a 30 s limit; sets $rc, stdout in $tmp/out,
# stderr in $tmp/err
run() {
    timeout 30 "$FORMC" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

mkdir "$tmp/clinic"
cd "$tmp/clinic" || exit 1
run new group thursday
r1=$rc
run check thursday.group
if [ "$rc" -eq 0 ] && ! grep -q "error:" "$tmp/err" && grep -q "warning: no file matches 'members/\*.form' yet" "$tmp/err"
then pass "group-checks-before-members"
else fail "group-checks-before-members" "exit $rc: $(head -c 300 "$tmp/err")"; fi
run build thursday.group -o "$tmp/early"
if [ "$rc" -eq 0 ] && [ "$(ls "$tmp/early/new-group")" = new-group-summary.pdf ]
then pass "group-builds-before-members"
else fail "group-builds-before-members" "exit $rc: $(ls -R "$tmp/early" | head -c 200) $(head -c 300 "$tmp/err")"; fi
run new patient members/ada
r2=$rc
if [ "$r1$r2" = 00 ] && [ -f thursday.group ] && [ -f members/ada.form ]; then pass "writes-files"
else fail "writes-files" "exit $r1 $r2: $(head -c 300 "$tmp/err")"; fi
mode=$(stat -c %a members/ada.form 2>/dev/null)
if [ "$mode" = 600 ]; then pass "private-mode"; else fail "private-mode" "mode $mode"; fi
missing=""
for w in patient clinician group language assessment crp acts_of_self expectations_of_others \
         acts_of_others introject adaptation need affect defense object_relations past current \
         expected in_group therapists self members goal target enactments engagement \
         pattern_interruption self_redefinition termination letter pattern; do
    grep -Eq "^ *(# +)?$w " members/ada.form || missing="$missing $w"
done
for w in code starts weeks meets place leader language member phase; do
    grep -Eq "^ *(# )?$w " thursday.group || missing="$missing group:$w"
done
if [ -z "$missing" ]; then pass "every-section"; else fail "every-section" "not in the skeleton:$missing"; fi
run check thursday.group
if [ "$rc" -eq 0 ] && ! grep -q "error:" "$tmp/err"; then pass "checks-clean"
else fail "checks-clean" "exit $rc: $(grep "error:" "$tmp/err" | head -n 3)"; fi
if grep -q "^status draft" members/ada.form && grep -q "warning: no 'clinician'" "$tmp/err"
then pass "patient-is-a-draft"
else fail "patient-is-a-draft" "no draft status or no warning for what is missing"; fi
run fmt --check thursday.group members/ada.form
if [ "$rc" -eq 0 ]; then pass "canonical"; else fail "canonical" "exit $rc: $(cat "$tmp/out")"; fi
echo "# the clinician's own words" >>members/ada.form
cp members/ada.form "$tmp/ada.copy"
run new patient members/ada
if [ "$rc" -eq 2 ] && grep -q "already exists" "$tmp/err" && cmp -s members/ada.form "$tmp/ada.copy"
then pass "never-overwrites"
else fail "never-overwrites" "exit $rc: $(head -c 300 "$tmp/err")"; fi
run new patient kai -o "$tmp/clinic/other.form"
if [ "$rc" -eq 0 ] && [ -f other.form ] && [ ! -e kai.form ]; then pass "output-option"
else fail "output-option" "exit $rc: $(head -c 300 "$tmp/err")"; fi
mkdir "$tmp/own"
printf '# our clinic'"'"'s skeleton\nstatus draft\n' >"$tmp/own/new-patient.form"
run new patient own --templates "$tmp/own"
if [ "$rc" -eq 0 ] && cmp -s own.form "$tmp/own/new-patient.form"; then pass "clinic-template"
else fail "clinic-template" "exit $rc: $(head -c 300 "$tmp/err")"; fi
run new letter x
if [ "$rc" -eq 2 ] && [ ! -e x.form ]; then pass "unknown-kind"; else fail "unknown-kind" "exit $rc"; fi
cd "$top" || exit 1
