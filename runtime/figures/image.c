/* image.c — PNG files decoded once base/png.c has checked them; see
 * image.h. */
#include "figures/image.h"
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

cairo_surface_t *image_load_png(const char *path, char *err, size_t errlen) {
    Png png = { 0 };
    Arena bytes = { 0 };
    int w, h;
    if (!(png.bytes = png_read(&bytes, path, &png.len, &w, &h, err, errlen))) {
        arena_free(&bytes);
        return NULL;
    }
    if (png_data_bounded(png.bytes, png.len, err, errlen) != 0) {
        arena_free(&bytes);
        return NULL;
    }
    cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_memory, &png);
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
