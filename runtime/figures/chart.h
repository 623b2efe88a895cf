/* chart.h — score charts for the case report and the group summary.
 * Behind it, one file per chart (chart_profile.c, chart_change.c,
 * chart_group.c) and what they share (chartkit.c).
 *
 * Promises:
 *  - Every draw function paints into a cairo_t at (0,0) inside a box of
 *    w x h points (the caller translates) and never marks outside it:
 *    when h is smaller than the chart needs, or w is below 160 pt (the
 *    narrowest width a chart is laid out at), the chart is scaled down
 *    uniformly to fit. A box that is empty, negative or not finite gets
 *    nothing drawn, and its height is 0.
 *  - A value whose presence bit is set but which is NaN or infinite (or a
 *    raw score or cutoff of magnitude 1e9 or more) is treated as missing;
 *    T-scores outside the axis sit on its ends.
 *  - Every *_height function returns the height in points the chart needs
 *    at width w for its content. Measuring and drawing use the same text
 *    metrics (hinting off), independent of the target surface.
 *  - Text from the caller is plain text (never markup), wrapped or
 *    shortened so that it stays inside its cell.
 *  - Print-friendly: greys plus one accent, markers that differ in shape
 *    as well as shade, line widths 0.5-1 pt, text 7-9 pt.
 *  - Pure drawing: no file I/O, no global state. Inputs are only read.
 */
#ifndef FORMC_CHART_H
#define FORMC_CHART_H

#include <cairo.h>
#include <stddef.h>

/* Time points; bit (1u << CHART_xxx) marks presence in the masks below. */
enum { CHART_PRE = 0, CHART_POST = 1, CHART_FU = 2, CHART_TIMES = 3 };
#define CHART_BIT(t) (1u << (t))

/* One scale of one patient across time points. */
typedef struct {
    const char *label;      /* e.g. "Self-oriented (HF-MPS)" */
    const char *label_lang; /* the language label is written in when it is
                               not the document's, else NULL (figtext_lang) */
    double raw[CHART_TIMES];/* raw scores */
    unsigned has_raw;       /* CHART_BIT(t) when raw[t] is present */
    double t[CHART_TIMES];  /* T-scores (mean 50, SD 10) */
    unsigned has_t;         /* CHART_BIT(t) when t[t] is present */
    int has_norm;           /* 0: no published norm; the profile names the
                               scale under its axis, with PW_NO_NORM */
    unsigned reliable;      /* CHART_BIT(CHART_POST / CHART_FU): change
                               from pre is reliable (RCI) */
    unsigned improved;      /* of those, the ones that are improvements */
    unsigned computable;    /* CHART_BIT(t): the change from pre to t can be
                               judged (the scale has the figures for it) */
    double cutoff;          /* clinical-significance cutoff (raw) */
    int has_cutoff;
    int higher_is_worse;    /* 1: lower is better; 0: higher is better */
    double range_min, range_max; /* possible raw range for the y axis */
    int has_range;          /* 0: y axis from the data and the cutoff */
} ChartScale;

/* The words a profile chart prints, with the English default of each. */
enum {
    PW_AXIS,        /* "T-score": the axis caption */
    PW_BAND,        /* "norm band T 40-60 (mean ± 1 SD), line at T 50": legend */
    PW_NO_NORM,     /* "no published norm in the library": beside the
                       names of the scales without a norm, under the axis */
    PW_NO_SCORE,    /* "no T-scores recorded": a row with a norm but no T-score */
    PROFILE_WORDS
};

/* The words a change chart prints, with the English default of each. */
enum {
    CW_RELIABLE,      /* "filled: reliable change from pre (RCI)": legend */
    CW_NOT_RELIABLE,  /* "open: not reliable": legend */
    CW_CUTOFF_KEY,    /* "clinical cutoff": legend */
    CW_CUTOFF,        /* "cutoff": beside a panel's dashed line */
    CW_BETTER,        /* "reliably better at": before the time points, */
    CW_WORSE,         /* "reliably worse at": in a panel's note */
    CW_AND,           /* "and": between two time points in that note */
    CW_NO_CHANGE,     /* "no reliable change" */
    CW_LOWER_BETTER,  /* "lower is better": under a panel's title */
    CW_HIGHER_BETTER, /* "higher is better" */
    CW_NO_SCORES,     /* "no scores recorded": an empty panel */
    CW_NOT_COMPUTABLE,/* "reliable change not computable": the note of a
                         panel whose change cannot be judged ("": none) */
    CHANGE_WORDS
};

