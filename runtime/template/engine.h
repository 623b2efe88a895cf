/* engine.h — what the passes of the template engine share; not for use
 * outside runtime/template (template.h is the engine's public face).
 *
 *   parse.c   template text -> a tree of Nodes (struct Template)
 *   expand.c  the tree walked with the data (TValue, value.c); taken
 *             branches hand pieces of wording and values to the builder
 *   build.c   the pieces, line by line -> blocks of styled runs
 *   load.c    finds and reads a template file, then parses it
 *
 * Every pass reports its problems through a Reporter (template.c), at a
 * Loc in the template's Source, so each gets its line and caret. */
#ifndef FORMC_TEMPLATE_ENGINE_H
#define FORMC_TEMPLATE_ENGINE_H

#include <ctype.h>
#include "template/template.h"

/* ---- Problems --------------------------------------------------------- */

/* The most problems one parse or one expansion reports; the rest are
 * counted only. */
#define MAX_ERRORS 20

/* The problems of one parse or one expansion. */
typedef struct Reporter {
    int errors;            /* problems found, reported or not */
    int stopped;           /* a limit was hit: the pass stops */
} Reporter;

/* Counts a problem at a place in the template and reports it (base/diag)
 * unless MAX_ERRORS were reported already. */
void tmpl_problem(Reporter *r, Loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- Data ------------------------------------------------------------- */

/* Bytes [start, end) of a text value written in lang (tv_text_part). */
typedef struct {
    size_t start, end;
    char *lang;
} TValuePart;

struct TValue {
    TValueKind kind;
    char *text;           /* TV_TEXT */
    Loc origin;           /* TV_TEXT */
    char *lang;           /* TV_TEXT: its language, NULL: the document's */
    TValuePart *parts;    /* TV_TEXT: stretches in another language, in order */
    int nparts, partcap;
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
    uint32_t off, len;       /* the text, or the whole tag, in the source */
    char *name;              /* the placeholder's name */
    struct Node *body, *alt; /* block contents; alt follows {{else}} */
    struct Node *next;
} Node;

struct Template {
    Source *src;             /* the text, its path and its lines */
    Node *root;
    int nnodes;
    Arena arena;             /* the source, the nodes and their names */
};

/* The span [off, off + len) of t's text. */
static inline Loc tmpl_at(const Template *t, size_t off, size_t len) {
    return (Loc){ t->src, (uint32_t)off, (uint32_t)len };
}

/* ---- Builder ---------------------------------------------------------- */

typedef struct Builder Builder;

/* A builder of a document of template t, writing into doc_arena,
 * reporting to r. */
Builder *builder_new(const Template *t, Arena *doc_arena, Reporter *r);
/* Takes the template's wording [off, off + len); a newline in it ends the
 * line. */
void builder_wording(Builder *b, uint32_t off, uint32_t len);
/* Takes an inserted value s[0, len) from origin, written in lang (NULL:
 * the document's) but for its parts[0, nparts) (tv_text_part), printed by
 * the placeholder at `at`. */
void builder_value(Builder *b, const char *s, size_t len, Loc origin, const char *lang,
                   const TValuePart *parts, int nparts, Loc at);
/* Ends the last line and block; returns the blocks (an array in the
 * document's arena, each block's runs its own: template_doc_free) and
 * their count. */
TemplateBlock *builder_finish(Builder *b, int *nblocks);
void builder_free(Builder *b);

/* ---- Characters ------------------------------------------------------- */

static inline int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A character of a name: a letter, a digit or '_'. */
static inline int is_name_char(int c) { return isalnum(c) || c == '_'; }

#endif
