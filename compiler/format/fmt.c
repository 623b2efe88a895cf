/* fmt.c — lays a parsed file out in the canonical layout; see fmt.h.
 *
 * The printer walks the syntax tree in source order. Comments, which the
 * tree does not hold, come from the scanner as a list of offsets; each is
 * written just before the first token that follows it in the source: at
 * the end of the current line when it followed a token on that line,
 * otherwise on a line of its own. */
#include "format/fmt.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/utf8.h"
#include "front/parse.h"

typedef struct Printer {
    const Source *src;
    const CommentList *comments;
    int next_comment;          /* the first comment not yet written */
    char *out;                 /* the text so far (malloc'd) */
    size_t len, cap;
    int col;                   /* characters on the current line */
    bool line_open;            /* the current line has content */
    const char *trail;         /* a comment for the end of the current line */
    size_t trail_len;
    uint32_t last_end;         /* source offset just past the last token or comment written */
    bool block_start;          /* nothing written yet in the current block */
} Printer;

/* ---- output ------------------------------------------------------------- */

static void put(Printer *p, const char *s, size_t n) {
    xappend(&p->out, &p->len, &p->cap, s, n);
    p->col += (int)utf8_count(s, n);
}

static void newline(Printer *p) {
    put(p, "\n", 1);
    p->col = 0;
}

static void indent(Printer *p, int depth) {
    for (int i = 0; i < depth * FMT_INDENT; i++) put(p, " ", 1);
}

/* Ends the current line, with its trailing comment, if it has content. */
static void end_line(Printer *p) {
    if (!p->line_open) return;
    if (p->trail) {
        int pad = FMT_COMMENT_COLUMN - 1 - p->col;
        for (int i = 0; i < (pad < 2 ? 2 : pad); i++) put(p, " ", 1);
        put(p, p->trail, p->trail_len);
        p->trail = NULL;
    }
    newline(p);
    p->line_open = false;
}

/* Starts a line indented depth levels. */
static void open_line(Printer *p, int depth) {
    end_line(p);
    indent(p, depth);
    p->line_open = true;
}

/* ---- the source between tokens ------------------------------------------ */

static int newlines_between(const Source *s, uint32_t from, uint32_t to) {
    int n = 0;
    for (uint32_t i = from; i < to && i < s->len; i++) n += s->text[i] == '\n';
    return n;
}

/* The comment starting at off without its trailing white space; *end is
 * the offset of the line end (or of the end of the file) after it. */
static const char *comment_at(const Source *s, uint32_t off, size_t *len, uint32_t *end) {
    uint32_t e = off;
    while (e < s->len && s->text[e] != '\n') e++;
    size_t n = e - off;
    while (n > 1 && strchr(" \t\r\f\v", s->text[off + n - 1])) n--;
    *len = n;
    *end = e;
    return s->text + off;
}

/* What separates two arguments in [from, to): a comma, a line break. */
static void scan_separator(const Source *s, uint32_t from, uint32_t to, bool *comma, bool *brk) {
    *comma = *brk = false;
    for (uint32_t i = from; i < to; i++) {
        char c = s->text[i];
        if (c == '#')
            while (i + 1 < to && s->text[i + 1] != '\n') i++;
        *comma |= c == ',';
        *brk |= c == '\n';
    }
}

static bool comment_before(const Printer *p, uint32_t off) {
    return p->next_comment < p->comments->n && p->comments->off[p->next_comment] < off;
}

/* Before an item of a block (a statement, or a comment on its own line):
 * one blank line when the source has any since what was written last,
 * none at the start of a block. */
static void gap(Printer *p, uint32_t off) {
    if (!p->block_start && newlines_between(p->src, p->last_end, off) >= 2) {
        end_line(p);
        newline(p);
    }
    p->block_start = false;
}

/* Writes the comments that start before off. One on the line of the token
 * written last becomes that line's trailing comment; the others get lines
 * of their own at depth, as items of the block when in_block. */
