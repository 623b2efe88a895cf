/* template.c — parses templates, expands them with a data tree into typed
 * blocks of styled runs, and formats dates in English and French.
 * See template.h for the promises and docs/templates.md for the syntax.
 *
 * The work happens in three steps:
 *   1. parse:  template text -> a tree of nodes (text, {{name}}, if, unless,
 *              each). Tags alone on their line leave no trace in the output.
 *   2. walk:   the tree with the data, in every branch; untaken branches are
 *              walked only to check their names. Taken branches send pieces
 *              of text to the builder, each marked as wording or value.
 *   3. build:  pieces are gathered line by line; line markers (# - @) and
 *              inline styles (* _) are honoured in wording only, so a value
 *              can never change the document's structure.
 */
#include "template/template.h"
#include "base/arena.h"
#include "base/inputs.h"
#include "base/suggest.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- Diagnostics ------------------------------------------------------ */

int template_diag_format(const TemplateDiag *d, char *buf, size_t n) {
    if (d->file && d->line > 0 && d->col > 0)
        return snprintf(buf, n, "%s:%d:%d: error: %s", d->file, d->line,
                        d->col, d->message);
    if (d->file && d->line > 0)
        return snprintf(buf, n, "%s:%d: error: %s", d->file, d->line,
                        d->message);
    if (d->file)
        return snprintf(buf, n, "%s: error: %s", d->file, d->message);
    return snprintf(buf, n, "error: %s", d->message);
}

/* Formats a message and hands it to fn, or prints it when fn is NULL. */
static void vreport(TemplateDiagFn fn, void *user, const char *file, int line,
                    int col, const char *fmt, va_list ap) {
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    TemplateDiag d = {file, line, col, msg};
    if (fn) {
        fn(user, &d);
    } else {
        char out[1400];
        template_diag_format(&d, out, sizeof out);
        fprintf(stderr, "%s\n", out);
    }
}

static void report(TemplateDiagFn fn, void *user, const char *file, int line,
                   int col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vreport(fn, user, file, line, col, fmt, ap);
    va_end(ap);
}

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

static TValue *tv_new(TValueKind k) {
    TValue *v = xcalloc(1, sizeof *v);
    v->kind = k;
    return v;
}

TValue *tv_text(const char *s, const void *origin) {
    TValue *v = tv_new(TV_TEXT);
    v->text = xstrdup(s ? s : "");
    v->origin = origin;
    return v;
}

TValue *tv_bool(int yes) {
    TValue *v = tv_new(TV_BOOL);
    v->yes = yes != 0;
    return v;
}

TValue *tv_list(void) { return tv_new(TV_LIST); }
TValue *tv_map(void) { return tv_new(TV_MAP); }
TValueKind tv_kind(const TValue *v) { return v->kind; }

void tv_list_add(TValue *list, TValue *item) {
    if (!list || list->kind != TV_LIST) {
        tv_free(item);
        return;
    }
    xgrow(&list->items, &list->cap, list->n + 1, sizeof *list->items);
    list->items[list->n++] = item;
}

/* The index of key in map, or -1. */
static int map_find(const TValue *map, const char *key, size_t klen) {
    for (int i = 0; i < map->n; i++)
        if (strlen(map->keys[i]) == klen && !memcmp(map->keys[i], key, klen))
            return i;
    return -1;
}

void tv_map_set(TValue *map, const char *key, TValue *v) {
    if (!map || map->kind != TV_MAP || !key) {
        tv_free(v);
        return;
    }
    int i = map_find(map, key, strlen(key));
    if (i >= 0) {
        tv_free(map->items[i]);
        map->items[i] = v;
        return;
    }
    int cap = map->cap;
    xgrow(&map->items, &map->cap, map->n + 1, sizeof *map->items);
    xgrow(&map->keys, &cap, map->n + 1, sizeof *map->keys);
    map->keys[map->n] = xstrdup(key);
    map->items[map->n++] = v;
}

int tv_set(TValue *root, const char *path, TValue *v) {
    TValue *cur = root;
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        if (!cur || cur->kind != TV_MAP) break;
        if (!dot) {
            tv_map_set(cur, p, v);
            return 0;
        }
        int i = map_find(cur, p, (size_t)(dot - p));
        if (i < 0) {
            char *key = xstrndup(p, (size_t)(dot - p));
            tv_map_set(cur, key, tv_map());
            free(key);
            i = cur->n - 1;
        } else if (!cur->items[i]) {
            cur->items[i] = tv_map();
        }
        cur = cur->items[i];
        p = dot + 1;
    }
    tv_free(v);
    return -1;
}

