/* figure.c: a Doc's figures, drawn whole or in rows, and their captions;
 * see layout.h.
 *
 * Promises: doc_figure, doc_figure_rows (a figure that splits between its
 * rows, each part after the first under a caption naming the heading
 * above it "(continued)"), doc_figure_caption, doc_figure_min_scale,
 * doc_figure_other_lang. May touch: the Doc's last block (appending
 * only), text.h to lay a caption out. */
#include "layout/layout.h"
#include "layout/doc.h"
#include "layout/fonts.h"
#include "layout/text.h"

#include <glib.h>
#include <string.h>

void doc_figure(Doc *d, double height_pt, FigureFn draw, void *ud) {
    Block *b = new_block(d, B_FIGURE);
    b->alt = typo_or_null(d->lang, d->alt);
    b->before = 6.0;
    b->after = 8.0;
    b->draw = draw;
    b->ud = ud;
    b->w = doc_text_width(d);
    b->h = height_pt > 0 ? height_pt : 0;
    b->min_scale = FIGURE_MIN_SCALE;
}

void doc_figure_min_scale(Doc *d, double scale) {
    Block *b = d->nblocks ? &d->blocks[d->nblocks - 1] : NULL;
    if (b && b->kind == B_FIGURE && scale > 0) b->min_scale = scale < 1 ? scale : 1;
}

void doc_figure_other_lang(Doc *d) {
    Block *b = d->nblocks ? &d->blocks[d->nblocks - 1] : NULL;
    if (b && b->kind == B_FIGURE) b->other_lang = 1;
}

/* The caption over each part after the first of the figure about to be
 * added: the nearest heading above it (else "Figure"), then
 * "(continued)" in the document's language. */
static PangoLayout *continued_caption(Doc *d) {
    const char *name = "Figure";
    for (int i = d->nblocks - 1; i >= 0; i--)
        if (d->blocks[i].kind == B_TEXT && d->blocks[i].level) {
            name = d->blocks[i].outline;
            break;
        }
    char *text = g_strdup_printf("%s %s", name, d->continued);
    PangoLayout *l = caption_layout(d, text);
    g_free(text);
    return l;
}

/* Gives figure b the caption l, drawn on the figure's own top (column
 * titles, a legend) with no gap. */
static void set_caption(Block *b, PangoLayout *l) {
    if (b->caption) g_object_unref(b->caption);
    b->caption = l;
    int ch;
    pango_layout_get_size(l, NULL, &ch);
    b->caption_h = ch / (double)PANGO_SCALE;
}

void doc_figure_caption(Doc *d, const char *text) {
    Block *b = d->nblocks ? &d->blocks[d->nblocks - 1] : NULL;
    if (!b || b->kind != B_FIGURE || b->nrows || !text || !*text) return;
    set_caption(b, caption_layout(d, text));
    b->h += b->caption_h;
}

void doc_figure_rows(Doc *d, int nrows, FigureRowsHeight height, FigureRowsDraw draw, void *ud) {
    if (nrows <= 0) return;
    PangoLayout *caption = continued_caption(d);
    Block *b = new_block(d, B_FIGURE);
    set_caption(b, caption);
    b->alt = typo_or_null(d->lang, d->alt);
    b->before = 6.0;
    b->after = 8.0;
    b->nrows = nrows;
    b->rows_height = height;
    b->draw_rows = draw;
    b->ud = ud;
    b->w = doc_text_width(d);
    b->h = height(0, nrows, b->w, ud);
    b->min_scale = FIGURE_MIN_SCALE;
}

PangoLayout *caption_layout(Doc *d, const char *text) {
    TextBuilder tb;
    tb_init(&tb, d->lang);
    tb_add(&tb, text, 0, strlen(text), RUN_SMALL, LOC_NONE, NULL, NULL, 0);
    tb_trim_end(&tb);
    PangoFontDescription *fd = fonts_face(FONTS_SERIF, BODY_SIZE, PANGO_WEIGHT_NORMAL);
    PangoLayout *l = make_layout(d, &tb, fd, doc_text_width(d), PANGO_ALIGN_LEFT, 0, 0, 0);
    tb_free(&tb);
    return l;
}
