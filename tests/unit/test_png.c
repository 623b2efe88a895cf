/* Unit tests of runtime/base/png.c and runtime/figures/image.c with PNGs
 * made here: the metadata chunks a decoder would inflate (zTXt, iTXt,
 * iCCP) left out before decoding, the image still drawn whole; image data
 * that inflates to more than its pixels (a decompression bomb after the
 * pixels) refused before it is decoded; interlaced and packed images
 * accepted as they are. */
#include "unit.h"

#include "base/png.h"
#include "figures/image.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

typedef struct {
    unsigned char *s;
    size_t len, cap;
} Bytes;

static void put(Bytes *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        b->cap = 2 * (b->len + n);
        b->s = realloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
}

static void put32(Bytes *b, uint32_t v) {
    unsigned char x[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                           (unsigned char)v };
    put(b, x, 4);
}

static void chunk(Bytes *b, const char *type, const void *data, size_t n) {
    put32(b, (uint32_t)n);
    size_t at = b->len;
    put(b, type, 4);
    put(b, data, n);
    put32(b, (uint32_t)crc32(0, b->s + at, (uInt)(n + 4)));
}

/* A PNG of w x h pixels, 8-bit grey and alpha, not interlaced, whose image
 * data is its rows followed by `extra` zero bytes in the same stream,
 * with the metadata chunks a decoder inflates when meta. */
static Bytes make_png(uint32_t w, uint32_t h, size_t extra, int meta) {
    Bytes b = { 0 };
    put(&b, "\x89PNG\r\n\x1a\n", 8);
    unsigned char ihdr[13] = { 0 };
    for (int i = 0; i < 4; i++) {
        ihdr[i] = (unsigned char)(w >> (24 - 8 * i));
        ihdr[4 + i] = (unsigned char)(h >> (24 - 8 * i));
    }
    ihdr[8] = 8;                                      /* bit depth */
    ihdr[9] = 4;                                      /* grey and alpha */
    chunk(&b, "IHDR", ihdr, 13);
    if (meta) {
        unsigned char zeros[65536] = { 0 }, packed[1024];
        uLongf n = sizeof packed;
        compress2(packed, &n, zeros, sizeof zeros, 9);
        Bytes z = { 0 };
        put(&z, "Comment\0\0", 9);
        put(&z, packed, n);
        chunk(&b, "zTXt", z.s, z.len);
        chunk(&b, "iCCP", z.s, z.len);
        free(z.s);
    }
    size_t raw = (size_t)h * (1 + 2 * (size_t)w);
    z_stream zs = { 0 };
    deflateInit(&zs, 9);
    Bytes idat = { 0 };
    unsigned char in[65536], out[65536];
    for (size_t left = raw + extra; left || zs.avail_in;) {
        size_t k = left < sizeof in ? left : sizeof in;
        for (size_t i = 0; i < k; i++) {
            size_t at = raw + extra - left + i;     /* each row: filter 0, then its pixels */
            in[i] = at < raw && at % (1 + 2 * (size_t)w) ? 0x7F : 0;
        }
        zs.next_in = in;
        zs.avail_in = (uInt)k;
        left -= k;
        do {
            zs.next_out = out;
            zs.avail_out = sizeof out;
            deflate(&zs, left ? Z_NO_FLUSH : Z_FINISH);
            put(&idat, out, sizeof out - zs.avail_out);
        } while (zs.avail_out == 0);
    }
    deflateEnd(&zs);
    chunk(&b, "IDAT", idat.s, idat.len);
    free(idat.s);
    chunk(&b, "IEND", "", 0);
    return b;
}

/* b written to a new temporary file; its path (static). */
static const char *saved(const Bytes *b) {
    static char path[64];
    snprintf(path, sizeof path, "/tmp/formc-png-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, b->s, b->len) != (ssize_t)b->len) path[0] = 0;
    if (fd >= 0) close(fd);
    return path;
}

/* The PNG at path read and decoded as the layout does (png_read, then
 * image_decode_png); NULL with the reason in err. */
static cairo_surface_t *load(const char *path, char *err, size_t errlen) {
    Arena a = { 0 };
    size_t len;
    int w, h;
    unsigned char *bytes = png_read(&a, path, &len, &w, &h, err, errlen);
    cairo_surface_t *img = bytes ? image_decode_png(bytes, len, err, errlen) : NULL;
    arena_free(&a);
    return img;
}

static int has_chunk(const unsigned char *s, size_t len, const char *type) {
    for (size_t i = 0; i + 4 <= len; i++)
        if (!memcmp(s + i, type, 4)) return 1;
    return 0;
}

TEST(metadata_chunks_are_left_out) {
    Bytes b = make_png(40, 30, 0, 1);
    const char *path = saved(&b);
    Arena a = { 0 };
    size_t len;
    int w, h;
    char err[256];
    unsigned char *kept = png_read(&a, path, &len, &w, &h, err, sizeof err);
    CHECK(kept && w == 40 && h == 30 && len < b.len);
    if (kept) {
        CHECK(!has_chunk(kept, len, "zTXt") && !has_chunk(kept, len, "iCCP"));
        CHECK(has_chunk(kept, len, "IDAT") && has_chunk(kept, len, "IEND"));
        CHECK_INT(png_data_bounded(kept, len, err, sizeof err), 0);
    }
    cairo_surface_t *img = load(path, err, sizeof err);
    CHECK(img && cairo_image_surface_get_width(img) == 40 && cairo_image_surface_get_height(img) == 30);
    if (img) cairo_surface_destroy(img);
    arena_free(&a);
    unlink(path);
    free(b.s);
}

TEST(image_data_past_the_pixels_is_refused) {
    Bytes b = make_png(16, 16, 64u << 20, 0);     /* 64 MiB of zeros after 16 x 16 pixels */
    CHECK(b.len < IMAGE_MAX_BYTES);
    const char *path = saved(&b);
    char err[256] = "";
    cairo_surface_t *img = load(path, err, sizeof err);
    CHECK(img == NULL);
    CHECK(strstr(err, "its data holds more than its 16 x 16 pixels") != NULL);
    if (img) cairo_surface_destroy(img);
    unlink(path);
    free(b.s);
    Bytes exact = make_png(16, 16, 0, 0);
    path = saved(&exact);
    img = load(path, err, sizeof err);
    CHECK(img != NULL);
    if (img) cairo_surface_destroy(img);
    unlink(path);
    free(exact.s);
}
