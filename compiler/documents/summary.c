/* summary.c — the group summary. The group file and its members are read
 * into facts (groupfacts.h), one member at a time; the facts are handed to
 * a template (templates/summary.LANG.tmpl, or a clinic's own) that holds
 * every fixed word of the document; the tables and the chart are placed
 * where the template says, with @insert, by the functions below. */
#include "front/dates.h"
#include "documents/summary.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figures/chart.h"
#include "base/diag.h"
#include "score/groupfacts.h"
#include "documents/redact.h"
#include "documents/clinic.h"
#include "documents/documents.h"
#include "documents/language.h"
#include "front/schema.h"
#include "template/template.h"
#include "documents/tmpl_layout.h"

typedef struct Summary {
    Arena *a;
    const char *lang;
    const Model *gm;          /* the group as shown (de-identified with --redact) */
    const Group *g;
    bool redact;
    MemberFacts *ms;
    int n;
    int included;
    DimInfo dims[DIM_COUNT];
} Summary;

/* beside the name of a member who left early, in an outcome table */
#define LEFT_EARLY_MARK "\u2021"

static Run cell(const char *s, RunStyle style) { return (Run){ s ? s : "", style, LOC_NONE, 0, NULL }; }

/* "Ada (Adaeze Nwosu)", or the name alone. */
static const char *member_label(Summary *s, const MemberFacts *m) {
    if (m->preferred && m->name && strcmp(m->preferred, m->name))
        return arena_printf(s->a, "%s (%s)", m->preferred, m->name);
    return m->name ? m->name : m->path;
}

static const char *short_name(const MemberFacts *m) {
    return m->preferred ? m->preferred : m->name ? m->name : m->path;
}

/* A date in the document's language, with its weekday. */
static const char *date_text(Summary *s, Date d) {
    return date_in_words(s->a, d, s->lang, true);
}

static const char *week_date(Summary *s, int week) {
    return date_text(s, facts_week_date(s->g->starts, week));
}

static const char *number(Summary *s, double v) { return arena_printf(s->a, "%.0f", v); }

/* ---- @insert blocks ---------------------------------------------------- */

/* s, its allocations made in cells: a table's cells and their texts,
 * which doc_table and doc_paragraph copy, let go once the table is made
 * (a long summary's tables are a row per member). */
static Summary with_arena(const Summary *s, Arena *cells) {
    Summary t = *s;
    t.a = cells;
    return t;
}

/* @insert roster | Member | ID | Age | Pronouns | Status | Pre | Post |
 * Follow-up | DRAFT | FINAL: the included members, in the group file's
 * order; a tick for each assessment that is in. */
static void insert_roster(Doc *d, const char *const *args, int nargs, void *user) {
    Arena cells_arena = { 0 };
    Summary t = with_arena(user, &cells_arena), *s = &t;
    TableColumn cols[8] = {
        { args[0], 3.4, ALIGN_LEFT, 0 }, { args[1], 1.2, ALIGN_LEFT, 1 }, { args[2], 0.7, ALIGN_RIGHT, 1 },
        { args[3], 1.3, ALIGN_LEFT, 1 }, { args[4], 1.0, ALIGN_LEFT, 0 }, { args[5], 0.7, ALIGN_CENTER, 1 },
        { args[6], 0.7, ALIGN_CENTER, 1 }, { args[7], 1.2, ALIGN_CENTER, 1 },
    };
    Run *cells = arena_alloc(s->a, sizeof *cells * 8 * (size_t)(s->n ? s->n : 1));
    int rows = 0;
    for (int i = 0; i < s->n; i++) {
        const MemberFacts *m = &s->ms[i];
        if (!m->included) continue;
        Run *c = cells + 8 * rows++;
        c[0] = cell(member_label(s, m), RUN_PLAIN);
        c[1] = cell(m->id, RUN_PLAIN);
        c[2] = cell(m->has_age ? arena_printf(s->a, "%d", m->age) : "", RUN_PLAIN);
        c[3] = cell(m->pronouns, RUN_PLAIN);
        c[4] = cell(m->draft ? args[8] : args[9], m->draft ? RUN_ITALIC : RUN_PLAIN);
        for (int w = 0; w < WHEN_COUNT; w++) c[5 + w] = cell(m->assessed[w] ? "\u2713" : "\u2013", RUN_PLAIN);
    }
    if (rows) doc_table(d, cols, 8, cells, rows);
    arena_free(&cells_arena);
}

static void draw_composition(cairo_t *cr, double w, double h, void *ud) { chart_group_draw(cr, ud, w, h); }

/* The composition chart's members [from, to) as one part: under the
 * chart's headings, with its axes, the overlay row when it is the last. */
static GroupChart composition_rows(const GroupChart *gc, int from, int to) {
    GroupChart part = *gc;
    part.from = (size_t)from;
    part.rows = (size_t)(to - from);
    part.more = (size_t)to < gc->n_members;
    return part;
}

static double composition_rows_height(int from, int to, double w, void *ud) {
    GroupChart part = composition_rows(ud, from, to);
    return chart_group_height(&part, w);
}

static void draw_composition_rows(cairo_t *cr, double w, double h, int from, int to, void *ud) {
    GroupChart part = composition_rows(ud, from, to);
    chart_group_draw(cr, &part, w, h);
}

