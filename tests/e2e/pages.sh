#!/bin/sh
# pages.sh — end-to-end tests of how the documents fill their pages, as a
# typesetter would look at them: every document of the example groups
# (plain and de-identified) and of a French group with long names in several
# scripts (tests/e2e/pages/): no page but the last left more than half
# empty, nor a report's page more than a quarter, no
# last page holding only the signature, no straight quote left, no name or
# scale's name broken by a hyphen at a line's end, no range of numbers
# broken after its dash, the example report on four pages, a figure or a
# table on the page of its heading and introduction, a figure's legend
# whole on its page, a paragraph ending in a colon on the page of what it
# announces, and no paragraph ending in a line of one short word.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=pages
. "$(dirname "$0")/lib/common.sh"

cd "$top" || exit 1
for g in examples/thursday.group examples/tuesday.group tests/e2e/pages/mercredi.group; do
    for redact in "" --redact; do
        # shellcheck disable=SC2086
        timeout 120 "$FORMC" build -q $redact "$g" -o "$tmp/out" 2>/dev/null ||
            fail "build/$(basename "$g")$redact" "formc build failed"
    done
done
# pdftext FILE [OPTION]: pdftotext's text of FILE (or its -bbox or
# -bbox-layout), made once for each file and option and kept: the checks
# below read each document many times. Only for a file written once.
pdftext() {
    cached="$tmp/text/$(printf '%s' "$1$2" | tr '/ ' '__')"
    if [ ! -f "$cached" ]; then
        mkdir -p "$tmp/text"
        # shellcheck disable=SC2086
        pdftotext $2 "$1" "$cached" 2>/dev/null || : > "$cached"
    fi
    cat "$cached"
}
pdfs=$(find "$tmp/out" -name '*.pdf' | LC_ALL=C sort)
[ -n "$pdfs" ] || { fail "documents" "nothing was written"; exit 0; }

# fill PDF: for each page, "PAGE SHARE": how far down the text area (from
# 78 pt below the top to 72 pt above the bottom) its lowest word reaches;
# the running header and the page number lie outside it
fill() {
    pdftext "$1" -bbox | awk -F'"' '
        /<page / { if (n) print n, (low - 78) / (h - 150); n++; h = $4; low = 78 }
        /<word / { if ($4 >= 77 && $8 <= h - 71 && $8 > low) low = $8 }
        END { if (n) print n, (low - 78) / (h - 150) }'
}

# no page but the last more than half empty (the next block could always
# start on it: a figure splits between rows, or shrinks a little, or moves
# and the page it leaves is more than half full)
empty=""
for f in $pdfs; do
    last=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    bad=$(fill "$f" | awk -v last="$last" '$1 < last && $2 < 0.5 { printf " page %d (%.0f%% full)", $1, 100 * $2 }')
    [ -n "$bad" ] && empty="$empty ${f#"$tmp"/out/}:$bad"
done
if [ -z "$empty" ]; then pass "no-half-empty-page"; else fail "no-half-empty-page" "$empty"; fi

# no report's page but the last more than about a quarter (23%) empty: a
# diagram that cannot fit whole at a page's end is drawn smaller with those
# above it, at one scale (a triangle left pages of José's, Zoé's and
# Gerry's reports 25-31% empty)
quarter=""
for f in $pdfs; do
    last=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    case "$f" in
    *-report.pdf) ;;
    *) continue ;;
    esac
    bad=$(fill "$f" | awk -v last="$last" '$1 < last && $2 < 0.77 { printf " page %d (%.0f%% full)", $1, 100 * $2 }')
    [ -n "$bad" ] && quarter="$quarter ${f#"$tmp"/out/}:$bad"
done
if [ -z "$quarter" ]; then pass "no-quarter-empty-page"; else fail "no-quarter-empty-page" "$quarter"; fi

# a summary's first page is filled: the composition chart that cannot
# follow the roster whole splits between its members' rows, its column
# titles and axes over each part, no member's row alone on either side
# (it moved whole with its heading and introduction and left the example
# summaries' first pages 61%, 64% and 70% full); the second part opens
# the next page under the same titles
first=""
for f in $pdfs; do
    case "$f" in *summary.pdf) ;; *) continue ;; esac
    share=$(fill "$f" | awk '$1 == 1 { printf "%.0f", 100 * $2 }')
    [ "${share:-0}" -ge 85 ] || first="$first ${f#"$tmp"/out/}: page 1 ${share:-?}% full"
