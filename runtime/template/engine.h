/* engine.h — what the passes of the template engine share; not for use
 * outside runtime/template (template.h is the engine's public face).
 *
 *   parse.c   template text -> a tree of Nodes (struct Template)
 *   expand.c  the tree walked with the data (TValue, value.c); taken
 *             branches hand pieces of wording and values to the builder
 *   build.c   the pieces, line by line -> blocks of styled runs
 *   load.c    finds and reads a template file, then parses it
 *
 * Every pass reports its problems through a Reporter (template.c). */
#ifndef FORMC_TEMPLATE_ENGINE_H
#define FORMC_TEMPLATE_ENGINE_H

#include <ctype.h>
#include <stdarg.h>
#include "template/template.h"

/* ---- Problems --------------------------------------------------------- */

/* The most problems one parse or one expansion reports; the rest are
 * counted only. */
#define MAX_ERRORS 20

/* Where the problems of one parse or one expansion go. */
typedef struct Reporter {
    const char *file;      /* the template's path */
    TemplateDiagFn fn;     /* NULL: print to stderr */
    void *user;
    int errors;            /* problems found, reported or not */
    int stopped;           /* a limit was hit: the pass stops */
} Reporter;

/* Counts a problem at line:col and reports it unless MAX_ERRORS were
 * reported already. */
void tmpl_problem(Reporter *r, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Reports a problem that stands alone (a template that cannot be found or
 * read, or is too large to parse). file may be NULL. */
void tmpl_problem_alone(TemplateDiagFn fn, void *user, const char *file,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* ---- Data ------------------------------------------------------------- */

struct TValue {
    TValueKind kind;
    char *text;           /* TV_TEXT */
    const void *origin;   /* TV_TEXT */
    int yes;              /* TV_BOOL */
    TValue **items;       /* TV_LIST items, TV_MAP values (may be NULL) */
    char **keys;          /* TV_MAP */
    int n, cap;
};

/* The index of key[0, klen) in map, or -1. */
int tv_map_find(const TValue *map, const char *key, size_t klen);

/* ---- Syntax tree ------------------------------------------------------ */

typedef enum { N_TEXT, N_VAR, N_IF, N_UNLESS, N_EACH } NodeKind;

typedef struct Node {
    NodeKind kind;
    int id;                  /* index, for reporting each problem once */
    int line, col;           /* where the text or the tag starts */
    const char *text;        /* N_TEXT: a slice of the source */
    size_t len;
    char *name;              /* the placeholder's name */
    struct Node *body, *alt; /* block contents; alt follows {{else}} */
    struct Node *next;
} Node;

struct Template {
    char *path;
    char *src;
    Node *root;
    int nnodes;
    Arena arena;             /* the nodes and their names */
};

/* ---- Builder ---------------------------------------------------------- */

typedef struct Builder Builder;

/* A builder writing into doc_arena, reporting to r. */
Builder *builder_new(Arena *doc_arena, Reporter *r);
/* Takes template wording; a newline in it ends the line. */
void builder_wording(Builder *b, const char *s, size_t len, int line, int col);
/* Takes an inserted value, printed at the placeholder at line:col. */
void builder_value(Builder *b, const char *s, size_t len, const void *origin,
                 int line, int col);
/* Ends the last line and block; returns the blocks (in the document's
 * arena) and their count. */
TemplateBlock *builder_finish(Builder *b, int *nblocks);
void builder_free(Builder *b);

/* ---- Characters ------------------------------------------------------- */

static inline int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A character of a name: a letter, a digit or '_'. */
static inline int is_name_char(int c) { return isalnum(c) || c == '_'; }

#endif
