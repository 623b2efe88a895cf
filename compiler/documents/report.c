/* report.c — the formulation report. Its wording and the order of its
 * sections come from a template (templates/report.LANG.tmpl, or a
 * clinic's own); this file hands the template the model's values and draws
 * what the template places with @insert: the score tables, the profile and
 * change charts, the Cyclical Relational Pattern and the two triangles, and
 * the signature line. */
#include "front/dates.h"
#include "documents/report.h"
#include "documents/clinic.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "figures/chart.h"
#include "base/diag.h"
#include "figures/diagram.h"
#include "documents/language.h"
#include "documents/tmpl_layout.h"

typedef struct ChartData {
    ChartScale *scales;
    size_t n;
    ProfileChart profile;
    ChangeChart change;
} ChartData;

/* What the inserts draw from. */
typedef struct Report {
    Arena *a;
    const Model *m;
    const Scored *sc;
    ChartData *charts;
    const char *lang;   /* the report's language (language_of_member) */
} Report;

/* A run holding a Text (its origin lets missing glyphs point at the source). */
static Run run_plain(const char *s, RunStyle style) { return (Run){ s, style, LOC_NONE, 0, NULL }; }

/* A number in the report's language, or "" when there is none. */
static const char *fmt_num(Arena *a, bool has, double v, int decimals, const char *lang) {
    return has ? language_number(a, v, decimals, lang) : "";
}

/* A percentile ("> 99" and "< 1" at the ends), or "" when there is none. */
static const char *fmt_percentile(Arena *a, bool has, double pct) {
    char buf[8];
    return has ? arena_strdup(a, scored_percentile_text(pct, buf)) : "";
}

/* Raw scores are shown whole unless one of them has a fraction. */
static int decimals_for(const ScoredScale *s) {
    for (int w = 0; w < WHEN_COUNT; w++)
        if (s->at[w].has && s->at[w].value != (long)s->at[w].value) return 2;
    return 0;
}

/* A scale's name in lang and its instrument: "Self-oriented perfectionism (hfmps)". */
static const char *scale_label(Arena *a, const Scale *s, const char *lang) {
    return arena_printf(a, "%s (%s)", text_in(&s->title, s->title_in, lang)->s, s->instrument->id.s);
}

/* The same name as it reads within a sentence, after a colon or in a list
 * of a note: "perfectionnisme orienté vers soi (hfmps)" in French; a name
 * in another language than lang's as it is written. */
static const char *scale_in_sentence(Arena *a, const Scale *s, const char *lang) {
    const char *label = scale_label(a, s, lang);
    return model_scale_title_lang(s, lang) ? label : language_in_sentence(a, label, lang);
}

/* A scale's name as a value in its own language (model_scale_title_lang): its
 * typography and /Lang those of that language. */
static TValue *scale_value(Arena *a, const Scale *s, const char *lang, bool in_sentence) {
    return tv_text_in(in_sentence ? scale_in_sentence(a, s, lang) : scale_label(a, s, lang), LOC_NONE,
                      model_scale_title_lang(s, lang));
}

static bool rated_by(const ScoredScale *s, const char *rater) {
    return rater ? s->rater && !strcmp(rater, s->rater) : !s->rater;
}

/* ---- data for the template -------------------------------------------- */

/* A text value (or a known-but-absent name) at path; "(to be completed)"
 * in lang where a placeholder holds its place. */
static void put_text(TValue *root, const char *path, const Text *t, const char *lang) {
    tv_set(root, path, language_text(t, lang));
}

/* The clinician's prose t at path, its sentences and quoted passages in
 * the other language marked as that language's (language_prose). */
static void put_prose(TValue *root, const char *path, const Text *t, const char *lang) {
    tv_set(root, path, language_prose(t, lang));
}

static void put_str(TValue *root, const char *path, const char *s) {
    tv_set(root, path, s ? tv_text(s, LOC_NONE) : NULL);
}

static void put_num(Arena *a, TValue *root, const char *path, bool has, double v, const char *lang) {
    put_str(root, path, has ? language_number(a, v, -1, lang) : NULL);
}

/* The sessions attended and an early ending: attendance.count, .weeks,
 * .of (the group's weeks), .single (one session); left.week, left.reason,
 * left.phase.NAME (yes for the phase the week falls in). */
static void attendance_data(Arena *a, TValue *d, const Formulation *f, const Group *g, const char *lang) {
    bool known = f->attended.loc.src != NULL;
    int n = model_sessions_attended(f);
    tv_set(d, "attendance.recorded", tv_bool(known));
    put_str(d, "attendance.count", known ? arena_printf(a, "%d", n) : NULL);
    put_str(d, "attendance.weeks", known ? model_weeks_text(a, f) : NULL);
    put_str(d, "attendance.of", known && g && g->weeks > 0 ? arena_printf(a, "%d", g->weeks) : NULL);
    tv_set(d, "attendance.single", tv_bool(known && n == 1));
    put_str(d, "left.week", f->left.week ? arena_printf(a, "%d", f->left.week) : NULL);
    put_prose(d, "left.reason", &f->left.reason, lang);
    Phase in = f->left.week && g && g->weeks > 0 ? phase_of_week(g, f->left.week) : PHASE_COUNT;
    for (int p = 0; p < PHASE_COUNT; p++)
        tv_set(d, arena_printf(a, "left.phase.%s", phase_names[p]), tv_bool(in == (Phase)p));
}

