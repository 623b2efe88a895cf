#!/bin/sh
# trust.sh — end-to-end tests that a clean `formc check` is a promise about
# the documents: no document is made of nothing (an empty file, a group file
# given where a patient's formulation belongs), and a member that cannot be
# read as a formulation is never counted as a final member.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

top=$(cd "$(dirname "$0")/../.." && pwd)
: "${FORMC:=$top/build/formc}"
: "${FORMC_DATADIR:=$top/templates}"
: "${SOURCE_DATE_EPOCH:=1800000000}"
NO_COLOR=1
export FORMC_DATADIR SOURCE_DATE_EPOCH NO_COLOR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/formc-trust.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 1' INT TERM

pass() { echo "pass e2e/trust/$1"; }
fail() { echo "FAIL e2e/trust/$1: $2"; }

# run ARGS...: formc, bounded in time; sets $rc, stderr in $tmp/err
run() {
    timeout 60 "$FORMC" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# expect NAME STATUS TEXT: the last run exited with STATUS and its stderr
# contains TEXT
expect() {
    if [ "$rc" -ne "$2" ]; then
        fail "$1" "exit $rc, expected $2; stderr: $(head -c 400 "$tmp/err")"
    elif [ -n "$3" ] && ! grep -qF -- "$3" "$tmp/err"; then
        fail "$1" "stderr lacks '$3': $(head -c 400 "$tmp/err")"
    else
        pass "$1"
    fi
}

# absent NAME FILE: FILE was not written
absent() {
    if [ -e "$2" ]; then fail "$1" "$2 was written"; else pass "$1"; fi
}

cp -R "$top/examples" "$tmp/ex" || exit 1
cd "$tmp/ex" || exit 1

# ---- no document is made of nothing ---------------------------------------
: > empty.form
printf '# only a comment\n\n' > comments.form
for f in empty comments; do
    for cmd in check report scores; do
        run $cmd $f.form -o $f-$cmd.pdf
        [ $cmd = check ] || [ $cmd = scores ] && run $cmd $f.form
        expect "$f/$cmd" 1 "$f.form:1:1: error: the file is empty"
    done
    absent "$f/report/nothing-written" $f-report.pdf
    run letter $f.form --group thursday.group -o $f-letter.pdf
    expect "$f/letter" 1 "$f.form:1:1: error: the file is empty"
    absent "$f/letter/nothing-written" $f-letter.pdf
done

run report thursday.group -o group-report.pdf
expect "group-file/report" 1 "thursday.group:9:1: error: this is a group file, not a patient's formulation"
absent "group-file/report/nothing-written" group-report.pdf
run letter thursday.group --group thursday.group -o group-letter.pdf
expect "group-file/letter" 1 "thursday.group:9:1: error: this is a group file, not a patient's formulation"
absent "group-file/letter/nothing-written" group-letter.pdf
run report clinic.form -o clinic-report.pdf
expect "clinic-file/report" 1 "clinic.form:1:1: error: no formulation in this file"
absent "clinic-file/report/nothing-written" clinic-report.pdf
run check clinic.form
expect "clinic-file/check" 0 ""

# ---- a 0-byte member ---------------------------------------------------------
: > members/zz.form
run check thursday.group
expect "empty-member/check" 1 "members/zz.form:1:1: error: the file is empty"
run summary thursday.group -o summary.pdf
expect "empty-member/summary" 1 "members/zz.form:1:1: error: the file is empty"
if pdftotext summary.pdf - 2>/dev/null | tr '\n' ' ' | grep -q "Not included.*members/zz.form"; then
    pass "empty-member/summary/not-included"
else
    fail "empty-member/summary/not-included" "the summary does not list members/zz.form as not included"
fi
run build thursday.group -o out
expect "empty-member/build" 1 "members/zz.form:1:1: error: the file is empty"
absent "empty-member/build/no-documents" out/thu-w26/zz-report.pdf
rm -f members/zz.form

# ---- pasted text -------------------------------------------------------------
# typographic quotes read as quotes, and fmt writes them straight
cp "$top/tests/golden/pasted_quotes.form" pasted.form
mkdir -p inc && cp "$top/tests/golden/inc/body.form" inc/body.form
run check pasted.form
expect "pasted/typographic-quotes-check" 0 ""
run fmt --stdout pasted.form
if [ "$rc" -eq 0 ] && ! grep -v '^#' "$tmp/out" | grep -q '[“„]' && grep -q '^patient "Jane Doe" {' "$tmp/out" &&
   grep -q 'Say \\"I need help\\" once a week' "$tmp/out"; then
    pass "pasted/fmt-writes-straight-quotes"
else
    fail "pasted/fmt-writes-straight-quotes" "exit $rc: $(head -c 300 "$tmp/out")"
fi
cp "$tmp/out" pasted-fmt.form
run check pasted-fmt.form
expect "pasted/fmt-output-checks" 0 ""
