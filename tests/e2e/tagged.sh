#!/bin/sh
# tagged.sh — the documents are tagged PDF a screen reader can follow
# (docs/accessibility.md). For every document of the example group and the
# program outcomes of the example groups, in English and in French (with
# the clinic's logo, and a draft with its DRAFT mark): qpdf --check is clean; pdfinfo says Tagged; the catalog declares
# the language, asks viewers to show the title, and holds XMP metadata
# naming PDF/UA-1; the structure tree starts with one Document and holds no
# stand-in element; every figure has an alternative text, in the
# document's language; every table header cell has a scope; nothing is
# drawn outside marked content (all is tagged, or an artifact: headers,
# page numbers, rules); the tree's text follows the page's reading order;
# the same input gives the same bytes. A clinic's template that places a
# figure without an @alt is warned of at its @insert line.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=tagged
. "$(dirname "$0")/lib/common.sh"

# The example group twice, in English and in French, the clinic with a
# logo (a PNG made from a page of a document).
cp -R "$top/examples" "$tmp/en"
timeout 60 "$FORMC" letter "$tmp/en/members/ada.form" -o "$tmp/logo.pdf" 2>/dev/null
pdftoppm -png -r 8 -singlefile "$tmp/logo.pdf" "$tmp/en/logo" 2>/dev/null
sed -i 's|# logo "logo.png"|logo "logo.png"|' "$tmp/en/clinic.form"
cp -R "$tmp/en" "$tmp/fr"
sed -i 's/language en /language fr /' "$tmp/fr/thursday.group"
sed -i 's/language en$/language fr/' "$tmp/fr/tuesday.group"
for lang in en fr; do
    if ! timeout 300 "$FORMC" build -q "$tmp/$lang/thursday.group" -o "$tmp/out-$lang" 2>/dev/null; then
        fail "$lang/build" "the example group does not build"
    fi
    timeout 300 "$FORMC" outcomes "$tmp/$lang/tuesday.group" "$tmp/$lang/thursday.group" \
        -o "$tmp/outcomes-$lang.pdf" 2>/dev/null || fail "$lang/outcomes" "the outcomes are not written"
done

# qdf FILE: the PDF with every object and content stream as plain text
qdf() {
    qpdf --qdf --object-streams=disable --normalize-content=y "$1" "$1.qdf" 2>/dev/null
    [ -f "$1.qdf" ] || : >"$1.qdf"
}

# unmarked QDF: the page-content operators that draw outside marked content
unmarked() {
    awk '
        /^%% Contents for page/ { inpage = 1; depth = 0; next }
        /^endstream/ { inpage = 0 }
        !inpage { next }
        { op = $NF }
        op == "BDC" || op == "BMC" { depth++; next }
        op == "EMC" { depth--; next }
        depth <= 0 && op ~ /^(Tj|TJ|'"'"'|"|Do|f|F|f\*|B|B\*|b|b\*|S|s|sh|BI)$/ { n++ }
        END { print n + 0 }' "$1"
}

# in_order TREE TEXT: the fragments of text in the structure tree
# (pdfinfo -struct-text) outside tables and figures, of 4 characters or
# more, that are not found in the page text (pdftotext -layout: the
# pages' lines top to bottom) in the same order; empty when all are. Both
# are compared without white space (and without soft hyphens), ligatures
# spelt out.
in_order() {
    awk -v text="$2" '
        function squash(x) {
            gsub(/\357\254\201/, "fi", x); gsub(/\357\254\202/, "fl", x)
            gsub(/\357\254\200/, "ff", x); gsub(/\357\254\203/, "ffi", x)
            gsub(/\357\254\204/, "ffl", x)
            gsub(/[ \t\r\f]|\302\240|\342\200\257|\302\255/, "", x)
            return x
        }
        BEGIN { while ((getline line < text) > 0) page = page squash(line) }
        {
            indent = match($0, /[^ ]/) - 1
            if (skip >= 0 && indent > skip) next
            skip = -1
        }
        /^ *(Figure|Table)/ { skip = indent; next }
        /^ *"/ {
            s = squash(substr($0, indent + 2, length($0) - indent - 2))
            if (length(s) < 4) next
            i = index(substr(page, at + 1), s)
            if (!i) { printf "[%s] ", s; next }
            at += i + length(s) - 1
        }' skip=-1 "$1"
}

