/* outcomes.c — the program outcomes document. The program's facts
 * (score/program.h) are handed to a template (templates/outcomes.LANG.tmpl,
 * or a clinic's own) that holds every fixed word; the tables and the
 * charts are placed where the template says, with @insert, by the
 * functions below. */
#include "documents/outcomes.h"
#include <stdio.h>
#include <string.h>
#include "base/date.h"
#include "base/diag.h"
#include "documents/language.h"
#include "documents/tmpl_layout.h"
#include "figures/scatter.h"
#include "template/template.h"

typedef struct Outcomes {
    Arena *a;
    const Program *p;
    const OutcomesOptions *o;
} Outcomes;

static Run cell(const char *s, RunStyle style) { return (Run){ s ? s : "", style, LOC_NONE, 0, NULL }; }
static TValue *text(const char *s) { return s ? tv_text(s, LOC_NONE) : NULL; }
/* lang, a text's language, when it is not the document's; else NULL. */
static const char *other_lang(const Outcomes *x, const char *lang) {
    return lang && strcmp(lang, x->o->lang) ? lang : NULL;
}
/* s as a value in its language, lang (marked when it is not the document's). */
static TValue *lang_text(const Outcomes *x, const char *s, const char *lang) {
    return s ? tv_text_in(s, LOC_NONE, other_lang(x, lang)) : NULL;
}
static const char *count(Outcomes *x, int n) { return arena_printf(x->a, "%d", n); }
static const char *date_text(Outcomes *x, Date d) { return d.set ? date_in_words(x->a, d, x->o->lang, false) : ""; }

/* The share k of n as a whole percentage ("97%", "97 %" in French), ""
 * when n is 0. */
static const char *percent(Outcomes *x, int k, int n) {
    if (!n) return "";
    return arena_printf(x->a, strcmp(x->o->lang, "fr") ? "%.0f%%" : "%.0f\u202f%%", 100.0 * k / n);
}

/* "3 / 4", or "" when none could be judged. */
static const char *of(Outcomes *x, int k, int n) {
    return n ? arena_printf(x->a, "%d / %d", k, n) : "";
}

/* ---- @insert blocks ---------------------------------------------------- */

/* @insert groups | Group | First session | Weeks | Members | Completed |
 * Left early | Improved on one or more | ALL GROUPS: a row per group and a
 * last row for them all; the improvement counts are of completers after
 * the group. */
static void insert_groups(Doc *d, const char *const *args, int nargs, void *user) {
    Outcomes *x = user;
    const Program *p = x->p;
    TableColumn cols[7] = {
        { args[0], 1.6, ALIGN_LEFT, 0 }, { args[1], 1.6, ALIGN_LEFT, 0 }, { args[2], 0.7, ALIGN_RIGHT, 0 },
        { args[3], 0.9, ALIGN_RIGHT, 0 }, { args[4], 1.0, ALIGN_RIGHT, 0 }, { args[5], 0.9, ALIGN_RIGHT, 0 },
        { args[6], 1.3, ALIGN_RIGHT, 0 },
    };
    Run *cells = arena_alloc(x->a, sizeof *cells * 7 * (size_t)(p->ngroups + 1));
    for (int g = 0; g <= p->ngroups; g++) {
        bool all = g == p->ngroups;
        int n;
        const MemberFacts *ms = program_members(p, all ? -1 : g, &n);
        Completion c = facts_completion(ms, n);
        OutcomeCounts oc = facts_count_outcomes(ms, n, LATER_POST);
        RunStyle st = all ? RUN_BOLD : RUN_PLAIN;
        Run *r = cells + 7 * g;
        r[0] = cell(all ? args[7] : p->groups[g].label, RUN_BOLD);
        r[1] = cell(all ? "" : date_text(x, p->groups[g].first), st);
        r[2] = cell(all || !p->groups[g].weeks ? "" : count(x, p->groups[g].weeks), st);
        r[3] = cell(count(x, n), st);
        r[4] = cell(count(x, c.completed), st);
        r[5] = cell(count(x, c.left), st);
        r[6] = cell(of(x, oc.improved_one, oc.assessed), st);
    }
    doc_table(d, cols, 7, cells, p->ngroups + 1);
}

/* @insert leaving | Phase | Left early | Share | ENGAGEMENT | PATTERN
 * INTERRUPTION | SELF-REDEFINITION | TERMINATION | NOT KNOWN: how many
 * left in each phase, and their share of all who left. */
