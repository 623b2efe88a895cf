/* scatter.h — the Jacobson–Truax chart of a program's outcomes on one
 * scale: every member a point, the score before the group across, the
 * score after it (or at follow-up) up; the diagonal of no change, the band
 * around it within which a change is not reliable, and the clinical
 * cutoff on both axes. Where a point falls is its classification: beyond
 * the band on the better side is a reliable improvement, and past the
 * cutoff as well is recovery (Jacobson & Truax, 1991, drew their results
 * this way). A panel for after the group and one for follow-up stand side
 * by side.
 *
 * Promises as chart.h: drawing inside the w x h box only, scaled down when
 * the box is smaller than planned; height functions that measure with the
 * drawing's metrics; caller text is plain text; greys and one accent;
 * values that are not finite are missing; pure drawing. */
#ifndef FORMC_SCATTER_H
#define FORMC_SCATTER_H
#include <cairo.h>
#include <stddef.h>

typedef struct ScatterPoint {
    double pre, later;
    int left_early;         /* drawn open, a member who left before the end */
} ScatterPoint;

typedef struct ScatterPanel {
    const char *title;      /* "After the group": above the panel and along its y axis */
    const ScatterPoint *points;
    size_t n;
} ScatterPanel;

/* The words the chart prints, with the English default of each. */
enum {
    SW_PRE,             /* "before the group": the x axis */
    SW_BAND,            /* "no reliable change": the band's legend */
    SW_CUTOFF,          /* "clinical cutoff": the dashed lines' legend */
    SW_COMPLETED,       /* "completed the group": a filled point */
    SW_LEFT,            /* "left early": an open point */
    SW_BETTER_BELOW,    /* "better: below the diagonal" (lower is better) */
    SW_BETTER_ABOVE,    /* "better: above the diagonal" (higher is better) */
    SW_NO_BAND,         /* "no band: reliable change cannot be computed" */
    SW_NO_POINTS,       /* "no scores": an empty panel */
    SCATTER_WORDS
};

#define SCATTER_MAX_PANELS 2

typedef struct ScatterChart {
    const char *family;     /* NULL: "Noto Sans" */
    double min, max;        /* the scale's range (both axes); min >= max:
                               from the data */
    int higher_is_worse;
    int has_band;           /* a change within band of no change is not reliable */
    double band;            /* 1.96 S_diff, in raw score units */
    int has_cutoff;
    double cutoff;
    ScatterPanel panels[SCATTER_MAX_PANELS];
    int npanels;            /* 1 or 2 */
    const char *words[SCATTER_WORDS];   /* NULL: the English words above */
    int decimal_comma;      /* 1: "93,5" in the tick labels */
} ScatterChart;

/* Height in points the chart needs at width w. */
double chart_scatter_height(const ScatterChart *c, double w);
/* Draws the panels with their axes and a legend under them. */
void chart_scatter_draw(cairo_t *cr, const ScatterChart *c, double w, double h);

#endif
