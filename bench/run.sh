#!/bin/sh
# formc benchmarks: prints figures, asserts nothing (machines are shared and
# noisy; compare ratios within one run).
#   1. check throughput on a generated multi-megabyte file (MB/s)
#   2. time to check the example group, start-up included (ms)
#   3. reports: ms per report in one process and as separate processes
#   4. peak memory (maximum resident set size) of each
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

sh "$top/bench/gen.sh" 12 > "$tmp/big.form"
size=$(wc -c < "$tmp/big.form")
ms=$(best_ms 3 "$formc" check "$tmp/big.form")
mb=$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }')
echo "check throughput: $mb MB in $ms ms = $(awk -v s="$size" -v t="$ms" 'BEGIN { printf "%.1f", s / 1048576 / (t / 1000) }') MB/s (best of 3)"
echo "check peak memory on $mb MB: $(peak_kib "$formc" check "$tmp/big.form") KiB"

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
