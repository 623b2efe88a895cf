#!/bin/sh
# hostile.sh — end-to-end regression tests of what adversarial testing
# broke, each reproducing its break: --deps never over an input, -o never
# over formc itself, a --templates folder that does not exist, a malformed
# SOURCE_DATE_EPOCH, a damaged PNG logo told at the logo, file names with
# escape codes or line breaks never echoed raw to the terminal, long words
# and crowded characters laid out whole and in bounded time, table cells
# taller than a page and any number of informants printed whole; every
# signal that ends formc removing its temporary file, and a later run
# removing those a killed one left; output folders another user controls
# refused, the folders formc makes private, and a file formc did not write
# never taken for an up-to-date document; what formc prints on a full or
# closed standard output an error, never exit 0 with the text lost.
# Every run is bounded by `timeout`, so a hang fails its test.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=hostile
. "$(dirname "$0")/lib/common.sh"

RUN_IN=$tmp/ex

# same NAME FILE COPY: FILE still has the bytes of COPY
same() {
    if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$2 was changed"; fi
}

cp -R "$top/examples" "$tmp/ex" || exit 1
cp -R "$FORMC_DATADIR" "$tmp/data" || exit 1
cp "$tmp/ex/clinic.form" "$tmp/clinic.orig"

# ---- --deps never writes over an input ---------------------------------------
# the workers read the members, their includes, the templates and the word
# lists: none of these may become the deps file
for target in clinic.form ../data/jargon.txt ../data/report.en.tmpl members/ada.form; do
    name=$(basename "$target")
    cp "$tmp/ex/$target" "$tmp/before"
    (cd "$tmp/ex" && FORMC_DATADIR="$tmp/data" timeout 60 "$FORMC" build thursday.group -o out \
        --deps "$target" --quiet >"$tmp/out" 2>"$tmp/err")
    rc=$?
    expect "deps-never-over/$name/refused" 2 "refusing to write '$target': it is the input file"
    same "deps-never-over/$name/unchanged" "$tmp/ex/$target" "$tmp/before"
done

# ---- -o never writes over formc itself ---------------------------------------
cp "$FORMC" "$tmp/formc-copy"
cp "$FORMC" "$tmp/formc-orig"
(cd "$tmp/ex" && timeout 60 "$tmp/formc-copy" report members/ada.form -o "$tmp/formc-copy" \
    >"$tmp/out" 2>"$tmp/err")
rc=$?
expect "o-never-over-formc/refused" 2 "it is the formc program itself"
same "o-never-over-formc/unchanged" "$tmp/formc-copy" "$tmp/formc-orig"

# ---- --templates naming a folder that does not exist -------------------------
for cmd in report letter summary build; do
    f=members/ada.form
    [ "$cmd" = summary ] || [ "$cmd" = build ] && f=thursday.group
    run "$cmd" "$f" --templates no-such-folder -o "t-$cmd"
    expect "templates-missing/$cmd" 2 "--templates 'no-such-folder': no such folder"
    if [ -e "$tmp/ex/t-$cmd" ]; then fail "templates-missing/$cmd/nothing-written" "t-$cmd written"
    else pass "templates-missing/$cmd/nothing-written"; fi
done
run report members/ada.form --templates clinic.form -o t.pdf
expect templates-not-a-folder 2 "--templates 'clinic.form': not a folder"

# ---- SOURCE_DATE_EPOCH -------------------------------------------------------
for value in abc -1 1e9 " 12" 12x 99999999999999999999 253402300800; do
    (cd "$tmp/ex" && SOURCE_DATE_EPOCH="$value" timeout 60 "$FORMC" letter members/ada.form \
        -o sde.pdf >"$tmp/out" 2>"$tmp/err")
    rc=$?
    expect "source-date-epoch-malformed/'$value'" 2 "SOURCE_DATE_EPOCH is '$value'"
done
if [ -e "$tmp/ex/sde.pdf" ]; then fail source-date-epoch-malformed/nothing-written "sde.pdf written"
else pass source-date-epoch-malformed/nothing-written; fi
# (a letter with no 'dated' line is dated today)
sed '/^ *dated /d' "$tmp/ex/members/ada.form" >"$tmp/ex/members/ada-undated.form"
(cd "$tmp/ex" && SOURCE_DATE_EPOCH=253402300799 timeout 60 "$FORMC" letter members/ada-undated.form \
    -o sde.pdf >"$tmp/out" 2>"$tmp/err")
rc=$?
if [ "$rc" -eq 0 ] && pdftotext "$tmp/ex/sde.pdf" - 2>/dev/null | grep -q "December 31, 9999"; then
    pass source-date-epoch-largest
else
    fail source-date-epoch-largest "exit $rc, no letter dated 9999: $(head -c 300 "$tmp/err")"
fi
rm -f "$tmp/ex/members/ada-undated.form"

# ---- a damaged PNG logo ------------------------------------------------------
# a valid signature and header, then data that does not decompress
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\012\000\000\000\012\010\002\000\000\000\002PX\352' \
    > "$tmp/ex/bad.png"
printf '\000\000\000\010IDATgarbage!\000\000\000\000' >> "$tmp/ex/bad.png"
sed 's|^    logo "logo.png"|    logo "bad.png"|' "$tmp/clinic.orig" > "$tmp/ex/clinic.form"
run letter members/ada.form -o logo.pdf
line=$(grep -n 'logo "bad.png"' "$tmp/ex/clinic.form" | cut -d: -f1)
expect logo-damaged/located 0 "members/../clinic.form:$line:10: warning: the logo is left out"
expect logo-damaged/says-damaged 0 "is not a readable PNG image (its data is damaged or cut short)"
if grep -q "out of memory" "$tmp/err"; then fail logo-damaged/not-out-of-memory "says out of memory"
else pass logo-damaged/not-out-of-memory; fi
cp "$tmp/clinic.orig" "$tmp/ex/clinic.form"

