/* render.c: drawing a paginated Doc's pages; see render.h.
 *
 * Promises: each place drawn where pagination put it (a justified line
 * too loose drawn ragged, a table's header repeated, a slice of a row
 * taller than a page, a part of a figure in rows), the page furniture (draft mark, running header,
 * page number) on every page, and every mark tagged: headings, paragraphs,
 * lists, tables and figures as structure, the rest as artifacts. May
 * touch: the cairo_t and Tagger it is handed, the Doc read only, text.h's
 * fonts. */
#include "layout/render.h"

#include "layout/fonts.h"
#include "layout/text.h"
#include "base/textguard.h"
#include "figures/figtext.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FURNITURE_SIZE 8.0
/* The most lines a footer takes: a clinic's confidentiality notice of a
 * usual length before the page number stays whole; a longer one is cut. */
#define FOOTER_LINES 3

/* A one-line layout for page furniture. */
static PangoLayout *furniture(Doc *d, const char *text, double size,
                              PangoWeight w) {
    PangoLayout *l = pango_layout_new(d->ctx);
    PangoFontDescription *fd = fonts_face(FONTS_SANS, size, w);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_auto_dir(l, FALSE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    char *safe = textguard_text(text, strlen(text), NULL, NULL);
    pango_layout_set_text(l, safe ? safe : text, -1);
    free(safe);
    layout_set_language(l, d->lang);
    return l;
}

static double layout_width(PangoLayout *l) {
    PangoRectangle log;
    pango_layout_get_extents(l, NULL, &log);
    return pu(log.width);
}


/* Whether furniture l keeps within its room: one line of at most width
 * points, or, wrapped at width, at most `lines` lines. */
static int fits(PangoLayout *l, double width, int lines) {
    return lines == 1 ? layout_width(l) <= width
                      : pango_layout_get_line_count(l) <= lines;
}

/* The length in bytes of the separator an ellipsis should not follow that
 * t's bytes [0, end) end on (a space, a middle dot, a comma, a colon, a
 * dash), or 0. */
static size_t separator_before(const char *t, size_t end) {
    static const char *const seps[] = { " ", "\xC2\xB7", ",", ";", ":", "\xE2\x80\x93", "\xE2\x80\x94", "-", "|" };
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
        size_t n = strlen(seps[i]);
        if (end >= n && !memcmp(t + end - n, seps[i], n)) return n;
    }
    return 0;
}

/* Sets l's text to the first `end` bytes of t, without the separators it
 * ends on, an ellipsis, and then, after a space, t's bytes from `keep` on
 * (none when keep is t's end). */
static void cut_at(PangoLayout *l, const char *t, size_t end, size_t keep) {
    for (size_t n; end > 0 && (n = separator_before(t, end));) end -= n;
    GString *s = g_string_new_len(t, (gssize)end);
    g_string_append(s, "\xE2\x80\xA6");
    if (t[keep]) g_string_append_printf(s, " %s", t + keep);
    pango_layout_set_text(l, s->str, -1);
    g_string_free(s, TRUE);
}

/* Keeps furniture l within `lines` lines of at most width points (more
 * than one wrapped and aligned so): the words that fit, then an ellipsis,
 * then its last `kept` bytes whole (the page number after a footer's
 * notice; counted from the end, as the text laid out may have more in
 * its long words than the caller's: textguard.h), so a running header's
 * side of any length (a name of hundreds of words) stays on its line
 * below the top of the page and a footer of any length above its foot. A
 * first word wider than the room is cut within it, or, before a page
 * number, left out for the ellipsis. The PDF's title, and
 * the document's own text, keep the whole of it. */
