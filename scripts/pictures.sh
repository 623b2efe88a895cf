#!/bin/sh
# Renders the example group and turns one page of each kind of document
# into a small PNG for the README: docs/pictures/report.png (the report's
# page with the Cyclical Relational Pattern), letter.png (the letter's
# first page) and summary.png (the summary's first page: the group and its
# members).
# The same formc, fonts and poppler give the same pictures.
# Usage: scripts/pictures.sh PATH/TO/formc [RESOLUTION]   (default 50 dpi)
set -eu
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dpi=${2:-50}
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/docs/pictures
tmp=$(mktemp -d "${TMPDIR:-/tmp}/formc-pictures.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$top"
FORMC_DATADIR=$top/templates SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1800000000} \
    "$formc" build -q examples/thursday.group -o "$tmp" 2>/dev/null
dir=$(ls -d "$tmp"/*/ | head -n 1)

# page PDF TEXT: the first page of PDF whose text holds TEXT (else 1)
page() {
    n=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
    p=1
    while [ "$p" -le "$n" ]; do
        pdftotext -f "$p" -l "$p" "$1" - | grep -q "$2" && { echo "$p"; return; }
        p=$((p + 1))
    done
    echo 1
}

# picture PDF PAGE NAME: that page as docs/pictures/NAME.png
picture() {
    pdftoppm -png -r "$dpi" -f "$2" -l "$2" -singlefile "$1" "$tmp/$3"
    mkdir -p "$out"
    mv "$tmp/$3.png" "$out/$3.png"
    echo "docs/pictures/$3.png: page $2 of $(basename "$1"), $(wc -c < "$out/$3.png") bytes"
}

report=$dir/ada-report.pdf
picture "$report" "$(page "$report" 'Cyclical Relational Pattern')" report
picture "$dir/ada-letter.pdf" 1 letter
picture "$(ls "$dir"/*-summary.pdf | head -n 1)" 1 summary
