#!/bin/sh
# Writes a synthetic but valid instrument file of about SIZE_MB megabytes
# to stdout: many instruments, each with scales, ranges and sourced norms,
# so the scanner, parser and checker all do real work.
# Usage: bench/gen.sh SIZE_MB
awk -v mb="${1:-8}" 'BEGIN {
    target = mb * 1024 * 1024; bytes = 0; i = 0
    while (bytes < target) {
        s = sprintf("# synthetic instrument %d\ninstrument bench%d \"Synthetic measure %d\" {\n", i, i, i)
        for (j = 0; j < 6; j++) {
            s = s sprintf("    scale s%d \"Synthetic scale %d of measure %d, with a longer title\" {\n", j, j, i)
            s = s "        range 0 100\n        higher worse\n        items 12\n"
            s = s "        reliability 0.85 source \"Synthetic source for benchmarking only\"\n"
            s = s sprintf("        norm community mean %d.5 sd 11.25 n 400 sample \"\"\"a \"synthetic\" sample,\n            folded across lines\"\"\" source \"Synthetic norms\"\n", 40 + j)
            s = s "        norm clinical mean 71.5 sd 12.75 n 120 source \"Synthetic norms\"\n    }\n"
        }
        s = s "}\n"
        printf "%s", s
        bytes += length(s); i++
    }
}'
