/* members.h — the members of the files named on a command line, compiled
 * one at a time, for the commands that read many (scores --csv, norms,
 * outcomes).
 *
 * A group file is compiled with its members resolved, in an arena of its
 * own; then each member is compiled against it in another, handed to the
 * caller, and freed; the group is freed after its last member: memory
 * stays flat however many groups and members there are (a caller keeps
 * what it needs of a group or a member by copying it). A
 * formulation named on its own is handed over with the group it names
 * (or none). Every problem is reported through diag.h where it is. */
#ifndef FORMC_MEMBERS_H
#define FORMC_MEMBERS_H
#include "cli/cli.h"

typedef struct MemberSeen {
    const Model *group;     /* the member's group; NULL when it has none */
    int group_index;        /* which group file on the command line (from 0);
                               -1 for a formulation named on its own */
    const char *path;       /* the member's file */
    const Model *m;         /* the compiled member; NULL when it has errors */
    Arena *a;               /* the member's arena: freed after the call */
} MemberSeen;

typedef struct MemberVisitor {
    unsigned purpose;       /* NEED_* the members are compiled for (0: scores only) */
    bool groups_only;       /* a file that is not a group file is refused */
    /* called once for each group file without errors, before its members;
     * the group is freed after its last member */
    void (*group)(void *user, const Model *group, int index);
    /* called for each member, with or without errors */
    void (*member)(void *user, const MemberSeen *seen);
    void *user;
} MemberVisitor;

/* Visits the members of every file in o->files, in the order given and,
 * within a group, in the group's order. Returns the exit status: 2 when a
 * file could not be read, 1 when a file had errors (its members, or a
 * whole group, are then left out or handed over without a model), 0. */
int each_member(Session *s, const Options *o, const MemberVisitor *v);

/* Group g with its members known (a group a formulation names is compiled
 * without them), for what needs the other members: --redact's pseudonyms
 * and the names a letter must not give (letternames.h); g itself when they
 * cannot be found (what is wrong was said when g was checked). */
const Model *group_with_members(Session *s, const Model *g);

#endif
