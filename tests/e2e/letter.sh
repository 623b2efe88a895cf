#!/bin/sh
# letter.sh — end-to-end tests of `formc letter`: every member's letter has
# the group's practical details, the clinician's words and no clinical terms
# or scores; French letters; a clinic's own templates; template errors with
# their line and column; a member with no group.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=letter
. "$(dirname "$0")/lib/common.sh"

cp -R "$top/examples" "$tmp/ex" || exit 1
SHY=$(printf '\302\255')

. "$(dirname "$0")/lib/formtext.sh"

# phrase TEXT: four consecutive plain words of TEXT, skipping the first word
phrase() {
    printf '%s\n' "$1" | awk '{
        n = 0
        for (i = 2; i <= NF; i++) {
            if ($i ~ /^[A-Za-z]+$/) { w[++n] = $i; if (n == 4) { print w[1] " " w[2] " " w[3] " " w[4]; exit } }
            else n = 0
        }
    }'
}

# flat FILE: the text with soft hyphens that end a line removed and every
# line joined with a space, white space runs squeezed to one space
flat() {
    sed "s/$SHY\$//" "$1" | awk '{ if (prev ~ /'"$SHY"'$/ || prev == "") printf "%s", $0; else printf " %s", $0; prev = $0 } END { print "" }' |
        sed "s/$SHY//g" | tr -s ' \t\f' '  '
}
# contains FLATFILE TEXT: TEXT (white space squeezed) is in FLATFILE
contains() {
    needle=$(printf '%s' "$2" | tr -s ' \t\n' '   ')
    grep -qF -- "$needle" "$1"
}

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

grp="$tmp/ex/thursday.group"
gstr() { sed -n "s/^ *$1 \"\([^\"]*\)\".*/\1/p" "$grp" | head -1; }
meets=$(gstr meets)
place=$(gstr place)
# the French the group gives for them: NAME "..." fr "..." (the second text
# may run over lines)
gfr() { perl -0777 -ne 'if (/^\s*'"$1"' "[^"]*"\s+fr\s+"([^"]*)"/m) { $_ = $1; s/\s+/ /g; print }' "$grp"; }
meets_fr=$(gfr meets)
place_fr=$(gfr place)
leaders=$(sed -n 's/^ *leader "\([^"]*\)".*/\1/p' "$grp")
weeks=$(sed -n 's/^ *weeks \([0-9]*\).*/\1/p' "$grp" | head -1)
# numbers the letter may legitimately print: dates, clinic and group details
fixed_numbers=$(cat "$grp" "$tmp/ex/clinic.form" | grep -v '^ *#' | grep -Eo '[0-9]+' | sort -u)

