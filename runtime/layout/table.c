/* table.c: building a table block; see doc_table in layout.h.
 *
 * Promises: the columns shown (empty ones left out when asked), their
 * widths (every short cell's widest word whole, a column of short cells
 * on one line where the width allows, the rest shared by rel_width,
 * columns.h), each cell shaped at its column's width and each
 * row's height. Where the table's rows go is paginate.c's, how they are
 * drawn render.c's. May touch: the Doc's blocks (appending only), text.h,
 * columns.h. */
#include "layout/layout.h"

#include "layout/columns.h"
#include "layout/doc.h"
#include "layout/fonts.h"
#include "layout/text.h"
#include "base/arena.h"
#include "base/utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TH_SIZE        8.5
#define TD_SIZE        9.5
#define NUMBER_GUTTER  6.0   /* more between a column of numbers and text */

/* True when a cell of a column aligned al is set as prose (text_is_prose):
 * wrapped and hyphenated within its column (cell_layout); anything
 * shorter keeps its words whole and is never hyphenated. */
static int cell_wraps_as_prose(const char *t, Align al) {
    if (!t) return 0;
    while (g_ascii_isspace(*t)) t++;
    return al == ALIGN_LEFT && text_is_prose(t);
}

/* A table cell's layout, w points wide (0: as narrow as its words allow,
 * to measure the widest; negative: none of its lines wrapped, to measure a
 * short cell's natural width); prose is hyphenated, anything else keeps
 * its words whole unless may_break; quiet: its missing glyphs are not
 * reported (a layout only measured, or a cell reported already); lang is
 * the language its text is written in (NULL: the document's). */
static PangoLayout *cell_layout_hyph(Doc *d, const char *text, RunStyle style,
                                     Loc origin, const char *lang, double w, Align al,
                                     int header, int may_break, int quiet, int hyphenate,
                                     const Run *parts, int nparts) {
    TextBuilder tb;
    tb_init(&tb, d->lang);
    const char *t = text ? text : "";
    size_t s = 0, e = strlen(t);
    while (s < e && g_ascii_isspace(t[s])) s++;
    int prose = !header && cell_wraps_as_prose(t + s, al);
    /* cells are ragged: only long words are hyphenated; a cell of runs in
     * more than one language sets each in its own */
    if (nparts == 0) {
        tb_add(&tb, t, s, e - s, style, origin, lang, prose && hyphenate ? (lang ? lang : d->lang) : NULL,
               RAGGED_MIN_WORD);
    }
    for (int i = 0; i < nparts; i++) {
        const char *pt = parts[i].text;
        size_t ps = 0, pe = strlen(pt);
        if (tb.text->len == 0)
            while (ps < pe && g_ascii_isspace(pt[ps])) ps++;
        const char *pl = parts[i].lang;
        tb_add(&tb, pt, ps, pe - ps, style, parts[i].origin, pl,
               prose && hyphenate ? (pl ? pl : d->lang) : NULL, RAGGED_MIN_WORD);
    }
    tb_trim_end(&tb);
    if (!prose && !may_break) tb_keep_words(&tb);
    tb_attr(&tb, pango_attr_font_features_new("tnum 1, lnum 1"), 0, G_MAXUINT);
    PangoFontDescription *fd = header
        ? fonts_face(FONTS_SANS, TH_SIZE, PANGO_WEIGHT_BOLD)
        : fonts_face(FONTS_SERIF, TD_SIZE, PANGO_WEIGHT_NORMAL);
    PangoAlignment pa = al == ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                      : al == ALIGN_CENTER ? PANGO_ALIGN_CENTER
                      : PANGO_ALIGN_LEFT;
    PangoLayout *l = make_layout(d, &tb, fd, w == 0 ? 0.01 : w, pa, 0, 0,
                                 (may_break ? LAYOUT_WRAP_CHAR : 0) | (quiet ? LAYOUT_QUIET : 0));
    tb_free(&tb);
    return l;
}

static PangoLayout *cell_layout(Doc *d, const char *text, RunStyle style,
                                Loc origin, const char *lang, double w, Align al,
                                int header, int may_break, int quiet) {
    return cell_layout_hyph(d, text, style, origin, lang, w, al, header, may_break, quiet, 1, NULL, 0);
}

/* A body cell: its run, and the runs it is made of when they are in more
 * than one language (CellParts). */
typedef struct {
    Run r;
    CellParts parts;
} Cell;

