#!/bin/sh
# caches.sh — what formc keeps between runs besides the fonts
# (fontcache.sh): the hyphenation automaton (runtime/layout/hyphcache.h)
# and the logo's PDF objects (runtime/layout/imagecache.h) change no
# document. Two example members' reports, one in English and
# one in French, are the same bytes made with no cache (which writes
# it), with it, and over a cache that is damaged, cut short, stale (made
# for another file), writable by others, another user's, or a named pipe
# (never waited on). A cache formc could have written is written again
# whole; anything else there (another's, a pipe) is left alone. The cache
# is private to its user and a run says nothing about it.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=caches
. "$(dirname "$0")/lib/common.sh"

cache=$tmp/cache/formc
# make NAME: the two documents into $tmp/NAME, the cache under $tmp/cache;
# stderr in $tmp/NAME.err
make_docs() {
    mkdir -p "$tmp/$1"
    XDG_CACHE_HOME=$tmp/cache timeout 60 "$FORMC" report "$top/examples/members/ada.form" \
        -o "$tmp/$1/report.pdf" 2>"$tmp/$1.err" &&
    XDG_CACHE_HOME=$tmp/cache timeout 60 "$FORMC" report "$top/examples/members/zoe.form" \
        -o "$tmp/$1/french.pdf" 2>>"$tmp/$1.err"
}
# same NAME: the documents of $tmp/NAME are those of $tmp/cold
same() {
    cmp -s "$tmp/cold/report.pdf" "$tmp/$1/report.pdf" &&
        cmp -s "$tmp/cold/french.pdf" "$tmp/$1/french.pdf"
}

make_docs cold
image=images/$(ls "$cache/images" 2>/dev/null | head -n 1)
if [ -s "$cache/hyphenation/hyph_en_US.dic" ] && [ -s "$cache/hyphenation/hyph_fr.dic" ] &&
   [ "$(ls "$cache/images" | wc -l)" = 1 ] && [ -s "$cache/$image" ]; then pass writes-the-caches
else fail writes-the-caches "$(ls -R "$cache" 2>&1 | head -5)"; fi
for f in hyphenation/hyph_en_US.dic hyphenation/hyph_fr.dic "$image"; do
    mode=$(stat -c %a "$cache/$f" 2>/dev/null)
    [ "$mode" = 600 ] && pass "private:$f" || fail "private:$f" "mode $mode"
done
! grep -qi '^formc:.*\(cache\|hyphen\)' "$tmp/cold.err" && pass says-nothing-of-them ||
    fail says-nothing-of-them "$(grep -i '^formc:.*\(cache\|hyphen\)' "$tmp/cold.err" | head -3)"
if make_docs warm && same warm && cmp -s "$tmp/cold.err" "$tmp/warm.err"; then
    pass same-documents-with-the-caches
else fail same-documents-with-the-caches "the documents or messages differ"; fi

# spoil HOW FILE: the cache FILE damaged one way
spoil() {
    spoilt=$cache/$2
    size=$(stat -c %s "$spoilt")
    case $1 in
    damaged)   printf 'X' | dd of="$spoilt" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null ;;
    truncated) truncate -s $((size * 2 / 3)) "$spoilt" ;;
    stale)     sed -i '2s/^\([a-z]*\) ./\1 x/' "$spoilt" ;;
    others)    chmod 0620 "$spoilt" ;;
    another)   chown 65534 "$spoilt" ;;
    pipe)      rm -f "$spoilt"; mkfifo "$spoilt" ;;
    esac
}
for f in hyphenation/hyph_en_US.dic "$image"; do
    for how in damaged truncated stale others another pipe; do
        [ "$how" = another ] && [ "$(id -u)" != 0 ] && continue
        cp "$cache/$f" "$tmp/kept"
        spoil "$how" "$f"
        if [ -f "$cache/$f" ] && cmp -s "$tmp/kept" "$cache/$f" && [ "$how" != others ] && [ "$how" != another ]; then
            fail "spoilt-$how:$f" "the cache was not changed"
        fi
        left=$(stat -c %F:%a:%u "$cache/$f")
        if make_docs "$how" && same "$how" && cmp -s "$tmp/cold.err" "$tmp/$how.err"; then
            pass "same-documents-over-a-$how-cache:$f"
        else fail "same-documents-over-a-$how-cache:$f" "the documents or messages differ"; fi
        case $how in
        others|another|pipe)
            [ "$(stat -c %F:%a:%u "$cache/$f")" = "$left" ] && pass "leaves-a-$how-cache:$f" ||
                fail "leaves-a-$how-cache:$f" "it was replaced"
            rm -f "$cache/$f"; cp "$tmp/kept" "$cache/$f" ;;
        *)
            [ "$(stat -c %a:%u "$cache/$f")" = "600:$(id -u)" ] && cmp -s "$tmp/kept" "$cache/$f" &&
                pass "rewrites-a-$how-cache:$f" ||
                fail "rewrites-a-$how-cache:$f" "it was not written again whole" ;;
        esac
    done
done
