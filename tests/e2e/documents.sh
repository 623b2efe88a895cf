#!/bin/sh
# documents.sh — end-to-end tests of what the report and the letter share:
# their wording comes from templates a clinic can replace (the report's
# sections, and @insert errors at their template line); the letter has the
# report's output guarantees (same bytes for the same input, PDF metadata,
# private atomic writes, names in any script with every font embedded).
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=documents
. "$(dirname "$0")/lib/common.sh"

cp -R "$top/examples" "$tmp/ex" || exit 1
ada="$tmp/ex/members/ada.form"


# text PDF: the words of PDF on one line, white space squeezed
text() { pdftotext "$1" - 2>/dev/null | tr '\n' ' ' | tr -s ' \t' '  '; }

# ---- the report's wording from a clinic's template -------------------------
mkdir "$tmp/clinic"
sed -e 's/^# Cyclical Relational Pattern$/# The circle we keep returning to/' \
    -e 's/^# Treatment goals$/# What we are working towards/' \
    -e 's/| Acts of Self | Expectations of Others | Acts of Others | Introject |/| Kiwi self | Kiwi hope | Kiwi others | Kiwi inside |/' \
    "$FORMC_DATADIR/report.en.tmpl" >"$tmp/clinic/report.en.tmpl"
run report "$ada" --templates "$tmp/clinic" -o "$tmp/clinic.pdf"
t=$(text "$tmp/clinic.pdf")
case "$rc:$t" in
    0:*"The circle we keep returning to"*"Kiwi self"*"What we are working towards"*)
        case "$t" in
            *"Cyclical Relational Pattern"*|*"Treatment goals"*) fail report-clinic-template "shipped headings still there" ;;
            *) pass report-clinic-template ;;
        esac ;;
    *) fail report-clinic-template "exit $rc: $(head -c 300 "$tmp/err")" ;;
esac

# the clinic block's templates field does the same without --templates
sed 's|^\(clinic ".*" {\)$|\1\n    templates "../clinic"|' "$tmp/ex/clinic.form" >"$tmp/ex/clinic2.form"
if grep -q 'templates "../clinic"' "$tmp/ex/clinic2.form"; then
    cp "$tmp/ex/clinic2.form" "$tmp/ex/clinic.form"
    run report "$ada" -o "$tmp/field.pdf"
    case "$rc:$(text "$tmp/field.pdf")" in
        0:*"The circle we keep returning to"*) pass report-clinic-field ;;
        *) fail report-clinic-field "exit $rc: $(head -c 300 "$tmp/err")" ;;
    esac
    cp "$top/examples/clinic.form" "$tmp/ex/clinic.form"
else
    fail report-clinic-field "could not add a templates field to clinic.form"
fi

# ---- @insert mistakes are reported at their template line -----------------
mkdir "$tmp/bad1" "$tmp/bad2"
awk '{ print } /^## Profile against norms$/ { print ""; print "@insert profil" }' \
    "$FORMC_DATADIR/report.en.tmpl" >"$tmp/bad1/report.en.tmpl"
line=$(grep -n '^@insert profil$' "$tmp/bad1/report.en.tmpl" | cut -d: -f1)
run report "$ada" --templates "$tmp/bad1" -o "$tmp/bad1.pdf"
# the message, then the template's line with a caret under it
if [ "$rc" -eq 1 ] && [ ! -e "$tmp/bad1.pdf" ] &&
   grep -A2 "bad1/report.en.tmpl:$line:1: error: @insert 'profil' is not known in this document (did you mean 'profile'?)" "$tmp/err" |
   tr '\n' '~' | grep -q "| @insert profil~ *| ^~~~~~~~~~~~~~"; then
    pass insert-unknown
else
    fail insert-unknown "exit $rc, line $line: $(head -c 400 "$tmp/err")"
fi
mkdir "$tmp/bad1b"
sed 's/^@insert profil$/@insert wordcloud/' "$tmp/bad1/report.en.tmpl" >"$tmp/bad1b/report.en.tmpl"
run report "$ada" --templates "$tmp/bad1b" -o "$tmp/bad1b.pdf"
if [ "$rc" -eq 1 ] &&
   grep -q "bad1b/report.en.tmpl:$line:1: error: @insert 'wordcloud' is not known in this document (known: document, scores, .*profile" "$tmp/err"; then
    pass insert-unknown-lists-the-known
else
    fail insert-unknown-lists-the-known "exit $rc, line $line: $(head -c 300 "$tmp/err")"
fi
sed 's/^@insert signature-line | Signature | Date$/@insert signature-line | Signature/' \
    "$FORMC_DATADIR/report.en.tmpl" >"$tmp/bad2/report.en.tmpl"
line=$(grep -n '^@insert signature-line' "$tmp/bad2/report.en.tmpl" | cut -d: -f1)
run report "$ada" --templates "$tmp/bad2" -o "$tmp/bad2.pdf"
if [ "$rc" -eq 1 ] && [ ! -e "$tmp/bad2.pdf" ] &&
   grep -q "bad2/report.en.tmpl:$line:1: error: @insert signature-line takes 2 '|'-separated arguments, not 1" "$tmp/err"; then
    pass insert-argument-count
else
    fail insert-argument-count "exit $rc, line $line: $(head -c 300 "$tmp/err")"
