/* redact.c — the de-identified copy of a model; see redact.h. */
#include "front/dates.h"
#include "documents/redact.h"
#include "documents/language.h"
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/utf8.h"

enum { NAMES_MAX = 64, CAPITALISED_SHOWN = 20 };

/* What a removed detail reads, in the documents' language. */
static Text removed(Word w, const Redaction *r) { return (Text){ language_word(w, r->lang), { 0 } }; }

/* FNV-1a over the bytes of a file: stable across runs and machines. */
static uint64_t hash_source(const Source *src) {
    uint64_t h = 1469598103934665603ull;
    for (uint32_t i = 0; src && i < src->len; i++) {
        h ^= (unsigned char)src->text[i];
        h *= 1099511628211ull;
    }
    return h;
}

void redact_pseudonym(const Source *src, char out[8]) {
    static const char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";   /* no I or O */
    uint64_t h = hash_source(src);
    snprintf(out, 8, "%c%d", letters[h % 24], 10 + (int)((h / 24) % 90));
}

Redaction redact_plan(const Model *m, const Model *g) {
    Redaction r;
    redact_pseudonym(m ? m->main : g->main, r.pseudonym);
    uint64_t k = hash_source(g ? g->main : m->main);
    /* over a year, so that no moved date of a case falls on one of its
     * real dates (a case spans less than a year from pre to follow-up) */
    long weeks = 53 + (long)(k % 52);                /* 53 to 104 weeks */
    r.shift_days = ((k >> 32) & 1 ? -7 : 7) * weeks;
    r.lang = m ? language_of_member(m, g) : language_of_group(g);
    return r;
}

/* ---- names in the clinician's texts ------------------------------------ */

/* What to replace in texts, longest first so that a full name is replaced
 * as one. */
typedef struct NamePair { const char *from, *to; } NamePair;
typedef struct Names {
    NamePair pair[NAMES_MAX];
    int n;
} Names;

/* The character at s, the one after it and the one before it in text
 * (NUL-terminated UTF-8, as the model's texts are). */
static uint32_t char_at(const char *s) {
    uint32_t cp;
    utf8_decode(s, UTF8_MAX, &cp);
    return cp;
}
static const char *next_char(const char *s) { return s + utf8_decode(s, UTF8_MAX, NULL); }
static const char *prev_char(const char *text, const char *s) {
    return text + utf8_back(text, 0, (size_t)(s - text));
}

static void names_add(Arena *a, Names *ns, const char *from, size_t len, const char *to) {
    if (len < 2 || ns->n + 2 > NAMES_MAX) return;
    char *s = arena_alloc(a, len + 1);
    memcpy(s, from, len);
    s[len] = '\0';
    for (int i = 0; i < ns->n; i++)
        if (!strcmp(ns->pair[i].from, s)) return;
    ns->pair[ns->n++] = (NamePair){ s, to };
    /* the same in capitals, as a name may be written in a heading */
    char *up = g_utf8_strup(s, -1);
    if (strcmp(up, s)) ns->pair[ns->n++] = (NamePair){ arena_strdup(a, up), to };
    g_free(up);
}

/* A name; each of its words that starts with a capital (not particles such
 * as "de" or "van"); and each such part of a hyphenated word. */
static void names_add_name(Arena *a, Names *ns, const char *name, const char *to) {
    if (!name) return;
    names_add(a, ns, name, strlen(name), to);
    static const char *const separators[] = { " \t\n", " \t\n-" };
    for (int k = 0; k < 2; k++) {
        char **words = g_strsplit_set(name, separators[k], -1);
        for (char **w = words; *w; w++)
            if (g_unichar_isupper(char_at(*w))) names_add(a, ns, *w, strlen(*w), to);
        g_strfreev(words);
    }
}

static int longer_first(const void *x, const void *y) {
    size_t a = strlen(((const NamePair *)x)->from), b = strlen(((const NamePair *)y)->from);
    return a < b ? 1 : a > b ? -1 : 0;
}

/* A letter or digit of any script at s (valid UTF-8, as the model's texts are). */
static bool word_char_at(const char *s) {
    return g_unichar_isalnum(char_at(s)) || g_unichar_ismark(char_at(s));
}