static void fit_lines(PangoLayout *l, double width, int lines,
                      PangoAlignment align, size_t kept) {
    char *t = g_strdup(pango_layout_get_text(l));
    for (char *p = t; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
    size_t len = strlen(t);
    size_t keep = kept < len ? len - kept : 0;
    pango_layout_set_text(l, t, -1);
    if (lines > 1 && layout_width(l) > width) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_alignment(l, align);
    }
    if (!fits(l, width, lines)) {
        /* the word ends before keep, each where a space follows a word */
        size_t n = 0;
        size_t *ends = g_new(size_t, len + 1);
        for (size_t i = 1; i < keep; i++)
            if (t[i] == ' ' && t[i - 1] != ' ') ends[n++] = i;
        /* the most words that fit with their ellipsis: a binary search */
        size_t lo = 0, hi = n;          /* ends[0, lo) fit; ends[hi, n) do not */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            cut_at(l, t, ends[mid], keep);
            if (fits(l, width, lines)) lo = mid + 1;
            else hi = mid;
        }
        if (lo > 0) {
            cut_at(l, t, ends[lo - 1], keep);
        } else if (keep > 0 && keep < len && (cut_at(l, t, 0, keep), fits(l, width, lines))) {
            /* not one word of the notice fits: the page number still does */
        } else {
            pango_layout_set_text(l, t, -1);
            pango_layout_set_width(l, (int)(width * PANGO_SCALE));
            pango_layout_set_height(l, -lines);
            pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        }
        g_free(ends);
    }
    g_free(t);
}

/* "page N of M" from the caller's format, of any length (malloc'd): the
 * first %d is N, the second M, %% is a percent sign; nothing else is
 * interpreted. *number is where the words of the page number start: the
 * word before the first %d ("page"), or the text's end without a %d. */