void tv_free(TValue *v) {
    if (!v) return;
    for (int i = 0; i < v->n; i++) {
        tv_free(v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->text);
    free(v);
}

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

const char *template_path(const Template *t) { return t->path; }

void template_free(Template *t) {
    if (!t) return;
    free(t->path);
    free(t->src);
    arena_free(&t->arena);
    free(t);
}

static const char *const block_words[] = {"if", "unless", "each"};

/* ---- Parser ----------------------------------------------------------- */

typedef struct {
    Node *node;   /* the open block (NULL for the top level) */
    Node **tail;  /* where the next node goes */
    int in_alt;   /* after {{else}} */
} Frame;

typedef struct {
    const char *s;
    size_t len, pos;
    int line, col;
    const char *file;
    TemplateDiagFn fn;
    void *user;
    int errors;
    Template *t;
    Frame stack[TEMPLATE_MAX_DEPTH + 1];
    int depth;
    int loops;    /* each-blocks open around the current position */
} Parser;

#define MAX_ERRORS 20

static void perror_at(Parser *p, int line, int col, const char *fmt, ...) {
    if (p->errors++ >= MAX_ERRORS) return;
    va_list ap;
    va_start(ap, fmt);
    vreport(p->fn, p->user, p->file, line, col, fmt, ap);
    va_end(ap);
}

/* Moves one byte on, keeping line and column (in characters) current. */
static void advance(Parser *p) {
    unsigned char c = (unsigned char)p->s[p->pos++];
    if (c == '\n') {
        p->line++;
        p->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        p->col++;
    }
}

static void advance_to(Parser *p, size_t pos) {
    while (p->pos < pos) advance(p);
}

/* Checks that the text is UTF-8 without NUL bytes; reports the first fault. */
static int check_utf8(Parser *p) {
    const unsigned char *s = (const unsigned char *)p->s;
    int line = 1, col = 1;
    for (size_t i = 0; i < p->len;) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
                 : (c >> 3) == 30 ? 4 : 0;
        int ok = n > 0 && i + n <= p->len && c != 0;
        for (size_t k = 1; ok && k < n; k++) ok = (s[i + k] & 0xC0) == 0x80;
        if (ok && n == 2) ok = c >= 0xC2;
        if (ok && n == 3) {
            unsigned cp = (c & 15) << 12 | (s[i + 1] & 63) << 6 | (s[i + 2] & 63);
            ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
        }
        if (ok && n == 4) {
            unsigned cp = (c & 7) << 18 | (s[i + 1] & 63) << 12 |
                          (s[i + 2] & 63) << 6 | (s[i + 3] & 63);
            ok = cp >= 0x10000 && cp <= 0x10FFFF;
        }
        if (!ok) {
            perror_at(p, line, col, c == 0 ? "NUL byte in template"
                                           : "invalid UTF-8 in template");
            return 0;
        }
        if (c == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        i += n;
    }
    return 1;
}

/* Adds a node to the innermost open block. */
static Node *add_node(Parser *p, NodeKind k, int line, int col) {
    Node *n = arena_alloc(&p->t->arena, sizeof *n);
    n->kind = k;
    n->id = p->t->nnodes++;
    n->line = line;
    n->col = col;
    Frame *f = &p->stack[p->depth];
    *f->tail = n;
    f->tail = &n->next;
    return n;
}

/* Adds the text s[from, to) as a text node starting at line:col. */
static void add_text(Parser *p, size_t from, size_t to, int line, int col) {
    if (to <= from) return;
    Node *n = add_node(p, N_TEXT, line, col);
    n->text = p->s + from;
    n->len = to - from;
}

static int is_name_char(int c) { return isalnum(c) || c == '_'; }

/* Checks a placeholder name: a dotted path, "this[.path]" or @first, @last,
 * @number inside {{#each}}. Returns 1 when it is well formed. */
static int check_name(Parser *p, const char *name, int line, int col) {
    if (name[0] == '@') {
        if (strcmp(name, "@first") && strcmp(name, "@last") &&
            strcmp(name, "@number")) {
            perror_at(p, line, col,
                      "unknown loop name '%s' (use @first, @last or @number)",
                      name);
            return 0;
        }
        if (!p->loops) {
            perror_at(p, line, col, "'%s' is only meaningful inside {{#each}}",
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
        perror_at(p, line, col,
                  "'%s' is not a name (names are words joined by dots, "
                  "like patient.preferred)", name);
        return 0;
    }
    if ((!strcmp(name, "this") || !strncmp(name, "this.", 5)) && !p->loops) {
        perror_at(p, line, col, "'this' is only meaningful inside {{#each}}");
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
static void parse_tag(Parser *p, size_t start, size_t end, int line, int col) {
    char content[512], kw[256], arg[256];
    size_t clen = end - start - 4;
    if (clen >= sizeof content) {
        perror_at(p, line, col, "placeholder is too long");
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
                perror_at(p, line, col, "unknown block '%c%s'; did you mean "
                          "'%c%s'?", sigil, kw, sigil, s);
            else
                perror_at(p, line, col, "unknown block '%c%s' (blocks are "
                          "#if, #unless and #each)", sigil, kw);
            return;
        }
        if (sigil == '/') {
            if (words != 1) {
                perror_at(p, line, col, "'{{/%s}}' takes no name", kw);
                return;
            }
            if (p->depth == 0) {
                perror_at(p, line, col, "'{{/%s}}' closes a block that was "
                          "never opened", kw);
                return;
            }
            Node *open = p->stack[p->depth].node;
            if (strcmp(node_word(open), kw))
                perror_at(p, line, col, "'{{/%s}}' does not match '{{#%s %s}}'"
                          " opened at line %d, column %d", kw, node_word(open),
                          open->name, open->line, open->col);
            if (open->kind == N_EACH && !p->stack[p->depth].in_alt)
                p->loops--;
            p->depth--;
            return;
        }
        if (words != 2) {
            perror_at(p, line, col, words < 2 ? "'{{#%s}}' needs a name, "
                      "like {{#%s letter.in_group}}" : "'{{#%s}}' takes one "
                      "name%s", kw, words < 2 ? kw : "");
            return;
        }
        if (!check_name(p, arg, line, col)) return;
        if (p->depth >= TEMPLATE_MAX_DEPTH) {
            perror_at(p, line, col, "blocks are nested more than %d deep",
                      TEMPLATE_MAX_DEPTH);
            p->errors = MAX_ERRORS + 1; /* give up: the rest is noise */
            return;
        }
        Node *n = add_node(p, which == 0 ? N_IF : which == 1 ? N_UNLESS
                                                             : N_EACH,
                           line, col);
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
            perror_at(p, line, col, "'{{else}}' outside any block");
            return;
        }
        Frame *f = &p->stack[p->depth];
        if (f->in_alt) {
            perror_at(p, line, col, "a second '{{else}}' in the same block");
            return;
        }
        f->in_alt = 1;
        f->tail = &f->node->alt;
        if (f->node->kind == N_EACH) p->loops--; /* no item after else */
        return;
    }
    if (words == 0) {
        perror_at(p, line, col, "empty placeholder '{{}}'");
        return;
    }
    if (words > 1) {
        perror_at(p, line, col, "a placeholder holds one name, found '%s'",
                  c);
        return;
    }
    if (sigil == '>' || sigil == '&' || sigil == '{') {
        perror_at(p, line, col, "'{{%c' is not part of the template syntax",
                  sigil);
        return;
    }
    if (!check_name(p, kw, line, col)) return;
    Node *n = add_node(p, N_VAR, line, col);
    n->name = arena_strdup(&p->t->arena, kw);
}

/* Parses the whole source into p->t->root. */
static void parse(Parser *p) {
    size_t text_start = p->pos;
    int tline = p->line, tcol = p->col;
    p->stack[0].node = NULL;
    p->stack[0].tail = &p->t->root;
    while (p->pos < p->len && p->errors <= MAX_ERRORS) {
        char c = p->s[p->pos];
        if (c == '\\' && p->pos + 1 < p->len) {
            advance(p);
            advance(p);
            continue;
        }
        if (c != '{' || p->pos + 1 >= p->len || p->s[p->pos + 1] != '{') {
            advance(p);
            continue;
        }
        size_t start = p->pos;
        int line = p->line, col = p->col;
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
            perror_at(p, line, col, comment ? "comment '{{!' is never closed "
                      "with '}}'" : "'{{' is not closed by '}}' on the same "
                      "line (write \\{{ for literal braces)");
            advance_to(p, scan_end);
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
        add_text(p, text_start, text_end, tline, tcol);
        if (!comment) parse_tag(p, start, end, line, col);
        advance_to(p, after);
        text_start = p->pos;
        tline = p->line;
        tcol = p->col;
    }
    if (p->errors > MAX_ERRORS) return;
    add_text(p, text_start, p->len, tline, tcol);
    for (int d = p->depth; d > 0; d--) {
        Node *n = p->stack[d].node;
        perror_at(p, n->line, n->col, "'{{#%s %s}}' is never closed "
                  "(expected '{{/%s}}')", node_word(n), n->name, node_word(n));
    }
}

Template *template_parse(const char *file, const char *text, size_t len,
                         TemplateDiagFn on_diag, void *user) {
    if (!file) file = "<template>";
    if (len > TEMPLATE_MAX_BYTES) {
        report(on_diag, user, file, 0, 0,
               "template is larger than %d bytes", TEMPLATE_MAX_BYTES);
        return NULL;
    }
    Template *t = xcalloc(1, sizeof *t);
    t->path = xstrdup(file);
    size_t skip = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
    t->src = xstrndup(text + skip, len - skip);
    Parser p = {0};
    p.s = t->src;
    p.len = len - skip;
    p.line = p.col = 1;
    p.file = t->path;
    p.fn = on_diag;
    p.user = user;
    p.t = t;
    if (check_utf8(&p)) parse(&p);
    if (p.errors) {
        template_free(t);
        return NULL;
    }
    return t;
}

/* True when s is a plain word usable in a file name. */
static int plain_word(const char *s) {
    if (!s || !*s || strlen(s) > 64) return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-') return 0;
    return 1;
}

/* Joins dir and file with one slash. */
static char *join_path(const char *dir, const char *file) {
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--;
    char *p = xmalloc(dl + strlen(file) + 2);
    sprintf(p, "%.*s/%s", (int)dl, dir, file);
    return p;
}

/* Appends to langs (comma separated, no repeats) the languages for which a
 * NAME.LANG.tmpl exists in dir. */
static void list_languages(const char *dir, const char *name, char *langs,
                           size_t n) {
    DIR *d = opendir(dir);
    if (!d) return;
    size_t nl = strlen(name);
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *f = e->d_name;
        size_t fl = strlen(f);
        if (fl <= nl + 6 || strncmp(f, name, nl) || f[nl] != '.' ||
            strcmp(f + fl - 5, ".tmpl"))
            continue;
        char lang[64];
        size_t ll = fl - nl - 6;
        if (ll == 0 || ll >= sizeof lang) continue;
        memcpy(lang, f + nl + 1, ll);
        lang[ll] = 0;
        if (!plain_word(lang)) continue;
        char needle[70];
        snprintf(needle, sizeof needle, ", %s,", lang);
        char hay[1100];
        snprintf(hay, sizeof hay, ", %s,", langs);
        if (strstr(hay, needle)) continue;
        size_t used = strlen(langs);
        snprintf(langs + used, n - used, "%s%s", used ? ", " : "", lang);
    }
    closedir(d);
}

/* Reads a whole regular file of at most TEMPLATE_MAX_BYTES. Returns NULL
 * with errno set (EFBIG when too large, ENODEV when not a regular file). */
static char *read_file(const char *path, size_t *len) {
    /* non-blocking, so a named pipe is refused rather than waited on */
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = S_ISDIR(st.st_mode) ? EISDIR : ENODEV;
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return NULL;
    }
    inputs_note(&st, path);
    char *buf = xmalloc(TEMPLATE_MAX_BYTES + 1);
    size_t n = fread(buf, 1, TEMPLATE_MAX_BYTES + 1, f);
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    if (n > TEMPLATE_MAX_BYTES) {
        free(buf);
        errno = EFBIG;
        return NULL;
    }
    *len = n;
    return buf;
}

char *template_find(const char *const *dirs, int ndirs, const char *name, const char *lang) {
    if (!plain_word(name) || !plain_word(lang)) return NULL;
    char file[160];
    snprintf(file, sizeof file, "%s.%s.tmpl", name, lang);
    for (int i = 0; i < ndirs; i++) {
        if (!dirs[i] || !*dirs[i]) continue;
        char *path = join_path(dirs[i], file);
        struct stat st;
        if (stat(path, &st) == 0 || (errno != ENOENT && errno != ENOTDIR)) return path;
        free(path);
    }
    return NULL;
}

Template *template_load(const char *const *dirs, int ndirs, const char *name,
                        const char *lang, TemplateDiagFn on_diag, void *user) {
    if (!plain_word(name) || !plain_word(lang)) {
        report(on_diag, user, NULL, 0, 0, "template name '%s' and language "
               "'%s' must be plain words (letters, digits, _ or -)",
               name ? name : "", lang ? lang : "");
        return NULL;
    }
    char *path = template_find(dirs, ndirs, name, lang);
    if (path) {
        size_t len = 0;
        char *text = read_file(path, &len);
        if (!text) {
            int e = errno;
            if (e == EFBIG)
                report(on_diag, user, path, 0, 0, "template is larger than"
                       " %d bytes", TEMPLATE_MAX_BYTES);
            else if (e == ENODEV)
                report(on_diag, user, path, 0, 0, "template is not a "
                       "regular file (a device or a named pipe)");
            else
                report(on_diag, user, path, 0, 0, "cannot read template: "
                       "%s", strerror(e));
            free(path);
            return NULL;
        }
        Template *t = template_parse(path, text, len, on_diag, user);
        free(text);
        free(path);
        return t;
    }
    char file[160];
    snprintf(file, sizeof file, "%s.%s.tmpl", name, lang);
    char where[1024] = "", langs[1024] = "";
    for (int i = 0; i < ndirs; i++) {
        if (!dirs[i] || !*dirs[i]) continue;
        size_t used = strlen(where);
        snprintf(where + used, sizeof where - used, "%s%s", used ? ", " : "",
                 dirs[i]);
        list_languages(dirs[i], name, langs, sizeof langs);
    }
    if (langs[0])
        report(on_diag, user, NULL, 0, 0, "no '%s' template in language '%s':"
               " looked for %s in %s; languages available: %s (to add a "
               "language, add a %s.%s.tmpl file)", name, lang, file,
               where[0] ? where : "(no directories)", langs, name, lang);
    else
        report(on_diag, user, NULL, 0, 0, "no '%s' template in language '%s':"
               " looked for %s in %s, and found no '%s' template in any "
               "language", name, lang, file,
               where[0] ? where : "(no directories)", name);
    return NULL;
}

/* ---- Builder: pieces of text to blocks of runs ------------------------ */

typedef struct {
    int is_value;
    const char *s;
    size_t len;
    const void *origin;
    int line, col;
} Seg;

typedef struct Expander Expander;

typedef struct {
    Expander *ex;
    Arena *arena;                    /* the document's */
    Seg *segs;                       /* the current line */
    int nsegs, segcap;
    TemplateBlock *blocks;
    int nblocks, blockcap;
    int open;                        /* a block is open */
    TemplateBlock cur;               /* the open block */
    int runcap;
    char *buf;                       /* the open run's text */
    int blen, bcap;
    int have_run;
    int rstyle, rvalue, rline, rcol; /* the open run's attributes */
    const void *rorigin;
    int style;                       /* styles switched on by * and _ */
    int bold_line, bold_col, ital_line, ital_col;
    int space;                       /* a space is pending */
    int sp_value, sp_line, sp_col;
    const void *sp_origin;
    int after_sep;                   /* the last run is a cell separator */
    int reported[64][2];             /* style errors already reported */
    int nreported;
    size_t out_bytes;
} Builder;

struct Expander {
    const Template *t;
    const TValue *root;
    TemplateDiagFn fn;
    void *user;
    int errors;
    unsigned char *reported;         /* per node: problem reported */
    struct Loop {
        const TValue *item;          /* NULL when only checking names */
        int index, count;
        TValue first, last, number;
        char numbuf[16];
    } loops[TEMPLATE_MAX_DEPTH + 1];
    int nloops;
    long steps;
    int stopped;                     /* a limit was hit: stop walking */
    Builder b;
};

static void ex_error(Expander *ex, int line, int col, const char *fmt, ...) {
    if (ex->errors++ >= MAX_ERRORS) return;
    va_list ap;
    va_start(ap, fmt);
    vreport(ex->fn, ex->user, ex->t->path, line, col, fmt, ap);
    va_end(ap);
}

/* Closes the open run, copying its text into the document's arena. */
static void flush_run(Builder *b) {
    if (!b->have_run) return;
    xgrow(&b->cur.runs, &b->runcap, b->cur.nruns + 1, sizeof *b->cur.runs);
    TemplateRun *r = &b->cur.runs[b->cur.nruns++];
    r->text = arena_strndup(b->arena, b->buf, (size_t)b->blen);
    r->style = b->rstyle;
    r->from_value = b->rvalue;
    r->origin = b->rvalue ? b->rorigin : NULL;
    r->line = b->rline;
    r->col = b->rcol;
    b->have_run = 0;
    b->blen = 0;
}

/* True when the open block holds no text yet. */
static int block_empty(const Builder *b) {
    return b->cur.nruns == 0 && !b->have_run;
}

/* Appends the bytes s[0, n) with the given attributes to the open block. */
static void put_raw(Builder *b, const char *s, int n, int value,
                    const void *origin, int line, int col) {
    if (b->ex->stopped) return;
    b->out_bytes += (size_t)n;
    if (b->out_bytes > TEMPLATE_MAX_OUTPUT) {
        ex_error(b->ex, line, col, "the expanded document is larger than %d "
                 "bytes (a loop inside loops?)", TEMPLATE_MAX_OUTPUT);
        b->ex->stopped = 1;
        return;
    }
    int same = b->have_run && b->rstyle == b->style && b->rvalue == value &&
               (!value || (b->rorigin == origin && b->rline == line &&
                           b->rcol == col));
    if (!same) {
        flush_run(b);
        b->have_run = 1;
        b->rstyle = b->style;
        b->rvalue = value;
        b->rorigin = origin;
        b->rline = line;
        b->rcol = col;
    }
    xgrow(&b->buf, &b->bcap, b->blen + n + 1, 1);
    memcpy(b->buf + b->blen, s, (size_t)n);
    b->blen += n;
    b->after_sep = 0;
}

/* Appends text, first writing a pending space unless at the block start. */
static void put(Builder *b, const char *s, int n, int value,
                const void *origin, int line, int col) {
    if (b->space && !block_empty(b) && !b->after_sep)
        put_raw(b, " ", 1, b->sp_value, b->sp_origin, b->sp_line, b->sp_col);
    b->space = 0;
    put_raw(b, s, n, value, origin, line, col);
}

/* Notes a space to be written before the next text. */
static void pend_space(Builder *b, int value, const void *origin, int line,
                       int col) {
    if (b->space) return;
    b->space = 1;
    b->sp_value = value;
    b->sp_origin = origin;
    b->sp_line = line;
    b->sp_col = col;
}

/* A line break run, for blocks whose lines are kept. */
static void put_break(Builder *b, int line, int col) {
    b->space = 0;
    if (block_empty(b)) return;
    flush_run(b);
    if (b->cur.nruns && !strcmp(b->cur.runs[b->cur.nruns - 1].text, "\n"))
        return;
    int style = b->style;
    b->style = 0;
    put_raw(b, "\n", 1, 0, NULL, line, col);
    flush_run(b);
    b->style = style;
}

static int keeps_lines(TemplateBlockKind k) {
    return k == TB_LETTERHEAD || k == TB_SIGNATURE || k == TB_TABLE;
}

/* True for blocks whose wording '|' separates cells. */
static int has_cells(TemplateBlockKind k) {
    return k == TB_TABLE || k == TB_INSERT;
}

/* True for blocks that end with their line. */
static int one_line(TemplateBlockKind k) {
    return k == TB_HEADING || k == TB_DATE || k == TB_LOGO || k == TB_INSERT;
}

/* A cell separator: a run of its own, with no space on either side. */
static void put_separator(Builder *b, int line, int col) {
    b->space = 0;
    flush_run(b);
    int style = b->style;
    b->style = TS_SEP;
    put_raw(b, "|", 1, 0, NULL, line, col);
    flush_run(b);
    b->style = style;
    b->after_sep = 1;
}

/* True the first time a place in the template is named: problems in
 * wording inside a loop are reported once, not once per item. */
static int first_time_at(Builder *b, int line, int col) {
    for (int i = 0; i < b->nreported; i++)
        if (b->reported[i][0] == line && b->reported[i][1] == col) return 0;
    if (b->nreported < 64) {
        b->reported[b->nreported][0] = line;
        b->reported[b->nreported++][1] = col;
    }
    return 1;
}

/* Reports a style left open, once per place in the template. */
static void style_error(Builder *b, int line, int col, const char *what) {
    if (first_time_at(b, line, col)) ex_error(b->ex, line, col, "%s", what);
    else b->ex->errors++;
}

/* Ends the open block. by_template: the template ended it (a blank line, a
 * new marker, the end), so styles must be closed; otherwise a paragraph
 * break inside a value ended it and styles carry on. */
static void close_block(Builder *b, int by_template) {
    if (!b->open) return;
    flush_run(b);
    b->space = 0;
    if (by_template) {
        if (b->style & TS_BOLD)
            style_error(b, b->bold_line, b->bold_col, "'*' starts bold text "
                        "that is not closed in the same block (write \\* for "
                        "an asterisk)");
        if (b->style & TS_ITALIC)
            style_error(b, b->ital_line, b->ital_col, "'_' starts italic text"
                        " that is not closed in the same block (write \\_ for "
                        "an underscore)");
        b->style = 0;
    }
    while (b->cur.nruns && !strcmp(b->cur.runs[b->cur.nruns - 1].text, "\n"))
        b->cur.nruns--;
    TemplateBlockKind k = b->cur.kind;
    int keep = b->cur.nruns > 0 ||
               (k != TB_PARAGRAPH && k != TB_HEADING && k != TB_ITEM &&
                k != TB_SMALL);
    if (keep) {
        TemplateBlock blk = b->cur;
        blk.runs = arena_alloc(b->arena, sizeof *blk.runs *
                                         (size_t)(blk.nruns ? blk.nruns : 1));
        if (blk.nruns)
            memcpy(blk.runs, b->cur.runs, sizeof *blk.runs * (size_t)blk.nruns);
        xgrow(&b->blocks, &b->blockcap, b->nblocks + 1, sizeof *b->blocks);
        b->blocks[b->nblocks++] = blk;
    }
    b->cur.nruns = 0;
    b->open = 0;
}

static void open_block(Builder *b, TemplateBlockKind k, int line) {
    close_block(b, 1);
    b->open = 1;
    b->cur.kind = k;
    b->cur.level = 0;
    b->cur.line = line;
    b->cur.nruns = 0;
}

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Length of the UTF-8 character starting with byte c. */
static int utf8_len(unsigned char c) {
    return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
}

static const struct {
    const char *word;
    TemplateBlockKind kind;
} directives[] = {
    {"letterhead", TB_LETTERHEAD}, {"logo", TB_LOGO},
    {"date", TB_DATE}, {"signature", TB_SIGNATURE},
    {"insert", TB_INSERT}, {"table", TB_TABLE}, {"small", TB_SMALL},
};

/* Writes template wording s[from, to) of segment g, honouring escapes and
 * style markers. */
static void put_wording(Builder *b, const Seg *g, size_t from) {
    int col = g->col;
    for (size_t i = 0; i < from; i++)
        if (((unsigned char)g->s[i] & 0xC0) != 0x80) col++;
    for (size_t i = from; i < g->len;) {
        char c = g->s[i];
        int n = utf8_len((unsigned char)c);
        if (i + (size_t)n > g->len) n = (int)(g->len - i);
        if (c == '\r') {
            i++;
            continue;
        }
        if (c == ' ' || c == '\t') {
            pend_space(b, 0, NULL, g->line, col);
        } else if (c == '\\' && i + 1 < g->len &&
                   strchr("\\*_#-@{}|", g->s[i + 1])) {
            put(b, g->s + i + 1, 1, 0, NULL, g->line, col);
            i += 2;
            col += 2;
            continue;
        } else if (c == '*' || c == '_') {
            int bit = c == '*' ? TS_BOLD : TS_ITALIC;
            if (!(b->style & bit)) {
                if (b->space && !block_empty(b))
                    put_raw(b, " ", 1, b->sp_value, b->sp_origin, b->sp_line,
                            b->sp_col);
                b->space = 0;
                if (bit == TS_BOLD) {
                    b->bold_line = g->line;
                    b->bold_col = col;
                } else {
                    b->ital_line = g->line;
                    b->ital_col = col;
                }
            }
            b->style ^= bit;
        } else if (c == '|' && b->open && has_cells(b->cur.kind)) {
            put_separator(b, g->line, col);
        } else {
            put(b, g->s + i, n, 0, NULL, g->line, col);
        }
        i += (size_t)n;
        col++;
    }
}

/* Writes an inserted value: plain text whatever it holds. A newline is a
 * paragraph break in a paragraph (or small print), a line break in a
 * letterhead or signature, and a space elsewhere (a table row included). */
static void put_value(Builder *b, const Seg *g, size_t from) {
    for (size_t i = from; i < g->len;) {
        char c = g->s[i];
        if (c == '\n') {
            TemplateBlockKind k = b->cur.kind;
            if (k == TB_PARAGRAPH || k == TB_SMALL) {
                if (!block_empty(b)) {
                    int line = b->cur.line;
                    close_block(b, 0);
                    b->open = 1;
                    b->cur.kind = k;
                    b->cur.level = 0;
                    b->cur.line = line;
                }
                b->space = 0;
            } else if (keeps_lines(k) && k != TB_TABLE) {
                put_break(b, g->line, g->col);
            } else {
                pend_space(b, 1, g->origin, g->line, g->col);
            }
            i++;
        } else if (is_space(c)) {
            pend_space(b, 1, g->origin, g->line, g->col);
            i++;
        } else {
            size_t j = i;
            while (j < g->len && !is_space(g->s[j])) j++;
            put(b, g->s + i, (int)(j - i), 1, g->origin, g->line, g->col);
            i = j;
        }
    }
}

/* True when every segment of the current line is blank. */
static int line_blank(const Builder *b) {
    for (int i = 0; i < b->nsegs; i++)
        for (size_t k = 0; k < b->segs[i].len; k++)
            if (!is_space(b->segs[i].s[k])) return 0;
    return 1;
}

/* Ends the current line: decides its block from the template's markers,
 * then writes its text. */
static void end_line(Builder *b) {
    if (line_blank(b)) {
        close_block(b, 1);
        b->nsegs = 0;
        return;
    }
    int si = 0;
    size_t off = 0;
    while (si < b->nsegs) {
        const Seg *g = &b->segs[si];
        while (off < g->len && is_space(g->s[off])) off++;
        if (off < g->len) break;
        si++;
        off = 0;
    }
    const Seg *g = &b->segs[si];
    int marker = -1; /* a TemplateBlockKind */
    int level = 0;   /* of a heading */
    size_t content = off;
    if (!g->is_value) {
        const char *p = g->s + off;
        size_t r = g->len - off;
        int col = g->col;
        for (size_t i = 0; i < off; i++)
            if (((unsigned char)g->s[i] & 0xC0) != 0x80) col++;
        size_t h = 0;
        while (h < r && h < 3 && p[h] == '#') h++;
        if (h && (r == h || p[h] == ' ' || p[h] == '\t')) {
            marker = TB_HEADING;
            level = (int)h;
            content = off + h;
        } else if (p[0] == '-' && r >= 2 && (p[1] == ' ' || p[1] == '\t')) {
            marker = TB_ITEM;
            content = off + 2;
        } else if (p[0] == '@' && r >= 2 && isalpha((unsigned char)p[1])) {
            size_t w = 1;
            while (w < r && is_name_char((unsigned char)p[w])) w++;
            char word[40];
            size_t wl = w - 1 < sizeof word - 1 ? w - 1 : sizeof word - 1;
            memcpy(word, p + 1, wl);
            word[wl] = 0;
            for (size_t d = 0; d < sizeof directives / sizeof *directives; d++)
                if (!strcmp(word, directives[d].word))
                    marker = (int)directives[d].kind;
            if (marker < 0) {
                Suggest sg;
                suggest_init(&sg, word);
                for (size_t d = 0; d < sizeof directives / sizeof *directives;
                     d++)
                    suggest_offer(&sg, directives[d].word);
                const char *s = suggest_result(&sg);
                if (!first_time_at(b, g->line, col))
                    b->ex->errors++;
                else if (s)
                    ex_error(b->ex, g->line, col, "unknown directive '@%s'; "
                             "did you mean '@%s'?", word, s);
                else
                    ex_error(b->ex, g->line, col, "unknown directive '@%s' "
                             "(directives are @letterhead, @logo, @date, "
                             "@signature, @insert, @table and @small; write "
                             "\\@ for an at sign)", word);
            } else {
                content = off + w;
            }
        }
    }
    if (marker >= 0) {
        open_block(b, (TemplateBlockKind)marker, g->line);
        b->cur.level = level;
    } else if (b->open && !one_line(b->cur.kind)) {
        if (keeps_lines(b->cur.kind))
            put_break(b, g->line, g->col);
        else
            pend_space(b, 0, NULL, g->line, g->col);
    } else {
        open_block(b, TB_PARAGRAPH, g->line);
    }
    for (int i = si; i < b->nsegs; i++) {
        size_t from = i == si ? content : 0;
        if (b->segs[i].is_value) put_value(b, &b->segs[i], from);
        else put_wording(b, &b->segs[i], from);
    }
    if (b->open && one_line(b->cur.kind)) close_block(b, 1);
    b->nsegs = 0;
}

static void add_seg(Builder *b, int value, const char *s, size_t len,
                    const void *origin, int line, int col) {
    xgrow(&b->segs, &b->segcap, b->nsegs + 1, sizeof *b->segs);
    b->segs[b->nsegs++] = (Seg){value, s, len, origin, line, col};
}

/* Takes template wording; a newline in it ends the line. */
static void emit_wording(Builder *b, const char *s, size_t len, int line,
                         int col) {
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\n') continue;
        if (i > start) add_seg(b, 0, s + start, i - start, NULL, line, col);
        end_line(b);
        line++;
        col = 1;
        start = i + 1;
    }
    if (start < len) add_seg(b, 0, s + start, len - start, NULL, line, col);
}

