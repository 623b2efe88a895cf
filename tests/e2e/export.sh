#!/bin/sh
# export.sh — end-to-end tests of the research export: `formc scores --csv`
# over the example group is read back with Python's csv module (a real
# RFC 4180 reader) and every figure in it is checked against `formc scores
# --json` of the same member; CR LF line ends; a field holding a comma, a
# quote or a line break is quoted; --redact leaves no name, id, code or true
# date; the same input gives the same bytes; --json with --csv is refused.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=export
. "$(dirname "$0")/lib/common.sh"

if ! command -v python3 >/dev/null 2>&1; then
    echo "skip e2e/export: python3 is not installed"
    exit 0
fi

group="$top/examples/thursday.group"
"$FORMC" scores --csv "$group" >"$tmp/group.csv" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && pass scores-csv-exit || fail scores-csv-exit "exit $rc: $(head -3 "$tmp/err")"
[ "$(grep -c 'cannot compute reliable change' "$tmp/err")" -eq 2 ] && pass scores-csv-gaps-once ||
    fail scores-csv-gaps-once "$(cat "$tmp/err")"
for f in "$top"/examples/members/*.form; do
    "$FORMC" scores --json "$f" >"$tmp/$(basename "$f" .form).json" 2>/dev/null
done

# every row read back and its figures checked against formc scores --json
out=$(python3 - "$tmp" "$tmp/group.csv" <<'EOF' 2>&1
import csv, glob, json, os, sys
tmp, path = sys.argv[1], sys.argv[2]
raw = open(path, 'rb').read()
assert b'\r\n' in raw and raw.count(b'\n') == raw.count(b'\r\n'), "lines end in CR LF"
rows = list(csv.DictReader(open(path, newline='', encoding='utf-8')))
cols = ["group", "member", "rater", "time", "date", "scale", "raw", "t", "percentile", "rci",
        "classification", "norm", "sessions_attended", "left_week"]
assert list(rows[0].keys()) == cols, list(rows[0].keys())

def members(doc):
    """The member records of a scores --json document, whatever its shape."""
    if isinstance(doc, list):
        return [m for d in doc for m in members(d)]
    if "scales" in doc:
        return [doc]
    return [m for m in doc.get("members", [])]

seen = 0
by_id = {}
for f in glob.glob(os.path.join(tmp, "*.json")):
    for m in members(json.load(open(f))):
        by_id[m["patient"]["id"]] = m
assert set(r["member"] for r in rows) == set(by_id), (set(r["member"] for r in rows), set(by_id))
def near(text, value):
    if value is None:
        return text == ""
    return text != "" and abs(float(text) - value) <= 1e-6 * max(1, abs(value))
for r in rows:
    m = by_id[r["member"]]
    assert r["group"] == "thu-w26", r
    rater = r["rater"] or None
    scale = [s for s in m["scales"] if s["scale"] == r["scale"] and s["rater"] == rater]
    assert len(scale) == 1, r
    s = scale[0]
    point = s["scores"][r["time"]]
    assert point is not None, r
    assert near(r["raw"], point["value"]), (r, point)
    assert near(r["t"], point["t"]), (r, point)
    assert near(r["percentile"], point["percentile"]), (r, point)
    if r["time"] == "pre":
        assert r["rci"] == "" and r["classification"] == "", r
    else:
        change = s["change"][r["time"]]
        assert near(r["rci"], change["rci"]), (r, change)
        assert r["classification"] == change["classification"], (r, change)
    norm = s["reference_norm"]
    assert r["norm"] == (norm["name"] if norm else ""), r
    when = [a for a in m["assessments"] if a["when"] == r["time"] and a["rater"] == rater]
    assert len(when) == 1 and when[0]["date"] == r["date"], (r, when)
    seen += 1
expected = sum(1 for m in by_id.values() for s in m["scales"] for p in s["scores"].values() if p)
assert seen == expected, (seen, expected)
ada = [r for r in rows if r["member"] == "P-0201"]
assert all(r["sessions_attended"] == "11" and r["left_week"] == "" for r in ada)
print(seen)
EOF
)
case "$out" in
    [0-9]*) pass "scores-csv-figures ($out rows)" ;;
    *) fail scores-csv-figures "$out" ;;
esac

# quoting: a field with a comma, a quote and a line break survives the round trip
mkdir -p "$tmp/q/members"
cat >"$tmp/q/q.group" <<'EOF'
group "Quoting group" {
    code "q-1"
    starts 2026-01-08
    weeks 12
    meets "Thursdays"
    place "Room 1"
    leader "Dr. A"
    member "members/*.form"
}
EOF
cat >"$tmp/q/members/one.form" <<'EOF'
patient "Quote Test" { id "Q-1, \"north\"" }
clinician "Dr. A"
group "../q.group"
assessment pre 2026-01-02 rater "partner,
    of ten years" {
    hfmps.self_oriented 80
}
left week 3 "Moved, and said so."
EOF
"$FORMC" scores --csv "$tmp/q/q.group" >"$tmp/q.csv" 2>/dev/null
out=$(python3 - "$tmp/q.csv" <<'EOF' 2>&1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert len(rows) == 1, rows
r = rows[0]
assert r["member"] == 'Q-1, "north"', r
assert r["rater"] == "partner, of ten years", r
assert r["left_week"] == "3" and r["sessions_attended"] == "", r
print("ok")
EOF
)
[ "$out" = ok ] && pass scores-csv-quoting || fail scores-csv-quoting "$out"
grep -q '^q-1,"Q-1, ""north""","partner, of ten years",pre,' "$tmp/q.csv" && pass scores-csv-rfc4180 ||
    fail scores-csv-rfc4180 "$(head -2 "$tmp/q.csv")"

# an empty reason for leaving is no reason: null in --json, as one not
# given, where it came out as "" (read by a strict JSON parser)
for reason in ' ""' ' "  "' ''; do
    sed "s/^left week 3 .*/left week 3$reason/" "$tmp/q/members/one.form" > "$tmp/q/members/empty.form"
    "$FORMC" scores --json "$tmp/q/members/empty.form" >"$tmp/empty.json" 2>"$tmp/err"
    rc=$?
    out=$(python3 - "$tmp/empty.json" <<'EOF' 2>&1
import json, sys
def strict(name):
    raise ValueError("not JSON: " + name)
m = json.load(open(sys.argv[1], encoding="utf-8"), parse_constant=strict)
assert m["left_early"] == {"week": 3, "phase": "engagement", "reason": None}, m["left_early"]
print("ok")
EOF
)
    [ "$rc" -eq 0 ] && [ "$out" = ok ] && pass "scores-json-empty-reason-null/'$reason'" ||
        fail "scores-json-empty-reason-null/'$reason'" "exit $rc: $out $(head -c 200 "$tmp/err")"
