/* test_pdfimage.c — an image's objects made once by formc are cairo's:
 * the same dictionary entries and, decoded, the same colours and soft mask,
 * for colour, grey and black-and-white images, opaque, clear-or-opaque and
 * translucent; a stand-in of no image given is an error. An image read
 * from the image cache (imagecache.h) gives the same PDF as the image
 * decoded, and the cache is refused whole when it is damaged, cut short,
 * another image's, another user's or not a file, or when any part of it is
 * out of bounds. */
#include "layout/imagecache.h"
#include "layout/pdfimage.h"
#include "figures/image.h"
#include "unit.h"

#include <cairo-pdf.h>
#include <fcntl.h>
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len) {
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A PDF of one page with image drawn at twice its size. */
static GByteArray *draw(cairo_surface_t *image) {
    GByteArray *out = g_byte_array_new();
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append, out, 200, 200);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2027-01-15T00:00:00");
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

/* ---- the image cache --------------------------------------------------- */

static const struct {
    cairo_format_t format;
    uint32_t (*f)(int, int);
    const char *what;
} kinds[] = {
    { CAIRO_FORMAT_ARGB32, translucent_colour, "translucent colour" },
    { CAIRO_FORMAT_ARGB32, clear_or_grey, "clear or grey" },
    { CAIRO_FORMAT_ARGB32, black_or_white, "black and white" },
    { CAIRO_FORMAT_RGB24, opaque_colour, "opaque colour" },
    { CAIRO_FORMAT_RGB24, black_or_white, "opaque black and white" },
};

/* The image of kinds[k] as a PNG file in the test's folder; its path. */
static const char *png_of(size_t k) {
    static char path[300];
    snprintf(path, sizeof path, "%s/image%zu.png", dir(), k);
    cairo_surface_t *img = image_of(kinds[k].format, 32, 24, kinds[k].f);
    if (cairo_surface_write_to_png(img, path) != CAIRO_STATUS_SUCCESS) abort();
    cairo_surface_destroy(img);
    return path;
}

/* The finished PDF (the finishing pass's objects put in) of img drawn. */
static GByteArray *finished(cairo_surface_t *img) {
    GByteArray *raw = draw(img), *out = g_byte_array_new();
    PdfDoc d;
    char err[256];
    unsigned char *bytes = NULL;
    size_t n = 0;
    if (pdf_read(&d, raw->data, raw->len, err, sizeof err) == 0 &&
        pdfimage_put(&d, &img, 1, err, sizeof err) == 0 &&
        pdf_write(&d, 3, &bytes, &n, err, sizeof err) == 0)
        g_byte_array_append(out, bytes, (guint)n);
    pdf_free(&d);
    free(bytes);
    g_byte_array_free(raw, TRUE);
    return out;
}

/* Whether every byte of img's pixels is 0: a stand-in's. (Not flushed:
 * cairo_surface_flush would let go of the stand-in's data.) */
static int blank(cairo_surface_t *img) {
    const unsigned char *p = cairo_image_surface_get_data(img);
    size_t n = (size_t)cairo_image_surface_get_stride(img) * (size_t)cairo_image_surface_get_height(img);
    for (size_t i = 0; i < n; i++)
        if (p[i]) return 0;
    return 1;
}

/* The bytes of the PNG at path as the layout reads them (png_read), in
 * a; their number in *n. */
static unsigned char *png_bytes(Arena *a, const char *path, size_t *n) {
    int w, h;
    char err[256];
    unsigned char *bytes = png_read(a, path, n, &w, &h, err, sizeof err);
    if (!bytes) abort();
    return bytes;
}

/* The cache file of the PNG at path, in out. */
static void cache_of(const char *path, char *out, size_t outlen) {
    Arena a = { 0 };
    size_t n = 0;
    unsigned char *bytes = png_bytes(&a, path, &n);
    char name[128];
    imagecache_name(bytes, n, name, sizeof name);
    snprintf(out, outlen, "%s/formc/%s", dir(), name);
    arena_free(&a);
}

/* pdfimage_load at path with nothing kept for the run. */
static cairo_surface_t *load_fresh(const char *path) {
    char err[256];
    image_release();
    cairo_surface_t *img = pdfimage_load(path, err, sizeof err);
    if (!img) UNIT_FAIL("%s: %s", path, err);
    return img;
}

TEST(cached_image_gives_the_same_pdf) {
    setenv("XDG_CACHE_HOME", dir(), 1);
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        const char *path = png_of(k);
        char cache[400];
        cache_of(path, cache, sizeof cache);
        unlink(cache);
        cairo_surface_t *decoded = load_fresh(path);
        struct stat st;
        if (stat(cache, &st) != 0 || (st.st_mode & 0777) != 0600)
            UNIT_FAIL("%s: no private cache written", kinds[k].what);
        cairo_surface_t *cached = load_fresh(path);
        if (!decoded || !cached) continue;
        if (blank(decoded) || !blank(cached))
            UNIT_FAIL("%s: the second image is not the cache's stand-in", kinds[k].what);
        CHECK(cairo_image_surface_get_format(cached) == cairo_image_surface_get_format(decoded));
        GByteArray *a = draw(decoded), *b = draw(cached);
        if (a->len != b->len || memcmp(a->data, b->data, a->len))
            UNIT_FAIL("%s: cairo's PDFs differ", kinds[k].what);
        g_byte_array_free(a, TRUE);
        g_byte_array_free(b, TRUE);
        a = finished(decoded), b = finished(cached);
        if (!a->len || a->len != b->len || memcmp(a->data, b->data, a->len))
            UNIT_FAIL("%s: the finished PDFs differ", kinds[k].what);
        g_byte_array_free(a, TRUE);
        g_byte_array_free(b, TRUE);
        cairo_surface_destroy(decoded);
        cairo_surface_destroy(cached);
    }
    image_release();
}