/* ---- Walking the tree with the data ----------------------------------- */

/* Offers every dotted path of the maps under v (prefixed) as a candidate
 * for "did you mean"; the paths are written in a (the candidates must live
 * until the suggestion is read). At most MAX_CANDIDATES are offered. */
enum { MAX_CANDIDATES = 2000 };
static void offer_paths(const TValue *v, const char *prefix, Suggest *sg,
                        Arena *a, int depth, int *offered) {
    if (!v || v->kind != TV_MAP || depth > 8) return;
    for (int i = 0; i < v->n && *offered < MAX_CANDIDATES; i++) {
        char *path = *prefix ? arena_printf(a, "%s.%s", prefix, v->keys[i])
                             : arena_strdup(a, v->keys[i]);
        suggest_offer(sg, path);
        ++*offered;
        offer_paths(v->items[i], path, sg, a, depth + 1, offered);
    }
}

/* Reports an unknown name once per node, with a suggestion. */
static void unknown_name(Expander *ex, const Node *n, const char *why) {
    if (ex->reported[n->id]) return;
    ex->reported[n->id] = 1;
    Arena paths = {0};
    Suggest sg;
    suggest_init(&sg, n->name);
    int offered = 0;
    if (!strncmp(n->name, "this.", 5)) {
        const TValue *item = ex->nloops ? ex->loops[ex->nloops - 1].item
                                        : NULL;
        offer_paths(item, "this", &sg, &paths, 0, &offered);
    } else {
        offer_paths(ex->root, "", &sg, &paths, 0, &offered);
    }
    const char *s = suggest_result(&sg);
    if (why)
        ex_error(ex, n->line, n->col, "'%s': %s", n->name, why);
    else if (s)
        ex_error(ex, n->line, n->col, "unknown name '%s'; did you mean '%s'?",
                 n->name, s);
    else
        ex_error(ex, n->line, n->col, "unknown name '%s' (docs/templates.md "
                 "lists the names a document provides)", n->name);
    arena_free(&paths);
}

