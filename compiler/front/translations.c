/* translations.c — the names a member's documents print in a language the
 * instruments do not name them in. A French report prints the French name
 * of each scale it scores and of the norms it compares them with, and the
 * group's French summary prints the scales' names; where an instrument
 * file gives only the title (a clinic's own instrument, typically), the
 * document would print the title as written, in English, without a word
 * said. This pass says it: a warning at the first score on such a scale
 * in the member's file, with a note at the declaration. So too for the
 * patient's pronouns, which a clinician copies as the patient gave them:
 * a French report printing "she/her" is warned at the text. */
#include <ctype.h>
#include <string.h>
#include "front/checker.h"
#include "base/messages.h"

/* Whether p is among the n pointers of seen; adds it when not. */
static bool seen_before(Arena *a, const void ***seen, int *n, int *cap, const void *p) {
    for (int i = 0; i < *n; i++)
        if ((*seen)[i] == p) return true;
    *(const void **)arena_push(a, seen, n, cap, sizeof p) = p;
    return false;
}

/* Warns, at the score sc, about a norm of its scale with no name in the
 * language l of the member's report. */
static void check_norm(Checker *c, const Score *sc, const Norm *no, Lang l) {
    if (!no || no->name_in[l].s) return;
    ck_warning(c, sc->loc, "the %s norm of %s has no %s name: this member's %s report would print it as "
               "'%s' (give it one with %s \"...\" among the norm's keys)", no->name.s, sc->scale->qualified,
               diag_tr(lang_names[l]), diag_tr(lang_names[l]), no->name.s, lang_codes[l]);
    ck_note(no->loc, "the norm is declared here");
}

/* Warns, at the member's language, when its documents are in another
 * language than the group's and the group gives its title, meets or place
 * no text in theirs: the letter would print them as written, in the
 * group's language. */
static void check_group_texts(Checker *c, const Model *group) {
    const Formulation *f = &c->m->f;
    const Group *g = &group->g;
    int own = lang_index(f->language.s), theirs = lang_index(g->language.s ? g->language.s : "en");
    if (own < 0 || own == theirs) return;
    const struct { const Text *t, *in; const char *name; } texts[] = {
        { &g->title, g->title_in, "title" }, { &g->meets, g->meets_in, "meets" }, { &g->place, g->place_in, "place" } };
    const char *names[3];
    int n = 0;
    Loc at = { 0 };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        if (!texts[i].t->s || texts[i].t->placeholder || text_given(&texts[i].in[own])) continue;
        names[n++] = texts[i].name;
        if (!at.src) at = texts[i].t->loc;
    }
    if (!n) return;
    const char *missing = n == 1 ? names[0] : n == 2 ? arena_printf(c->a, diag_tr("%s and %s"), names[0], names[1])
                                            : arena_printf(c->a, diag_tr("%s, %s and %s"), names[0], names[1], names[2]);
    ck_warning(c, f->language.loc, "this member's documents are in %s, but the group gives no %s text for "
               "its %s: the letter and the report would %s, in %s (give %s \"...\" %s in the group file)",
               diag_tr(lang_names[own]), diag_tr(lang_names[own]), missing,
               diag_tr(n == 1 ? "print it as written" : "print them as written"),
               theirs >= 0 ? diag_tr(lang_names[theirs]) : g->language.s, lang_codes[own],
               diag_tr(n == 1 ? "after it" : "after each"));
    ck_note(at, "the group's text, in %s", theirs >= 0 ? diag_tr(lang_names[theirs]) : g->language.s);
}

/* The common forms of pronouns in each language, as a patient gives them
 * ("she/her", "they/them", "elle", "iel"); each subject form first, with
 * the other language's form a clinician would give for it. */
static const struct { const char *subject, *other; const char *const *forms; } pronoun_forms[LANG_COUNT][3] = {
    [LANG_EN] = { { "she", "elle", (const char *const[]){ "her", "hers", "herself", NULL } },
                  { "he", "il", (const char *const[]){ "him", "his", "himself", NULL } },
                  { "they", "iel", (const char *const[]){ "them", "their", "theirs", "themself", "themselves", NULL } } },
    [LANG_FR] = { { "elle", "she/her", (const char *const[]){ "elles", "la", NULL } },
                  { "il", "he/him", (const char *const[]){ "ils", "le", "lui", NULL } },
                  { "iel", "they/them", (const char *const[]){ "iels", "ielle", "ielles", "ille", "illes", NULL } } },
};

/* Which of the three pronouns of language l the word w[0..n) is (any of
 * its forms, in any case), or -1. */
static int pronoun_of(Lang l, const char *w, size_t n) {
    for (int k = 0; k < 3; k++) {
        if (strlen(pronoun_forms[l][k].subject) == n && !strncasecmp(w, pronoun_forms[l][k].subject, n)) return k;
        for (const char *const *f = pronoun_forms[l][k].forms; *f; f++)
            if (strlen(*f) == n && !strncasecmp(w, *f, n)) return k;
    }
    return -1;
}

