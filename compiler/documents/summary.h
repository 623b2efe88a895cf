/* summary.h — the group summary: one PDF the co-leaders bring to their
 * planning meeting (roster, composition chart, anticipated dynamics,
 * calendar of the weeks and phases, and outcomes once they exist). */
#ifndef FORMC_SUMMARY_H
#define FORMC_SUMMARY_H
#include "front/compile.h"
#include "layout/layout.h"

typedef struct SummaryOptions {
    Paper paper;
    const char *templates;   /* a clinic's template directory (--templates), or NULL */
    bool redact;             /* a de-identified summary (redact.h) */
    bool quiet_members;      /* members' diagnostics are not shown (formc build
                                shows them with each member's documents) */
} SummaryOptions;

/* The language of the summary of group gm: the group's, else en. */
const char *summary_language(const Model *gm);

/* Compiles the group file and then its members one at a time (each
 * member's memory is freed once its facts are copied, so memory stays flat
 * as groups grow), and writes the group summary PDF to out (NULL:
 * CODE-summary.pdf in the current directory, CODE the group's code, else
 * the group file's base name): atomically, mode 0600, never over one of
 * the inputs. The wording comes from summary.LANG.tmpl (LANG the group's
 * language) in o->templates, the clinic's templates folder, or the shipped
 * templates. A member with errors gets its diagnostics and is listed as not
 * included; the summary is still written.
 * Returns 0 when the summary was written (diag_error_count() then tells
 * whether a member had errors). Otherwise nothing was written, the reason
 * was reported through diag.h, and the result is the exit status to use:
 * 1 the group file or the template has errors, 2 a file could not be read
 * or the output could not be written. */
int summary_write(Session *s, const char *group_file, const char *out, const SummaryOptions *o);

/* The same for a group file already compiled without errors (gm, with its
 * members resolved, remembered by the session). */
int summary_write_group(Session *s, const Model *gm, const char *out, const SummaryOptions *o);

#endif