static char *format_page(const char *fmt, int n, int m, size_t *number) {
    GString *out = g_string_new("");
    int k = 0;
    *number = SIZE_MAX;
    for (const char *p = fmt; *p; p++) {
        if (p[0] == '%' && p[1] == 'd') {
            if (k == 0) {
                size_t i = out->len;
                while (i > 0 && out->str[i - 1] == ' ') i--;
                while (i > 0 && out->str[i - 1] != ' ') i--;
                *number = i;
            }
            g_string_append_printf(out, "%d", k++ == 0 ? n : m);
            p++;
        } else if (p[0] == '%' && p[1] == '%') {
            g_string_append_c(out, '%');
            p++;
        } else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
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
        /* each side on one line, within its half when both are there (a
         * short side leaves the other more) */
        double ty = d->mt - 34, room = d->pw - d->ml - d->mr, gap = 12;
        PangoLayout *l = d->hleft ? furniture(d, d->hleft, FURNITURE_SIZE, PANGO_WEIGHT_NORMAL) : NULL;
        PangoLayout *r = d->hright ? furniture(d, d->hright, FURNITURE_SIZE, PANGO_WEIGHT_NORMAL) : NULL;
        double half = l && r ? (room - gap) / 2 : room;
        if (r) fit_lines(r, l ? fmax(half, room - gap - layout_width(l)) : room, 1, PANGO_ALIGN_LEFT, 0);
        if (l) fit_lines(l, r ? room - gap - layout_width(r) : room, 1, PANGO_ALIGN_LEFT, 0);
        if (l) {
            cairo_move_to(cr, d->ml, ty);
            pango_cairo_show_layout(cr, l);
            g_object_unref(l);
        }
        if (r) {
            cairo_move_to(cr, d->pw - d->mr - layout_width(r), ty);
            pango_cairo_show_layout(cr, r);
            g_object_unref(r);
        }
        cairo_set_line_width(cr, 0.4);
        cairo_move_to(cr, d->ml, d->mt - 20);
        cairo_line_to(cr, d->pw - d->mr, d->mt - 20);
        cairo_stroke(cr);
        tagger_close(tg);
    }
    if (d->info.footer_page_numbers) {
        tagger_artifact(tg, ARTIFACT_FOOTER);
        size_t number;
        char *text = format_page(d->pfmt, page + 1, d->npages, &number);
        size_t kept = number < strlen(text) ? strlen(text) - number : 0;
        PangoLayout *l = furniture(d, text, FURNITURE_SIZE, PANGO_WEIGHT_NORMAL);
        g_free(text);
        fit_lines(l, d->pw - d->ml - d->mr, FOOTER_LINES, PANGO_ALIGN_CENTER, kept);
        /* a footer of more than two lines rises by the lines it has more,
         * so its foot stays where a two-line one's is */
        int lines = pango_layout_get_line_count(l);
        PangoRectangle log;
        pango_layout_get_extents(l, NULL, &log);
        double rise = lines > 2 ? pu(log.height) * (lines - 2) / lines : 0;
        int set = pango_layout_get_width(l);
        cairo_move_to(cr, (d->pw - (set >= 0 ? pu(set) : layout_width(l))) / 2,
                      d->ph - d->mb + 26 - rise);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
        tagger_close(tg);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
}

/* Which runs of a list item's first line draw_lines draws: all, only the
 * label's (tagged Lbl), or all but the label's (the item's body). */
enum { RUNS_ALL, RUNS_LABEL, RUNS_BODY };

/* The language of a run of lines drawn, for its Span when it is not its
 * element's `main`: "" when it is main's, NULL when the run holds no
 * letter (spaces, figures, signs: a telephone number is in no language)
 * and goes with the text around it. Pango gives each run the language of
 * its piece (text.c: the document's, or a quoted text's own). */
static const char *run_span_lang(const char *text, const PangoGlyphItem *run, const char *main) {
    const char *p = text + run->item->offset, *e = p + run->item->length;
    while (p < e && !g_unichar_isalpha(g_utf8_get_char(p))) p = g_utf8_next_char(p);
    if (p >= e) return NULL;
    const char *lang = pango_language_to_string(run->item->analysis.language);
    return lang && strcmp(lang, main) ? lang : "";
}

/* Whether lines [from, to) of l hold a run in another language than main. */
static int lines_mix(PangoLayout *l, int from, int to, const char *main) {
    const char *text = pango_layout_get_text(l);
    GSList *line = g_slist_nth(pango_layout_get_lines_readonly(l), (guint)from);
    for (int i = from; i < to && line; i++, line = line->next)
        for (GSList *r = ((PangoLayoutLine *)line->data)->runs; r; r = r->next) {
            const char *lang = run_span_lang(text, r->data, main);
            if (lang && *lang) return 1;
        }
    return 0;
}

/* The language an element is tagged with: its own (lang, "" for none), else
 * the document's. */
static const char *element_lang(const Doc *d, const char *lang) {
    return lang && *lang ? lang : d->lang;
}

/* Makes the Span open (*open: NULL none, "" one in the element's own
 * language) the one for text in lang ("": the element's). cairo 1.16
 * marks no content of an element after a child element of it closes, so
 * an element with parts in another language is all Spans: those in its
 * own language without a /Lang, the others each with theirs. */
static void switch_span(Tagger *tg, const char **open, const char *lang) {
    if (*open && !strcmp(*open, lang)) return;
    if (*open) tagger_close(tg);
    tagger_open(tg, "Span");
    if (*lang) tagger_lang(tg, lang);
    *open = lang;
}

/* Where a line's runs go in Spans by language: the tagger, the element's
 * language, the Span open (switch_span). tg NULL: none. */
typedef struct {
    Tagger *tg;
    const char *main;
    const char *open;
} Spans;

/* Spans for lines [from, to) of l, in an element in language main: none
 * (tg NULL) when all their words are in main. */
static Spans spans_for(Tagger *tg, PangoLayout *l, int from, int to, const char *main) {
    return (Spans){ tg && main && lines_mix(l, from, to, main) ? tg : NULL, main, NULL };
}

/* Closes the last Span open. */
static void spans_end(Spans *sp) {
    if (sp->open) tagger_close(sp->tg);
    sp->open = NULL;
}

/* Draws a line of layout with its left end on the baseline at (x, y); a
 * list item's label is the layout's text[0, label_end). With sp->tg each
 * run goes in the Span of its language. */
static void draw_line(cairo_t *cr, Spans *sp, PangoLayout *layout, size_t label_end,
                      PangoLayoutLine *line, double x, double y, int which) {
    if (which == RUNS_ALL && !sp->tg) {
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout_line(cr, line);
        return;
    }
    const char *text = pango_layout_get_text(layout);
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        int label = (size_t)run->item->offset < label_end;
        if (which == RUNS_ALL || label == (which == RUNS_LABEL)) {
            if (sp->tg) {
                const char *lang = run_span_lang(text, run, sp->main);
                switch_span(sp->tg, &sp->open, lang ? lang : sp->open ? sp->open : "");
            }
            cairo_move_to(cr, x, y);
            pango_cairo_show_glyph_item(cr, text, run);
        }
        x += pu(pango_glyph_string_get_width(run->glyphs));
    }
}

