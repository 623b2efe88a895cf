#!/bin/sh
# The performance aims of docs/performance.md, each with its figure from
# this run, and the Typst peer measured in the same run when it is
# installed. Prints figures and a table; asserts nothing (machines are
# shared and noisy: compare the ratios, and prefer instruction counts).
#
#   1. a full report (the example member ada) per extra report in one
#      process: (t(41 reports) - t(1)) / 40, the 41 with distinct names;
#      the same for the Typst peer (bench/typst/), alternating runs; and
#      the same for 41 generated members whose texts differ (what a report
#      costs when little of it was laid out before in the run)
#   2. one report as a whole process
#   3. a group of 10 generated members (21 documents) built from scratch
#   4. formc check throughput on 12 MB of generated instrument files, and
#      the syntax tree's size against the input's
#   5. peak memory as members and groups grow (build, reports, outcomes,
#      check)
#   6. with valgrind: instructions per extra report (the example member,
#      and the example group's five members, whose texts differ) and for one
#      report as a process (independent of the machine's load)
#
# The Typst peer: install it once in a scratch folder, outside the project
# (never in make test or CI):
#     mkdir /tmp/typst-peer && cd /tmp/typst-peer
#     npm install @myriaddreamin/typst-ts-node-compiler@0.7.0
# then run make bench FORMC_TYPST_PEER=/tmp/typst-peer.
# Usage: bench/aims.sh BUILD_DIR
set -eu
BUILD=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
formc="$top/$BUILD/formc"
export FORMC_DATADIR="$top/templates" SOURCE_DATE_EPOCH=1800000000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
RUNS=${FORMC_BENCH_RUNS:-5}

