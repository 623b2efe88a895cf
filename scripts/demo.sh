#!/bin/sh
# Renders the example group: checks it, then writes every member's report
# and letter into out/thu-w27/. Usage: scripts/demo.sh PATH/TO/formc
set -eu
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/out/thu-w27"
mkdir -p "$out"
echo "== formc check examples/thursday.group"
"$formc" check "$top/examples/thursday.group" || [ $? -eq 0 ]
for member in "$top"/examples/members/*.form; do
    name=$(basename "$member" .form)
    "$formc" report -o "$out/$name-report.pdf" "$member" 2>/dev/null
    "$formc" letter -o "$out/$name-letter.pdf" "$member" 2>/dev/null
    echo "   $out/$name-report.pdf, $name-letter.pdf"
done
echo "Done: the example group's documents are in out/thu-w27/."
