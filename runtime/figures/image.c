/* image.c — PNG files decoded once base/png.c has checked them, and the
 * images of a run kept; see image.h. */
#include "figures/image.h"
#include "base/messages.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A PNG file in memory, read by cairo from its start. */
typedef struct {
    const unsigned char *bytes;
    size_t len, pos;
} Png;

static cairo_status_t read_memory(void *closure, unsigned char *data, unsigned int len) {
    Png *png = closure;
    if (len > png->len - png->pos) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, png->bytes + png->pos, len);
    png->pos += len;
    return CAIRO_STATUS_SUCCESS;
}

/* The images kept last, by the bytes of their files: a clinic's logo
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

cairo_surface_t *image_find_kept(const unsigned char *bytes, size_t len) {
    uint64_t hash = bytes_hash(bytes, len);
    for (int i = 0; i < IMAGE_KEPT; i++)
        if (kept[i].bytes && kept[i].hash == hash && kept[i].len == len &&
            !memcmp(kept[i].bytes, bytes, len))
            return cairo_surface_reference(kept[i].image);
    return NULL;
}

void image_keep(const unsigned char *bytes, size_t len, cairo_surface_t *img) {
    if ((size_t)cairo_image_surface_get_width(img) * (size_t)cairo_image_surface_get_height(img) >
        IMAGE_KEEP_PIXELS)
        return;
    Kept *k = &kept[next_kept++ % IMAGE_KEPT];
    forget(k);
    *k = (Kept){ xmalloc(len), len, bytes_hash(bytes, len), cairo_surface_reference(img) };
    memcpy(k->bytes, bytes, len);
}

cairo_surface_t *image_decode_png(const unsigned char *bytes, size_t len, char *err,
                                  size_t errlen) {
    if (png_data_bounded(bytes, len, err, errlen) != 0) return NULL;
    Png png = { bytes, len, 0 };
    cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_memory, &png);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        /* cairo says "out of memory" for any error libpng reports, so a
         * damaged file is told as such (its size was checked before) */
        snprintf(err, errlen, diag_tr("is not a readable PNG image (its data is damaged or cut short)"));
        cairo_surface_destroy(img);
        return NULL;
    }
    return img;
}
