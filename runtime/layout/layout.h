/* layout: the document model, pagination and PDF rendering of formc; the
 * face of runtime/layout. Behind it, doc.c builds the Doc and its simple
 * blocks, paragraph.c its text and table.c its tables (text.c shapes the
 * text), paginate.c gives the blocks their pages, render.c draws them and
 * pdf.c writes the file; doc.h is what those files share. fonts,
 * hyphenate, justify, typo, columns and tagged are their helpers.
 *
 * May touch: runtime/base, runtime/figures (images) and Pango, Cairo,
 * fontconfig and libhyphen; the file system only to read fonts and
 * dictionaries and to write the PDF (through base/outfile). It knows
 * nothing of formulations or templates: a caller hands it runs of plain
 * text, each with the Loc it was written at.
 *
 * Promises: a caller builds a Doc from blocks (headings, paragraphs of
 * styled runs, tables, figures, images, rules, spaces, page breaks). Text
 * is shaped when it is added (so missing glyphs are reported while the
 * caller's strings are alive), paginated when the page count is asked for
 * or the PDF is written, then rendered: so "page N of M" is always right.
 *
 * Text is always plain text, never markup. Paragraphs are justified (or
 * ragged) with dictionary hyphenation, split across pages line by line
 * with no single orphan or widow line; headings stay with what follows;
 * table rows are never split and the header row repeats on each page;
 * figures and images are kept whole (a figure up to a tenth too tall for
 * the end of a page, or what doc_figure_min_scale allows, is drawn that
 * much smaller there instead of moving),
 * except a figure in rows, split between its rows where it does not fit;
 * no page starts with blank space.
 * Measuring and drawing use the same Pango context (fonts.h). Output is
 * byte-identical for identical input and SOURCE_DATE_EPOCH. All lengths
 * are in PostScript points. */
#ifndef FORMC_LAYOUT_H
#define FORMC_LAYOUT_H
#include <cairo.h>
#include <stddef.h>
#include "base/source.h"

typedef enum { PAPER_A4, PAPER_LETTER } Paper;

/* Called for each character no font can draw. origin is where the Run (or
 * heading or cell) holding it was written (LOC_NONE when nowhere a user
 * wrote), text that run's text as the caller gave it, byte_offset the
 * character's offset in text. */
typedef void (*MissingGlyphFn)(void *ud, Loc origin, const char *text,
                               size_t byte_offset);

typedef struct DocInfo {
    Paper paper;
    const char *lang;          /* "en" or "fr": hyphenation, language tag */
    const char *title, *author, *subject;  /* PDF metadata (author = clinician) */
    const char *header_left, *header_right; /* running header; both NULL = none */
    int footer_page_numbers;   /* page numbers in the footer of every page */
    const char *page_format;   /* e.g. "page %d of %d"; only %d and %% are
                                  interpreted; NULL = "%d / %d" */
    int draft;                 /* a visible DRAFT mark on every page */
    const char *draft_mark;    /* its word in the document's language;
                                  NULL: "DRAFT" */
    const char *continued;     /* "(continued)" in the document's language,
                                  after the heading of a figure split
                                  across pages over each part after the
                                  first; NULL: "(continued)" */
    MissingGlyphFn missing_glyph;
    void *missing_ud;
} DocInfo;

typedef struct Doc Doc;

/* Creates an empty document. Sets fonts and the hyphenation dictionary up
 * on first use in the process. Returns NULL with a message in err when a
 * font file or dictionary is missing. The DocInfo strings are copied. */
Doc *doc_new(const DocInfo *info, char *err, size_t errlen);

/* A level 1 or 2 heading (sans-serif, bold). Adds a PDF outline entry and
 * is kept on the same page as the start of the next block. origin is
 * passed back in missing-glyph reports. */
void doc_heading(Doc *d, int level, const char *text, Loc origin);

typedef enum { RUN_PLAIN, RUN_BOLD, RUN_ITALIC, RUN_SMALL, RUN_BOLD_ITALIC } RunStyle;
typedef struct {
    const char *text;
    RunStyle style;
    Loc origin;             /* where the text was written (LOC_NONE: nowhere) */
    int value;              /* inserted data (a name, a scale, a date): in a
                               paragraph, never hyphenated when it is short
                               (fewer than ten words, as a table's short
                               cells); a longer one is prose */
    const char *lang;       /* the language the text is written in, when it
                               is not the document's (NULL: the document's):
                               its quotes, spaces, hyphenation and language
                               tag are that language's */
} Run;

enum {
    PARA_JUSTIFY = 0,        /* default: justified, hyphenated */
    PARA_LEFT = 1,           /* ragged right (still hyphenated) */
    PARA_INDENT = 2,         /* first-line indent */
    PARA_KEEP_WITH_NEXT = 4, /* on the same page as the next block's start */
    PARA_NO_HYPHENATE = 8,   /* no soft hyphens (names, addresses) */
    PARA_SANS = 16,          /* sans-serif face */
    PARA_RIGHT = 32,         /* flush right (dates, signatures) */
    PARA_TIGHT = 64,         /* no space after the paragraph */
    PARA_HANGING = 128,      /* list item: lines after the first start at
                                a hanging indent, and a tab in the first
                                line ("\u2022\t", "1.\t") goes to it */
    PARA_KEEP_WHOLE = 256    /* not split between pages, when a page can
                                hold it whole (with PARA_KEEP_WITH_NEXT,
                                with the start of the next block): a
                                figure's legend, a figure's introduction
                                of fewer than six lines (a longer one
                                splits, its last two lines kept with the
                                next block: paginate.c) */
};