static void comments_before(Printer *p, uint32_t off, int depth, bool in_block) {
    while (comment_before(p, off)) {
        uint32_t at = p->comments->off[p->next_comment++], end;
        size_t len;
        const char *text = comment_at(p->src, at, &len, &end);
        if (p->line_open && newlines_between(p->src, p->last_end, at) == 0) {
            p->trail = text;
            p->trail_len = len;
        } else {
            if (in_block) gap(p, at);
            open_line(p, depth);
            put(p, text, len);
        }
        p->last_end = end;
    }
}

/* ---- strings ------------------------------------------------------------ */

/* The white space fold_in_place() folds (parse.c). */
static bool fold_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Whether the folded text t may break its line at t[i]: a single space
 * between two other characters folds back to that space. */
static bool breakable(const char *t, size_t i, size_t n) {
    return t[i] == ' ' && i > 0 && i + 1 < n && !fold_space(t[i - 1]) && !fold_space(t[i + 1]);
}

static bool needs_escape(char c) { return c == '"' || c == '\\'; }

/* Columns that n bytes of text take when written, with escapes. */
static int text_width(const char *t, size_t n, bool escape) {
    int w = (int)utf8_count(t, n);
    for (size_t i = 0; escape && i < n; i++) w += needs_escape(t[i]);
    return w;
}

static void put_text(Printer *p, const char *t, size_t n, bool escape) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (!escape || !needs_escape(t[i])) continue;
        put(p, t + run, i - run);
        put(p, "\\", 1);
        run = i;
    }
    put(p, t + run, n - run);
}

/* Writes a string argument from its folded value, in the kind of quotes
 * the source used: words filled up to FMT_WIDTH columns, leaving room for
 * tail columns after the closing quote; a paragraph break as a blank line;
 * continuation lines indented cont levels. */
static void write_string(Printer *p, const Value *v, int cont, int tail) {
    bool triple = v->loc.len >= 6 && !strncmp(p->src->text + v->loc.off, "\"\"\"", 3);
    const char *quote = triple ? "\"\"\"" : "\"";
    size_t qlen = strlen(quote);
    const char *t = v->text;
    size_t n = strlen(t), start = 0;
    char sep = 0;                  /* before the word: none, ' ' or '\n' */
    put(p, quote, qlen);
    for (size_t i = 0; i <= n; i++) {
        if (i < n && t[i] != '\n' && !breakable(t, i, n)) continue;
        size_t wlen = i - start;
        int width = text_width(t + start, wlen, !triple) + (i == n ? (int)qlen + tail : 0);
        if (sep == '\n') {
            newline(p);
            newline(p);
            indent(p, cont);
        } else if (sep == ' ' && p->col + 1 + width <= FMT_WIDTH) {
            put(p, " ", 1);
        } else if (sep == ' ') {
            newline(p);
            indent(p, cont);
        }
        put_text(p, t + start, wlen, !triple);
        sep = i < n ? t[i] : 0;
        start = i + 1;
    }
    put(p, quote, qlen);
}

/* ---- statements --------------------------------------------------------- */

/* Whether the block of s is written "{}": no statements, no comments. */
static bool empty_block(const Printer *p, const Node *s) {
    return !s->body && !comment_before(p, s->loc.off + s->loc.len - 1);
}

/* Columns that follow argument v of s on its line: " {" (or " {}") after
 * the last one of a block statement, "," before a comma (what comes after
 * a comma and a space is not counted). */
static int tail_after(const Printer *p, const Node *s, const Value *v) {
    if (!value_next(v)) return node_has_block(s) ? 2 + empty_block(p, s) : 0;
    bool comma, brk;
    scan_separator(p->src, v->loc.off + v->loc.len, value_next(v)->loc.off, &comma, &brk);
    return comma;
}

