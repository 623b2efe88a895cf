/* namematch.c — names in texts, in NFC, by hashed first word; see
 * namematch.h. */
#include "documents/namematch.h"
#include <glib.h>
#include <stdbool.h>
#include <string.h>
#include "base/utf8.h"

/* A name as it is compared: its characters folded (fold()), in a
 * NUL-terminated array; word: it is also one of common_words. */
typedef struct Name {
    gunichar *key;
    size_t nkey;
    const char *to;
    bool word;
    bool other;                  /* added as another person's name (nameset_add's shared) */
} Name;

/* Given names that are also common words of English or French, folded
 * (fold()): written in lower case in a clinician's text, they are far
 * more often the word ("she will", "rose to the challenge", "la pierre")
 * than the name. */
static const char *const common_words[] = {
    "amber", "angel", "april", "art", "autumn", "bill", "blanche", "bob", "brook", "carol",
    "chance", "charity", "chase", "claire", "clement", "constance", "crystal", "daisy", "dawn",
    "destiny", "don", "drew", "faith", "felicite", "fleur", "frank", "gene", "grace", "guy",
    "hazel", "heather", "holly", "honor", "hope", "hunter", "iris", "ivy", "jack", "jade", "jay",
    "joy", "june", "lily", "mark", "max", "may", "miles", "modeste", "nick", "olive", "patience",
    "pearl", "penny", "perle", "pierre", "prudence", "rain", "ray", "rich", "river", "robin",
    "rod", "rose", "ruby", "sage", "sky", "star", "summer", "sunny", "victoire", "violette",
    "wade", "will", "winter", "wren",
};

bool folded_in(const char *s, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, list[i])) return true;
    return false;
}

struct NameSet {
    GHashTable *by_first;        /* a name's first word, folded -> GPtrArray of Name, longest first */
    GHashTable *all;             /* every name added, folded, once -> its Name */
};

static uint32_t char_at(const char *s) {
    uint32_t cp;
    utf8_decode(s, UTF8_MAX, &cp);
    return cp;
}
static const char *next_char(const char *s) { return s + utf8_decode(s, UTF8_MAX, NULL); }

/* A letter or digit of any script, or a combining mark, at s. */
static bool word_char_at(const char *s) {
    uint32_t c = char_at(s);
    return *s && (g_unichar_isalnum(c) || g_unichar_ismark(c));
}

/* The end of the run of word characters starting at s. */
static const char *word_end(const char *s) {
    while (word_char_at(s)) s = next_char(s);
    return s;
}

/* c as names are compared: in lower case, without its accents ("É" and
 * "é" as "e"). */
static gunichar fold(gunichar c) {
    gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
    gsize n = g_unichar_fully_decompose(c, FALSE, d, G_N_ELEMENTS(d));
    return g_unichar_tolower(n ? d[0] : c);
}

/* The text [s, end) folded, its combining marks left out, as UTF-8 (a new
 * string) and, when key is not NULL, as characters (*key, *nkey: a new
 * array). */
static char *folded(const char *s, const char *end, gunichar **key, size_t *nkey) {
    GString *out = g_string_new("");
    GArray *chars = g_array_new(TRUE, FALSE, sizeof(gunichar));
    for (const char *p = s; p < end && *p; p = next_char(p)) {
        gunichar c = char_at(p);
        if (g_unichar_ismark(c)) continue;
        c = fold(c);
        g_string_append_unichar(out, c);
        g_array_append_val(chars, c);
    }
    if (key) {
        *nkey = chars->len;
        *key = (gunichar *)(void *)g_array_free(chars, FALSE);
    } else {
        g_array_free(chars, TRUE);
    }
    return g_string_free(out, FALSE);
}

static void free_names(gpointer p) {
    GPtrArray *list = p;
    for (guint i = 0; i < list->len; i++) {
        Name *n = list->pdata[i];
        g_free(n->key);
        g_free(n);
    }
    g_ptr_array_free(list, TRUE);
}

