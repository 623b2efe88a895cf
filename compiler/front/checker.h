/* checker.h — internal to the checker (check.c, resolve.c, rules.c). */
#ifndef FORMC_CHECKER_H
#define FORMC_CHECKER_H
#include "front/compile.h"
#include "front/ast.h"
#include "front/schema.h"

typedef struct Checker {
    Session *session;
    Arena *a;
    Model *m;
    const CompileOptions *opt;
    int errors;                          /* errors reported for this model */
    bool empty;                          /* the file itself has no statement and no error */
    /* statements at the top of the file, includes expanded */
    Node **top;
    int ntop, cap_top;
    const Source *stack[INCLUDE_MAX_DEPTH + 2];   /* the include chain */
    int depth;
    const Source *instrument_src;        /* file whose instruments are being read */
    bool given[256];                     /* schema fields written (even if invalid) */
} Checker;

/* Reports through diag and counts errors for this model. */
void ck_error(Checker *c, Loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ck_warning(Checker *c, Loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ck_note(Loc at, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Error in a draft is a warning. */
void ck_missing(Checker *c, Loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* resolve.c */
Source *ck_load(Checker *c, const char *path, Loc from, const char *what);
void ck_collect(Checker *c, Source *src, Node *stmts);   /* expands includes into c->top */
void ck_resolve_members(Checker *c, const Node *n, const Value *first);
/* check.c */
void ck_walk_instruments(Checker *c, Node **stmts, int n, bool prelude);
void ck_walk_top(Checker *c);
/* rules.c */
void ck_rules(Checker *c);
/* jargon.c: at most JARGON_MAX_TERMS terms of each list are sought (a
 * warning says when a list has more), so the work stays bounded */
#define JARGON_MAX_TERMS 5000
void ck_jargon(Checker *c);

#endif
