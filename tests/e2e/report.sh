#!/bin/sh
# report.sh — end-to-end tests of `formc report`: every member's report is a
# valid PDF with embedded fonts, the right metadata and every clinical field;
# output is reproducible and private; drafts, names in many scripts, errors,
# -o onto the input, --paper letter, very long formulations, and the page
# chrome (title, running header, page numbers), the outcome words and the
# charts' words in a template's own words; a French report for a member
# whose language is French.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=report
. "$(dirname "$0")/lib/common.sh"

cp -R "$top/examples" "$tmp/ex" || exit 1
SHY=$(printf '\302\255')


. "$(dirname "$0")/lib/formtext.sh"

# phrase TEXT: four consecutive plain words (letters only, accented ones
# too) of TEXT, skipping the first word
phrase() {
    printf '%s\n' "$1" | awk '{
        n = 0
        for (i = 2; i <= NF; i++) {
            if ($i !~ /[[:punct:][:digit:]]/) { w[++n] = $i; if (n == 4) { print w[1] " " w[2] " " w[3] " " w[4]; exit } }
            else n = 0
        }
    }'
}

# squash: text with soft hyphens and all white space removed
squash() { sed "s/$SHY//g" | tr -d ' \t\n\r\f'; }

# has_phrase PDFTEXTFILE PHRASE
has_phrase() {
    needle=$(printf '%s' "$2" | squash)
    [ -n "$needle" ] && squash <"$1" | grep -qF -- "$needle"
}

# phrase_count PDFTEXTFILE PHRASE: how many times PHRASE is printed
phrase_count() {
    needle=$(printf '%s' "$2" | squash)
    squash <"$1" | grep -oF -- "$needle" | wc -l
}

# facets_once SRC PDFTEXTFILE: the facets of the CRP and the two triangles
# printed more than once (in a diagram and again under it), as "[spec]"
facets_once() {
    for spec in crp:acts_of_self crp:expectations_of_others crp:acts_of_others crp:introject \
                adaptation:need adaptation:affect adaptation:defense \
                object_relations:past object_relations:current object_relations:expected; do
        p=$(phrase "$(field "$1" "${spec%%:*}" "${spec#*:}")")
        [ -n "$p" ] && [ "$(phrase_count "$2" "$p")" -gt 1 ] && printf ' [%s]' "$spec"
    done
}

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

members=""
for f in "$tmp"/ex/members/*.form; do
    grep -q '^status draft' "$f" && continue
    members="$members $(basename "$f" .form)"
done

for m in $members; do
    src="$tmp/ex/members/$m.form"
    out="$tmp/$m-report.pdf"
    run report "$src" -o "$out"
    if [ "$rc" -ne 0 ] || [ ! -s "$out" ]; then
        fail "$m/written" "exit $rc: $(head -c 300 "$tmp/err")"
        continue
    fi
    pass "$m/written"

    if qpdf --check "$out" >"$tmp/qpdf" 2>&1; then pass "$m/qpdf"
    else fail "$m/qpdf" "$(head -c 300 "$tmp/qpdf")"; fi

    fonts=$(pdffonts "$out" 2>&1)
    nfonts=$(printf '%s\n' "$fonts" | tail -n +3 | wc -l)
    notemb=$(printf '%s\n' "$fonts" | tail -n +3 | awk '{ # emb is the 3rd field from "emb sub uni object ID"
        if ($(NF-4) != "yes") print $1 }')
    if [ "$nfonts" -gt 0 ] && [ -z "$notemb" ]; then pass "$m/fonts-embedded"
    else fail "$m/fonts-embedded" "fonts not embedded: ${notemb:-no fonts listed}"; fi

    name=$(sed -n 's/^patient "\([^"]*\)".*/\1/p' "$src")
    clin=$(sed -n 's/^clinician "\([^"]*\)".*/\1/p' "$src")
    info=$(pdfinfo "$out" 2>&1)
    title=$(printf '%s\n' "$info" | sed -n 's/^Title: *//p')
    author=$(printf '%s\n' "$info" | sed -n 's/^Author: *//p')
    case "$title" in *"$name"*) pass "$m/title" ;; *) fail "$m/title" "Title '$title' lacks '$name'" ;; esac
    if [ "$author" = "$clin" ]; then pass "$m/author"
    else fail "$m/author" "Author '$author', expected '$clin'"; fi

    pdftotext "$out" "$tmp/$m.txt" 2>/dev/null
    missing=""
    for spec in crp:acts_of_self crp:expectations_of_others crp:acts_of_others crp:introject \
                adaptation:need adaptation:affect adaptation:defense \
                object_relations:past object_relations:current object_relations:expected -:goal; do
        text=$(field "$src" "${spec%%:*}" "${spec#*:}")
        p=$(phrase "$text")
        if [ -z "$p" ]; then missing="$missing [$spec: no phrase found in the file]"; continue; fi
        has_phrase "$tmp/$m.txt" "$p" || missing="$missing [$spec: '$p']"
    done
    if [ -z "$missing" ]; then pass "$m/clinical-fields"
    else fail "$m/clinical-fields" "not in the report:$missing"; fi
    twice=$(facets_once "$src" "$tmp/$m.txt")
    if [ -z "$twice" ]; then pass "$m/each-text-once"
    else fail "$m/each-text-once" "printed more than once:$twice"; fi

    mode=$(stat -c %a "$out")
    if [ "$mode" = 600 ]; then pass "$m/mode-0600"; else fail "$m/mode-0600" "mode $mode"; fi

    run report "$src" -o "$tmp/$m-again.pdf"
    if [ "$rc" -eq 0 ] && cmp -s "$out" "$tmp/$m-again.pdf"; then pass "$m/reproducible"
    else fail "$m/reproducible" "second run (exit $rc) differs: $(cmp "$out" "$tmp/$m-again.pdf" 2>&1 | head -c 200)"; fi
