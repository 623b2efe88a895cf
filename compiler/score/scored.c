/* scored.c — builds the scored model from a checked model.
 *
 * The scoring stage (compiler/score) promises: figures computed from the
 * model alone (its scores and the instrument library's norms and
 * reliabilities), the same for the report, the summary and formc scores,
 * with no I/O: it reads the front end's Model and runtime/base, and never
 * compiles, lays out or writes (export.c writes CSV to a stream it is
 * handed). */
#include "score/scored.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"

static ScoreNorm norm_of(const Norm *n) {
    return n ? (ScoreNorm){ n->mean, n->sd, 1 } : (ScoreNorm){ 0, 0, 0 };
}

static ScoreDir dir_of(const Scale *s) {
    return s->direction == DIR_HIGHER_BETTER ? HIGHER_BETTER : HIGHER_WORSE;
}

/* Finds the score of a scale in an assessment, or NULL. */
static const Score *score_in(const Assessment *a, const Scale *s) {
    if (!a) return NULL;
    for (int i = 0; i < a->nscores; i++)
        if (a->scores[i].scale == s) return &a->scores[i];
    return NULL;
}

static ScoredChange change(const ScoredScale *row, When later) {
    ScoredChange c = { 0 };
    const Scale *s = row->scale;
    if (!row->at[WHEN_PRE].has || !row->at[later].has) return c;
    c.has = true;
    double sd;
    double r = s->has_reliability ? s->reliability : SCORE_MISSING;
    if (!score_rci_sd(norm_of(row->reference), norm_of(row->clinical), &sd)) {
        c.outcome = OUTCOME_NOT_COMPUTABLE;
        return c;
    }
    c.rci = score_rci(row->at[WHEN_PRE].value, row->at[later].value, sd, r, dir_of(s));
    Classification k = score_outcome(c.rci, row->cutoff, row->at[WHEN_PRE].value, row->at[later].value,
                                     dir_of(s));
    c.outcome = k.outcome;
    c.pre_past_cutoff = k.pre_past_cutoff;
    return c;
}

/* Adds the row for one scale and one rater, if any assessment scored it. */
/* One rater's assessments (rater NULL: self-report), at each time point. */
typedef struct Rater {
    const char *name;
    int first;                           /* the index of its first assessment */
    const Assessment *at[WHEN_COUNT];
} Rater;

static void add_row(Arena *a, Scored *sc, int *cap, const Scale *s, const Rater *rt) {
    const Assessment *const *as = rt->at;
    const char *rater = rt->name;
    bool any = false;
    for (int w = 0; w < WHEN_COUNT; w++) any |= score_in(as[w], s) != NULL;
    if (!any) return;
    ScoredScale *row = arena_push(a, &sc->scales, &sc->nscales, cap, sizeof *row);
    row->scale = s;
    row->rater = rater;
    row->reference = model_reference_norm(s);
    row->clinical = model_clinical_norm(s);
    row->cutoff = score_cutoff(norm_of(row->reference), norm_of(row->clinical), dir_of(s));
    for (int w = 0; w < WHEN_COUNT; w++) {
        const Score *score = score_in(as[w], s);
        if (!score) continue;
        ScoredPoint *p = &row->at[w];
        p->has = true;
        p->value = score->value;
        p->items_answered = score->items_answered;
        p->items_of = score->items_of;
        p->loc = score->loc;
        p->from = as[w];
        p->has_t = score_t(p->value, norm_of(row->reference), &p->t) &&
                   score_percentile(p->value, norm_of(row->reference), &p->percentile);
    }
    row->post = change(row, WHEN_POST);
    row->followup = change(row, WHEN_FOLLOWUP);
}

/* By rater (self-report first), then in the order of the file. */
static int by_rater(const void *x, const void *y) {
    const Assessment *a = *(const Assessment *const *)x, *b = *(const Assessment *const *)y;
    int c = !a->rater.s ? (b->rater.s ? -1 : 0) : !b->rater.s ? 1 : strcmp(a->rater.s, b->rater.s);
    return c ? c : a < b ? -1 : a > b;
}

static int by_first(const void *x, const void *y) {
    const Rater *a = x, *b = y;
    return a->first - b->first;
}

/* Every rater of m with its assessments: self-report first (whether or not
 * there is any), then the informants in the order their first assessment
 * appears; sorted, so a file of many informants costs n log n, not n^2. */
