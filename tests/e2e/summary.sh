#!/bin/sh
# summary.sh — end-to-end tests of `formc summary`: the example group's
# summary is a valid PDF with embedded fonts, metadata, page chrome, the
# roster, the composition chart, the anticipated dynamics, the calendar and
# (once post scores exist, never before) the outcomes; it is reproducible,
# private, in French for a French group; a member with errors is listed as
# not included while the summary is still written; a group with errors or an
# output onto an input writes nothing; a clinic's template replaces ours.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=summary
. "$(dirname "$0")/lib/common.sh"

SHY=$(printf '\302\255')
# squash: text with soft hyphens and all white space removed
squash() { sed "s/$SHY//g" | tr -d ' \t\n\r\f'; }
# has TEXTFILE PHRASE: the phrase is in the text, whatever the line breaks
has() {
    needle=$(printf '%s' "$2" | squash)
    [ -n "$needle" ] && squash <"$1" | grep -qF -- "$needle"
}
# missing TEXTFILE PHRASE...: the phrases not in the text, in brackets
missing() {
    f=$1; shift
    out=""
    for p in "$@"; do has "$f" "$p" || out="$out [$p]"; done
    printf '%s' "$out"
}

RUN_IN=$tmp

# copy NAME: a fresh copy of the example group in $tmp/NAME
copy() { rm -rf "$tmp/$1"; cp -R "$top/examples" "$tmp/$1"; }

# drop_later FILE...: removes the post and follow-up assessments
drop_later() {
    for f in "$@"; do
        awk '/^assessment (post|followup)/ { skip = 1 } !skip { print } skip && /^}/ { skip = 0 }' \
            "$f" >"$f.new" && mv "$f.new" "$f"
    done
}

# ---- the example group --------------------------------------------------

copy ex
run summary ex/thursday.group
out="$tmp/thu-w26-summary.pdf"
if [ "$rc" -eq 0 ] && [ -s "$out" ]; then pass "written-as-CODE-summary.pdf"
else fail "written-as-CODE-summary.pdf" "exit $rc: $(head -c 300 "$tmp/err")"; fi

if qpdf --check "$out" >"$tmp/qpdf" 2>&1; then pass "qpdf"
else fail "qpdf" "$(head -c 300 "$tmp/qpdf")"; fi

fonts=$(pdffonts "$out" 2>&1)
nfonts=$(printf '%s\n' "$fonts" | tail -n +3 | wc -l)
notemb=$(printf '%s\n' "$fonts" | tail -n +3 | awk '{ if ($(NF-4) != "yes") print $1 }')
if [ "$nfonts" -gt 0 ] && [ -z "$notemb" ]; then pass "fonts-embedded"
else fail "fonts-embedded" "fonts not embedded: ${notemb:-no fonts listed}"; fi

info=$(pdfinfo "$out" 2>&1)
title=$(printf '%s\n' "$info" | sed -n 's/^Title: *//p')
author=$(printf '%s\n' "$info" | sed -n 's/^Author: *//p')
if [ "$title" = "Group summary: Thursday evening perfectionism group" ]; then pass "title"
else fail "title" "Title '$title'"; fi
if [ "$author" = "Larch Street Centre for Relational Psychotherapy" ]; then pass "author-is-clinic"
else fail "author-is-clinic" "Author '$author'"; fi

mode=$(stat -c %a "$out")
if [ "$mode" = 600 ]; then pass "mode-0600"; else fail "mode-0600" "mode $mode"; fi

pdftotext "$out" "$tmp/en.txt" 2>/dev/null
m=$(missing "$tmp/en.txt" "thu-w26 · Confidential" "page 1 of" \
    "Thursday evening perfectionism group" "Dr. Leah Brandt and Dr. Marcus Oyelaran" \
    "Group Room B, 1180 Larch Street" "Thursdays, 5:30–7:00 pm" \
    "12 weekly sessions, from Thursday, January 15, 2026 to Thursday, April 2, 2026")
if [ -z "$m" ]; then pass "group-details"; else fail "group-details" "missing:$m"; fi

# Zoë's French file gives her pronouns in English too, which this English
# summary prints
m=$(missing "$tmp/en.txt" "Ada (Adaeze Nwosu) P-0201 36 she/her final" \
    "Gerry (Gerald Lindqvist) P-0202 62 he/him" "José (José Núñez) P-0204 49" \
    "Kai (Kai Tanaka-Brooks) P-0205 31 they/them draft" "Zoë (Zoë Lefèvre) P-0203 23 she/her")