NameSet *nameset_new(void) {
    NameSet *ns = g_new0(NameSet, 1);
    ns->by_first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_names);
    ns->all = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return ns;
}

void nameset_free(NameSet *ns) {
    if (!ns) return;
    g_hash_table_destroy(ns->by_first);
    g_hash_table_destroy(ns->all);
    g_free(ns);
}

/* The most characters a name looked for has: a text compared with a name
 * at each of its words costs the name's length there at most, and a name
 * longer than any person's (a hostile file's name of 20,000 words, in a
 * text of as many) made it quadratic. */
enum { NAME_LONGEST = 160 };

/* Adds name (in NFC), compared folded: a name folded as one added before
 * is left out, or, both another person's for another `to`, replaced by
 * shared. */
static void add_form(NameSet *ns, const char *name, const char *to, const char *shared) {
    if (strlen(name) < 2 || g_utf8_strlen(name, -1) > NAME_LONGEST) return;
    Name *n = g_new(Name, 1);
    char *all = folded(name, name + strlen(name), &n->key, &n->nkey);
    n->to = to;
    n->other = shared != NULL;
    Name *before = n->nkey ? g_hash_table_lookup(ns->all, all) : NULL;
    if (!n->nkey || before) {
        if (before && before->other && n->other && strcmp(before->to, to)) before->to = shared;
        g_free(all);
        g_free(n->key);
        g_free(n);
        return;
    }
    n->word = folded_in(all, common_words, G_N_ELEMENTS(common_words));
    g_hash_table_insert(ns->all, all, n);
    char *first = folded(name, word_end(name), NULL, NULL);
    GPtrArray *list = g_hash_table_lookup(ns->by_first, first);
    if (!list) {
        list = g_ptr_array_new();
        g_hash_table_insert(ns->by_first, first, list);
    } else {
        g_free(first);
    }
    guint at = list->len;              /* after every name as long or longer: longest first */
    while (at > 0 && ((const Name *)list->pdata[at - 1])->nkey < n->nkey) at--;
    g_ptr_array_insert(list, (gint)at, n);
}

void nameset_add(NameSet *ns, const char *name, const char *to, const char *shared) {
    if (!name) return;
    char *nfc = g_utf8_normalize(name, -1, G_NORMALIZE_NFC);
    if (!nfc) return;
    add_form(ns, nfc, to, shared);
    g_free(nfc);
}

/* The particles of surnames, folded: "de La Rochefoucauld", "Van der
 * Berg", "Da Silva". Alone, each is an article or a preposition of the
 * texts ("de la région"), never the name. */
static const char *const particles[] = {
    "al", "da", "dal", "das", "de", "del", "della", "den", "der", "des", "di", "do",
    "dos", "du", "el", "la", "las", "le", "les", "lo", "los", "st", "te", "ten", "ter",
    "van", "von", "y", "zu",
};

/* Whether word w (its folded form) is one of particles. */
static bool particle(const char *w) {
    char *f = folded(w, w + strlen(w), NULL, NULL);
    bool is = folded_in(f, particles, G_N_ELEMENTS(particles));
    g_free(f);
    return is;
}

void nameset_add_person(NameSet *ns, const char *name, const char *to, const char *shared) {
    if (!name) return;
    nameset_add(ns, name, to, shared);
    static const char *const separators[] = { " \t\n", " \t\n-" };
    for (int k = 0; k < 2; k++) {
        char **words = g_strsplit_set(name, separators[k], -1);
        bool first = true;               /* "Van Morrison": a given name, kept */
        for (char **w = words; *w; w++) {
            if (!**w) continue;
            if (g_unichar_isupper(char_at(*w)) && (first || !particle(*w)))
                nameset_add(ns, *w, to, shared);
            first = false;
        }
        g_strfreev(words);
    }
}