# ---- a report is made only when its group has no error -----------------------
# an error in the group file or its clinic block (a templates folder that is
# not there) was printed, yet the report was written and formc said 0
sed 's|^    logo "logo.png".*|&\n    templates "no-such-folder"|' "$tmp/clinic.orig" > "$tmp/ex/clinic.form"
run report members/ada.form -o grouperr.pdf
expect group-error/clinic 1 "members/../clinic.form:9:15: error: templates folder not found"
cp "$tmp/clinic.orig" "$tmp/ex/clinic.form"
cp "$tmp/ex/thursday.group" "$tmp/group.orig"
sed 's/^    weeks 12/&\n    wekks 3/' "$tmp/group.orig" > "$tmp/ex/thursday.group"
run report members/ada.form -o grouperr.pdf
expect group-error/group-file 1 "members/../thursday.group:17:5: error: unknown field 'wekks'"
cp "$tmp/group.orig" "$tmp/ex/thursday.group"
if [ -e "$tmp/ex/grouperr.pdf" ]; then fail group-error/nothing-written "grouperr.pdf written"
else pass group-error/nothing-written; fi
# a report needs no group: one its file names but that is not there is a
# warning (the letter needs it), not an error printed beside a document
sed 's|"\.\./thursday.group"|"../no-such.group"|' "$tmp/ex/members/ada.form" > "$tmp/ex/members/nogroup.form"
run report members/nogroup.form -o nogroup.pdf
if [ "$rc" -eq 0 ] && [ -s "$tmp/ex/nogroup.pdf" ] && grep -q "warning: group file not found" "$tmp/err" &&
   ! grep -q ": error:" "$tmp/err"; then pass group-missing/report-warns
else fail group-missing/report-warns "exit $rc: $(head -c 300 "$tmp/err")"; fi
rm -f "$tmp/ex/members/nogroup.form"

# ---- input problems are told at the input, not in the shipped templates -------
# 80 goals of 60 KB pass the 4 MiB of text a document may hold: the error was
# "report.en.tmpl:197:16: ... (a loop inside loops?)", in the shipped template
text=$(yes word | head -n 12000 | tr '\n' ' ')
{ cat "$tmp/ex/members/ada.form"; i=0; while [ $i -lt 80 ]; do printf 'goal "%s"\n' "$text"; i=$((i + 1)); done; } \
    > "$tmp/ex/members/goals.form"
run report members/goals.form -o goals.pdf
expect too-much-text/at-the-input 1 "members/goals.form:"
if grep -q "^members/goals.form:[0-9]*:6: error: with this text the document passes 4 MiB" "$tmp/err" &&
   grep -q "report.en.tmpl:[0-9]*:[0-9]*: note: the template prints it here" "$tmp/err" &&
   ! grep -q "loop inside loops" "$tmp/err"; then pass too-much-text/told-where
else fail too-much-text/told-where "$(grep -v 'note: [ph]' "$tmp/err" | head -c 400)"; fi
rm -f "$tmp/ex/members/goals.form"

# ---- file names with escape codes and line breaks ----------------------------
esc=$(printf '\033')
weird=$(printf 'a\033]0;owned\007b\nc.form')
printf 'patient "X" {\n  bogus 1\n}\n' > "$tmp/ex/$weird"
for cmd in check report "fmt --check"; do
    (cd "$tmp/ex" && timeout 60 "$FORMC" $cmd "$weird" >"$tmp/out" 2>"$tmp/err")
    name=$(echo "$cmd" | tr ' ' _)
    if grep -q "$esc" "$tmp/err" "$tmp/out" || [ "$(cat "$tmp/err" "$tmp/out" | wc -l)" -eq 0 ]; then
        fail "names-escaped/$name" "raw escape code or nothing: $(cat "$tmp/err" "$tmp/out" | head -c 100 | od -c | head -3)"
    elif grep -qF 'a\x1b]0;owned\ab\nc.form' "$tmp/err" "$tmp/out"; then
        pass "names-escaped/$name"
    else
        fail "names-escaped/$name" "name not shown escaped: $(head -c 200 "$tmp/err")"
    fi
done
(cd "$tmp/ex" && timeout 60 "$FORMC" check --bogus"$esc"x thursday.group >"$tmp/out" 2>"$tmp/err")
if grep -q "$esc" "$tmp/err"; then fail names-escaped/option "raw escape code"
else pass names-escaped/option; fi

# ---- a member file whose name holds a bidirectional control -----------------
# "ev<U+202E>fdp.form" would be written as ev<U+202E>fdp-report.pdf, listed
# by a file manager reordered ("evfdp-troper.pdf" read from the right):
# refused where the name is made, before anything is written
rlo=$(printf '\342\200\256')
mkdir "$tmp/rlo" && cp -R "$top/examples/." "$tmp/rlo/" &&
    sed 's/id "P-0201"/id "P-0299"/' "$tmp/rlo/members/ada.form" > "$tmp/rlo/members/ev${rlo}fdp.form"
(cd "$tmp/rlo" && timeout 60 "$FORMC" check thursday.group >"$tmp/out" 2>"$tmp/err"); rc=$?
expect "bidi-file-name/check" 1 'members/ev\u202efdp.form would give its documents a name holding U+202E'
(cd "$tmp/rlo" && timeout 60 "$FORMC" build -q thursday.group -o out >"$tmp/out" 2>"$tmp/err"); rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$tmp/rlo/out/thu-w26" ]; then pass "bidi-file-name/build-nothing"
else fail "bidi-file-name/build-nothing" "exit $rc: $(ls -R "$tmp/rlo/out" 2>&1 | head -c 200)"; fi
(cd "$tmp/rlo" && timeout 60 "$FORMC" report "members/ev${rlo}fdp.form" >"$tmp/out" 2>"$tmp/err"); rc=$?
expect "bidi-file-name/report" 1 "would give the report a name holding U+202E"
if ls "$tmp/rlo" | grep -q "fdp-report"; then fail "bidi-file-name/report-nothing" "written"
else pass "bidi-file-name/report-nothing"; fi

