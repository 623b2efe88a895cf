/* model.c — lookups, date arithmetic and item scoring on the checked model. */
#include "front/model.h"
#include "base/messages.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const phase_names[PHASE_COUNT] = {
    "engagement", "pattern_interruption", "self_redefinition", "termination",
};

const Instrument *model_find_instrument(const Model *m, const char *id) {
    for (int i = 0; i < m->ninstruments; i++)
        if (!strcmp(m->instruments[i]->id.s, id)) return m->instruments[i];
    return NULL;
}

const Scale *model_find_scale(const Model *m, const char *qualified) {
    const char *dot = strchr(qualified, '.');
    if (!dot) return NULL;
    for (int i = 0; i < m->ninstruments; i++) {
        const Instrument *in = m->instruments[i];
        if (strlen(in->id.s) != (size_t)(dot - qualified) ||
            strncmp(in->id.s, qualified, (size_t)(dot - qualified)))
            continue;
        for (int j = 0; j < in->nscales; j++)
            if (!strcmp(in->scales[j].id.s, dot + 1)) return &in->scales[j];
    }
    return NULL;
}

const Clinic *model_clinic(const Model *m, const Model *g) {
    return m->clinic.loc.src || !g ? &m->clinic : &g->clinic;
}

bool model_is_formulation(const Model *m) {
    const Formulation *f = &m->f;
    return text_given(&f->patient.name) || text_given(&f->clinician) || f->nassessments || f->crp.loc.src ||
           f->adaptation.loc.src || f->object_relations.loc.src || f->in_group.loc.src ||
           f->ngoals || f->enactments_loc.src || f->letter.loc.src || f->attended.loc.src ||
           f->left.loc.src;
}

bool model_is_group(const Model *m) { return m->g.loc.src != NULL; }

bool model_placeholder_at(const Model *m, size_t slot) {
    for (int i = 0; i < m->nplaceholders; i++)
        if (m->placeholders[i].slot == slot) return true;
    return false;
}

const char *model_group_path(Arena *a, const Model *m) {
    const Text *g = &m->f.group_file;
    return g->s ? path_join(a, g->loc.src->dir, g->s) : NULL;
}

const Assessment *model_assessment(const Model *m, When when, const char *rater) {
    for (int i = 0; i < m->f.nassessments; i++) {
        const Assessment *a = &m->f.assessments[i];
        if (a->when != when) continue;
        if (!rater && !a->rater.s) return a;
        if (rater && a->rater.s && !strcmp(rater, a->rater.s)) return a;
    }
    return NULL;
}

bool model_score_items(const Scale *s, const ItemAnswers *a, double *value, int *answered) {
    const ScaleKey *k = &s->key;
    const Instrument *in = a->instrument;
    if (!k->loc.src || !k->nitems) return false;
    double sum = 0;
    int n = 0;
    for (int i = 0; i < k->nitems; i++) {
        int item = k->items[i] - 1;
        if (item < 0 || item >= a->n || !a->answered[item]) continue;
        double v = a->value[item];
        sum += k->reverse[i] ? in->response_min + in->response_max - v : v;
        n++;
    }
    *answered = n;
    if (n == 0 || k->nitems - n > k->prorate) return false;
    *value = k->mean ? sum / n : sum * k->nitems / n;
    return true;
}

bool model_totals_whole(const Scale *s) {
    const ScaleKey *k = &s->key;
    return k->loc.src && k->nitems && !k->mean && !k->prorate;
}

const char *model_total_fault(const Scale *s, double v, char *buf, size_t n) {
    const ScaleKey *k = &s->key;
    if (s->has_range && (v < s->min || v > s->max))
        snprintf(buf, n, diag_tr("is outside the range of %s (%g to %g)"), s->qualified, s->min, s->max);
    else if (model_totals_whole(s) && v != floor(v))
        snprintf(buf, n, diag_tr("cannot be a total of %s: it is the sum of %d %s, each answered with a whole number "
                 "from %g to %g and none may be left out, so its total is a whole number: type the sum of the "
                 "answers"), s->qualified, k->nitems,
                 diag_tr(k->nitems == 1 ? "item" : "items"), s->instrument->response_min, s->instrument->response_max);
    else
        return NULL;
    return buf;
}

