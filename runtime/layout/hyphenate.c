/* hyphenate: libhyphen soft-hyphen insertion; see hyphenate.h. */
#include "layout/hyphenate.h"
#include "base/messages.h"
#include "layout/hyphcache.h"
#include "layout/hyphdict.h"
#include "base/arena.h"
#include "base/cachefile.h"
#include "base/utf8.h"

#include <glib.h>
#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *lang;
    const char *path;
    HyphenDict *dict;
    Arena memory;            /* the dictionary's, unless libhyphen read it */
} DictSlot;

static DictSlot slots[] = {
    { "en", "/usr/share/hyphen/hyph_en_US.dic", NULL, { 0 } },
    { "fr", "/usr/share/hyphen/hyph_fr.dic", NULL, { 0 } },
};
#define NSLOTS (sizeof slots / sizeof slots[0])

void hyphenate_identity(FILE *out) {
    for (size_t i = 0; i < NSLOTS; i++) {
        char id[160];
        if (cachefile_identity(slots[i].path, id, sizeof id) == 0)
            fprintf(out, "%s %s\n", slots[i].path, id);
        else
            fprintf(out, "%s missing\n", slots[i].path);
    }
}

void hyphenate_each_file(void (*fn)(void *user, const char *path), void *user) {
    for (size_t i = 0; i < NSLOTS; i++)
        if (access(slots[i].path, F_OK) == 0) fn(user, slots[i].path);
}

/* The slot for a language tag such as "en", "en-GB" or "fr_CA", or NULL. */
static DictSlot *slot_for(const char *lang) {
    if (!lang) return NULL;
    for (size_t i = 0; i < NSLOTS; i++) {
        size_t n = strlen(slots[i].lang);
        if (!strncmp(lang, slots[i].lang, n) &&
            (lang[n] == 0 || lang[n] == '-' || lang[n] == '_'))
            return &slots[i];
    }
    return NULL;
}

int hyphenate_prepare(const char *lang, char *err, size_t errlen) {
    DictSlot *s = slot_for(lang);
    if (!s) {
        snprintf(err, errlen, diag_tr("no hyphenation dictionary for language '%s' "
                 "(supported: en, fr)"), lang ? lang : "(none)");
        return -1;
    }
    if (s->dict) return 0;
    /* from the cache, else built (and cached) when hyphdict built it */
    s->dict = hyphcache_read(s->path, &s->memory);
    if (!s->dict && (s->dict = hyphdict_load(s->path, &s->memory)) && s->memory.head)
        hyphcache_write(s->path, s->dict);
    if (!s->dict) {
        snprintf(err, errlen, diag_tr("cannot load hyphenation dictionary '%s' "
                 "(Debian packages hyphen-en-us, hyphen-fr)"), s->path);
        return -1;
    }
    return 0;
}

void hyphenate_shutdown(void) {
    for (size_t i = 0; i < NSLOTS; i++) {
        if (slots[i].memory.head) arena_free(&slots[i].memory);
        else if (slots[i].dict) hnj_hyphen_free(slots[i].dict);
        slots[i].memory = (Arena){ 0 };
        slots[i].dict = NULL;
    }
}

/* Growable byte buffer and offset list. */
typedef struct { char *p; size_t n, cap; } Buf;
typedef struct { size_t *p; size_t n, cap; } Offs;

static void buf_add(Buf *b, const char *s, size_t n) { xappend(&b->p, &b->n, &b->cap, s, n); }

static void offs_add(Offs *o, size_t v) {
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        o->p = xrealloc(o->p, o->cap * sizeof *o->p);
    }
    o->p[o->n++] = v;
}

/* True when the whitespace-delimited token [s, e) must not be hyphenated:
 * it contains a digit, or looks like a URL, a path or an e-mail address. */
static int token_is_protected(const char *s, const char *e) {
    for (const char *p = s; p < e; p++) {
        if (*p >= '0' && *p <= '9') return 1;
        if (*p == '@' || *p == '/' || *p == '\\' || *p == '_') return 1;
        if (p + 3 <= e && !strncmp(p, "://", 3)) return 1;
        if (p + 4 <= e && !g_ascii_strncasecmp(p, "www.", 4)) return 1;
    }
    return 0;
}

