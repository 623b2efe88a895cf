/* parse.c — the template engine's first pass: template text to a tree of
 * nodes (text, {{name}}, {{#if}}, {{#unless}}, {{#each}}).
 *
 * Promises: the text is UTF-8 without NUL bytes, noncharacters or
 * bidirectional controls (else one error at the first fault); every tag is well formed, every name is a dotted path (or
 * "this", @first, @last, @number inside {{#each}}), every block is closed
 * and nested at most TEMPLATE_MAX_DEPTH deep; a tag alone on its line
 * leaves no trace of that line in the output. Every problem is reported
 * at its place (the whole tag), at most MAX_ERRORS of them; a template with
 * any problem is not returned. Whether a name exists is not known here:
 * the data is checked when the template is expanded (expand.c).
 * May touch: the text given and the Template it builds; nothing else. */
#include "template/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/suggest.h"
#include "base/textguard.h"
#include "base/utf8.h"

static const char *const block_words[] = {"if", "unless", "each"};

typedef struct {
    Node *node;   /* the open block (NULL for the top level) */
    Node **tail;  /* where the next node goes */
    int in_alt;   /* after {{else}} */
} Frame;

typedef struct {
    const char *s;
    size_t len, pos;
    Reporter r;
    Template *t;
    Frame stack[TEMPLATE_MAX_DEPTH + 1];
    int depth;
    int loops;    /* each-blocks open around the current position */
} Parser;

/* The span [off, off + len) of the text. */
static Loc at(const Parser *p, size_t off, size_t len) { return tmpl_at(p->t, off, len); }

/* The offset of the first carriage return that is not part of a CR LF,
 * or -1. A template whose lines end in CR alone reads as one line: its
 * first comment hid the whole letter, printed blank without a word. */
static long first_bare_cr(const char *s, size_t len) {
    for (const char *q = s, *end = s + len; (q = memchr(q, '\r', (size_t)(end - q))); q++)
        if (q + 1 == end || q[1] != '\n') return (long)(q - s);
    return -1;
}

/* Checks that the text is UTF-8 without NUL bytes or noncharacters (which
 * no document can print: base/textguard.h) or bidirectional controls
 * (which would reorder the words printed around them, as in a member's
 * file), its lines ended by LF or CR LF; reports the first fault. */
static int check_utf8(Parser *p) {
    size_t bad = utf8_invalid(p->s, p->len);
    const char *nul = memchr(p->s, 0, bad);
    uint32_t cp;
    const char *bidi;
    long nonchar = bad == p->len && !nul ? textguard_first_noncharacter(p->s, p->len, &cp) : -1;
    long control = bad == p->len && !nul && nonchar < 0
                 ? textguard_first_bidi_control(p->s, p->len, &cp, &bidi) : -1;
    long cr = bad == p->len && !nul && nonchar < 0 && control < 0 ? first_bare_cr(p->s, p->len) : -1;
    if (cr >= 0) {
        tmpl_problem(&p->r, at(p, (size_t)cr, 1), "this line ends with a carriage return alone (CR, as "
                     "classic Mac OS saved text): save the template again with LF or CR LF line ends");
        return 0;
    }
    if (bad == p->len && !nul && nonchar < 0 && control < 0) return 1;
    if (nonchar >= 0) {
        tmpl_problem(&p->r, at(p, (size_t)nonchar, 1), "U+%04X is a noncharacter, not a letter or a "
                     "sign (a damaged copy?): formc cannot print it", (unsigned)cp);
    } else if (control >= 0) {
        char what[64];
        snprintf(what, sizeof what, "U+%04X (%s)", (unsigned)cp, diag_tr(bidi));
        tmpl_problem(&p->r, at(p, (size_t)control, 1), "%s is an invisible control that would reorder "
                     "the words printed around this text; delete it (text in a right-to-left script "
                     "needs none)", what);
    } else {
        tmpl_problem(&p->r, at(p, nul ? (size_t)(nul - p->s) : bad, 1),
                     nul ? "NUL byte in template" : "invalid UTF-8 in template");
    }
    return 0;
}