done
rm -f "$tmp/q/members/empty.form"

# de-identified: pseudonyms, no id, no code, every date moved
"$FORMC" scores --csv --redact "$group" >"$tmp/red.csv" 2>/dev/null
if grep -q 'P-02\|thu-w26\|2026-01-0' "$tmp/red.csv"; then
    fail scores-csv-redact "an id, the code or a true date is left: $(grep -m1 'P-02\|thu-w26\|2026-01-0' "$tmp/red.csv")"
else
    out=$(python3 - "$tmp/red.csv" "$tmp/group.csv" <<'EOF' 2>&1
import csv, sys
red = list(csv.DictReader(open(sys.argv[1], newline='')))
plain = list(csv.DictReader(open(sys.argv[2], newline='')))
assert len(red) == len(plain)
assert all(r["group"] == "G1" for r in red)
assert len(set(r["member"] for r in red)) == len(set(r["member"] for r in plain))
for a, b in zip(red, plain):
    assert (a["scale"], a["raw"], a["rci"], a["classification"]) == (b["scale"], b["raw"], b["rci"], b["classification"])
print("ok")
EOF
)
    [ "$out" = ok ] && pass scores-csv-redact || fail scores-csv-redact "$out"
fi

# deterministic
"$FORMC" scores --csv "$group" 2>/dev/null | cmp -s - "$tmp/group.csv" && pass scores-csv-deterministic ||
    fail scores-csv-deterministic "two runs differ"

"$FORMC" scores --csv --json "$group" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q 'give one' "$tmp/err" && pass scores-csv-json-refused ||
    fail scores-csv-json-refused "exit $rc: $(cat "$tmp/err")"
