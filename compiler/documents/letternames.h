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
#include "front/model.h"

/* Warns at each name of another member of g (its members resolved: none
 * found otherwise) in the letter texts of formulation m. Reads the
 * members' files once per group and process (pseudonym.h's roll). */
void letter_names_others(const Model *m, const Model *g);

#endif
