/* image: PNG images decoded for drawing. The file is read and checked by
 * base/png.h (a regular file, its size from its header, no decompression
 * bomb) before any pixel is decoded. Messages are phrases that follow the
 * file's name. */
#ifndef FORMC_IMAGE_H
#define FORMC_IMAGE_H
#include <cairo.h>
#include <stddef.h>
#include "base/png.h"

/* Checks, then decodes the PNG at path. Returns an image surface (the
 * caller destroys it and never draws into it), or NULL with the reason in
 * err. The last few images decoded are kept, by their files' bytes: a file
 * read again with the same bytes is not decoded again. */
cairo_surface_t *image_load_png(const char *path, char *err, size_t errlen);

/* Frees the images kept. */
void image_release(void);

#endif
