/* Unit tests of runtime/layout/pdfobj.c: a small PDF of the form cairo
 * writes (a classic cross-reference table, a stream whose length is an
 * object of its own, comments, nested values, strings with parentheses
 * and escapes) read, changed and written again; the file written checked
 * by qpdf and read back by it; the same input giving the same bytes;
 * damaged input refused with a message, never a crash. */
#include "unit.h"

#include "layout/pdfobj.h"

#include <glib.h>
#include <stdlib.h>
#include <unistd.h>

/* A file holding src[0, len), open for reading; its path in path (for
 * unlink). -1 when it cannot be made. */
static int file_of(const char *src, size_t len, char path[32]) {
    strcpy(path, "/tmp/formc-pdfobj-XXXXXX");
    int fd = mkstemp(path);
    if (fd >= 0 && write(fd, src, len) != (ssize_t)len) {
        close(fd);
        unlink(path);
        return -1;
    }
    return fd;
}

/* out[0, len) written to NAME in the tests' folder: its path, or NULL
 * after a failed check. */
static const char *written(const unsigned char *out, size_t len, const char *name) {
    const char *path = path_in(name);
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(out, 1, len, f) == len;
    if (f && fclose(f) != 0) ok = 0;
    if (!ok) UNIT_FAIL("cannot write %s", path);
    return ok ? path : NULL;
}

/* Checks that qpdf --check finds nothing wrong in the file at path. */
static void qpdf_accepts(const char *path) {
    char *check = run("qpdf --check '%s' 2>&1; echo \"exit $?\"", path);
    if (!strstr(check, "No syntax or stream encoding errors") || !strstr(check, "exit 0"))
        UNIT_FAIL("qpdf --check %s: %.300s", path, check);
    free(check);
}

/* A PDF made of the objects given (object i + 1 is objs[i]), with its
 * cross-reference table and trailer (Root 1, Info the last object). */