/* The smallest a composition chart on one page is drawn: rows 14.8 pt,
 * initials 7 pt, values 5.7 pt (LABEL_SIZE, TINY_SIZE), what a reader
 * reads at arm's length; a chart that would be smaller (past some 40
 * members) is continued over pages instead, each part at full size. */
#define COMPOSITION_MIN_SCALE 0.87
/* The room a continued part leaves above it for its caption. */
#define COMPOSITION_CAPTION_H 30.0

/* The composition chart in parts of about equal rows, each at most a
 * page high with its caption, in the members' order: each a figure of
 * its own, its caption "Composition (continued)" after the first (a
 * Caption of its Figure, doc_figure_caption), its
 * alternative text saying which members it shows (the first's the
 * template's, followed by that). */
static void composition_parts(Doc *d, Summary *s, const GroupChart *gc) {
    bool fr = s->lang && !strcmp(s->lang, "fr");
    double w = doc_text_width(d);
    size_t fit = chart_group_rows_within(gc, w, doc_text_height(d) - COMPOSITION_CAPTION_H);
    if (!fit) fit = 1;
    size_t n = gc->n_members, parts = (n + fit - 1) / fit, each = (n + parts - 1) / parts;
    const char *alt = doc_alt(d) ? arena_strdup(s->a, doc_alt(d)) : NULL;
    for (size_t from = 0; from < n; from += each) {
        GroupChart *part = arena_alloc(s->a, sizeof *part);
        *part = *gc;
        part->from = from;
        part->rows = n - from < each ? n - from : each;
        part->more = from + part->rows < n;
        size_t first = from + 1, last = from + part->rows;
        const char *which = fr ? arena_printf(s->a, "membres %zu à %zu sur %zu", first, last, n)
                               : arena_printf(s->a, "members %zu\u2013%zu of %zu", first, last, n);
        if (from == 0) {
            doc_alt_text(d, arena_printf(s->a, fr ? "%s%sCette partie : %s ; le graphique continue aux pages suivantes."
                                                  : "%s%sThis part: %s; the chart continues on the following pages.",
                                         alt ? alt : "", alt ? " " : "", which));
        } else {
            doc_alt_text(d, arena_printf(s->a, fr ? "Graphique de composition (suite) : %s, le profil de chaque membre "
                                                    "sur les six échelles avant le groupe, comme dans la première partie%s."
                                                  : "Chart of the composition (continued): %s, each member's profile on the six "
                                                    "scales before the group, as in its first part%s.",
                                         which, part->more ? "" : fr ? " ; la dernière ligne superpose tous les membres, "
                                                                       "avec la moyenne du groupe"
                                                                     : "; the last row overlays every member, with the "
                                                                       "group's mean"));
        }
        doc_figure(d, chart_group_height(part, w), draw_composition, part);
        if (from > 0) doc_figure_caption(d, fr ? "Composition (suite)" : "Composition (continued)");
    }
    doc_alt_text(d, alt);
}

/* @insert composition | SELF-ORIENTED | OTHER-ORIENTED | SOCIALLY PRESCRIBED |
 * SELF-PROMOTION | NONDISPLAY | NONDISCLOSURE | NO-NORM MARK | ALL MEMBERS:
 * every included member's pre profile on the six dimensions, T 20-80
 * (raw scores where the library has no reference norm, their column marked), on one
 * page, split between members' rows at a page's end (doc_figure_rows: the
 * rest goes on under the same column titles and axes), or over pages past
 * some 40 members (composition_parts). The legend is the template's.
 * Nothing when no member has a pre score. */
static void insert_composition(Doc *d, const char *const *args, int nargs, void *user) {
    Summary *s = user;
    GroupChart *gc = arena_alloc(s->a, sizeof *gc);
    ChartMember *cm = arena_alloc(s->a, sizeof *cm * (size_t)(s->n ? s->n : 1));
    const char **labels = arena_alloc(s->a, sizeof *labels * DIM_COUNT);
    for (int k = 0; k < DIM_COUNT; k++) {
        bool raw = !s->dims[k].has_reference;
        /* the args live only during this call; the chart is drawn later */
        labels[k] = language_typography(s->a, raw ? arena_printf(s->a, "%s %s", args[k], args[DIM_COUNT]) : args[k], s->lang);
        if (!raw) continue;
        gc->raw_dims |= 1u << k;
        gc->raw_min[k] = s->dims[k].has_range ? s->dims[k].min : 0;
        gc->raw_max[k] = s->dims[k].has_range ? s->dims[k].max : 0;
    }
    for (int i = 0; i < s->n; i++) {
        const MemberFacts *m = &s->ms[i];
        if (!m->included) continue;
        ChartMember *c = &cm[gc->n_members];
        for (int k = 0; k < DIM_COUNT; k++) {
            const DimScore *ds = &m->dims[k];
            bool raw = gc->raw_dims & (1u << k);
            if (!ds->has || (!raw && !ds->has_t)) continue;
            c->t[k] = raw ? ds->raw : ds->t;
            c->has |= 1u << k;
        }
        if (!c->has) continue;
        c->initials = language_typography(s->a, short_name(m), s->lang);
        gc->n_members++;
    }
    if (!gc->n_members) return;
    gc->dim_labels = labels;
    gc->n_dims = DIM_COUNT;
    gc->members = cm;
    gc->t_min = 20;
    gc->t_max = 80;
    gc->legend = "";
    gc->all_label = language_typography(s->a, args[DIM_COUNT + 1], s->lang);
    /* on one page, scaled down to fit it when need be, unless it would be
     * smaller than a reader reads: then in parts, page after page */
    double h = chart_group_height(gc, doc_text_width(d));
    if (h * COMPOSITION_MIN_SCALE > doc_text_height(d)) composition_parts(d, s, gc);
    else doc_figure_rows(d, (int)gc->n_members, composition_rows_height, draw_composition_rows, gc);
}

