/* outcomes.h — the program outcomes document: one PDF across any number of
 * groups for the clinic, its funders and accreditors: per group and
 * overall the members, who completed and who left early (by phase), per
 * scale the classifications at post and follow-up, the share of completers
 * with reliable improvement on a perfectionism measure beside the
 * published trials, and a Jacobson–Truax chart per scale
 * (figures/scatter.h). Its wording is templates/outcomes.LANG.tmpl. */
#ifndef FORMC_OUTCOMES_H
#define FORMC_OUTCOMES_H
#include "layout/layout.h"
#include "score/program.h"

typedef struct OutcomesOptions {
    Paper paper;
    const char *templates;   /* --templates DIR, or NULL */
    const char *clinic_templates;   /* the first group's clinic's templates folder, or NULL */
    const char *lang;        /* the first group's language, else "en" */
    bool redact;             /* members are pseudonyms, groups numbered */
} OutcomesOptions;

/* Writes the document of program p to out, atomically (never over a file
 * the process read). Returns 0 when it was written; otherwise, after
 * reporting why, 1 (the template has errors) or 2 (it could not be
 * written). */
int outcomes_write(const Program *p, const char *datadir, const char *out, const OutcomesOptions *o);

#endif
