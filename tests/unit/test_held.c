/* Unit tests of the layouts a Doc holds between building and drawing
 * (runtime/layout/held.c): a document whose blocks let their lines go
 * once measured, and are laid out again when their pages are drawn, is
 * the same PDF, byte for byte, as one that held every layout; and a
 * document drawn twice (its layouts let go after the first time) too, and
 * one drawn after the layouts kept for documents to come are let go, and
 * one whose last write lets go of its blocks before its file is
 * finished; a long document's paragraphs hold no layout until drawn. */
#include "unit.h"
#include "unit_layout.h"

#include "layout/doc.h"
#include "layout/layout.h"
#include "layout/pdfread.h"

#include <glib.h>

static const char *prose =
    "Perfectionism is kept going by the belief that worth depends on achievement, "
    "by checking and reassurance seeking, and by the avoidance of tasks where a "
    "mistake could show; in the group each member meets these patterns as they "
    "happen between people, with the others' help to notice and name them.";

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len) {
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A document of many pages: headings, justified and ragged paragraphs,
 * list items, a table over several pages and a table with a row taller
 * than a page; its blocks may hold `room` bytes of text laid out. */
static Doc *long_document(size_t room) {
    DocInfo info = { .paper = PAPER_A4, .lang = "en", .title = "Group summary",
                     .header_left = "Thursday group", .header_right = "Confidential",
                     .footer_page_numbers = 1, .page_format = "page %d of %d" };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    if (!d) { printf("doc_new: %s\n", err); return NULL; }
    d->hold_room = room;
    for (int s = 0; s < 40; s++) {
        char h[64], item[64];
        snprintf(h, sizeof h, "Member %d", s + 1);
        doc_heading(d, s % 4 ? 2 : 1, h, LOC_NONE);
        Run p[] = { { prose, RUN_PLAIN, LOC_NONE, 0, NULL }, { " In short: ", RUN_BOLD, LOC_NONE, 0, NULL },
                    { prose, RUN_ITALIC, LOC_NONE, 0, NULL } };
        doc_paragraph(d, p, 3, s % 3 ? PARA_JUSTIFY : PARA_LEFT | PARA_INDENT);
        snprintf(item, sizeof item, "\xE2\x80\xA2\tGoal %d: ", s + 1);
        Run li[] = { { item, RUN_PLAIN, LOC_NONE, 0, NULL }, { prose, RUN_PLAIN, LOC_NONE, 0, NULL } };
        doc_paragraph(d, li, 2, PARA_HANGING | PARA_TIGHT);
    }
    TableColumn cols[] = { { "Member", 2, ALIGN_LEFT, 0 }, { "Pre", 1, ALIGN_RIGHT, 0 },
                           { "Post", 1, ALIGN_RIGHT, 0 }, { "What changed", 5, ALIGN_LEFT, 0 } };
    static char texts[90][3][32], changed[90][80];
    static Run cells[90 * 4];
    for (int r = 0; r < 90; r++) {
        snprintf(texts[r][0], 32, "Member %d", r + 1);
        snprintf(texts[r][1], 32, "%d", 40 + r % 30);
        snprintf(texts[r][2], 32, "%d", 35 + r % 25);
        cells[r * 4 + 0] = (Run){ texts[r][0], RUN_PLAIN, LOC_NONE, 1, NULL };
        cells[r * 4 + 1] = (Run){ texts[r][1], RUN_PLAIN, LOC_NONE, 1, NULL };
        cells[r * 4 + 2] = (Run){ texts[r][2], RUN_PLAIN, LOC_NONE, 1, NULL };
        snprintf(changed[r], 80, "Member %d checks less and asks for reassurance less often", r + 1);
        cells[r * 4 + 3] = (Run){ r % 5 == 0 ? prose : r % 5 == 1 ? changed[r] : "Less checking",
                                  RUN_PLAIN, LOC_NONE, 0, NULL };
    }
    doc_table(d, cols, 4, cells, 90);
    /* a row no page can hold: drawn in slices */
    GString *tall = g_string_new("");
    for (int i = 0; i < 16; i++) g_string_append(tall, prose), g_string_append(tall, "\n");
    Run row[] = { { "Notes", RUN_BOLD, LOC_NONE, 0, NULL }, { tall->str, RUN_PLAIN, LOC_NONE, 0, NULL } };
    TableColumn two[] = { { NULL, 1, ALIGN_LEFT, 0 }, { NULL, 4, ALIGN_LEFT, 0 } };
    doc_table(d, two, 2, row, 1);
    g_string_free(tall, TRUE);
    Run end[] = { { prose, RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, end, 1, 0);
    return d;
}

/* d's PDF, written in memory. */
static GByteArray *pdf_of(Doc *d) {
    GByteArray *pdf = g_byte_array_new();
    char err[256];
    if (doc_write_stream(d, append, pdf, err, sizeof err) != 0) {
        printf("doc_write_stream: %s\n", err);
        g_byte_array_set_size(pdf, 0);
    }
    return pdf;
}

static int same(const GByteArray *a, const GByteArray *b) {
    return a->len > 0 && a->len == b->len && !memcmp(a->data, b->data, a->len);
}

TEST(layouts_let_go_and_laid_out_again_draw_the_same_pdf) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    Doc *all = long_document((size_t)-1), *none = long_document(0);
    CHECK(all && none);
    if (!all || !none) return;
    CHECK(doc_page_count(all) >= 8);
    CHECK_INT(doc_page_count(none), doc_page_count(all));
    int sliced = 0;             /* the tall row is drawn in slices */
    for (int k = 0; k < none->nplaces; k++) sliced += none->places[k].h > 0;
    CHECK(sliced >= 2);
    GByteArray *a = pdf_of(all), *b = pdf_of(none), *again = pdf_of(none), *a2 = pdf_of(all);
    int held = pdf_held_objects;
    pdf_held_objects = 0;       /* its rows going on read again from cairo's file */
    GByteArray *left = pdf_of(none);
    pdf_held_objects = held;
    CHECK(a->len > 10000);
    CHECK(same(a, b));          /* laid out again at drawing: the same bytes */
    CHECK(same(b, again));      /* drawn twice: the same bytes */
    CHECK(same(a, a2));
    CHECK(same(a, left));       /* its structure elements left in the file */
    g_byte_array_free(left, TRUE);
    g_byte_array_free(a, TRUE);
    g_byte_array_free(b, TRUE);
    g_byte_array_free(again, TRUE);
    g_byte_array_free(a2, TRUE);
    doc_free(all);
    doc_free(none);
}

/* A long document's paragraphs and cells, made again from what they
 * kept (their attributes as spans of the Doc's), carry the attributes
 * and text that the same blocks held laid out carry (bold, italic,
 * language, tabular figures), in the same order; the Doc keeps each
 * attribute's kind and value once. */
TEST(layouts_made_again_carry_the_same_attributes) {
    Doc *all = long_document((size_t)-1), *none = long_document(0);
    CHECK(all && none);
    if (!all || !none) return;
    CHECK_INT(none->nblocks, all->nblocks);
    int paragraphs = 0, cells = 0, differ = 0;
    for (int i = 0; i < none->nblocks && i < all->nblocks; i++) {
        const Block *b = &none->blocks[i], *w = &all->blocks[i];
        PangoLayout *pairs[2][2] = { { NULL, NULL }, { NULL, NULL } };
        int n = 0;
        if (b->remake) {
            pairs[n][0] = held_layout(none, b);
            pairs[n++][1] = held_layout(all, w);
            paragraphs++;
        }
        for (int k = 0; b->cell_remakes && k < (b->nrows + 1) * b->ncols; k++)
            if (b->cell_remakes[k] && !b->cells[k] && n < 2) {
                pairs[n][0] = held_cell(none, b, k);
                pairs[n++][1] = held_cell(all, w, k);
                cells++;
            }
        for (int j = 0; j < n; j++) {
            PangoAttrList *x = pango_layout_get_attributes(pairs[j][0]),
                          *y = pango_layout_get_attributes(pairs[j][1]);
            char *sx = x ? pango_attr_list_to_string(x) : g_strdup(""),
                 *sy = y ? pango_attr_list_to_string(y) : g_strdup("");
            differ += strcmp(sx, sy) != 0 || (x == NULL) != (y == NULL) ||
                      strcmp(pango_layout_get_text(pairs[j][0]), pango_layout_get_text(pairs[j][1])) != 0;
            g_free(sx);
            g_free(sy);
            g_object_unref(pairs[j][0]);
            g_object_unref(pairs[j][1]);
        }
    }
    CHECK(paragraphs >= 100);
    CHECK(cells >= 2);
    CHECK_INT(differ, 0);
    CHECK(none->nattrs >= 3 && none->nattrs <= 8);
    doc_free(all);
    doc_free(none);
}

TEST(a_document_past_the_bound_holds_its_first_blocks_only) {
    Doc *d = long_document(DOC_HELD_TEXT);
    CHECK(d != NULL);
    if (!d) return;
    /* more text than the bound: what is held stops short of it */
    CHECK(d->hold_room < DOC_HELD_TEXT);
    size_t text = 0;
    for (int i = 0; i < d->nblocks; i++) {
        const Block *b = &d->blocks[i];
        if (b->layout) text += strlen(pango_layout_get_text(b->layout));
        for (int k = 0; b->cells && k < (b->nrows + 1) * b->ncols; k++)
            if (b->cells[k]) text += strlen(pango_layout_get_text(b->cells[k]));
    }
    CHECK(text > DOC_HELD_TEXT);
    doc_free(d);
}

/* A long document's paragraphs hold no layout between building and
 * drawing, only what makes them again (Block.remake), nor its tables'
 * cells of some words, but their titles (Block.cell_remakes):
 * each is made again for the page that draws it and let go after its
 * last place; the PDF is the same, a paragraph beside an image's too,
 * written twice. */
TEST(a_long_documents_paragraphs_hold_no_layout_until_drawn) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    const char *png = path_in("held-beside.png");
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 40);
    cairo_surface_write_to_png(s, png);
    cairo_surface_destroy(s);
    Doc *docs[2];
    for (int i = 0; i < 2; i++) {
        docs[i] = long_document(i ? 0 : (size_t)-1);
        if (!docs[i]) return;
        char err[256];
        Run beside[] = { { prose, RUN_PLAIN, LOC_NONE, 0, NULL } };
        CHECK_INT(doc_image_beside(docs[i], png, 40, 40, beside, 1, 0, err, sizeof err), 0);
    }
    Doc *held = docs[0], *d = docs[1];
    int paragraphs = 0, laid_out = 0;
    for (int i = 0; i < d->nblocks; i++) {
        const Block *b = &d->blocks[i];
        if (b->nlines == 0) continue;
        paragraphs++;
        laid_out += b->layout != NULL || b->ragged != NULL || b->remake == NULL;
    }
    CHECK(paragraphs >= 121);
    CHECK_INT(laid_out, 0);
    CHECK(d->blocks[d->nblocks - 1].kind == B_IMAGE && d->blocks[d->nblocks - 1].remake);
    /* a table's cells too, but its titles and the words it repeats */
    int let_go = 0, repeated = 0, titles = 0;
    for (int i = 0; i < d->nblocks; i++) {
        const Block *b = &d->blocks[i];
        for (int k = 0; b->kind == B_TABLE && k < (b->nrows + 1) * b->ncols; k++) {
            if (!b->cells[k] && b->cell_remakes && b->cell_remakes[k]) let_go++;
            else if (k < b->ncols) titles += b->cells[k] != NULL;
            else repeated += b->cells[k] != NULL;
        }
    }
    CHECK_INT(let_go, 18 + 1);      /* a sentence of each its own, the tall row */
    CHECK(repeated >= 90 * 3 + 18); /* names, numbers, "Less checking", the prose */
    CHECK_INT(titles, 6);
    GByteArray *a = pdf_of(held), *b = pdf_of(d), *again = pdf_of(d);
    CHECK(a->len > 10000);
    CHECK(same(a, b));
    CHECK(same(a, again));
    for (int i = 0; i < d->nblocks; i++) {
        const Block *b = &d->blocks[i];
        laid_out += b->layout != NULL;
        for (int k = b->ncols; b->cell_remakes && k < (b->nrows + 1) * b->ncols; k++)
            laid_out += b->cell_remakes[k] && b->cells[k];
    }
    CHECK_INT(laid_out, 0);         /* let go once drawn */
    g_byte_array_free(a, TRUE);
    g_byte_array_free(b, TRUE);
    g_byte_array_free(again, TRUE);
    doc_free(held);
    doc_free(d);
}

