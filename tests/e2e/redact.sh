#!/bin/sh
# redact.sh — end-to-end tests of --redact: no identifier of the source (the
# patient's names, also inside the clinician's texts, the ID, the birth date
# and every exact date in each form the documents print, the clinic's name,
# address and telephone, the group's place and code) appears anywhere in a
# redacted report, letter or group summary: not in its text (pdftotext), its metadata
# (pdfinfo), its raw bytes, nor its uncompressed objects (qpdf --qdf); the
# formulation itself, the age and the intervals between dates are still
# there; and the output is the same for the same input.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=redact
. "$(dirname "$0")/lib/common.sh"

cp -R "$top/examples" "$tmp/ex" || exit 1
# A patient (another person than the example's Ada, with an ID of her own)
# whose names, ID and a relative's name run through the texts,
# as clinicians write them: possessives, capitals, a curly apostrophe, the
# family name alone, a hyphenated name, a name typed in lower case.
cat > "$tmp/ex/members/nwosu.form" <<'EOF'
patient "Adaeze Chioma Nwosu-Eze" {
    id "P-0291"
    preferred "Ada"
    born 1989-09-04
    pronouns "she/her"
}
clinician "Dr. Leah Brandt, R.Psych."
group "../thursday.group"
assessment pre 2026-01-07 {
    hfmps.self_oriented 94
    hfmps.socially_prescribed 71
}
assessment post 2026-04-10 rater "Ada's partner" {
    hfmps.self_oriented 80
}
assessment post 2026-04-10 {
    hfmps.self_oriented 76
    hfmps.socially_prescribed 62
}
crp {
    acts_of_self "Ada re-checks her charting at home; chart P-0291 notes it."
    expectations_of_others "Adaeze expects people to drift away once she stops being useful."
    acts_of_others "Her manager tells her: ADA, you are the one we count on. Ms. Nwosu-Eze agrees."
    introject "Calls herself lazy when she is exhausted; the Nwosu family motto was never rest."
}
adaptation {
    need "To be cared for without having to prove that she is capable, as ada put it."
    affect "Exhaustion and loneliness in Ada’s own words."
    defense "Over-functioning and caretaking, as chioma did at home."
}
object_relations {
    past "Eldest of four, praised as the child who never needed anything."
    current "An ICU charge nurse whose manager leans on her."
    expected "Likely to look after the group, as Eze would."
}
goal "Ada brings a worry of her own before responding to anyone else's."
letter {
    pattern "Ada, you have spent most of your life being the one other people can count on."
    in_group "In the group you will probably feel a strong pull to look after everyone else."
}
EOF


# every form in which a document may print a date (ISO, English, French)
date_forms() {
    LC_ALL=C date -u -d "$1" "+%Y-%m-%d%n%-d %B %Y%n%B %-d, %Y%n%d/%m/%Y%n%m/%d/%Y%n%A, %B %-d, %Y"
    printf '%s\n' "$(LC_ALL=C date -u -d "$1" +%-d) $(echo janvier février mars avril mai juin juillet août septembre octobre novembre décembre |
        cut -d' ' -f"$(LC_ALL=C date -u -d "$1" +%-m)") $(LC_ALL=C date -u -d "$1" +%Y)"
}

# The identifiers, one per line: names (each word too), ID, clinic, place,
# code, and every date of the source in every printed form.
{
    printf '%s\n' "Adaeze Chioma Nwosu-Eze" Adaeze Chioma Nwosu Eze Nwosu-Eze Ada P-0291 \
        "Larch Street Centre for Relational Psychotherapy" "1180 Larch Street" "Larch Street" \
        "Suite 300" "604-555-0142" "6045550142" "Group Room B" "thu-w26"
    for d in 1989-09-04 2026-01-07 2026-04-10 2026-01-15; do date_forms "$d"; done
} > "$tmp/identifiers"

# hex_forms FILE: each line of FILE as the hex of its UTF-16BE bytes, as a
# PDF may write a text string (one iconv for the whole file)
hex_forms() {
    iconv -f UTF-8 -t UTF-16BE < "$1" | od -An -tx1 -v | tr -d ' \n' |
        awk '{ line = ""
               for (i = 1; i <= length($0); i += 4) {
                   u = substr($0, i, 4)
                   if (u == "000a") { print line; line = "" } else line = line u
               } }'
}

