#!/bin/sh
# items.sh — scores computed from the answers to the items: the library's
# published keys (SWLS sum, WSAS sum, MSPSS mean) and a clinic's key with
# reverse-keyed items, proration and too many unanswered items, each
# against figures computed by hand; `formc scores`, its JSON and the
# report (English and French) say when a score was prorated and from how
# many items; `formc fmt` keeps a long list of answers as written.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=items
. "$(dirname "$0")/lib/common.sh"

# A clinic's key for a made-up questionnaire: 6 items answered 1-5; scale a
# is items 1, 2, 4, 6 with 2 and 6 reversed (6 - answer), one may be
# unanswered; scale b is the mean of items 3 and 5, none may be.
cat >"$tmp/keys.form" <<'EOF'
instrument tst "Test questionnaire" {
    items 6
    responses 1 5
    scale a "Scale A" {
        range 4 20
        higher worse
        items 4
        reliability 0.8 source "Made up for the test"
        norm community mean 10 sd 3 source "Made up for the test"
    }
    scale b "Scale B" {
        range 1 5
        higher better
    }
    key a {
        items 1, 2, 4, 6
        reverse 2, 6
        prorate 1
    }
    key b {
        items 3, 5
        scored mean
    }
}
EOF
cat >"$tmp/sam.form" <<'EOF'
patient "Samira Haddad" { id "T-0001" }
clinician "Dr. Test Clinician"
status draft
assessment pre 2026-01-09 {
    items swls 3, 2, 4, 2, 2
    items wsas 5, 4, 6, 6, 3
    items mspss 5, 6, 4, 7, 5, 6,
        3, 5, 6, 4, 5, 6
    items tst 5, 1, 3, _, 2, 4
}
assessment post 2026-04-09 {
    items swls 4, 4, 5, _, 3
    items tst 4, _, _, _, 2, 4
}
assessment followup 2026-08-09 {
    items tst 5, 1, 3, 3, 2, 4
    tst.a 15
}
EOF
# By hand:
#   swls pre 3+2+4+2+2 = 13; post: one unanswered, not scored (no proration)
#   wsas pre 5+4+6+6+3 = 24
#   mspss pre (5+6+4+7+5+6+3+5+6+4+5+6)/12 = 62/12 = 5.1667 -> 5.17
#   tst.a pre: 5 + (6-1) + (6-4) = 12 from 3 of 4 items -> 12*4/3 = 16
#   tst.b pre: (3+2)/2 = 2.5; post: item 3 unanswered, not scored
#   tst.a post: 2 of 4 unanswered, not scored
#   tst.a follow-up: 5 + 5 + 3 + 2 = 15, all answered, and typed as 15
"$FORMC" scores --json --instruments "$tmp/keys.form" "$tmp/sam.form" >"$tmp/json" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && pass scores-exit || fail scores-exit "exit $rc: $(head -3 "$tmp/err")"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/json" <<'EOF' && pass hand-computed || fail hand-computed "the JSON differs from the figures computed by hand"
import json, sys
d = json.load(open(sys.argv[1]))
row = {s["scale"]: s["scores"] for s in d["scales"]}
def pt(scale, when): return row[scale][when]
assert pt("swls.total", "pre")["value"] == 13, pt("swls.total", "pre")
assert pt("swls.total", "post") is None
assert pt("wsas.total", "pre")["value"] == 24
assert pt("mspss.total", "pre")["value"] == 5.17
assert pt("mspss.total", "pre")["items"] == {"answered": 12, "of": 12, "prorated": False}
assert pt("tst.a", "pre")["value"] == 16
assert pt("tst.a", "pre")["items"] == {"answered": 3, "of": 4, "prorated": True}
assert pt("tst.a", "post") is None
assert pt("tst.a", "followup")["value"] == 15
assert pt("tst.a", "followup")["items"] == {"answered": 4, "of": 4, "prorated": False}
assert pt("tst.b", "pre")["value"] == 2.5 and pt("tst.b", "post") is None
# T against the made-up norm: 50 + 10 * (16 - 10) / 3 = 70
assert abs(pt("tst.a", "pre")["t"] - 70) < 1e-9
EOF
else
    grep -q '"value": 16, "t": 70, "percentile": [0-9.]*, "items": {"answered": 3, "of": 4, "prorated": true}' "$tmp/json" \
        && pass hand-computed || fail hand-computed "tst.a pre is not 16 from 3 of 4 items"
