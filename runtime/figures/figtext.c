/* figtext.c — text layouts for figures; see figtext.h. */
#include "figures/figtext.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include "base/memo.h"
#include "base/numtext.h"
#include "base/textguard.h"

/* Figure texts are laid out once and kept: a chart's labels and a
 * diagram's boxes are measured while the document is built, measured again
 * when the figure is planned for drawing and drawn at last, and the same
 * axis words, scale names and legends come back in every document of a
 * run. A layout depends only on the words and the style asked for, never
 * on the surface: it is made in one context of its own with metrics fixed
 * for every target (no hinting, unrounded positions, no transformation),
 * so it measures and draws alike on a scratch image and on the PDF. */
#define TEXTS_KEPT 1024
#define TEXTS_KEPT_BYTES (64u << 10)   /* of descriptions (base/memo.h) */

static Memo *texts;
static PangoContext *text_ctx;
static PangoFontMap *text_map;    /* the font map text_ctx was made from */

static void unref_layout(void *l) { g_object_unref(l); }

/* The context figure texts are laid out in, made again (and the memo
 * emptied) when the default font map changes. */
static PangoContext *context(void) {
    PangoFontMap *map = pango_cairo_font_map_get_default();
    if (text_ctx && map == text_map) return text_ctx;
    memo_free(texts);
    texts = memo_new(TEXTS_KEPT, TEXTS_KEPT_BYTES, unref_layout);
    if (text_ctx) g_object_unref(text_ctx);
    text_map = map;
    text_ctx = pango_font_map_create_context(map);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(text_ctx, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(text_ctx, FALSE);
    /* a figure's words are looked up in fonts for one language, whatever
     * the user's locale: the same bytes on every machine, and the same
     * font patterns (and Pango threads) as the document's English text */
    pango_context_set_language(text_ctx, pango_language_from_string("en"));
    return text_ctx;
}

static PangoLayout *new_layout(const char *family, double size, int bold, int italic,
                               double width, int align, const char *text) {
    PangoLayout *lay = pango_layout_new(context());
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(lay, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
    }
    if (align) pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
    /* no word or cluster can make the layout take quadratic time */
    char *safe = textguard_text(text, strlen(text), NULL, NULL);
    pango_layout_set_text(lay, safe ? safe : "", -1);
    free(safe);
    return lay;
}

PangoLayout *figtext_layout(cairo_t *cr, const char *family, double size, int bold,
                            int italic, double width, int centre, const char *text) {
    (void)cr;
    if (!text) text = "";
    if (!(width > 0)) width = 0;
    bold = !!bold;
    italic = !!italic;
    centre = !!centre;
    context();                       /* first: a new font map empties the memo */
    /* the description: the numbers, the style, the family, the words */
    size_t flen = strlen(family) + 1, tlen = strlen(text);
    double head[3] = { size, width, (double)(bold | italic << 1 | centre << 2) };
    size_t n = sizeof head + flen + tlen;
    char *key = xmalloc(n);
    memcpy(key, head, sizeof head);
    memcpy(key + sizeof head, family, flen);
    memcpy(key + sizeof head + flen, text, tlen);
    PangoLayout *lay = memo_get(texts, key, n);
    if (lay) {
        g_object_ref(lay);
    } else {
        lay = new_layout(family, size, bold, italic, width, centre, text);
        memo_put(texts, key, n, g_object_ref(lay));
    }
    free(key);
    return lay;
}

void figtext_release(void) {
    memo_free(texts);
    texts = NULL;
    if (text_ctx) g_object_unref(text_ctx);
    text_ctx = NULL;
    text_map = NULL;
}

cairo_t *figtext_scratch(void) {
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(s);
    cairo_surface_destroy(s);
    return cr;
}

/* Logical size of a layout in points. */
static void layout_size(PangoLayout *lay, double *w, double *h) {
    int wi, hi;
    pango_layout_get_size(lay, &wi, &hi);
    if (w) *w = (double)wi / PANGO_SCALE;
    if (h) *h = (double)hi / PANGO_SCALE;
}

void figtext_measure(cairo_t *cr, const char *family, double size, int bold, int italic,
                     double width, const char *text, double *w, double *h) {
    PangoLayout *l = figtext_layout(cr, family, size, bold, italic, width, 0, text);
    layout_size(l, w, h);
    g_object_unref(l);
}

double figtext_show(cairo_t *cr, const char *family, double size, int bold, int italic,
                    double width, const char *text, double x, double y, int align) {
    PangoLayout *l = figtext_layout(cr, family, size, bold, italic, width, 0, text);
    double tw, th;
    layout_size(l, &tw, &th);
    if (align == 1) x -= tw / 2;
    else if (align == 2) x -= tw;
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
    return th;
}

static const cairo_user_data_key_t lang_key;

void figtext_attach_lang(cairo_t *cr, const FigLang *fl) {
    cairo_set_user_data(cr, &lang_key, (void *)fl, NULL);
}

void figtext_lang(cairo_t *cr, const char *lang) {
    const FigLang *fl = cairo_get_user_data(cr, &lang_key);
    if (fl) fl->to(fl->closure, lang);
}

/* The language of the span holding byte at of the text, NULL for none;
 * *next is set to the next byte where that may change. */
static const char *lang_at(const FigSpan *spans, int n, size_t at, size_t *next) {
    for (int i = 0; i < n; i++) {
        if (at < spans[i].start) {
            *next = spans[i].start;
            return NULL;
        }
        if (at < spans[i].end) {
            *next = spans[i].end;
            return spans[i].lang;
        }
    }
    *next = SIZE_MAX;
    return NULL;
}

void figtext_show_spans(cairo_t *cr, PangoLayout *l, const char *text, const FigSpan *spans, int n) {
    const char *laid = pango_layout_get_text(l);
    if (!n || strcmp(laid, text)) {
        pango_cairo_show_layout(cr, l);
        return;
    }
    double x0, y0;
    cairo_get_current_point(cr, &x0, &y0);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double x = x0 + (double)logical.x / PANGO_SCALE;
        double y = y0 + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        for (GSList *r = line->runs; r; r = r->next) {
            /* the run in pieces, one per language: split where a span
             * starts or ends inside it (the glyphs stay where they were) */
            PangoGlyphItem *rest = pango_glyph_item_copy(r->data);
            for (;;) {
                size_t at = (size_t)rest->item->offset, next;
                const char *lang = lang_at(spans, n, at, &next);
                PangoGlyphItem *piece = rest;
                if (next < at + (size_t)rest->item->length)
                    piece = pango_glyph_item_split(rest, laid, (int)(next - at));
                figtext_lang(cr, lang);
                cairo_move_to(cr, x, y);
                pango_cairo_show_glyph_item(cr, laid, piece);
                x += (double)pango_glyph_string_get_width(piece->glyphs) / PANGO_SCALE;
                pango_glyph_item_free(piece);
                if (piece == rest) break;
            }
        }
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    figtext_lang(cr, NULL);
    cairo_move_to(cr, x0, y0);
}

double figtext_nice_step(double span) {
    if (!(span > 0)) return 1;
    double raw = span / 4, mag = pow(10, floor(log10(raw))), f = raw / mag;
    double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return m * mag;
}

void figtext_number(char *buf, size_t n, double v, int comma) {
    int whole = fabs(v - round(v)) < 1e-6;
    double shown = whole ? round(v) : round(v * 10) / 10;
    numtext_format(buf, n, shown, whole ? 0 : 1, comma);
}

int figtext_box_ok(double w, double h) {
    return isfinite(w) && isfinite(h) && w > 0 && h > 0;
}

double figtext_height(double (*natural)(cairo_t *cr, const void *fig, double pw),
                      const void *fig, double pw, double w) {
    if (!(isfinite(w) && w > 0)) return 0;
    cairo_t *cr = figtext_scratch();
    double total = natural(cr, fig, pw);
    cairo_destroy(cr);
    return figtext_scaled_height(total, pw, w);
}

double figtext_scaled_height(double total, double pw, double w) {
    if (!(isfinite(w) && w > 0)) return 0;
    return ceil(pw > w ? total * w / pw : total);
}

void figtext_fit_box(cairo_t *cr, double pw, double natural, double w, double h) {
    double s = 1;
    if (pw > w) s = w / pw;
    if (natural * s > h) s = h / natural;
    if (s < 1) {
        cairo_translate(cr, (w - pw * s) / 2, 0);
        cairo_scale(cr, s, s);
    }
}