/* A body cell's layout (cell_layout_hyph), of its parts when it has them. */
static PangoLayout *body_layout(Doc *d, const Cell *cell, double w, Align al, int may_break,
                                int quiet, int hyphenate) {
    return cell_layout_hyph(d, cell->r.text, cell->r.style, cell->r.origin, cell->r.lang, w, al, 0,
                            may_break, quiet, hyphenate, cell->parts.runs, cell->parts.n);
}

/* True when the last of l's two or more lines holds a single word. */
static int ends_in_widow(PangoLayout *l) {
    int n = pango_layout_get_line_count(l);
    if (n < 2) return 0;
    const char *t = pango_layout_get_text(l);
    PangoLayoutLine *last = pango_layout_get_line_readonly(l, n - 1);
    int e = last->start_index + last->length;
    while (e > last->start_index && g_ascii_isspace(t[e - 1])) e--;
    for (int i = last->start_index; i < e; i++)
        if (t[i] == ' ') return 0;
    return 1;
}

/* A word of this many characters or fewer (a name's particle: "de",
 * "La", "von") alone on a line inside a cell, left there because the word
 * after it is too long to share its line, is given company. */
#define LONE_WORD_MAX 3

/* True when a wrapped line of l, neither its first nor its last, holds a
 * single word of LONE_WORD_MAX characters or fewer. */
static int strands_a_short_word(PangoLayout *l) {
    int n = pango_layout_get_line_count(l);
    const char *t = pango_layout_get_text(l);
    for (int i = 1; i + 1 < n; i++) {
        PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
        if (line->is_paragraph_start) continue;
        const char *s = t + line->start_index, *e = s + line->length;
        while (e > s && g_ascii_isspace(e[-1])) e--;
        if (e > s && !memchr(s, ' ', (size_t)(e - s)) && g_utf8_strlen(s, e - s) <= LONE_WORD_MAX)
            return 1;
    }
    return 0;
}

/* l, or when it strands a short word (strands_a_short_word) the cell set a
 * little narrower, in as many lines, none wider than w, where the word
 * shares a line ("Jean-Baptiste (Jean-Baptiste" over "de La" over
 * "Rochefoucauld-Montmorency)", not "… de" over "La" over "…"). */
static PangoLayout *unstranded(Doc *d, const Cell *cell, PangoLayout *l, double w, Align al,
                               int may_break, int hyph) {
    if (al != ALIGN_LEFT || !strands_a_short_word(l)) return l;
    int n = pango_layout_get_line_count(l), widow = ends_in_widow(l);
    for (int k = 1; k <= 8; k++) {
        PangoLayout *t = body_layout(d, cell, w * (1 - 0.03 * k), al, may_break, 1, hyph);
        PangoRectangle log;
        pango_layout_get_extents(t, NULL, &log);
        if (pango_layout_get_line_count(t) == n && pu(log.width) <= w + EPS &&
            !strands_a_short_word(t) && ends_in_widow(t) <= widow) {
            held_unref(d, l);
            return t;
        }
        held_unref(d, t);
    }
    return l;
}

/* Cells of more lines than this are not balanced (ends_in_widow); a
 * balanced cell is set this much wider than its lines' mean width. */
#define BALANCE_MAX_LINES 3
#define BALANCE_SLACK 1.08

/* A body cell's layout at its column's width w: prose that takes two
 * lines or fewer without hyphens is not hyphenated (a long label); a
 * left-aligned cell of a few lines whose last would hold one word alone
 * is set narrower, its lines about even, when that keeps their number
 * and gives the word company, and so is one that strands a short word
 * inside it (unstranded). */
static PangoLayout *body_cell_layout(Doc *d, const Cell *cell, double w, Align al, int may_break) {
    PangoLayout *l = body_layout(d, cell, w, al, may_break, 1, 1);
    int n = pango_layout_get_line_count(l);
    int hyph = cell_wraps_as_prose(cell->r.text, al);
    if (hyph && n <= 2) {
        PangoLayout *plain = body_layout(d, cell, w, al, may_break, 1, 0);
        if (pango_layout_get_line_count(plain) <= 2) {
            held_unref(d, l);
            l = plain;
            n = pango_layout_get_line_count(l);
            hyph = 0;
        } else {
            held_unref(d, plain);
        }
    }
    if (al != ALIGN_LEFT || n > BALANCE_MAX_LINES || !ends_in_widow(l))
        return unstranded(d, cell, l, w, al, may_break, hyph);
    /* its lines as even as they go: their width shared by n, then, if
     * that is too narrow, halfway back to the column's width */
    double sum = 0;
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle log;
        pango_layout_iter_get_line_extents(it, NULL, &log);
        sum += pu(log.width);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    double even = sum / n * BALANCE_SLACK;
    for (int k = 0; k < 2 && even < w; k++, even = (even + w) / 2) {
        PangoLayout *t = body_layout(d, cell, even, al, may_break, 1, hyph);
        if (pango_layout_get_line_count(t) == n && !ends_in_widow(t)) {
            held_unref(d, l);
            return t;
        }
        held_unref(d, t);
    }
    return unstranded(d, cell, l, w, al, may_break, hyph);
}