/* Adds a node for s[off, off + len) to the innermost open block. */
static Node *add_node(Parser *p, NodeKind k, size_t off, size_t len) {
    Node *n = arena_alloc(&p->t->arena, sizeof *n);
    n->kind = k;
    n->id = p->t->nnodes++;
    n->off = (uint32_t)off;
    n->len = (uint32_t)len;
    Frame *f = &p->stack[p->depth];
    *f->tail = n;
    f->tail = &n->next;
    return n;
}

/* Adds the text s[from, to) as a text node. */
static void add_text(Parser *p, size_t from, size_t to) {
    if (to > from) add_node(p, N_TEXT, from, to - from);
}

/* Checks a placeholder name: a dotted path, "this[.path]" or @first, @last,
 * @number inside {{#each}}. Returns 1 when it is well formed. */
static int check_name(Parser *p, const char *name, Loc tag) {
    if (name[0] == '@') {
        if (strcmp(name, "@first") && strcmp(name, "@last") &&
            strcmp(name, "@number")) {
            tmpl_problem(&p->r, tag,
                         "unknown loop name '%s' (use @first, @last or @number)",
                         name);
            return 0;
        }
        if (!p->loops) {
            tmpl_problem(&p->r, tag, "'%s' is only meaningful inside {{#each}}",
                         name);
            return 0;
        }
        return 1;
    }
    const char *q = name;
    for (;;) {
        if (!isalpha((unsigned char)*q) && *q != '_') break;
        while (is_name_char((unsigned char)*q)) q++;
        if (*q != '.') break;
        q++;
    }
    if (*q || q == name || q[-1] == '.') {
        tmpl_problem(&p->r, tag,
                     "'%s' is not a name (names are words joined by dots, "
                     "like patient.preferred)", name);
        return 0;
    }
    if ((!strcmp(name, "this") || !strncmp(name, "this.", 5)) && !p->loops) {
        tmpl_problem(&p->r, tag, "'this' is only meaningful inside {{#each}}");
        return 0;
    }
    return 1;
}

/* True when s[from, to) holds only spaces and tabs. */
static int blank_between(const char *s, size_t from, size_t to) {
    for (size_t i = from; i < to; i++)
        if (s[i] != ' ' && s[i] != '\t') return 0;
    return 1;
}

/* Parses the words of a tag's content into kw (the first word) and arg.
 * Returns the number of words (0, 1, 2), or 3 when there are more. */
static int split_tag(const char *c, char *kw, char *arg, size_t n) {
    char *out[2] = {kw, arg};
    int words = 0;
    kw[0] = arg[0] = 0;
    while (*c) {
        while (*c == ' ' || *c == '\t') c++;
        if (!*c) break;
        const char *w = c;
        while (*c && *c != ' ' && *c != '\t') c++;
        if (words >= 2) return 3;
        size_t l = (size_t)(c - w) < n - 1 ? (size_t)(c - w) : n - 1;
        memcpy(out[words], w, l);
        out[words][l] = 0;
        words++;
    }
    return words;
}

/* The keyword of an open block node. */
static const char *node_word(const Node *n) {
    return n->kind == N_IF ? "if" : n->kind == N_UNLESS ? "unless" : "each";
}

