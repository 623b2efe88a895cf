#!/bin/sh
# rebuild.sh — what `formc build` makes again when one thing changes: for
# each input of a document (a member's file, the group's, the clinic's, the
# logo, the data folder's templates and instruments, a clinic's template
# folder, formc itself, the fonts, the options, SOURCE_DATE_EPOCH, the
# language) the
# documents written are exactly those made from it, and then every document
# is the same bytes as a --force build into a fresh folder. A file replaced
# within the same second, or dated back, counts as changed (build records
# each input's content, never trusting times); a file touched but unchanged
# does not; a document edited, cut short or deleted is made again; a member
# who left the group or was renamed has its old documents left and said.
# Two builds at once, and builds killed at any moment, leave a folder the
# next build makes right.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.

SUITE=rebuild
. "$(dirname "$0")/lib/common.sh"

w="$tmp/w"
mkdir -p "$w/g/members"
cp "$top/examples/thursday.group" "$top/examples/clinic.form" "$top/examples/logo.png" "$w/g/"
cp "$top/examples/members/ada.form" "$top/examples/members/zoe.form" "$w/g/members/"
RUN_IN="$w"
RUN_TIMEOUT=60
all="ada-letter.pdf ada-report.pdf thu-w26-summary.pdf zoe-letter.pdf zoe-report.pdf"

# same NAME: every document of a --force build into a fresh folder (with the
# same options, ARGS) is in out, the same bytes; sets $differ
same() {
    rm -rf "$w/ref"
    run build g/thursday.group -o ref --force --quiet "$@"
    differ=""
    for f in "$w"/ref/thu-w26/*.pdf; do
        cmp -s "$f" "$w/out/thu-w26/${f##*/}" || differ="$differ ${f##*/}"
    done
    [ -e "$w/ref/thu-w26/thu-w26-summary.pdf" ] || differ="$differ (no reference build)"
}

# step NAME "WANT" [ARGS...]: builds into out with ARGS; passes when the
# documents written are exactly WANT (names, sorted, space-separated) and
# every document is what a fresh build makes
step() {
    name=$1 want=$2
    shift 2
    run build g/thursday.group -o out "$@"
    cp "$tmp/err" "$tmp/step.err"
    got=$(sed -n 's|^built out/thu-w26/||p' "$tmp/err" | sort | tr '\n' ' ' | sed 's/ $//')
    brc=$rc
    same "$@"
    if [ "$brc" -eq 0 ] && [ "$got" = "$want" ] && [ -z "$differ" ]; then pass "$name"
    else fail "$name" "exit $brc, written '$got' (want '$want'), differ from a fresh build:$differ $(grep -m1 error "$tmp/err")"; fi
}

# keep FILE CMD...: runs CMD (an edit of FILE) and gives FILE back its time
keep() {
    f=$1
    shift
    t=$(stat -c %y "$f")
    "$@"
    touch -d "$t" "$f"
}

step first "$all"
step nothing ""
touch "$w/g/members/ada.form" "$w/g/thursday.group" "$w/g/logo.png"
step touched-not-changed ""

# the same size and the same time (an edit within the same second)
keep "$w/g/members/ada.form" sed -i 's/preferred "Ada"/preferred "Adb"/' "$w/g/members/ada.form"
step member/same-size-and-time "ada-letter.pdf ada-report.pdf thu-w26-summary.pdf"
# dated back (a clock set back, a file copied with its old time)
sed -i 's/preferred "Adb"/preferred "Ade"/' "$w/g/members/ada.form"
touch -d '2001-01-01' "$w/g/members/ada.form"
step member/dated-back "ada-letter.pdf ada-report.pdf thu-w26-summary.pdf"
keep "$w/g/thursday.group" sh -c "echo '# changed' >>'$w/g/thursday.group'"
step group-file "$all"
keep "$w/g/clinic.form" sed -i 's/604-555-0142/604-555-0143/' "$w/g/clinic.form"
step clinic-file "$all"
keep "$w/g/logo.png" cp "$top/tests/golden/inc/logo.png" "$w/g/logo.png"
step logo "$all"
keep "$w/g/members/zoe.form" sed -i 's/^language fr$/language en/' "$w/g/members/zoe.form"
step language "thu-w26-summary.pdf zoe-letter.pdf zoe-report.pdf"

