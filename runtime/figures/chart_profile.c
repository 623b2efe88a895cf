/* chart_profile.c: the profile chart, one row per scale on a common
 * T-score axis (chart_profile_height, chart_profile_draw in chart.h).
 *
 * Promises: the chart planned once from the width and the text (ProfPlan),
 * the height and the drawing from the same plan; a row for each scale with
 * a norm, and the scales without one named together under the axis (a row
 * each said only "no published norm"). May touch: the cairo_t it is
 * handed, chartkit.h and figtext.h; no state. */
#include "figures/chartkit.h"
#include "figures/figtext.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const default_times_long[CHART_TIMES] = {"Pre", "Post", "Follow-up"};
static const char *const profile_defaults[PROFILE_WORDS] = {
    [PW_AXIS] = "T-score",
    [PW_BAND] = "norm band T 40\u201360 (mean \u00b1 1 SD), line at T 50",
    [PW_NO_NORM] = "no published norm in the library",
    [PW_NO_SCORE] = "no T-scores recorded",
};

/* Word k of a chart: the caller's, else the English default. */
static const char *pword(const ProfileChart *c, int k) {
    return c->words[k] ? c->words[k] : profile_defaults[k];
}

/* The fill of a time point's marker (its shape is time_shape). */
static void time_fill(int t, double *r, double *g, double *b) {
    static const double f[CHART_TIMES][3] = {
        {1, 1, 1}, {0.62, 0.62, 0.62}, {ACCENT}};
    *r = f[t][0]; *g = f[t][1]; *b = f[t][2];
}

/* Legend of the profile chart: the time points and the norm band. */
static int prof_legend_items(const ProfileChart *c, LegendItem *it) {
    for (int t = 0; t < CHART_TIMES; t++) {
        it[t].key = KEY_MARKER;
        it[t].shape = time_shape[t];
        time_fill(t, &it[t].r, &it[t].g, &it[t].b);
        it[t].text = c->time_labels[t] ? c->time_labels[t] : default_times_long[t];
    }
    it[3] = (LegendItem){KEY_BAND, 0, 0, 0, 0, pword(c, PW_BAND)};
    return 4;
}

#define PROF_ROW_MIN 19.0

#define PROF_LIST_GAP 4.0   /* between the axis and the scales without a norm */

typedef struct {
    const char *fam;
    double lw;        /* label column */
    double x0, x1;    /* plot area */
    double ta, tb;    /* T axis */
    double axis_h;    /* tick labels and caption below the rows */
    double legend_x, legend_h;
    double rows_h;    /* all rows */
    size_t nrows;     /* scales with a norm: a row each */
    int list_only;    /* every scale lacks a norm: the list alone, no
                         legend, no axis */
    char *no_norm;    /* the scales without one, named in one line under
                         the axis ("" when none) */
    double no_norm_h;
    double total;
} ProfPlan;

static void prof_plan_free(ProfPlan *p) { g_free(p->no_norm); }

/* Height of row i: label wrapped in the label column, or the no-norm note
 * wrapped in the plot area. */
static double prof_row_h(cairo_t *cr, const ProfileChart *c, const ProfPlan *p,
                         size_t i) {
    const ChartScale *s = &c->scales[i];
    double h, rh = PROF_ROW_MIN;
    figtext_measure(cr, p->fam, LABEL_SIZE, 0, 0, p->lw - 8, s->label, NULL, &h);
    if (h + 6 > rh) rh = h + 6;
    if (!s->has_norm || !any_t(s)) {
        figtext_measure(cr, p->fam, SMALL_SIZE, 0, 1, p->x1 - p->x0 - 8,
                pword(c, s->has_norm ? PW_NO_SCORE : PW_NO_NORM), NULL, &h);
        if (h + 6 > rh) rh = h + 6;
    }
    return rh;
}

void chart_profile_axis(const ProfileChart *c, double *t_min, double *t_max) {
    double lo = 1e9, hi = -1e9;
    for (size_t i = 0; i < c->n; i++)
        for (int t = 0; t < CHART_TIMES; t++)
            if (c->scales[i].has_norm && t_at(&c->scales[i], t)) {
                if (c->scales[i].t[t] < lo) lo = c->scales[i].t[t];
                if (c->scales[i].t[t] > hi) hi = c->scales[i].t[t];
            }
    t_range(c->t_min, c->t_max, lo, hi, t_min, t_max);
}

/* The names of the scales without a norm, joined by commas (g_free). */
static char *prof_no_norm_list(const ProfileChart *c) {
    GString *list = g_string_new("");
    for (size_t i = 0; i < c->n; i++) {
        if (c->scales[i].has_norm) continue;
        if (list->len) g_string_append(list, ", ");
        g_string_append(list, c->scales[i].label ? c->scales[i].label : "");
    }
    return g_string_free(list, FALSE);
}

