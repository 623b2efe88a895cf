#!/bin/sh
# adversarial.sh — end-to-end regression tests of the second adversarial
# pass, each reproducing what it broke: text no document can print
# (noncharacters) refused at its place, in a formulation and in a
# template, where a clean check used to end in "drawing failed"; an
# alternative text that starts like a byte-order mark read as written; a
# template whose lines end in CR alone, or that prints nothing, refused,
# where each made a blank letter.
# Every run is bounded by `timeout`, so a hang fails its test.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=adversarial
. "$(dirname "$0")/lib/common.sh"

RUN_IN=$tmp/ex

cp -R "$top/examples" "$tmp/ex" || exit 1
ada=members/ada.form

# ---- noncharacters: a clean check, then "drawing failed" ---------------------
# cairo refuses to draw U+FFFE, U+FFFF, U+FDD0...: a name holding one
# checked clean and the report failed with exit 2 and no place
ffff=$(printf '\357\277\277')
sed "s/^patient \"Adaeze Nwosu\"/patient \"Adaeze ${ffff}Nwosu\"/" "$tmp/ex/$ada" > "$tmp/ex/members/nonchar.form"
run check members/nonchar.form
expect noncharacter/check 1 "members/nonchar.form:5:17: error: U+FFFF is a noncharacter"
run report members/nonchar.form -o nonchar.pdf
expect noncharacter/report 1 "members/nonchar.form:5:17: error: U+FFFF is a noncharacter"
absent noncharacter/report-not-written "$tmp/ex/nonchar.pdf"
rm -f "$tmp/ex/members/nonchar.form"
mkdir "$tmp/tpl"
{ cat "$FORMC_DATADIR/letter.en.tmpl"; printf '\nA last word \357\267\220.\n'; } > "$tmp/tpl/letter.en.tmpl"
line=$(wc -l < "$tmp/tpl/letter.en.tmpl")
run letter "$ada" --templates "$tmp/tpl" -o nonchar-letter.pdf
expect noncharacter/template 1 "letter.en.tmpl:$line:13: error: U+FDD0 is a noncharacter"
absent noncharacter/template-not-written "$tmp/ex/nonchar-letter.pdf"
rm -rf "$tmp/tpl"
# a bidirectional control in a template's wording reorders the words
# printed around it (a member's file refuses it): it was printed, silently
mkdir "$tmp/tpl"
{ cat "$FORMC_DATADIR/letter.en.tmpl"; printf '\nA last \342\200\256word.\n'; } > "$tmp/tpl/letter.en.tmpl"
line=$(wc -l < "$tmp/tpl/letter.en.tmpl")
run letter "$ada" --templates "$tmp/tpl" -o bidi-letter.pdf
expect bidi-control/template 1 "letter.en.tmpl:$line:8: error: U+202E (a right-to-left override) is an invisible control that would reorder the words printed around this text"
absent bidi-control/template-not-written "$tmp/ex/bidi-letter.pdf"
rm -rf "$tmp/tpl"

# ---- a control character in a text: said to be one -----------------------------
# a vertical tab (a word processor's line break, pasted) was reported as a
# character "no installed font can draw": installing one would not help
vt=$(printf '\013')
sed "s/pattern \"\"\"You have/pattern \"\"\"You${vt} have/" "$tmp/ex/$ada" > "$tmp/ex/members/vt.form"
line=$(grep -n "pattern \"\"\"You" "$tmp/ex/members/vt.form" | cut -d: -f1)
run letter members/vt.form -o vt-letter.pdf
expect control-character/letter 0 "members/vt.form:$line:19: warning: U+000B is a control character, not a letter or a sign (a damaged copy?); it will print as a box: delete it"
rm -f "$tmp/ex/members/vt.form"

# ---- a template whose lines end in CR alone ---------------------------------------
# read as one line, its opening comment hid every word: the letter was a
# blank page and formc said nothing. A CR LF template is read as ever
mkdir "$tmp/tpl"
tr '\n' '\r' < "$FORMC_DATADIR/letter.en.tmpl" > "$tmp/tpl/letter.en.tmpl"
run letter "$ada" --templates "$tmp/tpl" -o cr-letter.pdf
expect template-cr-line-ends/refused 1 "letter.en.tmpl:1:69: error: this line ends with a carriage return alone"
absent template-cr-line-ends/not-written "$tmp/ex/cr-letter.pdf"
sed 's/$/\r/' "$FORMC_DATADIR/letter.en.tmpl" > "$tmp/tpl/letter.en.tmpl"
run letter "$ada" --templates "$tmp/tpl" -o crlf-letter.pdf
if [ "$rc" -eq 0 ] && pdftotext "$tmp/ex/crlf-letter.pdf" - 2>/dev/null | grep -q "What the group may feel like"
then pass template-cr-line-ends/crlf-read; else fail template-cr-line-ends/crlf-read "exit $rc: $(head -c 300 "$tmp/err")"; fi
rm -rf "$tmp/tpl"

