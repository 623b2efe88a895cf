/* documents.h — the documents stage: from compiled (and, for the report,
 * scored) models to written PDFs. It never compiles: the driver
 * (compiler/cli) hands it models, or for the group summary the facts of
 * each member (summary.h), and says where to write; it may touch the
 * scoring (score/), the template engine (runtime/template), the layout
 * and figures (runtime/layout, runtime/figures) and base services. Every
 * document is made the same way: its template's wording, the model's
 * values handed to it, the expanded blocks laid out (tmpl_layout.h),
 * written atomically and never over one of its inputs.
 *
 * This header is the way in for a member's report and letter, made the
 * same way by formc report, formc letter and formc build: the caller
 * compiles the formulation once, then each function lays one document out
 * and writes it. Problems are reported through diag.h. */
#ifndef FORMC_DOCUMENTS_H
#define FORMC_DOCUMENTS_H
#include <stdbool.h>
#include <stdio.h>
#include "front/model.h"
#include "layout/layout.h"

typedef enum { DOC_WRITTEN, DOC_UP_TO_DATE, DOC_INPUT_ERROR, DOC_SYSTEM_ERROR,
               DOC_NO_ROOM /* not written, not said: DocOptions.no_room */ } DocResult;

typedef struct DocOptions {
    Paper paper;
    const char *datadir;       /* the shipped templates */
    const char *templates;     /* --templates DIR, searched first; or NULL */
    FILE *gaps;                /* or NULL: where the library lacks a figure
                                  to judge change, a line here
                                  (scored_list_gaps), for the command to
                                  say once (gaps.h) */
    int *no_room;              /* or NULL: a document the system had no room
                                  for (a full disk, a quota, ulimit -f) is
                                  not said here: its errno is put here for
                                  the command to say once for them all */
} DocOptions;

/* Whether errnum says the system had no room for a file: ENOSPC, EDQUOT
 * or EFBIG (a full disk, a quota, the limit on a file's size). */
bool document_no_room(int errnum);

/* The report of m (error-free), with its group when known (may be NULL),
 * written to out. */
DocResult document_report(Arena *a, const Model *m, const Model *group, const DocOptions *o, const char *out);
/* The letter of m (error-free) for group g (a checked group model). */
DocResult document_letter(Arena *a, const Model *m, const Model *g, const DocOptions *o, const char *out);

/* Whether document_report (document_letter) would make the document:
 * the same template, data and checks, without laying it out or writing
 * anything; problems are reported as they would be. For formc check, so
 * that a clean check means the documents can be made. */
bool document_report_check(Arena *a, const Model *m, const Model *group, const DocOptions *o);
bool document_letter_check(Arena *a, const Model *m, const Model *g, const DocOptions *o);

/* The directories searched for a document's templates, in order: the
 * --templates option (may be NULL), the clinic's `templates` field (of
 * the patient's clinic block, else the group's; g may be NULL), the
 * shipped templates in datadir. Returns how many were written (1..3). */
int document_template_dirs(Arena *a, const char *option, const Model *m, const Model *g,
                           const char *datadir, const char *dirs[3]);
/* The files a document of template NAME.LANG.tmpl is made from besides
 * its model: the template file, found as document_template_dirs() says,
 * then the images it places by a path of its own wording (template.h's
 * template_images); a NULL-terminated array in a, empty when there is no
 * template (making the document then reports it). For formc build, which
 * leaves a document that is newer than every file it is made from. */
const char **document_template_inputs(Arena *a, const DocOptions *o, const Model *m, const Model *g,
                                      const char *name, const char *lang);

#endif