/* Draws lines [from, to) of a text block with the first line's top at y;
 * which (RUNS_*) applies to the block's first line, and RUNS_LABEL draws
 * nothing else. Each line is drawn where measure_lines found it, so a
 * text of many pages is not gone through from its first line for each
 * page (a paragraph of 700 pages took 23 s). */
static void draw_lines(cairo_t *cr, Tagger *tg, const char *main, const Block *b, double x,
                       double y, int from, int to, int which) {
    double off = b->lines[from].top;
    Spans sp = spans_for(tg, b->layout, from, to, main);
    GSList *line = g_slist_nth(pango_layout_get_lines_readonly(b->layout), (guint)from);
    for (int i = from; i < to && line; i++, line = line->next) {
        if (i != 0 && which == RUNS_LABEL) continue;
        int ragged = b->loose && b->loose[i];
        draw_line(cr, &sp, ragged ? b->ragged : b->layout, b->label_end,
                  ragged ? pango_layout_get_line_readonly(b->ragged, i) : line->data,
                  x + b->lines[i].x, y + b->lines[i].base - off, i == 0 ? which : RUNS_ALL);
    }
    spans_end(&sp);
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
            draw_lines(cr, NULL, NULL, b, d->ml, pl->y, 0, 1, RUNS_LABEL);
            tagger_close(tg);
        }
    }
    if (first) tagger_open(tg, type);
    if (first && b->lang[0]) tagger_lang(tg, b->lang);
    if (!(first && last)) tagger_open(tg, "Span");
    draw_lines(cr, tg, element_lang(d, b->lang), b, d->ml, pl->y, pl->from, pl->to,
               b->label_end ? RUNS_BODY : RUNS_ALL);
    if (!(first && last)) tagger_close(tg);
    if (last) tagger_close(tg);
    if (last && b->item) tagger_close(tg);
}

/* Draws the lines of cell layout l that start within [from, to) of its row
 * (a slice of a row taller than a page), the row's point `from` at y; each
 * line is drawn in exactly one slice. With tg, a cell in language main
 * holding words in another has its runs in Spans by language. */
static void draw_cell_slice(cairo_t *cr, Tagger *tg, const char *main, PangoLayout *l, double x,
                            double y, double pad, double from, double to) {
    Spans sp = spans_for(tg, l, 0, pango_layout_get_line_count(l), main);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle log;
        pango_layout_iter_get_line_extents(it, NULL, &log);
        double top = pad + pu(log.y);
        if (top >= to - EPS) break;
        if (top < from - EPS) continue;
        draw_line(cr, &sp, l, 0, pango_layout_iter_get_line_readonly(it), x + pu(log.x),
                  y + pad + pu(pango_layout_iter_get_baseline(it)) - from, RUNS_ALL);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    spans_end(&sp);
}

/* Draws cell (r, c) of table b with its row's top at y; with tg, its
 * words in another language than main are Spans (draw_cell_slice). */