for f in "$tmp"/ex/members/*.form; do
    grep -q '^status draft' "$f" && continue
    m=$(basename "$f" .form)
    out="$tmp/$m-letter.pdf"
    run letter "$f" -o "$out"
    if [ "$rc" -ne 0 ] || [ ! -s "$out" ]; then
        fail "$m/written" "exit $rc: $(head -c 300 "$tmp/err")"
        continue
    fi
    pass "$m/written"
    n=$(pages "$out")
    if [ "${n:-0}" -ge 1 ] && [ "$n" -le 2 ]; then pass "$m/at-most-2-pages"
    else fail "$m/at-most-2-pages" "$n pages"; fi

    pdftotext "$out" "$tmp/$m.raw" 2>/dev/null
    flat "$tmp/$m.raw" >"$tmp/$m.txt"
    preferred=$(sed -n 's/^ *preferred "\([^"]*\)".*/\1/p' "$f" | head -1)
    pat=$(phrase "$(field "$f" letter pattern)")
    missing=""
    if grep -q '^language fr' "$f"; then      # a French-speaking member's letter
        set -- "jeudi 15 janvier 2026" "$meets_fr" "$place_fr" "$weeks semaines" "Bonjour $preferred,"
    else
        set -- "Thursday, January 15, 2026" "$meets" "$place" "$weeks weeks" "Dear $preferred,"
    fi
    # the letter is dated the day its 'dated' line gives, not the day it is made
    dated=$(sed -n 's/^ *dated \([0-9-]*\).*/\1/p' "$f" | head -1)
    if [ -z "$dated" ]; then set -- "$@" "[no 'dated' line in $f]"
    elif grep -q '^language fr' "$f"; then
        set -- "$@" "$(date -u -d "$dated" '+%-d') $(echo janvier février mars avril mai juin juillet août septembre octobre novembre décembre |
            cut -d' ' -f"$(date -u -d "$dated" '+%-m')") $(date -u -d "$dated" '+%Y')"
    else set -- "$@" "$(LC_ALL=C date -u -d "$dated" '+%A, %B %-d, %Y')"; fi
    for want in "$@" "$pat"; do
        if [ -z "$want" ]; then missing="$missing [an expected text could not be read from the examples]"; continue; fi
        contains "$tmp/$m.txt" "$want" || missing="$missing [$want]"
    done
    printf '%s\n' "$leaders" >"$tmp/leaders"
    while IFS= read -r l; do
        contains "$tmp/$m.txt" "$l" || missing="$missing [$l]"
    done <"$tmp/leaders"
    if [ -z "$missing" ]; then pass "$m/content"
    else fail "$m/content" "not in the letter:$missing"; fi

    # a printed letter can be put back in order: its last page says so
    if grep -q '^language fr' "$f"; then last="page $n sur $n"; else last="page $n of $n"; fi
    if contains "$tmp/$m.txt" "$last"; then pass "$m/page-numbers"
    else fail "$m/page-numbers" "no '$last' in the letter"; fi

    found=""
    for term in introject "object relations" "cyclical relational pattern" defense defence \
                T-score percentile "reliable change" hfmps psps self-oriented "socially prescribed"; do
        grep -qiF -- "$term" "$tmp/$m.txt" && found="$found [$term]"
    done
    if [ -z "$found" ]; then pass "$m/no-clinical-terms"
    else fail "$m/no-clinical-terms" "the letter says:$found"; fi

    numbers=$(grep -Eo '[0-9]+' "$tmp/$m.txt" | sort -u)
    leaked="" checked=0
    for scale in hfmps.self_oriented hfmps.socially_prescribed pci.total bdi.total; do
        v=$(awk -v s="$scale" '/^assessment pre/ { on = 1 } on && $1 == s { print $2; exit }' "$f")
        [ -n "$v" ] || continue
        printf '%s\n' "$fixed_numbers" | grep -qx -- "$v" && continue
        checked=$((checked + 1))
        printf '%s\n' "$numbers" | grep -qx -- "$v" && leaked="$leaked [$scale $v]"
    done
    if [ "$checked" -eq 0 ]; then fail "$m/no-scores" "no score could be checked"
    elif [ -z "$leaked" ]; then pass "$m/no-scores"
    else fail "$m/no-scores" "the letter prints scores:$leaked"; fi
done

# ---- French --------------------------------------------------------------
sed 's/^\( *language\) en/\1 fr/' "$grp" >"$tmp/ex/fr.group"
run letter "$tmp/ex/members/ada.form" --group "$tmp/ex/fr.group" -o "$tmp/fr.pdf"
if [ "$rc" -ne 0 ] || [ ! -s "$tmp/fr.pdf" ]; then
    fail "french" "exit $rc: $(head -c 300 "$tmp/err")"
else
    pdftotext "$tmp/fr.pdf" "$tmp/fr.raw" 2>/dev/null
    flat "$tmp/fr.raw" >"$tmp/fr.txt"
    missing=""
    for want in "jeudi 15 janvier 2026" "Bonjour Ada," "$weeks semaines" "Au plaisir de vous retrouver dans le groupe."; do
        contains "$tmp/fr.txt" "$want" || missing="$missing [$want]"
    done
    contains "$tmp/fr.txt" "Dear Ada" && missing="$missing [the English greeting is present]"
    # a French letter is dated as French letters are: "Le lundi 12 janvier 2026"
    grep -q "^Le [a-z]* [0-9]* [a-zéû]* 20[0-9][0-9]$" "$tmp/fr.raw" || missing="$missing [Le DATE]"
    if [ -z "$missing" ]; then pass "french"
    else fail "french" "French letter lacks:$missing"; fi
