/* chart_change.c: the change chart, one small panel per scale with its
 * raw score over pre, post and follow-up (chart_change_height,
 * chart_change_draw in chart.h).
 *
 * Promises: the chart planned once from the width and the text (ChPlan),
 * the height and the drawing from the same plan; a panel's note says
 * what the scored model says of its change. May touch: the cairo_t it is
 * handed, chartkit.h and figtext.h; no state. */
#include "figures/chartkit.h"
#include "figures/figtext.h"

#include <math.h>
#include <stdio.h>

static const char *const default_times_short[CHART_TIMES] = {"Pre", "Post", "FU"};
static const char *const change_defaults[CHANGE_WORDS] = {
    [CW_RELIABLE] = "filled: reliable change from pre (RCI)",
    [CW_NOT_RELIABLE] = "open: not reliable",
    [CW_CUTOFF_KEY] = "clinical cutoff",
    [CW_CUTOFF] = "cutoff",
    [CW_BETTER] = "reliably better at",
    [CW_WORSE] = "reliably worse at",
    [CW_AND] = "and",
    [CW_NO_CHANGE] = "no reliable change",
    [CW_NOT_COMPUTABLE] = "reliable change not computable",
    [CW_LOWER_BETTER] = "lower is better",
    [CW_HIGHER_BETTER] = "higher is better",
    [CW_NO_SCORES] = "no scores recorded",
};

/* Word k of a chart: the caller's, else the English default. */
static const char *cword(const ChangeChart *c, int k) {
    return c->words[k] ? c->words[k] : change_defaults[k];
}

/* Legend of the change chart: reliable vs not, and the cutoff. */
static int ch_legend_items(const ChangeChart *c, LegendItem *it) {
    it[0] = (LegendItem){KEY_MARKER, SHAPE_SQUARE, INK, cword(c, CW_RELIABLE)};
    it[1] = (LegendItem){KEY_MARKER, SHAPE_SQUARE, 1, 1, 1, cword(c, CW_NOT_RELIABLE)};
    it[2] = (LegendItem){KEY_DASH, 0, 0, 0, 0, cword(c, CW_CUTOFF_KEY)};
    return 3;
}

#define CH_HGAP 16.0
#define CH_VGAP 12.0
#define CH_PLOT_H 66.0

typedef struct {
    const char *fam;
    int cols, rows;
    double pw;              /* panel width */
    double head_h[64];      /* per panel row: title + note height */
    double foot_h[64];      /* per panel row: reliable-change note */
    double xlab_h;          /* time labels under the plot */
    double legend_h;
    double total;
} ChPlan;

/* The reliable-change note under a panel, e.g. "reliably better at Post;
 * reliably worse at FU", "no reliable change", or, when the change cannot
 * be judged at any later time point, "reliable change not computable" (as
 * the score table says); "" when there is nothing to compare. */
static void ch_note(const ChangeChart *c, const ChartScale *s, const char *const *tl,
                    char *buf, size_t n) {
    buf[0] = 0;
    if (!raw_at(s, CHART_PRE)) return;
    int later = 0;
    const char *words[2] = {cword(c, CW_BETTER), cword(c, CW_WORSE)};
    int which[CHART_TIMES] = {0}, judged = 0;
    for (int t = CHART_POST; t < CHART_TIMES; t++) {
        if (!raw_at(s, t)) continue;
        later = 1;
        judged |= (s->computable & CHART_BIT(t)) != 0;
        if (!(s->reliable & CHART_BIT(t))) continue;
        which[t] = s->improved & CHART_BIT(t) ? 1 : 2;
    }
    if (!later) return;
    if (!judged) {
        snprintf(buf, n, "%s", cword(c, CW_NOT_COMPUTABLE));
        return;
    }
    size_t len = 0;
    for (int kind = 1; kind <= 2; kind++) {
        int count = 0;
        for (int t = CHART_POST; t < CHART_TIMES; t++) {
            if (which[t] != kind) continue;
            if (count == 0)
                len += (size_t)snprintf(buf + len, n - len, "%s%s %s",
                                        len ? "; " : "", words[kind - 1], tl[t]);
            else
                len += (size_t)snprintf(buf + len, n - len, " %s %s", cword(c, CW_AND), tl[t]);
            if (len >= n) len = n - 1;
            count++;
        }
    }
    if (!len) snprintf(buf, n, "%s", cword(c, CW_NO_CHANGE));
}