static GString *make_pdf(const char *const *objs, int n) {
    GString *pdf = g_string_new("%PDF-1.5\n%\xB5\xED\xAE\xFB\n");
    size_t *at = malloc(sizeof *at * (size_t)n);
    for (int i = 0; i < n; i++) {
        at[i] = pdf->len;
        g_string_append_printf(pdf, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
    }
    size_t xref = pdf->len;
    g_string_append_printf(pdf, "xref\n0 %d\n0000000000 65535 f \n", n + 1);
    for (int i = 0; i < n; i++) g_string_append_printf(pdf, "%010zu 00000 n \n", at[i]);
    g_string_append_printf(pdf, "trailer\n<< /Size %d\n   /Root 1 0 R\n   /Info %d 0 R\n>>\n"
                           "startxref\n%zu\n%%%%EOF\n", n + 1, n, xref);
    free(at);
    return pdf;
}

static const char *const sample[] = {
    /* 1 */ "<< /Type /Catalog % a comment, as cairo writes them\n   /Pages 2 0 R >>",
    /* 2 */ "<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
    /* 3 */ "<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595.276 841.89 ]\n"
            "   /Contents 4 0 R /Resources << /Font << >> >> >>",
    /* 4 */ "<< /Length 5 0 R >>\nstream\nBT /F1 12 Tf (a \\) b) Tj ET\nendstream",
    /* 5 */ "28",
    /* 6 */ "<< /Unused [ 1 2 (x) ] >>",
    /* 7 */ "<< /Title (Report \\(draft\\) (nested)) /Producer <feff0041> /Flag true /N null >>",
};

TEST(reads_a_file_of_the_form_cairo_writes) {
    GString *pdf = make_pdf(sample, 7);
    PdfDoc d;
    char err[256] = "";
    CHECK_INT(pdf_read(&d, (const unsigned char *)pdf->str, pdf->len, err, sizeof err), 0);
    CHECK_STR(err, "");
    PdfValue *root = pdf_get(&d, &d.trailer, "/Root");
    CHECK(root && pdf_is_name(pdf_get(&d, root, "/Type"), "/Catalog"));
    PdfValue *page = pdf_get(&d, pdf_get(&d, pdf_get(&d, root, "/Pages"), "/Kids"), "/X");
    CHECK(page == NULL);                               /* an array has no keys */
    PdfValue *kids = pdf_get(&d, pdf_get(&d, root, "/Pages"), "/Kids");
    CHECK(kids && kids->kind == PDF_ARRAY && kids->n == 1);
    PdfObject *content = pdf_object(&d, pdf_get_direct(pdf_resolve(&d, &kids->items[0]), "/Contents"));
    CHECK(content && content->stream && content->len == 28);
    if (content) CHECK(!memcmp(content->data, "BT /F1 12 Tf (a \\) b) Tj ET\n", 28));
    PdfValue *info = pdf_get(&d, &d.trailer, "/Info");
    PdfValue *title = pdf_get(&d, info, "/Title");
    CHECK(title && title->kind == PDF_STRING && title->len == 27);
    CHECK(pdf_get(&d, info, "/Flag")->kind == PDF_BOOL && pdf_get(&d, info, "/Flag")->n == 1);
    CHECK(pdf_get(&d, info, "/N")->kind == PDF_NULL);
    long count;
    CHECK(pdf_int(pdf_get(&d, pdf_get(&d, root, "/Pages"), "/Count"), &count) && count == 1);
    pdf_free(&d);
    g_string_free(pdf, TRUE);
}


/* Reads the sample (from memory, or from a file an object at a time),
 * changes it as the finishing pass does, writes it. */
static unsigned char *changed_sample_from(int from_file, size_t *len) {
    GString *pdf = make_pdf(sample, 7);
    PdfDoc d;
    char err[256], path[32];
    unsigned char *out = NULL;
    int fd = from_file ? file_of(pdf->str, pdf->len, path) : -1;
    if ((from_file ? pdf_read_file(&d, fd, pdf->len, err, sizeof err)
                   : pdf_read(&d, (const unsigned char *)pdf->str, pdf->len, err, sizeof err)) == 0) {
        PdfValue *root = pdf_get(&d, &d.trailer, "/Root");
        pdf_set(&d, root, "/Lang", pdf_text(&d, "fr"));
        pdf_set(&d, root, "/MarkInfo", pdf_parse(&d, "<< /Marked true >>"));
        pdf_set(&d, pdf_get(&d, &d.trailer, "/Info"), "/Subject", pdf_text(&d, "For Zo\xC3\xAB, a subject \xE2\x80\x94 (a) and (b)"));
        PdfValue *kids = pdf_get(&d, pdf_get(&d, root, "/Pages"), "/Kids");
        PdfObject *content = pdf_object(&d, pdf_get_direct(pdf_resolve(&d, &kids->items[0]), "/Contents"));
        const char *drawn = "BT /F1 12 Tf (changed) Tj ET\n";
        pdf_replace_stream(&d, content, (const unsigned char *)drawn, strlen(drawn));
        int meta = pdf_add_stream(&d, pdf_parse(&d, "<< /Type /Metadata /Subtype /XML >>"),
                                  (const unsigned char *)"<x/>", 4, 0);
        pdf_set(&d, root, "/Metadata", pdf_ref(meta));
        PdfValue *box = pdf_get(&d, pdf_resolve(&d, &kids->items[0]), "/MediaBox");
        pdf_remove(box, 2);
        pdf_write(&d, 6, &out, len, err, sizeof err);
    }
    pdf_free(&d);
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }
    g_string_free(pdf, TRUE);
    return out;
}

static unsigned char *changed_sample(size_t *len) { return changed_sample_from(0, len); }

/* Read from a file, an object at a time, the values' texts kept and the
 * streams read back when written: the same file as read from memory. */
