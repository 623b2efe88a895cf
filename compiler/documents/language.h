/* language.h — the language a document is written in, and numbers and
 * quotation marks written as that language writes them (en, fr). Dates in
 * words are runtime/base/date.h's. */
#ifndef FORMC_LANGUAGE_H
#define FORMC_LANGUAGE_H
#include "base/arena.h"
#include "front/model.h"

/* The language of a member's documents: the member's own `language`,
 * else the group's (g may be NULL), else "en". */
const char *language_of_member(const Model *m, const Model *g);
/* The language of a group's summary: the group's, else "en". */
const char *language_of_group(const Model *g);

/* A number written for a document in lang: decimals digits after the
 * decimal separator (a comma in French), or the shortest form ("%g") when
 * decimals is negative. */
const char *language_number(Arena *a, double v, int decimals, const char *lang);

/* s with the typographic quotes and spaces of lang (typo.h), copied into
 * a; NULL stays NULL. For text a figure draws itself (the layout gives
 * every paragraph, heading and cell its quotes). */
const char *language_typography(Arena *a, const char *s, const char *lang);

#endif