static void insert_leaving(Doc *d, const char *const *args, int nargs, void *user) {
    Outcomes *x = user;
    Completion c = facts_completion(x->p->members, x->p->nmembers);
    TableColumn cols[3] = { { args[0], 3.0, ALIGN_LEFT, 0 }, { args[1], 1.0, ALIGN_RIGHT, 0 },
                            { args[2], 1.0, ALIGN_RIGHT, 0 } };
    Run cells[3 * (PHASE_COUNT + 1)];
    int rows = 0;
    for (int ph = 0; ph <= PHASE_COUNT; ph++) {
        if (ph == PHASE_COUNT && !c.left_in[ph]) continue;    /* "not known" only when it happens */
        Run *r = cells + 3 * rows++;
        r[0] = cell(args[3 + ph], RUN_PLAIN);
        r[1] = cell(count(x, c.left_in[ph]), RUN_PLAIN);
        r[2] = cell(percent(x, c.left_in[ph], c.left), RUN_PLAIN);
    }
    doc_table(d, cols, 3, cells, rows);
}

/* @insert leavers | Group | Member | Week | Phase | Reason | ENGAGEMENT |
 * PATTERN INTERRUPTION | SELF-REDEFINITION | TERMINATION: every member who
 * left early; the reason is left out of a de-identified document. */
static void insert_leavers(Doc *d, const char *const *args, int nargs, void *user) {
    Outcomes *x = user;
    const Program *p = x->p;
    TableColumn cols[5] = { { args[0], 1.2, ALIGN_LEFT, 0 }, { args[1], 1.2, ALIGN_LEFT, 0 },
                            { args[2], 0.6, ALIGN_RIGHT, 0 }, { args[3], 1.8, ALIGN_LEFT, 0 },
                            { args[4], 3.0, ALIGN_LEFT, 1 } };
    Run *cells = arena_alloc(x->a, sizeof *cells * 5 * (size_t)(p->nmembers ? p->nmembers : 1));
    CellParts *parts = arena_alloc(x->a, sizeof *parts * 5 * (size_t)(p->nmembers ? p->nmembers : 1));
    int rows = 0;
    for (int g = 0; g < p->ngroups; g++) {
        int n;
        const MemberFacts *ms = program_members(p, g, &n);
        for (int i = 0; i < n; i++) {
            if (!ms[i].included || !ms[i].left_week) continue;
            Run *r = cells + 5 * rows;
            CellParts *rp = parts + 5 * rows++;
            r[0] = cell(p->groups[g].label, RUN_PLAIN);
            r[1] = cell(ms[i].name, RUN_PLAIN);
            r[2] = cell(count(x, ms[i].left_week), RUN_PLAIN);
            r[3] = cell(ms[i].left_phase < PHASE_COUNT ? args[5 + ms[i].left_phase] : "", RUN_PLAIN);
            r[4] = cell(x->o->redact ? "" : ms[i].left_reason, RUN_SMALL);
            r[4].lang = other_lang(x, ms[i].lang);      /* the member's words */
            Run *runs;                                  /* and theirs in another language */
            int nruns = language_prose_runs(x->a, r[4], ms[i].lang, x->o->lang, &runs);
            if (nruns) rp[4] = (CellParts){ runs, nruns };
        }
    }
    if (rows) doc_table_parts(d, cols, 5, cells, parts, rows);
}

/* The scale table at one later time point: a row per scale with a change
 * to show among completers. */
static void scales_table(Outcomes *x, Doc *d, const char *const *args, int later) {
    const Program *p = x->p;
    static const Outcome order[5] = { OUTCOME_RECOVERED, OUTCOME_IMPROVED, OUTCOME_UNCHANGED,
                                      OUTCOME_DETERIORATED, OUTCOME_NOT_COMPUTABLE };
    TableColumn cols[7] = { { args[0], 2.2, ALIGN_LEFT, 0 }, { args[1], 1.0, ALIGN_RIGHT, 0 } };
    for (int k = 0; k < 5; k++) cols[2 + k] = (TableColumn){ args[2 + k], 1.0, ALIGN_RIGHT, 0 };
    Run *cells = arena_alloc(x->a, sizeof *cells * 7 * (size_t)(p->nscales ? p->nscales : 1));
    int rows = 0;
    for (int i = 0; i < p->nscales; i++) {
        int c[OUTCOME_DETERIORATED + 1], total = 0;
        facts_count_scale(p->members, p->nmembers, p->scales[i].qualified, later, false, c);
        for (int k = 0; k <= OUTCOME_DETERIORATED; k++) total += c[k];
        if (!total) continue;
        Run *r = cells + 7 * rows++;
        r[0] = cell(program_scale_title(&p->scales[i], x->o->lang), RUN_PLAIN);
        r[0].lang = other_lang(x, program_scale_title_lang(&p->scales[i], x->o->lang));
        r[1] = cell(count(x, total), RUN_PLAIN);
        for (int k = 0; k < 5; k++) r[2 + k] = cell(c[order[k]] ? count(x, c[order[k]]) : "\u2013", RUN_PLAIN);
    }
    if (rows) doc_table(d, cols, 7, cells, rows);
}

