#!/bin/sh
# layers.sh — the tree keeps its layers (docs/architecture.md): a file may
# include a header of its own layer or of a layer below, never above.
# From the bottom:
#   runtime/base < runtime/{template,layout,figures} < compiler/front
#   < compiler/{score,import,format} < compiler/documents < compiler/build
#   < compiler/cli
# A new folder gets its place here (an include of a folder not named is a
# failure). Prints one "pass NAME" or "FAIL NAME: why" line per layer.

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1

rank() {
    case "$1" in
        base) echo 0 ;;
        template|layout|figures) echo 1 ;;
        front) echo 2 ;;
        score|import|format) echo 3 ;;
        documents) echo 4 ;;
        build) echo 5 ;;
        cli) echo 6 ;;
        *) echo unknown ;;
    esac
}

for dir in runtime/base runtime/template runtime/layout runtime/figures compiler/front compiler/score \
           compiler/import compiler/format compiler/documents compiler/build compiler/cli; do
    [ -d "$dir" ] || continue
    layer=${dir#*/}
    mine=$(rank "$layer")
    up=""
    for f in "$dir"/*.c "$dir"/*.h; do
        [ -f "$f" ] || continue
        for inc in $(sed -n 's/^#include "\([a-z_]*\)\/[a-z_0-9]*\.h".*/\1/p' "$f" | sort -u); do
            theirs=$(rank "$inc")
            if [ "$theirs" = unknown ] || [ "$theirs" -gt "$mine" ]; then up="$up $f->$inc"; fi
        done
    done
    if [ -z "$up" ]; then echo "pass e2e/layers/$layer"
    else echo "FAIL e2e/layers/$layer: includes from a layer above (or unknown):$up"; fi
done

# No circles between files: a file (its .c and its .h together) that
# includes another's header depends on it; tsort finds any loop. The
# layout's doc.h, shared by the files of runtime/layout, belongs to doc.c.
for f in compiler/*/*.[ch] runtime/*/*.[ch]; do
    mod=${f%.*}
    for h in $(sed -n 's/^#include "\([a-z_]*\/[a-z_0-9]*\)\.h".*/\1/p' "$f" | sort -u); do
        for dep in "compiler/$h" "runtime/$h"; do
            [ -f "$dep.c" ] && [ "$dep" != "$mod" ] && echo "$dep $mod"
        done
    done
done >"${TMPDIR:-/tmp}/formc-layers.$$"
loops=$(tsort "${TMPDIR:-/tmp}/formc-layers.$$" 2>&1 >/dev/null | grep -v 'input contains a loop' | tr -s ' \n' ' ')
rm -f "${TMPDIR:-/tmp}/formc-layers.$$"
if [ -z "$loops" ]; then echo "pass e2e/layers/no-circles"
else echo "FAIL e2e/layers/no-circles: files that include each other in a circle:$loops"; fi
