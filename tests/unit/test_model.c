/* test_model.c — unit tests of the checked model's links: every scale
 * points at the instrument the model holds, however many instruments the
 * library and a clinic's files declare (the model's list grows while they
 * are read), and item answers point at that same instrument, so a scale
 * and the answers to its items are matched by identity. The instrument
 * library is read and parsed once a session, whatever the number of files
 * compiled, unless it has syntax errors, which every file then reports.
 * Every text of a group, a clinic and a formulation knows its language:
 * its key's, else its file's (language.md 2.11). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/diag.h"
#include "front/compile.h"
#include "unit.h"

/* A clinic instrument file declaring n instruments of one scale each, and
 * adding a French name to the library's first and last instruments, written
 * to a temporary file whose path is returned (malloc'd). */
static char *clinic_instruments(int n) {
    char *path = strdup("/tmp/formc-test-model-XXXXXX");
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < n; i++)
        fprintf(f, "instrument own%d \"Own scale %d\" {\n"
                   "    scale total \"Total\" { range 0 10; higher worse }\n"
                   "}\n", i, i);
    fprintf(f, "instrument hfmps fr \"Échelle\" { }\n"
               "instrument mspss fr \"Échelle\" { }\n");
    fclose(f);
    return path;
}

static const char member_src[] =
    "patient \"Ann Example\" { id \"A-1\"; born 1990-01-01 }\n"
    "clinician \"Dr. B\"\n"
    "assessment pre 2026-01-07 { own0.total 4; items swls 2, 2, 2, 1, 2 }\n";

/* A session that reads, after the library, a clinic instrument file of n
 * instruments (clinic_instruments), which lives as long as the session. */
typedef struct ClinicSession {
    Session s;
    char *path;
    const char *files[1];
} ClinicSession;

static void clinic_session_open(ClinicSession *c, int n) {
    c->path = clinic_instruments(n);
    c->files[0] = c->path;
    session_init(&c->s);
    c->s.instrument_files = c->files;
    c->s.ninstrument_files = 1;
}

static void clinic_session_close(ClinicSession *c) {
    session_free(&c->s);
    unlink(c->path);
    free(c->path);
}

/* member_src compiled into a in session s, its messages discarded. */
static Model *compile_into(Session *s, Arena *a, CompileStatus *st) {
    diag_reset();
    diag_configure(&(DiagOptions){ .max_errors = 0 });
    FILE *devnull = fopen("/dev/null", "w");
    diag_set_output(devnull);
    CompileOptions co = { .purpose = 0 };
    Model *m = compile_source(s, a, source_from_bytes(a, "ann.form", member_src, strlen(member_src)),
                              &co, st);
    diag_set_output(NULL);
    fclose(devnull);
    return m;
}

TEST(scales_point_at_the_instruments_the_model_holds) {
    ClinicSession c;
    clinic_session_open(&c, 40);
    Arena a = { 0 };
    CompileStatus st;
    Model *m = compile_into(&c.s, &a, &st);
    CHECK_INT(st, COMPILE_OK);
    CHECK(m->ninstruments > 40);
    int stale = 0;
    for (int i = 0; i < m->ninstruments; i++)
        for (int j = 0; j < m->instruments[i]->nscales; j++)
            if (m->instruments[i]->scales[j].instrument != m->instruments[i]) {
                if (!stale++) UNIT_FAIL("%s points at another copy of its instrument",
                                        m->instruments[i]->scales[j].qualified);
            }
    CHECK_INT(stale, 0);
    /* what a clinic adds to an instrument is seen through its scales */
    CHECK_STR(model_find_scale(m, "hfmps.self_oriented")->instrument->title_in[LANG_FR].s, "Échelle");
    CHECK_STR(model_find_scale(m, "mspss.total")->instrument->title_in[LANG_FR].s, "Échelle");
    /* the answers to the SWLS's items are to the instrument of its scale */
    const Assessment *pre = model_assessment(m, WHEN_PRE, NULL);
    CHECK(pre && pre->nanswers == 1);
    if (pre && pre->nanswers == 1)
        CHECK(pre->answers[0].instrument == model_find_scale(m, "swls.total")->instrument);
    arena_free(&a);
    clinic_session_close(&c);
}

/* The library's first instrument's source in m (NULL when none). */
static const Source *library_of(const Model *m) {
    return m->ninstruments ? m->instruments[0]->loc.src : NULL;
}

/* member_src compiled in an arena of its own, freed at once; the status,
 * and the library's source in *lib. */
static CompileStatus compile_once(Session *s, const Source **lib) {
    Arena a = { 0 };
    CompileStatus st;
    *lib = library_of(compile_into(s, &a, &st));
    arena_free(&a);
    return st;
}

TEST(instrument_library_is_parsed_once_a_session) {
    ClinicSession c;
    clinic_session_open(&c, 2);
    Arena a = { 0 }, b = { 0 };
    CompileStatus sa, sb;
    const Source *first = library_of(compile_into(&c.s, &a, &sa)),
                 *second = library_of(compile_into(&c.s, &b, &sb)), *third = NULL;
    CHECK(sa == COMPILE_OK && sb == COMPILE_OK);
    CHECK(first != NULL && first == second);            /* one parse for both */
    arena_free(&a);
    arena_free(&b);
    CHECK_INT(compile_once(&c.s, &third), COMPILE_OK);    /* after their memory is freed */
    CHECK(third == second);
    clinic_session_close(&c);
}