static void identification_data(Arena *a, TValue *d, const Model *m, const Model *group,
                                const char *lang) {
    const Formulation *f = &m->f;
    put_text(d, "patient.name", &f->patient.name, lang);
    put_text(d, "patient.preferred", &f->patient.preferred, lang);
    put_text(d, "patient.id", &f->patient.id, lang);
    put_text(d, "patient.pronouns", text_in(&f->patient.pronouns, f->patient.pronouns_in, lang), lang);
    put_text(d, "clinician", &f->clinician, lang);
    if (f->patient.born.set || f->patient.has_age) {
        Date on = model_age_date(m, group, date_today());
        put_str(d, "patient.born", f->patient.born.set ? date_in_words(a, f->patient.born, lang, false) : NULL);
        put_str(d, "patient.age", arena_printf(a, "%d", f->patient.born.set ? age_on(f->patient.born, on)
                                                                             : f->patient.age));
        put_str(d, "patient.age_on", date_in_words(a, on, lang, false));
    } else {
        put_str(d, "patient.born", NULL);
        put_str(d, "patient.age", NULL);
        put_str(d, "patient.age_on", NULL);
    }
    const Group *g = group ? &group->g : NULL;
    put_text(d, "group.title", g ? text_in(&g->title, g->title_in, lang) : &(Text){ 0 }, lang);
    tv_set(d, "group.code", g && g->code.s ? tv_text(g->code.s, g->code.loc) : NULL);   /* a placeholder: left out */
    put_str(d, "group.starts", language_group_starts(a, group, lang, false));
    put_str(d, "group.weeks", language_group_weeks(a, group, lang));
    attendance_data(a, d, f, g, lang);
    TValue *list = tv_list();
    for (int i = 0; i < f->nassessments; i++) {
        const Assessment *as = &f->assessments[i];
        TValue *item = tv_map();
        tv_set(item, "pre", tv_bool(as->when == WHEN_PRE));
        tv_set(item, "post", tv_bool(as->when == WHEN_POST));
        tv_set(item, "followup", tv_bool(as->when == WHEN_FOLLOWUP));
        put_str(item, "date", date_in_words(a, as->date, lang, false));
        put_text(item, "rater", &as->rater, lang);
        tv_list_add(list, item);
    }
    tv_set(d, "assessments", list);
}

/* The same norm for a note: its name in lang and its source agree. */
static bool same_norm_source(const Norm *a, const Norm *b, const char *lang) {
    const char *na = text_in(&a->name, a->name_in, lang)->s, *nb = text_in(&b->name, b->name_in, lang)->s;
    return !strcmp(na ? na : "", nb ? nb : "") &&
           !strcmp(a->source.s ? a->source.s : "", b->source.s ? b->source.s : "");
}

/* The norms used, in first-use order: `norms`, each norm with the names
 * of the scales that use it; and `norm_sources`, the norms of one name and
 * one source together (an instrument's norm is a norm per scale, all from
 * one paper), each with its scales' figures, so that a note names the
 * source once. */
static void norms_data(Arena *a, TValue *d, const Scored *sc, const char *lang) {
    const Norm **seen = NULL;
    int n = 0, cap = 0;
    for (int i = 0; i < sc->nscales; i++) {
        const Norm *no[2] = { sc->scales[i].reference, sc->scales[i].clinical };
        for (int k = 0; k < 2; k++) {
            int j = 0;
            while (no[k] && j < n && seen[j] != no[k]) j++;
            if (no[k] && j == n) *(const Norm **)arena_push(a, &seen, &n, &cap, sizeof *seen) = no[k];
        }
    }
    TValue *list = tv_list(), *sources = tv_list();
    bool *grouped = arena_alloc(a, sizeof *grouped * (size_t)(n + 1));
    for (int j = 0; j < n; j++) {
        const Norm *no = seen[j];
        const char *scales = arena_strdup(a, "");
        for (int i = 0; i < sc->nscales; i++)
            if ((sc->scales[i].reference == no || sc->scales[i].clinical == no) && !sc->scales[i].rater)
                scales = arena_printf(a, "%s%s%s", scales, *scales ? ", " : "", scale_in_sentence(a, sc->scales[i].scale, lang));
        TValue *item = tv_map();
        put_str(item, "scales", scales);
        put_text(item, "name", text_in(&no->name, no->name_in, lang), lang);
        put_num(a, item, "mean", true, no->mean, lang);
        put_num(a, item, "sd", true, no->sd, lang);
        put_str(item, "n", no->n ? arena_printf(a, "%d", no->n) : NULL);
        put_text(item, "source", &no->source, lang);
        tv_list_add(list, item);
        if (grouped[j]) continue;
        /* this norm, and every later one of the same name and source */
        TValue *group = tv_map(), *members = tv_list();
        int count = 0;
        for (int k = j; k < n; k++) {
            if (grouped[k] || !same_norm_source(no, seen[k], lang)) continue;
            grouped[k] = true;
            const Scale *used = NULL;
            for (int i = 0; i < sc->nscales && !used; i++)
                if (sc->scales[i].reference == seen[k] || sc->scales[i].clinical == seen[k]) used = sc->scales[i].scale;
            TValue *m = tv_map();
            tv_set(m, "scale", used ? scale_value(a, used, lang, true) : NULL);
            put_num(a, m, "mean", true, seen[k]->mean, lang);
            put_num(a, m, "sd", true, seen[k]->sd, lang);
            put_str(m, "n", seen[k]->n ? arena_printf(a, "%d", seen[k]->n) : NULL);
            tv_list_add(members, m);
            count++;
        }
        put_text(group, "name", text_in(&no->name, no->name_in, lang), lang);
        put_text(group, "source", &no->source, lang);
        tv_set(group, "several", tv_bool(count > 1));
        tv_set(group, "scales", members);
        tv_list_add(sources, group);
    }
    tv_set(d, "norms", list);
    tv_set(d, "norm_sources", sources);
}

