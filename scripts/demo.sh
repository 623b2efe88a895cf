#!/bin/sh
# Renders the example group: every member's report and letter, and the
# group summary, into out/thu-w26/ (with the diagnostics formc check would
# show). Usage: scripts/demo.sh PATH/TO/formc
set -eu
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
echo "== formc build examples/thursday.group -o out"
"$formc" build examples/thursday.group -o out
echo "Done: the example group's documents are in out/thu-w26/."