# ---- a template that prints nothing -------------------------------------------------
# an empty letter template, one all comment and one whose every part an
# {{#if}} leaves out each wrote a blank page with exit 0; formc check said
# nothing either
mkdir "$tmp/tpl"
for t in empty comment if-draft; do
    case $t in
    empty) : > "$tmp/tpl/letter.en.tmpl" ;;
    comment) printf '{{! the letter, to be written }}\n\n' > "$tmp/tpl/letter.en.tmpl" ;;
    if-draft) printf '{{#if draft}}\nDraft.\n{{/if}}\n' > "$tmp/tpl/letter.en.tmpl" ;;
    esac
    run letter "$ada" --templates "$tmp/tpl" -o blank-letter.pdf
    expect "template-prints-nothing/$t" 1 "letter.en.tmpl: error: the template gives this document nothing to print"
    absent "template-prints-nothing/$t/not-written" "$tmp/ex/blank-letter.pdf"
    run check "$ada" --templates "$tmp/tpl"
    expect "template-prints-nothing/$t/check" 1 "letter.en.tmpl: error: the template gives this document nothing to print"
done
rm -rf "$tmp/tpl"

# ---- a running header of any length ---------------------------------------------
# a header side wrapped onto as many lines as it needed, growing upwards:
# a name of hundreds of words ran off the top of the page. Each side is one
# line, cut at a word with an ellipsis; the PDF's title keeps the name whole
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "Word%d ", i; printf "Nwosu" }')
sed "s/^patient \"Adaeze Nwosu\"/patient \"Adaeze $long\"/" "$tmp/ex/$ada" > "$tmp/ex/members/longheader.form"
mkdir "$tmp/tpl"
awk -v n="$long" 'BEGIN { FS = OFS = "|" } /^@insert document/ { $3 = " " n " Confidential" } { print }' \
    "$FORMC_DATADIR/report.en.tmpl" > "$tmp/tpl/report.en.tmpl"
run report members/longheader.form --templates "$tmp/tpl" -o longheader.pdf
# the lines of words above the first 60 points of page 1 (the header's), and its words
lines=$(pdftotext -bbox -l 1 "$tmp/ex/longheader.pdf" - 2>/dev/null |
        awk -F'"' '/<word / && $8 < 60 { print $4 }' | sort -u | wc -l)
header_y=$(pdftotext -bbox -l 1 "$tmp/ex/longheader.pdf" - 2>/dev/null | awk -F'"' '/<word / && $8 < 60 { print $4 }' | sort -n | head -n 1)
header=$(pdftotext -l 1 "$tmp/ex/longheader.pdf" - 2>/dev/null | head -n 3 | tr '\n' ' ')
if [ "$rc" -eq 0 ] && [ "$lines" -eq 1 ] && awk -v y="$header_y" 'BEGIN { exit !(y > 20) }' &&
   printf '%s' "$header" | grep -q "^Adaeze Word0 Word1 .*[0-9]… *Word0 Word1 .*[0-9]…" &&
   ! printf '%s' "$header" | grep -q "Nwosu\|Confidential"; then pass header/one-line
else fail header/one-line "exit $rc, $lines lines, top at $header_y: $(printf '%s' "$header" | head -c 300)"; fi
if pdfinfo "$tmp/ex/longheader.pdf" 2>/dev/null | grep -q "^Title: .*Word299 Nwosu"; then pass header/title-whole
else fail header/title-whole "$(pdfinfo "$tmp/ex/longheader.pdf" 2>&1 | grep Title | tail -c 200)"; fi
rm -rf "$tmp/tpl" "$tmp/ex/members/longheader.form"