/* The language the names of prof_no_norm_list are written in when they
 * all are in one other than the document's (label_lang), else NULL: a
 * list mixing both is left in the document's. */
static const char *prof_no_norm_lang(const ProfileChart *c) {
    const char *lang = NULL;
    for (size_t i = 0; i < c->n; i++) {
        const char *own = c->scales[i].label_lang;
        if (c->scales[i].has_norm) continue;
        if (!own || (lang && strcmp(lang, own))) return NULL;
        lang = own;
    }
    return lang;
}

/* The plan of the chart; its list is freed with prof_plan_free. */
static ProfPlan prof_plan(cairo_t *cr, const ProfileChart *c, double w) {
    ProfPlan p = {0};
    p.fam = fam_of(c->family);
    double maxw = 0;
    for (size_t i = 0; i < c->n; i++) {
        double tw;
        if (!c->scales[i].has_norm) continue;
        figtext_measure(cr, p.fam, LABEL_SIZE, 0, 0, 0, c->scales[i].label, &tw, NULL);
        if (tw > maxw) maxw = tw;
        p.nrows++;
    }
    p.list_only = p.nrows == 0 && c->n > 0;
    if (p.list_only) {    /* no scale has a norm: only the line naming them */
        double tw;
        figtext_measure(cr, p.fam, SMALL_SIZE, 0, 1, 0, pword(c, PW_NO_NORM), &tw, NULL);
        maxw = tw;
    }
    chart_profile_axis(c, &p.ta, &p.tb);
    p.lw = maxw + 10;
    if (p.lw > w * 0.38) p.lw = w * 0.38;
    if (p.lw < 40) p.lw = 40;
    p.x0 = p.lw + 6;
    p.x1 = w - 8;
    if (p.x1 < p.x0 + 40) p.x1 = p.x0 + 40;
    p.rows_h = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->scales[i].has_norm) p.rows_h += prof_row_h(cr, c, &p, i);
    double th;
    figtext_measure(cr, p.fam, SMALL_SIZE, 0, 0, 0, "80", NULL, &th);
    p.axis_h = p.list_only ? 0 : 3 + th + 2 + th + 2;
    /* the scales without a norm: the word in the label column, their
     * names beside it */
    p.no_norm = prof_no_norm_list(c);
    if (p.no_norm[0]) {
        double wh, lh;
        figtext_measure(cr, p.fam, SMALL_SIZE, 0, 1, p.lw - 8, pword(c, PW_NO_NORM), NULL, &wh);
        figtext_measure(cr, p.fam, LABEL_SIZE, 0, 0, p.x1 - p.x0, p.no_norm, NULL, &lh);
        p.no_norm_h = (p.list_only ? 0 : PROF_LIST_GAP) + (wh > lh ? wh : lh) + 4;
    }
    LegendItem it[4];
    int ni = prof_legend_items(c, it);
    /* the legend starts over the plot when it fits there on one line */
    p.legend_x = p.x0;
    p.legend_h = legend_flow(cr, p.fam, it, ni, p.legend_x, w, 0);
    if (p.legend_h > legend_flow(cr, p.fam, it, ni, 0, w, 0)) {
        p.legend_x = 0;
        p.legend_h = legend_flow(cr, p.fam, it, ni, 0, w, 0);
    }
    if (p.list_only) p.legend_h = 0;
    p.total = p.legend_h + p.rows_h + p.axis_h + p.no_norm_h;
    return p;
}

static double prof_natural(cairo_t *cr, const void *c, double pw) {
    ProfPlan p = prof_plan(cr, c, pw);
    prof_plan_free(&p);
    return p.total;
}

double chart_profile_height(const ProfileChart *c, double w) {
    return figtext_height(prof_natural, c, plan_w(w), w);
}

