/* test_redact.c — unit tests of the de-identified copy (redact.h): names
 * replaced as whole words only, the ID, birth date and contact details
 * removed, dates moved by whole weeks, the original model untouched, and the
 * same input giving the same pseudonym and shift, and pseudonyms distinct
 * in a group of the most members a group may have. */
#include <stdlib.h>
#include <string.h>
#include "front/compile.h"
#include "base/diag.h"
#include "documents/pseudonym.h"
#include "documents/namematch.h"
#include "documents/redact.h"
#include "front/checker.h"
#include <stdio.h>
#include "unit.h"

static const char patient_src[] =
    "patient \"Mary-Jo van Dijk\" {\n"
    "    id \"C-77\"\n"
    "    preferred \"Jo\"\n"
    "    born 1979-03-02\n"
    "}\n"
    "clinician \"Dr. A\"\n"
    "clinic \"Harbour Clinic\" { address \"1 Quay\"; phone \"555-0100\" }\n"
    "assessment pre 2026-01-07 { hfmps.self_oriented 90 }\n"
    "assessment post 2026-04-10 rater \"Jo's mother\" { hfmps.self_oriented 80 }\n"
    "crp {\n"
    "    acts_of_self \"Jo, Johanna and Joe; Mary-Jo's job; JO; DIJK; Dijkstra; van; Mary; C-77.\"\n"
    "    expectations_of_others \"Jo’s sister\"\n"
    "    acts_of_others \"x\"\n"
    "    introject \"x\"\n"
    "}\n"
    "attended 1-5\n"
    "left week 5 \"Jo moved to her mother's.\"\n";

/* Compiles src as a formulation; NULL on errors. */
static Model *compile_text(Session *s, Arena *a, const char *name, const char *src) {
    diag_reset();
    diag_configure(&(DiagOptions){ .max_errors = 0 });
    FILE *devnull = fopen("/dev/null", "w");
    diag_set_output(devnull);
    CompileStatus st;
    CompileOptions co = { .purpose = 0 };
    Model *m = compile_source(s, a, source_from_bytes(a, name, src, strlen(src)), &co, &st);
    diag_set_output(NULL);
    fclose(devnull);
    return st == COMPILE_OK ? m : NULL;
}

TEST(redacts_names_as_whole_words) {
    Session s;
    session_init(&s);
    Arena a = { 0 };
    Model *m = compile_text(&s, &a, "jo.form", patient_src);
    CHECK(m != NULL);
    if (!m) { arena_free(&a); session_free(&s); return; }
    Redaction r = redact_plan(m, NULL);
    Model *c = redact_model(&a, m, NULL, &r);
    char want[256];
    snprintf(want, sizeof want, "%s, Johanna and Joe; %s's job; %s; %s; Dijkstra; van; %s; [ID removed].",
             r.pseudonym, r.pseudonym, r.pseudonym, r.pseudonym, r.pseudonym);
    CHECK_STR(c->f.crp.acts_of_self.s, want);
    snprintf(want, sizeof want, "%s\u2019s sister", r.pseudonym);
    CHECK_STR(c->f.crp.expectations_of_others.s, want);
    snprintf(want, sizeof want, "%s's mother", r.pseudonym);
    CHECK_STR(c->f.assessments[1].rater.s, want);
    snprintf(want, sizeof want, "%s moved to her mother's.", r.pseudonym);
    CHECK_STR(c->f.left.reason.s, want);
    CHECK_STR(c->f.patient.name.s, r.pseudonym);
    CHECK(!c->f.patient.preferred.s && !c->f.patient.id.s && !c->f.patient.born.set);
    /* born on 29 February 1980: 46 on the pre assessment of 6 January 2027 */
    CHECK(c->f.patient.has_age);
    CHECK_INT(c->f.patient.age, 46);
    CHECK_STR(c->clinic.name.s, "[clinic name removed]");
    CHECK_STR(c->clinic.address.s, "[address removed]");
    CHECK_STR(c->clinic.phone.s, "[telephone removed]");
    CHECK(c->redacted && !m->redacted);
    /* the original is untouched */
    CHECK_STR(m->f.patient.name.s, "Mary-Jo van Dijk");
    CHECK(m->f.patient.born.set);
    CHECK_INT(m->f.assessments[0].date.d, 7);
    arena_free(&a);
    session_free(&s);
}