TEST(a_file_read_an_object_at_a_time_is_written_the_same) {
    size_t a = 0, b = 0;
    unsigned char *mem = changed_sample_from(0, &a), *file = changed_sample_from(1, &b);
    CHECK(mem && file && a > 100 && a == b && !memcmp(mem, file, a));
    free(mem);
    free(file);
    /* its texts are its own, not the file's: each name kept once */
    GString *pdf = make_pdf(sample, 7);
    char err[256] = "", path[32];
    int fd = file_of(pdf->str, pdf->len, path);
    PdfDoc d;
    CHECK_INT(pdf_read_file(&d, fd, pdf->len, err, sizeof err), 0);
    PdfValue *root = pdf_get(&d, &d.trailer, "/Root");
    PdfValue *pages = pdf_get(&d, root, "/Pages");
    PdfValue *t1 = pdf_get_direct(root, "/Type"), *t2 = pdf_get_direct(pages, "/Type");
    CHECK(t1 && t2 && pdf_get_direct(root, "/Pages") && pdf_get_direct(pages, "/Kids"));
    PdfValue *k1 = &root->items[0], *k2 = &pages->items[0];     /* "/Type", twice */
    CHECK(pdf_is_name(k1, "/Type") && pdf_is_name(k2, "/Type") && k1->text == k2->text);
    /* a stream's bytes are read when asked for */
    PdfValue *kids = pdf_get(&d, pages, "/Kids");
    PdfObject *content = pdf_object(&d, pdf_get_direct(pdf_resolve(&d, &kids->items[0]), "/Contents"));
    CHECK(content && content->data == NULL && content->len == 28);
    unsigned char *bytes = NULL;
    size_t n = 0;
    CHECK(content && pdf_stream_bytes(&d, content, &bytes, &n) == 0 && n == 28 &&
          !memcmp(bytes, "BT /F1 12 Tf (a \\) b) Tj ET\n", 28));
    free(bytes);
    /* the file cut short under it: the stream cannot be read back, and
     * writing says so */
    CHECK_INT(ftruncate(fd, 100), 0);
    bytes = NULL;
    CHECK(content && pdf_stream_bytes(&d, content, &bytes, &n) == -1 && !bytes);
    unsigned char *out = NULL;
    size_t len = 0;
    CHECK_INT(pdf_write(&d, 6, &out, &len, err, sizeof err), -1);
    CHECK(strstr(err, "cannot read a stream back") != NULL);
    CHECK(out == NULL);
    pdf_free(&d);
    close(fd);
    unlink(path);
    g_string_free(pdf, TRUE);
}

TEST(writes_a_file_qpdf_reads_back) {
    size_t len = 0;
    unsigned char *out = changed_sample(&len);
    CHECK(out != NULL);
    if (!out) return;
    const char *path = written(out, len, "changed.pdf");
    if (!path) return;
    qpdf_accepts(path);
    char *json = run("qpdf --json=2 --json-key=qpdf '%s' 2>&1", path);
    CHECK(strstr(json, "\"/Lang\": \"u:fr\""));
    CHECK(strstr(json, "\"/Marked\": true"));
    CHECK(strstr(json, "\"/Subject\": \"u:For Zo\xC3\xAB, a subject \xE2\x80\x94 (a) and (b)\""));
    CHECK(strstr(json, "\"/Title\": \"u:Report (draft) (nested)\""));
    CHECK(strstr(json, "595.276") == NULL);              /* the item taken out */
    CHECK(strstr(json, "/Unused") == NULL);              /* no longer reached: left out */
    char *text = run("qpdf --qdf --object-streams=disable '%s' - | grep -a -c 'changed'", path);
    CHECK_INT(atoi(text), 1);                             /* the new content, compressed */
    char *raw = run("grep -a -c '<x/>' '%s'", path);
    CHECK_INT(atoi(raw), 1);                              /* metadata kept uncompressed */
    free(json);
    free(text);
    free(raw);
    size_t len2 = 0;
    unsigned char *again = changed_sample(&len2);
    CHECK(again && len2 == len && !memcmp(again, out, len));
    free(again);
    free(out);
}

TEST(text_strings) {
    PdfDoc d = { 0 };
    PdfValue a = pdf_text(&d, "a (b) \\ c");
    CHECK(a.kind == PDF_STRING && a.len == 14 && !memcmp(a.text, "(a \\(b\\) \\\\ c)", 14));
    PdfValue l = pdf_text(&d, "caf\xC3\xA9 \xE2\x80\x99");   /* é and ’: in PDFDocEncoding */
    CHECK(l.len == 8 && !memcmp(l.text, "(caf\xE9 \x90)", 8));
    PdfValue e = pdf_text(&d, "\xC3\xA9\xF0\x9F\x98\x80");  /* é and an emoji: UTF-16 */
    CHECK(e.len == 18 && !memcmp(e.text, "<FEFF00E9D83DDE00>", 18));
    /* a text starting with þÿ (or ï»¿) would start with a byte-order
     * mark in PDFDocEncoding and be read as UTF-16 (or UTF-8) */
    PdfValue bom = pdf_text(&d, "\xC3\xBE\xC3\xBF (Ada)");
    CHECK(bom.len == 38 && !memcmp(bom.text, "<FEFF00FE00FF002000280041006400610029>", 38));
    PdfValue bom8 = pdf_text(&d, "\xC3\xAF\xC2\xBB\xC2\xBF");
    CHECK_INT(bom8.text[0], '<');
    PdfValue n = pdf_parse(&d, "<< /O /Table /Scope [ /Row 1 0 R ] >>");
    CHECK(n.kind == PDF_DICT && n.n == 2);
    CHECK(pdf_get_direct(&n, "/Scope")->items[1].kind == PDF_REF);
    CHECK(pdf_parse(&d, "<< /O").kind == PDF_NULL);
    pdf_free(&d);
}

