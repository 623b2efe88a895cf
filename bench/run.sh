#!/bin/sh
# formc benchmarks: prints figures, asserts nothing (machines are shared and
# noisy; compare ratios within one run).
#   1. check throughput on a generated multi-megabyte file (MB/s)
#   2. time to check the example group, start-up included (ms)
#   3. reports: ms per report in one process and as separate processes
#   4. peak memory (maximum resident set size) of each
#   5. formc build on 1, 10 and 50 generated groups of 10 members: documents
#      per second, ms per document, peak memory (workers included), -j 1
#      against -j 2, a rebuild with nothing changed, and peak memory for a
#      group of 10 against one of 100 members (it must not grow)
#   6. formc import of a 10,000-row REDCap-shaped export (200 records x 50
#      events, 600 rows with questionnaires) into a group of 200 generated
#      members: time and peak memory, then the same import again (nothing
#      to change), and --dry-run
# Usage: bench/run.sh BUILD_DIR
set -eu
BUILD=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
formc="$top/$BUILD/formc"
export FORMC_DATADIR="$top/templates" SOURCE_DATE_EPOCH=1800000000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_ms() { date +%s%N | awk '{ printf "%.3f", $1 / 1000000 }'; }
# peak RSS in KiB of a command, from /proc (GNU time may be absent)
peak_kib() {
    "$@" >/dev/null 2>&1 &
    pid=$!; peak=0
    while kill -0 "$pid" 2>/dev/null; do
        rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
        [ "${rss:-0}" -gt "$peak" ] && peak=$rss
        sleep 0.005
    done
    wait "$pid" || true
    echo "$peak"
}
# runs a command N times, prints the best wall time in ms
best_ms() {
    n=$1; shift; best=""
    i=0
    while [ $i -lt "$n" ]; do
        t0=$(now_ms); "$@" >/dev/null 2>&1 || true; t1=$(now_ms)
        d=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
        best=$(awk -v a="$best" -v d="$d" 'BEGIN { if (a == "" || d < a) print d; else print a }')
        i=$((i + 1))
    done
    echo "$best"
}

# twelve files of 1 MB, checked in one run (a file with its includes holds
# at most 200,000 names and values; one such megabyte has about 90,000)
sh "$top/bench/gen.sh" 1 > "$tmp/big1.form"
bigs=""
for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
    [ $k -eq 1 ] || cp "$tmp/big1.form" "$tmp/big$k.form"
    bigs="$bigs $tmp/big$k.form"
done
size=$(cat $bigs | wc -c)
# shellcheck disable=SC2086
ms=$(best_ms 3 "$formc" check $bigs)
mb=$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }')
echo "check throughput: $mb MB in $ms ms = $(awk -v s="$size" -v t="$ms" 'BEGIN { printf "%.1f", s / 1048576 / (t / 1000) }') MB/s (best of 3)"
# shellcheck disable=SC2086
echo "check peak memory on $mb MB: $(peak_kib "$formc" check $bigs) KiB"

ms=$(best_ms 10 "$formc" check "$top/examples/thursday.group")
echo "check example group (6 files + library, start-up included): $ms ms (best of 10)"
echo "check example group peak memory: $(peak_kib "$formc" check "$top/examples/thursday.group") KiB"

