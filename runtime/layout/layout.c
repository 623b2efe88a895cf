/* layout: document model, pagination and PDF rendering; see layout.h. */
#include "layout/layout.h"

#include "layout/columns.h"
#include "layout/fonts.h"
#include "layout/hyphenate.h"
#include "layout/justify.h"
#include "layout/typo.h"
#include "layout/tagged.h"
#include "figures/image.h"
#include "base/arena.h"
#include "base/epoch.h"
#include "base/outfile.h"
#include "base/utf8.h"
#include "base/textguard.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- typographic constants (points) ---- */
#define BODY_SIZE      10.5
#define SMALL_SIZE     8.5
#define H1_SIZE        14.0
#define H2_SIZE        11.5
#define TH_SIZE        8.5
#define TD_SIZE        9.5
#define FURNITURE_SIZE 8.0
#define PARA_AFTER     6.0
#define INDENT         15.0
#define HANG           14.0
#define RAGGED_MIN_WORD 11   /* ragged text: hyphenate only long words */
#define BESIDE_GAP     12.0  /* between an image and the text beside it */
#define FIGURE_MIN_SCALE 0.9 /* a figure may shrink to fit the page's end */
#define WORD_GAP_MAX   0.5  /* em: the widest word gap of a justified line;
                               a line that would need more is set ragged */
#define CELL_PAD_X     4.0
#define CELL_PAD_Y     2.5
#define NUMBER_GUTTER  6.0   /* more between a column of numbers and text */
#define RULE_SPACE     6.0
#define EPS            0.01

typedef enum { B_TEXT, B_TABLE, B_FIGURE, B_IMAGE, B_SPACE, B_RULE, B_BREAK,
               B_PLACE } Kind;

/* A line's logical top and bottom, relative to the top of its layout. */
typedef struct { double top, bottom; } LineBox;

typedef struct {
    Kind kind;
    double before, after;    /* space wanted before / after the block */
    int keep_next;           /* start of next block on the same page */
    int level;               /* heading level, 0 for other text */
    char *outline;           /* heading text for the PDF outline */
    int item;                /* a list item (PARA_HANGING) */
    size_t label_end;        /* its label ("\u2022\t") is text[0, label_end) */
    char *alt;               /* a figure's or image's alternative text */
    /* B_TEXT, B_PLACE */
    PangoLayout *layout;
    PangoLayout *ragged;     /* a justified paragraph's lines unstretched */
    unsigned char *loose;    /* per line: drawn from ragged (justify.h) */
    LineBox *lines;
    int nlines;
    double height;
    /* B_TABLE: (nrows + 1) x ncols cells, row 0 is the header */
    int ncols, nrows;
    int has_header;          /* some column has a title */
    double *col_x, *col_w, *row_h;
    PangoLayout **cells;
    /* B_FIGURE, B_IMAGE, B_SPACE, B_RULE, B_PLACE: geometry */
    FigureFn draw;
    void *ud;
    cairo_surface_t *image;
    double x, y, w, h, scale;
    double fit_h;            /* B_FIGURE: its height on the page, h or a
                                little less (FIGURE_MIN_SCALE) */
    double image_h, text_x;  /* B_IMAGE with a text beside it (layout):
                                the image's height, the text's left edge */
} Block;

/* Where a block (or part of it) goes: lines or rows [from, to) of block
 * on page, its top at y. */
typedef struct {
    int block, page, from, to;
    double y;
    double off, h;           /* a slice of a table row taller than a page:
                                the row from off, h high (h 0: whole rows) */
} Place;

struct Doc {
    DocInfo info;            /* strings below are owned copies */
    char *lang, *title, *author, *subject, *hleft, *hright, *pfmt, *draft_mark;
    double pw, ph, ml, mr, mt, mb;
    PangoContext *ctx;       /* the shared context (fonts.h), referenced */
    Block *blocks;
    int nblocks, capblocks;
    Place *places;
    int nplaces, capplaces, npages;
    int paginated;
    int too_long;            /* pagination stopped at DOC_MAX_PAGES */
    char *alt;               /* doc_alt_text(): for the next figures */
};

/* ---- small helpers ---- */

/* A copy of s with the language's typographic quotes, or NULL. */
static char *typo_or_null(const char *lang, const char *s) {
    return s ? typo_text(lang, s, 0, NULL, NULL) : NULL;
}

static double pu(int v) { return (double)v / PANGO_SCALE; }

static Block *new_block(Doc *d, Kind kind) {
    xgrow(&d->blocks, &d->capblocks, d->nblocks + 1, sizeof *d->blocks);
    Block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    d->paginated = 0;
    return b;
}

/* Font descriptions are parsed once per process and kept: the returned
 * description is borrowed (freed by doc_shutdown). */
#define MAX_FONTS 16
typedef struct {
    const char *families;
    double size;
    PangoWeight weight;
    PangoFontDescription *fd;
} CachedFont;
static CachedFont fonts_cache[MAX_FONTS];
static int nfonts_cache;

static PangoFontDescription *font(const char *families, double size,
                                  PangoWeight weight) {
    for (int i = 0; i < nfonts_cache; i++)
        if (fonts_cache[i].size == size && fonts_cache[i].weight == weight &&
            !strcmp(fonts_cache[i].families, families))
            return fonts_cache[i].fd;
    PangoFontDescription *fd = pango_font_description_from_string(families);
    pango_font_description_set_size(fd, (gint)lround(size * PANGO_SCALE));
    pango_font_description_set_weight(fd, weight);
    /* callers use the description at once (layouts copy it), so when the
     * cache is full the last slot can be reused */
    if (nfonts_cache == MAX_FONTS)
        pango_font_description_free(fonts_cache[--nfonts_cache].fd);
    fonts_cache[nfonts_cache++] = (CachedFont){ families, size, weight, fd };
    return fd;
}

static void free_fonts_cache(void) {
    for (int i = 0; i < nfonts_cache; i++)
        pango_font_description_free(fonts_cache[i].fd);
    nfonts_cache = 0;
}

/* ---- building text with styles and origins ---- */

/* A piece of layout text that came from a caller's run. */
typedef struct {
    size_t start, end;       /* byte range in the layout text */
    const char *orig;        /* the caller's run text */
    size_t orig_base;        /* offset of this piece in orig */
    Loc origin;
    TypoEdit *edits;         /* typographic quotes and spaces (typo.h) */
    size_t nedits;
    size_t *ins;             /* soft hyphens inserted (offsets in the
                                typographic copy of the piece) */
    size_t nins;
} Seg;

typedef struct {
    GString *text;
    PangoAttrList *attrs;
    Seg *segs;
    int nsegs, capsegs;
    const char *lang;        /* the document's language, for quotes */
} TextBuilder;

static void tb_init(TextBuilder *tb, const char *lang) {
    memset(tb, 0, sizeof *tb);
    tb->text = g_string_new("");
    tb->attrs = pango_attr_list_new();
    tb->lang = lang;
}

static void tb_clear_segs(TextBuilder *tb) {
    for (int i = 0; i < tb->nsegs; i++) {
        free(tb->segs[i].ins);
        free(tb->segs[i].edits);
    }
    tb->nsegs = 0;
}

static void tb_reset(TextBuilder *tb) {
    tb_clear_segs(tb);
    g_string_truncate(tb->text, 0);
    pango_attr_list_unref(tb->attrs);
    tb->attrs = pango_attr_list_new();
}

static void tb_free(TextBuilder *tb) {
    tb_clear_segs(tb);
    free(tb->segs);
    g_string_free(tb->text, TRUE);
    pango_attr_list_unref(tb->attrs);
}

static void add_attr(PangoAttrList *l, PangoAttribute *a, size_t s, size_t e) {
    a->start_index = (guint)s;
    a->end_index = (guint)e;
    pango_attr_list_insert(l, a);
}