check_document() { # LANG NAME FILE
    lang=$1 name=$2 f=$3 t="$lang/$2"
    if [ ! -f "$f" ]; then fail "$t" "not written"; return; fi
    qpdf --check "$f" >"$f.check" 2>&1 && pass "$t/qpdf-check" ||
        fail "$t/qpdf-check" "$(tail -n 3 "$f.check")"
    info=$(pdfinfo "$f" 2>&1)
    printf '%s\n' "$info" | grep -q '^Tagged: *yes' && pass "$t/tagged" ||
        fail "$t/tagged" "pdfinfo does not say Tagged: yes"
    qdf "$f"
    q="$f.qdf"
    grep -aq "/Lang ($lang)" "$q" && pass "$t/lang" || fail "$t/lang" "no /Lang ($lang)"
    grep -aq '/DisplayDocTitle true' "$q" && grep -aq '/Marked true' "$q" &&
        grep -aq '<pdfuaid:part>1</pdfuaid:part>' "$q" && grep -aq '<dc:title>' "$q" &&
        pass "$t/catalog" || fail "$t/catalog" "DisplayDocTitle, MarkInfo or the XMP metadata is missing"
    tree=$(pdfinfo -struct-text "$f" 2>/dev/null)
    [ "$(printf '%s\n' "$tree" | head -n 1)" = "Document" ] &&
        [ "$(printf '%s\n' "$tree" | grep -c '^[^ ]')" = 1 ] && pass "$t/document" ||
        fail "$t/document" "the tree does not have one Document at its root"
    grep -aq '/S /Private' "$q" && fail "$t/no-stand-ins" "a /Private element is left" ||
        pass "$t/no-stand-ins"
    figures=$(grep -ac '/S /Figure' "$q") alts=$(grep -ac '/Alt ' "$q")
    [ "$figures" = "$alts" ] && pass "$t/alt" ||
        fail "$t/alt" "$figures figures, $alts alternative texts"
    # the texts, decoded by qpdf's JSON output ("u:" and UTF-8)
    qpdf --json=2 --json-key=qpdf "$f" 2>/dev/null | grep -o '"/Alt": "u:[^"]*' >"$f.alts"
    if [ "$lang" = en ]; then words='^"/Alt": "u:(Chart|Small charts|Diagram)[ ,]'
    else words='^"/Alt": "u:(Graphique|Petits graphiques|Diagramme)[ ,]'; fi
    [ "$(grep -Ec "$words" "$f.alts")" = "$alts" ] && pass "$t/alt-language" ||
        fail "$t/alt-language" "an alternative text is not in the document's language"
    th=$(printf '%s\n' "$tree" | grep -c '^ *TH') scoped=$(printf '%s\n' "$tree" | grep -c '/Scope /\(Column\|Row\)')
    [ "$th" = "$scoped" ] && pass "$t/th-scope" || fail "$t/th-scope" "$th header cells, $scoped with a scope"
    n=$(unmarked "$q")
    [ "$n" = 0 ] && pass "$t/all-marked" || fail "$t/all-marked" "$n operators draw outside marked content"
    grep -aq '/Artifact <<' "$q" && pass "$t/artifacts" || fail "$t/artifacts" "no artifact"
    printf '%s\n' "$tree" | grep -q 'page [0-9]* of\|page [0-9]* sur\|Confidential\|Confidentiel' &&
        fail "$t/chrome-is-artifact" "the running header or a page number is in the tree" ||
        pass "$t/chrome-is-artifact"
    pdftotext -layout "$f" "$f.txt" 2>/dev/null
    printf '%s\n' "$tree" >"$f.tree"
    lost=$(in_order "$f.tree" "$f.txt")
    [ -z "$lost" ] && pass "$t/reading-order" || fail "$t/reading-order" "out of order or missing: $lost"
}

