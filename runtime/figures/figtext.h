/* runtime/figures — the figures of formc's documents: score charts
 * (chart.h), formulation diagrams (diagram.h) and PNG images decoded for
 * the page (image.h); this file is what they share. The stage promises
 * figures that measure and draw the same on every surface, never mark
 * outside their box (a box too small gets the figure scaled down), and
 * print every text as plain text. It may touch runtime/base, Pango and
 * Cairo; it reads no file but the PNG it is given (through base/png), keeps
 * no state between calls but what it has laid out or decoded (texts and
 * images, which draw the same kept or not), and knows no formulation,
 * score or template: callers hand it plain numbers and words.
 *
 * figtext.h — what charts and diagrams share: plain-text Pango layouts
 * with metrics fixed for every target (no hinting, unrounded glyph
 * positions), so a figure measured on one surface draws the same on the
 * PDF (text is always text, never markup); and the uniform scaling that
 * keeps a figure planned at one width inside a smaller box. Layouts are
 * kept for the process within bounds (base/memo.h; figtext_release frees
 * them), so a text measured
 * while a document is built and again when it is drawn, or repeated from
 * one document to the next, is laid out once. */
#ifndef FORMC_FIGTEXT_H
#define FORMC_FIGTEXT_H
#include <pango/pangocairo.h>

/* A layout of text in family at size points, bold and/or italic, wrapped
 * at width points (no wrapping when width <= 0), its lines centred when
 * centre is set. It is shared: the caller unrefs it and never changes it.
 * It does not depend on cr, which may be NULL. */
PangoLayout *figtext_layout(cairo_t *cr, const char *family, double size, int bold,
                            int italic, double width, int centre, const char *text);

/* Frees the layouts kept (figtext_layout) and their context. */
void figtext_release(void);

/* A cairo_t on a 1 x 1 image, for measuring a figure when no target is at
 * hand; the caller destroys it. */
cairo_t *figtext_scratch(void);

/* Measures text as figtext_layout lays it out: its width and height in
 * points (either pointer may be NULL). */
void figtext_measure(cairo_t *cr, const char *family, double size, int bold, int italic,
                     double width, const char *text, double *w, double *h);

/* Shows text with its top-left corner at (x, y); align: 0 left, 1 centred,
 * 2 right of x (for unwrapped text). Returns the text's height. */
double figtext_show(cairo_t *cr, const char *family, double size, int bold, int italic,
                    double width, const char *text, double x, double y, int align);

/* Who hears, while a figure draws, the language of its texts: the
 * document that placed the figure, to tag a text of another language
 * than its own as such (a Span with its /Lang). to(closure, lang) hears
 * the language of the texts drawn from then on, NULL for the document's. */
typedef struct FigLang {
    void (*to)(void *closure, const char *lang);
    void *closure;
} FigLang;
/* Attaches fl to cr (NULL: none): figtext_lang on cr tells it. */
void figtext_attach_lang(cairo_t *cr, const FigLang *fl);
/* Says that the texts a figure draws on cr from now on are written in
 * lang (NULL: the document's language), to the FigLang attached to cr;
 * nothing when none is. A figure says it before a text of another
 * language, and says NULL after it. */
void figtext_lang(cairo_t *cr, const char *lang);

/* A stretch of a text a figure draws that is in another language than
 * the document's: bytes [start, end) of the text, and its language. */
typedef struct FigSpan {
    size_t start, end;
    const char *lang;
} FigSpan;
/* Draws layout l (of text, from figtext_layout) with its top-left corner
 * at the current point, as pango_cairo_show_layout draws it, saying
 * (figtext_lang) the language of each of the n spans of text, in order
 * and apart, as it draws them, and NULL after. A layout whose text the
 * guard against slow texts changed is drawn whole, in the document's. */
void figtext_show_spans(cairo_t *cr, PangoLayout *l, const char *text, const FigSpan *spans, int n);

/* A step for about four axis ticks over span: 1, 2, 2.5 or 5 times a power
 * of ten (1 when span is not positive). */
double figtext_nice_step(double span);

/* A value written compactly into buf: no decimals for a whole number, else
 * one; a decimal comma when comma is set; a true minus sign; never "-0"
 * (numtext_format). */
void figtext_number(char *buf, size_t n, double v, int comma);

/* Whether a w x h box can be drawn into at all (finite and not empty). */
int figtext_box_ok(double w, double h);

/* Height for a box w wide of a figure planned at pw with natural height
 * total; 0 for a box that is empty or not finite. */
double figtext_scaled_height(double total, double pw, double w);

/* The same for a figure whose natural height at pw is natural(cr, fig,
 * pw), measured on a scratch surface: how every figure answers "how tall
 * in a box w wide". */
double figtext_height(double (*natural)(cairo_t *cr, const void *fig, double pw),
                      const void *fig, double pw, double w);

/* Scales the drawing down uniformly, centred horizontally, when the figure
 * (planned pw x natural) is larger than the box w x h. Call inside
 * cairo_save. */
void figtext_fit_box(cairo_t *cr, double pw, double natural, double w, double h);

#endif
