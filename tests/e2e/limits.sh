#!/bin/sh
# limits.sh — end-to-end tests of formc's limits (docs/security.md) that
# check_cli.sh does not already test: the length of a string and of a line,
# the cost of many errors on one long line, the logo's file size and pixel
# size (a PNG decompression bomb is refused before it is decoded), the terms
# of a clinic's list of clinical terms, and the number of pages of a
# document. Each limit gives its message and writes
# nothing. (File size, nesting, include depth, members and errors shown are
# tested in check_cli.sh.)
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=limits
. "$(dirname "$0")/lib/common.sh"

# run ARGS...: formc with a 120 s limit; sets $rc and $took (seconds),
# stderr in $tmp/err
run() {
    start=$(date +%s)
    timeout 120 "$FORMC" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    took=$(( $(date +%s) - start ))
}

# xs N: N bytes of 'x'
xs() { head -c "$1" /dev/zero | tr '\0' x; }

cp -R "$top/examples" "$tmp/ex" || exit 1
cd "$tmp/ex" || exit 1
ada=members/ada.form

# ---- strings: at most 64 KiB -------------------------------------------------
# the patient's pattern in the letter, as words: one byte over the limit,
# then exactly at it (kai.form is a draft without a letter block)
words() { yes 'word' | tr '\n' ' ' | head -c "$1"; }
{ cat members/kai.form; printf 'letter {\n    pattern "'; words 65537; printf '"\n}\n'; } > members/long-string.form
line=$(( $(wc -l < members/kai.form) + 2 ))
run report members/long-string.form -o long-string.pdf
expect string-over-64k 1 "members/long-string.form:$line:13: error: string of 65537 bytes: a string holds at most 64 KiB (65536 bytes)"
absent string-over-64k/nothing-written long-string.pdf
{ cat members/kai.form; printf 'letter {\n    pattern "'; words 65536; printf '"\n}\n'; } > members/max-string.form
run letter members/max-string.form -o max-string.pdf
[ "$rc" -eq 0 ] && [ -s max-string.pdf ] && pass string-of-64k-is-written ||
    fail string-of-64k-is-written "exit $rc: $(head -c 300 "$tmp/err")"

# ---- lines: at most 128 KiB --------------------------------------------------
{ cat $ada; printf '# '; xs 131070; printf '\n'; } > members/max-line.form
run check members/max-line.form
[ "$rc" -eq 0 ] && pass line-of-128k || fail line-of-128k "exit $rc: $(head -c 300 "$tmp/err")"
n=$(( $(wc -l < $ada) + 1 ))
{ cat $ada; printf '# '; xs 131071; printf '\n'; } > members/long-line.form
run check members/long-line.form
expect line-over-128k 1 "members/long-line.form:$n:131073: error: line longer than 128 KiB (131072 bytes); formc stops reading this file"
# a 16 MiB file on one line (say a binary file): one error, at once
xs 16777216 > one-line.form
run check one-line.form
if [ "$rc" -eq 1 ] && [ "$(grep -c ': error:' "$tmp/err")" -eq 1 ] && [ "$took" -le 10 ]; then
    pass one-line-of-16-mib
else
    fail one-line-of-16-mib "exit $rc after ${took}s: $(head -c 300 "$tmp/err")"
fi
# 100,000 errors on one line, all shown: each costs its place, not the line
xs 100000 | tr x : > colons.form
run check --max-errors 0 colons.form
n=$(grep -c ': error:' "$tmp/err")
if [ "$rc" -eq 1 ] && [ "$n" -eq 100000 ] && [ "$took" -le 20 ]; then
    pass errors-along-a-long-line
else
    fail errors-along-a-long-line "exit $rc, $n errors after ${took}s"
fi
if grep -q '^colons.form:1:100000: error: unexpected' "$tmp/err" &&
   [ "$(tail -n 1 "$tmp/err" | tr -cd '^' | wc -c)" -eq 1 ]; then
    pass errors-along-a-long-line/last-column
else
    fail errors-along-a-long-line/last-column "$(tail -n 3 "$tmp/err" | head -c 300)"
fi

