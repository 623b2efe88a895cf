#!/bin/sh
# build.sh — end-to-end tests of `formc build`: a group builds every
# document (reports, letters, summary) into DIR/CODE/; a broken member fails
# alone; a second build writes nothing, nor one after a file is touched but
# not changed; a member changed rebuilds only its documents and the summary,
# the group file changed rebuilds all, --force rebuilds; -j 2 and -j 1 give
# the same bytes and the same messages; an interrupted build leaves no
# partial or temporary file; --deps rules (and make using them); each
# member's documents hold only that member's words; two members sharing
# an id are check's error and formc summary's summary; progress, --quiet,
# errors. (tests/e2e/rebuild.sh: what each input changed rebuilds.)
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=build
. "$(dirname "$0")/lib/common.sh"

# run ARGS...: formc with a 120 s limit, in $tmp; sets $rc, stderr in $tmp/err
# (its standard output goes to $tmp/stdout: $tmp/out is the output folder)
run() {
    (cd "$tmp" && timeout 120 "$FORMC" "$@" >"$tmp/stdout" 2>"$tmp/err")
    rc=$?
}

# golden_group DIR GROUP PATH...: copies GROUP and the PATHs it reads from
# tests/golden into $tmp/DIR, and keeps formc check's messages of it in
# $tmp/DIR.check
golden_group() {
    dir=$1 group=$2
    shift 2
    mkdir "$tmp/$dir" || exit 1
    for p in "$group" "$@"; do cp -R "$top/tests/golden/$p" "$tmp/$dir/" || exit 1; done
    run check "$dir/$group"
    cp "$tmp/err" "$tmp/$dir.check"
}

# build_fresh DIR GROUP J: builds $tmp/DIR/GROUP from nothing into DIR/out
# with J workers; its messages but the "built" lines go in $tmp/DIR.build
build_fresh() {
    rm -rf "$tmp/$1/out"
    run build "$1/$2" -o "$1/out" --quiet -j "$3"
    grep -v '^built ' "$tmp/err" > "$tmp/$1.build"
}

# build_dying ID DIR GROUP J: builds $tmp/DIR/GROUP again into DIR/out with
# J workers, the worker of member ID dying before it says its id
# (FORMC_TEST_DIE_BEFORE_ID, a hook for these tests only)
build_dying() {
    (cd "$tmp" && FORMC_TEST_DIE_BEFORE_ID=$1 timeout 60 "$FORMC" build "$2/$3" -o "$2/out" --force --quiet \
        -j "$4" >"$tmp/stdout" 2>"$tmp/err")
    rc=$?
}

# holds FILE PATTERN...: FILE has a line matching each PATTERN (grep's)
holds() {
    holds_file=$1
    shift
    for holds_pattern in "$@"; do grep -q "$holds_pattern" "$holds_file" || return 1; done
}

# as_check DIR: build said of $tmp/DIR what check said ($tmp/DIR.build
# against $tmp/DIR.check), its notes of the library's gaps, which check
# does not say, aside
as_check() { grep -v '^formc: note: ' "$tmp/$1.build" | cmp -s "$tmp/$1.check" -; }

# listing DIR: name, inode and modification time of every file in DIR
listing() { (cd "$1" && ls -ali --time-style=full-iso . | awk 'NR > 1 { print $1, $7, $8, $NF }'); }

# changed A B: the documents whose inode or time differ between two listings
# (the folder's record of them, .formc-build, left out)
changed() {
    awk 'NR == FNR { seen[$4] = $0; next } seen[$4] != $0 { print $4 }' "$1" "$2" |
        grep -v '^\.*$' | grep -vx '\.formc-build' | sort | tr '\n' ' '
}

cp -R "$top/examples" "$tmp/ex" || exit 1
out="$tmp/out/thu-w26"
members="ada gerry jose kai zoe"

# ---- a whole group ----------------------------------------------------------
run build ex/thursday.group -o out
if [ "$rc" -eq 0 ]; then pass "example/exit-0"; else fail "example/exit-0" "exit $rc: $(head -c 300 "$tmp/err")"; fi
missing=""
for m in $members; do
    for kind in report letter; do
        f="$out/$m-$kind.pdf"
        if [ ! -s "$f" ] || ! qpdf --check "$f" >/dev/null 2>&1; then missing="$missing $m-$kind"; fi
    done
done
[ -s "$out/thu-w26-summary.pdf" ] && qpdf --check "$out/thu-w26-summary.pdf" >/dev/null 2>&1 || missing="$missing summary"
if [ -z "$missing" ]; then pass "example/every-document"; else fail "example/every-document" "missing or invalid:$missing"; fi
words=""
for m in $members; do
    name=$(sed -n 's/^patient "\([^"]*\)".*/\1/p' "$tmp/ex/members/$m.form")
    pref=$(sed -n 's/^ *preferred "\([^"]*\)".*/\1/p' "$tmp/ex/members/$m.form")
    pdftotext "$out/$m-report.pdf" - 2>/dev/null | tr -s ' \n' '  ' | grep -qF "$name" || words="$words [$m report: $name]"
    dear="Dear"; grep -q '^language fr' "$tmp/ex/members/$m.form" && dear="Bonjour"
    pdftotext "$out/$m-letter.pdf" - 2>/dev/null | grep -qF "$dear $pref" || words="$words [$m letter: $dear $pref]"
done
pdftotext "$out/thu-w26-summary.pdf" - 2>/dev/null | grep -q 'Thursday evening perfectionism group' ||
    words="$words [summary: the group's title]"
if [ -z "$words" ]; then pass "example/words"; else fail "example/words" "not found:$words"; fi
# a figure missing from the instrument library is said once for the group,
# naming every scale it touches, not at each member's scores
n_gap=$(grep -c 'no reliability in the instrument library' "$tmp/err")
n_norm=$(grep -c 'no published norm in the library' "$tmp/err")
if [ "$n_gap" -eq 1 ] && [ "$n_norm" -eq 1 ] &&
   grep -q "^formc: note: psps.self_promotion, psps.nondisplay, psps.nondisclosure and pci.total have no reliability in the instrument library: the reports cannot compute reliable change on them" "$tmp/err" &&
   grep -q "^formc: note: hfmps.other_oriented, bdi.total and swls.total have no published norm" "$tmp/err"; then
    pass "example/library-gaps-once"
