/* diagram.c — formulation diagrams: the Cyclical Relational Pattern and
 * the two triangle heuristics (see diagram.h for the promises).
 *
 * Each figure is computed as a plan (font size, box sizes, positions)
 * from the width and the text, using a text context whose metrics do not
 * depend on the target surface; the height functions and the draw
 * functions share that plan, so what was measured is what is drawn. */
#include "figures/diagram.h"
#include "figures/figtext.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

const char *const diagram_crp_labels[CRP_FACETS] = {
    "Acts of Self", "Expectations of Others", "Acts of Others", "Introject"};
const char *const diagram_adaptation_labels[3] = {
    "Unmet need", "Affect when frustrated", "Defense"};
const char *const diagram_object_relations_labels[3] = {
    "Past relationships", "Current relationships", "Expected in the group"};

/* Palette: greys plus one muted blue accent (prints as a mid grey). */
#define INK 0.13, 0.13, 0.13
#define GREY_TEXT 0.40, 0.40, 0.40
#define BOX_FILL 0.955, 0.955, 0.955
#define BOX_LINE 0.35, 0.35, 0.35
#define ACCENT 0.17, 0.35, 0.53

#define PAD 6.0          /* inner padding of text boxes */
#define LABEL_GAP 2.5    /* between a box's label and its text */
#define FONT_STEP 0.25   /* font shrink step */
#define NOT_STATED "(not stated)"


/* Logical height of a layout in points. */
static double layout_h(PangoLayout *lay) {
    int wi, hi;
    pango_layout_get_size(lay, &wi, &hi);
    return (double)hi / PANGO_SCALE;
}

static int is_blank(const char *s) {
    if (!s) return 1;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 0;
    return 1;
}

/* A labelled text box: bold label on top, body text below; the body is
 * the text, or the words for a missing one in grey italics, or nothing
 * when the box holds its label only. */
typedef struct {
    const char *label, *text, *missing, *family;
    int labels_only;
    const FigSpan *spans;   /* the text's stretches in another language */
    int nspans;
} TextBox;

/* The box's body (NULL: none) and whether it is the missing words. */
static const char *box_body(const TextBox *b, int *missing) {
    *missing = 0;
    if (b->labels_only) return NULL;
    if (!is_blank(b->text)) return b->text;
    *missing = 1;
    return b->missing ? b->missing : NOT_STATED;
}

/* Height of a labelled text box of width bw at body size f. */
static double box_height(cairo_t *cr, const TextBox *b, double bw, double f) {
    double inner = bw - 2 * PAD;
    double h = 2 * PAD;
    if (!is_blank(b->label)) {
        PangoLayout *l = figtext_layout(cr, b->family, f + 0.5, 1, 0, inner, 0, b->label);
        h += layout_h(l) + LABEL_GAP;
        g_object_unref(l);
    }
    int missing;
    const char *body = box_body(b, &missing);
    if (!body) return h - LABEL_GAP;
    PangoLayout *t = figtext_layout(cr, b->family, f, 0, missing, inner, 0, body);
    h += layout_h(t);
    g_object_unref(t);
    return h;
}

/* Path of a rectangle with rounded corners of radius r. */
static void rounded_rect(cairo_t *cr, double x, double y, double w, double h,
                         double r) {
    if (r > w / 2) r = w / 2;
    if (r > h / 2) r = h / 2;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
}

/* Draws a labelled text box at (x,y) of size bw x bh with body size f;
 * the text is clipped to the box as a last guard. */
static void box_draw(cairo_t *cr, const TextBox *b, double x, double y,
                     double bw, double bh, double f) {
    cairo_save(cr);
    rounded_rect(cr, x, y, bw, bh, 5);
    cairo_set_source_rgb(cr, BOX_FILL);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, BOX_LINE);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    cairo_rectangle(cr, x, y, bw, bh);
    cairo_clip(cr);
    double inner = bw - 2 * PAD, ty = y + PAD;
    if (!is_blank(b->label)) {
        /* a label alone sits in the middle */
        PangoLayout *l = figtext_layout(cr, b->family, f + 0.5, 1, 0, inner, b->labels_only,
                                        b->label);
        if (b->labels_only) ty = y + (bh - layout_h(l)) / 2;
        cairo_set_source_rgb(cr, INK);
        cairo_move_to(cr, x + PAD, ty);
        pango_cairo_show_layout(cr, l);
        ty += layout_h(l) + LABEL_GAP;
        g_object_unref(l);
    }
    int missing;
    const char *body = box_body(b, &missing);
    if (!body) {
        cairo_restore(cr);
        return;
    }
    PangoLayout *t = figtext_layout(cr, b->family, f, 0, missing, inner, 0, body);
    if (missing) cairo_set_source_rgb(cr, GREY_TEXT);
    else cairo_set_source_rgb(cr, INK);
    cairo_move_to(cr, x + PAD, ty);
    figtext_show_spans(cr, t, body, b->spans, missing ? 0 : b->nspans);
    g_object_unref(t);
    cairo_restore(cr);
}

