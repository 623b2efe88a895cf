/* summary.h — the group summary: one PDF the co-leaders bring to their
 * planning meeting (roster, composition chart, anticipated dynamics,
 * calendar of the weeks and phases, and outcomes once they exist).
 *
 * The summary is made from facts, never from models: the driver compiles
 * each member, hands the model to summary_member_facts() and frees it, so
 * memory stays flat as groups grow (formc build works the facts out in its
 * workers, one member each, and passes them back). */
#ifndef FORMC_SUMMARY_H
#define FORMC_SUMMARY_H
#include "front/model.h"
#include "layout/layout.h"
#include "score/groupfacts.h"

typedef struct SummaryOptions {
    Paper paper;
    const char *templates;   /* a clinic's template directory (--templates), or NULL */
    bool redact;             /* a de-identified summary (redact.h) */
    int *no_room;            /* or NULL: as DocOptions.no_room (documents.h) */
} SummaryOptions;

/* What a summary is made from. */
typedef struct SummaryInput {
    const Model *group;           /* the group as written, compiled with its members */
    MemberFacts *members;         /* one per member of the group, in its order */
    int nmembers;
    const char *const *inputs;    /* NULL-terminated: the files it is made from,
                                     never written over */
    Arena *facts;                 /* or NULL: the arena members lives in, holding
                                     nothing else the caller needs after;
                                     summary_write lets go of it (arena_free)
                                     once the summary is laid out, before its
                                     pages are drawn: what it draws of them it
                                     holds copies of */
} SummaryInput;

/* The facts the summary shows of the member whose file is path, copied
 * into a. m is its model, compiled for the report against group (the group
 * as written), or NULL when it cannot be used: the member is then listed
 * as not included. With redact, m is de-identified first (in scratch, m's
 * arena; unless it already is), and note prints the capitalised words
 * left in its texts. */
void summary_member_facts(Arena *a, MemberFacts *mf, const char *path, Model *m, Arena *scratch,
                          const Model *group, bool redact, bool note);

/* Writes the summary of in to out: atomically, mode 0600, never over one
 * of in->inputs. The wording comes from summary.LANG.tmpl (LANG the
 * group's language) in o->templates, the clinic's templates folder, or the
 * shipped templates in datadir.
 * Returns 0 when the summary was written. Otherwise nothing was written,
 * the reason was reported through diag.h, and the result is the exit
 * status to use: 1 the template has errors, 2 the output could not be
 * written. */
int summary_write(const SummaryInput *in, const char *datadir, const char *out, const SummaryOptions *o);
/* Whether summary_write would write the summary of in: the same template,
 * data and checks (tmpl_check), without laying it out; problems are
 * reported as summary_write reports them. For formc check. */
bool summary_check(const SummaryInput *in, const char *datadir, const SummaryOptions *o);

#endif