/* @insert scales-post | Scale | Completers | Recovered | Improved |
 * Unchanged | Deteriorated | Not computable (and scales-followup). */
static void insert_scales_post(Doc *d, const char *const *args, int nargs, void *user) {
    scales_table(user, d, args, LATER_POST);
}
static void insert_scales_followup(Doc *d, const char *const *args, int nargs, void *user) {
    scales_table(user, d, args, LATER_FOLLOWUP);
}

static void draw_scatter(cairo_t *cr, double w, double h, void *ud) { chart_scatter_draw(cr, ud, w, h); }

/* The chart of one scale: every member's pre against post (and follow-up). */
static ScatterChart *scatter_of(Outcomes *x, const ProgramScale *s, const char *const *args) {
    const Program *p = x->p;
    ScatterChart *c = arena_alloc(x->a, sizeof *c);
    c->min = s->has_range ? s->min : 0;
    c->max = s->has_range ? s->max : 0;
    c->higher_is_worse = s->higher_is_worse;
    c->has_band = s->has_band;
    c->band = s->band;
    c->has_cutoff = s->cutoff.kind != CUTOFF_NONE;
    c->cutoff = s->cutoff.value;
    c->decimal_comma = !strcmp(x->o->lang, "fr");
    for (int k = 0; k < SCATTER_WORDS; k++)
        c->words[k] = language_typography(x->a, args[k == SW_PRE ? 0 : 2 + k], x->o->lang);
    for (int later = 0; later < LATER_COUNT; later++) {
        ScatterPoint *pts = arena_alloc(x->a, sizeof *pts * (size_t)(p->nmembers ? p->nmembers : 1));
        size_t n = 0;
        for (int i = 0; i < p->nmembers; i++) {
            const MemberFacts *m = &p->members[i];
            for (int j = 0; m->included && j < m->noutcomes; j++) {
                const ScaleOutcome *o = &m->outcomes[j];
                if (!o->has[later] || strcmp(o->qualified, s->qualified)) continue;
                pts[n++] = (ScatterPoint){ o->pre, o->later[later], m->left_week != 0 };
            }
        }
        if (!n && later == LATER_FOLLOWUP) continue;
        ScatterPanel *panel = &c->panels[c->npanels++];
        panel->title = language_typography(x->a, args[1 + later], x->o->lang);
        panel->points = pts;
        panel->n = n;
    }
    return c;
}

/* @insert charts | BEFORE THE GROUP | AFTER THE GROUP | AT FOLLOW-UP | NO
 * RELIABLE CHANGE | CLINICAL CUTOFF | COMPLETED | LEFT EARLY | BETTER
 * BELOW | BETTER ABOVE | NO BAND | NO SCORES: for each scale with a later
 * score, its title and its Jacobson–Truax chart. */
static void insert_charts(Doc *d, const char *const *args, int nargs, void *user) {
    Outcomes *x = user;
    const Program *p = x->p;
    /* the template's @alt, said of every chart, ends with the chart's scale */
    const char *alt = doc_alt(d) ? arena_strdup(x->a, doc_alt(d)) : NULL;
    for (int i = 0; i < p->nscales; i++) {
        const ProgramScale *s = &p->scales[i];
        ScatterChart *c = scatter_of(x, s, args);
        const char *name = arena_printf(x->a, "%s (%s)", program_scale_title(s, x->o->lang), s->qualified);
        Run title = cell(name, RUN_BOLD);
        doc_paragraph(d, &title, 1, PARA_LEFT | PARA_SANS | PARA_KEEP_WITH_NEXT | PARA_TIGHT);
        doc_space(d, 4);
        doc_keep_with_next(d);
        if (alt) doc_alt_text(d, arena_printf(x->a, "%s %s.", alt, name));
        doc_figure(d, chart_scatter_height(c, doc_text_width(d)), draw_scatter, c);
        doc_space(d, 10);
    }
}

