/* language.h — the language a document is written in, and numbers and
 * quotation marks written as that language writes them (en, fr). Dates in
 * words are runtime/base/date.h's. */
#ifndef FORMC_LANGUAGE_H
#define FORMC_LANGUAGE_H
#include "base/arena.h"
#include "figures/figtext.h"
#include "front/model.h"
#include "layout/layout.h"
#include "template/template.h"

/* The language of a member's documents: the member's own `language`,
 * else the group's (g may be NULL), else "en". */
const char *language_of_member(const Model *m, const Model *g);
/* The language of a group's summary: the group's, else "en". */
const char *language_of_group(const Model *g);

/* A number written for a document in lang: decimals digits after the
 * decimal separator (a comma in French), or the shortest form ("%g") when
 * decimals is negative; a true minus sign, never a negative zero
 * (numtext_format). */
const char *language_number(Arena *a, double v, int decimals, const char *lang);

/* s with the typographic quotes and spaces of lang (typo.h), copied into
 * a; NULL stays NULL. For text a figure draws itself (the layout gives
 * every paragraph, heading and cell its quotes). */
const char *language_typography(Arena *a, const char *s, const char *lang);

/* The few words the program itself puts into a document (a template has
 * the rest): what a draft's missing text and a de-identified copy's removed
 * details read, the mark across every page of a draft when its template
 * gives none, and what follows a chart's heading over each part of it
 * after the first when it goes on over a page ("(continued)"). */
typedef enum {
    WORD_TO_BE_COMPLETED, WORD_DRAFT_MARK, WORD_DATE_REMOVED, WORD_FILE_NAME_REMOVED, WORD_CLINIC_REMOVED,
    WORD_ADDRESS_REMOVED, WORD_PHONE_REMOVED, WORD_PLACE_REMOVED, WORD_ID_REMOVED, WORD_NAME_REMOVED, WORD_CONTINUED, WORD_COUNT
} Word;
/* The word in lang (en or fr; English for any other). */
const char *language_word(Word w, const char *lang);

/* A model's text as a document's value: its words, "(to be completed)"
 * in lang where a placeholder (<words>) holds its place (a draft's: a
 * final file with one has errors), NULL when it was not given. */
TValue *language_text(const Text *t, const char *lang);
/* The clinician's prose t (a formulation's or a letter's text) as
 * language_text gives it, each of its sentences and quoted passages
 * written in the other language than t's (front/textlang.h: an English
 * quotation of the patient's words in a French text) a part in that
 * language (tv_text_part), so that it keeps that language's quotes,
 * spaces, hyphenation and /Lang in the document. */
TValue *language_prose(const Text *t, const char *lang);
/* The same for a text s written in own (NULL: lang) from origin. */
TValue *language_prose_in(const char *s, Loc origin, const char *own, const char *lang);
/* The clinician's prose s, written in own (NULL: lang), with typographic
 * quotes and spaces (language_typography): each of its sentences and
 * quoted passages in the other language with that language's, the rest
 * with own's, copied into a. For a text a figure draws itself (a
 * diagram's facet); NULL stays NULL. The stretches of the result in
 * another language than lang, in order, are set in *spans (in a), their
 * number in *nspans, for the figure to tag them with their language. */
const char *language_prose_typography(Arena *a, const char *s, const char *own, const char *lang,
                                      const FigSpan **spans, int *nspans);
/* The same for a table cell (cell.text, written in own, NULL: lang): its
 * runs in a, each in its language, when it has a stretch in the other
 * language (their number, 0 when it has none: cell as it is, with own's
 * language), for doc_table_parts. */
int language_prose_runs(Arena *a, Run cell, const char *own, const char *lang, Run **runs);
/* The group's first session in words (with its weekday), and its number
 * of weeks, in lang: "(to be completed)" where a placeholder holds the
 * place, NULL when not given or there is no group (group may be NULL). */
const char *language_group_starts(Arena *a, const Model *group, const char *lang, bool weekday);
const char *language_group_weeks(Arena *a, const Model *group, const char *lang);
/* The weeks first to last in words, as a heading's aside says them in
 * lang: "week 5", "weeks 11–12", "weeks 1–3"; in French "semaine 5",
 * "semaines 11 et 12", "semaines 1 à 3". */
const char *language_week_span(Arena *a, int first, int last, const char *lang);
/* A name that starts with a capital (a scale's, "Perfectionnisme
 * socialement prescrit") as it reads within a sentence in lang: in French
 * its first letter in lower case, unless the next one is a capital too (an
 * acronym, "BDI"); in English unchanged. */
const char *language_in_sentence(Arena *a, const char *name, const char *lang);

#endif