else fail "example/library-gaps-once" "$n_gap + $n_norm warnings: $(grep -m2 'in the instrument library\|in the library' "$tmp/err")"; fi
last=$(tail -n 1 "$tmp/err")
if [ "$last" = "built 5 of 5 members (11 documents)" ]; then pass "example/final-line"
else fail "example/final-line" "last line: $last"; fi
n=$(grep -c '^built .*\.pdf$' "$tmp/err")
if [ "$n" -eq 11 ]; then pass "example/plain-lines"; else fail "example/plain-lines" "$n 'built FILE' lines, expected 11"; fi
bad=$(find "$tmp/out" -name '.*' ! -name .formc-build -o -type f ! -perm 600 -print -o -type d ! -perm 700 -print)
if [ -z "$bad" ]; then pass "example/private"; else fail "example/private" "not private or temporary: $bad"; fi

# ---- options with attached values ----------------------------------------
run build ex/thursday.group --jobs=2 -oattached --paper=a4
if [ "$rc" -eq 0 ] && [ "$(ls "$tmp/attached/thu-w26" | wc -l)" -eq 11 ]; then pass "options/attached-values"
else fail "options/attached-values" "exit $rc: $(tail -n 2 "$tmp/err")"; fi
run build ex/thursday.group -j2 -o j2attached
if [ "$rc" -eq 0 ] && [ "$(ls "$tmp/j2attached/thu-w26" | wc -l)" -eq 11 ]; then pass "options/j-attached"
else fail "options/j-attached" "exit $rc: $(tail -n 2 "$tmp/err")"; fi
run build ex/thursday.group --force=yes -o never
if [ "$rc" -eq 2 ] && grep -q '^formc build: --force takes no value' "$tmp/err" && [ ! -e "$tmp/never" ]; then
    pass "options/flag-with-value"
else fail "options/flag-with-value" "exit $rc: $(head -c 300 "$tmp/err")"; fi

# ---- nothing changed: nothing written ------------------------------------
listing "$out" >"$tmp/l1"
run build ex/thursday.group -o out
listing "$out" >"$tmp/l2"
c=$(changed "$tmp/l1" "$tmp/l2")
if [ "$rc" -eq 0 ] && [ -z "$c" ]; then pass "incremental/nothing-written"
else fail "incremental/nothing-written" "exit $rc, rewritten: $c"; fi
if [ "$(cat "$tmp/err")" = "built 5 of 5 members (11 documents, all up to date)" ]; then pass "incremental/quiet-when-up-to-date"
else fail "incremental/quiet-when-up-to-date" "$(head -c 300 "$tmp/err")"; fi

# ---- a file touched but not changed rebuilds nothing -----------------------
touch "$tmp/ex/members/jose.form" "$tmp/ex/thursday.group"
run build ex/thursday.group -o out
listing "$out" >"$tmp/l2"
c=$(changed "$tmp/l1" "$tmp/l2")
if [ "$rc" -eq 0 ] && [ -z "$c" ]; then pass "incremental/touch-alone-nothing-written"
else fail "incremental/touch-alone-nothing-written" "exit $rc, rewritten: $c"; fi

# ---- a member changed rebuilds only its documents and the summary ---------
echo "# changed" >>"$tmp/ex/members/jose.form"
run build ex/thursday.group -o out
listing "$out" >"$tmp/l3"
c=$(changed "$tmp/l2" "$tmp/l3")
if [ "$c" = "jose-letter.pdf jose-report.pdf thu-w26-summary.pdf " ]; then pass "incremental/touch-member"
else fail "incremental/touch-member" "rewritten: '$c'"; fi
if tail -n 1 "$tmp/err" | grep -qx 'built 5 of 5 members (11 documents, 8 up to date)'; then pass "incremental/touch-member-line"
else fail "incremental/touch-member-line" "$(tail -n 1 "$tmp/err")"; fi

# an included file counts as an input of the documents that include it
echo "# changed" >>"$tmp/ex/clinic.form"
run build ex/thursday.group -o out
listing "$out" >"$tmp/l4"
c=$(changed "$tmp/l3" "$tmp/l4" | wc -w)
if [ "$c" -eq 11 ]; then pass "incremental/touch-include"; else fail "incremental/touch-include" "$c documents rewritten, expected 11"; fi

# ---- the group file changed rebuilds all; --force rebuilds all -----------
echo "# changed" >>"$tmp/ex/thursday.group"
run build ex/thursday.group -o out
listing "$out" >"$tmp/l5"
c=$(changed "$tmp/l4" "$tmp/l5" | wc -w)
if [ "$c" -eq 11 ]; then pass "incremental/touch-group"; else fail "incremental/touch-group" "$c documents rewritten, expected 11"; fi
run build ex/thursday.group -o out --force
listing "$out" >"$tmp/l6"
c=$(changed "$tmp/l5" "$tmp/l6" | wc -w)
if [ "$rc" -eq 0 ] && [ "$c" -eq 11 ]; then pass "incremental/force"; else fail "incremental/force" "exit $rc, $c documents rewritten"; fi

# a letter template of the clinic's own is an input of the letters only
mkdir -p "$tmp/tpl"
cp "$FORMC_DATADIR/letter.en.tmpl" "$tmp/tpl/"
run build ex/thursday.group -o out --templates tpl
listing "$out" >"$tmp/l7"
echo "{{! changed }}" >>"$tmp/tpl/letter.en.tmpl"
run build ex/thursday.group -o out --templates tpl
listing "$out" >"$tmp/l8"
c=$(changed "$tmp/l7" "$tmp/l8")
# (Zoë's letter is in French: letter.fr.tmpl)
if [ "$c" = "ada-letter.pdf gerry-letter.pdf jose-letter.pdf kai-letter.pdf " ]; then
    pass "incremental/touch-template"
else fail "incremental/touch-template" "rewritten: '$c'"; fi

