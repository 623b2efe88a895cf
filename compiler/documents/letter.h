/* letter.h — the patient's pre-group preparation letter: the model's
 * values handed to a template (templates/letter.LANG.tmpl, or a clinic's
 * own), and the expanded blocks laid out as a letter. */
#ifndef FORMC_LETTER_H
#define FORMC_LETTER_H
#include "layout/layout.h"
#include "front/model.h"

/* Lays out the letter of patient m for group g (a model with a group
 * block). template_dirs are searched in order for letter.LANG.tmpl.
 * Returns NULL after reporting why. */
Doc *letter_build(Arena *a, const Model *m, const Model *g, const char *const *template_dirs,
                  int ndirs, Paper paper);

/* Whether the letter could be made: letter_build's template, data and
 * checks (tmpl_check), without laying it out; problems are reported as
 * letter_build reports them. For formc check. */
bool letter_check(Arena *a, const Model *m, const Model *g, const char *const *dirs, int ndirs);

#endif
