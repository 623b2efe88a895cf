/* groupfacts.c — the group summary's facts and reasoning; see groupfacts.h. */
#include "score/groupfacts.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

const char *const dim_scale[DIM_COUNT] = {
    "hfmps.self_oriented", "hfmps.other_oriented", "hfmps.socially_prescribed",
    "psps.self_promotion", "psps.nondisplay", "psps.nondisclosure",
};

bool facts_is_perfectionism(const Scale *s) {
    static const char *const ids[] = { "hfmps", "psps", "pci", "cpq" };
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        if (!strcmp(s->instrument->id.s, ids[i])) return true;
    return false;
}

static const char *copy(Arena *a, const Text *t) { return t->s ? arena_strdup(a, t->s) : NULL; }

/* A pre score is high by its norms: T >= 60 against the reference norm, or,
 * when the scale has a clinical norm, not past the cutoff toward the
 * functional population. The T is judged whole, as the documents print it
 * (nearbyint rounds as printf's %.0f does), so a member shown at T 60 is
 * high and one shown at 59 is not. */
static bool high_by_norm(const ScoredScale *row) {
    const ScoredPoint *pre = &row->at[WHEN_PRE];
    if (pre->has_t && nearbyint(pre->t) >= HIGH_T) return true;
    ScoreDir dir = row->scale->direction == DIR_HIGHER_BETTER ? HIGHER_BETTER : HIGHER_WORSE;
    return row->clinical && row->cutoff.kind != CUTOFF_NONE &&
           !score_past_cutoff(pre->value, row->cutoff, dir);
}

void facts_of_member(Arena *a, MemberFacts *mf, const Model *m, const Scored *sc, Date starts,
                     const char *lang) {
    const Formulation *f = &m->f;
    mf->included = true;
    mf->lang = arena_strdup(a, f->language.s ? f->language.s : lang ? lang : "en");
    mf->name = copy(a, &f->patient.name);
    mf->preferred = copy(a, &f->patient.preferred);
    mf->id = copy(a, &f->patient.id);
    mf->pronouns = copy(a, text_in(&f->patient.pronouns, f->patient.pronouns_in, lang));
    if ((mf->has_age = f->patient.born.set && starts.set)) mf->age = age_on(f->patient.born, starts);
    else if ((mf->has_age = f->patient.has_age)) mf->age = f->patient.age;   /* born withheld */
    mf->draft = f->draft;
    for (int w = 0; w < WHEN_COUNT; w++) mf->assessed[w] = model_assessment(m, (When)w, NULL) != NULL;
    const Text *rel[RELATE_COUNT] = { &f->in_group.therapists, &f->in_group.members,
                                      &f->in_group.group, &f->in_group.self };
    for (int r = 0; r < RELATE_COUNT; r++) mf->relating[r] = copy(a, rel[r]);
    for (int p = 0; p < PHASE_COUNT; p++) mf->enactments[p] = copy(a, &f->enactments[p]);
    for (int i = 0; i < sc->nscales; i++) {
        const ScoredScale *row = &sc->scales[i];
        if (row->rater) continue;
        for (int d = 0; d < DIM_COUNT; d++) {
            if (strcmp(row->scale->qualified, dim_scale[d]) || !row->at[WHEN_PRE].has) continue;
            DimScore *ds = &mf->dims[d];
            ds->has = true;
            ds->raw = row->at[WHEN_PRE].value;
            ds->has_t = row->at[WHEN_PRE].has_t;
            ds->t = row->at[WHEN_PRE].t;
            ds->high = high_by_norm(row) ? HIGH_BY_NORM : HIGH_NO;
        }
    }
    facts_scale_outcomes(a, mf, sc, lang);
}

void facts_scale_outcomes(Arena *a, MemberFacts *mf, const Scored *sc, const char *lang) {
    mf->outcomes = arena_alloc(a, sizeof *mf->outcomes * (size_t)(sc->nscales ? sc->nscales : 1));
    mf->noutcomes = 0;
    for (int i = 0; i < sc->nscales; i++) {
        const ScoredScale *row = &sc->scales[i];
        const ScoredChange *ch[LATER_COUNT] = { &row->post, &row->followup };
        const ScoredPoint *at[LATER_COUNT] = { &row->at[WHEN_POST], &row->at[WHEN_FOLLOWUP] };
        if (row->rater || (!ch[LATER_POST]->has && !ch[LATER_FOLLOWUP]->has)) continue;
        ScaleOutcome *o = &mf->outcomes[mf->noutcomes++];
        const char *title = text_in(&row->scale->title, row->scale->title_in, lang)->s;
        o->title = arena_strdup(a, title ? title : row->scale->qualified);
        o->title_lang = model_scale_title_lang(row->scale, lang);
        o->qualified = arena_strdup(a, row->scale->qualified);
        o->perfectionism = facts_is_perfectionism(row->scale);
        o->pre = row->at[WHEN_PRE].value;
        for (int k = 0; k < LATER_COUNT; k++) {
            o->has[k] = ch[k]->has;
            o->later[k] = at[k]->has ? at[k]->value : 0;
            o->outcome[k] = ch[k]->has ? ch[k]->outcome : OUTCOME_NOT_COMPUTABLE;
            o->pre_past[k] = ch[k]->has && ch[k]->pre_past_cutoff;
            o->change[k] = ch[k]->has && ch[k]->rci.computable ? ch[k]->rci.change : CHANGE_NOT_COMPUTABLE;
        }
    }
}

