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
 * again, so what is drawn never depends on what was held.
 *
 * The layouts' memo (text.c) keeps the layouts of every document for the
 * documents to come, laid out. A long document lets go of their lines
 * too, those of a layout it made only to measure (a table's cells narrow,
 * unwrapped or at a width tried) once measured, and those of a table's
 * cells as each is measured, where they were held until the whole table
 * was built (a table of a row per member), unless another block holds the
 * same layout: the words a long document repeats (a table's dashes and
 * ticks) stay laid out, once. May touch: the layouts of the Doc's blocks
 * and those it lets go (their lines only), the Doc's hold_room and
 * long_doc. */
#include "layout/doc.h"

#include <string.h>

/* Lets go of l's lines, and of what Pango keeps beside them until its
 * text changes (its characters' break properties: 4 bytes a character),
 * by giving it its own text again: Pango lays it out again, the same,
 * when it is next asked. */
static void let_go(PangoLayout *l) {
    if (!l) return;
    char *text = g_strdup(pango_layout_get_text(l));
    pango_layout_set_text(l, text, -1);
    g_free(text);
}

/* Lets go of l's lines when nothing but its block holds it: one the
 * layouts' memo keeps too (text.c) is asked for again by documents to
 * come, laid out. */
static void let_go_drawn(PangoLayout *l) {
    if (l && G_OBJECT(l)->ref_count == 1) let_go(l);
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
    if (n <= d->hold_room) {
        d->hold_room -= n;
        return;
    }
    let_go_block(b, let_go);
    d->long_doc = 1;
}

void held_expect(Doc *d, size_t n) {
    if (n > d->hold_room) d->long_doc = 1;
}

/* In a long document, unless a block other than the one being built
 * holds l too: the same words repeated (a table's dashes and ticks, its
 * column titles) stay laid out, once. */
void held_measured(Doc *d, PangoLayout *l) {
    if (d->long_doc && l && G_OBJECT(l)->ref_count <= 2) let_go(l);
}

void held_unref(Doc *d, PangoLayout *l) {
    held_measured(d, l);
    g_object_unref(l);
}

void held_page_drawn(Doc *d, int from, int to) {
    for (int k = from; k < to; k++) {
        const Place *pl = &d->places[k];
        Block *b = &d->blocks[pl->block];
        int last = k + 1 >= d->nplaces || d->places[k + 1].block != pl->block;
        if (b->kind == B_TABLE && pl->h == 0)   /* whole rows; a row in slices */
            let_go_rows(b, pl->from, pl->to, let_go_drawn);   /* goes with the table */
        if (last) let_go_block(b, let_go_drawn);
        if (last && d->last_write) doc_free_block(b);
    }
}
