#!/bin/sh
# formc scores: the table and the JSON export, on the examples and with a
# clinic instrument file that overrides a scale (hand-computed figures:
# BDI-style norms, r = .81, functional 8/8, clinical 35.48/8.16).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { echo "pass scores/$1"; }
no() { echo "FAIL scores/$1: $2"; }

cat > "$tmp/clinic.form" <<'EOT'
instrument bdi "Beck Depression Inventory-II" {
    scale total "Depression (local norms)" {
        range 0 63
        higher worse
        reliability 0.81 source "Clinic manual"
        norm community mean 8 sd 8 source "Clinic manual"
        norm clinical mean 35.48 sd 8.16 source "Clinic manual"
    }
}
EOT
out=$("$FORMC" scores examples/members/ada.form 2>"$tmp/err"); rc=$?
[ $rc -eq 0 ] && ok table-exit || no table-exit "exit $rc"
echo "$out" | grep -q '^hfmps.self_oriented .* recovered' && ok table-row || no table-row "no hfmps.self_oriented row with an outcome"
echo "$out" | grep -q 'no published norm in the library' && ok table-no-norm || no table-no-norm "missing 'no published norm in the library'"
echo "$out" | grep -q 'Visvalingam' && ok table-source || no table-source "norm source not shown"
[ "$(grep -c 'note: .*psps.nondisclosure.* have no reliability' "$tmp/err")" -eq 1 ] && ! grep -q 'warning:' "$tmp/err" &&
    ok note-no-reliability || no note-no-reliability "not one note for the scales without reliability: $(head -c 300 "$tmp/err")"
grep -qi 'nan\|inf' "$tmp/err" && no no-nan "NaN or inf printed" || true
echo "$out" | grep -qi ' nan\| inf' && no no-nan "NaN or inf in the table" || ok no-nan

json=$("$FORMC" scores --json --instruments "$tmp/clinic.form" examples/members/ada.form 2>"$tmp/err"); rc=$?
[ $rc -eq 0 ] && ok json-exit || no json-exit "exit $rc"
[ "$(grep -c 'this replaces bdi.total' "$tmp/err")" -eq 1 ] && ok override-warning-once || no override-warning-once "$(cat "$tmp/err" | head -3)"
if command -v python3 >/dev/null 2>&1; then
    printf '%s' "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
row = [s for s in d["scales"] if s["scale"] == "bdi.total" and s["rater"] is None][0]
assert abs(row["cutoff"]["value"] - 21.6039604) < 1e-6, row["cutoff"]
assert row["cutoff"]["kind"] == "c"
assert abs(row["change"]["post"]["rci"] - (-10 / (2 ** 0.5 * 8 * 0.19 ** 0.5))) < 1e-6
assert row["change"]["post"]["classification"] == "recovered"
assert row["scores"]["pre"]["t"] == 70
assert d["schema"] == 1
' && ok json-figures || no json-figures "JSON figures differ from the hand-computed ones"
else
    echo "$json" | grep -q '"kind": "c", "value": 21.6039604' && ok json-figures || no json-figures "cutoff c not 21.60"
fi
"$FORMC" scores examples/members/gerry.form >"$tmp/g" 2>/dev/null
grep -q '^partner' "$tmp/g" && ok informant-apart || no informant-apart "informant ratings not listed apart"