TEST(moves_dates_by_whole_weeks) {
    Session s;
    session_init(&s);
    Arena a = { 0 };
    Model *m = compile_text(&s, &a, "jo.form", patient_src);
    if (!m) { UNIT_FAIL("does not compile"); arena_free(&a); session_free(&s); return; }
    Redaction r = redact_plan(m, NULL);
    CHECK(r.shift_days % 7 == 0 && r.shift_days != 0);
    CHECK(labs(r.shift_days) >= 53 * 7 && labs(r.shift_days) <= 104 * 7);
    Model *c = redact_model(&a, m, NULL, &r);
    for (int i = 0; i < 2; i++)
        CHECK_INT(date_days(c->f.assessments[i].date) - date_days(m->f.assessments[i].date), r.shift_days);
    arena_free(&a);
    session_free(&s);
}

TEST(same_input_same_plan) {
    Session s;
    session_init(&s);
    Arena a = { 0 };
    Model *m1 = compile_text(&s, &a, "one.form", patient_src);
    Model *m2 = compile_text(&s, &a, "two.form", patient_src);
    char other[sizeof patient_src + 16];
    snprintf(other, sizeof other, "%s# edited\n", patient_src);
    Model *m3 = compile_text(&s, &a, "one.form", other);
    if (!m1 || !m2 || !m3) { UNIT_FAIL("does not compile"); arena_free(&a); session_free(&s); return; }
    Redaction r1 = redact_plan(m1, NULL), r2 = redact_plan(m2, NULL), r3 = redact_plan(m3, NULL);
    CHECK_STR(r1.pseudonym, r2.pseudonym);
    CHECK_INT(r1.shift_days, r2.shift_days);
    /* a letter (no I or O) and two digits */
    CHECK(strlen(r1.pseudonym) == 3 && strchr("ABCDEFGHJKLMNPQRSTUVWXYZ", r1.pseudonym[0]) &&
          r1.pseudonym[1] >= '1' && r1.pseudonym[2] >= '0' && r1.pseudonym[2] <= '9');
    /* another file, another plan (these two differ; most pairs do) */
    CHECK(strcmp(r1.pseudonym, r3.pseudonym) || r1.shift_days != r3.shift_days);
    arena_free(&a);
    session_free(&s);
}

/* A group of GROUP_MAX_MEMBERS members (files of a few bytes, many of whose
 * hashes give the same pseudonym): every member's is distinct, each is what
 * the member's own file gives in the group, and one no other member shares
 * is the one its hash gives. */