/* What the finishing pass holds for a summary of many members is mostly
 * these values: each array and dictionary read takes the room of its
 * items and no more, nested ones too, and a value is 16 bytes. */
TEST(values_read_take_the_room_they_hold) {
    CHECK_INT(sizeof(PdfValue), 16);
    CHECK_INT(sizeof(PdfObject), 48);
    PdfDoc d = { 0 };
    PdfValue v = pdf_parse(&d, "<< /A [ 1 2 3 ] /B << /C [ ] /D [ 4 5 6 7 8 9 10 11 12 ] >> /E (x) >>");
    CHECK(v.kind == PDF_DICT && v.n == 3);
    PdfValue *a = pdf_get_direct(&v, "/A"), *b = pdf_get_direct(&v, "/B");
    CHECK(a && a->kind == PDF_ARRAY && a->n == 3);
    CHECK(b && b->kind == PDF_DICT && b->n == 2);
    PdfValue *c = pdf_get_direct(b, "/C"), *dd = pdf_get_direct(b, "/D");
    CHECK(c && c->n == 0 && !c->items);
    CHECK(dd && dd->n == 9 && dd->items[8].len == 2 && !memcmp(dd->items[8].text, "12", 2));
    /* and grows when the pass adds to it */
    pdf_set(&d, &v, "/F", pdf_ref(7));
    pdf_set(&d, b, "/G", pdf_null());
    CHECK(v.n == 4 && pdf_get_direct(&v, "/F")->kind == PDF_REF && pdf_get_direct(&v, "/A")->n == 3);
    CHECK(b->n == 3 && pdf_get_direct(b, "/D")->n == 9);
    pdf_free(&d);
}

/* A stream the pass replaces is kept compressed, reads back whole, and is
 * written once, compressed as it was kept. */
TEST(a_replaced_stream_is_kept_compressed) {
    GString *pdf = make_pdf(sample, 7);
    PdfDoc d;
    char err[256] = "";
    CHECK_INT(pdf_read(&d, (const unsigned char *)pdf->str, pdf->len, err, sizeof err), 0);
    PdfValue *kids = pdf_get(&d, pdf_get(&d, pdf_get(&d, &d.trailer, "/Root"), "/Pages"), "/Kids");
    PdfObject *content = kids ? pdf_object(&d, pdf_get_direct(pdf_resolve(&d, &kids->items[0]), "/Contents")) : NULL;
    CHECK(content != NULL);
    if (!content) return;
    GString *drawn = g_string_new("");
    for (int i = 0; i < 200; i++) g_string_append_printf(drawn, "BT /F1 12 Tf 72 %d Td (line %d) Tj ET\n", 700 - i, i);
    pdf_replace_stream(&d, content, (const unsigned char *)drawn->str, drawn->len);
    CHECK(content->packed && content->len < drawn->len / 4);
    unsigned char *back = NULL;
    size_t n = 0;
    CHECK_INT(pdf_stream_bytes(&d, content, &back, &n), 0);
    CHECK(back && n == drawn->len && !memcmp(back, drawn->str, n));
    free(back);
    unsigned char *out = NULL;
    size_t len = 0;
    CHECK_INT(pdf_write(&d, PDF_DEFLATE_LEVEL, &out, &len, err, sizeof err), 0);
    const char *path = written(out, len, "replaced.pdf");
    if (path) qpdf_accepts(path);
    char *lines = !path ? NULL : run("qpdf --qdf --object-streams=disable '%s' - | grep -a -c '(line [0-9]*) Tj'", path);
    CHECK_INT(lines ? atoi(lines) : -1, 200);
    free(lines);
    free(out);
    g_string_free(drawn, TRUE);
    pdf_free(&d);
    g_string_free(pdf, TRUE);
}

/* Takes the pieces pdf_write_to hands on; refuses the piece `refuse`
 * (counted from 1; 0: none). */
typedef struct {
    GByteArray *got;
    int pieces, refuse;
} Taker;