void nameset_add_member(NameSet *ns, const char *name, const char *preferred, const char *to,
                        const char *shared) {
    nameset_add_person(ns, name, to, shared);
    nameset_add_person(ns, preferred, to, shared);
    const char *rest = name ? strchr(name, ' ') : NULL;
    if (!preferred || !rest) return;
    char *called = g_strconcat(preferred, rest, NULL);
    nameset_add(ns, called, to, shared);
    g_free(called);
}

/* Where name n ends in the text at p, compared folded (the text's
 * combining marks left out, and a run of spaces or line ends where the
 * name has a space: a name filled over two lines of a file), or NULL when
 * it is not there or does not end at a word's end. */
static const char *match_end(const Name *n, const char *p) {
    size_t i = 0;
    while (i < n->nkey && *p) {
        gunichar c = char_at(p);
        p = next_char(p);
        if (g_unichar_ismark(c)) continue;
        if (n->key[i] == ' ' && g_unichar_isspace(c)) {
            while (*p && g_unichar_isspace(char_at(p))) p = next_char(p);
            i++;
            continue;
        }
        if (fold(c) != n->key[i++]) return NULL;
    }
    while (*p && g_unichar_ismark(char_at(p))) p = next_char(p);
    return i == n->nkey && !word_char_at(p) ? p : NULL;
}

/* The longest name starting at p (a word's start) that ends at a word's
 * end, or NULL; its end in *end. */
static const Name *name_at(const NameSet *ns, const char *p, const char **end) {
    char *first = folded(p, word_end(p), NULL, NULL);
    const GPtrArray *lists[2] = { g_hash_table_lookup(ns->by_first, first),
                                  g_hash_table_lookup(ns->by_first, "") };   /* "#12" */
    g_free(first);
    for (int l = 0; l < 2; l++)
        for (guint i = 0; lists[l] && i < lists[l]->len; i++) {
            const Name *n = lists[l]->pdata[i];
            if ((*end = match_end(n, p))) return n;
        }
    return NULL;
}

bool nameset_next(const NameSet *ns, const char *text, size_t *from, NameFound *found) {
    if (!text || !ns) return false;
    bool at_start = true;                    /* the text's start, or a name's end */
    for (const char *p = text + *from; *p;) {
        const char *end = NULL;
        const Name *n = at_start ? name_at(ns, p, &end) : NULL;
        if (n) {
            *found = (NameFound){ (size_t)(p - text), (size_t)(end - text), n->to, n->word };
            *from = (size_t)(end - text);
            return true;
        }
        const char *next = word_char_at(p) ? word_end(p) : next_char(p);
        at_start = !word_char_at(p);         /* a word ends: the next may start a name */
        p = next;
    }
    *from = strlen(text);
    return false;
}

bool nameset_match_at(const NameSet *ns, const char *text, size_t at, size_t *end) {
    const char *stop = NULL;
    if (!ns || !name_at(ns, text + at, &stop)) return false;
    *end = (size_t)(stop - text);
    return true;
}

const char *nameset_replace(const NameSet *ns, Arena *a, const char *text, GPtrArray *kept) {
    if (!text || !ns || g_hash_table_size(ns->all) == 0) return text;
    char *nfc = g_utf8_normalize(text, -1, G_NORMALIZE_NFC);
    if (!nfc) return text;
    GString *out = g_string_sized_new(strlen(nfc));
    bool changed = false;
    size_t from = 0, done = 0;
    NameFound n;
    while (nameset_next(ns, nfc, &from, &n)) {
        g_string_append_len(out, nfc + done, (gssize)(n.start - done));
        done = n.end;
        if (n.word && g_unichar_islower(char_at(nfc + n.start))) {     /* "rose to the challenge" */
            if (kept) g_ptr_array_add(kept, g_strndup(nfc + n.start, n.end - n.start));
            g_string_append_len(out, nfc + n.start, (gssize)(n.end - n.start));
            continue;
        }
        g_string_append(out, n.to);
        changed = true;
    }
    g_string_append(out, nfc + done);
    const char *result = changed ? arena_strdup(a, out->str) : text;
    g_string_free(out, TRUE);
    g_free(nfc);
    return result;
}