static const TemplateInsert inserts[] = {
    { "groups", 8, 8, insert_groups, false },
    { "leaving", 3 + PHASE_COUNT + 1, 3 + PHASE_COUNT + 1, insert_leaving, false },
    { "leavers", 5 + PHASE_COUNT, 5 + PHASE_COUNT, insert_leavers, false },
    { "scales-post", 7, 7, insert_scales_post, false },
    { "scales-followup", 7, 7, insert_scales_followup, false },
    { "charts", 1 + LATER_COUNT + SCATTER_WORDS - 1, 1 + LATER_COUNT + SCATTER_WORDS - 1, insert_charts, true },
};

/* ---- the template's data ----------------------------------------------- */

/* The counts at one later time point: completers assessed, improved on one
 * or more and on two or more (with their shares), deteriorated, and the
 * members who left early but were assessed then. */
static void later_data(Outcomes *x, TValue *d, const char *key, int later) {
    const Program *p = x->p;
    OutcomeCounts c = facts_count_outcomes(p->members, p->nmembers, later);
    int leavers = 0;
    bool any = false;
    for (int i = 0; i < p->nmembers; i++) {
        const MemberFacts *m = &p->members[i];
        bool has = false;
        for (int j = 0; m->included && j < m->noutcomes; j++) has |= m->outcomes[j].has[later];
        any |= has;
        leavers += has && m->left_week;
    }
    tv_set(d, arena_printf(x->a, "%s.has", key), tv_bool(any));
    tv_set(d, arena_printf(x->a, "%s.assessed", key), text(count(x, c.assessed)));
    tv_set(d, arena_printf(x->a, "%s.improved_one", key), text(count(x, c.improved_one)));
    tv_set(d, arena_printf(x->a, "%s.improved_one_pct", key), text(percent(x, c.improved_one, c.assessed)));
    tv_set(d, arena_printf(x->a, "%s.improved_two", key), text(count(x, c.improved_two)));
    tv_set(d, arena_printf(x->a, "%s.improved_two_pct", key), text(percent(x, c.improved_two, c.assessed)));
    tv_set(d, arena_printf(x->a, "%s.deteriorated", key), text(count(x, c.deteriorated_one)));
    tv_set(d, arena_printf(x->a, "%s.deteriorated_pct", key),
           text(percent(x, c.deteriorated_one, c.assessed)));
    tv_set(d, arena_printf(x->a, "%s.leavers_assessed", key), leavers ? text(count(x, leavers)) : NULL);
}

/* Who completed and who left, overall: counts, shares, the phase most
 * left in (most.PHASE yes when one phase has more than any other), and
 * every member who left. */
static void completion_data(Outcomes *x, TValue *d) {
    const Program *p = x->p;
    Completion c = facts_completion(p->members, p->nmembers);
    int included = c.completed + c.left;
    tv_set(d, "members.count", text(count(x, p->nmembers)));
    tv_set(d, "members.included", text(count(x, included)));
    tv_set(d, "members.not_included", p->nmembers > included ? text(count(x, p->nmembers - included)) : NULL);
    tv_set(d, "completion.completed", text(count(x, c.completed)));
    tv_set(d, "completion.completed_pct", text(percent(x, c.completed, included)));
    tv_set(d, "completion.left", c.left ? text(count(x, c.left)) : NULL);
    tv_set(d, "completion.left_pct", text(percent(x, c.left, included)));
    int top = 0;
    for (int ph = 1; ph < PHASE_COUNT; ph++)
        if (c.left_in[ph] > c.left_in[top]) top = ph;
    int ties = 0;
    for (int ph = 0; ph < PHASE_COUNT; ph++) ties += c.left_in[ph] == c.left_in[top];
    for (int ph = 0; ph < PHASE_COUNT; ph++)
        tv_set(d, arena_printf(x->a, "completion.most.%s", phase_names[ph]),
               tv_bool(c.left && ties == 1 && ph == top));
}

