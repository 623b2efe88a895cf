/* chart.c — score charts: the T-score profile, the pre/post/follow-up
 * change panels and the group composition matrix (see chart.h).
 *
 * Each chart is first planned (column widths, row heights) from the width
 * and the text, using text metrics that do not depend on the target
 * surface; the height functions and the draw functions share the plan. */
#include "figures/chart.h"
#include "figures/figtext.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Palette: greys plus one muted blue accent (prints as a dark grey). */
#define INK 0.13, 0.13, 0.13
#define GREY_TEXT 0.38, 0.38, 0.38
#define GRID 0.78, 0.78, 0.78
#define BAND 0.90, 0.90, 0.90
#define STRIPE 0.965, 0.965, 0.965
#define MID 0.62, 0.62, 0.62
#define ACCENT 0.17, 0.35, 0.53

#define LABEL_SIZE 8.0
#define SMALL_SIZE 7.0
#define TINY_SIZE 6.5

static const char *const default_times_long[CHART_TIMES] = {"Pre", "Post", "Follow-up"};
static const char *const default_times_short[CHART_TIMES] = {"Pre", "Post", "FU"};
static const char *const profile_defaults[PROFILE_WORDS] = {
    [PW_AXIS] = "T-score",
    [PW_BAND] = "norm band T 40\u201360 (mean \u00b1 1 SD), line at T 50",
    [PW_NO_NORM] = "no published norm in the library",
    [PW_NO_SCORE] = "no T-scores recorded",
};
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
static const char *pword(const ProfileChart *c, int k) {
    return c->words[k] ? c->words[k] : profile_defaults[k];
}
static const char *cword(const ChangeChart *c, int k) {
    return c->words[k] ? c->words[k] : change_defaults[k];
}

/* ---- text ------------------------------------------------------------- */



/* Presence tests: the flag is set and the value is a finite number, so a
 * NaN, an infinity or an absurd raw score (|x| >= 1e9) counts as missing. */
static int t_at(const ChartScale *s, int t) {
    return (s->has_t & CHART_BIT(t)) && isfinite(s->t[t]);
}
static int raw_at(const ChartScale *s, int t) {
    return (s->has_raw & CHART_BIT(t)) && isfinite(s->raw[t]) &&
           fabs(s->raw[t]) < 1e9;
}
static int any_t(const ChartScale *s) {
    return t_at(s, CHART_PRE) || t_at(s, CHART_POST) || t_at(s, CHART_FU);
}
static int any_raw(const ChartScale *s) {
    return raw_at(s, CHART_PRE) || raw_at(s, CHART_POST) || raw_at(s, CHART_FU);
}
static int cut_ok(const ChartScale *s) {
    return s->has_cutoff && isfinite(s->cutoff) && fabs(s->cutoff) < 1e9;
}
static int member_at(const ChartMember *m, size_t d) {
    return d < CHART_MAX_DIMS && (m->has & (1u << d)) && isfinite(m->t[d]);
}

/* v limited to [a,b] so out-of-range scores sit on the axis ends. */
static double clampd(double v, double a, double b) {
    return v < a ? a : v > b ? b : v;
}

static const char *fam_of(const char *family) {
    return family && *family ? family : "Noto Sans";
}

/* Charts are planned at least this wide; a narrower box gets the chart
 * scaled down. */
#define MIN_W 160.0

/* The width a chart is planned at for a box w wide. */
static double plan_w(double w) {
    return w > MIN_W ? w : MIN_W;
}

/* Starts drawing a chart planned pw x total into a box_w x h box: scaled
 * to fit the box, clipped to the chart. End with cairo_restore. */
static void chart_frame(cairo_t *cr, double pw, double total, double box_w, double h) {
    cairo_save(cr);
    figtext_fit_box(cr, pw, total, box_w, h);
    cairo_rectangle(cr, 0, 0, pw, total);
    cairo_clip(cr);
}


/* ---- markers ---------------------------------------------------------- */

enum { SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_TRIANGLE };

/* A marker of `shape` with radius r at (x,y): filled with (fr,fg,fb) and
 * outlined in ink. */
