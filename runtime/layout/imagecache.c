/* imagecache: an image's PDF objects kept between runs; see imagecache.h.
 *
 * The file:
 *
 *   formc image cache 1\n
 *   png SHA256 LENGTH\n       (of the PNG file's bytes)
 *   BODY
 *   CHECKSUM                  (8 bytes, little-endian: checksum_of
 *                              of every byte before)
 *
 * BODY, numbers little-endian: u32 width, u32 height, u8 argb, u8 colours
 * (0 RGB, 1 grey, 2 black and white), u8 mask bits (0, 1 or 8), 5 bytes
 * 0, u64 the pixels' hash, u32 NCOLORS, u32 NMASK, then the NCOLORS bytes of
 * the colours' zlib data and the NMASK of the mask's. */
#include "layout/imagecache.h"
#include "base/arena.h"
#include "base/cachefile.h"
#include "base/png.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define HEADER "formc image cache 1\n"
#define BODY_HEAD 32

static uint32_t u32_at(const unsigned char *b) {
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put_u32(unsigned char *b, uint32_t v) {
    for (int k = 0; k < 4; k++) b[k] = (unsigned char)(v >> (8 * k));
}

static void put_u64(unsigned char *b, uint64_t v) {
    for (int k = 0; k < 8; k++) b[k] = (unsigned char)(v >> (8 * k));
}

void imagecache_free(ImageParts *p) {
    free(p->colors);
    free(p->mask);
    memset(p, 0, sizeof *p);
}

/* Whether zlib data z[0, n) inflates, whole and to its end, to exactly
 * want bytes (into a small buffer, kept nowhere). */
static int inflates_to(const unsigned char *z, size_t n, size_t want) {
    z_stream s = { 0 };
    if (n > UINT32_MAX || inflateInit(&s) != Z_OK) return 0;
    unsigned char scratch[16384];
    s.next_in = (unsigned char *)z;
    s.avail_in = (uInt)n;
    size_t got = 0;
    int rc = Z_OK;
    while (rc == Z_OK && got <= want) {
        s.next_out = scratch;
        s.avail_out = sizeof scratch;
        rc = inflate(&s, Z_NO_FLUSH);
        got += sizeof scratch - s.avail_out;
    }
    int ok = rc == Z_STREAM_END && s.avail_in == 0 && got == want;
    inflateEnd(&s);
    return ok;
}

/* The bytes of an image's colours, or of its mask of bits, uncompressed. */
static size_t plane_bytes(int w, int h, int bits_or_channels) {
    size_t row_bits = ((size_t)w + 7) / 8;
    return bits_or_channels == 1 ? row_bits * (size_t)h
                                 : (size_t)w * (size_t)h * (size_t)(bits_or_channels / 8);
}

int imagecache_decode(const unsigned char *body, size_t n, int width, int height,
                      ImageParts *out) {
    memset(out, 0, sizeof *out);
    if (n < BODY_HEAD) return -1;
    uint32_t w = u32_at(body), h = u32_at(body + 4), ncolors = u32_at(body + 24),
             nmask = u32_at(body + 28);
    int argb = body[8], kind = body[9], mask_bits = body[10];
    if (w != (uint32_t)width || h != (uint32_t)height || w < 1 || h < 1 || w > IMAGE_MAX_SIDE ||
        h > IMAGE_MAX_SIDE || argb > 1 || kind > IMAGE_MONO ||
        (body[11] | body[12] | body[13] | body[14] | body[15]) ||
        (mask_bits != 0 && mask_bits != 1 && mask_bits != 8) || (mask_bits && !argb) ||
        !ncolors || !mask_bits != !nmask || ncolors > n - BODY_HEAD ||
        nmask != n - BODY_HEAD - ncolors)
        return -1;
    const unsigned char *colors = body + BODY_HEAD, *mask = colors + ncolors;
    int channels = kind == IMAGE_RGB ? 24 : kind == IMAGE_GRAY ? 8 : 1;
    if (!inflates_to(colors, ncolors, plane_bytes((int)w, (int)h, channels)) ||
        (nmask && !inflates_to(mask, nmask, plane_bytes((int)w, (int)h, mask_bits))))
        return -1;
    out->width = (int)w;
    out->height = (int)h;
    out->argb = argb;
    out->colors_kind = (ImageColors)kind;
    out->mask_bits = mask_bits;
    out->hash = (uint64_t)u32_at(body + 16) | (uint64_t)u32_at(body + 20) << 32;
    out->colors = xmalloc(ncolors);
    memcpy(out->colors, colors, ncolors);
    out->ncolors = ncolors;
    if (nmask) {
        out->mask = xmalloc(nmask);
        memcpy(out->mask, mask, nmask);
        out->nmask = nmask;
    }
    return 0;
}

unsigned char *imagecache_encode(const ImageParts *p, size_t *n) {
    if (p->ncolors > UINT32_MAX || p->nmask > UINT32_MAX || p->width < 0 || p->height < 0)
        return NULL;
    *n = BODY_HEAD + p->ncolors + p->nmask;
    unsigned char *b = xcalloc(*n, 1);
    put_u32(b, (uint32_t)p->width);
    put_u32(b + 4, (uint32_t)p->height);
    b[8] = (unsigned char)p->argb;
    b[9] = (unsigned char)p->colors_kind;
    b[10] = (unsigned char)p->mask_bits;
    put_u64(b + 16, p->hash);
    put_u32(b + 24, (uint32_t)p->ncolors);
    put_u32(b + 28, (uint32_t)p->nmask);
    memcpy(b + BODY_HEAD, p->colors, p->ncolors);
    if (p->nmask) memcpy(b + BODY_HEAD + p->ncolors, p->mask, p->nmask);
    return b;
}

void imagecache_name(const unsigned char *png, size_t len, char *out, size_t outlen) {
    gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, png, len);
    snprintf(out, outlen, "images/%s", sum);
    g_free(sum);
}

