/* report.c — the formulation report. Sections, in order: identification,
 * assessment summary (table, profile chart, change chart), the Cyclical
 * Relational Pattern, the two triangles, relating in the group, anticipated
 * enactments by phase, treatment goals, signature. A section without data
 * is left out; in a draft a required item that is missing reads
 * "to be completed". */
#include "report.h"
#include <stdio.h>
#include <string.h>
#include "chart.h"
#include "diag.h"
#include "diagram.h"
#include "render.h"

enum { FAMILY_MAX = 64 };
#define TBC "to be completed"

typedef struct Report {
    Arena *a;
    Doc *d;
    const Model *m;
    const Scored *sc;
    const Model *group;
} Report;

/* A run holding a Text (its origin lets missing glyphs point at the source). */
static Run run_text(const Text *t, RunStyle style) { return (Run){ t->s, style, t }; }
static Run run_plain(const char *s, RunStyle style) { return (Run){ s, style, NULL }; }

/* "Label. text" as one paragraph; a missing text in a draft reads "to be
 * completed"; in a final document a missing optional text is skipped. */
static void labelled(Report *r, const char *label, const Text *t) {
    if (!t->s && !r->m->f.draft) return;
    Run runs[2] = { run_plain(r->a ? arena_printf(r->a, "%s. ", label) : label, RUN_BOLD),
                    t->s ? run_text(t, RUN_PLAIN) : run_plain(TBC, RUN_ITALIC) };
    doc_paragraph(r->d, runs, 2, PARA_JUSTIFY);
}

static void para(Report *r, const char *text, int flags) {
    Run run = run_plain(text, RUN_PLAIN);
    doc_paragraph(r->d, &run, 1, flags);
}

static const char *when_name[WHEN_COUNT] = { "Pre", "Post", "Follow-up" };

/* ---- identification ---------------------------------------------------- */

static void identification(Report *r) {
    const Formulation *f = &r->m->f;
    Arena *a = r->a;
    TableColumn cols[2] = { { "", 1, ALIGN_LEFT }, { "", 3, ALIGN_LEFT } };
    Run cells[2 * 12];
    int n = 0;
#define ROW(label, run) do { cells[2 * n] = run_plain(label, RUN_BOLD); cells[2 * n + 1] = (run); n++; } while (0)
    ROW("Patient", run_text(&f->patient.name, RUN_PLAIN));
    if (f->patient.id.s) ROW("ID", run_text(&f->patient.id, RUN_PLAIN));
    if (f->patient.born.set) {
        const Assessment *pre = model_assessment(r->m, WHEN_PRE, NULL);
        Date on = r->group && r->group->g.starts.set ? r->group->g.starts : pre ? pre->date : render_today();
        ROW("Age", run_plain(arena_printf(a, "%d (born %s; age on %s)", age_on(f->patient.born, on),
                                          render_date(a, f->patient.born), render_date(a, on)), RUN_PLAIN));
    }
    if (f->patient.pronouns.s) ROW("Pronouns", run_text(&f->patient.pronouns, RUN_PLAIN));
    ROW("Clinician", f->clinician.s ? run_text(&f->clinician, RUN_PLAIN) : run_plain(TBC, RUN_ITALIC));
    if (r->group && r->group->g.title.s) {
        const Group *g = &r->group->g;
        ROW("Group", run_plain(arena_printf(a, "%s%s%s%s%s", g->title.s, g->code.s ? " (" : "",
                                            g->code.s ? g->code.s : "", g->code.s ? ")" : "",
                                            g->starts.set ? arena_printf(a, ", from %s, %d weeks",
                                                render_date(a, g->starts), g->weeks) : ""), RUN_PLAIN));
    }
    char *dates = arena_strdup(a, "");
    for (int i = 0; i < f->nassessments; i++) {
        const Assessment *as = &f->assessments[i];
        dates = arena_printf(a, "%s%s%s %s%s%s", dates, i ? "; " : "", when_name[as->when],
                             render_date(a, as->date), as->rater.s ? " by " : "",
                             as->rater.s ? as->rater.s : "");
    }
    if (f->nassessments) ROW("Assessments", run_plain(dates, RUN_PLAIN));
    ROW("Status", run_plain(f->draft ? "Draft: not for the record" : "Final", RUN_PLAIN));
#undef ROW
    doc_table(r->d, cols, 2, cells, n);
}