# ---- one broken member fails alone ---------------------------------------
cp -R "$tmp/ex" "$tmp/broken"
sed -i 's/^    born 1989-09-04/    born 1989-02-30/' "$tmp/broken/members/ada.form"
run build broken/thursday.group -o bout
if [ "$rc" -eq 1 ]; then pass "failure/exit-1"; else fail "failure/exit-1" "exit $rc"; fi
if grep -q '^broken/members/ada.form:8:10: error: impossible date 1989-02-30$' "$tmp/err"; then pass "failure/file-line-col"
else fail "failure/file-line-col" "$(head -c 300 "$tmp/err")"; fi
last=$(tail -n 1 "$tmp/err")
if [ "$last" = "built 4 of 5 members (9 documents); 1 failed: broken/members/ada.form" ]; then pass "failure/final-line"
else fail "failure/final-line" "last line: $last"; fi
n=$(ls "$tmp/bout/thu-w26" | wc -l)
if [ ! -e "$tmp/bout/thu-w26/ada-report.pdf" ] && [ ! -e "$tmp/bout/thu-w26/ada-letter.pdf" ] && [ "$n" -eq 9 ]; then
    pass "failure/others-built"
else fail "failure/others-built" "$(ls "$tmp/bout/thu-w26" | tr '\n' ' ')"; fi
run build broken/thursday.group -o bout --quiet
if [ "$rc" -eq 1 ] && [ "$(grep -c . "$tmp/err")" -eq 4 ] && grep -q '^built 4 of 5' "$tmp/err"; then
    pass "failure/quiet"
else fail "failure/quiet" "exit $rc: $(head -c 400 "$tmp/err")"; fi

# the summary is made from what the member jobs found: a member whose only
# errors are in its letter has no documents but is in the summary, a member
# with an error elsewhere is listed as not included; the same as formc summary
cp -R "$tmp/broken" "$tmp/noletter"
sed -i '/^letter {/,/^}/d' "$tmp/noletter/members/gerry.form"
run build noletter/thursday.group -o nlout --quiet
last=$(tail -n 1 "$tmp/err")
run summary noletter/thursday.group -o nlsummary.pdf
built=$(pdftotext "$tmp/nlout/thu-w26/thu-w26-summary.pdf" - 2>/dev/null | tr -s ' \n' '  ')
alone=$(pdftotext "$tmp/nlsummary.pdf" - 2>/dev/null | tr -s ' \n' '  ')
case "$last" in *"2 failed: noletter/members/ada.form, noletter/members/gerry.form") ok=1 ;; *) ok=0 ;; esac
if [ "$ok" -eq 1 ] && [ -n "$built" ] && [ "$built" = "$alone" ] &&
   printf '%s\n' "$built" | grep -q 'Gerry (Gerald Lindqvist)' &&
   printf '%s\n' "$built" | grep -q 'noletter/members/ada.form' &&
   ! printf '%s\n' "$built" | grep -q 'Adaeze'; then
    pass "failure/summary-from-member-jobs"
else fail "failure/summary-from-member-jobs" "last line '$last'; build and summary differ or miss Gerry: $(printf '%s' "$built" | head -c 300)"; fi

# a summary that cannot be made fails alone too
mkdir -p "$tmp/badtpl"
printf '# Summary\n\n@insert nosuch\n' >"$tmp/badtpl/summary.en.tmpl"
run build ex/thursday.group -o sout --templates badtpl --quiet
if [ "$rc" -eq 1 ] && grep -q '^badtpl/summary.en.tmpl:3:1: error: ' "$tmp/err" &&
   [ "$(tail -n 1 "$tmp/err")" = "built 5 of 5 members (10 documents); the summary failed" ] &&
   [ "$(ls "$tmp/sout/thu-w26" | wc -l)" -eq 10 ]; then
    pass "failure/summary-alone"
else fail "failure/summary-alone" "exit $rc: $(tail -n 2 "$tmp/err")"; fi

# a group file with errors builds nothing
printf 'group "x" {\n    code "a b"\n}\n' >"$tmp/bad.group"
run build bad.group -o badout
if [ "$rc" -eq 1 ] && [ ! -e "$tmp/badout" ] && grep -q '^bad.group:2:10: error: ' "$tmp/err" &&
   tail -n 1 "$tmp/err" | grep -q 'nothing was built'; then
    pass "failure/group-errors"
else fail "failure/group-errors" "exit $rc: $(head -c 300 "$tmp/err")"; fi
run build ex/members/ada.form -o badout
if [ "$rc" -eq 1 ] && [ ! -e "$tmp/badout" ]; then pass "failure/not-a-group"; else fail "failure/not-a-group" "exit $rc"; fi
run build nowhere.group
if [ "$rc" -eq 2 ]; then pass "failure/missing-group"; else fail "failure/missing-group" "exit $rc"; fi
run build ex/thursday.group -j many
if [ "$rc" -eq 2 ]; then pass "failure/bad-jobs"; else fail "failure/bad-jobs" "exit $rc"; fi
run build ex/thursday.group ex/thursday.group
if [ "$rc" -eq 2 ]; then pass "failure/two-groups"; else fail "failure/two-groups" "exit $rc"; fi
# two members that would write the same documents
mkdir -p "$tmp/dup/a" "$tmp/dup/b"
cp "$tmp/ex/clinic.form" "$tmp/ex/logo.png" "$tmp/dup/"
sed 's|members/\*.form|*/ada.form|' "$tmp/ex/thursday.group" >"$tmp/dup/thursday.group"
sed 's|^group .*|group "../thursday.group"|' "$tmp/ex/members/ada.form" >"$tmp/dup/a/ada.form"
cp "$tmp/dup/a/ada.form" "$tmp/dup/b/ada.form"
run build dup/thursday.group -o dupout
if [ "$rc" -eq 1 ] && grep -q '^dup/thursday.group:[0-9]*:12: error: dup/a/ada.form and dup/b/ada.form would both be written' "$tmp/err" &&
   [ -z "$(ls "$tmp/dupout/thu-w26" 2>/dev/null)" ]; then
    pass "failure/same-names"
else fail "failure/same-names" "exit $rc: $(head -c 300 "$tmp/err")"; fi

