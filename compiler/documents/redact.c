/* redact.c — the de-identified copy of a model; see redact.h. */
#include "front/dates.h"
#include "documents/redact.h"
#include "documents/language.h"
#include "documents/namematch.h"
#include "documents/pseudonym.h"
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/utf8.h"

enum { CAPITALISED_SHOWN = 20 };

/* What a removed detail reads, in the documents' language. */
static Text removed(Word w, const Redaction *r) { return (Text){ .s = language_word(w, r->lang) }; }

Redaction redact_plan(const Model *m, const Model *g) {
    Redaction r;
    pseudonym_in_group(m ? g : NULL, m ? m->main : g->main, r.pseudonym);
    uint64_t k = pseudonym_hash(g ? g->main : m->main);
    /* over a year, so that no moved date of a case falls on one of its
     * real dates (a case spans less than a year from pre to follow-up) */
    long weeks = 53 + (long)(k % 52);                /* 53 to 104 weeks */
    r.shift_days = ((k >> 32) & 1 ? -7 : 7) * weeks;
    r.lang = m ? language_of_member(m, g) : language_of_group(g);
    return r;
}

/* The character at s, and the one before it in text (NUL-terminated UTF-8,
 * as the model's texts are). */
static uint32_t char_at(const char *s) {
    uint32_t cp;
    utf8_decode(s, UTF8_MAX, &cp);
    return cp;
}
static const char *next_char(const char *s) { return s + utf8_decode(s, UTF8_MAX, NULL); }
static const char *prev_char(const char *text, const char *s) {
    return text + utf8_back(text, 0, (size_t)(s - text));
}

/* A letter or digit of any script at s (valid UTF-8, as the model's texts are). */
static bool word_char_at(const char *s) {
    return g_unichar_isalnum(char_at(s)) || g_unichar_ismark(char_at(s));
}

/* What de-identifying texts needs: the names, and where the lower-case
 * common words left as they are go (NULL: nowhere). */
typedef struct Scrub {
    const NameSet *ns;
    GPtrArray *kept;
} Scrub;

static void scrub(Arena *a, Text *t, const Scrub *sc) { t->s = nameset_replace(sc->ns, a, t->s, sc->kept); }

enum { FORMULATION_TEXTS = 17 + 2 * PHASE_COUNT };

/* Every text the clinician wrote about the patient but the goals, into
 * out; returns how many (FORMULATION_TEXTS). */
static int formulation_texts(Formulation *f, Text *out[FORMULATION_TEXTS]) {
    Text *texts[] = {
        &f->crp.acts_of_self, &f->crp.expectations_of_others, &f->crp.acts_of_others,
        &f->crp.introject, &f->adaptation.need, &f->adaptation.affect, &f->adaptation.defense,
        &f->object_relations.past, &f->object_relations.current, &f->object_relations.expected,
        &f->in_group.therapists, &f->in_group.self, &f->in_group.members, &f->in_group.group,
        &f->letter.pattern, &f->letter.in_group, &f->left.reason,
    };
    int n = 0;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) out[n++] = texts[i];
    for (int p = 0; p < PHASE_COUNT; p++) {
        out[n++] = &f->enactments[p];
        out[n++] = &f->letter.phases[p];
    }
    return n;
}

/* ---- the model --------------------------------------------------------- */

static Date shifted(Date d, long days) {
    if (!d.set) return d;
    Date s = date_add_days(d, days);
    s.loc = d.loc;
    return s;
}

/* Every text the clinician wrote about the patient. */
static void scrub_formulation(Arena *a, Formulation *f, const Scrub *sc) {
    Text *texts[FORMULATION_TEXTS];
    for (int i = 0, n = formulation_texts(f, texts); i < n; i++) scrub(a, texts[i], sc);
    Goal *goals = arena_alloc(a, sizeof *goals * (size_t)(f->ngoals + 1));
    for (int i = 0; i < f->ngoals; i++) {
        goals[i] = f->goals[i];
        scrub(a, &goals[i].text, sc);
    }
    f->goals = goals;
}

/* Adds to ns the other members of group (when its members are resolved):
 * a member's names, found in this patient's texts ("more patient with Ada
 * than with the others"), become that member's pseudonym, the one its own
 * documents and the summary give it, and its id is removed. The patient's
 * own names were added first and keep their pseudonym; a name two other
 * members share ("Alex" for two Alexes) becomes "[name removed]", which
 * claims neither. */
static void add_other_members(Arena *a, NameSet *ns, const Model *group, const Redaction *r) {
    if (!group) return;
    const char *shared = language_word(WORD_NAME_REMOVED, r->lang);
    for (int k = 0; k < group->g.nmembers; k++) {
        const char *pseudonym = pseudonym_of_member(group, k);
        if (!*pseudonym || !strcmp(pseudonym, r->pseudonym)) continue;
        MemberNames who = pseudonym_names_of_member(group, k);
        nameset_add_member(ns, who.name, who.preferred, arena_strdup(a, pseudonym), shared);
        nameset_add(ns, who.id, language_word(WORD_ID_REMOVED, r->lang), NULL);
    }
}

/* redact_model, the lower-case common words left in the texts added to
 * kept (NULL: not kept). */