TEST(instrument_library_with_syntax_errors_is_reported_by_every_file) {
    char dir[] = "/tmp/formc-test-library-XXXXXX";
    if (!mkdtemp(dir)) abort();
    char lib[128];
    snprintf(lib, sizeof lib, "%s/instruments.form", dir);
    FILE *f = fopen(lib, "w");
    fputs("instrument swls \"Satisfaction\" { scale total \"Total\" { range 5 35; higher better }\n", f);
    fclose(f);
    Session s;
    session_init(&s);
    s.datadir = dir;
    const Source *src = NULL;
    for (int k = 0; k < 3; k++) {
        diag_reset();
        CompileStatus st = compile_once(&s, &src);
        if (st == COMPILE_OK) UNIT_FAIL("file %d: the library's unclosed block was not reported", k);
    }
    session_free(&s);
    unlink(lib);
    rmdir(dir);
}

/* src compiled as name into a in session s with options co, its messages
 * discarded. */
static Model *compile_text(Session *s, Arena *a, const char *name, const char *src, CompileOptions co) {
    diag_reset();
    diag_configure(&(DiagOptions){ .max_errors = 0 });
    FILE *devnull = fopen("/dev/null", "w");
    diag_set_output(devnull);
    CompileStatus st;
    Model *m = compile_source(s, a, source_from_bytes(a, name, src, strlen(src)), &co, &st);
    diag_set_output(NULL);
    fclose(devnull);
    return m;
}

/* t's language, "?" when it is not known. */
static const char *lang_of(const Text *t) { return text_lang(t) ? text_lang(t) : "?"; }

TEST(every_text_knows_the_language_of_its_file) {
    Session s;
    session_init(&s);
    Arena a = { 0 };
    const char *group =
        "clinic \"Centre Larch\" { address \"1180, rue Larch\"; phone \"604-555-0142\" }\n"
        "group \"Groupe du jeudi\" en \"Thursday group\" {\n"
        "    code \"thu\"; starts 2026-01-15; weeks 12; meets \"Le jeudi\"; place \"Salle B\"\n"
        "    leader \"Dr. Brandt\"; language fr\n"
        "}\n";
    Model *g = compile_text(&s, &a, "g.group", group, (CompileOptions){ .purpose = 0 });
    CHECK_STR(lang_of(&g->g.title), "fr");
    CHECK_STR(lang_of(&g->g.title_in[LANG_EN]), "en");      /* its key's */
    CHECK_STR(lang_of(&g->g.meets), "fr");
    CHECK_STR(lang_of(&g->g.leaders[0]), "fr");
    CHECK_STR(lang_of(&g->clinic.name), "fr");               /* the file's, clinic and all */
    const char *member = "patient \"Ann\" { id \"A-1\" }\nclinician \"Dr. B\"\n"
                         "crp { introject \"Se juge durement.\" }\nleft week 3 \"Un déménagement.\"\n";
    Model *m = compile_text(&s, &a, "ann.form", member, (CompileOptions){ .purpose = 0, .group = g });
    CHECK_STR(lang_of(&m->f.crp.introject), "fr");           /* no language: its group's */
    CHECK_STR(lang_of(&m->f.left.reason), "fr");
    char own[512];
    snprintf(own, sizeof own, "language en\n%s", member);
    m = compile_text(&s, &a, "ann.form", own, (CompileOptions){ .purpose = 0, .group = g });
    CHECK_STR(lang_of(&m->f.crp.introject), "en");           /* its own */
    m = compile_text(&s, &a, "ann.form", member, (CompileOptions){ .purpose = 0 });
    CHECK_STR(lang_of(&m->f.crp.introject), "en");           /* no group: English */
    /* an instrument file's texts are English, those after fr French; those
     * a file declares or adds are in that file's language */
    const Scale *so = model_find_scale(m, "hfmps.self_oriented");
    CHECK_STR(lang_of(&so->title), "en");
    CHECK_STR(lang_of(&so->title_in[LANG_FR]), "fr");
    CHECK(so->nnorms > 0);
    CHECK_STR(lang_of(&so->norms[0].source), "en");
    CHECK_STR(lang_of(&so->norms[0].name_in[LANG_FR]), "fr");
    snprintf(own, sizeof own, "%s"
             "instrument local \"Humeur\" { scale total \"Humeur du jour\" { range 0 10; higher worse\n"
             "    norm community mean 5 sd 2 sample \"membres\" source \"Clinique\" } }\n"
             "instrument hfmps { scale other_oriented { norm local mean 40 sd 9 source \"Nos membres\" } }\n",
             member);
    m = compile_text(&s, &a, "ann.form", own, (CompileOptions){ .purpose = 0, .group = g });
    const Scale *mood = model_find_scale(m, "local.total");
    CHECK(mood != NULL && mood->nnorms == 1);
    CHECK_STR(lang_of(&mood->title), "fr");
    CHECK_STR(lang_of(&mood->norms[0].sample), "fr");
    CHECK_STR(lang_of(&mood->norms[0].source), "fr");
    const Scale *oo = model_find_scale(m, "hfmps.other_oriented");
    CHECK_STR(lang_of(&oo->title), "en");
    CHECK_STR(lang_of(&oo->norms[oo->nnorms - 1].source), "fr");     /* added by the member's file */
    arena_free(&a);
    session_free(&s);
}
