/* imagecache: an image's PDF objects (pdfimage.h) kept between runs.
 *
 * Promises: a clinic's logo cost every run some 20 million instructions:
 * its PNG decoded, its colours and soft mask separated and compressed.
 * What pdfimage makes of it is kept in the user's cache folder, one file
 * per image ("images/" and the SHA-256 of the PNG's bytes as png_read
 * returns them, its metadata chunks left out, which the file repeats with
 * their length): a run whose logo is cached reads its finished objects
 * back and neither decodes nor compresses anything. The file is held to
 * the rules of every cache file (base/cachefile.h) and trusted only when
 * its checksum, format and PNG are right and every part is in bounds:
 * the image's size is its PNG's, each kind and count is one pdfimage
 * makes, and the colours and the mask each inflate to exactly the bytes
 * that size gives them. So the documents are the same bytes with the
 * cache, without it and over a damaged one. */
#ifndef FORMC_LAYOUT_IMAGECACHE_H
#define FORMC_LAYOUT_IMAGECACHE_H
#include <stddef.h>
#include <stdint.h>

/* How an image's colours are written. */
typedef enum { IMAGE_RGB, IMAGE_GRAY, IMAGE_MONO } ImageColors;

/* What an image's objects are made from, and what is kept of them. */
typedef struct {
    int width, height;
    int argb;                /* the decoded image had alpha (ARGB32, else RGB24) */
    ImageColors colors_kind;
    int mask_bits;           /* the soft mask's: 8, 1, or 0 for none */
    uint64_t hash;           /* of the pixels: names the image's stand-in */
    unsigned char *colors;   /* zlib data, malloc'd */
    size_t ncolors;
    unsigned char *mask;     /* zlib data, malloc'd; NULL with mask_bits 0 */
    size_t nmask;
} ImageParts;

/* The name of the cache file of the PNG file of these bytes in out
 * ("images/" and 64 hexadecimal digits): at least 72 bytes. */
void imagecache_name(const unsigned char *png, size_t len, char *out, size_t outlen);

/* The cached parts of the PNG file of these bytes (png_read's), whose
 * header gives width x height, into *out (free with imagecache_free); 0,
 * or -1 when there is none or it is malformed. */
int imagecache_read(const unsigned char *png, size_t len, int width, int height,
                    ImageParts *out);

/* Writes the cache of the PNG file of these bytes, whose parts are p,
 * when they read back whole; else nothing. */
void imagecache_write(const unsigned char *png, size_t len, const ImageParts *p);

/* The parts that the body bytes [body, body + n) encode (what follows a
 * cache file's header) for an image of width x height, into *out; 0, or
 * -1 (*out empty) when they are malformed in any way (the checks above). */
int imagecache_decode(const unsigned char *body, size_t n, int width, int height,
                      ImageParts *out);

/* The body encoding p, malloc'd, its length in *n. */
unsigned char *imagecache_encode(const ImageParts *p, size_t *n);

/* Frees the parts' data. */
void imagecache_free(ImageParts *p);
#endif
