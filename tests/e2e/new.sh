#!/bin/sh
# new.sh — end-to-end tests of `formc new`: a new group checks with no
# error before it has a member (and builds its summary alone), and with a
# new patient in it (the patient is a draft that warns at each placeholder,
# <words>, still to be written); the draft builds, its documents reading
# "to be completed" where a placeholder stands and never a placeholder's
# words; once final, check and build refuse it with an error at every
# placeholder left, in the patient's file and the group's; both skeletons
# are in fmt's canonical layout, hold every section and are private (0600);
# an existing file is never replaced; -o, a clinic's --templates folder
# (with placeholders of its own), folders created on the way, an unknown
# kind.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=new
. "$(dirname "$0")/lib/common.sh"

RUN_TIMEOUT=30

mkdir "$tmp/clinic"
cd "$tmp/clinic" || exit 1
run new group thursday
r1=$rc
run check thursday.group
if [ "$rc" -eq 0 ] && ! grep -q "error:" "$tmp/err" && grep -q "warning: no file matches 'members/\*.form' yet" "$tmp/err"
then pass "group-checks-before-members"
else fail "group-checks-before-members" "exit $rc: $(head -c 300 "$tmp/err")"; fi
run build thursday.group -o "$tmp/early"
# the code is still a placeholder: the folder takes the group file's name
if [ "$rc" -eq 0 ] && [ "$(ls "$tmp/early/thursday")" = thursday-summary.pdf ]
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
if grep -q "^status draft" members/ada.form &&
   grep -q "ada.form:[0-9]*:[0-9]*: warning: the clinician still holds the placeholder <your name and credentials>" "$tmp/err"
then pass "patient-is-a-draft"
else fail "patient-is-a-draft" "no draft status or no warning at a placeholder: $(head -c 300 "$tmp/err")"; fi

# places FILE: "FILE:LINE:COL" of every placeholder outside a comment
places() {
    awk -v f="$1" '{ sub(/#.*/, ""); s = $0; off = 0
        while ((i = index(s, "<")) > 0) { print f ":" NR ":" (off + i); off += i; s = substr(s, i + 1) } }' "$1"
}
# words FILE: the words of every placeholder outside a comment, one a line
words() { sed 's/#.*//' "$1" | grep -o '<[^>]*>' | tr -d '<>'; }

run build thursday.group -o "$tmp/drafts"
docs="$tmp/drafts/thursday"
leaked=""
if [ "$rc" -eq 0 ] && [ -f "$docs/ada-report.pdf" ] && [ -f "$docs/ada-letter.pdf" ] && [ -f "$docs/thursday-summary.pdf" ]
then
    for pdf in "$docs"/*.pdf; do pdftotext "$pdf" - | tr -s ' \n' '  '; done >"$tmp/words"
    words members/ada.form >"$tmp/placeholders"
    words thursday.group >>"$tmp/placeholders"
    while IFS= read -r w; do grep -qF "$w" "$tmp/words" && leaked="$leaked <$w>"; done <"$tmp/placeholders"
    if [ -z "$leaked" ] && grep -q "to be completed" "$tmp/words" && [ -s "$tmp/placeholders" ]
    then pass "draft-builds"
    else fail "draft-builds" "a placeholder's words in a document:$leaked"; fi
else fail "draft-builds" "exit $rc: $(ls "$docs" 2>&1) $(grep "error:" "$tmp/err" | head -n 3)"; fi
if grep -q "thursday.group:[0-9]*:[0-9]*: warning: the group still holds the placeholder <title of the group>" "$tmp/err"
then pass "draft-build-warns-of-group"
else fail "draft-build-warns-of-group" "$(grep "thursday.group" "$tmp/err" | head -n 3)"; fi

# made final with its placeholders left: refused, an error at each
cp members/ada.form "$tmp/ada.draft"
sed -i 's/^status draft/status final/' members/ada.form
{ places members/ada.form; places thursday.group; } >"$tmp/places"
run check thursday.group
cp "$tmp/err" "$tmp/check.err"
missing=""
while IFS= read -r at; do
    grep -q "^$at: error: .* still holds the placeholder <" "$tmp/check.err" || missing="$missing $at"
done <"$tmp/places"
if [ "$rc" -eq 1 ] && [ -z "$missing" ] && [ "$(wc -l <"$tmp/places")" -ge 10 ]
then pass "final-refused-by-check"
else fail "final-refused-by-check" "exit $rc; no error at:$missing"; fi
run build thursday.group -o "$tmp/final"
if [ "$rc" -eq 1 ] && [ ! -e "$tmp/final/thursday/ada-report.pdf" ] && [ ! -e "$tmp/final/thursday/ada-letter.pdf" ] &&
   [ "$(grep -c "still holds the placeholder" "$tmp/err")" = "$(grep -c "still holds the placeholder" "$tmp/check.err")" ]
then pass "final-refused-by-build"
else fail "final-refused-by-build" "exit $rc: $(ls "$tmp/final/thursday" 2>&1)"; fi
cp "$tmp/ada.draft" members/ada.form
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
# -o -: the skeleton on standard output, as -o - is for every other
# command, where it made a file named '-'
run new patient kai -o -
if [ "$rc" -eq 0 ] && [ ! -e ./- ] && grep -q "^patient <" "$tmp/out"
then pass "output-option/stdout"
else fail "output-option/stdout" "exit $rc, a file '-': $([ -e ./- ] && echo yes || echo no); $(head -c 200 "$tmp/err")"; fi
rm -f ./-
mkdir "$tmp/own"
cat >"$tmp/own/new-patient.form" <<'EOF'
# our clinic's skeleton, in our words
status draft
patient <Nom et prénom / name as on the chart>
clinician <qui signe>
EOF
run new patient own --templates "$tmp/own"
if [ "$rc" -eq 0 ] && cmp -s own.form "$tmp/own/new-patient.form"; then pass "clinic-template"
else fail "clinic-template" "exit $rc: $(head -c 300 "$tmp/err")"; fi
run check own.form
if [ "$rc" -eq 0 ] &&
   grep -q "own.form:3:9: warning: the patient still holds the placeholder <Nom et prénom / name as on the chart>" "$tmp/err" &&
   grep -q "own.form:4:11: warning: the clinician still holds the placeholder <qui signe>" "$tmp/err"
then pass "clinic-template-placeholders"
else fail "clinic-template-placeholders" "exit $rc: $(head -c 300 "$tmp/err")"; fi
sed -i 's/^status draft/status final/' own.form
run check own.form
if [ "$rc" -eq 1 ] && grep -q "own.form:3:9: error: the patient still holds the placeholder" "$tmp/err" &&
   grep -q "own.form:4:11: error: the clinician still holds the placeholder" "$tmp/err"
then pass "clinic-template-final"
else fail "clinic-template-final" "exit $rc: $(head -c 300 "$tmp/err")"; fi
run new letter x
if [ "$rc" -eq 2 ] && [ ! -e x.form ]; then pass "unknown-kind"; else fail "unknown-kind" "exit $rc"; fi
cd "$top" || exit 1
