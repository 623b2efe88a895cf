/* image: PNG images read safely.
 *
 * Promises: an image is read only from a regular file (never a directory,
 * device or FIFO) of at most IMAGE_MAX_BYTES, and its size in pixels is
 * read from the PNG header (the IHDR chunk) before any pixel is decoded:
 * an image over IMAGE_MAX_SIDE pixels either way, such as a PNG
 * decompression bomb, is refused without being decoded. Messages are
 * phrases that follow the file's name ("is not a PNG image"). */
#ifndef FORMC_IMAGE_H
#define FORMC_IMAGE_H
#include <cairo.h>
#include <stddef.h>

#define IMAGE_MAX_BYTES (2u * 1024 * 1024)
#define IMAGE_MAX_SIDE 2048

/* Checks the PNG at path without decoding it. Returns 0 and its size in
 * pixels, or -1 with the reason in err. */
int image_check_png(const char *path, int *width, int *height, char *err, size_t errlen);

/* Checks, then decodes the PNG at path. Returns an image surface, or NULL
 * with the reason in err. */
cairo_surface_t *image_load_png(const char *path, char *err, size_t errlen);

#endif