/* text with every whole-word occurrence of a name replaced. */
static const char *replace_names(Arena *a, const char *text, const Names *ns) {
    if (!text || !ns->n) return text;
    GString *out = g_string_sized_new(strlen(text));
    bool changed = false;
    for (const char *p = text; *p;) {
        bool at_start = p == text || !word_char_at(prev_char(text, p));
        int hit = -1;
        for (int i = 0; at_start && hit < 0 && i < ns->n; i++) {
            size_t n = strlen(ns->pair[i].from);
            if (!strncmp(p, ns->pair[i].from, n) && (!p[n] || !word_char_at(p + n))) hit = i;
        }
        if (hit >= 0) {
            g_string_append(out, ns->pair[hit].to);
            p += strlen(ns->pair[hit].from);
            changed = true;
        } else {
            const char *next = next_char(p);
            g_string_append_len(out, p, next - p);
            p = next;
        }
    }
    const char *result = changed ? arena_strdup(a, out->str) : text;
    g_string_free(out, TRUE);
    return result;
}

static void scrub(Arena *a, Text *t, const Names *ns) { t->s = replace_names(a, t->s, ns); }

/* ---- the model --------------------------------------------------------- */

static Date shifted(Date d, long days) {
    if (!d.set) return d;
    Date s = date_add_days(d, days);
    s.loc = d.loc;
    return s;
}

/* Every text the clinician wrote about the patient, and the raters. */
static void scrub_formulation(Arena *a, Formulation *f, const Names *ns) {
    Text *texts[] = {
        &f->crp.acts_of_self, &f->crp.expectations_of_others, &f->crp.acts_of_others,
        &f->crp.introject, &f->adaptation.need, &f->adaptation.affect, &f->adaptation.defense,
        &f->object_relations.past, &f->object_relations.current, &f->object_relations.expected,
        &f->in_group.therapists, &f->in_group.self, &f->in_group.members, &f->in_group.group,
        &f->letter.pattern, &f->letter.in_group, &f->left.reason,
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) scrub(a, texts[i], ns);
    for (int p = 0; p < PHASE_COUNT; p++) {
        scrub(a, &f->enactments[p], ns);
        scrub(a, &f->letter.phases[p], ns);
    }
    Goal *goals = arena_alloc(a, sizeof *goals * (size_t)(f->ngoals + 1));
    for (int i = 0; i < f->ngoals; i++) {
        goals[i] = f->goals[i];
        scrub(a, &goals[i].text, ns);
    }
    f->goals = goals;
}

Model *redact_model(Arena *a, const Model *m, const Model *group, const Redaction *r) {
    Model *c = arena_alloc(a, sizeof *c);
    *c = *m;
    c->redacted = true;
    Formulation *f = &c->f;
    Names ns = { .n = 0 };
    const char *pseudonym = arena_strdup(a, r->pseudonym);
    names_add_name(a, &ns, f->patient.name.s, pseudonym);
    names_add_name(a, &ns, f->patient.preferred.s, pseudonym);
    if (f->patient.id.s) names_add(a, &ns, f->patient.id.s, strlen(f->patient.id.s), language_word(WORD_ID_REMOVED, r->lang));
    qsort(ns.pair, (size_t)ns.n, sizeof ns.pair[0], longer_first);
    scrub_formulation(a, f, &ns);

    if (f->patient.name.s) f->patient.name.s = pseudonym;
    f->patient.preferred.s = NULL;     /* the pseudonym is the one name */
    f->patient.id.s = NULL;
    if (f->patient.born.set) {
        f->patient.has_age = true;
        f->patient.age = age_on(f->patient.born, model_age_date(m, group, date_today()));
        f->patient.born.set = false;
    }
    Assessment *as = arena_alloc(a, sizeof *as * (size_t)(f->nassessments + 1));
    for (int i = 0; i < f->nassessments; i++) {
        as[i] = f->assessments[i];
        as[i].date = shifted(as[i].date, r->shift_days);
        scrub(a, &as[i].rater, &ns);
    }
    f->assessments = as;

    Group *g = &c->g;
    g->starts = shifted(g->starts, r->shift_days);
    g->code.s = NULL;
    if (g->place.s) g->place = removed(WORD_PLACE_REMOVED, r);
    scrub(a, &g->title, &ns);
    scrub(a, &g->meets, &ns);
    for (int l = 0; l < LANG_COUNT; l++) {
        g->place_in[l] = (Text){ 0 };
        scrub(a, &g->title_in[l], &ns);
        scrub(a, &g->meets_in[l], &ns);
    }

    Clinic *cl = &c->clinic;
    if (cl->name.s) cl->name = removed(WORD_CLINIC_REMOVED, r);
    if (cl->address.s) cl->address = removed(WORD_ADDRESS_REMOVED, r);
    if (cl->phone.s) cl->phone = removed(WORD_PHONE_REMOVED, r);
    cl->logo.s = NULL;
    return c;
}

