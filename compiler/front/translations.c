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

void ck_translations(Checker *c, const Model *group) {
    const Formulation *f = &c->m->f;
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