/* doc_forget_kept lets go of the layouts kept for documents to come: a
 * document built before it is drawn the same after it (its blocks hold
 * their own), and one built after it, its layouts all made again, too. */
TEST(forgetting_the_kept_layouts_draws_the_same_pdf) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    Doc *before = long_document((size_t)-1);
    CHECK(before != NULL);
    if (!before) return;
    GByteArray *a = pdf_of(before);
    doc_forget_kept();
    GByteArray *b = pdf_of(before);
    Doc *after = long_document((size_t)-1);
    CHECK(after != NULL);
    if (!after) return;
    GByteArray *c = pdf_of(after);
    CHECK(a->len > 10000);
    CHECK(same(a, b));
    CHECK(same(a, c));
    g_byte_array_free(a, TRUE);
    g_byte_array_free(b, TRUE);
    g_byte_array_free(c, TRUE);
    doc_free(before);
    doc_free(after);
}

/* A long document lets go of the lines of the layouts it only measured,
 * those the layouts' memo shares with other documents too, and before its
 * pages are drawn of what the process keeps for documents to come (the
 * memo, the hyphenation dictionaries): a document that holds its layouts,
 * drawn before and after a long one is built and drawn, is the same PDF,
 * and so is one built after it (its words hyphenated again); a table too
 * long to hold makes its document a long one before its cells are
 * measured. */