# ---- what is decided of the members together, build decides the same ------
# two members sharing an id: build says check's error at the same place,
# leaves the second out as a member with errors (no documents, exit 1),
# and its summary is the bytes of formc summary's
mkdir "$tmp/sid" && cp -R "$top/tests/golden/shared_id.group" "$top/tests/golden/inc" "$tmp/sid/" || exit 1
run check sid/shared_id.group
cp "$tmp/err" "$tmp/sid.check"
run summary sid/shared_id.group -o sid/summary.pdf
# each member job asks the parent whether a member before it has its id:
# one worker (the first member's job done before the second's asks) or
# two (the second's waits for the first's)
for j in 1 2; do
    rm -rf "$tmp/sid/out"
    run build sid/shared_id.group -o sid/out --quiet -j $j
    expect shared-id/j$j/build-fails 1 "1 failed: sid/inc/same_id_b.form"
    grep -v '^built ' "$tmp/err" > "$tmp/sid.build"
    if grep -q 'sid/inc/same_id_b.form:3:8: error: sid/inc/same_id_a.form has the id "P-0007" too' "$tmp/sid.check" &&
       cmp -s "$tmp/sid.check" "$tmp/sid.build"; then pass shared-id/j$j/diagnostics-as-check
    else fail shared-id/j$j/diagnostics-as-check "check: $(head -c 300 "$tmp/sid.check"); build: $(head -c 300 "$tmp/sid.build")"; fi
    absent shared-id/j$j/no-report "$tmp/sid/out/test-g/same_id_b-report.pdf"
    absent shared-id/j$j/no-letter "$tmp/sid/out/test-g/same_id_b-letter.pdf"
    if [ -s "$tmp/sid/out/test-g/same_id_a-report.pdf" ]; then pass shared-id/j$j/first-built
    else fail shared-id/j$j/first-built "no same_id_a-report.pdf"; fi
    if cmp -s "$tmp/sid/summary.pdf" "$tmp/sid/out/test-g/test-g-summary.pdf"; then pass shared-id/j$j/summary-as-formc-summary
    else fail shared-id/j$j/summary-as-formc-summary "the summaries differ"; fi
done

# ids that differ only in capitals or spaces ("P-0201", "p-0201",
# "P-0201 "): build warns as check does, at the later ids, naming the
# first's place, with one worker or two (the parent tells each member
# job the id alike and where it is written), and still builds every member
golden_group aid alike_ids.group inc
aid1='aid/inc/alike_id_b.form:4:8: warning: the id "p-0201" differs from "P-0201", the id at aid/inc/alike_id_a.form:3:8, only in capitals or spaces'
aid2='aid/inc/alike_id_c.form:5:8: warning: the id "P-0201 " differs from "P-0201", the id at aid/inc/alike_id_a.form:3:8'
for j in 1 2; do
    build_fresh aid alike_ids.group $j
    if [ "$rc" -eq 0 ] && holds "$tmp/aid.check" "$aid1" "$aid2" && as_check aid &&
       [ "$(ls "$tmp/aid/out/test-g" | grep -c 'report.pdf$')" -eq 4 ]
    then pass alike-ids/j$j/as-check
    else fail alike-ids/j$j/as-check "exit $rc; check: $(head -c 300 "$tmp/aid.check"); build: $(head -c 300 "$tmp/aid.build")"; fi
done

# a member file copied from another's and not rewritten where the patient
# reads it (its preferred name and letter text the other's): build says
# check's warnings at the same places, with one worker or two, and still
# builds; the same when the first member's worker dies before saying what
# it holds (the parent compiles it to learn it)
golden_group cm copied_member.group copied inc
cm1='^cm/copied/b.form:3:15: warning: the preferred name "Ada" is also that of cm/copied/a.form'
cm2='^cm/copied/b.form:26:13: warning: this text of the letter is word for word one of cm/copied/a.form'
for j in 1 2; do
    build_fresh cm copied_member.group $j
    if [ "$rc" -eq 0 ] && holds "$tmp/cm.check" "$cm1" "$cm2" && as_check cm; then pass copied-member/j$j/warnings-as-check
    else fail copied-member/j$j/warnings-as-check "exit $rc; check: $(head -c 300 "$tmp/cm.check"); build: $(head -c 300 "$tmp/cm.build")"; fi
    build_dying a cm copied_member.group $j
    if holds "$tmp/err" "$cm1" "$cm2"; then pass copied-member/j$j/first-worker-dies
    else fail copied-member/j$j/first-worker-dies "$(head -c 400 "$tmp/err")"; fi
done

# another member's scores pasted into a member's file: build says check's
# warnings at the same places, naming the other's assessment, with one
# worker or two, and when that member's worker dies before saying what
# it holds (the parent compiles it to learn it)
golden_group ps pasted_scores.group pasted inc
ps1='^ps/pasted/chloe.form:32:1: warning: the 9 scores (hfmps, psps, pci, bdi, swls) of this pre assessment are, figure for figure, those of the pre assessment at ps/pasted/ben.form:29:1'
ps2='^ps/pasted/dan.form:44:1: warning: the 3 scores and 17 item answers .* at ps/pasted/ben.form:48:1'
for j in 1 2; do
    build_fresh ps pasted_scores.group $j
    if [ "$rc" -eq 0 ] && [ "$(grep -c 'figure for figure' "$tmp/ps.check")" -eq 2 ] && holds "$tmp/ps.check" "$ps1" "$ps2" &&
       as_check ps; then pass pasted-scores/j$j/warnings-as-check
    else fail pasted-scores/j$j/warnings-as-check "exit $rc; check: $(head -c 300 "$tmp/ps.check"); build: $(head -c 300 "$tmp/ps.build")"; fi
    build_dying ben ps pasted_scores.group $j
    if holds "$tmp/err" "$ps1" "$ps2"; then pass pasted-scores/j$j/first-worker-dies
    else fail pasted-scores/j$j/first-worker-dies "$(head -c 400 "$tmp/err")"; fi
done