/* ---- scores ------------------------------------------------------------ */

static const char *fmt_num(Arena *a, bool has, double v, int decimals) {
    return has ? arena_printf(a, "%.*f", decimals, v) : "";
}

static int decimals_for(const ScoredScale *s) {
    for (int w = 0; w < WHEN_COUNT; w++)
        if (s->at[w].has && s->at[w].value != (long)s->at[w].value) return 2;
    return 0;
}

static const char *scale_label(Arena *a, const Scale *s) {
    return arena_printf(a, "%s (%s)", s->title.s, s->instrument->id.s);
}

/* The table of one rater's scores (NULL: self-report); returns rows shown. */
static int score_table(Report *r, const char *rater) {
    Arena *a = r->a;
    TableColumn cols[9] = {
        { "Scale", 3.4, ALIGN_LEFT }, { "Pre", 0.8, ALIGN_RIGHT }, { "Post", 0.8, ALIGN_RIGHT },
        { "Follow-up", 1.1, ALIGN_RIGHT }, { "T (pre)", 0.9, ALIGN_RIGHT }, { "Pctl", 0.7, ALIGN_RIGHT },
        { "RCI post", 1.0, ALIGN_RIGHT }, { "Outcome post", 1.5, ALIGN_LEFT },
        { "Outcome f-up", 1.5, ALIGN_LEFT },
    };
    int n = 0;
    for (int i = 0; i < r->sc->nscales; i++) {
        const ScoredScale *s = &r->sc->scales[i];
        n += (!rater && !s->rater) || (rater && s->rater && !strcmp(rater, s->rater));
    }
    if (!n) return 0;
    Run *cells = arena_alloc(a, sizeof *cells * 9 * (size_t)n);
    int row = 0;
    for (int i = 0; i < r->sc->nscales; i++) {
        const ScoredScale *s = &r->sc->scales[i];
        if (!((!rater && !s->rater) || (rater && s->rater && !strcmp(rater, s->rater)))) continue;
        int d = decimals_for(s);
        Run *c = cells + 9 * row++;
        c[0] = run_plain(scale_label(a, s->scale), RUN_PLAIN);
        for (int w = 0; w < WHEN_COUNT; w++)
            c[1 + w] = run_plain(fmt_num(a, s->at[w].has, s->at[w].value, d), RUN_PLAIN);
        c[4] = run_plain(s->reference ? fmt_num(a, s->at[WHEN_PRE].has_t, s->at[WHEN_PRE].t, 0) : "no norm",
                         s->reference ? RUN_PLAIN : RUN_SMALL);
        c[5] = run_plain(fmt_num(a, s->at[WHEN_PRE].has_t, s->at[WHEN_PRE].percentile, 0), RUN_PLAIN);
        c[6] = run_plain(fmt_num(a, s->post.rci.computable, s->post.rci.rci, 2), RUN_PLAIN);
        c[7] = run_plain(scored_outcome(&s->post), RUN_PLAIN);
        c[8] = run_plain(scored_outcome(&s->followup), RUN_PLAIN);
    }
    doc_table(r->d, cols, 9, cells, n);
    return n;
}

