/* parse.c — drives the scanner and parser over one source; folds strings. */
#include "front/parse.h"
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
                     .items = items_left };
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
    *errors = ctx.errors + ctx.lex_errors;
    *complete = ctx.errors == 0 && !ctx.stop;
    return ctx.root;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char *fold_string(Arena *a, const char *raw, size_t len) {
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