/* The clinical cutoff of each scale that has one, once a scale (an
 * informant's rows share their scale's): cutoffs[].scale, .value, .kind
 * (a, b or c) with a yes for it (.a, .b, .c), and .higher_is_worse, so the
 * report says what the outcomes were judged against and how it was found
 * (Jacobson & Truax, 1991), where only the change chart drew it. */
static void cutoffs_data(Arena *a, TValue *d, const Scored *sc, const char *lang) {
    TValue *list = tv_list();
    for (int i = 0; i < sc->nscales; i++) {
        const ScoredScale *s = &sc->scales[i];
        int j = 0;
        while (j < i && sc->scales[j].scale != s->scale) j++;
        if (j < i || s->cutoff.kind == CUTOFF_NONE) continue;
        TValue *item = tv_map();
        tv_set(item, "scale", scale_value(a, s->scale, lang, true));
        put_str(item, "value", language_number(a, s->cutoff.value, 2, lang));
        put_str(item, "kind", score_cutoff_name(s->cutoff.kind));
        tv_set(item, "a", tv_bool(s->cutoff.kind == CUTOFF_A));
        tv_set(item, "b", tv_bool(s->cutoff.kind == CUTOFF_B));
        tv_set(item, "c", tv_bool(s->cutoff.kind == CUTOFF_C));
        tv_set(item, "higher_is_worse", tv_bool(s->scale->direction == DIR_HIGHER_WORSE));
        tv_list_add(list, item);
    }
    tv_set(d, "cutoffs", list);
}

/* The scores prorated from fewer than all their items, each with its
 * scale, time point, rater and item counts. */
static void prorated_data(Arena *a, TValue *d, const Scored *sc, const char *lang) {
    TValue *list = tv_list();
    for (int i = 0; i < sc->nscales; i++)
        for (int w = 0; w < WHEN_COUNT; w++) {
            const ScoredPoint *p = &sc->scales[i].at[w];
            if (!scored_prorated(p)) continue;
            TValue *item = tv_map();
            tv_set(item, "scale", scale_value(a, sc->scales[i].scale, lang, false));
            tv_set(item, "pre", tv_bool(w == WHEN_PRE));
            tv_set(item, "post", tv_bool(w == WHEN_POST));
            tv_set(item, "followup", tv_bool(w == WHEN_FOLLOWUP));
            put_str(item, "rater", sc->scales[i].rater);
            put_str(item, "answered", arena_printf(a, "%d", p->items_answered));
            put_str(item, "of", arena_printf(a, "%d", p->items_of));
            tv_list_add(list, item);
        }
    tv_set(d, "prorated", list);
}

static void scores_data(TValue *d, const Scored *sc, const ChartData *cd) {
    tv_set(d, "has_scores", tv_bool(sc->nscales > 0));
    TValue *raters = tv_list();
    /* every informant, each once: the rows come rater by rater (scored.h) */
    for (int i = 0; i < sc->nscales; i++) {
        const char *rater = sc->scales[i].rater;
        if (rater && (i == 0 || !sc->scales[i - 1].rater || strcmp(sc->scales[i - 1].rater, rater)))
            tv_list_add(raters, tv_text(rater, LOC_NONE));
    }
    tv_set(d, "informants", raters);
    bool later = false;
    for (size_t i = 0; i < cd->n; i++) later |= (cd->scales[i].has_raw & ~CHART_BIT(CHART_PRE)) != 0;
    tv_set(d, "has_change", tv_bool(later));
}

/* The norm band the profile chart shades: T 40 to 60, the reference norm's
 * mean plus or minus one SD. */
enum { BAND_LOW = 40, BAND_HIGH = 60 };

/* A time point of a scale as the charts show it, for their alternative
 * texts: the raw score, the T-score (whole, as printed) and where it lies
 * against the norm band. */
static TValue *point_data(Arena *a, const ScoredPoint *p, int decimals, bool norm, const char *lang) {
    TValue *m = tv_map();
    put_str(m, "score", p->has ? language_number(a, p->value, decimals, lang) : NULL);
    bool has_t = norm && p->has && p->has_t;
    double t = has_t ? (double)lround(p->t) : 0;
    put_str(m, "t", has_t ? language_number(a, t, 0, lang) : NULL);
    tv_set(m, "above", tv_bool(has_t && t > BAND_HIGH));
    tv_set(m, "below", tv_bool(has_t && t < BAND_LOW));
    tv_set(m, "within", tv_bool(has_t && t >= BAND_LOW && t <= BAND_HIGH));
    return m;
}

/* Whether a change from pre is reliable, and which way, as the change
 * chart marks it. */
static void change_data(TValue *m, const ScoredChange *c) {
    bool computable = c->has && c->rci.computable;
    bool reliable = computable && c->rci.change != CHANGE_NONE;
    tv_set(m, "computable", tv_bool(computable));
    tv_set(m, "reliable", tv_bool(reliable));
    tv_set(m, "better", tv_bool(reliable && c->rci.change == CHANGE_IMPROVED));
    tv_set(m, "worse", tv_bool(reliable && c->rci.change == CHANGE_WORSENED));
}

/* The self-report scales in the charts' order, with what the profile and
 * change charts show of each: the words of their alternative texts. */
