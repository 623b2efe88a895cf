/* chart_group.c: the group composition chart, every member's T-score
 * profile on one grid (chart_group_height, chart_group_draw in chart.h).
 *
 * Promises: the chart planned once from the width and the text (GrPlan),
 * the height and the drawing from the same plan. May touch: the cairo_t
 * it is handed, chartkit.h and figtext.h; no state (the overlay row's
 * dots are sorted in a scratch array of its own). */
#include "figures/chartkit.h"
#include "figures/figtext.h"

#include "base/arena.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>


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
    size_t from, rows;   /* the part's member rows */
    double all_h;        /* the overlay row: the last part's */
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
    p.from = c->from < c->n_members ? c->from : c->n_members;
    p.rows = c->rows && c->rows < c->n_members - p.from ? c->rows : c->n_members - p.from;
    p.all_h = c->more ? 0 : GR_ALL_H;
    p.total = p.head_h + GR_ROW_H * (double)p.rows + p.all_h + p.axis_h +
              p.legend_h;
    return p;
}

static double gr_natural(cairo_t *cr, const void *c, double pw) { return gr_plan(cr, c, pw).total; }

double chart_group_height(const GroupChart *c, double w) {
    return figtext_height(gr_natural, c, plan_w(w), w);
}

size_t chart_group_rows_within(const GroupChart *c, double w, double h) {
    if (!(isfinite(w) && w > 0 && isfinite(h) && h > 0)) return 0;
    GroupChart whole = *c;
    whole.from = whole.rows = 0;
    whole.more = 0;
    cairo_t *cr = figtext_scratch();
    GrPlan p = gr_plan(cr, &whole, plan_w(w));
    cairo_destroy(cr);
    /* the height a part is given is its planned one, scaled to w, whole
     * points up (figtext_scaled_height) */
    double k = plan_w(w) > w ? w / plan_w(w) : 1;
    double room = floor(h) / k - (p.total - GR_ROW_H * (double)p.rows);
    return room < GR_ROW_H ? 0 : (size_t)floor(room / GR_ROW_H);
}

/* The kind of dot for one T-score, by the whole T the documents print
 * (nearbyint rounds as %.0f does): dark above the band, grey within, open
 * below; grey for a raw score. */
enum { DOT_DARK, DOT_GREY, DOT_OPEN, DOT_KINDS };
static int gr_kind(double t, int raw) {
    t = nearbyint(t);
    return raw ? DOT_GREY : t > 60 ? DOT_DARK : t >= 40 ? DOT_GREY : DOT_OPEN;
}

static void gr_paint(cairo_t *cr, int kind) {
    if (kind == DOT_DARK) marker_paint(cr, ACCENT);
    else if (kind == DOT_GREY) marker_paint(cr, MID);
    else marker_paint(cr, 1, 1, 1);
}

#define GR_ALL_DOT 2.6
#define GR_ALL_ALPHA 0.35

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Draws the overlay row's translucent dots, one at each of xs[0..n) on the
 * line y = cy, as filling each on its own would: where k dots overlap the
 * ink is laid k times. The dots are dealt into layers in which no two
 * overlap (in order along the row, each to the first layer whose last dot
 * it clears), and each layer is one path filled once; laying ink over ink
 * of one colour and alpha does not depend on the order, so every point is
 * inked as many times as before. cairo records a page whole before writing
 * it, some 900 bytes for each fill: a fill per layer (as many as the most
 * dots that overlap at one place) rather than per dot takes 1000 members'
 * row 0.75 MB where it took 5 MB. Sorts xs. */
static void gr_overlay_dots(cairo_t *cr, double *xs, size_t n, double cy) {
    if (n == 0) return;
    qsort(xs, n, sizeof *xs, cmp_double);
    double *last = xmalloc(n * sizeof *last); /* each layer's last dot */
    unsigned *layer = xmalloc(n * sizeof *layer);
    size_t layers = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = 0;
        while (l < layers && xs[i] - last[l] < 2 * GR_ALL_DOT) l++;
        if (l == layers) layers++;
        last[l] = xs[i];
        layer[i] = (unsigned)l;
    }
    cairo_set_source_rgba(cr, INK, GR_ALL_ALPHA);
    for (size_t l = 0; l < layers; l++) {
        cairo_new_path(cr);
        for (size_t i = 0; i < n; i++)
            if (layer[i] == l) {
                cairo_new_sub_path(cr);
                cairo_arc(cr, xs[i], cy, GR_ALL_DOT, 0, 2 * M_PI);
            }
        cairo_fill(cr);
    }
    free(layer);
    free(last);
}

