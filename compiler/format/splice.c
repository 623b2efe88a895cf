/* splice.c — splicing text into a source and reading it back; see splice.h. */
#include "format/splice.h"
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"

/* Where the splices lie: [old_off, old_end) in the source, [new_off,
 * new_end) in the result. */
typedef struct Span { uint32_t old_off, old_end, new_off, new_end; } Span;

typedef struct Spans { const Span *s; int n; } Spans;

/* Whether [off, off + len) lies inside one splice's old bytes (new: its
 * new text), a splice of no bytes holding nothing. */
static bool inside(const Spans *sp, uint32_t off, uint32_t len, bool new_side) {
    for (int i = 0; i < sp->n; i++) {
        uint32_t a = new_side ? sp->s[i].new_off : sp->s[i].old_off;
        uint32_t b = new_side ? sp->s[i].new_end : sp->s[i].old_end;
        if (a < b && off >= a && off + len <= b) return true;
    }
    return false;
}

static bool same_args(const Spans *sp, const Value *x, const Value *y) {
    for (;;) {
        while (x && inside(sp, x->loc.off, x->loc.len, false)) x = value_next(x);
        while (y && inside(sp, y->loc.off, y->loc.len, true)) y = value_next(y);
        if (!x || !y) return !x && !y;
        if (x->kind != y->kind || strcmp(x->text, y->text)) return false;
        x = value_next(x);
        y = value_next(y);
    }
}

/* The statements of x (the source) and y (the result) are the same but
 * for those inside the splices. */
static bool same_but_spliced(const Spans *sp, const Node *x, const Node *y) {
    for (;;) {
        while (x && inside(sp, x->loc.off, x->loc.len, false)) x = x->next;
        while (y && inside(sp, y->loc.off, y->loc.len, true)) y = y->next;
        if (!x || !y) return !x && !y;
        if (strcmp(x->name, y->name) || node_has_block(x) != node_has_block(y) ||
            !same_args(sp, x->args, y->args) ||
            !same_but_spliced(sp, x->body, y->body))
            return false;
        x = x->next;
        y = y->next;
    }
}

FmtStatus fmt_splice(Arena *a, Source *src, const Splice *sp, int n, char **text, size_t *len) {
    size_t size = src->len;
    for (int i = 0; i < n; i++) size += strlen(sp[i].text);
    char *out = arena_alloc(a, size + 1);
    Span *spans = arena_alloc(a, sizeof *spans * (size_t)(n ? n : 1));
    size_t o = 0;
    uint32_t at = 0;
    for (int i = 0; i < n; i++) {
        if (sp[i].off < at || sp[i].off + sp[i].len > src->len) {
            diag_file(DIAG_ERROR, src->path, "internal error: overlapping edits; the file is left as it is");
            return FMT_INTERNAL_ERROR;
        }
        memcpy(out + o, src->text + at, sp[i].off - at);
        o += sp[i].off - at;
        size_t t = strlen(sp[i].text);
        spans[i] = (Span){ sp[i].off, sp[i].off + sp[i].len, (uint32_t)o, (uint32_t)(o + t) };
        memcpy(out + o, sp[i].text, t);
        o += t;
        at = sp[i].off + sp[i].len;
    }
    memcpy(out + o, src->text + at, src->len - at);
    o += src->len - at;
    out[o] = '\0';

    CommentList c1 = { 0 }, c2 = { 0 };
    int errors;
    bool complete;
    diag_mute(true);
    Node *before = parse_source_comments(a, src, &errors, &complete, &c1);
    bool ok = !errors && complete;
    Source *again = source_from_bytes(a, src->path, out, o);
    Node *after = parse_source_comments(a, again, &errors, &complete, &c2);
    diag_mute(false);
    Spans all = { spans, n };
    if (!ok || errors || !complete || !fmt_same_comments(src, &c1, again, &c2) ||
        !same_but_spliced(&all, before, after)) {
        diag_file(DIAG_ERROR, src->path, "internal error: the edited file would not read back as "
                  "intended, so it is left as it is; please report this");
        return FMT_INTERNAL_ERROR;
    }
    *text = out;
    *len = o;
    return FMT_OK;
}

char *fmt_snippet(Arena *a, const char *text, const char *indent) {
    char *laid;
    size_t n;
    diag_mute(true);
    FmtStatus st = fmt_source(a, source_from_bytes(a, "<new statements>", text, strlen(text)), &laid, &n);
    diag_mute(false);
    if (st != FMT_OK) {
        diag_file(DIAG_ERROR, NULL, "internal error: new statements would not lay out: %s", text);
        return NULL;
    }
    size_t lines = 0, w = strlen(indent);
    for (size_t i = 0; i < n; i++) lines += laid[i] == '\n';
    char *out = arena_alloc(a, n + lines * w + 1);
    size_t o = 0;
    bool line_start = true;
    for (size_t i = 0; i < n; i++) {
        if (line_start && laid[i] != '\n') {
            memcpy(out + o, indent, w);
            o += w;
        }
        out[o++] = laid[i];
        line_start = laid[i] == '\n';
    }
    out[o] = '\0';
    return out;
}
