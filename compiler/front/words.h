/* words.h — finding a word of a list in a clinician's text: the one
 * matching the checks that read a letter's prose share (the weeks it
 * names, letterweeks.c; the weekdays, meetday.c; the dates, letterdates.c).
 * A word is matched in any case (ASCII), and only whole: no letter just
 * before it, and none just after it when it ends in a letter. A letter
 * is an ASCII letter or a character Unicode calls one ("é", "ï"); a
 * digit, a space, punctuation and a typographic apostrophe are not. */
#ifndef FORMC_FRONT_WORDS_H
#define FORMC_FRONT_WORDS_H
#include <stdbool.h>
#include <stddef.h>
#include "front/model.h"

/* Whether the character at p (before end) is a letter. */
bool word_letter_at(const char *p, const char *end);
/* Whether the character just before p (after from) is a letter. */
bool word_letter_before(const char *from, const char *p);
/* p moved past spaces, tabs, line ends and no-break spaces (U+00A0,
 * U+202F), never past end. */
const char *skip_space(const char *p, const char *end);
/* Which word of words[0, n) the text [from, end) holds whole at p: its
 * index, with its length in *len (an 's' after it counted in when
 * plural_s and it is followed by one: "Thursdays"), or -1. The first of
 * the list that matches is taken: put a longer word before its start. */
int word_at(const char *from, const char *p, const char *end, const char *const *words, size_t n,
            bool plural_s, size_t *len);

/* Whether the sentence of [text, end) around [from, to) speaks of the
 * group's sessions: it holds one of their words, in English or French,
 * in any case (group, session, meet, see you; groupe, séance, rencontr-,
 * réunion), also inside a longer word ("meeting"). A sentence ends at
 * . ! or ? */
bool about_sessions(const char *text, const char *end, const char *from, const char *to);
/* Whether [from, to) holds a word of words[0, n) whole (word_at, with
 * plural_s). */
bool holds_word(const char *from, const char *to, const char *const *words, size_t n, bool plural_s);

/* A letter's text as its file writes it: the bytes [from, end) of the
 * file (quotes and a line's indent included), for a check to read and
 * to point into. */
typedef struct { const Text *text; const char *from, *end; } WrittenText;
/* The texts of f's letter given in words (not placeholders), in
 * letter_texts' order: their number. */
int letter_written(const Formulation *f, WrittenText out[LETTER_TEXTS]);
/* Where [at, at + len) of written lies in its file. */
Loc written_loc(const WrittenText *written, const char *at, size_t len);

#define WORDS_COUNT(a) (sizeof a / sizeof *a)

#endif
