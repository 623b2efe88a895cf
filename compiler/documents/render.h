/* render.h — what the report, letter and group summary share: writing a
 * Doc to its output file with the model's inputs protected, reporting
 * characters no font can draw at their place in the source, and the
 * writing of numbers (dates in words are runtime/base/date.h's). */
#ifndef FORMC_RENDER_H
#define FORMC_RENDER_H
#include "layout/layout.h"
#include "front/model.h"

/* The tag given to layout runs holding a Text: the Text itself, so a
 * missing glyph maps back to its file, line and column. */
void render_missing_glyph(void *ud, const void *origin, const char *text, size_t off);

/* The paper named by --paper ("a4", the default, or "letter"). */
Paper render_paper(const char *name);

/* Writes d to path, never over one of m's input files. Returns 0, or -1
 * after printing "formc: error: ..." with the reason. */
int render_write(Doc *d, const Model *m, const char *path);

/* The directories searched for a document's templates, in order: the
 * --templates option (may be NULL), the clinic's `templates` field (of
 * the patient's clinic block, else the group's; g may be NULL), the
 * shipped templates in datadir. Returns how many were written (1..3). */
int render_template_dirs(Arena *a, const char *option, const Model *m, const Model *g,
                         const char *datadir, const char *dirs[3]);

/* The language of a member's documents: the member's own `language`,
 * else the group's (g may be NULL), else "en". */
const char *render_language(const Model *m, const Model *g);

/* A number written for a document in lang: decimals digits after the
 * decimal separator (a comma in French), or the shortest form ("%g") when
 * decimals is negative. */
const char *render_number(Arena *a, double v, int decimals, const char *lang);

/* s with the typographic quotes and spaces of lang (typo.h), copied into
 * a; NULL stays NULL. For text a figure draws itself (the layout gives
 * every paragraph, heading and cell its quotes). */
const char *render_typo(Arena *a, const char *s, const char *lang);

#endif
