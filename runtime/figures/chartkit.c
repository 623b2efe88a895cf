/* chartkit.c: what the score charts share; see chartkit.h.
 *
 * Promises: the pieces every chart draws alike (markers, rules, legends)
 * and the frame that keeps a chart inside its box. May touch: the cairo_t
 * it is handed and figtext.h's text; no state. */
#include "figures/chartkit.h"
#include "figures/figtext.h"

#include <math.h>

int t_at(const ChartScale *s, int t) {
    return (s->has_t & CHART_BIT(t)) && isfinite(s->t[t]);
}
int raw_at(const ChartScale *s, int t) {
    return (s->has_raw & CHART_BIT(t)) && isfinite(s->raw[t]) &&
           fabs(s->raw[t]) < 1e9;
}
int any_t(const ChartScale *s) {
    return t_at(s, CHART_PRE) || t_at(s, CHART_POST) || t_at(s, CHART_FU);
}
int any_raw(const ChartScale *s) {
    return raw_at(s, CHART_PRE) || raw_at(s, CHART_POST) || raw_at(s, CHART_FU);
}
int cut_ok(const ChartScale *s) {
    return s->has_cutoff && isfinite(s->cutoff) && fabs(s->cutoff) < 1e9;
}
int member_at(const ChartMember *m, size_t d) {
    return d < CHART_MAX_DIMS && (m->has & (1u << d)) && isfinite(m->t[d]);
}

const char *fam_of(const char *family) {
    return family && *family ? family : "Noto Sans";
}

/* Charts are planned at least this wide; a narrower box gets the chart
 * scaled down. */
#define MIN_W 160.0

/* The width a chart is planned at for a box w wide. */
double plan_w(double w) {
    return w > MIN_W ? w : MIN_W;
}

double chart_frame(cairo_t *cr, double total, double box_w, double h) {
    double pw = plan_w(box_w);
    cairo_save(cr);
    figtext_fit_box(cr, pw, total, box_w, h);
    cairo_rectangle(cr, 0, 0, pw, total);
    cairo_clip(cr);
    return pw;
}

void marker_path(cairo_t *cr, int shape, double x, double y, double r) {
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
}

void marker_paint(cairo_t *cr, double fr, double fg, double fb) {
    cairo_set_source_rgb(cr, fr, fg, fb);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, INK);
    cairo_set_line_width(cr, 0.6);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
}

void marker(cairo_t *cr, int shape, double x, double y, double r,
            double fr, double fg, double fb) {
    marker_path(cr, shape, x, y, r);
    marker_paint(cr, fr, fg, fb);
}

const int time_shape[CHART_TIMES] = {SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_TRIANGLE};

void hline(cairo_t *cr, double x0, double x1, double y, double lw) {
    cairo_set_line_width(cr, lw);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_stroke(cr);
}

void vline(cairo_t *cr, double x, double y0, double y1, double lw) {
    cairo_set_line_width(cr, lw);
    cairo_move_to(cr, x, y0);
    cairo_line_to(cr, x, y1);
    cairo_stroke(cr);
}

/* Axis range for T-scores: the given one (when finite, at least 10 wide
 * and within T -50..150), or 20..80 widened to the data in steps of 10 but
 * never beyond T 0..120; scores outside the axis sit on its ends. */
void t_range(double tmin, double tmax, double lo, double hi,
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

/* Lays out legend items left to right from x0, wrapping within width w;
 * draws them when `draw` is set. Returns the height used. */
double legend_flow(cairo_t *cr, const char *fam, const LegendItem *it,
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
