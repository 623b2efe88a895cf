/* test_pdfimage.c — an image's objects made once by formc are cairo's:
 * the same dictionary entries and, decoded, the same colours and soft mask,
 * for colour, grey and black-and-white images, opaque, clear-or-opaque and
 * translucent; a stand-in of no image given is an error. */
#include "layout/pdfimage.h"
#include "unit.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len) {
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A PDF of one page with image drawn at twice its size. */
static GByteArray *draw(cairo_surface_t *image) {
    GByteArray *out = g_byte_array_new();
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append, out, 200, 200);
    cairo_t *cr = cairo_create(s);
    cairo_translate(cr, 10, 10);
    cairo_scale(cr, 2, 2);
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_rectangle(cr, 0, 0, cairo_image_surface_get_width(image),
                    cairo_image_surface_get_height(image));
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return out;
}

/* A w x h image whose pixel (x, y) is f(x, y) (premultiplied ARGB). */
static cairo_surface_t *image_of(cairo_format_t format, int w, int h, uint32_t (*f)(int, int)) {
    cairo_surface_t *s = cairo_image_surface_create(format, w, h);
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t p = f(x, y);
            memcpy(data + (size_t)y * (size_t)stride + (size_t)x * 4, &p, 4);
        }
    cairo_surface_mark_dirty(s);
    return s;
}

static uint32_t translucent_colour(int x, int y) {
    uint32_t a = (uint32_t)(x * 23 + y * 7) & 0xff;
    return a << 24 | (a * (uint32_t)x / 32) << 16 | (a * (uint32_t)y / 32) << 8 | a / 3;
}
static uint32_t clear_or_grey(int x, int y) {
    return (x + y) % 3 ? 0 : 0xff000000u | 0x777777u;
}
static uint32_t black_or_white(int x, int y) { return (x * y) % 5 ? 0xffffffffu : 0xff000000u; }
static uint32_t opaque_colour(int x, int y) { return 0xff000000u | (uint32_t)(x * 8) << 16 | (uint32_t)(y * 8); }

/* The image XObject of doc (the one with a /SMask when there are two) and
 * its soft mask (or NULL). */
static PdfObject *image_in(PdfDoc *doc, PdfObject **mask) {
    PdfObject *image = NULL;
    *mask = NULL;
    for (int n = 1; n < doc->nobjs; n++) {
        PdfObject *o = doc->objs[n];
        if (!o || !o->present || !o->stream) continue;
        PdfValue *sub = pdf_get(doc, &o->value, "/Subtype");
        if (!sub || !pdf_is_name(sub, "/Image")) continue;
        PdfValue *m = pdf_get_direct(&o->value, "/SMask");
        if (!image || m) image = o;
        if (m) *mask = pdf_object(doc, m);
    }
    return image;
}

static int same_entry(PdfDoc *a, PdfObject *x, PdfDoc *b, PdfObject *y, const char *key) {
    PdfValue *u = pdf_get(a, &x->value, key), *v = pdf_get(b, &y->value, key);
    if (!u || !v || u->kind != v->kind) return 0;
    if (u->kind == PDF_BOOL) return u->n == v->n;
    if (u->kind != PDF_NUMBER && u->kind != PDF_NAME && u->kind != PDF_STRING) return 0;
    return u->len == v->len && !memcmp(u->text, v->text, u->len);
}

static int same_pixels(PdfDoc *da, PdfObject *x, PdfDoc *db, PdfObject *y) {
    unsigned char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    int ok = pdf_stream_bytes(da, x, &a, &na) == 0 && pdf_stream_bytes(db, y, &b, &nb) == 0 &&
             na == nb &&
             !memcmp(a, b, na);
    free(a);
    free(b);
    return ok;
}

/* cairo's PDF of the image and formc's (stand-in, then its objects put
 * in) hold the same image. */
static void check_alike(cairo_format_t format, uint32_t (*f)(int, int), const char *what) {
    cairo_surface_t *theirs = image_of(format, 32, 24, f), *mine = image_of(format, 32, 24, f);
    GByteArray *a = draw(theirs);
    pdfimage_prepare(mine);
    GByteArray *b = draw(mine);
    PdfDoc da, db;
    char err[256];
    unsigned char *written = NULL;
    size_t nwritten = 0;
    if (pdf_read(&da, a->data, a->len, err, sizeof err) != 0 ||
        pdf_read(&db, b->data, b->len, err, sizeof err) != 0) {
        UNIT_FAIL("%s: %s", what, err);
        return;
    }
    CHECK(pdfimage_put(&db, &mine, 1, err, sizeof err) == 0);
    PdfObject *ma, *mw, *ia = image_in(&da, &ma), *iw = image_in(&db, &mw);
    if (!ia || !iw) {
        UNIT_FAIL("%s: no image", what);
    } else {
        for (const char *const *k = (const char *const[]){ "/Width", "/Height", "/ColorSpace",
                 "/BitsPerComponent", "/Interpolate", NULL }; *k; k++)
            if (!same_entry(&da, ia, &db, iw, *k)) UNIT_FAIL("%s: %s differs", what, *k);
        if (!same_pixels(&da, ia, &db, iw)) UNIT_FAIL("%s: the colours differ", what);
        if (!ma != !mw) UNIT_FAIL("%s: a soft mask in one only", what);
        if (ma && mw && (!same_pixels(&da, ma, &db, mw) || !same_entry(&da, ma, &db, mw, "/BitsPerComponent")))
            UNIT_FAIL("%s: the soft masks differ", what);
    }
    CHECK(pdf_write(&db, 3, &written, &nwritten, err, sizeof err) == 0);
    pdf_free(&da);
    pdf_free(&db);
    free(written);
    g_byte_array_free(a, TRUE);
    g_byte_array_free(b, TRUE);
    cairo_surface_destroy(theirs);
    cairo_surface_destroy(mine);
}

TEST(objects_as_cairo_makes_them) {
    check_alike(CAIRO_FORMAT_ARGB32, translucent_colour, "translucent colour");
    check_alike(CAIRO_FORMAT_ARGB32, clear_or_grey, "clear or grey");
    check_alike(CAIRO_FORMAT_ARGB32, black_or_white, "black and white");
    check_alike(CAIRO_FORMAT_RGB24, opaque_colour, "opaque colour");
    check_alike(CAIRO_FORMAT_RGB24, black_or_white, "opaque black and white");
}

TEST(stand_in_of_no_image_given) {
    cairo_surface_t *mine = image_of(CAIRO_FORMAT_ARGB32, 8, 8, translucent_colour),
                    *other = image_of(CAIRO_FORMAT_ARGB32, 8, 8, opaque_colour);
    pdfimage_prepare(mine);
    pdfimage_prepare(other);
    GByteArray *b = draw(mine);
    PdfDoc d;
    char err[256] = "";
    CHECK(pdf_read(&d, b->data, b->len, err, sizeof err) == 0);
    CHECK(pdfimage_put(&d, &other, 1, err, sizeof err) == -1);
    CHECK(strstr(err, "image") != NULL);
    pdf_free(&d);
    g_byte_array_free(b, TRUE);
    cairo_surface_destroy(mine);
    cairo_surface_destroy(other);
}