# leaks PDF: the identifiers found in the PDF's text, metadata, raw bytes
# or uncompressed objects (strings written as text or as UTF-16 hex).
# Every identifier is first looked for at once, one search per form of the
# PDF; only a PDF where one is found is searched identifier by identifier,
# to name them (a redacted PDF, the usual case, costs a few processes,
# not a dozen per identifier)
leaks() {
    pdftotext "$1" "$tmp/text.txt" 2>/dev/null
    pdftotext -raw "$1" - >> "$tmp/text.txt" 2>/dev/null
    pdfinfo -meta "$1" > "$tmp/info.txt" 2>/dev/null
    qpdf --qdf --object-streams=disable "$1" "$tmp/qdf.pdf" 2>/dev/null
    grep -v '^$' "$tmp/identifiers" > "$tmp/ids"
    hex_forms "$tmp/ids" > "$tmp/ids.hex"
    # a short name may turn up by chance in the compressed bytes of the
    # file itself ("kAI"): those are searched for longer ones
    paste "$tmp/ids" "$tmp/ids.hex" | awk -F '\t' 'length($1) >= 5' > "$tmp/ids.long"
    cut -f 1 "$tmp/ids.long" > "$tmp/ids.long.text"
    cut -f 2 "$tmp/ids.long" > "$tmp/ids.long.hex"
    grep -a -q -i -w -F -f "$tmp/ids" "$tmp/text.txt" "$tmp/info.txt" "$tmp/qdf.pdf" ||
        grep -a -q -i -F -f "$tmp/ids.hex" "$tmp/text.txt" "$tmp/info.txt" "$tmp/qdf.pdf" ||
        grep -a -q -i -w -F -f "$tmp/ids.long.text" "$1" ||
        grep -a -q -i -F -f "$tmp/ids.long.hex" "$1" ||
        return 0
    paste "$tmp/ids" "$tmp/ids.hex" | while IFS="$(printf '\t')" read -r id hex; do
        for f in "$tmp/text.txt" "$tmp/info.txt" "$1" "$tmp/qdf.pdf"; do
            [ "$f" = "$1" ] && [ "${#id}" -lt 5 ] && continue
            if grep -a -q -i -w -F -- "$id" "$f" || grep -a -q -i -F -- "$hex" "$f"; then
                echo "'$id' in $(basename "$f")"
                break
            fi
        done
    done
}

cd "$tmp/ex" || exit 1

# the check itself finds identifiers in a document that is not redacted
run report -o "$tmp/plain.pdf" members/nwosu.form
found=$(leaks "$tmp/plain.pdf")
if [ "$rc" -eq 0 ] && printf '%s' "$found" | grep -q "'Adaeze Chioma Nwosu-Eze'" &&
   printf '%s' "$found" | grep -q "'P-0291'" && printf '%s' "$found" | grep -q "'2026-01-07'\|'January 7, 2026'"; then
    pass finds_identifiers_unredacted
else
    fail finds_identifiers_unredacted "rc=$rc; found: $(printf '%s' "$found" | head -n 3 | tr '\n' ' ')"
fi

run report --redact -o "$tmp/report.pdf" members/nwosu.form
if [ "$rc" -eq 0 ] && [ -s "$tmp/report.pdf" ]; then pass report_written
else fail report_written "rc=$rc $(head -n 2 "$tmp/err")"; fi
found=$(leaks "$tmp/report.pdf")
if [ -z "$found" ]; then pass report_no_identifier
else fail report_no_identifier "$(printf '%s' "$found" | head -n 5 | tr '\n' ' ')"; fi

# a name that is also a common word: in lower case it is the word, left
# as written and said in a note; as the name it is replaced
sed -e 's/"Adaeze Chioma Nwosu-Eze"/"Rose Okafor"/' -e 's/preferred "Ada"/preferred "Rose"/' \
    -e 's/need "[^"]*"/need "Rose rose to every challenge at work."/' -e '/^group /d' members/nwosu.form > "$tmp/rose.form"