# ---- long words and crowded characters ---------------------------------------
# one field of one 65,000-letter word: 177 s before; now about a second, and
# every letter printed (a word wider than the line ran off the page)
ada=members/ada.form
awk 'BEGIN { printf "%065000d", 0 }' | tr 0 a > "$tmp/word"
word=$(cat "$tmp/word")
sed "s/Picks up extra/$word Picks up extra/" "$tmp/ex/$ada" > "$tmp/ex/members/longword.form"
run report members/longword.form -o longword.pdf
n=$(pdftotext "$tmp/ex/longword.pdf" - 2>/dev/null | tr -cd a | wc -c)
if [ "$rc" -eq 0 ] && [ "$n" -ge 65000 ]; then pass long-word/report-whole-in-time
else fail long-word/report-whole-in-time "exit $rc (124 = timed out), $n letters a printed"; fi
head -c 8000 "$tmp/word" > "$tmp/word8"
word=$(cat "$tmp/word8")
sed "s/You have spent most/$word You have spent most/" "$tmp/ex/$ada" > "$tmp/ex/members/longword8.form"
run letter members/longword8.form -o longword8.pdf
n=$(pdftotext "$tmp/ex/longword8.pdf" - 2>/dev/null | tr -cd a | wc -c)
if [ "$rc" -eq 0 ] && [ "$n" -ge 8000 ]; then pass long-word/letter-nothing-lost
else fail long-word/letter-nothing-lost "exit $rc, $n letters a printed of 8000 and more"; fi
# a name of 20,000 combining accents: refused at its place
marks=$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "\314\201" }')
sed "s/patient \"Adaeze/patient \"Ada${marks}eze/" "$tmp/ex/$ada" > "$tmp/ex/members/marks.form"
run report members/marks.form -o marks.pdf
expect crowded-character/refused 1 "members/marks.form:5:43: error: a character carries more than 30 combining marks (accents)"
# the same in a clinic's template: laid out in bounded time, marks kept
mkdir -p "$tmp/ex/tmpl"
awk 'BEGIN { printf "x"; for (i = 0; i < 100000; i++) printf "\314\201"; printf "\n\n" }' > "$tmp/marks"
sed '/^Dear /r '"$tmp/marks" "$FORMC_DATADIR/letter.en.tmpl" > "$tmp/ex/tmpl/letter.en.tmpl"
run letter $ada --templates tmpl -o marks-letter.pdf
if [ "$rc" -eq 0 ] && [ -s "$tmp/ex/marks-letter.pdf" ]; then pass crowded-character/template-in-time
else fail crowded-character/template-in-time "exit $rc (124 = timed out): $(head -c 300 "$tmp/err")"; fi
rm -f "$tmp/ex/members/longword.form" "$tmp/ex/members/longword8.form" "$tmp/ex/members/marks.form"

# ---- nothing cut: table rows taller than a page, any number of informants ----
# a 250-word in_group text: the summary's row ran off the page, its end lost
awk 'BEGIN { for (i = 0; i < 250; i++) printf "word%d ", i }' > "$tmp/words"
sed "s/group \"Treats the group/group \"$(cat "$tmp/words")ENDMARK. Treats the group/" \
    "$tmp/ex/$ada" > "$tmp/ex/members/ada-long.form"
mkdir -p "$tmp/ex/long"
cp "$tmp/ex/members/ada-long.form" "$tmp/ex/long/ada.form"
sed 's|"\.\./thursday.group"|"../long.group"|' "$tmp/ex/long/ada.form" > "$tmp/ex/long/ada.tmp" && mv "$tmp/ex/long/ada.tmp" "$tmp/ex/long/ada.form"
sed 's|member "members/\*.form"|member "long/*.form"|; s|code "thu-w26"|code "long"|' "$tmp/ex/thursday.group" > "$tmp/ex/long.group"
run summary long.group -o long-summary.pdf
if [ "$rc" -eq 0 ] && pdftotext "$tmp/ex/long-summary.pdf" - 2>/dev/null | tr '\n' ' ' | grep -q "word249 ENDMARK"; then
    pass tall-row/summary-whole
else
    fail tall-row/summary-whole "exit $rc; the text's end is missing: $(head -c 300 "$tmp/err")"
fi
rm -f "$tmp/ex/members/ada-long.form"
# 1000 informants: every table (32 were printed) and the whole Assessments cell
awk '/^assessment post/ && !done { for (i = 0; i < 1000; i++)
        printf "assessment pre 2026-01-05 rater \"informant %d\" {\n    hfmps.self_oriented 70\n}\n", i; done = 1 }
     { print }' "$tmp/ex/members/jose.form" > "$tmp/ex/raters.form"
sed -i 's|"\.\./thursday.group"|"thursday.group"|' "$tmp/ex/raters.form"
run report raters.form -o raters.pdf
pdftotext "$tmp/ex/raters.pdf" "$tmp/raters.txt" 2>/dev/null
tables=$(grep -c "Ratings by an informant" "$tmp/raters.txt")
if [ "$rc" -eq 0 ] && [ "$tables" -eq 1000 ]; then pass many-informants/every-table
else fail many-informants/every-table "exit $rc, $tables informant tables of 1000"; fi
if tr '\n' ' ' < "$tmp/raters.txt" | grep -q "by informant 999"; then pass many-informants/assessments-cell-whole
else fail many-informants/assessments-cell-whole "the Assessments cell lacks its end"; fi

# 33 scales (a clinic's own instrument of 24 beside the library's): the
# change chart ran off its page, its last 24 panels lost, and the profile
# chart's last rows; each is now drawn in parts that fit a page
awk 'BEGIN { print "instrument big \"Battery\" {"; print "    source \"made up for a test\""
             for (i = 0; i < 24; i++) printf "    scale s%d \"Scale %d\" {\n        range 0 100\n        higher worse\n        reliability 0.8 source \"x\"\n        norm u mean 50 sd 10 sample \"x\" source \"x\"\n    }\n", i, i
             print "}" }' > "$tmp/ex/battery.form"
awk '{ print } /^assessment (pre|post) / { for (i = 0; i < 24; i++) printf "    big.s%d %d\n", i, (i * 7) % 100 }' \
    "$tmp/ex/members/ada.form" > "$tmp/ex/members/battery.form"
