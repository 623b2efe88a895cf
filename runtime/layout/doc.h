/* doc.h: the insides of a Doc, shared by the files of runtime/layout and
 * by nothing else (callers see layout.h only): the blocks a document is
 * built from, the places pagination gives them, and the lengths more than
 * one file needs.
 *
 * Building (doc.c, paragraph.c, table.c) appends blocks; paginate.c
 * gives each block (or part of it) its places; render.c draws the places;
 * pdf.c wraps that into a file. A block is never changed after it is
 * built, except for a figure's height on the page (fit_h, paginate.c). */
#ifndef FORMC_LAYOUT_DOC_H
#define FORMC_LAYOUT_DOC_H
#include "layout/layout.h"

#include <pango/pangocairo.h>

/* ---- lengths in points shared by more than one file ---- */
#define RAGGED_MIN_WORD 11   /* ragged text: hyphenate only long words */
#define BODY_SIZE      10.5 /* the body text, and a figure's caption */
#define FIGURE_MIN_SCALE 0.87/* a figure may shrink to fit the page's end,
                                at least this much (doc_figure_min_scale) */
#define CELL_PAD_X     4.0
#define CELL_PAD_Y     2.5
#define EPS            0.01

typedef enum { B_TEXT, B_TABLE, B_FIGURE, B_IMAGE, B_SPACE, B_RULE, B_BREAK,
               B_PLACE } Kind;

/* A line's logical top and bottom, relative to the top of its layout. */
/* A line of a text block: its top and bottom, and where it is drawn (its
 * left end and baseline), in the layout's points. */
/* A line of a text block as measured: its extents, and whether it ends
 * in a hyphen (pagination asks, and a long document's layout may be let
 * go by then). */
typedef struct { double top, bottom, x, base; int hyphen; } LineBox;

typedef struct {
    Kind kind;
    double before, after;    /* space wanted before / after the block */
    int keep_next;           /* start of next block on the same page */
    int keep_whole;          /* B_TEXT: not split, when a page holds it
                                whole with what it keeps with */
    int level;               /* heading level, 0 for other text */
    char *outline;           /* heading text for the PDF outline */
    int item;                /* a list item (PARA_HANGING) */
    size_t label_end;        /* its label ("\u2022\t") is text[0, label_end) */
    char *alt;               /* a figure's or image's alternative text */
    /* B_TEXT, B_PLACE */
    PangoLayout *layout;
    PangoLayout *ragged;     /* a justified paragraph's lines unstretched */
    struct Remake *remake;   /* a long document's paragraph: what its layouts
                                are made again from when its page is drawn
                                (held.c); they are NULL until then */
    unsigned char *loose;    /* per line: drawn from ragged (justify.h) */
    LineBox *lines;
    int nlines;
    double height;
    /* B_TABLE: (nrows + 1) x ncols cells, row 0 is the header */
    int ncols, nrows;        /* B_FIGURE: nrows rows (doc_figure_rows) */
    int has_header;          /* some column has a title */
    double *col_x, *col_w, *row_h;
    PangoLayout **cells;
    struct Remake **cell_remakes; /* NULL, or per cell what its layout is
                                made again from when a long document let
                                it go (held.c): the cell is NULL until its
                                page is drawn */
    char **cell_langs;       /* NULL, or per cell the language its text is
                                written in when not the document's (NULL) */
    double *cell_dy;         /* NULL, or per cell how far it is set down so
                                that its first baseline is its row's */
    /* B_FIGURE, B_IMAGE, B_SPACE, B_RULE, B_PLACE: geometry */
    FigureFn draw;
    void *ud;
    /* B_FIGURE in nrows rows (doc_figure_rows): drawn and measured part
     * by part (a Place's rows [from, to), its height in the Place's h) */
    FigureRowsDraw draw_rows;
    FigureRowsHeight rows_height;
    PangoLayout *caption;    /* its caption (doc_figure_caption), in rows
                                over each part after the first */
    double caption_h;        /* the caption's height and the gap under it */
    cairo_surface_t *image;
    double x, y, w, h, scale;
    double fit_h;            /* B_FIGURE: its height on the page, h or a
                                little less (min_scale) */
    double min_scale;        /* B_FIGURE: it may be drawn down to this
                                share of h at a page's end */
    int other_lang;          /* B_FIGURE: draws texts of another language
                                (doc_figure_other_lang) */
    double image_h, text_x;  /* B_IMAGE with a text beside it (layout):
                                the image's height, the text's left edge */
    char lang[16];           /* B_TEXT: the language most of its text is
                                written in when it is not the document's
                                ("": the document's), for its /Lang */
} Block;

/* Where the text of cell (r, c) of table b starts below its row's top:
 * the cell's padding, and as far down as its row's first baseline asks. */
static inline double cell_top(const Block *b, int r, int c) {
    return CELL_PAD_Y + (b->cell_dy ? b->cell_dy[r * b->ncols + c] : 0);
}