/* The width a line of l (laid out unwrapped) needs to be set on two
 * lines: the least, over the places it may break, of the wider part. */
static double two_line_width(PangoLayout *l, PangoLayoutLine *line, const PangoLogAttr *attrs,
                             int nattrs) {
    const char *t = pango_layout_get_text(l);
    PangoRectangle log;
    pango_layout_line_get_extents(line, NULL, &log);
    int best = log.width;
    int k = (int)g_utf8_pointer_to_offset(t, t + line->start_index);
    for (int i = line->start_index; i < line->start_index + line->length;
         i = (int)(g_utf8_next_char(t + i) - t), k++) {
        if (i == line->start_index || k >= nattrs || !attrs[k].is_line_break) continue;
        int x;
        pango_layout_line_index_to_x(line, i, FALSE, &x);
        int wider = x > log.width - x ? x : log.width - x;
        if (wider < best) best = wider;
    }
    return pu(best);
}

/* The width of a cell with none of its lines wrapped (its line breaks
 * kept), a short cell's natural width, into *one; into *two, the width
 * that sets each of its lines on two at most. Returns its number of
 * lines. */
static int line_widths(Doc *d, const Cell *cell, Align al, double *one, double *two) {
    PangoLayout *l = body_layout(d, cell, -1, al, 0, 1, 1);
    PangoRectangle log;
    pango_layout_get_extents(l, NULL, &log);
    *one = pu(log.width);
    int nattrs;
    const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(l, &nattrs);
    *two = 0;
    for (int i = 0; i < pango_layout_get_line_count(l); i++) {
        double w = two_line_width(l, pango_layout_get_line_readonly(l, i), attrs, nattrs);
        if (w > *two) *two = w;
    }
    int n = pango_layout_get_line_count(l);
    held_unref(d, l);
    return n;
}

/* The widths of a short cell: on one line, on two, and its own lines. */
typedef struct {
    double one, two;
    int lines;
} CellWidths;

/* About how many lines the table's rows take at column widths w (with
 * their padding), as its short cells' widths (cw, by row and column) say:
 * each of a cell's lines takes one line, two or (narrower) three; a
 * column of prose counts one. */
static int rows_lines(int nrows, int ncols, const int *prose, const CellWidths *cw,
                      const double *pad, const double *w) {
    int total = 0;
    for (int r = 0; r < nrows; r++) {
        int most = 1;
        for (int c = 0; c < ncols; c++) {
            const CellWidths *x = &cw[r * ncols + c];
            if (prose[c] || x->lines == 0) continue;
            int each = x->one + pad[c] <= w[c] + EPS ? 1 : x->two + pad[c] <= w[c] + EPS ? 2 : 3;
            if (each * x->lines > most) most = each * x->lines;
        }
        total += most;
    }
    return total;
}

/* A cell's text past this many bytes is not laid out narrow to measure it. */
#define CELL_MEASURE_BYTES 4096

/* A layout of the first CELL_MEASURE_BYTES of a long cell (to its last
 * space), as narrow as its words allow, to measure its widest word; its
 * missing glyphs are left to the cell's own layout to report. */