run report --redact -o "$tmp/rose.pdf" "$tmp/rose.form"
pdftotext "$tmp/rose.pdf" - 2>/dev/null | tr '\n' ' ' > "$tmp/rose.txt"
if [ "$rc" -eq 0 ] && grep -q "rose to every challenge" "$tmp/rose.txt" && ! grep -q "Rose rose" "$tmp/rose.txt" &&
   grep -q "note: --redact left 'rose' as written" "$tmp/err"; then pass common_word_name_left_in_lower_case
else fail common_word_name_left_in_lower_case "rc=$rc: $(grep -o '.\{20\}rose to every.\{5\}' "$tmp/rose.txt"); $(grep note "$tmp/err" | head -c 300)"; fi

run letter --redact -o "$tmp/letter.pdf" members/nwosu.form
if [ "$rc" -eq 0 ] && [ -s "$tmp/letter.pdf" ]; then pass letter_written
else fail letter_written "rc=$rc $(head -n 2 "$tmp/err")"; fi
found=$(leaks "$tmp/letter.pdf")
if [ -z "$found" ]; then pass letter_no_identifier
else fail letter_no_identifier "$(printf '%s' "$found" | head -n 5 | tr '\n' ' ')"; fi

# the formulation itself is kept, with a pseudonym where the names were
pdftotext "$tmp/report.pdf" - 2>/dev/null | tr -s ' \n' '  ' > "$tmp/report.txt"
pseudonym=$(pdfinfo "$tmp/report.pdf" | sed -n 's/^Title: *Formulation report: //p')
bad=""
printf '%s' "$pseudonym" | grep -q '^[A-Z][0-9][0-9]$' || bad="$bad pseudonym '$pseudonym';"
for phrase in "re-checks her charting at home" "drift away once she stops being useful" \
              "Calls herself lazy when she is exhausted" "To be cared for without having to prove" \
              "$pseudonym brings a worry of her own" "$pseudonym's partner" "Ms. $pseudonym agrees" \
              "in $pseudonym’s own words" "chart [ID removed] notes it" "Age 36" "she/her"; do
    grep -q -F -- "$phrase" "$tmp/report.txt" || bad="$bad '$phrase'"
done
if [ -z "$bad" ]; then pass report_keeps_formulation; else fail report_keeps_formulation "missing:$bad"; fi

pdftotext "$tmp/letter.pdf" - 2>/dev/null | tr -s ' \n' '  ' > "$tmp/letter.txt"
bad=""
for phrase in "Dear $pseudonym," "$pseudonym, you have spent most of your life" \
              "[address removed]" "[telephone removed]" "[place removed]" "[date removed]" \
              "Led by: Dr. Leah Brandt and Dr. Marcus Oyelaran" "De-identified copy"; do
    grep -q -F -- "$phrase" "$tmp/letter.txt" || bad="$bad '$phrase'"
done
if [ -z "$bad" ]; then pass letter_keeps_words; else fail letter_keeps_words "missing:$bad"; fi

# dates move together: the same days between pre and post, and the group
# still starts on a Thursday
pre=$(sed -n 's/.*Pre \([A-Z][a-z]* [0-9]*, [0-9]*\).*/\1/p' "$tmp/report.txt" | head -n 1)
post=$(sed -n 's/.*Post \([A-Z][a-z]* [0-9]*, [0-9]*\).*/\1/p' "$tmp/report.txt" | head -n 1)
starts=$(sed -n 's/.*First meeting: \([A-Za-z]*\), .*/\1/p' "$tmp/letter.txt")
days=""
[ -n "$pre" ] && [ -n "$post" ] &&
    days=$(( ($(date -u -d "$post" +%s) - $(date -u -d "$pre" +%s)) / 86400 ))
if [ "$days" = 93 ] && [ "$starts" = Thursday ]; then pass dates_shift_together
else fail dates_shift_together "pre '$pre' post '$post' ($days days, want 93), group starts on '$starts'"; fi

# the clinician is told which capitalised words formc cannot judge
run report --redact -o "$tmp/again.pdf" members/nwosu.form
if grep -q "note: --redact cannot judge these capitalised words.*ICU" "$tmp/err"; then pass capitalised_words_noted
else fail capitalised_words_noted "$(head -n 3 "$tmp/err" | tr '\n' ' ')"; fi