members=$(ls "$top"/examples/members/*.form | grep -v kai)
n=$(echo "$members" | wc -l)
cd "$tmp"
# shellcheck disable=SC2086
one=$(best_ms 3 "$formc" report $members)
echo "reports in one process: $n reports in $one ms = $(awk -v t="$one" -v n="$n" 'BEGIN { printf "%.1f", t / n }') ms per report"
# 10 copies of each member, one process: startup and font set-up amortised
list=""
for k in 1 2 3 4 5 6 7 8 9 10; do for m in $members; do cp "$m" "$tmp/$(basename "$m" .form)-$k.form"; list="$list $tmp/$(basename "$m" .form)-$k.form"; done; done
sed -i "s|^group .*||" $list
# shellcheck disable=SC2086
many=$(best_ms 1 "$formc" report $list)
echo "reports in one process, 10x: $((n * 10)) reports in $many ms = $(awk -v t="$many" -v n="$((n * 10))" 'BEGIN { printf "%.1f", t / n }') ms per report"
t0=$(now_ms)
for m in $members; do "$formc" report "$m" >/dev/null 2>&1; done
t1=$(now_ms)
echo "reports as separate processes: $(awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }') ms per report"
# shellcheck disable=SC2086
echo "report peak memory (one process, $n reports): $(peak_kib "$formc" report $members) KiB"

# ---- formc build ------------------------------------------------------------
# timed LOG CMD...: runs CMD and appends "wall_s cpu_s peak_kib" to LOG, from
# GNU time (peak: the largest of formc and its worker processes; cpu: user +
# system of all of them); without GNU time, the wall time only
timed() {
    log=$1; shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %U %S %M" -o "$tmp/one" "$@" >/dev/null 2>&1 || true
        awk 'NF == 4 { printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$tmp/one" >>"$log"
    else
        t0=$(now_ms); "$@" >/dev/null 2>&1 || true; t1=$(now_ms)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f n/a n/a\n", (b - a) / 1000 }' >>"$log"
    fi
}
# figures LABEL DOCS LOG: one line of figures from the runs in LOG
figures() {
    awk -v label="$1" -v d="$2" '
        { wall += $1; cpu += $2; if ($3 + 0 > peak) peak = $3 + 0; if ($2 == "n/a") na = 1 }
        END {
            printf "%s: %d documents in %.0f ms = %.1f documents/s, %.1f ms/document", label, d, wall * 1000, d / wall, wall * 1000 / d
            if (na) print ", CPU and peak memory n/a (no GNU time)"
            else printf ", CPU %.1f ms/document, peak memory %d KiB\n", cpu * 1000 / d, peak
        }' "$3"
}
group() { echo "$tmp/groups/$(printf 'g%02d' "$1").group"; }
i=1
while [ $i -le 50 ]; do sh "$top/bench/gen_group.sh" "$tmp/groups" 10 "$(printf 'g%02d' $i)"; i=$((i + 1)); done
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")
echo "build: $cores core(s) online; groups of 10 generated members (21 documents each: 10 reports, 10 letters, the summary), one formc process per group, built from scratch (--force)"
for n in 1 10 50; do
    : >"$tmp/log"
    k=1
    while [ $k -le $n ]; do timed "$tmp/log" "$formc" build "$(group $k)" -o "$tmp/built" --force --quiet; k=$((k + 1)); done
    figures "build $n group(s), -j $cores" $((n * 21)) "$tmp/log"
done
# -j 1 and -j 2 in turn on each group, so that both see the same load
: >"$tmp/j1"; : >"$tmp/j2"
k=1
while [ $k -le 10 ]; do
    timed "$tmp/j1" "$formc" build "$(group $k)" -o "$tmp/built" -j 1 --force --quiet
    timed "$tmp/j2" "$formc" build "$(group $k)" -o "$tmp/built" -j 2 --force --quiet
    k=$((k + 1))
done
figures "build 10 groups, -j 1" 210 "$tmp/j1"
figures "build 10 groups, -j 2" 210 "$tmp/j2"
awk 'NR == FNR { a += $1; next } { b += $1 } END { printf "build -j 2 against -j 1, same groups, alternating runs: %.2f times as fast\n", a / b }' "$tmp/j1" "$tmp/j2"
: >"$tmp/log"
k=1
while [ $k -le 50 ]; do timed "$tmp/log" "$formc" build "$(group $k)" -o "$tmp/built" --quiet; k=$((k + 1)); done
awk '{ wall += $1 } END { printf "rebuild of 50 groups with nothing changed: %.0f ms, %.1f ms per group (nothing written)\n", wall * 1000, wall * 1000 / 50 }' "$tmp/log"
sh "$top/bench/gen_group.sh" "$tmp/groups" 100 big
: >"$tmp/m10"; : >"$tmp/m100"
timed "$tmp/m10" "$formc" build "$(group 1)" -o "$tmp/built" --force --quiet
timed "$tmp/m100" "$formc" build "$tmp/groups/big.group" -o "$tmp/built" --force --quiet
echo "build peak memory: group of 10 members $(cut -d' ' -f3 "$tmp/m10") KiB, group of 100 members $(cut -d' ' -f3 "$tmp/m100") KiB"

# ---- formc import -------------------------------------------------------------
sh "$top/bench/gen_group.sh" "$tmp/imp" 200 imp
sh "$top/bench/gen_export.sh" 200 50 imp >"$tmp/imp/export.csv"
rows=$(($(wc -l <"$tmp/imp/export.csv") - 1))
: >"$tmp/i1"; : >"$tmp/i2"; : >"$tmp/i3"
timed "$tmp/i3" "$formc" import --dry-run "$tmp/imp/export.csv" "$tmp/imp/imp.group"
timed "$tmp/i1" "$formc" import "$tmp/imp/export.csv" "$tmp/imp/imp.group"
timed "$tmp/i2" "$formc" import "$tmp/imp/export.csv" "$tmp/imp/imp.group"
changed=$(grep -l 'items mspss' "$tmp"/imp/imp/*.form | wc -l)
[ "$changed" -eq 200 ] || echo "import: FAILED, $changed of 200 files changed"
awk -v r="$rows" -v c="$changed" '{ printf "import: %d rows into 200 members (%d files changed): %.0f ms, CPU %s s, peak memory %s KiB\n", r, c, $1 * 1000, $2, $3 }' "$tmp/i1"
awk '{ printf "import again, nothing to change: %.0f ms, peak memory %s KiB\n", $1 * 1000, $3 }' "$tmp/i2"
awk '{ printf "import --dry-run (diff of every file): %.0f ms, peak memory %s KiB\n", $1 * 1000, $3 }' "$tmp/i3"

# ---- formc outcomes -------------------------------------------------------------
# 10, 50 and 200 generated groups of 10 members, one process each: wall time,
# CPU and peak memory, and how each grows with the number of groups (the
# PDF, its CSV export and norms over the same groups)
i=51
while [ $i -le 200 ]; do sh "$top/bench/gen_group.sh" "$tmp/groups" 10 "$(printf 'g%03d' $i)"; i=$((i + 1)); done
groups_upto() {   # the group files of groups 1..N
    k=1
    while [ $k -le "$1" ]; do
        if [ $k -le 50 ]; then group $k; else echo "$tmp/groups/$(printf 'g%03d' $k).group"; fi
        k=$((k + 1))
    done
}
echo "outcomes: groups of 10 generated members (every eighth leaves early), one formc process, the PDF"
for n in 10 50 200; do
    : >"$tmp/o$n"
    # shellcheck disable=SC2046
    timed "$tmp/o$n" "$formc" outcomes $(groups_upto $n) -o "$tmp/outcomes-$n.pdf"
    awk -v n="$n" 'NF == 3 { printf "outcomes %d groups (%d members): %.0f ms, CPU %.0f ms, %.2f ms per member, peak memory %s KiB\n", n, n * 10, $1 * 1000, $2 * 1000, $1 * 1000 / (n * 10), $3 }' "$tmp/o$n"
done
awk 'FNR == 1 { t[++k] = $1; m[k] = $3 } END {
    printf "outcomes growth: time x%.1f from 10 to 50 groups, x%.1f from 50 to 200; peak memory x%.2f, x%.2f\n",
        t[2] / t[1], t[3] / t[2], m[2] / m[1], m[3] / m[2] }' "$tmp/o10" "$tmp/o50" "$tmp/o200"
: >"$tmp/csv200"; : >"$tmp/norms200"; : >"$tmp/json10"; : >"$tmp/json200"
# shellcheck disable=SC2046
timed "$tmp/json10" "$formc" outcomes $(groups_upto 10) --json
# shellcheck disable=SC2046
timed "$tmp/json200" "$formc" outcomes $(groups_upto 200) --json
# shellcheck disable=SC2046
timed "$tmp/csv200" "$formc" outcomes $(groups_upto 200) --csv "$tmp/outcomes.csv"
# shellcheck disable=SC2046
timed "$tmp/norms200" "$formc" norms $(groups_upto 200) -o "$tmp/norms.form"
awk 'FNR == 1 { t[++k] = $1; m[k] = $3 } END { printf "outcomes --json (the counts only): 10 groups %.0f ms, %s KiB; 200 groups %.0f ms, %s KiB\n", t[1] * 1000, m[1], t[2] * 1000, m[2] }' "$tmp/json10" "$tmp/json200"
awk '{ printf "outcomes --csv, 200 groups: %.0f ms, peak memory %s KiB", $1 * 1000, $3 }' "$tmp/csv200"
echo " ($(wc -l < "$tmp/outcomes.csv") rows)"
awk '{ printf "norms, 200 groups: %.0f ms, peak memory %s KiB\n", $1 * 1000, $3 }' "$tmp/norms200"
