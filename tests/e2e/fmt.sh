#!/bin/sh
# fmt.sh — end-to-end tests of `formc fmt`: messy files give the reviewed
# canonical layout (tests/fmt/*.expected), also with CR LF line ends and
# from standard input; the layout is idempotent and renders the same report
# and letter bytes; the examples are canonical; every golden file that reads
# is stable and keeps its diagnostics, every other file of the examples and
# tests its diagnostics and scores; odd layouts (tabs, CR LF without a
# final line end, comments everywhere, a block on one line) make the same
# documents and keep every comment; --check and --stdout; files with
# errors, canonical files, modes and symbolic links are respected; the git
# pre-commit hook refuses a file not formatted (and README shows it).
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=fmt
. "$(dirname "$0")/lib/common.sh"

RUN_TIMEOUT=30

# same NAME FILE1 FILE2: pass when the files are byte-identical
same() {
    if cmp -s "$2" "$3"; then pass "$1"
    else fail "$1" "$(diff "$2" "$3" | head -n 12 | tr '\n' '|')"; fi
}

# messages: the diagnostics of stdin without places and source lines, sorted
messages() {
    grep -E ': (error|warning|note): ' | sed -E 's/^[^ ]*:[0-9]+:[0-9]+: //; s/^[^ ]*: //' | sort
}

cp -R "$top/examples" "$tmp/ex" || exit 1
cp -R "$top/tests/fmt" "$tmp/fmt" || exit 1

# ---- messy files give the reviewed layout --------------------------------
for f in messy.form messy.group; do
    run fmt --stdout "$tmp/fmt/$f"
    if [ "$rc" -eq 0 ]; then same "$f/layout" "$top/tests/fmt/$f.expected" "$tmp/out"
    else fail "$f/layout" "exit $rc: $(head -c 300 "$tmp/err")"; fi
    cp "$top/tests/fmt/$f.expected" "$tmp/canon"
    run fmt --stdout "$tmp/canon"
    same "$f/idempotent" "$tmp/canon" "$tmp/out"
    sed 's/$/\r/' "$tmp/fmt/$f" >"$tmp/fmt/crlf-$f"
    run fmt --stdout "$tmp/fmt/crlf-$f"
    same "$f/crlf" "$top/tests/fmt/$f.expected" "$tmp/out"
    timeout 30 "$FORMC" fmt - <"$tmp/fmt/$f" >"$tmp/out" 2>"$tmp/err"
    same "$f/stdin" "$top/tests/fmt/$f.expected" "$tmp/out"
done

# ---- the formatted file makes the same documents ---------------------------
cp "$tmp/fmt/messy.form" "$tmp/ex/members/messy.form"
g="$tmp/ex/thursday.group"
run report "$tmp/ex/members/messy.form" -o "$tmp/before-report.pdf"
r1=$rc
run letter "$tmp/ex/members/messy.form" --group "$g" -o "$tmp/before-letter.pdf"
r2=$rc
run fmt "$tmp/ex/members/messy.form"
r3=$rc
run report "$tmp/ex/members/messy.form" -o "$tmp/after-report.pdf"
r4=$rc
run letter "$tmp/ex/members/messy.form" --group "$g" -o "$tmp/after-letter.pdf"
r5=$rc
if [ "$r1$r2$r3$r4$r5" != 00000 ]; then
    fail "same-documents" "exit statuses $r1 $r2 $r3 $r4 $r5: $(head -c 300 "$tmp/err")"
elif ! cmp -s "$tmp/ex/members/messy.form" "$top/tests/fmt/messy.form.expected"; then
    fail "same-documents" "the file was not rewritten to its layout"
else
    same "same-documents/report" "$tmp/before-report.pdf" "$tmp/after-report.pdf"
    same "same-documents/letter" "$tmp/before-letter.pdf" "$tmp/after-letter.pdf"
fi
rm -f "$tmp/ex/members/messy.form"

