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
 * ticks) stay laid out, once.
 *
 * A paragraph of a long document lets go of its layouts whole, not only
 * of their lines: what Pango keeps of a layout without its lines (the
 * object, its copies of the text and the font, some 300 bytes besides the
 * text) is kept once, as the Remake that made it (its text, attributes,
 * font, width, indent, tab stop, alignment, wrapping and justification,
 * read back from the layout), and the layouts are made again from it when
 * their page is drawn, and let go once their last place is; a table's
 * cells of some words too, unless another cell holds the same layout
 * (the words a table repeats). May touch:
 * the layouts of the Doc's blocks and those it lets go, the blocks'
 * Remakes, the Doc's faces, hold_room and long_doc. */
#include "layout/doc.h"

#include "base/arena.h"

#include <string.h>

/* An attribute of a Remake: one of the Doc's attributes (its kind and
 * value, kept once for every Remake that sets it) over the text's bytes
 * [start, end). 16 bytes, where Pango's attribute is a slice of 24 to 32
 * and its list 184 bytes besides. */
struct Span {
    const PangoAttribute *attr;
    guint start, end;
};

/* What a paragraph's layouts (or a table cell's) are made again from:
 * what new_layout (text.c) set on them. The ragged layout of a justified paragraph is the
 * same text, attributes and font, not justified, wrapped its own way.
 * One piece: the Remake, its spans, then its text. */
struct Remake {
    const char *text;                 /* after the spans */
    const PangoFontDescription *fd;   /* one of the Doc's faces */
    int width, indent, tab;           /* Pango units; tab 0: no tab stop */
    PangoAlignment align;
    PangoWrapMode wrap, ragged_wrap;
    int justify, has_ragged;
    int nspans;                       /* -1: the layout had no attribute list */
    struct Span spans[];
};

/* What describe reads of a layout: its settings, and its attributes. */
struct Described {
    PangoAttrList *attrs;
    struct Remake r;                  /* its spans not filled */
};

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
        for (int k = 0; k < (b->nrows + 1) * b->ncols; k++) {
            if (b->cells[k]) n += strlen(pango_layout_get_text(b->cells[k]));
            else if (b->cell_remakes && b->cell_remakes[k]) n += strlen(b->cell_remakes[k]->text);
        }
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


/* Fills r from l, its text, font and attributes still l's; 0 when l was
 * set up other than new_layout sets a layout up (it is then not made
 * again). */
static int describe(PangoLayout *l, struct Described *dl) {
    struct Remake *r = &dl->r;
    PangoTabArray *tabs = pango_layout_get_tabs(l);
    int tab = 0, ok = 1;
    if (tabs) {
        PangoTabAlign ta = PANGO_TAB_LEFT;
        ok = pango_tab_array_get_size(tabs) == 1 &&
             !pango_tab_array_get_positions_in_pixels(tabs);
        if (ok) pango_tab_array_get_tab(tabs, 0, &ta, &tab);
        ok = ok && ta == PANGO_TAB_LEFT && tab > 0;
        pango_tab_array_free(tabs);
    }
    *r = (struct Remake){
        .text = pango_layout_get_text(l),
        .fd = pango_layout_get_font_description(l),
        .width = pango_layout_get_width(l),
        .indent = pango_layout_get_indent(l),
        .tab = tab,
        .align = pango_layout_get_alignment(l),
        .wrap = pango_layout_get_wrap(l),
        .justify = pango_layout_get_justify(l),
    };
    dl->attrs = pango_layout_get_attributes(l);
    return ok && r->fd && !pango_layout_get_auto_dir(l) && pango_layout_get_spacing(l) == 0 &&
           pango_layout_get_line_spacing(l) == 0 && pango_layout_get_height(l) == -1 &&
           pango_layout_get_ellipsize(l) == PANGO_ELLIPSIZE_NONE &&
           !pango_layout_get_single_paragraph_mode(l);
}