fi
grep -q 'warning: swls.total is not scored at post: 1 of its 5 items is unanswered, and its key allows none' "$tmp/err" \
    && pass not-scored-library || fail not-scored-library "$(grep swls "$tmp/err" | head -2)"
grep -q 'warning: tst.a is not scored at post: 2 of its 4 items are unanswered, and its key allows at most 1' "$tmp/err" \
    && pass not-scored-prorate || fail not-scored-prorate "$(grep tst.a "$tmp/err" | head -2)"

"$FORMC" scores --instruments "$tmp/keys.form" "$tmp/sam.form" >"$tmp/table" 2>/dev/null
grep -q '^  tst.a at pre: from 3 of its 4 items$' "$tmp/table" && pass table-prorated || fail table-prorated "$(cat "$tmp/table")"
[ "$(grep -c 'from .* of its' "$tmp/table")" -eq 1 ] && pass table-only-prorated || fail table-only-prorated "a score from all its items is listed as prorated"
FORMC_LANG=fr "$FORMC" scores --instruments "$tmp/keys.form" "$tmp/sam.form" >"$tmp/table" 2>/dev/null
grep -q "^scores calculés au prorata\$" "$tmp/table" &&
    grep -q "^  tst.a, avant$(printf '\302\240'): calculé à partir de 3 de ses 4 items\$" "$tmp/table" &&
    pass table-prorated-french || fail table-prorated-french "$(cat "$tmp/table")"

# the report says it, in English and in French
if command -v pdftotext >/dev/null 2>&1; then
    "$FORMC" report --instruments "$tmp/keys.form" "$tmp/sam.form" -o "$tmp/en.pdf" 2>/dev/null
    pdftotext "$tmp/en.pdf" - | tr '\n' ' ' | grep -q 'Scale A (tst), pre: prorated from 3 of its 4 items' \
        && pass report-en || fail report-en "no proration note in the report"
    sed 's/^status draft$/status draft\nlanguage fr/' "$tmp/sam.form" >"$tmp/sam-fr.form"
    "$FORMC" report --instruments "$tmp/keys.form" "$tmp/sam-fr.form" -o "$tmp/fr.pdf" 2>/dev/null
    pdftotext "$tmp/fr.pdf" - | tr '\n' ' ' | grep -q 'Scale A (tst), avant : score calculé au prorata de 3 items sur 4' \
        && pass report-fr || fail report-fr "no proration note in the French report"
fi

# a clinic's key replaces the library's, with a warning, and is used
cat >"$tmp/wsas-key.form" <<'EOF'
instrument wsas "Work and Social Adjustment Scale" {
    key total {
        items 1, 2, 3, 4, 5
        prorate 1
        source "Clinic policy: one unanswered item (work, for a retired patient) is prorated"
    }
}
EOF
sed 's/items wsas 5, 4, 6, 6, 3/items wsas _, 4, 6, 6, 3/' "$tmp/sam.form" >"$tmp/retired.form"
"$FORMC" scores --json --instruments "$tmp/keys.form" --instruments "$tmp/wsas-key.form" "$tmp/retired.form" >"$tmp/json" 2>"$tmp/err"
grep -q 'warning: this replaces the key of wsas.total declared in' "$tmp/err" && pass clinic-key-warns || fail clinic-key-warns "$(head -2 "$tmp/err")"
# (4 + 6 + 6 + 3) * 5 / 4 = 23.75
grep -q '"value": 23.75, "t": null, "percentile": null, "items": {"answered": 4, "of": 5, "prorated": true}' "$tmp/json" \
    && pass clinic-key-used || fail clinic-key-used "$(grep -o '"scale": "wsas.total".*' "$tmp/json" | head -1)"

# formc fmt keeps a list of answers continued after a comma
"$FORMC" fmt --stdout "$tmp/sam.form" >"$tmp/fmt" 2>"$tmp/err"
grep -q '^    items mspss 5, 6, 4, 7, 5, 6,$' "$tmp/fmt" && grep -q '^        3, 5, 6, 4, 5, 6$' "$tmp/fmt" \
    && pass fmt-keeps-lists || fail fmt-keeps-lists "$(grep -A1 mspss "$tmp/fmt")"