/* A straight arrow from (x0,y0) to (x1,y1) with a filled head at the end. */
static void arrow(cairo_t *cr, double x0, double y0, double x1, double y1,
                  double lw, double head) {
    double dx = x1 - x0, dy = y1 - y0, len = hypot(dx, dy);
    if (len < 1e-6) return;
    double ux = dx / len, uy = dy / len;
    double bx = x1 - ux * head, by = y1 - uy * head;
    cairo_set_line_width(cr, lw);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, bx + ux * 0.5, by + uy * 0.5);
    cairo_stroke(cr);
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, bx - uy * head * 0.45, by + ux * head * 0.45);
    cairo_line_to(cr, bx + uy * head * 0.45, by - ux * head * 0.45);
    cairo_close_path(cr);
    cairo_fill(cr);
}

/* Resolved font settings shared by both diagrams: sizes default to 9 and
 * 7 pt and are kept within 4..24 pt. */
static double font_clamp(double v, double dflt) {
    if (!(isfinite(v) && v > 0)) return dflt;
    return v < 4 ? 4 : v > 24 ? 24 : v;
}

static void font_defaults(const char *family, double size, double min,
                          const char **fam, double *hi, double *lo) {
    *fam = family && *family ? family : "Noto Sans";
    *hi = font_clamp(size, 9.0);
    *lo = font_clamp(min, 7.0);
    if (*lo > *hi) *lo = *hi;
}

/* Diagrams are planned at least this wide; a narrower box gets the figure
 * scaled down. */
#define MIN_W 200.0

static double plan_w(double w) {
    return w > MIN_W ? w : MIN_W;
}


/* ---- Cyclical Relational Pattern ------------------------------------ */

typedef struct {
    TextBox box[CRP_FACETS];
    double font, gap, bw, row, total;
} CrpPlan;

/* Nominal box height at width w: boxes shrink their font to stay within
 * it and grow past it only at the minimum font size. */
static double crp_nominal_row(double bw) {
    double r = bw * 0.42;
    return r < 60 ? 60 : r > 110 ? 110 : r;
}

/* Boxes are never lower than this: a box holding its label only is
 * lower than one with text. */
static double crp_min_row(const CrpDiagram *d) {
    return d->labels_only ? 30.0 : 44.0;
}

static double crp_gap(double w) {
    double g = w * 0.07;
    return g < 22 ? 22 : g > 34 ? 34 : g;
}

/* Plans the CRP at width w: the font shrinks until every box fits in
 * `nominal` points, then boxes grow; rows are at least `floor` high. */
static CrpPlan crp_plan(cairo_t *cr, const CrpDiagram *d, double w,
                        double nominal, double floor_h) {
    CrpPlan p = {0};
    const char *fam;
    double fmax, fmin;
    font_defaults(d->family, d->font_size, d->min_font_size, &fam, &fmax, &fmin);
    for (int i = 0; i < CRP_FACETS; i++) {
        p.box[i].label = d->labels[i] ? d->labels[i] : diagram_crp_labels[i];
        p.box[i].text = d->texts[i];
        p.box[i].spans = d->spans[i];
        p.box[i].nspans = d->nspans[i];
        p.box[i].missing = d->missing;
        p.box[i].labels_only = d->labels_only;
        p.box[i].family = fam;
    }
    p.gap = crp_gap(w);
    p.bw = (w - p.gap) / 2;
    if (p.bw < 20) p.bw = 20;
    double need = 0;
    for (double f = fmax; f >= fmin - 1e-9; f -= FONT_STEP) {
        need = 0;
        for (int i = 0; i < CRP_FACETS; i++) {
            double bh = box_height(cr, &p.box[i], p.bw, f);
            if (bh > need) need = bh;
        }
        p.font = f;
        if (need <= nominal) break;
    }
    p.row = need > floor_h ? need : floor_h;
    p.total = 2 * p.row + p.gap;
    return p;
}

static double crp_natural(cairo_t *cr, const void *d, double pw) {
    return crp_plan(cr, d, pw, crp_nominal_row((pw - crp_gap(pw)) / 2), crp_min_row(d)).total;
}