/* When every word of s is a pronoun of language l (words: runs of ASCII
 * letters; "she/her", "They (them)"), their form in the other language
 * ("elle", "elle/iel", "she/her", "she/they"), else NULL. */
static const char *pronouns_other_form(Arena *a, const char *s, Lang l) {
    int seen[3], n = 0;
    for (const char *p = s; *p;) {
        if (!isalpha((unsigned char)*p)) {
            if ((unsigned char)*p >= 0x80) return NULL;       /* a letter of another alphabet, an accent */
            p++;
            continue;
        }
        const char *w = p;
        while (isalpha((unsigned char)*p)) p++;
        int k = pronoun_of(l, w, (size_t)(p - w));
        if (k < 0) return NULL;
        bool again = false;
        for (int i = 0; i < n; i++) again |= seen[i] == k;
        if (!again) seen[n++] = k;
    }
    if (!n) return NULL;
    if (n == 1) return pronoun_forms[l][seen[0]].other;
    const char *out = "";
    for (int i = 0; i < n; i++) {    /* several: each subject alone, "she/they" */
        const char *o = pronoun_forms[l][seen[i]].other, *slash = strchr(o, '/');
        out = arena_printf(a, "%s%s%.*s", out, i ? "/" : "", slash ? (int)(slash - o) : (int)strlen(o), o);
    }
    return out;
}

/* Warns, at the patient's pronouns, when a document in another language
 * than theirs would print them as written: the member's report (in
 * language own) or the group's summary (summary, -1 without a group), a
 * text given in one language only whose every word is a pronoun of the
 * other ("she/her" in a French report, "elle" in an English one). */
static void check_pronouns(Checker *c, int own, int summary) {
    const Text *t = &c->m->f.patient.pronouns;
    const Text *in = c->m->f.patient.pronouns_in;
    if (!t->s) return;
    for (int l = 0; l < LANG_COUNT; l++) {
        bool report = own >= 0 && own != l && !text_given(&in[own]);
        bool group = summary >= 0 && summary != l && !text_given(&in[summary]);
        if (!report && !group) continue;
        const char *other = pronouns_other_form(c->a, t->s, (Lang)l);
        if (!other) continue;
        Lang to = (Lang)(report ? own : summary);
        const char *where = report && group ? arena_printf(c->a, diag_tr("this member's %s report and the group's %s summary"),
                                                           diag_tr(lang_names[to]), diag_tr(lang_names[to]))
                          : report ? arena_printf(c->a, diag_tr("this member's %s report"), diag_tr(lang_names[to]))
                                   : arena_printf(c->a, diag_tr("the group's %s summary"), diag_tr(lang_names[to]));
        ck_warning(c, t->loc, "these pronouns are %s: %s would print them as written, \"%s\" (give their %s "
                   "form after them: pronouns \"%s\" %s \"%s\")", diag_tr(lang_names[l]), where, t->s, diag_tr(lang_names[to]),
                   t->s, lang_codes[to], other);
        return;
    }
}

void ck_translations(Checker *c, const Model *group) {
    const Formulation *f = &c->m->f;
    if (group && model_is_group(group)) check_group_texts(c, group);
    const char *group_lang = group && model_is_group(group) ? group->g.language.s : NULL;
    int own = lang_index(f->language.s ? f->language.s : group_lang);     /* the report and letter */
    int summary = lang_index(group_lang);
    check_pronouns(c, own >= 0 ? own : LANG_EN, group && model_is_group(group) ? (summary >= 0 ? summary : LANG_EN) : -1);
    if (own == LANG_EN) own = -1;            /* titles are written in English */
    if (summary == LANG_EN) summary = -1;
    if (own < 0 && summary < 0) return;
    const void **seen = NULL;
    int nseen = 0, cap = 0;
    for (int i = 0; i < f->nassessments; i++) {
        const Assessment *as = &f->assessments[i];
        for (int j = 0; j < as->nscores; j++) {
            const Score *sc = &as->scores[j];
            const Scale *s = sc->scale;
            if (!s || seen_before(c->a, &seen, &nseen, &cap, s)) continue;
            int l = own >= 0 ? own : summary;
            if (!s->title_in[l].s) {
                ck_warning(c, sc->loc, "%s has no %s name: %s would print its title as written, \"%s\" "
                           "(give it one with %s \"...\" after the title)", s->qualified, diag_tr(lang_names[l]),
                           own >= 0 ? arena_printf(c->a, diag_tr("this member's %s documents"), diag_tr(lang_names[l]))
                                    : arena_printf(c->a, diag_tr("the group's %s summary"), diag_tr(lang_names[l])),
                           s->title.s, lang_codes[l]);
                ck_note(s->id.loc, "%s is declared here", s->qualified);
            }
            if (own < 0) continue;
            const Norm *ref = model_reference_norm(s), *clin = model_clinical_norm(s);
            if (ref && !seen_before(c->a, &seen, &nseen, &cap, ref)) check_norm(c, sc, ref, (Lang)own);
            if (clin && !seen_before(c->a, &seen, &nseen, &cap, clin)) check_norm(c, sc, clin, (Lang)own);
        }
    }
}
