/* copies.h — a member's file copied from another's and not rewritten
 * where the patient reads it: the members of one group, in the order
 * formc check reads them, each compared with those before it. */
#ifndef FORMC_COPIES_H
#define FORMC_COPIES_H
#include "base/arena.h"
#include "front/model.h"

typedef struct Copies {   /* { 0 }: no member yet; its memory is in the arena given */
    struct Copied *seen;
    int n, cap;
} Copies;

/* Warns when the letter of m, read from path, greets the patient or tells
 * their pattern as an earlier member's of the group does (cp holds them,
 * kept in a): a preferred name that is the earlier member's and part of
 * that member's name, but no part of this patient's ("Dear Ada" to Samuel
 * Okafor, from ada.form copied with the name changed), or a letter text
 * of 80 characters or more word for word the earlier member's. Then
 * remembers m. */
void copies_check(Arena *a, Copies *cp, const Model *m, const char *path);

#endif
