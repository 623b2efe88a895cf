#!/bin/sh
# docs_examples.sh — the examples of formc's language that the documentation
# shows are read as a clinician would type them. In README.md,
# examples/README.md and docs/*.md, a block fenced as
#     ```formc          is read by `formc fmt` without a problem (a whole
#                       file or a part of one: the syntax is right);
#     ```formc check    is a whole file, checked with `formc check` in a
#                       folder that holds the example clinic (clinic.form,
#                       logo.png): no error (warnings are allowed).
# Checked as on 2026-06-01, so an example dated later than that (a score
# "from the future") fails here before it fails for a reader.
# Prints one "pass NAME" or "FAIL NAME: why" line per block, and fails when
# fewer blocks are found than the documentation holds today.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=docs
. "$(dirname "$0")/lib/common.sh"

SOURCE_DATE_EPOCH=1780272000   # 2026-06-01
export SOURCE_DATE_EPOCH
RUN_TIMEOUT=20

# Every block, one file each: $tmp/blocks/N.{syntax,check}, and its origin
# (FILE:LINE) as the first line of $tmp/blocks/N.where.
mkdir "$tmp/blocks"
(cd "$top" && for doc in README.md examples/README.md docs/*.md; do
    awk -v doc="$doc" -v out="$tmp/blocks" '
        BEGIN { n = 0 }
        inblock && /^[ \t]*```[ \t]*$/ { inblock = 0; close(file); next }
        inblock { print substr($0, indent + 1) > file; next }
        /^[ \t]*```formc( check)?[ \t]*$/ {
            indent = match($0, /```/) - 1
            kind = ($0 ~ /check/) ? "check" : "syntax"
            n++
            id = doc; gsub(/[^A-Za-z0-9]/, "_", id)
            file = out "/" id "_" n "." kind
            print doc ":" NR > (out "/" id "_" n ".where"); close(out "/" id "_" n ".where")
            printf "" > file
            inblock = 1
        }' "$doc"
done)

syntax=0
checked=0
for block in "$tmp"/blocks/*.syntax "$tmp"/blocks/*.check; do
    [ -f "$block" ] || continue
    where=$(cat "${block%.*}.where")
    run fmt --stdout - < "$block"
    if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ]; then pass "reads/$where"
    else fail "reads/$where" "exit $rc: $(head -c 300 "$tmp/err")"; fi
    case "$block" in *.syntax) syntax=$((syntax + 1)); continue ;; esac
    checked=$((checked + 1))
    dir="$tmp/check$checked"
    mkdir "$dir"
    cp "$top/examples/clinic.form" "$top/examples/logo.png" "$dir/"
    if grep -q '^import *{' "$block"; then name=example.map
    elif grep -q '^group .*{' "$block"; then name=example.group
    else name=example.form; fi
    cp "$block" "$dir/$name"
    RUN_IN=$dir run check "$name"
    if [ "$rc" -eq 0 ] && ! grep -q "error:" "$tmp/err"; then pass "checks/$where"
    else fail "checks/$where" "exit $rc: $(head -c 400 "$tmp/err")"; fi
done

# the documentation holds at least this many: a fence renamed by mistake
# must not turn the test into one that checks nothing
if [ "$syntax" -ge 12 ] && [ "$checked" -ge 8 ]; then pass "found-examples"
else fail "found-examples" "only $syntax examples read and $checked checked"; fi
