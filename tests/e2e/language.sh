#!/bin/sh
# language.sh — every fixed word of a document is in the document's
# language. The example groups are built twice, all in English and all in
# French (plain and de-identified), from the same files, with the program
# outcomes across both groups; then for every
# French document, no English fixed word may be in it, and for every
# English document, no French one. A fixed word is one the clinician did
# not write (it is in none of the texts in quotes of the group's files and
# none of the citations of the instrument library): the wording of the other language's
# templates (not also in this language's), and any word the two languages'
# documents share that is neither the clinician's nor a word both
# languages have (ALLOWED below). Instrument and scale names count: the
# library gives them in French.
# Prints one "pass NAME" or "FAIL NAME: why" line per document and language.
# Needs $FORMC and FORMC_DATADIR, as set by tests/run.sh.

SUITE=language
. "$(dirname "$0")/lib/common.sh"

# Words both languages write the same way; the names of authors,
# instruments and studies the documents cite, the ids of the instruments
# and the words of a cited paper's title (Jacobson and Truax, 1991); a
# statement of the language the summary names; formc's commands and the
# CSV they write, which the outcomes name.
ALLOWED="adaptation affect anticipation anticipations arrive case code comment composition
court danger date dates de engagement formulation formulations hostile important imperfection
interruption moments non notes phase plus point points population possible pseudo questions
score scores signature sources style supervision traits triangle
cpq drt ge hf hewitt flett jacobson mikail mps truax bdi bai bsi hfmps mspss pci psps rsq
swls wsas ubc tps ii
clinical significance statistical approach defining meaningful change psychotherapy research
attended formc norms outcomes csv"

# words FILE...: the distinct words (two letters or more, lower case); a
# word hyphenated at the end of a line is whole again, and identifiers
# (hfmps.self_oriented, P-0201, a web address) are no words
words() {
    cat "$@" | sed ':a;N;$!ba;s/\xc2\xad\n//g' | sed "s/’/'/g" | tr ' \t' '\n\n' |
        grep -v '[._/@0-9]' | LC_ALL=C.UTF-8 grep -oE "[[:alpha:]']{2,}" |
        sed "s/'s\$//; s/'\$//; s/^[a-z]'//" | LC_ALL=C.UTF-8 tr '[:upper:]' '[:lower:]' | LC_ALL=C.UTF-8 sort -u
}