/* @insert phases | Phase | Weeks | From | To | ENGAGEMENT | PATTERN
 * INTERRUPTION | SELF-REDEFINITION | TERMINATION: the four phases with
 * their weeks and the dates of their first and last sessions. */
static void insert_phases(Doc *d, const char *const *args, int nargs, void *user) {
    Summary *s = user;
    const Group *g = s->g;
    if (!g->starts.set || g->weeks <= 0) return;
    TableColumn cols[4] = { { args[0], 2.6, ALIGN_LEFT, 0 }, { args[1], 0.8, ALIGN_LEFT, 0 },
                            { args[2], 2.3, ALIGN_LEFT, 0 }, { args[3], 2.3, ALIGN_LEFT, 0 } };
    Run cells[4 * PHASE_COUNT];
    for (int p = 0; p < PHASE_COUNT; p++) {
        const PhaseSpan *ph = &g->phases[p];
        Run *c = cells + 4 * p;
        c[0] = cell(args[4 + p], RUN_PLAIN);
        c[1] = cell(ph->first == ph->last ? arena_printf(s->a, "%d", ph->first)
                                          : arena_printf(s->a, "%d\u2013%d", ph->first, ph->last), RUN_PLAIN);
        c[2] = cell(week_date(s, ph->first), RUN_PLAIN);
        c[3] = cell(week_date(s, ph->last), RUN_PLAIN);
    }
    doc_table(d, cols, 4, cells, PHASE_COUNT);
}

/* @insert weeks | Week | Date | Phase | Notes | ENGAGEMENT | PATTERN
 * INTERRUPTION | SELF-REDEFINITION | TERMINATION: every week with its
 * date; the phase named on its first week; an empty column for notes. */
static void insert_weeks(Doc *d, const char *const *args, int nargs, void *user) {
    Summary *s = user;
    const Group *g = s->g;
    if (!g->starts.set || g->weeks <= 0) return;
    TableColumn cols[4] = { { args[0], 0.6, ALIGN_RIGHT, 0 }, { args[1], 2.4, ALIGN_LEFT, 0 },
                            { args[2], 2.6, ALIGN_LEFT, 0 }, { args[3], 2.4, ALIGN_LEFT, 0 } };
    Run *cells = arena_alloc(s->a, sizeof *cells * 4 * (size_t)g->weeks);
    for (int w = 1; w <= g->weeks; w++) {
        Run *c = cells + 4 * (w - 1);
        c[0] = cell(arena_printf(s->a, "%d", w), RUN_PLAIN);
        c[1] = cell(week_date(s, w), RUN_PLAIN);
        c[2] = cell("", RUN_PLAIN);
        for (int p = 0; p < PHASE_COUNT; p++)
            if (g->phases[p].first == w) c[2] = cell(args[4 + p], RUN_BOLD);
        c[3] = cell("", RUN_PLAIN);
    }
    doc_table(d, cols, 4, cells, g->weeks);
}

/* @insert relating | Member | LEADERS | MEMBERS | GROUP | SELF: how each
 * member may relate to the leaders, the other members, the group as a
 * whole and themself (the in_group block), one row per member who has any
 * of it. */
static void insert_relating(Doc *d, const char *const *args, int nargs, void *user) {
    Arena cells_arena = { 0 };
    Summary t = with_arena(user, &cells_arena), *s = &t;
    TableColumn cols[1 + RELATE_COUNT] = { { args[0], 1.0, ALIGN_LEFT, 0 } };
    for (int r = 0; r < RELATE_COUNT; r++) cols[1 + r] = (TableColumn){ args[1 + r], 2.0, ALIGN_LEFT, 1 };
    Run *cells = arena_alloc(s->a, sizeof *cells * (1 + RELATE_COUNT) * (size_t)(s->n ? s->n : 1));
    CellParts *parts = arena_alloc(s->a, sizeof *parts * (1 + RELATE_COUNT) * (size_t)(s->n ? s->n : 1));
    int rows = 0;
    for (int i = 0; i < s->n; i++) {
        const MemberFacts *m = &s->ms[i];
        bool any = false;
        for (int r = 0; r < RELATE_COUNT; r++) any |= m->relating[r] != NULL;
        if (!m->included || !any) continue;
        Run *c = cells + (1 + RELATE_COUNT) * rows;
        CellParts *p = parts + (1 + RELATE_COUNT) * rows++;
        c[0] = cell(short_name(m), RUN_BOLD);
        for (int r = 0; r < RELATE_COUNT; r++) {
            c[1 + r] = cell(m->relating[r], RUN_SMALL);
            c[1 + r].lang = strcmp(m->lang, s->lang) ? m->lang : NULL;     /* the member's words */
            Run *runs;
            int n = language_prose_runs(s->a, c[1 + r], m->lang, s->lang, &runs);
            if (n) p[1 + r] = (CellParts){ runs, n };
        }
    }
    if (rows) doc_table_parts(d, cols, 1 + RELATE_COUNT, cells, parts, rows);
    arena_free(&cells_arena);
}