/* Finds a name's value. Returns 1 when the data knows the name (*out may
 * then be NULL: known but absent, or not knowable while only checking),
 * 0 after reporting that it does not. */
static int lookup(Expander *ex, const Node *n, const TValue **out) {
    const char *name = n->name;
    *out = NULL;
    if (name[0] == '@') {
        if (!ex->nloops) return 1;
        struct Loop *l = &ex->loops[ex->nloops - 1];
        if (!l->item) return 1;
        *out = !strcmp(name, "@first") ? &l->first
             : !strcmp(name, "@last") ? &l->last : &l->number;
        return 1;
    }
    const TValue *cur = ex->root;
    const char *p = name;
    if (!strcmp(name, "this") || !strncmp(name, "this.", 5)) {
        cur = ex->nloops ? ex->loops[ex->nloops - 1].item : NULL;
        if (!cur) return 1;
        if (!name[4]) {
            *out = cur;
            return 1;
        }
        p = name + 5;
    }
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (!cur) return 1; /* below an absent value: nothing to check */
        if (cur->kind != TV_MAP) {
            char why[320];
            snprintf(why, sizeof why, "'%.*s' is %s and has no fields",
                     (int)(p - name - 1), name,
                     cur->kind == TV_TEXT ? "text" : cur->kind == TV_LIST
                     ? "a list" : "yes/no");
            unknown_name(ex, n, why);
            return 0;
        }
        int i = map_find(cur, p, len);
        if (i < 0) {
            unknown_name(ex, n, NULL);
            return 0;
        }
        cur = cur->items[i];
        if (!dot) break;
        p = dot + 1;
    }
    *out = cur;
    return 1;
}

