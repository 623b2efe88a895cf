#!/bin/sh
# bytes.sh — the example group's documents are byte-identical to the
# checksums in tests/bytes/examples.sha256, with SOURCE_DATE_EPOCH fixed.
# A change meant only to move code (a refactoring) must keep them equal; a
# change meant to alter a document updates them on purpose with
#   sh tests/e2e/bytes.sh --update
# and says so in its commit. PDF bytes also depend on the fonts and on the
# versions of Cairo, Pango, HarfBuzz, FreeType, fontconfig and zlib,
# so the checksums record those versions; on a machine with other versions
# the test says "skip" instead of comparing.
# Prints one "pass NAME" or "FAIL NAME: why" line per document.
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${FORMC:=$top/build/formc}"
FORMC_DATADIR=$top/templates SOURCE_DATE_EPOCH=1800000000 NO_COLOR=1
export FORMC_DATADIR SOURCE_DATE_EPOCH NO_COLOR
sums=$top/tests/bytes/examples.sha256
tmp=$(mktemp -d "${TMPDIR:-/tmp}/formc-bytes.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 1' INT TERM

# versions: one line per library and font package the bytes depend on
versions() {
    for p in libcairo2 libpango-1.0-0 libharfbuzz0b libfreetype6 libfontconfig1 \
             zlib1g libhyphen0 hyphen-en-us hyphen-fr fonts-noto-core \
             fonts-dejavu-core fonts-wqy-microhei; do
        printf '# %s %s\n' "$p" "$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || echo none)"
    done
}

# render: every document of the example group, plain and de-identified
render() {
    timeout 300 "$FORMC" build -q examples/thursday.group -o "$tmp/out" 2>/dev/null &&
    timeout 300 "$FORMC" build -q --redact examples/thursday.group -o "$tmp/out" 2>/dev/null
}

cd "$top" || exit 1
if [ "${1:-}" = "--update" ]; then
    render || { echo "bytes.sh: the example group does not build" >&2; exit 1; }
    { versions; (cd "$tmp/out" && find . -name '*.pdf' | LC_ALL=C sort | xargs sha256sum); } > "$sums"
    echo "bytes.sh: wrote $sums"
    exit 0
fi
if [ "$(versions)" != "$(grep '^# ' "$sums")" ]; then
    echo "skip e2e/bytes: the libraries or fonts differ from those in tests/bytes/examples.sha256"
    exit 0
fi
if ! render; then
    echo "FAIL e2e/bytes/render: the example group does not build"
    exit 0
fi
grep -v '^# ' "$sums" | while read -r sum name; do
    if [ ! -f "$tmp/out/$name" ]; then
        echo "FAIL e2e/bytes/${name#./}: not written"
    elif [ "$(sha256sum < "$tmp/out/$name" | cut -d' ' -f1)" = "$sum" ]; then
        echo "pass e2e/bytes/${name#./}"
    else
        echo "FAIL e2e/bytes/${name#./}: the bytes differ (sh tests/e2e/bytes.sh --update after a change meant to alter documents)"
    fi
done
extra=$(cd "$tmp/out" && find . -name '*.pdf' | LC_ALL=C sort | while read -r f; do
    grep -q " $f\$" "$sums" || printf '%s ' "$f"; done)
[ -z "$extra" ] && echo "pass e2e/bytes/no-other-documents" ||
    echo "FAIL e2e/bytes/no-other-documents: not in the checksums: $extra"