run report --instruments battery.form members/battery.form -o battery.pdf
pdftotext "$tmp/ex/battery.pdf" "$tmp/battery.txt" 2>/dev/null
short=$(i=0; while [ $i -lt 24 ]; do n=$(grep -c "^Scale $i (big)\$" "$tmp/battery.txt"); [ "$n" -ge 3 ] || printf ' %s:%s' $i "$n"; i=$((i + 1)); done)
if [ "$rc" -eq 0 ] && [ -z "$short" ]; then pass many-scales/every-chart-whole
else fail many-scales/every-chart-whole "exit $rc; scales printed fewer than 3 times (table, profile, change):$short"; fi
rm -f "$tmp/ex/members/battery.form"

# formc import's summary names every instrument whose answers it adds (it
# named the first eight)
cp -R "$top/tests/import" "$tmp/imp"
awk 'BEGIN { for (i = 0; i < 10; i++) printf "instrument q%d \"Questionnaire %d\" {\n    source \"made up\"\n    scale total \"Total %d\" {\n        range 2 10\n        higher worse\n        items 2\n    }\n    items 2\n    responses 1 5\n    key total {\n        items 1, 2\n        scored sum\n        source \"made up\"\n    }\n}\n", i, i, i }' \
    > "$tmp/imp/ten.form"
{ printf 'record_id,redcap_event_name,date'; for i in 0 1 2 3 4 5 6 7 8 9; do printf ',q%d_1,q%d_2' $i $i; done
  printf '\nP-1001,followup_arm_1,2026-08-20'; for i in 0 1 2 3 4 5 6 7 8 9; do printf ',2,3'; done; printf '\n'; } > "$tmp/imp/ten.csv"
(cd "$tmp/imp" && timeout 60 "$FORMC" import --instruments ten.form ten.csv spring.group >"$tmp/out" 2>"$tmp/err")
rc=$?
if [ "$rc" -eq 0 ] && grep -q "^members/amara.form: followup: new assessment with the answers to q0, q1, q2, q3, q4, q5, q6, q7, q8 and q9$" "$tmp/out"
then pass import/summary-names-every-instrument
else fail import/summary-names-every-instrument "exit $rc: $(cat "$tmp/out" "$tmp/err" | head -c 300)"; fi

# a column named for an item past any number (swls_111...): atoi overflowed,
# and the column was written before the first of the instrument's items
rm -rf "$tmp/imp" && cp -R "$top/tests/import" "$tmp/imp"
printf 'record_id,redcap_event_name,date,swls_1,swls_2,swls_3,swls_4,swls_5,swls_11111111111111111111111\nP-1001,followup_arm_1,2026-08-20,2,3,2,3,2,3\n' \
    > "$tmp/imp/huge.csv"
(cd "$tmp/imp" && timeout 60 "$FORMC" import --dry-run huge.csv spring.group >"$tmp/out" 2>"$tmp/err")
rc=$?
expect import/item-number-past-any 0 "huge.csv:1:9: warning: swls_11111111111111111111111 (column I): not imported: swls has 5 items, not 11111111111111111111111"
printf 'import {\n    items "Q1_" swls\n    id_column "id"\n    timepoint post\n}\n' > "$tmp/imp/huge.map"
printf 'id,Q1_1,Q1_2,Q1_3,Q1_4,Q1_5,Q1_99999999999999999999\nP-1001,1,2,3,4,5,6\n' > "$tmp/imp/huge2.csv"
(cd "$tmp/imp" && timeout 60 "$FORMC" import --dry-run --map huge.map huge2.csv spring.group >"$tmp/out" 2>"$tmp/err")
rc=$?
expect import/item-number-past-any/map 1 "huge2.csv:1:7: error: Q1_99999999999999999999 (column G): this would be item 99999999999999999999 of swls, which has 5 items"

# ---- signals: every one that ends formc removes its temporary file ------------
# strace sends the signal as formc flushes the document to disk, when its
# temporary file is there to be left behind
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
    for sig in HUP USR1 ALRM USR2 PIPE 40; do
        rm -f "$tmp/ex/sig.pdf"
        # (sh -c: the shell that says a command died of a signal says it to /dev/null)
        sh -c 'cd "$1" && exec timeout 60 strace -f -o /dev/null -e trace=fsync -e inject=fsync:signal="$2" \
            "$3" report "$4" -o sig.pdf >/dev/null 2>&1' sh "$tmp/ex" "$sig" "$FORMC" "$ada" 2>/dev/null
        rc=$?
        left=$(ls -A "$tmp/ex" | grep '^\.sig\.pdf\.' | tr '\n' ' ')
        if [ "$rc" -gt 128 ] && [ "$rc" -ne 137 ] && [ -z "$left" ] && [ ! -e "$tmp/ex/sig.pdf" ]; then
            pass "signal-removes-temporary/$sig"
        else
            fail "signal-removes-temporary/$sig" "exit $rc, left: '$left'"
        fi
    done
else
    echo "skip e2e/hostile/signal-removes-temporary: strace cannot trace processes here"
fi

# ---- stale temporary files: a later run removes those provably a dead run's ---
run build thursday.group -o stale --quiet
d="$tmp/ex/stale/thu-w26"
: > "$d/.ada-report.pdf.formc.99999999.AbCd12"          # a dead process's, an hour old
touch -d '1 hour ago' "$d/.ada-report.pdf.formc.99999999.AbCd12"
sleep 300 & live=$!
: > "$d/.ada-letter.pdf.formc.$live.AbCd12"              # a live process's
touch -d '1 hour ago' "$d/.ada-letter.pdf.formc.$live.AbCd12"
: > "$d/.notes.99999999.AbCd12"                    # not formc's pattern: kept
touch -d '1 hour ago' "$d/.notes.99999999.AbCd12"
: > "$d/.zoe-report.pdf.formc.99999999.Xy12Zw"           # written after the run starts: kept
touch -d '1 hour' "$d/.zoe-report.pdf.formc.99999999.Xy12Zw"
if [ "$(id -u)" -eq 0 ]; then
    : > "$d/.gerry-report.pdf.formc.99999999.AbCd12"     # another user's: kept
    touch -d '1 hour ago' "$d/.gerry-report.pdf.formc.99999999.AbCd12"
    chown 65534 "$d/.gerry-report.pdf.formc.99999999.AbCd12"