done

# ---- the letterhead: the clinic's name, address and logo on page 1 ----------
pdftotext -f 1 -l 1 "$tmp/ada-report.pdf" "$tmp/p1.txt" 2>/dev/null
pdftotext -f 2 -l 2 "$tmp/ada-report.pdf" "$tmp/p2.txt" 2>/dev/null
imgs=$(pdfimages -f 1 -l 1 -list "$tmp/ada-report.pdf" 2>/dev/null | tail -n +3 | wc -l)
if grep -q "Larch Street Centre for Relational Psychotherapy" "$tmp/p1.txt" &&
   grep -q "1180 Larch Street, Suite 300" "$tmp/p1.txt" && grep -q "604-555-0142" "$tmp/p1.txt" &&
   [ "$imgs" -ge 1 ] && ! grep -q "1180 Larch Street, Suite 300" "$tmp/p2.txt"
then pass "letterhead"
else fail "letterhead" "page 1 lacks the clinic's name, address, phone or logo ($imgs images), or page 2 repeats it"; fi
run report --redact "$tmp/ex/members/ada.form" -o "$tmp/ada-redacted.pdf"
pdftotext "$tmp/ada-redacted.pdf" "$tmp/red.txt" 2>/dev/null
if [ "$rc" -eq 0 ] && ! grep -q "Larch Street\|removed\]" "$tmp/red.txt" &&
   [ "$(pdfimages -list "$tmp/ada-redacted.pdf" 2>/dev/null | tail -n +3 | wc -l)" -eq 0 ]
then pass "letterhead/not-when-de-identified"
else fail "letterhead/not-when-de-identified" "exit $rc: $(grep "Larch Street\|removed\]" "$tmp/red.txt" | head -n 2)"; fi

# ---- the draft -----------------------------------------------------------
# Every page carries the DRAFT watermark. The watermark is diagonal, and
# pdftotext (poppler) drops diagonal text, so each page's content stream is
# read too: a page passes when pdftotext or its content stream shows DRAFT.
draft="$tmp/ex/members/kai.form"
run report "$draft" -o "$tmp/kai.pdf"
if [ "$rc" -ne 0 ] || [ ! -s "$tmp/kai.pdf" ]; then
    fail "draft/written" "exit $rc: $(head -c 300 "$tmp/err")"