void facts_count_scale(const MemberFacts *ms, int n, const char *qualified, int later, bool left,
                       int counts[OUTCOME_DETERIORATED + 1]) {
    for (int k = 0; k <= OUTCOME_DETERIORATED; k++) counts[k] = 0;
    for (int i = 0; i < n; i++) {
        if (!ms[i].included || (ms[i].left_week != 0) != left) continue;
        for (int j = 0; j < ms[i].noutcomes; j++) {
            const ScaleOutcome *o = &ms[i].outcomes[j];
            if (o->has[later] && !strcmp(o->qualified, qualified)) counts[o->outcome[later]]++;
        }
    }
}

void facts_attendance(Arena *a, MemberFacts *mf, const Model *m, const Group *g) {
    const Formulation *f = &m->f;
    mf->attendance = f->attended.loc.src != NULL;
    mf->sessions = model_sessions_attended(f);
    mf->weeks = model_weeks_text(a, f);
    mf->left_week = f->left.week;
    mf->left_phase = f->left.week && g && g->weeks > 0 ? phase_of_week(g, f->left.week) : PHASE_COUNT;
    mf->left_reason = copy(a, &f->left.reason);
}

/* ---- passing facts between processes ---------------------------------- */

/* One walk over every field of a MemberFacts serves writing and reading
 * (facts_fields): each field is written on its own, in a fixed width, so
 * that no byte of the struct's padding ever leaves the process. */
typedef struct Codec {
    FILE *out;                /* writing: the bytes go here */
    Arena *a;                 /* reading: strings copied here */
    const char **p, *end;     /* reading: the bytes, advanced */
    bool ok;                  /* reading: nothing was cut short */
} Codec;

/* Writes or reads n bytes at v. */
static void c_bytes(Codec *c, void *v, size_t n) {
    if (c->out) {
        fwrite(v, 1, n, c->out);
    } else if (c->ok && (size_t)(c->end - *c->p) >= n) {
        memcpy(v, *c->p, n);
        *c->p += n;
    } else {
        c->ok = false;
        memset(v, 0, n);
    }
}

static void c_bool(Codec *c, bool *b) {
    uint8_t v = c->out ? *b : 0;
    c_bytes(c, &v, sizeof v);
    if (!c->out) *b = v != 0;
}

/* An int, or an enum's value (as an int32_t). */
static void c_int(Codec *c, int *i) {
    int32_t v = c->out ? *i : 0;
    c_bytes(c, &v, sizeof v);
    if (!c->out) *i = v;
}
#define c_enum(c, e) do { int v_ = (int)*(e); c_int(c, &v_); if (!(c)->out) *(e) = v_; } while (0)

static void c_double(Codec *c, double *d) { c_bytes(c, d, sizeof *d); }

/* A string as its length (UINT32_MAX for NULL) and its bytes. */
static void c_string(Codec *c, const char **s) {
    uint32_t len = c->out && *s ? (uint32_t)strlen(*s) : UINT32_MAX;
    c_bytes(c, &len, sizeof len);
    if (c->out) {
        if (*s) fwrite(*s, 1, len, c->out);
        return;
    }
    *s = NULL;
    if (!c->ok || len == UINT32_MAX) return;
    if ((size_t)(c->end - *c->p) < len) {
        c->ok = false;
        return;
    }
    *s = arena_strndup(c->a, *c->p, len);
    *c->p += len;
}

static void c_outcome(Codec *c, ScaleOutcome *o) {
    c_string(c, &o->title);
    c_string(c, &o->title_lang);
    c_string(c, &o->qualified);
    c_double(c, &o->pre);
    c_bool(c, &o->perfectionism);
    for (int l = 0; l < LATER_COUNT; l++) {
        c_double(c, &o->later[l]);
        c_bool(c, &o->has[l]);
        c_enum(c, &o->outcome[l]);
        c_bool(c, &o->pre_past[l]);
        c_enum(c, &o->change[l]);
    }
}