/* Where a block (or part of it) goes: lines or rows [from, to) of block
 * on page, its top at y (a figure in rows: its rows [from, to), h high,
 * under its caption when they are not its first). */
typedef struct {
    int block, page, from, to;
    double y;
    double off, h;           /* a slice of a table row taller than a page:
                                the row from off, h high (h 0: whole rows) */
    int bare;                /* table rows set directly under the last slice
                                of a row taller than a page, on its page:
                                drawn without the header above them */
} Place;

struct Doc {
    DocInfo info;            /* strings below are owned copies */
    char *lang, *title, *author, *subject, *hleft, *hright, *pfmt, *draft_mark, *continued;
    double pw, ph, ml, mr, mt, mb;
    PangoContext *ctx;       /* the shared context (fonts.h), referenced */
    Block *blocks;
    int nblocks, capblocks;
    Place *places;
    int nplaces, capplaces, npages;
    int paginated;
    int too_long;            /* pagination stopped at DOC_MAX_PAGES */
    int tall_header;         /* ... or at a table whose header leaves no
                                room for a row on a page */
    char *alt;               /* doc_alt_text(): for the next figures */
    size_t hold_room;        /* bytes of text its blocks may still hold laid
                                out (held.c): DOC_HELD_TEXT when new */
    int long_doc;            /* it holds more than that: it lets go of the
                                lines of the layouts it only measured too */
    int last_write;          /* being drawn for the last time: each block is
                                let go once its last place is drawn */
    PangoFontDescription **faces;  /* the fonts of the blocks' Remakes */
    int nfaces;
    PangoAttribute **attrs;        /* the attributes of their spans (held.c) */
    int nattrs;
};

/* Lets go of what block b holds (held.c): it is left an empty space. */
void doc_free_block(Block *b);
/* Lets go of d's blocks and places (held.c): what doc_free frees but
 * for the document's own facts (its language, title, author...). */
void doc_free_blocks(Doc *d);

/* Pango units to points. */
static inline double pu(int v) { return (double)v / PANGO_SCALE; }

/* Appends an empty block of the given kind (doc.c); the document must
 * be paginated again. */
Block *new_block(Doc *d, Kind kind);
/* The layout of a figure's caption: text in small type, left, across the
 * text's width (figure.c). */
PangoLayout *caption_layout(Doc *d, const char *text);
/* A copy of s with the language's typographic quotes, or NULL (doc.c). */
char *typo_or_null(const char *lang, const char *s);

/* ---- layouts held between building and drawing (held.c) ---- */
/* The text a Doc's blocks hold laid out from building to drawing: past
 * it (a group summary of many members), a block's layouts keep their
 * text and settings but let their lines go once it is measured, and are
 * laid out again when its page is drawn. */
#define DOC_HELD_TEXT (32u << 10)
/* Block b is built and measured: holds its layouts laid out, within
 * DOC_HELD_TEXT, or lets their lines go (a paragraph's layouts and a
 * table's cells of some words whole: Block.remake, Block.cell_remakes). */
void held_built(Doc *d, Block *b);
/* The places [from, to) (a page's) are drawn: lets go of the lines of
 * the layouts no later page draws, except those the layouts' memo keeps,
 * and, in a document's last write, of the blocks no later page draws. */
void held_page_drawn(Doc *d, int from, int to);
/* doc_forget_kept, and the hyphenation dictionaries too (shutdown.c):
 * what a long document lets go before its pages are drawn. */
void doc_forget_kept_all(void);
/* Lets go of a layout d made and is done with (one it only measured, one
 * a block no longer holds): in a long document, of its lines too, which
 * the layouts' memo would otherwise keep, unless a block holds it. */
void held_unref(Doc *d, PangoLayout *l);
/* A block of n bytes of text is being built: when it cannot be held laid
 * out, d is a long document from now on (held_measured). */
void held_expect(Doc *d, size_t n);
/* A layout of the block being built is measured: in a long document its
 * lines go now rather than when the block is built (a table of many
 * rows), unless another block holds it too. */
void held_measured(Doc *d, PangoLayout *l);
/* The places [from, to) (a page's) are about to be drawn: the layouts of
 * their paragraphs that a long document let go (Block.remake) are made
 * again, the same, until their last place is drawn (held_page_drawn). */
void held_page_ready(Doc *d, int from, int to);
/* b's layout, held by the caller (g_object_unref): its own, or one made
 * again for the while (a long document's paragraph between building and
 * drawing). */
PangoLayout *held_layout(const Doc *d, const Block *b);
/* Cell k of table b, held by the caller (g_object_unref): its own, or one
 * made again for the while. */
PangoLayout *held_cell(const Doc *d, const Block *b, int k);
/* Lets go of what b's cells were to be made again from. */
void held_cells_free(Block *b);
/* Lets go of what a paragraph's layouts were to be made again from
 * (NULL: nothing). */
void held_remake_free(struct Remake *r);
#endif
