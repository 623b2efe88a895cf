/* diagram.h — formulation diagrams for the case report.
 *
 * Promises:
 *  - Every draw function paints into a cairo_t at (0,0) inside a box of
 *    w x h points (the caller translates) and never marks outside it:
 *    when h is smaller than the figure needs, or w is below 200 pt (the
 *    narrowest width a diagram is laid out at), the figure is scaled down
 *    uniformly to fit. A box that is empty, negative or not finite gets
 *    nothing drawn, and its height is 0.
 *  - Every *_height function returns the height in points the figure needs
 *    at width w for its content; drawing with h equal to that value gives
 *    the natural layout. Measuring and drawing use the same text metrics
 *    (hinting off), so the height does not depend on the target surface.
 *  - Text from the caller is set as plain text (never Pango markup), is
 *    wrapped to its box and shrunk down to a minimum size before the box
 *    grows; it never overflows its box.
 *  - Pure drawing: no file I/O, no global state. Inputs are only read.
 */
#ifndef FORMC_DIAGRAM_H
#define FORMC_DIAGRAM_H

#include <cairo.h>
#include "figures/figtext.h"

/* The four facets of the Cyclical Relational Pattern, in cycle order:
 * each facet leads to the next and the Introject leads back to the
 * Acts of Self. */
enum {
    CRP_ACTS_OF_SELF = 0,
    CRP_EXPECTATIONS_OF_OTHERS = 1,
    CRP_ACTS_OF_OTHERS = 2,
    CRP_INTROJECT = 3,
    CRP_FACETS = 4
};

/* Input for the CRP diagram. Any field may be zero/NULL for its default. */
typedef struct {
    const char *labels[CRP_FACETS]; /* NULL: "Acts of Self", ... */
    const char *texts[CRP_FACETS];  /* the clinician's text; NULL or "":
                                       the box says `missing` */
    const FigSpan *spans[CRP_FACETS]; /* each text's stretches in another */
    int nspans[CRP_FACETS];           /* language than the document's */
    const char *missing;            /* words for a missing text, drawn in
                                       grey italics; NULL: "(not stated)" */
    int labels_only;                /* the boxes hold their labels only:
                                       the texts are printed elsewhere */
    const char *family;             /* NULL: "Noto Sans" */
    double font_size;               /* body text, 0: 9 pt (kept in 4..24) */
    double min_font_size;           /* shrink no further, 0: 7 pt */
} CrpDiagram;

/* Height in points the CRP diagram needs at width w. */
double diagram_crp_height(const CrpDiagram *d, double w);
/* The size in points the CRP diagram sets its texts at, at width w (below
 * font_size where long texts made it shrink): how small a caller may draw
 * the diagram and keep it legible. */
double diagram_crp_text_size(const CrpDiagram *d, double w);

/* Draws the CRP: four rounded boxes in a 2 x 2 arrangement (Acts of Self
 * top left, Expectations of Others top right, Acts of Others bottom
 * right, Introject bottom left) joined clockwise by arrows in the gaps.
 * All four boxes share one font size and one height; given a taller box
 * than diagram_crp_height asked for, the boxes grow to fill it. */
void diagram_crp_draw(cairo_t *cr, const CrpDiagram *d, double w, double h);

/* Input for a triangle heuristic (Triangle of Adaptation: unmet need,
 * affect when frustrated, defense; Triangle of Object Relations: past,
 * current, expected in group). Vertex 0 is the apex, 1 bottom left,
 * 2 bottom right. */
typedef struct {
    const char *title;      /* optional heading above the figure, NULL: none */
    const char *labels[3];  /* vertex names, required (NULL shows "") */
    const char *texts[3];   /* clinician's text; NULL or "": `missing` */
    const FigSpan *spans[3]; /* each text's stretches in another language */
    int nspans[3];           /* than the document's */
    const char *missing;    /* words for a missing text (grey italics);
                               NULL: "(not stated)" */
    int labels_only;        /* the boxes hold their labels only */
    const char *family;     /* NULL: "Noto Sans" */
    double font_size;       /* 0: 9 pt */
    double min_font_size;   /* 0: 7 pt */
} TriangleDiagram;

/* Height in points the triangle diagram needs at width w. */
double diagram_triangle_height(const TriangleDiagram *d, double w);
/* The size in points the triangle diagram sets its texts at, at width w
 * (as diagram_crp_text_size). */
double diagram_triangle_text_size(const TriangleDiagram *d, double w);

/* Draws the triangle with a dot at each vertex and each vertex's name and
 * text in a box beside it, joined to it by a short leader: above the apex,
 * left of the bottom-left vertex, right of the bottom-right vertex. Below
 * about 385 pt wide the two lower boxes sit under their vertices instead,
 * so that they stay wide enough to read. */
void diagram_triangle_draw(cairo_t *cr, const TriangleDiagram *d,
                           double w, double h);

/* Default labels so callers can fill a TriangleDiagram for either
 * heuristic without spelling them out. */
extern const char *const diagram_adaptation_labels[3];
extern const char *const diagram_object_relations_labels[3];
extern const char *const diagram_crp_labels[CRP_FACETS];

#endif