/* The outcome table at one later time point: a row per member with a
 * change to show, the scales listed one a line under their classification. A change
 * that cannot be computed is left out: that depends on the scale alone
 * (its reliability and norms), and the template lists those scales once. */
static void outcome_table(const Summary *of, Doc *d, const char *const *args, int nargs, int later) {
    Arena cells_arena = { 0 };
    Summary t = with_arena(of, &cells_arena), *s = &t;
    const char *note = nargs > 5 && args[5][0] ? args[5] : NULL;
    const char *left_note = nargs > 6 && args[6][0] ? args[6] : NULL;
    bool marked = false, left_marked = false;
    static const Outcome order[4] = { OUTCOME_RECOVERED, OUTCOME_IMPROVED, OUTCOME_UNCHANGED,
                                      OUTCOME_DETERIORATED };
    TableColumn cols[5] = { { args[0], 0.8, ALIGN_LEFT, 0 } };
    for (int k = 0; k < 4; k++) cols[1 + k] = (TableColumn){ args[1 + k], 2.1, ALIGN_LEFT, 1 };
    Run *cells = arena_alloc(s->a, sizeof *cells * 5 * (size_t)(s->n ? s->n : 1));
    CellParts *parts = arena_alloc(s->a, sizeof *parts * 5 * (size_t)(s->n ? s->n : 1));
    int rows = 0;
    for (int i = 0; i < s->n; i++) {
        const MemberFacts *m = &s->ms[i];
        bool any = false;
        for (int k = 0; k < m->noutcomes; k++) any |= m->outcomes[k].has[later];
        if (!m->included || !any) continue;
        Run *c = cells + 5 * rows;
        CellParts *p = parts + 5 * rows++;
        /* a member who left early is classified, but not counted with the completers */
        bool left = left_note && m->left_week;
        c[0] = cell(left ? arena_printf(s->a, "%s" LEFT_EARLY_MARK, short_name(m)) : short_name(m), RUN_BOLD);
        p[0] = (CellParts){ NULL, 0 };
        left_marked |= left;
        for (int k = 0; k < 4; k++) {
            /* the scales one a line, each name a part in its own language */
            const char *list = "";
            Run *names = arena_alloc(s->a, sizeof *names * (size_t)(m->noutcomes ? m->noutcomes : 1));
            int n = 0;
            bool other = false;
            for (int j = 0; j < m->noutcomes; j++) {
                const ScaleOutcome *o = &m->outcomes[j];
                if (!o->has[later] || o->outcome[later] != order[k]) continue;
                bool mark = note && order[k] == OUTCOME_IMPROVED && o->pre_past[later];
                const char *line = arena_printf(s->a, "%s%s%s", *list ? "\n" : "", o->title,
                                                mark ? SCORED_PRE_PAST_MARK : "");
                list = arena_printf(s->a, "%s%s", list, line);
                names[n] = cell(line, RUN_SMALL);
                names[n++].lang = o->title_lang;
                other |= o->title_lang != NULL;
                marked |= mark;
            }
            c[1 + k] = cell(list, RUN_SMALL);
            p[1 + k] = other ? (CellParts){ names, n } : (CellParts){ NULL, 0 };
        }
    }
    if (rows) doc_table_parts(d, cols, 5, cells, parts, rows);
    /* the table with the notes on its marks */
    if (rows && marked) {
        doc_keep_with_next(d);
        Run run = cell(arena_printf(s->a, SCORED_PRE_PAST_MARK " %s", note), RUN_SMALL);
        doc_paragraph(d, &run, 1, PARA_LEFT | PARA_TIGHT | PARA_NO_HYPHENATE);
    }
    if (rows && left_marked) {
        doc_keep_with_next(d);
        Run run = cell(arena_printf(s->a, LEFT_EARLY_MARK " %s", left_note), RUN_SMALL);
        doc_paragraph(d, &run, 1, PARA_LEFT | PARA_TIGHT | PARA_NO_HYPHENATE);
    }
    arena_free(&cells_arena);
}

/* @insert outcomes-post | Member | Recovered | Improved | Unchanged |
 * Deteriorated [| PRE-PAST NOTE [| LEFT-EARLY NOTE]] (and outcomes-followup):
 * each member's classification per scale (Jacobson & Truax, as scored.h
 * computes it). */
static void insert_outcomes_post(Doc *d, const char *const *args, int nargs, void *user) {
    outcome_table(user, d, args, nargs, LATER_POST);
}
static void insert_outcomes_followup(Doc *d, const char *const *args, int nargs, void *user) {
    outcome_table(user, d, args, nargs, LATER_FOLLOWUP);
}

/* @insert attendance | Member | Sessions | Weeks attended | Left in week |
 * ENGAGEMENT | PATTERN INTERRUPTION | SELF-REDEFINITION | TERMINATION: a
 * row per member whose attendance or early ending is recorded; the phase
 * the member left in is named after the week. */