static void ch_time_labels(const ChangeChart *c, const char **tl) {
    for (int t = 0; t < CHART_TIMES; t++)
        tl[t] = c->time_labels[t] ? c->time_labels[t] : default_times_short[t];
}

/* Height of the reliable-change note of one panel. */
static double ch_foot_h(cairo_t *cr, const ChangeChart *c, const char *fam,
                        const ChartScale *s, double pw) {
    const char *tl[CHART_TIMES];
    char note[512];
    ch_time_labels(c, tl);
    ch_note(c, s, tl, note, sizeof note);
    if (!note[0]) return 0;
    double h;
    figtext_measure(cr, fam, SMALL_SIZE, 0, 1, pw, note, NULL, &h);
    return h + 2;
}

/* The note under a panel's title: which way is better on the scale. */
static const char *ch_direction(const ChangeChart *c, const ChartScale *s) {
    return cword(c, s->higher_is_worse ? CW_LOWER_BETTER : CW_HIGHER_BETTER);
}

/* Head height of one panel: wrapped title plus direction note. */
static double ch_head_h(cairo_t *cr, const ChangeChart *c, const char *fam,
                        const ChartScale *s, double pw) {
    double th, nh;
    figtext_measure(cr, fam, LABEL_SIZE, 1, 0, pw, s->label, NULL, &th);
    figtext_measure(cr, fam, SMALL_SIZE, 0, 1, pw, ch_direction(c, s), NULL, &nh);
    return th + 1 + nh + 4;
}

/* Panels per row at the planned width w: the chart's own, else 1 to 4
 * from the width, no more than there are panels. */
static int ch_columns(const ChangeChart *c, double w) {
    if (c->columns > 0) return c->columns;
    int cols = (int)(w / 115);
    if (cols < 1) cols = 1;
    if (cols > 4) cols = 4;
    if ((size_t)cols > c->n && c->n > 0) cols = (int)c->n;
    return cols;
}

int chart_change_columns(const ChangeChart *c, double w) { return ch_columns(c, plan_w(w)); }

static ChPlan ch_plan(cairo_t *cr, const ChangeChart *c, double w) {
    ChPlan p = {0};
    p.fam = fam_of(c->family);
    p.cols = ch_columns(c, w);
    p.rows = c->n ? (int)((c->n + (size_t)p.cols - 1) / (size_t)p.cols) : 0;
    if (p.rows > 64) p.rows = 64;
    p.pw = (w - (p.cols - 1) * CH_HGAP) / p.cols;
    double th;
    figtext_measure(cr, p.fam, SMALL_SIZE, 0, 0, 0, "Pre", NULL, &th);
    p.xlab_h = th + 3;
    LegendItem it[3];
    p.legend_h = legend_flow(cr, p.fam, it, ch_legend_items(c, it), 0, w, 0);
    p.total = p.legend_h;
    for (int r = 0; r < p.rows; r++) {
        p.head_h[r] = p.foot_h[r] = 0;
        for (int k = 0; k < p.cols; k++) {
            size_t i = (size_t)r * (size_t)p.cols + (size_t)k;
            if (i >= c->n) break;
            double hh = ch_head_h(cr, c, p.fam, &c->scales[i], p.pw);
            if (hh > p.head_h[r]) p.head_h[r] = hh;
            hh = ch_foot_h(cr, c, p.fam, &c->scales[i], p.pw);
            if (hh > p.foot_h[r]) p.foot_h[r] = hh;
        }
        p.total += p.head_h[r] + CH_PLOT_H + p.xlab_h + p.foot_h[r] +
                   (r ? CH_VGAP : 0);
    }
    return p;
}

static double ch_natural(cairo_t *cr, const void *c, double pw) { return ch_plan(cr, c, pw).total; }

double chart_change_height(const ChangeChart *c, double w) {
    return figtext_height(ch_natural, c, plan_w(w), w);
}