/* The scales, with the figures their classification rests on. */
static TValue *scales_data(Outcomes *x) {
    const char *lang = x->o->lang;
    TValue *list = tv_list();
    for (int i = 0; i < x->p->nscales; i++) {
        const ProgramScale *s = &x->p->scales[i];
        TValue *item = tv_map();
        tv_set(item, "title", lang_text(x, program_scale_title(s, lang), program_scale_title_lang(s, lang)));
        tv_set(item, "scale", text(s->qualified));
        tv_set(item, "reference", lang_text(x, program_scale_reference(s, lang), program_scale_reference_lang(s, lang)));
        tv_set(item, "reference_source", lang_text(x, s->reference_source, s->reference_source_lang));
        tv_set(item, "clinical_source", lang_text(x, s->clinical_source, s->clinical_source_lang));
        tv_set(item, "reliability", s->has_reliability ? text(language_number(x->a, s->reliability, -1, lang)) : NULL);
        tv_set(item, "reliability_source", lang_text(x, s->reliability_source, s->reliability_source_lang));
        int l = lang_index(lang);
        tv_set(item, "reliability_sample", text(l >= 0 ? s->reliability_sample_in[l] : NULL));
        tv_set(item, "reliability_n", s->reliability_n ? text(count(x, s->reliability_n)) : NULL);
        tv_set(item, "cutoff", s->cutoff.kind != CUTOFF_NONE ? text(language_number(x->a, s->cutoff.value, 2, lang)) : NULL);
        tv_set(item, "cutoff_kind", s->cutoff.kind != CUTOFF_NONE ? text(score_cutoff_name(s->cutoff.kind)) : NULL);
        tv_set(item, "band", s->has_band ? text(language_number(x->a, s->band, 2, lang)) : NULL);
        tv_list_add(list, item);
    }
    return list;
}

static TValue *outcomes_data(Outcomes *x) {
    const Program *p = x->p;
    TValue *d = tv_map();
    tv_set(d, "redacted", tv_bool(x->o->redact));
    /* de-identified: the day it was made would tell how far dates were moved */
    tv_set(d, "date", x->o->redact ? NULL : text(date_in_words(x->a, date_today(), x->o->lang, false)));
    tv_set(d, "clinic.name", x->o->redact || !p->clinic ? NULL
                             : tv_text_in(p->clinic, LOC_NONE, other_lang(x, p->clinic_lang)));
    tv_set(d, "groups.count", text(count(x, p->ngroups)));
    tv_set(d, "groups.one", tv_bool(p->ngroups == 1));
    Date first = { 0 }, last = { 0 };
    for (int g = 0; g < p->ngroups; g++) {
        const ProgramGroup *pg = &p->groups[g];
        if (pg->first.set && (!first.set || date_days(pg->first) < date_days(first))) first = pg->first;
        if (pg->last.set && (!last.set || date_days(pg->last) > date_days(last))) last = pg->last;
    }
    tv_set(d, "groups.first", first.set ? text(date_text(x, first)) : NULL);
    tv_set(d, "groups.last", last.set ? text(date_text(x, last)) : NULL);
    completion_data(x, d);
    later_data(x, d, "post", LATER_POST);
    later_data(x, d, "followup", LATER_FOLLOWUP);
    tv_set(d, "scales", scales_data(x));
    TValue *nc = tv_list();
    for (int i = 0; i < p->nscales; i++)
        if (!p->scales[i].has_band)
            tv_list_add(nc, lang_text(x, program_scale_title(&p->scales[i], x->o->lang),
                                    program_scale_title_lang(&p->scales[i], x->o->lang)));
    tv_set(d, "not_computable", nc);
    return d;
}

int outcomes_write(const Program *p, const char *datadir, const char *out, const OutcomesOptions *o) {
    Arena a = { 0 };
    Outcomes x = { .a = &a, .p = p, .o = o };
    const char *dirs[3];
    int ndirs = 0;
    if (o->templates) dirs[ndirs++] = o->templates;
    if (o->clinic_templates) dirs[ndirs++] = o->clinic_templates;
    dirs[ndirs++] = datadir;
    Template *t = template_load(dirs, ndirs, "outcomes", o->lang);
    if (!t) {
        arena_free(&a);
        return 1;
    }
    const char *clinic = o->redact ? NULL : p->clinic;
    DocInfo info = { .paper = o->paper, .lang = o->lang, .title = clinic ? clinic : "", .author = clinic,
                     .subject = clinic, .header_left = clinic };
    TemplateLayout tl = { .inserts = inserts, .ninserts = (int)(sizeof inserts / sizeof *inserts),
                          .user = &x, .heading_level = 1, .paragraph_flags = PARA_LEFT };
    Doc *d = tmpl_document(&a, t, outcomes_data(&x), &info, &tl);
    int rc = 1;
    if (d) {
        char err[512];
        rc = doc_write_pdf(d, out, NULL, err, sizeof err) == 0 ? 0 : 2;
        if (rc) diag_file(DIAG_ERROR, NULL, "%s", err);
        doc_free(d);
    }
    arena_free(&a);
    return rc;
}