/* The sources of the norms used, numbered, under the table. */
static void norm_sources(Report *r) {
    const Norm *seen[128];
    int n = 0;
    for (int i = 0; i < r->sc->nscales && n < 128; i++) {
        const Norm *no[2] = { r->sc->scales[i].reference, r->sc->scales[i].clinical };
        for (int k = 0; k < 2; k++) {
            if (!no[k]) continue;
            int j = 0;
            while (j < n && seen[j] != no[k]) j++;
            if (j == n) seen[n++] = no[k];
        }
    }
    para(r, "T-scores (mean 50, SD 10) and percentiles compare the pre score with the reference "
            "(non-clinical) norm below. Reliable change follows Jacobson and Truax (1991): a change "
            "is reliable when |RCI| > 1.96. Outcomes: recovered (reliable improvement past the "
            "cutoff), improved, unchanged, deteriorated. A blank means no published figure in the "
            "instrument library; see docs/instruments.md.", PARA_LEFT | PARA_TIGHT);
    for (int j = 0; j < n; j++) {
        const Norm *no = seen[j];
        const char *scales = arena_strdup(r->a, "");
        for (int i = 0; i < r->sc->nscales; i++)
            if ((r->sc->scales[i].reference == no || r->sc->scales[i].clinical == no) && !r->sc->scales[i].rater)
                scales = arena_printf(r->a, "%s%s%s", scales, *scales ? ", " : "", r->sc->scales[i].scale->qualified);
        Run runs[2] = { run_plain(arena_printf(r->a, "%s %s norm: mean %g, SD %g%s. ", scales, no->name.s,
                                               no->mean, no->sd, no->n ? arena_printf(r->a, ", n = %d", no->n) : ""),
                                  RUN_SMALL),
                        run_text(&no->source, RUN_SMALL) };
        doc_paragraph(r->d, runs, 2, PARA_LEFT | PARA_TIGHT);
    }
}

typedef struct ChartData {
    ChartScale *scales;
    size_t n;
    ProfileChart profile;
    ChangeChart change;
} ChartData;

static void draw_profile(cairo_t *cr, double w, double h, void *ud) {
    chart_profile_draw(cr, &((ChartData *)ud)->profile, w, h);
}
static void draw_change(cairo_t *cr, double w, double h, void *ud) {
    chart_change_draw(cr, &((ChartData *)ud)->change, w, h);
}