/* The cache file's name and first two lines for the PNG of these bytes. */
static void names_of(const unsigned char *png, size_t len, char *name, size_t namelen,
                     char *head, size_t headlen) {
    imagecache_name(png, len, name, namelen);
    snprintf(head, headlen, HEADER "png %s %zu\n", name + strlen("images/"), len);
}

int imagecache_read(const unsigned char *png, size_t len, int width, int height,
                    ImageParts *out) {
    char name[128], head[192];
    names_of(png, len, name, sizeof name, head, sizeof head);
    size_t n = 0, hlen = strlen(head);
    /* an image's planes are at most 2048 x 2048 x 4 bytes, and zlib data
     * is at most a little more than they are */
    char *bytes = cachefile_read(name, (size_t)IMAGE_MAX_SIDE * IMAGE_MAX_SIDE * 5, &n);
    memset(out, 0, sizeof *out);
    if (!bytes) return -1;
    unsigned char sum[8];
    if (n >= hlen + 8) put_u64(sum, checksum_of(bytes, n - 8));
    int rc = n >= hlen + 8 && !memcmp(bytes + n - 8, sum, 8) && !memcmp(bytes, head, hlen)
           ? imagecache_decode((unsigned char *)bytes + hlen, n - 8 - hlen, width, height, out)
           : -1;
    free(bytes);
    return rc;
}

void imagecache_write(const unsigned char *png, size_t len, const ImageParts *p) {
    char name[128], head[192];
    names_of(png, len, name, sizeof name, head, sizeof head);
    size_t n = 0;
    unsigned char *body = imagecache_encode(p, &n);
    if (!body) return;
    ImageParts back;
    if (imagecache_decode(body, n, p->width, p->height, &back) == 0) {
        imagecache_free(&back);
        size_t hlen = strlen(head), total = hlen + n + 8;
        unsigned char *file = xmalloc(total);
        memcpy(file, head, hlen);
        memcpy(file + hlen, body, n);
        put_u64(file + hlen + n, checksum_of(file, hlen + n));
        cachefile_write(name, file, total);
        free(file);
    }
    free(body);
}