void chart_profile_draw(cairo_t *cr, const ProfileChart *c, double w, double h) {
    if (!figtext_box_ok(w, h)) return;
    ProfPlan p = prof_plan(cr, c, plan_w(w));
    w = chart_frame(cr, p.total, w, h);
    double y0 = p.legend_h, y1 = y0 + p.rows_h;
    if (p.no_norm[0]) {
        /* the scales without a norm, under the axis */
        double ly = y1 + p.axis_h + (p.list_only ? 0 : PROF_LIST_GAP);
        cairo_set_source_rgb(cr, GREY_TEXT);
        figtext_show(cr, p.fam, SMALL_SIZE, 0, 1, p.lw - 8, pword(c, PW_NO_NORM), 4, ly + 2, 0);
        cairo_set_source_rgb(cr, INK);
        figtext_lang(cr, prof_no_norm_lang(c));
        figtext_show(cr, p.fam, LABEL_SIZE, 0, 0, p.x1 - p.x0, p.no_norm, p.x0, ly + 2, 0);
        figtext_lang(cr, NULL);
    }
    if (p.list_only) {
        prof_plan_free(&p);
        cairo_restore(cr);
        return;
    }
    LegendItem it[4];
    int ni = prof_legend_items(c, it);
    legend_flow(cr, p.fam, it, ni, p.legend_x, w, 1);
#define TX(v) (p.x0 + (clampd(v, p.ta, p.tb) - p.ta) / (p.tb - p.ta) * (p.x1 - p.x0))
    /* background: stripes, band, grid, line at 50 */
    double y = y0;
    for (size_t i = 0, k = 0; i < c->n; i++) {
        if (!c->scales[i].has_norm) continue;
        double rh = prof_row_h(cr, c, &p, i);
        if (k++ % 2 == 0) {
            cairo_rectangle(cr, 0, y, w, rh);
            cairo_set_source_rgb(cr, STRIPE);
            cairo_fill(cr);
        }
        y += rh;
    }
    double b0 = TX(40 > p.ta ? 40 : p.ta), b1 = TX(60 < p.tb ? 60 : p.tb);
    cairo_rectangle(cr, b0, y0, b1 - b0, p.rows_h);
    cairo_set_source_rgba(cr, 0.55, 0.55, 0.55, 0.22);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, GRID);
    for (double v = ceil(p.ta / 10) * 10; v <= p.tb + 1e-9; v += 10)
        vline(cr, TX(v), y0, y1, 0.4);
    cairo_set_source_rgb(cr, MID);
    if (50 > p.ta && 50 < p.tb) vline(cr, TX(50), y0, y1, 0.9);
    /* axis */
    cairo_set_source_rgb(cr, INK);
    hline(cr, p.x0, p.x1, y1, 0.6);
    double th = 0;
    for (double v = ceil(p.ta / 10) * 10; v <= p.tb + 1e-9; v += 10) {
        char buf[16];
        snprintf(buf, sizeof buf, "%.0f", v);
        cairo_set_source_rgb(cr, INK);
        vline(cr, TX(v), y1, y1 + 2.5, 0.6);
        th = figtext_show(cr, p.fam, SMALL_SIZE, 0, 0, 0, buf, TX(v), y1 + 3, 1);
    }
    cairo_set_source_rgb(cr, GREY_TEXT);
    figtext_show(cr, p.fam, SMALL_SIZE, 0, 0, 0, pword(c, PW_AXIS), (p.x0 + p.x1) / 2,
         y1 + 3 + th + 1, 1);
    /* rows */
    y = y0;
    for (size_t i = 0; i < c->n; i++) {
        const ChartScale *s = &c->scales[i];
        if (!s->has_norm) continue;
        double rh = prof_row_h(cr, c, &p, i), lh;
        figtext_measure(cr, p.fam, LABEL_SIZE, 0, 0, p.lw - 8, s->label, NULL, &lh);
        cairo_set_source_rgb(cr, INK);
        figtext_lang(cr, s->label_lang);
        figtext_show(cr, p.fam, LABEL_SIZE, 0, 0, p.lw - 8, s->label, 4,
             y + (rh - lh) / 2, 0);
        figtext_lang(cr, NULL);
        if (!s->has_norm || !any_t(s)) {
            const char *note = pword(c, s->has_norm ? PW_NO_SCORE : PW_NO_NORM);
            double nw, nh;
            figtext_measure(cr, p.fam, SMALL_SIZE, 0, 1, p.x1 - p.x0 - 8, note, &nw, &nh);
            cairo_rectangle(cr, p.x0 + 2, y + (rh - nh) / 2 - 1, nw + 6, nh + 2);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, GREY_TEXT);
            figtext_show(cr, p.fam, SMALL_SIZE, 0, 1, p.x1 - p.x0 - 8, note, p.x0 + 5,
                 y + (rh - nh) / 2, 0);
        } else {
            /* thin line joining the time points in order, then markers
             * offset vertically so equal scores stay visible */
            static const double off[CHART_TIMES] = {-4.2, 0, 4.2};
            int first = 1;
            cairo_set_source_rgb(cr, MID);
            cairo_set_line_width(cr, 0.6);
            for (int t = 0; t < CHART_TIMES; t++) {
                if (!t_at(s, t)) continue;
                double mx = TX(s->t[t]), my = y + rh / 2 + off[t];
                if (first) cairo_move_to(cr, mx, my);
                else cairo_line_to(cr, mx, my);
                first = 0;
            }
            cairo_stroke(cr);
            for (int t = 0; t < CHART_TIMES; t++) {
                if (!t_at(s, t)) continue;
                double r, g, b;
                time_fill(t, &r, &g, &b);
                marker(cr, time_shape[t], TX(s->t[t]), y + rh / 2 + off[t], 3.0,
                       r, g, b);
            }
        }
        y += rh;
    }
#undef TX
    prof_plan_free(&p);
    cairo_restore(cr);
}
