/* people.h — one person, one id: the members of the groups a command
 * reads together (check, scores, norms, outcomes), by the patient id of
 * their files. Norms count each person once by the id and outcomes follow
 * a person across groups by it, so two files with one id and two birth
 * dates (a slip in either, or two people given one id) are an error. */
#ifndef FORMC_PEOPLE_H
#define FORMC_PEOPLE_H
#include <stdbool.h>
#include "front/compile.h"

typedef struct Person { const char *id, *path; Date born; } Person;
typedef struct People { Person *p; int n, cap; } People;   /* { 0 }: no one yet */

/* Whether the patient of m (read from path) is the one every earlier file
 * with the same patient id holds; if not, an error at its birth date,
 * naming the first such file. A file without an id or a birth date is
 * nobody's. What it keeps is in the session's arena. */
bool people_same(Session *s, People *pp, const Model *m, const char *path);

#endif