double diagram_crp_height(const CrpDiagram *d, double w) {
    return figtext_height(crp_natural, d, plan_w(w), w);
}

static double crp_font(cairo_t *cr, const void *d, double pw) {
    return crp_plan(cr, d, pw, crp_nominal_row((pw - crp_gap(pw)) / 2), crp_min_row(d)).font;
}

/* The text size a plan sets at width w: its font, scaled as the diagram
 * is when w is below the width it is planned at. */
static double text_size(double (*font)(cairo_t *cr, const void *d, double pw), const void *d, double w) {
    if (!(isfinite(w) && w > 0)) return 0;
    cairo_t *cr = figtext_scratch();
    double pw = plan_w(w), f = font(cr, d, pw);
    cairo_destroy(cr);
    return pw > w ? f * w / pw : f;
}

double diagram_crp_text_size(const CrpDiagram *d, double w) { return text_size(crp_font, d, w); }

void diagram_crp_draw(cairo_t *cr, const CrpDiagram *d, double w, double h) {
    if (!figtext_box_ok(w, h)) return;
    double pw = plan_w(w), gap = crp_gap(pw);
    double nominal = crp_nominal_row((pw - gap) / 2);
    double avail = (h * pw / w - gap) / 2; /* rows may fill a taller box */
    if (avail > nominal) nominal = avail;
    CrpPlan p = crp_plan(cr, d, pw, nominal, avail > crp_min_row(d) ? avail : crp_min_row(d));
    cairo_save(cr);
    figtext_fit_box(cr, pw, p.total, w, h);
    double bw = p.bw, row = p.row, g = p.gap;
    /* positions in cycle order: TL, TR, BR, BL */
    const double bx[CRP_FACETS] = {0, bw + g, bw + g, 0};
    const double by[CRP_FACETS] = {0, 0, row + g, row + g};
    for (int i = 0; i < CRP_FACETS; i++)
        box_draw(cr, &p.box[i], bx[i], by[i], bw, row, p.font);
    /* clockwise arrows in the gaps, each centred on its gap */
    double m = 3.5, head = g < 26 ? 6.5 : 7.5;
    cairo_set_source_rgb(cr, ACCENT);
    arrow(cr, bw + m, row / 2, bw + g - m, row / 2, 1.2, head);
    arrow(cr, bw + g + bw / 2, row + m, bw + g + bw / 2, row + g - m, 1.2, head);
    arrow(cr, bw + g - m, row + g + row / 2, bw + m, row + g + row / 2, 1.2, head);
    arrow(cr, bw / 2, row + g - m, bw / 2, row + m, 1.2, head);
    cairo_restore(cr);
}

/* ---- Triangles -------------------------------------------------------- */

typedef struct {
    TextBox box[3];
    const char *title, *family;
    double font, title_h;
    double tw, th;              /* triangle side and height */
    double ax, ay, base_y;      /* apex and base line */
    double w0, h0, x0, y0;      /* apex box */
    double ws, hs, ys;          /* side boxes (same size) */
    double xl, xr;              /* left edge of left and right side boxes */
    int below;                  /* narrow: side boxes under the base */
    double total;
} TriPlan;

#define TRI_GAP 12.0   /* from a vertex to its box */
#define TITLE_SIZE 10.0