# ---- an alternative text that starts like a byte-order mark -------------------
# "þÿ" in PDFDocEncoding is FE FF, the mark of UTF-16: the alternative text
# was read as UTF-16 (Chinese characters)
mkdir "$tmp/tpl"
thorn=$(printf '\303\276\303\277')
sed "s/^@alt Chart of the T-score/@alt $thorn Chart of the T-score/" "$FORMC_DATADIR/report.en.tmpl" \
    > "$tmp/tpl/report.en.tmpl"
run report "$ada" --templates "$tmp/tpl" -o bom-alt.pdf
if [ "$rc" -eq 0 ] && qpdf --json=2 "$tmp/ex/bom-alt.pdf" 2>/dev/null |
   grep -qF "\"/Alt\": \"u:$thorn Chart of the T-score"; then pass alt-text/byte-order-mark
else fail alt-text/byte-order-mark "exit $rc: $(qpdf --json=2 "$tmp/ex/bom-alt.pdf" 2>&1 | grep -m1 '"/Alt"' | head -c 200)"; fi
rm -rf "$tmp/tpl"

# ---- --deps never over a document the build writes ----------------------------
# the rules replaced the report, which the next build then kept as up to date
run build thursday.group -o out --quiet
cp "$tmp/ex/out/thu-w26/ada-report.pdf" "$tmp/report.pdf"
for target in out/thu-w26/ada-report.pdf out/thu-w26/../thu-w26/thu-w26-summary.pdf; do
    name=$(basename "$target")
    run build thursday.group -o out --quiet --deps "$target"
    expect "deps-never-over-a-document/$name" 2 "refusing to write the rules to '$target': it is a document this build writes"
done
if head -c 5 "$tmp/ex/out/thu-w26/ada-report.pdf" | grep -q '%PDF-' &&
   head -c 5 "$tmp/ex/out/thu-w26/thu-w26-summary.pdf" | grep -q '%PDF-'; then pass deps-never-over-a-document/kept
else fail deps-never-over-a-document/kept "a document holds: $(head -c 60 "$tmp/ex/out/thu-w26/ada-report.pdf")"; fi
ln "$tmp/ex/out/thu-w26/zoe-letter.pdf" "$tmp/ex/letter-link.pdf"
run build thursday.group -o out --quiet --deps letter-link.pdf
expect deps-never-over-a-document/hard-link 2 "refusing to write the rules to 'letter-link.pdf': it is a document this build writes"
rm -f "$tmp/ex/letter-link.pdf"
run build thursday.group -o out --quiet --deps out/thu-w26/rules.d
if [ "$rc" -eq 0 ] && grep -q '^out/thu-w26/ada-report.pdf:' "$tmp/ex/out/thu-w26/rules.d"; then pass deps-beside-the-documents
else fail deps-beside-the-documents "exit $rc: $(head -c 300 "$tmp/err")"; fi
rm -rf "$tmp/ex/out"

# ---- a logo a clinic's template names is an input of its documents ------------
# `@logo PATH` in a template (not the clinic's block) was read while the
# document was laid out, after its inputs were listed: a new logo left
# every document up to date, and --deps could be written over the image
mkdir "$tmp/tpl"
cp "$tmp/ex/logo.png" "$tmp/ex/brand.png"
sed "s|^@logo {{clinic.logo}}|@logo $tmp/ex/brand.png|" "$FORMC_DATADIR/letter.en.tmpl" > "$tmp/tpl/letter.en.tmpl"
run build thursday.group -o out --quiet --templates "$tmp/tpl"
cp "$top/tests/golden/inc/logo.png" "$tmp/ex/brand.png"      # another image
run build thursday.group -o out --templates "$tmp/tpl"
if [ "$rc" -eq 0 ] && grep -q '^built out/thu-w26/ada-letter.pdf$' "$tmp/err" &&
   ! grep -q '^built out/thu-w26/ada-report.pdf$' "$tmp/err"; then pass template-logo/rebuilt
else fail template-logo/rebuilt "exit $rc: $(head -c 300 "$tmp/err")"; fi
cp "$tmp/ex/brand.png" "$tmp/brand.orig"
run build thursday.group -o out --quiet --templates "$tmp/tpl" --force --deps brand.png
expect template-logo/deps-refused 2 "refusing to write 'brand.png': it is the input file"
if cmp -s "$tmp/ex/brand.png" "$tmp/brand.orig"; then pass template-logo/unchanged
else fail template-logo/unchanged "brand.png was written over"; fi
run build thursday.group -o out --quiet --templates "$tmp/tpl" --deps out/rules.d
if grep -q "^  $tmp/ex/brand.png" "$tmp/ex/out/rules.d"; then pass template-logo/in-the-rules
else fail template-logo/in-the-rules "$(grep -c png "$tmp/ex/out/rules.d") images in the rules"; fi
rm -rf "$tmp/tpl" "$tmp/ex/out" "$tmp/ex/brand.png"