/* The last character of the builder's text, 0 when it is empty. */
static uint32_t tb_last_char(const TextBuilder *tb) {
    if (tb->text->len == 0) return 0;
    const char *s = tb->text->str;
    size_t last = utf8_back(s, 0, tb->text->len);
    uint32_t c;
    utf8_decode(s + last, tb->text->len - last, &c);
    return c;
}

/* text (hyphenated: soft hyphens inserted before the offsets ins[0..nins)
 * of the original) made safe to lay out (base/textguard.h); its
 * insertions, mapped back to the original, are merged into *ins. */
static char *guarded(const char *text, size_t **ins, size_t *nins) {
    size_t *at = NULL, nat = 0;
    char *safe = textguard_text(text, strlen(text), &at, &nat);
    if (nat == 0) return safe;
    size_t *all = xmalloc((*nins + nat) * sizeof *all), n = 0, k = 0;
    for (size_t g = 0; g < nat; g++) {
        /* a soft hyphen k sits at ins[k] + 2k in text */
        while (k < *nins && (*ins)[k] + 2 * k < at[g]) all[n++] = (*ins)[k++];
        all[n++] = at[g] - 2 * k;
    }
    while (k < *nins) all[n++] = (*ins)[k++];
    free(at);
    free(*ins);
    *ins = all;
    *nins = n;
    return safe;
}

/* Appends piece [p, p+n) of run text orig (at orig_base), with the
 * document's typographic quotes, hyphenated for lang when lang is not
 * NULL, made safe to lay out (base/textguard.h), styled. */
static void tb_add(TextBuilder *tb, const char *orig, size_t orig_base,
                   size_t n, RunStyle style, Loc origin,
                   const char *lang, int min_letters) {
    if (n == 0) return;
    char *raw = xstrndup(orig + orig_base, n);
    TypoEdit *edits = NULL;
    size_t nedits = 0;
    char *piece = typo_text(tb->lang, raw, tb_last_char(tb), &edits, &nedits);
    free(raw);
    size_t *ins = NULL, nins = 0;
    char *hy = lang ? hyphenate_text(lang, piece, min_letters, &ins, &nins)
                    : NULL;
    char *safe = guarded(hy ? hy : piece, &ins, &nins);
    free(hy);
    hy = safe;
    const char *use = hy ? hy : piece;
    xgrow(&tb->segs, &tb->capsegs, tb->nsegs + 1, sizeof *tb->segs);
    Seg *s = &tb->segs[tb->nsegs++];
    s->start = tb->text->len;
    g_string_append(tb->text, use);
    s->end = tb->text->len;
    s->orig = orig;
    s->orig_base = orig_base;
    s->origin = origin;
    s->edits = edits;
    s->nedits = nedits;
    s->ins = ins;
    s->nins = nins;
    if (style == RUN_BOLD || style == RUN_BOLD_ITALIC)
        add_attr(tb->attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD),
                 s->start, s->end);
    if (style == RUN_ITALIC || style == RUN_BOLD_ITALIC)
        add_attr(tb->attrs, pango_attr_style_new(PANGO_STYLE_ITALIC),
                 s->start, s->end);
    if (style == RUN_SMALL)
        add_attr(tb->attrs, pango_attr_size_new((int)lround(SMALL_SIZE *
                 PANGO_SCALE)), s->start, s->end);
    free(piece);
    free(hy);
}

/* Drops trailing white space from the text (and the segments). */
static void tb_trim_end(TextBuilder *tb) {
    while (tb->text->len > 0 && g_ascii_isspace(tb->text->str[tb->text->len - 1]))
        g_string_truncate(tb->text, tb->text->len - 1);
    for (int i = 0; i < tb->nsegs; i++) {
        if (tb->segs[i].end > tb->text->len) tb->segs[i].end = tb->text->len;
        if (tb->segs[i].start > tb->text->len) tb->segs[i].start = tb->text->len;
    }
}

/* Maps a byte offset of the layout text back to (segment, offset in the
 * caller's run text) and reports it. */
static void report_missing(Doc *d, TextBuilder *tb, size_t off) {
    for (int i = 0; i < tb->nsegs; i++) {
        Seg *s = &tb->segs[i];
        if (off < s->start || off >= s->end) continue;
        size_t rel = off - s->start, typo = rel;
        for (size_t k = 0; k < s->nins; k++)
            if (rel >= s->ins[k] + 2 * k + 2) typo -= 2;
        d->info.missing_glyph(d->info.missing_ud, s->origin, s->orig,
                              s->orig_base + typo_original_offset(s->edits, s->nedits, typo));
        return;
    }
}