else
    pass "draft/written"
    n=$(pages "$tmp/kai.pdf")
    qpdf --qdf --object-streams=disable "$tmp/kai.pdf" "$tmp/kai-qdf.pdf" 2>/dev/null
    bad="" i=1
    while [ "$i" -le "${n:-0}" ]; do
        if ! pdftotext -f "$i" -l "$i" "$tmp/kai.pdf" - 2>/dev/null | grep -q DRAFT &&
           ! awk -v p="$i" '/^%% Contents for page /{ on = ($5 == p) } on && /\(DRAFT\) *Tj/ { f = 1 } END { exit !f }' \
               "$tmp/kai-qdf.pdf"; then
            bad="$bad $i"
        fi
        i=$((i + 1))
    done
    if [ "${n:-0}" -gt 0 ] && [ -z "$bad" ]; then pass "draft/every-page-DRAFT"
    else fail "draft/every-page-DRAFT" "no DRAFT on page(s)${bad:- (no pages)} of $n"; fi
    if pdftotext "$tmp/kai.pdf" - 2>/dev/null | grep -q 'to be completed'; then pass "draft/to-be-completed"
    else fail "draft/to-be-completed" "no 'to be completed' in the draft's report"; fi
fi

# A French draft says « brouillon » for a draft in every document, and across
# every page the mark in its own language: its report's status and mark, its
# letter's note and mark (the word the letter already used), never the
# report's former « ébauche ». The mark is read from each page's content
# stream (pdftotext drops diagonal text; cairo splits a word for kerning).
watermarked() {   # PDF WORD: the pages without WORD across them
    qpdf --qdf --object-streams=disable "$1" "$tmp/wm.pdf" 2>/dev/null
    n=$(pages "$1")
    awk -v want="$2" -v n="${n:-0}" '
        /^%% Contents for page / { page = $5 }
        /\/Subtype \/Watermark/ { mark = 1 }
        mark && /T[jJ]$/ { t = $0; gsub(/\)-?[0-9.]+\(/, "", t); if (index(t, "(" want ")")) seen[page] = 1; mark = 0 }
        END { for (p = 1; p <= n; p++) if (!seen[p]) printf " %d", p; if (!n) print " (no pages)" }' "$tmp/wm.pdf"
}
sed 's|^group "../thursday.group".*|&\nlanguage fr|' "$draft" >"$tmp/ex/members/kai-fr.form"
run report "$tmp/ex/members/kai-fr.form" -o "$tmp/kai-fr.pdf"; rc_report=$rc
run letter "$tmp/ex/members/kai-fr.form" -o "$tmp/kai-fr-letter.pdf"
pdftotext "$tmp/kai-fr.pdf" "$tmp/kai-fr.txt" 2>/dev/null
pdftotext "$tmp/kai-fr-letter.pdf" "$tmp/kai-fr-letter.txt" 2>/dev/null
bad_report=$(watermarked "$tmp/kai-fr.pdf" BROUILLON) bad_letter=$(watermarked "$tmp/kai-fr-letter.pdf" BROUILLON)
if [ "$rc_report" -eq 0 ] && [ "$rc" -eq 0 ] && [ -z "$bad_report" ] && [ -z "$bad_letter" ] &&
   grep -q "Brouillon.*: ne pas verser au dossier" "$tmp/kai-fr.txt" &&
   grep -q "Brouillon, pas encore relu" "$tmp/kai-fr-letter.txt" &&
   ! cat "$tmp/kai-fr.txt" "$tmp/kai-fr-letter.txt" "$tmp/wm.pdf" | grep -aqi "bauche\|DRAFT"
then pass "draft/french-brouillon"
else fail "draft/french-brouillon" "exit $rc_report/$rc; no BROUILLON on report page(s)$bad_report, letter page(s)$bad_letter; $(grep -ai "bauche" "$tmp/kai-fr.txt" | head -n 1)"; fi