# the same input gives the same bytes, and the report and letter share the pseudonym
if cmp -s "$tmp/report.pdf" "$tmp/again.pdf" &&
   [ "$(pdfinfo "$tmp/letter.pdf" | sed -n 's/^Title: *Preparation letter: //p')" = "$pseudonym" ]; then
    pass deterministic
else
    fail deterministic "report bytes differ, or the letter's pseudonym is not '$pseudonym'"
fi

# without -o, the document is named after the pseudonym, not the file
mkdir -p "$tmp/named"
(cd "$tmp/named" && "$FORMC" report --redact "$tmp/ex/members/nwosu.form" 2>/dev/null &&
    "$FORMC" letter --redact "$tmp/ex/members/nwosu.form" 2>/dev/null)
got=$(ls "$tmp/named" | tr '\n' ' ')
if [ "$got" = "$pseudonym-letter.pdf $pseudonym-report.pdf " ]; then pass default_output_name
else fail default_output_name "wrote '$got'"; fi

# every member of the example group, report and letter; then the group's
# summary, which holds them all
bad=""
: > "$tmp/all-identifiers"
for f in members/*.form; do
    name=$(sed -n 's/^patient "\([^"]*\)".*/\1/p' "$f")
    { printf '%s\n' "$name"; printf '%s\n' $name; sed -n 's/^ *\(id\|preferred\) "\([^"]*\)".*/\2/p' "$f"
      sed -n 's/^ *\(born\|assessment [a-z]*\) \([0-9-]*\).*/\2/p' "$f" | while read -r d; do date_forms "$d"; done
    } > "$tmp/identifiers"
    cat "$tmp/identifiers" >> "$tmp/all-identifiers"
    run report --redact -o "$tmp/m.pdf" "$f"
    [ "$rc" -eq 0 ] || { bad="$bad $f:report rc=$rc"; continue; }
    found=$(leaks "$tmp/m.pdf")
    [ -z "$found" ] || bad="$bad $f:$(printf '%s' "$found" | head -n 1)"
    pdfinfo "$tmp/m.pdf" | sed -n 's/^Title: *Formulation report: //p' >> "$tmp/pseudonyms"
    run letter --redact -o "$tmp/m.pdf" "$f"
    found=$(leaks "$tmp/m.pdf")
    [ "$rc" -eq 0 ] && [ -z "$found" ] || bad="$bad $f:letter $(printf '%s' "$found" | head -n 1)"
done
if [ -z "$bad" ]; then pass every_example_member; else fail every_example_member "$bad"; fi

{ cat "$tmp/all-identifiers"
  printf '%s\n' "Larch Street" "604-555-0142" "Group Room B" "thu-w26" members/ada.form
  date_forms 2026-01-15; date_forms 2026-04-02
} > "$tmp/identifiers"
run summary --redact -o "$tmp/summary.pdf" thursday.group
found=$(leaks "$tmp/summary.pdf")
if [ "$rc" -eq 0 ] && [ -z "$found" ]; then pass summary_no_identifier
else fail summary_no_identifier "rc=$rc $(printf '%s' "$found" | head -n 5 | tr '\n' ' ')"; fi

# the summary shows each member under the pseudonym of their own report
pdftotext -layout "$tmp/summary.pdf" - 2>/dev/null > "$tmp/summary.txt"
missing=""
while read -r p; do
    grep -q -w -- "$p" "$tmp/summary.txt" || missing="$missing $p"
done < "$tmp/pseudonyms"
if [ -s "$tmp/pseudonyms" ] && [ -z "$missing" ] && grep -q "\[date removed\]" "$tmp/summary.txt"; then
    pass summary_same_pseudonyms
else
    fail summary_same_pseudonyms "not in the summary:$missing"
fi

run summary --redact -o "$tmp/summary2.pdf" thursday.group
if cmp -s "$tmp/summary.pdf" "$tmp/summary2.pdf"; then pass summary_deterministic
else fail summary_deterministic "two runs differ"; fi

