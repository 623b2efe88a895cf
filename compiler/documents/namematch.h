/* namematch.h — finding a patient's names in the clinician's texts, for
 * --redact: whole words, longest first (so a full name is replaced as one),
 * as written, in capitals or without its accents ("Tomas" for "Tomás", as
 * typed on a keyboard without them), and whatever the Unicode normal form of the
 * name or the text (both are compared in NFC: "é" typed as one character
 * or as "e" and a combining accent is the same letter). Any number of
 * names, each found by a hashed look-up of the word it starts with, so the
 * work grows with the text, not with text times names. */
#ifndef FORMC_NAMEMATCH_H
#define FORMC_NAMEMATCH_H
#include "base/arena.h"

typedef struct NameSet NameSet;

NameSet *nameset_new(void);
void nameset_free(NameSet *ns);

/* Adds name (its capitals, and both without its accents) to be replaced
 * by `to` (kept, not copied);
 * a name of fewer than two bytes is left out. */
void nameset_add(NameSet *ns, const char *name, const char *to);

/* Adds a person's name: the whole name, each of its words that starts with
 * a capital (not particles such as "de" or "van"), and each such part of a
 * hyphenated word. */
void nameset_add_person(NameSet *ns, const char *name, const char *to);

/* text with every whole-word occurrence of a name replaced (a copy in a,
 * in NFC), or text itself when it holds none. NULL stays NULL. */
const char *nameset_replace(const NameSet *ns, Arena *a, const char *text);

#endif