# ---- names in many scripts -----------------------------------------------
multi="Ελένη Иванова محمد שרה 李明 Zoë"
sed "s/^patient \"[^\"]*\"/patient \"$multi\"/" "$tmp/ex/members/zoe.form" >"$tmp/ex/members/multi.form"
run report "$tmp/ex/members/multi.form" -o "$tmp/multi.pdf"
if [ "$rc" -ne 0 ] || [ ! -s "$tmp/multi.pdf" ]; then
    fail "multi-script-name" "exit $rc: $(head -c 300 "$tmp/err")"
else
    pdftotext "$tmp/multi.pdf" "$tmp/multi.txt" 2>/dev/null
    miss=""
    for w in $multi; do grep -qF -- "$w" "$tmp/multi.txt" || miss="$miss $w"; done
    if [ -z "$miss" ]; then pass "multi-script-name"
    else fail "multi-script-name" "pdftotext does not find:$miss"; fi
fi
rm -f "$tmp/ex/members/multi.form"

# ---- an input with an error ----------------------------------------------
sed 's/^\( *hfmps.self_oriented\) [0-9]*/\1 9999/' "$tmp/ex/members/ada.form" >"$tmp/ex/members/bad.form"
mkdir "$tmp/errout"
run report "$tmp/ex/members/bad.form" -o "$tmp/errout/bad.pdf"
left=$(ls -A "$tmp/errout")
if [ "$rc" -eq 1 ] && [ -z "$left" ]; then pass "error/exit-1-nothing-written"
else fail "error/exit-1-nothing-written" "exit $rc, left in the output directory: '${left}'; stderr: $(head -c 200 "$tmp/err")"; fi
rm -f "$tmp/ex/members/bad.form"

# ---- -o onto the input ---------------------------------------------------
cp "$tmp/ex/members/ada.form" "$tmp/ada.copy"
run report "$tmp/ex/members/ada.form" -o "$tmp/ex/members/ada.form"
if [ "$rc" -eq 2 ] && cmp -s "$tmp/ada.copy" "$tmp/ex/members/ada.form"; then pass "output-onto-input-refused"
else fail "output-onto-input-refused" "exit $rc (expected 2), input $(cmp -s "$tmp/ada.copy" "$tmp/ex/members/ada.form" && echo unchanged || echo CHANGED)"; fi
cp "$tmp/ada.copy" "$tmp/ex/members/ada.form"