# formc build --redact: the same de-identified documents, named after the
# pseudonyms, in a folder of their own
run build --redact --quiet -o "$tmp/built" thursday.group
bad=""
[ "$rc" -eq 0 ] || bad="rc=$rc $(head -n 2 "$tmp/err")"
for p in $(cat "$tmp/pseudonyms"); do
    for kind in report letter; do
        [ -f "$tmp/built/thu-w26-redacted/$p-$kind.pdf" ] || bad="$bad no $p-$kind.pdf;"
    done
done
[ -f "$tmp/built/thu-w26-redacted/redacted-summary.pdf" ] || bad="$bad no redacted-summary.pdf;"
[ ! -e "$tmp/built/thu-w26" ] || bad="$bad wrote thu-w26/;"
for f in "$tmp"/built/thu-w26-redacted/*.pdf; do
    found=$(leaks "$f")
    [ -z "$found" ] || bad="$bad $(basename "$f"): $(printf '%s' "$found" | head -n 1)"
done
if [ -z "$bad" ]; then pass build_redacted; else fail build_redacted "$bad"; fi

# two members whose files give the same pseudonym by their hash: the second
# takes the next free one, the same in every command (a comment is varied
# until they collide, with the hash pseudonym.h documents)
mkdir -p "$tmp/twins/members"
sed 's|^ *group .*\.group".*|group "../twins.group"|' members/ada.form > "$tmp/twins/members/a.form"
cp clinic.form logo.png "$tmp/twins/"
sed 's|^ *member .*|    member "members/*.form"|' thursday.group > "$tmp/twins/twins.group"
python3 - "$tmp/twins/members/a.form" "$tmp/twins/members/b.form" <<'PY' || exit 1
import sys
def pseudonym(data):
    h = 1469598103934665603
    for b in data:
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "ABCDEFGHJKLMNPQRSTUVWXYZ"[h % 24] + str(10 + (h // 24) % 90)
a = open(sys.argv[1], 'rb').read()
other = a.replace(b'id "P-0201"', b'id "P-0299"')    # another person: another id
for i in range(1, 1000000):
    b = other + b"# revision %d\n" % i
    if pseudonym(b) == pseudonym(a):
        open(sys.argv[2], 'wb').write(b)
        break
PY
(cd "$tmp/twins" && "$FORMC" build --redact --quiet -o out twins.group > /dev/null 2> build.err; echo $? > build.rc
 "$FORMC" summary --redact -o s.pdf twins.group > /dev/null 2> summary.err; echo $? > summary.rc
 "$FORMC" report --redact -o b.pdf members/b.form > /dev/null 2> report.err; echo $? > report.rc)
names=$(ls "$tmp"/twins/out/*-redacted 2>/dev/null | sed -n 's/-report\.pdf$//p' | tr '\n' ' ')
set -- $names
b_name=$(pdftotext "$tmp/twins/b.pdf" - 2>/dev/null | grep -o "\b[A-HJ-NP-Z][1-9][0-9]\b" | head -n 1)
if [ "$(cat "$tmp/twins/build.rc")" = 0 ] && [ $# -eq 2 ] && [ "$1" != "$2" ] &&
   [ "$(cat "$tmp/twins/summary.rc")" = 0 ] && [ "$(cat "$tmp/twins/report.rc")" = 0 ] &&
   pdftotext "$tmp/twins/s.pdf" - | grep -qw "$1" && pdftotext "$tmp/twins/s.pdf" - | grep -qw "$2" &&
   echo "$names" | grep -qw "$b_name"; then
    pass same_pseudonym_told_apart
else
    fail same_pseudonym_told_apart "build $(cat "$tmp/twins/build.rc") ($names), summary $(cat "$tmp/twins/summary.rc"), report $(cat "$tmp/twins/report.rc") ($b_name): $(grep error "$tmp/twins/"*.err | head -n 2)"
fi

# A member's texts naming other members of the group ("more patient with
# José Núñez and Zoë"): each is the other member's pseudonym (the one its
# own documents and the summary give it) in the member's report, the
# summary and build --redact, and the other's id is removed; "Ada", which
# two members are called (the example's Ada and nwosu.form's), is neither's
# pseudonym but "[name removed]"
mkdir -p "$tmp/others"
cp -R "$tmp/ex/." "$tmp/others/"
sed -i 's/more patient with younger/more patient with José Núñez, with Zoë (chart P-0203) and with Ada than with younger/' \
    "$tmp/others/members/gerry.form"
grep -q 'José Núñez, with Zoë' "$tmp/others/members/gerry.form" || exit 1
{ printf '%s\n' "José Núñez" José Núñez Zoë Lefèvre P-0203 Adaeze Nwosu
  printf '%s\n' "Ada than"; } > "$tmp/identifiers"
RUN_IN="$tmp/others"
run report --redact -o "$tmp/others/gerry.pdf" members/gerry.form
report_rc=$rc
run summary --redact -o "$tmp/others/summary.pdf" thursday.group
summary_rc=$rc
run build --redact --quiet -o "$tmp/others/out" thursday.group
build_rc=$rc
unset RUN_IN
jose=$(cd "$tmp/others" && "$FORMC" report --redact -o - members/jose.form 2>/dev/null | pdfinfo - | sed -n 's/^Title: *Formulation report: //p')
zoe=$(cd "$tmp/others" && "$FORMC" report --redact -o - members/zoe.form 2>/dev/null | pdfinfo - | sed -n 's/^Title:.* \([A-Z][0-9][0-9]\)$/\1/p')
bad=""
[ "$report_rc$summary_rc$build_rc" = 000 ] || bad="rc $report_rc $summary_rc $build_rc: $(head -n 2 "$tmp/err");"
printf '%s' "$jose$zoe" | grep -q '^[A-Z][0-9][0-9][A-Z][0-9][0-9]$' || bad="$bad pseudonyms '$jose' '$zoe';"
for f in "$tmp/others/gerry.pdf" "$tmp/others/summary.pdf" "$tmp"/others/out/thu-w26-redacted/*.pdf; do
    found=$(leaks "$f")
    [ -z "$found" ] || bad="$bad $(basename "$f"): $(printf '%s' "$found" | head -n 1);"
done
for f in "$tmp/others/gerry.pdf" "$tmp/others/summary.pdf"; do
    pdftotext "$f" - 2>/dev/null | tr -s ' \n' '  ' | sed 's/\xc2\xad //g' |     # a word hyphenated at a line's end
        grep -q -F "more patient with $jose, with $zoe (chart [ID removed]) and with [name removed] than" ||
        bad="$bad $(basename "$f") lacks 'with $jose, with $zoe (chart [ID removed]) and with [name removed]';"
done
if [ -z "$bad" ]; then pass other_members_named_by_pseudonym
else fail other_members_named_by_pseudonym "$bad"; fi

# A surname's particles are not names: "Jean-Baptiste de La
# Rochefoucauld-Montmorency" gave "La" a pseudonym, and every "la" of the
# French texts became it ("un groupe de C36 région", "avant C36 fin"), in
# his report and in the other members' documents; his names still go
cp -R "$top/tests/e2e/pages" "$tmp/particles"
"$FORMC" build --redact --quiet -o "$tmp/particles/out" "$tmp/particles/mercredi.group" > /dev/null 2> "$tmp/particles.err"
p_rc=$?
bad=""
[ "$p_rc" = 0 ] || bad="build rc $p_rc: $(head -n 2 "$tmp/particles.err");"
for f in "$tmp"/particles/out/*/*.pdf; do
    text=$(pdftotext "$f" - 2>/dev/null | tr -s ' \n' '  ')
    printf '%s' "$text" | grep -qE "(de|avant|avec) [A-HJ-NP-Z][1-9][0-9] (région|fin|honte|semaine)" &&
        bad="$bad $(basename "$f"): 'la' replaced;"
    printf '%s' "$text" | grep -qiE "Rochefoucauld|Montmorency|Jean-Baptiste" &&
        bad="$bad $(basename "$f"): his name left;"
done
pdftotext "$tmp"/particles/out/*/redacted-summary.pdf - 2>/dev/null | grep -q "de la région" ||
    bad="$bad summary lacks 'de la région';"
if [ -z "$bad" ]; then pass surname_particle_is_no_name
else fail surname_particle_is_no_name "$bad"; fi