# ---- names and values: at most 200,000 in a file with its includes ------------
# 16 MiB of one-letter statements took 1.3 GB to check and 2.4 GB to format;
# now formc stops at the limit (in 512 MiB of address space: an unbounded
# tree runs out of memory; a sanitizer build reserves more, so is left free)
yes 'a 1' | head -c 16777000 > tiny.form
limited() {
    if grep -q __asan_init "$FORMC" 2>/dev/null; then "$@"; else (ulimit -v 524288; "$@"); fi
}
start=$(date +%s)
(limited timeout 120 "$FORMC" check tiny.form >"$tmp/out" 2>"$tmp/err"); rc=$?
took=$(( $(date +%s) - start ))
expect items-over-200000/check 1 "tiny.form:100001:1: error: more than 200000 names and values in this file and the files it includes; formc stops reading here"
(limited timeout 120 "$FORMC" fmt --stdout tiny.form >"$tmp/out" 2>"$tmp/err"); rc=$?
expect items-over-200000/fmt 1 "tiny.form:100001:1: error: more than 200000 names and values"
# one-letter statements, the densest file there is, pass 24 bytes of tree per
# byte of text: stopped there, early, whatever the length of the file
yes a | head -c 16777000 > letters.form
for cmd in check "fmt --stdout"; do
    (limited timeout 120 "$FORMC" $cmd letters.form >"$tmp/out" 2>"$tmp/err"); rc=$?
    expect "tree-per-byte/$(echo $cmd | cut -d' ' -f1)" 1 "error: the statements read so far take more than 24 bytes of memory per byte of the file"
done
if grep -q "^letters.form:[0-9]\{4,5\}:1: error: the statements" "$tmp/err"; then pass tree-per-byte/stopped-early
else fail tree-per-byte/stopped-early "$(grep error: "$tmp/err" | head -c 200)"; fi
# the budget is shared with the includes: two files of 150,000 each pass it
# (after the 4 of the include statements, 49,996 are left for the second).
# The trailing space keeps the files well inside the tree's budget per byte
# (a bare 'a 1 2' line takes some 24 bytes of tree a byte, at that limit),
# so that it is the items' budget this tests
yes 'a 1 2 ' | head -n 50000 > half.form
printf 'include "half.form"
include "half.form"
' > two-halves.form
run check two-halves.form
expect items-over-200000/with-includes 1 "half.form:16666:3: error: more than 200000 names and values in this file and the files it includes"

# ---- included text: 16 MiB in all, each inclusion counted ----------------------
# 17 files of about 180 bytes, each including the next ten times, 16 deep:
# 10^16 inclusions took minutes and gigabytes; now the budgets stop it at once
i=0
while [ $i -le 16 ]; do
    : > fan$i.form
    if [ $i -lt 16 ]; then k=0; while [ $k -lt 10 ]; do echo "include \"fan$((i + 1)).form\"" >> fan$i.form; k=$((k + 1)); done
    else echo 'clinician "x"' > fan16.form; fi
    i=$((i + 1))
done
start=$(date +%s)
(limited timeout 60 "$FORMC" check fan0.form >"$tmp/out" 2>"$tmp/err"); rc=$?
took=$(( $(date +%s) - start ))
expect include-fan-out 1 "error: more than 200000 names and values in this file and the files it includes"
# a 5 MiB file (of comments) included four times: the fourth passes 16 MiB
awk 'BEGIN { for (i = 0; i < 65536; i++) printf "# %077d\n", i }' > five.form
printf 'include "five.form"\ninclude "five.form"\ninclude "five.form"\ninclude "five.form"\nclinician "x"\n' > four-fives.form
run check four-fives.form
expect included-over-16-mib 1 "four-fives.form:4:9: error: including 'five.form' brings the text included into four-fives.form past 16 MiB (a file counts each time it is included); formc includes nothing more"
if [ "$(grep -c ': error: including' "$tmp/err")" -eq 1 ]; then pass included-over-16-mib/one-error
else fail included-over-16-mib/one-error "$(grep ': error:' "$tmp/err" | head -c 300)"; fi

