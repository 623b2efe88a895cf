#!/bin/sh
# Writes a synthetic but valid group of N members into DIR: DIR/CODE.group,
# DIR/clinic.form and DIR/CODE/mNNNN.form. Each formulation is complete
# (every facet of the formulation, four goals, enactments by phase, the
# letter), with texts of realistic length and pre, post and follow-up
# scores that vary from member to member (post and follow-up on the scales
# with reliable change), and their attendance (one week missed; every
# eighth member leaves the group early). Every member's texts carry a word
# of its own, "zq" followed by letters spelling its number (zqaab, zqaac...),
# so a test can tell whose words a document holds.
# Usage: bench/gen_group.sh DIR N [CODE]
set -eu
dir=$1
n=$2
code=${3:-bench}
mkdir -p "$dir/$code"
cat >"$dir/clinic.form" <<'EOF'
clinic "Synthetic Centre for Group Psychotherapy" {
    address "1 Example Road, Sometown"
    phone "555-0100"
}
EOF
awk -v n="$n" -v dir="$dir" -v code="$code" 'BEGIN {
    g = dir "/" code ".group"
    printf "include \"clinic.form\"\n\ngroup \"Synthetic group %s\" {\n", code > g
    printf "    code \"%s\"\n    starts 2026-01-15\n    weeks 12\n", code > g
    printf "    meets \"Thursdays, 5:30-7:00 pm\"\n    place \"Group Room A\"\n" > g
    printf "    leader \"Dr. First Leader\"\n    leader \"Dr. Second Leader\"\n    language en\n" > g
    printf "    member \"%s/*.form\"\n}\n", code > g
    close(g)
    letters = "abcdefghijklmnopqrstuvwxyz"
    nscales = split("hfmps.self_oriented hfmps.other_oriented hfmps.socially_prescribed " \
                    "psps.self_promotion psps.nondisplay psps.nondisclosure pci.total bdi.total swls.total", scales, " ")
    srand(n * 7 + length(code))
    for (i = 1; i <= n; i++) {
        # the member marker: its number spelt in base-26 letters
        k = i; tag = ""
        for (d = 0; d < 3; d++) { tag = substr(letters, k % 26 + 1, 1) tag; k = int(k / 26) }
        m = "zq" tag
        f = sprintf("%s/%s/m%04d.form", dir, code, i)
        printf "patient \"Synthetic Patient %04d\" {\n    id \"S-%s-%04d\"\n", i, code, i > f
        printf "    preferred \"Sam %s\"\n    born %d-%02d-%02d\n    pronouns \"they/them\"\n}\n\n", m, 1960 + i % 40, 1 + i % 12, 1 + i % 28 > f
        printf "clinician \"Dr. First Leader\"\ngroup \"../%s.group\"\n\n", code > f
        # attendance: one week missed; every eighth member leaves early
        if (i % 8 == 5) {
            lw = 3 + i % 7
            printf "attended 1-%d\nleft week %d \"Could no longer come on Thursdays.\"\n\n", lw - 1, lw > f
        } else {
            miss = 2 + i % 10
            before = miss > 2 ? "1-" (miss - 1) : "1"
            after = miss == 11 ? "12" : (miss + 1) "-12"
            printf "attended %s, %s\n\n", before, after > f
        }
        pre["hfmps.self_oriented"] = 60 + int(rand() * 40)
        pre["hfmps.other_oriented"] = 40 + int(rand() * 50)
        pre["hfmps.socially_prescribed"] = 45 + int(rand() * 45)
        pre["psps.self_promotion"] = 35 + int(rand() * 30)
        pre["psps.nondisplay"] = 35 + int(rand() * 30)
        pre["psps.nondisclosure"] = 20 + int(rand() * 25)
        pre["pci.total"] = 40 + int(rand() * 55)
        pre["bdi.total"] = 10 + int(rand() * 30)
        pre["swls.total"] = 8 + int(rand() * 15)
        split("2026-01-07 2026-04-10 2026-08-13", dates, " ")
        split("pre post followup", whens, " ")
        for (w = 1; w <= 3; w++) {
            printf "assessment %s %s {\n", whens[w], dates[w] > f
            # after the group, only the scales whose norms and reliability
            # give reliable change (the library has them for these two)
            for (q = 1; q <= nscales; q++) {
                s = scales[q]
                if (w > 1 && s != "hfmps.self_oriented" && s != "hfmps.socially_prescribed") continue
                v = pre[s]
                if (w > 1) {
                    drop = int(rand() * 12) * (w == 3 ? 1.2 : 1)
                    v = s == "swls.total" ? v + int(drop / 3) : v - int(drop)
                }
                lo = s ~ /^hfmps/ ? 15 : s ~ /nondisclosure/ ? 7 : s ~ /^psps/ ? 10 : s == "swls.total" ? 5 : 0
                hi = s ~ /^hfmps/ ? 105 : s ~ /nondisclosure/ ? 49 : s ~ /^psps/ ? 70 : s == "pci.total" ? 100 : s == "swls.total" ? 35 : 63
                if (v < lo) v = lo
                if (v > hi) v = hi
                printf "    %s %d\n", s, v > f
            }
            printf "}\n\n" > f
        }
        t = "with the group in mind, and the word " m " marks whose file this is"
        printf "crp {\n" > f
        printf "    acts_of_self \"Works late most evenings and checks every message twice before sending it, %s; rarely asks colleagues for help even when the load is plainly too much for one person.\"\n", t > f
        printf "    expectations_of_others \"Expects that a single mistake will be noticed and remembered, and that others will lose respect once they see %s struggling.\"\n", m > f
        printf "    acts_of_others \"Colleagues rely on %s for the difficult tasks and seldom offer help; friends have learned not to ask how things are going.\"\n", m > f
        printf "    introject \"Criticises the self harshly after small errors and replays conversations at night, looking for what went wrong, %s.\"\n}\n\n", t > f
        printf "adaptation {\n    need \"To be accepted without first having to prove competence, %s.\"\n", t > f
        printf "    affect \"Anxiety before any evaluation and shame afterwards, with anger that is quickly turned inward.\"\n" > f
        printf "    defense \"Over-preparation, reassurance seeking and keeping busy so that feelings find no room.\"\n}\n\n" > f
        printf "object_relations {\n    past \"Grew up in a family where praise depended on results, %s.\"\n", t > f
        printf "    current \"A demanding job and a partner who says the work never really ends.\"\n" > f
        printf "    expected \"Likely to look for the right way to be a member and to watch the leaders for signs of approval.\"\n}\n\n" > f
        printf "in_group {\n    therapists \"A careful member who may hide disappointment in the leaders behind extra effort.\"\n" > f
        printf "    self \"Dismisses their own turn and criticises themself afterwards for having taken up time, %s.\"\n", t > f
        printf "    members \"Offers practical advice to others and steers attention away as soon as it turns back.\"\n" > f
        printf "    group \"Treats the group as another task to get right and feels responsible when a session goes badly.\"\n}\n\n" > f
        printf "goal \"Bring a worry of their own to the group before responding to anyone else, %s.\" {\n    target psps.nondisclosure %d\n    by week 8\n}\n", m, (pre["psps.nondisclosure"] > 12 ? pre["psps.nondisclosure"] - 5 : 7) > f
        printf "goal \"Notice the urge to check work a second time and stay with the feeling instead.\"\n" > f
        printf "goal \"Take a full break on every working day for the length of the group.\"\n" > f
        printf "goal \"Say one critical thought about the group aloud, kindly, by the last phase.\"\n\n" > f
        printf "enactments {\n" > f
        printf "    engagement \"Likely to become an early helper, smoothing over silences, which can pass for easy engagement, %s.\"\n", t > f
        printf "    pattern_interruption \"When a member declines help or a leader wonders aloud what %s needs, expect hurt that shows as a retreat into practical talk.\"\n", m > f
        printf "    self_redefinition \"The risk of letting the group see how tired and how angry %s is, against the fear of no longer mattering.\"\n", m > f
        printf "    termination \"May organise the last session for everyone else; invite %s to say what they will miss.\"\n}\n\n", m > f
        printf "letter {\n    pattern \"You have spent a long time being the person others can count on, %s. Being capable and no trouble has been your way of staying close to people, and it has cost you rest and company. I hear someone who would like to be looked after without having to earn it.\"\n", m > f
        printf "    in_group \"In the group you may feel a pull to look after everyone else. When you notice it, see if you can pause and tell us how you are doing, %s.\"\n}\n", m > f
        close(f)
        delete pre
    }
}'
