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

/* State shared by the compilations of one formc run. */
typedef struct Session {
    Arena arena;                    /* lives as long as the session */
    const char *datadir;            /* where instruments.form and templates are */
    const char **instrument_files;  /* clinic instrument files (--instruments) */
    int ninstrument_files;
    CachedGroup *groups;            /* group files already compiled */
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
/* Remembers a group compiled in the session's arena, so its members'
 * references to it do not compile (and report) it again. */
void session_remember_group(Session *s, Model *m, bool errors);
/* Compiles (once per session) the group file a formulation refers to;
 * reported errors count as the caller's. NULL when it cannot be read. */
const Model *compile_group_ref(Session *s, const char *path, Loc from, bool *had_errors);

#endif