static void marker(cairo_t *cr, int shape, double x, double y, double r,
                   double fr, double fg, double fb) {
    switch (shape) {
    case SHAPE_SQUARE:
        r *= 0.88;
        cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
        break;
    case SHAPE_TRIANGLE:
        r *= 1.2;
        cairo_move_to(cr, x, y - r);
        cairo_line_to(cr, x + r * 0.866, y + r * 0.5);
        cairo_line_to(cr, x - r * 0.866, y + r * 0.5);
        cairo_close_path(cr);
        break;
    default:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    }
    cairo_set_source_rgb(cr, fr, fg, fb);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, INK);
    cairo_set_line_width(cr, 0.6);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
}

/* Profile markers per time point: shape and fill differ. */
static const int time_shape[CHART_TIMES] = {SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_TRIANGLE};
static void time_fill(int t, double *r, double *g, double *b) {
    static const double f[CHART_TIMES][3] = {
        {1, 1, 1}, {0.62, 0.62, 0.62}, {ACCENT}};
    *r = f[t][0]; *g = f[t][1]; *b = f[t][2];
}

static void hline(cairo_t *cr, double x0, double x1, double y, double lw) {
    cairo_set_line_width(cr, lw);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_stroke(cr);
}

static void vline(cairo_t *cr, double x, double y0, double y1, double lw) {
    cairo_set_line_width(cr, lw);
    cairo_move_to(cr, x, y0);
    cairo_line_to(cr, x, y1);
    cairo_stroke(cr);
}

/* Axis range for T-scores: the given one (when finite, at least 10 wide
 * and within T -50..150), or 20..80 widened to the data in steps of 10 but
 * never beyond T 0..120; scores outside the axis sit on its ends. */
static void t_range(double tmin, double tmax, double lo, double hi,
                    double *a, double *b) {
    if (isfinite(tmin) && isfinite(tmax) && tmax - tmin >= 10 && tmin >= -50 &&
        tmax <= 150) {
        *a = tmin; *b = tmax;
        return;
    }
    *a = 20; *b = 80;
    if (lo < *a) *a = lo < 0 ? 0 : floor(lo / 10) * 10;
    if (hi > *b) *b = hi > 120 ? 120 : ceil(hi / 10) * 10;
}

/* ---- legends ----------------------------------------------------------- */

/* One legend entry: a key (marker, band swatch or dashed line) and text. */
enum { KEY_MARKER, KEY_BAND, KEY_DASH };
typedef struct {
    int key, shape;
    double r, g, b;     /* marker fill */
    const char *text;
} LegendItem;

#define LEGEND_LINE 11.0 /* line pitch of legend rows */

/* Lays out legend items left to right from x0, wrapping within width w;
 * draws them when `draw` is set. Returns the height used. */