# wording LANG: the words of the shipped LANG templates, tags and comments left out
wording() {
    for f in "$FORMC_DATADIR"/*."$1".tmpl; do
        tr '\n' '\f' <"$f" | sed 's/{{![^}]*}}//g; s/{{[^}]*}}//g' | tr '\f' '\n'
    done > "$tmp/wording.$1"
    words "$tmp/wording.$1"
}

# build LANG: the example groups, every document in LANG, in $tmp/LANG/out
# (the program outcomes in $tmp/LANG/out/program)
build() {
    cp -R "$top/examples" "$tmp/$1"
    sed -i "s/^\( *\)language [a-z]*/\1language $1/" "$tmp/$1/thursday.group" "$tmp/$1/tuesday.group"
    sed -i '/^language /d' "$tmp/$1"/members/*.form "$tmp/$1"/tuesday/*.form
    (cd "$tmp" && for g in thursday tuesday; do
        timeout 120 "$FORMC" build -q "$1/$g.group" -o "$1/out" &&
            timeout 120 "$FORMC" build -q --redact "$1/$g.group" -o "$1/out" || exit 1
     done &&
     mkdir -p "$1/out/program" &&
     timeout 120 "$FORMC" outcomes "$1/tuesday.group" "$1/thursday.group" -o "$1/out/program/outcomes.pdf" &&
     timeout 120 "$FORMC" outcomes --redact "$1/tuesday.group" "$1/thursday.group" \
         -o "$1/out/program/outcomes-redacted.pdf") 2>"$tmp/$1.err"
}

if ! build en || ! build fr; then
    fail build "the example group does not build: $(head -c 300 "$tmp/en.err" "$tmp/fr.err")"
    exit 0
fi
# the clinician's words: the texts in quotes of the group's files
strings() {
    perl -0777 -ne '
        my ($s, $i, $n) = ($_, 0, length $_);
        while ($i < $n) {
            my $c = substr($s, $i, 1);
            if (substr($s, $i, 3) eq q{"""}) {
                my $j = index($s, q{"""}, $i + 3); $j = $n if $j < 0;
                print substr($s, $i + 3, $j - $i - 3), "\n"; $i = $j + 3;
            } elsif ($c eq q{"}) {
                my $j = $i + 1;
                $j += substr($s, $j, 1) eq "\\" ? 2 : 1 while $j < $n && substr($s, $j, 1) ne q{"};
                print substr($s, $i + 1, $j - $i - 1), "\n"; $i = $j + 1;
            } elsif ($c eq "#") {
                $i = index($s, "\n", $i); $i = $n if $i < 0;
            } else { $i++ }
        }' "$@"
}
{ strings "$tmp"/en/*.group "$tmp"/en/*.form "$tmp"/en/members/*.form "$tmp"/en/tuesday/*.form "$tmp"/fr/*.group
  grep -o 'source "[^"]*"\|sample "[^"]*"' "$FORMC_DATADIR/instruments.form"
  printf '%s\n' $ALLOWED; } >"$tmp/sources"
words "$tmp/sources" >"$tmp/sources.w"
wording en >"$tmp/en.only"; wording fr >"$tmp/fr.only"
comm -23 "$tmp/en.only" "$tmp/fr.only" >"$tmp/en.fixed"
comm -13 "$tmp/en.only" "$tmp/fr.only" >"$tmp/fr.fixed"

# The French templates' own words hold no word that is only English, even
# one the comparison below cannot see because a clinician's English text in
# the examples has it too ("No de dossier" read as the English "No"); the
# titles of cited English papers and the names of inserts are not wording.
ENGLISH_ONLY="the and of with no yes to by for is are this that from which week weeks none
draft see not or at it"
for f in "$FORMC_DATADIR"/*.fr.tmpl; do
    tr '\n' '\f' <"$f" | sed 's/{{![^}]*}}//g; s/{{[^}]*}}//g' | tr '\f' '\n' |
        sed 's/^@insert [a-z_-]*//; s/_[^_]*_//g' | grep -v 'significance\|Journal of'
done >"$tmp/fr.wording"
stray=$(words "$tmp/fr.wording" | comm -12 - "$(printf '%s\n' $ENGLISH_ONLY | sort >"$tmp/eo"; echo "$tmp/eo")" | tr '\n' ' ')
if [ -z "$stray" ]; then pass "fr-templates-english-words"
else fail "fr-templates-english-words" "English words in the French templates: $stray"; fi

# The program outcomes list each scale's reliability with what kind of
# coefficient it is and in whom: in French, in the words of the library's
# `fr`, never in its English ones, and the citation alone after it.
flat() { pdftotext -raw "$1" - 2>/dev/null | sed ':a;N;$!ba;s/\xc2\xad\n//g' | tr '\n' ' ' |
         sed "s/’/'/g; s/  */ /g"; }
flat "$tmp/fr/out/program/outcomes.pdf" >"$tmp/fr.outcomes"
flat "$tmp/en/out/program/outcomes.pdf" >"$tmp/en.outcomes"
samples() { grep '^ *reliability ' "$FORMC_DATADIR/instruments.form" |
            sed -n "s/.* $1 \"\([^\"]*\)\".*/\1/p" | sed "s/’/'/g" | sort -u; }
shown=0 stray=""
while IFS= read -r fr; do grep -qF -- "$fr" "$tmp/fr.outcomes" && shown=$((shown + 1)); done <<EOS
$(samples fr)
EOS
while IFS= read -r en; do
    # a sample that French writes the same way ("test-retest") is French too
    [ -n "$en" ] && ! samples fr | grep -qxF -- "$en" && grep -qF -- "$en" "$tmp/fr.outcomes" &&
        stray="$stray '$en'"
    [ -n "$en" ] && grep -qF -- "$en" "$tmp/en.outcomes" && shown=$((shown + 1))
done <<EOS
$(samples sample)
EOS
if [ "$shown" -ge 6 ] && [ -z "$stray" ]; then pass "fr-reliability-samples"
else fail "fr-reliability-samples" "$shown samples shown in their language; English in the French outcomes:$stray"; fi

n=0
for en in "$tmp"/en/out/*/*.pdf; do
    rel=${en#"$tmp/en/out/"}
    fr="$tmp/fr/out/$rel"
    name=${rel%.pdf}
    if [ ! -f "$fr" ]; then fail "$name" "no French document $rel"; continue; fi
    pdftotext -raw "$en" "$tmp/e.txt" 2>/dev/null; words "$tmp/e.txt" >"$tmp/e.w"
    pdftotext -raw "$fr" "$tmp/f.txt" 2>/dev/null; words "$tmp/f.txt" >"$tmp/f.w"
    shared=$(comm -12 "$tmp/e.w" "$tmp/f.w" | comm -23 - "$tmp/sources.w")
    english=$({ printf '%s\n' $shared; comm -12 "$tmp/en.fixed" "$tmp/f.w"; } | grep . | sort -u |
              comm -23 - "$tmp/sources.w" | tr '\n' ' ')
    french=$({ printf '%s\n' $shared; comm -12 "$tmp/fr.fixed" "$tmp/e.w"; } | grep . | sort -u |
             comm -23 - "$tmp/sources.w" | tr '\n' ' ')
    if [ -s "$tmp/f.w" ] && [ -z "$english" ]; then pass "fr/$name"
    else fail "fr/$name" "English in the French document: ${english:-(no text)}"; fi
    if [ -s "$tmp/e.w" ] && [ -z "$french" ]; then pass "en/$name"
    else fail "en/$name" "French in the English document: ${french:-(no text)}"; fi
    n=$((n + 1))
done
# every kind of document was compared: reports, letters, the summaries and
# the program outcomes, de-identified ones (48 of the groups, 2 outcomes)
if [ "$n" -ge 50 ]; then pass "all-documents"; else fail "all-documents" "only $n documents compared"; fi

# A member's texts keep their own language in a summary of another: Ada's
# file is in English, her French group's summary quotes her enactments
# with English quotes, hyphenation and a /Lang (en) on their elements,
# and a French member's (Zoë's, the group's other member: the others'
# English texts would be English sentences in a French file) with French
# ones.
mkdir -p "$tmp/mixed"
cp -R "$top/examples/." "$tmp/mixed/"
rm "$tmp/mixed/members/gerry.form" "$tmp/mixed/members/jose.form" "$tmp/mixed/members/kai.form"
sed -i "s/^\( *\)language [a-z]*/\1language fr/" "$tmp/mixed/thursday.group"
sed -i '/^language /d' "$tmp/mixed"/members/*.form
sed -i '0,/^patient /s//language en\npatient /' "$tmp/mixed/members/ada.form"
sed -i "s/le groupe n'a jamais vraiment voulu/le groupe n'a \\\\\"jamais vraiment\\\\\" voulu/" "$tmp/mixed/members/zoe.form"
if (cd "$tmp/mixed" && timeout 120 "$FORMC" summary thursday.group -o s.pdf) 2>"$tmp/mixed.err"; then
    pdftotext "$tmp/mixed/s.pdf" - | tr '\n' ' ' >"$tmp/mixed.txt"
    qpdf --qdf --object-streams=disable "$tmp/mixed/s.pdf" "$tmp/mixed/q.pdf" 2>/dev/null
    if grep -qF 'session missed “because of work”' "$tmp/mixed.txt" && grep -qF '(“mine is nothing' "$tmp/mixed.txt" &&
        grep -qF '« jamais vraiment »' "$tmp/mixed.txt" &&
        ! grep -qF '« because of work »' "$tmp/mixed.txt"; then pass "mixed-summary-quotes"
    else fail "mixed-summary-quotes" "the English member's text lost its quotes, or the French one's: $(grep -o '.\{30\}because of work.\{6\}' "$tmp/mixed.txt")"; fi
    en=$(grep -ac '/Lang (en)' "$tmp/mixed/q.pdf")
    fr=$(grep -ac '/Lang (fr)' "$tmp/mixed/q.pdf")
    # her four enactments and her four cells of how she relates; in each
    # enactment's item, the summary's words before her text (her name and
    # a colon) are a Span in French
    if [ "$en" -eq 8 ] && [ "$fr" -eq 5 ]; then pass "mixed-summary-lang"
    else fail "mixed-summary-lang" "$en elements in English (8 expected), $fr /Lang (fr) (the catalog's and four Spans expected)"; fi
else
    fail "mixed-summary" "the summary of a French group with an English member: $(head -c 300 "$tmp/mixed.err")"
fi

# Every text keeps the language of the file it is written in, wherever it
# is quoted: a French group's title (given in French only) and its
# clinic's name, included by it, keep French quotes and spaces and a
# /Lang (fr) in an English member's letter and report; an English group's
# keep English ones in a French member's; a member's reason for leaving
# keeps its own in the program outcomes of a group of another language.
# Each text has a quotation and a colon in it, set as its own language
# sets them.
elements() {   # elements PDF LANG TYPE: structure elements of TYPE tagged LANG
    qpdf --qdf --object-streams=disable "$1" "$1.q" 2>/dev/null
    perl -0777 -ne '$n = () = /\/Lang \('"$2"'\)\n(?:  [^\n]*\n)*?  \/S \/'"$3"'\n/g; print $n + 0' "$1.q"
}
flat_text() { pdftotext -raw "$1" - 2>/dev/null | tr '\n' ' ' | sed 's/\xe2\x80\xaf/ /g; s/\xc2\xa0/ /g; s/  */ /g'; }
for side in fr en; do
    d="$tmp/quoted-$side"
    cp -R "$top/examples" "$d"
    sed -i '/^language /d' "$d"/members/*.form "$d"/tuesday/*.form
    if [ $side = fr ]; then
        title='Groupe du jeudi : le \\"perfectionnisme\\"' clinic='Centre Larch : psychothérapie \\"relationnelle\\"'
        member=ada mlang=en reason='A new job: evening \\"shifts\\".'
    else
        title='Thursday group: \\"perfectionism\\"' clinic='Larch Centre: \\"relational\\" psychotherapy'
        member=zoe mlang=fr reason='Un nouveau travail : horaires du \\"soir\\".'
    fi
    sed -i "s|^clinic \"[^\"]*\"|clinic \"$clinic\"|" "$d/clinic.form"
    # the group's texts in its language alone
    perl -0pi -e 's/^group "[^"]*"(?: fr "[^"]*")? \{/group "'"$title"'" {/ms; s/^( *)language [a-z]*/$1language '$side'/m;
                  s/^( *(?:meets|place) "[^"]*") fr "[^"]*"/$1/mg' "$d/thursday.group" "$d/tuesday.group"
    [ $side = fr ] && perl -0pi -e 's/^( *)meets "[^"]*"/$1meets "Le jeudi, de 17 h 30 à 19 h"/m;
                                   s/^( *)place "[^"]*"/$1place "Salle de groupe B"/m' "$d/thursday.group"
    sed -i "0,/^patient /s//language $mlang\npatient /" "$d/members/$member.form" "$d/tuesday/dev.form"
    sed -i "s|^left week 2 \".*|left week 2 \"$reason\"|" "$d/tuesday/dev.form"
    (cd "$d" && timeout 120 "$FORMC" report members/$member.form -o r.pdf &&
        timeout 120 "$FORMC" letter members/$member.form -o l.pdf &&
        timeout 120 "$FORMC" outcomes tuesday.group -o o.pdf) 2>"$tmp/quoted-$side.err"
done
fr="$tmp/quoted-fr" en="$tmp/quoted-en"
if [ -f "$fr/o.pdf" ] && [ -f "$en/o.pdf" ]; then
    ok=1 why=""
    # Whether the text of the PDF $1 (kept in $1.txt) holds $2 and $3 and
    # neither $4 nor $5.
    quoted() {
        flat_text "$1" >"$1.txt"
        grep -qF "$2" "$1.txt" && grep -qF "$3" "$1.txt" && ! grep -qF "$4" "$1.txt" && ! grep -qF "$5" "$1.txt"
    }
    for doc in "$fr/r.pdf" "$fr/l.pdf"; do
        quoted "$doc" 'Groupe du jeudi : le « perfectionnisme »' 'Centre Larch : psychothérapie « relationnelle »' \
            '“perfectionnisme' '“relationnelle' || { ok=0; why="$why ${doc#"$tmp/"}"; }
    done
    for doc in "$en/r.pdf" "$en/l.pdf"; do
        quoted "$doc" 'Thursday group: “perfectionism”' 'Larch Centre: “relational” psychotherapy' \
            '« perfectionism' '« relational' || { ok=0; why="$why ${doc#"$tmp/"}"; }
    done
    # the report's row of the group: the title in its language, the
    # template's words after it in the report's
    grep -qF 'Thursday group: “perfectionism” (thu-w26), à partir du' "$en/r.pdf.txt" || { ok=0; why="$why group-row"; }
    if [ $ok = 1 ]; then pass "quoted-texts-keep-their-typography"
    else fail "quoted-texts-keep-their-typography" "a group's or a clinic's text set in the document's typography in:$why"; fi
    # /Lang: the letterhead (P beside the logo) and the group's item in the
    # letter, and the letterhead in the report, in the group's language
    fl=$(elements "$fr/l.pdf" fr LBody) fp=$(elements "$fr/l.pdf" fr P) rp=$(elements "$fr/r.pdf" fr P)
    el=$(elements "$en/l.pdf" en LBody) ep=$(elements "$en/l.pdf" en P) er=$(elements "$en/r.pdf" en P)
    if [ "$fl" -ge 3 ] && [ "$fp" -ge 2 ] && [ "$rp" -ge 1 ] && [ "$el" -ge 1 ] && [ "$ep" -ge 2 ] && [ "$er" -ge 1 ]
    then pass "quoted-texts-lang"
    else fail "quoted-texts-lang" "French group in an English letter: $fl LBody, $fp P, report $rp P (fr); English group in a French letter: $el LBody, $ep P, report $er P (en)"; fi
    # the smaller part of an element mixing both languages is a Span with
    # its own /Lang (PDF/UA-1 7.2): the French letter's words around the
    # English group's title and leaders' names ("Groupe : ", " et "), the
    # English clinic address in a French paragraph, and the English
    # letter's "Group:" before the French title; no element's text is lost
    # to a Span
    sf=$(elements "$en/l.pdf" fr Span) se=$(elements "$en/l.pdf" en Span) sg=$(elements "$fr/l.pdf" en Span)
    if [ "$sf" -ge 3 ] && [ "$se" -ge 1 ] && [ "$sg" -ge 1 ] && qpdf --check "$en/l.pdf" >/dev/null 2>&1 &&
        [ "$(flat_text "$en/l.pdf")" = "$(cat "$en/l.pdf.txt")" ]
    then pass "mixed-paragraph-spans"
    else fail "mixed-paragraph-spans" "French letter: $sf Spans in French, $se in English; English letter: $sg in English"; fi
    flat_text "$fr/o.pdf" >"$fr/o.txt"; flat_text "$en/o.pdf" >"$en/o.txt"
    if grep -qF 'A new job: evening “shifts”.' "$fr/o.txt" && grep -qF 'Un nouveau travail : horaires du « soir ».' "$en/o.txt" &&
        [ "$(elements "$fr/o.pdf" en TD)" -ge 1 ] && [ "$(elements "$en/o.pdf" fr TD)" -ge 1 ]
    then pass "outcomes-reason-keeps-its-language"
    else fail "outcomes-reason-keeps-its-language" "$(grep -o '.\{10\}shifts.\{4\}' "$fr/o.txt") / $(grep -o '.\{10\}soir.\{4\}' "$en/o.txt")"; fi
else
    fail "quoted-texts" "the groups of another language than a member's: $(head -c 400 "$tmp/quoted-fr.err" "$tmp/quoted-en.err")"
fi

# An instrument file's texts are English (those after fr French): a French
# report quoting a clinic's scale named only in English, and its norm's
# name and source, sets each in English typography with a /Lang (en) (the
# score table's cell; the letterhead's P, and the two norms' notes, most of
# whose words are the English names and citations), and keeps the name's
# capital after a colon, where a French name starts in lower case.
d="$tmp/instrument-lang"
cp -R "$top/examples" "$d"
cat >"$d/own.form" <<'F'
instrument own "Own measure" {
    scale mood "Low mood: \"today\"" {
        range 0 10
        higher worse
        norm community mean 4 sd 2 source "Local data: \"our\" members, 2025."
    }
}
F
sed -i 's/^language fr$//; s/^\(assessment pre .*{\)$/\1\n    own.mood 7/' "$d/members/ada.form"
sed -i '0,/^patient /s//language fr\npatient /' "$d/members/ada.form"
if (cd "$d" && timeout 120 "$FORMC" report members/ada.form --instruments own.form -o r.pdf) 2>"$tmp/instrument-lang.err"; then
    flat_text "$d/r.pdf" >"$d/r.txt"
    if grep -qF 'Low mood: “today” (own)' "$d/r.txt" && grep -qF 'Local data: “our” members, 2025.' "$d/r.txt" &&
        grep -qF 'Norme « community » : Low mood: “today” (own), moyenne 4' "$d/r.txt" &&
        ! grep -qF 'Low mood :' "$d/r.txt" && ! grep -qF '« our »' "$d/r.txt" &&
        grep -qF 'Normes « étudiants universitaires » : perfectionnisme orienté vers soi (hfmps)' "$d/r.txt" &&
        [ "$(elements "$d/r.pdf" en TD)" -ge 1 ] && [ "$(elements "$d/r.pdf" en P)" -ge 3 ]
    then pass "instrument-texts-keep-their-language"
    else fail "instrument-texts-keep-their-language" "$(elements "$d/r.pdf" en TD) TD and $(elements "$d/r.pdf" en P) P in English; $(grep -o '.\{20\}\(Low mood\|Local data\).\{20\}' "$d/r.txt" | head -n 3 | tr '\n' '|')"; fi
else
    fail "instrument-texts-keep-their-language" "the French report: $(head -c 300 "$tmp/instrument-lang.err")"
fi
# the French program outcomes likewise quote the library's English citations
# of each scale's norms and reliability as English: all-French groups' list
# of scales has items, or Spans in them, with a /Lang (en)
o="$tmp/fr/out/program/outcomes.pdf"
if [ "$(elements "$o" en LBody)" -ge 1 ] && [ "$(elements "$o" en Span)" -ge 1 ]
then pass "outcomes-citations-keep-their-language"
else fail "outcomes-citations-keep-their-language" "$(elements "$o" en LBody) LBody and $(elements "$o" en Span) Spans in English"; fi

# The group summary names the scales as the report does: a French
# summary quoting a clinic's scales named only in English (an instrument
# file's) sets each name in English typography and marks it /Lang (en):
# the outcome table's cells holding only English names are TDs in
# English, a cell mixing them with a French name is in French with the
# English name a Span, and the English name in the French sentence on the
# scales whose change cannot be judged is a Span.
d="$tmp/summary-scales"
cp -R "$top/examples" "$d"
cat >"$d/own.form" <<'F'
instrument own "Own measure" {
    scale mood "Low mood: \"today\"" {
        range 0 40
        higher worse
        reliability 0.9 n 50 source "Local data, 2025."
        norm community mean 10 sd 5 source "Local data: \"our\" members, 2025."
    }
    scale sleep "Poor sleep" {
        range 0 10
        higher worse
    }
}
F
sed -i "s/^\( *\)language [a-z]*/\1language fr/" "$d/thursday.group"
sed -i '/^language /d' "$d"/members/*.form
sed -i 's/^\(assessment pre .*{\)$/\1\n    own.mood 30\n    own.sleep 8/; s/^\(assessment post .*{\)$/\1\n    own.mood 9\n    own.sleep 3/' "$d"/members/*.form
# without their texts of how each relates in the group and what each may
# enact, English sentences in files now French, which the summary marks
perl -0pi -e 's/^(in_group|enactments) \{.*?^\}\n//msg' "$d"/members/*.form
if (cd "$d" && timeout 120 "$FORMC" summary thursday.group --instruments own.form -o s.pdf) 2>"$tmp/summary-scales.err"; then
    flat_text "$d/s.pdf" >"$d/s.txt"
    if grep -qF 'Low mood: “today”' "$d/s.txt" && ! grep -qF 'Low mood :' "$d/s.txt" &&
        grep -qF ' et Poor sleep.' "$d/s.txt" &&
        [ "$(elements "$d/s.pdf" en TD)" -eq 3 ] && [ "$(elements "$d/s.pdf" en Span)" -eq 2 ]
    then pass "summary-scale-names-keep-their-language"
    else fail "summary-scale-names-keep-their-language" "$(elements "$d/s.pdf" en TD) TD (3 expected) and $(elements "$d/s.pdf" en Span) Spans (2 expected) in English; $(grep -o '.\{20\}\(Low mood\|Poor sleep\).\{12\}' "$d/s.txt" | head -n 3 | tr '\n' '|')"; fi
else
    fail "summary-scale-names-keep-their-language" "the French summary: $(head -c 300 "$tmp/summary-scales.err")"
fi

# A chart's texts are tagged with their language, as the page's are: in
# the French report above, whose profile and change charts name the
# clinic's scale in English, each chart is a Figure of Spans, the English
# name one with a /Lang (en), the rest (French) ones without; the Figure
# itself, like every Figure of the French example reports, has no /Lang
# of its own and sits in the Document, so that its /Alt and any text in
# it are in the catalog's language, French (a figure split between pages
# is Spans without one), but for a text drawn in it in English: a
# diagram's box holding a member's English text (the example members'
# texts are English, in files the French build makes French) is a Span
# with /Lang (en), as the same text is in a paragraph.
# figure_langs PDF: a line per Figure: "Figure LANG in PARENT LANG: the
# /Lang of each Span in it" (- for none)
figure_langs() {
    qpdf --qdf --object-streams=disable "$1" "$1.f" 2>/dev/null
    perl -0777 -ne '
        my %o; $o{$1} = $2 while /\n(\d+) 0 obj\n(.*?)\nendobj/sg;
        my $lang = sub { my ($l) = $_[0] =~ m{^  /Lang \((\w+)\)$}m; $l // "-" };
        for my $n (sort { $a <=> $b } keys %o) {
            next unless $o{$n} =~ m{^  /S /Figure$}m;
            my ($p) = $o{$n} =~ m{^  /P (\d+) 0 R$}m;
            my ($ps) = ($o{$p} // "") =~ m{^  /S /(\w+)$}m;
            my @k = map { $lang->($o{$_}) } grep { $o{$_} =~ m{^  /S /Span$}m && $o{$_} =~ m{^  /P $n 0 R$}m }
                    sort { $a <=> $b } keys %o;
            print "Figure ", $lang->($o{$n}), " in ", $ps // "?", " ", $lang->($o{$p} // ""), ":", (map { " $_" } @k), "\n";
        }' "$1.f"
}
r="$tmp/instrument-lang/r.pdf"
if [ -f "$r" ]; then
    figure_langs "$r" >"$tmp/figures-fr"
    charts=$(head -n 2 "$tmp/figures-fr" | grep -c ': - \(- \)*en -')  # the profile and change charts
    if [ "$charts" -eq 2 ] && [ "$(grep -c '^Figure - in Document -:' "$tmp/figures-fr")" -eq "$(grep -c . "$tmp/figures-fr")" ] &&
        grep -aq '^  /Lang (fr)$' "$r.f"
    then pass "chart-texts-keep-their-language"
    else fail "chart-texts-keep-their-language" "$charts charts with an English Span in French ones (2 expected): $(tr '\n' '|' <"$tmp/figures-fr")"; fi
    # their alternative texts, French, quote the English name as English
    perl -MEncode -0777 -ne 'print Encode::decode("UTF-16BE", pack("H*", $1)), "\n" while /\/Alt <feff([0-9a-f]+)>/g' \
        "$r.f" >"$tmp/alts-fr"
    if [ "$(grep -c 'Low mood: “today” (own)\. Avant' "$tmp/alts-fr")" -eq 2 ] && ! grep -q '« today »' "$tmp/alts-fr"
    then pass "chart-alt-quotes-a-name-in-its-language"
    else fail "chart-alt-quotes-a-name-in-its-language" "$(grep -o '.\{12\}Low mood.\{30\}' "$tmp/alts-fr" | tr '\n' '|')"; fi
else
    fail "chart-texts-keep-their-language" "no French report with an English scale (instrument-texts-keep-their-language)"
fi
n=0 stray=""
for r in "$tmp"/fr/out/*/*report*.pdf; do
    figure_langs "$r" >"$tmp/figures"
    n=$((n + $(grep -c . "$tmp/figures")))
    grep -v '^Figure - in Document -:\( -\| en\)*$' "$tmp/figures" >/dev/null && stray="$stray ${r#"$tmp/fr/out/"}"
done
if [ "$n" -ge 10 ] && [ -z "$stray" ]; then pass "figures-in-the-document-language"
else fail "figures-in-the-document-language" "$n Figures; with a /Lang or a Span of their own:$stray"; fi

# A clinician's sentence or quoted passage in the other language than its
# file's is marked with its language (PDF/UA-1 7.2): Zoë's file is French,
# and an English quotation of her own words in how she relates in the group
# is a Span in English in her French report and in the English summary's
# table, and in her introject, so long that the report prints the
# Cyclical Relational Pattern's texts as paragraphs under its diagram; an
# English sentence left in her letter is one in her letter; Ada's
# is English, and the French words she says to herself are a Span in
# French in her report and in the summary, as the French words Dev gave
# as his reason for leaving are in the program outcomes' table of those
# who left. The quotes around a quotation
# are the document's, the quotes inside an English sentence English ones
# (in a letter, and in the report's diagram of her relational pattern);
# a place, a title in quotes and a borrowed word are no Span. Counted
# against the same documents made without these texts. The English
# sentence opening her unmet need is drawn in the Triangle of Adaptation's
# box: a Span with /Lang (en) inside that Figure, between Spans in the
# report's French, as a screen reader needs to change voice for it.
d="$tmp/clinician-lang"
cp -R "$top/examples" "$d.base"
cp -R "$top/examples" "$d"
perl -0pi -e 's/self "S.excuse avant/self "Se répète « I am never good enough for them » avant un cours, relit \\"The Catcher in the Rye\\". S\x27excuse avant/;
              s/(pattern """)(Vous jouez)/$1You said "never again" after the recital, and it stayed with you. $2/' "$d/members/zoe.form"
perl -0pi -e 's/engagement "Likely to become/engagement "Says \\"Je ne suis jamais assez bonne !\\" to herself, near the Hôtel de la Gare, with a certain je-ne-sais-quoi. Likely to become/' \
    "$d/members/ada.form"
long=$(for i in 1 2 3 4 5 6 7 8 9 10 11 12; do printf 'Elle relit chaque phrase de ses travaux et se reproche la moindre hésitation. '; done)
perl -0pi -e 's/introject """.*?"""/introject """Se répète « I am never good enough for them » le soir. '"$long"'"""/s' "$d/members/zoe.form"
sed -i 's/need "Appartenir/need "You said \\"never again\\" to the quartet. Appartenir/' "$d/members/zoe.form"
sed -i 's/^left week 2 "A new job with evening shifts."/left week 2 "A new job with evening shifts; he said \\"je ne peux pas continuer comme ça\\"."/' "$d/tuesday/dev.form"
for dir in "$d.base" "$d"; do
    (cd "$dir" && timeout 120 "$FORMC" report members/zoe.form -o zr.pdf && timeout 120 "$FORMC" letter members/zoe.form -o zl.pdf &&
        timeout 120 "$FORMC" report members/ada.form -o ar.pdf && timeout 120 "$FORMC" summary thursday.group -o s.pdf &&
        timeout 120 "$FORMC" outcomes tuesday.group -o o.pdf) 2>"$tmp/clinician-lang.err" >/dev/null
done
if [ -f "$d/s.pdf" ] && [ -f "$d.base/s.pdf" ]; then
    for doc in zr zl ar s o; do flat_text "$d/$doc.pdf" >"$d/$doc.txt"; done
    added="" # DOC LANG: Spans in LANG added by the texts
    for doc in zr zl ar s o; do
        for l in en fr; do
            n=$(($(elements "$d/$doc.pdf" $l Span) - $(elements "$d.base/$doc.pdf" $l Span)))
            [ $n -ne 0 ] && added="$added $doc:$l:$n"
        done
    done
    if [ "$added" = " zr:en:3 zl:en:1 ar:fr:1 s:en:1 s:fr:1 o:fr:1" ] && grep -qF 'Introjet. Se répète « I am never' "$d/zr.txt"
    then pass "clinician-text-in-another-language-is-marked"
    else fail "clinician-text-in-another-language-is-marked" "Spans added (zr:en:3 zl:en:1 ar:fr:1 s:en:1 s:fr:1 o:fr:1 expected):$added"; fi
    figure_langs "$d/zr.pdf" >"$d/zr.figures"
    figure_langs "$d.base/zr.pdf" >"$d.base/zr.figures"
    if [ "$(grep -c ' en' "$d/zr.figures")" -eq 1 ] && grep -qx 'Figure - in Document -: - en -' "$d/zr.figures" &&
        ! grep -q ' en' "$d.base/zr.figures" &&
        perl -MEncode -0777 -ne 'print Encode::decode("UTF-16BE", pack("H*", $1)), "\n" while /\/Alt <feff([0-9a-f]+)>/g' "$d/zr.pdf.f" |
            grep -q 'Besoin non comblé\. You said “never again” to the quartet\. Appartenir'
    then pass "diagram-text-in-another-language-is-marked"
    else fail "diagram-text-in-another-language-is-marked" "$(tr '\n' '|' <"$d/zr.figures")"; fi
    if grep -qF 'Se répète « I am never good enough for them » avant' "$d/zr.txt" &&
        grep -qF 'You said “never again” after the recital' "$d/zl.txt" &&
        grep -qF 'You said “never again” to the quartet.' "$d/zr.txt" &&
        grep -qF 'Says “Je ne suis jamais assez bonne !” to herself' "$d/ar.txt" &&
        grep -qF '« I am never good enough for them »' "$d/s.txt" &&
        grep -qF 'he said “je ne peux pas continuer comme ça”.' "$d/o.txt"
    then pass "clinician-text-in-another-language-typography"
    else fail "clinician-text-in-another-language-typography" "$(grep -ho '.\{12\}\(never good\|never again\|assez bonne\).\{12\}' "$d"/*.txt | tr '\n' '|')"; fi
else
    fail "clinician-text-in-another-language-is-marked" "the documents: $(head -c 300 "$tmp/clinician-lang.err")"
fi
