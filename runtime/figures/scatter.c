/* scatter.c — the Jacobson–Truax chart (see scatter.h). Planned from the
 * width with text metrics that do not depend on the surface; the height
 * and draw functions share the plan. */
#include "figures/scatter.h"
#include <math.h>
#include <stdio.h>
#include "figures/figtext.h"

#define INK 0.13, 0.13, 0.13
#define GREY_TEXT 0.38, 0.38, 0.38
#define GRID 0.85, 0.85, 0.85
#define BAND 0.88, 0.88, 0.88
#define MID 0.55, 0.55, 0.55
#define ACCENT 0.17, 0.35, 0.53

#define LABEL_SIZE 8.0
#define SMALL_SIZE 7.0
#define MIN_W 200.0          /* planned at least this wide */
#define PANEL_MAX 230.0      /* a panel is at most this wide */
#define GAP 18.0             /* between panels */
#define LEFT 22.0            /* the y tick labels */
#define RIGHT 8.0            /* half the last x tick label */
#define DOT 2.3

static const char *const defaults[SCATTER_WORDS] = {
    [SW_PRE] = "before the group",
    [SW_BAND] = "no reliable change",
    [SW_CUTOFF] = "clinical cutoff",
    [SW_COMPLETED] = "completed the group",
    [SW_LEFT] = "left early",
    [SW_BETTER_BELOW] = "better: below the diagonal",
    [SW_BETTER_ABOVE] = "better: above the diagonal",
    [SW_NO_BAND] = "no band: reliable change cannot be computed on this scale",
    [SW_NO_POINTS] = "no scores",
};

static const char *word(const ScatterChart *c, int k) { return c->words[k] ? c->words[k] : defaults[k]; }
static const char *fam(const ScatterChart *c) { return c->family && *c->family ? c->family : "Noto Sans"; }
static int ok(double v) { return isfinite(v) && fabs(v) < 1e9; }

/* The plan: where everything goes at plan width pw. */
typedef struct Plan {
    double pw, panel_w, side, x0;   /* plan width, a panel's width, the plot's side, first panel's left */
    double title_h, tick_h, caption_h, legend_h;
    double a, b, step;              /* the axes' range and tick step */
    int np;
} Plan;

/* The axes' range: the scale's, else the data's (and the cutoff) with a margin. */
static void axis_range(const ScatterChart *c, Plan *p) {
    if (ok(c->min) && ok(c->max) && c->max > c->min) {
        p->a = c->min;
        p->b = c->max;
    } else {
        double lo = INFINITY, hi = -INFINITY;
        for (int k = 0; k < p->np; k++)
            for (size_t i = 0; i < c->panels[k].n; i++) {
                const ScatterPoint *q = &c->panels[k].points[i];
                if (ok(q->pre)) { lo = fmin(lo, q->pre); hi = fmax(hi, q->pre); }
                if (ok(q->later)) { lo = fmin(lo, q->later); hi = fmax(hi, q->later); }
            }
        if (c->has_cutoff && ok(c->cutoff)) { lo = fmin(lo, c->cutoff); hi = fmax(hi, c->cutoff); }
        if (!(hi >= lo)) { lo = 0; hi = 1; }
        double pad = hi > lo ? (hi - lo) * 0.08 : 1;
        p->a = lo - pad;
        p->b = hi + pad;
    }
    p->step = figtext_nice_step(p->b - p->a);
}

/* Legend entries, in order: the band (or the note that there is none),
 * the cutoff, the two kinds of point. */
static double legend(cairo_t *cr, const ScatterChart *c, const Plan *p, double y, int draw);

static Plan plan(cairo_t *cr, const ScatterChart *c, double w) {
    Plan p = { 0 };
    p.np = c->npanels < 1 ? 1 : c->npanels > SCATTER_MAX_PANELS ? SCATTER_MAX_PANELS : c->npanels;
    p.pw = w > MIN_W ? w : MIN_W;
    p.panel_w = (p.pw - GAP * (p.np - 1)) / p.np;
    if (p.panel_w > PANEL_MAX) p.panel_w = PANEL_MAX;
    p.side = p.panel_w - LEFT - RIGHT;
    p.x0 = (p.pw - (p.panel_w * p.np + GAP * (p.np - 1))) / 2;
    double h;
    /* the panels' titles, wrapped over the plot's width */
    for (int k = 0; k < p.np; k++) {
        figtext_measure(cr, fam(c), LABEL_SIZE, 1, 0, p.side, c->panels[k].title, NULL, &h);
        if (h + 3 > p.title_h) p.title_h = h + 3;
    }
    figtext_measure(cr, fam(c), SMALL_SIZE, 0, 0, 0, "0", NULL, &h);
    p.tick_h = h + 2;
    figtext_measure(cr, fam(c), SMALL_SIZE, 0, 1, p.side, word(c, SW_PRE), NULL, &h);
    p.caption_h = h + 2;
    axis_range(c, &p);
    p.legend_h = legend(cr, c, &p, 0, 0);
    return p;
}

