#!/bin/sh
# check_cli.sh — end-to-end tests of `formc check`: the examples, the options,
# exit statuses, and inputs that are not formulation text at all (missing
# files, directories, devices, binary bytes, deep nesting, huge files).
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC (the binary) and FORMC_DATADIR, as set by tests/run.sh.

SUITE=
. "$(dirname "$0")/lib/common.sh"

# run NAME ARGS...: runs formc with NO_COLOR=1 and a 20 s limit; sets $rc,
# and leaves stdout in $tmp/out and stderr in $tmp/err.
run() {
    NO_COLOR=1 timeout 20 "$FORMC" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# ---- the examples --------------------------------------------------------
# Every example checks with exit 0. Only a draft may warn, and only about
# itself; no example may have an error.
cd "$top/examples" || exit 1
drafts=$(grep -l '^status draft' members/*.form 2>/dev/null)
for f in *.group *.form members/*.form; do
    [ -f "$f" ] || continue
    run check "$f"
    if [ "$rc" -ne 0 ]; then
        fail "examples/$f" "exit $rc: $(head -c 300 "$tmp/err")"
        continue
    fi
    # every diagnostic heading must be a warning or note in a draft
    bad=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning|note):' "$tmp/err" | while IFS= read -r line; do
        file=${line%%:*}
        case " $(echo $drafts) " in
            *" $file "*) case "$line" in *": error:"*) echo "$line" ;; esac ;;
            *) echo "$line" ;;
        esac
    done)
    other=$(grep -vE '^[^ ]+:[0-9]+:[0-9]+: (warning|note):|^ +[0-9]* \|' "$tmp/err")
    if [ -n "$bad" ] || [ -n "$other" ]; then
        fail "examples/$f" "unexpected diagnostics: $bad$other"
    else
        pass "examples/$f"
    fi
done
[ -n "$drafts" ] && {
    d=$(echo $drafts | cut -d' ' -f1)
    run check "$d"
    if [ "$rc" -eq 0 ] && grep -q 'warning: .*(draft: shown as "to be completed")' "$tmp/err"; then
        pass examples/draft-warns
    else
        fail examples/draft-warns "the draft $d should warn about missing items and exit 0 (exit $rc)"
    fi
}
cd "$tmp" || exit 1

# ---- help, version, usage errors ----------------------------------------
run --help
if [ "$rc" -eq 0 ] && grep -q '^usage: formc' "$tmp/out"; then pass help; else fail help "exit $rc"; fi
run -h
if [ "$rc" -eq 0 ] && grep -q '^usage: formc' "$tmp/out"; then pass help-short; else fail help-short "exit $rc"; fi
for cmd in check report letter scores; do
    run $cmd -h
    if [ "$rc" -eq 0 ] && grep -q '^usage: formc' "$tmp/out"; then pass "help-$cmd"; else fail "help-$cmd" "exit $rc"; fi
done
run --version
if [ "$rc" -eq 0 ] && grep -qE '^formc [0-9]+\.[0-9]+' "$tmp/out"; then pass version; else fail version "exit $rc: $(cat "$tmp/out")"; fi
run
expect no-command 2 "usage: formc"
run frobnicate x.form
expect unknown-command 2 "unknown command 'frobnicate'"
run check
expect no-input-file 2 "no input file"
printf 'clinic "Test Clinic"\n' > ok.form
run check --frobnicate ok.form
expect unknown-option 2 "unknown option '--frobnicate'"
run check --max-errors many ok.form
expect max-errors-not-a-number 2 "--max-errors expects a whole number, not 'many'"
run check --max-errors -3 ok.form
expect max-errors-negative 2 "--max-errors expects a whole number"
run check ok.form --max-errors
expect max-errors-no-value 2 "--max-errors needs a value"
run check ok.form
expect ok-file 0 ""
[ -s "$tmp/err" ] && fail ok-file-silent "stderr: $(cat "$tmp/err")" || pass ok-file-silent
run check -- ok.form
expect double-dash 0 ""

# --max-errors 0 means no limit
{ for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "nosuch$i 1"; done; } > many.form
run check --max-errors 0 many.form
n=$(grep -c ': error:' "$tmp/err")
if [ "$rc" -eq 1 ] && [ "$n" -eq 12 ] && ! grep -q 'not shown' "$tmp/err"; then
    pass max-errors-zero
else
    fail max-errors-zero "exit $rc, $n errors shown"
fi
run check --max-errors 5 many.form
n=$(grep -c ': error:' "$tmp/err")
if [ "$rc" -eq 1 ] && [ "$n" -eq 5 ] && grep -q '^formc: 7 more errors not shown (--max-errors 5)$' "$tmp/err"; then
    pass max-errors-five
else
    fail max-errors-five "exit $rc, $n errors shown: $(tail -n 1 "$tmp/err")"
fi

# ---- files that cannot be read ------------------------------------------
run check no-such-file.form
expect missing-file 2 "no-such-file.form: error: no such file"
mkdir adir
run check adir
expect directory 2 "adir: error: is a directory"
run check /dev/null
expect char-device 2 "/dev/null: error: is not a regular file"
mkfifo fifo.form 2>/dev/null && {
    run check fifo.form
    expect fifo 2 "is not a regular file"
}
# one unreadable file does not stop the others from being checked
printf 'pateint "x"\n' > typo.form
run check no-such-file.form typo.form
expect missing-then-next 2 "did you mean 'patient'"

# a file over the 16 MiB limit is refused without being read
truncate -s 17M big.form 2>/dev/null || dd if=/dev/zero of=big.form bs=1 count=0 seek=17M 2>/dev/null
run check big.form
expect over-size-limit 2 "larger than the limit of 16 MiB"

# ---- hostile contents ----------------------------------------------------
# 4096 bytes of deterministic pseudo-random garbage (a linear congruential
# generator): exit 1, no crash.
LC_ALL=C awk 'BEGIN { x = 12345; for (i = 0; i < 4096; i++) { x = (x * 1103515245 + 12345) % 2147483648; printf "%c", int(x / 65536) % 256 } }' > garbage.form
size=$(wc -c < garbage.form)
run check garbage.form
if [ "$rc" -eq 1 ] && [ "$size" -ge 4000 ]; then
    pass binary-garbage
else
    fail binary-garbage "exit $rc (size $size): $(tail -c 300 "$tmp/err")"
fi
# every byte value 0..255 once, repeated
LC_ALL=C awk 'BEGIN { for (r = 0; r < 16; r++) for (i = 0; i < 256; i++) printf "%c", i }' > bytes.form
run check bytes.form
[ "$rc" -eq 1 ] && pass all-byte-values || fail all-byte-values "exit $rc"

# 100,000 nested blocks: refused at depth 32, quickly
yes 'a {' | head -n 100000 > deep.form
start=$(date +%s)
run check deep.form
took=$(( $(date +%s) - start ))
if [ "$rc" -eq 1 ] && grep -q 'blocks nested more than 32 deep; formc stops reading this file' "$tmp/err" && [ "$took" -le 5 ]; then
    pass nested-100000
else
    fail nested-100000 "exit $rc after ${took}s: $(head -c 300 "$tmp/err")"
fi
# 32 levels are allowed by the parser; the 33rd is refused
{ i=0; while [ $i -lt 33 ]; do echo 'a {'; i=$((i + 1)); done; } > d33.form
run check d33.form
expect depth-33 1 ":33:3: error: blocks nested more than 32 deep"
{ i=0; while [ $i -lt 32 ]; do echo 'a {'; i=$((i + 1)); done; i=0; while [ $i -lt 32 ]; do echo '}'; i=$((i + 1)); done; } > d32.form
run check d32.form
if [ "$rc" -eq 1 ] && ! grep -q 'nested more than' "$tmp/err"; then pass depth-32; else fail depth-32 "exit $rc: $(head -c 300 "$tmp/err")"; fi

# a string of 64 KiB (the limit) on one line is fine
{ printf 'clinic "'; head -c 65536 /dev/zero | tr '\0' x; printf '"\n'; } > longline.form
run check longline.form
expect long-line-in-string 0 ""
# the same line as a misspelt field: one error, the source line shown windowed
{ printf 'clinic "x" {\n    adress "'; head -c 65536 /dev/zero | tr '\0' x; printf '"\n}\n'; } > longline2.form
run check longline2.form
if [ "$rc" -eq 1 ] && [ "$(wc -c < "$tmp/err")" -lt 2000 ] && grep -q "did you mean 'address'" "$tmp/err"; then
    pass long-line-diagnostic
else
    fail long-line-diagnostic "exit $rc, $(wc -c < "$tmp/err") bytes of stderr"
fi

# include "/dev/zero" and a FIFO: errors, no hang
printf 'include "/dev/zero"\n' > zero.form
run check zero.form
if [ "$rc" -eq 1 ] && grep -q "cannot read included file '/dev/zero': is not a regular file" "$tmp/err"; then
    pass include-dev-zero
else
    fail include-dev-zero "exit $rc (124 = timed out): $(head -c 300 "$tmp/err")"
fi
[ -p fifo.form ] && {
    printf 'include "fifo.form"\n' > incfifo.form
    run check incfifo.form
    expect include-fifo 1 "cannot read included file 'fifo.form': is not a regular file"
}
printf 'include "adir"\n' > incdir.form
run check incdir.form
expect include-directory 1 "cannot read included file 'adir': is a directory"

# includes nested 17 deep are refused (the limit is 16)
i=0
while [ $i -lt 20 ]; do printf 'include "i%d.form"\n' $((i + 1)) > i$i.form; i=$((i + 1)); done
printf 'clinic "Deep"\n' > i20.form
run check i0.form
expect include-depth 1 "includes nested more than 16 deep"
i=0
while [ $i -lt 16 ]; do printf 'include "j%d.form"\n' $((i + 1)) > j$i.form; i=$((i + 1)); done
printf 'clinic "Deep"\n' > j16.form
run check j0.form
expect include-depth-16-ok 0 ""

# ---- groups ------------------------------------------------------------
# more than 1000 members is an error (each file once)
mkdir big
i=0
while [ $i -lt 1001 ]; do printf 'x\n' > big/m$i.form; i=$((i + 1)); done
cat > big.group <<'EOF'
group "Big group" {
    code "big"
    starts 2027-01-14
    weeks 12
    meets "Thursdays"
    place "Room 1"
    leader "Dr. A"
    member "big/*.form"
}
EOF
run check --max-errors 1 big.group
expect members-over-1000 1 "more than 1000 members in one group"

# members come from globs relative to the group file, wherever formc runs
mkdir -p g/members
cat > g/members/a.form <<'EOF'
patient "A Member"
clinician "Dr. Test"
crp {
    acts_of_self "a"
    expectations_of_others "b"
    acts_of_others "c"
    introject "d"
}
adaptation {
    need "a"
    affect "b"
    defense "c"
}
object_relations {
    past "a"
    current "b"
    expected "c"
}
letter {
    pattern "a"
}
EOF
sed 's/big\/\*.form/members\/*.form/' big.group > g/rel.group
printf 'clinic "Test Clinic" {\n    address "1 Test Street"\n    phone "555-0100"\n}\n' >> g/rel.group
run check g/rel.group
expect member-glob-relative 0 ""

# each file is checked in memory of its own, freed once it is checked; a
# group checked earlier in the run is still known to the files after it:
# its problems are said once, and its members are checked against it
cp -R "$top/examples" once
sed 's/starts 2026-01-15/starts 2026-02-30/' once/thursday.group > once/bad.group
sed 's#"../thursday.group"#"../bad.group"#' once/members/ada.form > once/members/bad-ada.form
sed 's#"../thursday.group"#"../bad.group"#' once/members/kai.form > once/members/bad-kai.form
run check once/bad.group once/members/bad-ada.form once/members/bad-kai.form once/bad.group
n=$(grep -c '^once/bad.group:.*2026-02-30' "$tmp/err")
if [ "$rc" -eq 1 ] && [ "$n" -eq 1 ]; then pass group-problems-said-once
else fail group-problems-said-once "exit $rc, the group's error said $n times: $(head -c 300 "$tmp/err")"; fi
sh "$top/bench/gen_group.sh" once/gen 2 two >/dev/null
mkdir once/gen/other
cp once/gen/two/m0001.form once/gen/other/m0001.form     # names ../two.group, but is not its member
run check once/gen/two.group once/gen/other/m0001.form
if [ "$rc" -eq 0 ] && grep -q "^once/gen/other/m0001.form:.*after the group's first session (2026-01-15)" "$tmp/err"; then
    pass group-known-after-its-check
else
    fail group-known-after-its-check "exit $rc, not checked against its group: $(head -c 300 "$tmp/err")"
fi

# ---- a clinic's instrument file -----------------------------------------
# --instruments FILE: redeclaring a library scale replaces it with a warning
cat > clinic-instr.form <<'EOF'
instrument hfmps "Hewitt-Flett Multidimensional Perfectionism Scale" {
    scale self_oriented "Self-oriented perfectionism (clinic scoring)" {
        range 0 100
        higher worse
    }
}
EOF
cp g/members/a.form scored.form
printf 'assessment pre 2027-01-08 {\n    hfmps.self_oriented 5\n}\n' >> scored.form
run check scored.form
expect library-range-applies 1 "5 is outside the range of hfmps.self_oriented (15 to 105)"
run check --instruments clinic-instr.form scored.form
if [ "$rc" -eq 0 ] && grep -q '^clinic-instr.form:2:11: warning: this replaces hfmps.self_oriented (Self-oriented perfectionism) declared in .*instruments.form$' "$tmp/err" \
   && grep -q 'note: the replaced declaration' "$tmp/err"; then
    pass instruments-replace-scale
else
    fail instruments-replace-scale "exit $rc: $(head -c 400 "$tmp/err")"
fi
run check --instruments no-such-instruments.form ok.form
expect instruments-missing 2 "cannot read the instrument file: no such file"
printf 'clinic "Not an instrument"\n' > notinstr.form
run check --instruments notinstr.form ok.form
expect instruments-only 1 "an instrument file holds only instrument declarations"

# ---- colour ------------------------------------------------------------
esc=$(printf '\033')
printf 'pateint "x"\n' > colour.form
( unset NO_COLOR; TERM=xterm; export TERM; "$FORMC" check colour.form 2>"$tmp/err" >/dev/null )
if grep -q "$esc" "$tmp/err"; then fail colour-not-tty "escape codes written to a file"; else pass colour-not-tty; fi
if script -qc true /dev/null >/dev/null 2>&1; then
    ( unset NO_COLOR; TERM=xterm; export TERM; script -qc "'$FORMC' check colour.form" /dev/null > "$tmp/tty" 2>&1 )
    if grep -q "${esc}\[" "$tmp/tty"; then pass colour-tty; else fail colour-tty "no escape codes on a terminal"; fi
    ( NO_COLOR=1; TERM=xterm; export NO_COLOR TERM; script -qc "'$FORMC' check colour.form" /dev/null > "$tmp/tty" 2>&1 )
    if grep -q "${esc}\[" "$tmp/tty"; then fail colour-no-color-tty "escape codes despite NO_COLOR"; else pass colour-no-color-tty; fi
    ( unset NO_COLOR; TERM=dumb; export TERM; script -qc "'$FORMC' check colour.form" /dev/null > "$tmp/tty" 2>&1 )
    if grep -q "${esc}\[" "$tmp/tty"; then fail colour-dumb-tty "escape codes with TERM=dumb"; else pass colour-dumb-tty; fi
else
    echo "skip e2e/colour-tty: 'script' cannot allocate a terminal here"
fi
