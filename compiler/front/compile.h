/* compile.h — from a file name to a checked model.
 *
 * compile_file() reads a formulation, group or instrument file, expands its
 * includes, loads the instrument prelude (and any clinic instrument files),
 * checks every statement against the schema and the rules of
 * docs/language.md, and returns the model. Every problem is reported through
 * diag.h; the model is returned even when there were errors, so callers can
 * decide (a document is only rendered from an error-free model). */
#ifndef FORMC_COMPILE_H
#define FORMC_COMPILE_H
#include <stdbool.h>
#include "base/arena.h"
#include "front/model.h"

typedef struct CachedGroup CachedGroup;
typedef struct ParsedFile ParsedFile;

/* State shared by the compilations of one formc run. */
typedef struct Session {
    Arena arena;                    /* lives as long as the session */
    const char *datadir;            /* where instruments.form and templates are */
    const char **instrument_files;  /* clinic instrument files (--instruments) */
    int ninstrument_files;
    CachedGroup *groups;            /* group files already compiled */
    ParsedFile *parsed;             /* instrument files read and parsed once */
} Session;

/* What the compiled file will be used for: schema NEED_* flags. */
typedef struct CompileOptions {
    unsigned purpose;               /* NEED_REPORT | NEED_LETTER | NEED_GROUP */
    bool members;                   /* resolve a group's members (not for a reference) */
    const Model *group;             /* the group a member is being checked for */
    bool library_only;              /* read only the shipped library, not clinic files */
} CompileOptions;

typedef enum { COMPILE_OK, COMPILE_INPUT_ERRORS, COMPILE_SYSTEM_ERROR } CompileStatus;

void session_init(Session *s);
void session_free(Session *s);
/* Finds the directory of the shipped templates: $FORMC_DATADIR, then
 * ../templates and ../share/formc beside the executable, then the install
 * directory. NULL when none holds instruments.form. */
const char *find_datadir(Arena *a);

/* Compiles path into a model allocated in a. *status says whether the file
 * could be read (system error: missing, a directory...) and whether the
 * input had errors. The model is NULL only when the file could not be read. */
Model *compile_file(Session *s, Arena *a, const char *path, const CompileOptions *o,
                    CompileStatus *status);
/* Compiles a source already in memory (source_load or source_from_bytes)
 * exactly as compile_file does; never NULL. */
Model *compile_source(Session *s, Arena *a, Source *src, const CompileOptions *o,
                      CompileStatus *status);
/* Whether a model compiled for several purposes serves one of them: the
 * file was read, and its only errors, if any, are items that the other
 * purposes need (a final formulation without its letter block still
 * makes a report). */
bool compile_serves(const Model *m, CompileStatus st, unsigned purpose);

/* Compiles a group file with its members resolved, in the session's arena,
 * and remembers it. NULL (after reporting why) when it cannot be read, has
 * errors or is not a group file: *st then says which. */
Model *compile_group(Session *s, const char *path, CompileStatus *st);
/* Compiles member k of group g (from compile_group) for purpose (schema
 * NEED_* flags), against g, into a. */
Model *compile_member(Session *s, Arena *a, const Model *g, int k, unsigned purpose, CompileStatus *st);
/* Compiles each member of g in turn, each in an arena of its own that is
 * freed once visit() has seen it: memory stays flat however many members
 * a group has. m is NULL when the file could not be read. A member whose
 * patient id a member before it has is handed over with an error there
 * (member_shared_id). */
typedef void MemberVisit(void *ctx, int k, Model *m, CompileStatus st, Arena *a);
void compile_members(Session *s, const Model *g, unsigned purpose, MemberVisit *visit, void *ctx);

/* The patient id that tells member m (compiled as st) apart from the
 * others of its group, or NULL: none written, a placeholder, or no
 * formulation. */
const char *member_id(const Model *m, CompileStatus st);
/* The group-level rule on ids: member k (m, compiled as *st) whose id a
 * member before it has (ids holds member_id() of members 0 to k-1, NULL
 * where none) is an error at its id, naming the first (m->errors and *st
 * count it): import, norms and outcomes tell people apart by it, and
 * norms would count the second as the first, met again. One whose id
 * differs from an earlier one's only in capitals or spaces ("p-0201",
 * "P-0201 " beside "P-0201") is a warning at its id naming the first's
 * place (places: member_id_place() of members 0 to k-1): norms and
 * outcomes would count two people where a reader sees one id. compile_members
 * applies it; a build, which compiles each member on its own, applies it
 * with member_first_with_id() worked out where every member's id is known
 * and member_id_taken(). */
void member_shared_id(const Model *g, const char *const *ids, const char *const *places, int k, Model *m,
                      CompileStatus *st);
/* The first of members 0 to k-1 whose id (ids[j], NULL where none) is
 * id; -1 when none is, or id is NULL. */
int member_first_with_id(const char *const *ids, int k, const char *id);
/* Where member m's id is written, "path:line:column", in a; NULL when it
 * has no id (member_id). */
const char *member_id_place(Arena *a, const Model *m, CompileStatus st);
/* The first of members 0 to k-1 whose id differs from id only in
 * capitals or spaces, not equal to it; -1 when none does. */
int member_first_with_alike_id(const char *const *ids, int k, const char *id);
/* Member m's id differs from other, the id at place, only in capitals
 * or spaces: the warning at its id. */
void member_id_alike(const char *other, const char *place, const Model *m);
/* Member m (compiled as *st) has the id of member j of g: the error at
 * its id, naming member j (m->errors and *st count it). */
void member_id_taken(const Model *g, int j, Model *m, CompileStatus *st);

/* Reports the placeholders (<words>) of group file g, which a member's
 * compilation reports only for a final member of the group it names:
 * as errors when final (a final member's documents need the group
 * whole), else as warnings (every member is a draft). Returns the
 * errors reported. */
int compile_group_placeholders(const Model *g, bool final);

/* Remembers a group compiled in the session's arena, so its members'
 * references to it do not compile (and report) it again. */
void session_remember_group(Session *s, Model *m, bool errors);
/* Forgets a group remembered before, so that its arena can be freed: a
 * member naming its file afterwards compiles it again. */
void session_forget_group(Session *s, const Model *m);
/* Lets the arena of a group remembered before be freed, while the session
 * still knows the group was compiled: a file referring to it afterwards
 * gets it compiled again as o says, silently (its problems were reported
 * the first time), with the errors it had then. */
void session_release_group(Session *s, const Model *m, const CompileOptions *o);
/* Compiles (once per session) the group file a formulation refers to;
 * reported errors count as the caller's. NULL when it cannot be read. */
const Model *compile_group_ref(Session *s, const char *path, Loc from, bool *had_errors);

#endif