/* Profile chart: one row per scale on a common T-score axis. */
typedef struct {
    const ChartScale *scales;
    size_t n;
    const char *family;     /* NULL: "Noto Sans" */
    double t_min, t_max;    /* axis; 0,0 (or a range under 10 wide or
                               outside -50..150): 20..80 widened to the
                               data, within 0..120 */
    const char *time_labels[CHART_TIMES]; /* NULL: "Pre", "Post", "Follow-up" */
    const char *words[PROFILE_WORDS]; /* NULL: the English words below */
} ProfileChart;

/* Height in points the profile chart needs at width w. */
double chart_profile_height(const ProfileChart *c, double w);
/* The T axis the chart draws: t_min..t_max when given, else 20..80
 * widened to its scores (so charts of a part of the scales each can be
 * given the axis of all of them). */
void chart_profile_axis(const ProfileChart *c, double *t_min, double *t_max);
/* Draws rows of pre/post/follow-up markers against the shaded norm band
 * (T 40-60) with a line at T 50, an axis and a legend: a row for each
 * scale with a norm; the scales without one are named together under the
 * axis (only that, when no scale has a norm). */
void chart_profile_draw(cairo_t *cr, const ProfileChart *c, double w, double h);

/* Change chart: a grid of small panels, one per scale, raw score over
 * pre -> post -> follow-up. */
typedef struct {
    const ChartScale *scales;
    size_t n;
    const char *family;     /* NULL: "Noto Sans" */
    int columns;            /* panels per row, 0: from the width (1-4, no
                               more than there are panels); at most 64 rows
                               of panels are drawn */
    const char *time_labels[CHART_TIMES]; /* NULL: "Pre", "Post", "FU" */
    const char *words[CHANGE_WORDS]; /* NULL: the English words above */
    int decimal_comma;      /* 1: "93,3" rather than "93.3" */
} ChangeChart;

/* Height in points the change chart needs at width w. */
double chart_change_height(const ChangeChart *c, double w);
/* Panels per row at width w. */
int chart_change_columns(const ChangeChart *c, double w);
/* Draws each panel: points joined by lines (missing points skipped), the
 * cutoff as a labelled dashed line, reliable changes as filled markers
 * with a note under the panel ("reliably better at Post and FU",
 * "reliably worse at FU", "no reliable change"), and the direction note
 * ("lower is better" / "higher is better"). Marker shapes follow the time
 * point as in the profile chart. */
void chart_change_draw(cairo_t *cr, const ChangeChart *c, double w, double h);

/* Group composition: every member's T-score profile on one grid. */
#define CHART_MAX_DIMS 12
typedef struct {
    const char *initials;          /* e.g. "J.M." */
    double t[CHART_MAX_DIMS];      /* T-score per dimension (the raw score
                                      on a raw dimension, see raw_dims) */
    unsigned has;                  /* bit d set when t[d] is present */
} ChartMember;

typedef struct {
    const char *const *dim_labels; /* n_dims column headings */
    size_t n_dims;                 /* at most CHART_MAX_DIMS */
    const ChartMember *members;
    size_t n_members;
    const char *family;            /* NULL: "Noto Sans" */
    double t_min, t_max;           /* as in ProfileChart */
    unsigned raw_dims;             /* bit d: dimension d has no norm; its
                                      values are raw scores placed on
                                      raw_min[d]..raw_max[d] (the data's
                                      range when that is not a range), with
                                      no norm band and grey dots */
    double raw_min[CHART_MAX_DIMS], raw_max[CHART_MAX_DIMS];
    const char *legend;            /* NULL: the English legend; "": none */
    const char *all_label;         /* NULL: "All members" */
    size_t from, rows;             /* the part drawn: the rows of members
                                      from .. from + rows - 1 (rows 0: every
                                      member); the axes and the initials'
                                      column are the whole group's, so that
                                      the parts line up page after page */
    int more;                      /* a part that others follow: no last
                                      row (the overlay is the last part's) */
} GroupChart;

/* Height in points the group chart (or its part) needs at width w. */
double chart_group_height(const GroupChart *c, double w);
/* How many member rows a part of the chart may hold, its last row and
 * axis included, to be at most h high at width w (0: not one). */
size_t chart_group_rows_within(const GroupChart *c, double w, double h);
/* Draws a matrix: one row per member (initials at left), one column per
 * dimension; each cell is a small T axis with the norm band (a raw axis
 * without it on a raw dimension) and the member's dot and value; a last
 * row overlays all members' dots per dimension with a bar at the group
 * mean; a legend explains the shading. A part (from, rows, more) draws
 * its rows under the same headings and axes. */
void chart_group_draw(cairo_t *cr, const GroupChart *c, double w, double h);

#endif
