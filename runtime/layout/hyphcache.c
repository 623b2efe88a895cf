/* hyphcache: a hyphenation automaton kept between runs; see hyphcache.h.
 *
 * The file:
 *
 *   formc hyphenation cache 1\n
 *   file DEV INO SIZE MTIME_S MTIME_NS CTIME_S CTIME_NS PATH\n
 *   BODY
 *   CHECKSUM                   (8 bytes, little-endian: checksum_of
 *                               of every byte before)
 *
 * BODY, numbers little-endian (u8, u16, u32; i8, i32 signed):
 *
 *   u8 NLEVELS                 (1 or 2: the first, then its nextlevel)
 *   each level:
 *     u8 lhmin rhmin clhmin crhmin, u32 utf8, 20 bytes cset (NUL in them)
 *     u32 nohyphenl, u32 NHBYTES, NHBYTES bytes: nohyphenl + 1 strings,
 *       each not empty and NUL-terminated (NHBYTES 0: no nohyphen)
 *     u32 NSTATES, u32 POOLBYTES
 *     NSTATES x { i32 fallback, u16 transitions, u8 match (0: none, else
 *       its length + 1), i8 replcut }
 *     NSTATES - 1 transitions' bytes (u8), then their states (u32), in the
 *       order of the states they leave
 *     POOLBYTES: the matches, in the order of their states, each
 *       NUL-terminated */
#include "layout/hyphcache.h"
#include "base/arena.h"
#include "base/cachefile.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER "formc hyphenation cache 1\n"
/* A cache larger than this is not read (English's automaton takes some
 * 700 KB; the largest dictionary hyphdict reads, 16 MB of patterns). */
#define HYPHCACHE_MAX_BYTES (256u << 20)
/* An automaton has at most this many states. */
#define HYPHCACHE_MAX_STATES (1 << 24)
#define STATE_BYTES 8

/* ---- decoding: every length and index checked -------------------------- */

typedef struct {
    const unsigned char *p, *end;
    int bad;
} Cursor;

/* The next n bytes, or NULL (and the cursor bad) when fewer are left. */
static const unsigned char *take(Cursor *c, size_t n) {
    if (c->bad || n > (size_t)(c->end - c->p)) {
        c->bad = 1;
        return NULL;
    }
    const unsigned char *at = c->p;
    c->p += n;
    return at;
}

