/* hyphdict: a hyphenation dictionary read into libhyphen's automaton; see
 * hyphdict.h. */
#include "layout/hyphdict.h"

#include "base/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DICT_BYTES (16u << 20)

/* A level being built: its transitions also in a hash table by (state,
 * byte), so that finding one takes no walk through a state's list. */
typedef struct {
    Arena *a;
    HyphenDict *d;
    int cap_states;
    uint64_t *keys;          /* (state << 8 | byte) + 1; 0: an empty slot */
    int *to;
    size_t cap, n;
} Builder;

static size_t slot_of(const Builder *b, uint64_t key) {
    uint64_t h = key * 0x9E3779B97F4A7C15u;
    size_t i = (size_t)(h >> 20) & (b->cap - 1);
    while (b->keys[i] && b->keys[i] != key) i = (i + 1) & (b->cap - 1);
    return i;
}

static uint64_t trans_key(int s, char ch) {
    return ((uint64_t)(unsigned)s << 8 | (unsigned char)ch) + 1;
}

/* The state reached from s through ch, or -1. */
static int next_state(const Builder *b, int s, char ch) {
    if (!b->cap) return -1;
    size_t i = slot_of(b, trans_key(s, ch));
    return b->keys[i] ? b->to[i] : -1;
}

static void remember(Builder *b, int s, char ch, int t) {
    if (2 * (b->n + 1) > b->cap) {
        Builder old = *b;
        b->cap = old.cap ? old.cap * 2 : 1 << 12;
        b->keys = xcalloc(b->cap, sizeof *b->keys);
        b->to = xmalloc(b->cap * sizeof *b->to);
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i]) {
                size_t j = slot_of(b, old.keys[i]);
                b->keys[j] = old.keys[i];
                b->to[j] = old.to[i];
            }
        free(old.keys);
        free(old.to);
    }
    size_t i = slot_of(b, trans_key(s, ch));
    b->keys[i] = trans_key(s, ch);
    b->to[i] = t;
    b->n++;
}

/* A new state, with no fallback yet. */
static int new_state(Builder *b) {
    HyphenState *st = arena_push(b->a, &b->d->states, &b->d->num_states, &b->cap_states,
                                 sizeof *st);
    st->fallback_state = -1;
    return b->d->num_states - 1;
}

/* Starts a level (its empty state 0) in b. */
static HyphenDict *new_level(Builder *b, const char *cset, int utf8) {
    HyphenDict *d = b->d = arena_alloc(b->a, sizeof *d);
    b->cap_states = 0;
    new_state(b);
    snprintf(d->cset, sizeof d->cset, "%s", cset);
    d->utf8 = utf8;
    b->n = 0;
    if (b->keys) memset(b->keys, 0, b->cap * sizeof *b->keys);
    return d;
}

/* A new state reached from s through ch. */
static int add_state(Builder *b, int s, char ch) {
    int n = new_state(b);
    HyphenState *st = &b->d->states[s];
    int t = st->num_trans;
    if (!(t & (t - 1))) {            /* 0 or a power of two: grow */
        HyphenTrans *grown = arena_alloc(b->a, (size_t)(t ? 2 * t : 1) * sizeof *grown);
        if (t) memcpy(grown, st->trans, (size_t)t * sizeof *grown);
        st->trans = grown;
    }
    st->trans[t].ch = ch;
    st->trans[t].new_state = n;
    st->num_trans++;
    remember(b, s, ch, n);
    return n;
}

/* Adds the pattern that begins line (its letters and digits up to the
 * first space or control character), as libhyphen's load_line does: the
 * digits without their leading zeros are the match of the state of the
 * letters. */
static void add_pattern(Builder *b, const char *line) {
    HyphenDict *d = b->d;
    char word[MAX_CHARS], pattern[MAX_CHARS];
    int i, j = 0;
    pattern[0] = '0';
    for (i = 0; line[i] > ' ' || line[i] < 0; i++) {
        if (line[i] >= '0' && line[i] <= '9') pattern[j] = line[i];
        else {
            word[j] = line[i];
            pattern[++j] = '0';
        }
    }
    word[j] = '\0';
    pattern[j + 1] = '\0';
    for (i = 0; pattern[i] == '0'; i++) {}
    int s = 0;
    for (int k = 0; k < j; k++) {
        int t = next_state(b, s, word[k]);
        s = t >= 0 ? t : add_state(b, s, word[k]);
    }
    HyphenState *st = &d->states[s];
    st->match = arena_strdup(b->a, pattern + i);
    st->replindex = 0;
    st->replcut = (signed char)strlen(word);
}

/* Each state's fallback: the state of its longest proper suffix, found
 * breadth first (the empty state has none). */
static void add_fallbacks(Builder *b) {
    HyphenDict *d = b->d;
    int *queue = xmalloc((size_t)d->num_states * sizeof *queue), head = 0, tail = 0;
    queue[tail++] = 0;
    while (head < tail) {
        int u = queue[head++];
        HyphenState *st = &d->states[u];
        for (int k = 0; k < st->num_trans; k++) {
            int v = st->trans[k].new_state, f = st->fallback_state, t = -1;
            while (f >= 0 && (t = next_state(b, f, st->trans[k].ch)) < 0)
                f = d->states[f].fallback_state;
            d->states[v].fallback_state = f >= 0 ? t : 0;
            queue[tail++] = v;
        }
    }
    free(queue);
}

