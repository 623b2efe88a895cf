/* test_hyphdict.c — hyphdict_load builds the automaton libhyphen's own
 * loader builds: the same states (one per prefix of a pattern), matches,
 * fallbacks and settings at both levels, so every word hyphenates alike;
 * a file it does not read itself goes to libhyphen's loader. The cache of
 * the automaton (hyphcache.h) gives back the same automaton, and is
 * refused whole when it is stale, damaged, cut short, another user's or
 * not a file, or when any index in it is out of bounds. */
#include "layout/hyphcache.h"
#include "layout/hyphdict.h"
#include "unit.h"

#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const dicts[] = {
    "/usr/share/hyphen/hyph_en_US.dic",
    "/usr/share/hyphen/hyph_fr.dic",
};

/* Each state of d by its string (the letters that reach it), its match
 * and its fallback's string: "string\tmatch\tfallback". */
static void walk(const HyphenDict *d, int s, GString *path, char **strings, GPtrArray *out) {
    strings[s] = g_strdup(path->str);
    for (int k = 0; k < d->states[s].num_trans; k++) {
        g_string_append_c(path, d->states[s].trans[k].ch);
        walk(d, d->states[s].trans[k].new_state, path, strings, out);
        g_string_truncate(path, path->len - 1);
    }
}

static GPtrArray *describe(const HyphenDict *d) {
    char **strings = g_new0(char *, d->num_states);
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    GString *path = g_string_new("");
    walk(d, 0, path, strings, out);
    for (int s = 0; s < d->num_states; s++) {
        int f = d->states[s].fallback_state;
        const char *m = d->states[s].match;
        g_ptr_array_add(out, g_strdup_printf("%s\t%s\t%s", strings[s] ? strings[s] : "(unreached)",
                                             m ? m : "(none)", f >= 0 ? strings[f] : "(none)"));
    }
    g_ptr_array_sort(out, (GCompareFunc)(void *)g_strcmp0);
    for (int s = 0; s < d->num_states; s++) g_free(strings[s]);
    g_free(strings);
    g_string_free(path, TRUE);
    return out;
}

static int sort_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The two automata are the same, level by level. */
static void check_same(const HyphenDict *a, const HyphenDict *b, const char *what) {
    for (int level = 0; a || b; level++, a = a->nextlevel, b = b->nextlevel) {
        if (!a || !b) {
            UNIT_FAIL("%s: level %d only in one", what, level);
            return;
        }
        if (a->lhmin != b->lhmin || a->rhmin != b->rhmin || a->clhmin != b->clhmin ||
            a->crhmin != b->crhmin || a->utf8 != b->utf8 || strcmp(a->cset, b->cset) ||
            a->nohyphenl != b->nohyphenl || a->num_states != b->num_states)
            UNIT_FAIL("%s: level %d settings differ (%d states against %d)", what, level,
                      a->num_states, b->num_states);
        const char *na = a->nohyphen, *nb = b->nohyphen;
        for (int k = 0; na && nb && k <= a->nohyphenl; k++, na += strlen(na) + 1, nb += strlen(nb) + 1)
            if (strcmp(na, nb)) UNIT_FAIL("%s: level %d NOHYPHEN differs", what, level);
        if (!na != !nb) UNIT_FAIL("%s: level %d NOHYPHEN in one only", what, level);
        GPtrArray *da = describe(a), *db = describe(b);
        qsort(da->pdata, da->len, sizeof(void *), sort_strings);
        qsort(db->pdata, db->len, sizeof(void *), sort_strings);
        int diff = da->len != db->len;
        for (guint i = 0; !diff && i < da->len; i++) diff = strcmp(da->pdata[i], db->pdata[i]) != 0;
        if (diff) UNIT_FAIL("%s: level %d states differ", what, level);
        g_ptr_array_free(da, TRUE);
        g_ptr_array_free(db, TRUE);
    }
}

/* hnj_hyphen_hyphenate3 as hyphenate.c calls it: the hyphens vector. */
static char *hyphens(HyphenDict *d, const char *word) {
    int n = (int)strlen(word);
    char *h = calloc((size_t)n + 5, 1);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    hnj_hyphen_hyphenate3(d, word, n, h, NULL, &rep, &pos, &cut, 2, 3, 2, 3);
    if (rep) for (int i = 0; i < n; i++) free(rep[i]);
    free(rep);
    free(pos);
    free(cut);
    return h;
}