/* d's copy of the font fd (its Remakes name a few). */
static const PangoFontDescription *doc_face(Doc *d, const PangoFontDescription *fd) {
    for (int i = 0; i < d->nfaces; i++)
        if (pango_font_description_equal(d->faces[i], fd) &&
            pango_font_description_get_set_fields(d->faces[i]) ==
                pango_font_description_get_set_fields(fd))
            return d->faces[i];
    d->faces = xrealloc(d->faces, (size_t)(d->nfaces + 1) * sizeof *d->faces);
    return d->faces[d->nfaces++] = pango_font_description_copy(fd);
}

/* d's copy of the attribute a, its range aside (its Remakes name some:
 * a language, a weight, a spacing). */
static const PangoAttribute *doc_attr(Doc *d, const PangoAttribute *a) {
    for (int i = 0; i < d->nattrs; i++)
        if (pango_attribute_equal(d->attrs[i], a)) return d->attrs[i];
    d->attrs = xrealloc(d->attrs, (size_t)(d->nattrs + 1) * sizeof *d->attrs);
    return d->attrs[d->nattrs++] = pango_attribute_copy(a);
}

/* Counts the attributes of a list (pango_attr_list_filter keeping all). */
static gboolean count_attr(PangoAttribute *a, gpointer n) {
    (void)a;
    (*(int *)n)++;
    return FALSE;
}

/* A Remake being filled: where its next span goes, and its Doc. */
struct Filling {
    Doc *d;
    struct Span *next;
};

static gboolean copy_attr(PangoAttribute *a, gpointer fp) {
    struct Filling *f = fp;
    *f->next++ = (struct Span){ doc_attr(f->d, a), a->start_index, a->end_index };
    return FALSE;
}

/* dl, described from a layout (describe), kept in one piece: its own
 * text, its attributes as spans of d's, its font one of d's. */
static struct Remake *kept(Doc *d, const struct Described *dl) {
    int n = 0;
    if (dl->attrs) pango_attr_list_filter(dl->attrs, count_attr, &n);
    size_t len = strlen(dl->r.text) + 1;
    struct Remake *m = xmalloc(sizeof *m + (size_t)n * sizeof m->spans[0] + len);
    *m = dl->r;
    m->fd = doc_face(d, dl->r.fd);
    m->nspans = dl->attrs ? n : -1;
    struct Filling f = { d, m->spans };
    if (dl->attrs) pango_attr_list_filter(dl->attrs, copy_attr, &f);
    m->text = memcpy(m->spans + n, dl->r.text, len);
    return m;
}

/* The attribute list r's spans make (NULL: r's layout had none). */
static PangoAttrList *attr_list(const struct Remake *r) {
    if (r->nspans < 0) return NULL;
    PangoAttrList *list = pango_attr_list_new();
    for (int i = 0; i < r->nspans; i++) {
        PangoAttribute *a = pango_attribute_copy(r->spans[i].attr);
        a->start_index = r->spans[i].start;
        a->end_index = r->spans[i].end;
        pango_attr_list_insert(list, a);
    }
    return list;
}

/* The Remake of b's layouts, or NULL when they cannot be made again from
 * one (b has no paragraph, or its ragged layout is not its layout's text
 * set ragged). */
static struct Remake *remake_of(Doc *d, const Block *b) {
    struct Described dl, dragged;
    struct Remake *r = &dl.r, *ragged = &dragged.r;
    if (!b->layout || b->cells || !describe(b->layout, &dl)) return NULL;
    if (b->ragged) {
        if (!describe(b->ragged, &dragged) || ragged->justify || dragged.attrs != dl.attrs ||
            ragged->width != r->width || ragged->indent != r->indent || ragged->tab != r->tab ||
            ragged->align != r->align || strcmp(ragged->text, r->text) != 0 ||
            !pango_font_description_equal(ragged->fd, r->fd))
            return NULL;
        r->has_ragged = 1;
        r->ragged_wrap = ragged->wrap;
    }
    return kept(d, &dl);
}

/* A layout made as r says, justified or not, wrapped by wrap, its
 * attributes attrs (r's, made by attr_list). */