/* Writes or reads every field of mf; reading, its outcomes go in c->a. */
static void facts_fields(Codec *c, MemberFacts *mf) {
    c_string(c, &mf->path);
    c_bool(c, &mf->included);
    c_string(c, &mf->name);
    c_string(c, &mf->preferred);
    c_string(c, &mf->id);
    c_string(c, &mf->pronouns);
    c_bool(c, &mf->has_age);
    c_int(c, &mf->age);
    c_bool(c, &mf->draft);
    for (int w = 0; w < WHEN_COUNT; w++) c_bool(c, &mf->assessed[w]);
    for (int d = 0; d < DIM_COUNT; d++) {
        DimScore *ds = &mf->dims[d];
        c_bool(c, &ds->has);
        c_double(c, &ds->raw);
        c_bool(c, &ds->has_t);
        c_double(c, &ds->t);
        c_enum(c, &ds->high);
    }
    for (int r = 0; r < RELATE_COUNT; r++) c_string(c, &mf->relating[r]);
    for (int p = 0; p < PHASE_COUNT; p++) c_string(c, &mf->enactments[p]);
    c_string(c, &mf->lang);
    c_int(c, &mf->noutcomes);
    if (!c->out) {
        if (mf->noutcomes < 0 || (size_t)mf->noutcomes > (size_t)(c->end - *c->p)) c->ok = false;
        if (!c->ok) mf->noutcomes = 0;
        mf->outcomes = arena_alloc(c->a, sizeof *mf->outcomes * (size_t)(mf->noutcomes ? mf->noutcomes : 1));
    }
    for (int i = 0; i < mf->noutcomes && (c->out || c->ok); i++) c_outcome(c, &mf->outcomes[i]);
    c_bool(c, &mf->attendance);
    c_int(c, &mf->sessions);
    c_string(c, &mf->weeks);
    c_int(c, &mf->left_week);
    c_enum(c, &mf->left_phase);
    c_string(c, &mf->left_reason);
}

void facts_write(FILE *out, const MemberFacts *mf) {
    Codec c = { .out = out };
    facts_fields(&c, (MemberFacts *)mf);     /* writing never changes a field */
}

bool facts_read(Arena *a, const char **p, const char *end, MemberFacts *mf) {
    Codec c = { .a = a, .p = p, .end = end, .ok = true };
    memset(mf, 0, sizeof *mf);
    facts_fields(&c, mf);
    return c.ok;
}

void facts_dims(Arena *a, const Model *m, DimInfo out[DIM_COUNT]) {
    for (int d = 0; d < DIM_COUNT; d++) {
        const Scale *s = model_find_scale(m, dim_scale[d]);
        out[d] = (DimInfo){ 0 };
        if (!s) continue;
        out[d].title = arena_strdup(a, s->title.s ? s->title.s : s->qualified);
        out[d].has_norm = s->nnorms > 0;
        for (int i = 0; i < s->nnorms; i++) out[d].has_reference |= !s->norms[i].clinical;
        out[d].has_range = s->has_range;
        out[d].min = s->min;
        out[d].max = s->max;
    }
}

int facts_pre_scored(const MemberFacts *ms, int n, Dimension d) {
    int k = 0;
    for (int i = 0; i < n; i++) k += ms[i].included && ms[i].dims[d].has;
    return k;
}

bool facts_group_threshold(const MemberFacts *ms, int n, Dimension d, double *threshold) {
    int k = facts_pre_scored(ms, n, d);
    if (k < GROUP_HIGH_MIN_MEMBERS) return false;
    double sum = 0, sq = 0;
    for (int i = 0; i < n; i++)
        if (ms[i].included && ms[i].dims[d].has) sum += ms[i].dims[d].raw;
    double mean = sum / k;
    for (int i = 0; i < n; i++)
        if (ms[i].included && ms[i].dims[d].has) sq += (ms[i].dims[d].raw - mean) * (ms[i].dims[d].raw - mean);
    double sd = sqrt(sq / (k - 1));
    if (!(sd > 0)) return false;
    *threshold = mean + sd;
    return true;
}

void facts_mark_group_high(MemberFacts *ms, int n, const DimInfo dims[DIM_COUNT]) {
    for (int d = 0; d < DIM_COUNT; d++) {
        double thr;
        if (dims[d].has_norm || !facts_group_threshold(ms, n, (Dimension)d, &thr)) continue;
        for (int i = 0; i < n; i++)
            if (ms[i].included && ms[i].dims[d].has && ms[i].dims[d].raw >= thr)
                ms[i].dims[d].high = HIGH_IN_GROUP;
    }
}

Date facts_week_date(Date starts, int week) {
    return date_add_days(starts, 7L * (week - 1));
}

OutcomeCounts facts_count_outcomes(const MemberFacts *ms, int n, int later) {
    OutcomeCounts c = { 0 };
    for (int i = 0; i < n; i++) {
        if (!ms[i].included || ms[i].left_week) continue;
        int measured = 0, improved = 0, worse = 0;
        for (int k = 0; k < ms[i].noutcomes; k++) {
            const ScaleOutcome *o = &ms[i].outcomes[k];
            if (!o->perfectionism || !o->has[later] || o->change[later] == CHANGE_NOT_COMPUTABLE) continue;
            measured++;
            improved += o->change[later] == CHANGE_IMPROVED;
            worse += o->change[later] == CHANGE_WORSENED;
        }
        c.assessed += measured > 0;
        c.improved_one += improved >= 1;
        c.improved_two += improved >= 2;
        c.deteriorated_one += worse >= 1;
    }
    return c;
}

Completion facts_completion(const MemberFacts *ms, int n) {
    Completion c = { 0 };
    for (int i = 0; i < n; i++) {
        if (!ms[i].included) continue;
        if (!ms[i].left_week) {
            c.completed++;
            continue;
        }
        c.left++;
        c.left_in[ms[i].left_phase]++;
    }
    return c;
}
