/* fonts: the process's private font setup.
 *
 * Promises: fonts come only from known font files of installed Debian
 * packages (Noto Serif / Noto Sans for text, Noto Naskh Arabic / Noto Sans
 * Arabic, Noto Serif / Sans Hebrew, WenQuanYi Micro Hei for Chinese, or
 * Noto Sans CJK when only that is installed, DejaVu Sans for symbols),
 * added to a private FcConfig, so output does not depend on what else the
 * system has. A missing file is a clear error naming the package. One
 * PangoCairo font map is built per process and installed as the
 * pango-cairo default, so pango_cairo_create_layout() in drawing callbacks
 * sees the same fonts. One PangoContext, at 72 dpi (1 pt = 1 user unit),
 * without hinting and with unrounded glyph positions, is shared for
 * measuring and drawing. */
#ifndef FORMC_FONTS_H
#define FORMC_FONTS_H
#include <stdio.h>
#include <pango/pangocairo.h>
#include <stddef.h>

/* Font families for pango font descriptions. Each names its first font;
 * the private configuration gives it its fallbacks, in order (fonts.c):
 * Noto Serif, then Noto Naskh Arabic, Noto Serif Hebrew, WenQuanYi Micro
 * Hei, Noto Sans CJK SC, DejaVu Sans; Noto Sans, then Noto Sans Arabic,
 * Noto Sans Hebrew and the same three. Pango's own lookups of a face by
 * its name alone (the metrics its line breaker asks for) then find the
 * same fonts, and share the document's font patterns. */
#define FONTS_SERIF "Noto Serif"
#define FONTS_SANS  "Noto Sans"

/* Sets the fonts up once per process; later calls return at once.
 * Returns 0, or -1 with a message naming the missing font file and the
 * Debian package that provides it. */
int fonts_init(char *err, size_t errlen);

/* The shared measuring-and-drawing context (valid after fonts_init). */
PangoContext *fonts_context(void);

/* The process's font map (valid after fonts_init). */
PangoFontMap *fonts_map(void);

/* A description of families (FONTS_SERIF, FONTS_SANS) at size points and
 * weight, parsed once per process and kept: borrowed, valid until
 * fonts_shutdown (a caller uses it at once: layouts copy it). */
PangoFontDescription *fonts_face(const char *families, double size,
                                 PangoWeight weight);

/* Writes to out, one line each, what the documents' drawing depends on
 * besides formc's own files: each font file formc would use (its path
 * and its identity as the caches take it, cachefile_identity; or
 * "missing"), and the versions of cairo, Pango, HarfBuzz and fontconfig. Cheap: no font is opened, and
 * fontconfig is asked only for a font missing from Debian's folders. */
void fonts_identity(FILE *out);

/* Calls fn(user, path) for each font file formc would use that is found
 * (the files fonts_identity describes): for make's rules of formc build. */
void fonts_each_file(void (*fn)(void *user, const char *path), void *user);

/* Drops the kept descriptions and this module's references to the context
 * and the font map (objects still using them keep them alive); the private
 * fontconfig configuration is kept for the process's lifetime and reused
 * by a later fonts_init. Safe to call at any time, also with documents
 * still alive. */
void fonts_shutdown(void);
#endif
