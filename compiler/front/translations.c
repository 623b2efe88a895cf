/* translations.c — the names a member's documents print in a language the
 * instruments do not name them in. A French report prints the French name
 * of each scale it scores and of the norms it compares them with, and the
 * group's French summary prints the scales' names; where an instrument
 * file gives only the title (a clinic's own instrument, typically), the
 * document would print the title as written, in English, without a word
 * said. This pass says it: a warning at the first score on such a scale
 * in the member's file, with a note at the declaration. */
#include <string.h>
#include "front/checker.h"

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
               lang_names[l], lang_names[l], no->name.s, lang_codes[l]);
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
    const char *missing = n == 1 ? names[0] : n == 2 ? arena_printf(c->a, "%s and %s", names[0], names[1])
                                            : arena_printf(c->a, "%s, %s and %s", names[0], names[1], names[2]);
    ck_warning(c, f->language.loc, "this member's documents are in %s, but the group gives no %s text for "
               "its %s: the letter and the report would print %s as written, in %s (give %s \"...\" after "
               "%s in the group file)", lang_names[own], lang_names[own], missing, n == 1 ? "it" : "them",
               theirs >= 0 ? lang_names[theirs] : g->language.s, lang_codes[own], n == 1 ? "it" : "each");
    ck_note(at, "the group's text, in %s", theirs >= 0 ? lang_names[theirs] : g->language.s);
}

void ck_translations(Checker *c, const Model *group) {
    const Formulation *f = &c->m->f;
    if (group && model_is_group(group)) check_group_texts(c, group);
    const char *group_lang = group && model_is_group(group) ? group->g.language.s : NULL;
    int own = lang_index(f->language.s ? f->language.s : group_lang);     /* the report and letter */
    int summary = lang_index(group_lang);
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
                           "(give it one with %s \"...\" after the title)", s->qualified, lang_names[l],
                           own >= 0 ? arena_printf(c->a, "this member's %s documents", lang_names[l])
                                    : arena_printf(c->a, "the group's %s summary", lang_names[l]),
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