static PangoLayout *measuring_layout(Doc *d, const Cell *cell, Align al, int may_break) {
    size_t n = CELL_MEASURE_BYTES;
    while (n > 0 && !g_ascii_isspace(cell->r.text[n])) n--;
    if (n == 0) n = CELL_MEASURE_BYTES;
    n = utf8_start(cell->r.text, strlen(cell->r.text), n);   /* a whole character */
    char *start = xstrndup(cell->r.text, n);
    MissingGlyphFn report = d->info.missing_glyph;
    d->info.missing_glyph = NULL;
    PangoLayout *m = cell_layout(d, start, cell->r.style, LOC_NONE, cell->r.lang, 0, al, 0, may_break, 1);
    d->info.missing_glyph = report;
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

/* The language most of a cell's parts are written in when it is not the
 * document's (a part's own, Run.lang), or NULL: the cell's /Lang, as a
 * paragraph's is the language most of its text is in. */
static const char *parts_lang(CellParts p) {
    const char *other = NULL;
    size_t in_other = 0, all = 0;
    for (int i = 0; i < p.n; i++) {
        size_t len = strlen(p.runs[i].text);
        all += len;
        if (!p.runs[i].lang) continue;
        if (!other) other = p.runs[i].lang;
        if (!strcmp(other, p.runs[i].lang)) in_other += len;
    }
    return other && 2 * in_other > all ? other : NULL;
}

void doc_table(Doc *d, const TableColumn *all_cols, int all_ncols, const Run *all_cells,
               int nrows) {
    doc_table_parts(d, all_cols, all_ncols, all_cells, NULL, nrows);
}

void doc_table_parts(Doc *d, const TableColumn *all_cols, int all_ncols, const Run *all_cells,
                     const CellParts *all_parts, int nrows) {
    if (all_ncols <= 0) return;
    int *keep = xmalloc(sizeof *keep * (size_t)all_ncols);
    int ncols = shown_columns(all_cols, all_ncols, all_cells, nrows, keep);
    TableColumn *cols = xmalloc(sizeof *cols * (size_t)all_ncols);
    Cell *cells = xcalloc((size_t)nrows * (size_t)all_ncols + 1, sizeof *cells);
    for (int c = 0; c < ncols; c++) {
        cols[c] = all_cols[keep[c]];
        for (int r = 0; r < nrows; r++) {
            int k = r * all_ncols + keep[c];
            cells[r * ncols + c].r = all_cells[k];
            if (all_parts && all_parts[k].n) {
                cells[r * ncols + c].parts = all_parts[k];
                cells[r * ncols + c].r.lang = parts_lang(all_parts[k]);
            }
        }
    }
    free(keep);
    size_t text = 0;          /* a table too long to hold laid out lets its
                                 cells' lines go as each is measured */
    for (int c = 0; c < ncols; c++) text += cols[c].title ? strlen(cols[c].title) : 0;
    for (int k = 0; k < nrows * ncols; k++) text += cells[k].r.text ? strlen(cells[k].r.text) : 0;
    held_expect(d, text);
    Block *b = new_block(d, B_TABLE);
    b->before = 4.0;
    b->after = 8.0;
    b->ncols = ncols;
    b->nrows = nrows;
    b->col_x = xcalloc((size_t)ncols + 1, sizeof(double));
    b->col_w = xcalloc((size_t)ncols + 1, sizeof(double));
    b->row_h = xcalloc((size_t)nrows + 1, sizeof(double));
    b->cells = xcalloc((size_t)(nrows + 1) * (size_t)ncols + 1, sizeof(PangoLayout *));
    for (int k = 0; k < nrows * ncols; k++)
        if (cells[k].r.lang && (!d->lang || strcmp(cells[k].r.lang, d->lang))) {
            if (!b->cell_langs)
                b->cell_langs = xcalloc((size_t)(nrows + 1) * (size_t)ncols + 1, sizeof(char *));
            b->cell_langs[ncols + k] = xstrdup(cells[k].r.lang);
        }
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
     * when the columns cannot all hold their whole words, the words break.
     * A column of short cells would rather hold each on one line: its
     * natural width; a column with prose in it wraps. */
    double *natural = xcalloc((size_t)ncols + 1, sizeof(double));
    double *two_lines = xcalloc((size_t)ncols + 1, sizeof(double));
    double *pad = xcalloc((size_t)ncols + 1, sizeof(double));
    for (int c = 0; c < ncols; c++) pad[c] = pad_l[c] + pad_r[c];
    CellWidths *widths_of = xcalloc((size_t)nrows * (size_t)ncols + 1, sizeof *widths_of);
    int *prose = xcalloc((size_t)ncols + 1, sizeof(int));
    for (int c = 0; c < ncols; c++)
        for (int r = 0; r < nrows && !prose[c]; r++)
            prose[c] = cell_wraps_as_prose(cells[r * ncols + c].r.text, cols[c].align);
    int may_break = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int r = 0; r <= nrows; r++)
            for (int c = 0; c < ncols; c++) {
                const Cell *cell = r ? &cells[(r - 1) * ncols + c] : NULL;
                if (b->cells[r * ncols + c]) held_unref(d, b->cells[r * ncols + c]);
                /* laying a cell out as narrow as it goes takes time in the
                 * square of its words: a long one is measured by its start
                 * (a wider word further on is broken, never_overflow) */
                int long_cell = cell && cell->r.text && strlen(cell->r.text) > CELL_MEASURE_BYTES;
                PangoLayout *l = r == 0
                    ? cell_layout(d, cols[c].title, RUN_PLAIN, LOC_NONE, NULL, 0, cols[c].align, 1,
                                  may_break, 0)
                    : body_layout(d, cell, long_cell ? doc_text_width(d) : 0, cols[c].align,
                                  may_break, 0, 1);
                b->cells[r * ncols + c] = l;
                PangoLayout *m = long_cell ? measuring_layout(d, cell, cols[c].align, may_break) : l;
                PangoRectangle log;
                pango_layout_get_extents(m, NULL, &log);
                held_measured(d, l);
                if (m != l) held_unref(d, m);
                double need = pu(log.width) + pad_l[c] + pad_r[c];
                if (need > min[c]) min[c] = need;
                if (r > 0 && !prose[c] && !may_break) {     /* a title may wrap */
                    CellWidths *x = &widths_of[(r - 1) * ncols + c];
                    x->lines = line_widths(d, cell, cols[c].align, &x->one, &x->two);
                    if (x->one + pad[c] > natural[c]) natural[c] = x->one + pad[c];
                    if (x->two + pad[c] > two_lines[c]) two_lines[c] = x->two + pad[c];
                }
            }
        if (may_break) {
            columns_fit(ncols, min, rel, doc_text_width(d), width);
            break;
        }
        if (columns_plan(ncols, min, natural, two_lines, prose, rel, doc_text_width(d), 0, width) == 0) {
            /* columns as wide as each other give way together (two
             * outcome columns alike), unless their rows would be taller */
            double *alike = xcalloc((size_t)ncols + 1, sizeof(double));
            if (columns_plan(ncols, min, natural, two_lines, prose, rel, doc_text_width(d), 1, alike) == 0 &&
                rows_lines(nrows, ncols, prose, widths_of, pad, alike) <=
                    rows_lines(nrows, ncols, prose, widths_of, pad, width))
                memcpy(width, alike, sizeof(double) * (size_t)ncols);
            free(alike);
            break;
        }
        may_break = 1;
    }
    double x = 0;
    for (int c = 0; c < ncols; c++) {
        b->col_x[c] = x + pad_l[c];
        b->col_w[c] = width[c] - pad_l[c] - pad_r[c];
        x += width[c];
    }
    /* each cell laid out again at its column's width, its missing glyphs
     * reported already; a row's cells share its first baseline (a name in
     * bold beside smaller text), set down as far as the lowest asks */
    for (int r = 0; r <= nrows; r++) {
        double h = 0;
        int base = 0;
        for (int c = 0; c < ncols; c++) {
            const Cell *cell = r ? &cells[(r - 1) * ncols + c] : NULL;
            double cw = b->col_w[c] > 1 ? b->col_w[c] : 1;
            held_unref(d, b->cells[r * ncols + c]);
            PangoLayout *l = r == 0
                ? cell_layout(d, cols[c].title, RUN_PLAIN, LOC_NONE, NULL, cw, cols[c].align, 1,
                              may_break, 1)
                : body_cell_layout(d, cell, cw, cols[c].align, may_break);
            b->cells[r * ncols + c] = l;
            if (pango_layout_get_character_count(l) > 0 && pango_layout_get_baseline(l) > base)
                base = pango_layout_get_baseline(l);
        }
        for (int c = 0; c < ncols; c++) {
            PangoLayout *l = b->cells[r * ncols + c];
            double dy = pu(base - pango_layout_get_baseline(l));
            if (dy > 0 && pango_layout_get_character_count(l) > 0) {
                if (!b->cell_dy) b->cell_dy = xcalloc((size_t)(nrows + 1) * (size_t)ncols + 1, sizeof(double));
                b->cell_dy[r * ncols + c] = dy;
            } else {
                dy = 0;
            }
            PangoRectangle log;
            pango_layout_get_extents(l, NULL, &log);
            held_measured(d, l);
            if (dy + pu(log.height) > h) h = dy + pu(log.height);
        }
        b->row_h[r] = h + 2 * CELL_PAD_Y;
    }
    if (!b->has_header) b->row_h[0] = 0;
    held_built(d, b);
    free(pad_l);
    free(pad_r);
    free(min);
    free(rel);
    free(width);
    free(natural);
    free(two_lines);
    free(pad);
    free(widths_of);
    free(prose);
    free(cols);
    free(cells);
}
