/* held.c: which of a Doc's layouts stay laid out between building and
 * drawing; see held_built and held_page_drawn in doc.h.
 *
 * A laid-out Pango layout holds its lines, runs and glyphs: some 40 bytes
 * for each byte of text, where its text, attributes and settings take a
 * few. Pagination needs only the blocks' line boxes and row heights
 * (measured when a block is built), so a long document (a group summary
 * of many members) lets its layouts' lines go once it holds DOC_HELD_TEXT
 * bytes of laid-out text, and Pango lays each out again, from what it
 * kept, when its page is drawn; once a page is drawn, the lines nothing
 * later draws are let go too. The same layout is laid out the same way
 * again, so what is drawn never depends on what was held. May touch: the
 * layouts of the Doc's blocks (their lines only), the Doc's hold_room. */
#include "layout/doc.h"

#include <string.h>

/* Lets go of l's lines: Pango lays it out again when it is next asked. */
static void let_go(PangoLayout *l) {
    if (l) pango_layout_context_changed(l);
}

/* Lets go of l's lines when nothing but its block holds it: one the
 * layouts' memo keeps too (text.c) is asked for again by documents to
 * come, laid out. */
static void let_go_drawn(PangoLayout *l) {
    if (l && G_OBJECT(l)->ref_count == 1) pango_layout_context_changed(l);
}

/* The bytes of text b's layouts hold. */
static size_t block_text(const Block *b) {
    size_t n = 0;
    if (b->layout) n += strlen(pango_layout_get_text(b->layout));
    if (b->ragged) n += strlen(pango_layout_get_text(b->ragged));
    if (b->cells)
        for (int k = 0; k < (b->nrows + 1) * b->ncols; k++)
            if (b->cells[k]) n += strlen(pango_layout_get_text(b->cells[k]));
    return n;
}

/* Lets go (each by `how`) of the lines of the cells of b's rows
 * [from, to). */
static void let_go_rows(Block *b, int from, int to, void (*how)(PangoLayout *)) {
    for (int r = from; r < to && r <= b->nrows; r++)
        for (int c = 0; c < b->ncols; c++) how(b->cells[r * b->ncols + c]);
}

static void let_go_block(Block *b, void (*how)(PangoLayout *)) {
    how(b->layout);
    how(b->ragged);
    if (b->cells) let_go_rows(b, 0, b->nrows + 1, how);
}

void held_built(Doc *d, Block *b) {
    size_t n = block_text(b);
    if (n <= d->hold_room) d->hold_room -= n;
    else let_go_block(b, let_go);
}

void held_page_drawn(Doc *d, int from, int to) {
    for (int k = from; k < to; k++) {
        const Place *pl = &d->places[k];
        Block *b = &d->blocks[pl->block];
        int last = k + 1 >= d->nplaces || d->places[k + 1].block != pl->block;
        if (b->kind == B_TABLE && pl->h == 0)   /* whole rows; a row in slices */
            let_go_rows(b, pl->from, pl->to, let_go_drawn);   /* goes with the table */
        if (last) let_go_block(b, let_go_drawn);
    }
}
