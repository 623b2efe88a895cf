#!/bin/sh
# parity.sh — a clean `formc check` is a promise that `formc build` works:
# for every one-line deletion of the example group file, its clinic file
# and one member's formulation, `formc check GROUP` exits 0 exactly when
# `formc build GROUP` succeeds (and neither crashes nor stops on a system
# error). Prints one "pass NAME" or "FAIL NAME: why" line per file, listing
# the lines where the two disagree, and the time the whole test took.
#
# Every deletion is checked and built; what is shared is only what formc
# build itself shares between runs. The deletions are taken in two lanes
# side by side, each with its own copy of the example and its own output
# folder, built once in full at the start; from then on each build is
# incremental, as formc build decides from the files' times: a deleted
# line replaces its file, so the documents made from it are made again,
# and those of the other members are up to date.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=parity
. "$(dirname "$0")/lib/common.sh"

FILES="thursday.group clinic.form members/ada.form"
LANES=2
start=$(date +%s)

# lane K: the deletions whose line number is K modulo LANES, in the copy
# $tmp/K; writes "FILE LINE(why)" for each disagreement to $tmp/K.out,
# and $tmp/K.done once it has been through them all
lane() {
    k=$1 dir=$tmp/$1
    cp -R "$top/examples" "$dir" || exit 1
    cd "$dir" || exit 1
    : > "$tmp/$k.out"
    timeout 120 "$FORMC" build thursday.group -o "$dir.built" -j1 --quiet >/dev/null 2>&1
    for file in $FILES; do
        cp "$file" "$dir.original"
        n=$(wc -l < "$dir.original")
        i=$((k + 1))
        while [ "$i" -le "$n" ]; do
            # a new file in its place, so its time changes and build sees it
            sed "${i}d" "$dir.original" > "$dir.variant" && mv "$dir.variant" "$file"
            timeout 60 "$FORMC" check thursday.group >/dev/null 2>"$dir.check.err"
            check=$?
            timeout 120 "$FORMC" build thursday.group -o "$dir.built" -j1 --quiet >/dev/null 2>"$dir.build.err"
            build=$?
            if [ "$check" -gt 1 ] || [ "$build" -gt 1 ]; then
                echo "$file $i(check $check, build $build: $(head -c 200 "$dir.check.err") $(head -c 200 "$dir.build.err"))" >> "$tmp/$k.out"
            elif { [ "$check" -eq 0 ] && [ "$build" -ne 0 ]; } || { [ "$check" -ne 0 ] && [ "$build" -eq 0 ]; }; then
                echo "$file $i(check $check, build $build)" >> "$tmp/$k.out"
            fi
            i=$((i + LANES))
        done
        cp "$dir.original" "$file"
    done
    : > "$tmp/$k.done"
}

k=0
while [ "$k" -lt "$LANES" ]; do
    lane "$k" &
    k=$((k + 1))
done
wait

k=0
while [ "$k" -lt "$LANES" ]; do
    [ -e "$tmp/$k.done" ] || fail "lane-$k" "stopped before it had checked and built every deletion"
    k=$((k + 1))
done
for file in $FILES; do
    lines=$(wc -l < "$top/examples/$file")
    disagree=$(cat "$tmp"/*.out | grep "^$file " | cut -d' ' -f2- | sort -n | tr '\n' ' ')
    if [ -z "$disagree" ]; then pass "$file ($lines deletions)"
    else fail "$file" "check and build disagree after deleting line $disagree"; fi
done
echo "parity: $(( $(date +%s) - start )) s" >&2
