#!/bin/sh
# import.sh — end-to-end tests of `formc import` on the made-up group and
# exports of tests/import/: a REDCap export (English, commas, CR LF), a
# Qualtrics export with a map (three header rows, matrix columns), a
# spreadsheet kept in French Excel with a map (byte-order mark,
# semicolons, decimal commas, DD/MM/YYYY); afterwards formc check is
# clean, formc scores shows the figures, a second import changes nothing,
# every other line and comment is kept, permissions too; --dry-run writes
# nothing; a value that differs is replaced only with --force. Then every
# kind of bad input, each reported at FILE.csv:ROW:COLUMN (or at the map)
# with the member files byte-identical afterwards.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=import
. "$(dirname "$0")/lib/common.sh"
SOURCE_DATE_EPOCH=1800000000          # 2027-01-15: every test date is before it

g="$tmp/g"
setup() { rm -rf "$g" && cp -R "$top/tests/import" "$g"; }
sums() { (cd "$g" && sha256sum spring.group members/*.form) }
# run ARGS...: formc import in the group's folder, bounded; sets $rc
run() {
    (cd "$g" && timeout 60 "$FORMC" import "$@") >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# ---- the three exports --------------------------------------------------

setup
chmod 640 "$g/members/amara.form"
cp -R "$g/members" "$tmp/before"
run --dry-run redcap.csv spring.group
[ $rc -eq 0 ] && grep -q '^+assessment pre 2026-01-26 {$' "$tmp/out" && [ -z "$(cd "$g" && diff -r members "$tmp/before")" ] \
    && pass dry-run-writes-nothing || fail dry-run-writes-nothing "exit $rc; $(head -3 "$tmp/err")"
grep -q '^--- members/benoit.form$' "$tmp/out" && grep -q '^@@ -11,4 +11,6 @@$' "$tmp/out" \
    && pass dry-run-diff || fail dry-run-diff "$(head -20 "$tmp/out")"

run redcap.csv spring.group
[ $rc -eq 0 ] && pass redcap || fail redcap "exit $rc: $(head -5 "$tmp/err")"
grep -q '^members/amara.form: pre: new assessment with 2 totals and the answers to swls; post: new assessment with 2 totals and the answers to swls$' "$tmp/out" \
    && pass redcap-summary || fail redcap-summary "$(cat "$tmp/out")"
grep -q 'redcap.csv:5:10: warning: swls_3 (column J): swls.total will not be scored at pre: 1 of its 5 items is unanswered in this row' "$tmp/err" \
    && pass redcap-unanswered-item || fail redcap-unanswered-item "$(cat "$tmp/err")"
# only lines added to files that had a place for them: every old line kept, in order
for m in amara benoit dev; do
    if [ -n "$(diff "$tmp/before/$m.form" "$g/members/$m.form" | grep '^[<|-][^-]')" ]; then
        fail "lines-kept/$m" "$(diff "$tmp/before/$m.form" "$g/members/$m.form" | head -10)"
    else
        pass "lines-kept/$m"
    fi
done
grep -q '^    hfmps.self_oriented 88      # from the paper form$' "$g/members/benoit.form" && pass comment-kept || fail comment-kept "$(cat "$g/members/benoit.form")"
grep -q '^assessment pre 2026-01-29 { swls.total 14; items swls 3, 3, 2, 3, 3 }$' "$g/members/chloe.form" \
    && pass one-line-block || fail one-line-block "$(cat "$g/members/chloe.form")"
cmp -s "$tmp/before/dev.form" "$g/members/dev.form" && pass unchanged-member-untouched || fail unchanged-member-untouched "dev.form changed"
[ "$(stat -c %a "$g/members/amara.form")" = 640 ] && pass permissions-kept || fail permissions-kept "mode $(stat -c %a "$g/members/amara.form")"
(cd "$g" && "$FORMC" fmt --check members/amara.form members/benoit.form members/dev.form) >"$tmp/fmt" 2>&1 \
    && pass stays-canonical || fail stays-canonical "$(cat "$tmp/fmt")"
(cd "$g" && "$FORMC" check spring.group) >/dev/null 2>"$tmp/check"; crc=$?
[ $crc -eq 0 ] && ! grep -q 'error:' "$tmp/check" && pass check-clean || fail check-clean "$(grep -A2 error: "$tmp/check" | head -6)"
(cd "$g" && "$FORMC" scores --json members/amara.form) >"$tmp/json" 2>/dev/null
grep -q '"scale": "hfmps.self_oriented"' "$tmp/json" && grep -q '"pre": {"value": 96, ' "$tmp/json" \
    && grep -q '"post": {"value": 81, ' "$tmp/json" && pass scores-show-import || fail scores-show-import "$(grep -A6 self_oriented "$tmp/json" | head -8)"
# swls pre: 2 + 3 + 2 + 3 + 1 = 11
grep -q '"pre": {"value": 11, "t": null, "percentile": null, "items": {"answered": 5, "of": 5, "prorated": false}}' "$tmp/json" \
    && pass swls-from-items || fail swls-from-items "$(grep -A4 swls.total "$tmp/json" | head -5)"

run --map qualtrics.map qualtrics.csv spring.group
[ $rc -eq 0 ] && pass qualtrics || fail qualtrics "exit $rc: $(head -5 "$tmp/err")"
[ ! -s "$tmp/err" ] && pass qualtrics-preview-passed-over || fail qualtrics-preview-passed-over "$(head -3 "$tmp/err")"
(cd "$g" && "$FORMC" scores --json members/chloe.form) >"$tmp/json" 2>/dev/null
# post: swls 4+3+4+3+2 = 16; mspss (5+5+3+3+5+6+6+3+6+5+3+6)/12 = 56/12 = 4.67
grep -q '"post": {"value": 16, ' "$tmp/json" && grep -q '"post": {"value": 4.67, ' "$tmp/json" \
    && pass qualtrics-scores || fail qualtrics-scores "$(grep '"post"' "$tmp/json")"

run --map tableur.map tableur.csv spring.group
[ $rc -eq 0 ] && pass tableur-fr || fail tableur-fr "exit $rc: $(head -5 "$tmp/err")"
grep -q '^assessment followup 2026-09-15 {$' "$g/members/dev.form" && grep -q '^    mspss.total 5.42$' "$g/members/dev.form" \
    && pass decimal-comma-and-date || fail decimal-comma-and-date "$(cat "$g/members/dev.form")"

# idempotent: a second run of each changes no byte and no modification time
sums >"$tmp/sums"
stat -c %Y "$g"/members/*.form >"$tmp/times"
sleep 1
run redcap.csv spring.group; r1=$rc
run --map qualtrics.map qualtrics.csv spring.group; r2=$rc
run --map tableur.map tableur.csv spring.group; r3=$rc
[ "$r1$r2$r3" = 000 ] && [ "$(sums)" = "$(cat "$tmp/sums")" ] && [ "$(stat -c %Y "$g"/members/*.form)" = "$(cat "$tmp/times")" ] \
    && pass idempotent || fail idempotent "exits $r1 $r2 $r3; files changed"
grep -q "^nothing to change: the 2 rows of tableur.csv with values are already in the members' files$" "$tmp/out" \
    && pass nothing-to-change || fail nothing-to-change "$(cat "$tmp/out")"
head -n 2 "$g/tableur.csv" >"$g/one.csv"
run --map tableur.map one.csv spring.group
grep -q "^nothing to change: the row of one.csv with values is already in its member's file$" "$tmp/out" \
    && pass nothing-to-change-one-row || fail nothing-to-change-one-row "$(cat "$tmp/out")"
(FORMC_LANG=fr; export FORMC_LANG; run --map tableur.map one.csv spring.group)
grep -q "^rien à changer$(printf '\302\240'): la ligne de one.csv qui a des valeurs est déjà dans le fichier de son membre$" "$tmp/out" \
    && pass nothing-to-change-in-french || fail nothing-to-change-in-french "$(cat "$tmp/out")"

# a file written with CR LF line ends keeps them
setup
sed -i 's/$/\r/' "$g/members/benoit.form"
run redcap.csv spring.group
lf=$(tr -d '\r' <"$g/members/benoit.form" | wc -l)
crlf=$(grep -c "$(printf '\r')\$" "$g/members/benoit.form")
[ $rc -eq 0 ] && [ "$lf" = "$crlf" ] && grep -q "^    items swls 5, 4, _, 4, 4$(printf '\r')\$" "$g/members/benoit.form" \
    && pass crlf-kept || fail crlf-kept "exit $rc; $crlf of $lf lines end in CR LF"

# a member named alone, not through its group
setup
run redcap.csv members/chloe.form
[ $rc -eq 1 ] && grep -q 'redcap.csv:2:1: error: record_id (column A): no member has the id "P-1001"' "$tmp/err" \
    && pass member-alone-other-rows || fail member-alone-other-rows "exit $rc: $(head -3 "$tmp/err")"

# a member without an id gets no row, and is named
setup
sed -i '/^    id "P-1003"/d; s/{ id "P-1003"; /{ /' "$g/members/chloe.form"
run --map qualtrics.map qualtrics.csv spring.group
[ $rc -eq 1 ] && grep -q '^members/chloe.form: warning: has no id (patient { id "..." }), so no row of the export can be imported into it$' "$tmp/err" \
    && grep -q 'qualtrics.csv:6:13: error: ExternalReference (column M): no member has the id "P-1003"' "$tmp/err" \
    && pass member-without-id || fail member-without-id "exit $rc: $(head -4 "$tmp/err")"

# ---- a value that differs: --force, and the diff shows both ------------

setup
printf 'id,time,date,hfmps_self_oriented,wsas_1,wsas_2,wsas_3,wsas_4,wsas_5\n' >"$g/x.csv"
printf 'P-1004,pre,2026-01-27,93,4,6,4,3,6\n' >>"$g/x.csv"
before=$(sums)
run x.csv spring.group
[ $rc -eq 1 ] && [ "$(sums)" = "$before" ] \
    && grep -q 'x.csv:2:4: error: hfmps_self_oriented (column D): members/dev.form has hfmps.self_oriented 92 at pre; the export says 93 (--force replaces it)' "$tmp/err" \
    && grep -q 'x.csv:2:5: error: wsas_1 (column E): members/dev.form has 5 for item 1 of wsas at pre; the export says 4 (--force replaces it)' "$tmp/err" \
    && grep -q '^members/dev.form:11:5: note: the value in the file$' "$tmp/err" \
    && pass conflict-refused || fail conflict-refused "exit $rc: $(head -8 "$tmp/err")"
run --dry-run x.csv spring.group
[ $rc -eq 1 ] && [ "$(sums)" = "$before" ] && grep -q '^-    hfmps.self_oriented 92$' "$tmp/out" && grep -q '^+    hfmps.self_oriented 93$' "$tmp/out" \
    && grep -q '^+    items wsas 4, 6, 4, 3, 6$' "$tmp/out" && pass conflict-diff-shows-both || fail conflict-diff-shows-both "$(cat "$tmp/out")"
run --force x.csv spring.group
[ $rc -eq 0 ] && grep -q '^    hfmps.self_oriented 93$' "$g/members/dev.form" && grep -q '^    items wsas 4, 6, 4, 3, 6$' "$g/members/dev.form" \
    && pass force-replaces || fail force-replaces "exit $rc: $(head -3 "$tmp/err")"

# ---- a placeholder is no value: filled in without --force ----------------

# a member made by formc new, its pre assessment still <date>, <score> and <answers>
setup
rm "$g/members/amara.form"
(cd "$g/members" && "$FORMC" new patient amara >/dev/null)
sed -i -e 's/^    # id <chart number>$/    id "P-1001"/' -e 's|^# group <the group.*|group "../spring.group"|' \
    -e '/^# assessment pre /,/^# }$/ s/^# \{0,1\}//' -e 's/^    psps.nondisclosure <score>$/&\n    items swls <the five answers>/' \
    "$g/members/amara.form"
grep -q '^    hfmps.self_oriented <score>$' "$g/members/amara.form" && (cd "$g" && "$FORMC" check spring.group) >/dev/null 2>&1 \
    || fail placeholder-setup "the new member does not hold its placeholders, or does not check"
run --dry-run redcap.csv spring.group
[ $rc -eq 0 ] && grep -q '^-assessment pre <date completed, YYYY-MM-DD> {$' "$tmp/out" && grep -q '^+assessment pre 2026-01-26 {$' "$tmp/out" \
    && grep -q '^-    hfmps.self_oriented <score>$' "$tmp/out" && grep -q '^+    hfmps.self_oriented 96$' "$tmp/out" \
    && grep -q '^+    items swls 2, 3, 2, 3, 1$' "$tmp/out" && ! grep -q 'error:' "$tmp/err" \
    && pass placeholder-diff || fail placeholder-diff "exit $rc: $(head -4 "$tmp/err"; head -30 "$tmp/out")"
run redcap.csv spring.group
[ $rc -eq 0 ] && grep -q '^members/amara.form: pre: 1 total added, 3 placeholders filled in; post: new assessment' "$tmp/out" \
    && grep -q '^    hfmps.self_oriented 96$' "$g/members/amara.form" && grep -q '^    psps.nondisclosure <score>$' "$g/members/amara.form" \
    && pass placeholder-filled || fail placeholder-filled "exit $rc: $(head -4 "$tmp/err"; cat "$tmp/out")"
(cd "$g" && "$FORMC" scores --json members/amara.form) >"$tmp/json" 2>/dev/null
grep -q '"pre": {"value": 96, ' "$tmp/json" && pass placeholder-scored || fail placeholder-scored "$(head -20 "$tmp/json")"
# a row without a date cannot fill a date still to be written
setup
sed -i 's/^assessment pre 2026-01-27 {/assessment pre <date> {/' "$g/members/dev.form"
printf 'id,time,hfmps_self_oriented\nP-1004,pre,92\n' >"$g/x.csv"
before=$(sums)
run x.csv spring.group
[ $rc -eq 1 ] && [ "$(sums)" = "$before" ] \
    && grep -q 'x.csv:2:1: error: id (column A): the pre assessment of members/dev.form is still dated <date>, and this row gives no date for it' "$tmp/err" \
    && pass placeholder-date-needs-a-date || fail placeholder-date-needs-a-date "exit $rc: $(head -4 "$tmp/err")"

# ---- bad input: an error where it is, and no member file changed -------

# refuse NAME EXPECTED CSV-TEXT [ARGS...]: the export is written to bad.csv
# (ARGS default to: bad.csv spring.group)
refuse() {
    name=$1 expect=$2 text=$3
    shift 3
    [ -f "$g/spring.group" ] || setup
    printf '%s' "$text" >"$g/bad.csv"
    before=$(sums)
    if [ $# -eq 0 ]; then run bad.csv spring.group; else run "$@"; fi
    if [ $rc -ne 1 ]; then fail "refuses/$name" "exit $rc: $(head -3 "$tmp/err")"
    elif ! grep -qF -- "$expect" "$tmp/err"; then fail "refuses/$name" "expected '$expect', got: $(head -4 "$tmp/err")"
    elif [ "$(sums)" != "$before" ]; then fail "refuses/$name" "a member file changed"
    else pass "refuses/$name"
    fi
    setup
}
H='record_id,redcap_event_name,date,hfmps_self_oriented,swls_1,swls_2,swls_3,swls_4,swls_5'
setup
refuse not-a-number 'bad.csv:2:4: error: hfmps_self_oriented (column D): "9O" is not a number' \
    "$H
P-1001,baseline_arm_1,2026-01-26,9O,2,3,2,3,1
"
refuse total-out-of-range 'bad.csv:3:4: error: hfmps_self_oriented (column D): 120 is outside the range of hfmps.self_oriented (15 to 105)' \
    "$H
P-1001,baseline_arm_1,2026-01-26,96,2,3,2,3,1
P-1002,baseline_arm_1,2026-01-28,120,,,,,
"
# a summed scale's total from whole answers, none left out, is whole; a
# mean's may have decimals (mspss.total 4,25 in the same row is no error)
refuse total-fraction-of-a-sum 'bad.csv:2:4: error: swls_total (column D): 17,5 cannot be a total of swls.total: it is the sum of 5 items, each answered with a whole number from 1 to 7 and none may be left out, so its total is a whole number' \
    "record_id;redcap_event_name;date;swls_total;mspss_total
P-1001;baseline_arm_1;2026-01-26;17,5;4,25
"
[ "$(grep -c 'error:' "$tmp/err")" -eq 2 ] && pass total-fraction-of-a-mean-is-no-error ||
    fail total-fraction-of-a-mean-is-no-error "$(cat "$tmp/err")"
# N/A in a total's cell is a missing score, not an unanswered item
refuse total-not-given 'bad.csv:2:4: error: hfmps_self_oriented (column D): "N/A" is not a number (if it marks a total not given, that is a missing score: leave the cell empty, or name the text in an import map, missing "..."; the total is then left out)' \
    "$H
P-1001,baseline_arm_1,2026-01-26,N/A,2,3,2,3,1
"
refuse item-out-of-range "bad.csv:2:7: error: swls_3 (column G): 8 is not an answer to swls's items: they are whole numbers from 1 to 7" \
    "$H
P-1001,baseline_arm_1,2026-01-26,96,2,3,8,3,1
"
refuse item-not-whole "bad.csv:2:5: error: swls_1 (column E): 2.5 is not an answer to swls's items" \
    "$H
P-1001,baseline_arm_1,2026-01-26,96,2.5,3,2,3,1
"
refuse decimal-comma-in-commas 'bad.csv:2:4: error: hfmps_self_oriented (column D): "96,5" is not a number (in a file separated by commas, a decimal is written with a point)' \
    "$H
P-1001,baseline_arm_1,2026-01-26,\"96,5\",2,3,2,3,1
"
refuse unknown-id 'bad.csv:2:1: error: record_id (column A): no member has the id "P-1010"' \
    "$H
P-1010,baseline_arm_1,2026-01-26,96,2,3,2,3,1
"
setup
sed -i 's/id "P-1004"/id "P-1001"/' "$g/members/dev.form"
refuse id-of-two-members 'bad.csv:2:1: error: record_id (column A): two members have the id "P-1001": members/amara.form and members/dev.form' \
    "$H
P-1001,baseline_arm_1,2026-01-26,96,2,3,2,3,1
"
refuse two-rows-one-time-point 'bad.csv:3:1: error: record_id (column A): a second row for members/amara.form at pre' \
    "$H
P-1001,baseline_arm_1,2026-01-26,96,2,3,2,3,1
P-1001,baseline_arm_1,2026-01-26,95,2,3,2,3,1
"
grep -q '^bad.csv:2: note: the first is row 2$' "$tmp/err" && pass two-rows-note || fail two-rows-note "$(cat "$tmp/err")"
refuse date-in-future 'bad.csv:2:3: error: date (column C): 2027-03-01 is after today (2027-01-15): a questionnaire cannot have been answered yet' \
    "$H
P-1001,baseline_arm_1,2027-03-01,96,2,3,2,3,1
"
refuse date-before-birth "bad.csv:2:3: error: date (column C): 1987-01-26 is not after the patient's birth (1988-03-12 in members/amara.form)" \
    "$H
P-1001,baseline_arm_1,1987-01-26,96,2,3,2,3,1
"
refuse date-unreadable 'bad.csv:2:3: error: date (column C): "26/01/2026" is not a date formc can read: say how it is written in an import map, such as date_format "DD/MM/YYYY"' \
    "$H
P-1001,baseline_arm_1,26/01/2026,96,2,3,2,3,1
"
# a date the map's date_format does not fit (one digit where DD wants two)
# was told to say how dates are written in a map, which it did
printf 'import {\n    date_format "DD/MM/YYYY"\n}\n' >"$g/dmy.map"
refuse date-not-as-map 'bad.csv:2:3: error: date (column C): "5/1/2026" is not written as the map'"'"'s date_format "DD/MM/YYYY" says, nor as YYYY-MM-DD (DD and MM are two digits, 05; D and M one or two, 5 or 05)' \
    "$H
P-1001,baseline_arm_1,5/1/2026,96,2,3,2,3,1
" --map dmy.map bad.csv spring.group
refuse impossible-date 'bad.csv:2:3: error: date (column C): impossible date 2026-02-30' \
    "$H
P-1001,baseline_arm_1,2026-02-30,96,2,3,2,3,1
"
refuse dates-backwards 'bad.csv:3:3: error: date (column C): the pre assessment of members/amara.form would be dated 2026-01-26, after its post assessment (2026-01-20)' \
    "$H
P-1001,baseline_arm_1,2026-01-26,96,2,3,2,3,1
P-1001,post_arm_1,2026-01-20,80,2,3,2,3,1
"
refuse date-differs 'bad.csv:2:3: error: date (column C): members/benoit.form has the pre assessment dated 2026-01-28; the export says 2026-01-29 (--force replaces it)' \
    "$H
P-1002,baseline_arm_1,2026-01-29,88,,,,,
"
refuse new-assessment-without-date 'bad.csv:2:1: error: record_id (column A): members/amara.form has no post assessment yet, and this row gives no date for one' \
    "$H
P-1001,post_arm_1,,80,,,,,
"
refuse time-point-unknown 'bad.csv:2:2: error: redcap_event_name (column B): cannot tell the time point from "week_12_arm_1": say it in an import map, such as: post "week_12_arm_1"' \
    "$H
P-1001,week_12_arm_1,2026-04-30,80,,,,,
"
refuse total-disagrees-with-items 'bad.csv:2:9: error: swls_total (column I): the answers to swls in this row give swls.total 11, not 12' \
    'record_id,redcap_event_name,date,swls_1,swls_2,swls_3,swls_4,swls_5,swls_total
P-1001,baseline_arm_1,2026-01-26,2,3,2,3,1,12
'
refuse items-missing-a-column 'bad.csv:1:4: error: swls_1 (column D): the export has 4 of the 5 items of swls: no column for item 5' \
    'record_id,redcap_event_name,date,swls_1,swls_2,swls_3,swls_4
P-1001,baseline_arm_1,2026-01-26,2,3,2,3
'
refuse no-id-column "bad.csv:1: error: the export has no column of the patient's id (id, record_id or participant_id)" \
    'name,redcap_event_name,date,hfmps_self_oriented
P-1001,baseline_arm_1,2026-01-26,96
'
refuse two-id-columns 'bad.csv:1:2: error: id (column B): a second column for the patient'"'"'s id (the first is record_id, column A); name the one to read in an import map (id_column)' \
    'record_id,id,redcap_event_name,date,hfmps_self_oriented
P-1001,P-1001,baseline_arm_1,2026-01-26,96
'
refuse value-past-header 'bad.csv:2:5: error: a value past the last column of the header (the header has 4 columns)' \
    'record_id,redcap_event_name,date,hfmps_self_oriented
P-1001,baseline_arm_1,2026-01-26,96,12
'
refuse unclosed-quote 'bad.csv:3:1: error: a quoted field is never closed' \
    "$H
P-1001,baseline_arm_1,2026-01-26,96,2,3,2,3,1
\"P-1002,baseline_arm_1,2026-01-28,88,,,,,
"
printf 'record_id,redcap_event_name,hfmps_self_oriented\n' | iconv -f UTF-8 -t UTF-16 >"$tmp/utf16" 2>/dev/null &&
refuse utf-16 'bad.csv: error: is in UTF-16' "$(cat "$tmp/utf16")"
# a workbook given as the export: an .xlsx (a ZIP file) or an .xls was 'a
# NUL byte: this is not a text export', which did not say what to do
refuse xlsx 'bad.csv: error: is a spreadsheet workbook (Excel'"'"'s .xlsx or .xls, or an .ods), not a text export: save it as "CSV UTF-8"' \
    "$(printf 'PK\003\004\024\001\006\001[Content_Types].xml')"
refuse xls 'bad.csv: error: is a spreadsheet workbook' "$(printf '\320\317\021\340\241\261\032\341\001\002')"
# a byte-order mark inside a cell (a paste from another export) is shown,
# where the message quoted "96" as if it were a number
refuse bom-in-cell 'bad.csv:2:4: error: hfmps_self_oriented (column D): "\ufeff96" is not a number' \
    "$(printf 'record_id,redcap_event_name,date,hfmps_self_oriented\nP-1001,baseline_arm_1,2026-01-26,\357\273\27796\n')"
# an id that begins with zeros, which a spreadsheet took for a number and
# saved without them: said so, where it was only 'no member has the id
# "412"' (too far from "00412" for a suggestion)
setup
sed -i 's/id "P-1001"/id "00412"/' "$g/members/amara.form"
refuse id-zeros-dropped 'bad.csv:2:1: error: record_id (column A): no member has the id "412", but members/amara.form has "00412": the spreadsheet took the id for a number and dropped the zeros it begins with' \
    "$H
412,baseline_arm_1,2026-01-26,96,2,3,2,3,1
"
# the map names a column the export does not have
setup
printf 'import {\n    id_column "record_id"\n    scale "hfmps_so" hfmps.self_oriented\n}\n' >"$g/bad.map"
refuse map-names-unknown-column 'bad.map:3:11: error: bad.csv has no column "hfmps_so"' \
    "$H
P-1001,baseline_arm_1,2026-01-26,96,2,3,2,3,1
" --map bad.map bad.csv spring.group
printf 'import {\n    scale "so" hfmps.self_orientd\n}\n' >"$g/bad.map"
refuse map-with-errors "bad.map:2:16: error: hfmps has no scale 'self_orientd' (did you mean 'self_oriented'?)" \
    "$H
" --map bad.map bad.csv spring.group
# a member with an error: nothing is imported
setup
sed -i 's/born 1988-03-12/born 1988-02-30/' "$g/members/amara.form"
refuse member-with-errors 'formc: error: nothing is imported: fix the errors above first (formc check)' \
    "$H
P-1002,baseline_arm_1,2026-01-28,88,,,,,
"
# one bad row among good ones: none of the good ones is written
refuse one-bad-row-stops-all 'bad.csv:4:4: error: hfmps_self_oriented (column D): 106 is outside the range' \
    "$H
P-1001,baseline_arm_1,2026-01-26,96,2,3,2,3,1
P-1003,baseline_arm_1,2026-01-29,70,3,3,2,3,3
P-1002,baseline_arm_1,2026-01-28,106,,,,,
"

# ---- an informant's ratings: a rater column ------------------------------

setup
cat >"$g/raters.csv" <<'CSV'
record_id,time,rater,date,hfmps_self_oriented,hfmps_other_oriented
P-1001,pre,,2026-01-26,80,50
P-1001,pre,partner,2026-01-27,70,55
P-1001,post,Partner,2026-04-20,60,50
P-1001,post,self,2026-04-19,61,49
CSV
run raters.csv spring.group
grep -q '^members/amara.form: pre: new assessment with 2 totals; pre by rater "partner": new assessment with 2 totals; post: new assessment with 2 totals; post by rater "partner": new assessment with 2 totals$' "$tmp/out" &&
    awk '/^assessment /' "$g/members/amara.form" | tr '\n' '|' | grep -qF 'assessment pre 2026-01-26 {|assessment pre 2026-01-27 rater "partner" {|assessment post 2026-04-19 {|assessment post 2026-04-20 rater "partner" {|' &&
    (cd "$g" && "$FORMC" fmt --check members/amara.form) >/dev/null 2>&1 \
    && pass rater/imported || fail rater/imported "exit $rc: $(cat "$tmp/out" "$tmp/err" | head -5); $(grep assessment "$g/members/amara.form")"
# the informant's scores are the member's: the JSON holds them under the rater
(cd "$g" && "$FORMC" scores --json members/amara.form) 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
got = {(w, s["scale"], v["value"]) for s in d["scales"] if s["rater"] == "partner"
       for w, v in s["scores"].items() if v}
want = {("pre", "hfmps.self_oriented", 70), ("pre", "hfmps.other_oriented", 55), ("post", "hfmps.self_oriented", 60), ("post", "hfmps.other_oriented", 50)}
sys.exit(0 if want <= got else 1)' && pass rater/scored || fail rater/scored "the partner's scores are not in formc scores --json"
run raters.csv spring.group
[ $rc -eq 0 ] && grep -q '^nothing to change' "$tmp/out" && pass rater/again-nothing || fail rater/again-nothing "exit $rc: $(cat "$tmp/out")"
# a value that differs in the informant's assessment is a conflict there
printf 'record_id,time,informant,date,hfmps_self_oriented\nP-1001,pre,PARTNER,2026-01-27,72\n' >"$g/conflict.csv"
run conflict.csv spring.group
[ $rc -eq 1 ] && grep -qF 'conflict.csv:2:5: error: hfmps_self_oriented (column E): members/amara.form has hfmps.self_oriented 70 at pre by rater "partner"; the export says 72 (--force replaces it)' "$tmp/err" \
    && pass rater/conflict || fail rater/conflict "exit $rc: $(head -3 "$tmp/err")"
# a map names the rater's column; a follow-up informant goes after the others
printf 'import {\n    rater_column "Who"\n}\n' >"$g/who.map"
printf 'record_id,time,Who,date,hfmps_self_oriented\nP-1001,followup,sister,2026-08-27,55\n' >"$g/who.csv"
run --map who.map who.csv spring.group
[ $rc -eq 0 ] && [ "$(grep '^assessment' "$g/members/amara.form" | tail -1)" = 'assessment followup 2026-08-27 rater "sister" {' ] \
    && pass rater/map || fail rater/map "exit $rc: $(head -3 "$tmp/err")"
setup
refuse rater-with-quote 'bad.csv:2:3: error: rater (column C): a rater'"'"'s name is a word or a few' \
    'record_id,time,rater,date,hfmps_self_oriented
P-1001,pre,"my ""mum""",2026-01-27,70
'
# an invisible control that would reorder the letter's words, and a letter
# with more accents than a text may hold: refused at the cell, where they
# reached the file's check and failed there as an internal error
refuse rater-with-bidi-control 'bad.csv:2:3: error: rater (column C): a rater'"'"'s name is a word or a few' \
    "record_id,time,rater,date,hfmps_self_oriented
P-1001,pre,part$(printf '\342\200\256')ner,2026-01-27,70
"
refuse rater-with-marks 'bad.csv:2:3: error: rater (column C): a rater'"'"'s name is a word or a few' \
    "record_id,time,rater,date,hfmps_self_oriented
P-1001,pre,a$(i=0; while [ $i -lt 31 ]; do printf '\314\201'; i=$((i + 1)); done),2026-01-27,70
"
refuse rater-twice 'bad.csv:3:1: error: record_id (column A): a second row for members/amara.form at post by rater "mother"' \
    'record_id,time,rater,date,hfmps_self_oriented
P-1001,post,mother,2026-04-20,60
P-1001,post,Mother,2026-04-20,61
'
refuse two-rater-columns 'error: informant (column D): a second column for the rater (the first is rater, column C); name the one to read in an import map (rater_column)' \
    'record_id,time,rater,informant,date,hfmps_self_oriented
P-1001,pre,mother,,2026-01-27,70
'

# ---- files that cannot be read: exit 2, nothing written -----------------

setup
before=$(sums)
for args in "nosuch.csv spring.group" "redcap.csv nosuch.group" "--map nosuch.map redcap.csv spring.group"; do
    # shellcheck disable=SC2086
    run $args
    if [ $rc -eq 2 ] && grep -q 'nosuch\.[a-z]*: error: no such file' "$tmp/err" && [ "$(sums)" = "$before" ]; then
        pass "unreadable/$(echo "$args" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /nosuch/) print $i }')"
    else
        fail "unreadable/$args" "exit $rc: $(head -2 "$tmp/err")"
    fi
done
run redcap.csv
[ $rc -eq 2 ] && grep -q 'formc import: name the export, then the group' "$tmp/err" && pass usage-one-file || fail usage-one-file "exit $rc"
