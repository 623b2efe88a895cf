# continued.sh — a figure split between pages, as a reader and a screen
# reader meet it: for the end-to-end tests of the documents whose charts
# go on over a page (summary.sh, report.sh). Sourced after lib/common.sh.

# captions PDF CAPTION: how many Captions of text CAPTION the structure tree
# of PDF holds whose parent is a Figure (pdfinfo prints the tree two spaces
# further in for each level down)
captions() {
    pdfinfo -struct-text "$1" 2>/dev/null | awk -v cap="$2" '
        { match($0, /^ */); depth = RLENGTH; at[depth] = $0 }
        /^ *Caption/ { parent = at[depth - 2]; open = 1; next }
        open && index($0, "\"" cap "\"") { if (parent ~ /^ *Figure/) n++; open = 0 }
        END { print n + 0 }'
}

# continued PDF PAGE CAPTION: empty when page PAGE of PDF opens with the line
# CAPTION, which no page before it holds, and CAPTION is the text of a
# Caption of a Figure; else what is wrong
continued() {
    # the page below its running header (the text starts 78 points down)
    opens=$(pdftotext -f "$2" -l "$2" -x 0 -y 70 -W 700 -H 800 "$1" - 2>/dev/null | grep -v '^$' | head -n 1)
    before=$(pdftotext -l $(($2 - 1)) "$1" - 2>/dev/null | grep -cxF -- "$3")
    [ "$opens" = "$3" ] || printf 'page %s opens with "%s" ' "$2" "$opens"
    [ "$before" -eq 0 ] || printf '"%s" before page %s ' "$3" "$2"
    [ "$(captions "$1" "$3")" -eq 1 ] || printf 'no Caption "%s" in a Figure' "$3"
}
