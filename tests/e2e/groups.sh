#!/bin/sh
# groups.sh — the groups of tests/trust/, each written to try one promise of
# a clean `formc check` (tests/trust/README.md says which): check, build,
# scores --json (read by python3) and the words of every PDF (pdftotext).
# Every sentence about a score must be true of the data, and the same in
# the report, the summary and the JSON.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=groups
. "$(dirname "$0")/lib/common.sh"
SOURCE_DATE_EPOCH=1800000000          # 2027-01-15

cp -R "$top/tests/trust" "$tmp/t" || exit 1
cd "$tmp/t" || exit 1

RUN_TIMEOUT=120
# words PDF: its words on one line
words() { pdftotext "$1" - 2>/dev/null | tr -s '\n ' '  '; }
# has NAME TEXT WORDS: the words hold TEXT
has() {
    if printf '%s' "$3" | grep -qF -- "$2"; then pass "$1"
    else fail "$1" "no '$2' in: $(printf '%s' "$3" | head -c 300)"; fi
}
# lacks NAME TEXT WORDS: the words do not hold TEXT
lacks() {
    if printf '%s' "$3" | grep -qF -- "$2"; then fail "$1" "'$2' is there"
    else pass "$1"; fi
}
# builds NAME GROUP: formc check is clean exactly when formc build succeeds
# ($crc, $brc), the documents in out/
builds() {
    run check "$2"; crc=$rc
    rm -rf out
    run build "$2" -o out -j2 --quiet; brc=$rc
    if { [ $crc -eq 0 ] && [ $brc -eq 0 ]; } || { [ $crc -ne 0 ] && [ $brc -ne 0 ]; }; then pass "$1/check-and-build-agree"
    else fail "$1/check-and-build-agree" "check $crc, build $brc: $(head -c 300 "$tmp/err")"; fi
}