fi
# a de-identified French letter says so as the report does (« dépersonnalisée »:
# names and dates are changed, not made anonymous), and has no date to begin with « Le »
run letter "$tmp/ex/members/ada.form" --group "$tmp/ex/fr.group" --redact -o "$tmp/fr-redacted.pdf"
pdftotext "$tmp/fr-redacted.pdf" "$tmp/fr-redacted.raw" 2>/dev/null
if [ "$rc" -eq 0 ] && grep -q "^Copie dépersonnalisée pour la supervision" "$tmp/fr-redacted.raw" &&
   grep -q "^\[date retirée\]$" "$tmp/fr-redacted.raw" && ! grep -qi "anonymis" "$tmp/fr-redacted.raw"
then pass "french/de-identified"
else fail "french/de-identified" "exit $rc: $(head -n 12 "$tmp/fr-redacted.raw" | tr '\n' '|')"; fi

# ---- a clinic's own templates --------------------------------------------
mkdir "$tmp/clinic"
{
    echo '{{! a clinic template for the tests }}'
    echo '@insert document | For {{patient.preferred}} from our clinic | Private | sheet %d of %d'
    echo 'Dear {{patient.preferred}},'
    echo ''
    echo 'Our clinic wishes you a zebra-striped welcome to {{group.title}}.'
    echo ''
    echo '@signature'
    echo '{{clinician}}'
} >"$tmp/clinic/letter.en.tmpl"
run letter "$tmp/ex/members/ada.form" --templates "$tmp/clinic" -o "$tmp/clinic.pdf"
if [ "$rc" -ne 0 ] || [ ! -s "$tmp/clinic.pdf" ]; then
    fail "clinic-templates" "exit $rc: $(head -c 300 "$tmp/err")"
else
    pdftotext "$tmp/clinic.pdf" "$tmp/clinic.raw" 2>/dev/null
    flat "$tmp/clinic.raw" >"$tmp/clinic.txt"
    if contains "$tmp/clinic.txt" "zebra-striped welcome to Thursday evening perfectionism group" &&
       ! contains "$tmp/clinic.txt" "The practical details" && contains "$tmp/clinic.txt" "sheet 1 of 1" &&
       contains "$tmp/clinic.txt" "Private" &&
       pdfinfo "$tmp/clinic.pdf" | grep -q "^Title: *For Ada from our clinic$"; then pass "clinic-templates"
    else fail "clinic-templates" "the clinic's template was not used: $(head -c 200 "$tmp/clinic.txt")"; fi
fi

# ---- a template with an unknown name -------------------------------------
# line 20, "{{" at column 4 and the name at column 7, counting characters
mkdir "$tmp/broken"
awk 'NR == 20 { print "Xé {{ patient.nam }} ok" } { print }' "$FORMC_DATADIR/letter.en.tmpl" >"$tmp/broken/letter.en.tmpl"
run letter "$tmp/ex/members/ada.form" --templates "$tmp/broken" -o "$tmp/broken.pdf"
diag=$(grep -E 'letter\.en\.tmpl:[0-9]+:[0-9]+: error:' "$tmp/err" | head -1)
case "$diag" in
    *"/broken/letter.en.tmpl:20:4: error:"*|*"/broken/letter.en.tmpl:20:7: error:"*) where=ok ;;
    *) where=bad ;;
esac
if [ "$rc" -ne 0 ] && [ "$where" = ok ] && [ ! -e "$tmp/broken.pdf" ] && grep -q "patient.nam" "$tmp/err"; then
    pass "template-unknown-name"
else
    fail "template-unknown-name" "exit $rc, pdf $([ -e "$tmp/broken.pdf" ] && echo written || echo absent), diagnostic: ${diag:-$(head -c 300 "$tmp/err")}"
fi

# ---- no group ------------------------------------------------------------
sed 's/^group .*//' "$tmp/ex/members/ada.form" >"$tmp/ex/members/nogroup.form"
mkdir "$tmp/nogroup"
run letter "$tmp/ex/members/nogroup.form" -o "$tmp/nogroup/nogroup.pdf"
left=$(ls -A "$tmp/nogroup")
if [ "$rc" -eq 1 ] && [ -z "$left" ] && grep -q "nogroup.form" "$tmp/err"; then pass "no-group"
else fail "no-group" "exit $rc (expected 1), output dir: '$left', stderr: $(head -c 300 "$tmp/err")"; fi
rm -f "$tmp/ex/members/nogroup.form"