# ---- exported cells a spreadsheet would run as formulas -----------------------
# a patient id "=HYPERLINK(...)" went into the CSV as it was: Excel or
# LibreOffice opening the export ran it as a formula (CSV injection)
i=0
for id in '=HYPERLINK("http://x.example/")' '+1+2' '-3+4' '@SUM(A1)'; do
    i=$((i + 1))
    sed "s|^    id \"P-0201\"|    id \"\"\"$id\"\"\"|" "$tmp/ex/$ada" > "$tmp/ex/members/inj$i.form"
    for cmd in "scores --csv members/inj$i.form" "outcomes --csv - thursday.group"; do
        run $cmd
        cell=$(python3 -c 'import csv,sys; print([r[1] for r in csv.reader(sys.stdin) if r[1][:2] not in ("P-", "me")][0])' \
               < "$tmp/out" 2>/dev/null)
        if [ "$rc" -eq 0 ] && [ "$cell" = "'$id" ]; then pass "csv-formula/${cmd%% *}/$i"
        else fail "csv-formula/${cmd%% *}/$i" "exit $rc, the member cell is [$cell], expected ['$id]"; fi
    done
    rm -f "$tmp/ex/members/inj$i.form"
done

# ---- files formc rewrites: read-only ones and hard links left as they are -----
# formc import and formc fmt replace a file through a rename, which needs no
# permission on the file: a formulation made read-only (a signed, finished
# one) was rewritten all the same; and a file with a second name (a hard
# link) was parted from it, the other name keeping the old text
g="$tmp/imp"
cp -R "$top/tests/import" "$g"
chmod 444 "$g/members/benoit.form"
cp -R "$g/members" "$tmp/imp-before"
(cd "$g" && timeout 60 "$FORMC" import redcap.csv spring.group >"$tmp/out" 2>"$tmp/err"); rc=$?
expect read-only/import-refused 2 "refusing to change 'members/benoit.form': it is read-only (mode 0444)"
if diff -r "$g/members" "$tmp/imp-before" >/dev/null; then pass read-only/import-nothing-written
else fail read-only/import-nothing-written "$(diff -r "$g/members" "$tmp/imp-before" | head -3)"; fi
chmod 644 "$g/members/benoit.form"
ln "$g/members/chloe.form" "$tmp/chloe-second-name.form"
(cd "$g" && timeout 60 "$FORMC" import redcap.csv spring.group >"$tmp/out" 2>"$tmp/err"); rc=$?
expect hard-link/import-refused 2 "refusing to change 'members/chloe.form': it has 2 names (hard links)"
if diff -r "$g/members" "$tmp/imp-before" >/dev/null; then pass hard-link/import-nothing-written
else fail hard-link/import-nothing-written "$(diff -r "$g/members" "$tmp/imp-before" | head -3)"; fi
rm -f "$tmp/chloe-second-name.form"
printf 'patient   "Read Only" {\n  id "X-1"\n}\n' > "$g/ro.form"
chmod 444 "$g/ro.form"
cp "$g/ro.form" "$tmp/ro.before"
(cd "$g" && timeout 60 "$FORMC" fmt ro.form >"$tmp/out" 2>"$tmp/err"); rc=$?
expect read-only/fmt-refused 2 "refusing to change 'ro.form': it is read-only (mode 0444)"
if cmp -s "$g/ro.form" "$tmp/ro.before"; then pass read-only/fmt-unchanged
else fail read-only/fmt-unchanged "ro.form was rewritten"; fi
rm -rf "$g" "$tmp/imp-before"

# ---- formc norms: a clinic's name across paragraphs ----------------------------
# the name's paragraph break ended the comment it was written in, and formc
# norms failed on errors in its own output (norms.form:3:4: error: ...)
sed 's|^clinic "Larch Street Centre for Relational Psychotherapy"|clinic """Larch Street Centre\n\nfor Relational Psychotherapy"""|' \
    "$tmp/ex/clinic.form" > "$tmp/clinic.para"