static uint32_t u32_at(const unsigned char *b) {
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint32_t take_u32(Cursor *c) {
    const unsigned char *b = take(c, 4);
    return b ? u32_at(b) : 0;
}

/* Whether bytes [s, s + n) are count strings, each not empty (libhyphen
 * writes before where it finds one) and NUL-terminated, and nothing
 * else. */
static int strings_ok(const unsigned char *s, size_t n, uint32_t count) {
    size_t at = 0;
    for (uint32_t k = 0; k < count; k++) {
        const unsigned char *nul = at < n ? memchr(s + at, 0, n - at) : NULL;
        if (!nul || nul == s + at) return 0;
        at = (size_t)(nul - s) + 1;
    }
    return at == n;
}

/* Whether the states' graph is a tree rooted at state 0 whose every
 * fallback leads nearer the root and whose every match fits the letters
 * before it: what libhyphen's matching needs to stay in bounds (a match
 * ends at the letter read and starts no earlier than the word's leading
 * '.') and to end (each fallback shortens the letters matched). */
static int automaton_ok(const HyphenState *st, int n) {
    int *depth = xmalloc((size_t)n * sizeof *depth), *queue = xmalloc((size_t)n * sizeof *queue);
    unsigned char *first = xcalloc((size_t)n, 1), *reached = xcalloc((size_t)n, 1);
    int head = 0, tail = 0, ok = 1;
    depth[0] = 0;
    reached[0] = 1;
    queue[tail++] = 0;
    while (head < tail && ok) {
        int u = queue[head++];
        for (int k = 0; k < st[u].num_trans && ok; k++) {
            int v = st[u].trans[k].new_state;
            if (reached[v]) {       /* a second way to a state: not a tree */
                ok = 0;
                break;
            }
            reached[v] = 1;
            depth[v] = depth[u] + 1;
            first[v] = u == 0 ? (unsigned char)st[u].trans[k].ch : first[u];
            queue[tail++] = v;
        }
    }
    ok = ok && tail == n;
    for (int s = 0; s < n && ok; s++) {
        int f = st[s].fallback_state;
        if (f != -1 && (f < 0 || f >= n || depth[f] >= depth[s])) ok = 0;
        if (st[s].match && strlen(st[s].match) > (size_t)depth[s] + (first[s] != '.')) ok = 0;
    }
    free(depth);
    free(queue);
    free(first);
    free(reached);
    return ok;
}

/* One level at the cursor, or NULL. */
static HyphenDict *decode_level(Cursor *c, Arena *a) {
    const unsigned char *mins = take(c, 4);
    uint32_t utf8 = take_u32(c);
    const unsigned char *cset = take(c, MAX_NAME);
    uint32_t nohyphenl = take_u32(c), nhbytes = take_u32(c);
    const unsigned char *nh = take(c, nhbytes);
    uint32_t n = take_u32(c), pool_bytes = take_u32(c);
    if (c->bad || !memchr(cset, 0, MAX_NAME) || utf8 > 1 || n < 1 || n > HYPHCACHE_MAX_STATES ||
        nohyphenl > INT32_MAX - 1 || (nhbytes && !strings_ok(nh, nhbytes, nohyphenl + 1)))
        return NULL;
    const unsigned char *sts = take(c, (size_t)n * STATE_BYTES), *chs = take(c, n - 1),
                        *tos = take(c, (size_t)(n - 1) * 4), *pool = take(c, pool_bytes);
    if (c->bad) return NULL;

    HyphenDict *d = arena_alloc(a, sizeof *d);
    d->lhmin = (char)mins[0], d->rhmin = (char)mins[1];
    d->clhmin = (char)mins[2], d->crhmin = (char)mins[3];
    d->utf8 = (int)utf8;
    memcpy(d->cset, cset, MAX_NAME);
    if (nhbytes) {
        d->nohyphen = arena_alloc(a, nhbytes);
        memcpy(d->nohyphen, nh, nhbytes);
        d->nohyphenl = (int)nohyphenl;
    }
    d->num_states = (int)n;
    d->states = arena_alloc(a, (size_t)n * sizeof *d->states);
    HyphenTrans *trans = arena_alloc(a, (size_t)(n - 1) * sizeof *trans + 1);
    char *strings = arena_alloc(a, (size_t)pool_bytes + 1);
    memcpy(strings, pool, pool_bytes);
    size_t t = 0, at = 0;
    for (uint32_t s = 0; s < n; s++) {
        const unsigned char *b = sts + (size_t)s * STATE_BYTES;
        HyphenState *st = &d->states[s];
        st->fallback_state = (int32_t)u32_at(b);
        st->num_trans = b[4] | b[5] << 8;
        st->replcut = (signed char)b[7];
        st->trans = trans + t;
        if (st->num_trans > (int)(n - 1 - t)) return NULL;
        for (int k = 0; k < st->num_trans; k++, t++) {
            uint32_t to = u32_at(tos + t * 4);
            if (to < 1 || to >= n) return NULL;
            trans[t].ch = (char)chs[t];
            trans[t].new_state = (int)to;
        }
        if (b[6]) {
            size_t len = (size_t)b[6] - 1;
            if (len >= pool_bytes - at || pool[at + len] != 0 || memchr(pool + at, 0, len))
                return NULL;
            st->match = strings + at;
            at += len + 1;
        }
    }
    if (t != n - 1 || at != pool_bytes || !automaton_ok(d->states, (int)n)) return NULL;
    return d;
}

HyphenDict *hyphcache_decode(const unsigned char *body, size_t n, Arena *a) {
    Cursor c = { body, body + n, 0 };
    const unsigned char *levels = take(&c, 1);
    if (!levels || levels[0] < 1 || levels[0] > 2) return NULL;
    HyphenDict *first = NULL, **link = &first;
    for (int k = 0; k < levels[0]; k++) {
        HyphenDict *d = decode_level(&c, a);
        if (!d) return NULL;
        *link = d;
        link = &d->nextlevel;
    }
    return c.p == c.end ? first : NULL;
}

/* ---- encoding ----------------------------------------------------------- */

typedef struct {
    char *p;
    size_t n, cap;
} Out;

static void put(Out *o, const void *b, size_t n) { xappend(&o->p, &o->n, &o->cap, b, n); }

static void put_u32(Out *o, uint32_t v) {
    unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 24) };
    put(o, b, 4);
}

/* Appends level d; -1 when it holds what the format cannot (libhyphen's
 * replacements, a state of more than 65535 transitions, a long match). */