static Model *redact_copy(Arena *a, const Model *m, const Model *group, const Redaction *r, GPtrArray *kept) {
    Model *c = arena_alloc(a, sizeof *c);
    *c = *m;
    c->redacted = true;
    Formulation *f = &c->f;
    NameSet *ns = nameset_new();
    const char *pseudonym = arena_strdup(a, r->pseudonym);
    nameset_add_member(ns, f->patient.name.s, f->patient.preferred.s, pseudonym, NULL);
    nameset_add(ns, f->patient.id.s, language_word(WORD_ID_REMOVED, r->lang), NULL);
    add_other_members(a, ns, group, r);
    Scrub sc = { ns, kept };
    scrub_formulation(a, f, &sc);

    if (text_given(&f->patient.name))     /* a name still to be written too: never the file's */
        f->patient.name = (Text){ .s = pseudonym, .loc = f->patient.name.loc };
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
        scrub(a, &as[i].rater, &sc);
    }
    f->assessments = as;

    Group *g = &c->g;
    g->starts = shifted(g->starts, r->shift_days);
    g->code.s = NULL;
    if (g->place.s) g->place = removed(WORD_PLACE_REMOVED, r);
    scrub(a, &g->title, &sc);
    scrub(a, &g->meets, &sc);
    for (int l = 0; l < LANG_COUNT; l++) {
        g->place_in[l] = (Text){ 0 };
        scrub(a, &g->title_in[l], &sc);
        scrub(a, &g->meets_in[l], &sc);
    }

    Clinic *cl = &c->clinic;
    if (cl->name.s) cl->name = removed(WORD_CLINIC_REMOVED, r);
    if (cl->address.s) cl->address = removed(WORD_ADDRESS_REMOVED, r);
    if (cl->phone.s) cl->phone = removed(WORD_PHONE_REMOVED, r);
    cl->logo.s = NULL;
    nameset_free(ns);
    return c;
}

Model *redact_model(Arena *a, const Model *m, const Model *group, const Redaction *r) {
    return redact_copy(a, m, group, r, NULL);
}

/* Says, once, the words of the patient's name that are also common words
 * and were left as written in lower case in m's texts (kept): the
 * clinician checks that none was the name. */
static void note_kept(const Model *m, GPtrArray *kept) {
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    GString *list = g_string_new("");
    for (guint i = 0; i < kept->len; i++) {
        const char *w = kept->pdata[i];
        if (g_hash_table_contains(seen, w)) continue;
        g_hash_table_add(seen, (gpointer)w);
        g_string_append_printf(list, "%s'%s'", list->len ? ", " : "", w);
    }
    if (list->len)
        diag_file(DIAG_NOTE, m->main->path, "--redact left %s as written: the patient's name is also a "
                  "common word, which in lower case is taken for the word (\"rose to the challenge\"); "
                  "check that none is the name", list->str);
    g_string_free(list, TRUE);
    g_hash_table_destroy(seen);
}

void redact_case(Arena *a, Model **m, const Model **group, bool note) {
    Redaction r = redact_plan(*m, *group);
    GPtrArray *kept = g_ptr_array_new_with_free_func(g_free);
    Model *patient = redact_copy(a, *m, *group, &r, kept);
    if (*group) *group = redact_model(a, *group, NULL, &r);
    *m = patient;
    if (note) {
        note_kept(patient, kept);
        redact_note_capitalised(patient);
    }
    g_ptr_array_free(kept, TRUE);
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

/* Whether the word w[0, len) is a pseudonym, this patient's or another
 * member's, also as "E29's": a capital and two digits. */
static bool is_pseudonym(const char *w, size_t len) {
    return len >= 3 && w[0] >= 'A' && w[0] <= 'Z' && g_ascii_isdigit(w[1]) && g_ascii_isdigit(w[2]) &&
           (len == 3 || w[3] == '\'');
}

static void collect_capitalised(const char *text, GPtrArray *words, GHashTable *seen) {
    if (!text) return;
    for (const char *p = text; *p;) {
        if (!word_char_at(p)) { p = next_char(p); continue; }
        const char *w = p;
        while (*p && (word_char_at(p) || ((*p == '-' || *p == '\'') && p[1] && word_char_at(p + 1))))
            p = next_char(p);
        uint32_t first = char_at(w);
        size_t len = (size_t)(p - w);
        if (!g_unichar_isupper(first) || starts_sentence(text, w)) continue;
        if (len == 1 || is_pseudonym(w, len)) continue;
        char *word = g_strndup(w, len);
        if (g_hash_table_contains(seen, word)) {
            g_free(word);
            continue;
        }
        g_hash_table_add(seen, word);
        g_ptr_array_add(words, word);
    }
}

void redact_note_capitalised(const Model *m) {
    const Formulation *f = &m->f;
    Text *texts[FORMULATION_TEXTS];
    int ntexts = formulation_texts((Formulation *)f, texts);     /* only read */
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);   /* the words, once each */
    for (int i = 0; i < ntexts; i++) collect_capitalised(texts[i]->s, words, seen);
    for (int i = 0; i < f->ngoals; i++) collect_capitalised(f->goals[i].text.s, words, seen);
    g_hash_table_destroy(seen);
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
