/* paragraph.c: headings, paragraphs, text placed outside the flow and
 * text beside an image; see layout.h.
 *
 * Promises: each paragraph is one text block, shaped now (text.h), split
 * at blank lines, justified except where a line's word gaps would grow
 * too wide (justify.h). May touch: the Doc's blocks (appending only),
 * text.h, justify.h, hyphenate.h's word lengths, and doc_image. */
#include "layout/layout.h"

#include "layout/doc.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/justify.h"
#include "layout/text.h"
#include "base/arena.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define H1_SIZE        14.0
#define H2_SIZE        11.5
#define PARA_AFTER     6.0
#define INDENT         15.0
#define HANG           14.0
#define BESIDE_GAP     12.0  /* between an image and the text beside it */
#define WORD_GAP_MAX   0.6  /* em: the widest word gap of a justified line;
                               a line that would need more is set ragged */
#define WORD_GAP_EVEN  0.4  /* em: a paragraph whose greedy breaks leave a
                               wider gap is broken again for even gaps */
#define LETTER_SPACE_MAX 0.025/* em: the most a line too loose to justify
                                 spaces its letters, before it is set ragged */
#define SPACE_NARROW   0.77 /* the size of the spaces of a line that fits
                               only with narrower word gaps, against the
                               text's: down to about 0.2 em (a plain space
                               is about 0.26) */

void doc_heading(Doc *d, int level, const char *text, Loc origin) {
    TextBuilder tb;
    tb_init(&tb, d->lang);
    tb_add(&tb, text, 0, strlen(text), RUN_PLAIN, origin, NULL, NULL, 0);
    tb_trim_end(&tb);
    Block *b = new_block(d, B_TEXT);
    b->level = level <= 1 ? 1 : level >= 6 ? 6 : level;
    b->before = b->level == 1 ? 16.0 : 11.0;
    b->after = b->level == 1 ? 6.0 : 4.0;
    b->keep_next = 1;
    b->outline = xstrdup(text);
    PangoFontDescription *fd = fonts_face(FONTS_SANS, b->level == 1 ? H1_SIZE : H2_SIZE,
                                    PANGO_WEIGHT_BOLD);
    b->layout = make_layout(d, &tb, fd, doc_text_width(d), PANGO_ALIGN_LEFT, 0, 0, 0);
    measure_lines(b);
    held_built(d, b);
    tb_free(&tb);
}

/* The width of text set in fd, in points. */
static double text_width(Doc *d, PangoFontDescription *fd, const char *text) {
    PangoLayout *l = pango_layout_new(d->ctx);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, text, -1);
    layout_set_language(l, d->lang);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return pu(w);
}

/* Breaks the builder's text again where the greedy breaks of b's ragged
 * layout leave a word gap wider than WORD_GAP_EVEN once justified: at the
 * breaks into as many lines that keep the widest gap the narrowest
 * (justify.h), when they are better, the spaces of a line that fits only
 * so set smaller (SPACE_NARROW), and widened again by the justification
 * to what that line needs. Returns
 * the widest gap of the new breaks (points), or -1 when the text is left
 * as it was; b->layout is then no longer the text's. */
static double even_breaks(Doc *d, Block *b, TextBuilder *tb, PangoFontDescription *fd,
                          double space_w) {
    if (justify_worst_gap(b->layout, space_w) <= WORD_GAP_EVEN * BODY_SIZE) return -1;
    JustifyFont f = { space_w, SPACE_NARROW * space_w, text_width(d, fd, "-"), BODY_SIZE };
    JustifyLine *lines;
    size_t *other;
    int nother, n = justify_best_breaks(b->layout, &f, &lines, &other, &nother);
    if (n == 0) return -1;
    size_t *at = xmalloc((size_t)n * sizeof *at);
    double widest = 0;
    for (int k = 0; k < n; k++) {
        at[k] = lines[k].at;
        if (k < n - 1 && lines[k].gap > widest) widest = lines[k].gap;
    }
    tb_break_only_at(tb, at + 1, n - 1, other, nother);
    for (int k = 0; k < n; k++) {
        if (lines[k].shrink <= 0) continue;
        size_t e = k + 1 < n ? at[k + 1] : tb->text->len;
        while (e > at[k] && tb->text->str[e - 1] == ' ') e--;     /* its trailing spaces */
        for (size_t i = at[k]; i < e; i++)
            if (tb->text->str[i] == ' ')
                tb_attr(tb, pango_attr_scale_new(SPACE_NARROW), i, i + 1);
    }
    free(at);
    free(other);
    free(lines);
    return widest;
}