/* Handles one tag; s[start, end) is the tag including its braces. */
static void parse_tag(Parser *p, size_t start, size_t end) {
    Loc tag = at(p, start, end - start);
    char content[512], kw[256], arg[256];
    size_t clen = end - start - 4;
    if (clen >= sizeof content) {
        tmpl_problem(&p->r, tag, "placeholder is too long");
        return;
    }
    memcpy(content, p->s + start + 2, clen);
    content[clen] = 0;
    char *c = content + strspn(content, " \t");
    char sigil = c[0];
    if (sigil == '#' || sigil == '/') {
        int words = split_tag(c + 1, kw, arg, sizeof kw);
        int which = -1;
        for (int i = 0; i < 3; i++)
            if (!strcmp(kw, block_words[i])) which = i;
        if (which < 0) {
            Suggest sg;
            suggest_init(&sg, kw);
            for (int i = 0; i < 3; i++) suggest_offer(&sg, block_words[i]);
            const char *s = suggest_result(&sg);
            if (s)
                tmpl_problem(&p->r, tag, "unknown block '%c%s'; did you mean "
                             "'%c%s'?", sigil, kw, sigil, s);
            else
                tmpl_problem(&p->r, tag, "unknown block '%c%s' (blocks are "
                             "#if, #unless and #each)", sigil, kw);
            return;
        }
        if (sigil == '/') {
            if (words != 1) {
                tmpl_problem(&p->r, tag, "'{{/%s}}' takes no name", kw);
                return;
            }
            if (p->depth == 0) {
                tmpl_problem(&p->r, tag, "'{{/%s}}' closes a block that was "
                             "never opened", kw);
                return;
            }
            Node *open = p->stack[p->depth].node;
            int line, col;
            source_linecol(p->t->src, open->off, &line, &col);
            if (strcmp(node_word(open), kw))
                tmpl_problem(&p->r, tag, "'{{/%s}}' does not match '{{#%s %s}}'"
                             " opened at line %d, column %d", kw, node_word(open),
                             open->name, line, col);
            if (open->kind == N_EACH && !p->stack[p->depth].in_alt)
                p->loops--;
            p->depth--;
            return;
        }
        if (words != 2) {
            tmpl_problem(&p->r, tag, words < 2 ? "'{{#%s}}' needs a name, "
                         "like {{#%s letter.in_group}}" : "'{{#%s}}' takes one "
                         "name%s", kw, words < 2 ? kw : "");
            return;
        }
        if (!check_name(p, arg, tag)) return;
        if (p->depth >= TEMPLATE_MAX_DEPTH) {
            tmpl_problem(&p->r, tag, "blocks are nested more than %d deep",
                         TEMPLATE_MAX_DEPTH);
            p->r.stopped = 1; /* give up: the rest is noise */
            return;
        }
        Node *n = add_node(p, which == 0 ? N_IF : which == 1 ? N_UNLESS : N_EACH,
                           start, end - start);
        n->name = arena_strdup(&p->t->arena, arg);
        Frame *f = &p->stack[++p->depth];
        f->node = n;
        f->tail = &n->body;
        f->in_alt = 0;
        if (n->kind == N_EACH) p->loops++;
        return;
    }
    int words = split_tag(c, kw, arg, sizeof kw);
    if (words == 1 && !strcmp(kw, "else")) {
        if (p->depth == 0) {
            tmpl_problem(&p->r, tag, "'{{else}}' outside any block");
            return;
        }
        Frame *f = &p->stack[p->depth];
        if (f->in_alt) {
            tmpl_problem(&p->r, tag, "a second '{{else}}' in the same block");
            return;
        }
        f->in_alt = 1;
        f->tail = &f->node->alt;
        if (f->node->kind == N_EACH) p->loops--; /* no item after else */
        return;
    }
    if (words == 0) {
        tmpl_problem(&p->r, tag, "empty placeholder '{{}}'");
        return;
    }
    if (words > 1) {
        tmpl_problem(&p->r, tag, "a placeholder holds one name, found '%s'",
                     c);
        return;
    }
    if (sigil == '>' || sigil == '&' || sigil == '{') {
        tmpl_problem(&p->r, tag, "'{{%c' is not part of the template syntax",
                     sigil);
        return;
    }
    if (!check_name(p, kw, tag)) return;
    Node *n = add_node(p, N_VAR, start, end - start);
    n->name = arena_strdup(&p->t->arena, kw);
}