/* A paragraph of styled runs. A blank line ("\n\n") inside the text starts
 * a new paragraph with the same flags; a single "\n" is a line break.
 * Leading and trailing blank space is dropped. */
void doc_paragraph(Doc *d, const Run *runs, int nruns, int flags);

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;
typedef struct {
    const char *title;      /* header cell text */
    double rel_width;       /* relative column width (> 0) */
    Align align;
    int omit_if_empty;      /* left out when no row has anything in it (a
                               lone dash counts as nothing) */
} TableColumn;

/* A table: cells holds nrows * ncols runs, row by row (a cell is one Run;
 * its style and origin apply). Cells wrap within their column; a row is
 * never split across pages; the header row (the column titles) repeats
 * after a page break, and is left out when every title is NULL or "";
 * figures are tabular ("tnum"). Header cells, and cells of fewer than ten
 * words or holding line breaks (names, labels, lists), are never
 * hyphenated nor broken inside a word: each column is made at least as
 * wide as its widest such word, a column of such cells as wide as its
 * longest cell on one line whenever the width allows (otherwise the widest
 * of them wraps first), and the rest of the width goes to the columns of
 * prose by rel_width (to all, when none holds prose; columns.h). Longer
 * cells (prose) are hyphenated. Where a column of
 * numbers (right-aligned) meets one of text, the gutter is wider. A table
 * of six rows or fewer is kept on one page; a longer one split across
 * pages leaves at least two rows on each. */
void doc_table(Doc *d, const TableColumn *cols, int ncols,
               const Run *cells, int nrows);
/* The runs a table cell's text is made of, when they are written in more
 * than one language: their texts joined are the cell's. */
typedef struct { const Run *runs; int n; } CellParts;
/* doc_table, with parts (NULL, or one per cell: n 0 for a cell of one
 * run): a cell with parts sets each in its own language (quotes, spaces,
 * hyphenation), and is tagged with the language most of its text is in
 * (its cell's Run.lang is not read), the rest of it Spans in their own. */
void doc_table_parts(Doc *d, const TableColumn *cols, int ncols,
                     const Run *cells, const CellParts *parts, int nrows);

/* The alternative text of the figures and images added from now on (NULL
 * or "": none), what a screen reader says in their place. A figure
 * without one is still tagged Figure; an image without one is decoration,
 * an artifact. */
void doc_alt_text(Doc *d, const char *text);
/* The text doc_alt_text set last (NULL: none). */
const char *doc_alt(const Doc *d);

/* A figure drawn by draw(cr, w, h, ud) at (0,0) of a w x h box, where w is
 * doc_text_width(). Kept whole: moved to the next page if it does not fit,
 * unless 87% of its height fits (or what doc_figure_min_scale allows):
 * then draw() gets the smaller h (figures scale themselves down to the box
 * they are given). The figures drawn whole on a page share one scale: one
 * drawn smaller to fit the page's end has those above it on the page drawn
 * as small (and they give it the room they leave), each within its own
 * bound.
 * ud must stay valid until the last doc_write_pdf. */
typedef void (*FigureFn)(cairo_t *cr, double w, double h, void *ud);
void doc_figure(Doc *d, double height_pt, FigureFn draw, void *ud);

/* The figure added last may be drawn down to `scale` of its height
 * (0 < scale <= 1; 1: never smaller) at a page's end rather than move to
 * the next page and leave a gap, and no further, in place of the 87% any
 * figure may shrink to: its caller knows how small its text would be, so
 * a diagram of large text can go further and one whose text is already
 * at the smallest size it may have does not shrink at all. */
void doc_figure_min_scale(Doc *d, double scale);

/* The figure added last draws texts in another language than the
 * document's, each said with figtext_lang (figures/figtext.h), as a
 * French report's chart a scale's English name: its content is tagged in
 * Spans, such a text in one with its /Lang, the rest in ones without. */
void doc_figure_other_lang(Doc *d);
/* Puts text over the figure added last (not one in rows: doc_figure_rows
 * captions its own parts) as its caption, in small type, a Caption of its
 * Figure, within its height: a part of a chart continued from the page
 * before ("Composition (continued)"). */
void doc_figure_caption(Doc *d, const char *text);