for lang in en fr; do
    d=$(ls -d "$tmp/out-$lang"/*/ 2>/dev/null | head -n 1)
    check_document "$lang" report "$d/ada-report.pdf"
    check_document "$lang" draft-report "$d/kai-report.pdf"
    check_document "$lang" letter "$d/ada-letter.pdf"
    check_document "$lang" summary "$d"/*-summary.pdf
    check_document "$lang" outcomes "$tmp/outcomes-$lang.pdf"
done

en=$(ls -d "$tmp/out-en"/*/ 2>/dev/null | head -n 1)
# the logo beside the clinic's name is decoration, the report's headings
# keep their levels, and a list is a list
tree=$(pdfinfo -struct-text "$en/ada-letter.pdf" 2>/dev/null)
grep -aq '/Subtype /Image' "$en/ada-letter.pdf.qdf" &&
    ! printf '%s\n' "$tree" | grep -q Figure && pass "en/logo-is-artifact" ||
    fail "en/logo-is-artifact" "the letter has no logo image, or tags it as a figure"
printf '%s\n' "$tree" | grep -q '^  L' && printf '%s\n' "$tree" | grep -q '^      Lbl' &&
    printf '%s\n' "$tree" | grep -q '^      LBody' && pass "en/letter-list" ||
    fail "en/letter-list" "the practical details are not a list of labelled items"
tree=$(pdfinfo -struct-text "$en/ada-report.pdf" 2>/dev/null)
printf '%s\n' "$tree" | grep -q '^  H1' && printf '%s\n' "$tree" | grep -q '^  H2' &&
    ! printf '%s\n' "$tree" | grep -q '^  H[3-6]' && pass "en/report-headings" ||
    fail "en/report-headings" "the report's headings are not H1 and H2"
grep -aq '/Watermark' "$en/kai-report.pdf.qdf" && pass "en/draft-mark-is-artifact" ||
    fail "en/draft-mark-is-artifact" "the DRAFT mark is not a watermark artifact"

# the same input gives the same bytes, and the pass that completes the
# tags says nothing of its own
timeout 60 "$FORMC" report "$tmp/en/members/ada.form" -o "$tmp/again.pdf" 2>"$tmp/again.err"
grep -q 'WARNING\|qpdf\|the PDF' "$tmp/again.err" && fail "quiet" "$(head -n 2 "$tmp/again.err")" ||
    pass "quiet"
cmp -s "$tmp/again.pdf" "$en/ada-report.pdf" && pass "deterministic" ||
    fail "deterministic" "a second report of the same input differs"

# a clinic's template that places a chart without an @alt: a warning at
# its @insert line, and the report is still made
mkdir -p "$tmp/tpl"
awk '/^@alt Chart of the T-score/ { skip = 1 } /^@insert profile/ { skip = 0 } !skip' \
    "$FORMC_DATADIR/report.en.tmpl" >"$tmp/tpl/report.en.tmpl"
line=$(grep -n '^@insert profile' "$tmp/tpl/report.en.tmpl" | cut -d: -f1)
(cd "$tmp" && timeout 60 "$FORMC" report en/members/ada.form --templates tpl -o noalt.pdf 2>noalt.err)
rc=$?
if [ "$rc" = 0 ] && [ -f "$tmp/noalt.pdf" ] && [ -n "$line" ] &&
   grep -q "^tpl/report.en.tmpl:$line:1: warning: @insert profile draws a figure with no alternative text" "$tmp/noalt.err" &&
   grep -q "^ *$line | @insert profile" "$tmp/noalt.err" && grep -q '^ *| \^' "$tmp/noalt.err" &&
   [ "$(grep -c 'no alternative text' "$tmp/noalt.err")" = 1 ]; then
    pass "no-alt-warning"
else fail "no-alt-warning" "exit $rc: $(head -n 4 "$tmp/noalt.err")"; fi
# formc check says it too, before any document is made
(cd "$tmp" && timeout 60 "$FORMC" check en/members/ada.form --templates tpl 2>check-noalt.err)
rc=$?
[ "$rc" = 0 ] && grep -q "^tpl/report.en.tmpl:$line:1: warning: @insert profile draws a figure with no alternative text" \
    "$tmp/check-noalt.err" && pass "no-alt-check" || fail "no-alt-check" "exit $rc: $(head -n 2 "$tmp/check-noalt.err")"
# the shipped templates give every figure one
(cd "$tmp" && timeout 60 "$FORMC" report en/members/ada.form -o alt.pdf 2>alt.err)
grep -q 'no alternative text' "$tmp/alt.err" && fail "shipped-alts" "$(grep -m1 'alternative' "$tmp/alt.err")" ||
    pass "shipped-alts"
