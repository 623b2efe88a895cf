/* namematch.h — finding a patient's names in the clinician's texts, for
 * --redact: whole words, longest first (so a full name is replaced as one),
 * in any case ("ada", "ADA" for "Ada") and with or without accents ("Tomas"
 * for "Tomás", as typed on a keyboard without them, "Hélène" for
 * "Helene"), and whatever the Unicode normal form of the name or the text
 * (both are compared in NFC: "é" typed as one character or as "e" and a
 * combining accent is the same letter). A name that is also a common word
 * ("Rose", "Will", "Pierre") is found in lower case only as part of a
 * longer name: "rose to the challenge" keeps its word. Any number of
 * names, each found by a hashed look-up of the word it starts with, so the
 * work grows with the text, not with text times names. */
#ifndef FORMC_NAMEMATCH_H
#define FORMC_NAMEMATCH_H
#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include "base/arena.h"

typedef struct NameSet NameSet;

NameSet *nameset_new(void);
void nameset_free(NameSet *ns);

/* Adds name, found in any case and with or without accents, to be
 * replaced by `to` (kept, not copied); a name of fewer than two bytes, or
 * of more than 160 characters (no person's), is left out. A name added before keeps its `to`, but for one thing: names
 * added with `shared` (another person's than the patient's: not NULL),
 * each for another `to`, are one name of two people, which the text may
 * mean either of, and are replaced by `shared` (kept, not copied). */
void nameset_add(NameSet *ns, const char *name, const char *to, const char *shared);

/* Adds a person's name: the whole name, each of its words that starts with
 * a capital, and each such part of a hyphenated word, but for a surname's
 * particle after the first word ("de", "La", "Van": "de la région" is no
 * name), however it is written (shared: as nameset_add). */
void nameset_add_person(NameSet *ns, const char *name, const char *to, const char *shared);

/* Adds a patient's names (as nameset_add_person): the full name, the
 * preferred name, and the preferred name before the full name's later
 * words ("Ada Nwosu" for Adaeze Nwosu called Ada), so that the two words
 * are found as one name, not two. preferred may be NULL. */
void nameset_add_member(NameSet *ns, const char *name, const char *preferred, const char *to,
                        const char *shared);

/* A name found in a text: its bytes [start, end), the `to` it was added
 * with, and whether it is also a common word ("Will", "Rose"). */
typedef struct NameFound {
    size_t start, end;
    const char *to;
    bool word;
} NameFound;

/* Finds the next name of ns in text (NUL-terminated, valid UTF-8) at or
 * after byte *from (0, or where the name found before ended), whole
 * words, the longest at each word's start; false when there is none.
 * *from is moved past it. The text is read as it is
 * (not put in NFC first): a combining accent is skipped as a precomposed
 * one's is. */
bool nameset_next(const NameSet *ns, const char *text, size_t *from, NameFound *found);

/* Whether the word s, folded (in lower case), is one of the n words of
 * list, each written folded: a common word a given name may be, a
 * surname's particle, a month that is also a given name. */
bool folded_in(const char *s, const char *const *list, size_t n);

/* Whether a name of ns starts at byte at of text (a word's start); the
 * end of the longest in *end. */
bool nameset_match_at(const NameSet *ns, const char *text, size_t at, size_t *end);

/* text with every whole-word occurrence of a name replaced (a copy in a,
 * in NFC), or text itself when it holds none. NULL stays NULL. A name
 * that is also a common word, written in lower case, is left as it is
 * and, when kept is not NULL, added to it (a new string, g_free). */
const char *nameset_replace(const NameSet *ns, Arena *a, const char *text, GPtrArray *kept);

#endif
