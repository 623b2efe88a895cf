#!/bin/sh
# outcomes.sh — end-to-end tests of `formc outcomes` on two made-up groups
# whose counts are known: members, completers and early leavers by phase,
# per-scale classifications of completers (and apart, of a member assessed
# after leaving), reliable improvement on a perfectionism measure, read
# back from --json with a real JSON parser; the PDF's words, fonts and
# structure; --csv equal to formc scores --csv of the same groups and read
# back with Python's csv module; the document only with -o beside an
# export; the same bytes twice; --redact; a member with errors listed as
# not included; refusals. Prints one "pass NAME" or "FAIL NAME: why" line
# per test. Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=outcomes
. "$(dirname "$0")/lib/common.sh"

# group CODE STARTS: a twelve-week group of the members in CODE/
group() {
    mkdir -p "$tmp/$1"
    cat >"$tmp/$1.group" <<EOF
group "Group $1" {
    code "$1"
    starts $2
    weeks 12
    meets "Thursdays"
    place "Room 1"
    leader "Dr. A"
    member "$1/*.form"
}
clinic "Made-up Clinic" {
    address "1 Test Road"
    phone "555-0100"
}
EOF
}
# member CODE FILE ID ATTENDANCE SCALE PRE POST: PRE, POST empty for none
member() {
    {
        printf 'patient "Person %s" { id "%s" }\nclinician "Dr. A"\ngroup "../%s.group"\n%s\n' "$3" "$3" "$1" "$4"
        printf 'assessment pre 2026-01-08 {\n    %s %s\n}\n' "$5" "$6"
        [ -n "$7" ] && printf 'assessment post 2026-04-09 {\n    %s %s\n}\n' "$5" "$7"
    } >"$tmp/$1/$2.form"
}
group a 2026-01-15
group b 2026-01-15
# the cutoff of hfmps.self_oriented is b = 93.29 and a change of more than
# 13.45 is reliable: every pre score here is past the cutoff's clinical side
member a m1 O-1 "attended 1-12" hfmps.self_oriented 96 74                 # recovered
member a m2 O-2 "attended 1-12" hfmps.self_oriented 98 95                 # unchanged
member a m3 O-3 "attended 1-4
left week 5 \"Moved away.\"" hfmps.self_oriented 99 76                       # left, assessed: recovered
member a m4 O-4 "attended 1-2
left week 2 \"Work.\"" hfmps.self_oriented 97 ""                             # left, no post
member b m5 O-5 "attended 1-11" hfmps.socially_prescribed 85 60           # recovered (cutoff 73.93)