/* A figure in rows that may be split between pages between two rows: a
 * chart of panels, row after row. height(from, to, w, ud) is the height
 * of rows [from, to) drawn as one part w points wide, with what a part
 * repeats at its top (a legend); draw(cr, w, h, from, to, ud) draws that
 * part at (0,0) of a w x h box. The figure is placed whole when it fits
 * (or when 87% of it does, drawn that much smaller); otherwise as many
 * rows as fit end the page and the rest go on, part after part, each at
 * least one row, and two on either side of a split when the figure has
 * four or more. It is one figure, with one alternative text, on every
 * page it spans; each part after the first has a caption over it, the
 * heading above the figure and DocInfo's continued ("Composition
 * (continued)"; "Figure" without a heading), tagged a Caption of it. ud must stay valid until the last doc_write_pdf. */
typedef double (*FigureRowsHeight)(int from, int to, double w, void *ud);
typedef void (*FigureRowsDraw)(cairo_t *cr, double w, double h, int from, int to, void *ud);
void doc_figure_rows(Doc *d, int nrows, FigureRowsHeight height, FigureRowsDraw draw, void *ud);

/* A PNG image scaled (keeping its proportions, never enlarged) to fit a
 * max_w x max_h box, aligned within the text width, kept whole. Returns 0,
 * or -1 with a message when the file cannot be read as PNG. */
int doc_image(Doc *d, const char *png_path, double max_w, double max_h,
              Align align, char *err, size_t errlen);

/* A PNG image as doc_image() places it, at the left, with the runs laid
 * out as one paragraph (doc_paragraph's flags) at its right, the two
 * centred on each other: a letterhead's logo beside the clinic's name and
 * address. Kept whole. Runs holding a blank line go under the image
 * instead. Returns as doc_image() does (then nothing is added). */
int doc_image_beside(Doc *d, const char *png_path, double max_w, double max_h,
                     const Run *runs, int nruns, int flags, char *err, size_t errlen);

/* A block of runs at a fixed position (x, y from the page's top-left
 * corner, width w) on the page where the text flow is at this point,
 * outside the flow: e.g. a letter's address in an envelope window. */
void doc_place(Doc *d, double x, double y, double w, const Run *runs,
               int nruns, int flags);

/* Vertical space (dropped at the top of a page). */
void doc_space(Doc *d, double pt);
/* A thin horizontal rule across the text width. */
void doc_rule(Doc *d);
/* The block added last stays on the same page as the start of the next
 * one (e.g. "Prepared by" with the signature line under it). */
void doc_keep_with_next(Doc *d);
/* The block added last starts on the same page as the end of the block
 * before it (spaces aside): e.g. "Prepared by" and the signature line
 * never on a page of their own. */
void doc_keep_with_previous(Doc *d);
/* Starts a new page (never an empty one). */
void doc_page_break(Doc *d);

/* Usable text width and height (the tallest block a page holds) and page
 * size, in points. */
double doc_text_width(const Doc *d);
double doc_text_height(const Doc *d);
double doc_page_width(const Doc *d);
double doc_page_height(const Doc *d);

/* The most pages a document may have: a longer one is not written. */
#define DOC_MAX_PAGES 1000

/* The number of pages (paginates if needed). Pagination stops after
 * DOC_MAX_PAGES pages: a document that needs more counts DOC_MAX_PAGES + 1
 * and is never written. */
int doc_page_count(Doc *d);

/* Paginates and writes the PDF to path, atomically (outfile.h), mode 0600.
 * path "-" (OUTFILE_STDOUT) writes it to standard output instead, whole
 * or not at all, and never to a terminal.
 * inputs (NULL-terminated, may be NULL) are files that must not be
 * overwritten. Returns 0, or -1 with a message naming the path (also for a
 * document over DOC_MAX_PAGES pages: then nothing is written). */
int doc_write_pdf(Doc *d, const char *path, const char *const *inputs,
                  char *err, size_t errlen);

/* doc_write_pdf for d's last write: d lets go of each of its blocks
 * (their layouts, tables and figures) once the last page that draws it
 * is drawn, so that neither cairo, which holds what it needs of every
 * page until it finishes the file, nor the finishing pass, which holds
 * the objects cairo wrote, holds them too (a long summary's peak). After
 * it, d can only be freed. */
int doc_write_pdf_last(Doc *d, const char *path, const char *const *inputs,
                       char *err, size_t errlen);

/* Paginates and writes the PDF through write(closure, data, len) (e.g. into
 * memory). Returns 0; DOC_WRITE_FAILED when write reported an error; -1 when
 * drawing failed. err says why. */
enum { DOC_WRITE_FAILED = -2 };
int doc_write_stream(Doc *d, cairo_write_func_t write, void *closure,
                     char *err, size_t errlen);

void doc_free(Doc *d);

/* Lets go of the texts laid out and kept for the documents to come (the
 * paragraphs' layouts and the figures' texts; fonts and dictionaries
 * stay), for a process whose next document repeats little of those before
 * it: a build's group summary after its members' documents. What is drawn
 * is the same; only what is laid out again costs time. */
void doc_forget_kept(void);

/* Releases process-wide fonts and dictionaries (for leak checkers). Safe
 * at any time: documents still alive keep what they use and can still be
 * written and freed; the next doc_new sets everything up again. */
void doc_shutdown(void);
#endif
