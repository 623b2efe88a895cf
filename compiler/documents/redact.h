/* redact.h — de-identified documents (--redact), for supervision or a case
 * conference. The redaction is made once, on the model, before anything is
 * rendered, so every document (report, letter, summary) shows the same
 * de-identified case:
 *
 *   - the patient's name and preferred name become a pseudonym (a letter
 *     and two digits, such as "R47", distinct within a group:
 *     pseudonym.h), also where the patient's names occur in any of the
 *     clinician's texts (whole words, in any case, with or without their
 *     accents, whatever the Unicode normal form of either: namematch.h;
 *     a name that is also a common word is the word in lower case, left
 *     and noted); the
 *     ID is removed, and replaced where it occurs in a text;
 *   - the birth date is removed and only the age is kept;
 *   - every date (assessments, the group's sessions) is moved by one whole
 *     number of weeks, 53 to 104, so intervals and weekdays stay true and
 *     no moved date falls on a real one within a year;
 *   - the clinic's name, address, telephone and logo, the group's place
 *     and code, and the letter's date are removed (shown as "[... removed]");
 *   - the formulation itself, the scores, the clinician and the group's
 *     leaders are kept.
 *
 * Pseudonym and shift are stable: the same files give the same ones. They
 * come from a hash of the files' contents (the formulation's for the
 * pseudonym, the group file's, else the formulation's, for the shift), not
 * of the names, so a list of names cannot be matched against them; a
 * member whose file's pseudonym another member of its group already has
 * takes the next free one (pseudonym.h).
 * docs/redaction.md says what is and is not redacted. */
#ifndef FORMC_REDACT_H
#define FORMC_REDACT_H
#include "base/arena.h"
#include "front/model.h"

typedef struct Redaction {
    char pseudonym[8];     /* "R47" */
    long shift_days;       /* added to every date: 53 to 104 weeks, either way */
    const char *lang;      /* the documents' language: the words for what is removed */
} Redaction;

/* The redaction of patient m (NULL for a group alone) in group g (NULL when
 * there is none). */
Redaction redact_plan(const Model *m, const Model *g);

/* A de-identified copy of m, allocated in a; m is left as it is. For a
 * formulation, group is the patient's group (NULL when none), whose first
 * day the age is given on. m may be a formulation, a group or both. */
Model *redact_model(Arena *a, const Model *m, const Model *group, const Redaction *r);

/* De-identifies a patient's model and its group's (group may point at
 * NULL) with one plan, replacing both pointers by the copies; with note,
 * notes the capitalised words left in the patient's texts. */
void redact_case(Arena *a, Model **m, const Model **group, bool note);

/* Prints one note naming the capitalised words still in m's texts (other
 * than at the start of a sentence): names of people and places formc
 * cannot recognise, for the clinician to check. Nothing when there are none. */
void redact_note_capitalised(const Model *m);

#endif