static double px(const Plan *p, double left, double v) { return left + (v - p->a) / (p->b - p->a) * p->side; }
static double py(const Plan *p, double top, double v) { return top + p->side - (v - p->a) / (p->b - p->a) * p->side; }
static double clampd(double v, double a, double b) { return v < a ? a : v > b ? b : v; }

static void dot(cairo_t *cr, double x, double y, int open, int many) {
    cairo_new_path(cr);
    cairo_arc(cr, x, y, DOT, 0, 2 * M_PI);
    if (open) cairo_set_source_rgb(cr, 1, 1, 1);
    else cairo_set_source_rgba(cr, ACCENT, many ? 0.7 : 1.0);
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 0.6);
    if (open) cairo_set_source_rgb(cr, MID);
    else cairo_set_source_rgb(cr, INK);
    cairo_stroke(cr);
}

static void dashed(cairo_t *cr, double x0, double y0, double x1, double y1) {
    static const double dash[] = { 3, 2 };
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 0.8);
    cairo_set_source_rgb(cr, INK);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

/* One panel with its top-left at (x, y). */
static void panel(cairo_t *cr, const ScatterChart *c, const Plan *p, const ScatterPanel *sp, double x, double y) {
    const char *f = fam(c);
    cairo_set_source_rgb(cr, INK);
    figtext_show(cr, f, LABEL_SIZE, 1, 0, p->side, sp->title, x + LEFT, y, 0);
    double left = x + LEFT, top = y + p->title_h;
    /* the frame, the grid and the ticks */
    cairo_set_source_rgb(cr, GRID);
    cairo_set_line_width(cr, 0.4);
    char buf[32];
    for (double t = ceil(p->a / p->step - 1e-9) * p->step; t <= p->b + 1e-9; t += p->step) {
        cairo_move_to(cr, px(p, left, t), top);
        cairo_line_to(cr, px(p, left, t), top + p->side);
        cairo_move_to(cr, left, py(p, top, t));
        cairo_line_to(cr, left + p->side, py(p, top, t));
    }
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, GREY_TEXT);
    for (double t = ceil(p->a / p->step - 1e-9) * p->step; t <= p->b + 1e-9; t += p->step) {
        figtext_number(buf, sizeof buf, t, c->decimal_comma);
        figtext_show(cr, f, SMALL_SIZE, 0, 0, 0, buf, px(p, left, t), top + p->side + 2, 1);
        figtext_show(cr, f, SMALL_SIZE, 0, 0, 0, buf, left - 3, py(p, top, t) - p->tick_h / 2, 2);
    }
    double cw;
    figtext_measure(cr, f, SMALL_SIZE, 0, 1, 0, word(c, SW_PRE), &cw, NULL);
    if (cw <= p->side) figtext_show(cr, f, SMALL_SIZE, 0, 1, 0, word(c, SW_PRE), left + p->side / 2,
                                    top + p->side + p->tick_h + 1, 1);
    else figtext_show(cr, f, SMALL_SIZE, 0, 1, p->side, word(c, SW_PRE), left, top + p->side + p->tick_h + 1, 0);
    /* everything inside the plot is clipped to it */
    cairo_save(cr);
    cairo_rectangle(cr, left, top, p->side, p->side);
    cairo_clip(cr);
    if (c->has_band && ok(c->band) && c->band > 0) {
        cairo_set_source_rgb(cr, BAND);
        cairo_move_to(cr, px(p, left, p->a), py(p, top, p->a - c->band));
        cairo_line_to(cr, px(p, left, p->b), py(p, top, p->b - c->band));
        cairo_line_to(cr, px(p, left, p->b), py(p, top, p->b + c->band));
        cairo_line_to(cr, px(p, left, p->a), py(p, top, p->a + c->band));
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, MID);
    cairo_set_line_width(cr, 0.7);
    cairo_move_to(cr, px(p, left, p->a), py(p, top, p->a));
    cairo_line_to(cr, px(p, left, p->b), py(p, top, p->b));
    cairo_stroke(cr);
    if (c->has_cutoff && ok(c->cutoff) && c->cutoff > p->a && c->cutoff < p->b) {
        dashed(cr, px(p, left, c->cutoff), top, px(p, left, c->cutoff), top + p->side);
        dashed(cr, left, py(p, top, c->cutoff), left + p->side, py(p, top, c->cutoff));
    }
    int many = sp->n > 40;
    for (int pass = 0; pass < 2; pass++)           /* members who left first, under the others */
        for (size_t i = 0; i < sp->n; i++) {
            const ScatterPoint *q = &sp->points[i];
            if (!ok(q->pre) || !ok(q->later) || (q->left_early != 0) != (pass == 0)) continue;
            dot(cr, px(p, left, clampd(q->pre, p->a, p->b)), py(p, top, clampd(q->later, p->a, p->b)),
                q->left_early, many);
        }
    cairo_restore(cr);
    cairo_set_source_rgb(cr, INK);
    cairo_set_line_width(cr, 0.6);
    cairo_rectangle(cr, left, top, p->side, p->side);
    cairo_stroke(cr);
    if (!sp->n) {
        cairo_set_source_rgb(cr, GREY_TEXT);
        figtext_show(cr, f, SMALL_SIZE, 0, 1, 0, word(c, SW_NO_POINTS), left + p->side / 2, top + p->side / 2 - 4, 1);
    }
}

