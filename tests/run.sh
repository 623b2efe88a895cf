#!/bin/sh
# Runs every test formc has and ends with the line "N passed, N failed".
#   unit tests    build/tests/test_*          one "pass/FAIL name" line per test
#   golden tests  tests/golden/X.{form,group} formc check's exact stderr and
#                 exit status must equal X.expected (X.args adds arguments)
#   end-to-end    tests/e2e/*.sh              each prints "pass/FAIL name" lines
# Usage: tests/run.sh BUILD_DIR [FILTER]
# FORMC_TEST_SKIP, when set, names end-to-end scripts to leave out
# ("pages fmt": tests/e2e/pages.sh and fmt.sh); each is said as a "skip"
# line (CI's sanitizer stage uses it: .ci/run says which and why).
BUILD=${1:-build}
FILTER=${2:-}
SKIP=${FORMC_TEST_SKIP:-}
top=$(cd "$(dirname "$0")/.." && pwd)
FORMC="$top/$BUILD/formc"
export FORMC NO_COLOR=1 SOURCE_DATE_EPOCH=1800000000 FORMC_DATADIR="$top/templates"
# formc's messages follow the locale: the tests read them in English, in
# the locale they were written in (tests/e2e/messages.sh asks for French)
unset LANGUAGE LC_MESSAGES FORMC_LANG
export LC_ALL=C.UTF-8
log=$(mktemp)
# the tests write only under build folders and the system's temporary
# folder: a file of the repository written while they run (or a file
# made and removed, which changes its folder's date) would race with the
# scripts that run beside it, and is reported below
stamp=$(mktemp)
trap 'rm -f "$log" "$stamp"' EXIT

report() { # reads pass/FAIL lines, echoes them, appends to the log
    while IFS= read -r line; do
        case "$line" in
            pass\ *|FAIL\ *|"     also:"*) echo "$line" >> "$log" ;;
        esac
        case "$line" in pass\ *) ;; *) echo "$line" ;; esac
    done
}

for t in "$top/$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    case "$t" in *"$FILTER"*) ;; *) continue ;; esac
    name=$(basename "$t")
    out=$(cd "$top" && "$t" 2>&1; echo "exit $?")
    printf '%s\n' "$out" | report
    # a binary that crashed or failed without saying which test still fails
    status=$(printf '%s\n' "$out" | tail -n 1)
    if [ "$status" != "exit 0" ] && ! printf '%s\n' "$out" | grep -q '^FAIL '; then
        echo "FAIL $name: $status without a failing test (crash?)" | tee -a "$log"
        printf '%s\n' "$out" | tail -n 5 | sed 's/^/    /'
    fi
done

cd "$top/tests/golden"
for src in *.form *.group; do
    [ -f "$src" ] || continue
    base=${src%.*}
    [ -f "$base.expected" ] || continue
    case "golden/$base" in *"$FILTER"*) ;; *) continue ;; esac
    args=""
    [ -f "$base.args" ] && args=$(cat "$base.args")
    # shellcheck disable=SC2086
    actual=$("$FORMC" check $args "$src" 2>&1 >/dev/null; echo "exit $?")
    if [ "$actual" = "$(cat "$base.expected")" ]; then
        echo "pass golden/$base" >> "$log"
    else
        echo "FAIL golden/$base" | tee -a "$log"
        printf '%s\n' "$actual" | diff -u "$base.expected" - | sed 's/^/    /' | head -40
    fi
done

# The end-to-end scripts run side by side, one per processor
# (FORMC_TEST_JOBS sets how many; each script works in its own folder),
# each into a file of its own; their results are then read in name order.
# The slowest start first, so that none of them starts last and leaves a
# processor idle while it runs (each takes a minute or more of processor
# time; a list out of date only costs time); the rest follow in name
# order.
cd "$top"
slowest="pages rebuild parity fmt messages groups language build"
scripts=""
skipped=""
for t in $(for s in $slowest; do echo "tests/e2e/$s.sh"; done) tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    case "$t" in *"$FILTER"*) ;; *) continue ;; esac
    case " $scripts " in *" $t "*) continue ;; esac
    case " $SKIP " in *" $(basename "$t" .sh) "*)
        case " $skipped " in *" $t "*) ;; *) skipped="$skipped $t"; echo "skip $t (FORMC_TEST_SKIP)" ;; esac
        continue ;;
    esac
    scripts="$scripts $t"
done
if [ -n "$scripts" ]; then
    outs=$(mktemp -d "${TMPDIR:-/tmp}/formc-run.XXXXXX") || exit 2
    trap 'rm -f "$log" "$stamp"; rm -rf "$outs"' EXIT
    jobs=${FORMC_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
    printf '%s\n' $scripts | xargs -P "$jobs" -I SCRIPT \
        sh -c 'sh "$1" > "$2/$(basename "$1").out" 2>&1' sh SCRIPT "$outs"
    for t in $(printf '%s\n' $scripts | LC_ALL=C sort); do report < "$outs/$(basename "$t").out"; done
fi

written=$(find "$top" -mindepth 1 \( -name .git -o -path "$top/build*" \) -prune \
    -o -newer "$stamp" -print | sed "s|^$top/||" | head -n 5 | tr '\n' ' ')
if [ -z "$written" ]; then echo "pass repository_untouched" >> "$log"
else echo "FAIL repository_untouched: written while the tests ran: $written" | tee -a "$log"; fi

passed=$(grep -c '^pass ' "$log")
failed=$(grep -c '^FAIL ' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