static int take(void *closure, const unsigned char *data, size_t len) {
    Taker *t = closure;
    if (++t->pieces == t->refuse) return -1;
    g_byte_array_append(t->got, data, (guint)len);
    return 0;
}

/* A file of 300 KB (a stream that does not compress) is handed on in
 * pieces as it is written: the same bytes as written whole; a piece
 * refused stops it with PDF_WRITE_FAILED. */
TEST(a_file_is_handed_on_in_pieces) {
    GString *pdf = make_pdf(sample, 7);
    PdfDoc d;
    char err[256] = "";
    CHECK_INT(pdf_read(&d, (const unsigned char *)pdf->str, pdf->len, err, sizeof err), 0);
    size_t n = 300000;
    unsigned char *noise = malloc(n);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) noise[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 24);
    int big = pdf_add_stream(&d, pdf_parse(&d, "<< /Type /EmbeddedFile >>"), noise, n, 0);
    pdf_set(&d, pdf_get(&d, &d.trailer, "/Root"), "/Big", pdf_ref(big));
    unsigned char *whole = NULL;
    size_t len = 0;
    CHECK_INT(pdf_write(&d, 6, &whole, &len, err, sizeof err), 0);
    CHECK(len > n);
    Taker t = { g_byte_array_new(), 0, 0 };
    CHECK_INT(pdf_write_to(&d, 6, take, &t, err, sizeof err), 0);
    CHECK(t.pieces >= 3);
    CHECK(t.got->len == len && !memcmp(t.got->data, whole, len));
    Taker refusing = { g_byte_array_new(), 0, 2 };
    CHECK_INT(pdf_write_to(&d, 6, take, &refusing, err, sizeof err), PDF_WRITE_FAILED);
    CHECK(strstr(err, "write error") != NULL);
    CHECK_INT(refusing.pieces, 2);          /* nothing handed on after it */
    g_byte_array_free(t.got, TRUE);
    g_byte_array_free(refusing.got, TRUE);
    free(whole);
    free(noise);
    pdf_free(&d);
    g_string_free(pdf, TRUE);
}

/* Reading src must fail with a message, not crash, from memory and from
 * a file alike. */
static void refused(const char *src, size_t len) {
    PdfDoc d;
    char err[256] = "", path[32];
    CHECK_INT(pdf_read(&d, (const unsigned char *)src, len, err, sizeof err), -1);
    CHECK(strstr(err, "cannot read the PDF") != NULL);
    pdf_free(&d);
    char again[256] = "";
    int fd = file_of(src, len, path);
    CHECK(fd >= 0);
    CHECK_INT(pdf_read_file(&d, fd, len, again, sizeof again), -1);
    CHECK_STR(again, err);
    pdf_free(&d);
    close(fd);
    unlink(path);
}

TEST(damaged_files_are_refused) {
    GString *pdf = make_pdf(sample, 7);
    refused(pdf->str, pdf->len / 2);                       /* cut short */
    refused("", 0);
    refused("%PDF-1.5\nstartxref\n999999\n%%EOF\n", 32);
    GString *bad = g_string_new(pdf->str);
    char *len = strstr(bad->str, "5 0 obj\n28");
    if (len) len[8] = '9';                                  /* a length past the end */
    refused(bad->str, bad->len);
    g_string_free(bad, TRUE);
    const char *open_string[] = { "<< /Type /Catalog /T (never closed >>", "1" };
    GString *s = make_pdf(open_string, 2);
    refused(s->str, s->len);
    g_string_free(s, TRUE);
    GString *deep = g_string_new("");
    for (int i = 0; i < 1000; i++) g_string_append(deep, "[");
    const char *nested[] = { deep->str, "1" };
    GString *n = make_pdf(nested, 2);
    refused(n->str, n->len);
    g_string_free(n, TRUE);
    g_string_free(deep, TRUE);
    g_string_free(pdf, TRUE);
}

/* A value looked up stays valid when objects are added: the finishing
 * pass holds the catalog while it adds the metadata stream. A file of
 * 255 objects (a count cairo's documents reach) filled the table exactly,
 * so adding one moved every object and the catalog was changed in freed
 * memory: the written file lost its /Metadata. */