# ---- the logo: at most 2 MiB and 2048 x 2048 pixels, checked before decoding --
cp "$top/tests/golden/inc/logo.png" "$top/tests/golden/inc/bomb.png" .
sed 's|# logo "logo.png".*|logo "logo.png"|' clinic.form > clinic.new && mv clinic.new clinic.form
run letter $ada -o logo.pdf
if [ "$rc" -eq 0 ] && [ "$(pdfimages -list logo.pdf 2>/dev/null | awk 'NR > 2' | wc -l)" -ge 1 ]; then
    pass logo-in-letter
else
    fail logo-in-letter "exit $rc: $(head -c 300 "$tmp/err")"
fi
# a 12 KB PNG that would decode to 10000 x 10000 pixels (400 MB)
sed -i 's|logo "logo.png"|logo "bomb.png"|' clinic.form
line=$(grep -n 'logo "bomb.png"' clinic.form | cut -d: -f1)
run letter $ada -o bomb.pdf
expect logo-bomb 1 "clinic.form:$line:10: error: the logo members/../bomb.png is 10000 x 10000 pixels; an image may be at most 2048 x 2048 pixels"
absent logo-bomb/nothing-written bomb.pdf
run summary thursday.group -o bomb-summary.pdf
expect logo-bomb/summary 1 "clinic.form:$line:10: error: the logo bomb.png is 10000 x 10000 pixels"
# over 2 MiB: refused unread, whatever it holds
{ cat logo.png; head -c 2200000 /dev/zero; } > big.png
sed -i 's|logo "bomb.png"|logo "big.png"|' clinic.form
run check thursday.group
expect logo-over-2-mib 1 "clinic.form:$line:10: error: the logo big.png is larger than the limit of 2 MiB for an image"
# a PNG signature followed by nonsense: an error, not a crash
{ printf '\211PNG\r\n\032\n'; xs 200; } > bad.png
sed -i 's|logo "big.png"|logo "bad.png"|' clinic.form
run check thursday.group
expect logo-not-png 1 "clinic.form:$line:10: error: the logo bad.png is not a PNG image"
sed -i 's|^ *logo "bad.png"|    # logo "logo.png"|' clinic.form

# ---- a clinic's list of clinical terms: at most 5000 terms are sought ----------
mkdir own
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "t%06d\n", i; print "perfectionism" }' > own/jargon.txt
{ printf 'clinic "Own" {\n    templates "../own"\n}\n'; cat members/kai.form; printf 'letter {\n    pattern "Your perfectionism."\n}\n'; } > members/terms.form
run check members/terms.form
if [ "$rc" -eq 0 ] && [ "$took" -le 10 ] &&
   grep -qF "members/../own/jargon.txt: warning: only the first 5000 terms of a list of clinical terms are used" "$tmp/err"; then
    pass clinical-terms-over-5000
else
    fail clinical-terms-over-5000 "exit $rc after ${took}s: $(head -c 300 "$tmp/err")"
fi
# terms are looked up in a hashed set, each word of a text once: 5000 terms
# (the most a list gives) of 100 letters sharing their first 95 with every word of six 60 KB letter
# texts (a scan per term compared them all), and 2000 terms of 1000 letters
# (left out, said: a scan per term took hours on such texts)
awk 'BEGIN { for (i = 0; i < 2000; i++) { for (k = 0; k < 995; k++) printf "a"; printf "%05d\n", i }
             for (i = 0; i < 4998; i++) { for (k = 0; k < 95; k++) printf "a"; printf "%05d\n", i }
             print "perfectionism"; print "self-oriented" }' > own/jargon.txt
text=$(awk 'BEGIN { for (i = 0; i < 600; i++) { for (k = 0; k < 99; k++) printf "a"; printf " " } }')
{ printf 'clinic "Own" {\n    templates "../own"\n}\n'; cat members/kai.form; printf 'letter {\n'
  for f in pattern in_group engagement pattern_interruption self_redefinition; do printf '    %s "%s"\n' $f "$text"; done
  printf '    termination "%s your self-oriented perfectionism."\n}\n' "$text"; } > members/terms.form
