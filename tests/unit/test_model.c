/* test_model.c — unit tests of the checked model's links: every scale
 * points at the instrument the model holds, however many instruments the
 * library and a clinic's files declare (the model's list grows while they
 * are read), and item answers point at that same instrument, so a scale
 * and the answers to its items are matched by identity. */
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

TEST(scales_point_at_the_instruments_the_model_holds) {
    char *path = clinic_instruments(40);
    Session s;
    session_init(&s);
    const char *files[] = { path };
    s.instrument_files = files;
    s.ninstrument_files = 1;
    Arena a = { 0 };
    diag_reset();
    diag_configure(&(DiagOptions){ .max_errors = 0 });
    FILE *devnull = fopen("/dev/null", "w");
    diag_set_output(devnull);
    CompileStatus st;
    CompileOptions co = { .purpose = 0 };
    Model *m = compile_source(&s, &a, source_from_bytes(&a, "ann.form", member_src, strlen(member_src)),
                              &co, &st);
    diag_set_output(NULL);
    fclose(devnull);
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
    session_free(&s);
    unlink(path);
    free(path);
}