int model_sessions_attended(const Formulation *f) {
    int n = 0;
    for (int i = 0; i < f->attended.nspans; i++) n += f->attended.spans[i].last - f->attended.spans[i].first + 1;
    return n;
}

bool model_attended(const Formulation *f, int week) {
    for (int i = 0; i < f->attended.nspans; i++)
        if (week >= f->attended.spans[i].first && week <= f->attended.spans[i].last) return true;
    return false;
}

const char *model_weeks_text(Arena *a, const Formulation *f) {
    const char *s = "";
    int done = 0;            /* weeks before this one are written */
    for (int k = 0; k < f->attended.nspans; k++) {
        /* the span with the earliest first week after those written */
        const WeekSpan *next = NULL;
        for (int i = 0; i < f->attended.nspans; i++) {
            const WeekSpan *sp = &f->attended.spans[i];
            if (sp->first > done && (!next || sp->first < next->first)) next = sp;
        }
        if (!next) break;
        s = next->first == next->last ? arena_printf(a, "%s%s%d", s, *s ? ", " : "", next->first)
                                      : arena_printf(a, "%s%s%d\u2013%d", s, *s ? ", " : "", next->first, next->last);
        done = next->last;
    }
    return s;
}

Phase phase_of_week(const Group *g, int week) {
    for (int p = 0; p < PHASE_COUNT; p++)
        if (week >= g->phases[p].first && week <= g->phases[p].last) return (Phase)p;
    return PHASE_COUNT;
}

/* Engagement takes the first quarter of the weeks, pattern interruption
 * runs to the midpoint, termination takes the last sixth, and
 * self-redefinition the weeks between: 1-3, 4-6, 7-10, 11-12 for 12. */
void phase_defaults(int weeks, PhaseSpan out[PHASE_COUNT]) {
    int e = (weeks + 2) / 4, p = weeks / 2, r = weeks - (weeks + 3) / 6;
    if (e < 1) e = 1;
    if (p <= e) p = e + 1;
    if (r <= p) r = p + 1;
    if (r >= weeks) r = weeks - 1;
    out[PHASE_ENGAGEMENT] = (PhaseSpan){ 1, e, false, { 0 } };
    out[PHASE_INTERRUPTION] = (PhaseSpan){ e + 1, p, false, { 0 } };
    out[PHASE_REDEFINITION] = (PhaseSpan){ p + 1, r, false, { 0 } };
    out[PHASE_TERMINATION] = (PhaseSpan){ r + 1, weeks, false, { 0 } };
}

Date model_age_date(const Model *m, const Model *group, Date today) {
    const Assessment *pre = model_assessment(m, WHEN_PRE, NULL);
    return group && group->g.starts.set ? group->g.starts : pre ? pre->date : today;
}

const char *const lang_codes[LANG_COUNT] = { "en", "fr" };
const char *const lang_names[LANG_COUNT] = { "English", "French" };

int lang_index(const char *code) {
    for (int l = 0; code && l < LANG_COUNT; l++)
        if (!strcmp(code, lang_codes[l])) return l;
    return -1;
}

const Text *text_in(const Text *main, const Text in[LANG_COUNT], const char *lang) {
    int l = lang_index(lang);
    return l >= 0 && text_given(&in[l]) ? &in[l] : main;
}

const char *model_scale_title_lang(const Scale *s, const char *lang) {
    const Text *t = text_in(&s->title, s->title_in, lang);
    const char *own = t->s ? text_lang(t) : NULL;
    return own && lang && strcmp(own, lang) ? own : NULL;
}