/* True when a break before at would fall inside an f-ligature (ff, fi,
 * fl): the font draws the pair as one glyph, so a soft hyphen there would
 * be copied into the PDF's text ("ef\u00adfort") and not be a break. */
static int splits_ligature(const char *at) {
    return at[-1] == 'f' && (at[0] == 'f' || at[0] == 'i' || at[0] == 'l');
}

/* Appends word [w, w+n) to out, with soft hyphens where the dictionary
 * allows; records the original offsets (base + i) of insertions. */
static void hyphenate_word(HyphenDict *dict, const char *w, size_t n,
                           int min_letters, size_t base, Buf *out, Offs *ins) {
    size_t letters = utf8_count(w, n);
    /* a word that starts with a capital (a name, a place, an acronym) is
     * kept whole */
    uint32_t first = 0;
    utf8_decode(w, n, &first);
    int capital = g_unichar_isupper(first);
    char *lower = NULL;
    if (letters >= (size_t)min_letters && !capital)
        lower = g_utf8_strdown(w, (gssize)n);
    if (!lower || strlen(lower) != n) {   /* case mapping changed length */
        g_free(lower);
        buf_add(out, w, n);
        return;
    }
    char *hyph = xcalloc(n + 5, 1);
    char **rep = NULL; int *pos = NULL, *cut = NULL;
    int rc = hnj_hyphen_hyphenate3(dict, lower, (int)n, hyph, NULL,
                                   &rep, &pos, &cut, 2, 3, 2, 3);
    size_t start = 0;
    if (rc == 0) {
        /* for UTF-8 dictionaries the vector is indexed by character */
        size_t ci = 0;
        for (const char *c = w; c < w + n; ci++) {
            const char *next = c + utf8_step(c, 0, (size_t)(w + n - c));
            size_t i = (size_t)(next - w);       /* byte offset after char */
            if ((hyph[ci] & 1) && i < n && !(rep && rep[ci]) &&
                !splits_ligature(w + i)) {
                buf_add(out, w + start, i - start);
                buf_add(out, "\xC2\xAD", 2);
                if (ins) offs_add(ins, base + i);
                start = i;
            }
            c = next;
        }
    }
    buf_add(out, w + start, n - start);
    if (rep) {
        for (size_t i = 0; i < n; i++) free(rep[i]);  /* n >= chars */
        free(rep);
    }
    free(pos);
    free(cut);
    free(hyph);
    g_free(lower);
}

char *hyphenate_text(const char *lang, const char *text, int min_letters,
                     size_t **inserted, size_t *ninserted) {
    if (min_letters < HYPH_MIN_WORD) min_letters = HYPH_MIN_WORD;
    DictSlot *s = slot_for(lang);
    HyphenDict *dict = s ? s->dict : NULL;
    Buf out = { 0 };
    Offs ins = { 0 };
    size_t len = strlen(text);
    buf_add(&out, "", 0);
    const char *p = text, *end = text + len;
    while (p < end) {
        /* one whitespace-delimited token at a time */
        const char *ts = p;
        while (ts < end && g_ascii_isspace(*ts)) ts++;
        const char *te = ts;
        while (te < end && !g_ascii_isspace(*te)) te++;
        buf_add(&out, p, (size_t)(ts - p));
        if (ts == te) break;
        if (!dict || utf8_invalid(ts, (size_t)(te - ts)) < (size_t)(te - ts) ||
            token_is_protected(ts, te)) {
            buf_add(&out, ts, (size_t)(te - ts));
            p = te;
            continue;
        }
        /* words are maximal runs of letters (and combining marks) */
        const char *q = ts;
        while (q < te) {
            const char *ws = q;
            while (q < te) {
                uint32_t c;
                int k = utf8_decode(q, (size_t)(te - q), &c);
                if (!g_unichar_isalpha(c) && !g_unichar_ismark(c)) break;
                q += k;
            }
            if (q > ws) {
                hyphenate_word(dict, ws, (size_t)(q - ws), min_letters,
                               (size_t)(ws - text), &out,
                               inserted ? &ins : NULL);
            } else {
                q += utf8_step(q, 0, (size_t)(te - q));
                buf_add(&out, ws, (size_t)(q - ws));
            }
        }
        p = te;
    }
    if (inserted) { *inserted = ins.p; *ninserted = ins.n; }
    else free(ins.p);
    return out.p;
}
