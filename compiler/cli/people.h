/* people.h — one person, one id: the members of the groups a command
 * reads together (check, scores, norms, outcomes), by the patient id of
 * their files. Norms count each person once by the id and outcomes follow
 * a person across groups by it, so two files with one id and two birth
 * dates (a slip in either, or two people given one id) are an error, and
 * one person in two groups whose sessions overlap (a file copied into the
 * next group without 'left week N' in the first) is a warning. */
#ifndef FORMC_PEOPLE_H
#define FORMC_PEOPLE_H
#include <stdbool.h>
#include <sys/types.h>
#include "front/compile.h"

/* A person as first seen: the file, and the membership's first and last
 * sessions in days (from < 0: not known, the group has no dates). */
typedef struct Person { const char *id, *path, *group; Date born; long from, to; } Person;
/* A group read: its code, its file and the file's identity. */
typedef struct GroupCode { const char *code, *path; dev_t dev; ino_t ino; } GroupCode;
typedef struct People {   /* { 0 }: no one yet */
    Person *p;
    int n, cap;
    GroupCode *codes;      /* the groups read, each code once */
    int ncodes, cap_codes;
} People;

/* Whether the patient of m (read from path, a member of group, or NULL
 * when not known) is the one every earlier file with the same patient id
 * holds; if not, an error at its birth date, naming the first such file.
 * The same person in another group whose sessions overlap this one's is a
 * warning at the patient id. A file without an id or a birth date is
 * nobody's. What it keeps is in the session's arena. */
bool people_same(Session *s, People *pp, const Model *m, const Model *group, const char *path);

/* Whether group g's code is its own among the groups read before it (a
 * copy of last term's group file whose code was left as it was is not):
 * formc build writes a group's documents into a folder named by its code,
 * and outcomes would count one group twice. If not, an error at g's code
 * naming the earlier file; the same file read again is no error. A group
 * without a code, or with a placeholder, is not compared. */
bool people_group_code_own(Session *s, People *pp, const Model *g);

#endif