static ChartData *chart_data(Report *r) {
    ChartData *cd = arena_alloc(r->a, sizeof *cd);
    cd->scales = arena_alloc(r->a, sizeof *cd->scales * (size_t)(r->sc->nscales + 1));
    for (int i = 0; i < r->sc->nscales; i++) {
        const ScoredScale *s = &r->sc->scales[i];
        if (s->rater) continue;
        ChartScale *c = &cd->scales[cd->n++];
        c->label = scale_label(r->a, s->scale);
        for (int w = 0; w < WHEN_COUNT; w++) {
            if (s->at[w].has) { c->raw[w] = s->at[w].value; c->has_raw |= CHART_BIT(w); }
            if (s->at[w].has_t) { c->t[w] = s->at[w].t; c->has_t |= CHART_BIT(w); }
        }
        c->has_norm = s->reference != NULL;
        if (s->post.has && s->post.rci.computable && s->post.rci.change != CHANGE_NONE) c->reliable |= CHART_BIT(CHART_POST);
        if (s->followup.has && s->followup.rci.computable && s->followup.rci.change != CHANGE_NONE) c->reliable |= CHART_BIT(CHART_FU);
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

static void assessment_section(Report *r) {
    if (!r->sc->nscales) {
        if (r->m->f.draft) {
            doc_heading(r->d, 1, "Assessment", NULL);
            para(r, "No assessment entered yet: " TBC ".", PARA_LEFT);
        }
        return;
    }
    doc_heading(r->d, 1, "Assessment", NULL);
    score_table(r, NULL);
    norm_sources(r);
    /* informants, each in a table of their own */
    const char *done[32];
    int ndone = 0;
    for (int i = 0; i < r->sc->nscales && ndone < 32; i++) {
        const char *rater = r->sc->scales[i].rater;
        if (!rater) continue;
        int k = 0;
        while (k < ndone && strcmp(done[k], rater)) k++;
        if (k < ndone) continue;
        done[ndone++] = rater;
        doc_heading(r->d, 2, arena_printf(r->a, "Ratings by an informant: %s", rater), NULL);
        score_table(r, rater);
    }
    ChartData *cd = chart_data(r);
    double w = doc_text_width(r->d);
    doc_heading(r->d, 2, "Profile against norms", NULL);
    doc_figure(r->d, chart_profile_height(&cd->profile, w), draw_profile, cd);
    bool later = false;
    for (size_t i = 0; i < cd->n; i++) later |= (cd->scales[i].has_raw & ~CHART_BIT(CHART_PRE)) != 0;
    if (later) {
        doc_heading(r->d, 2, "Change from pre to post and follow-up", NULL);
        doc_figure(r->d, chart_change_height(&cd->change, w), draw_change, cd);
    }
}

/* ---- formulation ------------------------------------------------------- */

typedef struct CrpFig { CrpDiagram d; } CrpFig;
static void draw_crp(cairo_t *cr, double w, double h, void *ud) { diagram_crp_draw(cr, &((CrpFig *)ud)->d, w, h); }
static void draw_triangle(cairo_t *cr, double w, double h, void *ud) { diagram_triangle_draw(cr, ud, w, h); }

static const char *or_tbc(const Text *t) { return t->s ? t->s : TBC; }

static void crp_section(Report *r) {
    const Formulation *f = &r->m->f;
    if (!f->crp.loc.src && !f->draft) return;
    doc_heading(r->d, 1, "Cyclical Relational Pattern", NULL);
    const Text *facets[4] = { &f->crp.acts_of_self, &f->crp.expectations_of_others,
                              &f->crp.acts_of_others, &f->crp.introject };
    CrpFig *fig = arena_alloc(r->a, sizeof *fig);
    for (int i = 0; i < 4; i++) fig->d.texts[i] = or_tbc(facets[i]);
    doc_figure(r->d, diagram_crp_height(&fig->d, doc_text_width(r->d)), draw_crp, fig);
    for (int i = 0; i < 4; i++) labelled(r, diagram_crp_labels[i], facets[i]);
}

static void triangle_section(Report *r, const char *title, const char *const labels[3],
                             const Text *texts[3], bool present) {
    if (!present && !r->m->f.draft) return;
    doc_heading(r->d, 1, title, NULL);
    TriangleDiagram *t = arena_alloc(r->a, sizeof *t);
    for (int i = 0; i < 3; i++) {
        t->labels[i] = labels[i];
        t->texts[i] = or_tbc(texts[i]);
    }
    doc_figure(r->d, diagram_triangle_height(t, doc_text_width(r->d)), draw_triangle, t);
    for (int i = 0; i < 3; i++) labelled(r, labels[i], texts[i]);
}

static void in_group_section(Report *r) {
    const Formulation *f = &r->m->f;
    if (!f->in_group.loc.src) return;
    doc_heading(r->d, 1, "Relating in the group", NULL);
    labelled(r, "To the therapists", &f->in_group.therapists);
    labelled(r, "To the self", &f->in_group.self);
    labelled(r, "To other members", &f->in_group.members);
    labelled(r, "To the group as a whole", &f->in_group.group);
}

static void enactments_section(Report *r) {
    const Formulation *f = &r->m->f;
    if (!f->enactments_loc.src) return;
    static const char *titles[PHASE_COUNT] = { "Engagement and pseudo-attachment", "Pattern interruption",
                                               "Self-redefinition / painful authenticity", "Termination" };
    doc_heading(r->d, 1, "Anticipated enactments by phase", NULL);
    for (int p = 0; p < PHASE_COUNT; p++) {
        const char *label = titles[p];
        if (r->group && r->group->g.weeks > 0) {
            const PhaseSpan *s = &r->group->g.phases[p];
            label = arena_printf(r->a, "%s (weeks %d-%d)", titles[p], s->first, s->last);
        }
        labelled(r, label, &f->enactments[p]);
    }
}

static void goals_section(Report *r) {
    const Formulation *f = &r->m->f;
    if (!f->ngoals) return;
    doc_heading(r->d, 1, "Treatment goals", NULL);
    for (int i = 0; i < f->ngoals; i++) {
        const Goal *g = &f->goals[i];
        const ScoredGoal *sg = &r->sc->goals[i];
        Run runs[3];
        int n = 0;
        runs[n++] = run_plain(arena_printf(r->a, "%d. ", i + 1), RUN_BOLD);
        runs[n++] = run_text(&g->text, RUN_PLAIN);
        if (g->has_target || g->by_week) {
            const char *t = arena_strdup(r->a, " (");
            if (g->has_target) t = arena_printf(r->a, "%starget: %s at or %s %g", t, scale_label(r->a, g->target_scale),
                                                g->target_scale->direction == DIR_HIGHER_WORSE ? "below" : "above", g->target);
            if (g->by_week) t = arena_printf(r->a, "%s%sby week %d", t, g->has_target ? ", " : "", g->by_week);
            if (sg->has_post) t = arena_printf(r->a, "%s; post: %s", t, sg->met_post ? "met" : "not met");
            if (sg->has_followup) t = arena_printf(r->a, "%s; follow-up: %s", t, sg->met_followup ? "met" : "not met");
            runs[n++] = run_plain(arena_printf(r->a, "%s)", t), RUN_ITALIC);
        }
        doc_paragraph(r->d, runs, n, PARA_LEFT);
    }
}

static void signature(Report *r) {
    const Formulation *f = &r->m->f;
    doc_space(r->d, 24);
    Run runs[2] = { run_plain("Prepared by ", RUN_PLAIN),
                    f->clinician.s ? run_text(&f->clinician, RUN_BOLD) : run_plain(TBC, RUN_ITALIC) };
    doc_paragraph(r->d, runs, 2, PARA_LEFT | PARA_KEEP_WITH_NEXT);
    para(r, "Signature: ______________________________        Date: ________________",
         PARA_LEFT | PARA_NO_HYPHENATE);
}

Doc *report_build(Arena *a, const Model *m, const Scored *sc, const Model *group, Paper paper) {
    const Formulation *f = &m->f;
    DocInfo info = {
        .paper = paper, .lang = "en",
        .title = arena_printf(a, "Formulation report: %s", f->patient.name.s),
        .author = f->clinician.s, .subject = "Case formulation for dynamic-relational group therapy",
        .header_left = f->patient.name.s,
        .header_right = arena_printf(a, "%s%sConfidential", f->patient.id.s ? f->patient.id.s : "",
                                     f->patient.id.s ? " \u00b7 " : ""),
        .footer_page_numbers = 1, .page_format = "page %d of %d", .draft = f->draft,
        .missing_glyph = render_missing_glyph,
    };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    if (!d) {
        diag_file(DIAG_ERROR, NULL, "%s", err);
        return NULL;
    }
    Report r = { a, d, m, sc, group };
    Run title = run_text(&f->patient.name, RUN_PLAIN);
    doc_heading(d, 1, "Formulation report", NULL);
    doc_paragraph(d, &title, 1, PARA_LEFT | PARA_NO_HYPHENATE | PARA_SANS);
    identification(&r);
    assessment_section(&r);
    crp_section(&r);
    const Text *ad[3] = { &f->adaptation.need, &f->adaptation.affect, &f->adaptation.defense };
    triangle_section(&r, "Triangle of Adaptation", diagram_adaptation_labels, ad, f->adaptation.loc.src != NULL);
    const Text *orl[3] = { &f->object_relations.past, &f->object_relations.current, &f->object_relations.expected };
    triangle_section(&r, "Triangle of Object Relations", diagram_object_relations_labels, orl,
                     f->object_relations.loc.src != NULL);
    in_group_section(&r);
    enactments_section(&r);
    goals_section(&r);
    signature(&r);
    return d;
}
