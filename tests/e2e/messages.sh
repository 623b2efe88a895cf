#!/bin/sh
# messages.sh — formc speaks the user's language: its messages are French
# when the locale is (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads
# them; FORMC_LANG chooses over them), English otherwise, and a French
# diagnostic points at the same file:line:column as its English.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
SUITE=messages
. "$(dirname "$0")/lib/common.sh"

# speak LOCALE ARGS...: formc ARGS with LANG=LOCALE and no other locale
# variable set; stderr in $tmp/err, stdout in $tmp/out, status in $rc.
speak() {
    loc=$1; shift
    (cd "${RUN_IN:-.}" && env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u FORMC_LANG LANG="$loc" \
        timeout 60 "$FORMC" "$@" >"$tmp/out" 2>"$tmp/err")
    rc=$?
}
# the places of the diagnostics in $tmp/err (file:line:col, or file:)
places() { grep -oE '^[^ :]+:([0-9]+:[0-9]+:)?' "$tmp/err"; }

NB=$(printf '\302\240')

# ---- the language chosen -------------------------------------------------
for loc in fr fr_CA.UTF-8 fr_FR fr_BE.UTF-8; do
    speak "$loc" --help
    if [ "$rc" -eq 0 ] && head -n 1 "$tmp/out" | grep -q "^usage$NB: formc COMMANDE"; then pass "help-french/$loc"
    else fail "help-french/$loc" "exit $rc: $(head -n 1 "$tmp/out")"; fi
done
for loc in C POSIX en_US.UTF-8 de_DE.UTF-8 ""; do
    speak "$loc" --help
    if [ "$rc" -eq 0 ] && head -n 1 "$tmp/out" | grep -q '^usage: formc COMMAND'; then pass "help-english/${loc:-unset}"
    else fail "help-english/${loc:-unset}" "exit $rc: $(head -n 1 "$tmp/out")"; fi
done
# LC_ALL before LANG; LANGUAGE before both; FORMC_LANG before all
out=$(env -u FORMC_LANG -u LANGUAGE LC_ALL=fr_CA.UTF-8 LANG=C "$FORMC" nonsense 2>&1)
case "$out" in "formc$NB: commande inconnue"*) pass lc-all-before-lang ;; *) fail lc-all-before-lang "$out" ;; esac
out=$(env -u FORMC_LANG LANGUAGE=fr:en LC_ALL=en_US.UTF-8 "$FORMC" nonsense 2>&1)
case "$out" in "formc$NB: commande inconnue"*) pass language-first ;; *) fail language-first "$out" ;; esac
out=$(env FORMC_LANG=en LANGUAGE=fr LC_ALL=fr_FR.UTF-8 "$FORMC" nonsense 2>&1)
case "$out" in "formc: unknown command 'nonsense'"*) pass formc-lang-en ;; *) fail formc-lang-en "$out" ;; esac
out=$(env FORMC_LANG=fr LC_ALL=C "$FORMC" nonsense 2>&1)
case "$out" in "formc$NB: commande inconnue «${NB}nonsense$NB»"*) pass formc-lang-fr ;; *) fail formc-lang-fr "$out" ;; esac

# ---- the command line's messages -----------------------------------------
speak fr_CA.UTF-8 check --paper
if [ "$rc" -eq 2 ] && grep -q "^formc check$NB: option inconnue «$NB--paper$NB»$NB; lancez «${NB}formc --help$NB»\$" "$tmp/err"
then pass option-french; else fail option-french "exit $rc: $(cat "$tmp/err")"; fi
speak fr_CA.UTF-8 check "$tmp/missing.form"
if [ "$rc" -eq 2 ] && grep -q "^$tmp/missing.form: erreur$NB: fichier introuvable\$" "$tmp/err"
then pass missing-file-french; else fail missing-file-french "exit $rc: $(cat "$tmp/err")"; fi
speak C check "$tmp/missing.form"
if [ "$rc" -eq 2 ] && grep -q "^$tmp/missing.form: error: no such file\$" "$tmp/err"
then pass missing-file-english; else fail missing-file-english "exit $rc: $(cat "$tmp/err")"; fi

