#!/bin/sh
# golden.sh: make test-valgrind's golden part. formc check runs under
# valgrind memcheck (BUILD_DIR/formc, the wrapper tests/valgrind/run.sh
# sets up) over every golden file at once: one run for the files that take
# no arguments, one for each X.args. make test compares each file's
# messages with X.expected; here memcheck must find nothing. A run over all
# the files goes through each file's checks, and the checks across files
# too, for one start of valgrind instead of two hundred.
# Prints a "pass/FAIL valgrind/golden/NAME" line per run, then
# "N passed, N failed".
# Usage: tests/valgrind/golden.sh BUILD_DIR
BUILD=${1:-build-vg}
top=$(cd "$(dirname "$0")/../.." && pwd)
FORMC="$top/$BUILD/formc"
# the environment tests/run.sh gives the golden tests
export NO_COLOR=1 SOURCE_DATE_EPOCH=1800000000 FORMC_DATADIR="$top/templates" LC_ALL=C.UTF-8
unset LANGUAGE LC_MESSAGES FORMC_LANG
err=$(mktemp) || exit 2
trap 'rm -f "$err"' EXIT
cd "$top/tests/golden" || exit 2
passed=0 failed=0

# check_all NAME ARGS FILE...: formc check ARGS FILE... under valgrind;
# passes when it exits 0 or 1 (errors in the files are expected) with no
# report from valgrind (exit 99) and no crash
check_all() {
    name=$1 args=$2
    shift 2
    # shellcheck disable=SC2086
    timeout 120 "$FORMC" check --max-errors 0 $args "$@" >/dev/null 2>"$err"
    rc=$?
    if [ "$rc" -le 1 ]; then
        echo "pass valgrind/golden/$name ($# files)"
        passed=$((passed + 1))
    else
        echo "FAIL valgrind/golden/$name: exit $rc over $# files"
        grep '^==[0-9]*==' "$err" | head -n 60 | sed 's/^/    /'
        failed=$((failed + 1))
    fi
}

plain=""
for src in *.form *.group; do
    base=${src%.*}
    [ -f "$base.expected" ] || continue
    if [ -f "$base.args" ]; then check_all "$base" "$(cat "$base.args")" "$src"
    else plain="$plain $src"; fi
done
# shellcheck disable=SC2086
check_all all "" $plain
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
