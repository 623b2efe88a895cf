/* letternames.h — a letter that names another member of the group: "you
 * will meet people like Adaeze, who will also be there" tells one patient
 * who else is in the group before it meets. The letter's texts (pattern,
 * in_group, the phases') are searched for the names of the group's other
 * members, as --redact finds them (namematch.h: whole words, in any case
 * and with or without accents; a name filled over two lines is one), and
 * each found is a warning at its place in the file:
 *
 *   - another member's full name, or any word of it that starts with a
 *     capital in the text ("Adaeze", "Nwosu", "Tanaka-Brooks");
 *   - but a given name that is also a common word ("Will", "Grace",
 *     "Hope") only where it cannot be the word: with its capital, not at
 *     a sentence's start ("Will you ..."), and never a month's name
 *     ("May", "June", "April"), which English writes with a capital;
 *   - a name written in lower case is the word ("a brook", "will");
 *   - the patient's own names, the clinician's and the group's leaders'
 *     are never another member's, even when a member shares them.
 *
 * A warning, not an error: two members may know each other and have
 * agreed to it (a couple, siblings, colleagues referred together), and a
 * name may be someone else in the patient's life. The clinician's report
 * and the group summary may name other members: they are the clinicians'. */
#ifndef FORMC_LETTERNAMES_H
#define FORMC_LETTERNAMES_H
#include "base/arena.h"
#include "documents/namematch.h"
#include "documents/pseudonym.h"
#include "front/model.h"


/* What the check reads of a member: the patient's names and the
 * clinician's (NULL: not written), and each text of the letter as written
 * in the file that holds the letter block, the member's or one it
 * includes (src NULL: none), in a copy of that file that keeps only
 * their lines (and every line end, so that lines and columns are the
 * file's): what formc check and formc build keep of every member until
 * the group's last is read. */
typedef struct LetterNames {
    const char *name, *preferred, *clinician;
    Loc texts[LETTER_TEXTS];
} LetterNames;

/* What the check reads of formulation m (nothing but names when m is not
 * one), copied into a. */
LetterNames letter_names_of(Arena *a, const Model *m);

/* The names of the members of a group (others[0..n-1]), to be found in
 * their letters: made once for the group (nameset_free). */
NameSet *letter_names_members(const MemberNames *others, int n);

/* Warns at each name of another member of group g (members:
 * letter_names_members of all its members, this member's own among them
 * or not) in the letter texts of me (g's leaders are never another
 * member). */
void letter_names_say(const LetterNames *me, const Model *g, const NameSet *members);

/* letter_names_say for formulation m against the members of g (its
 * members resolved: nothing said otherwise), read from their files
 * (pseudonym.h's roll, once per group and process): for formc letter,
 * and formc check of a member's file alone. */
void letter_names_others(const Model *m, const Model *g);

#endif