/* Reports every character of layout that no font could draw. */
static void check_missing(Doc *d, PangoLayout *layout, TextBuilder *tb) {
    if (!d->info.missing_glyph || pango_layout_get_unknown_glyphs_count(layout) == 0)
        return;
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run) continue;
        PangoGlyphString *g = run->glyphs;
        int last = -1;
        for (int i = 0; i < g->num_glyphs; i++) {
            if (!(g->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)) continue;
            int cl = g->log_clusters[i];
            if (cl == last) continue;
            last = cl;
            report_missing(d, tb, (size_t)(run->item->offset + cl));
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

/* A word wider than l's width w, by more than a cell's padding, is broken
 * between letters rather than run into the next column or off the page. */
static void never_overflow(PangoLayout *l, double w) {
    PangoRectangle log;
    pango_layout_get_extents(l, NULL, &log);
    if (pu(log.width + (log.x > 0 ? log.x : 0)) > w + CELL_PAD_X)
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
}

/* Makes a ragged layout of the builder's text at width w (points);
 * justify_block() justifies a paragraph's. */
static PangoLayout *make_layout(Doc *d, TextBuilder *tb,
                                PangoFontDescription *fd, double w,
                                PangoAlignment align, double indent) {
    PangoLayout *l = pango_layout_new(d->ctx);
    pango_layout_set_auto_dir(l, FALSE);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, (int)lround(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    pango_layout_set_alignment(l, align);
    pango_layout_set_indent(l, (int)lround(indent * PANGO_SCALE));
    add_attr(tb->attrs, pango_attr_language_new(pango_language_from_string(
             d->lang)), 0, G_MAXUINT);
    pango_layout_set_text(l, tb->text->str, (int)tb->text->len);
    pango_layout_set_attributes(l, tb->attrs);
    if (w >= 1) never_overflow(l, w);      /* not a cell being measured */
    check_missing(d, l, tb);
    return l;
}

/* Fills b's line boxes and height from its layout. */
static void measure_lines(Block *b) {
    b->nlines = pango_layout_get_line_count(b->layout);
    b->lines = xcalloc((size_t)b->nlines, sizeof *b->lines);
    PangoLayoutIter *it = pango_layout_get_iter(b->layout);
    int i = 0;
    do {
        PangoRectangle log;
        pango_layout_iter_get_line_extents(it, NULL, &log);
        if (i < b->nlines) {
            b->lines[i].top = pu(log.y);
            b->lines[i].bottom = pu(log.y + log.height);
        }
        i++;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    PangoRectangle log;
    pango_layout_get_extents(b->layout, NULL, &log);
    b->height = pu(log.height);
}

/* ---- document construction ---- */

Doc *doc_new(const DocInfo *info, char *err, size_t errlen) {
    if (fonts_init(err, errlen) != 0) return NULL;
    const char *lang = info->lang ? info->lang : "en";
    if (hyphenate_prepare(lang, err, errlen) != 0) return NULL;
    Doc *d = xcalloc(1, sizeof *d);
    d->info = *info;
    d->ctx = g_object_ref(fonts_context());
    d->lang = xstrdup(lang);
    d->title = typo_or_null(lang, info->title);
    d->author = typo_or_null(lang, info->author);
    d->subject = typo_or_null(lang, info->subject);
    d->hleft = typo_or_null(lang, info->header_left);
    d->hright = typo_or_null(lang, info->header_right);
    d->pfmt = xstrdup(info->page_format ? info->page_format : "%d / %d");
    d->draft_mark = typo_or_null(lang, info->draft_mark);
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

void doc_heading(Doc *d, int level, const char *text, Loc origin) {
    TextBuilder tb;
    tb_init(&tb, d->lang);
    tb_add(&tb, text, 0, strlen(text), RUN_PLAIN, origin, NULL, 0);
    tb_trim_end(&tb);
    Block *b = new_block(d, B_TEXT);
    b->level = level <= 1 ? 1 : level >= 6 ? 6 : level;
    b->before = b->level == 1 ? 16.0 : 11.0;
    b->after = b->level == 1 ? 6.0 : 4.0;
    b->keep_next = 1;
    b->outline = xstrdup(text);
    PangoFontDescription *fd = font(FONTS_SANS, b->level == 1 ? H1_SIZE : H2_SIZE,
                                    PANGO_WEIGHT_BOLD);
    b->layout = make_layout(d, &tb, fd, doc_text_width(d), PANGO_ALIGN_LEFT, 0);
    measure_lines(b);
    tb_free(&tb);
}

/* Justifies the ragged layout of b, except the lines whose word gaps that
 * would widen past WORD_GAP_MAX: those stay ragged (b->loose), drawn from
 * b->ragged, which breaks its lines where the justified layout does. */
static void justify_block(Doc *d, Block *b, PangoFontDescription *fd) {
    PangoLayout *space = pango_layout_new(d->ctx);
    pango_layout_set_font_description(space, fd);
    pango_layout_set_text(space, " ", 1);
    int sw, sh;
    pango_layout_get_size(space, &sw, &sh);
    g_object_unref(space);
    int n = pango_layout_get_line_count(b->layout);
    unsigned char *loose = xcalloc((size_t)n + 1, 1);
    if (justify_loose_lines(b->layout, pu(sw), WORD_GAP_MAX * BODY_SIZE, loose) == 0) {
        free(loose);
        pango_layout_set_justify(b->layout, TRUE);
        return;
    }
    b->ragged = b->layout;
    b->loose = loose;
    b->layout = pango_layout_copy(b->ragged);
    pango_layout_set_justify(b->layout, TRUE);
}

/* Makes a text block of the builder's content with paragraph flags. */
static Block *text_block(Doc *d, TextBuilder *tb, int flags, Kind kind,
                         double width) {
    tb_trim_end(tb);
    if (tb->text->len == 0) return NULL;
    Block *b = new_block(d, kind);
    b->after = (flags & PARA_TIGHT) ? 0 : PARA_AFTER;
    b->keep_next = (flags & PARA_KEEP_WITH_NEXT) != 0;
    PangoAlignment align = (flags & PARA_RIGHT) ? PANGO_ALIGN_RIGHT
                                                : PANGO_ALIGN_LEFT;
    int justify = !(flags & (PARA_LEFT | PARA_RIGHT));
    PangoFontDescription *fd = font((flags & PARA_SANS) ? FONTS_SANS
                                    : FONTS_SERIF, BODY_SIZE,
                                    PANGO_WEIGHT_NORMAL);
    double indent = (flags & PARA_HANGING) ? -HANG
                  : (flags & PARA_INDENT) ? INDENT : 0;
    b->layout = make_layout(d, tb, fd, width, align, indent);
    if (flags & PARA_HANGING) {
        PangoTabArray *tabs = pango_tab_array_new_with_positions(1, FALSE,
            PANGO_TAB_LEFT, (int)lround(HANG * PANGO_SCALE));
        pango_layout_set_tabs(b->layout, tabs);
        pango_tab_array_free(tabs);
        b->item = 1;
        /* the label: up to a tab in the first line */
        const char *tab = strchr(tb->text->str, '\t');
        PangoLayoutLine *first = pango_layout_get_line_readonly(b->layout, 0);
        if (tab && first && tab - tb->text->str < first->length)
            b->label_end = (size_t)(tab - tb->text->str) + 1;
    }
    if (justify) justify_block(d, b, fd);
    measure_lines(b);
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
            tb_add(&tb, t, pos, e - pos, runs[r].style, runs[r].origin, lang,
                   min_letters);
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

/* Keeps every word of the builder's text whole: no line break inside a
 * run of characters without a space (not even after a hyphen). */
static void tb_keep_words(TextBuilder *tb) {
    const char *t = tb->text->str;
    size_t n = tb->text->len, i = 0;
    while (i < n) {
        while (i < n && g_ascii_isspace(t[i])) i++;
        size_t s = i;
        while (i < n && !g_ascii_isspace(t[i])) i++;
        if (i > s) add_attr(tb->attrs, pango_attr_allow_breaks_new(FALSE), s, i);
    }
}

/* True when a cell holds prose: ten words or more and no line break.
 * Anything shorter (a name, a label, a number, a list) keeps its words
 * whole and is never hyphenated. */
static int cell_is_prose(const char *t) {
    int words = 0, in = 0;
    for (; t && *t; t++) {
        if (*t == '\n') return 0;
        if (g_ascii_isspace(*t)) in = 0;
        else if (!in) in = 1, words++;
    }
    return words >= 10;
}

/* A table cell's layout, w points wide (w <= 0: as narrow as its words
 * allow, to measure the widest); prose is hyphenated, anything else keeps
 * its words whole unless may_break. */
static PangoLayout *cell_layout(Doc *d, const char *text, RunStyle style,
                                Loc origin, double w, Align al,
                                int header, int may_break) {
    TextBuilder tb;
    tb_init(&tb, d->lang);
    const char *t = text ? text : "";
    size_t s = 0, e = strlen(t);
    while (s < e && g_ascii_isspace(t[s])) s++;
    int prose = !header && al == ALIGN_LEFT && cell_is_prose(t + s);
    /* cells are ragged: only long words are hyphenated */
    tb_add(&tb, t, s, e - s, style, origin, prose ? d->lang : NULL,
           RAGGED_MIN_WORD);
    tb_trim_end(&tb);
    if (!prose && !may_break) tb_keep_words(&tb);
    add_attr(tb.attrs, pango_attr_font_features_new("tnum 1, lnum 1"), 0,
             G_MAXUINT);
    PangoFontDescription *fd = header
        ? font(FONTS_SANS, TH_SIZE, PANGO_WEIGHT_BOLD)
        : font(FONTS_SERIF, TD_SIZE, PANGO_WEIGHT_NORMAL);
    PangoAlignment pa = al == ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                      : al == ALIGN_CENTER ? PANGO_ALIGN_CENTER
                      : PANGO_ALIGN_LEFT;
    PangoLayout *l = make_layout(d, &tb, fd, w > 0 ? w : 0.01, pa, 0);
    tb_free(&tb);
    return l;
}

/* A cell's text past this many bytes is not laid out narrow to measure it. */
#define CELL_MEASURE_BYTES 4096

/* A layout of the first CELL_MEASURE_BYTES of a long cell (to its last
 * space), as narrow as its words allow, to measure its widest word; its
 * missing glyphs are left to the cell's own layout to report. */
static PangoLayout *measuring_layout(Doc *d, const Run *cell, Align al, int may_break) {
    size_t n = CELL_MEASURE_BYTES;
    while (n > 0 && !g_ascii_isspace(cell->text[n])) n--;
    if (n == 0) n = CELL_MEASURE_BYTES;
    n = utf8_start(cell->text, strlen(cell->text), n);   /* a whole character */
    char *start = xstrndup(cell->text, n);
    MissingGlyphFn report = d->info.missing_glyph;
    d->info.missing_glyph = NULL;
    PangoLayout *m = cell_layout(d, start, cell->style, LOC_NONE, 0, al, 0, may_break);
    d->info.missing_glyph = report;
    if (may_break) pango_layout_set_wrap(m, PANGO_WRAP_WORD_CHAR);
    free(start);
    return m;
}

/* True when a cell has nothing to show: empty, blank or a lone dash. */
static int cell_is_empty(const char *t) {
    if (!t) return 1;
    while (g_ascii_isspace(*t)) t++;
    size_t n = strlen(t);
    while (n && g_ascii_isspace(t[n - 1])) n--;
    return n == 0 || (n == 1 && *t == '-') || (n == 3 && (!strncmp(t, "\u2013", 3) || !strncmp(t, "\u2014", 3)));
}

/* The columns of a table that are shown: those not left out for being
 * empty. Writes their indexes to keep and returns how many. */
static int shown_columns(const TableColumn *cols, int ncols, const Run *cells, int nrows, int *keep) {
    int n = 0;
    for (int c = 0; c < ncols; c++) {
        int empty = cols[c].omit_if_empty;
        for (int r = 0; r < nrows && empty; r++) empty = cell_is_empty(cells[r * ncols + c].text);
        if (!empty) keep[n++] = c;
    }
    return n;
}

void doc_table(Doc *d, const TableColumn *all_cols, int all_ncols, const Run *all_cells,
               int nrows) {
    if (all_ncols <= 0) return;
    int *keep = xmalloc(sizeof *keep * (size_t)all_ncols);
    int ncols = shown_columns(all_cols, all_ncols, all_cells, nrows, keep);
    TableColumn *cols = xmalloc(sizeof *cols * (size_t)all_ncols);
    Run *cells = xmalloc(sizeof *cells * ((size_t)nrows * (size_t)all_ncols + 1));
    for (int c = 0; c < ncols; c++) {
        cols[c] = all_cols[keep[c]];
        for (int r = 0; r < nrows; r++) cells[r * ncols + c] = all_cells[r * all_ncols + keep[c]];
    }
    free(keep);
    Block *b = new_block(d, B_TABLE);
    b->before = 4.0;
    b->after = 8.0;
    b->ncols = ncols;
    b->nrows = nrows;
    b->col_x = xcalloc((size_t)ncols + 1, sizeof(double));
    b->col_w = xcalloc((size_t)ncols + 1, sizeof(double));
    b->row_h = xcalloc((size_t)nrows + 1, sizeof(double));
    b->cells = xcalloc((size_t)(nrows + 1) * (size_t)ncols + 1, sizeof(PangoLayout *));
    double *pad_l = xcalloc((size_t)ncols + 1, sizeof(double));
    double *pad_r = xcalloc((size_t)ncols + 1, sizeof(double));
    double *min = xcalloc((size_t)ncols + 1, sizeof(double));
    double *rel = xcalloc((size_t)ncols + 1, sizeof(double));
    double *width = xcalloc((size_t)ncols + 1, sizeof(double));
    for (int c = 0; c < ncols; c++) {
        if (cols[c].title && cols[c].title[0]) b->has_header = 1;
        rel[c] = cols[c].rel_width > 0 ? cols[c].rel_width : 1;
        pad_l[c] = pad_r[c] = CELL_PAD_X;
        /* numbers against text: a wider gutter, so they do not read as one */
        if (c + 1 < ncols && cols[c].align != cols[c + 1].align &&
            (cols[c].align == ALIGN_RIGHT || cols[c + 1].align == ALIGN_RIGHT))
            pad_r[c] += NUMBER_GUTTER;
    }
    /* every cell laid out as narrow as it goes: its widest whole word;
     * when the columns cannot all hold their whole words, the words break */
    int may_break = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int r = 0; r <= nrows; r++)
            for (int c = 0; c < ncols; c++) {
                const Run *cell = r ? &cells[(r - 1) * ncols + c] : NULL;
                if (b->cells[r * ncols + c]) g_object_unref(b->cells[r * ncols + c]);
                /* laying a cell out as narrow as it goes takes time in the
                 * square of its words: a long one is measured by its start
                 * (a wider word further on is broken, never_overflow) */
                int long_cell = cell && cell->text && strlen(cell->text) > CELL_MEASURE_BYTES;
                PangoLayout *l = r == 0
                    ? cell_layout(d, cols[c].title, RUN_PLAIN, LOC_NONE, 0, cols[c].align, 1, may_break)
                    : cell_layout(d, cell->text, cell->style, cell->origin,
                                  long_cell ? doc_text_width(d) : 0, cols[c].align, 0, may_break);
                if (may_break) pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
                b->cells[r * ncols + c] = l;
                PangoLayout *m = long_cell ? measuring_layout(d, cell, cols[c].align, may_break) : l;
                PangoRectangle log;
                pango_layout_get_extents(m, NULL, &log);
                if (m != l) g_object_unref(m);
                double need = pu(log.width) + pad_l[c] + pad_r[c];
                if (need > min[c]) min[c] = need;
            }
        if (may_break || columns_fit(ncols, min, rel, doc_text_width(d), width) == 0) break;
        may_break = 1;
    }
    double x = 0;
    for (int c = 0; c < ncols; c++) {
        b->col_x[c] = x + pad_l[c];
        b->col_w[c] = width[c] - pad_l[c] - pad_r[c];
        x += width[c];
    }
    for (int r = 0; r <= nrows; r++) {
        double h = 0;
        for (int c = 0; c < ncols; c++) {
            PangoLayout *l = b->cells[r * ncols + c];
            pango_layout_set_width(l, (int)lround((b->col_w[c] > 1 ? b->col_w[c] : 1) * PANGO_SCALE));
            never_overflow(l, b->col_w[c] > 1 ? b->col_w[c] : 1);
            PangoRectangle log;
            pango_layout_get_extents(l, NULL, &log);
            if (pu(log.height) > h) h = pu(log.height);
        }
        b->row_h[r] = h + 2 * CELL_PAD_Y;
    }
    if (!b->has_header) b->row_h[0] = 0;
    free(pad_l);
    free(pad_r);
    free(min);
    free(rel);
    free(width);
    free(cols);
    free(cells);
}

void doc_alt_text(Doc *d, const char *text) {
    free(d->alt);
    d->alt = text && *text ? xstrdup(text) : NULL;
}

const char *doc_alt(const Doc *d) { return d->alt; }

void doc_figure(Doc *d, double height_pt, FigureFn draw, void *ud) {
    Block *b = new_block(d, B_FIGURE);
    b->alt = typo_or_null(d->lang, d->alt);
    b->before = 6.0;
    b->after = 8.0;
    b->draw = draw;
    b->ud = ud;
    b->w = doc_text_width(d);
    b->h = height_pt > 0 ? height_pt : 0;
}

int doc_image(Doc *d, const char *png_path, double max_w, double max_h,
              Align align, char *err, size_t errlen) {
    char why[256];
    cairo_surface_t *img = image_load_png(png_path, why, sizeof why);
    if (!img) {
        snprintf(err, errlen, "the image '%s' %s", png_path, why);
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
    b->loose = t->loose;
    b->lines = t->lines;
    b->nlines = t->nlines;
    b->height = t->height;
    b->image_h = b->h;
    b->text_x = b->w + BESIDE_GAP;
    if (t->height > b->h) b->h = t->height;
    d->nblocks--;
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

/* ---- pagination ---- */

typedef struct {
    Doc *d;
    int page;
    double y;                /* where the next block may start */
    int empty;               /* nothing placed on this page yet */
} Pager;

static void add_place(Pager *p, int block, int from, int to, double y) {
    Doc *d = p->d;
    xgrow(&d->places, &d->capplaces, d->nplaces + 1, sizeof *d->places);
    d->places[d->nplaces++] = (Place){ block, p->page, from, to, y, 0, 0 };
    if (p->page + 1 > d->npages) d->npages = p->page + 1;
}

static void new_page(Pager *p) {
    p->page++;
    p->y = p->d->mt;
    p->empty = 1;
}

/* A table of this many rows or fewer is kept on one page. */
#define TABLE_KEEP_ROWS 6
/* A row taller than a page starts on a page with at least this much room
 * below the header. */
#define TALL_ROW_MIN_START 36.0

/* The height of the header and rows [from, to) of table b. */
static double rows_height(const Block *b, int from, int to) {
    double h = b->row_h[0];
    for (int r = from; r < to; r++) h += b->row_h[r];
    return h;
}

/* The least height block i needs at the start of what it puts on a page
 * (two lines of a paragraph, the header and first row of a table, ...),
 * including what it must keep with, after the space `pending` the block
 * before it asks to leave below itself. */
static double lead_height(const Doc *d, int i, double pending) {
    double gap = pending;
    for (; i < d->nblocks; i++) {
        const Block *b = &d->blocks[i];
        switch (b->kind) {
        case B_SPACE: gap += b->h; continue;
        case B_PLACE: continue;
        case B_BREAK: return 0;
        case B_TEXT: {
            gap = fmax(gap, b->before);
            if (b->nlines <= 3) {
                double h = gap + b->height;
                if (b->keep_next) h += lead_height(d, i + 1, b->after);
                return h;
            }
            return gap + b->lines[1].bottom;
        }
        case B_TABLE:
            if (b->ncols == 0) continue;
            return fmax(gap, b->before) +
                   rows_height(b, 1, 1 + (b->nrows <= TABLE_KEEP_ROWS ? b->nrows : 2));
        case B_FIGURE:
            return fmax(gap, b->before) + b->h * FIGURE_MIN_SCALE +
                   (b->keep_next ? lead_height(d, i + 1, b->after) : 0);
        default:
            return fmax(gap, b->before) + b->h;
        }
    }
    return 0;
}

static void place_text(Pager *p, int i, double gap) {
    const Doc *d = p->d;
    const Block *b = &d->blocks[i];
    double bottom = d->ph - d->mb;
    double keep = b->keep_next ? lead_height(d, i + 1, b->after) : 0;
    int n = b->nlines, from = 0;
    if (n == 0) return;
    for (;;) {
        double off = b->lines[from].top;
        double rest = b->height - off;
        double avail = bottom - (p->y + gap);
        int remaining = n - from;
        if (rest + keep <= avail + EPS) {
            add_place(p, i, from, n, p->y + gap);
            p->y += gap + rest;
            p->empty = 0;
            return;
        }
        int fit = 0;
        while (fit < remaining &&
               b->lines[from + fit].bottom - off <= avail + EPS)
            fit++;
        int k = fit;
        if (k >= remaining) {
            /* all lines fit, but not with what must follow: leave the
             * last two lines for the next page when that is allowed */
            k = remaining >= 4 ? remaining - 2 : 0;
        }
        if (remaining - k == 1) k--;          /* no single widow line */
        if (k < 2 || remaining <= 3) k = 0;   /* no single orphan line */
        if (k == 0) {
            if (!p->empty) {
                new_page(p);
                gap = 0;
                continue;
            }
            /* an empty page and still no room: place what fits */
            k = fit > 0 ? fit : 1;
            if (k >= remaining) {
                add_place(p, i, from, n, p->y + gap);
                p->y += gap + rest;
                p->empty = 0;
                return;
            }
        }
        add_place(p, i, from, from + k, p->y + gap);
        p->empty = 0;
        new_page(p);
        gap = 0;
        from += k;
    }
}

/* Where a slice of a table row that may end at `want` (in the row's own
 * coordinates) ends: the lowest point at or above want that crosses no
 * line of any cell (lines[c][0..n[c]), in order), or want itself when the
 * cells' lines leave no such point below `from`. */
static double row_cut(LineBox *const *lines, const int *n, int ncols, double from, double want) {
    double y = want;
    for (int moved = 1; moved;) {
        moved = 0;
        for (int c = 0; c < ncols; c++) {
            int lo = 0, hi = n[c];          /* the first line that ends below y */
            while (lo < hi) {
                int mid = (lo + hi) / 2;
                if (lines[c][mid].bottom <= y + EPS) lo = mid + 1;
                else hi = mid;
            }
            if (lo < n[c] && lines[c][lo].top < y - EPS) {
                y = lines[c][lo].top;
                moved = 1;
            }
        }
    }
    return y > from + EPS ? y : want;
}

/* Places row r of table b, which no page can hold, in slices page after
 * page under the repeated header, each cut between lines of text, so that
 * none of it runs off the page. */
static void place_tall_row(Pager *p, int i, int r, double gap) {
    const Doc *d = p->d;
    const Block *b = &d->blocks[i];
    int nc = b->ncols;
    LineBox **lines = xcalloc((size_t)nc, sizeof *lines);
    int *n = xcalloc((size_t)nc, sizeof *n);
    for (int c = 0; c < nc; c++) {
        PangoLayout *l = b->cells[r * nc + c];
        lines[c] = xcalloc((size_t)pango_layout_get_line_count(l) + 1, sizeof **lines);
        PangoLayoutIter *it = pango_layout_get_iter(l);
        do {
            PangoRectangle log;
            pango_layout_iter_get_line_extents(it, NULL, &log);
            lines[c][n[c]++] = (LineBox){ CELL_PAD_Y + pu(log.y), CELL_PAD_Y + pu(log.y + log.height) };
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
    }
    double off = 0, h = b->row_h[r];
    for (;;) {
        double pad = off > 0 ? CELL_PAD_Y : 0;      /* above a continued slice */
        double room = d->ph - d->mb - (p->y + gap) - b->row_h[0] - pad;
        double cut = off + room >= h - EPS ? h : row_cut(lines, n, nc, off, off + room);
        add_place(p, i, r, r + 1, p->y + gap);
        d->places[d->nplaces - 1].off = off;
        d->places[d->nplaces - 1].h = cut - off + pad;
        p->y += gap + b->row_h[0] + cut - off + pad;
        p->empty = 0;
        if (cut >= h - EPS) break;
        new_page(p);
        gap = 0;
        off = cut;
    }
    for (int c = 0; c < nc; c++) free(lines[c]);
    free(lines);
    free(n);
}

/* Places table b's rows page by page, the header on each: a short table
 * whole, a long one split with at least two rows on each page; a row no
 * page can hold is split between its lines (place_tall_row). */
static void place_table(Pager *p, int i, double gap) {
    const Doc *d = p->d;
    const Block *b = &d->blocks[i];
    double bottom = d->ph - d->mb;
    int whole = b->nrows <= TABLE_KEEP_ROWS;
    int r = 1;
    for (;;) {
        double avail = bottom - (p->y + gap);
        if (rows_height(b, r, r + 1) > bottom - d->mt + EPS) {
            /* no page holds this row: it starts here, when a few lines fit */
            if (!p->empty && avail < rows_height(b, r, r) + TALL_ROW_MIN_START) {
                new_page(p);
                gap = 0;
            }
            place_tall_row(p, i, r, gap);
            if (++r > b->nrows) return;
            new_page(p);
            gap = 0;
            continue;
        }
        int left = b->nrows + 1 - r, fit = 0;
        while (fit < left && rows_height(b, r, r + fit + 1) <= avail + EPS) fit++;
        int k = fit;
        if (fit < left) {
            if (whole && r == 1) k = 0;
            if (left - k == 1) k--;        /* never one row left behind */
            if (k < 2) k = 0;              /* nor one row alone at the start */
            if (k == 0 && !p->empty) {
                new_page(p);
                gap = 0;
                continue;
            }
            if (k == 0) k = fit > 0 ? fit : 1;
        }
        double h = rows_height(b, r, r + k);
        add_place(p, i, r, r + k, p->y + gap);
        p->y += gap + h;
        p->empty = 0;
        r += k;
        if (r > b->nrows) return;
        new_page(p);
        gap = 0;
    }
}

static void paginate(Doc *d) {
    if (d->paginated) return;
    d->nplaces = 0;
    d->npages = 1;
    Pager p = { d, 0, d->mt, 1 };
    double pending = 0;
    double bottom = d->ph - d->mb;
    d->too_long = 0;
    for (int i = 0; i < d->nblocks; i++) {
        if (p.page >= DOC_MAX_PAGES) {
            d->too_long = 1;
            break;
        }
        Block *b = &d->blocks[i];
        if (b->kind == B_SPACE) {
            if (!p.empty) pending += b->h;
            continue;
        }
        if (b->kind == B_BREAK) {
            if (!p.empty) new_page(&p);
            pending = 0;
            continue;
        }
        if (b->kind == B_PLACE) {
            add_place(&p, i, 0, b->nlines, b->y);
            continue;
        }
        double gap = p.empty ? 0 : fmax(pending, b->before);
        if (b->kind == B_TEXT) {
            place_text(&p, i, gap);
        } else if (b->kind == B_TABLE) {
            if (b->ncols == 0) continue;
            place_table(&p, i, gap);
        } else {
            /* a figure a little too tall for the space left is drawn a
             * little smaller; anything else moves to the next page whole,
             * and one kept with what follows (its legend) moves with it */
            double keep = b->keep_next ? lead_height(d, i + 1, b->after) : 0;
            double avail = bottom - (p.y + gap) - keep;
            b->fit_h = b->h;
            if (b->h > avail + EPS && !p.empty) {
                if (b->kind == B_FIGURE && b->h * FIGURE_MIN_SCALE <= avail + EPS) {
                    b->fit_h = avail;
                } else {
                    new_page(&p);
                    gap = 0;
                }
            }
            add_place(&p, i, 0, 0, p.y + gap);
            p.y += gap + b->fit_h;
            p.empty = 0;
        }
        pending = b->after;
    }
    d->paginated = 1;
}

int doc_page_count(Doc *d) {
    paginate(d);
    return d->too_long ? DOC_MAX_PAGES + 1 : d->npages;
}

/* ---- rendering ---- */

/* A one-line layout for page furniture. */
static PangoLayout *furniture(Doc *d, const char *text, double size,
                              PangoWeight w) {
    PangoLayout *l = pango_layout_new(d->ctx);
    PangoFontDescription *fd = font(FONTS_SANS, size, w);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_auto_dir(l, FALSE);
    char *safe = textguard_text(text, strlen(text), NULL, NULL);
    pango_layout_set_text(l, safe ? safe : text, -1);
    free(safe);
    return l;
}

static double layout_width(PangoLayout *l) {
    PangoRectangle log;
    pango_layout_get_extents(l, NULL, &log);
    return pu(log.width);
}

/* "page N of M" from the caller's format: the first %d is N, the second
 * M, %% is a percent sign; nothing else is interpreted. */
static void format_page(const char *fmt, int n, int m, char *out,
                        size_t outlen) {
    size_t o = 0;
    int k = 0;
    for (const char *p = fmt; *p && o + 12 < outlen; p++) {
        if (p[0] == '%' && p[1] == 'd') {
            o += (size_t)snprintf(out + o, outlen - o, "%d", k++ == 0 ? n : m);
            p++;
        } else if (p[0] == '%' && p[1] == '%') {
            out[o++] = '%';
            p++;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = 0;
}

/* The page's furniture, each piece an artifact: the DRAFT mark, the
 * running header, the page number. */
static void draw_furniture(Doc *d, cairo_t *cr, Tagger *tg, int page) {
    if (d->info.draft) {
        tagger_artifact(tg, ARTIFACT_WATERMARK);
        PangoLayout *l = furniture(d, d->draft_mark ? d->draft_mark : "DRAFT", 110, PANGO_WEIGHT_BOLD);
        PangoRectangle log;
        pango_layout_get_extents(l, NULL, &log);
        cairo_save(cr);
        cairo_translate(cr, d->pw / 2, d->ph / 2);
        cairo_rotate(cr, -atan2(d->ph, d->pw));
        cairo_move_to(cr, -pu(log.width) / 2, -pu(log.height) / 2);
        cairo_set_source_rgb(cr, 0.87, 0.87, 0.87);
        pango_cairo_show_layout(cr, l);
        cairo_restore(cr);
        g_object_unref(l);
        tagger_close(tg);
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    if (d->hleft || d->hright) {
        tagger_artifact(tg, ARTIFACT_HEADER);
        double ty = d->mt - 34;
        if (d->hleft) {
            PangoLayout *l = furniture(d, d->hleft, FURNITURE_SIZE, PANGO_WEIGHT_NORMAL);
            cairo_move_to(cr, d->ml, ty);
            pango_cairo_show_layout(cr, l);
            g_object_unref(l);
        }
        if (d->hright) {
            PangoLayout *l = furniture(d, d->hright, FURNITURE_SIZE, PANGO_WEIGHT_NORMAL);
            cairo_move_to(cr, d->pw - d->mr - layout_width(l), ty);
            pango_cairo_show_layout(cr, l);
            g_object_unref(l);
        }
        cairo_set_line_width(cr, 0.4);
        cairo_move_to(cr, d->ml, d->mt - 20);
        cairo_line_to(cr, d->pw - d->mr, d->mt - 20);
        cairo_stroke(cr);
        tagger_close(tg);
    }
    if (d->info.footer_page_numbers) {
        tagger_artifact(tg, ARTIFACT_FOOTER);
        char buf[256];
        format_page(d->pfmt, page + 1, d->npages, buf, sizeof buf);
        PangoLayout *l = furniture(d, buf, FURNITURE_SIZE, PANGO_WEIGHT_NORMAL);
        cairo_move_to(cr, (d->pw - layout_width(l)) / 2, d->ph - d->mb + 26);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
        tagger_close(tg);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
}

/* Which runs of a list item's first line draw_lines draws: all, only the
 * label's (tagged Lbl), or all but the label's (the item's body). */
enum { RUNS_ALL, RUNS_LABEL, RUNS_BODY };

/* Draws a line of layout with its left end on the baseline at (x, y); a
 * list item's label is the layout's text[0, label_end). */
static void draw_line(cairo_t *cr, PangoLayout *layout, size_t label_end,
                      PangoLayoutLine *line, double x, double y, int which) {
    if (which == RUNS_ALL) {
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout_line(cr, line);
        return;
    }
    const char *text = pango_layout_get_text(layout);
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        int label = (size_t)run->item->offset < label_end;
        if (label == (which == RUNS_LABEL)) {
            cairo_move_to(cr, x, y);
            pango_cairo_show_glyph_item(cr, text, run);
        }
        x += pu(pango_glyph_string_get_width(run->glyphs));
    }
}

/* Draws lines [from, to) of a text block with the first line's top at y;
 * which (RUNS_*) applies to the block's first line, and RUNS_LABEL draws
 * nothing else. */
static void draw_lines(cairo_t *cr, const Block *b, double x, double y,
                       int from, int to, int which) {
    PangoLayoutIter *it = pango_layout_get_iter(b->layout);
    double off = b->lines[from].top;
    int i = 0;
    do {
        if (i >= from && i < to && (i == 0 || which != RUNS_LABEL)) {
            PangoRectangle log;
            pango_layout_iter_get_line_extents(it, NULL, &log);
            double base = pu(pango_layout_iter_get_baseline(it));
            int ragged = b->loose && b->loose[i];
            draw_line(cr, ragged ? b->ragged : b->layout, b->label_end,
                      ragged ? pango_layout_get_line_readonly(b->ragged, i)
                             : pango_layout_iter_get_line_readonly(it),
                      x + pu(log.x), y + base - off, i == 0 ? which : RUNS_ALL);
        }
        i++;
    } while (i < to && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* The lowest heading level in d (1 when it has none): it is tagged H1. */
static int top_heading_level(const Doc *d) {
    int top = 0;
    for (int i = 0; i < d->nblocks; i++)
        if (d->blocks[i].level && (!top || d->blocks[i].level < top))
            top = d->blocks[i].level;
    return top ? top : 1;
}

/* Headings as tagged so far: the document's lowest level is H1, and a
 * level is never more than one below the heading before it. */
typedef struct { int top, last; } Headings;

/* Draws a text block's lines on one page, tagged: a heading H1-H6, a
 * list item LI (its label Lbl, the rest LBody), a paragraph P. A block
 * split across pages is one element with a Span for each page's part. */
static void render_text(Doc *d, cairo_t *cr, Tagger *tg, const Block *b,
                        const Place *pl, Headings *h) {
    int first = pl->from == 0, last = pl->to >= b->nlines;
    char type[8];
    if (b->level) {
        int level = b->level - h->top + 1;
        if (level > h->last + 1) level = h->last + 1;
        if (level < 1) level = 1;
        if (first) h->last = level;
        snprintf(type, sizeof type, "H%d", level > 6 ? 6 : level);
    } else {
        snprintf(type, sizeof type, "%s", b->item ? "LBody" : "P");
    }
    if (first && b->item) {
        tagger_open(tg, "LI");
        if (b->label_end) {
            tagger_open(tg, "Lbl");
            draw_lines(cr, b, d->ml, pl->y, 0, 1, RUNS_LABEL);
            tagger_close(tg);
        }
    }
    if (first) tagger_open(tg, type);
    if (!(first && last)) tagger_open(tg, "Span");
    draw_lines(cr, b, d->ml, pl->y, pl->from, pl->to,
               b->label_end ? RUNS_BODY : RUNS_ALL);
    if (!(first && last)) tagger_close(tg);
    if (last) tagger_close(tg);
    if (last && b->item) tagger_close(tg);
}

static void draw_cell(cairo_t *cr, const Block *b, int r, int c, double x,
                      double y) {
    cairo_move_to(cr, x + b->col_x[c], y + CELL_PAD_Y);
    pango_cairo_show_layout(cr, b->cells[r * b->ncols + c]);
}

/* Draws the lines of cell layout l that start within [from, to) of its row
 * (a slice of a row taller than a page), the row's point `from` at y; each
 * line is drawn in exactly one slice. */
static void draw_cell_slice(cairo_t *cr, PangoLayout *l, double x, double y, double from,
                            double to) {
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle log;
        pango_layout_iter_get_line_extents(it, NULL, &log);
        double top = CELL_PAD_Y + pu(log.y);
        if (top >= to - EPS) break;
        if (top < from - EPS) continue;
        cairo_move_to(cr, x + pu(log.x), y + CELL_PAD_Y + pu(pango_layout_iter_get_baseline(it)) - from);
        pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

static void hline(cairo_t *cr, double x0, double x1, double y, double w,
                  double gray) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, gray, gray, gray);
    cairo_set_line_width(cr, w);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* Draws a table's rows on one page, tagged Table, TR, TH and TD: the
 * header row's cells head their columns; a table without one has its
 * first column head the rows. The header repeated on a later page, the
 * shading and the rules are artifacts. */
static void draw_table(Doc *d, cairo_t *cr, Tagger *tg, const Block *b,
                       const Place *pl) {
    double x = d->ml, y = pl->y, tw = doc_text_width(d);
    /* a row taller than a page comes in slices (place_tall_row): the table
     * opens with the first slice of its first row, closes with the last of
     * its last */
    int first = pl->from == 1 && pl->off == 0;
    int last = pl->to > b->nrows && (pl->h == 0 || pl->off + pl->h - (pl->off > 0 ? CELL_PAD_Y : 0) >=
                                                   b->row_h[pl->from] - EPS);
    if (first) tagger_open(tg, "Table");
    if (b->has_header) {
        tagger_artifact(tg, ARTIFACT_LAYOUT);
        cairo_save(cr);
        cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
        cairo_rectangle(cr, x, y, tw, b->row_h[0]);
        cairo_fill(cr);
        cairo_restore(cr);
        tagger_close(tg);
        if (first) {
            tagger_open(tg, "TR");
            for (int c = 0; c < b->ncols; c++) {
                tagger_header_cell(tg, SCOPE_COLUMN);
                draw_cell(cr, b, 0, c, x, y);
                tagger_close(tg);
            }
            tagger_close(tg);
        } else {
            tagger_artifact(tg, ARTIFACT_PAGINATION);
            for (int c = 0; c < b->ncols; c++) draw_cell(cr, b, 0, c, x, y);
            tagger_close(tg);
        }
        y += b->row_h[0];
    }
    double top = y;
    if (pl->h > 0) {                       /* a slice of a row taller than a page */
        double pad = pl->off > 0 ? CELL_PAD_Y : 0;
        tagger_open(tg, "TR");
        for (int c = 0; c < b->ncols; c++) {
            if (c == 0 && !b->has_header && b->ncols > 1) tagger_header_cell(tg, SCOPE_ROW);
            else tagger_open(tg, "TD");
            draw_cell_slice(cr, b->cells[pl->from * b->ncols + c], x + b->col_x[c], y + pad,
                            pl->off, pl->off + pl->h - pad);
            tagger_close(tg);
        }
        tagger_close(tg);
        tagger_artifact(tg, ARTIFACT_LAYOUT);
        hline(cr, x, x + tw, top, 0.6, 0.0);
        hline(cr, x, x + tw, y + pl->h, 0.6, 0.0);
        tagger_close(tg);
        if (last) tagger_close(tg);
        return;
    }
    for (int r = pl->from; r < pl->to; r++) {
        tagger_open(tg, "TR");
        for (int c = 0; c < b->ncols; c++) {
            if (c == 0 && !b->has_header && b->ncols > 1) tagger_header_cell(tg, SCOPE_ROW);
            else tagger_open(tg, "TD");
            draw_cell(cr, b, r, c, x, y);
            tagger_close(tg);
        }
        tagger_close(tg);
        y += b->row_h[r];
    }
    tagger_artifact(tg, ARTIFACT_LAYOUT);
    hline(cr, x, x + tw, top, 0.6, 0.0);
    for (int r = pl->from; r + 1 < pl->to; r++) {
        top += b->row_h[r];
        hline(cr, x, x + tw, top, 0.25, 0.7);
    }
    hline(cr, x, x + tw, y, 0.6, 0.0);
    tagger_close(tg);
    if (last) tagger_close(tg);
}

/* SOURCE_DATE_EPOCH as an ISO-8601 UTC date, or 0 when unset/invalid. */
static int source_date(char *out, size_t outlen) {
    time_t t;
    if (epoch_from_env(&t) != 1) return 0;
    struct tm tm;
    if (!gmtime_r(&t, &tm)) return 0;
    return strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

static cairo_status_t write_to_outfile(void *closure, const unsigned char *data,
                                       unsigned int len) {
    return outfile_write(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS
                                                  : CAIRO_STATUS_WRITE_ERROR;
}

/* The current time as an ISO-8601 UTC date. */
static void current_date(char *out, size_t outlen) {
    time_t t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, outlen, "1970-01-01T00:00:00Z");
}

static cairo_status_t append_bytes(void *closure, const unsigned char *data,
                                   unsigned int len) {
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* Draws every page onto the PDF surface, tagged in reading order under
 * one Document element (tagged.h). */
static void render(Doc *d, cairo_surface_t *surface, cairo_t *cr, Tagger *tg) {
    int outline_parent = CAIRO_PDF_OUTLINE_ROOT;
    Headings headings = { top_heading_level(d), 0 };
    int in_list = 0;
    int k = 0;
    tagger_open(tg, "Document");
    for (int page = 0; page < d->npages; page++) {
        draw_furniture(d, cr, tg, page);
        for (; k < d->nplaces && d->places[k].page == page; k++) {
            const Place *pl = &d->places[k];
            const Block *b = &d->blocks[pl->block];
            int item = b->kind == B_TEXT && b->item;
            if (in_list && !item) {
                tagger_close(tg);
                in_list = 0;
            }
            if (item && !in_list) {
                tagger_open(tg, "L");
                in_list = 1;
            }
            switch (b->kind) {
            case B_TEXT:
                if (b->level && pl->from == 0) {
                    char dest[64];
                    snprintf(dest, sizeof dest, "page=%d pos=[%d %d]",
                             page + 1, (int)d->ml, (int)pl->y);
                    int id = cairo_pdf_surface_add_outline(surface,
                        b->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : outline_parent,
                        b->outline, dest,
                        b->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
                    if (b->level == 1) outline_parent = id;
                }
                render_text(d, cr, tg, b, pl, &headings);
                break;
            case B_PLACE:
                tagger_open(tg, "P");
                draw_lines(cr, b, b->x, b->y, 0, b->nlines, RUNS_ALL);
                tagger_close(tg);
                break;
            case B_TABLE:
                draw_table(d, cr, tg, b, pl);
                break;
            case B_FIGURE:
                tagger_figure(tg, b->alt);
                cairo_save(cr);
                cairo_translate(cr, d->ml, pl->y);
                cairo_rectangle(cr, 0, 0, b->w, b->fit_h);
                cairo_clip(cr);
                cairo_new_path(cr);
                if (b->draw) b->draw(cr, b->w, b->fit_h, b->ud);
                cairo_restore(cr);
                tagger_close(tg);
                break;
            case B_IMAGE:
                /* an image without a text is decoration (a logo beside
                 * the clinic's name) */
                if (b->alt) tagger_figure(tg, b->alt);
                else tagger_artifact(tg, ARTIFACT_LAYOUT);
                cairo_save(cr);
                /* an image and the text beside it share their middle */
                cairo_translate(cr, d->ml + b->x, pl->y + (b->layout ? (b->h - b->image_h) / 2 : 0));
                cairo_scale(cr, b->scale, b->scale);
                cairo_set_source_surface(cr, b->image, 0, 0);
                /* cairo 1.16 refuses a cairo_paint() inside a tag */
                cairo_rectangle(cr, 0, 0, cairo_image_surface_get_width(b->image),
                                cairo_image_surface_get_height(b->image));
                cairo_fill(cr);
                cairo_restore(cr);
                tagger_close(tg);
                if (b->layout) {
                    tagger_open(tg, "P");
                    draw_lines(cr, b, d->ml + b->x + b->text_x, pl->y + (b->h - b->height) / 2,
                               0, b->nlines, RUNS_ALL);
                    tagger_close(tg);
                }
                break;
            case B_RULE:
                tagger_artifact(tg, ARTIFACT_LAYOUT);
                hline(cr, d->ml, d->pw - d->mr, pl->y + b->h / 2, b->h, 0.4);
                tagger_close(tg);
                break;
            default:
                break;
            }
        }
        cairo_show_page(cr);
    }
    if (in_list) tagger_close(tg);
    tagger_close(tg);
}

/* Paginates d; -1 with a message when it needs more than DOC_MAX_PAGES. */
static int paginate_within_limit(Doc *d, char *err, size_t errlen) {
    paginate(d);
    if (!d->too_long) return 0;
    snprintf(err, errlen, "the document would have more than %d pages", DOC_MAX_PAGES);
    return -1;
}

int doc_write_stream(Doc *d, cairo_write_func_t write, void *closure,
                     char *err, size_t errlen) {
    if (paginate_within_limit(d, err, errlen) != 0) return -1;
    GByteArray *raw = g_byte_array_new();
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(
        append_bytes, raw, d->pw, d->ph);
    if (d->title) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, d->title);
    if (d->author) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, d->author);
    if (d->subject) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, d->subject);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "formc");
    char date[40];
    if (!source_date(date, sizeof date)) current_date(date, sizeof date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    cairo_t *cr = cairo_create(surface);
    Tagger *tg = tagger_new(cr);
    render(d, surface, cr, tg);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    unsigned char *pdf = NULL;
    size_t len = 0;
    int rc = 0;
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "drawing failed: %s", cairo_status_to_string(st));
        rc = -1;
    } else {
        TaggedInfo ti = { d->lang, d->title, d->author, d->subject, "formc", date };
        rc = tagged_finish(raw->data, raw->len, tg, &ti, &pdf, &len, err, errlen);
    }
    tagger_free(tg);
    g_byte_array_free(raw, TRUE);
    for (size_t off = 0; rc == 0 && off < len;) {
        unsigned int n = len - off > (1u << 20) ? 1u << 20 : (unsigned int)(len - off);
        if (write(closure, pdf + off, n) != CAIRO_STATUS_SUCCESS) {
            snprintf(err, errlen, "write error");
            rc = DOC_WRITE_FAILED;
        }
        off += n;
    }
    free(pdf);
    return rc;
}

int doc_write_pdf(Doc *d, const char *path, const char *const *inputs,
                  char *err, size_t errlen) {
    char why[256];
    if (paginate_within_limit(d, why, sizeof why) != 0) {
        snprintf(err, errlen, "'%s' is not written: %s", path, why);
        return -1;
    }
    OutFile *of = outfile_open(path, inputs, err, errlen);
    if (!of) return -1;
    int rc = doc_write_stream(d, write_to_outfile, of, why, sizeof why);
    if (rc == DOC_WRITE_FAILED) {
        outfile_fail(of, EIO);   /* keeps the write's own error (ENOSPC, EFBIG...) */
    } else if (rc != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, why);
        outfile_abort(of);
        return -1;
    }
    return outfile_commit(of, err, errlen);
}

void doc_free(Doc *d) {
    if (!d) return;
    for (int i = 0; i < d->nblocks; i++) {
        Block *b = &d->blocks[i];
        if (b->layout) g_object_unref(b->layout);
        if (b->ragged) g_object_unref(b->ragged);
        free(b->loose);
        free(b->lines);
        free(b->outline);
        free(b->alt);
        if (b->cells)
            for (int k = 0; k < (b->nrows + 1) * b->ncols; k++)
                if (b->cells[k]) g_object_unref(b->cells[k]);
        free(b->cells);
        free(b->col_x);
        free(b->col_w);
        free(b->row_h);
        if (b->image) cairo_surface_destroy(b->image);
    }
    free(d->blocks);
    free(d->places);
    if (d->ctx) g_object_unref(d->ctx);
    free(d->lang); free(d->title); free(d->author); free(d->subject);
    free(d->hleft); free(d->hright); free(d->pfmt); free(d->draft_mark); free(d->alt);
    free(d);
}

void doc_shutdown(void) {
    free_fonts_cache();
    fonts_shutdown();
    hyphenate_shutdown();
}
