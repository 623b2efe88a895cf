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

# ---- the table in the messages' language ----------------------------------
# The table is text a person reads: under FORMC_LANG=fr its titles, labels
# and outcomes are French, its numbers have a decimal comma, its columns
# still line up (counted in characters, not bytes); JSON and CSV are data
# and stay as they are in English.
NB=$(printf '\302\240')
FORMC_LANG=fr "$FORMC" scores examples/members/ada.form >"$tmp/fr" 2>"$tmp/fr.err"; rc=$?
head_fr=$(grep -m1 '^échelle ' "$tmp/fr")
if [ $rc -eq 0 ] && [ -n "$head_fr" ] &&
   for w in avant après suivi 'T avant' centile ICF 'au suivi' seuil norme; do
       case "$head_fr" in *" $w"*) ;; *) exit 1 ;; esac
   done; then ok table-french-titles; else no table-french-titles "exit $rc: ${head_fr:-no French header}"; fi
grep -q '^hfmps.self_oriented .* 70,5 .* -2,62 rétabli .* -3,21 rétabli .* 93,29 \[1\] university$' "$tmp/fr" &&
    ok table-french-row || no table-french-row "$(grep '^hfmps.self_oriented' "$tmp/fr")"
grep -q '^autoévaluation$' "$tmp/fr" && grep -q 'non calculable .* aucune norme publiée dans la bibliothèque$' "$tmp/fr" &&
    grep -q "^  .*\[psps.nondisclosure 28$NB; après$NB: atteinte$NB; suivi$NB: atteinte\]$" "$tmp/fr" &&
    grep -q "^objectifs$" "$tmp/fr" && grep -q "^normes$" "$tmp/fr" &&
    grep -q "^  \[1\] university$NB: moyenne 65,27$NB; écart-type 14,01$NB; university students" "$tmp/fr" &&
    grep -q '^Scores T et rangs centiles' "$tmp/fr" &&
    ok table-french-labels || no table-french-labels "$(head -c 600 "$tmp/fr")"
if grep -n 'recovered\|unchanged\|not computable\|self-report\|no published norm\|T-scores\|^goals\|^norms\|mean [0-9]\|: met' "$tmp/fr"
then no table-french-no-english "English words left in the French table"; else ok table-french-no-english; fi
if command -v python3 >/dev/null 2>&1; then
    # each title ends (or, for the left-aligned, starts) where its cells do
    python3 - "$tmp/fr" <<'PY' && ok table-french-aligned || no table-french-aligned "columns do not line up"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
h = [l for l in lines if l.startswith("échelle ")][0]
row = [l for l in lines if l.startswith("hfmps.self_oriented ")][0]
for title, cell in (("avant", "94"), ("T avant", "70,5"), ("seuil", "93,29")):
    assert h.index(" " + title + " ") + len(title) + 1 == row.index(" " + cell + " ") + len(cell) + 1, title
assert h.index(" norme") == row.index(" [1]"), "norme"
assert h.index(" ICF après") + 4 == row.index(" rétabli"), "après"
PY
fi
FORMC_LANG=fr "$FORMC" scores examples/members/gerry.form >"$tmp/gfr" 2>/dev/null
grep -q '^partner$' "$tmp/gfr" && [ "$(grep -c '^échelle ' "$tmp/gfr")" -eq 2 ] &&
    ok table-french-informant || no table-french-informant "$(grep -c '^échelle ' "$tmp/gfr") headers"
grep -q "psps.nondisclosure et pci.total n'ont pas de fidélité dans la bibliothèque d'instruments$NB: impossible pour formc de calculer le changement fiable sur ces échelles" "$tmp/fr.err" &&
    ! grep -q ' have \| them\| figures' "$tmp/fr.err" &&
    ok note-french || no note-french "$(cat "$tmp/fr.err")"
FORMC_LANG=fr "$FORMC" report examples/members/ada.form -o "$tmp/ada.pdf" 2>"$tmp/rep.err" >/dev/null
grep -q "impossible pour le rapport de calculer" "$tmp/rep.err" && ok note-french-report || no note-french-report "$(cat "$tmp/rep.err")"
for fmt in --json --csv; do
    FORMC_LANG=fr "$FORMC" scores $fmt examples/thursday.group >"$tmp/data.fr" 2>/dev/null
    FORMC_LANG=en "$FORMC" scores $fmt examples/thursday.group >"$tmp/data.en" 2>/dev/null
    if [ -s "$tmp/data.en" ] && cmp -s "$tmp/data.fr" "$tmp/data.en"; then ok "data-stays-english$fmt"
    else no "data-stays-english$fmt" "the $fmt output differs in French"; fi
done