fi
run build thursday.group -o stale --quiet
kill "$live" 2>/dev/null
if [ ! -e "$d/.ada-report.pdf.formc.99999999.AbCd12" ]; then pass stale-temporary/removed
else fail stale-temporary/removed "a dead process's temporary file is still there"; fi
kept=""
for f in ".ada-letter.pdf.formc.$live.AbCd12" .notes.99999999.AbCd12 .zoe-report.pdf.formc.99999999.Xy12Zw; do
    [ -e "$d/$f" ] || kept="$kept $f"
done
[ "$(id -u)" -eq 0 ] && [ ! -e "$d/.gerry-report.pdf.formc.99999999.AbCd12" ] && kept="$kept another user's"
if [ -z "$kept" ]; then pass stale-temporary/others-kept; else fail stale-temporary/others-kept "removed:$kept"; fi

# ---- output folders another user controls are refused -------------------------
mkdir -p "$tmp/elsewhere" "$tmp/ex/planted"
ln -s "$tmp/elsewhere" "$tmp/ex/planted/thu-w26"
run build thursday.group -o planted
expect outdir/symlink-refused 2 "refusing to write into 'planted/thu-w26': it is a symbolic link"
if [ -z "$(ls -A "$tmp/elsewhere")" ]; then pass outdir/symlink-nothing-written
else fail outdir/symlink-nothing-written "$(ls -A "$tmp/elsewhere" | head -n 3)"; fi
mkdir -p "$tmp/ex/open"
chmod 0777 "$tmp/ex/open"
run build thursday.group -o open
expect outdir/writable-by-all-refused 2 "refusing to write into 'open': it is writable by every user and not sticky"
# nothing is made in a folder it refuses (the group's folder was created
# in it first), nor below it
run build thursday.group -o open/deeper/still
expect outdir/writable-by-all-refused/below 2 "refusing to write into 'open/deeper/still/thu-w26': a folder above it, '$tmp/ex/open', is writable by every user and not sticky"
if [ -z "$(ls -A "$tmp/ex/open")" ]; then pass outdir/writable-by-all-nothing-made
else fail outdir/writable-by-all-nothing-made "$(ls -A "$tmp/ex/open" | head -n 3)"; fi
# -o naming a symbolic link: refused before the group's folder is made
# through it
ln -s "$tmp/elsewhere" "$tmp/ex/linked"
run build thursday.group -o linked
expect outdir/o-symlink-refused 2 "refusing to write into 'linked': it is a symbolic link"
if [ -z "$(ls -A "$tmp/elsewhere")" ]; then pass outdir/o-symlink-nothing-made
else fail outdir/o-symlink-nothing-made "$(ls -A "$tmp/elsewhere" | head -n 3)"; fi
run report $ada -o open/ada.pdf
expect outdir/writable-by-all-refused/report 2 "refusing to write into 'open': it is writable by every user"
mkdir -p "$tmp/ex/open/below"
run report $ada -o open/below/ada.pdf
expect outdir/folder-above-writable-by-all 2 "a folder above it, '$tmp/ex/open', is writable by every user"
mkdir -p "$tmp/ex/sticky"
chmod 1777 "$tmp/ex/sticky"
run report $ada -o sticky/ada.pdf
if [ "$rc" -eq 0 ] && [ -s "$tmp/ex/sticky/ada.pdf" ]; then pass outdir/sticky-folder-used
else fail outdir/sticky-folder-used "exit $rc: $(head -c 300 "$tmp/err")"; fi
if [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$tmp/ex/theirs/thu-w26"
    chown 65534 "$tmp/ex/theirs/thu-w26"
    run build thursday.group -o theirs
    expect outdir/other-owner-refused 2 "refusing to write into 'theirs/thu-w26': it belongs to another user (uid 65534)"
else
    echo "skip e2e/hostile/outdir/other-owner-refused: needs root to give a folder to another user"
fi
run build thursday.group -o made/two --quiet
modes=$(stat -c %a "$tmp/ex/made" "$tmp/ex/made/two" "$tmp/ex/made/two/thu-w26" | tr '\n' ' ')
if [ "$rc" -eq 0 ] && [ "$modes" = "700 700 700 " ]; then pass outdir/made-private
else fail outdir/made-private "exit $rc, modes $modes"; fi

# ---- template folders another user controls are refused ------------------------
# whoever can change a template changes what every document says: a folder
# given with --templates or named by the clinic file, and the files in it,
# are held to the rule of the output folders (exit 2, nothing written)
mkdir -p "$tmp/ex/tpl"
cp "$FORMC_DATADIR/letter.en.tmpl" "$tmp/ex/tpl/"
chmod 0777 "$tmp/ex/tpl"
run letter $ada --templates tpl -o tpl-letter.pdf
expect templates/writable-by-all-refused 2 "formc letter: --templates: refusing to read templates from 'tpl': it is writable by every user and not sticky"
[ ! -e "$tmp/ex/tpl-letter.pdf" ] && pass templates/writable-by-all-nothing-written || fail templates/writable-by-all-nothing-written "written"
chmod 0755 "$tmp/ex/tpl"
chmod 0666 "$tmp/ex/tpl/letter.en.tmpl"
run report $ada --templates tpl -o tpl-report.pdf
expect templates/file-writable-by-all-refused 2 "refusing to read templates from 'tpl': its file 'letter.en.tmpl' is writable by every user"
chmod 0644 "$tmp/ex/tpl/letter.en.tmpl"
run letter $ada --templates tpl -o tpl-letter.pdf
if [ "$rc" -eq 0 ] && [ -s "$tmp/ex/tpl-letter.pdf" ]; then pass templates/own-folder-used
else fail templates/own-folder-used "exit $rc: $(head -c 300 "$tmp/err")"; fi
ln -s tpl "$tmp/ex/tpl-link"
run letter $ada --templates tpl-link -o tpl-letter2.pdf
expect templates/symlink-refused 2 "refusing to read templates from 'tpl-link': it is a symbolic link"
# the clinic's own folder: an error at its statement, exit 2, for every command
cp "$tmp/ex/clinic.form" "$tmp/clinic.form.orig"
sed 's|^    logo "logo.png".*|&\n    templates "tpl"|' "$tmp/clinic.form.orig" > "$tmp/ex/clinic.form"
chmod 0777 "$tmp/ex/tpl"
run check thursday.group
expect templates/clinic-folder-refused/check 2 "clinic.form:9:15: error: refusing to read templates from 'tpl': it is writable by every user"
run letter $ada -o tpl-letter3.pdf
expect templates/clinic-folder-refused/letter 2 "refusing to read templates from 'members/../tpl': it is writable by every user"
run build thursday.group -o tplbuilt --quiet
expect templates/clinic-folder-refused/build 2 "refusing to read templates from 'tpl'"
[ ! -e "$tmp/ex/tpl-letter3.pdf" ] && [ ! -e "$tmp/ex/tplbuilt" ] && pass templates/clinic-folder-nothing-written ||
    fail templates/clinic-folder-nothing-written "$(ls -d "$tmp/ex/tpl-letter3.pdf" "$tmp/ex/tplbuilt" 2>/dev/null)"
chmod 0755 "$tmp/ex/tpl"
if [ "$(id -u)" -eq 0 ]; then
    chown 65534 "$tmp/ex/tpl/letter.en.tmpl"
    run summary thursday.group -o tpl-summary.pdf
    expect templates/other-owner-file-refused 2 "its file 'letter.en.tmpl' belongs to another user (uid 65534)"
    chown 0 "$tmp/ex/tpl/letter.en.tmpl"
    # a folder of another account, an administrator's who installed the
    # clinic's templates: used when no one but that account and root can
    # change anything in it or above it
    chown -R 65534 "$tmp/ex/tpl"
    run letter $ada --templates tpl -o tpl-admin.pdf
    if [ "$rc" -eq 0 ] && [ -s "$tmp/ex/tpl-admin.pdf" ]; then pass templates/admin-owned-folder-used
    else fail templates/admin-owned-folder-used "exit $rc: $(head -c 300 "$tmp/err")"; fi
    chown 65533 "$tmp/ex/tpl/letter.en.tmpl"
    run letter $ada --templates tpl -o tpl-admin2.pdf
    expect templates/admin-folder-third-user-file-refused 2 "its file 'letter.en.tmpl' belongs to another user (uid 65533) than the folder's owner"
    chown 65534 "$tmp/ex/tpl/letter.en.tmpl"
    chmod g+w "$tmp/ex/tpl/letter.en.tmpl"
    run letter $ada --templates tpl -o tpl-admin2.pdf
    expect templates/admin-folder-group-writable-file-refused 2 "its file 'letter.en.tmpl' is writable by its group"
    chmod g-w "$tmp/ex/tpl/letter.en.tmpl"
    chmod 0775 "$tmp/ex/tpl"
    run letter $ada --templates tpl -o tpl-admin2.pdf
    expect templates/admin-folder-group-writable-refused 2 "refusing to read templates from 'tpl': it is writable by its group"
    chmod 0755 "$tmp/ex/tpl"
    mkdir -p "$tmp/ex/above"
    cp -R "$tmp/ex/tpl" "$tmp/ex/above/tpl"
    chown -R 65534 "$tmp/ex/above/tpl"
    chown 65533 "$tmp/ex/above"
    run letter $ada --templates above/tpl -o tpl-admin2.pdf
    expect templates/admin-folder-third-user-above-refused 2 "a folder above it, '$(cd "$tmp/ex/above" && pwd -P)', belongs to another user (uid 65533) than the folder's owner"
    [ ! -e "$tmp/ex/tpl-admin2.pdf" ] && pass templates/admin-folder-refused-nothing-written ||
        fail templates/admin-folder-refused-nothing-written "written"
    rm -rf "$tmp/ex/above" "$tmp/ex/tpl-admin.pdf"
    # the same as a clinician's account (not root), where the administrator
    # is another: setpriv runs formc as uid 65532 in a folder of its own
    if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65532 --regid=65532 --clear-groups true 2>/dev/null; then
        u=$(mktemp -d /tmp/formc-admin.XXXXXX)
        chmod 0755 "$u"
        cp -R "$tmp/ex/members" "$tmp/ex/thursday.group" "$tmp/ex/clinic.form" "$tmp/ex/logo.png" "$u/"
        cp -R "$tmp/ex/tpl" "$u/tpl"
        chown -R 65532:65532 "$u"
        chown -R 65534:65534 "$u/tpl"
        (cd "$u" && HOME="$u" timeout 60 setpriv --reuid=65532 --regid=65532 --clear-groups "$FORMC" letter \
            members/ada.form --templates tpl -o mine.pdf >/dev/null 2>"$tmp/err"); rc=$?
        if [ "$rc" -eq 0 ] && [ -s "$u/mine.pdf" ]; then pass templates/clinician-uses-admin-folder
        else fail templates/clinician-uses-admin-folder "exit $rc: $(head -c 300 "$tmp/err")"; fi
        chown 65533 "$u/tpl/letter.en.tmpl"        # a third account's file in the administrator's folder
        (cd "$u" && HOME="$u" timeout 60 setpriv --reuid=65532 --regid=65532 --clear-groups "$FORMC" letter \
            members/ada.form --templates tpl -o mine2.pdf >/dev/null 2>"$tmp/err"); rc=$?
        expect templates/clinician-third-user-file-in-admin-folder-refused 2 "its file 'letter.en.tmpl' belongs to another user (uid 65533) than the folder's owner"
        rm -rf "$u"
    else
        echo "skip e2e/hostile/templates/clinician-uses-admin-folder: setpriv cannot run formc as another user here"
    fi
    chown -R 0 "$tmp/ex/tpl"
else
    echo "skip e2e/hostile/templates/admin-owned-folder-used: needs root to give a folder to another user"
fi
# an image the template names in a folder of the template folder: its
# folder and the image were not looked at, and anyone could change what
# the letter shows. Every folder and file in the template folder is held
# to the rule
mv "$tmp/clinic.form.orig" "$tmp/ex/clinic.form"
mkdir "$tmp/ex/tpl/img"
cp "$tmp/ex/logo.png" "$tmp/ex/tpl/img/logo.png"
sed 's|^@logo .*|@logo tpl/img/logo.png|' "$FORMC_DATADIR/letter.en.tmpl" > "$tmp/ex/tpl/letter.en.tmpl"
run letter $ada --templates tpl -o tpl-letter.pdf
if [ "$rc" -eq 0 ] && [ -s "$tmp/ex/tpl-letter.pdf" ] && [ "$(pdfimages -list "$tmp/ex/tpl-letter.pdf" 2>/dev/null | grep -c image)" -ge 1 ]; then
    pass templates/subfolder-image-used
else fail templates/subfolder-image-used "exit $rc: $(head -c 300 "$tmp/err")"; fi
rm -f "$tmp/ex/tpl-letter.pdf"
chmod 0777 "$tmp/ex/tpl/img"
run letter $ada --templates tpl -o tpl-letter.pdf
expect templates/subfolder-writable-by-all-refused 2 "formc letter: --templates: refusing to read templates from 'tpl': its folder 'img' is writable by every user and not sticky"
[ ! -e "$tmp/ex/tpl-letter.pdf" ] && pass templates/subfolder-nothing-written || fail templates/subfolder-nothing-written "written"
chmod 0755 "$tmp/ex/tpl/img"
chmod 0666 "$tmp/ex/tpl/img/logo.png"
run letter $ada --templates tpl -o tpl-letter.pdf
expect templates/subfolder-file-writable-by-all-refused 2 "refusing to read templates from 'tpl': its file 'img/logo.png' is writable by every user"
chmod 0644 "$tmp/ex/tpl/img/logo.png"
mkdir "$tmp/ex/elsewhere"
ln -s "$tmp/ex/elsewhere" "$tmp/ex/tpl/img/linked"
run letter $ada --templates tpl -o tpl-letter.pdf
expect templates/subfolder-symlink-refused 2 "refusing to read templates from 'tpl': its folder 'img/linked' is a symbolic link"
rm "$tmp/ex/tpl/img/linked"
if [ "$(id -u)" -eq 0 ]; then
    chown 65534 "$tmp/ex/tpl/img"
    run letter $ada --templates tpl -o tpl-letter.pdf
    expect templates/subfolder-other-owner-refused 2 "refusing to read templates from 'tpl': its folder 'img' belongs to another user (uid 65534)"
    chown 0 "$tmp/ex/tpl/img"
    chown 65534 "$tmp/ex/tpl/img/logo.png"
    run letter $ada --templates tpl -o tpl-letter.pdf
    expect templates/subfolder-other-owner-file-refused 2 "its file 'img/logo.png' belongs to another user (uid 65534)"
    chown 0 "$tmp/ex/tpl/img/logo.png"
fi
rm -rf "$tmp/ex/tpl" "$tmp/ex/tpl-link" "$tmp/ex/tpl-letter.pdf" "$tmp/ex/elsewhere"

# ---- a limit on processes that leaves no room for a thread -----------------------
# Pango starts threads to read fonts; refused under a low ulimit -u, GLib
# stopped formc with SIGTRAP, no word of why. With a limit of one process
# (the user's processes already fill it) every thread is refused, whatever
# else runs. Root is not bound by the limit: as root, formc runs as nobody,
# from copies nobody can read.
if ! command -v prlimit >/dev/null 2>&1; then
    echo "skip e2e/hostile/nproc: prlimit(1) is not installed"
elif [ "$(id -u)" -eq 0 ] && ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    echo "skip e2e/hostile/nproc: root cannot run formc as another user (setpriv) here"
else
    u="$tmp/nproc"
    mkdir "$u" && cp "$FORMC" "$u/formc" && cp -R "$FORMC_DATADIR" "$u/templates" && cp -R "$top/examples" "$u/ex"
    as=""
    if [ "$(id -u)" -eq 0 ]; then
        chmod 0711 "$tmp"
        chown -R 65534:65534 "$u"
        as="setpriv --reuid=65534 --regid=65534 --clear-groups"
    fi
    (cd "$u/ex" && ASAN_OPTIONS=detect_leaks=0 FORMC_DATADIR="$u/templates" HOME="$u" \
        timeout 60 $as prlimit --nproc=1:1 "$u/formc" report members/ada.form -o ada.pdf >"$tmp/out" 2>"$tmp/err")
    rc=$?
    left=$(ls -A "$u/ex" | grep -v -x -e members -e thursday.group -e tuesday.group -e tuesday -e clinic.form \
           -e logo.png -e README.md)
    if [ "$rc" -eq 2 ] && grep -q "formc: error: the system refused to start a thread formc needs to lay out text (creating thread '\[pango\] [^']*': .*ulimit -u" "$tmp/err" &&
       ! grep -q "GLib-ERROR" "$tmp/err" && [ -z "$left" ]; then pass nproc/refused-cleanly
    else fail nproc/refused-cleanly "exit $rc, left: '$left': $(grep -v "note:" "$tmp/err" | head -c 300)"; fi
    # a build said so once for every member, and built the summary of none:
    # it says so once and stops, exit 2, nothing written. Two processes let
    # the one worker start (unless another of the user's runs meanwhile:
    # then it cannot start, said once as well) and refuse its threads
    (cd "$u/ex" && ASAN_OPTIONS=detect_leaks=0 FORMC_DATADIR="$u/templates" HOME="$u" \
        timeout 60 $as prlimit --nproc=2:2 "$u/formc" build thursday.group -j 1 -o built >"$tmp/out" 2>"$tmp/err")
    rc=$?
    said=$(grep -c "^formc: error: the system refused to start a thread formc needs to lay out text (.*ulimit -u" "$tmp/err")
    nostart=$(grep -c "^formc: error: cannot start a worker process" "$tmp/err")
    written=$(find "$u/ex/built" -type f 2>/dev/null | wc -l)
    if [ "$rc" -eq 2 ] && [ $((said + nostart)) -eq 1 ] && [ "$written" -eq 0 ] &&
       ! grep -q "stopped before it finished\|GLib-ERROR" "$tmp/err" &&
       { [ "$said" -eq 0 ] || grep -q "^built 0 of 5 members (0 documents); the build stopped, the rest was not built$" "$tmp/err"; }; then
        pass nproc/build-stops-once
    else fail nproc/build-stops-once "exit $rc, said $said times, $written files: $(grep -v "note:" "$tmp/err" | head -c 400)"; fi
    [ "$(id -u)" -eq 0 ] && chmod 0700 "$tmp"
fi

# ---- a file formc did not write is never up to date, never replaced silently --
d="$tmp/ex/made/two/thu-w26"
chmod 0644 "$d/gerry-report.pdf"
touch -d '1 day' "$d/jose-report.pdf"
[ "$(id -u)" -eq 0 ] && chown 65534 "$d/ada-report.pdf"
run build thursday.group -o made/two --quiet
bad=""
for m in ada gerry jose; do
    [ "$(stat -c '%u %a' "$d/$m-report.pdf")" = "$(id -u) 600" ] || bad="$bad $m"
    [ "$(stat -c %Y "$d/$m-report.pdf")" -le "$(date +%s)" ] || bad="$bad $m (future)"
done
[ "$(id -u)" -eq 0 ] || bad=$(echo "$bad" | sed 's/ ada//')
if [ "$rc" -eq 0 ] && [ -z "$bad" ]; then pass planted/rewritten
else fail planted/rewritten "exit $rc, not rewritten:$bad"; fi
expect planted/mode-said 0 "made/two/thu-w26/gerry-report.pdf: warning: replaced a file formc did not write: its mode was 0644, formc writes 0600"
expect planted/future-said 0 "made/two/thu-w26/jose-report.pdf: warning: is dated in the future"
if [ "$(id -u)" -eq 0 ]; then
    expect planted/owner-said 0 "made/two/thu-w26/ada-report.pdf: warning: replaced a file formc did not write: it belonged to another user (uid 65534)"
fi

# ---- redaction: names in any normal form, any length of name ------------------
# the name written composed (ë as one character) in the patient block, the
# text decomposed (e and a combining diaeresis): still found and replaced
zoe=members/zoe.form
decomposed=$(printf 'Zoe\314\210 Lefe\314\200vre')
sed "s/^crp {.*/&\n    # the decomposed name below/" "$tmp/ex/$zoe" |
    awk -v name="$decomposed" '/^    acts_of_self / && !done { sub(/acts_of_self "/, "acts_of_self \"" name " "); done = 1 } { print }' \
    > "$tmp/ex/members/nfd.form"
run report --redact members/nfd.form -o nfd.pdf
pdftotext "$tmp/ex/nfd.pdf" "$tmp/nfd.txt" 2>/dev/null
if [ "$rc" -eq 0 ] && grep -q "$(printf 'Zoe\314\210')" "$tmp/ex/members/nfd.form" &&
   ! grep -q "$(printf 'Zo\303\253\|Zoe\314\210\|Lef\303\250vre\|Lefe\314\200vre')" "$tmp/nfd.txt"; then
    pass redact/normal-forms
else
    fail redact/normal-forms "exit $rc; the name is left: $(grep -o "$(printf 'Zo\303\253[^ ]*\|Zoe\314\210[^ ]*')" "$tmp/nfd.txt" | head -n 2)"
fi
rm -f "$tmp/ex/members/nfd.form"
# a name of 40 words: the ID and the preferred name are replaced all the same
long=$(awk 'BEGIN { for (i = 0; i < 40; i++) printf "Name%c%c ", 65 + i % 26, 97 + int(i / 26); printf "Nwosu" }')
sed "s/^patient \"Adaeze Nwosu\"/patient \"$long\"/; s/^\\(    acts_of_self \"\"\"\\)/\\1Ada P-0201 /" \
    "$tmp/ex/$ada" > "$tmp/ex/members/longname.form"
run report --redact members/longname.form -o longname.pdf
pdftotext "$tmp/ex/longname.pdf" "$tmp/longname.txt" 2>/dev/null
if [ "$rc" -eq 0 ] && ! grep -qw "Ada\|P-0201\|NameAa\|Nwosu" "$tmp/longname.txt"; then pass redact/long-name
else fail redact/long-name "exit $rc; left: $(grep -ow "Ada\|P-0201\|NameAa\|Nwosu" "$tmp/longname.txt" | sort -u | tr '\n' ' ')"; fi
rm -f "$tmp/ex/members/longname.form"

# ---- what formc prints on standard output reaches it -------------------------
# the scores, a CSV or JSON, local norms and the help sent to a full disk or
# to a closed standard output: status 2 and a message, never status 0 with
# the text lost
for cmd in "scores members/ada.form" "scores --csv thursday.group" "norms thursday.group" \
           "outcomes --json thursday.group" "outcomes --csv - thursday.group" "--version"; do
    name=$(echo "$cmd" | sed 's/ thursday.group$//; s/ members.*//; s/ -$//; s/^--//; s/ --/-/g')
    # shellcheck disable=SC2086
    (cd "$tmp/ex" && timeout 60 "$FORMC" $cmd >/dev/full 2>"$tmp/err")
    rc=$?
    expect "stdout-full/$name" 2 "cannot write to standard output"
    # shellcheck disable=SC2086
    (cd "$tmp/ex" && timeout 60 "$FORMC" $cmd >&- 2>"$tmp/err")
    rc=$?
    expect "stdout-closed/$name" 2 "cannot write to standard output"
done

# ---- a member pattern over a folder tree without end --------------------------
# a pattern whose folders lead back into themselves (400 links to '.', as
# /proc's links lead back to the root: '/*/*/*/*/*/*/*/*/*.form' read for
# minutes and took gigabytes) stops after 100,000 entries of folders, an
# error at the pattern (in a second: the timeout fails a run that goes on)
mkdir -p "$tmp/spiral/loop" && cp -R "$top/examples/." "$tmp/spiral/" || exit 1
(cd "$tmp/spiral/loop" && i=0 && while [ $i -lt 400 ]; do ln -s . "l$i"; i=$((i + 1)); done)
sed -i 's|member "members/\*\.form"|member "loop/*/*/*/*.form"|' "$tmp/spiral/thursday.group"
(cd "$tmp/spiral" && timeout 60 "$FORMC" check thursday.group >"$tmp/out" 2>"$tmp/err")
rc=$?
expect member-pattern-without-end 1 "thursday.group:27:12: error: the pattern 'loop/*/*/*/*.form' reads more than 100000 entries of folders; formc stops listing its files"