run check members/terms.form
line=$(grep -n '^    termination' members/terms.form | cut -d: -f1)
if [ "$rc" -eq 0 ] && [ "$took" -le 10 ] &&
   grep -qF "members/terms.form:$line:60024: warning: 'self-oriented' is a clinical term" "$tmp/err" &&
   grep -qF "members/terms.form:$line:60038: warning: 'perfectionism' is a clinical term" "$tmp/err" &&
   grep -qF "members/../own/jargon.txt: warning: 2000 terms longer than 100 bytes are left out of the list of clinical terms" "$tmp/err"; then
    pass clinical-terms-hashed
else
    fail clinical-terms-hashed "exit $rc after ${took}s (run's limit: 120): $(grep 'clinical\|jargon' "$tmp/err" | head -c 600)"
fi

# ---- pages: at most 1000 -------------------------------------------------------
# three goals of 21,000 one-line paragraphs each: well over 1000 pages
{ sed '/^goal/,$d' $ada; i=0; while [ $i -lt 3 ]; do
    printf 'goal """'; yes a | head -n 21000 | sed 's/$/\n/'; printf '"""\n'; i=$((i + 1)); done; } > members/pages.form
run report members/pages.form -o pages.pdf
expect pages-over-1000 2 "formc: error: 'pages.pdf' is not written: the document would have more than 1000 pages"
absent pages-over-1000/nothing-written pages.pdf
if [ -z "$(find . -name '.pages.pdf.*' | head -n 1)" ]; then pass pages-over-1000/no-temporary-file; else
    fail pages-over-1000/no-temporary-file "$(find . -name '.pages.pdf.*')"; fi

# ---- pages: the limit holds within one block -----------------------------------
# a clinic's @table of 65,536 rows from loops inside loops: one block, and the
# page limit was looked at only between blocks: formc wrote a letter of 1,700
# pages with exit 0 (13,798 pages from 524,288 rows, in 20 s and 710 MB)
mkdir -m 700 tpl-rows
table() {   # table LOOPS CELLS: an @table repeated 2^LOOPS times, CELLS cells a row
    awk -v n="$1" -v c="$2" 'BEGIN { print "Dear {{patient.preferred}},\n\n@table"
        for (i = 0; i < n; i++) printf "{{#each group.leaders}}"
        for (j = 1; j < c; j++) printf "a|"; printf "b\n"
        for (i = 0; i < n; i++) printf "{{/each}}"; print "" }' > tpl-rows/letter.en.tmpl
}
table 16 1
run letter $ada --templates tpl-rows -o rows.pdf
expect template-table/pages-over-1000 2 "formc: error: 'rows.pdf' is not written: the document would have more than 1000 pages"
absent template-table/nothing-written rows.pdf
# 131,072 rows of 2 cells: laying out each cell cost time and memory before
# the pages were counted (1.8 million: 14 s, 500 MB)
table 17 2
run letter $ada --templates tpl-rows -o cells.pdf
expect template-table/cells 1 "tpl-rows/letter.en.tmpl:3:1: error: a table of 131072 rows and 2 columns: more than 200000 cells"
absent template-table/cells-nothing-written cells.pdf
# a clinic's template of 131,072 headings, each kept with the next: the
# height each must keep with was found by a call per heading inside the
# one before, and formc crashed (SIGSEGV), its stack exhausted
awk 'BEGIN { print "Dear {{patient.preferred}},\n"
    for (i = 0; i < 17; i++) printf "{{#each group.leaders}}"; printf "# A heading\n\n"
    for (i = 0; i < 17; i++) printf "{{/each}}"; print "" }' > tpl-rows/letter.en.tmpl
run letter $ada --templates tpl-rows -o headings.pdf
expect template-headings/no-crash 2 "formc: error: 'headings.pdf' is not written: the document would have more than 1000 pages"
absent template-headings/nothing-written headings.pdf

