#!/bin/sh
# make test-valgrind: the golden tests and a representative subset of the
# end-to-end tests with formc run under valgrind memcheck (tests/valgrind/
# formc), ending with "N passed, N failed". Zero memory errors and zero
# definite leaks are required; only fontconfig's process-lifetime state,
# the fontconfig patterns Pango caches and a loss inside libhyphen's
# dictionary loader are suppressed (formc.supp).
# The tests' time limits are made ten times longer.
#
# The subset: every golden file (formc check on each class of diagnostic,
# all the files in one run: tests/valgrind/golden.sh), and the end-to-end
# tests of every document and file path: report, letter, summary, scores,
# redact, new, documents (reports, letters and summaries from clinic
# templates) and files (unreadable inputs, refused outputs, a full disk, a
# read-only folder). Left out, because they time formc or run it on inputs
# too large for a 20-50 times slower run: check_cli.sh (a 16 MiB file,
# 100,000 nested blocks, a 1001-member group, a 5 s time limit), limits.sh
# (a 16 MiB line, 100,000 errors, a 1000-page report, time limits),
# build.sh (batches of 60 members, workers killed by signal) and fmt.sh
# (400 runs of the formatter, which fuzz_fmt covers); and editors.sh and
# install.sh, which test other programs. All of these run under
# AddressSanitizer in make test-sanitize.
# Usage: tests/valgrind/run.sh BUILD_DIR
BUILD=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
command -v valgrind >/dev/null || { echo "make test-valgrind needs valgrind: sh scripts/deps.sh valgrind"; exit 2; }
# tests/run.sh runs BUILD_DIR/formc: here, the valgrind wrapper
mkdir -p build-vg/bin
ln -sf ../tests/valgrind/formc build-vg/formc
FORMC_REAL="$top/$BUILD/formc"
export FORMC_REAL
# formc runs 20-50 times slower under valgrind: the tests' time limits
# (timeout SECONDS ...) are made ten times longer by a timeout in front of
# the system's
real_timeout=$(command -v timeout)
cat > build-vg/bin/timeout <<EOT
#!/bin/sh
case "\$1" in
    *[!0-9]*|"") exec $real_timeout "\$@" ;;
esac
limit=\$((\$1 * 10))
shift
exec $real_timeout "\$limit" "\$@"
EOT
chmod +x build-vg/bin/timeout
PATH="$top/build-vg/bin:$PATH"
export PATH
# The parts run side by side, one per processor (valgrind runs one thread
# at a time), each into a file of its own; their results are then printed
# in order.
parts="golden e2e/report e2e/letter e2e/summary e2e/scores e2e/redact e2e/new e2e/documents
e2e/files e2e/outcomes e2e/export"
jobs=$(nproc 2>/dev/null || echo 1)
outs=$(mktemp -d "${TMPDIR:-/tmp}/formc-vg.XXXXXX") || exit 2
trap 'rm -rf "$outs"' EXIT
printf '%s\n' $parts | xargs -P "$jobs" -I PART \
    sh -c 'case "$1" in
               golden) sh tests/valgrind/golden.sh build-vg ;;
               *) sh tests/run.sh build-vg "$1" ;;
           esac > "$2/$(printf %s "$1" | tr / _).out" 2>&1' sh PART "$outs"
passed=0 failed=0
for part in $parts; do
    # tests/run.sh prints its failures, then "N passed, N failed"
    out=$(cat "$outs/$(printf %s "$part" | tr / _).out")
    printf '%s\n' "$out" | sed '$d'
    last=$(printf '%s\n' "$out" | tail -n 1)
    case "$last" in
        *" passed, "*" failed") set -- $last; passed=$((passed + $1)); failed=$((failed + $3)) ;;
        *) echo "FAIL valgrind/$part: the run ended without its count"; failed=$((failed + 1)) ;;
    esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