now_ns() { date +%s%N; }
# times CMD...: "wall_s cpu_s peak_kib" of one run (cpu and peak from GNU
# time, n/a without it)
run_timed() {
    if [ -x /usr/bin/time ]; then
        t0=$(now_ns)
        /usr/bin/time -f "%U %S %M" -o "$tmp/time" "$@" >/dev/null 2>&1 || true
        t1=$(now_ns)
        awk -v a="$t0" -v b="$t1" '{ printf "%.4f %.4f %s\n", (b - a) / 1e9, $1 + $2, $3 }' "$tmp/time"
    else
        t0=$(now_ns); "$@" >/dev/null 2>&1 || true; t1=$(now_ns)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f n/a n/a\n", (b - a) / 1e9 }'
    fi
}
# least LOG: the least wall and the least cpu of the runs in LOG
least() { awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 < c { c = $2 } END { print w, c }' "$1"; }
# peak LOG: the largest peak memory of the runs in LOG (KiB)
peak() { awk '$3 > p { p = $3 } END { print p + 0 }' "$1"; }
fmt() { awk -v v="$1" -v s="$2" 'BEGIN { printf "%.*f", s, v }'; }
# per_extra LOG1 LOG41: the least wall time of the runs of one document and
# of 41 in one process (s), then the cost of each of the 40 extra ones, wall
# and CPU (ms): "W1 W41 MS_WALL MS_CPU"
per_extra() {
    read -r w1 c1 <<EOT
$(least "$1")
EOT
    read -r w41 c41 <<EOT
$(least "$2")
EOT
    awk -v w1="$w1" -v c1="$c1" -v w41="$w41" -v c41="$c41" \
        'BEGIN { print w1, w41, (w41 - w1) / 40 * 1000, (c41 - c1) / 40 * 1000 }'
}
aims="$tmp/aims"
: >"$aims"
# aim LABEL TARGET FIGURE MET: a row of the table printed at the end
aim() { printf '%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" >>"$aims"; }
met() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { r = op == "<=" ? a <= b : a >= b; print r ? "yes" : "no" }'; }

# ---- reports: formc against the Typst peer ---------------------------------
cp -R "$top/examples" "$tmp/ex"
k=0
while [ $k -lt 41 ]; do
    sed -e "s/^patient \"Adaeze Nwosu\"/patient \"Adaeze Nwosu $k\"/" -e "s/\"P-0201\"/\"P-0201-$k\"/" \
        "$tmp/ex/members/ada.form" >"$tmp/ex/members/r$k.form"
    k=$((k + 1))
done
many=""
k=0
while [ $k -lt 41 ]; do many="$many $tmp/ex/members/r$k.form"; k=$((k + 1)); done
mkdir -p "$tmp/out"
peer=""
if [ -n "${FORMC_TYPST_PEER:-}" ] && [ -d "$FORMC_TYPST_PEER/node_modules/@myriaddreamin/typst-ts-node-compiler" ] &&
   command -v node >/dev/null 2>&1; then
    peer="$tmp/typst"
    mkdir -p "$peer"
    cp "$top/bench/typst/report.typ" "$top/bench/typst/run.js" "$top/bench/typst/data.json" "$peer/"
    ln -s "$FORMC_TYPST_PEER/node_modules" "$peer/node_modules"
fi
: >"$tmp/f1"; : >"$tmp/f41"; : >"$tmp/t1"; : >"$tmp/t41"
r=0
cd "$tmp/out"
while [ $r -lt "$RUNS" ]; do
    run_timed "$formc" report "$tmp/ex/members/r0.form" >>"$tmp/f1"
    # shellcheck disable=SC2086
    run_timed "$formc" report $many >>"$tmp/f41"
    if [ -n "$peer" ]; then
        run_timed node "$peer/run.js" 1 "$tmp/out/t1" >>"$tmp/t1"
        run_timed node "$peer/run.js" 41 "$tmp/out/t41" >>"$tmp/t41"
    fi
    r=$((r + 1))
done
cd "$top"
read -r f1w f41w fmw fmc <<EOT
$(per_extra "$tmp/f1" "$tmp/f41")
EOT
pages=$(pdfinfo "$tmp/out/r0-report.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
echo "formc report, the example member (${pages:-?} pages): 1 report $(fmt "$f1w" 3) s, 41 reports $(fmt "$f41w" 3) s in one process (least of $RUNS)"
echo "  per extra report: $(fmt "$fmw" 2) ms wall, $(fmt "$fmc" 2) ms CPU"
aim "a report, per extra report in one process (CPU)" "<= 5 ms" "$(fmt "$fmc" 2) ms" "$(met "$fmc" "<=" 5)"
if [ -n "$peer" ]; then
    read -r t1w t41w tmw tmc <<EOT
$(per_extra "$tmp/t1" "$tmp/t41")
EOT
    tpages=$(pdfinfo "$tmp/out/t1/r0.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    ratio=$(awk -v f="$fmc" -v t="$tmc" 'BEGIN { printf "%.2f", (f > 0 ? t / f : 0) }')
    ratiow=$(awk -v f="$fmw" -v t="$tmw" 'BEGIN { printf "%.2f", (f > 0 ? t / f : 0) }')
    echo "Typst peer (typst-ts-node-compiler, ${tpages:-?} pages): 1 report $(fmt "$t1w" 3) s, 41 reports $(fmt "$t41w" 3) s in one process"
    echo "  per extra report: $(fmt "$tmw" 2) ms wall, $(fmt "$tmc" 2) ms CPU"
    echo "formc against the Typst peer, per extra report: $ratio times as fast in CPU time ($ratiow in wall time)," \
         "$(awk -v r="$ratio" -v p="${pages:-1}" -v q="${tpages:-1}" 'BEGIN { printf "%.2f", r * p / q }') times per page"
    aim "  against the Typst peer, same run (CPU)" ">= 4x" "${ratio}x" "$(met "$ratio" ">=" 4)"
else
    echo "Typst peer: not installed (see bench/typst/README.md; FORMC_TYPST_PEER=DIR)"
    aim "  against the Typst peer, same run" ">= 4x" "not measured" "-"
fi

# ---- distinct members: reports whose texts differ ------------------------------
sh "$top/bench/gen_group.sh" "$tmp/d" 41 d41 >/dev/null
: >"$tmp/d1"; : >"$tmp/d41"
r=0
cd "$tmp/out"
while [ $r -lt "$RUNS" ]; do
    run_timed "$formc" report "$tmp/d/d41/m0001.form" >>"$tmp/d1"
    # shellcheck disable=SC2086
    run_timed "$formc" report "$tmp"/d/d41/*.form >>"$tmp/d41"
    r=$((r + 1))
done
cd "$top"
read -r _ _ dmw dmc <<EOT
$(per_extra "$tmp/d1" "$tmp/d41")
EOT
echo "formc report, 41 generated members whose texts differ: per extra report $(fmt "$dmw" 2) ms wall, $(fmt "$dmc" 2) ms CPU"
aim "  the same, 41 members whose texts differ (CPU)" "<= 5 ms" "$(fmt "$dmc" 2) ms" "$(met "$dmc" "<=" 5)"

# ---- one report as a whole process -------------------------------------------
# ten processes one after the other in each timed run (GNU time counts CPU
# time in hundredths of a second), the least of RUNS runs, per process
printf '#!/bin/sh\nfor i in 1 2 3 4 5 6 7 8 9 10; do "$@" || exit 1; done\n' >"$tmp/ten.sh"
: >"$tmp/one"
r=0
while [ $r -lt "$RUNS" ]; do
    run_timed sh "$tmp/ten.sh" "$formc" report "$top/examples/members/ada.form" -o "$tmp/out/one.pdf" >>"$tmp/one"
    r=$((r + 1))
done
read -r ow oc <<EOT
$(least "$tmp/one")
EOT
owm=$(awk -v a="$ow" 'BEGIN { print a * 100 }')
ocm=$(awk -v a="$oc" 'BEGIN { print a * 100 }')
echo "one report as a whole process: $(fmt "$owm" 1) ms wall, $(fmt "$ocm" 1) ms CPU (10 processes, least of $RUNS), peak memory $(peak "$tmp/one") KiB"
aim "one report as a whole process (CPU)" "<= 40 ms" "$(fmt "$ocm" 1) ms" "$(met "$ocm" "<=" 40)"
aim "one report as a whole process (wall)" "<= 40 ms" "$(fmt "$owm" 1) ms" "$(met "$owm" "<=" 40)"

# ---- a group of 10 members, built from scratch -------------------------------------
sh "$top/bench/gen_group.sh" "$tmp/g" 10 g10 >/dev/null
: >"$tmp/build"
r=0
while [ $r -lt "$RUNS" ]; do
    rm -rf "$tmp/built"
    run_timed "$formc" build "$tmp/g/g10.group" -o "$tmp/built" --quiet >>"$tmp/build"
    r=$((r + 1))
done
docs=$(find "$tmp/built" -name '*.pdf' | wc -l)
read -r bw bc <<EOT
$(least "$tmp/build")
EOT
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")
echo "build a group of 10 members from scratch: $docs documents in $(fmt "$bw" 3) s wall, $(fmt "$bc" 3) s CPU on $cores core(s) (least of $RUNS)"
aim "a group of 10 members (21 documents), $cores cores (wall)" "<= 0.25 s" "$(fmt "$bw" 3) s" "$(met "$bw" "<=" 0.25)"
bi=$(awk -v c="$bc" -v n="$cores" 'BEGIN { print c / n }')
aim "  its CPU time shared by the cores" "<= 0.25 s" "$(fmt "$bi" 3) s" "$(met "$bi" "<=" 0.25)"

# ---- check ----------------------------------------------------------------------------
sh "$top/bench/gen.sh" 1 >"$tmp/big1.form"
bigs=""
k=1
while [ $k -le 12 ]; do
    [ $k -eq 1 ] || cp "$tmp/big1.form" "$tmp/big$k.form"
    bigs="$bigs $tmp/big$k.form"
    k=$((k + 1))
done
size=$(cat $bigs | wc -c)
: >"$tmp/check"
r=0
while [ $r -lt "$RUNS" ]; do
    # shellcheck disable=SC2086
    run_timed "$formc" check $bigs >>"$tmp/check"
    r=$((r + 1))
done
read -r cw cc <<EOT
$(least "$tmp/check")
EOT
mbw=$(awk -v s="$size" -v t="$cw" 'BEGIN { print s / 1048576 / t }')
mbc=$(awk -v s="$size" -v t="$cc" 'BEGIN { print (t > 0 ? s / 1048576 / t : 0) }')
echo "check: $(fmt "$(awk -v s="$size" 'BEGIN { print s / 1048576 }')" 1) MB in 12 files: $(fmt "$mbw" 1) MB/s wall, $(fmt "$mbc" 1) MB/s CPU (least of $RUNS)"
aim "formc check throughput (CPU)" ">= 50 MB/s" "$(fmt "$mbc" 1) MB/s" "$(met "$mbc" ">=" 50)"
aim "formc check throughput (wall)" ">= 50 MB/s" "$(fmt "$mbw" 1) MB/s" "$(met "$mbw" ">=" 50)"
if [ -x "$top/$BUILD/bench/treesize" ]; then
    tree=$("$top/$BUILD/bench/treesize" "$tmp/big1.form")
    echo "syntax tree of a 1 MB generated file: $tree times the input"
    aim "syntax tree against the input" "<= 4x" "${tree}x" "$(met "$tree" "<=" 4)"
fi

# ---- memory as members and groups grow ------------------------------------------------
sh "$top/bench/gen_group.sh" "$tmp/g" 100 g100 >/dev/null
sh "$top/bench/gen_group.sh" "$tmp/g" 300 g300 >/dev/null
sh "$top/bench/gen_group.sh" "$tmp/g" 1000 g1000 >/dev/null
: >"$tmp/m10"; : >"$tmp/m100"; : >"$tmp/m300"; : >"$tmp/m1000"; : >"$tmp/s300"
run_timed "$formc" build "$tmp/g/g10.group" -o "$tmp/built" --force --quiet >>"$tmp/m10"
run_timed "$formc" build "$tmp/g/g100.group" -o "$tmp/built" --force --quiet >>"$tmp/m100"
run_timed "$formc" build "$tmp/g/g300.group" -o "$tmp/built" --force --quiet >>"$tmp/m300"
# a group of 1000 (some half a minute): its summary is 627 pages
run_timed "$formc" build "$tmp/g/g1000.group" -o "$tmp/built" --force --quiet >>"$tmp/m1000"
# the summary alone, what grows with the members
run_timed "$formc" summary "$tmp/g/g300.group" -o "$tmp/built/s300.pdf" >>"$tmp/s300"
mm=$(awk -v a="$(peak "$tmp/m10")" -v b="$(peak "$tmp/m100")" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
m3=$(awk -v a="$(peak "$tmp/m10")" -v b="$(peak "$tmp/m300")" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
mk=$(awk -v a="$(peak "$tmp/m10")" -v b="$(peak "$tmp/m1000")" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
echo "build peak memory: 10 members $(peak "$tmp/m10") KiB, 100 members $(peak "$tmp/m100") KiB," \
     "300 members $(peak "$tmp/m300") KiB, 1000 members $(peak "$tmp/m1000") KiB;" \
     "formc summary of 300 members alone $(peak "$tmp/s300") KiB"
aim "build peak memory, 100 members against 10" "flat" "${mm}x" "$(met "$mm" "<=" 1.25)"
aim "  300 members against 10" "flat" "${m3}x" "$(met "$m3" "<=" 1.25)"
aim "  1000 members against 10" "flat" "${mk}x" "$(met "$mk" "<=" 1.25)"
# the build's peak is its summary's worker, a document of every member (a
# 100-member summary runs to 67 pages, a 300-member one to 192), or its
# members' workers, which at 300 members peak about as high; the members'
# documents are made in workers of their own, and a summary of more than 16
# members in a worker started for it. A member's documents are measured alone here:
# the reports of 10 and of 100 members, one process each
: >"$tmp/r10"; : >"$tmp/r100"
cd "$tmp/out"
# shellcheck disable=SC2086
run_timed "$formc" report $(ls "$tmp"/g/g100/*.form | head -n 10) >>"$tmp/r10"
# shellcheck disable=SC2086
run_timed "$formc" report "$tmp"/g/g100/*.form >>"$tmp/r100"
cd "$top"
rm_=$(awk -v a="$(peak "$tmp/r10")" -v b="$(peak "$tmp/r100")" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
echo "reports in one process, peak memory: 10 members $(peak "$tmp/r10") KiB, 100 members $(peak "$tmp/r100") KiB"
aim "  100 members' reports in one process against 10" "flat" "${rm_}x" "$(met "$rm_" "<=" 1.25)"
k=1
groups10=""; groups40=""
while [ $k -le 40 ]; do
    sh "$top/bench/gen_group.sh" "$tmp/p" 10 "p$k" >/dev/null
    [ $k -le 10 ] && groups10="$groups10 $tmp/p/p$k.group"
    groups40="$groups40 $tmp/p/p$k.group"
    k=$((k + 1))
done
: >"$tmp/o10"; : >"$tmp/o40"
# shellcheck disable=SC2086
run_timed "$formc" outcomes $groups10 -o "$tmp/out/o10.pdf" >>"$tmp/o10"
# shellcheck disable=SC2086
run_timed "$formc" outcomes $groups40 -o "$tmp/out/o40.pdf" >>"$tmp/o40"
om=$(awk -v a="$(peak "$tmp/o10")" -v b="$(peak "$tmp/o40")" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
echo "outcomes peak memory: 10 groups $(peak "$tmp/o10") KiB, 40 groups $(peak "$tmp/o40") KiB"
aim "outcomes peak memory, 40 groups against 10" "flat" "${om}x" "$(met "$om" "<=" 1.25)"

# formc check: each file named is compiled into memory of its own, freed
# once it is checked; a group's members each in their own, too
sh "$top/bench/gen_group.sh" "$tmp/c" 1 c1 >/dev/null
sh "$top/bench/gen_group.sh" "$tmp/c" 40 c40 >/dev/null
: >"$tmp/k1"; : >"$tmp/k4"; : >"$tmp/k12"; : >"$tmp/km1"; : >"$tmp/km10"; : >"$tmp/km40"; : >"$tmp/kg40"
run_timed "$formc" check "$tmp/big1.form" >>"$tmp/k1"
# shellcheck disable=SC2086
run_timed "$formc" check $(echo $bigs | cut -d' ' -f1-4) >>"$tmp/k4"
# shellcheck disable=SC2086
run_timed "$formc" check $bigs >>"$tmp/k12"
run_timed "$formc" check "$tmp/c/c1.group" >>"$tmp/km1"
run_timed "$formc" check "$tmp/g/g10.group" >>"$tmp/km10"
run_timed "$formc" check "$tmp/c/c40.group" >>"$tmp/km40"
# shellcheck disable=SC2086
run_timed "$formc" check $groups40 >>"$tmp/kg40"
kf=$(awk -v a="$(peak "$tmp/k1")" -v b="$(peak "$tmp/k12")" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
km=$(awk -v a="$(peak "$tmp/km1")" -v b="$(peak "$tmp/km40")" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
kg=$(awk -v a="$(peak "$tmp/km1")" -v b="$(peak "$tmp/kg40")" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
echo "check peak memory: 1, 4 and 12 files of 1 MB $(peak "$tmp/k1"), $(peak "$tmp/k4"), $(peak "$tmp/k12") KiB;" \
     "a group of 1, 10 and 40 members $(peak "$tmp/km1"), $(peak "$tmp/km10"), $(peak "$tmp/km40") KiB;" \
     "40 groups of 10 $(peak "$tmp/kg40") KiB"
echo "  check peak memory, ratios against 1: 12 files ${kf}x, 40 members ${km}x, 40 groups ${kg}x"
aim "check peak memory, 12 files of 1 MB against 1" "flat" "${kf}x" "$(met "$kf" "<=" 1.25)"
aim "  a group of 40 members against 1" "flat" "${km}x" "$(met "$km" "<=" 1.25)"
aim "  40 groups of 10 members against 1 member" "flat" "${kg}x" "$(met "$kg" "<=" 1.25)"

# ---- a text of many pages ----------------------------------------------------------
# a clinic's template of one paragraph of 2^16 and 2^18 words (a letter of
# 90 and 365 pages): the time must grow with the words, not their square
# (each page was drawn by going through the paragraph from its first line:
# 2^19 words, 730 pages, took 23 s, now 3.5 s)
mkdir -m 700 "$tmp/long16" "$tmp/long18"
for n in 16 18; do
    awk -v n="$n" 'BEGIN { print "Dear {{patient.preferred}},\n"
        for (i = 0; i < n; i++) printf "{{#each group.leaders}}"; printf "word "
        for (i = 0; i < n; i++) printf "{{/each}}"; print "" }' >"$tmp/long$n/letter.en.tmpl"
    run_timed "$formc" letter "$top/examples/members/ada.form" --templates "$tmp/long$n" \
        -o "$tmp/out/long$n.pdf" >>"$tmp/long$n.log"
done
lr=$(awk -v a="$(least "$tmp/long16.log" | cut -d' ' -f2)" -v b="$(least "$tmp/long18.log" | cut -d' ' -f2)" \
     'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')
echo "a text of many pages: 2^16 words $(least "$tmp/long16.log"), 2^18 $(least "$tmp/long18.log") (wall, CPU s): ${lr}x the CPU"
aim "a text of 4x the words (365 pages against 90), CPU" "<= 5x" "${lr}x" "$(met "$lr" "<=" 5)"

# ---- instructions, independent of the machine's load ----------------------------------
if command -v valgrind >/dev/null 2>&1; then
    cd "$tmp/out"
    instr() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
              awk '/Collected/ { gsub(",", "", $4); print $4 }'; }
    i1=$(instr "$formc" report "$tmp/ex/members/r0.form")
    i5=$(instr "$formc" report "$tmp/ex/members/r0.form" "$tmp/ex/members/r1.form" \
         "$tmp/ex/members/r2.form" "$tmp/ex/members/r3.form" "$tmp/ex/members/r4.form")
    g5=$(instr "$formc" report "$tmp/ex/members/ada.form" "$tmp/ex/members/gerry.form" \
         "$tmp/ex/members/jose.form" "$tmp/ex/members/kai.form" "$tmp/ex/members/zoe.form")
    cd "$top"
    echo "instructions (callgrind): one report as a process $(awk -v a="$i1" 'BEGIN { printf "%.0f", a / 1e6 }')M," \
         "per extra report $(awk -v a="$i1" -v b="$i5" 'BEGIN { printf "%.0f", (b - a) / 4 / 1e6 }')M" \
         "(the example group's five members: $(awk -v a="$i1" -v b="$g5" 'BEGIN { printf "%.0f", (b - a) / 4 / 1e6 }')M)"
fi

echo
echo "aims (docs/performance.md):"
awk -F'|' '{ printf "  %-46s %-11s %-14s %s\n", $1, $2, $3, $4 }' "$aims"
