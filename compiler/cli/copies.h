/* copies.h — a member's file copied from another's and not rewritten
 * where the patient reads it: the members of one group, in the order
 * formc check and formc build read them, each compared with those before
 * it. formc check keeps the members in one list (copies_check); formc
 * build's parent keeps them as its member jobs say them (copies_write,
 * copies_read) and hands each job the earlier members it would name
 * (copies_named), and the job says it (copies_say): one comparison and
 * one wording for both. */
#ifndef FORMC_COPIES_H
#define FORMC_COPIES_H
#include <stdint.h>
#include <stdio.h>
#include "base/arena.h"
#include "documents/letternames.h"
#include "cli/samescores.h"
#include "front/model.h"


/* What the check compares of a member: its file's path, the patient's
 * name and preferred name (NULL: not written), and a checksum of each
 * text of the letter (pattern, in_group, the phases') of 80 characters
 * or more (0: none); and what the check of a letter naming another
 * member reads of it (letternames.h), which needs every member's names,
 * so is said once the group's last member is read (copies_names_say);
 * and its assessments' scores (samescores.h). */
typedef struct Copied {
    const char *path, *name, *preferred;
    uint64_t texts[LETTER_TEXTS];
    LetterNames letter;
    SameScores scores;
} Copied;

typedef struct Copies {   /* { 0 }: no member yet; its memory is in the arena given */
    Copied *seen;
    int n, cap;
} Copies;

/* What the check compares of m (NULL or not a formulation: nothing),
 * read from path; its strings copied into a. */
Copied copies_of(Arena *a, const Model *m, const char *path);

/* Warns when the letter of m (now: copies_of(m)) greets the patient or
 * tells their pattern as one of the earlier members' does, at the first
 * of them that does: a preferred name that is the earlier member's and
 * part of that member's name, but no part of this patient's ("Dear Ada"
 * to Samuel Okafor, from ada.form copied with the name changed), or a
 * letter text of 80 characters or more word for word the earlier
 * member's; and when an assessment of m holds an earlier member's scores
 * (samescores_pasted), at each such assessment, naming the first. */
void copies_say(const Model *m, const Copied *now, const Copied *earlier, int n);

/* The indexes in seen[0..n-1] of the earlier members copies_say would
 * name for now, in order, each once, into which (room for n); returns
 * how many. copies_say given only those says what it says given them
 * all. */
int copies_named(const Copied *seen, int n, const Copied *now, int *which);

/* Says letter_names_say of each of all[0..n-1], every member of group g,
 * against them all: of those whose said[k] is true (said NULL: all). */
void copies_names_say(const Model *g, const Copied *all, int n, const bool *said);

/* formc check's: says copies_say of m, read from path, against the
 * members in cp, then adds m to them (kept in a). */
void copies_check(Arena *a, Copies *cp, const Model *m, const char *path);

/* c as bytes, and read back from *p (advanced past it; its strings in a):
 * false when the bytes up to end do not hold one. */
void copies_write(FILE *f, const Copied *c);
bool copies_read(Arena *a, const char **p, const char *end, Copied *c);

#endif