static int encode_level(Out *o, const HyphenDict *d) {
    unsigned char mins[4] = { (unsigned char)d->lhmin, (unsigned char)d->rhmin,
                              (unsigned char)d->clhmin, (unsigned char)d->crhmin };
    put(o, mins, 4);
    put_u32(o, (uint32_t)d->utf8);
    put(o, d->cset, MAX_NAME);
    size_t nhbytes = 0;
    if (d->nohyphen)
        for (int k = 0; k <= d->nohyphenl; k++) nhbytes += strlen(d->nohyphen + nhbytes) + 1;
    put_u32(o, d->nohyphen ? (uint32_t)d->nohyphenl : 0);
    put_u32(o, (uint32_t)nhbytes);
    if (nhbytes) put(o, d->nohyphen, nhbytes);
    size_t pool = 0, ntrans = 0;
    for (int s = 0; s < d->num_states; s++) {
        const HyphenState *st = &d->states[s];
        if (st->repl || st->num_trans < 0 || st->num_trans > 0xffff ||
            (st->match && strlen(st->match) > 250))
            return -1;
        pool += st->match ? strlen(st->match) + 1 : 0;
        ntrans += (size_t)st->num_trans;
    }
    if (d->num_states < 1 || ntrans != (size_t)d->num_states - 1) return -1;
    put_u32(o, (uint32_t)d->num_states);
    put_u32(o, (uint32_t)pool);
    for (int s = 0; s < d->num_states; s++) {
        const HyphenState *st = &d->states[s];
        put_u32(o, (uint32_t)st->fallback_state);
        unsigned char b[4] = { (unsigned char)st->num_trans, (unsigned char)(st->num_trans >> 8),
                               (unsigned char)(st->match ? strlen(st->match) + 1 : 0),
                               (unsigned char)st->replcut };
        put(o, b, 4);
    }
    for (int s = 0; s < d->num_states; s++)
        for (int k = 0; k < d->states[s].num_trans; k++) put(o, &d->states[s].trans[k].ch, 1);
    for (int s = 0; s < d->num_states; s++)
        for (int k = 0; k < d->states[s].num_trans; k++)
            put_u32(o, (uint32_t)d->states[s].trans[k].new_state);
    for (int s = 0; s < d->num_states; s++)
        if (d->states[s].match) put(o, d->states[s].match, strlen(d->states[s].match) + 1);
    return 0;
}

unsigned char *hyphcache_encode(const HyphenDict *d, size_t *n) {
    Out o = { 0 };
    unsigned char levels = d && d->nextlevel ? 2 : 1;
    if (!d || (d->nextlevel && d->nextlevel->nextlevel)) return NULL;
    put(&o, &levels, 1);
    for (const HyphenDict *l = d; l; l = l->nextlevel)
        if (encode_level(&o, l) != 0) {
            free(o.p);
            return NULL;
        }
    *n = o.n;
    return (unsigned char *)o.p;
}

/* ---- the cache file ----------------------------------------------------- */

/* The cache file's name for the dictionary at path, and its first two
 * lines for that file as it is now; -1 when they cannot be made. */
static int names_of(const char *path, char *name, size_t namelen, char *head, size_t headlen) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char id[200];
    if (!*base || strchr(path, '\n') || cachefile_identity(path, id, sizeof id) != 0) return -1;
    int n = snprintf(name, namelen, "hyphenation/%s", base);
    int m = snprintf(head, headlen, HEADER "file %s %s\n", id, path);
    return n > 0 && (size_t)n < namelen && m > 0 && (size_t)m < headlen ? 0 : -1;
}

static void put_u64(unsigned char *b, uint64_t v) {
    for (int k = 0; k < 8; k++) b[k] = (unsigned char)(v >> (8 * k));
}

HyphenDict *hyphcache_read(const char *path, Arena *a) {
    char name[4200], head[4400];
    size_t len = 0;
    if (names_of(path, name, sizeof name, head, sizeof head) != 0) return NULL;
    char *bytes = cachefile_read(name, HYPHCACHE_MAX_BYTES, &len);
    if (!bytes) return NULL;
    size_t hlen = strlen(head);
    unsigned char sum[8];
    if (len >= hlen + 8) put_u64(sum, checksum_of(bytes, len - 8));
    Arena got = { 0 };
    HyphenDict *d = len >= hlen + 8 && !memcmp(bytes + len - 8, sum, 8) &&
                    !memcmp(bytes, head, hlen)
                  ? hyphcache_decode((unsigned char *)bytes + hlen, len - 8 - hlen, &got)
                  : NULL;
    free(bytes);
    if (!d) {
        arena_free(&got);
        return NULL;
    }
    *a = got;
    return d;
}

void hyphcache_write(const char *path, const HyphenDict *d) {
    char name[4200], head[4400];
    size_t n = 0;
    if (names_of(path, name, sizeof name, head, sizeof head) != 0) return;
    unsigned char *body = hyphcache_encode(d, &n);
    if (!body) return;
    Arena check = { 0 };
    int reads_back = hyphcache_decode(body, n, &check) != NULL;
    arena_free(&check);
    if (reads_back) {
        Out o = { 0 };
        put(&o, head, strlen(head));
        put(&o, body, n);
        unsigned char sum[8];
        put_u64(sum, checksum_of(o.p, o.n));
        put(&o, sum, 8);
        cachefile_write(name, o.p, o.n);
        free(o.p);
    }
    free(body);
}