static void insert_attendance(Doc *d, const char *const *args, int nargs, void *user) {
    Arena cells_arena = { 0 };
    Summary t = with_arena(user, &cells_arena), *s = &t;
    TableColumn cols[4] = { { args[0], 1.6, ALIGN_LEFT, 0 }, { args[1], 0.9, ALIGN_RIGHT, 1 },
                            { args[2], 2.6, ALIGN_LEFT, 1 }, { args[3], 2.9, ALIGN_LEFT, 1 } };
    Run *cells = arena_alloc(s->a, sizeof *cells * 4 * (size_t)(s->n ? s->n : 1));
    int rows = 0;
    for (int i = 0; i < s->n; i++) {
        const MemberFacts *m = &s->ms[i];
        if (!m->included || (!m->attendance && !m->left_week)) continue;
        Run *c = cells + 4 * rows++;
        c[0] = cell(short_name(m), RUN_BOLD);
        c[1] = cell(m->attendance ? arena_printf(s->a, "%d", m->sessions) : "", RUN_PLAIN);
        c[2] = cell(m->weeks, RUN_PLAIN);
        const char *left = "";
        if (m->left_week)
            left = m->left_phase < PHASE_COUNT ? arena_printf(s->a, "%d (%s)", m->left_week, args[4 + m->left_phase])
                                               : arena_printf(s->a, "%d", m->left_week);
        c[3] = cell(left, RUN_PLAIN);
    }
    if (rows) doc_table(d, cols, 4, cells, rows);
    arena_free(&cells_arena);
}

static const TemplateInsert inserts[] = {
    { "attendance", 4 + PHASE_COUNT, 4 + PHASE_COUNT, insert_attendance, false },
    { "roster", 10, 10, insert_roster, false },
    { "composition", DIM_COUNT + 2, DIM_COUNT + 2, insert_composition, true },
    { "phases", 4 + PHASE_COUNT, 4 + PHASE_COUNT, insert_phases, false },
    { "weeks", 4 + PHASE_COUNT, 4 + PHASE_COUNT, insert_weeks, false },
    { "relating", 1 + RELATE_COUNT, 1 + RELATE_COUNT, insert_relating, false },
    { "outcomes-post", 5, 7, insert_outcomes_post, false },
    { "outcomes-followup", 5, 7, insert_outcomes_followup, false },
};

/* ---- the template's data ----------------------------------------------- */

static TValue *text(const char *s) { return s ? tv_text(s, LOC_NONE) : NULL; }

/* A text member m wrote, in m's language when it is not the summary's,
 * its sentences and quoted passages in the other language in theirs. */
static TValue *member_text(const Summary *s, const MemberFacts *m, const char *t) {
    if (!t) return NULL;
    return language_prose_in(t, LOC_NONE, m->lang, s->lang);
}

/* A high score on dimension k: {t, raw, in_group}, or NULL when it is not high. */
static TValue *high_score(Summary *s, const DimScore *ds) {
    if (ds->high == HIGH_NO) return NULL;
    TValue *v = tv_map();
    tv_set(v, "t", ds->high == HIGH_BY_NORM && ds->has_t ? text(number(s, ds->t)) : NULL);
    tv_set(v, "raw", text(arena_printf(s->a, "%g", ds->raw)));
    tv_set(v, "in_group", tv_bool(ds->high == HIGH_IN_GROUP));
    return v;
}

/* The members high on any of dims: [{name, <dim>: high_score}]. */
static TValue *high_list(Summary *s, const Dimension *dims, int ndims) {
    TValue *list = tv_list();
    for (int i = 0; i < s->n; i++) {
        const MemberFacts *m = &s->ms[i];
        bool any = false;
        for (int k = 0; k < ndims; k++) any |= m->included && m->dims[dims[k]].high != HIGH_NO;
        if (!any) continue;
        TValue *item = tv_map();
        tv_set(item, "name", text(short_name(m)));
        for (int k = 0; k < ndims; k++)
            tv_set(item, strchr(dim_scale[dims[k]], '.') + 1, high_score(s, &m->dims[dims[k]]));
        tv_list_add(list, item);
    }
    return list;
}

/* What can be said when no member is high on the dimensions of a list
 * (dims), for the template's sentence: judged.KEY when each of them can be
 * judged, by a norm or within the group (within.KEY: one of them only
 * within the group); unscored.KEY when no member has a pre score on any of
 * them. Enough members whose pre scores are all the same are judged
 * within the group: none stands out. Neither: the library has no norm for
 * one, and too few members have a pre score on it to compare them with
 * each other, so "no member scores high" would say what no rule has
 * shown. */
static void high_basis(Summary *s, TValue *d, const char *key, const Dimension *dims, int ndims) {
    bool judged = true, within = false, scored = false;
    for (int k = 0; k < ndims; k++) {
        Dimension dim = dims[k];
        for (int i = 0; i < s->n; i++) scored |= s->ms[i].included && s->ms[i].dims[dim].has;
        double threshold;
        if (s->dims[dim].has_norm) continue;
        if (facts_group_threshold(s->ms, s->n, dim, &threshold)
            || facts_pre_scored(s->ms, s->n, dim) >= GROUP_HIGH_MIN_MEMBERS) within = true;
        else judged = false;
    }
    tv_set(d, arena_printf(s->a, "judged.%s", key), tv_bool(judged && scored));
    tv_set(d, arena_printf(s->a, "within.%s", key), tv_bool(judged && scored && within));
    tv_set(d, arena_printf(s->a, "unscored.%s", key), tv_bool(!scored));
}