cp "$tmp/ex/clinic.form" "$tmp/clinic.orig"
cp "$tmp/clinic.para" "$tmp/ex/clinic.form"
run norms thursday.group -o local.form
if [ "$rc" -eq 0 ] && [ -s "$tmp/ex/local.form" ]; then pass norms/clinic-across-paragraphs
else fail norms/clinic-across-paragraphs "exit $rc: $(head -c 300 "$tmp/err")"; fi
run check --instruments local.form members/ada.form
if [ "$rc" -eq 0 ] && ! grep -q "local.form:.*error" "$tmp/err"; then pass norms/reads-back
else fail norms/reads-back "exit $rc: $(grep error "$tmp/err" | head -c 300)"; fi
if grep -q '^# Local norms of Larch Street Centre for Relational Psychotherapy, written by formc norms\.$' "$tmp/ex/local.form"
then pass norms/name-on-its-line
else fail norms/name-on-its-line "$(head -n 2 "$tmp/ex/local.form")"; fi
cp "$tmp/clinic.orig" "$tmp/ex/clinic.form"
rm -f "$tmp/ex/local.form"

# ---- formc outcomes: the export and the document never the same file ----------
# -o and --csv naming one file: the CSV was written, then the PDF over it
run outcomes thursday.group -o both.pdf --csv ./both.pdf
expect outcomes/one-file-for-two 2 "formc outcomes: -o and --csv name the same file"
absent outcomes/one-file-for-two-nothing-written "$tmp/ex/both.pdf"

# ---- an edit made while formc import writes is never lost ----------------------
# the file was compared with what was read before it was flushed to disk:
# an edit saved while the flush took its time (a slow or network disk;
# strace makes it 3 s here) was replaced by the import
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
    g="$tmp/imp"
    cp -R "$top/tests/import" "$g"
    (cd "$g" && ASAN_OPTIONS=detect_leaks=0 timeout 60 strace -f -o /dev/null -e trace=fsync \
        -e inject=fsync:delay_enter=3000000:when=1 "$FORMC" import redcap.csv spring.group \
        >"$tmp/out" 2>"$tmp/err"; echo $? > "$tmp/rc") &
    i=0                                 # the edit once formc is writing the file
    while [ $i -lt 300 ] && ! ls -a "$g/members" | grep -q '^\.amara\.form\.formc\.'; do
        sleep 0.1
        i=$((i + 1))
    done
    echo '# an edit saved meanwhile' >> "$g/members/amara.form"
    wait
    rc=$(cat "$tmp/rc")
    expect edit-meanwhile/refused 2 "members/amara.form: the file changed while formc was working on it"
    if grep -q '^# an edit saved meanwhile$' "$g/members/amara.form"; then pass edit-meanwhile/kept
    else fail edit-meanwhile/kept "the edit was lost"; fi
    rm -rf "$g"
else
    echo "skip e2e/adversarial/edit-meanwhile: strace cannot trace processes here"
fi

# ---- page numbers of any length ------------------------------------------------
# the footer was formatted into 256 bytes: a clinic's longer wording (a
# confidentiality notice before the page number) lost its end, page number
# and all, and cut inside a character, the whole footer
mkdir "$tmp/tpl"
notice="xConfidential: this report holds personal health information about the patient named above, disclosed to you for their care only. Do not copy or pass it on without their written consent; return or destroy it when you no longer need it (é)"
awk -v n="$notice" 'BEGIN { FS = OFS = "|" } /^@insert document/ { $4 = " " n " page %d of %d" } { print }' \
    "$FORMC_DATADIR/report.en.tmpl" > "$tmp/tpl/report.en.tmpl"
run report "$ada" --templates "$tmp/tpl" -o footer.pdf
if [ "$rc" -eq 0 ] && ! grep -q "Invalid UTF-8" "$tmp/err" &&
   pdftotext -l 1 "$tmp/ex/footer.pdf" - 2>/dev/null | tr '\n' ' ' | grep -Eq "\(é\) page 1 of [0-9]+"; then pass footer/whole
else fail footer/whole "exit $rc: $(grep -i "utf-8" "$tmp/err" | head -c 200)"; fi
# a footer of hundreds of words wrapped within the text's width but ran on
# down the page and off it: it is kept to three lines that end where a
# two-line footer does, cut at a word with an ellipsis, the page number kept
long=$(awk 'BEGIN { for (i = 0; i < 400; i++) printf "Notice%d ", i }')
awk -v n="$long" 'BEGIN { FS = OFS = "|" } /^@insert document/ { $4 = " " n " page %d of %d" } { print }' \
    "$FORMC_DATADIR/report.en.tmpl" > "$tmp/tpl/report.en.tmpl"
