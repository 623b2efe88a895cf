/* doc.c: the Doc and its simple blocks; see layout.h.
 *
 * Promises: doc_new, the page's dimensions, images, spaces, rules, page
 * breaks and keeps (figures are in figure.c, doc_free in held.c,
 * doc_shutdown in shutdown.c). Text blocks
 * are built in paragraph.c, tables in table.c, pages in paginate.c, the
 * PDF in render.c and pdf.c. May touch: the Doc's blocks (appending only),
 * fonts.h and hyphenate.h to set up what documents share, figures/image.h
 * to read a PNG. */
#include "layout/doc.h"
#include "base/messages.h"

#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/typo.h"
#include "layout/pdfimage.h"
#include "base/arena.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULE_SPACE     6.0

char *typo_or_null(const char *lang, const char *s) {
    return s ? typo_text(lang, s, 0, NULL, NULL) : NULL;
}

Block *new_block(Doc *d, Kind kind) {
    xgrow(&d->blocks, &d->capblocks, d->nblocks + 1, sizeof *d->blocks);
    Block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    d->paginated = 0;
    return b;
}

/* Cairo 1.16 compresses page content as it writes it unless
 * CAIRO_DEBUG_PDF is set when a surface is made (it reads nothing else of
 * it): set, the finishing pass (tagged.h) finds the content plain, marks
 * its artifacts and compresses it once, at the level it chooses, instead
 * of inflating cairo's and compressing it again. A value the user set is
 * kept. Setting the environment is safe only while no other thread runs:
 * doc_new calls this before the fonts start Pango's. */
static void pdf_content_plain(void) { setenv("CAIRO_DEBUG_PDF", "1", 0); }

Doc *doc_new(const DocInfo *info, char *err, size_t errlen) {
    pdf_content_plain();
    if (fonts_init(err, errlen) != 0) return NULL;
    const char *lang = info->lang ? info->lang : "en";
    if (hyphenate_prepare(lang, err, errlen) != 0) return NULL;
    Doc *d = xcalloc(1, sizeof *d);
    d->info = *info;
    d->ctx = g_object_ref(fonts_context());
    d->hold_room = DOC_HELD_TEXT;
    d->lang = xstrdup(lang);
    d->title = typo_or_null(lang, info->title);
    d->author = typo_or_null(lang, info->author);
    d->subject = typo_or_null(lang, info->subject);
    d->hleft = typo_or_null(lang, info->header_left);
    d->hright = typo_or_null(lang, info->header_right);
    d->pfmt = xstrdup(info->page_format ? info->page_format : "%d / %d");
    d->draft_mark = typo_or_null(lang, info->draft_mark);
    d->continued = xstrdup(info->continued ? info->continued : "(continued)");
    if (info->paper == PAPER_LETTER) {
        d->pw = 612.0; d->ph = 792.0;
        d->ml = d->mr = 72.0;
    } else {
        d->pw = 595.276; d->ph = 841.89;
        d->ml = d->mr = 68.0;
    }
    d->mt = 78.0;
    d->mb = 72.0;
    return d;
}

double doc_text_width(const Doc *d) { return d->pw - d->ml - d->mr; }
double doc_text_height(const Doc *d) { return d->ph - d->mt - d->mb; }
double doc_page_width(const Doc *d) { return d->pw; }
double doc_page_height(const Doc *d) { return d->ph; }

void doc_alt_text(Doc *d, const char *text) {
    free(d->alt);
    d->alt = text && *text ? xstrdup(text) : NULL;
}

const char *doc_alt(const Doc *d) { return d->alt; }

int doc_image(Doc *d, const char *png_path, double max_w, double max_h,
              Align align, char *err, size_t errlen) {
    char why[256];
    cairo_surface_t *img = pdfimage_load(png_path, why, sizeof why);
    if (!img) {
        snprintf(err, errlen, diag_tr("the image '%s' %s"), png_path, why);
        return -1;
    }
    double iw = cairo_image_surface_get_width(img);
    double ih = cairo_image_surface_get_height(img);
    double tw = doc_text_width(d);
    if (max_w <= 0 || max_w > tw) max_w = tw;
    if (max_h <= 0) max_h = d->ph - d->mt - d->mb;
    double scale = fmin(1.0, fmin(max_w / iw, max_h / ih));
    Block *b = new_block(d, B_IMAGE);
    b->before = 4.0;
    b->after = 6.0;
    b->alt = typo_or_null(d->lang, d->alt);
    b->image = img;
    b->scale = scale;
    b->w = iw * scale;
    b->h = ih * scale;
    b->x = align == ALIGN_RIGHT ? tw - b->w
         : align == ALIGN_CENTER ? (tw - b->w) / 2 : 0;
    return 0;
}

void doc_space(Doc *d, double pt) {
    new_block(d, B_SPACE)->h = pt;
}

void doc_rule(Doc *d) {
    Block *b = new_block(d, B_RULE);
    b->before = RULE_SPACE;
    b->after = RULE_SPACE;
    b->h = 0.5;
}

void doc_page_break(Doc *d) { new_block(d, B_BREAK); }

void doc_keep_with_next(Doc *d) {
    if (d->nblocks) d->blocks[d->nblocks - 1].keep_next = 1;
}

void doc_keep_with_previous(Doc *d) {
    int i = d->nblocks - 2;
    while (i >= 0 && d->blocks[i].kind == B_SPACE) i--;
    if (i >= 0) d->blocks[i].keep_next = 1;
}