static void outcome_data(Summary *s, TValue *root, const char *key, int later) {
    OutcomeCounts c = facts_count_outcomes(s->ms, s->n, later);
    TValue *missing = tv_list();
    bool some = false;
    for (int i = 0; i < s->n; i++) {
        const MemberFacts *m = &s->ms[i];
        bool any = false;
        for (int k = 0; k < m->noutcomes; k++) any |= m->outcomes[k].has[later];
        if (m->included && !any) tv_list_add(missing, text(short_name(m)));
        some |= m->included && any;
    }
    tv_set(root, arena_printf(s->a, "%s.has", key), tv_bool(some));
    tv_set(root, arena_printf(s->a, "%s.assessed", key), text(arena_printf(s->a, "%d", c.assessed)));
    tv_set(root, arena_printf(s->a, "%s.improved_one", key), text(arena_printf(s->a, "%d", c.improved_one)));
    tv_set(root, arena_printf(s->a, "%s.improved_two", key), text(arena_printf(s->a, "%d", c.improved_two)));
    tv_set(root, arena_printf(s->a, "%s.deteriorated", key), text(arena_printf(s->a, "%d", c.deteriorated_one)));
    tv_set(root, arena_printf(s->a, "%s.missing", key), missing);
}

/* Who completed the group and who left early: counts, and each member who
 * left with the week and phase (phase.NAME yes/no, for the template's words). */
static void completion_data(Summary *s, TValue *d) {
    Completion c = facts_completion(s->ms, s->n);
    bool recorded = false;
    for (int i = 0; i < s->n; i++) recorded |= s->ms[i].included && (s->ms[i].attendance || s->ms[i].left_week);
    tv_set(d, "attendance", tv_bool(recorded));
    tv_set(d, "completion.completed", text(arena_printf(s->a, "%d", c.completed)));
    tv_set(d, "completion.left", text(arena_printf(s->a, "%d", c.left)));
    TValue *leavers = tv_list();
    for (int i = 0; i < s->n; i++) {
        const MemberFacts *m = &s->ms[i];
        if (!m->included || !m->left_week) continue;
        TValue *item = tv_map();
        tv_set(item, "name", text(short_name(m)));
        tv_set(item, "week", text(arena_printf(s->a, "%d", m->left_week)));
        for (int p = 0; p < PHASE_COUNT; p++)
            tv_set(item, arena_printf(s->a, "phase.%s", phase_names[p]), tv_bool(m->left_phase == (Phase)p));
        tv_set(item, "reason", member_text(s, m, m->left_reason));
        tv_list_add(leavers, item);
    }
    tv_set(d, "completion.leavers", leavers);
    for (int p = 0; p < PHASE_COUNT; p++)
        tv_set(d, arena_printf(s->a, "completion.left_in.%s", phase_names[p]),
               text(arena_printf(s->a, "%d", c.left_in[p])));
}

/* The scales whose change cannot be computed with the library's figures,
 * each once, in the order met. */
static TValue *not_computable(Summary *s) {
    TValue *list = tv_list();
    const char **seen = arena_alloc(s->a, sizeof *seen * 64);
    int nseen = 0;
    for (int i = 0; i < s->n; i++)
        for (int k = 0; k < s->ms[i].noutcomes; k++) {
            const ScaleOutcome *o = &s->ms[i].outcomes[k];
            bool nc = false;
            for (int l = 0; l < LATER_COUNT; l++) nc |= o->has[l] && o->outcome[l] == OUTCOME_NOT_COMPUTABLE;
            int j = 0;
            while (j < nseen && strcmp(seen[j], o->title)) j++;
            if (!s->ms[i].included || !nc || j < nseen || nseen == 64) continue;
            seen[nseen++] = o->title;
            tv_list_add(list, tv_text_in(o->title, LOC_NONE, o->title_lang));
        }
    return list;
}

/* What the composition chart shows on each dimension, for its alternative
 * text: composition.DIM (DIM as in high.*) holds the members' values in
 * order (T-scores, or raw scores on a dimension without a reference norm),
 * those above and below the norm band T 40-60, and the group's mean; the
 * values are whole, as the chart prints them. */
static void composition_data(Summary *s, TValue *d) {
    for (int k = 0; k < DIM_COUNT; k++) {
        bool raw = !s->dims[k].has_reference;
        const char *key = arena_printf(s->a, "composition.%s", strchr(dim_scale[k], '.') + 1);
        TValue *all = tv_list(), *above = tv_list(), *below = tv_list();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < s->n; i++) {
            const MemberFacts *m = &s->ms[i];
            const DimScore *ds = &m->dims[k];
            if (!m->included || !ds->has || (!raw && !ds->has_t)) continue;
            double v = raw ? ds->raw : ds->t, shown = nearbyint(v);      /* as printed, %.0f */
            sum += v;
            n++;
            TValue *lists[3] = { all, !raw && shown > 60 ? above : NULL, !raw && shown < 40 ? below : NULL };
            for (int l = 0; l < 3; l++) {
                if (!lists[l]) continue;
                TValue *item = tv_map();
                tv_set(item, "name", text(short_name(m)));
                tv_set(item, "value", text(number(s, shown)));
                tv_list_add(lists[l], item);
            }
        }
        tv_set(d, arena_printf(s->a, "%s.raw", key), tv_bool(raw));
        tv_set(d, arena_printf(s->a, "%s.mean", key), n ? text(number(s, sum / n)) : NULL);
        tv_set(d, arena_printf(s->a, "%s.members", key), all);
        tv_set(d, arena_printf(s->a, "%s.above", key), above);
        tv_set(d, arena_printf(s->a, "%s.below", key), below);
    }
}