/* The truth of a value in {{#if}}: absent, no, empty or blank text and
 * empty lists are false. */
static int truthy(const TValue *v) {
    if (!v) return 0;
    switch (v->kind) {
    case TV_BOOL: return v->yes;
    case TV_LIST: return v->n > 0;
    case TV_MAP: return 1;
    case TV_TEXT:
        for (const char *s = v->text; *s; s++)
            if (!is_space(*s)) return 1;
        return 0;
    }
    return 0;
}

/* Reports a problem with a name once per node. */
static void node_error(Expander *ex, const Node *n, const char *fmt,
                       const char *arg) {
    if (ex->reported[n->id]) return;
    ex->reported[n->id] = 1;
    ex_error(ex, n->line, n->col, fmt, arg, arg);
}

static void walk(Expander *ex, const Node *n, int emit);

/* Walks an {{#each}}: the body once per item when emitting, once with no
 * item (names checked only) otherwise. */
static void walk_each(Expander *ex, const Node *n, int emit) {
    const TValue *v;
    int known = lookup(ex, n, &v);
    int count = 0;
    if (known && v && v->kind != TV_LIST) {
        node_error(ex, n, "'%s' is not a list; {{#each}} needs a list", n->name);
        known = 0;
    }
    if (known && v) count = v->n;
    struct Loop *l = &ex->loops[ex->nloops++];
    memset(l, 0, sizeof *l);
    l->count = count;
    l->first.kind = l->last.kind = TV_BOOL;
    l->number.kind = TV_TEXT;
    l->number.text = l->numbuf;
    if (emit && count > 0) {
        for (int i = 0; i < count && !ex->stopped; i++) {
            l->item = v->items[i];
            l->index = i;
            l->first.yes = i == 0;
            l->last.yes = i == count - 1;
            snprintf(l->numbuf, sizeof l->numbuf, "%d", i + 1);
            l->number.origin = NULL;
            if (l->item) walk(ex, n->body, 1);
        }
    } else {
        l->item = NULL;
        walk(ex, n->body, 0);
    }
    ex->nloops--;
    walk(ex, n->alt, emit && count == 0);
}

