/* image: PNG images decoded for drawing, and the images of a run kept by
 * their files' bytes. The file is read and checked by base/png.h (a
 * regular file, its size from its header) and its data checked to hold
 * no more than its pixels (no decompression bomb) before any pixel is
 * decoded. Messages are phrases that follow the file's name. */
#ifndef FORMC_IMAGE_H
#define FORMC_IMAGE_H
#include <cairo.h>
#include <stddef.h>
#include "base/png.h"

/* Checks, then decodes the bytes of a PNG file that png_read returned.
 * Returns an image surface (the caller destroys it and never draws into
 * it), or NULL with the reason in err. */
cairo_surface_t *image_decode_png(const unsigned char *bytes, size_t len, char *err,
                                  size_t errlen);

/* A new reference to the image kept for a file of these bytes, or NULL:
 * a file read again with the same bytes is not decoded again. */
cairo_surface_t *image_find_kept(const unsigned char *bytes, size_t len);

/* Keeps img (a reference) for a file of these bytes, the last few images
 * given, unless it is too large to keep. */
void image_keep(const unsigned char *bytes, size_t len, cairo_surface_t *img);

/* Frees the images kept. */
void image_release(void);

#endif