static TValue *summary_data(Summary *s) {
    const Group *g = s->g;
    TValue *d = tv_map();
    /* a de-identified summary has no date: beside the moved dates, the day it
     * was prepared would tell how far they were moved */
    tv_set(d, "date", text(s->redact ? language_word(WORD_DATE_REMOVED, s->lang) : date_text(s, date_today())));
    tv_set(d, "group.title", language_text(text_in(&g->title, g->title_in, s->lang), s->lang));
    tv_set(d, "group.code", text(g->code.s));      /* a placeholder: left out */
    bool dated = g->starts.set && g->weeks > 0;
    tv_set(d, "group.first", dated ? text(week_date(s, 1)) : NULL);
    tv_set(d, "group.last", dated ? text(week_date(s, g->weeks)) : NULL);
    /* the first session and the number of weeks each, "(to be completed)"
     * while the group file holds a placeholder for it, as in the letter */
    const char *tbc = language_word(WORD_TO_BE_COMPLETED, s->lang);
    bool starts_tbc = model_placeholder_at(s->gm, offsetof(Model, g.starts));
    bool weeks_tbc = model_placeholder_at(s->gm, offsetof(Model, g.weeks));
    tv_set(d, "group.starts", g->starts.set ? text(week_date(s, 1)) : starts_tbc ? text(tbc) : NULL);
    tv_set(d, "group.weeks", g->weeks > 0 ? text(arena_printf(s->a, "%d", g->weeks)) : weeks_tbc ? text(tbc) : NULL);
    tv_set(d, "group.starts_placeholder", tv_bool(!g->starts.set && starts_tbc));
    tv_set(d, "group.weeks_placeholder", tv_bool(g->weeks <= 0 && weeks_tbc));
    tv_set(d, "group.meets", language_text(text_in(&g->meets, g->meets_in, s->lang), s->lang));
    tv_set(d, "group.place", language_text(text_in(&g->place, g->place_in, s->lang), s->lang));
    TValue *leaders = tv_list();
    for (int i = 0; i < g->nleaders; i++) tv_list_add(leaders, language_text(&g->leaders[i], s->lang));
    tv_set(d, "group.leaders", leaders);
    document_clinic_data(s->a, d, &s->gm->clinic, s->lang);
    tv_set(d, "redacted", tv_bool(s->redact));
    tv_set(d, "members.count", text(arena_printf(s->a, "%d", s->n)));
    bool ages = false;
    for (int i = 0; i < s->n; i++) ages |= s->ms[i].included && s->ms[i].has_age;
    tv_set(d, "members.ages", tv_bool(ages));       /* the roster has its Age column */
    tv_set(d, "members.included", text(arena_printf(s->a, "%d", s->included)));
    tv_set(d, "members.not_included", text(arena_printf(s->a, "%d", s->n - s->included)));
    TValue *excluded = tv_list();
    for (int i = 0; i < s->n; i++)
        if (!s->ms[i].included) tv_list_add(excluded, text(s->redact ? language_word(WORD_FILE_NAME_REMOVED, s->lang) : s->ms[i].path));
    tv_set(d, "members.excluded", excluded);
    bool scores = false, raw = false, nonorm = false;
    for (int i = 0; i < s->n; i++)
        for (int k = 0; k < DIM_COUNT; k++) scores |= s->ms[i].included && s->ms[i].dims[k].has;
    for (int k = 0; k < DIM_COUNT; k++) {
        raw |= !s->dims[k].has_reference;
        nonorm |= !s->dims[k].has_norm;
    }
    tv_set(d, "composition.scores", tv_bool(scores));
    tv_set(d, "composition.raw", tv_bool(raw));
    tv_set(d, "composition.no_norm", tv_bool(nonorm));
    composition_data(s, d);
    static const Dimension oop[] = { DIM_OTHER_ORIENTED }, psp[] = { DIM_NONDISPLAY, DIM_NONDISCLOSURE },
                           spp[] = { DIM_SOCIALLY_PRESCRIBED },
                           ideal[] = { DIM_SELF_ORIENTED, DIM_SOCIALLY_PRESCRIBED };
    tv_set(d, "high.other_oriented", high_list(s, oop, 1));
    tv_set(d, "high.concealing", high_list(s, psp, 2));
    tv_set(d, "high.socially_prescribed", high_list(s, spp, 1));
    tv_set(d, "high.idealizing", high_list(s, ideal, 2));
    high_basis(s, d, "other_oriented", oop, 1);
    high_basis(s, d, "concealing", psp, 2);
    high_basis(s, d, "socially_prescribed", spp, 1);
    high_basis(s, d, "idealizing", ideal, 2);
    tv_set(d, "high.min_members", text(arena_printf(s->a, "%d", GROUP_HIGH_MIN_MEMBERS)));
    for (int p = 0; p < PHASE_COUNT; p++) {
        const PhaseSpan *ph = &g->phases[p];
        const char *key = arena_printf(s->a, "phases.%s", phase_names[p]);
        bool spans = g->weeks > 0;
        tv_set(d, arena_printf(s->a, "%s.weeks", key),      /* the numbers alone, as clinics' templates had them */
               !spans ? NULL : text(ph->first == ph->last ? arena_printf(s->a, "%d", ph->first)
                                    : arena_printf(s->a, "%d\u2013%d", ph->first, ph->last)));
        tv_set(d, arena_printf(s->a, "%s.span", key),
               spans ? text(language_week_span(s->a, ph->first, ph->last, s->lang)) : NULL);
        tv_set(d, arena_printf(s->a, "%s.first", key), spans && dated ? text(week_date(s, ph->first)) : NULL);
        tv_set(d, arena_printf(s->a, "%s.last", key), spans && dated ? text(week_date(s, ph->last)) : NULL);
        TValue *en = tv_list();
        for (int i = 0; i < s->n; i++) {
            const MemberFacts *m = &s->ms[i];
            if (!m->included || !m->enactments[p]) continue;
            TValue *item = tv_map();
            tv_set(item, "name", text(short_name(m)));
            tv_set(item, "text", member_text(s, m, m->enactments[p]));
            tv_list_add(en, item);
        }
        tv_set(d, arena_printf(s->a, "%s.enactments", key), en);
    }
    bool relating = false;
    for (int i = 0; i < s->n; i++)
        for (int r = 0; r < RELATE_COUNT; r++) relating |= s->ms[i].included && s->ms[i].relating[r];
    tv_set(d, "relating", tv_bool(relating));
    completion_data(s, d);
    outcome_data(s, d, "outcomes.post", LATER_POST);
    outcome_data(s, d, "outcomes.followup", LATER_FOLLOWUP);
    tv_set(d, "outcomes.not_computable", not_computable(s));
    return d;
}