static PangoLayout *remade(PangoContext *ctx, const struct Remake *r, PangoAttrList *attrs,
                           int justify, PangoWrapMode wrap) {
    PangoLayout *l = pango_layout_new(ctx);
    pango_layout_set_auto_dir(l, FALSE);
    pango_layout_set_font_description(l, r->fd);
    pango_layout_set_width(l, r->width);
    pango_layout_set_wrap(l, wrap);
    pango_layout_set_alignment(l, r->align);
    pango_layout_set_indent(l, r->indent);
    pango_layout_set_justify(l, justify);
    if (r->tab) {
        PangoTabArray *tabs = pango_tab_array_new_with_positions(1, FALSE, PANGO_TAB_LEFT, r->tab);
        pango_layout_set_tabs(l, tabs);
        pango_tab_array_free(tabs);
    }
    pango_layout_set_text(l, r->text, -1);
    pango_layout_set_attributes(l, attrs);
    return l;
}

/* The layout r makes, justified as r says. */
static PangoLayout *remade_whole(PangoContext *ctx, const struct Remake *r) {
    PangoAttrList *attrs = attr_list(r);
    PangoLayout *l = remade(ctx, r, attrs, r->justify, r->wrap);
    if (attrs) pango_attr_list_unref(attrs);
    return l;
}

void held_remake_free(struct Remake *r) {
    free(r);
}

/* Lets go of the fonts and the attributes d's Remakes named. */
static void shared_free(Doc *d) {
    for (int i = 0; i < d->nfaces; i++) pango_font_description_free(d->faces[i]);
    free(d->faces);
    d->faces = NULL;
    d->nfaces = 0;
    for (int i = 0; i < d->nattrs; i++) pango_attribute_destroy(d->attrs[i]);
    free(d->attrs);
    d->attrs = NULL;
    d->nattrs = 0;
}

/* Lets go of l, and of its lines when another holds it too (the
 * layouts' memo). */
static void drop(PangoLayout *l) {
    if (!l) return;
    if (G_OBJECT(l)->ref_count > 1) let_go(l);
    g_object_unref(l);
}

/* Lets go of b's layouts, which its Remake makes again. */
static void drop_layouts(Block *b) {
    drop(b->layout);
    drop(b->ragged);
    b->layout = b->ragged = NULL;
}

/* The shortest text of a cell that a long document lets go of whole. */
#define CELL_REMADE_TEXT 16

/* Lets go of the layouts of the cells of row r of table b, built, that
 * no other cell holds and that hold some words (a short text, a number,
 * a dash, a tick, is more often one layout the cells share), kept as what
 * makes them again when their page is drawn. */
static void remake_row(Doc *d, Block *b, int r) {
    for (int c = 0; c < b->ncols; c++) {
        int k = r * b->ncols + c;
        PangoLayout *l = b->cells[k];
        struct Described m;
        if (!l || G_OBJECT(l)->ref_count > 2 ||     /* the memo's and its own */
            strlen(pango_layout_get_text(l)) < CELL_REMADE_TEXT || !describe(l, &m))
            continue;
        if (!b->cell_remakes)
            b->cell_remakes = xcalloc((size_t)(b->nrows + 1) * (size_t)b->ncols + 1,
                                      sizeof *b->cell_remakes);
        b->cell_remakes[k] = kept(d, &m);
        drop(l);
        b->cells[k] = NULL;
    }
}

void held_built(Doc *d, Block *b) {
    size_t n = block_text(b);
    if (n <= d->hold_room) {
        d->hold_room -= n;
        return;
    }
    d->long_doc = 1;
    for (int r = 1; b->cells && r <= b->nrows; r++) remake_row(d, b, r);
    b->remake = remake_of(d, b);
    if (b->remake) drop_layouts(b);
    else let_go_block(b, let_go);
}

/* Makes again the cells of rows [from, to) of table b that were let go. */
static void cells_ready(Doc *d, Block *b, int from, int to) {
    for (int r = from > 1 ? from : 1; r < to && r <= b->nrows; r++)
        for (int c = 0; c < b->ncols; c++) {
            int k = r * b->ncols + c;
            const struct Remake *m = b->cell_remakes[k];
            if (m && !b->cells[k]) b->cells[k] = remade_whole(d->ctx, m);
        }
}