# ---- the examples are canonical ---------------------------------------------
run fmt --check "$top"/examples/*.form "$top"/examples/*.group "$top"/examples/members/*.form
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ]; then pass "examples-canonical"
else fail "examples-canonical" "exit $rc; would change: $(tr '\n' ' ' <"$tmp/out")$(head -c 300 "$tmp/err")"; fi

# ---- golden files: stable, and checked the same once formatted -------------
cp -R "$top/tests/golden" "$tmp/golden"
n=0
bad=""
for f in "$tmp"/golden/*.form "$tmp"/golden/*.group; do
    base=${f%.*}
    [ -f "$base.expected" ] || continue
    timeout 30 "$FORMC" fmt --stdout "$f" >"$tmp/layout" 2>/dev/null || continue
    n=$((n + 1))
    args=""
    [ -f "$base.args" ] && args=$(cat "$base.args")
    # shellcheck disable=SC2086
    before=$( (timeout 30 "$FORMC" check $args "$f" 2>&1; echo "exit $?") | messages)
    cp "$f" "$tmp/original"
    cp "$tmp/layout" "$f"
    # shellcheck disable=SC2086
    after=$( (timeout 30 "$FORMC" check $args "$f" 2>&1; echo "exit $?") | messages)
    timeout 30 "$FORMC" fmt --check "$f" >/dev/null 2>&1
    stable=$?
    cp "$tmp/original" "$f"
    if [ "$before" != "$after" ] || [ "$stable" -ne 0 ]; then bad="$bad $(basename "$f")"; fi
done
if [ "$n" -lt 50 ]; then fail "golden-files" "only $n golden files were formatted"
elif [ -n "$bad" ]; then fail "golden-files" "diagnostics changed or layout unstable:$bad"
else pass "golden-files"; fi

# included files (tests/golden/inc) that read format to a stable layout
n=0
bad=""
for f in "$top"/tests/golden/inc/*; do
    timeout 30 "$FORMC" fmt --stdout "$f" >"$tmp/layout" 2>/dev/null || continue
    n=$((n + 1))
    timeout 30 "$FORMC" fmt - <"$tmp/layout" | cmp -s - "$tmp/layout" || bad="$bad $(basename "$f")"
done
if [ "$n" -lt 10 ]; then fail "included-files" "only $n included files were formatted"
elif [ -n "$bad" ]; then fail "included-files" "layout unstable:$bad"
else pass "included-files"; fi

# ---- --check ---------------------------------------------------------------
cp "$top/tests/fmt/messy.form.expected" "$tmp/canon.form"
cp "$tmp/fmt/messy.form" "$tmp/messy.form"
run fmt --check "$tmp/canon.form"
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ]; then pass "check/canonical-exit-0"
else fail "check/canonical-exit-0" "exit $rc, listed: $(cat "$tmp/out")"; fi
run fmt --check "$tmp/canon.form" "$tmp/messy.form"
if [ "$rc" -eq 1 ] && [ "$(cat "$tmp/out")" = "$tmp/messy.form" ]; then pass "check/lists-what-would-change"
else fail "check/lists-what-would-change" "exit $rc, listed: $(cat "$tmp/out")"; fi
same "check/writes-nothing" "$tmp/fmt/messy.form" "$tmp/messy.form"
run fmt --check --stdout "$tmp/messy.form"
if [ "$rc" -eq 2 ]; then pass "check-with-stdout-refused"; else fail "check-with-stdout-refused" "exit $rc"; fi
run fmt --stdout "$tmp/messy.form"
same "stdout/writes-nothing" "$tmp/fmt/messy.form" "$tmp/messy.form"

# ---- writing in place ------------------------------------------------------
touch -d '2001-02-03 04:05:06' "$tmp/canon.form"
chmod 640 "$tmp/canon.form"
run fmt "$tmp/canon.form"
if [ "$rc" -eq 0 ] && [ "$(stat -c %Y "$tmp/canon.form")" = "$(date -d '2001-02-03 04:05:06' +%s)" ]
then pass "canonical-file-not-rewritten"
else fail "canonical-file-not-rewritten" "exit $rc, modification time $(stat -c %y "$tmp/canon.form")"; fi
chmod 640 "$tmp/messy.form"
run fmt "$tmp/messy.form"
if [ "$rc" -ne 0 ]; then fail "rewrite" "exit $rc: $(head -c 300 "$tmp/err")"
else
    same "rewrite" "$top/tests/fmt/messy.form.expected" "$tmp/messy.form"
    mode=$(stat -c %a "$tmp/messy.form")
    if [ "$mode" = 640 ]; then pass "rewrite/mode-kept"; else fail "rewrite/mode-kept" "mode $mode"; fi
    left=$(find "$tmp" -maxdepth 1 -name '.messy.form.*' | wc -l)
    if [ "$left" -eq 0 ]; then pass "rewrite/no-temporary-left"
    else fail "rewrite/no-temporary-left" "$left temporary files"; fi
fi
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
    cp "$tmp/fmt/messy.form" "$tmp/theirs.form"
    chown nobody "$tmp/theirs.form"
    run fmt "$tmp/theirs.form"
    owner=$(stat -c %U "$tmp/theirs.form")
    if [ "$rc" -eq 0 ] && [ "$owner" = nobody ]; then pass "rewrite/owner-kept"
    else fail "rewrite/owner-kept" "exit $rc, owner $owner"; fi
fi
mkdir "$tmp/real"
cp "$tmp/fmt/messy.form" "$tmp/real/target.form"
ln -s real/target.form "$tmp/link.form"
run fmt "$tmp/link.form"
if [ "$rc" -eq 0 ] && [ -L "$tmp/link.form" ] && cmp -s "$tmp/real/target.form" "$top/tests/fmt/messy.form.expected"
then pass "symlink-target-formatted-link-kept"
else fail "symlink-target-formatted-link-kept" "exit $rc: $(head -c 300 "$tmp/err")"; fi

# ---- files with errors are left as they are --------------------------------
printf 'patient "Jo" {\n  id "1"\nclinician "Dr" %% oops\n' >"$tmp/broken.form"
cp "$tmp/broken.form" "$tmp/broken.copy"
run fmt "$tmp/broken.form" "$tmp/messy.form"
if [ "$rc" -eq 1 ] && grep -q "broken.form:3:16: error: " "$tmp/err"; then pass "error/reported"
else fail "error/reported" "exit $rc: $(head -c 300 "$tmp/err")"; fi
same "error/file-untouched" "$tmp/broken.copy" "$tmp/broken.form"
run fmt --check "$tmp/broken.form"
if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ]; then pass "error/check-exit-1"
else fail "error/check-exit-1" "exit $rc, listed: $(cat "$tmp/out")"; fi
run fmt "$tmp/missing.form"
if [ "$rc" -eq 2 ] && grep -q "missing.form: error: no such file" "$tmp/err"; then pass "missing-file-exit-2"
else fail "missing-file-exit-2" "exit $rc: $(head -c 300 "$tmp/err")"; fi

# ---- every other file of the examples and tests keeps its model ------------
# the golden files above are compared by their messages alone; these are
# formatted in place (their includes and members with them), then each
# that formc fmt lays out must be stable, and give the messages of formc
# check and the figures of formc scores --json (the model) it gave before
for d in all all.orig; do
    mkdir -p "$tmp/$d/tests"
    cp -R "$top/examples" "$tmp/$d/"
    cp -R "$top/tests/trust" "$top/tests/import" "$top/tests/e2e/pages" "$tmp/$d/tests/"
done
n=0
bad=""
for f in $(cd "$tmp/all" && find . \( -name '*.form' -o -name '*.group' \) | sort); do
    timeout 30 "$FORMC" fmt "$tmp/all/$f" >/dev/null 2>&1 || continue
    n=$((n + 1))
    timeout 30 "$FORMC" fmt --check "$tmp/all/$f" >/dev/null 2>&1 || bad="$bad $f(unstable)"
done
for f in $(cd "$tmp/all" && find . \( -name '*.form' -o -name '*.group' \) | sort); do
    cmp -s "$tmp/all/$f" "$tmp/all.orig/$f" && continue
    for d in all all.orig; do
        (cd "$tmp/$d" && timeout 30 "$FORMC" check "$f" 2>&1; echo "exit $?") | messages >"$tmp/$d.msgs"
        (cd "$tmp/$d" && timeout 30 "$FORMC" scores --json "$f" 2>/dev/null) >"$tmp/$d.scores"
    done
    cmp -s "$tmp/all.msgs" "$tmp/all.orig.msgs" || bad="$bad $f(messages)"
    cmp -s "$tmp/all.scores" "$tmp/all.orig.scores" || bad="$bad $f(scores)"
done
if [ "$n" -lt 30 ]; then fail "every-file-keeps-its-model" "only $n files were formatted"
elif [ -n "$bad" ]; then fail "every-file-keeps-its-model" "$bad"
else pass "every-file-keeps-its-model"; fi

# ---- odd but valid layouts make the same documents once formatted ---------
# tabs, CR LF line ends and no final line end; comments after each opening
# brace, before and after each closing one and inside a list broken over
# two lines (each kept, once); a block written on one line with
# semicolons, holding an English and a French text
ada="$tmp/ex/members/ada.form"
awk '{ sub(/\{$/, "{ # opened") } /^}$/ { print "    # closing"; print "}  # closed"; next }
     /^attended / { print "attended 1-6,   # the first weeks"; print "    8-12        # after the break"; next }
     { print }' "$ada" > "$tmp/ex/members/odd-comments.form"
sed 's/    /\t/g; s/$/\r/' "$ada" | head -c -2 > "$tmp/ex/members/odd-crlf.form"
awk '/^patient / { print "patient \"Adaeze Nwosu\" { id \"P-0201\"; preferred \"Ada\"; born 1989-09-04; pronouns \"she/her\" fr \"elle\" }"; skip = 1; next }
     skip && /^}$/ { skip = 0; next } !skip { print }' "$ada" > "$tmp/ex/members/odd-oneline.form"
# comments NAME: how many times each comment is in the file
comments() { tr -d '\r' <"$1" | grep -o '# [a-z][a-z ]*$' | sort | uniq -c | tr -s ' \n' ' '; }
for v in odd-comments odd-crlf odd-oneline; do
    f="$tmp/ex/members/$v.form"
    before=$(comments "$f")
    run report "$f" -o "$tmp/$v-before.pdf"; r1=$rc
    run letter "$f" -o "$tmp/$v-before-letter.pdf"; r2=$rc
    timeout 30 "$FORMC" scores --json "$f" >"$tmp/$v-before.json" 2>/dev/null
    run fmt "$f"; r3=$rc
    run report "$f" -o "$tmp/$v-after.pdf"; r4=$rc
    run letter "$f" -o "$tmp/$v-after-letter.pdf"; r5=$rc
    timeout 30 "$FORMC" scores --json "$f" >"$tmp/$v-after.json" 2>/dev/null
    timeout 30 "$FORMC" fmt --check "$f" >/dev/null 2>&1; r6=$?
    if [ "$r1$r2$r3$r4$r5$r6" != 000000 ]; then fail "odd-layouts/$v" "exit statuses $r1 $r2 $r3 $r4 $r5 $r6: $(head -c 300 "$tmp/err")"
    elif ! cmp -s "$tmp/$v-before.pdf" "$tmp/$v-after.pdf" || ! cmp -s "$tmp/$v-before-letter.pdf" "$tmp/$v-after-letter.pdf" ||
         ! cmp -s "$tmp/$v-before.json" "$tmp/$v-after.json"; then fail "odd-layouts/$v" "the documents or the scores changed"
    elif [ "$(comments "$f")" != "$before" ]; then fail "odd-layouts/$v" "comments before: $before; after: $(comments "$f")"
    else pass "odd-layouts/$v"; fi
done


# ---- the git pre-commit hook (templates/git-pre-commit, shown in README) ----
if ! command -v git >/dev/null 2>&1; then
    echo "skip e2e/fmt/pre-commit-hook: git is not installed"
else
    missing=""
    while IFS= read -r line; do
        [ -n "$line" ] && ! grep -qxF -- "$line" "$top/README.md" && missing="$missing [$line]"
    done <"$top/templates/git-pre-commit"
    if [ -z "$missing" ]; then pass "pre-commit-hook/in-readme"
    else fail "pre-commit-hook/in-readme" "README lacks:$missing"; fi
    repo="$tmp/repo"
    mkdir -p "$repo/members"
    cp "$top/templates/git-pre-commit" "$repo/pre-commit"
    (
        cd "$repo" || exit 1
        git init -q . && git config user.email clinic@example.org && git config user.name Clinic
        cp pre-commit .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
        cp "$tmp/fmt/messy.form" "members/jo example.form"
        git add "members/jo example.form"
        PATH="$(dirname "$FORMC"):$PATH"
        export PATH
        if git commit -q -m first >"$tmp/hook.out" 2>&1; then
            echo "FAIL e2e/fmt/pre-commit-hook/refuses: a messy file was committed"
        elif grep -q "members/jo example.form" "$tmp/hook.out"; then
            echo "pass e2e/fmt/pre-commit-hook/refuses"
        else
            echo "FAIL e2e/fmt/pre-commit-hook/refuses: $(head -c 300 "$tmp/hook.out")"
        fi
        "$FORMC" fmt "members/jo example.form" && git add "members/jo example.form"
        if git commit -q -m first >"$tmp/hook.out" 2>&1; then
            echo "pass e2e/fmt/pre-commit-hook/accepts-formatted"
        else
            echo "FAIL e2e/fmt/pre-commit-hook/accepts-formatted: $(head -c 300 "$tmp/hook.out")"
        fi
    )
fi