TEST(same_automaton_as_libhyphen) {
    for (size_t i = 0; i < sizeof dicts / sizeof *dicts; i++) {
        if (access(dicts[i], R_OK) != 0) continue;
        Arena a = { 0 };
        HyphenDict *mine = hyphdict_load(dicts[i], &a), *theirs = hnj_hyphen_load(dicts[i]);
        CHECK(mine != NULL);
        CHECK(theirs != NULL);
        CHECK(a.head != NULL);              /* read here, not by libhyphen */
        if (mine && theirs) check_same(mine, theirs, dicts[i]);
        arena_free(&a);
        if (theirs) hnj_hyphen_free(theirs);
    }
}

static const char *const words[] = {
    "perfectionism", "perfectionnisme", "self-oriented", "aujourd\xe2\x80\x99hui",
    "l'\xc3\xa9valuation", "interpersonal", "psychotherapy", "reliability",
    "d\xc3\xa9pression", "anticonstitutionnellement", "hyphenation", "co-leaders",
    "extraordinaire", "questionnaire", "relationships", "underachievement",
    "\xc3\xa9motionnellement", "d\xc3\xa9veloppement", "responsabilit\xc3\xa9",
};

TEST(words_hyphenate_alike) {
    for (size_t i = 0; i < sizeof dicts / sizeof *dicts; i++) {
        if (access(dicts[i], R_OK) != 0) continue;
        Arena a = { 0 };
        HyphenDict *mine = hyphdict_load(dicts[i], &a), *theirs = hnj_hyphen_load(dicts[i]);
        if (!mine || !theirs) {
            UNIT_FAIL("%s not loaded", dicts[i]);
            continue;
        }
        for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
            char *a = hyphens(mine, words[w]), *b = hyphens(theirs, words[w]);
            if (strcmp(a, b)) UNIT_FAIL("%s: %s: %s against %s", dicts[i], words[w], a, b);
            free(a);
            free(b);
        }
        arena_free(&a);
        hnj_hyphen_free(theirs);
    }
}

/* Writes text to a new file in the temporary folder; its path. */
static char *scratch(const char *text) {
    char *path = g_strdup_printf("%s/formc-hyphdict-XXXXXX", g_get_tmp_dir());
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) UNIT_FAIL("scratch file");
    if (fd >= 0) close(fd);
    return path;
}

TEST(small_dictionaries_alike) {
    static const char *const files[] = {
        /* levels, settings, comments, blank and repeated patterns */
        "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n% a comment\nab1c\n\n2b1c\nab3c\n.x1y\nx2y.\n",
        "UTF-8\nLEFTHYPHENMIN 2\nNEXTLEVEL\nCOMPOUNDLEFTHYPHENMIN 3\n1\xc3\xa9" "t\n\xc3\xa9" "1ta\n",
        "ISO8859-1\nab1c\n",
        "",
        /* what only libhyphen reads: non-standard hyphenation, NOHYPHEN */
        "UTF-8\nc1k/k=k,1,1\nab1c\n",
        "UTF-8\nNOHYPHEN -\nab1c\n",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *path = scratch(files[i]);
        Arena a = { 0 };
        HyphenDict *mine = hyphdict_load(path, &a), *theirs = hnj_hyphen_load(path);
        if (mine && theirs) check_same(mine, theirs, files[i]);
        else if (!mine != !theirs) UNIT_FAIL("file %zu loaded by one loader only", i);
        /* the last two only libhyphen reads */
        if ((i + 2 >= sizeof files / sizeof *files) != (a.head == NULL))
            UNIT_FAIL("file %zu read by the wrong loader", i);
        if (a.head) arena_free(&a);
        else if (mine) hnj_hyphen_free(mine);
        if (theirs) hnj_hyphen_free(theirs);
        unlink(path);
        g_free(path);
    }
    Arena a = { 0 };
    CHECK(hyphdict_load("/nonexistent/hyph_xx.dic", &a) == NULL);
    CHECK(a.head == NULL);
}

/* ---- the cache of the automaton (hyphcache.h) ---------------------------- */

/* Every word hyphenates alike with a and b. */
static void check_words(HyphenDict *a, HyphenDict *b, const char *what) {
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        char *x = hyphens(a, words[w]), *y = hyphens(b, words[w]);
        if (strcmp(x, y)) UNIT_FAIL("%s: %s: %s against %s", what, words[w], x, y);
        free(x);
        free(y);
    }
}

TEST(hyphcache_body_gives_back_the_automaton) {
    for (size_t i = 0; i < sizeof dicts / sizeof *dicts; i++) {
        if (access(dicts[i], R_OK) != 0) continue;
        Arena a = { 0 }, b = { 0 };
        HyphenDict *built = hyphdict_load(dicts[i], &a);
        size_t n = 0;
        unsigned char *body = built ? hyphcache_encode(built, &n) : NULL;
        HyphenDict *back = body ? hyphcache_decode(body, n, &b) : NULL;
        CHECK(back != NULL);
        if (back) {
            check_same(back, built, dicts[i]);
            check_words(back, built, dicts[i]);
        }
        free(body);
        arena_free(&a);
        arena_free(&b);
    }
}