# ---- --paper letter ------------------------------------------------------
run report "$tmp/ex/members/ada.form" -o "$tmp/letterpaper.pdf" --paper letter
size=$(pdfinfo "$tmp/letterpaper.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1x\2/p')
if [ "$rc" -eq 0 ] && [ "$size" = "612x792" ]; then pass "paper-letter"
else fail "paper-letter" "exit $rc, page size '$size'"; fi

# ---- a very long formulation ---------------------------------------------
long=$(field "$tmp/ex/members/ada.form" crp acts_of_self | tr -d '"')
words=$(printf '%s\n' "$long" | wc -w)
reps=$((3000 / words + 1))
body=""
i=0
while [ "$i" -lt "$reps" ]; do body="$body $long"; i=$((i + 1)); done
awk -v body="$body" '
    /^crp[ \t]*[{]/ { print; print "    acts_of_self \"\"\"" body "\"\"\""; skip = 1; next }
    skip && /^[ \t]*expectations_of_others/ { skip = 0 }
    !skip { print }
' "$tmp/ex/members/ada.form" >"$tmp/ex/members/long.form"
base=$(pages "$tmp/ada-report.pdf")
run report "$tmp/ex/members/long.form" -o "$tmp/long.pdf"
n=$(pages "$tmp/long.pdf")
if [ "$rc" -ne 0 ]; then
    fail "long-formulation" "exit $rc: $(head -c 300 "$tmp/err")"
elif ! qpdf --check "$tmp/long.pdf" >/dev/null 2>&1; then
    fail "long-formulation" "qpdf --check fails"
elif [ "${n:-0}" -lt $((${base:-0} + 3)) ]; then
    fail "long-formulation" "$n pages, against $base for the ordinary report"
else
    pass "long-formulation"
fi
# a text too long for the diagram's box is printed once, under a diagram of
# the facet names
pdftotext "$tmp/long.pdf" "$tmp/long.txt" 2>/dev/null
twice=$(facets_once "$tmp/ex/members/long.form" "$tmp/long.txt" | sed 's/ \[crp:acts_of_self\]//')
# (a page break between its words, with the running header, hides a few)
count=$(phrase_count "$tmp/long.txt" "$(phrase "$long")")
if [ -s "$tmp/long.txt" ] && [ -z "$twice" ] && [ "$count" -le "$reps" ] && [ "$count" -ge $((reps - n)) ]; then
    pass "long-formulation/each-text-once"
else
    fail "long-formulation/each-text-once" "printed more than once:$twice, or the long text printed $count times, not $reps"
fi
rm -f "$tmp/ex/members/long.form"

# ---- the page chrome's words come from the template ----------------------
mkdir "$tmp/own"
sed -e 's/^@insert document .*/@insert document | Rapport : {{patient.name}} | Document confidentiel | feuille %d sur %d/' \
    -e 's/| recovered | improved | unchanged | deteriorated | not computable | .*$/| rétabli | amélioré | inchangé | détérioré | non calculable | Déjà au-delà du seuil avant le groupe./' \
    -e 's/^Truax (1991): .*/Truax (1991)./' -e '/^reliable improvement that carries the score/d' \
    -e '/^cutoff to past it), improved/d' -e '/^deteriorated\.$/d' \
    -e 's/^@insert profile .*/@insert profile | Avant | Après | Suivi | score T | bande normative | aucune norme publiée | aucun score T/' \
    -e 's/^@insert change .*/@insert change | Av. | Ap. | Su. | plein : fiable | vide : non fiable | seuil clinique | seuil | amélioration fiable à | aggravation fiable à | et | aucun changement fiable | plus bas est mieux | plus haut est mieux | aucun score/' \
    "$FORMC_DATADIR/report.en.tmpl" >"$tmp/own/report.en.tmpl"
run report "$tmp/ex/members/ada.form" --templates "$tmp/own" -o "$tmp/own.pdf"
title=$(pdfinfo "$tmp/own.pdf" 2>/dev/null | sed -n 's/^Title: *//p')
n=$(pages "$tmp/own.pdf")
pdftotext "$tmp/own.pdf" "$tmp/own.txt" 2>/dev/null
if [ "$rc" -eq 0 ] && [ "$title" = "Rapport : Adaeze Nwosu" ] &&
   grep -q "feuille 1 sur $n" "$tmp/own.txt" && grep -q "Document confidentiel" "$tmp/own.txt" &&
   ! grep -q "Confidential\|page 1 of" "$tmp/own.txt"
then pass "chrome-from-template"
else fail "chrome-from-template" "exit $rc, title '$title': $(head -c 300 "$tmp/err")"; fi
# a table's cells in the order they are drawn, row by row
cells=$(pdftotext -raw "$tmp/own.pdf" - 2>/dev/null | tr -s '\n ' '  ')
if [ "$rc" -eq 0 ] && printf '%s\n' "$cells" | grep -q "2.62 rétabli" &&
   printf '%s\n' "$cells" | grep -q "inchangé" && printf '%s\n' "$cells" | tr '\n' ' ' | grep -q "non calculable" &&
   ! printf '%s\n' "$cells" | tr '\n' ' ' | grep -q "recovered\|unchanged\|not computable"
then pass "outcome-words-from-template"
else fail "outcome-words-from-template" "exit $rc: English outcome words left in the table"; fi
# the charts' words: the legends, the axis, the notes under each panel (the
# template's own wording elsewhere still says "T-score" and "Follow-up")
if [ "$rc" -eq 0 ] && grep -q "score T" "$tmp/own.txt" && grep -q "bande normative" "$tmp/own.txt" &&
   grep -q "Suivi" "$tmp/own.txt" && grep -q "amélioration fiable à Ap." "$tmp/own.txt" &&
   grep -q "plus bas est mieux" "$tmp/own.txt" && grep -q "seuil clinique" "$tmp/own.txt" &&
   ! grep -q "norm band\|reliably better\|lower is better\|clinical cutoff\|no published norm in" "$tmp/own.txt"
then pass "chart-words-from-template"
else fail "chart-words-from-template" "exit $rc: $(grep -o "norm band\|reliably better\|lower is better\|clinical cutoff\|no published norm in" "$tmp/own.txt" | sort -u | tr '\n' ' ')"; fi

# ---- a French-speaking member gets a French report -------------------------
sed 's|^group "../thursday.group".*|&\nlanguage fr|' "$tmp/ex/members/ada.form" >"$tmp/ex/members/ada-fr.form"
run report "$tmp/ex/members/ada-fr.form" -o "$tmp/fr.pdf"
pdftotext "$tmp/fr.pdf" "$tmp/fr.raw" 2>/dev/null
tr -d "$SHY" <"$tmp/fr.raw" | tr '\n' ' ' >"$tmp/fr.txt"
missing=""
for w in "Rapport de formulation" "Schéma relationnel cyclique" "Triangle de l’adaptation" \
         "Triangle des relations d’objet" "Objectifs thérapeutiques" "4 septembre 1989" \
         "−2,62" "rétabli" "page 1 sur" "Confidentiel" "Profil par rapport aux normes" "une baisse est favorable" "(semaines 1 à 3)" "(semaines 11 et 12)" \
         "(cible : non" "Avant : 7 janvier 2026 ; après :" "rétabli (amélioration fiable qui fait franchir au score le seuil clinique, vers la zone non clinique)" \
         "Signature : _" "Date : _"; do
    grep -qF -- "$w" "$tmp/fr.txt" || missing="$missing '$w'"
done
# a scale's name starts in lower case within a sentence, as French writes it
for w in "Formulation report" "Cyclical Relational Pattern" "Treatment goals" "September" "−2.62" "page 1 of" "(cible : Non"; do
    grep -qF -- "$w" "$tmp/fr.txt" && missing="$missing (English: '$w')"
done
lang=$(pdfinfo "$tmp/fr.pdf" 2>/dev/null | sed -n 's/^Title: *//p')
if [ "$rc" -eq 0 ] && [ -z "$missing" ] && [ "$lang" = "Rapport de formulation$(printf '\302\240'): Adaeze Nwosu" ]
then pass "french"
else fail "french" "exit $rc, title '$lang', missing:$missing"; fi
# an English report writes its dates as the letter does, month first
run report "$tmp/ex/members/ada.form" -o "$tmp/en-dates.pdf"
pdftotext "$tmp/en-dates.pdf" - 2>/dev/null | tr -d "$SHY" | tr '\n' ' ' >"$tmp/en-dates.txt"
missing=""
for w in "born September 4, 1989; age on January 15, 2026" "from January 15, 2026, 12 weeks" \
         "Pre January 7, 2026; Post April 10, 2026"; do
    grep -qF -- "$w" "$tmp/en-dates.txt" || missing="$missing '$w'"
done
[ "$rc" -eq 0 ] && [ -z "$missing" ] && pass "dates-month-first" || fail "dates-month-first" "exit $rc, missing:$missing"
# a goal's target on a scale with no pre score: the report says so beside
# "met", which tells where the later score is, not that the member moved
sed '26d' "$tmp/ex/members/ada.form" >"$tmp/ex/members/ada-nopre.form"
run report "$tmp/ex/members/ada-nopre.form" -o "$tmp/nopre.pdf"
pdftotext "$tmp/nopre.pdf" - 2>/dev/null | tr -d "$SHY" | tr -s ' \n' '  ' >"$tmp/nopre.txt"
if [ "$rc" -eq 0 ] && grep -qF "at or below 28, by week 8; no pre score, so whether it was met before the group is not known; post: met; follow-up: met" "$tmp/nopre.txt" &&
   grep -qF "psps.nondisclosure has no pre score" "$tmp/err"
then pass "goal-target-no-pre"
else fail "goal-target-no-pre" "exit $rc: $(grep -o 'target: .\{0,160\}' "$tmp/nopre.txt" | head -n 2) $(head -c 300 "$tmp/err")"; fi
# the library's French names, and a clinic's own for one of them
printf 'instrument hfmps {\n    scale self_oriented fr "Exigence envers soi"\n}\n' >"$tmp/names.form"
run report "$tmp/ex/members/ada-fr.form" --instruments "$tmp/names.form" -o "$tmp/fr2.pdf"
pdftotext "$tmp/fr2.pdf" - 2>/dev/null | sed "s/$SHY//g" | tr '\n' ' ' >"$tmp/fr2.txt"
if [ "$rc" -eq 0 ] && grep -qF "Exigence envers soi (hfmps)" "$tmp/fr2.txt" &&
   grep -qF "Perfectionnisme socialement prescrit (hfmps)" "$tmp/fr2.txt" &&
   grep -qF "Normes « étudiants universitaires » :" "$tmp/fr2.txt" &&
   ! grep -qF "Self-oriented" "$tmp/fr2.txt"
then pass "french/instrument-names"
else fail "french/instrument-names" "exit $rc: $(head -c 300 "$tmp/err")"; fi
# a French report prints the patient's pronouns in their French form when
# the file gives one after the English: "she/her" fr "elle"
sed 's|pronouns "she/her"|pronouns "she/her" fr "elle"|' "$tmp/ex/members/ada-fr.form" >"$tmp/ex/members/ada-fr-elle.form"
run report "$tmp/ex/members/ada-fr-elle.form" -o "$tmp/fr-elle.pdf"
pdftotext -layout "$tmp/fr-elle.pdf" - 2>/dev/null | grep "Pronoms" >"$tmp/fr-elle.txt"
if [ "$rc" -eq 0 ] && grep -q "Pronoms  *elle$" "$tmp/fr-elle.txt" &&
   pdftotext -layout "$tmp/fr.pdf" - 2>/dev/null | grep -q "Pronoms  *she/her$"
then pass "french/pronouns"
else fail "french/pronouns" "exit $rc: $(cat "$tmp/fr-elle.txt")"; fi
# the norms under the score table: their source named once for the scales
# that share it, each scale by its name, never by its identifier
run report "$tmp/ex/members/ada.form" -o "$tmp/norms.pdf"
pdftotext "$tmp/norms.pdf" "$tmp/norms.txt" 2>/dev/null
source="A mixed methods study of an online intervention to reduce perfectionism"
if [ "$rc" -eq 0 ] && [ "$(phrase_count "$tmp/norms.txt" "$source")" -eq 1 ] &&
   has_phrase "$tmp/norms.txt" "Norms “university students”: Self-oriented perfectionism (hfmps), mean 65.27, SD 14.01; Socially prescribed perfectionism (hfmps), mean 48.17, SD 12.88." &&
   ! grep -q "hfmps\.self_oriented\|hfmps\.socially" "$tmp/norms.txt"
then pass "norm-notes"
else fail "norm-notes" "exit $rc: the source printed $(phrase_count "$tmp/norms.txt" "$source") times, or a scale named by its identifier"; fi
# in French, a scale's name after the colon of a note starts in lower case
if [ "$(phrase_count "$tmp/fr.raw" "$source")" -eq 1 ] &&
   has_phrase "$tmp/fr.raw" "Normes « étudiants universitaires » : perfectionnisme orienté vers soi (hfmps), moyenne 65,27, écart type 14,01 ; perfectionnisme socialement prescrit (hfmps)" &&
   ! grep -q "hfmps\.self_oriented" "$tmp/fr.raw"
then pass "french/norm-notes"
else fail "french/norm-notes" "the French source printed $(phrase_count "$tmp/fr.raw" "$source") times, or a scale by its identifier"; fi
rm -f "$tmp/ex/members/ada-fr.form"

# ---- the clinical cutoffs under the score table ------------------------------
# each outcome is judged against a cutoff the report named nowhere but in
# the change chart; now each is printed with how it was found. By hand
# (Jacobson & Truax, 1991): b = 65.27 + 2 * 14.01 = 93.29 and 48.17 + 2 *
# 12.88 = 73.93; with a clinic's clinical norm, c = (9.8 * 65.27 + 14.01 *
# 84.2) / (9.8 + 14.01) = 76.41, and a = 15 + 2 * 5 = 25 on swls (higher
# is better)
if has_phrase "$tmp/norms.txt" "Clinical cutoffs (Jacobson & Truax, 1991), by which the outcomes are classified: Self-oriented perfectionism (hfmps) 93.29 (b: the reference norm’s mean + 2 SD); Socially prescribed perfectionism (hfmps) 73.93 (b: the reference norm’s mean + 2 SD)."
then pass "cutoff-notes/b"
else fail "cutoff-notes/b" "$(grep -A3 'Clinical cutoffs' "$tmp/norms.txt" | tr '\n' ' ')"; fi
cat > "$tmp/clinical.form" <<'F'
instrument hfmps {
    scale self_oriented {
        norm clinical mean 84.2 sd 9.8 n 52 sample "52 members" source "Local."
    }
}
instrument swls {
    scale total {
        norm clinical mean 15 sd 5 n 52 sample "52 members" source "Local."
    }
}
F
run report "$tmp/ex/members/ada.form" --instruments "$tmp/clinical.form" -o "$tmp/cut.pdf"
pdftotext "$tmp/cut.pdf" "$tmp/cut.txt" 2>/dev/null
if [ "$rc" -eq 0 ] &&
   has_phrase "$tmp/cut.txt" "Self-oriented perfectionism (hfmps) 76.41 (c: between the two norms’ means, equally far from each in that norm’s SDs);" &&
   has_phrase "$tmp/cut.txt" "Life satisfaction (swls) 25.00 (a: the clinical norm’s mean + 2 SD)."
then pass "cutoff-notes/a-and-c"
else fail "cutoff-notes/a-and-c" "exit $rc: $(grep -A4 'Clinical cutoffs' "$tmp/cut.txt" | tr '\n' ' ')"; fi
if has_phrase "$tmp/fr.raw" "Seuils cliniques (Jacobson et Truax, 1991), qui servent à classer les résultats : perfectionnisme orienté vers soi (hfmps) 93,29 (b : moyenne de la norme de référence + 2 écarts types) ; perfectionnisme socialement prescrit (hfmps)"
then pass "french/cutoff-notes"
else fail "french/cutoff-notes" "$(grep -A3 'Seuils cliniques' "$tmp/fr.raw" | tr '\n' ' ')"; fi

# ---- a chart split between pages: each part after the first captioned -----------
# Gerald's change chart ends page 2 and goes on at the top of page 3 under
# its heading and "(continued)" (« (suite) » in French), a Caption of the
# chart's one Figure; the part on page 2 has none
. "$(dirname "$0")/lib/continued.sh"
run report "$tmp/ex/members/gerry.form" -o "$tmp/gerry.pdf"
bad=$(continued "$tmp/gerry.pdf" 3 "Change from pre to post and follow-up (continued)")
if [ "$rc" -eq 0 ] && [ -z "$bad" ]; then pass "chart-split-continued"
else fail "chart-split-continued" "exit $rc: $bad"; fi
sed 's|^group "../thursday.group".*|&\nlanguage fr|' "$tmp/ex/members/gerry.form" >"$tmp/ex/members/gerry-fr.form"
run report "$tmp/ex/members/gerry-fr.form" -o "$tmp/gerry-fr.pdf"
bad=$(continued "$tmp/gerry-fr.pdf" 3 "Évolution avant, après et au suivi (suite)")
if [ "$rc" -eq 0 ] && [ -z "$bad" ]; then pass "chart-split-continued-fr"
else fail "chart-split-continued-fr" "exit $rc: $bad"; fi
