/* letternames.c — another member named in a letter; see letternames.h. */
#include "documents/letternames.h"
#include <string.h>
#include "base/diag.h"
#include "base/utf8.h"

/* What a name found stands for: one of the patient's, the clinician's or
 * a leader's (OWN), or a name two members share (SEVERAL). Distinct
 * objects: compared by address. */
static const char OWN[1], SEVERAL[1];

/* Months English writes with a capital whose names are also given names. */
static const char *const months[] = { "april", "may", "june" };

/* Adds a therapist's name, without the credentials after a comma ("Dr.
 * Leah Brandt, R.Psych."), as one of the patient's own. */
static void add_therapist(NameSet *ns, const char *name) {
    if (!name) return;
    char *bare = g_strndup(name, strcspn(name, ","));
    nameset_add_person(ns, bare, OWN, NULL);
    g_free(bare);
}

/* Whether the word at s starts a sentence of text: nothing but spaces,
 * opening quotes or brackets between it and the text's start or a full
 * stop, question or exclamation mark, colon or ellipsis. */
static bool starts_sentence(const char *text, const char *s) {
    while (s > text) {
        size_t back = utf8_back(text, 0, (size_t)(s - text));
        uint32_t c;
        utf8_decode(text + back, UTF8_MAX, &c);
        if (g_unichar_isspace(c) || strchr("\"'([", (int)c) || c == 0x201C || c == 0x2018 || c == 0xAB ||
            c == 0x2014 || c == 0x2013) {
            s = text + back;
            continue;
        }
        return c == '.' || c == '!' || c == '?' || c == ':' || c == 0x2026;
    }
    return true;
}

/* Whether the name found at text + n->start, another member's, is said as
 * a name there (letternames.h). */
static bool said_as_name(const char *text, const NameFound *n) {
    uint32_t first;
    utf8_decode(text + n->start, UTF8_MAX, &first);
    if (!g_unichar_isupper(first)) return false;
    if (!n->word) return true;
    char *low = g_utf8_strdown(text + n->start, (gssize)(n->end - n->start));
    bool month = folded_in(low, months, G_N_ELEMENTS(months));
    g_free(low);
    return !month && !starts_sentence(text, text + n->start);
}

/* The name found [s, s + len) as one line: each run of spaces and line
 * ends, where the file fills it over two lines, one space (g_free). */
static char *one_line(const char *s, size_t len) {
    GString *out = g_string_sized_new(len);
    for (size_t i = 0; i < len; i++)
        if (!g_ascii_isspace(s[i])) g_string_append_c(out, s[i]);
        else if (!g_ascii_isspace(s[i + 1])) g_string_append_c(out, ' ');
    return g_string_free(out, FALSE);
}

/* Warns at the first of each other member's names in letter text t (once
 * a member per text), the string as written in the file (between its
 * quotes) so that the warning points at its place: a name of members
 * where no name of own (the patient's, the therapists') as long or longer
 * starts. */
static void check_text(const NameSet *members, const NameSet *own, Loc t) {
    const char *lit = t.src->text + t.off;
    uint32_t delim = t.len >= 6 && !strncmp(lit, "\"\"\"", 3) ? 3 : 1;    /* the string's own quotes */
    if (t.len < 2 * delim) return;
    char *text = g_strndup(lit + delim, t.len - 2 * delim);
    size_t from = 0, own_end;
    NameFound n;
    GHashTable *said = g_hash_table_new(NULL, NULL);     /* whose names this text was warned at */
    while (nameset_next(members, text, &from, &n)) {
        if (nameset_match_at(own, text, n.start, &own_end) && own_end >= n.end) continue;
        if (!said_as_name(text, &n) || !g_hash_table_add(said, (gpointer)n.to)) continue;
        const char *line_end = memchr(text + n.start, '\n', n.end - n.start);
        Loc at = { t.src, t.off + delim + (uint32_t)n.start,
                   (uint32_t)((line_end ? (size_t)(line_end - text) : n.end) - n.start) };
        char *name = one_line(text + n.start, n.end - n.start);
        if (n.to == SEVERAL)
            diag_at(DIAG_WARNING, at, "\"%s\" is the name of other members of this group: the letter would "
                    "tell this patient who else is in the group before it meets (leave the name out, unless "
                    "it means someone else, or the members agreed to it)", name);
        else
            diag_at(DIAG_WARNING, at, "\"%s\" is the name of another member of this group, %s: the letter "
                    "would tell this patient who else is in the group before it meets (leave the name out, "
                    "unless it means someone else, or both members agreed to it)", name, n.to);
        g_free(name);
    }
    g_hash_table_destroy(said);
    g_free(text);
}