# ---- pieces set apart in one paragraph: at most 10,000 -------------------------
# a clinic's paragraph of 2^14 words each in bold (from loops inside loops):
# Pango's work on a paragraph grows with the square of its styled pieces
# (2^19 took 35 s and 625 MB); refused at the template, as check says too
awk 'BEGIN { print "Dear {{patient.preferred}},\n"
    for (i = 0; i < 14; i++) printf "{{#each group.leaders}}"; printf "*word* "
    for (i = 0; i < 14; i++) printf "{{/each}}"; print "" }' > tpl-rows/letter.en.tmpl
run letter $ada --templates tpl-rows -o styled.pdf
expect template-styled 1 "tpl-rows/letter.en.tmpl:3:324: error: this paragraph sets more than 10000 pieces of its text apart (in bold, in italics or in small print)"
absent template-styled/nothing-written styled.pdf
run check $ada --templates tpl-rows
expect template-styled/check 1 "tpl-rows/letter.en.tmpl:3:324: error: this paragraph sets more than 10000 pieces"

# ---- codes kept whole in one paragraph: in linear time ---------------------------
# a clinic's paragraph of 2^16 codes (from loops inside loops), each a range
# Pango may not break a line in: Pango 1.50 works on each no-break attribute
# over the whole paragraph's text, so 2^13 codes took 4.5 s and 2^16 more
# than 3 minutes and 768 MB. Codes Pango keeps whole by itself (P-0201: no
# break between a hyphen and a digit) need no attribute, and past the first
# TEXT_CODES_BY_ATTRIBUTE of a paragraph the others are kept whole by word
# joiners; no line ends inside a code
codes() {   # codes LOOPS CODE: a paragraph of 2^LOOPS codes
    awk -v n="$1" -v c="$2" 'BEGIN { print "Dear {{patient.preferred}},\n"
        for (i = 0; i < n; i++) printf "{{#each group.leaders}}"; printf "%s ", c
        for (i = 0; i < n; i++) printf "{{/each}}"; print "" }' > tpl-rows/letter.en.tmpl
}
for code in P-0201 thu-w26; do
    codes 16 $code
    run letter $ada --templates tpl-rows -o codes.pdf
    if [ "$rc" -ne 0 ]; then
        fail template-codes/$code "exit $rc after ${took}s (124 = timed out): $(head -c 300 "$tmp/err")"
    elif [ "$(pdftotext codes.pdf - | grep -o "$code" | wc -l)" -ne 65536 ]; then
        fail template-codes/$code "the document does not print the 65536 codes whole"
    elif pdftotext -layout codes.pdf - | grep -q -e '-$' -e '^w26'; then
        fail template-codes/$code "a line ends inside a code: $(pdftotext -layout codes.pdf - | grep -m 1 -e '-$' -e '^w26')"
    else
        pass template-codes/$code
    fi
    rm -f codes.pdf
done

# ---- a table's header of many words: in linear time ---------------------------
# a clinic's column heading of 2^16 words (an @insert's argument from loops
# inside loops): a heading keeps its words whole, and each word had a
# no-break attribute of its own, which Pango works on over the whole cell
# and copies at every line, so 2^12 words took 9 s and 1 GB, 2^16 more than
# the 120 s. A word Pango would not break needs none, and past the first
# TEXT_CODES_BY_ATTRIBUTE words that do ("Follow-up") a word breaks where
# Pango would. A heading this long is taller than a page, and no row fits
# under it on any page: the pages ran on to the limit (1000 pages, a
# message about pages); refused at the table, saying so, nothing written
mkdir -m 700 tpl-head
for word in word Follow-up; do
    awk -v c="$word" 'BEGIN { print "@insert document | Summary | Confidential | page %d of %d\n\n# Summary\n"
        printf "@insert roster | "; for (i = 0; i < 16; i++) printf "{{#each group.leaders}}"; printf "%s ", c
        for (i = 0; i < 16; i++) printf "{{/each}}"
        print " | ID | Age | Pronouns | Status | Pre | Post | Follow-up | draft | final" }' > tpl-head/summary.en.tmpl
    run summary thursday.group --templates tpl-head -o head.pdf
    expect template-heading/$word 2 "formc: error: 'head.pdf' is not written: a table's header is taller than a page, and no row of the table fits under it (a heading of hundreds of words?)"
    absent template-heading/$word/nothing-written head.pdf
done
