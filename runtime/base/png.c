/* png.c — a PNG file read and checked from its header; see png.h. */
#include "base/png.h"
#include "base/messages.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/source.h"
#include <zlib.h>

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Keeps, of the n bytes of a PNG, the chunks a decoder needs to draw it:
 * the critical ones (IHDR, PLTE, IDAT, IEND and any other a decoder must
 * know) and tRNS, the transparency; the other ancillary chunks are
 * metadata, some of it compressed (zTXt, iTXt, iCCP), which a decoder
 * inflates whatever it holds: 270 of them in a 2 MiB logo took 11 s of
 * every document's time. A chunk that runs past the end is kept with the
 * rest, for the decoder to say the image is damaged. Returns the bytes
 * kept, moved to the front. */
static size_t drawing_chunks(unsigned char *buf, size_t n) {
    size_t at = 8, out = 8;
    while (at + 12 <= n) {
        uint32_t len = be32(buf + at);
        if (len > n - at - 12) break;
        const unsigned char *type = buf + at + 4;
        bool keep = !(type[0] & 0x20) || !memcmp(type, "tRNS", 4), end = !memcmp(type, "IEND", 4);
        size_t whole = 12 + (size_t)len;
        if (keep) {
            memmove(buf + out, buf + at, whole);
            out += whole;
        }
        at += whole;
        if (end) return out;          /* nothing after IEND is read */
    }
    memmove(buf + out, buf + at, n - at);
    return out + (n - at);
}

unsigned char *png_read(Arena *a, const char *path, size_t *len, int *width, int *height,
                        char *err, size_t errlen) {
    size_t n;
    unsigned char *buf = (unsigned char *)file_read(a, path, IMAGE_MAX_BYTES, " for an image", &n,
                                                    NULL, err, errlen);
    if (!buf) return NULL;
    /* signature, then the IHDR chunk: length 13, "IHDR", width, height */
    static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    if (n < 24 || memcmp(buf, signature, 8) || be32(buf + 8) != 13 || memcmp(buf + 12, "IHDR", 4)) {
        snprintf(err, errlen, diag_tr("is not a PNG image"));
        return NULL;
    }
    uint32_t w = be32(buf + 16), h = be32(buf + 20);
    if (w == 0 || h == 0) {
        snprintf(err, errlen, diag_tr("is not a PNG image (it says it is %u x %u pixels)"), w, h);
        return NULL;
    }
    if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
        snprintf(err, errlen, diag_tr("is %u x %u pixels; an image may be at most %d x %d pixels"),
                 w, h, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
        return NULL;
    }
    *len = drawing_chunks(buf, n);
    *width = (int)w;
    *height = (int)h;
    return buf;
}

/* Bytes of the filtered rows of a w x h image of bpp bits a pixel: each
 * row a filter byte and its pixels. */
static uint64_t rows_bytes(uint64_t w, uint64_t h, unsigned bpp) {
    return w && h ? h * (1 + (w * bpp + 7) / 8) : 0;
}

int png_data_bounded(const unsigned char *buf, size_t len, char *err, size_t errlen) {
    if (len < 33) return 0;                        /* png_read checked the header */
    uint64_t w = be32(buf + 16), h = be32(buf + 20);
    unsigned depth = buf[24], type = buf[25], interlaced = buf[28];
    unsigned channels = type == 2 ? 3 : type == 4 ? 2 : type == 6 ? 4 : 1;
    unsigned bpp = channels * depth;
    uint64_t want = 0;
    if (!interlaced) {
        want = rows_bytes(w, h, bpp);
    } else {                                       /* Adam7's seven passes */
        static const unsigned x0[7] = { 0, 4, 0, 2, 0, 1, 0 }, dx[7] = { 8, 8, 4, 4, 2, 2, 1 };
        static const unsigned y0[7] = { 0, 0, 4, 0, 2, 0, 1 }, dy[7] = { 8, 8, 8, 4, 4, 2, 2 };
        for (int p = 0; p < 7; p++)
            want += rows_bytes(w > x0[p] ? (w - x0[p] + dx[p] - 1) / dx[p] : 0,
                               h > y0[p] ? (h - y0[p] + dy[p] - 1) / dy[p] : 0, bpp);
    }
    z_stream z = { 0 };
    if (inflateInit(&z) != Z_OK) return 0;          /* the decoder will say */
    unsigned char scratch[65536];
    uint64_t got = 0;
    int rc = Z_OK;
    for (size_t at = 8; at + 12 <= len && rc == Z_OK && got <= want;) {
        uint32_t n = be32(buf + at);
        if (n > len - at - 12) break;
        if (!memcmp(buf + at + 4, "IDAT", 4)) {
            z.next_in = (unsigned char *)buf + at + 8;
            z.avail_in = n;
            while (z.avail_in && rc == Z_OK && got <= want) {
                z.next_out = scratch;
                z.avail_out = sizeof scratch;
                rc = inflate(&z, Z_NO_FLUSH);
                got += sizeof scratch - z.avail_out;
            }
        }
        at += 12 + (size_t)n;
    }
    inflateEnd(&z);
    if (got <= want) return 0;
    snprintf(err, errlen, diag_tr("is not a readable PNG image (its data holds more than its %llu x %llu "
             "pixels)"), (unsigned long long)w, (unsigned long long)h);
    return -1;
}

int png_check(const char *path, int *width, int *height, char *err, size_t errlen) {
    Arena a = { 0 };
    size_t len;
    bool ok = png_read(&a, path, &len, width, height, err, errlen) != NULL;
    arena_free(&a);
    return ok ? 0 : -1;
}