/* Spaces the letters of each line of the ragged layout marked in loose a
 * little (LETTER_SPACE_MAX at most), in the builder's text, so that its
 * word gaps, once justified, widen less (to WORD_GAP_EVEN where that is
 * enough); a line so spaced stays short of its width, and the text breaks
 * where it did. Returns whether a line was spaced. */
static int space_letters(TextBuilder *tb, PangoLayout *ragged, double space_w,
                         const unsigned char *loose) {
    int n = pango_layout_get_line_count(ragged), spaced = 0;
    GSList *at = pango_layout_get_lines_readonly(ragged);
    for (int i = 0; i < n && at; i++, at = at->next) {
        if (!loose[i]) continue;
        double x = justify_letter_spacing(ragged, i, space_w, WORD_GAP_EVEN * BODY_SIZE,
                                          LETTER_SPACE_MAX * BODY_SIZE);
        int units = (int)(x * PANGO_SCALE);
        if (units <= 0) continue;
        PangoLayoutLine *line = at->data;
        size_t s = (size_t)line->start_index, e = s + (size_t)line->length;
        tb_attr(tb, pango_attr_letter_spacing_new(units), s, e);
        spaced = 1;
    }
    return spaced;
}

/* Justifies the ragged layout of b, its lines broken for even gaps
 * (even_breaks), except the lines whose word gaps would widen past
 * WORD_GAP_MAX: those stay ragged (b->loose), drawn from b->ragged, which
 * breaks its lines where the justified layout does. The justified layout
 * is made as the ragged one was, with what it wraps by. */
static void justify_block(Doc *d, Block *b, TextBuilder *tb, PangoFontDescription *fd,
                          double width, PangoAlignment align, double indent, double tab) {
    double sw = text_width(d, fd, " ");
    int wrap = pango_layout_get_wrap(b->layout) == PANGO_WRAP_WORD_CHAR ? LAYOUT_WRAP_CHAR : 0;
    double widest = even_breaks(d, b, tb, fd, sw);
    PangoLayout *justified = make_layout(d, tb, fd, width, align, indent, tab,
                                         LAYOUT_JUSTIFY | wrap | LAYOUT_QUIET);
    if (widest >= 0) {            /* broken anew: the greedy layout is not the text's */
        held_unref(d, b->layout);
        if (widest <= WORD_GAP_MAX * BODY_SIZE) {
            b->layout = justified;
            return;
        }
        b->layout = make_layout(d, tb, fd, width, align, indent, tab, LAYOUT_QUIET);
    }
    int n = pango_layout_get_line_count(b->layout);
    unsigned char *loose = xcalloc((size_t)n + 1, 1);
    if (justify_loose_lines(b->layout, sw, WORD_GAP_MAX * BODY_SIZE, loose) > 0 &&
        space_letters(tb, b->layout, sw, loose)) {
        held_unref(d, b->layout);
        held_unref(d, justified);
        b->layout = make_layout(d, tb, fd, width, align, indent, tab, LAYOUT_QUIET);
        justified = make_layout(d, tb, fd, width, align, indent, tab,
                                LAYOUT_JUSTIFY | wrap | LAYOUT_QUIET);
        free(loose);
        n = pango_layout_get_line_count(b->layout);
        loose = xcalloc((size_t)n + 1, 1);
        justify_loose_lines(b->layout, sw, WORD_GAP_MAX * BODY_SIZE, loose);
    }
    if (memchr(loose, 1, (size_t)n) == NULL) {
        free(loose);
        held_unref(d, b->layout);
        b->layout = justified;
        return;
    }
    b->ragged = b->layout;
    b->loose = loose;
    b->layout = justified;
}

