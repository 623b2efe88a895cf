#!/bin/sh
# files.sh — end-to-end tests of how formc treats files, for every command
# that reads or writes them: only regular files are read (not devices,
# FIFOs or folders), whether named on the command line, by --instruments or
# --templates, by an include or as a logo; documents are written whole or
# not at all, mode 0600, never onto a file formc read and never through a
# symbolic link; a full disk (a file size limit, a tiny tmpfs) and a
# read-only folder give a clear error and leave no file behind.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=files
. "$(dirname "$0")/lib/common.sh"
mounted=""
cleanup() {
    for m in $mounted; do umount "$m" 2>/dev/null; done
    chmod -R u+w "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM
skip() { echo "skip e2e/files/$1: $2"; }

RUN_TIMEOUT=120

# no_leftovers NAME DIR: no temporary file (.NAME.XXXXXX) is left in DIR
no_leftovers() {
    left=$(find "$2" -maxdepth 1 -name '.*.pdf.*' 2>/dev/null | head -n 1)
    if [ -n "$left" ]; then fail "$1" "temporary file left: $left"; else pass "$1"; fi
}

cp -R "$top/examples" "$tmp/ex" || exit 1
cd "$tmp/ex" || exit 1
ada=members/ada.form
mkdir adir
mkfifo fifo.form 2>/dev/null || skip fifo "mkfifo failed"

# ---- only regular files are read -------------------------------------------
for cmd in check scores report letter summary; do
    run $cmd /dev/zero
    expect "$cmd/dev-zero" 2 "/dev/zero: error: is not a regular file"
    run $cmd adir
    expect "$cmd/directory" 2 "adir: error: is a directory"
    if [ -p fifo.form ]; then
        run $cmd fifo.form
        expect "$cmd/fifo" 2 "fifo.form: error: is not a regular file"
    fi
done
for what in /dev/zero adir fifo.form; do
    [ -e "$what" ] || continue
    run report --instruments "$what" $ada -o inst.pdf
    expect "instruments/$(basename "$what")" 2 "cannot read the instrument file"
    [ ! -e inst.pdf ] && pass "instruments/$(basename "$what")/nothing-written" ||
        fail "instruments/$(basename "$what")/nothing-written" "inst.pdf exists"
done

# a template folder whose letter template is a FIFO or a folder: refused at once
mkdir tfifo tdir tdir/letter.en.tmpl
[ -p fifo.form ] && mkfifo tfifo/letter.en.tmpl
if [ -p tfifo/letter.en.tmpl ]; then
    run letter $ada --templates tfifo -o t.pdf
    expect templates/fifo 1 "letter.en.tmpl: error: is not a regular file"
fi
run letter $ada --templates tdir -o t.pdf
expect templates/directory 1 "letter.en.tmpl: error: is a directory"
[ ! -e t.pdf ] && pass templates/nothing-written || fail templates/nothing-written "t.pdf exists"

# a logo that is a FIFO or a device: an error at the logo, no hang
if [ -p fifo.form ]; then
    sed 's|^    logo "logo.png".*|    logo "fifo.form"|' clinic.form > clinic-fifo.form
    printf 'include "clinic-fifo.form"\n' > logo-fifo.group
    run check logo-fifo.group
    expect logo/fifo 1 "the logo fifo.form is not a regular file"
fi
sed 's|^    logo "logo.png".*|    logo "/dev/zero"|' clinic.form > clinic-zero.form
printf 'include "clinic-zero.form"\n' > logo-zero.group
run check logo-zero.group
expect logo/dev-zero 1 "the logo /dev/zero is not a regular file"

# ---- outputs: 0600, atomic, never onto an input, never through a link ------
umask 022
for cmd in report letter summary; do
    src=$ada
    [ $cmd = summary ] && src=thursday.group
    rm -f out-$cmd.pdf
    run $cmd $src -o out-$cmd.pdf
    mode=$(stat -c %a out-$cmd.pdf 2>/dev/null)
    if [ "$rc" -eq 0 ] && [ "$mode" = 600 ]; then pass "$cmd/mode-0600"; else fail "$cmd/mode-0600" "exit $rc, mode $mode"; fi
    # an existing output is replaced by a new file, never rewritten in place
    ino=$(stat -c %i out-$cmd.pdf)
    chmod 644 out-$cmd.pdf
    run $cmd $src -o out-$cmd.pdf
    if [ "$rc" -eq 0 ] && [ "$(stat -c %i out-$cmd.pdf)" != "$ino" ] && [ "$(stat -c %a out-$cmd.pdf)" = 600 ]; then
        pass "$cmd/replaced-atomically"
    else
        fail "$cmd/replaced-atomically" "exit $rc, inode $ino -> $(stat -c %i out-$cmd.pdf)"
    fi
    # never onto a file it read: the file itself, the group, the clinic
    # include, an instrument file, a template
    cp "$FORMC_DATADIR/instruments.form" clinic-instruments.form
    for input in $src thursday.group clinic.form clinic-instruments.form; do
        cp "$input" before
        run $cmd --instruments clinic-instruments.form $src -o "$input"
        if [ "$rc" -eq 2 ] && grep -q "it is the input file" "$tmp/err" && cmp -s before "$input"; then
            pass "$cmd/not-onto/$input"
        else
            fail "$cmd/not-onto/$input" "exit $rc: $(head -c 200 "$tmp/err")"
        fi
    done
    # ... also under another name: a hard link, a path through ..
    ln -f thursday.group hard.group
    cp thursday.group before
    run $cmd $src -o hard.group
    [ "$rc" -eq 2 ] && cmp -s before thursday.group && pass "$cmd/not-onto-hard-link" ||
        fail "$cmd/not-onto-hard-link" "exit $rc"
    run $cmd $src -o members/../clinic.form
    [ "$rc" -eq 2 ] && grep -q "it is the input file" "$tmp/err" && pass "$cmd/not-onto-dotdot" ||
        fail "$cmd/not-onto-dotdot" "exit $rc"
    # never onto a file of another kind it did not read, which replacing
    # would lose: a formulation outside the group (a slip of -o), notes
    sed 's/"P-0201"/"P-0999"/' members/ada.form > other.form
    printf 'notes\n' > notes.txt
    for other in other.form notes.txt; do
        cp "$other" before
        run $cmd $src -o "$other"
        if [ "$rc" -eq 2 ] && grep -q "refusing to write '$other': it is not a PDF document" "$tmp/err" &&
           cmp -s before "$other"; then pass "$cmd/not-onto-other-kind/$other"
        else fail "$cmd/not-onto-other-kind/$other" "exit $rc: $(head -c 200 "$tmp/err")"; fi
    done
    # never through a symbolic link, even a dangling one
    echo precious > precious.txt
    ln -sf precious.txt link.pdf
    run $cmd $src -o link.pdf
    if [ "$rc" -eq 2 ] && grep -q "symbolic link" "$tmp/err" && [ "$(cat precious.txt)" = precious ] && [ -L link.pdf ]; then
        pass "$cmd/not-through-symlink"
    else
        fail "$cmd/not-through-symlink" "exit $rc: $(head -c 200 "$tmp/err")"
    fi
    ln -sf nowhere.pdf dangling.pdf
    run $cmd $src -o dangling.pdf
    [ "$rc" -eq 2 ] && [ ! -e nowhere.pdf ] && pass "$cmd/not-through-dangling-symlink" ||
        fail "$cmd/not-through-dangling-symlink" "exit $rc"
    # onto a folder or a device
    run $cmd $src -o adir
    expect "$cmd/not-onto-directory" 2 "not a regular file"
    run $cmd $src -o /dev/null
    expect "$cmd/not-onto-device" 2 "not a regular file"
    no_leftovers "$cmd/no-temporary-files" .
done
# a template the letter read is an input too
mkdir own
cp "$FORMC_DATADIR/letter.en.tmpl" own/
cp own/letter.en.tmpl before
run letter $ada --templates own -o own/letter.en.tmpl
[ "$rc" -eq 2 ] && cmp -s before own/letter.en.tmpl && pass letter/not-onto-template ||
    fail letter/not-onto-template "exit $rc: $(head -c 200 "$tmp/err")"

# ---- a full disk: a file size limit -----------------------------------------
# SIGXFSZ is ignored by formc, so the write fails with EFBIG and is reported
mkdir full
for cmd in report letter summary; do
    src=$ada
    [ $cmd = summary ] && src=thursday.group
    rc=$( (ulimit -f 8; timeout 120 "$FORMC" $cmd $src -o full/$cmd.pdf >/dev/null 2>"$tmp/err"; echo $?) )
    expect "$cmd/file-size-limit" 2 "cannot write 'full/$cmd.pdf': File too large"
    [ ! -e full/$cmd.pdf ] && pass "$cmd/file-size-limit/nothing-written" ||
        fail "$cmd/file-size-limit/nothing-written" "full/$cmd.pdf exists"
done
# formc build says it once, naming the folder and how many documents were
# not written, where it said it for each of the eleven documents
rc=$( (ulimit -f 8; timeout 300 "$FORMC" build -q thursday.group -o full/out >/dev/null 2>"$tmp/err"; echo $?) )
expect build/file-size-limit 2 "formc: error: cannot write in 'full/out/thu-w26': File too large (the limit on a file's size, ulimit -f); 11 documents were not written there"
[ "$(grep -c 'error:' "$tmp/err")" -eq 1 ] && [ -z "$(ls full/out/thu-w26)" ] && pass build/file-size-limit/said-once ||
    fail build/file-size-limit/said-once "$(grep 'error:' "$tmp/err" | head -n 3)"
no_leftovers file-size-limit/no-temporary-files full

# ---- a full disk: a 16 KiB tmpfs (root only) ---------------------------------
mkdir tiny
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=16k formc-test-tiny tiny 2>/dev/null; then
    mounted="$mounted $tmp/ex/tiny"
    for cmd in report letter summary; do
        src=$ada
        [ $cmd = summary ] && src=thursday.group
        run $cmd $src -o tiny/$cmd.pdf
        expect "$cmd/tiny-tmpfs" 2 "cannot write 'tiny/$cmd.pdf': No space left on device"
        [ ! -e tiny/$cmd.pdf ] && pass "$cmd/tiny-tmpfs/nothing-written" ||
            fail "$cmd/tiny-tmpfs/nothing-written" "tiny/$cmd.pdf exists"
    done
    no_leftovers tiny-tmpfs/no-temporary-files tiny
    umount tiny
else
    skip tiny-tmpfs "needs root and mount -t tmpfs"
fi

# ---- a read-only output folder ------------------------------------------------
# Not root: chmod 555. Root ignores permissions, so a read-only tmpfs stands in.
mkdir ro
ro_kind=""
if [ "$(id -u)" -ne 0 ]; then
    chmod 555 ro && ro_kind=chmod
elif mount -t tmpfs -o ro,size=64k formc-test-ro ro 2>/dev/null; then
    mounted="$mounted $tmp/ex/ro"
    ro_kind=mount
fi
if [ -n "$ro_kind" ]; then
    for cmd in report letter summary; do
        src=$ada
        [ $cmd = summary ] && src=thursday.group
        run $cmd $src -o ro/$cmd.pdf
        expect "$cmd/read-only-folder" 2 "cannot create a temporary file for 'ro/$cmd.pdf'"
        [ ! -e ro/$cmd.pdf ] && pass "$cmd/read-only-folder/nothing-written" ||
            fail "$cmd/read-only-folder/nothing-written" "ro/$cmd.pdf exists"
    done
    [ "$ro_kind" = mount ] && umount ro
else
    skip read-only-folder "root without mount -t tmpfs: permissions do not stop root"
fi

# ---- a text output replaces only a file of its own kind ---------------------
# formc norms -o and formc outcomes --csv write text, which has no %PDF-:
# they replace only an empty file or one that starts as they write it (the
# norms file's first line, the export's header), never a formulation, a
# group file, notes or a file the command read
sed 's/"P-0201"/"P-0999"/' members/ada.form > other.form
printf 'notes\n' > notes.txt
: > empty.txt
for out in norms outcomes; do
    case $out in norms) opt=-o; what="a norms file of formc norms" ;; outcomes) opt=--csv; what="a CSV export of formc" ;; esac
    for other in other.form notes.txt tuesday.group; do
        cp "$other" before
        run $out thursday.group $opt "$other"
        if [ "$rc" -eq 2 ] && grep -qF "refusing to write '$other': it is not $what" "$tmp/err" &&
           cmp -s before "$other"; then pass "$out/not-onto-other-kind/$other"
        else fail "$out/not-onto-other-kind/$other" "exit $rc: $(head -c 200 "$tmp/err")"; fi
    done
    for input in thursday.group members/kai.form clinic.form; do
        cp "$input" before
        run $out thursday.group $opt "$input"
        if [ "$rc" -eq 2 ] && grep -q "it is the input file" "$tmp/err" && cmp -s before "$input"; then
            pass "$out/not-onto-input/$input"
        else fail "$out/not-onto-input/$input" "exit $rc: $(head -c 200 "$tmp/err")"; fi
    done
    # its own kind, and an empty file, are replaced
    run $out thursday.group $opt "$out.txt"
    cp "$out.txt" first
    printf 'an earlier run\n' >> "$out.txt"
    run $out thursday.group $opt "$out.txt"
    [ "$rc" -ne 2 ] && cmp -s first "$out.txt" && pass "$out/onto-own-kind" ||
        fail "$out/onto-own-kind" "exit $rc: $(head -c 200 "$tmp/err")"
    run $out thursday.group $opt empty.txt
    [ "$rc" -ne 2 ] && cmp -s first empty.txt && pass "$out/onto-empty" ||
        fail "$out/onto-empty" "exit $rc: $(head -c 200 "$tmp/err")"
    : > empty.txt