static void scales_data(Arena *a, TValue *d, const Scored *sc, const char *lang) {
    TValue *list = tv_list();
    for (int i = 0; i < sc->nscales; i++) {
        const ScoredScale *s = &sc->scales[i];
        if (s->rater) continue;
        bool norm = s->reference != NULL;
        int decimals = decimals_for(s);
        TValue *item = tv_map();
        tv_set(item, "name", scale_value(a, s->scale, lang, false));
        tv_set(item, "norm", tv_bool(norm));
        bool has_t = false;
        for (int w = 0; w < WHEN_COUNT; w++) has_t |= norm && s->at[w].has && s->at[w].has_t;
        tv_set(item, "has_t", tv_bool(has_t));
        tv_set(item, "pre", point_data(a, &s->at[WHEN_PRE], decimals, norm, lang));
        TValue *post = point_data(a, &s->at[WHEN_POST], decimals, norm, lang);
        change_data(post, &s->post);
        tv_set(item, "post", post);
        TValue *fu = point_data(a, &s->at[WHEN_FOLLOWUP], decimals, norm, lang);
        change_data(fu, &s->followup);
        tv_set(item, "followup", fu);
        tv_list_add(list, item);
    }
    tv_set(d, "scales", list);
}

static void formulation_data(Arena *a, TValue *d, const Model *m, const Model *group, const char *lang) {
    const Formulation *f = &m->f;
    tv_set(d, "show.crp", tv_bool(f->crp.loc.src || f->draft));
    put_prose(d, "crp.acts_of_self", &f->crp.acts_of_self, lang);
    put_prose(d, "crp.expectations_of_others", &f->crp.expectations_of_others, lang);
    put_prose(d, "crp.acts_of_others", &f->crp.acts_of_others, lang);
    put_prose(d, "crp.introject", &f->crp.introject, lang);
    tv_set(d, "show.adaptation", tv_bool(f->adaptation.loc.src || f->draft));
    put_prose(d, "adaptation.need", &f->adaptation.need, lang);
    put_prose(d, "adaptation.affect", &f->adaptation.affect, lang);
    put_prose(d, "adaptation.defense", &f->adaptation.defense, lang);
    tv_set(d, "show.object_relations", tv_bool(f->object_relations.loc.src || f->draft));
    put_prose(d, "object_relations.past", &f->object_relations.past, lang);
    put_prose(d, "object_relations.current", &f->object_relations.current, lang);
    put_prose(d, "object_relations.expected", &f->object_relations.expected, lang);
    tv_set(d, "show.in_group", tv_bool(f->in_group.loc.src != NULL));
    put_prose(d, "in_group.therapists", &f->in_group.therapists, lang);
    put_prose(d, "in_group.self", &f->in_group.self, lang);
    put_prose(d, "in_group.members", &f->in_group.members, lang);
    put_prose(d, "in_group.group", &f->in_group.group, lang);
    tv_set(d, "show.enactments", tv_bool(f->enactments_loc.src != NULL));
    bool weeks = group && group->g.weeks > 0;
    for (int p = 0; p < PHASE_COUNT; p++) {
        put_prose(d, arena_printf(a, "enactments.%s", phase_names[p]), &f->enactments[p], lang);
        const PhaseSpan *s = weeks ? &group->g.phases[p] : NULL;
        put_str(d, arena_printf(a, "phases.%s.first", phase_names[p]), s ? arena_printf(a, "%d", s->first) : NULL);
        put_str(d, arena_printf(a, "phases.%s.last", phase_names[p]), s ? arena_printf(a, "%d", s->last) : NULL);
        put_str(d, arena_printf(a, "phases.%s.span", phase_names[p]),
                s ? language_week_span(a, s->first, s->last, lang) : NULL);
    }
    tv_set(d, "phases.known", tv_bool(weeks));
}

static void goals_data(Arena *a, TValue *d, const Model *m, const Scored *sc, const char *lang) {
    TValue *list = tv_list();
    for (int i = 0; i < m->f.ngoals; i++) {
        const Goal *g = &m->f.goals[i];
        const ScoredGoal *sg = &sc->goals[i];
        TValue *item = tv_map();
        put_prose(item, "text", &g->text, lang);
        tv_set(item, "scale", g->has_target ? scale_value(a, g->target_scale, lang, true) : NULL);
        put_num(a, item, "target", g->has_target, g->target, lang);
        tv_set(item, "lower_is_better", tv_bool(g->has_target && g->target_scale->direction == DIR_HIGHER_WORSE));
        put_str(item, "by_week", g->by_week ? arena_printf(a, "%d", g->by_week) : NULL);
        tv_set(item, "met_pre", tv_bool(sg->has_pre && sg->met_pre));
        tv_set(item, "no_pre", tv_bool(g->has_target && !sg->has_pre && (sg->has_post || sg->has_followup)));
        tv_set(item, "has_post", tv_bool(sg->has_post));
        tv_set(item, "met_post", tv_bool(sg->has_post && sg->met_post));
        tv_set(item, "has_followup", tv_bool(sg->has_followup));
        tv_set(item, "met_followup", tv_bool(sg->has_followup && sg->met_followup));
        tv_list_add(list, item);
    }
    tv_set(d, "goals", list);
}

/* The whole data tree of the report in lang; docs/templates.md lists its
 * names. */
static TValue *report_data(Arena *a, const Model *m, const Scored *sc, const Model *group,
                           const ChartData *cd, const char *lang) {
    TValue *d = tv_map();
    tv_set(d, "draft", tv_bool(m->f.draft));
    tv_set(d, "redacted", tv_bool(m->redacted));
    identification_data(a, d, m, group, lang);
    document_clinic_data(a, d, model_clinic(m, group), lang);
    scores_data(d, sc, cd);
    prorated_data(a, d, sc, lang);
    norms_data(a, d, sc, lang);
    cutoffs_data(a, d, sc, lang);
    scales_data(a, d, sc, lang);
    formulation_data(a, d, m, group, lang);
    goals_data(a, d, m, sc, lang);
    return d;
}

