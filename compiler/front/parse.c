/* parse.c — drives the scanner and parser over one source; folds strings. */
#include "front/parse.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "parser.h"
#define YYSTYPE FORMC_YYSTYPE
#define YYLTYPE FORMC_YYLTYPE
#include "lexer.h"

int formc_yyparse(void *scanner, ParseCtx *ctx);

/* The offset where the first line longer than PARSE_MAX_LINE passes the
 * limit, or -1 when every line is within it. */
static long first_long_line(const Source *src) {
    const char *p = src->text, *end = src->text + src->len;
    while ((size_t)(end - p) > PARSE_MAX_LINE) {
        const char *nl = memchr(p, '\n', PARSE_MAX_LINE + 1);
        if (!nl) return (long)(p - src->text) + PARSE_MAX_LINE;
        p = nl + 1;
    }
    return -1;
}

static Node *parse(Arena *a, Source *src, int *errors, bool *complete, CommentList *comments,
                   long *items_left);

Node *parse_source(Arena *a, Source *src, int *errors, bool *complete) {
    long items = PARSE_MAX_ITEMS;
    return parse(a, src, errors, complete, NULL, &items);
}

Node *parse_source_within(Arena *a, Source *src, int *errors, bool *complete, long *items_left) {
    return parse(a, src, errors, complete, NULL, items_left);
}

Node *parse_source_comments(Arena *a, Source *src, int *errors, bool *complete,
                            CommentList *comments) {
    long items = PARSE_MAX_ITEMS;
    return parse(a, src, errors, complete, comments, &items);
}

static Node *parse(Arena *a, Source *src, int *errors, bool *complete, CommentList *comments,
                   long *items_left) {
    long too_long = first_long_line(src);
    if (too_long >= 0) {
        Loc at = { src, (uint32_t)too_long, 1 };
        diag_at(DIAG_ERROR, at, "line longer than %u KiB (%u bytes); formc stops reading this file",
                PARSE_MAX_LINE / 1024, PARSE_MAX_LINE);
        *errors = 1;
        *complete = false;
        return NULL;
    }
    ParseCtx ctx = { .arena = a, .src = src, .last_token = EOL, .comments = comments,
                     .items = items_left, .tree_start = a->total };
    yyscan_t scanner;
    if (formc_yylex_init_extra(&ctx, &scanner) != 0) {
        diag_file(DIAG_ERROR, src->path, "cannot start the scanner");
        *errors = 1;
        *complete = false;
        return NULL;
    }
    ctx.scanner = scanner;
    YY_BUFFER_STATE b = formc_yy_scan_bytes(src->text, (int)src->len, scanner);
    formc_yyparse(scanner, &ctx);
    formc_yy_delete_buffer(b, scanner);
    formc_yylex_destroy(scanner);
    free(ctx.buf);
    free(ctx.interned);
    *errors = ctx.errors + ctx.lex_errors;
    *complete = ctx.errors == 0 && !ctx.stop;
    return ctx.root;
}

static uint32_t hash_text(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* A slot of the table of texts kept once. */
typedef struct Interned {
    const char *text;        /* NULL: an empty slot */
    uint32_t len, hash;
} Interned;

const char *parse_intern(ParseCtx *c, const char *s, size_t n) {
    if (2 * (c->ninterned + 1) > c->cap_interned) {      /* at most half full */
        size_t cap = c->cap_interned ? 2 * c->cap_interned : 256;
        Interned *grown = xcalloc(cap, sizeof *grown);
        for (size_t i = 0; i < c->cap_interned; i++) {
            if (!c->interned[i].text) continue;
            size_t j = c->interned[i].hash & (cap - 1);
            while (grown[j].text) j = (j + 1) & (cap - 1);
            grown[j] = c->interned[i];
        }
        free(c->interned);
        c->interned = grown;
        c->cap_interned = cap;
    }
    uint32_t h = hash_text(s, n);
    size_t j = h & (c->cap_interned - 1);
    for (Interned *t; (t = &c->interned[j])->text; j = (j + 1) & (c->cap_interned - 1))
        if (t->hash == h && t->len == n && !memcmp(t->text, s, n)) return t->text;
    c->ninterned++;
    c->interned[j] = (Interned){ arena_strndup(c->arena, s, n), (uint32_t)n, h };
    return c->interned[j].text;
}

/* The number written at s (digits, an optional point and more digits, an
 * optional minus first) as strtod reads it; *end is set past it. Up to 15
 * digits, with at most 22 after the point, it is the integer of its digits
 * divided by a power of ten, both exact in a double, so one division
 * rounds it correctly, as strtod does; longer ones go to strtod. */
static double number_value(const char *s, char **end) {
    static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    const char *p = s + (*s == '-');
    uint64_t m = 0;
    int digits = 0, after = -1;
    for (;; p++) {
        if (*p >= '0' && *p <= '9') {
            m = m * 10 + (uint64_t)(*p - '0');
            digits++;
            if (after >= 0) after++;
        } else if (*p == '.' && after < 0) {
            after = 0;
        } else {
            break;
        }
    }
    if (digits == 0 || digits > 15 || after > 22 || *p == 'e' || *p == 'E') return strtod(s, end);
    *end = (char *)p;
    double v = after > 0 ? (double)m / tens[after] : (double)m;
    return *s == '-' ? -v : v;
}

Value *parse_value(ParseCtx *c, ValueKind k, uint32_t start, uint32_t end, const char *text) {
    Value *v = arena_alloc(c->arena, sizeof *v);
    v->kind = k;
    v->loc = (Loc){ c->src, start, end - start };
    v->text = k == VAL_NAME ? text : parse_intern(c, text, end - start);
    char *rest;
    if (k == VAL_NUMBER) v->num = number_value(text, &rest);
    if (k == VAL_RANGE) {
        v->num = number_value(text, &rest);
        v->num_to = number_value(rest + 1, &rest);
    }
    if (k == VAL_DATE) {
        v->y = (int)strtol(text, &rest, 10);
        v->m = (short)strtol(rest + 1, &rest, 10);
        v->d = (short)strtol(rest + 1, NULL, 10);
    }
    return v;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char *fold_string(Arena *a, const char *raw, size_t len) {
    if (!memchr(raw, '\n', len)) return arena_strndup(a, raw, len);   /* one line: as written */
    char *out = arena_alloc(a, len + 1);
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (!is_space(raw[i])) { out[o++] = raw[i++]; continue; }
        size_t j = i;
        int newlines = 0;
        while (j < len && is_space(raw[j])) newlines += raw[j++] == '\n';
        bool at_edge = i == 0 || j == len;
        if (newlines == 0) {
            /* a run within one line is kept as written */
            for (size_t k = i; k < j; k++) out[o++] = raw[k];
        } else if (!at_edge) {
            out[o++] = newlines == 1 ? ' ' : '\n';
        }
        i = j;
    }
    out[o] = '\0';
    return out;
}