done
rm -f other.form notes.txt empty.txt norms.txt outcomes.txt first before

# ---- -o -: the PDF to standard output ----------------------------------------
# the same bytes as the file, no file named '-', nothing on an error, never
# onto a terminal, and not beside another output to standard output
for cmd in report letter summary outcomes; do
    src=$ada
    case $cmd in summary|outcomes) src=thursday.group ;; esac
    run $cmd $src -o "$cmd-file.pdf"
    file_rc=$rc
    timeout 120 "$FORMC" $cmd $src -o - >"$tmp/stdout.pdf" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 0 ] && [ "$file_rc" -eq 0 ] && cmp -s "$tmp/stdout.pdf" "$cmd-file.pdf" && [ ! -e - ]; then
        pass "$cmd/stdout/same-bytes"
    else
        fail "$cmd/stdout/same-bytes" "exit $rc (file: $file_rc), '-' exists: $([ -e - ] && echo yes || echo no); $(head -c 200 "$tmp/err")"
    fi
    rm -f -- - "$cmd-file.pdf"
done
printf 'patient "Broken" {\n' > broken.form
timeout 120 "$FORMC" report broken.form -o - >"$tmp/stdout.pdf" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -s "$tmp/stdout.pdf" ]; then pass "report/stdout/nothing-on-error"
else fail "report/stdout/nothing-on-error" "exit $rc, $(wc -c < "$tmp/stdout.pdf") bytes written"; fi
# standard output opened onto an input (>> ada.form) is refused as -o ada.form is
cp "$ada" onto.form
cp onto.form onto.orig
timeout 120 "$FORMC" report onto.form -o - >>onto.form 2>"$tmp/err"
rc=$?
expect "report/stdout-onto-input-refused" 2 "it is the input file"
cmp -s onto.form onto.orig && pass "report/stdout-onto-input-refused/input-kept" ||
    fail "report/stdout-onto-input-refused/input-kept" "onto.form was changed"
rm -f onto.form onto.orig
run build thursday.group -o -
expect "build/stdout-refused" 2 "-o names the folder the documents go in"
[ ! -e - ] && pass "build/stdout-refused/no-folder" || fail "build/stdout-refused/no-folder" "'-' was made"
run outcomes thursday.group -o - --json
expect "outcomes/stdout-twice-refused" 2 "-o - and --json would both write to standard output"
if script -qec true /dev/null >/dev/null 2>&1; then
    # script(1) gives formc a terminal as its standard output
    timeout 120 script -qec "\"$FORMC\" report $ada -o -" /dev/null >"$tmp/tty" 2>&1
    rc=$?
    if [ "$rc" -eq 2 ] && grep -q "which is a terminal" "$tmp/tty" && ! grep -q "%PDF" "$tmp/tty" && [ ! -e - ]; then
        pass "report/stdout/terminal-refused"
    else
        fail "report/stdout/terminal-refused" "exit $rc: $(head -c 300 "$tmp/tty")"
    fi
else
    skip "report/stdout/terminal-refused" "script(1) cannot give formc a terminal here"
fi