static void put_file(const char *path, const void *bytes, size_t len) {
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, bytes, len) != (ssize_t)len) abort();
    close(fd);
}

/* Whether pdfimage_load at path takes the cache's stand-in. */
static int from_cache(const char *path) {
    cairo_surface_t *img = load_fresh(path);
    int cached = img && blank(img);
    if (img) cairo_surface_destroy(img);
    return cached;
}

TEST(image_cache_is_trusted_only_whole_and_the_users) {
    setenv("XDG_CACHE_HOME", dir(), 1);
    const char *first = png_of(0);
    char path[300], cache[400], other_cache[400];
    snprintf(path, sizeof path, "%s", first);
    cache_of(path, cache, sizeof cache);
    unlink(cache);
    CHECK(!from_cache(path));                          /* absent: written */
    CHECK(from_cache(path));                           /* valid */
    gchar *good = NULL;
    gsize len = 0;
    CHECK(g_file_get_contents(cache, &good, &len, NULL) && len > 100);
    if (!good) return;
    char *bad = malloc(len + 1);
    for (size_t at = 0; at < len; at += len / 11 + 1) {
        memcpy(bad, good, len);                        /* damaged */
        bad[at] ^= 0x04;
        put_file(cache, bad, len);
        if (from_cache(path)) UNIT_FAIL("a byte changed at %zu was trusted", at);
        put_file(cache, good, at);                     /* cut short */
        if (from_cache(path)) UNIT_FAIL("the cache cut at %zu was trusted", at);
    }
    const char *second = png_of(3);                    /* another image's cache */
    cache_of(second, other_cache, sizeof other_cache);
    unlink(other_cache);
    CHECK(!from_cache(second));
    gchar *other = NULL;
    gsize olen = 0;
    CHECK(g_file_get_contents(other_cache, &other, &olen, NULL));
    put_file(cache, other, olen);
    CHECK(!from_cache(path));
    put_file(cache, good, len);
    CHECK(chmod(cache, 0620) == 0);                    /* others may write */
    CHECK(!from_cache(path));
    CHECK(chmod(cache, 0600) == 0);
    if (geteuid() == 0) {                              /* another's */
        CHECK(chown(cache, 65534, 65534) == 0);
        CHECK(!from_cache(path));
        CHECK(chown(cache, 0, 0) == 0);
    }
    CHECK(from_cache(path));
    unlink(cache);
    CHECK(mkfifo(cache, 0600) == 0);                   /* a named pipe */
    CHECK(!from_cache(path));
    unlink(cache);
    free(bad);
    g_free(good);
    g_free(other);
    image_release();
}

