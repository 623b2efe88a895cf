# common.sh — the start every end-to-end test script shares. A script sets
# SUITE, the middle of its tests' names ("pass e2e/SUITE/NAME"; empty for
# "pass e2e/NAME"), then sources this file:
#     SUITE=report
#     . "$(dirname "$0")/lib/common.sh"
# It promises:
#   top            the repository's root (the working folder is not changed)
#   FORMC          the formc under test, build/formc unless set; exported
#   FORMC_DATADIR  templates/ unless set; SOURCE_DATE_EPOCH 1800000000
#                  (2027-01-15) unless set; NO_COLOR=1; all exported
#   tmp            a fresh private folder, removed when the script ends or
#                  is stopped
#   pass NAME, fail NAME WHY   one result line each, as tests/run.sh counts
#   run ARGS...    formc ARGS in the folder $RUN_IN (default: the current
#                  one), stopped after $RUN_TIMEOUT seconds (default 60):
#                  standard output in $tmp/out, errors in $tmp/err, the
#                  exit status in $rc
#   expect NAME STATUS [TEXT]  passes NAME when the last run exited with
#                  STATUS and, if TEXT is given, its errors contain TEXT
#   absent NAME FILE           passes NAME when FILE was not written
# Not a test itself: tests/run.sh runs only tests/e2e/*.sh.

top=$(cd "$(dirname "$0")/../.." && pwd)
: "${FORMC:=$top/build/formc}"
: "${FORMC_DATADIR:=$top/templates}"
: "${SOURCE_DATE_EPOCH:=1800000000}"
NO_COLOR=1
export FORMC FORMC_DATADIR SOURCE_DATE_EPOCH NO_COLOR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/formc-${SUITE:-e2e}.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 1' INT TERM

pass() { echo "pass e2e/${SUITE:+$SUITE/}$1"; }
fail() { echo "FAIL e2e/${SUITE:+$SUITE/}$1: $2"; }

run() {
    (cd "${RUN_IN:-.}" && timeout "${RUN_TIMEOUT:-60}" "$FORMC" "$@" >"$tmp/out" 2>"$tmp/err")
    rc=$?
}

expect() {
    if [ "$rc" -ne "$2" ]; then
        fail "$1" "exit $rc, expected $2 (124 = timed out); stderr: $(head -c 400 "$tmp/err")"
    elif [ -n "${3-}" ] && ! grep -qF -- "$3" "$tmp/err"; then
        fail "$1" "stderr lacks '$3': $(head -c 400 "$tmp/err")"
    else
        pass "$1"
    fi
}

absent() {
    if [ -e "$2" ]; then fail "$1" "$2 was written"; else pass "$1"; fi
}
