/* png.c — a PNG file read and checked from its header; see png.h. */
#include "base/png.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/source.h"

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
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
        snprintf(err, errlen, "is not a PNG image");
        return NULL;
    }
    uint32_t w = be32(buf + 16), h = be32(buf + 20);
    if (w == 0 || h == 0) {
        snprintf(err, errlen, "is not a PNG image (it says it is %u x %u pixels)", w, h);
        return NULL;
    }
    if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
        snprintf(err, errlen, "is %u x %u pixels; an image may be at most %d x %d pixels",
                 w, h, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
        return NULL;
    }
    *len = n;
    *width = (int)w;
    *height = (int)h;
    return buf;
}

int png_check(const char *path, int *width, int *height, char *err, size_t errlen) {
    Arena a = { 0 };
    size_t len;
    bool ok = png_read(&a, path, &len, width, height, err, errlen) != NULL;
    arena_free(&a);
    return ok ? 0 : -1;
}