if [ -z "$m" ]; then pass "roster"; else fail "roster" "missing:$m"; fi

# the chart's column headings and each member's row label
m=$(missing "$tmp/en.txt" "Self-oriented" "Other-oriented (raw)" "Socially prescribed" \
    "Nondisclosure (raw)" "All members")
if [ -z "$m" ]; then pass "composition-chart"; else fail "composition-chart" "missing:$m"; fi

# Gerry is the example's high other-oriented member (raw 86; the library has
# no norm, so the group's mean + 1 SD decides); Zoë's socially prescribed
# score is T 81 against the university norm (48.17, SD 12.88)
m=$(missing "$tmp/en.txt" "anticipations to plan with, not predictions" \
    "May press the group early" "Gerry: other-oriented 86 (raw score, high within this group)" \
    "May withdraw or keep silent" "Sensitive to perceived criticism" "Zoë: socially prescribed T 81" \
    "May idealize the leaders" "Mikail, Hewitt, Flett & Ge, 2022")
if [ -z "$m" ]; then pass "dynamics-from-scores"; else fail "dynamics-from-scores" "missing:$m"; fi

# each member's own enactment statements, under their phase with its weeks
m=$(missing "$tmp/en.txt" "Engagement and pseudo-attachment (weeks 1–3)" \
    "Ada: Likely to become the early caretaker" "Pattern interruption (weeks 4–6)" \
    "Self-redefinition / painful authenticity (weeks 7–10)" "Termination (weeks 11–12)" \
    "How each member may relate in the group" "To the leaders")
if [ -z "$m" ]; then pass "dynamics-from-formulations"; else fail "dynamics-from-formulations" "missing:$m"; fi

# the calendar: each phase's first and last session, every week's date (the
# tables' cells in the order they are drawn, row by row)
pdftotext -raw "$out" "$tmp/en-raw.txt" 2>/dev/null
m=$(missing "$tmp/en-raw.txt" "1–3 Thursday, January 15, 2026 Thursday, January 29, 2026" \
    "Pattern interruption 4–6 Thursday, February 5, 2026 Thursday, February 19, 2026" \
    "Termination 11–12 Thursday, March 26, 2026 Thursday, April 2, 2026" \
    "6 Thursday, February 19, 2026" "12 Thursday, April 2, 2026")
if [ -z "$m" ]; then pass "calendar"; else fail "calendar" "missing:$m"; fi

# post scores exist: the outcome tables and the counts. Of the four members
# with post scores, only Ada's self-oriented change is reliable
# (RCI = (76 - 94) / (sqrt 2 * 14.01 * sqrt(1 - .88)) = -2.62); nobody
# improved without recovering or deteriorated, so those columns are left out.
m=$(missing "$tmp/en.txt" "After the group" "Member Recovered" "Unchanged" \
    "Reliable improvement (recovered or improved) on at least one perfectionism measure 1 of 4" \
    "Reliable deterioration (deteriorated) on at least one 0 of 4" "No post scores yet: Kai." \
    "At follow-up" "No follow-up scores yet: Kai and Zoë.")
if [ -z "$m" ] && ! has "$tmp/en.txt" "Outcomes come after the group ends" && ! has "$tmp/en.txt" "Deteriorated"
then pass "outcomes-with-post-scores"
else fail "outcomes-with-post-scores" "missing:$m"; fi

# every note is set in the one size of notes: the first word of each note
# line at the left margin (the tables' notes, the missing scores, the scales
# change cannot be judged on) is as tall as every other
heights=$(pdftotext -bbox "$out" - 2>/dev/null |
    awk -F'"' '/>(Reminding|Perfectionism|No|Change|Age)</ && $2 + 0 < 69 { printf "%.2f\n", $8 - $4 }' | sort -u)
if [ "$(printf '%s\n' "$heights" | grep -c .)" -eq 1 ]; then pass "notes-one-size"
else fail "notes-one-size" "notes of $(printf '%s' "$heights" | tr '\n' ' ')points tall"; fi

