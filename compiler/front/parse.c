/* parse.c — drives the scanner and parser over one source; folds strings. */
#include "front/parse.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/utf8.h"
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

/* The offset of the first line ended by a carriage return alone (as
 * classic Mac OS and some exports write them), or -1 when every CR is
 * part of a CR LF. Such a file reads as one long line: its first comment
 * swallowed the rest, and the errors after it said nothing of the cause. */
static long first_bare_cr(const Source *src) {
    for (const char *p = src->text, *end = src->text + src->len; (p = memchr(p, '\r', (size_t)(end - p)));
         p++)
        if (p + 1 == end || p[1] != '\n') return (long)(p - src->text);
    return -1;
}

/* A file saved in another encoding fails as UTF-8 at every accented letter
 * (Notepad's "ANSI", Latin-1 or Windows-1252: a French clinician's é as the
 * one byte 0xE9) or at every character (UTF-16, Notepad's "Unicode"), each
 * an error at its place that does not say what to do. Said once, as a
 * warning before them: a file that begins with UTF-16's byte-order mark or
 * is a quarter NUL bytes, or one without a single well-formed accented
 * character whose first byte that is not UTF-8 is one such an encoding
 * writes (0xFE and 0xFF, rare in text, rather mean a damaged file). */
static void say_encoding(Source *src) {
    const unsigned char *t = (const unsigned char *)src->text;
    size_t n = src->len, first = utf8_invalid(src->text, n), nul = 0, good = 0;
    if (first == n && !memchr(t, 0, n)) return;
    for (size_t i = 0; i < n;) {
        if (t[i] < 0x80) {
            nul += !t[i++];
            continue;
        }
        int k = utf8_decode(src->text + i, n - i, NULL);
        good += k > 1;
        i += (size_t)k;
    }
    Loc at = { src, 0, 1 };
    if ((n >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF))) || (n >= 8 && nul * 4 >= n)) {
        diag_at(DIAG_WARNING, at, "this file is not UTF-8 text: it looks saved as UTF-16 (\"Unicode\" in "
                "Notepad); save it again as UTF-8, and the errors below go");
    } else if (first < n && !good && t[first] < 0xFE) {
        at.off = (uint32_t)first;
        char latin[3] = { (char)(0xC0 | t[first] >> 6), (char)(0x80 | (t[first] & 0x3F)), 0 };
        diag_at(DIAG_WARNING, at, "this file is not UTF-8 text: it looks saved as Latin-1 or Windows-1252 "
                "(\"ANSI\" in Notepad), where this byte, 0x%02X, is %s%s%s; save it again as UTF-8, and the "
                "errors below go", t[first], t[first] >= 0xA0 ? "'" : "", t[first] >= 0xA0 ? latin : "a sign",
                t[first] >= 0xA0 ? "'" : "");
    }
}

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
    long bare_cr = first_bare_cr(src);
    if (bare_cr >= 0) {
        Loc at = { src, (uint32_t)bare_cr, 1 };
        diag_at(DIAG_ERROR, at, "this line ends with a carriage return alone (CR, as classic Mac OS saved "
                "text); formc stops reading this file: save it again with LF or CR LF line ends");
        *errors = 1;
        *complete = false;
        return NULL;
    }
    long too_long = first_long_line(src);
    if (too_long >= 0) {
        Loc at = { src, (uint32_t)too_long, 1 };
        diag_at(DIAG_ERROR, at, "line longer than %u KiB (%u bytes); formc stops reading this file",
                PARSE_MAX_LINE / 1024, PARSE_MAX_LINE);
        *errors = 1;
        *complete = false;
        return NULL;
    }
    say_encoding(src);
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
    free(ctx.vals);
    *errors = ctx.errors + ctx.lex_errors;
    *complete = ctx.errors == 0 && !ctx.stop;
    return ctx.root;
}

/* A hash of s[0, n), eight bytes at a step (strings are kept once too,
 * and are longer than names): each word is mixed in by a multiplication
 * and a shift, the high bits folded into the low ones the table uses. */
static uint32_t hash_text(const char *s, size_t n) {
    const uint64_t k = 0xBF58476D1CE4E5B9u;
    uint64_t h = 0x9E3779B97F4A7C15u ^ n, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * k;
        h ^= h >> 31;
    }
    if (n) {
        w = 0;
        for (size_t i = 0; i < n; i++) w |= (uint64_t)(unsigned char)s[i] << (8 * i);
        h = (h ^ w) * k;
        h ^= h >> 31;
    }
    return (uint32_t)(h ^ (h >> 32));
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

Value parse_value(ParseCtx *c, ValueKind k, uint32_t start, uint32_t end, const char *text) {
    Value v = { .loc = { c->src, start, end - start }, .kind = (uint8_t)k };
    v.text = k == VAL_NAME ? text : parse_intern(c, text, end - start);
    char *rest;
    if (k == VAL_NUMBER || k == VAL_RANGE) v.num = number_value(text, &rest);
    if (k == VAL_DATE) {
        v.y = (int32_t)strtol(text, &rest, 10);
        v.m = (int16_t)strtol(rest + 1, &rest, 10);
        v.d = (int16_t)strtol(rest + 1, NULL, 10);
    }
    return v;
}

Value *parse_args(ParseCtx *c, uint32_t start, uint32_t n) {
    Value *args = arena_alloc(c->arena, n * sizeof *args);
    memcpy(args, c->vals + start, n * sizeof *args);
    args[n - 1].last = true;
    c->nvals = start;
    return args;
}

void parse_push(ParseCtx *c, Value v) {
    if (c->nvals == c->cap_vals) {
        c->cap_vals = c->cap_vals ? 2 * c->cap_vals : 64;
        c->vals = xrealloc(c->vals, c->cap_vals * sizeof *c->vals);
    }
    c->vals[c->nvals++] = v;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t fold_in_place(char *s, size_t len) {
    if (!memchr(s, '\n', len)) {               /* one line: as written */
        s[len] = '\0';
        return len;
    }
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (!is_space(s[i])) { s[o++] = s[i++]; continue; }
        size_t j = i;
        int newlines = 0;
        while (j < len && is_space(s[j])) newlines += s[j++] == '\n';
        bool at_edge = i == 0 || j == len;
        if (newlines == 0) {
            /* a run within one line is kept as written */
            for (size_t k = i; k < j; k++) s[o++] = s[k];
        } else if (!at_edge) {
            s[o++] = newlines == 1 ? ' ' : '\n';
        }
        i = j;
    }
    s[o] = '\0';
    return o;
}