/* Draws one change panel with its top-left at (px,py). */
static void ch_panel(cairo_t *cr, const ChangeChart *c, const ChPlan *p,
                     const ChartScale *s, double px, double py, double head_h) {
    const char *fam = p->fam;
    const char *tl[CHART_TIMES];
    ch_time_labels(c, tl);
    double pw = p->pw, th;
    cairo_set_source_rgb(cr, INK);
    figtext_lang(cr, s->label_lang);
    th = figtext_show(cr, fam, LABEL_SIZE, 1, 0, pw, s->label, px, py, 0);
    figtext_lang(cr, NULL);
    cairo_set_source_rgb(cr, GREY_TEXT);
    figtext_show(cr, fam, SMALL_SIZE, 0, 1, pw,
         ch_direction(c, s), px,
         py + th + 1, 0);

    /* y range from the scale's range, or the data and the cutoff */
    double lo = 1e300, hi = -1e300;
    for (int t = 0; t < CHART_TIMES; t++)
        if (raw_at(s, t)) {
            if (s->raw[t] < lo) lo = s->raw[t];
            if (s->raw[t] > hi) hi = s->raw[t];
        }
    if (cut_ok(s)) {
        if (s->cutoff < lo) lo = s->cutoff;
        if (s->cutoff > hi) hi = s->cutoff;
    }
    double ya, yb, step;
    if (s->has_range && isfinite(s->range_min) && isfinite(s->range_max) &&
        fabs(s->range_min) < 1e9 && fabs(s->range_max) < 1e9 &&
        s->range_max - s->range_min >
            1e-6 * fmax(1, fmax(fabs(s->range_min), fabs(s->range_max)))) {
        ya = s->range_min; yb = s->range_max;
        step = figtext_nice_step(yb - ya);
    } else if (hi < lo) {
        ya = 0; yb = 1; step = 1;
    } else {
        /* at least a quarter of the largest magnitude, so small
         * differences are not blown up to fill the panel */
        double minspan = 0.25 * fmax(fabs(lo), fabs(hi));
        if (minspan < 1e-9) minspan = 1;
        if (hi - lo < minspan) {
            double mid = (hi + lo) / 2;
            lo = mid - minspan / 2;
            hi = mid + minspan / 2;
        }
        double pad = (hi - lo) * 0.12;
        step = figtext_nice_step(hi - lo + 2 * pad);
        ya = floor((lo - pad) / step) * step;
        yb = ceil((hi + pad) / step) * step;
        if (lo >= 0 && ya < 0) ya = 0;
    }
    /* tick label width and cutoff gutter */
    double tickw = 0, tw;
    char buf[32];
    double tick0 = ceil(ya / step - 1e-9) * step;
    for (int k = 0; k <= 12 && tick0 + k * step <= yb + 1e-9; k++) {
        double v = tick0 + k * step;
        figtext_number(buf, sizeof buf, v, c->decimal_comma);
        figtext_measure(cr, fam, TINY_SIZE, 0, 0, 0, buf, &tw, NULL);
        if (tw > tickw) tickw = tw;
    }
    char cutval[32] = "";
    double gutter = 4;
    if (cut_ok(s)) {
        figtext_number(cutval, sizeof cutval, s->cutoff, c->decimal_comma);
        double w1, w2;
        figtext_measure(cr, fam, TINY_SIZE, 0, 1, 0, cword(c, CW_CUTOFF), &w1, NULL);
        figtext_measure(cr, fam, TINY_SIZE, 0, 1, 0, cutval, &w2, NULL);
        gutter = (w1 > w2 ? w1 : w2) + 5;
    }
    double x0 = px + tickw + 5, x1 = px + pw - gutter;
    double y0 = py + head_h, y1 = y0 + CH_PLOT_H - 4;
    if (x1 < x0 + 30) x1 = x0 + 30;
#define YV(v) (y1 - (clampd(v, ya, yb) - ya) / (yb - ya) * (y1 - y0))
    /* frame, grid and ticks */
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    cairo_set_source_rgb(cr, 0.985, 0.985, 0.985);
    cairo_fill(cr);
    for (int k = 0; k <= 12 && tick0 + k * step <= yb + 1e-9; k++) {
        double v = tick0 + k * step, yy = YV(v), lh;
        cairo_set_source_rgb(cr, GRID);
        hline(cr, x0, x1, yy, 0.4);
        figtext_number(buf, sizeof buf, v, c->decimal_comma);
        figtext_measure(cr, fam, TINY_SIZE, 0, 0, 0, buf, NULL, &lh);
        cairo_set_source_rgb(cr, GREY_TEXT);
        figtext_show(cr, fam, TINY_SIZE, 0, 0, 0, buf, x0 - 3, yy - lh / 2, 2);
    }
    cairo_set_source_rgb(cr, MID);
    cairo_set_line_width(cr, 0.6);
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    cairo_stroke(cr);
    double xs[CHART_TIMES];
    for (int t = 0; t < CHART_TIMES; t++) {
        xs[t] = x0 + 14 + t * ((x1 - x0 - 28) / 2);
        cairo_set_source_rgb(cr, INK);
        figtext_show(cr, fam, SMALL_SIZE, 0, 0, 0, tl[t], xs[t], y1 + 2, 1);
    }
    /* cutoff: dashed line, label in the right gutter */
    if (cut_ok(s) && s->cutoff >= ya && s->cutoff <= yb) {
        double yc = YV(s->cutoff), lh;
        static const double dash[] = {3, 2};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_source_rgb(cr, INK);
        hline(cr, x0, x1, yc, 0.8);
        cairo_set_dash(cr, NULL, 0, 0);
        figtext_measure(cr, fam, TINY_SIZE, 0, 1, 0, cword(c, CW_CUTOFF), NULL, &lh);
        double ly = yc - lh;
        if (ly < y0 - 2) ly = y0 - 2;
        if (ly + 2 * lh > y1 + p->xlab_h) ly = y1 + p->xlab_h - 2 * lh;
        cairo_set_source_rgb(cr, INK);
        figtext_show(cr, fam, TINY_SIZE, 0, 1, 0, cword(c, CW_CUTOFF), x1 + 3, ly, 0);
        figtext_show(cr, fam, TINY_SIZE, 0, 1, 0, cutval, x1 + 3, ly + lh, 0);
    }
    if (!any_raw(s)) {
        double nh;
        figtext_measure(cr, fam, SMALL_SIZE, 0, 1, x1 - x0 - 8, cword(c, CW_NO_SCORES), NULL, &nh);
        cairo_set_source_rgb(cr, GREY_TEXT);
        figtext_show(cr, fam, SMALL_SIZE, 0, 1, x1 - x0 - 8, cword(c, CW_NO_SCORES),
             x0 + 4, (y0 + y1 - nh) / 2, 0);
    }
    /* data line through the present points */
    int first = 1;
    cairo_set_source_rgb(cr, ACCENT);
    cairo_set_line_width(cr, 1.0);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (int t = 0; t < CHART_TIMES; t++) {
        if (!raw_at(s, t)) continue;
        if (first) cairo_move_to(cr, xs[t], YV(s->raw[t]));
        else cairo_line_to(cr, xs[t], YV(s->raw[t]));
        first = 0;
    }
    cairo_stroke(cr);
    /* markers: pre in grey; later points filled when the change is reliable */
    for (int t = 0; t < CHART_TIMES; t++) {
        if (!raw_at(s, t)) continue;
        int rel = t != CHART_PRE && (s->reliable & CHART_BIT(t)) &&
                  raw_at(s, CHART_PRE);
        double yy = YV(s->raw[t]);
        if (t == CHART_PRE) marker(cr, time_shape[t], xs[t], yy, 3.0, MID);
        else if (rel) marker(cr, time_shape[t], xs[t], yy, 3.2, INK);
        else marker(cr, time_shape[t], xs[t], yy, 3.0, 1, 1, 1);
    }
    char note[512];
    ch_note(c, s, tl, note, sizeof note);
    if (note[0]) {
        cairo_set_source_rgb(cr, INK);
        figtext_show(cr, fam, SMALL_SIZE, 0, 1, pw, note, px, y1 + p->xlab_h + 1, 0);
    }
#undef YV
}

void chart_change_draw(cairo_t *cr, const ChangeChart *c, double w, double h) {
    if (!figtext_box_ok(w, h)) return;
    ChPlan p = ch_plan(cr, c, plan_w(w));
    w = chart_frame(cr, p.total, w, h);
    LegendItem it[3];
    legend_flow(cr, p.fam, it, ch_legend_items(c, it), 0, w, 1);
    double y = p.legend_h;
    for (int r = 0; r < p.rows; r++) {
        if (r) y += CH_VGAP;
        for (int k = 0; k < p.cols; k++) {
            size_t i = (size_t)r * (size_t)p.cols + (size_t)k;
            if (i >= c->n) break;
            ch_panel(cr, c, &p, &c->scales[i], k * (p.pw + CH_HGAP), y, p.head_h[r]);
        }
        y += p.head_h[r] + CH_PLOT_H + p.xlab_h + p.foot_h[r];
    }
    cairo_restore(cr);
}