TEST(a_long_document_lets_go_of_shared_layouts_and_others_draw_the_same) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    Doc *held = long_document((size_t)-1);
    CHECK(held != NULL);
    if (!held) return;
    CHECK(!held->long_doc);
    GByteArray *a = pdf_of(held);
    Doc *d = long_document(0);
    CHECK(d != NULL);
    if (!d) return;
    CHECK(d->long_doc);
    GByteArray *l = pdf_of(d), *b = pdf_of(held);
    Doc *after = long_document((size_t)-1);
    CHECK(after != NULL);
    if (!after) return;
    GByteArray *c = pdf_of(after);
    CHECK(a->len > 10000);
    CHECK(same(a, b));
    CHECK(same(a, l));
    CHECK(same(a, c));
    g_byte_array_free(a, TRUE);
    g_byte_array_free(b, TRUE);
    g_byte_array_free(l, TRUE);
    g_byte_array_free(c, TRUE);
    doc_free(held);
    doc_free(d);
    doc_free(after);

    DocInfo info = { .paper = PAPER_A4, .lang = "en", .title = "t" };
    char err[256];
    /* a document being built while a long one is drawn still hyphenates */
    Doc *building = doc_new(&info, err, sizeof err), *other = long_document(0);
    CHECK(building && other);
    if (!building || !other) return;
    GByteArray *o = pdf_of(other);
    Run p[] = { { prose, RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(building, p, 1, PARA_JUSTIFY);
    CHECK(building->nblocks == 1 && strstr(pango_layout_get_text(building->blocks[0].layout), "\xC2\xAD"));
    g_byte_array_free(o, TRUE);
    doc_free(other);
    doc_free(building);

    Doc *t = doc_new(&info, err, sizeof err);
    CHECK(t != NULL);
    if (!t) return;
    t->hold_room = 40;          /* room for the titles, not the rows */
    TableColumn cols[] = { { "Member", 1, ALIGN_LEFT, 0 }, { "What changed", 3, ALIGN_LEFT, 0 } };
    Run cells[] = { { "Member 1", RUN_PLAIN, LOC_NONE, 1, NULL }, { prose, RUN_PLAIN, LOC_NONE, 0, NULL } };
    held_expect(t, 30);
    CHECK(!t->long_doc);
    doc_table(t, cols, 2, cells, 1);
    CHECK(t->long_doc);
    CHECK_INT(doc_page_count(t), 1);
    doc_free(t);
}

/* The bytes of the file at path (empty when it cannot be read). */
static GByteArray *file_bytes(const char *path) {
    gchar *data = NULL;
    gsize len = 0;
    GByteArray *b = g_byte_array_new();
    if (g_file_get_contents(path, &data, &len, NULL)) g_byte_array_append(b, (guint8 *)data, (guint)len);
    g_free(data);
    return b;
}

/* A long document with an image, to be written once more. */
static Doc *long_document_with_image(const char *png) {
    Doc *d = long_document(0);
    char err[256];
    if (d && doc_image(d, png, 100, 60, ALIGN_RIGHT, err, sizeof err) != 0) printf("doc_image: %s\n", err);
    return d;
}

/* A document's last write lets go of its blocks once its pages are drawn,
 * before its file is finished (the image drawn still put in by the
 * finishing pass): the same bytes as a write that keeps them, and no
 * block left after it. */
TEST(a_last_write_lets_go_of_the_blocks_and_writes_the_same_pdf) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    const char *png = path_in("held-logo.png");
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 120, 60);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgba(cr, 0.2, 0.4, 0.7, 0.8);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_write_to_png(s, png);
    cairo_surface_destroy(s);
    Doc *kept = long_document_with_image(png), *last = long_document_with_image(png);
    CHECK(kept && last);
    if (!kept || !last) return;
    char err[256];
    const char *pk = path_in("held-kept.pdf"), *pl = path_in("held-last.pdf");
    CHECK_INT(doc_write_pdf(kept, pk, NULL, err, sizeof err), 0);
    CHECK_INT(doc_write_pdf_last(last, pl, NULL, err, sizeof err), 0);
    CHECK(kept->nblocks > 0);
    CHECK_INT(last->nblocks, 0);
    GByteArray *a = file_bytes(pk), *b = file_bytes(pl);
    CHECK(a->len > 10000);
    CHECK(same(a, b));
    g_byte_array_free(a, TRUE);
    g_byte_array_free(b, TRUE);
    doc_free(kept);
    doc_free(last);
}
