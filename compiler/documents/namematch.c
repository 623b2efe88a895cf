/* namematch.c — names in texts, in NFC, by hashed first word; see
 * namematch.h. */
#include "documents/namematch.h"
#include <glib.h>
#include <stdbool.h>
#include <string.h>
#include "base/utf8.h"

typedef struct Name { char *from; size_t len; const char *to; } Name;

struct NameSet {
    GHashTable *by_first;        /* a name's first word -> GPtrArray of Name, longest first */
    GHashTable *all;             /* every name added, once */
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

static void free_names(gpointer p) {
    GPtrArray *list = p;
    for (guint i = 0; i < list->len; i++) {
        Name *n = list->pdata[i];
        g_free(n->from);
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

static gint longest_first(gconstpointer x, gconstpointer y) {
    const Name *a = *(Name *const *)x, *b = *(Name *const *)y;
    return a->len < b->len ? 1 : a->len > b->len ? -1 : 0;
}

/* Adds one form of a name, already in NFC. */
static void add_form(NameSet *ns, const char *form, const char *to) {
    size_t len = strlen(form);
    if (len < 2 || g_hash_table_contains(ns->all, form)) return;
    g_hash_table_add(ns->all, g_strdup(form));
    char *first = g_strndup(form, (gsize)(word_end(form) - form));
    GPtrArray *list = g_hash_table_lookup(ns->by_first, first);
    if (!list) {
        list = g_ptr_array_new();
        g_hash_table_insert(ns->by_first, first, list);
    } else {
        g_free(first);
    }
    Name *n = g_new(Name, 1);
    *n = (Name){ g_strdup(form), len, to };
    g_ptr_array_add(list, n);
    g_ptr_array_sort(list, longest_first);
}

/* Adds the NFC form nfc and the same in capitals, as a name may be
 * written in a heading. */
static void add_with_capitals(NameSet *ns, const char *nfc, const char *to) {
    add_form(ns, nfc, to);
    char *up = g_utf8_strup(nfc, -1);
    char *up_nfc = g_utf8_normalize(up, -1, G_NORMALIZE_NFC);
    if (up_nfc) add_form(ns, up_nfc, to);
    g_free(up_nfc);
    g_free(up);
}

/* name in NFC without its accents ("Tomás" -> "Tomas"), a new string. */
static char *without_accents(const char *name) {
    char *nfd = g_utf8_normalize(name, -1, G_NORMALIZE_NFD);
    if (!nfd) return NULL;
    GString *bare = g_string_sized_new(strlen(nfd));
    for (const char *p = nfd; *p; p = next_char(p))
        if (!g_unichar_ismark(char_at(p))) g_string_append_len(bare, p, next_char(p) - p);
    char *nfc = g_utf8_normalize(bare->str, -1, G_NORMALIZE_NFC);
    g_string_free(bare, TRUE);
    g_free(nfd);
    return nfc;
}

void nameset_add(NameSet *ns, const char *name, const char *to) {
    if (!name) return;
    char *nfc = g_utf8_normalize(name, -1, G_NORMALIZE_NFC);
    if (!nfc) return;
    add_with_capitals(ns, nfc, to);
    /* as typed on a keyboard without its accents: Tomas for Tomás */
    char *bare = without_accents(nfc);
    if (bare) add_with_capitals(ns, bare, to);
    g_free(bare);
    g_free(nfc);
}

void nameset_add_person(NameSet *ns, const char *name, const char *to) {
    if (!name) return;
    nameset_add(ns, name, to);
    static const char *const separators[] = { " \t\n", " \t\n-" };
    for (int k = 0; k < 2; k++) {
        char **words = g_strsplit_set(name, separators[k], -1);
        for (char **w = words; *w; w++)
            if (g_unichar_isupper(char_at(*w))) nameset_add(ns, *w, to);
        g_strfreev(words);
    }
}

/* The longest name starting at p (a word's start) that ends at a word's
 * end, or NULL. */
static const Name *name_at(const NameSet *ns, const char *p) {
    const char *e = word_end(p);
    char *first = g_strndup(p, (gsize)(e - p));
    const GPtrArray *lists[2] = { g_hash_table_lookup(ns->by_first, first),
                                  g_hash_table_lookup(ns->by_first, "") };   /* "#12" */
    g_free(first);
    for (int l = 0; l < 2; l++)
        for (guint i = 0; lists[l] && i < lists[l]->len; i++) {
            const Name *n = lists[l]->pdata[i];
            if (!strncmp(p, n->from, n->len) && !word_char_at(p + n->len)) return n;
        }
    return NULL;
}

const char *nameset_replace(const NameSet *ns, Arena *a, const char *text) {
    if (!text || !ns || g_hash_table_size(ns->all) == 0) return text;
    char *nfc = g_utf8_normalize(text, -1, G_NORMALIZE_NFC);
    if (!nfc) return text;
    GString *out = g_string_sized_new(strlen(nfc));
    bool changed = false, at_start = true;
    for (const char *p = nfc; *p;) {
        const Name *n = at_start ? name_at(ns, p) : NULL;
        if (n) {
            g_string_append(out, n->to);
            p += n->len;
            changed = true;
            at_start = true;
            continue;
        }
        const char *next = word_char_at(p) ? word_end(p) : next_char(p);
        at_start = !word_char_at(p);         /* a word ends: the next may start a name */
        g_string_append_len(out, p, next - p);
        p = next;
    }
    const char *result = changed ? arena_strdup(a, out->str) : text;
    g_string_free(out, TRUE);
    g_free(nfc);
    return result;
}