/* Walks a list of nodes; emit says whether this branch is taken. */
static void walk(Expander *ex, const Node *n, int emit) {
    for (; n && !ex->stopped; n = n->next) {
        if (++ex->steps > TEMPLATE_MAX_STEPS) {
            ex_error(ex, n->line, n->col, "expanding the template takes more "
                     "than %ld steps (a loop inside loops?)",
                     TEMPLATE_MAX_STEPS);
            ex->stopped = 1;
            return;
        }
        const TValue *v;
        switch (n->kind) {
        case N_TEXT:
            if (emit) emit_wording(&ex->b, n->text, n->len, n->line, n->col);
            break;
        case N_VAR:
            if (!lookup(ex, n, &v) || !emit) break;
            if (!v)
                node_error(ex, n, "'%s' has no value in this document; print "
                           "it inside {{#if %s}}", n->name);
            else if (v->kind == TV_TEXT)
                add_seg(&ex->b, 1, v->text, strlen(v->text), v->origin,
                        n->line, n->col);
            else
                node_error(ex, n, v->kind == TV_LIST ? "'%s' is a list; print"
                           " its items with {{#each %s}}" : v->kind == TV_BOOL
                           ? "'%s' is a yes/no value; test it with {{#if %s}}"
                           : "'%s' is a group of fields; print one of them, "
                           "like {{%s.name}}", n->name);
            break;
        case N_IF:
        case N_UNLESS: {
            int known = lookup(ex, n, &v);
            int yes = known && truthy(v);
            if (n->kind == N_UNLESS) yes = !yes;
            walk(ex, n->body, emit && known && yes);
            walk(ex, n->alt, emit && known && !yes);
            break;
        }
        case N_EACH:
            walk_each(ex, n, emit);
            break;
        }
    }
}