const Norm *model_reference_norm(const Scale *s) {
    for (int i = 0; i < s->nnorms; i++)
        if (!s->norms[i].clinical) return &s->norms[i];
    return NULL;
}

const Norm *model_clinical_norm(const Scale *s) {
    for (int i = 0; i < s->nnorms; i++)
        if (s->norms[i].clinical) return &s->norms[i];
    return NULL;
}

double model_norm_sd_least(const Scale *s) { return (s->max - s->min) / NORM_SD_MIN_SHARE; }

double model_norm_sd_most(const Scale *s) { return (s->max - s->min) / 2; }

const char *model_language(const Model *m, const Model *group) {
    const Text *own = model_is_group(m) ? &m->g.language : &m->f.language;
    if (own->s && lang_index(own->s) >= 0) return lang_codes[lang_index(own->s)];
    if (group && group != m) return model_language(group, NULL);
    return lang_codes[LANG_EN];
}

static void settle(Text *t, Lang lang) {
    if (!t->lang) t->lang = (unsigned char)(1 + lang);
}

static void settle_all(Text *t, int n, Lang lang) {
    for (int i = 0; i < n; i++) settle(&t[i], lang);
}

void model_settle_instruments(Model *m, Lang lang) {
    for (int i = 0; i < m->ninstruments; i++) {
        Instrument *in = m->instruments[i];
        settle(&in->title, lang);
        settle(&in->source, lang);
        for (int j = 0; j < in->nscales; j++) {
            Scale *s = &in->scales[j];
            Text *one[] = { &s->title, &s->reliability_sample, &s->reliability_source, &s->key.source };
            for (size_t k = 0; k < sizeof one / sizeof *one; k++) settle(one[k], lang);
            for (int k = 0; k < s->nnorms; k++) {
                settle(&s->norms[k].name, lang);
                settle(&s->norms[k].sample, lang);
                settle(&s->norms[k].source, lang);
            }
        }
    }
}

void model_settle_languages(Model *m, const Model *group) {
    Lang lang = (Lang)lang_index(model_language(m, group));
    Formulation *f = &m->f;
    Text *one[] = {
        &f->patient.name, &f->patient.id, &f->patient.preferred, &f->patient.pronouns, &f->clinician,
        &f->group_file, &f->status, &f->language,
        &f->crp.acts_of_self, &f->crp.expectations_of_others, &f->crp.acts_of_others, &f->crp.introject,
        &f->adaptation.need, &f->adaptation.affect, &f->adaptation.defense,
        &f->object_relations.past, &f->object_relations.current, &f->object_relations.expected,
        &f->in_group.therapists, &f->in_group.self, &f->in_group.members, &f->in_group.group,
        &f->letter.pattern, &f->letter.in_group, &f->left.reason,
        &m->g.title, &m->g.code, &m->g.meets, &m->g.place, &m->g.language,
        &m->clinic.name, &m->clinic.address, &m->clinic.phone, &m->clinic.logo, &m->clinic.templates,
    };
    for (size_t i = 0; i < sizeof one / sizeof *one; i++) settle(one[i], lang);
    settle_all(f->enactments, PHASE_COUNT, lang);
    settle_all(f->letter.phases, PHASE_COUNT, lang);
    for (int i = 0; i < f->nassessments; i++) settle(&f->assessments[i].rater, lang);
    for (int i = 0; i < f->ngoals; i++) settle(&f->goals[i].text, lang);
    settle_all(m->g.leaders, m->g.nleaders, lang);
    model_settle_instruments(m, lang);
}

void letter_texts(const Formulation *f, const Text *texts[LETTER_TEXTS]) {
    texts[0] = &f->letter.pattern;
    texts[1] = &f->letter.in_group;
    for (int p = 0; p < PHASE_COUNT; p++) texts[2 + p] = &f->letter.phases[p];
}