/* ---- a member's facts -------------------------------------------------- */

void summary_member_facts(Arena *a, MemberFacts *mf, const char *path, Model *m, Arena *scratch,
                          const Model *group, bool redact, bool note) {
    *mf = (MemberFacts){ .path = arena_strdup(a, path) };
    if (!m) return;
    if (redact && !m->redacted) redact_case(scratch, &m, &group, note);
    facts_of_member(a, mf, m, score_model(scratch, m), group->g.starts, language_of_group(group));
    facts_attendance(a, mf, m, &group->g);
}

/* Expands the template and lays the summary out; NULL after reporting why. */
/* Expands the template and lays the summary out (check: only checks it,
 * tmpl_check, and returns NULL); NULL after reporting why it cannot be
 * made, *problems then counting what was reported. */
static Doc *build(Summary *s, const char *datadir, const SummaryOptions *o, bool check, int *problems) {
    const char *title = text_in(&s->g->title, s->g->title_in, s->lang)->s;
    const char *dirs[3];
    int ndirs = document_template_dirs(s->a, o->templates, s->gm, NULL, datadir, dirs);
    const Clinic *cl = &s->gm->clinic;
    Template *t = template_load(dirs, ndirs, "summary", s->lang);
    *problems = 1;
    if (!t) return NULL;
    DocInfo info = {
        .paper = o->paper, .lang = s->lang, .title = title, .author = cl->name.s,
        .subject = title, .header_left = title,
    };
    TemplateLayout tl = { .inserts = inserts, .ninserts = (int)(sizeof inserts / sizeof *inserts),
                          .user = s, .heading_level = 1, .paragraph_flags = PARA_LEFT };
    if (check) {
        *problems = tmpl_check(s->a, t, summary_data(s), &tl);
        return NULL;
    }
    return tmpl_document(s->a, t, summary_data(s), &info, &tl);
}

/* The summary of in, written to out, or (out NULL) only checked. */
static int summary_make(const SummaryInput *in, const char *datadir, const char *out, const SummaryOptions *o) {
    Arena a = { 0 };
    const Model *gm = in->group;
    Summary s = { .a = &a, .gm = gm, .g = &gm->g, .redact = o->redact, .lang = language_of_group(gm),
                  .ms = in->members, .n = in->nmembers };
    if (o->redact) {
        Redaction r = redact_plan(NULL, gm);
        s.gm = redact_model(&a, gm, NULL, &r);
        s.g = &s.gm->g;
    }
    for (int i = 0; i < s.n; i++) s.included += s.ms[i].included;
    facts_dims(&a, gm, s.dims);
    facts_mark_group_high(s.ms, s.n, s.dims);
    int problems, rc = 1;
    Doc *d = build(&s, datadir, o, !out, &problems);
    /* a long group's facts (some 2.3 KB a member) are not held under the
     * drawing and the finishing pass */
    if (out && in->facts) arena_free(in->facts);
    if (!out) {
        rc = problems ? 1 : 0;
    } else if (d) {
        char err[512];
        rc = doc_write_pdf_last(d, out, in->inputs, err, sizeof err) == 0 ? 0 : 2;
        int errnum = errno;
        if (rc && o->no_room && document_no_room(errnum)) *o->no_room = errnum;
        else if (rc) diag_file(DIAG_ERROR, NULL, "%s", err);
        doc_free(d);
    }
    arena_free(&a);
    return rc;
}

int summary_write(const SummaryInput *in, const char *datadir, const char *out, const SummaryOptions *o) {
    return summary_make(in, datadir, out, o);
}

bool summary_check(const SummaryInput *in, const char *datadir, const SummaryOptions *o) {
    return summary_make(in, datadir, NULL, o) == 0;
}