void chart_group_draw(cairo_t *cr, const GroupChart *c, double w, double h) {
    if (!figtext_box_ok(w, h)) return;
    GrPlan p = gr_plan(cr, c, plan_w(w));
    w = chart_frame(cr, p.total, w, h);
    double gy0 = p.head_h;
    double gy1 = gy0 + GR_ROW_H * (double)p.rows + p.all_h;
    double in = 5; /* inset of each cell's axis */
    /* column headings */
    for (size_t d = 0; d < p.nd; d++) {
        double hh;
        const char *lab = c->dim_labels[d];
        figtext_measure(cr, p.fam, SMALL_SIZE, 1, 0, p.cw - 6, lab, NULL, &hh);
        PangoLayout *l = figtext_layout(cr, p.fam, SMALL_SIZE, 1, 0, p.cw - 6, 1, lab);
        cairo_set_source_rgb(cr, INK);
        cairo_move_to(cr, p.lw + p.cw * (double)d + 3, p.head_h - 4 - hh);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
    }
    /* stripes */
    for (size_t m = 0; m < p.rows + (p.all_h > 0); m++) {
        double ry = gy0 + GR_ROW_H * (double)m;
        double rh = m == p.rows ? GR_ALL_H : GR_ROW_H;
        if (m % 2 == 0 || m == p.rows) {
            cairo_rectangle(cr, 0, ry, w, rh);
            if (m == p.rows) cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
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
    /* members' dots: every dot of a kind one path, filled and outlined
     * once (no two overlap), so that cairo, which records the page whole
     * before writing it, holds a few paths rather than one per dot */
    for (int kind = 0; kind < DOT_KINDS; kind++) {
        int any = 0;
        cairo_new_path(cr);
        for (size_t m = 0; m < p.rows; m++)
            for (size_t d = 0; d < p.nd; d++) {
                const ChartMember *mb = &c->members[p.from + m];
                if (!member_at(mb, d) || gr_kind(mb->t[d], gr_raw(c, d)) != kind) continue;
                double ry = gy0 + GR_ROW_H * (double)m;
                marker_path(cr, SHAPE_CIRCLE, CX(d, mb->t[d]), ry + GR_ROW_H / 2, 3.0);
                any = 1;
            }
        if (any) gr_paint(cr, kind);
    }
    /* members' initials and values */
    for (size_t m = 0; m < p.rows; m++) {
        const ChartMember *mb = &c->members[p.from + m];
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
    /* all members overlaid, with the group mean: the last part's row */
    if (p.all_h > 0) {
        double ry = gy0 + GR_ROW_H * (double)p.rows, cy = ry + GR_ALL_H / 2, lh;
        cairo_set_source_rgb(cr, INK);
        hline(cr, 0, w, ry, 0.6);
        figtext_measure(cr, p.fam, SMALL_SIZE, 1, 0, p.lw - 6, p.all, NULL, &lh);
        figtext_show(cr, p.fam, SMALL_SIZE, 1, 0, p.lw - 6, p.all, 4, cy - lh / 2, 0);
        double *xs = xmalloc((c->n_members ? c->n_members : 1) * sizeof *xs);
        for (size_t d = 0; d < p.nd; d++) {
            double sum = 0;
            size_t n = 0;
            for (size_t m = 0; m < c->n_members; m++) {
                const ChartMember *mb = &c->members[m];
                if (!member_at(mb, d)) continue;
                xs[n++] = CX(d, mb->t[d]);
                sum += mb->t[d];
            }
            gr_overlay_dots(cr, xs, n, cy);
            if (n) {
                cairo_set_source_rgb(cr, ACCENT);
                vline(cr, CX(d, sum / (double)n), cy - 8, cy + 8, 1.0);
            }
        }
        free(xs);
    }
#undef CX
    cairo_set_source_rgb(cr, GREY_TEXT);
    if (p.legend[0]) figtext_show(cr, p.fam, SMALL_SIZE, 0, 0, w, p.legend, 0, gy1 + p.axis_h + 4, 0);
    cairo_restore(cr);
}