static void draw_cell(cairo_t *cr, Tagger *tg, const char *main, const Block *b, int r, int c,
                      double x, double y) {
    PangoLayout *l = b->cells[r * b->ncols + c];
    if (tg && main && lines_mix(l, 0, pango_layout_get_line_count(l), main)) {
        draw_cell_slice(cr, tg, main, l, x + b->col_x[c], y, cell_top(b, r, c), 0, HUGE_VAL);
        return;
    }
    cairo_move_to(cr, x + b->col_x[c], y + cell_top(b, r, c));
    pango_cairo_show_layout(cr, l);
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
    /* the last slice of a row taller than a page with rows set under it
     * (pl[1].bare) ends in a row's rule, not the table's */
    int under = pl + 1 < d->places + d->nplaces && pl[1].bare && pl[1].block == pl->block;
    if (first) tagger_open(tg, "Table");
    if (b->has_header && !pl->bare) {
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
                draw_cell(cr, NULL, NULL, b, 0, c, x, y);
                tagger_close(tg);
            }
            tagger_close(tg);
        } else {
            tagger_artifact(tg, ARTIFACT_PAGINATION);
            for (int c = 0; c < b->ncols; c++) draw_cell(cr, NULL, NULL, b, 0, c, x, y);
            tagger_close(tg);
        }
        y += b->row_h[0];
    }
    double top = y;
    if (pl->h > 0) {                       /* a slice of a row taller than a page */
        double pad = pl->off > 0 ? CELL_PAD_Y : 0;
        tagger_open(tg, "TR");
        if (pl->off > 0) tagger_row_goes_on(tg);   /* one row, whatever its pages */
        for (int c = 0; c < b->ncols; c++) {
            if (c == 0 && !b->has_header && b->ncols > 1) tagger_header_cell(tg, SCOPE_ROW);
            else tagger_open(tg, "TD");
            const char *lang = b->cell_langs ? b->cell_langs[pl->from * b->ncols + c] : NULL;
            tagger_lang(tg, lang);
            draw_cell_slice(cr, tg, element_lang(d, lang), b->cells[pl->from * b->ncols + c],
                            x + b->col_x[c], y + pad, cell_top(b, pl->from, c), pl->off, pl->off + pl->h - pad);
            tagger_close(tg);
        }
        tagger_close(tg);
        tagger_artifact(tg, ARTIFACT_LAYOUT);
        if (pl->bare) hline(cr, x, x + tw, top, 0.25, 0.7);
        else hline(cr, x, x + tw, top, 0.6, 0.0);
        if (under) hline(cr, x, x + tw, y + pl->h, 0.25, 0.7);
        else hline(cr, x, x + tw, y + pl->h, 0.6, 0.0);
        tagger_close(tg);
        if (last) tagger_close(tg);
        return;
    }
    for (int r = pl->from; r < pl->to; r++) {
        tagger_open(tg, "TR");
        for (int c = 0; c < b->ncols; c++) {
            if (c == 0 && !b->has_header && b->ncols > 1) tagger_header_cell(tg, SCOPE_ROW);
            else tagger_open(tg, "TD");
            const char *lang = b->cell_langs ? b->cell_langs[r * b->ncols + c] : NULL;
            tagger_lang(tg, lang);
            draw_cell(cr, tg, element_lang(d, lang), b, r, c, x, y);
            tagger_close(tg);
        }
        tagger_close(tg);
        y += b->row_h[r];
    }
    tagger_artifact(tg, ARTIFACT_LAYOUT);
    if (pl->bare) hline(cr, x, x + tw, top, 0.25, 0.7);
    else hline(cr, x, x + tw, top, 0.6, 0.0);
    for (int r = pl->from; r + 1 < pl->to; r++) {
        top += b->row_h[r];
        hline(cr, x, x + tw, top, 0.25, 0.7);
    }
    hline(cr, x, x + tw, y, 0.6, 0.0);
    tagger_close(tg);
    if (last) tagger_close(tg);
}

/* A figure's texts in Spans by language, as it says them (figtext_lang):
 * the tagger and the Span open (switch_span). */
typedef struct {
    Tagger *tg;
    const char *open;
} FigureSpans;

