/* figtext.h — text in figures (charts and diagrams): plain-text Pango
 * layouts with metrics fixed for every target (no hinting, unrounded glyph
 * positions), so a figure measured on one surface draws the same on the
 * PDF. Text is always set as text, never as markup. */
#ifndef FORMC_FIGTEXT_H
#define FORMC_FIGTEXT_H
#include <pango/pangocairo.h>

/* A layout of text in family at size points, bold and/or italic, wrapped
 * at width points (no wrapping when width <= 0). The caller unrefs it. */
PangoLayout *figtext_layout(cairo_t *cr, const char *family, double size, int bold,
                            int italic, double width, const char *text);

#endif