# a letter that names another member of the group: build says check's
# warnings, once every member's names are known (after the members' own
# messages, as check says them), with one worker or two, and when the
# named member's worker dies before saying its names (the parent compiles
# it); a build that finds every document up to date says nothing of them,
# as of a member's other warnings
golden_group ln letter_names_member.group letternames inc
for j in 1 2; do
    build_fresh ln letter_names_member.group $j
    if [ "$rc" -eq 0 ] && [ "$(grep -c 'is the name of' "$tmp/ln.check")" -eq 6 ] &&
       grep -q '^ln/letternames/sam.form:26:42: warning: "Adaeze" is the name of another member of this group, Adaeze Nwosu:' "$tmp/ln.check" &&
       cmp -s "$tmp/ln.check" "$tmp/ln.build"; then pass letter-names-member/j$j/warnings-as-check
    else fail letter-names-member/j$j/warnings-as-check "exit $rc; check: $(head -c 300 "$tmp/ln.check"); build: $(head -c 300 "$tmp/ln.build")"; fi
    run build ln/letter_names_member.group -o ln/out --quiet -j $j
    if [ "$rc" -eq 0 ] && ! grep -q 'is the name of' "$tmp/err"; then pass letter-names-member/j$j/up-to-date-quiet
    else fail letter-names-member/j$j/up-to-date-quiet "exit $rc: $(head -c 300 "$tmp/err")"; fi
    build_dying a ln letter_names_member.group $j
    if grep -q '^ln/letternames/sam.form:26:42: warning: "Adaeze" is the name of another member of this group, Adaeze Nwosu:' "$tmp/err" &&
       grep -q '^ln/letternames/sam.form:30:53: warning: "Ingrid Larsen" is the name of another member' "$tmp/err"
    then pass letter-names-member/j$j/named-worker-dies
    else fail letter-names-member/j$j/named-worker-dies "$(head -c 400 "$tmp/err")"; fi
done

# a letter kept in a file the member's includes, naming another member:
# build says check's warning at its place in the included file (the
# parent reads the letter's lines as the file that holds them), with one
# worker or two, and when that member's worker dies
golden_group li letter_names_include.group letternames_inc inc
li1='^li/letternames_inc/letters/tom.form:5:56: warning: "Adaeze" is the name of another member'
for j in 1 2; do
    build_fresh li letter_names_include.group $j
    if [ "$rc" -eq 0 ] && holds "$tmp/li.check" "$li1" && as_check li; then pass letter-names-included/j$j/warnings-as-check
    else fail letter-names-included/j$j/warnings-as-check "exit $rc; check: $(head -c 300 "$tmp/li.check"); build: $(head -c 300 "$tmp/li.build")"; fi
    build_dying tom li letter_names_include.group $j
    if holds "$tmp/err" "$li1"; then pass letter-names-included/j$j/worker-dies
    else fail letter-names-included/j$j/worker-dies "$(head -c 400 "$tmp/err")"; fi
done

# a worker that dies after compiling its member and before saying its id
# (FORMC_TEST_DIE_BEFORE_ID, a hook for this test only): the build names
# that member, exits 2, and leaves no document of it, half-written or
# temporary; the parent compiles it to learn its id, so the second member
# still gets its shared-id error, and the summary is formc summary's. The
# first member dying leaves an earlier build's letter of it in place,
# said to be an earlier build's.
for j in 1 2; do
    rm -rf "$tmp/sid/out"
    run build sid/shared_id.group -o sid/out --quiet -j $j
    rm -f "$tmp/sid/out/test-g/same_id_a-report.pdf"
    cp "$tmp/sid/out/test-g/same_id_a-letter.pdf" "$tmp/sid/letter-before.pdf"
    build_dying same_id_a sid shared_id.group $j
    expect worker-dies-before-id/j$j/status 2 "formc: error: building sid/inc/same_id_a.form stopped before it finished"
    if grep -q 'sid/inc/same_id_b.form:3:8: error: sid/inc/same_id_a.form has the id "P-0007" too' "$tmp/err" &&
       [ "$(tail -n 1 "$tmp/err")" = "built 0 of 2 members (1 document); 2 failed: sid/inc/same_id_a.form, sid/inc/same_id_b.form" ]
    then pass worker-dies-before-id/j$j/second-told-its-id
    else fail worker-dies-before-id/j$j/second-told-its-id "$(head -c 600 "$tmp/err")"; fi
    absent worker-dies-before-id/j$j/no-report "$tmp/sid/out/test-g/same_id_a-report.pdf"
    left=$(ls -A "$tmp/sid/out/test-g" | grep '^\.' | grep -vx '\.formc-build' | tr '\n' ' ')
    if [ -z "$left" ] && cmp -s "$tmp/sid/letter-before.pdf" "$tmp/sid/out/test-g/same_id_a-letter.pdf" &&
       grep -q 'same_id_a-letter.pdf: warning: was made by an earlier build and left as it was' "$tmp/err"
    then pass worker-dies-before-id/j$j/nothing-half-written
    else fail worker-dies-before-id/j$j/nothing-half-written "temporary: '$left'; $(head -c 400 "$tmp/err")"; fi
    if cmp -s "$tmp/sid/summary.pdf" "$tmp/sid/out/test-g/test-g-summary.pdf"; then pass worker-dies-before-id/j$j/summary-as-formc-summary
    else fail worker-dies-before-id/j$j/summary-as-formc-summary "the summaries differ"; fi
done

# each member's file is read once in a build, by its own job: the ids
# are told apart without compiling every member a second time first
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
    rm -rf "$tmp/once"
    (cd "$tmp" && ASAN_OPTIONS=detect_leaks=0 timeout 120 strace -f -qq -o "$tmp/once.trace" -e trace=openat \
        "$FORMC" build --quiet ex/thursday.group -o once 2>"$tmp/once.err")
    st=$?
    twice=""
    for m in "$tmp"/ex/members/*.form; do
        n=$(grep -c "\"ex/members/${m##*/}\"" "$tmp/once.trace")
        [ "$n" -eq 1 ] || twice="$twice ${m##*/} ($n)"
    done
    if [ "$st" -eq 0 ] && [ -z "$twice" ]; then pass "members-read-once"
    else fail "members-read-once" "status $st, read more or less than once:$twice"; fi
else
    echo "skip e2e/build/members-read-once: strace cannot trace processes here"
fi

# a group whose clinic block lacks the phone number its letters need: the
# members' reports can be made, and build's summary includes them as
# formc summary's does, byte for byte
cp "$top/tests/golden/letterhead_no_phone.group" "$tmp/sid/" || exit 1
run build sid/letterhead_no_phone.group -o sid/lh --quiet
expect letterhead/build-fails 1 "the letter needs the clinic's phone number"
run summary sid/letterhead_no_phone.group -o sid/lh.pdf
if cmp -s "$tmp/sid/lh.pdf" "$tmp/sid/lh/test-g/test-g-summary.pdf"; then pass letterhead/summary-as-formc-summary
else fail letterhead/summary-as-formc-summary "the summaries differ (summary exit $rc)"; fi