"$FORMC" outcomes "$tmp/a.group" "$tmp/b.group" -o "$tmp/out.pdf" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ -s "$tmp/out.pdf" ] && pass pdf-written || fail pdf-written "exit $rc: $(head -3 "$tmp/err")"
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -layout "$tmp/out.pdf" "$tmp/out.txt"
    squash() { tr -s ' \n' '  ' <"$tmp/out.txt"; }
    # dates are written as in the letters and the reports: "January 15, 2026"
    for phrase in "Program outcomes" "Completed the group 3 of 5 (60%)" "Left early 2 (40%)" \
                  "2, from January 15, 2026 to April 2, 2026" \
                  "97% (36 of 37)" "Pattern interruption" "Moved away." "Self-oriented perfectionism"; do
        case "$(squash)" in *"$phrase"*) pass "pdf-says: $phrase" ;; *) fail "pdf-says: $phrase" "not in the text" ;; esac
    done
    # the program's table of details sets its values from one left edge,
    # the clinic's name as its counts (not flush right as figures); the
    # counts of the trials' table are figures, flush right
    starts=$(pdftotext -bbox -l 1 "$tmp/out.pdf" - 2>/dev/null | awk -F'"' '
        /<word / { key = int($4 + 0.5); n[key]++
                   if (n[key] == 2) { word2[key] = $2; row[key] = first[key] }
                   if (n[key] == 1) first[key] = substr($9, 2, index($9, "<") - 2) }
        END { for (k in row) if (row[k] ~ /^(Groups|Members)$/) printf "%.1f\n", word2[k] }' | sort -u)
    if [ "$(printf '%s\n' "$starts" | grep -c .)" -eq 1 ]; then pass "details-left-aligned"
    else fail "details-left-aligned" "the values after Groups and Members start at $(printf '%s' "$starts" | tr '\n' ' ')"; fi
fi
if command -v qpdf >/dev/null 2>&1; then
    qpdf --check "$tmp/out.pdf" >/dev/null 2>&1 && pass pdf-structure || fail pdf-structure "qpdf --check fails"
fi
if command -v pdffonts >/dev/null 2>&1; then
    pdffonts "$tmp/out.pdf" | awk 'NR > 2 && $(NF - 4) != "yes" { bad = 1 } END { exit bad }' &&
        pass pdf-fonts-embedded || fail pdf-fonts-embedded "$(pdffonts "$tmp/out.pdf")"
fi

# the same bytes twice
"$FORMC" outcomes "$tmp/a.group" "$tmp/b.group" -o "$tmp/again.pdf" 2>/dev/null
cmp -s "$tmp/out.pdf" "$tmp/again.pdf" && pass deterministic || fail deterministic "two runs differ"

# the counts, read back from --json (no document without -o)
rm -f outcomes.pdf
(cd "$tmp" && "$FORMC" outcomes --json a.group b.group >"$tmp/out.json" 2>/dev/null)
[ ! -e "$tmp/outcomes.pdf" ] && pass json-only-no-pdf || fail json-only-no-pdf "outcomes.pdf written"
if command -v python3 >/dev/null 2>&1; then
    out=$(python3 - "$tmp/out.json" <<'EOF' 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["kind"] == "outcomes" and d["schema"] == 1, d
o = d["overall"]
assert (o["members"], o["included"], o["completed"], o["left_early"]) == (5, 5, 3, 2), o
assert o["left_in"] == {"engagement": 1, "pattern_interruption": 1, "self_redefinition": 0,
                        "termination": 0, "unknown": 0}, o["left_in"]
assert (o["post"]["completers_assessed"], o["post"]["improved_one"], o["post"]["improved_two"]) == (3, 2, 0), o["post"]
a, b = d["groups"]
assert (a["group"], a["members"], a["completed"], a["left_early"]) == ("a", 4, 2, 2), a
assert (a["post"]["completers_assessed"], a["post"]["improved_one"]) == (2, 1), a["post"]
assert (b["group"], b["completed"], b["post"]["improved_one"]) == ("b", 1, 1), b
assert a["first_session"] == "2026-01-15" and a["last_session"] == "2026-04-02", a
s = {x["scale"]: x for x in d["scales"]}
so = s["hfmps.self_oriented"]
assert so["post"] == {"recovered": 1, "improved": 0, "unchanged": 1, "deteriorated": 0, "not_computable": 0}, so["post"]
assert so["post_left_early"]["recovered"] == 1 and sum(so["post_left_early"].values()) == 1, so
assert abs(so["reliable_change"] - 1.96 * 2 ** 0.5 * 14.01 * 0.12 ** 0.5) < 1e-6, so["reliable_change"]
assert so["cutoff"]["kind"] == "b"
assert s["hfmps.socially_prescribed"]["post"]["recovered"] == 1
assert [p["completers"] for p in d["published"]] == [60, 37]
print("ok")
EOF
)
    [ "$out" = ok ] && pass json-counts || fail json-counts "$out"
fi

# --csv: the same rows as formc scores --csv of the same groups; with -o, the PDF too
"$FORMC" outcomes "$tmp/a.group" "$tmp/b.group" --csv "$tmp/out.csv" -o "$tmp/with.pdf" 2>/dev/null
rc=$?
"$FORMC" scores --csv "$tmp/a.group" "$tmp/b.group" >"$tmp/scores.csv" 2>/dev/null
[ $rc -eq 0 ] && cmp -s "$tmp/out.csv" "$tmp/scores.csv" && pass csv-equals-scores ||
    fail csv-equals-scores "exit $rc; $(diff "$tmp/out.csv" "$tmp/scores.csv" | head -3)"
[ -s "$tmp/with.pdf" ] && pass csv-and-pdf || fail csv-and-pdf "no PDF beside the CSV with -o"
if command -v python3 >/dev/null 2>&1; then
    out=$(python3 - "$tmp/out.csv" <<'EOF' 2>&1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 9, len(rows)
m3 = [r for r in rows if r["member"] == "O-3" and r["time"] == "post"][0]
assert (m3["group"], m3["classification"], m3["left_week"], m3["sessions_attended"]) == ("a", "recovered", "5", "4"), m3
print("ok")
EOF
)
    [ "$out" = ok ] && pass csv-read-back || fail csv-read-back "$out"
fi

# de-identified: pseudonyms and numbered groups, no ids, no reasons, no clinic
"$FORMC" outcomes --redact "$tmp/a.group" "$tmp/b.group" -o "$tmp/red.pdf" 2>/dev/null
if command -v pdftotext >/dev/null 2>&1 && [ -s "$tmp/red.pdf" ]; then
    pdftotext "$tmp/red.pdf" "$tmp/red.txt"
    if grep -q 'O-[0-9]\|Moved away\|Made-up Clinic\|Person ' "$tmp/red.txt"; then
        fail redact "$(grep -m1 'O-[0-9]\|Moved away\|Made-up Clinic\|Person ' "$tmp/red.txt")"
    else
        grep -q '^G1$' "$tmp/red.txt" && pass redact || fail redact "groups are not numbered"
    fi
fi

# a member with errors is listed as not included; the document is still written
cp "$tmp/a/m2.form" "$tmp/m2.keep"
echo 'hfmps.self_oriented 50' >>"$tmp/a/m2.form"       # a score outside any assessment
"$FORMC" outcomes "$tmp/a.group" "$tmp/b.group" -o "$tmp/err.pdf" 2>"$tmp/err"
rc=$?
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -layout "$tmp/err.pdf" - 2>/dev/null | tr -s ' \n' '  ' | grep -q 'Members 5 (1 not included' &&
        [ $rc -eq 1 ] && pass member-with-errors || fail member-with-errors "exit $rc"
fi
cp "$tmp/m2.keep" "$tmp/a/m2.form"

# refusals
cp "$tmp/a.group" "$tmp/a.before"
"$FORMC" outcomes "$tmp/a.group" -o "$tmp/a.group" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && cmp -s "$tmp/a.group" "$tmp/a.before" && pass output-onto-input-refused ||
    fail output-onto-input-refused "exit $rc: $(head -2 "$tmp/err")"
"$FORMC" outcomes "$tmp/a/m1.form" -o "$tmp/x.pdf" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'not a group file' "$tmp/err" && [ ! -e "$tmp/x.pdf" ] && pass not-a-group ||
    fail not-a-group "exit $rc: $(cat "$tmp/err")"
"$FORMC" outcomes --json --csv - "$tmp/a.group" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && pass json-and-csv-stdout-refused || fail json-and-csv-stdout-refused "$(cat "$tmp/err")"
# a copy of a group file whose code was left as it was: the error formc
# check gives, at the copy's code, and its members are not counted twice
# (they were listed twice, in two identical rows)
cp "$tmp/a.group" "$tmp/a-copy.group"
(cd "$tmp" && "$FORMC" outcomes --json a.group a-copy.group >"$tmp/copy.json" 2>"$tmp/err")
rc=$?
(cd "$tmp" && "$FORMC" check a.group a-copy.group >/dev/null 2>"$tmp/check-err")
want='a-copy.group:2:10: error: a.group has the code "a" too: formc build writes a group'"'"'s documents into a folder named by its code, so each group needs one of its own'
if [ $rc -eq 1 ] && grep -qxF -- "$want" "$tmp/err" && grep -qxF -- "$want" "$tmp/check-err" &&
   python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["overall"]["members"] == 4, d["overall"]' "$tmp/copy.json"
then pass code-shared-as-check
else fail code-shared-as-check "exit $rc: $(head -3 "$tmp/err")"; fi