static TriPlan tri_plan(cairo_t *cr, const TriangleDiagram *d, double w) {
    TriPlan p = {0};
    double fmax, fmin;
    font_defaults(d->family, d->font_size, d->min_font_size, &p.family, &fmax, &fmin);
    for (int i = 0; i < 3; i++) {
        p.box[i].label = d->labels[i] ? d->labels[i] : "";
        p.box[i].text = d->texts[i];
        p.box[i].spans = d->spans[i];
        p.box[i].nspans = d->nspans[i];
        p.box[i].missing = d->missing;
        p.box[i].labels_only = d->labels_only;
        p.box[i].family = p.family;
    }
    p.title = is_blank(d->title) ? NULL : d->title;
    p.title_h = 0;
    if (p.title) {
        PangoLayout *l = figtext_layout(cr, p.family, TITLE_SIZE, 1, 0, w, 0, p.title);
        p.title_h = layout_h(l) + 6;
        g_object_unref(l);
    }
    p.tw = w * 0.26;
    if (p.tw < 70) p.tw = 70;
    if (p.tw > 150) p.tw = 150;
    p.th = p.tw * sqrt(3.0) / 2;
    p.w0 = w * 0.56;
    if (p.w0 < p.tw + 40) p.w0 = p.tw + 40;
    if (p.w0 > w) p.w0 = w;
    p.ws = (w - p.tw) / 2 - TRI_GAP;
    /* when boxes beside the base would be narrow, put them under it */
    p.below = p.ws < 130;
    if (p.below) {
        p.tw = w * 0.5 > 150 ? 150 : w * 0.5;
        p.th = p.tw * sqrt(3.0) / 2;
        p.ws = (w - TRI_GAP) / 2;
        p.w0 = w * 0.8;
    }
    /* shrink the font until the apex box fits under ~0.7 of the triangle
     * height and the side boxes within ~1.3 of it */
    double nom0 = p.th * 0.7 < 50 ? 50 : p.th * 0.7;
    double noms = p.th * 1.3 < 70 ? 70 : p.th * 1.3;
    for (double f = fmax; f >= fmin - 1e-9; f -= FONT_STEP) {
        p.font = f;
        p.h0 = box_height(cr, &p.box[0], p.w0, f);
        double h1 = box_height(cr, &p.box[1], p.ws, f);
        double h2 = box_height(cr, &p.box[2], p.ws, f);
        p.hs = h1 > h2 ? h1 : h2;
        if (p.h0 <= nom0 && p.hs <= noms) break;
    }
    p.x0 = (w - p.w0) / 2;
    p.y0 = p.title_h;
    p.ax = w / 2;
    p.ay = p.y0 + p.h0 + TRI_GAP;
    p.base_y = p.ay + p.th;
    p.xl = 0;
    p.xr = w - p.ws;
    p.ys = p.base_y - p.hs / 2;
    if (p.ys < p.y0 + p.h0 + TRI_GAP) p.ys = p.y0 + p.h0 + TRI_GAP;
    if (p.below) p.ys = p.base_y + TRI_GAP;
    p.total = p.base_y + 4;
    if (p.ys + p.hs > p.total) p.total = p.ys + p.hs;
    return p;
}

static double tri_natural(cairo_t *cr, const void *d, double pw) { return tri_plan(cr, d, pw).total; }

double diagram_triangle_height(const TriangleDiagram *d, double w) {
    return figtext_height(tri_natural, d, plan_w(w), w);
}

static double tri_font(cairo_t *cr, const void *d, double pw) { return tri_plan(cr, d, pw).font; }

double diagram_triangle_text_size(const TriangleDiagram *d, double w) { return text_size(tri_font, d, w); }

void diagram_triangle_draw(cairo_t *cr, const TriangleDiagram *d, double w,
                           double h) {
    if (!figtext_box_ok(w, h)) return;
    double box_w = w;
    w = plan_w(w);
    TriPlan p = tri_plan(cr, d, w);
    cairo_save(cr);
    figtext_fit_box(cr, w, p.total, box_w, h);
    if (p.title) {
        PangoLayout *l = figtext_layout(cr, p.family, TITLE_SIZE, 1, 0, w, 0, p.title);
        cairo_set_source_rgb(cr, INK);
        cairo_move_to(cr, 0, 0);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
    }
    double vx[3] = {p.ax, p.ax - p.tw / 2, p.ax + p.tw / 2};
    double vy[3] = {p.ay, p.base_y, p.base_y};
    /* the triangle, lightly tinted */
    cairo_move_to(cr, vx[0], vy[0]);
    cairo_line_to(cr, vx[1], vy[1]);
    cairo_line_to(cr, vx[2], vy[2]);
    cairo_close_path(cr);
    cairo_set_source_rgba(cr, ACCENT, 0.08);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, ACCENT);
    cairo_set_line_width(cr, 1.0);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    /* leaders from each vertex to its box */
    cairo_set_source_rgb(cr, BOX_LINE);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, vx[0], vy[0]);
    cairo_line_to(cr, vx[0], p.y0 + p.h0);
    cairo_move_to(cr, vx[1], vy[1]);
    if (p.below) cairo_line_to(cr, vx[1], p.ys);
    else cairo_line_to(cr, p.xl + p.ws, vy[1]);
    cairo_move_to(cr, vx[2], vy[2]);
    if (p.below) cairo_line_to(cr, vx[2], p.ys);
    else cairo_line_to(cr, p.xr, vy[2]);
    cairo_stroke(cr);
    for (int i = 0; i < 3; i++) {
        cairo_arc(cr, vx[i], vy[i], 3.0, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, ACCENT);
        cairo_fill(cr);
    }
    box_draw(cr, &p.box[0], p.x0, p.y0, p.w0, p.h0, p.font);
    box_draw(cr, &p.box[1], p.xl, p.ys, p.ws, p.hs, p.font);
    box_draw(cr, &p.box[2], p.xr, p.ys, p.ws, p.hs, p.font);
    cairo_restore(cr);
}