/* ---- inserts: tables, charts, diagrams --------------------------------- */

/* An outcome in the template's words: words[] holds, in order, recovered,
 * improved, unchanged, deteriorated and not computable; "" when there is
 * no later score. An improvement from a pre score already past the cutoff
 * is marked when the template gives the note that explains the mark. */
static const char *outcome_word(Arena *a, const ScoredChange *c, const char *const *words, bool note) {
    if (!c->has) return "";
    switch (c->outcome) {
    case OUTCOME_RECOVERED: return words[0];
    case OUTCOME_IMPROVED:
        return note && c->pre_past_cutoff ? arena_printf(a, "%s" SCORED_PRE_PAST_MARK, words[1]) : words[1];
    case OUTCOME_UNCHANGED: return words[2];
    case OUTCOME_DETERIORATED: return words[3];
    case OUTCOME_NOT_COMPUTABLE: break;
    }
    return words[4];
}

/* One rater's score table (NULL: self-report) under the template's nine
 * column titles, followed by its five outcome words (outcome_word) and,
 * optionally, the note for an improvement from a pre score already past
 * the cutoff: printed under the table when a row needs it. */
static void score_table(Doc *doc, const Report *r, const char *rater, const char *const *titles, int nargs) {
    Arena *a = r->a;
    const char *note = nargs > 14 && titles[14][0] ? titles[14] : NULL;
    bool marked = false;
    static const double widths[9] = { 3.4, 0.8, 0.8, 1.1, 0.9, 0.7, 1.0, 1.5, 1.5 };
    TableColumn cols[9];
    /* the scale and the pre score always; a column nobody has a figure in
     * (no post or follow-up yet, no norm) is left out */
    for (int c = 0; c < 9; c++)
        cols[c] = (TableColumn){ titles[c], widths[c], c == 0 || c >= 7 ? ALIGN_LEFT : ALIGN_RIGHT, c >= 2 };
    int n = 0;
    for (int i = 0; i < r->sc->nscales; i++) n += rated_by(&r->sc->scales[i], rater);
    if (!n) return;
    Run *cells = arena_alloc(a, sizeof *cells * 9 * (size_t)n);
    int row = 0;
    for (int i = 0; i < r->sc->nscales; i++) {
        const ScoredScale *s = &r->sc->scales[i];
        if (!rated_by(s, rater)) continue;
        int d = decimals_for(s);
        Run *c = cells + 9 * row++;
        c[0] = run_plain(scale_label(a, s->scale, r->lang), RUN_PLAIN);
        c[0].lang = model_scale_title_lang(s->scale, r->lang);
        for (int w = 0; w < WHEN_COUNT; w++)
            c[1 + w] = run_plain(fmt_num(a, s->at[w].has, s->at[w].value, d, r->lang), RUN_PLAIN);
        c[4] = run_plain(s->reference ? fmt_num(a, s->at[WHEN_PRE].has_t, s->at[WHEN_PRE].t, 0, r->lang) : "\u2013",
                         RUN_PLAIN);
        c[5] = run_plain(fmt_percentile(a, s->at[WHEN_PRE].has_t, s->at[WHEN_PRE].percentile), RUN_PLAIN);
        c[6] = run_plain(fmt_num(a, s->post.rci.computable, s->post.rci.rci, scored_rci_decimals(s->post.rci.rci),
                                 r->lang), RUN_PLAIN);
        c[7] = run_plain(outcome_word(a, &s->post, titles + 9, note), RUN_PLAIN);
        c[8] = run_plain(outcome_word(a, &s->followup, titles + 9, note), RUN_PLAIN);
        marked |= note && ((s->post.has && s->post.outcome == OUTCOME_IMPROVED && s->post.pre_past_cutoff) ||
                           (s->followup.has && s->followup.outcome == OUTCOME_IMPROVED &&
                            s->followup.pre_past_cutoff));
    }
    doc_table(doc, cols, 9, cells, n);
    if (marked) {
        doc_keep_with_next(doc);        /* the table with the note on its mark */
        Run run = run_plain(arena_printf(a, SCORED_PRE_PAST_MARK " %s", note), RUN_SMALL);
        doc_paragraph(doc, &run, 1, PARA_LEFT | PARA_TIGHT | PARA_NO_HYPHENATE);
    }
}

static void place_scores(Doc *d, const char *const *args, int nargs, void *user) {
    score_table(d, user, NULL, args, nargs);
}

static void place_informant_scores(Doc *d, const char *const *args, int nargs, void *user) {
    score_table(d, user, args[0], args + 1, nargs - 1);
}

