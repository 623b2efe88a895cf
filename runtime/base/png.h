/* png: the header of a PNG file, read safely and without any drawing
 * library, so the front end can check a logo and the layout can decode it
 * (figures/image.h) from the same bytes.
 *
 * Promises: a PNG is read only from a regular file (never a directory,
 * device or FIFO) of at most IMAGE_MAX_BYTES, and its size in pixels is
 * read from its header (the IHDR chunk) before any pixel is decoded: an
 * image over IMAGE_MAX_SIDE pixels either way, such as a PNG decompression
 * bomb, is refused. The file is noted as read (inputs.h). Messages are
 * phrases that follow the file's name ("is not a PNG image"). */
#ifndef FORMC_PNG_H
#define FORMC_PNG_H
#include <stddef.h>
#include "base/arena.h"

#define IMAGE_MAX_BYTES (2u * 1024 * 1024)
#define IMAGE_MAX_SIDE 2048

/* Reads the PNG at path into a (base/source.h's file_read) and checks its
 * signature and size without decoding it. Returns its bytes (*len of
 * them) and its size in pixels, or NULL with the reason in err. */
unsigned char *png_read(Arena *a, const char *path, size_t *len, int *width, int *height,
                        char *err, size_t errlen);

/* Whether the image data of the PNG png_read returned (len bytes) holds no
 * more than its pixels: its compressed stream is inflated (into a small
 * buffer, kept nowhere) only as far as the pixels the header gives; 0,
 * or -1 with the reason in err when it holds more. A decoder inflates
 * it all: 2 MB of data can hold 2 GB of zeros after the pixels, seconds
 * of every document's time. For the layout, before it decodes. */
int png_data_bounded(const unsigned char *buf, size_t len, char *err, size_t errlen);

/* The same check, keeping nothing: 0, or -1 with the reason in err. */
int png_check(const char *path, int *width, int *height, char *err, size_t errlen);

#endif
