/* image.c — PNG files decoded once base/png.c has checked them; see
 * image.h. */
#include "figures/image.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A PNG file in memory, read by cairo from its start. */
typedef struct {
    unsigned char *bytes;
    size_t len, pos;
} Png;

static cairo_status_t read_memory(void *closure, unsigned char *data, unsigned int len) {
    Png *png = closure;
    if (len > png->len - png->pos) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, png->bytes + png->pos, len);
    png->pos += len;
    return CAIRO_STATUS_SUCCESS;
}

/* The images decoded last, by the bytes of their files: a clinic's logo
 * heads every document of a run. IMAGE_KEEP_PIXELS bounds what is kept. */
#define IMAGE_KEPT 4
#define IMAGE_KEEP_PIXELS (4u << 20)
typedef struct {
    unsigned char *bytes;       /* the file's, NULL: an empty slot */
    size_t len;
    uint64_t hash;
    cairo_surface_t *image;
} Kept;
static Kept kept[IMAGE_KEPT];
static unsigned next_kept;

static uint64_t bytes_hash(const unsigned char *b, size_t n) {
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211u;
    return h;
}

static void forget(Kept *k) {
    if (!k->bytes) return;
    free(k->bytes);
    cairo_surface_destroy(k->image);
    memset(k, 0, sizeof *k);
}

void image_release(void) {
    for (int i = 0; i < IMAGE_KEPT; i++) forget(&kept[i]);
}

cairo_surface_t *image_load_png(const char *path, char *err, size_t errlen) {
    Png png = { 0 };
    Arena bytes = { 0 };
    int w, h;
    if (!(png.bytes = png_read(&bytes, path, &png.len, &w, &h, err, errlen))) {
        arena_free(&bytes);
        return NULL;
    }
    /* the same bytes as an image kept: checked and decoded before */
    uint64_t hash = bytes_hash(png.bytes, png.len);
    for (int i = 0; i < IMAGE_KEPT; i++)
        if (kept[i].bytes && kept[i].hash == hash && kept[i].len == png.len &&
            !memcmp(kept[i].bytes, png.bytes, png.len)) {
            arena_free(&bytes);
            return cairo_surface_reference(kept[i].image);
        }
    if (png_data_bounded(png.bytes, png.len, err, errlen) != 0) {
        arena_free(&bytes);
        return NULL;
    }
    cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_memory, &png);
    if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS &&
        (size_t)w * (size_t)h <= IMAGE_KEEP_PIXELS) {
        Kept *k = &kept[next_kept++ % IMAGE_KEPT];
        forget(k);
        *k = (Kept){ xmalloc(png.len), png.len, hash, cairo_surface_reference(img) };
        memcpy(k->bytes, png.bytes, png.len);
    }
    arena_free(&bytes);
    cairo_status_t st = cairo_surface_status(img);
    if (st != CAIRO_STATUS_SUCCESS) {
        /* cairo says "out of memory" for any error libpng reports, so a
         * damaged file is told as such (its size was checked above) */
        snprintf(err, errlen, "is not a readable PNG image (its data is damaged or cut short)");
        cairo_surface_destroy(img);
        return NULL;
    }
    return img;
}