TemplateDoc *template_expand(const Template *t, const TValue *data,
                             TemplateDiagFn on_diag, void *user) {
    Expander *ex = xcalloc(1, sizeof *ex);
    ex->t = t;
    ex->root = data;
    ex->fn = on_diag;
    ex->user = user;
    ex->reported = xcalloc((size_t)t->nnodes + 1, 1);
    TemplateDoc *doc = xcalloc(1, sizeof *doc);
    doc->file = arena_strdup(&doc->arena, t->path);
    ex->b.ex = ex;
    ex->b.arena = &doc->arena;
    if (!data || data->kind != TV_MAP) {
        ex_error(ex, 0, 0, "the data for a template must be a map of names");
    } else {
        walk(ex, t->root, 1);
        if (!ex->stopped) {
            if (ex->b.nsegs) end_line(&ex->b);
            close_block(&ex->b, 1);
        }
    }
    Builder *b = &ex->b;
    doc->nblocks = b->nblocks;
    doc->blocks = arena_alloc(&doc->arena, sizeof *doc->blocks *
                                          (size_t)(b->nblocks + 1));
    if (b->nblocks)
        memcpy(doc->blocks, b->blocks, sizeof *doc->blocks * (size_t)b->nblocks);
    int errors = ex->errors;
    free(b->segs);
    free(b->blocks);
    free(b->cur.runs);
    free(b->buf);
    free(ex->reported);
    free(ex);
    if (errors) {
        template_doc_free(doc);
        return NULL;
    }
    return doc;
}