static Rater *raters_of(Arena *a, const Model *m, int *n) {
    int na = m->f.nassessments;
    const Assessment **as = xmalloc(sizeof *as * (size_t)(na + 1));
    for (int i = 0; i < na; i++) as[i] = &m->f.assessments[i];
    qsort(as, (size_t)na, sizeof *as, by_rater);
    Rater *r = arena_alloc(a, sizeof *r * (size_t)(na + 1));
    *n = 1;                              /* r[0]: self-report */
    for (int i = 0; i < na; i++) {
        const char *name = as[i]->rater.s;
        Rater *cur = !name ? &r[0] : &r[*n - 1];
        if (name && (*n == 1 || strcmp(cur->name, name))) {
            cur = &r[(*n)++];
            cur->name = name;
            cur->first = (int)(as[i] - m->f.assessments);
        }
        if (!cur->at[as[i]->when]) cur->at[as[i]->when] = as[i];
    }
    free(as);
    qsort(r + 1, (size_t)(*n - 1), sizeof *r, by_first);
    return r;
}

Scored *score_model(Arena *a, const Model *m) {
    Scored *sc = arena_alloc(a, sizeof *sc);
    int cap = 0, nraters;
    Rater *raters = raters_of(a, m, &nraters);
    for (int r = 0; r < nraters; r++)
        for (int i = 0; i < m->ninstruments; i++)
            for (int j = 0; j < m->instruments[i]->nscales; j++)
                add_row(a, sc, &cap, &m->instruments[i]->scales[j], &raters[r]);
    for (int i = 0; i < sc->nscales; i++)
        if (!sc->scales[i].rater && sc->scales[i].post.has &&
            sc->scales[i].post.rci.change == CHANGE_IMPROVED)
            sc->reliable_improvements_post++;
    sc->goals = arena_alloc(a, sizeof *sc->goals * (size_t)(m->f.ngoals ? m->f.ngoals : 1));
    sc->ngoals = m->f.ngoals;
    for (int i = 0; i < m->f.ngoals; i++) {
        const Goal *g = &m->f.goals[i];
        ScoredGoal *sg = &sc->goals[i];
        sg->goal = g;
        if (!g->has_target) continue;
        const Score *pre = score_in(model_assessment(m, WHEN_PRE, NULL), g->target_scale);
        const Score *post = score_in(model_assessment(m, WHEN_POST, NULL), g->target_scale);
        const Score *fu = score_in(model_assessment(m, WHEN_FOLLOWUP, NULL), g->target_scale);
        ScoreDir d = dir_of(g->target_scale);
        if ((sg->has_pre = pre != NULL)) sg->met_pre = score_goal_met(d, g->target, pre->value);
        if ((sg->has_post = post != NULL)) sg->met_post = score_goal_met(d, g->target, post->value);
        if ((sg->has_followup = fu != NULL)) sg->met_followup = score_goal_met(d, g->target, fu->value);
    }
    return sc;
}

bool scored_prorated(const ScoredPoint *p) { return p->has && p->items_answered < p->items_of; }

int scored_rci_decimals(double rci) {
    double m = fabs(rci);
    int d = 2;
    if (m <= SCORE_RCI_CRITERION) return d;
    while (d < 6) {
        double f = pow(10, d);
        if (round(m * f) / f > SCORE_RCI_CRITERION) break;
        d++;
    }
    return d;
}

const char *scored_percentile_text(double pct, char buf[static 8]) {
    if (pct >= 99.5) return "> 99";
    if (pct < 0.5) return "< 1";
    snprintf(buf, 8, "%.0f", pct);
    return buf;
}

const char *scored_outcome(const ScoredChange *c) {
    if (!c->has) return "";
    return score_outcome_name(c->outcome);
}

/* Why row's change cannot be judged for want of a figure in the library:
 * GAP_RELIABILITY or GAP_NORM; GAP_NONE when it can (or there is none). */
static ScoredGap gap_of(const ScoredScale *row) {
    const ScoredChange *ch[2] = { &row->post, &row->followup };
    for (int k = 0; k < 2; k++)
        if (ch[k]->has && !ch[k]->rci.computable)
            return row->scale->has_reliability ? GAP_NORM : GAP_RELIABILITY;
    return GAP_NONE;
}

void scored_list_gaps(const Scored *sc, FILE *out) {
    for (int i = 0; i < sc->nscales; i++) {
        ScoredGap g = gap_of(&sc->scales[i]);
        if (g != GAP_NONE) fprintf(out, "%d %s\n", (int)g, sc->scales[i].scale->qualified);
    }
}
