/* render.h: a paginated Doc's pages drawn. */
#ifndef FORMC_LAYOUT_RENDER_H
#define FORMC_LAYOUT_RENDER_H
#include "layout/doc.h"
#include "layout/tagged.h"

#include <cairo.h>

/* Draws every page of paginated d onto the PDF surface through cr, tagged
 * in reading order under one Document element (tagged.h), with an outline
 * entry for each heading. */
void render_pages(Doc *d, cairo_surface_t *surface, cairo_t *cr, Tagger *tg);
#endif