# the outcomes' counts are figures set to the right: the number closing
# each row of the completion and the after-the-group tables ends where the
# others end (the completion table's stood in the middle of its row)
ends=$(pdftotext -bbox "$out" - 2>/dev/null | awk -F'"' '
    /<page / { page++ }
    /<word / { key = page ":" int($4 + 0.5)
               if (!(key in first)) first[key] = substr($9, 2, index($9, "<") - 2)
               last[key] = $6 }
    END { for (k in first) if (first[k] ~ /^(Completed|Left|Completers|Reliable)$/) printf "%.1f\n", last[k] }' |
    sort -u)
if [ "$(printf '%s\n' "$ends" | grep -c .)" -eq 1 ]; then pass "outcome-counts-aligned-right"
else fail "outcome-counts-aligned-right" "rows end at $(printf '%s' "$ends" | tr '\n' ' ')points"; fi

# a table row's cells share their first baseline: in the outcome table, a
# member's name (bold, body size) and the smaller scale beside it. Two
# words of one typeface stand on one baseline when their boxes' tops differ
# by the ascender's share (about 0.78 in this serif) of their heights'
# difference; tops level (share 0) was the smaller word set too high.
share=$(pdftotext -bbox "$out" - 2>/dev/null | awk -F'"' '
    /<page / { page++ }
    />Ada</ && $2 + 0 < 80 { ada[page] = ada[page] " " $4 " " $8 }
    />Self-oriented</ && $2 + 0 > 100 { n = split(ada[page], a, " ")
        for (k = 1; k < n; k += 2) if ($4 - a[k] < 4 && a[k] - $4 < 4 && (a[k+1] - a[k]) - ($8 - $4) > 0.5) {
            printf "%.2f\n", ($4 - a[k]) / ((a[k+1] - a[k]) - ($8 - $4)); exit } }')
if [ -n "$share" ] && awk -v s="$share" 'BEGIN { exit !(s > 0.6 && s < 0.95) }'; then pass "table-row-one-baseline"
else fail "table-row-one-baseline" "the name's and the scale's tops differ by ${share:-no} share of their heights"; fi

# the bookmarks nest as the headings do: each phase's heading (###, H3)
# under "Phase by phase, from the formulations" (##), where every heading
# below a # was put directly under it
nest=$(qpdf --json --json-key=outlines "$out" 2>/dev/null | python3 -c '
import json, sys
def walk(items, path):
    for o in items:
        print(" > ".join(path + [o["title"]]))
        walk(o["kids"], path + [o["title"]])
walk(json.load(sys.stdin)["outlines"], [])' 2>/dev/null)
if printf '%s\n' "$nest" | grep -q '^Anticipated group dynamics > Phase by phase, from the formulations > Engagement and pseudo-attachment'
then pass "bookmarks-nest-as-headings"
else fail "bookmarks-nest-as-headings" "$(printf '%s' "$nest" | grep Engagement)"; fi

run summary ex/thursday.group -o again.pdf
if [ "$rc" -eq 0 ] && cmp -s "$out" "$tmp/again.pdf"; then pass "reproducible"
else fail "reproducible" "second run (exit $rc) differs: $(cmp "$out" "$tmp/again.pdf" 2>&1 | head -c 200)"; fi

left=$(find "$tmp" -maxdepth 1 -name '*.tmp*' -o -maxdepth 1 -name '.*formc*' | head -n 3)
if [ -z "$left" ]; then pass "no-temporary-file-left"; else fail "no-temporary-file-left" "$left"; fi

run summary ex/thursday.group -o letter.pdf --paper letter
size=$(pdfinfo "$tmp/letter.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1x\2/p')
if [ "$rc" -eq 0 ] && [ "$size" = "612x792" ]; then pass "paper-letter"
else fail "paper-letter" "exit $rc, page size '$size'"; fi

# the clinic's letterhead, with its logo, on the first page
pdftotext -f 1 -l 1 "$out" "$tmp/p1.txt" 2>/dev/null
if grep -q "Larch Street Centre for Relational Psychotherapy" "$tmp/p1.txt" &&
   grep -q "1180 Larch Street, Suite 300, Vancouver, BC" "$tmp/p1.txt" &&
   [ "$(pdfimages -f 1 -l 1 -list "$out" 2>/dev/null | tail -n +3 | wc -l)" -ge 1 ]
then pass "letterhead"; else fail "letterhead" "page 1 lacks the clinic's name, address or logo"; fi

# ---- before the group ends: no outcomes yet -------------------------------

copy pre
drop_later "$tmp"/pre/members/*.form
run summary pre/thursday.group -o pre.pdf
pdftotext "$tmp/pre.pdf" "$tmp/pre.txt" 2>/dev/null
if [ "$rc" -eq 0 ] && has "$tmp/pre.txt" "Outcomes come after the group ends" &&
   ! has "$tmp/pre.txt" "After the group" && ! has "$tmp/pre.txt" "Reliable improvement"; then
    pass "no-outcomes-before-post-scores"
else fail "no-outcomes-before-post-scores" "exit $rc: $(head -c 300 "$tmp/err")"; fi

# ---- a member with errors --------------------------------------------------

copy bad
sed 's/born 1989-09-04/born 1989-02-30/' "$tmp/bad/members/ada.form" >"$tmp/bad/members/broken.form"
run summary bad/thursday.group -o bad.pdf
pdftotext "$tmp/bad.pdf" "$tmp/bad.txt" 2>/dev/null
if [ "$rc" -eq 1 ] && grep -q 'bad/members/broken.form:8:10: error' "$tmp/err" &&
   has "$tmp/bad.txt" "Not included, because the file has errors" &&
   has "$tmp/bad.txt" "bad/members/broken.form" && has "$tmp/bad.txt" "6 (1 not included)" &&
   has "$tmp/bad.txt" "Gerry (Gerald Lindqvist)"; then
    pass "member-with-errors-not-included"
else fail "member-with-errors-not-included" "exit $rc (expected 1): $(head -c 300 "$tmp/err")"; fi

# ---- the group file itself has errors: nothing written -----------------------

copy badgroup
sed 's/starts 2026-01-15/starts 2026-13-14/' "$tmp/badgroup/thursday.group" >"$tmp/badgroup/g.group"
rm -f "$tmp/thu-w26-summary.pdf"
run summary badgroup/g.group
if [ "$rc" -eq 1 ] && grep -q 'g.group:.*error' "$tmp/err" && [ ! -e "$tmp/thu-w26-summary.pdf" ]; then
    pass "group-with-errors-writes-nothing"
else fail "group-with-errors-writes-nothing" "exit $rc: $(head -c 300 "$tmp/err")"; fi

run summary ex/members/ada.form -o notgroup.pdf
if [ "$rc" -ne 0 ] && grep -q 'not a group file' "$tmp/err" && [ ! -e "$tmp/notgroup.pdf" ]; then
    pass "not-a-group-file"
else fail "not-a-group-file" "exit $rc: $(head -c 300 "$tmp/err")"; fi

run summary ex/nothing.group
if [ "$rc" -eq 2 ]; then pass "missing-group-file-exit-2"
else fail "missing-group-file-exit-2" "exit $rc"; fi

# ---- never onto an input -------------------------------------------------------

cp "$tmp/ex/thursday.group" "$tmp/group.copy"
cp "$tmp/ex/members/zoe.form" "$tmp/zoe.copy"
run summary ex/thursday.group -o ex/thursday.group
rc1=$rc
run summary ex/thursday.group -o ex/members/zoe.form
if [ "$rc1" -eq 2 ] && [ "$rc" -eq 2 ] && cmp -s "$tmp/group.copy" "$tmp/ex/thursday.group" &&
   cmp -s "$tmp/zoe.copy" "$tmp/ex/members/zoe.form"; then
    pass "output-onto-input-refused"
else fail "output-onto-input-refused" "exits $rc1 and $rc (expected 2); $(head -c 200 "$tmp/err")"; fi

# ---- French ------------------------------------------------------------------------

copy fr
sed 's/language en /language fr /' "$tmp/fr/thursday.group" >"$tmp/fr/g.group"
rm "$tmp/fr/thursday.group"
sed -i 's|"../thursday.group"|"../g.group"|' "$tmp"/fr/members/*.form
sed -i 's|pronouns "she/her"|pronouns "she/her" fr "elle"|' "$tmp/fr/members/ada.form"
run summary fr/g.group -o fr.pdf
pdftotext "$tmp/fr.pdf" "$tmp/fr.txt" 2>/dev/null
m=$(missing "$tmp/fr.txt" "Résumé de groupe" "thu-w26 · Confidentiel" "page 1 sur" \
    "jeudi 15 janvier 2026" "Dynamiques de groupe anticipées" "Calendrier" "Après le groupe" \
    "Redéfinition de soi et authenticité douloureuse (semaines 7 à 10)" "Terminaison (semaines 11 et 12)" \
    "brouillon")
# a draft member's status is « brouillon », the word every French document
# uses; a member's pronouns are their French form when the file gives one
# (Ada's "she/her" fr "elle"), as Zoë's French file gives hers
if [ "$rc" -eq 0 ] && [ -z "$m" ] && ! has "$tmp/fr.txt" "Anticipated group dynamics" &&
   ! grep -qi "bauche" "$tmp/fr.txt" && [ "$(grep -c "^elle$" "$tmp/fr.txt")" -eq 2 ] &&
   ! grep -q "she/her" "$tmp/fr.txt"; then pass "french"
else fail "french" "exit $rc, missing:$m $(head -c 200 "$tmp/err")"; fi

# ---- a chart split between pages: each part after the first captioned ------------
# The example summary's composition chart fills the end of page 1 and goes
# on at the top of page 2 under "Composition (continued)" (French:
# « Composition (suite) »), a Caption of the chart's one Figure; the part
# on page 1 has none
. "$(dirname "$0")/lib/continued.sh"
run summary ex/thursday.group -o split.pdf
bad=$(continued "$tmp/split.pdf" 2 "Composition (continued)")
if [ "$rc" -eq 0 ] && [ -z "$bad" ]; then pass "chart-split-continued"; else fail "chart-split-continued" "$bad"; fi
bad=$(continued "$tmp/fr.pdf" 2 "Composition (suite)")
if [ -z "$bad" ]; then pass "chart-split-continued-fr"; else fail "chart-split-continued-fr" "$bad"; fi

# ---- a clinic's own template ----------------------------------------------------

mkdir -p "$tmp/clinic"
sed 's/^# Anticipated group dynamics$/# What we expect in the room/' "$FORMC_DATADIR/summary.en.tmpl" \
    >"$tmp/clinic/summary.en.tmpl"
run summary ex/thursday.group -o clinic.pdf --templates clinic
pdftotext "$tmp/clinic.pdf" "$tmp/clinic.txt" 2>/dev/null
if [ "$rc" -eq 0 ] && has "$tmp/clinic.txt" "What we expect in the room" &&
   ! has "$tmp/clinic.txt" "Anticipated group dynamics"; then pass "clinic-template"
else fail "clinic-template" "exit $rc: $(head -c 300 "$tmp/err")"; fi

# a clinic's template written for the phases' weeks as numbers alone
printf '# Group\n\nTermination: weeks {{phases.termination.weeks}}; pattern interruption: {{phases.pattern_interruption.span}}.\n' \
    >"$tmp/clinic/summary.en.tmpl"
run summary ex/thursday.group -o weeks.pdf --templates clinic
pdftotext "$tmp/weeks.pdf" "$tmp/weeks.txt" 2>/dev/null
if [ "$rc" -eq 0 ] && has "$tmp/weeks.txt" "Termination: weeks 11–12; pattern interruption: weeks 4–6."; then
    pass "clinic-template-phase-weeks"
else fail "clinic-template-phase-weeks" "exit $rc: $(head -c 300 "$tmp/err") $(head -c 200 "$tmp/weeks.txt")"; fi

printf '# Group\n\n@insert rosterr | a\n' >"$tmp/clinic/summary.en.tmpl"
run summary ex/thursday.group -o broken.pdf --templates clinic
if [ "$rc" -ne 0 ] && grep -q "clinic/summary.en.tmpl:3:1: error: @insert 'rosterr' is not known" "$tmp/err" &&
   [ ! -e "$tmp/broken.pdf" ]; then pass "unknown-insert-reported"
else fail "unknown-insert-reported" "exit $rc: $(head -c 300 "$tmp/err")"; fi

# ---- a clinic's instrument file with a clinical norm ----------------------------
# Only a clinical norm (mean 40, SD 5): no T-score, so the chart keeps raw
# scores, but the cutoff (40 - 2 * 5 = 30) decides who is high, not the group.

cat >"$tmp/clinical.form" <<'FORM'
instrument psps "Perfectionistic Self-Presentation Scale" {
    scale nondisclosure "Nondisclosure of imperfection" {
        range 7 49
        higher worse
        items 7
        norm clinical mean 40 sd 5 source "A clinic's own figures, for testing"
    }
}
FORM
run summary ex/thursday.group -o clinical.pdf --instruments clinical.form
pdftotext "$tmp/clinical.pdf" "$tmp/clinical.txt" 2>/dev/null
if [ "$rc" -eq 0 ] && has "$tmp/clinical.txt" "nondisclosure 44 (raw score, in the clinical range)" &&
   has "$tmp/clinical.txt" "Ada: nondisclosure 36 (raw score, in the clinical range)" &&
   has "$tmp/clinical.txt" "on the clinical side of the cutoff"; then pass "clinical-norm-decides"
else fail "clinical-norm-decides" "exit $rc: $(grep -v warning "$tmp/err" | head -c 300)"; fi

# ---- a composition chart too long for a page -------------------------------------
# 100 generated members: the chart's rows would be too small on one page, so
# it goes on over pages, each part its own figure with its own axis, each
# after the first captioned "(continued)"; every member's row is drawn once,
# in the group's order, and each part's alternative text says whose rows it
# holds, the parts together members 1 to 100.

sh "$top/bench/gen_group.sh" "$tmp/gen" 100 g100 >/dev/null
RUN_IN=$tmp/gen run summary g100.group -o long.pdf
pdftotext -layout "$tmp/gen/long.pdf" "$tmp/long.txt" 2>/dev/null
# the chart's text: from its heading to the legend under its last part
awk '/^Composition$/ { on = 1 } on { print } /^Each cell places/ { on = 0 }' "$tmp/long.txt" >"$tmp/chart.txt"
grep -o '^ *Sam zq[a-z]*' "$tmp/chart.txt" | sed 's/^ *//' >"$tmp/rows.txt"
parts=$(grep -cx 'Composition (continued)' "$tmp/chart.txt")
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$tmp/rows.txt")" -eq 100 ] && [ "$(sort -u "$tmp/rows.txt" | wc -l)" -eq 100 ] &&
   sort -c "$tmp/rows.txt" 2>/dev/null && [ "$parts" -ge 2 ]; then pass "composition-continued"
else fail "composition-continued" "exit $rc: $(wc -l <"$tmp/rows.txt") rows, $(sort -u "$tmp/rows.txt" | wc -l) members, $parts parts continued"; fi
# each part a Figure of the structure tree whose /Alt names its members
qpdf --json=2 --json-key=qpdf "$tmp/gen/long.pdf" 2>/dev/null |
    awk '/"obj:/ { alt = "" } /"\/Alt": / { alt = $0 } /"\/S": "\/Figure"/ && alt != "" { print alt }' |
    grep -o 'members [0-9]*–[0-9]* of 100' | tr -c '0-9\n' ' ' >"$tmp/spans.txt"
spans=$(awk 'BEGIN { next_one = 1 } { if ($1 != next_one || $2 < $1) bad = 1; next_one = $2 + 1; n++ }
             END { print (bad || next_one != 101) ? "broken" : n }' "$tmp/spans.txt")
if [ "$spans" = "$((parts + 1))" ]; then pass "composition-parts-tagged"
else fail "composition-parts-tagged" "$parts parts continued, figures' spans: $(tr '\n' ';' <"$tmp/spans.txt")"; fi
# each part's caption a Caption of its Figure
n=$(captions "$tmp/gen/long.pdf" "Composition (continued)")
if [ "$n" -eq "$parts" ]; then pass "composition-parts-captioned"
else fail "composition-parts-captioned" "$n Captions in Figures for $parts parts continued"; fi
sed 's/language en/language fr/' "$tmp/gen/g100.group" >"$tmp/gen/f100.group"
RUN_IN=$tmp/gen run summary f100.group -o longfr.pdf
pdftotext "$tmp/gen/longfr.pdf" "$tmp/longfr.txt" 2>/dev/null
if [ "$rc" -eq 0 ] && [ "$(grep -cx 'Composition (suite)' "$tmp/longfr.txt")" -eq "$parts" ] &&
   qpdf --json=2 --json-key=qpdf "$tmp/gen/longfr.pdf" 2>/dev/null | grep -q '"/Alt": "u:Graphique de composition (suite).*membres 35 à'; then
    pass "composition-continued-fr"
else fail "composition-continued-fr" "exit $rc: $(grep -c 'suite' "$tmp/longfr.txt") continued"; fi