/* The file of texts[0..n-1] (all of one file) with only their lines kept,
 * and every line end; texts moved to their place in it. */
static void keep_lines(Arena *a, Loc *texts, int n) {
    const Source *src = NULL;
    for (int i = 0; i < n && !src; i++) src = texts[i].src;
    if (!src) return;
    uint32_t from[LETTER_TEXTS], to[LETTER_TEXTS], moved[LETTER_TEXTS] = { 0 };   /* each text's lines */
    for (int i = 0; i < n; i++) {
        from[i] = to[i] = 0;
        if (!texts[i].src) continue;
        from[i] = texts[i].off, to[i] = texts[i].off + texts[i].len;
        while (from[i] > 0 && src->text[from[i] - 1] != '\n') from[i]--;
        while (to[i] < src->len && src->text[to[i]] != '\n') to[i]++;
    }
    GString *out = g_string_sized_new(1024);
    for (uint32_t b = 0; b < src->len; b++) {
        bool kept = src->text[b] == '\n';
        for (int i = 0; i < n; i++) {
            if (texts[i].src && b == texts[i].off) moved[i] = (uint32_t)out->len;
            kept |= b >= from[i] && b < to[i];
        }
        if (kept) g_string_append_c(out, src->text[b]);
    }
    Source *copy = source_from_bytes(a, src->path, out->str, out->len);
    g_string_free(out, TRUE);
    for (int i = 0; i < n; i++)
        if (texts[i].src) texts[i] = (Loc){ copy, moved[i], texts[i].len };
}

static const char *copied(Arena *a, const Text *t) { return t->s && !t->placeholder ? arena_strdup(a, t->s) : NULL; }

LetterNames letter_names_of(Arena *a, const Model *m) {
    LetterNames ln = { 0 };
    if (!m || !model_is_formulation(m)) return ln;
    const Formulation *f = &m->f;
    ln.name = copied(a, &f->patient.name);
    ln.preferred = copied(a, &f->patient.preferred);
    ln.clinician = copied(a, &f->clinician);
    const Text *texts[LETTER_TEXTS];
    letter_texts(f, texts);
    /* the letter block's file: the member's, or one it includes */
    const Source *src = NULL;
    for (int i = 0; i < LETTER_TEXTS; i++)
        if (texts[i]->s && !texts[i]->placeholder && texts[i]->loc.src && (!src || texts[i]->loc.src == src))
            ln.texts[i] = texts[i]->loc, src = texts[i]->loc.src;
    keep_lines(a, ln.texts, LETTER_TEXTS);
    return ln;
}

NameSet *letter_names_members(const MemberNames *others, int n) {
    NameSet *ns = nameset_new();
    for (int k = 0; k < n; k++)
        nameset_add_member(ns, others[k].name, others[k].preferred,
                           others[k].name ? others[k].name : others[k].preferred, SEVERAL);
    return ns;
}

void letter_names_say(const LetterNames *me, const Model *g, const NameSet *members) {
    NameSet *own = nameset_new();
    nameset_add_member(own, me->name, me->preferred, OWN, NULL);
    add_therapist(own, me->clinician);
    for (int i = 0; g && i < g->g.nleaders; i++) add_therapist(own, g->g.leaders[i].s);
    for (int i = 0; i < LETTER_TEXTS; i++)
        if (me->texts[i].src) check_text(members, own, me->texts[i]);
    nameset_free(own);
}

void letter_names_others(const Model *m, const Model *g) {
    if (!m || !model_is_formulation(m) || !g || g->g.nmembers == 0) return;
    Arena a = { 0 };
    LetterNames me = letter_names_of(&a, m);
    MemberNames *others = arena_alloc(&a, sizeof *others * (size_t)g->g.nmembers);
    for (int k = 0; k < g->g.nmembers; k++) others[k] = pseudonym_names_of_member(g, k);
    NameSet *members = letter_names_members(others, g->g.nmembers);
    letter_names_say(&me, g, members);
    nameset_free(members);
    arena_free(&a);
}