# ---- placeholders: left in drafts, and in a final member -------------------
cd placeholders
builds placeholders/drafts drafts.group
[ $crc -eq 0 ] && pass placeholders/drafts-check-clean || fail placeholders/drafts-check-clean "exit $crc"
s=$(words out/drafts/drafts-summary.pdf)
has placeholders/summary-sessions "Sessions to be completed" "$s"
lacks placeholders/summary-sessions-once "weekly sessions, from (to be completed)" "$s"
lacks placeholders/summary-no-age-note "Age is in whole years" "$s"
l=$(words out/drafts/una-letter.pdf)
has placeholders/letter-first-meeting "First meeting: (to be completed)" "$l"
has placeholders/letter-length "Length: (to be completed) weeks" "$l"
r=$(words out/drafts/una-report.pdf)
has placeholders/report-group "from (to be completed), (to be completed) weeks" "$r"
for f in out/drafts/*.pdf; do
    lacks "placeholders/no-placeholder-words/$(basename "$f")" "<" "$(words "$f")"
done
# French, with the first session known and the weeks still to come
sed -e 's/starts <[^>]*>/starts 2026-01-15/' -e 's/^    weeks <[^>]*>/    weeks <n>\n    language fr/' drafts.group > fr.group
run summary fr.group -o fr.pdf
has placeholders/summary-sessions-fr "Séances nombre à compléter ; séances hebdomadaires à partir du jeudi 15 janvier 2026" "$(words fr.pdf)"
# English, with the number of weeks known and the first session still to come
sed -e 's/^    weeks <[^>]*>/    weeks 12/' drafts.group > en.group
run summary en.group -o en.pdf
has placeholders/summary-sessions-start "Sessions 12 weekly sessions, first session to be completed" "$(words en.pdf)"
has placeholders/summary-age-note-fr "L’âge est en années révolues" "$(words fr.pdf)"
builds placeholders/final final.group
if [ $crc -eq 1 ] && grep -q "final/wes.form:7:11: error: the clinician still holds the placeholder <your name and credentials>" "$tmp/err" &&
   [ ! -e out/final/wes-report.pdf ] && [ ! -e out/final/wes-letter.pdf ]; then pass placeholders/final-refused
else fail placeholders/final-refused "check $crc: $(head -c 300 "$tmp/err")"; fi
cd ..

# ---- pre scores already past the cutoff --------------------------------------
# outcomes_agree.py: the JSON's outcome of every scale is the report's and the summary's
agree() {
    run scores --json "$2"
    if [ $rc -ne 0 ] || ! python3 -m json.tool "$tmp/out" >/dev/null 2>"$tmp/py"; then
        fail "$1/json" "exit $rc: $(head -c 300 "$tmp/err") $(cat "$tmp/py")"
        return
    fi
    cp "$tmp/out" "$tmp/scores.json"
    if python3 "$top/tests/e2e/outcomes_agree.py" "$tmp/scores.json" "$3" "$(dirname "$3")" \
        "$FORMC_DATADIR/instruments.form" >"$tmp/agree" 2>&1; then pass "$1/outcomes-agree"
    else fail "$1/outcomes-agree" "$(head -c 600 "$tmp/agree")"; fi
}
cd cutoff
builds cutoff cutoff.group
agree cutoff cutoff.group out/cutoff/cutoff-summary.pdf
# hand-computed (cutoff.group's members say how): hfmps.self_oriented cutoff
# b 93.29, S_diff 6.864; swls.total cutoff b 10.64, S_diff 3.858
if python3 -c '
import json, sys
d = {m["patient"]["name"]: {s["scale"]: s["change"] for s in m["scales"]} for m in json.load(open(sys.argv[1]))["members"]}
def at(name, scale, when="post"):
    c = d[name][scale][when]
    return c["classification"], c["pre_past_cutoff"], round(c["rci"], 2)
assert at("Pia Past", "hfmps.self_oriented") == ("improved", True, -2.04), at("Pia Past", "hfmps.self_oriented")
assert at("Pia Past", "hfmps.self_oriented", "followup") == ("improved", True, -2.19)
assert at("Pia Past", "swls.total") == ("improved", True, 2.59), at("Pia Past", "swls.total")
assert at("Quinn Crossing", "hfmps.self_oriented") == ("recovered", False, -2.19)
assert at("Quinn Crossing", "swls.total") == ("recovered", False, 2.59)
assert at("Rosa Worse", "hfmps.self_oriented") == ("deteriorated", True, 2.19)
assert at("Rosa Worse", "swls.total") == ("deteriorated", True, -2.33)
assert at("Sami Steady", "hfmps.self_oriented") == ("unchanged", False, -1.02)
assert at("Sami Steady", "swls.total") == ("unchanged", False, 1.3)
' "$tmp/scores.json" 2>"$tmp/py"; then pass cutoff/hand-computed
else fail cutoff/hand-computed "$(tail -n 2 "$tmp/py")"; fi
r=$(words out/cutoff/pia-report.pdf)
has cutoff/report-says-why "† The pre score was already past the clinical cutoff, so this reliable improvement cannot count as recovery" "$r"
lacks cutoff/report-never-recovered "recovered†" "$r"
has cutoff/summary-says-why "† The member’s pre score on this scale was already past the clinical cutoff" "$(words out/cutoff/cutoff-summary.pdf)"
run scores members/pia.form
if grep -q '^swls.total  *12  *22  *23 .* 2.59 improved\*  ' "$tmp/out" &&
   grep -q '^\* the pre score was already past the cutoff' "$tmp/out"; then pass cutoff/scores-table-marks
else fail cutoff/scores-table-marks "$(cat "$tmp/out" | head -8)"; fi
# the same group in French
sed 's/^    leader /    language fr\n&/' cutoff.group > fr.group
sed -i 's/code "cutoff"/code "cutoff-fr"/' fr.group
builds cutoff/fr fr.group
agree cutoff/fr fr.group out/cutoff-fr/cutoff-fr-summary.pdf
has cutoff/fr/summary-says-why "† Le score de ce membre sur cette échelle se situait déjà au-delà du seuil clinique" "$(words out/cutoff-fr/cutoff-fr-summary.pdf)"
cd ..

# ---- the example groups --------------------------------------------------------
cp -R "$top/examples" ex
cd ex
builds examples/thursday thursday.group
agree examples/thursday thursday.group out/thu-w26/thu-w26-summary.pdf
# Zoë's self-oriented perfectionism, T 59.8, is printed 60 in the composition:
# the rule "high at T 60 or above" names her
has examples/high-as-printed "Zoë: self-oriented T 60; socially prescribed T 81" "$(words out/thu-w26/thu-w26-summary.pdf)"
builds examples/tuesday tuesday.group
agree examples/tuesday tuesday.group out/tue-f25/tue-f25-summary.pdf
cd ..

# ---- goals that point the wrong way, or at a scale never assessed ------------
cd goals
builds goals goals.group
if [ $crc -eq 0 ] && grep -q "gil.form:33:5: warning: the target 95 is not below the pre score 90 (on hfmps.self_oriented lower is better): the goal is met before the group begins" "$tmp/err" &&
   grep -q "gil.form:37:5: warning: the target 15 is not above the pre score 20 (on swls.total higher is better)" "$tmp/err" &&
   grep -q "gil.form:41:5: warning: the target 20 is not above the pre score 20" "$tmp/err" &&
   grep -q "gil.form:45:5: warning: psps.nondisclosure is not scored in any of this member's self-report assessments" "$tmp/err" &&
   [ "$(grep -c 'warning:' "$tmp/err")" -eq 4 ]; then pass goals/warnings
else fail goals/warnings "check $crc: $(grep warning: "$tmp/err")"; fi
run scores --json members/gil.form
if python3 -c '
import json, sys
g = [(x["met_pre"], x["met_post"]) for x in json.load(open(sys.argv[1]))["goals"]]
assert g == [(False, True), (False, False), (True, True), (True, True), (True, True), (None, None)], g
' "$tmp/out" 2>"$tmp/py"; then pass goals/json
else fail goals/json "$(tail -n 1 "$tmp/py")"; fi
r=$(words out/goals/gil-report.pdf)
has goals/report-met "at or below 80, by week 8; post: met)" "$r"
has goals/report-not-met "at or above 30; post: not met)" "$r"
has goals/report-wrong-way "at or below 95; met before the group; post: met)" "$r"
has goals/report-equal "at or above 20; met before the group; post: met)" "$r"
has goals/report-never-assessed "at or below 20, by week 12) Prepared" "$r"
sed -i 's/^status/language fr\n&/; s/^clinician /language fr\n&/' members/gil.form
run report members/gil.form -o gil-fr.pdf
has goals/report-wrong-way-fr "à 95 ou moins ; atteinte avant le groupe ; après : atteinte)" "$(words gil-fr.pdf)"
cd ..

# ---- dates at each boundary of docs/language.md 4.12 -------------------------
# Every date of dates/ is on the allowed side of its boundary; each test
# moves one a day across (or onto it) and expects one diagnostic there,
# with check and build agreeing.
cd dates
builds dates dates.group
if [ $crc -eq 0 ] && ! grep -q 'warning:\|error:' "$tmp/err"; then pass dates/inside-every-boundary
else fail dates/inside-every-boundary "check $crc: $(head -c 400 "$tmp/err")"; fi
# across NAME MEMBER SED KIND WHERE MESSAGE: the member edited by SED gives
# KIND (error or warning) MESSAGE at MEMBER:WHERE, and the build agrees
across() {
    cp "members/$2.form" keep.form
    sed -i "$3" "members/$2.form"
    builds "dates/$1" dates.group
    if ! grep -qF "members/$2.form:$5: $4: $6" "$tmp/err"; then
        fail "dates/$1" "no '$2.form:$5: $4: $6' in: $(grep -E 'error|warning' "$tmp/err" | head -3)"
    elif [ "$4" = error ] && [ $crc -ne 1 ]; then fail "dates/$1" "check exits $crc"
    elif [ "$4" = warning ] && { [ $crc -ne 0 ] || grep -q 'error:' "$tmp/err"; }; then fail "dates/$1" "check exits $crc"
    else pass "dates/$1"; fi
    cp keep.form "members/$2.form"
}
across assessment-tomorrow ana 's/^assessment followup 2027-01-15/assessment followup 2027-01-16/' \
    error 23:21 "the followup assessment is dated after today (2027-01-15): scores cannot come from the future"
across informant-tomorrow ana '$a assessment post 2027-01-16 rater "partner" {\n    hfmps.self_oriented 80\n}' \
    error 61:17 "the post assessment by rater \"partner\" is dated after today (2027-01-15): scores cannot come from the future"
across born-tomorrow ana 's/^    born 2008-01-15/    born 2027-01-16/' error 4:10 "born after today (2027-01-15)"
across born-on-pre ana 's/^    born 2008-01-15/    born 2026-01-28/' error 4:10 "born on or after the pre assessment (2026-01-28)"
across born-on-first-session ben 's/^    born 1926-01-16/    born 2026-01-15/' error 4:10 \
    "born on or after the group's first session (2026-01-15)"
across born-101-years-ago ben 's/^    born 1926-01-16/    born 1926-01-15/' warning 4:10 "born 101 years ago: check the year"
across under-18 ana 's/^    born 2008-01-15/    born 2008-01-16/' warning 4:10 \
    "Ana Boundary will be 17 when the group starts on 2026-01-15; groups are for adults (18 and over)"
across followup-before-post ben 's/^assessment followup 2026-02-19/assessment followup 2026-02-18/' error 23:21 \
    "the followup assessment is dated before the post assessment"
across post-before-first-session ana 's/^assessment post 2026-04-02/assessment post 2026-01-14/' error 18:17 \
    "the post assessment is dated before the group's first session (2026-01-15)"
across pre-in-week-3 ana 's/^assessment pre 2026-01-28/assessment pre 2026-01-29/' warning 13:16 \
    "the pre assessment is dated after the group's second week (the group began on 2026-01-15): is this the post assessment?"
across post-before-last-week ana 's/^assessment post 2026-04-02/assessment post 2026-04-01/' warning 18:17 \
    "the post assessment is dated before the group's last week (week 12, 2026-04-02)"
across post-before-week-left ben 's/^assessment post 2026-02-19/assessment post 2026-02-18/' warning 19:17 \
    "the post assessment is dated before the week the member left the group (week 6, 2026-02-19)"
across letter-after-first-session ana 's/^    dated 2026-01-15/    dated 2026-01-16/' warning 57:11 \
    "the letter is dated after the group's first session (2026-01-15): a letter that prepares a member for the group is sent before it"
across by-week-past-the-end ana 's/^    by week 12/    by week 13/' error 29:13 "week 13 is past the group's 12 weeks"
across attended-past-the-end ana 's/^attended 1-12/attended 1-13/' error 10:10 "week 13 is past the group's 12 weeks"
across left-past-the-end ben 's/^left week 6/left week 13/; s/^attended 1-6/attended 1-12/' error 11:11 "week 13 is past the group's 12 weeks"
cd ..
# Ben left in week 6 with post and follow-up scores: classified, marked, not counted
cd dates
builds dates/restored dates.group
agree dates dates.group out/dates/dates-summary.pdf
s=$(words out/dates/dates-summary.pdf)
has dates/left-early-marked "Ben Boundary‡ Self-oriented perfectionism ‡ A member who left the group early: classified here, but not among the completers counted below. Completers with a change that can be judged on a perfectionism measure 1" "$s"
cd ..

# ---- text pasted from a word processor -----------------------------------------
cd pasted
builds pasted pasted.group
[ $crc -eq 0 ] && ! grep -q 'error:\|warning:' "$tmp/err" && pass pasted/typographic-quotes-clean || fail pasted/typographic-quotes-clean "check $crc: $(head -c 300 "$tmp/err")"
r=$(words out/pasted/pat-report.pdf)
has pasted/quotes-within-quotes "Calls herself “useless” after a slip." "$r"
has pasted/apostrophes "won’t send one she hasn’t read twice." "$r"
has pasted/single-quotes-within "Expects her manager to say ‘this isn’t good enough’." "$r"
has pasted/letter "You’ve learned to stay close to people by being “no trouble”." "$(words out/pasted/pat-letter.pdf)"
# one error each, at its place, and every other line still checked: the
# misspelt scale after them is reported in the same run
# pasted_error NAME SED WHERE MESSAGE
pasted_error() {
    cp members/pat.form keep.form
    sed -i -e "$2" -e '13a\    hfmps.socialy_prescribed 70' members/pat.form
    builds "pasted/$1" pasted.group
    if [ $crc -eq 1 ] && grep -qF "members/pat.form:$3: error: $4" "$tmp/err" &&
       grep -q "pat.form:14:5: error: hfmps has no scale 'socialy_prescribed'" "$tmp/err" &&
       [ "$(grep -c 'error:' "$tmp/err")" -eq 2 ]; then pass "pasted/$1"
    else fail "pasted/$1" "check $crc: $(grep 'error:' "$tmp/err" | head -4)"; fi
    cp keep.form members/pat.form
}
pasted_error decimal-comma 's/^    hfmps.self_oriented 90$/    hfmps.self_oriented 89,5/' 13:25 \
    "decimal comma in 89,5: write 89.5 with a decimal point"
pasted_error day-month-year 's|^assessment pre 2026-01-06|assessment pre 06/01/2026|' 12:16 \
    "write dates as YYYY-MM-DD: 06/01/2026 is either 2026-01-06 (January 6) or 2026-06-01 (June 1)"
pasted_error day-month-year-unambiguous 's|^    born 1980-07-07|    born 17/07/1980|' 5:10 \
    "write dates as YYYY-MM-DD: 1980-07-17"
pasted_error single-quotes "s|^    acts_of_others “Colleagues stop offering help.”|    acts_of_others ‘Colleagues stop offering help.’|" 20:20 \
    "text goes in straight double quotes: type \" instead of ‘"
pasted_error guillemets "s|^    acts_of_others “Colleagues stop offering help.”|    acts_of_others « Colleagues stop offering help. »|" 20:20 \
    "text goes in straight double quotes: type \" instead of «"
cd ..

# ---- formc scores --json: one JSON document for every group --------------------
for g in placeholders/drafts placeholders/final goals/goals pasted/pasted dates/dates cutoff/cutoff; do
    run scores --json "$g.group"
    if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["group"]["code"] and all(m["patient"]["name"] for m in d["members"]), d.get("group")
' "$tmp/out" 2>"$tmp/py"; then pass "json/$g"
    else fail "json/$g" "exit $rc: $(tail -n 1 "$tmp/py")"; fi
done

# ---- formc scores --json: attendance and early leaving, as formc outcomes counts them
# Ben attended weeks 1-6 and left in week 6; every member's record agrees
# with the counts of formc outcomes --json (completed, left_early, left_in)
for g in dates/dates cutoff/cutoff; do
    run scores --json "$g.group"; cp "$tmp/out" "$tmp/scores.json"
    run outcomes --json "$g.group"; cp "$tmp/out" "$tmp/outcomes.json"
    if python3 -c '
import json, sys
scores = json.load(open(sys.argv[1]))
counts = json.load(open(sys.argv[2]))["groups"][0]
members = scores["members"]
left = [m for m in members if m["left_early"] is not None]
assert counts["left_early"] == len(left), (counts["left_early"], len(left))
assert counts["completed"] == len(members) - len(left), counts["completed"]
for phase, n in counts["left_in"].items():
    got = sum(1 for m in left if (m["left_early"]["phase"] or "unknown") == phase)
    assert got == n, (phase, n, got)
for m in members:
    a = m["attendance"]
    assert a is None or (a["sessions"] == len(a["weeks"]) and a["weeks"] == sorted(set(a["weeks"]))), a
if sys.argv[3] == "dates/dates":
    ben = next(m for m in members if m["patient"]["name"].startswith("Ben"))
    assert ben["attendance"] == {"sessions": 6, "weeks": [1, 2, 3, 4, 5, 6]}, ben["attendance"]
    assert ben["left_early"] == {"week": 6, "phase": "pattern_interruption", "reason": "Moved away."}, ben["left_early"]
    assert len(left) == 1
' "$tmp/scores.json" "$tmp/outcomes.json" "$g" 2>"$tmp/py"; then pass "json/attendance-and-leaving/$g"
    else fail "json/attendance-and-leaving/$g" "$(tail -n 1 "$tmp/py")"; fi
done

# ---- formc outcomes over two groups: the same classification and words -------
run outcomes cutoff/cutoff.group dates/dates.group -o program.pdf
o=$(words program.pdf)
has outcomes/recovered-is-a-crossing "Recovered: a reliable improvement (|RCI| > 1.96) that carries the score from the clinical side of the cutoff to past it. Improved: any other reliable improvement, including one from a score already past the cutoff" "$o"
lacks outcomes/no-ends-past "that ends past the clinical cutoff" "$o"
# completers: Pia improved†, Quinn recovered, Rosa deteriorated, Sami and Ana unchanged
has outcomes/by-scale "Self-oriented perfectionism 5 1 1 2 1" "$(pdftotext -raw program.pdf - | tr -s '\n ' '  ')"
has outcomes/leaver-counted-apart "Members who left early but were also assessed after the group: 1;" "$o"
