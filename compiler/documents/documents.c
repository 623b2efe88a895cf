/* documents.c — a member's report and letter, and where documents find
 * their templates. documents.h says what the documents stage promises and
 * what it may touch. */
#include "documents/documents.h"
#include <errno.h>
#include <stdlib.h>
#include "base/diag.h"
#include "documents/clinic.h"
#include "documents/language.h"
#include "documents/letter.h"
#include "documents/report.h"
#include "template/template.h"

/* Whether errnum says the system had no room for a file: a full disk, a
 * quota, the limit on a file's size. */
bool document_no_room(int errnum) { return errnum == ENOSPC || errnum == EDQUOT || errnum == EFBIG; }

/* Writes d (NULL: not laid out, already reported as an input problem) to
 * out, never over one of m's input files. */
static DocResult write_doc(Doc *d, const Model *m, const char *out, int *no_room) {
    if (!d) return DOC_INPUT_ERROR;
    const char **inputs = xmalloc(sizeof *inputs * (size_t)(m->nsources + 1));
    for (int i = 0; i < m->nsources; i++) inputs[i] = m->sources[i]->path;
    inputs[m->nsources] = NULL;
    char err[512];
    int rc = doc_write_pdf(d, out, inputs, err, sizeof err), errnum = errno;
    free(inputs);
    doc_free(d);
    if (rc == 0) return DOC_WRITTEN;
    if (no_room && document_no_room(errnum)) {
        *no_room = errnum;
        return DOC_NO_ROOM;
    }
    diag_file(DIAG_ERROR, NULL, "%s", err);
    return DOC_SYSTEM_ERROR;
}

DocResult document_report(Arena *a, const Model *m, const Model *group, const DocOptions *o, const char *out) {
    const char *dirs[3];
    int ndirs = document_template_dirs(a, o->templates, m, group, o->datadir, dirs);
    Scored *sc = score_model(a, m);
    if (o->gaps) scored_list_gaps(sc, o->gaps);
    return write_doc(report_build(a, m, sc, group, dirs, ndirs, o->paper), m, out, o->no_room);
}

DocResult document_letter(Arena *a, const Model *m, const Model *g, const DocOptions *o, const char *out) {
    const char *dirs[3];
    int ndirs = document_template_dirs(a, o->templates, m, g, o->datadir, dirs);
    return write_doc(letter_build(a, m, g, dirs, ndirs, o->paper), m, out, o->no_room);
}

bool document_report_check(Arena *a, const Model *m, const Model *group, const DocOptions *o) {
    const char *dirs[3];
    int ndirs = document_template_dirs(a, o->templates, m, group, o->datadir, dirs);
    return report_check(a, m, score_model(a, m), group, dirs, ndirs);
}

bool document_letter_check(Arena *a, const Model *m, const Model *g, const DocOptions *o) {
    const char *dirs[3];
    int ndirs = document_template_dirs(a, o->templates, m, g, o->datadir, dirs);
    return letter_check(a, m, g, dirs, ndirs);
}

int document_template_dirs(Arena *a, const char *option, const Model *m, const Model *g,
                           const char *datadir, const char *dirs[3]) {
    int n = 0;
    if (option) dirs[n++] = option;
    const Clinic *cl = model_clinic(m, g);
    if (cl->templates.s) dirs[n++] = path_join(a, cl->templates.loc.src->dir, cl->templates.s);
    dirs[n++] = datadir;
    return n;
}

const char **document_template_inputs(Arena *a, const DocOptions *o, const Model *m, const Model *g,
                                      const char *name, const char *lang) {
    const char *dirs[3];
    int ndirs = document_template_dirs(a, o->templates, m, g, o->datadir, dirs);
    char *path = template_find(dirs, ndirs, name, lang);
    const char **files = NULL;
    int n = 0, cap = 0;
    if (path) {
        *(const char **)arena_push(a, &files, &n, &cap, sizeof *files) = arena_strdup(a, path);
        /* quietly: making the document reports what is wrong with it */
        diag_mute(true);
        Template *t = template_load(dirs, ndirs, name, lang);
        diag_mute(false);
        for (const char **img = t ? template_images(t) : NULL; img && *img; img++)
            *(const char **)arena_push(a, &files, &n, &cap, sizeof *files) = arena_strdup(a, *img);
        template_free(t);
        free(path);
    }
    *(const char **)arena_push(a, &files, &n, &cap, sizeof *files) = NULL;
    return files;
}