run report "$ada" --templates "$tmp/tpl" -o longfooter.pdf
# the footer's words (those of "Notice" and the page number below the text)
# and the text's: their lines' tops and bottoms
pdftotext -bbox -l 1 "$tmp/ex/longfooter.pdf" - 2>/dev/null |
    awk -F'"' '/<word / { w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w); print $4, $8, w }' > "$tmp/words"
footer_lines=$(awk '$3 ~ /^Notice/ { print $1 }' "$tmp/words" | sort -u | wc -l)
footer_top=$(awk '$3 ~ /^Notice/ { print $1 }' "$tmp/words" | sort -n | head -n 1)
footer_bottom=$(awk '$3 ~ /^Notice|^of$/ { print $2 }' "$tmp/words" | sort -n | tail -n 1)
text_bottom=$(awk '$3 !~ /^Notice|…/ && $1 < 770 { print $2 }' "$tmp/words" | sort -n | tail -n 1)
footer=$(pdftotext -l 1 "$tmp/ex/longfooter.pdf" - 2>/dev/null | grep -A3 '^Notice0 ' | tr '\n' ' ')
pdftoppm -png -r 60 -f 1 -l 1 "$tmp/ex/longfooter.pdf" "$tmp/longfooter" 2>/dev/null
if [ "$rc" -eq 0 ] && [ "$footer_lines" -eq 3 ] &&
   awk -v t="$footer_top" -v b="$footer_bottom" -v x="$text_bottom" 'BEGIN { exit !(t > x && b < 830) }' &&
   printf '%s' "$footer" | grep -Eq "Notice[0-9]+… page 1 of [0-9]+ *$" &&
   ! printf '%s' "$footer" | grep -q "Notice399" && [ -s "$tmp/longfooter-1.png" ]; then pass footer/bounded
else fail footer/bounded "exit $rc, $footer_lines lines from $footer_top to $footer_bottom, text down to $text_bottom: $(printf '%s' "$footer" | tail -c 200)"; fi
# a notice of one word wider than three lines: the ellipsis, then the page
# number, where the word was cut off and the page number with it
word=$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "x" }')
awk -v n="$word" 'BEGIN { FS = OFS = "|" } /^@insert document/ { $4 = " " n " page %d of %d" } { print }' \
    "$FORMC_DATADIR/report.en.tmpl" > "$tmp/tpl/report.en.tmpl"
run report "$ada" --templates "$tmp/tpl" -o wordfooter.pdf
if [ "$rc" -eq 0 ] && pdftotext -l 1 "$tmp/ex/wordfooter.pdf" - 2>/dev/null | grep -qx "… page 1 of [0-9]*"; then pass footer/one-word
else fail footer/one-word "exit $rc: $(pdftotext -l 1 "$tmp/ex/wordfooter.pdf" - 2>/dev/null | tail -n 4 | cut -c 1-80)"; fi
rm -rf "$tmp/tpl"

# ---- a paragraph longer than Pango can measure in one piece ---------------------
# five leaders of 58,000 letters each (each its own: a number before its
# letters): the letter's "Led by" line holds them all, and Pango, whose sum
# of a piece's widths overflowed past about two million points, set them on
# one line that ran off the page: 290,000 letters left out of the letter,
# and formc said 0
W=$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "WWWWWWWWWWWWWWWWWWWWWWWWWWWWW " }')
awk -v w="$W" '/^    leader "Dr. Leah Brandt"$/ { for (i = 0; i < 5; i++) print "    leader \"" i " " w "\""; next } { print }' \
    "$tmp/ex/thursday.group" > "$tmp/ex/long-leaders.group"
sed 's/thursday\.group"/long-leaders.group"/' "$tmp/ex/$ada" > "$tmp/ex/members/long-leaders.form"
run letter members/long-leaders.form --group long-leaders.group -o long-leaders.pdf
n=$(pdftotext "$tmp/ex/long-leaders.pdf" - 2>/dev/null | tr -cd W | wc -c)
if [ "$rc" -eq 0 ] && [ "$n" -ge 290000 ]; then pass long-paragraph/every-letter-printed
else fail long-paragraph/every-letter-printed "exit $rc, $n of 290000 letters printed: $(head -c 300 "$tmp/err")"; fi