void held_page_ready(Doc *d, int from, int to) {
    for (int k = from; k < to; k++) {
        const Place *pl = &d->places[k];
        Block *b = &d->blocks[pl->block];
        if (b->cell_remakes) cells_ready(d, b, pl->from, pl->h > 0 ? pl->from + 1 : pl->to);
        const struct Remake *r = b->remake;
        if (!r || b->layout) continue;
        PangoAttrList *attrs = attr_list(r);
        b->layout = remade(d->ctx, r, attrs, r->justify, r->wrap);
        if (r->has_ragged) b->ragged = remade(d->ctx, r, attrs, 0, r->ragged_wrap);
        if (attrs) pango_attr_list_unref(attrs);
    }
}

PangoLayout *held_layout(const Doc *d, const Block *b) {
    if (b->layout) return g_object_ref(b->layout);
    return remade_whole(d->ctx, b->remake);
}

PangoLayout *held_cell(const Doc *d, const Block *b, int k) {
    if (b->cells[k]) return g_object_ref(b->cells[k]);
    return remade_whole(d->ctx, b->cell_remakes[k]);
}

void held_cells_free(Block *b) {
    if (!b->cell_remakes) return;
    for (int k = 0; k < (b->nrows + 1) * b->ncols; k++) held_remake_free(b->cell_remakes[k]);
    free(b->cell_remakes);
    b->cell_remakes = NULL;
}

/* Lets go of the cells of b's rows [from, to) once drawn: those a
 * Remake makes again whole, the others' lines unless the memo holds
 * them. */
static void let_go_drawn_rows(Block *b, int from, int to) {
    for (int r = from; r < to && r <= b->nrows; r++)
        for (int c = 0; c < b->ncols; c++) {
            int k = r * b->ncols + c;
            if (b->cell_remakes && b->cell_remakes[k]) {
                drop(b->cells[k]);
                b->cells[k] = NULL;
            } else {
                let_go_drawn(b->cells[k]);
            }
        }
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
            let_go_drawn_rows(b, pl->from, pl->to);   /* goes with the table */
        if (last && b->remake) {
            drop_layouts(b);
        } else if (last) {
            let_go_drawn(b->layout);
            let_go_drawn(b->ragged);
            if (b->cells) let_go_drawn_rows(b, 0, b->nrows + 1);
        }
        if (last && d->last_write) doc_free_block(b);
    }
}

/* Letting go of blocks and of the document: what a block holds, held or
 * made again, is let go here, beside what decides when. */

void doc_free_block(Block *b) {
    if (b->layout) g_object_unref(b->layout);
    if (b->ragged) g_object_unref(b->ragged);
    if (b->caption) g_object_unref(b->caption);
    held_remake_free(b->remake);
    free(b->loose);
    free(b->lines);
    free(b->outline);
    free(b->alt);
    if (b->cells)
        for (int k = 0; k < (b->nrows + 1) * b->ncols; k++)
            if (b->cells[k]) g_object_unref(b->cells[k]);
    free(b->cells);
    held_cells_free(b);
    if (b->cell_langs)
        for (int k = 0; k < (b->nrows + 1) * b->ncols; k++) free(b->cell_langs[k]);
    free(b->cell_langs);
    free(b->cell_dy);
    free(b->col_x);
    free(b->col_w);
    free(b->row_h);
    if (b->image) cairo_surface_destroy(b->image);
    memset(b, 0, sizeof *b);
    b->kind = B_SPACE;
}

void doc_free_blocks(Doc *d) {
    for (int i = 0; i < d->nblocks; i++) doc_free_block(&d->blocks[i]);
    free(d->blocks);
    free(d->places);
    d->blocks = NULL;
    d->places = NULL;
    d->nblocks = d->capblocks = d->nplaces = d->capplaces = 0;
}

void doc_free(Doc *d) {
    if (!d) return;
    doc_free_blocks(d);
    shared_free(d);
    if (d->ctx) g_object_unref(d->ctx);
    free(d->lang); free(d->title); free(d->author); free(d->subject);
    free(d->hleft); free(d->hright); free(d->pfmt); free(d->draft_mark); free(d->continued); free(d->alt);
    free(d);
}