/* A legend key at (x, y): 0 band swatch, 1 dashed line, 2 filled dot, 3 open dot. */
static void key(cairo_t *cr, int kind, double x, double y) {
    switch (kind) {
    case 0:
        cairo_set_source_rgb(cr, BAND);
        cairo_rectangle(cr, x, y - 3.5, 12, 7);
        cairo_fill(cr);
        break;
    case 1: dashed(cr, x, y, x + 12, y); break;
    default: dot(cr, x + 6, y, kind == 3, 0); break;
    }
}

static double legend(cairo_t *cr, const ScatterChart *c, const Plan *p, double y0, int draw) {
    const char *f = fam(c);
    int kinds[4], n = 0;
    const char *texts[4];
    if (c->has_band && ok(c->band) && c->band > 0) { kinds[n] = 0; texts[n++] = word(c, SW_BAND); }
    if (c->has_cutoff && ok(c->cutoff)) { kinds[n] = 1; texts[n++] = word(c, SW_CUTOFF); }
    kinds[n] = 2; texts[n++] = word(c, SW_COMPLETED);
    int any_left = 0;
    for (int k = 0; k < p->np; k++)
        for (size_t i = 0; i < c->panels[k].n; i++) any_left |= c->panels[k].points[i].left_early;
    if (any_left) { kinds[n] = 3; texts[n++] = word(c, SW_LEFT); }
    /* under the panels, from the first one's left edge */
    double left = p->x0, right = p->pw - p->x0, x = left, y = y0, lh, tw;
    figtext_measure(cr, f, SMALL_SIZE, 0, 0, 0, "Ag", NULL, &lh);
    for (int i = 0; i < n; i++) {
        figtext_measure(cr, f, SMALL_SIZE, 0, 0, 0, texts[i], &tw, NULL);
        if (x > left && x + 16 + tw > right) { x = left; y += lh + 2; }
        if (draw) {
            key(cr, kinds[i], x, y + lh / 2);
            cairo_set_source_rgb(cr, INK);
            figtext_show(cr, f, SMALL_SIZE, 0, 0, 0, texts[i], x + 16, y, 0);
        }
        x += 16 + tw + 12;
    }
    y += lh + 3;
    const char *note = c->has_band && ok(c->band) && c->band > 0
                       ? word(c, c->higher_is_worse ? SW_BETTER_BELOW : SW_BETTER_ABOVE) : word(c, SW_NO_BAND);
    double nh;
    figtext_measure(cr, f, SMALL_SIZE, 0, 1, right - left, note, NULL, &nh);
    if (draw) {
        cairo_set_source_rgb(cr, GREY_TEXT);
        figtext_show(cr, f, SMALL_SIZE, 0, 1, right - left, note, left, y, 0);
    }
    return y + nh - y0;
}

static double natural(const Plan *p) {
    return p->title_h + p->side + p->tick_h + p->caption_h + 8 + p->legend_h;
}

static double scatter_natural(cairo_t *cr, const void *c, double pw) {
    Plan p = plan(cr, c, pw);
    return natural(&p);
}

double chart_scatter_height(const ScatterChart *c, double w) {
    return figtext_height(scatter_natural, c, w > MIN_W ? w : MIN_W, w);
}

void chart_scatter_draw(cairo_t *cr, const ScatterChart *c, double w, double h) {
    if (!figtext_box_ok(w, h)) return;
    Plan p = plan(cr, c, w);
    cairo_save(cr);
    figtext_fit_box(cr, p.pw, natural(&p), w, h);
    for (int k = 0; k < p.np; k++) panel(cr, c, &p, &c->panels[k], p.x0 + k * (p.panel_w + GAP), 0);
    legend(cr, c, &p, p.title_h + p.side + p.tick_h + p.caption_h + 8, 1);
    cairo_restore(cr);
}