static ChartData *chart_data(Arena *a, const Scored *sc, const char *lang) {
    ChartData *cd = arena_alloc(a, sizeof *cd);
    cd->scales = arena_alloc(a, sizeof *cd->scales * (size_t)(sc->nscales + 1));
    for (int i = 0; i < sc->nscales; i++) {
        const ScoredScale *s = &sc->scales[i];
        if (s->rater) continue;
        ChartScale *c = &cd->scales[cd->n++];
        const char *own = model_scale_title_lang(s->scale, lang);
        c->label = language_typography(a, scale_label(a, s->scale, lang), own ? own : lang);
        c->label_lang = own;
        for (int w = 0; w < WHEN_COUNT; w++) {
            if (s->at[w].has) { c->raw[w] = s->at[w].value; c->has_raw |= CHART_BIT(w); }
            if (s->at[w].has_t) { c->t[w] = s->at[w].t; c->has_t |= CHART_BIT(w); }
        }
        c->has_norm = s->reference != NULL;
        /* the change as the scored model judged it, as the score table says it */
        const ScoredChange *ch[CHART_TIMES] = { NULL, &s->post, &s->followup };
        for (int t = CHART_POST; t < CHART_TIMES; t++) {
            if (!ch[t]->has || !ch[t]->rci.computable) continue;
            c->computable |= CHART_BIT(t);
            if (ch[t]->rci.change != CHANGE_NONE) c->reliable |= CHART_BIT(t);
            if (ch[t]->rci.change == CHANGE_IMPROVED) c->improved |= CHART_BIT(t);
        }
        c->has_cutoff = s->cutoff.kind != CUTOFF_NONE;
        c->cutoff = s->cutoff.value;
        c->higher_is_worse = s->scale->direction == DIR_HIGHER_WORSE;
        c->range_min = s->scale->min;
        c->range_max = s->scale->max;
        c->has_range = s->scale->has_range;
    }
    cd->profile = (ProfileChart){ .scales = cd->scales, .n = cd->n };
    cd->change = (ChangeChart){ .scales = cd->scales, .n = cd->n };
    return cd;
}

static void draw_profile(cairo_t *cr, double w, double h, void *ud) { chart_profile_draw(cr, ud, w, h); }

/* Copies the template's words into a chart's word list: n of them from
 * args, with the report's typographic quotes (the chart draws later,
 * after the arguments are gone). */
static void chart_words(const Report *r, const char **to, const char *const *args, int n) {
    for (int k = 0; k < n; k++) to[k] = language_typography(r->a, args[k], r->lang);
}

/* ---- charts of more scales than a page holds ----------------------------- */

/* A profile with more scales than fit on a page is drawn as several, one
 * after the other, each of the next scales with its own legend and axis
 * and at most this share of a page tall: nothing runs off the page, and a
 * heading fits above the first; the scales of a profile that fits are
 * kept together, on one axis. (The change chart's panels are independent
 * of each other: it splits between any two rows, doc_figure_rows.) */
#define CHART_PAGE_SHARE 0.9

/* The height at width w of the chart of k scales of `whole` from `from`. */
typedef double (*PartHeight)(const void *whole, size_t from, size_t k, double w);

/* How many of the n - from scales left go in the next part: all when they
 * fit room, else the most rows of `per_row` that do (at least one row).
 * The rows tried double until they no longer fit, then halve the gap: a
 * part costs the measuring of about twice its own scales, not of all
 * those left (with thousands of scales, measuring every remainder for
 * every part took time in the square of their number). */
static size_t part_size(const void *whole, size_t n, size_t from, size_t per_row, double w, double room,
                        PartHeight height) {
    size_t left = n - from, rows = (left + per_row - 1) / per_row;
    size_t fit = 0, over = rows + 1;       /* rows known to fit, rows known not to */
    for (size_t r = 1; fit < rows && over > rows; r = 2 * r < rows ? 2 * r : rows) {
        if (height(whole, from, r * per_row < left ? r * per_row : left, w) <= room) fit = r;
        else over = r;
    }
    if (fit == rows) return left;
    while (over - fit > 1) {
        size_t mid = fit + (over - fit) / 2;
        if (height(whole, from, mid * per_row, w) <= room) fit = mid;
        else over = mid;
    }
    if (!fit) fit = 1;
    return fit * per_row < left ? fit * per_row : left;
}

static ProfileChart profile_part(const ProfileChart *c, size_t from, size_t k) {
    ProfileChart part = *c;
    part.scales = c->scales + from;
    part.n = k;
    return part;
}
static double profile_part_height(const void *c, size_t from, size_t k, double w) {
    ProfileChart part = profile_part(c, from, k);
    return chart_profile_height(&part, w);
}

/* The change chart's panels of rows [from, to), as a chart of their own
 * (with its legend): a part of the chart on one page. */
static ChangeChart change_rows(const ChangeChart *c, int from, int to) {
    ChangeChart part = *c;
    size_t first = (size_t)from * (size_t)c->columns, last = (size_t)to * (size_t)c->columns;
    part.scales = c->scales + first;
    part.n = (last < c->n ? last : c->n) - first;
    return part;
}
static double change_rows_height(int from, int to, double w, void *c) {
    ChangeChart part = change_rows(c, from, to);
    return chart_change_height(&part, w);
}
static void draw_change_rows(cairo_t *cr, double w, double h, int from, int to, void *c) {
    ChangeChart part = change_rows(c, from, to);
    chart_change_draw(cr, &part, w, h);
}

/* Declares the figure added last as drawing texts in another language
 * when one of the n scales is named in one (its label_lang). */
static void scales_other_lang(Doc *d, const ChartScale *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i].label_lang) {
            doc_figure_other_lang(d);
            return;
        }
}

/* @insert profile | 3 time points | PW_* words in chart.h's order */
static void place_profile(Doc *d, const char *const *args, int nargs, void *user) {
    const Report *r = user;
    ProfileChart *c = &r->charts->profile;
    chart_words(r, c->time_labels, args, CHART_TIMES);
    chart_words(r, c->words, args + CHART_TIMES, PROFILE_WORDS);
    double w = doc_text_width(d), room = CHART_PAGE_SHARE * doc_text_height(d);
    chart_profile_axis(c, &c->t_min, &c->t_max);        /* one axis for every part */
    for (size_t from = 0, k; from < c->n; from += k) {
        k = part_size(c, c->n, from, 1, w, room, profile_part_height);
        ProfileChart *part = arena_alloc(r->a, sizeof *part);
        *part = profile_part(c, from, k);
        doc_figure(d, chart_profile_height(part, w), draw_profile, part);
        scales_other_lang(d, part->scales, part->n);
    }
}