TEST(values_stay_put_when_objects_are_added) {
    for (int n = 250; n <= 260; n++) {
        const char **objs = malloc(sizeof *objs * (size_t)n);
        objs[0] = "<< /Type /Catalog /Pages 2 0 R >>";
        objs[1] = "<< /Type /Pages /Kids [] /Count 0 /Filler [ 3 0 R ";
        GString *pages = g_string_new(objs[1]);
        for (int i = 2; i < n; i++) {
            objs[i] = "<< /Filler true >>";
            if (i > 2) g_string_append_printf(pages, "%d 0 R ", i + 1);
        }
        g_string_append(pages, "] >>");
        objs[1] = pages->str;
        GString *pdf = make_pdf(objs, n);
        PdfDoc d;
        char err[256];
        unsigned char *out = NULL;
        size_t len = 0;
        CHECK_INT(pdf_read(&d, (const unsigned char *)pdf->str, pdf->len, err, sizeof err), 0);
        PdfValue *root = pdf_get(&d, &d.trailer, "/Root");
        int added = pdf_add(&d, pdf_parse(&d, "<< /Added true >>"));
        pdf_set(&d, root, "/Metadata", pdf_ref(added));
        CHECK_INT(pdf_write(&d, 1, &out, &len, err, sizeof err), 0);
        pdf_free(&d);
        const char *path = written(out, len, "added.pdf");
        char *json = path ? run("qpdf --json=2 --json-key=qpdf '%s' 2>&1", path) : NULL;
        if (!json || !strstr(json, "\"/Added\": true"))
            UNIT_FAIL("%d objects: the catalog lost what was added", n);
        free(json);
        free(out);
        g_string_free(pages, TRUE);
        g_string_free(pdf, TRUE);
        free(objs);
    }
}

/* A long file's structure elements are left in the file when it is read
 * (pdf_held_objects): each is read again when asked for, into a block of
 * its own, and let go when done with; the file written is the same as
 * when every object is held. An element that cannot be read again (the
 * file cut short under it) makes writing fail with a message. */
TEST(structure_elements_are_left_in_the_file_and_read_again) {
    static const char *const tagged[] = {
        /* 1 */ "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R >>",
        /* 2 */ "<< /Type /Pages /Kids [] /Count 0 >>",
        /* 3 */ "<< /Type /StructElem /S /P /P 4 0 R /K [ 0 1 ] /Alt (a \\(note\\)) >>",
        /* 4 */ "<< /Type /StructTreeRoot /K [ 3 0 R ] >>",
        /* 5 */ "<< /Producer (cairo) >>",
    };
    GString *pdf = make_pdf(tagged, 5);
    unsigned char *out[2] = { NULL, NULL };
    size_t len[2] = { 0, 0 };
    int held = pdf_held_objects;
    for (int k = 0; k < 2; k++) {
        char err[256] = "", path[32];
        int fd = file_of(pdf->str, pdf->len, path);
        PdfDoc d;
        pdf_held_objects = k ? 0 : held;
        CHECK_INT(pdf_read_file(&d, fd, pdf->len, err, sizeof err), 0);
        CHECK_INT(d.objs[3] == NULL, k);      /* left there: no object of its own */
        PdfValue ref = pdf_ref(3);
        CHECK(pdf_exists(&d, &ref));
        PdfValue *alt = pdf_get(&d, pdf_resolve(&d, &ref), "/Alt");
        CHECK(alt && alt->len == 12 && !memcmp(alt->text, "(a \\(note\\))", 12));
        CHECK(d.objs[3] != NULL);
        CHECK_INT(d.objs[3]->loaded, k);
        pdf_let_go(&d, 3);
        CHECK_INT(d.objs[3] == NULL, k);
        CHECK(pdf_exists(&d, &ref));
        CHECK_INT(pdf_write(&d, 6, &out[k], &len[k], err, sizeof err), 0);
        CHECK_INT(d.objs[3] == NULL, k);      /* read again to be written, let go */
        if (k) {
            CHECK_INT(ftruncate(fd, 20), 0);
            unsigned char *none = NULL;
            size_t n = 0;
            CHECK_INT(pdf_write(&d, 6, &none, &n, err, sizeof err), -1);
            CHECK(strstr(err, "cannot") != NULL);
            free(none);
        }
        pdf_free(&d);
        close(fd);
        unlink(path);
    }
    pdf_held_objects = held;
    CHECK(len[0] > 100 && len[0] == len[1] && !memcmp(out[0], out[1], len[0]));
    free(out[0]);
    free(out[1]);
    g_string_free(pdf, TRUE);
}