/* The default first level libhyphen gives a dictionary without NEXTLEVEL:
 * no break at a hyphen, an apostrophe or an en dash. */
static void default_level(Builder *b) {
    HyphenDict *d = b->d;
    const char *no = d->utf8 ? "',\xe2\x80\x93,\xe2\x80\x99,-" : "',-";
    d->nohyphen = arena_strdup(b->a, no);
    for (char *p = d->nohyphen + strlen(d->nohyphen) - 1; p > d->nohyphen; p--)
        if (*p == ',') {
            d->nohyphenl++;
            *p = '\0';
        }
    add_pattern(b, "1-1");
    add_pattern(b, "1'1");
    if (d->utf8) {
        add_pattern(b, "1\xe2\x80\x93" "1");
        add_pattern(b, "1\xe2\x80\x99" "1");
    }
}

/* The file's bytes, NUL-terminated, or NULL. */
static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 1 << 17;
            if (cap > MAX_DICT_BYTES) break;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(f) || !feof(f);
    fclose(f);
    if (bad || !buf) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* The next line of [*p, end) as fgets reads it into libhyphen's buffers
 * (through its newline); its length in *n. */
static char *next_line(char **p, char *end, size_t *n) {
    char *line = *p, *nl = memchr(line, '\n', (size_t)(end - line));
    *n = (size_t)((nl ? nl + 1 : end) - line);
    *p += *n;
    return line;
}

/* Reads the two levels from text; sets *nextlevel when the file gives the
 * first itself. 0, or -1 for a file only libhyphen reads. */
static int read_levels(Arena *a, char *text, size_t len, HyphenDict *level[2],
                       int *nextlevel) {
    char *p = text, *end = text + len, *line;
    size_t n;
    char cset[MAX_NAME] = "";
    if (p < end) {
        line = next_line(&p, end, &n);
        if (n >= MAX_NAME - 1) return -1;
        memcpy(cset, line, n);
        cset[n] = '\0';
        cset[strcspn(cset, "\r\n")] = '\0';
    }
    int utf8 = !strcmp(cset, "UTF-8");
    *nextlevel = 0;
    Builder b = { .a = a };
    int rc = 0;
    for (int k = 0; k < 2 && rc == 0; k++) {
        HyphenDict *d = level[k] = new_level(&b, cset, utf8);
        if (k == 0 || *nextlevel) {
            while (p < end) {
                line = next_line(&p, end, &n);
                char buf[MAX_CHARS];
                if (n >= MAX_CHARS - 1 || memchr(line, '\0', n)) {
                    rc = -1;
                    break;
                }
                memcpy(buf, line, n);
                buf[n] = '\0';
                if (!strncmp(buf, "NEXTLEVEL", 9)) {
                    *nextlevel = 1;
                    break;
                }
                if (buf[0] == '%') continue;
                if (!strncmp(buf, "LEFTHYPHENMIN", 13)) d->lhmin = (char)atoi(buf + 13);
                else if (!strncmp(buf, "RIGHTHYPHENMIN", 14)) d->rhmin = (char)atoi(buf + 14);
                else if (!strncmp(buf, "COMPOUNDLEFTHYPHENMIN", 21)) d->clhmin = (char)atoi(buf + 21);
                else if (!strncmp(buf, "COMPOUNDRIGHTHYPHENMIN", 22)) d->crhmin = (char)atoi(buf + 22);
                else if (!strncmp(buf, "NOHYPHEN", 8) || strchr(buf, '/')) {
                    rc = -1;
                    break;
                } else add_pattern(&b, buf);
            }
        } else {
            default_level(&b);
        }
        if (rc == 0) add_fallbacks(&b);
    }
    free(b.keys);
    free(b.to);
    return rc;
}

HyphenDict *hyphdict_load(const char *path, Arena *a) {
    size_t len;
    char *text = read_all(path, &len);
    if (!text) return hnj_hyphen_load(path);
    HyphenDict *level[2] = { NULL, NULL };
    int nextlevel;
    int rc = read_levels(a, text, len, level, &nextlevel);
    free(text);
    if (rc != 0) {
        arena_free(a);
        *a = (Arena){ 0 };
        return hnj_hyphen_load(path);
    }
    /* with NEXTLEVEL the file's first part is the first level; without it
     * the default level comes first, the file's patterns next */
    if (nextlevel) {
        level[0]->nextlevel = level[1];
        return level[0];
    }
    HyphenDict *first = level[1], *patterns = level[0];
    first->nextlevel = patterns;
    first->lhmin = patterns->lhmin;
    first->rhmin = patterns->rhmin;
    first->clhmin = patterns->clhmin ? patterns->clhmin : patterns->lhmin ? patterns->lhmin : 3;
    first->crhmin = patterns->crhmin ? patterns->crhmin : patterns->rhmin ? patterns->rhmin : 3;
    return first;
}