/* @insert change | 3 time points | CW_* words in chart.h's order (the
 * last, for a change that cannot be judged, may be left out: no note) */
static void place_change(Doc *d, const char *const *args, int nargs, void *user) {
    const Report *r = user;
    ChangeChart *c = &r->charts->change;
    chart_words(r, c->time_labels, args, CHART_TIMES);
    chart_words(r, c->words, args + CHART_TIMES, nargs - CHART_TIMES);
    if (nargs - CHART_TIMES < CHANGE_WORDS) c->words[CW_NOT_COMPUTABLE] = "";
    c->decimal_comma = !strcmp(r->lang, "fr");
    c->columns = chart_change_columns(c, doc_text_width(d));   /* panels as wide in every part */
    if (c->n == 0) return;
    /* a row of panels at most per page part: the chart splits between rows */
    int rows = (int)((c->n + (size_t)c->columns - 1) / (size_t)c->columns);
    doc_figure_rows(d, rows, change_rows_height, draw_change_rows, c);
    scales_other_lang(d, c->scales, c->n);
}

static void draw_crp(cairo_t *cr, double w, double h, void *ud) { diagram_crp_draw(cr, ud, w, h); }
static void draw_triangle(cairo_t *cr, double w, double h, void *ud) { diagram_triangle_draw(cr, ud, w, h); }

/* A diagram at a page's end may be drawn smaller, where it would otherwise
 * move to the next page and leave a gap, as long as its texts are printed
 * at this size or more. */
#define DIAGRAM_SMALLEST_TEXT 7.0

/* A diagram holds its facets' texts while it stays within this share of
 * the page's text height; beyond it, the texts would be too long to read
 * in boxes, and the diagram shows the facet names only. */
#define DIAGRAM_MAX_SHARE 0.45

/* Each facet's text is printed once: inside the diagram, or, when the
 * texts are too long for it (labels_only), as labelled paragraphs under
 * a diagram of the facet names. */
static void facet_paragraphs(Doc *d, const Report *r, const char *const *labels, const Text *const *texts,
                             int n, const char *missing) {
    for (int i = 0; i < n; i++) {
        Run text = texts[i]->s ? (Run){ texts[i]->s, RUN_PLAIN, texts[i]->loc, 1, NULL } : run_plain(missing, RUN_ITALIC);
        Run *parts;     /* its sentences and quotations in the other language in theirs */
        int nparts = texts[i]->s ? language_prose_runs(r->a, text, text_lang(texts[i]), r->lang, &parts) : 0;
        Run *runs = arena_alloc(r->a, sizeof *runs * (size_t)(1 + (nparts ? nparts : 1)));
        runs[0] = run_plain(arena_printf(r->a, "%s. ", labels[i]), RUN_BOLD);
        if (nparts) memcpy(runs + 1, parts, sizeof *runs * (size_t)nparts);
        else runs[1] = text;
        doc_paragraph(d, runs, 1 + (nparts ? nparts : 1), PARA_JUSTIFY);
    }
}

/* A diagram that holds its facets' texts says them in its alternative
 * text too, after the template's words (the @alt before the insert), as
 * the paragraphs would: "Label. Text.", each text as the diagram draws it
 * (NULL: missing), a quotation in the other language in its quotes. */
static void alt_with_texts(Doc *d, const Report *r, const char *const *labels, const char *const *texts,
                           int n, const char *missing) {
    const char *alt = doc_alt(d);
    if (!alt) return;
    for (int i = 0; i < n; i++) {
        const char *t = texts[i] ? texts[i] : missing;
        size_t len = strlen(t);
        bool ends = len && (strchr(".!?", t[len - 1]) || (len >= 3 && !strcmp(t + len - 3, "\u2026")));
        alt = arena_printf(r->a, "%s %s. %s%s", alt, labels[i], t, ends ? "" : ".");
    }
    doc_alt_text(d, alt);
}

/* The facets' texts (NULL for a missing one) and labels, with the
 * report's typographic quotes (a sentence or quotation of the other
 * language in a text with that language's), copied for a diagram (which is drawn after
 * the arguments are gone), and each text's stretches in another language
 * than the report's; whether there is any. */
static bool facet_texts(const Report *r, const char **to, const char **labels, const FigSpan **spans,
                        int *nspans, const Text *const *texts, const char *const *args, int n) {
    bool other = false;
    for (int i = 0; i < n; i++) {
        labels[i] = language_typography(r->a, args[i], r->lang);
        to[i] = language_prose_typography(r->a, texts[i]->s, text_lang(texts[i]), r->lang, &spans[i], &nspans[i]);
        other |= nspans[i] > 0;
    }
    return other;
}

/* @insert crp | 4 labels | words for a missing facet */
static void place_crp(Doc *d, const char *const *args, int nargs, void *user) {
    const Report *r = user;
    const Formulation *f = &r->m->f;
    const Text *facets[4] = { &f->crp.acts_of_self, &f->crp.expectations_of_others,
                              &f->crp.acts_of_others, &f->crp.introject };
    CrpDiagram *fig = arena_alloc(r->a, sizeof *fig);
    bool other = facet_texts(r, fig->texts, fig->labels, fig->spans, fig->nspans, facets, args, 4);
    fig->missing = language_typography(r->a, args[4], r->lang);
    double w = doc_text_width(d);
    fig->labels_only = diagram_crp_height(fig, w) > DIAGRAM_MAX_SHARE * doc_text_height(d);
    if (!fig->labels_only) alt_with_texts(d, r, args, fig->texts, 4, args[4]);
    doc_figure(d, diagram_crp_height(fig, w), draw_crp, fig);
    if (other && !fig->labels_only) doc_figure_other_lang(d);
    doc_figure_min_scale(d, DIAGRAM_SMALLEST_TEXT / diagram_crp_text_size(fig, w));
    if (fig->labels_only) facet_paragraphs(d, r, args, facets, 4, args[4]);
}

