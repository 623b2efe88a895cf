/* chartkit.h: what the score charts of chart.h share (chart_profile.c,
 * chart_change.c, chart_group.c) and nothing else uses: the palette and
 * text sizes, markers and rules, the T-score axis's range, legends, and
 * the frame a chart planned at one width is drawn in. */
#ifndef FORMC_CHARTKIT_H
#define FORMC_CHARTKIT_H
#include "figures/chart.h"

#include <cairo.h>

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

/* Presence tests: the flag is set and the value is a finite number, so a
 * NaN, an infinity or an absurd raw score or cutoff (|x| >= 1e9) counts as
 * missing. t_at: the T-score at time point t; raw_at: the raw score;
 * any_t, any_raw: at some time point; cut_ok: the clinical cutoff;
 * member_at: a member's score on dimension d. */
int t_at(const ChartScale *s, int t);
int raw_at(const ChartScale *s, int t);
int any_t(const ChartScale *s);
int any_raw(const ChartScale *s);
int cut_ok(const ChartScale *s);
int member_at(const ChartMember *m, size_t d);

/* v limited to [a,b] so out-of-range scores sit on the axis ends. */
static inline double clampd(double v, double a, double b) {
    return v < a ? a : v > b ? b : v;
}

/* The caller's font family, or "Noto Sans". */
const char *fam_of(const char *family);

/* The width a chart is planned at for a box w wide: at least MIN_W (a
 * narrower box gets the chart scaled down). */
double plan_w(double w);

/* Starts drawing a chart planned at plan_w(box_w), total high, into a
 * box_w x h box: scaled to fit the box, clipped to the chart. Returns the
 * width it is planned at. End with cairo_restore. */
double chart_frame(cairo_t *cr, double total, double box_w, double h);

enum { SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_TRIANGLE };

/* A marker of `shape` with radius r at (x,y): filled with (fr,fg,fb) and
 * outlined in ink. */
void marker(cairo_t *cr, int shape, double x, double y, double r,
            double fr, double fg, double fb);
/* The same in two steps, for many markers of one kind painted at once:
 * marker_path adds the shape to the current path, marker_paint fills
 * every shape of the path and outlines it, as marker does one. */
void marker_path(cairo_t *cr, int shape, double x, double y, double r);
void marker_paint(cairo_t *cr, double fr, double fg, double fb);

/* The marker shape of each time point (pre, post, follow-up). */
extern const int time_shape[CHART_TIMES];

/* A horizontal (vertical) rule of width lw in the current colour. */
void hline(cairo_t *cr, double x0, double x1, double y, double lw);
void vline(cairo_t *cr, double x, double y0, double y1, double lw);

/* Axis range for T-scores: the given one (when finite, at least 10 wide
 * and within T -50..150), or 20..80 widened to the data in steps of 10 but
 * never beyond T 0..120; scores outside the axis sit on its ends. */
void t_range(double tmin, double tmax, double lo, double hi,
             double *a, double *b);

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
double legend_flow(cairo_t *cr, const char *fam, const LegendItem *it,
                   int n, double x0, double w, int draw);
#endif