static double legend_flow(cairo_t *cr, const char *fam, const LegendItem *it,
                          int n, double x0, double w, int draw) {
    double x = x0, y = 0, key = 12, tw, th;
    for (int i = 0; i < n; i++) {
        figtext_measure(cr, fam, SMALL_SIZE, 0, 0, 0, it[i].text, &tw, &th);
        double iw = key + 3 + tw;
        if (x > x0 && x + iw > w) { x = x0; y += LEGEND_LINE; }
        if (draw) {
            double cy = y + LEGEND_LINE / 2;
            if (it[i].key == KEY_MARKER) {
                marker(cr, it[i].shape, x + key / 2, cy, 3.0, it[i].r, it[i].g, it[i].b);
            } else if (it[i].key == KEY_BAND) {
                cairo_rectangle(cr, x, cy - 3.5, key, 7);
                cairo_set_source_rgb(cr, BAND);
                cairo_fill(cr);
                cairo_set_source_rgb(cr, MID);
                vline(cr, x + key / 2, cy - 3.5, cy + 3.5, 0.8);
            } else {
                static const double dash[] = {3, 2};
                cairo_set_dash(cr, dash, 2, 0);
                cairo_set_source_rgb(cr, INK);
                hline(cr, x, x + key, cy, 0.8);
                cairo_set_dash(cr, NULL, 0, 0);
            }
            cairo_set_source_rgb(cr, INK);
            /* text wider than the whole line wraps under itself */
            figtext_show(cr, fam, SMALL_SIZE, 0, 0, iw > w - x0 ? w - x - key - 3 : 0,
                 it[i].text, x + key + 3, cy - th / 2, 0);
        }
        if (iw > w - x0) { /* a lone over-long entry: measure it wrapped */
            double wh;
            figtext_measure(cr, fam, SMALL_SIZE, 0, 0, w - x - key - 3, it[i].text, NULL, &wh);
            y += wh - th;
        }
        x += iw + 12;
    }
    return n ? y + LEGEND_LINE + 4 : 0;
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

/* Legend of the change chart: reliable vs not, and the cutoff. */
static int ch_legend_items(const ChangeChart *c, LegendItem *it) {
    it[0] = (LegendItem){KEY_MARKER, SHAPE_SQUARE, INK, cword(c, CW_RELIABLE)};
    it[1] = (LegendItem){KEY_MARKER, SHAPE_SQUARE, 1, 1, 1, cword(c, CW_NOT_RELIABLE)};
    it[2] = (LegendItem){KEY_DASH, 0, 0, 0, 0, cword(c, CW_CUTOFF_KEY)};
    return 3;
}

/* ---- profile chart ---------------------------------------------------- */

#define PROF_ROW_MIN 19.0

typedef struct {
    const char *fam;
    double lw;        /* label column */
    double x0, x1;    /* plot area */
    double ta, tb;    /* T axis */
    double axis_h;    /* tick labels and caption below the rows */
    double legend_x, legend_h;
    double rows_h;    /* all rows */
    double total;
} ProfPlan;

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

static ProfPlan prof_plan(cairo_t *cr, const ProfileChart *c, double w) {
    ProfPlan p = {0};
    p.fam = fam_of(c->family);
    double maxw = 0, lo = 1e9, hi = -1e9;
    for (size_t i = 0; i < c->n; i++) {
        double tw;
        figtext_measure(cr, p.fam, LABEL_SIZE, 0, 0, 0, c->scales[i].label, &tw, NULL);
        if (tw > maxw) maxw = tw;
        for (int t = 0; t < CHART_TIMES; t++)
            if (c->scales[i].has_norm && t_at(&c->scales[i], t)) {
                if (c->scales[i].t[t] < lo) lo = c->scales[i].t[t];
                if (c->scales[i].t[t] > hi) hi = c->scales[i].t[t];
            }
    }
    t_range(c->t_min, c->t_max, lo, hi, &p.ta, &p.tb);
    p.lw = maxw + 10;
    if (p.lw > w * 0.38) p.lw = w * 0.38;
    if (p.lw < 40) p.lw = 40;
    p.x0 = p.lw + 6;
    p.x1 = w - 8;
    if (p.x1 < p.x0 + 40) p.x1 = p.x0 + 40;
    p.rows_h = 0;
    for (size_t i = 0; i < c->n; i++) p.rows_h += prof_row_h(cr, c, &p, i);
    double th;
    figtext_measure(cr, p.fam, SMALL_SIZE, 0, 0, 0, "80", NULL, &th);
    p.axis_h = 3 + th + 2 + th + 2;
    LegendItem it[4];
    int ni = prof_legend_items(c, it);
    /* the legend starts over the plot when it fits there on one line */
    p.legend_x = p.x0;
    p.legend_h = legend_flow(cr, p.fam, it, ni, p.legend_x, w, 0);
    if (p.legend_h > legend_flow(cr, p.fam, it, ni, 0, w, 0)) {
        p.legend_x = 0;
        p.legend_h = legend_flow(cr, p.fam, it, ni, 0, w, 0);
    }
    p.total = p.legend_h + p.rows_h + p.axis_h;
    return p;
}

static double prof_natural(cairo_t *cr, const void *c, double pw) { return prof_plan(cr, c, pw).total; }

double chart_profile_height(const ProfileChart *c, double w) {
    return figtext_height(prof_natural, c, plan_w(w), w);
}

void chart_profile_draw(cairo_t *cr, const ProfileChart *c, double w, double h) {
    if (!figtext_box_ok(w, h)) return;
    double box_w = w;
    w = plan_w(w);
    ProfPlan p = prof_plan(cr, c, w);
    chart_frame(cr, w, p.total, box_w, h);
    LegendItem it[4];
    int ni = prof_legend_items(c, it);
    legend_flow(cr, p.fam, it, ni, p.legend_x, w, 1);
    double y0 = p.legend_h, y1 = y0 + p.rows_h;
#define TX(v) (p.x0 + (clampd(v, p.ta, p.tb) - p.ta) / (p.tb - p.ta) * (p.x1 - p.x0))
    /* background: stripes, band, grid, line at 50 */
    double y = y0;
    for (size_t i = 0; i < c->n; i++) {
        double rh = prof_row_h(cr, c, &p, i);
        if (i % 2 == 0) {
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
        double rh = prof_row_h(cr, c, &p, i), lh;
        figtext_measure(cr, p.fam, LABEL_SIZE, 0, 0, p.lw - 8, s->label, NULL, &lh);
        cairo_set_source_rgb(cr, INK);
        figtext_show(cr, p.fam, LABEL_SIZE, 0, 0, p.lw - 8, s->label, 4,
             y + (rh - lh) / 2, 0);
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
    cairo_restore(cr);
}

/* ---- change chart ----------------------------------------------------- */

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

static ChPlan ch_plan(cairo_t *cr, const ChangeChart *c, double w) {
    ChPlan p = {0};
    p.fam = fam_of(c->family);
    p.cols = c->columns > 0 ? c->columns : (int)(w / 115);
    if (p.cols < 1) p.cols = 1;
    if (p.cols > 4 && c->columns <= 0) p.cols = 4;
    if ((size_t)p.cols > c->n && c->n > 0) p.cols = (int)c->n;
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
    th = figtext_show(cr, fam, LABEL_SIZE, 1, 0, pw, s->label, px, py, 0);
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
    double box_w = w;
    w = plan_w(w);
    ChPlan p = ch_plan(cr, c, w);
    chart_frame(cr, w, p.total, box_w, h);
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

/* ---- group composition ------------------------------------------------ */

#define GR_ROW_H 17.0
#define GR_ALL_H 26.0

typedef struct {
    const char *fam;
    size_t nd;
    double lw, cw;       /* initials column, cell width */
    double head_h;       /* dimension headings */
    double axis_h;       /* tick labels under the grid */
    double legend_h;
    double ta, tb;
    double da[CHART_MAX_DIMS], db[CHART_MAX_DIMS]; /* each column's axis */
    char legend[600];
    const char *all;
    double total;
} GrPlan;

static int gr_raw(const GroupChart *c, size_t d) {
    return d < CHART_MAX_DIMS && (c->raw_dims & (1u << d));
}

/* Writes the legend under the group chart for axis ta..tb. */
static void gr_legend_text(char *buf, size_t n, double ta, double tb, int raw) {
    snprintf(buf, n,
             "Each cell: the member's T-score on a %.0f\xe2\x80\x93%.0f scale; "
             "shaded band T 40\xe2\x80\x93" "60 (mean \xc2\xb1 1 SD), line at "
             "T 50. Dark dot: above 60; grey: within the band; open: below 40; "
             "\xe2\x80\x93: not recorded.%s Last row: all members together "
             "(bar: group mean).", ta, tb,
             raw ? " A column without a norm shows raw scores on the scale's "
                   "possible range, with no band and grey dots." : "");
}

/* The axis of a raw column: its range when it is one, else the data's. */
static void gr_raw_range(const GroupChart *c, size_t d, double *a, double *b) {
    *a = c->raw_min[d];
    *b = c->raw_max[d];
    if (isfinite(*a) && isfinite(*b) && *b > *a && fabs(*a) < 1e9 && fabs(*b) < 1e9) return;
    double lo = 1e9, hi = -1e9;
    for (size_t m = 0; m < c->n_members; m++)
        if (member_at(&c->members[m], d) && fabs(c->members[m].t[d]) < 1e9) {
            if (c->members[m].t[d] < lo) lo = c->members[m].t[d];
            if (c->members[m].t[d] > hi) hi = c->members[m].t[d];
        }
    if (lo > hi) lo = hi = 0;
    *a = floor(lo) - 1;
    *b = ceil(hi) + 1;
}

static GrPlan gr_plan(cairo_t *cr, const GroupChart *c, double w) {
    GrPlan p = {0};
    p.fam = fam_of(c->family);
    p.nd = c->n_dims > CHART_MAX_DIMS ? CHART_MAX_DIMS : c->n_dims;
    double lo = 1e9, hi = -1e9, maxw = 0, tw;
    for (size_t m = 0; m < c->n_members; m++) {
        figtext_measure(cr, p.fam, LABEL_SIZE, 1, 0, 0, c->members[m].initials, &tw, NULL);
        if (tw > maxw) maxw = tw;
        for (size_t d = 0; d < p.nd; d++)
            if (member_at(&c->members[m], d) && !gr_raw(c, d)) {
                if (c->members[m].t[d] < lo) lo = c->members[m].t[d];
                if (c->members[m].t[d] > hi) hi = c->members[m].t[d];
            }
    }
    p.all = c->all_label ? c->all_label : "All members";
    figtext_measure(cr, p.fam, SMALL_SIZE, 1, 0, 0, p.all, &tw, NULL);
    if (tw > maxw) maxw = tw;
    t_range(c->t_min, c->t_max, lo, hi, &p.ta, &p.tb);
    int any_raw_dim = 0;
    for (size_t d = 0; d < p.nd; d++) {
        p.da[d] = p.ta;
        p.db[d] = p.tb;
        if (gr_raw(c, d)) {
            gr_raw_range(c, d, &p.da[d], &p.db[d]);
            any_raw_dim = 1;
        }
    }
    p.lw = maxw + 8;
    if (p.lw > w * 0.2) p.lw = w * 0.2;
    p.cw = p.nd ? (w - p.lw) / (double)p.nd : w - p.lw;
    p.head_h = 0;
    for (size_t d = 0; d < p.nd; d++) {
        double hh;
        figtext_measure(cr, p.fam, SMALL_SIZE, 1, 0, p.cw - 6, c->dim_labels[d], NULL, &hh);
        if (hh > p.head_h) p.head_h = hh;
    }
    p.head_h += 5;
    double th;
    figtext_measure(cr, p.fam, TINY_SIZE, 0, 0, 0, "80", NULL, &th);
    p.axis_h = th + 4;
    if (c->legend) snprintf(p.legend, sizeof p.legend, "%s", c->legend);
    else gr_legend_text(p.legend, sizeof p.legend, p.ta, p.tb, any_raw_dim);
    figtext_measure(cr, p.fam, SMALL_SIZE, 0, 0, w, p.legend, NULL, &th);
    p.legend_h = p.legend[0] ? th + 6 : 0;
    p.total = p.head_h + GR_ROW_H * (double)c->n_members + GR_ALL_H + p.axis_h +
              p.legend_h;
    return p;
}

static double gr_natural(cairo_t *cr, const void *c, double pw) { return gr_plan(cr, c, pw).total; }

double chart_group_height(const GroupChart *c, double w) {
    return figtext_height(gr_natural, c, plan_w(w), w);
}

/* Dot for one T-score: dark above the band, grey within, open below; grey
 * for a raw score. */
static void gr_dot(cairo_t *cr, double x, double y, double t, int raw) {
    if (raw) marker(cr, SHAPE_CIRCLE, x, y, 3.0, MID);
    else if (t > 60) marker(cr, SHAPE_CIRCLE, x, y, 3.0, ACCENT);
    else if (t >= 40) marker(cr, SHAPE_CIRCLE, x, y, 3.0, MID);
    else marker(cr, SHAPE_CIRCLE, x, y, 3.0, 1, 1, 1);
}

void chart_group_draw(cairo_t *cr, const GroupChart *c, double w, double h) {
    if (!figtext_box_ok(w, h)) return;
    double box_w = w;
    w = plan_w(w);
    GrPlan p = gr_plan(cr, c, w);
    chart_frame(cr, w, p.total, box_w, h);
    double gy0 = p.head_h;
    double gy1 = gy0 + GR_ROW_H * (double)c->n_members + GR_ALL_H;
    double in = 5; /* inset of each cell's axis */
    /* column headings */
    for (size_t d = 0; d < p.nd; d++) {
        double hh;
        const char *lab = c->dim_labels[d];
        figtext_measure(cr, p.fam, SMALL_SIZE, 1, 0, p.cw - 6, lab, NULL, &hh);
        PangoLayout *l = figtext_layout(cr, p.fam, SMALL_SIZE, 1, 0, p.cw - 6, lab);
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
        cairo_set_source_rgb(cr, INK);
        cairo_move_to(cr, p.lw + p.cw * (double)d + 3, p.head_h - 4 - hh);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
    }
    /* stripes */
    for (size_t m = 0; m <= c->n_members; m++) {
        double ry = gy0 + GR_ROW_H * (double)m;
        double rh = m == c->n_members ? GR_ALL_H : GR_ROW_H;
        if (m % 2 == 0 || m == c->n_members) {
            cairo_rectangle(cr, 0, ry, w, rh);
            if (m == c->n_members) cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
            else cairo_set_source_rgb(cr, STRIPE);
            cairo_fill(cr);
        }
    }
#define CX(d, v) (p.lw + p.cw * (double)(d) + in + \
                  (clampd(v, p.da[d], p.db[d]) - p.da[d]) / (p.db[d] - p.da[d]) * (p.cw - 2 * in))
    /* per column: band and line at 50 (T columns), separators, axis */
    for (size_t d = 0; d < p.nd; d++) {
        int raw = gr_raw(c, d);
        double mid = raw ? (p.da[d] + p.db[d]) / 2 : 50;
        if (!raw) {
            double b0 = CX(d, 40), b1 = CX(d, 60);
            cairo_rectangle(cr, b0, gy0, b1 - b0, gy1 - gy0);
            cairo_set_source_rgba(cr, 0.55, 0.55, 0.55, 0.22);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, MID);
            vline(cr, CX(d, 50), gy0, gy1, 0.6);
        }
        cairo_set_source_rgb(cr, GRID);
        vline(cr, p.lw + p.cw * (double)d, 0, gy1, 0.6);
        cairo_set_source_rgb(cr, INK);
        hline(cr, CX(d, p.da[d]), CX(d, p.db[d]), gy1, 0.6);
        if (raw) {
            vline(cr, CX(d, p.da[d]), gy1, gy1 + 2, 0.5);
            vline(cr, CX(d, mid), gy1, gy1 + 2, 0.5);
            vline(cr, CX(d, p.db[d]), gy1, gy1 + 2, 0.5);
        } else {
            for (double v = p.ta; v <= p.tb + 1e-9; v += 10)
                vline(cr, CX(d, v), gy1, gy1 + 2, 0.5);
        }
        /* end and middle tick labels, when the cell is wide enough */
        char a[16], b[16], m[16];
        double wa, wb, wm;
        snprintf(a, sizeof a, "%.0f", p.da[d]);
        snprintf(b, sizeof b, "%.0f", p.db[d]);
        snprintf(m, sizeof m, "%.0f", mid);
        figtext_measure(cr, p.fam, TINY_SIZE, 0, 0, 0, a, &wa, NULL);
        figtext_measure(cr, p.fam, TINY_SIZE, 0, 0, 0, b, &wb, NULL);
        figtext_measure(cr, p.fam, TINY_SIZE, 0, 0, 0, m, &wm, NULL);
        cairo_set_source_rgb(cr, GREY_TEXT);
        if (CX(d, p.da[d]) + wa + 2 < CX(d, mid) - wm / 2 &&
            CX(d, mid) + wm / 2 + 2 < CX(d, p.db[d]) - wb) {
            figtext_show(cr, p.fam, TINY_SIZE, 0, 0, 0, a, CX(d, p.da[d]), gy1 + 2.5, 0);
            figtext_show(cr, p.fam, TINY_SIZE, 0, 0, 0, b, CX(d, p.db[d]), gy1 + 2.5, 2);
        }
        figtext_show(cr, p.fam, TINY_SIZE, 0, 0, 0, m, CX(d, mid), gy1 + 2.5, 1);
    }
    cairo_set_source_rgb(cr, INK);
    hline(cr, 0, w, gy0, 0.6);
    /* members */
    for (size_t m = 0; m < c->n_members; m++) {
        const ChartMember *mb = &c->members[m];
        double ry = gy0 + GR_ROW_H * (double)m, cy = ry + GR_ROW_H / 2, lh;
        figtext_measure(cr, p.fam, LABEL_SIZE, 1, 0, p.lw - 6, mb->initials, NULL, &lh);
        cairo_save(cr);
        cairo_rectangle(cr, 0, ry, p.lw - 2, GR_ROW_H);
        cairo_clip(cr);
        cairo_set_source_rgb(cr, INK);
        figtext_show(cr, p.fam, LABEL_SIZE, 1, 0, p.lw - 6, mb->initials, 4, cy - lh / 2, 0);
        cairo_restore(cr);
        for (size_t d = 0; d < p.nd; d++) {
            if (!member_at(mb, d)) {
                cairo_set_source_rgb(cr, GREY_TEXT);
                double nh;
                figtext_measure(cr, p.fam, TINY_SIZE, 0, 0, 0, "\xe2\x80\x93", NULL, &nh);
                figtext_show(cr, p.fam, TINY_SIZE, 0, 0, 0, "\xe2\x80\x93",
                     p.lw + p.cw * ((double)d + 0.5), cy - nh / 2, 1);
                continue;
            }
            double t = mb->t[d], x = CX(d, t);
            gr_dot(cr, x, cy, t, gr_raw(c, d));
            char buf[16];
            snprintf(buf, sizeof buf, "%.0f", t);
            double vw, vh;
            figtext_measure(cr, p.fam, TINY_SIZE, 0, 0, 0, buf, &vw, &vh);
            double cell_r = p.lw + p.cw * (double)(d + 1) - 1.5;
            double vx = x + 4.5;
            if (vx + vw > cell_r) vx = x - 4.5 - vw;
            cairo_set_source_rgb(cr, INK);
            figtext_show(cr, p.fam, TINY_SIZE, 0, 0, 0, buf, vx, cy - vh / 2, 0);
        }
    }
    /* all members overlaid, with the group mean */
    double ry = gy0 + GR_ROW_H * (double)c->n_members, cy = ry + GR_ALL_H / 2, lh;
    cairo_set_source_rgb(cr, INK);
    hline(cr, 0, w, ry, 0.6);
    figtext_measure(cr, p.fam, SMALL_SIZE, 1, 0, p.lw - 6, p.all, NULL, &lh);
    figtext_show(cr, p.fam, SMALL_SIZE, 1, 0, p.lw - 6, p.all, 4, cy - lh / 2, 0);
    for (size_t d = 0; d < p.nd; d++) {
        double sum = 0;
        int n = 0;
        for (size_t m = 0; m < c->n_members; m++) {
            const ChartMember *mb = &c->members[m];
            if (!member_at(mb, d)) continue;
            cairo_new_sub_path(cr);
            cairo_arc(cr, CX(d, mb->t[d]), cy, 2.6, 0, 2 * M_PI);
            cairo_set_source_rgba(cr, INK, 0.35);
            cairo_fill(cr);
            sum += mb->t[d];
            n++;
        }
        if (n) {
            cairo_set_source_rgb(cr, ACCENT);
            vline(cr, CX(d, sum / n), cy - 8, cy + 8, 1.0);
        }
    }
#undef CX
    cairo_set_source_rgb(cr, GREY_TEXT);
    if (p.legend[0]) figtext_show(cr, p.fam, SMALL_SIZE, 0, 0, w, p.legend, 0, gy1 + p.axis_h + 4, 0);
    cairo_restore(cr);
}
