/* test_hyphdict.c — hyphdict_load builds the automaton libhyphen's own
 * loader builds: the same states (one per prefix of a pattern), matches,
 * fallbacks and settings at both levels, so every word hyphenates alike;
 * a file it does not read itself goes to libhyphen's loader. */
#include "layout/hyphdict.h"
#include "unit.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
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

TEST(words_hyphenate_alike) {
    static const char *const words[] = {
        "perfectionism", "perfectionnisme", "self-oriented", "aujourd\xe2\x80\x99hui",
        "l'\xc3\xa9valuation", "interpersonal", "psychotherapy", "reliability",
        "d\xc3\xa9pression", "anticonstitutionnellement", "hyphenation", "co-leaders",
        "extraordinaire", "questionnaire", "relationships", "underachievement",
        "\xc3\xa9motionnellement", "d\xc3\xa9veloppement", "responsabilit\xc3\xa9",
    };
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