void redact_case(Arena *a, Model **m, const Model **group, bool note) {
    Redaction r = redact_plan(*m, *group);
    Model *patient = redact_model(a, *m, *group, &r);
    if (*group) *group = redact_model(a, *group, NULL, &r);
    *m = patient;
    if (note) redact_note_capitalised(patient);
}

/* ---- capitalised words left in the texts ------------------------------- */

/* True when the word at p (in text) starts a sentence: only spaces, quotes
 * and brackets stand between it and the text's start or a . ! ? or a
 * paragraph break. */
static bool starts_sentence(const char *text, const char *p) {
    while (p > text) {
        p = prev_char(text, p);
        uint32_t c = char_at(p);
        if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':') return true;
        if (!g_unichar_isspace(c) && !g_unichar_ispunct(c)) return false;
        if (c == ',' || c == ';') return false;
    }
    return true;
}

static void collect_capitalised(const char *text, const char *skip, GPtrArray *words) {
    if (!text) return;
    for (const char *p = text; *p;) {
        if (!word_char_at(p)) { p = next_char(p); continue; }
        const char *w = p;
        while (*p && (word_char_at(p) || ((*p == '-' || *p == '\'') && p[1] && word_char_at(p + 1))))
            p = next_char(p);
        uint32_t first = char_at(w);
        size_t len = (size_t)(p - w);
        if (!g_unichar_isupper(first) || starts_sentence(text, w)) continue;
        size_t n = strlen(skip);     /* the pseudonym, also as "E29's" */
        if (len == 1 || (len >= n && !strncmp(w, skip, n) && (len == n || w[n] == '\''))) continue;
        char *word = g_strndup(w, len);
        bool seen = false;
        for (guint i = 0; i < words->len && !seen; i++) seen = !strcmp(words->pdata[i], word);
        if (seen) g_free(word);
        else g_ptr_array_add(words, word);
    }
}

void redact_note_capitalised(const Model *m) {
    const Formulation *f = &m->f;
    const Text *texts[] = {
        &f->crp.acts_of_self, &f->crp.expectations_of_others, &f->crp.acts_of_others,
        &f->crp.introject, &f->adaptation.need, &f->adaptation.affect, &f->adaptation.defense,
        &f->object_relations.past, &f->object_relations.current, &f->object_relations.expected,
        &f->in_group.therapists, &f->in_group.self, &f->in_group.members, &f->in_group.group,
        &f->letter.pattern, &f->letter.in_group, &f->left.reason,
    };
    const char *skip = f->patient.name.s ? f->patient.name.s : "";
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) collect_capitalised(texts[i]->s, skip, words);
    for (int p = 0; p < PHASE_COUNT; p++) {
        collect_capitalised(f->enactments[p].s, skip, words);
        collect_capitalised(f->letter.phases[p].s, skip, words);
    }
    for (int i = 0; i < f->ngoals; i++) collect_capitalised(f->goals[i].text.s, skip, words);
    if (words->len) {
        GString *list = g_string_new("");
        for (guint i = 0; i < words->len && i < CAPITALISED_SHOWN; i++)
            g_string_append_printf(list, "%s%s", i ? ", " : "", (const char *)words->pdata[i]);
        if (words->len > CAPITALISED_SHOWN) g_string_append_printf(list, " and %u more", words->len - CAPITALISED_SHOWN);
        diag_file(DIAG_NOTE, m->main->path, "--redact cannot judge these capitalised words in the "
                  "texts; check that none names a person or place: %s", list->str);
        g_string_free(list, TRUE);
    }
    g_ptr_array_free(words, TRUE);
}