void template_doc_free(TemplateDoc *doc) {
    if (!doc) return;
    arena_free(&doc->arena);
    free(doc);
}

int template_row(const TemplateBlock *b, int *pos, TemplateCell *cells,
                 int max) {
    int i = *pos;
    if (i >= b->nruns) return 0;
    int n = 0, first = i;
    for (;; i++) {
        int end = i >= b->nruns || !strcmp(b->runs[i].text, "\n");
        if (end || (b->runs[i].style & TS_SEP)) {
            if (n < max) cells[n] = (TemplateCell){first, i - first};
            n++;
            first = i + 1;
        }
        if (end) break;
    }
    *pos = i < b->nruns ? i + 1 : i;
    return n;
}

char *template_cell_text(const TemplateBlock *b, TemplateCell c) {
    size_t len = 0;
    for (int i = c.first; i < c.first + c.n; i++) len += strlen(b->runs[i].text);
    char *s = xmalloc(len + 1), *p = s;
    for (int i = c.first; i < c.first + c.n; i++) {
        size_t k = strlen(b->runs[i].text);
        memcpy(p, b->runs[i].text, k);
        p += k;
    }
    *p = 0;
    return s;
}

const char *template_block_kind_name(TemplateBlockKind k) {
    static const char *const names[] = {"paragraph", "heading", "item",
                                        "letterhead", "logo", "date",
                                        "signature", "insert", "table",
                                        "small"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

/* ---- Dates ------------------------------------------------------------ */

static int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

int template_weekday(int y, int m, int d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return -1;
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3) y--;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static const char *const en_days[] = {"Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const en_months[] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December"};
static const char *const fr_days[] = {"dimanche", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi"};
static const char *const fr_months[] = {"janvier", "février",
    "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre"};

/* template_format_date and template_format_day: the weekday is written
 * when weekday is true. */
static int format_date(int y, int m, int d, const char *lang, bool weekday,
                       char *buf, size_t n) {
    int wd = template_weekday(y, m, d);
    if (wd < 0 || !lang || !buf) return -1;
    int len;
    if (!strcmp(lang, "en") && weekday)
        len = snprintf(buf, n, "%s, %s %d, %d", en_days[wd], en_months[m - 1],
                       d, y);
    else if (!strcmp(lang, "en"))
        len = snprintf(buf, n, "%d %s %d", d, en_months[m - 1], y);
    else if (!strcmp(lang, "fr"))
        len = snprintf(buf, n, "%s%s%d%s %s %d", weekday ? fr_days[wd] : "",
                       weekday ? " " : "", d, d == 1 ? "er" : "",
                       fr_months[m - 1], y);
    else
        return -1;
    if (len < 0 || (size_t)len >= n) {
        if (n) buf[0] = 0;
        return -1;
    }
    return len;
}

int template_format_date(int y, int m, int d, const char *lang, char *buf,
                         size_t n) {
    return format_date(y, m, d, lang, true, buf, n);
}

int template_format_day(int y, int m, int d, const char *lang, char *buf,
                        size_t n) {
    return format_date(y, m, d, lang, false, buf, n);
}
