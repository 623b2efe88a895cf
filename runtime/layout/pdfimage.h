/* pdfimage: an image's PDF object made once a run, for every document.
 *
 * cairo 1.16 writes an image's pixels into each PDF afresh, compressed at
 * zlib's default level: a clinic's 240 x 240 logo cost 20 million
 * instructions in every report and letter, a sixth of a report. It copies
 * unchanged only data it cannot decode (JPEG, JPEG 2000, JBIG2, CCITT), so
 * pdfimage_prepare gives the image a stand-in of that kind: CCITT data
 * that is a token naming the image, which cairo writes as it is, and
 * pdfimage_put, in the finishing pass, puts the image's own objects in its
 * place, made once for the image: its colours (DeviceRGB, DeviceGray, or 1
 * bit) and its soft mask, as cairo 1.16 makes them from the same pixels,
 * compressed once. The page's content, which places the image's unit
 * square, is cairo's. An image read from a file (pdfimage_load) has its
 * objects made as it is read and kept between runs (imagecache.h): a run
 * whose image is cached decodes and compresses nothing, and gives cairo a
 * stand-in of the image's size whose pixels are never written. */
#ifndef FORMC_LAYOUT_PDFIMAGE_H
#define FORMC_LAYOUT_PDFIMAGE_H
#include "layout/pdfobj.h"

#include <cairo.h>

/* Makes image's objects (once: they stay with the image) and gives it its
 * stand-in, before it is drawn on a PDF surface. The image is an image
 * surface (ARGB32 or RGB24) drawn with the default filter. */
void pdfimage_prepare(cairo_surface_t *image);

/* The image in the PNG file at path, read and checked by png_read and
 * image_decode_png (figures/image.h), its objects made (pdfimage_prepare):
 * the image kept for the run for a file of these bytes, else one from the
 * image cache when it holds their objects, else decoded, made and cached. An image surface the caller destroys and
 * draws only on a PDF surface (the pixels of a cached image are blank),
 * or NULL with the reason in err. */
cairo_surface_t *pdfimage_load(const char *path, char *err, size_t errlen);

/* Replaces every stand-in in d by the objects of its image, one of
 * images[0, n). 0, or -1 with a message in err for a stand-in of no image
 * given. */
int pdfimage_put(PdfDoc *d, cairo_surface_t *const *images, int n, char *err,
                 size_t errlen);
#endif