/* A copy of the French dictionary in the test's folder (its times can be
 * changed), the cache pointed there; the cache file's path in cache. */
static char dict_copy[300], cache_file[400];
static void cache_setup(void) {
    if (dict_copy[0]) return;
    if (!dir()[0]) abort();
    setenv("XDG_CACHE_HOME", dir(), 1);
    snprintf(dict_copy, sizeof dict_copy, "%s/hyph_fr.dic", dir());
    snprintf(cache_file, sizeof cache_file, "%s/formc/hyphenation/hyph_fr.dic", dir());
    char cmd[800];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", dicts[1], dict_copy);
    if (system(cmd) != 0) abort();
}

/* Whether the cache reads back, as the automaton built from the copy. */
static int cache_reads(void) {
    Arena a = { 0 }, b = { 0 };
    HyphenDict *back = hyphcache_read(dict_copy, &a);
    if (!back && a.head) UNIT_FAIL("a refused cache left memory");
    if (back) {
        HyphenDict *built = hyphdict_load(dict_copy, &b);
        check_same(back, built, "cache");
        check_words(back, built, "cache");
    }
    arena_free(&a);
    arena_free(&b);
    return back != NULL;
}

static void cache_write_fresh(void) {
    cache_setup();
    unlink(cache_file);
    Arena a = { 0 };
    HyphenDict *built = hyphdict_load(dict_copy, &a);
    if (!built) abort();
    hyphcache_write(dict_copy, built);
    arena_free(&a);
}

static unsigned char *cache_bytes(size_t *len) {
    gchar *bytes = NULL;
    gsize n = 0;
    if (!g_file_get_contents(cache_file, &bytes, &n, NULL)) return NULL;
    *len = n;
    return (unsigned char *)bytes;
}

static void cache_put(const unsigned char *bytes, size_t len) {
    unlink(cache_file);
    int fd = open(cache_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, bytes, len) != (ssize_t)len) abort();
    close(fd);
}

TEST(hyphcache_file_is_trusted_only_whole_fresh_and_the_users) {
    cache_setup();
    unlink(cache_file);
    CHECK(!cache_reads());                            /* absent */
    cache_write_fresh();
    struct stat st;
    CHECK(stat(cache_file, &st) == 0 && (st.st_mode & 0777) == 0600);
    CHECK(cache_reads());                             /* valid */
    size_t len = 0;
    unsigned char *good = cache_bytes(&len);
    CHECK(good && len > 1000);
    if (!good) return;
    unsigned char *bad = malloc(len + 1);
    for (size_t at = 0; at < len; at += len / 13 + 1) {
        memcpy(bad, good, len);                       /* damaged */
        bad[at] ^= 0x20;
        cache_put(bad, len);
        if (cache_reads()) UNIT_FAIL("a byte changed at %zu was trusted", at);
        cache_put(good, at);                          /* truncated */
        if (cache_reads()) UNIT_FAIL("the cache cut at %zu was trusted", at);
    }
    memcpy(bad, good, len);
    bad[len] = 0;
    cache_put(bad, len + 1);                          /* a byte more */
    CHECK(!cache_reads());
    cache_put(good, len);
    CHECK(chmod(cache_file, 0620) == 0);              /* others may write */
    CHECK(!cache_reads());
    CHECK(chmod(cache_file, 0600) == 0);
    if (geteuid() == 0) {                             /* another's */
        CHECK(chown(cache_file, 65534, 65534) == 0);
        CHECK(!cache_reads());
        CHECK(chown(cache_file, 0, 0) == 0);
    }
    CHECK(cache_reads());
    char moved[500];                                  /* a symbolic link */
    snprintf(moved, sizeof moved, "%s.real", cache_file);
    CHECK(rename(cache_file, moved) == 0);
    CHECK(symlink(moved, cache_file) == 0);
    CHECK(!cache_reads());
    unlink(cache_file);
    unlink(moved);
    CHECK(mkfifo(cache_file, 0600) == 0);             /* a named pipe */
    CHECK(!cache_reads());
    unlink(cache_file);
    cache_put(good, len);                             /* stale */
    struct timespec times[2] = { { 0, UTIME_OMIT }, { 1000000000, 0 } };
    CHECK(utimensat(AT_FDCWD, dict_copy, times, 0) == 0);
    CHECK(!cache_reads());
    cache_write_fresh();                              /* written again */
    CHECK(cache_reads());
    free(bad);
    g_free(good);
}

/* An automaton built by hand: the states of "ab" and ".x" from state 0,
 * matches and fallbacks as hyphdict makes them. */