# a problem of the group file that every member's documents meet (no
# clinic block for the letters; placeholders left while a member is
# final) is said once, as formc check says it, not once per member
cp -R "$top/tests/golden/letterhead_no_clinic.group" "$top/tests/golden/placeholder_group_final.group" "$tmp/sid/" || exit 1
for g in letterhead_no_clinic placeholder_group_final; do
    run check sid/$g.group
    cp "$tmp/err" "$tmp/once.check"
    run build sid/$g.group -o sid/once --quiet -j 2
    grep -v '^built ' "$tmp/err" > "$tmp/once.build"
    if grep -q ': error: ' "$tmp/once.check" && cmp -s "$tmp/once.check" "$tmp/once.build"; then pass group-problem-once/$g
    else fail group-problem-once/$g "check said $(grep -c ': error: ' "$tmp/once.check") errors, build $(grep -c ': error: ' "$tmp/once.build")"; fi
done

# ---- -j 2 and -j 1: the same bytes, the same messages --------------------
run build broken/thursday.group -o j1 -j 1
cp "$tmp/err" "$tmp/err-j1"
run build broken/thursday.group -o j2 -j 2
sed 's|j2/|j1/|' "$tmp/err" >"$tmp/err-j2"
diffs=""
for f in "$tmp"/j1/thu-w26/*.pdf; do
    cmp -s "$f" "$tmp/j2/thu-w26/$(basename "$f")" || diffs="$diffs $(basename "$f")"
done
if [ -z "$diffs" ] && [ "$(ls "$tmp/j1/thu-w26" | wc -l)" -eq 9 ]; then pass "parallel/same-bytes"
else fail "parallel/same-bytes" "differ:$diffs"; fi
if cmp -s "$tmp/err-j1" "$tmp/err-j2"; then pass "parallel/same-messages"
else fail "parallel/same-messages" "$(diff "$tmp/err-j1" "$tmp/err-j2" | head -5)"; fi

# ---- each member's documents hold only that member's words ---------------
sh "$top/bench/gen_group.sh" "$tmp/gen" 12 iso
run build gen/iso.group -o genout -j 2 --quiet
bad=""
for f in "$tmp"/genout/iso/m*.pdf; do
    m=$(basename "$f" .pdf)
    m=${m%-*}                                   # m0007
    want=$(grep -o 'zq[a-z][a-z][a-z]' "$tmp/gen/iso/$m.form" | sort -u)
    got=$(pdftotext "$f" - 2>/dev/null | tr -d '\302\255' | grep -o 'zq[a-z][a-z][a-z]' | sort -u)
    [ -n "$want" ] && [ "$got" = "$want" ] || bad="$bad [$(basename "$f"): $(echo $got)]"
done
n=$(ls "$tmp"/genout/iso/m*.pdf 2>/dev/null | wc -l)
if [ "$rc" -eq 0 ] && [ "$n" -eq 24 ] && [ -z "$bad" ]; then pass "isolation/own-words-only"
else fail "isolation/own-words-only" "exit $rc, $n documents;$bad"; fi
# the summary names every member, each once in its roster
want=$(cat "$tmp"/gen/iso/m*.form | grep -o 'preferred "Sam zq[a-z]*"' | grep -o 'zq[a-z]*' | sort -u)
got=$(pdftotext "$tmp/genout/iso/iso-summary.pdf" - 2>/dev/null | grep -o 'zq[a-z][a-z][a-z]' | sort -u)
if [ "$(echo "$want" | wc -l)" -eq 12 ] && [ "$got" = "$want" ]; then pass "isolation/summary-names-all"
else fail "isolation/summary-names-all" "$(echo $got)"; fi

# ---- a copy of a group file whose code was left as it was ------------------
# its build would write over the first group's summary in the folder the
# two share, and mix their documents: refused at its code, nothing built
mkdir -p "$tmp/cc" && cp -R "$top/examples/." "$tmp/cc/"
sed -e 's/starts 2026-01-15/starts 2026-05-07/' -e 's|member "members/\*.form"|member "members/ada.form"|' \
    "$tmp/cc/thursday.group" >"$tmp/cc/spring.group"
run build cc/thursday.group -o cc/out --quiet
sum=$(sha256sum <"$tmp/cc/out/thu-w26/thu-w26-summary.pdf")
listed=$(ls -l --time-style=full-iso "$tmp/cc/out/thu-w26")
run build cc/spring.group -o cc/out --quiet
expect code-shared/refused 1 "error: cc/out/thu-w26 holds the documents of cc/thursday.group, whose code is this group's too"
if grep -q '^cc/spring.group:[0-9]*:[0-9]*: error: ' "$tmp/err" && [ "$(sha256sum <"$tmp/cc/out/thu-w26/thu-w26-summary.pdf")" = "$sum" ] &&
   [ "$(ls -l --time-style=full-iso "$tmp/cc/out/thu-w26")" = "$listed" ]
then pass code-shared/at-the-code-nothing-written
else fail code-shared/at-the-code-nothing-written "$(head -c 300 "$tmp/err")"; fi
run build cc/thursday.group -o cc/out --quiet
expect code-shared/own-group-builds 0
# formc check of the two says so at the copy's code, before any build
run check cc/thursday.group cc/spring.group
expect code-shared/check 1 'error: cc/thursday.group has the code "thu-w26" too: formc build writes a group'"'"'s documents into a folder named by its code'
run check cc/thursday.group ./cc/thursday.group
expect code-shared/check-one-file-twice 0

# ---- an interrupted build leaves no partial or temporary file ------------
sh "$top/bench/gen_group.sh" "$tmp/big" 60 big
# Ctrl-C, kill's TERM, the terminal closing (HUP), USR1 and an alarm alike
for sig in INT TERM HUP USR1 ALRM; do
    rm -rf "$tmp/bigout"
    (cd "$tmp" && exec "$FORMC" build big/big.group -o "$tmp/bigout" -j 2 --quiet 2>/dev/null) &
    pid=$!
    i=0
    while [ "$(ls "$tmp/bigout/big" 2>/dev/null | wc -l)" -lt 6 ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
    workers=$(pgrep -P "$pid")
    kill -"$sig" "$pid"
    wait "$pid" 2>/dev/null
    st=$?
    left=$(ls -A "$tmp/bigout/big" | grep '^\.' | grep -vx '\.formc-build' | tr '\n' ' ')
    n=$(ls "$tmp/bigout/big" | wc -l)
    broken_pdf=""
    for f in "$tmp"/bigout/big/*.pdf; do qpdf --check "$f" >/dev/null 2>&1 || broken_pdf="$broken_pdf $(basename "$f")"; done
    case $sig in INT) num=2 ;; TERM) num=15 ;; HUP) num=1 ;; USR1) num=10 ;; ALRM) num=14 ;; esac
    want=$((128 + num))
    if [ "$st" -eq "$want" ] && [ -z "$left" ] && [ -z "$broken_pdf" ] && [ "$n" -lt 120 ] && [ "$n" -ge 6 ]; then
        pass "interrupt/$sig"
    else
        fail "interrupt/$sig" "status $st (expected $want), $n documents, temporary: '$left', damaged: '$broken_pdf'"
    fi
    alive=""
    for w in $workers; do kill -0 "$w" 2>/dev/null && alive="$alive $w"; done
    if [ -n "$workers" ] && [ -z "$alive" ]; then pass "interrupt/$sig-no-worker-left"
    else fail "interrupt/$sig-no-worker-left" "workers '$workers', still running:$alive"; fi
done

# a worker killed outright (as by the out-of-memory killer) loses its member
# only: reported, no temporary file left, every other member built
rm -rf "$tmp/bigout"
(cd "$tmp" && exec "$FORMC" build big/big.group -o bigout -j 2 --quiet 2>"$tmp/kill.err") &
pid=$!
i=0
while [ "$(ls "$tmp/bigout/big" 2>/dev/null | wc -l)" -lt 6 ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
worker=$(pgrep -P "$pid" | head -n 1)
[ -n "$worker" ] && kill -KILL "$worker"
wait "$pid"
st=$?
left=$(ls -A "$tmp/bigout/big" | grep '^\.' | grep -vx '\.formc-build' | tr '\n' ' ')
n=$(ls "$tmp/bigout/big" | wc -l)
if [ -n "$worker" ] && [ "$st" -eq 2 ] && [ -z "$left" ] && [ "$n" -ge 119 ] &&
   grep -q 'stopped before it finished' "$tmp/kill.err" &&
   tail -n 1 "$tmp/kill.err" | grep -q '^built 59 of 60 members (.*); 1 failed: big/big/m00[0-9][0-9].form$'; then
    pass "interrupt/worker-killed"
else
    fail "interrupt/worker-killed" "status $st, $n documents, temporary: '$left': $(tail -n 2 "$tmp/kill.err")"
fi

# a worker killed while it makes the de-identified summary leaves no
# temporary file of it: what is cleaned up is redacted-summary.pdf, the name
# written (strace kills the worker as it opens the summary's template; a
# temporary file a dead worker left is planted beforehand)
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
    rm -rf "$tmp/kout"
    mkdir -p "$tmp/kout/thu-w26-redacted"
    stale="$tmp/kout/thu-w26-redacted/.redacted-summary.pdf.formc.99999999.ABC123"
    : >"$stale"
    # (a sanitizer build's leak check cannot run under ptrace: it is left out here)
    (cd "$tmp" && ASAN_OPTIONS=detect_leaks=0 timeout 120 strace -f -o /dev/null -P "$FORMC_DATADIR/summary.en.tmpl" -e trace=openat \
        -e inject=openat:signal=KILL "$FORMC" build --redact --quiet ex/thursday.group -o kout 2>"$tmp/kill.err")
    st=$?
    if [ "$st" -eq 2 ] && [ ! -e "$stale" ] && grep -q 'building the group summary stopped before it finished' "$tmp/kill.err" &&
       [ "$(tail -n 1 "$tmp/kill.err")" = "built 5 of 5 members (10 documents); the summary failed" ]; then
        pass "interrupt/redacted-summary-worker-killed"
    else
        fail "interrupt/redacted-summary-worker-killed" "status $st, left: $(ls -A "$tmp/kout/thu-w26-redacted" | grep '^\.' | tr '\n' ' '): $(tail -n 2 "$tmp/kill.err")"
    fi
else
    echo "skip e2e/build/interrupt/redacted-summary-worker-killed: strace cannot trace processes here"
fi

# ---- --deps ----------------------------------------------------------------
mkdir -p "$tmp/sp ace"
cp -R "$tmp/ex/." "$tmp/sp ace/"
run build "sp ace/thursday.group" -o dout --deps dout/thu.d --quiet
deps="$tmp/dout/thu.d"
if [ "$rc" -eq 0 ] && [ -s "$deps" ]; then pass "deps/written"; else fail "deps/written" "exit $rc: $(head -c 300 "$tmp/err")"; fi
# rule TARGET: the rule for TARGET in the deps file, to its last line
rule() { awk -v t="$1:" '$1 == t { on = 1 } on { print } on && !/\\$/ { exit }' "$deps"; }
first=$(head -n 1 "$deps")
case "$first" in "dout/thu.d: \\") pass "deps/own-rule-first" ;; *) fail "deps/own-rule-first" "$first" ;; esac
r=$(rule dout/thu-w26/ada-report.pdf)
exe=$(readlink -f "$FORMC")
miss=""
for want in 'sp\ ace/members/ada.form' 'sp\ ace/thursday.group' 'sp\ ace/clinic.form' \
            "$FORMC_DATADIR/instruments.form" "$exe"; do
    printf '%s\n' "$r" | grep -qF -- "$want" || miss="$miss [$want]"
done
printf '%s\n' "$r" | grep -q 'letter.en.tmpl\|gerry' && miss="$miss [the report names the letter template or another member]"
if [ -z "$miss" ]; then pass "deps/report-rule"; else fail "deps/report-rule" "$miss in: $r"; fi
if rule dout/thu-w26/ada-letter.pdf | grep -q "letter.en.tmpl"; then pass "deps/letter-template"
else fail "deps/letter-template" "no template in the letter's rule"; fi
r=$(rule dout/thu-w26/thu-w26-summary.pdf)
miss=""
for want in summary.en.tmpl 'sp\ ace/thursday.group' 'sp\ ace/members/ada.form' 'sp\ ace/members/zoe.form'; do
    printf '%s\n' "$r" | grep -qF -- "$want" || miss="$miss [$want]"
done
if [ -z "$miss" ]; then pass "deps/summary-rule"; else fail "deps/summary-rule" "$miss in: $r"; fi
if grep -qx 'sp\\ ace/members/zoe.form:' "$deps"; then pass "deps/empty-rules"; else fail "deps/empty-rules" "no 'sp\\ ace/members/zoe.form:' line"; fi
# every file the build's record checks a document against is in its rule
miss=""
for doc in ada-report ada-letter zoe-report thu-w26-summary; do
    r=$(rule "dout/thu-w26/$doc.pdf")
    awk -F'\t' -v d="dout/thu-w26/$doc.pdf" '$1 == "doc" { on = $4 == d } on && $1 == "in" { print $4 }' \
        "$tmp/dout/thu-w26/.formc-build" > "$tmp/rec.in"
    [ -s "$tmp/rec.in" ] || miss="$miss [$doc: no record]"
    while IFS= read -r f; do
        printf '%s\n' "$r" | grep -qxF -- "  $(printf '%s' "$f" | sed 's/ /\\ /g')" ||
            printf '%s\n' "$r" | grep -qxF -- "  $(printf '%s' "$f" | sed 's/ /\\ /g') \\" || miss="$miss [$doc: $f]"
    done < "$tmp/rec.in"
done
if [ -z "$miss" ]; then pass "deps/every-recorded-input"; else fail "deps/every-recorded-input" "$miss"; fi
# and what the record checks by identity, or by where templates are looked
# for: the fonts, the hyphenation dictionaries, the template folders
r=$(rule dout/thu-w26/ada-report.pdf)
miss=""
printf '%s\n' "$r" | grep -q '\.tt[fc]\( \\\)*$' || miss="$miss [a font file]"
printf '%s\n' "$r" | grep -q 'hyph_en_US\.dic' || miss="$miss [the English hyphenation dictionary]"
printf '%s\n' "$r" | grep -qxF -- "  $FORMC_DATADIR \\" || printf '%s\n' "$r" | grep -qxF -- "  $FORMC_DATADIR" ||
    miss="$miss [the data folder]"
if [ -z "$miss" ]; then pass "deps/drawing-and-template-folders"; else fail "deps/drawing-and-template-folders" "$miss in: $r"; fi
# make reads it: up to date now, out of date once a member changes
printf 'dout/thu.d: sp\\ ace/thursday.group\n\t%s build "sp ace/thursday.group" -o dout --deps $@ --quiet\ninclude dout/thu.d\n' \
    "$FORMC" >"$tmp/Makefile"
if (cd "$tmp" && make -q dout/thu.d >/dev/null 2>&1); then pass "deps/make-up-to-date"; else fail "deps/make-up-to-date" "make -q says out of date"; fi
sleep 0.05
touch "$tmp/sp ace/members/kai.form"
if (cd "$tmp" && make -q dout/thu.d >/dev/null 2>&1); then fail "deps/make-sees-change" "make -q says up to date"
else pass "deps/make-sees-change"; fi
# a template added to a folder searched before the data folder takes the
# place of the shipped one: make sees the folder's date change
mkdir -p "$tmp/tpl"
run build "sp ace/thursday.group" -o tout --deps tout/thu.d --templates tpl --quiet
printf 'tout/thu.d: sp\\ ace/thursday.group\n\t%s build "sp ace/thursday.group" -o tout --templates tpl --deps $@ --quiet\ninclude tout/thu.d\n' \
    "$FORMC" >"$tmp/Makefile.tpl"
if (cd "$tmp" && make -q -f Makefile.tpl tout/thu.d >/dev/null 2>&1); then pass "deps/template-folder-up-to-date"
else fail "deps/template-folder-up-to-date" "make -q says out of date"; fi
sleep 0.05
cp "$FORMC_DATADIR/report.en.tmpl" "$tmp/tpl/report.en.tmpl"
if (cd "$tmp" && make -q -f Makefile.tpl tout/thu.d >/dev/null 2>&1); then fail "deps/template-added" "make -q says up to date"
else pass "deps/template-added"; fi
# a failed build writes no deps file (make tries again)
run build broken/thursday.group -o bout --deps bout/thu.d --quiet
if [ "$rc" -eq 1 ] && [ ! -e "$tmp/bout/thu.d" ]; then pass "deps/not-on-failure"; else fail "deps/not-on-failure" "exit $rc"; fi
run build ex/thursday.group -o out --deps ex/members/ada.form --quiet
if [ "$rc" -eq 2 ] && grep -q 'patient' "$tmp/ex/members/ada.form"; then pass "deps/never-over-an-input"
else fail "deps/never-over-an-input" "exit $rc"; fi

# ---- progress on a terminal ----------------------------------------------
if command -v script >/dev/null 2>&1; then
    rm -rf "$tmp/tty"
    (cd "$tmp" && TERM=xterm script -qec "'$FORMC' build ex/thursday.group -o tty -j 1 2>&1" /dev/null >"$tmp/tty.log" 2>&1)
    esc=$(printf '\033')
    cr=$(printf '\r')
    if grep -q "\[6/6\] summary" "$tmp/tty.log" && grep -q "${cr}${esc}\[K" "$tmp/tty.log" &&
       ! grep -q '^built .*\.pdf' "$tmp/tty.log" && grep -q 'built 5 of 5 members' "$tmp/tty.log"; then
        pass "progress/terminal"
    else fail "progress/terminal" "$(head -c 300 "$tmp/tty.log" | od -c | head -5)"; fi
fi
# --quiet: diagnostics only (here the example's warnings), no other line
run build ex/thursday.group -o out --quiet --force
if [ "$rc" -eq 0 ] && grep -q ': warning: ' "$tmp/err" && ! grep -v '^[^ ]*:[0-9]*:[0-9]*: warning: \|^formc: warning: \|^formc: note: \|^ ' "$tmp/err" | grep -q .; then
    pass "progress/quiet"
else fail "progress/quiet" "$(grep -v ': warning: \|^ ' "$tmp/err" | head -c 200)"; fi