static void place_triangle(Doc *d, const Report *r, const Text *const *texts, const char *const *args) {
    TriangleDiagram *t = arena_alloc(r->a, sizeof *t);
    bool other = facet_texts(r, t->texts, t->labels, t->spans, t->nspans, texts, args, 3);
    t->missing = language_typography(r->a, args[3], r->lang);
    double w = doc_text_width(d);
    t->labels_only = diagram_triangle_height(t, w) > DIAGRAM_MAX_SHARE * doc_text_height(d);
    if (!t->labels_only) alt_with_texts(d, r, args, t->texts, 3, args[3]);
    doc_figure(d, diagram_triangle_height(t, w), draw_triangle, t);
    if (other && !t->labels_only) doc_figure_other_lang(d);
    doc_figure_min_scale(d, DIAGRAM_SMALLEST_TEXT / diagram_triangle_text_size(t, w));
    if (t->labels_only) facet_paragraphs(d, r, args, texts, 3, args[3]);
}

/* @insert adaptation | need | affect | defense | words for a missing one */
static void place_adaptation(Doc *d, const char *const *args, int nargs, void *user) {
    const Report *r = user;
    const Text *t[3] = { &r->m->f.adaptation.need, &r->m->f.adaptation.affect, &r->m->f.adaptation.defense };
    place_triangle(d, r, t, args);
}

/* @insert object-relations | past | current | expected | words for a missing one */
static void place_object_relations(Doc *d, const char *const *args, int nargs, void *user) {
    const Report *r = user;
    const Text *t[3] = { &r->m->f.object_relations.past, &r->m->f.object_relations.current,
                         &r->m->f.object_relations.expected };
    place_triangle(d, r, t, args);
}

/* @insert signature-line | Signature | Date: two lines to sign on. */
static void place_signature_line(Doc *d, const char *const *args, int nargs, void *user) {
    const Report *r = user;
    const char *colon = strcmp(r->lang, "fr") ? ":" : "\u00a0:";   /* French: "Date :" */
    const char *line = arena_printf(r->a, "%s%s ______________________________        %s%s ________________",
                                    args[0], colon, args[1], colon);
    Run run = run_plain(line, RUN_PLAIN);
    doc_keep_with_previous(d);  /* "Prepared by" is not alone on the last page */
    doc_keep_with_next(d);      /* with what comes before it ("Prepared by") */
    doc_space(d, 12);
    doc_paragraph(d, &run, 1, PARA_LEFT | PARA_NO_HYPHENATE);
}

static const TemplateInsert report_inserts[] = {
    { "scores", 14, 15, place_scores, false },
    { "informant-scores", 15, 16, place_informant_scores, false },
    { "profile", CHART_TIMES + PROFILE_WORDS, CHART_TIMES + PROFILE_WORDS, place_profile, true },
    { "change", CHART_TIMES + CHANGE_WORDS - 1, CHART_TIMES + CHANGE_WORDS, place_change, true },
    { "crp", 5, 5, place_crp, true },
    { "adaptation", 4, 4, place_adaptation, true },
    { "object-relations", 4, 4, place_object_relations, true },
    { "signature-line", 2, 2, place_signature_line, false },
};

/* What the report is made from: its template, data, page description and
 * inserts (which draw from r). false after reporting why there is none. */
typedef struct Prepared {
    Template *t;
    TValue *data;
    DocInfo info;
    TemplateLayout tl;
    Report r;
} Prepared;

static bool prepare(Prepared *p, Arena *a, const Model *m, const Scored *sc, const Model *group,
                    const char *const *dirs, int ndirs, Paper paper) {
    const Formulation *f = &m->f;
    const char *lang = language_of_member(m, group);
    p->t = template_load(dirs, ndirs, "report", lang);
    if (!p->t) return false;
    p->r = (Report){ a, m, sc, chart_data(a, sc, lang), lang };
    p->data = report_data(a, m, sc, group, p->r.charts, lang);
    p->info = (DocInfo){
        .paper = paper, .lang = lang, .title = f->patient.name.s, .author = f->clinician.s,
        .subject = group ? text_in(&group->g.title, group->g.title_in, lang)->s : NULL, .header_left = f->patient.name.s ? f->patient.name.s : "",
        .header_right = f->patient.id.s, .draft = f->draft,
    };
    p->tl = (TemplateLayout){ report_inserts, sizeof report_inserts / sizeof *report_inserts, &p->r,
                              .heading_level = 1, .paragraph_flags = PARA_JUSTIFY };
    return true;
}

Doc *report_build(Arena *a, const Model *m, const Scored *sc, const Model *group,
                  const char *const *dirs, int ndirs, Paper paper) {
    Prepared p;
    if (!prepare(&p, a, m, sc, group, dirs, ndirs, paper)) return NULL;
    return tmpl_document(a, p.t, p.data, &p.info, &p.tl);
}

bool report_check(Arena *a, const Model *m, const Scored *sc, const Model *group,
                  const char *const *dirs, int ndirs) {
    Prepared p;
    if (!prepare(&p, a, m, sc, group, dirs, ndirs, PAPER_A4)) return false;
    return tmpl_check(a, p.t, p.data, &p.tl) == 0;
}