# the data folder: another one, older, rebuilds all; each file of it what uses it
cp -Rp "$FORMC_DATADIR" "$tmp/data"
touch -d '2001-01-01' "$tmp/data"/*
shipped=$FORMC_DATADIR
FORMC_DATADIR="$tmp/data"
step datadir/another "$all"
keep "$tmp/data/report.en.tmpl" sh -c "echo '{{! changed }}' >>'$tmp/data/report.en.tmpl'"
step datadir/report-template "ada-report.pdf zoe-report.pdf"
keep "$tmp/data/instruments.form" sh -c "echo '# changed' >>'$tmp/data/instruments.form'"
step datadir/instruments "$all"
FORMC_DATADIR=$shipped
step datadir/back "$all"

# options and the environment
step paper/letter "$all" --paper letter
step paper/again "" --paper letter
step paper/back "$all"
mkdir "$tmp/tpl"
cp -p "$FORMC_DATADIR/letter.en.tmpl" "$tmp/tpl/"
touch -d '2001-01-01' "$tmp/tpl/letter.en.tmpl"
step templates/given "$all" --templates "$tmp/tpl"
keep "$tmp/tpl/letter.en.tmpl" sh -c "echo '{{! changed }}' >>'$tmp/tpl/letter.en.tmpl'"
step templates/file "ada-letter.pdf zoe-letter.pdf" --templates "$tmp/tpl"
step templates/none "$all"
SOURCE_DATE_EPOCH=1800100000
step epoch "$all"
SOURCE_DATE_EPOCH=1800000000
step epoch/back "$all"

# the fonts: a font file upgraded in place (another time, size or file)
# makes every document again, as a system upgrade of fonts would
font=$(ls /usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf 2>/dev/null)
if [ -n "$font" ]; then
    mkdir -p "$tmp/fonts" && cp "$font" "$tmp/fonts/"
    FORMC_FONT_DIR="$tmp/fonts"
    export FORMC_FONT_DIR
    step fonts/given "$all"
    step fonts/again ""
    touch -d '2001-02-03 04:05:06' "$tmp/fonts/NotoSerif-Regular.ttf"
    step fonts/upgraded "$all"
    unset FORMC_FONT_DIR
    step fonts/back "$all"
fi

# formc itself: another formc, then the same one changed in place
cp "$FORMC" "$tmp/formc2"
formc=$FORMC
FORMC="$tmp/formc2"
step formc/another "$all"
keep "$tmp/formc2" sh -c "printf x >>'$tmp/formc2'"
step formc/changed "$all"
FORMC=$formc
step formc/back "$all"

# the documents themselves
keep "$w/out/thu-w26/ada-report.pdf" sh -c "printf x >>'$w/out/thu-w26/ada-report.pdf'"
step document/edited "ada-report.pdf"
keep "$w/out/thu-w26/zoe-letter.pdf" truncate -s 1000 "$w/out/thu-w26/zoe-letter.pdf"
step document/cut-short "zoe-letter.pdf"
rm "$w/out/thu-w26/thu-w26-summary.pdf"
step document/deleted "thu-w26-summary.pdf"
cp "$w/out/thu-w26/ada-letter.pdf" "$w/out/thu-w26/zoe-letter.pdf"
touch -d '2001-01-01' "$w/out/thu-w26/zoe-letter.pdf"
step document/replaced "zoe-letter.pdf"

# a member whose file now has an error: its documents of before are kept,
# and said not to show the file as it is; mended back to what they were
# made from, they are up to date again (the summary, made without the
# member, is made again)
keep "$w/g/members/zoe.form" sed -i 's/born 2002-06-03/born 2002-02-30/' "$w/g/members/zoe.form"
run build g/thursday.group -o out
if [ "$rc" -eq 1 ] && [ -e "$w/out/thu-w26/zoe-letter.pdf" ] &&
   grep -q "^out/thu-w26/zoe-letter.pdf: warning: was made by an earlier build and left as it was: it does not show g/members/zoe.form as it is now" "$tmp/err" &&
   [ "$(grep -c 'was made by an earlier build' "$tmp/err")" -eq 2 ]; then pass "member/failed-old-said"
else fail "member/failed-old-said" "exit $rc: $(grep -v '^ ' "$tmp/err" | head -c 400)"; fi
keep "$w/g/members/zoe.form" sed -i 's/born 2002-02-30/born 2002-06-03/' "$w/g/members/zoe.form"
step member/mended "thu-w26-summary.pdf"

# a member renamed, then one who left: the new documents are made, the old
# ones left as they were and said at each build
mv "$w/g/members/ada.form" "$w/g/members/adaeze.form"
step member/renamed "adaeze-letter.pdf adaeze-report.pdf thu-w26-summary.pdf"
if grep -q "^out/thu-w26/ada-report.pdf: warning: is not a document of this group any more (a member who left, or whose file or pseudonym changed)" "$tmp/step.err" &&
   [ -e "$w/out/thu-w26/ada-report.pdf" ]; then pass "member/renamed-old-said"
else fail "member/renamed-old-said" "$(head -c 300 "$tmp/err")"; fi
rm "$w/out/thu-w26/ada-report.pdf" "$w/out/thu-w26/ada-letter.pdf"
rm "$w/g/members/zoe.form"
step member/left "thu-w26-summary.pdf"
n=$(grep -c "warning: is not a document of this group any more (a member who left, or whose file or pseudonym changed)" "$tmp/step.err")
if [ "$n" -eq 2 ] && grep -q "^out/thu-w26/zoe-letter.pdf: warning: " "$tmp/step.err"; then pass "member/left-said"
else fail "member/left-said" "$n warnings: $(head -c 300 "$tmp/err")"; fi
rm "$w/out/thu-w26/zoe-report.pdf" "$w/out/thu-w26/zoe-letter.pdf"
cp "$top/examples/members/zoe.form" "$w/g/members/"
step member/back "thu-w26-summary.pdf zoe-letter.pdf zoe-report.pdf"

# ---- builds killed at any moment, two builds at once ------------------------
# after each, a plain build makes every document right
keep "$w/g/thursday.group" sh -c "echo '# killed' >>'$w/g/thursday.group'"
bad=""
for i in 1 3 5; do
    for sig in INT TERM KILL; do
        echo "# $i $sig" >>"$w/g/members/zoe.form"
        (cd "$w" && exec "$FORMC" build g/thursday.group -o out -j 2 --quiet 2>/dev/null) &
        pid=$!
        sleep "0.0$i"
        workers=$(pgrep -P "$pid")
        kill -"$sig" "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        # killed outright, it cannot end its workers: they are ended here
        if [ "$sig" = KILL ]; then for k in $workers; do kill -KILL "$k" 2>/dev/null; done; fi
        run build g/thursday.group -o out --quiet
        same
        [ "$rc" -eq 0 ] && [ -z "$differ" ] || bad="$bad [$i $sig: exit $rc,$differ]"
    done
done
if [ -z "$bad" ]; then pass "killed-then-built"; else fail "killed-then-built" "$bad"; fi
# (a process killed outright leaves its temporary files, never read; a
# build started a second later or more removes them)
rm -f "$w"/out/thu-w26/.*.formc.*
bad=""
for i in 1 2 3; do
    echo "# both $i" >>"$w/g/thursday.group"
    (cd "$w" && "$FORMC" build g/thursday.group -o out --quiet 2>/dev/null) &
    (cd "$w" && "$FORMC" build g/thursday.group -o out --quiet --paper letter 2>/dev/null) &
    wait
    run build g/thursday.group -o out --quiet
    same
    [ "$rc" -eq 0 ] && [ -z "$differ" ] || bad="$bad [$i: exit $rc,$differ]"
    left=$(ls -A "$w/out/thu-w26" | grep '^\.' | grep -vx '\.formc-build')
    [ -z "$left" ] || bad="$bad [$i: left $left]"
done
if [ -z "$bad" ]; then pass "two-at-once-then-built"; else fail "two-at-once-then-built" "$bad"; fi