static void statement(Printer *p, const Node *s, int depth) {
    comments_before(p, s->loc.off, depth, true);
    gap(p, s->loc.off);
    open_line(p, depth);
    put(p, s->name, strlen(s->name));
    p->last_end = node_name_loc(s).off + node_name_loc(s).len;
    for (const Value *prev = NULL, *v = s->args; v; prev = v, v = value_next(v)) {
        bool comma, brk;
        scan_separator(p->src, p->last_end, v->loc.off, &comma, &brk);
        if (comma) put(p, ",", 1);
        /* 49,5: a decimal comma (the checker's error) stays as typed, not a list */
        bool glued = comma && prev && prev->kind == VAL_NUMBER && v->kind == VAL_NUMBER &&
                     v->loc.off == p->last_end + 1;
        if (brk) {             /* a list continued after a comma */
            comments_before(p, v->loc.off, depth + 1, false);
            open_line(p, depth + 1);
        } else if (!glued) {
            put(p, " ", 1);
        }
        if (v->kind == VAL_STRING) write_string(p, v, depth + 1, tail_after(p, s, v));
        else put(p, v->text, strlen(v->text));
        p->last_end = v->loc.off + v->loc.len;
    }
    if (!node_has_block(s)) return;
    uint32_t close = s->loc.off + s->loc.len - 1;
    put(p, " {", 2);
    p->last_end = node_block_loc(s).off + 1;
    if (empty_block(p, s)) {
        put(p, "}", 1);
    } else {
        p->block_start = true;
        for (const Node *b = s->body; b; b = b->next) statement(p, b, depth + 1);
        comments_before(p, close, depth + 1, true);
        open_line(p, depth);
        put(p, "}", 1);
        p->block_start = false;
    }
    p->last_end = close + 1;
}

static char *layout(Arena *a, const Source *src, const Node *root, const CommentList *cl,
                    size_t *len) {
    Printer p = { .src = src, .comments = cl, .block_start = true };
    for (const Node *s = root; s; s = s->next) statement(&p, s, 0);
    comments_before(&p, UINT32_MAX, 0, true);
    end_line(&p);
    char *text = arena_strndup(a, p.out ? p.out : "", p.len);
    *len = p.len;
    free(p.out);
    return text;
}

/* ---- reading the result back -------------------------------------------- */

static bool same_values(const Value *x, const Value *y) {
    for (; x && y; x = value_next(x), y = value_next(y))
        if (x->kind != y->kind || strcmp(x->text, y->text)) return false;
    return !x && !y;
}

static bool same_statements(const Node *x, const Node *y) {
    for (; x && y; x = x->next, y = y->next)
        if (strcmp(x->name, y->name) || node_has_block(x) != node_has_block(y) ||
            !same_values(x->args, y->args) || !same_statements(x->body, y->body))
            return false;
    return !x && !y;
}

bool fmt_same_comments(const Source *s1, const CommentList *c1, const Source *s2, const CommentList *c2) {
    if (c1->n != c2->n) return false;
    for (int i = 0; i < c1->n; i++) {
        size_t n1, n2;
        uint32_t end;
        const char *t1 = comment_at(s1, c1->off[i], &n1, &end);
        const char *t2 = comment_at(s2, c2->off[i], &n2, &end);
        if (n1 != n2 || memcmp(t1, t2, n1)) return false;
    }
    return true;
}

FmtStatus fmt_source(Arena *a, Source *src, char **text, size_t *len) {
    CommentList cl = { 0 };
    int errors;
    bool complete;
    Node *root = parse_source_comments(a, src, &errors, &complete, &cl);
    if (errors || !complete) return FMT_INPUT_ERRORS;
    *text = layout(a, src, root, &cl, len);

    Source *again = source_from_bytes(a, src->path, *text, *len);
    CommentList cl2 = { 0 };
    diag_mute(true);
    Node *root2 = parse_source_comments(a, again, &errors, &complete, &cl2);
    diag_mute(false);
    if (errors || !complete || !same_statements(root, root2) ||
        !fmt_same_comments(src, &cl, again, &cl2)) {
        diag_file(DIAG_ERROR, src->path, "internal error: the formatted text would not read "
                  "back the same, so the file is left as it is; please report this");
        return FMT_INTERNAL_ERROR;
    }
    return FMT_OK;
}