/* Keeps the last two words of a paragraph on one line: its last line
 * never holds one word alone ("about" over "you."), nor the end of a
 * word hyphenated ("in-" over "stead."): the last word loses its soft
 * hyphens, since Pango breaks at one whatever the attribute says. A
 * paragraph whose last line follows a line break is left as it is. */
static void no_runt(TextBuilder *tb) {
    const char *t = tb->text->str;
    size_t sp = tb->text->len;
    while (sp > 0 && t[sp - 1] != ' ' && t[sp - 1] != '\n') sp--;
    if (sp == 0 || t[sp - 1] == '\n') return;
    size_t w = sp - 1;                  /* the space before the last word */
    while (w > 0 && t[w - 1] == ' ') w--;
    if (w == 0 || memchr(t, ' ', w) == NULL) return;     /* one word */
    tb_unhyphenate(tb, sp);
    tb_no_break(tb, w, tb->text->len);
}

/* Makes a text block of the builder's content with paragraph flags. */
static Block *text_block(Doc *d, TextBuilder *tb, int flags, Kind kind,
                         double width) {
    tb_trim_end(tb);
    if (tb->text->len == 0) return NULL;
    Block *b = new_block(d, kind);
    b->after = (flags & PARA_TIGHT) ? 0 : PARA_AFTER;
    b->keep_next = (flags & PARA_KEEP_WITH_NEXT) != 0;
    b->keep_whole = (flags & PARA_KEEP_WHOLE) != 0;
    PangoAlignment align = (flags & PARA_RIGHT) ? PANGO_ALIGN_RIGHT
                                                : PANGO_ALIGN_LEFT;
    int justify = !(flags & (PARA_LEFT | PARA_RIGHT));
    PangoFontDescription *fd = fonts_face((flags & PARA_SANS) ? FONTS_SANS
                                    : FONTS_SERIF, BODY_SIZE,
                                    PANGO_WEIGHT_NORMAL);
    double indent = (flags & PARA_HANGING) ? -HANG
                  : (flags & PARA_INDENT) ? INDENT : 0;
    double tab = (flags & PARA_HANGING) ? HANG : 0;
    if (kind == B_TEXT) no_runt(tb);
    b->layout = make_layout(d, tb, fd, width, align, indent, tab, 0);
    if (justify) justify_block(d, b, tb, fd, width, align, indent, tab);
    if (flags & PARA_HANGING) {
        b->item = 1;
        /* the label: up to a tab in the first line */
        const char *tab_at = strchr(tb->text->str, '\t');
        PangoLayoutLine *first = pango_layout_get_line_readonly(b->layout, 0);
        if (tab_at && first && tab_at - tb->text->str < first->length)
            b->label_end = (size_t)(tab_at - tb->text->str) + 1;
    }
    const char *other = tb_other_lang(tb);
    if (other) snprintf(b->lang, sizeof b->lang, "%s", other);
    measure_lines(b);
    held_built(d, b);
    return b;
}

/* Length of the blank-line break (a newline, optional spaces, another
 * newline, any further white space) starting at p, or 0. */
static size_t blank_line_at(const char *p) {
    if (*p != '\n') return 0;
    const char *q = p + 1;
    while (*q == ' ' || *q == '\t' || *q == '\r') q++;
    if (*q != '\n') return 0;
    while (g_ascii_isspace(*q)) q++;
    return (size_t)(q - p);
}

/* Whether run r, a value, is prose (text_is_prose) with the runs of the
 * same value beside it: a text's parts in another language are runs of
 * their own (a quotation's words), and its words outside them are still
 * prose's, hyphenated; a short value, a name or a label, is not. */