done
p2=$(pdftotext -f 2 -l 2 "$tmp/out/thu-w26/thu-w26-summary.pdf" - 2>/dev/null)
for w in Nondisclosure Kai Zoë "All members"; do
    case "$p2" in *"$w"*) ;; *) first="$first thu-w26 summary: no '$w' on page 2" ;; esac
done
if [ -z "$first" ]; then pass "summary-first-page-filled"; else fail "summary-first-page-filled" "$first"; fi

# no word is broken over a page's turn: a paragraph split between pages
# never ends its page on a hyphen, its line goes on with the word's end
# (the French de-identified letters' first page ended in "déstabili-")
turn=""
for f in $pdfs; do
    bad=$(pdftext "$f" -bbox | awk -F'"' '
        function out() { if (last ~ /(-|\xc2\xad)$/) printf " p%d:%s", page, last }
        /<page / { if (page) out(); page++; h = $4; last = "" }
        /<word / && $4 >= 77 && $8 <= h - 71 { last = substr($9, 2, index($9, "<") - 2) }
        END { out() }')
    [ -n "$bad" ] && turn="$turn ${f#"$tmp"/out/}:$bad"
done
if [ -z "$turn" ]; then pass "no-word-broken-over-a-page"; else fail "no-word-broken-over-a-page" "$turn"; fi

# a long introduction splits as any paragraph does, its last two lines on
# the page of what it introduces: the example outcomes' "Before and after,
# scale by scale" and its nine lines moved whole with the first chart and
# left page 3 about half empty (55%)
timeout 120 "$FORMC" outcomes examples/thursday.group examples/tuesday.group \
    -o "$tmp/outcomes.pdf" 2>/dev/null || fail "build/outcomes" "formc outcomes failed"
last=$(pdfinfo "$tmp/outcomes.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
bad=$(fill "$tmp/outcomes.pdf" | awk -v last="$last" '$1 < last && $2 < 0.7 { printf " page %d (%.0f%% full)", $1, 100 * $2 }')
if [ -n "$last" ] && [ -z "$bad" ]; then pass "long-introduction-splits"
else fail "long-introduction-splits" "outcomes:${bad:- not built}"; fi

# the signature is never alone on the last page of a report
alone=""
for f in $(printf '%s\n' "$pdfs" | grep -- '-report\.pdf$'); do
    last=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    words=$(pdftotext -f "$last" -l "$last" "$f" - 2>/dev/null | grep -v "^Signature\|^Date\|^Prepared by\|^Rédigé par\|^page \|Confidential\|Confidentiel" | wc -w)
    [ "$words" -lt 12 ] && alone="$alone ${f#"$tmp"/out/}"
done
if [ -z "$alone" ]; then pass "signature-not-alone"; else fail "signature-not-alone" "$alone"; fi

# typographic quotes only: no straight quote in any document's text
straight=""
for f in $pdfs; do
    pdftext "$f" | grep -q "[\"']" && straight="$straight ${f#"$tmp"/out/}"
done
if [ -z "$straight" ]; then pass "no-straight-quotes"; else fail "no-straight-quotes" "$straight"; fi

# no scale's name and no person's name broken at a line's end by a soft
# hyphen: each word a line ends in the middle of, joined again with its end
# on the next line, is none of the words only the scales' names hold
# (English and French; not "perfectionism", which the prose has too) nor
# of the members' names
SHY=$(printf '\302\255')
names="prescribed prescrit autrui perfectionistic perfectionniste perfectionnistes autopromotion
dépressifs Παπαδοπούλου-Καραγιάννη Кузнецова-Оболенская Phương Worthington-Fairweather
Rochefoucauld-Montmorency"
broken=""
for f in $pdfs; do
    words=$(pdftext "$f" | awk -v shy="$SHY" '
        joined { split($0, w, " "); print part w[1]; joined = 0 }
        substr($0, length($0) - 1) == shy {
            n = split(substr($0, 1, length($0) - 2), w, "[ (]"); part = w[n]; joined = 1 }' |
        tr -d '.,;:()')
    for word in $words; do
        for name in $names; do
            [ "$word" = "$name" ] && broken="$broken ${f#"$tmp"/out/}:$word"
        done
    done
done
if [ -z "$broken" ]; then pass "names-not-hyphenated"; else fail "names-not-hyphenated" "$broken"; fi

# no range of numbers broken after its en dash at a line's end ("weeks
# 1–" over "6"), and nothing added to the text a reader copies (the word
# joiner that keeps a range whole is never extracted)
ranges=""
DASH=$(printf '\342\200\223')
JOINER=$(printf '\342\201\240')
for f in $pdfs; do
    pdftext "$f" -bbox | grep -q "[0-9]$DASH</word>" && ranges="$ranges ${f#"$tmp"/out/}"
    pdftext "$f" | grep -q "$JOINER" && ranges="$ranges ${f#"$tmp"/out/}:joiner"
done
if [ -z "$ranges" ]; then pass "ranges-not-broken"; else fail "ranges-not-broken" "$ranges"; fi

# the example report: four pages (five when its change chart could not
# split and its page 2 was left half empty)
n=$(pdfinfo "$tmp/out/thu-w26/ada-report.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
if [ "$n" = 4 ]; then pass "example-report-pages"; else fail "example-report-pages" "$n pages, not 4"; fi

# a justified paragraph's lines run edge to edge but its last: the first
# line of a labelled paragraph whose next word cannot share it is spread
# a little wider (gaps to 0.6 em) rather than set ragged, where it read as
# a line broken off ("… Likely to be first to ask what the" over "method
# is …" in Gerry's report; Ada's first goal)
# short FILE WORD: the line starting with WORD falls short of the right
# edge of the text (the running header's end) by this many points (a
# line ending in italics a space's width: Pango counts its last space)
short() {
    pdftext "$1" -bbox | awk -F'"' -v word="$2" '
        /<page / { page++ }
        /<word / { t = substr($9, 2, index($9, "<") - 2)
                   if ($4 + 0 < 70 && $6 > right[page]) right[page] = $6
                   key = page ":" int($4 + 0.5)
                   if (!(key in first)) { first[key] = t; at[key] = page }
                   last[key] = $6 }
        END { for (k in first) if (first[k] == word) { printf "%.1f\n", right[at[k]] - last[k]; exit } }'
}
loose=""
for case in "thu-w26/gerry-report.pdf Engagement" "thu-w26/ada-report.pdf 1."; do
    set -- $case
    s=$(short "$tmp/out/$1" "$2")
    awk -v s="${s:-99}" 'BEGIN { exit !(s < 4) }' || loose="$loose $1 ($2…: ${s:-no line} pt short)"
done
if [ -z "$loose" ]; then pass "justified-edge-to-edge"; else fail "justified-edge-to-edge" "$loose"; fi

# no line of a report's justified paragraph but its last ends short of the
# column: a line that justified would need word gaps past 0.6 em has its
# letters spaced a little (0.025 em at most) rather than being set ragged,
# where the paragraph's last two words, kept together, left the line
# above them short ("… and stay with what she" over "feels instead." in
# Ada's goals, "… sans emporter" over "de dossier." in Éléni's). A line is
# a paragraph's own when the next one follows at a line's pitch in the
# same block; page 1's letterhead, above the title, is set ragged; the
# column ends where the running header does
ragged=""
for f in $pdfs; do
    case "$f" in *-report.pdf) ;; *) continue ;; esac
    bad=$(pdftext "$f" -bbox-layout | awk -F'"' '
        function block() { for (i = 1; i < n; i++) {
                dy = y[i + 1] - y[i]
                if (dy > 13 && dy < 15.5 && x[i] < 100 && x[i + 1] < 100 && r[i] < right - 4)
                    printf " p%d:%s", page, t[i] }
            n = 0 }
        /<page / { block(); page++; body = page > 1; right = 0 }
        /<block/ { block() }
        /<line / && $4 < 70 { if ($6 > right) right = $6; next }
        /<line / { if ($8 - $4 > 16) body = 1; if (body) { n++; x[n] = $2; y[n] = $4; r[n] = $6; t[n] = "" } }
        /<word / && body && n { w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w); if (t[n] == "") t[n] = w }
        END { block() }')
    [ -n "$bad" ] && ragged="$ragged ${f#"$tmp"/out/}:$bad"
done
if [ -z "$ragged" ]; then pass "no-short-justified-line"; else fail "no-short-justified-line" "$ragged"; fi

# lines are broken for even word gaps, not greedily: José's report had
# three justified lines with gaps of about half an em (0.48 to 0.51) where
# Pango filled a paragraph's first line as far as it went; broken where
# the paragraph's widest gap is narrowest, none is wider than 0.47 em
wide=$(pdftotext -bbox "$tmp/out/thu-w26/jose-report.pdf" - 2>/dev/null | awk -F'"' '
    function line() { if (n > 1 && x0 < 75 && x1 > 520 && h < 15 && w > max) max = w; n = 0; w = 0 }
    /<word / && $4 >= 77 { y = int($4 + 0.5); if (n && y != at) line()
               if (n && $2 - x1 > w) w = $2 - x1
               if (!n) x0 = $2; x1 = $6; h = $8 - $4; at = y; n++ }
    END { line(); printf "%.2f\n", max / 10.5 }')
if awk -v w="$wide" 'BEGIN { exit !(w > 0.2 && w <= 0.47) }'; then pass "even-word-gaps"
else fail "even-word-gaps" "a justified line of José's report has word gaps of $wide em"; fi

# a short word is not left alone on a line inside a table cell: the
# French roster's "de La Rochefoucauld-Montmorency" keeps "de La"
# together, where "La" stood alone between "… de" and the long surname
la=$(pdftotext -bbox -l 1 "$tmp/out/mer-p26/mer-p26-summary.pdf" - 2>/dev/null | awk -F'"' '
    /<word / && $2 + 0 < 200 { t = substr($9, 2, index($9, "<") - 2); y = int($4 + 0.5)
                               n[y]++; if (t == "La") at = y }
    END { print (at == "" ? "none" : n[at]) }')
if [ "$la" = 2 ]; then pass "cell-short-word-not-alone"
else fail "cell-short-word-not-alone" "the line of 'La' in the roster's first column holds $la word(s)"; fi

# notes in a row stand apart: the report's note on its norms begins a
# little below the end of the note before it (3 pt more than a line's
# pitch), so that a note whose last line is full does not run on into it
apart=$(pdftotext -bbox -f 2 -l 2 "$tmp/out/thu-w26/ada-report.pdf" - 2>/dev/null | awk -F'"' '
    /<word / && $2 + 0 < 75 { t = substr($9, 2, index($9, "<") - 2)
        if (t == "Norms") { before = $4 - y; norms = $4 }
        else if (norms && !after) after = $4 - norms
        y = $4 }
    END { printf "%.1f\n", before - after }')
if awk -v g="$apart" 'BEGIN { exit !(g >= 2) }'; then pass "notes-stand-apart"
else fail "notes-stand-apart" "the norms note begins $apart pt further below the note before it than its own lines are apart"; fi

# a figure's heading and its introduction stay with the figure: in the
# summaries of generated groups of 8 to 60 members, the composition
# chart's first part (its column title "Nondisclosure") starts on the page
# of the "Composition" heading, where from 8 members the heading and its
# paragraph ended one page and the chart began the next
apart=""
for n in 8 10 14 20 30 45 60; do
    sh "$top/bench/gen_group.sh" "$tmp/gen$n" "$n" "G$n" >/dev/null
    "$FORMC" summary "$tmp/gen$n/G$n.group" -o "$tmp/gen$n.pdf" 2>/dev/null
    at=$(pdftext "$tmp/gen$n.pdf" -bbox | awk -F'"' '
        /<page / { page++ }
        />Composition</ && !heading { heading = page }
        />Nondisclosure</ && !chart { chart = page }
        END { print heading + 0, chart + 0 }')
    set -- $at
    [ "$1" -gt 0 ] && [ "$1" = "$2" ] || apart="$apart $n members (heading on page $1, chart on $2)"
done
if [ -z "$apart" ]; then pass "figure-with-heading-and-introduction"
else fail "figure-with-heading-and-introduction" "$apart"; fi

# a figure's legend is never split from it: the composition chart's legend
# in every summary above, example and generated, starts and ends on the
# page of the chart's last row (the example's began at page 1's foot, two
# lines of five, and ended on page 2)
SHY=$(printf '\302\255')
# page_of FILE PHRASE...: the last page holding one of the phrases, white
# space and soft hyphens aside; first_page_of: the first
page_of() {
    f=$1; shift
    pdftext "$f" | awk -v shy="$SHY" -v first="${first_only:-}" -v phrases="$(printf '%s\n' "$@")" '
        BEGIN { RS = "\f"; n = split(phrases, want, "\n") }
        {
            text = $0; gsub(shy, "", text); gsub(/[ \t\n]/, "", text)
            for (i = 1; i <= n; i++)
                if (index(text, want[i])) { found = NR; if (first) exit }
        }
        END { print found + 0 }'
}
first_page_of() { first_only=1 page_of "$@"; }
split=""
for f in $(printf '%s\n' "$pdfs" | grep -- '-summary\.pdf$') "$tmp"/gen*.pdf; do
    rows=$(page_of "$f" "Allmembers" "Touslesmembres")
    first=$(page_of "$f" "Eachcellplaces" "Chaquecaseplace")
    last=$(page_of "$f" "withabarat" "avecuntrait")
    [ "$rows" -gt 0 ] && [ "$first" = "$rows" ] && [ "$last" = "$rows" ] ||
        split="$split ${f#"$tmp"/} (chart ends on page $rows, legend on $first to $last)"
done
if [ -z "$split" ]; then pass "figure-legend-whole"; else fail "figure-legend-whole" "$split"; fi

# a table's heading and introduction stay with its first rows: the
# summary's "How each member may relate in the group" and its paragraph
# ended a page of the generated groups of 30 and 60 and the table of
# relating began the next
apart=""
for f in "$tmp"/gen*.pdf; do
    heading=$(first_page_of "$f" "Howeachmembermayrelate")
    table=$(first_page_of "$f" "Totheleaders")
    [ "$heading" -gt 0 ] && [ "$heading" = "$table" ] || apart="$apart ${f#"$tmp"/} (heading on page $heading, table on $table)"
done
if [ -z "$apart" ]; then pass "table-with-heading-and-introduction"
else fail "table-with-heading-and-introduction" "$apart"; fi

# a paragraph that ends in a colon announces what follows and is never
# the last thing on a page: a clinic's letter template with more and more
# lines above "Here is what we understood together:" puts it at a page's
# foot for some of them; each time, the paragraph it announces starts on
# its page
mkdir -p "$tmp/colon"
chmod 700 "$tmp/colon"
announced=""
for n in $(seq 30 52); do
    {
        echo "@insert document | Colon | | page %d of %d"
        i=0
        while [ "$i" -lt "$n" ]; do
            echo "Line $i of the letter, a short paragraph of its own."
            echo
            i=$((i + 1))
        done
        echo "Here is what we understood together:"
        echo
        echo "Announced words begin this paragraph, which runs over several lines so that"
        echo "the page could end after its first two lines or move it whole to the next page"
        echo "with the paragraph that announces it, as a reader expects to find them together."
    } > "$tmp/colon/letter.en.tmpl"
    "$FORMC" letter examples/members/ada.form --templates "$tmp/colon" -o "$tmp/colon.pdf" 2>/dev/null
    at=$(pdftotext "$tmp/colon.pdf" - 2>/dev/null | awk '
        sub(/\f/, "") { page++ } /understood together:/ { c = page } /^Announced/ { a = page } END { print c + 0, a + 0 }')
    set -- $at
    [ "$1" = "$2" ] || announced="$announced $n lines (colon on page $(($1 + 1)), announced on $(($2 + 1)))"
done
if [ -z "$announced" ]; then pass "colon-kept-with-what-it-announces"
else fail "colon-kept-with-what-it-announces" "$announced"; fi

# no paragraph ends in a line of one short word ("about" over "you." at the
# end of every letter), nor of the end of a word hyphenated ("in-" over
# "stead." in the example report, "dos-" over "sier." in Éleni's): its
# last two words share its last line
runts=""
for f in $pdfs; do
    r=$(pdftext "$f" -bbox | awk -F'"' '
        /<page / { page++ }
        /<word / { k = page ":" int($4 + 0.5); w = substr($9, 2, index($9, "<") - 2)
                   if (!(k in n)) { order[++m] = k; x0[k] = $2; h[k] = $8 - $4 }
                   n[k]++; x1[k] = $6; last[k] = w; only[k] = w }
        END { for (i = 2; i <= m; i++) { k = order[i]; p = order[i - 1]
                  if (n[k] == 1 && n[p] > 6 && x0[k] < 75 && x0[p] < 75 && x1[p] > 490 && h[k] < 15 &&
                      length(only[k]) < 10)
                      printf " %s", only[k] } }')
    [ -n "$r" ] && runts="$runts ${f#"$tmp"/out/}:$r"
done
if [ -z "$runts" ]; then pass "no-runt-line"; else fail "no-runt-line" "$runts"; fi
