/* documents.c — a member's report and letter; see documents.h. */
#include "documents/documents.h"
#include <stdlib.h>
#include "documents/letter.h"
#include "documents/render.h"
#include "documents/report.h"
#include "template/template.h"

/* Adds the template NAME.LANG.tmpl that the document will read to its
 * inputs, and says whether the document is up to date with them. */
static bool skip(Arena *a, const DocOptions *o, const char *const *dirs, int ndirs,
                 const char *name, const char *lang, const char *out) {
    if (!o->inputs) return false;
    char *t = template_find(dirs, ndirs, name, lang);
    if (t) filelist_add(a, o->inputs, t);
    free(t);
    return o->incremental && up_to_date(o->inputs, out);
}

/* Writes d (NULL: not laid out, already reported as an input problem). */
static DocResult write_doc(Doc *d, const Model *m, const char *out) {
    if (!d) return DOC_INPUT_ERROR;
    DocResult r = render_write(d, m, out) == 0 ? DOC_WRITTEN : DOC_SYSTEM_ERROR;
    doc_free(d);
    return r;
}

DocResult document_report(Session *s, Arena *a, const Model *m, const Model *group,
                          const DocOptions *o, const char *out) {
    const char *dirs[3];
    int ndirs = render_template_dirs(a, o->templates, m, group, s->datadir, dirs);
    if (skip(a, o, dirs, ndirs, "report", render_language(m, group), out)) return DOC_UP_TO_DATE;
    Scored *sc = score_model(a, m);
    if (o->gaps) scored_list_gaps(sc, o->gaps);
    else scored_warn_gaps(sc);
    return write_doc(report_build(a, m, sc, group, dirs, ndirs, o->paper), m, out);
}

DocResult document_letter(Session *s, Arena *a, const Model *m, const Model *g,
                          const DocOptions *o, const char *out) {
    const char *dirs[3];
    int ndirs = render_template_dirs(a, o->templates, m, g, s->datadir, dirs);
    if (skip(a, o, dirs, ndirs, "letter", render_language(m, g), out)) return DOC_UP_TO_DATE;
    return write_doc(letter_build(a, m, g, dirs, ndirs, o->paper), m, out);
}