typedef struct {
    HyphenDict d;
    HyphenState st[5];
    HyphenTrans t0[2], t1[1], t3[1];
    char nohyphen[8];
} Small;

static void small_init(Small *m) {
    memset(m, 0, sizeof *m);
    snprintf(m->d.cset, sizeof m->d.cset, "UTF-8");
    m->d.utf8 = 1;
    m->d.num_states = 5;
    m->d.states = m->st;
    memcpy(m->nohyphen, "-\0'", 4);
    m->d.nohyphen = m->nohyphen;
    m->d.nohyphenl = 1;
    /* 0 -a-> 1 -b-> 2; 0 -.-> 3 -x-> 4 */
    m->t0[0] = (HyphenTrans){ 'a', 1 };
    m->t0[1] = (HyphenTrans){ '.', 3 };
    m->t1[0] = (HyphenTrans){ 'b', 2 };
    m->t3[0] = (HyphenTrans){ 'x', 4 };
    m->st[0] = (HyphenState){ .fallback_state = -1, .num_trans = 2, .trans = m->t0 };
    m->st[1] = (HyphenState){ .fallback_state = 0, .num_trans = 1, .trans = m->t1 };
    m->st[2] = (HyphenState){ .match = "010", .fallback_state = 0 };
    m->st[3] = (HyphenState){ .fallback_state = 0, .num_trans = 1, .trans = m->t3 };
    m->st[4] = (HyphenState){ .match = "01", .fallback_state = 0 };
}

/* Whether the body of m is decoded (and hyphenates without harm). */
static int small_decodes(const Small *m) {
    size_t n = 0;
    unsigned char *body = hyphcache_encode(&m->d, &n);
    Arena a = { 0 };
    HyphenDict *d = body ? hyphcache_decode(body, n, &a) : NULL;
    if (d) free(hyphens(d, "xabx"));
    arena_free(&a);
    free(body);
    return d != NULL;
}

TEST(hyphcache_decode_checks_every_index) {
    Small m;
    small_init(&m);
    CHECK(small_decodes(&m));
    const struct { int state, field, value; const char *what; } edits[] = {
        { 0, 't', 0, "a transition back to the first state" },
        { 0, 't', 5, "a transition past the last state" },
        { 0, 't', -3, "a transition to a negative state" },
        { 1, 't', 3, "a second transition to a state" },
        { 1, 'f', 1, "a fallback to the state itself" },
        { 1, 'f', 2, "a fallback to a deeper state" },
        { 1, 'f', 5, "a fallback past the last state" },
        { 1, 'f', -2, "a fallback below -1" },
        { 2, 'm', 4, "a match longer than its letters and one" },
        { 4, 'm', 3, "a match as long as its letters and one, from the word's start" },
    };
    for (size_t e = 0; e < sizeof edits / sizeof *edits; e++) {
        small_init(&m);
        HyphenState *st = &m.st[edits[e].state];
        if (edits[e].field == 't') st->trans[0].new_state = edits[e].value;
        if (edits[e].field == 'f') st->fallback_state = edits[e].value;
        if (edits[e].field == 'm') st->match = edits[e].value == 4 ? "0101" : "010";
        if (small_decodes(&m)) UNIT_FAIL("%s was trusted", edits[e].what);
    }
    small_init(&m);
    memcpy(m.nohyphen, "-\0\0", 3);                   /* an empty NOHYPHEN string */
    CHECK(!small_decodes(&m));
    small_init(&m);
    memset(m.d.cset, 'x', sizeof m.d.cset);          /* a name without its end */
    CHECK(!small_decodes(&m));
    /* cut short anywhere, a byte more, any byte changed: refused or safe */
    small_init(&m);
    size_t n = 0;
    unsigned char *body = hyphcache_encode(&m.d, &n), *copy = malloc(n + 1);
    for (size_t cut = 0; cut < n; cut++) {
        Arena a = { 0 };
        if (hyphcache_decode(body, cut, &a)) UNIT_FAIL("cut at %zu was trusted", cut);
        arena_free(&a);
    }
    memcpy(copy, body, n);
    copy[n] = 0;
    Arena a = { 0 };
    CHECK(hyphcache_decode(copy, n + 1, &a) == NULL);
    arena_free(&a);
    for (size_t at = 0; at < n; at++)
        for (int v = 0; v < 256; v += 17) {
            memcpy(copy, body, n);
            copy[at] = (unsigned char)v;
            Arena b = { 0 };
            HyphenDict *d = hyphcache_decode(copy, n, &b);
            if (d) free(hyphens(d, "xabx.ab"));
            arena_free(&b);
        }
    free(body);
    free(copy);
}
