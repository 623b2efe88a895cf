#!/bin/sh
# Runs each libFuzzer harness for a while (make fuzz FUZZ_TIME=SECONDS).
#   tests/fuzz/run.sh BUILD_DIR SECONDS [NAME...]
# Each harness starts from its seeds (tests/fuzz/corpus/NAME/) and the
# corpus it grew in earlier runs (BUILD_DIR/corpus/NAME/), with the
# language's dictionary. A crash, a leak or an input slower than
# FUZZ_TIMEOUT seconds stops that harness and is saved under
# BUILD_DIR/findings/NAME/; once fixed, copy it to tests/fuzz/regress/NAME/.
# Prints libFuzzer's figures per harness and fails when anything was found.
set -u
BUILD=${1:-build-fuzz}
TIME=${2:-60}
shift 2 2>/dev/null || shift $#
NAMES=${*:-check pipeline template fmt csv import program pdf cache}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
export FORMC_DATADIR="$top/templates" SOURCE_DATE_EPOCH=1800000000
# one harness: fuzz NAME runs it for TIME seconds into BUILD/fuzz-NAME.log
# and leaves its exit status in BUILD/fuzz-NAME.rc
fuzz() {
    name=$1
    corpus="$BUILD/corpus/$name"
    mkdir -p "$corpus" "$BUILD/findings/$name"
    dict="$BUILD/fuzz/formc.dict"
    # a harness with a dictionary of its own (template, csv, import, pdf) uses it
    [ -f "tests/fuzz/$name.dict" ] && dict="tests/fuzz/$name.dict"
    nice -n 19 "$BUILD/fuzz/fuzz_$name" -max_total_time="$TIME" -timeout="${FUZZ_TIMEOUT:-25}" \
        -rss_limit_mb=2560 -max_len=16384 -dict="$dict" -print_final_stats=1 \
        -artifact_prefix="$BUILD/findings/$name/" "$corpus" "tests/fuzz/corpus/$name" \
        > "$BUILD/fuzz-$name.log" 2>&1
    echo $? > "$BUILD/fuzz-$name.rc"
}
# The harnesses run side by side, one per processor, each for TIME seconds.
jobs=$(nproc 2>/dev/null || echo 1)
running=0
for name in $NAMES; do
    echo "fuzz $name: ${TIME}s"
    fuzz "$name" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait; running=0; fi
done
wait
found=0
for name in $NAMES; do
    log="$BUILD/fuzz-$name.log"
    rc=$(cat "$BUILD/fuzz-$name.rc" 2>/dev/null || echo 1)
    echo "fuzz $name:"
    # the last status line and the totals
    grep -E '^#[0-9]+' "$log" | tail -n 1
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log"
    if [ "$rc" -ne 0 ]; then
        found=1
        echo "fuzz $name: FOUND a problem (exit $rc); see $log"
        grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written|.*runtime error)' "$log" | head -n 8
    fi
done
exit $found