static void figure_text_lang(void *closure, const char *lang) {
    FigureSpans *fs = closure;
    switch_span(fs->tg, &fs->open, lang ? lang : "");
}

/* Draws a figure, or one part of a figure in rows, tagged Figure: a
 * figure split across pages is one element with a Span for each part,
 * each part after the first under its caption, a Caption of it. A
 * figure drawing texts of another language (doc_figure_other_lang) is all
 * Spans, each text of another language in one with its /Lang. */
static void render_figure(Doc *d, cairo_t *cr, Tagger *tg, const Block *b, const Place *pl) {
    int first = pl->from == 0, last = b->nrows == 0 || pl->to >= b->nrows;
    double h = b->nrows ? pl->h : b->fit_h;
    /* a figure in rows: over each part after the first (doc_figure_rows) */
    int captioned = b->caption && (b->nrows == 0 || !first);
    FigureSpans fs = { tg, NULL };
    FigLang said = { figure_text_lang, &fs };
    if (first) tagger_figure(tg, b->alt);
    double y = pl->y;
    if (captioned) {
        tagger_open(tg, "Caption");
        cairo_move_to(cr, d->ml, y);
        pango_cairo_show_layout(cr, b->caption);
        tagger_close(tg);
        y += b->caption_h;
        if (!b->nrows) h -= b->caption_h;
    }
    if (b->other_lang) {
        switch_span(tg, &fs.open, "");
        figtext_attach_lang(cr, &said);
    } else if (!(first && last)) {
        tagger_open(tg, "Span");
    }
    cairo_save(cr);
    cairo_translate(cr, d->ml, y);
    cairo_rectangle(cr, 0, 0, b->w, h);
    cairo_clip(cr);
    cairo_new_path(cr);
    if (b->draw_rows) b->draw_rows(cr, b->w, h, pl->from, pl->to, b->ud);
    else if (b->draw) b->draw(cr, b->w, h, b->ud);
    cairo_restore(cr);
    figtext_attach_lang(cr, NULL);
    if (b->other_lang || !(first && last)) tagger_close(tg);
    if (last) tagger_close(tg);
}

void render_pages(Doc *d, cairo_surface_t *surface, cairo_t *cr, Tagger *tg) {
    /* the bookmark of the last heading of each level (0: none since one
     * above it): a heading's bookmark goes under the nearest above it */
    int outline[7] = { CAIRO_PDF_OUTLINE_ROOT };
    Headings headings = { top_heading_level(d), 0 };
    int in_list = 0;
    int k = 0;
    tagger_open(tg, "Document");
    for (int page = 0; page < d->npages; page++) {
        int first = k, end = k;
        while (end < d->nplaces && d->places[end].page == page) end++;
        held_page_ready(d, first, end);
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
                    int parent = b->level - 1;
                    while (parent > 0 && !outline[parent]) parent--;
                    int id = cairo_pdf_surface_add_outline(surface, outline[parent],
                        b->outline, dest,
                        b->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
                    outline[b->level] = id;
                    for (int l = b->level + 1; l < 7; l++) outline[l] = 0;
                }
                render_text(d, cr, tg, b, pl, &headings);
                break;
            case B_PLACE:
                tagger_open(tg, "P");
                if (b->lang[0]) tagger_lang(tg, b->lang);
                draw_lines(cr, tg, element_lang(d, b->lang), b, b->x, b->y, 0, b->nlines, RUNS_ALL);
                tagger_close(tg);
                break;
            case B_TABLE:
                draw_table(d, cr, tg, b, pl);
                break;
            case B_FIGURE:
                render_figure(d, cr, tg, b, pl);
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
                    if (b->lang[0]) tagger_lang(tg, b->lang);
                    draw_lines(cr, tg, element_lang(d, b->lang), b, d->ml + b->x + b->text_x,
                               pl->y + (b->h - b->height) / 2, 0, b->nlines, RUNS_ALL);
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
        held_page_drawn(d, first, k);
    }
    if (in_list) tagger_close(tg);
    tagger_close(tg);
}
