/* report.h — the clinician's formulation report, from a checked and
 * scored model to a laid-out document (runtime/layout/layout.h). */
#ifndef FORMC_REPORT_H
#define FORMC_REPORT_H
#include "layout/layout.h"
#include "front/model.h"
#include "score/scored.h"

/* Lays out the report of m with the first report.LANG.tmpl found in
 * template_dirs, LANG the member's language (language_of_member). group may be NULL. Returns NULL after reporting why (a
 * template problem, fonts missing). The Doc refers to m, sc and memory in
 * a: keep them alive until it is written. */
Doc *report_build(Arena *a, const Model *m, const Scored *sc, const Model *group,
                  const char *const *template_dirs, int ndirs, Paper paper);

/* Whether the report of m could be made: report_build's template, data
 * and checks (tmpl_check), without laying it out; problems are reported
 * as report_build reports them. For formc check. */
bool report_check(Arena *a, const Model *m, const Scored *sc, const Model *group,
                  const char *const *dirs, int ndirs);

#endif