static int value_is_prose(const Run *runs, int nruns, int r) {
    int first = r, last = r;
    while (first > 0 && runs[first - 1].value && loc_same(runs[first - 1].origin, runs[r].origin)) first--;
    while (last + 1 < nruns && runs[last + 1].value && loc_same(runs[last + 1].origin, runs[r].origin)) last++;
    if (first == last) return text_is_prose(runs[r].text);
    GString *all = g_string_new("");
    for (int i = first; i <= last; i++) g_string_append(all, runs[i].text ? runs[i].text : "");
    int prose = text_is_prose(all->str);
    g_string_free(all, TRUE);
    return prose;
}

/* Shared by doc_paragraph and doc_place: splits runs into paragraphs at
 * blank lines and makes one block of the given kind for each. */
static void add_paragraphs(Doc *d, const Run *runs, int nruns, int flags,
                           Kind kind, double width, double x, double y) {
    TextBuilder tb;
    tb_init(&tb, d->lang);
    const char *lang = (flags & PARA_NO_HYPHENATE) ? NULL : d->lang;
    /* ragged text breaks only long words */
    int min_letters = (flags & (PARA_LEFT | PARA_RIGHT)) ? RAGGED_MIN_WORD
                                                         : HYPH_MIN_WORD;
    for (int r = 0; r < nruns; r++) {
        const char *t = runs[r].text ? runs[r].text : "";
        size_t pos = 0, len = strlen(t);
        while (pos < len) {
            if (tb.text->len == 0)       /* no leading white space */
                while (pos < len && g_ascii_isspace(t[pos])) pos++;
            size_t e = pos, brk = 0;
            while (e < len && !(brk = blank_line_at(t + e))) e++;
            const char *hyph = runs[r].value && !value_is_prose(runs, nruns, r) ? NULL : lang;
            if (hyph && runs[r].lang) hyph = runs[r].lang;     /* its own dictionary */
            tb_add(&tb, t, pos, e - pos, runs[r].style, runs[r].origin, runs[r].lang,
                   hyph, min_letters);
            if (brk) {
                Block *b = text_block(d, &tb, flags, kind, width);
                if (b) { b->x = x; b->y = y; }
                tb_reset(&tb);
                e += brk;
            }
            pos = e;
        }
    }
    Block *b = text_block(d, &tb, flags, kind, width);
    if (b) { b->x = x; b->y = y; }
    tb_free(&tb);
}

void doc_paragraph(Doc *d, const Run *runs, int nruns, int flags) {
    add_paragraphs(d, runs, nruns, flags, B_TEXT, doc_text_width(d), 0, 0);
}

void doc_place(Doc *d, double x, double y, double w, const Run *runs,
               int nruns, int flags) {
    add_paragraphs(d, runs, nruns, flags | PARA_TIGHT, B_PLACE, w, x, y);
}

int doc_image_beside(Doc *d, const char *png_path, double max_w, double max_h,
                     const Run *runs, int nruns, int flags, char *err, size_t errlen) {
    if (doc_image(d, png_path, max_w, max_h, ALIGN_LEFT, err, errlen) != 0) return -1;
    int img = d->nblocks - 1;
    double width = doc_text_width(d) - d->blocks[img].w - BESIDE_GAP;
    add_paragraphs(d, runs, nruns, flags | PARA_TIGHT, B_TEXT, width, 0, 0);
    if (d->nblocks != img + 2) return 0;   /* no text, or paragraphs: under it */
    /* the text block becomes part of the image's */
    Block *b = &d->blocks[img], *t = &d->blocks[img + 1];
    b->layout = t->layout;
    b->ragged = t->ragged;
    b->remake = t->remake;
    b->loose = t->loose;
    b->lines = t->lines;
    b->nlines = t->nlines;
    b->height = t->height;
    memcpy(b->lang, t->lang, sizeof b->lang);
    b->image_h = b->h;
    b->text_x = b->w + BESIDE_GAP;
    if (t->height > b->h) b->h = t->height;
    d->nblocks--;
    return 0;
}