TEST(pseudonyms_are_distinct_in_the_largest_group) {
    char dir[] = "/tmp/formc-pseudonyms-XXXXXX";
    if (!mkdtemp(dir)) {
        UNIT_FAIL("cannot make a folder");
        return;
    }
    Arena a = { 0 };
    Model g = { 0 };
    g.g.nmembers = GROUP_MAX_MEMBERS;
    g.g.members = arena_alloc(&a, sizeof *g.g.members * GROUP_MAX_MEMBERS);
    for (int k = 0; k < GROUP_MAX_MEMBERS; k++) {
        char *path = arena_printf(&a, "%s/m%04d.form", dir, k);
        FILE *f = fopen(path, "w");
        if (f) {
            fprintf(f, "# member %d\n", k);
            fclose(f);
        }
        g.g.members[k].path = path;
    }
    char (*codes)[8] = arena_alloc(&a, sizeof *codes * GROUP_MAX_MEMBERS);
    int moved = 0, clashes = 0;
    for (int k = 0; k < GROUP_MAX_MEMBERS; k++) {
        snprintf(codes[k], 8, "%s", pseudonym_of_member(&g, k));
        char err[128], own[8], alone[8];
        Source *src = source_load(&a, g.g.members[k].path, err, sizeof err);
        pseudonym_in_group(&g, src, own);
        pseudonym_in_group(NULL, src, alone);
        CHECK_STR(own, codes[k]);
        moved += strcmp(alone, codes[k]) != 0;
        for (int i = 0; i < k; i++) clashes += !strcmp(codes[i], codes[k]);
    }
    CHECK_INT(clashes, 0);
    CHECK(moved > 0);                      /* some did share a pseudonym by their hash */
    CHECK(moved < GROUP_MAX_MEMBERS / 2);
    arena_free(&a);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

/* Each text of texts (NULL-terminated, in pairs: the text and what it
 * should read) with the names of people (in pairs: a name and its
 * pseudonym, NULL-terminated) replaced, checked; the lower-case common
 * words left go to kept (may be NULL). */
static void check_replaced(const char *const *people, const char *const *texts, GPtrArray *kept) {
    Arena a = { 0 };
    NameSet *ns = nameset_new();
    for (const char *const *p = people; *p; p += 2) nameset_add_person(ns, p[0], p[1], NULL);
    for (const char *const *t = texts; *t; t += 2) CHECK_STR(nameset_replace(ns, &a, t[0], kept), t[1]);
    nameset_free(ns);
    arena_free(&a);
}

/* A name typed without its accents, as on a keyboard without them, or in
 * capitals without them, is the name: "Tomas" gives away "Tomás". */
TEST(redacts_a_name_typed_without_its_accents) {
    check_replaced((const char *[]){ "Tomás Ferreira", "X1", "Zoë Éluard", "X2", NULL },
                   (const char *[]){ "Tomas said so; TOMAS FERREIRA too; Tomás left; Zoe and ELUARD.",
                                     "X1 said so; X1 too; X1 left; X2 and X2.",
                                     "Tomasz and Zoey stay.", "Tomasz and Zoey stay.", NULL },
                   NULL);
}

/* A name typed in lower case, in a hurry, is the name: "ada" gives away
 * Ada Lovelace; with or without its accents either way ("helene" for
 * Hélène, "Zoë" for a name written "Zoe"). */
TEST(redacts_a_name_typed_in_lower_case) {
    check_replaced((const char *[]){ "Ada Lovelace", "R47", "Hélène Dubois", "F12", "Zoe Martin", "Z03", NULL },
                   (const char *[]){ "ada said so; ada lovelace too; aDA left; lovelace's turn.",
                                     "R47 said so; R47 too; R47 left; R47's turn.",
                                     "helene et HÉLÈNE, hélène dubois; Zoë et zoë.", "F12 et F12, F12; Z03 et Z03.",
                                     "adage, adam and canada stay.", "adage, adam and canada stay.", NULL },
                   NULL);
}

/* A name that is also a common word is the word in lower case ("rose to
 * the challenge", "she will"): left, and said, so the report stays
 * readable and no replaced word hints at the name; as a name (capital,
 * or the whole name) it is replaced. */
TEST(a_name_that_is_a_common_word_is_left_in_lower_case) {
    GPtrArray *kept = g_ptr_array_new_with_free_func(g_free);
    check_replaced((const char *[]){ "Rose Will", "R12", NULL },
                   (const char *[]){ "Rose rose to the challenge; she will, said Will; rose will came.",
                                     "R12 rose to the challenge; she will, said R12; R12 came.", NULL },
                   kept);
    CHECK_INT(kept->len, 2);
    if (kept->len == 2) {
        CHECK_STR(kept->pdata[0], "rose");
        CHECK_STR(kept->pdata[1], "will");
    }
    g_ptr_array_free(kept, TRUE);
}
