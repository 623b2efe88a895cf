# formtext.sh — reading a field's text out of a .form file, for the
# end-to-end tests that look for a clinician's words in a document.
# Sourced after lib/common.sh.

# field FILE BLOCK NAME: the text of field NAME inside block BLOCK (BLOCK
# "-": a top-level statement such as goal), on one line
field() {
    awk -v blk="$2" -v fld="$3" '
    BEGIN { inblk = (blk == "-"); }
    done { next }
    !inblk && !infld && $0 ~ "^" blk "[ \t]*[{]" { inblk = 1; next }
    inblk && !infld && $0 ~ "^[ \t]*" fld "[ \t]+\"" {
        s = $0; sub("^[ \t]*" fld "[ \t]+", "", s)
        if (substr(s, 1, 3) == "\"\"\"") { q = "\"\"\""; s = substr(s, 4) }
        else { q = "\""; s = substr(s, 2) }
        infld = 1
    }
    infld {
        if (s == "") s = $0
        i = index(s, q)
        if (i) { text = text " " substr(s, 1, i - 1); done = 1; print text; next }
        text = text " " s; s = ""
        next
    }
    ' "$1"
}