/* Parses the whole source into p->t->root. */
static void parse(Parser *p) {
    size_t text_start = p->pos;
    p->stack[0].node = NULL;
    p->stack[0].tail = &p->t->root;
    while (p->pos < p->len && !p->r.stopped && p->r.errors <= MAX_ERRORS) {
        char c = p->s[p->pos];
        if (c == '\\' && p->pos + 1 < p->len) {
            p->pos += 2;
            continue;
        }
        if (c != '{' || p->pos + 1 >= p->len || p->s[p->pos + 1] != '{') {
            p->pos++;
            continue;
        }
        size_t start = p->pos;
        const char *close;
        int comment = start + 2 < p->len && p->s[start + 2] == '!';
        /* a comment may span lines; other tags end on their own line */
        size_t scan_end = p->len;
        if (!comment) {
            const char *nl = memchr(p->s + start, '\n', p->len - start);
            if (nl) scan_end = (size_t)(nl - p->s);
        }
        close = NULL;
        for (size_t i = start + 2; i + 1 < scan_end; i++)
            if (p->s[i] == '}' && p->s[i + 1] == '}') {
                close = p->s + i;
                break;
            }
        if (!close) {
            tmpl_problem(&p->r, at(p, start, 2), comment ? "comment '{{!' is never closed "
                         "with '}}'" : "'{{' is not closed by '}}' on the same "
                         "line (write \\{{ for literal braces)");
            p->pos = scan_end;
            continue;
        }
        size_t end = (size_t)(close - p->s) + 2;
        /* A block tag, {{else}} or comment alone on its line is standalone:
         * its line, indentation and newline vanish from the output. */
        char first = p->s[start + 2 + strspn(p->s + start + 2, " \t")];
        int blockish = comment || first == '#' || first == '/';
        if (!blockish) {
            size_t i = start + 2 + strspn(p->s + start + 2, " \t");
            blockish = !strncmp(p->s + i, "else", 4) &&
                       blank_between(p->s, i + 4, end - 2);
        }
        size_t text_end = start, after = end;
        if (blockish) {
            size_t ls = start;
            while (ls > 0 && p->s[ls - 1] != '\n') ls--;
            size_t le = end;
            while (le < p->len && (p->s[le] == ' ' || p->s[le] == '\t')) le++;
            if (le < p->len && p->s[le] == '\r' && le + 1 < p->len &&
                p->s[le + 1] == '\n')
                le++;
            if (blank_between(p->s, ls, start) &&
                (le >= p->len || p->s[le] == '\n')) {
                if (ls >= text_start) text_end = ls;
                after = le < p->len ? le + 1 : le;
            }
        }
        add_text(p, text_start, text_end);
        if (!comment) parse_tag(p, start, end);
        p->pos = after;
        text_start = p->pos;
    }
    if (p->r.stopped || p->r.errors > MAX_ERRORS) return;
    add_text(p, text_start, p->len);
    for (int d = p->depth; d > 0; d--) {
        Node *n = p->stack[d].node;
        tmpl_problem(&p->r, at(p, n->off, n->len), "'{{#%s %s}}' is never closed "
                     "(expected '{{/%s}}')", node_word(n), n->name, node_word(n));
    }
}

Template *template_parse(const char *file, const char *text, size_t len) {
    if (!file) file = "<template>";
    if (len > TEMPLATE_MAX_BYTES) {
        diag_file(DIAG_ERROR, file, "is larger than the limit of %d MiB for a template",
                  TEMPLATE_MAX_BYTES / (1024 * 1024));
        return NULL;
    }
    Template *t = xcalloc(1, sizeof *t);
    size_t skip = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
    t->src = source_from_bytes(&t->arena, file, text + skip, len - skip);
    Parser p = {0};
    p.s = t->src->text;
    p.len = t->src->len;
    p.t = t;
    if (check_utf8(&p)) parse(&p);
    if (p.r.errors) {
        template_free(t);
        return NULL;
    }
    return t;
}