# ---- formc check: French, at the same places -----------------------------
# a file with errors of several kinds; under LANG=C the golden English
RUN_IN="$top/tests/golden"
for case in arg_missing duplicate_field unknown_field; do
    [ -f "$RUN_IN/$case.form" ] || { fail "check/$case" "no tests/golden/$case.form"; continue; }
    speak C check "$case.form"
    english_rc=$rc
    if [ "$(cat "$tmp/err"; echo "exit $rc")" = "$(cat "$RUN_IN/$case.expected")" ]; then pass "check-english/$case"
    else fail "check-english/$case" "under LANG=C: $(head -c 300 "$tmp/err")"; fi
    places > "$tmp/english-places"
    speak fr_CA.UTF-8 check "$case.form"
    places > "$tmp/french-places"
    if [ "$rc" -eq "$english_rc" ] && [ -s "$tmp/french-places" ] && cmp -s "$tmp/english-places" "$tmp/french-places" &&
       grep -q ": erreur$NB: " "$tmp/err" && ! grep -q ': error: ' "$tmp/err"
    then pass "check-french/$case"
    else fail "check-french/$case" "exit $rc (English $english_rc): $(head -c 400 "$tmp/err")"; fi
done

# ---- every golden case, in French ----------------------------------------
# Each case of tests/golden checked under LANG=fr_CA.UTF-8 gives as many
# diagnostics as under LANG=C, at the same places, with the same exit
# status, and each in other words than its English: no message is left
# in English.
cd "$top/tests/golden" || exit 1
untranslated=""
for src in *.form *.group; do
    base=${src%.*}
    [ -f "$base.expected" ] || continue
    args=""
    [ -f "$base.args" ] && args=$(cat "$base.args")
    # shellcheck disable=SC2086
    speak C check $args "$src"
    english_rc=$rc
    grep -E '^[^ ]+: (error|warning|note): ' "$tmp/err" > "$tmp/english"
    # shellcheck disable=SC2086
    speak fr_CA.UTF-8 check $args "$src"
    grep -E "^[^ ]+: (erreur|avertissement|note)$NB: " "$tmp/err" > "$tmp/french"
    if [ "$rc" -ne "$english_rc" ] || [ "$(wc -l < "$tmp/english")" -ne "$(wc -l < "$tmp/french")" ]; then
        untranslated="$untranslated $base(exit $rc, $(wc -l < "$tmp/french") of $(wc -l < "$tmp/english") French)"
        continue
    fi
    # the same places; each message in other words
    same=$(paste -d '\n' "$tmp/english" "$tmp/french" | awk -v nb="$NB" '
        NR % 2 { place = $0; sub(/ (error|warning|note): .*/, "", place); msg = $0; sub(/^[^ ]+ [a-z]+: /, "", msg); next }
        { fplace = $0; sub(/ (erreur|avertissement|note)\302\240: .*/, "", fplace); fmsg = $0; sub(/^[^ ]+ [a-z]+\302\240: /, "", fmsg)
          if (fplace != place || fmsg == msg) { print place; exit } }')
    [ -z "$same" ] || untranslated="$untranslated $base($same)"
done
if [ -z "$untranslated" ]; then pass golden-all-french
else fail golden-all-french "left in English or moved:$untranslated"; fi

# ---- a clinic's own template, in French ----------------------------------
mkdir "$tmp/templates"
cp "$top"/templates/*.tmpl "$tmp/templates/"
printf '{{#each}}\n' >> "$tmp/templates/report.en.tmpl"
RUN_IN="$top"
speak C check --templates "$tmp/templates" examples/members/ada.form
grep -oE '^[^ ]+:[0-9]+:[0-9]+:' "$tmp/err" > "$tmp/english-places"
speak fr_CA.UTF-8 check --templates "$tmp/templates" examples/members/ada.form
if [ "$rc" -eq 1 ] && grep -q "report.en.tmpl:[0-9]*:1: erreur$NB: «$NB{{#each}}$NB» demande un nom" "$tmp/err" &&
   [ "$(grep -oE '^[^ ]+:[0-9]+:[0-9]+:' "$tmp/err")" = "$(cat "$tmp/english-places")" ]
then pass template-french; else fail template-french "exit $rc: $(head -c 300 "$tmp/err")"; fi

# ---- formc import: an export formc cannot read, in French ----------------
printf 'sep=|\nid|time\n' > "$tmp/export.csv"
speak fr_CA.UTF-8 import --dry-run "$tmp/export.csv" examples/thursday.group
if [ "$rc" -eq 1 ] && grep -q "^$tmp/export.csv: erreur$NB: nomme le séparateur «$NB|$NB» (sep=|)$NB; formc lit une virgule" "$tmp/err" &&
   grep -q "rien n'est écrit$NB: 1 erreur dans l'export" "$tmp/err"
then pass import-french; else fail import-french "exit $rc: $(head -c 300 "$tmp/err")"; fi
