/* figtext.h — what charts and diagrams share: plain-text Pango layouts
 * with metrics fixed for every target (no hinting, unrounded glyph
 * positions), so a figure measured on one surface draws the same on the
 * PDF (text is always text, never markup); and the uniform scaling that
 * keeps a figure planned at one width inside a smaller box. */
#ifndef FORMC_FIGTEXT_H
#define FORMC_FIGTEXT_H
#include <pango/pangocairo.h>

/* A layout of text in family at size points, bold and/or italic, wrapped
 * at width points (no wrapping when width <= 0). The caller unrefs it. */
PangoLayout *figtext_layout(cairo_t *cr, const char *family, double size, int bold,
                            int italic, double width, const char *text);

/* Height for a box w wide of a figure planned at pw with natural height
 * total; 0 for a box that is empty or not finite. */
double figtext_scaled_height(double total, double pw, double w);

/* Scales the drawing down uniformly, centred horizontally, when the figure
 * (planned pw x natural) is larger than the box w x h. Call inside
 * cairo_save. */
void figtext_fit_box(cairo_t *cr, double pw, double natural, double w, double h);

#endif