/* The body of a small translucent image's parts, made as pdfimage makes
 * them (through the cache file of its PNG). */
static unsigned char *small_body(size_t *n, int *w, int *h) {
    setenv("XDG_CACHE_HOME", dir(), 1);
    const char *path = png_of(0);
    Arena a = { 0 };
    size_t len = 0;
    unsigned char *png = png_bytes(&a, path, &len);
    cairo_surface_t *img = load_fresh(path);
    cairo_surface_destroy(img);
    image_release();
    ImageParts p;
    *w = 32, *h = 24;
    unsigned char *body = NULL;
    if (imagecache_read(png, len, *w, *h, &p) == 0) {
        body = imagecache_encode(&p, n);
        imagecache_free(&p);
    }
    arena_free(&a);
    return body;
}

static int decodes(const unsigned char *body, size_t n, int w, int h) {
    ImageParts p;
    int rc = imagecache_decode(body, n, w, h, &p);
    if (rc != 0 && (p.colors || p.mask)) UNIT_FAIL("a refused body left parts");
    imagecache_free(&p);
    return rc == 0;
}

TEST(image_cache_decode_checks_every_part) {
    size_t n = 0;
    int w, h;
    unsigned char *body = small_body(&n, &w, &h), *copy = malloc(n + 64);
    CHECK(body != NULL);
    if (!body) return;
    CHECK(decodes(body, n, w, h));
    CHECK(!decodes(body, n, w + 1, h));               /* not its PNG's size */
    CHECK(!decodes(body, n, w, h - 1));
    const struct { size_t at; unsigned char value; const char *what; } edits[] = {
        { 8, 2, "an alpha that is neither" },
        { 9, 3, "a fourth kind of colours" },
        { 9, 0x2 /* black and white */, "colours of another kind" },
        { 10, 2, "a mask of 2 bits" },
        { 10, 0, "no mask, with mask data" },
        { 11, 1, "a byte that must be 0" },
        { 24, 0, "colours of another length" },
        { 28, 0xff, "a mask of another length" },
        { 32, 0, "colours that are not zlib data" },
        { n - 1, 0x55, "a mask whose data ends wrong" },
    };
    for (size_t e = 0; e < sizeof edits / sizeof *edits; e++) {
        memcpy(copy, body, n);
        copy[edits[e].at] = edits[e].value == copy[edits[e].at] ? edits[e].value ^ 1 : edits[e].value;
        if (decodes(copy, n, w, h)) UNIT_FAIL("%s was trusted", edits[e].what);
    }
    for (size_t cut = 0; cut < n; cut++)               /* cut short anywhere */
        if (decodes(body, cut, w, h)) UNIT_FAIL("cut at %zu was trusted", cut);
    memcpy(copy, body, n);
    copy[n] = 0;
    CHECK(!decodes(copy, n + 1, w, h));                /* a byte more */
    for (size_t at = 0; at < n; at++)                  /* any byte: refused or whole */
        for (int v = 0; v < 256; v += 51) {
            memcpy(copy, body, n);
            copy[at] = (unsigned char)v;
            ImageParts p;
            if (imagecache_decode(copy, n, w, h, &p) == 0) {
                CHECK(p.width == w && p.height == h && p.ncolors > 0);
                imagecache_free(&p);
            }
        }
    free(body);
    free(copy);
}