fi
mkdir "$tmp/bad3"
printf 'Dear {{patient.preferred}},\n\n@insert document | a | b | c | d | e\n' >"$tmp/bad3/letter.en.tmpl"
run letter "$ada" --templates "$tmp/bad3" -o "$tmp/bad3.pdf"
if [ "$rc" -eq 1 ] && [ ! -e "$tmp/bad3.pdf" ] &&
   grep -q "bad3/letter.en.tmpl:3:1: error: @insert document takes 1 to 4 '|'-separated arguments, not 5" "$tmp/err"; then
    pass insert-document-argument-count
else
    fail insert-document-argument-count "exit $rc: $(head -c 300 "$tmp/err")"
fi

# ---- the letter: same bytes, metadata, private file ------------------------
umask 022
run letter "$ada" -o "$tmp/l1.pdf"
rc1=$rc
run letter "$ada" -o "$tmp/l2.pdf"
if [ "$rc1" -eq 0 ] && [ "$rc" -eq 0 ] && cmp -s "$tmp/l1.pdf" "$tmp/l2.pdf"; then pass letter-same-bytes
else fail letter-same-bytes "exit $rc1/$rc, or the two letters differ"; fi
SOURCE_DATE_EPOCH=1900000000 run letter "$ada" -o "$tmp/l3.pdf"
if [ "$rc" -eq 0 ] && ! cmp -s "$tmp/l1.pdf" "$tmp/l3.pdf" &&
   pdfinfo "$tmp/l3.pdf" | grep -q '^CreationDate:.*2030'; then pass letter-date-from-epoch
else fail letter-date-from-epoch "exit $rc: $(pdfinfo "$tmp/l3.pdf" 2>&1 | grep Date)"; fi

info=$(pdfinfo "$tmp/l1.pdf" 2>/dev/null)
case "$info" in
    *"Title:"*"Preparation letter: Adaeze Nwosu"*"Author:"*"Dr. Leah Brandt"*) pass letter-metadata ;;
    *) fail letter-metadata "$(echo "$info" | grep -E '^(Title|Author|Subject)')" ;;
esac
mode=$(stat -c %a "$tmp/l1.pdf")
if [ "$mode" = 600 ]; then pass letter-mode-0600; else fail letter-mode-0600 "mode $mode"; fi
if qpdf --check "$tmp/l1.pdf" >/dev/null 2>&1; then pass letter-qpdf
else fail letter-qpdf "$(qpdf --check "$tmp/l1.pdf" 2>&1 | tail -2)"; fi

# never over an input, and the input is untouched
cp "$ada" "$tmp/ada.copy"
run letter "$ada" -o "$ada"
if [ "$rc" -eq 2 ] && cmp -s "$ada" "$tmp/ada.copy" && [ -z "$(ls -A "$tmp/ex/members" | grep -v '\.form$')" ]; then
    pass letter-not-over-input
else
    fail letter-not-over-input "exit $rc: $(head -c 200 "$tmp/err")"
fi

# ---- names in several scripts ----------------------------------------------
sed -e 's/^patient "Adaeze Nwosu" {/patient "Ἀλέξανδρος 王小明 Ørsted" {/' \
    -e 's/^    preferred "Ada"/    preferred "王小明"/' "$ada" >"$tmp/ex/members/multi.form"
run letter "$tmp/ex/members/multi.form" -o "$tmp/multi.pdf"
t=$(text "$tmp/multi.pdf")
unembedded=$(pdffonts "$tmp/multi.pdf" 2>/dev/null | awk 'NR > 2 && $(NF-4) != "yes"')
case "$rc:$t" in
    0:*"王小明"*)
        if [ -z "$unembedded" ] && pdfinfo "$tmp/multi.pdf" | grep -q 'Ἀλέξανδρος 王小明 Ørsted'; then pass letter-many-scripts
        else fail letter-many-scripts "fonts not embedded or title wrong: $unembedded"; fi ;;
    *) fail letter-many-scripts "exit $rc: $(head -c 300 "$tmp/err")" ;;
esac

# ---- a new draft renders; a final letter needs the clinic's contact -------
mkdir "$tmp/new"
(cd "$tmp/new" && "$FORMC" new patient ana >/dev/null 2>&1)
run report "$tmp/new/ana.form" -o "$tmp/new/ana-report.pdf"
rc1=$rc
run letter "$tmp/new/ana.form" --group "$tmp/ex/thursday.group" -o "$tmp/new/ana-letter.pdf"
case "$rc1:$rc:$(text "$tmp/new/ana-report.pdf")" in
    0:0:*"to be completed"*)
        if text "$tmp/new/ana-letter.pdf" | grep -q "to be completed"; then pass new-draft-renders
        else fail new-draft-renders "the letter does not say what is to be completed"; fi ;;
    *) fail new-draft-renders "exit $rc1/$rc: $(head -c 300 "$tmp/err")" ;;
esac

grep -v '^ *phone ' "$top/examples/clinic.form" >"$tmp/ex/clinic.form"
line=$(grep -n '^clinic ' "$tmp/ex/clinic.form" | cut -d: -f1)
run letter "$ada" -o "$tmp/nophone.pdf"
if [ "$rc" -eq 1 ] && [ ! -e "$tmp/nophone.pdf" ] &&
   grep -q "clinic.form:$line:1: error: the letter needs the clinic's phone number" "$tmp/err"; then
    pass letter-needs-clinic-phone
else
    fail letter-needs-clinic-phone "exit $rc: $(head -c 300 "$tmp/err")"
fi
cp "$top/examples/clinic.form" "$tmp/ex/clinic.form"
