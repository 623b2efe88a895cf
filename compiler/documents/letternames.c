/* letternames.c — another member named in a letter; see letternames.h. */
#include "documents/letternames.h"
#include <string.h>
#include "base/diag.h"
#include "base/utf8.h"
#include "documents/namematch.h"
#include "documents/pseudonym.h"

/* What a name found stands for, beside another member's own text: one of
 * the patient's, the clinician's or a leader's (OWN), or a name two other
 * members share (SEVERAL). Distinct objects: compared by address. */
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
    bool month = false;
    for (size_t i = 0; i < G_N_ELEMENTS(months); i++) month |= !strcmp(low, months[i]);
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

/* Warns at each other member's name in letter text t, read in the file
 * (between its quotes) so that the warning points at it. */
static void check_text(const NameSet *ns, const Text *t) {
    const char *lit = t->loc.src->text + t->loc.off;
    uint32_t delim = t->loc.len >= 6 && !strncmp(lit, "\"\"\"", 3) ? 3 : 1;    /* the string's own quotes */
    if (t->loc.len < 2 * delim) return;
    char *text = g_strndup(lit + delim, t->loc.len - 2 * delim);
    size_t from = 0;
    NameFound n;
    while (nameset_next(ns, text, &from, &n)) {
        if (n.to == OWN || !said_as_name(text, &n)) continue;
        const char *line_end = memchr(text + n.start, '\n', n.end - n.start);
        Loc at = { t->loc.src, t->loc.off + delim + (uint32_t)n.start,
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
    g_free(text);
}

void letter_names_others(const Model *m, const Model *g) {
    if (!m || !model_is_formulation(m) || !g || g->g.nmembers == 0) return;
    const Formulation *f = &m->f;
    NameSet *ns = nameset_new();
    /* the patient's own names first: a member who shares one does not take it */
    nameset_add_member(ns, f->patient.name.s, f->patient.preferred.s, OWN, NULL);
    add_therapist(ns, f->clinician.s);
    for (int i = 0; i < g->g.nleaders; i++) add_therapist(ns, g->g.leaders[i].s);
    for (int k = 0; k < g->g.nmembers; k++) {
        MemberNames who = pseudonym_names_of_member(g, k);
        const char *to = who.name ? who.name : g->g.members[k].path;
        nameset_add_member(ns, who.name, who.preferred, to, SEVERAL);
    }
    const Text *texts[2 + PHASE_COUNT] = { &f->letter.pattern, &f->letter.in_group };
    for (int p = 0; p < PHASE_COUNT; p++) texts[2 + p] = &f->letter.phases[p];
    for (int i = 0; i < 2 + PHASE_COUNT; i++)
        if (texts[i]->s && !texts[i]->placeholder && texts[i]->loc.src) check_text(ns, texts[i]);
    nameset_free(ns);
}
