#!/bin/sh
# fontcache.sh — the font cache (runtime/layout/fontcache.h) changes no
# document: the example group's documents are the same bytes built with no
# cache (which writes it), with it, with a cache that is garbage (which is
# rewritten) and where no cache can be written; the cache is private to
# its user and a run says nothing about it. The fonts chosen do not depend
# on the user's locale either: the same bytes under another LANG.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=fontcache
. "$(dirname "$0")/lib/common.sh"

cache=$tmp/cache/formc/fonts
# build NAME: the example group into $tmp/NAME, the cache under $tmp/cache
# (XDG_CACHE_HOME may be changed by the caller); stderr in $tmp/NAME.err
build() {
    XDG_CACHE_HOME=${XDG:-$tmp/cache} timeout 120 "$FORMC" build -q "$top/examples/thursday.group" \
        -o "$tmp/$1" 2>"$tmp/$1.err"
}
# same NAME: the documents of $tmp/NAME are those of $tmp/cold
same() {
    (cd "$tmp/cold" && find . -name '*.pdf' | sort) >"$tmp/list.cold"
    (cd "$tmp/$1" && find . -name '*.pdf' | sort) >"$tmp/list.$1"
    cmp -s "$tmp/list.cold" "$tmp/list.$1" || return 1
    while read -r f; do cmp -s "$tmp/cold/$f" "$tmp/$1/$f" || return 1; done <"$tmp/list.cold"
}

if build cold && [ -s "$cache" ]; then pass writes-the-cache
else fail writes-the-cache "no cache at $cache after a build"; fi
mode=$(stat -c %a "$cache" 2>/dev/null)
[ "$mode" = 600 ] && pass cache-is-private || fail cache-is-private "mode $mode"
! grep -qi '^formc:.*\(cache\|font\)' "$tmp/cold.err" && pass says-nothing-of-it ||
    fail says-nothing-of-it "$(grep -i '^formc:.*\(cache\|font\)' "$tmp/cold.err" | head -3)"

if build warm && same warm; then pass same-documents-with-the-cache
else fail same-documents-with-the-cache "the documents differ from those built without it"; fi

printf 'formc font cache 2, fontconfig 0\nnot a pattern\n' >"$cache"
if build garbage && same garbage; then pass same-documents-over-a-garbage-cache
else fail same-documents-over-a-garbage-cache "the documents differ"; fi
grep -q '^end ' "$cache" && pass rewrites-a-garbage-cache || fail rewrites-a-garbage-cache "it was left"

: >"$tmp/plain"
if XDG=$tmp/plain build unwritable && same unwritable && cmp -s "$tmp/cold.err" "$tmp/unwritable.err"; then
    pass same-documents-where-no-cache-can-be-written
else fail same-documents-where-no-cache-can-be-written "the documents differ, or it said more: $(diff "$tmp/cold.err" "$tmp/unwritable.err" | head -3)"; fi

if LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 LANGUAGE=fr build french && same french; then
    pass same-documents-in-another-locale
else fail same-documents-in-another-locale "the documents differ under LANG=fr_FR.UTF-8"; fi
