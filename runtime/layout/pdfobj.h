/* pdfobj: the objects of a PDF cairo wrote, read, changed and written
 * again, for the finishing pass of tagged.c.
 *
 * pdf_read() reads a file with a classic cross-reference table (what
 * cairo 1.16 writes) into objects: values (null, booleans, numbers,
 * names, strings, arrays, dictionaries, references to objects) and
 * streams (a dictionary and its bytes). Numbers, names and strings keep
 * the text they were written with. The pass looks values up, changes them
 * in place and adds objects; pdf_write() then writes a new file: the
 * objects renumbered in the order they are reached from the trailer (an
 * object no longer reached is left out), streams at the top level, every
 * other object packed into compressed object streams, a compressed
 * cross-reference stream, and a file identifier that is a hash of the
 * content, so the same input gives the same bytes. A stream written
 * without a filter (cairo's page content) is compressed then, once, at the
 * level the caller chose; one the pass replaced was compressed when it
 * was replaced; one already filtered is copied as it is.
 *
 * Reading is strict and bounded: anything not of that form (a damaged
 * table, an object that does not end, nesting past PDF_MAX_DEPTH) is an
 * error with a message, never a crash. Everything lives in the document's
 * arena, freed by pdf_free(). A file read with pdf_read_file() is read an
 * object at a time (pdfread.c) and is never held whole: the values keep
 * their texts, and a stream's bytes are read from the file when they are
 * asked for (pdf_stream_raw), so the file must stay open, unchanged but
 * for what pdf_replace_stream adds at its end, until pdf_free(). */
#ifndef FORMC_LAYOUT_PDFOBJ_H
#define FORMC_LAYOUT_PDFOBJ_H
#include "layout/pdfread.h"
#include "layout/pdfvalue.h"

/* The decoded bytes of stream o (malloc'd, *len of them): 0, or -1 when
 * its filter is not one this reads (none, or /FlateDecode alone) or its
 * bytes cannot be read back. */
int pdf_stream_bytes(PdfDoc *d, PdfObject *o, unsigned char **out, size_t *len);
/* Gives stream o the bytes data[0, len), compressed at once at
 * PDF_DEFLATE_LEVEL and written so. The document keeps only that, at the
 * end of the file it was read from when it can be written (opened for
 * writing too: cairo's scratch file), else in memory. */
void pdf_replace_stream(PdfDoc *d, PdfObject *o, const unsigned char *data, size_t len);

/* Where pdf_write_to hands the file: write(closure, data, len) returns 0,
 * or -1 when it cannot take it. */
typedef int (*PdfWriteFn)(void *closure, const unsigned char *data, size_t len);
enum { PDF_WRITE_FAILED = -2 };
/* Writes d as a new file, its unfiltered streams compressed at zlib level
 * `level`, handed to write a piece at a time as it is made (so it is never
 * held whole). 0; -1 with a message; PDF_WRITE_FAILED when write failed
 * (what it took before is the caller's to discard). */
int pdf_write_to(PdfDoc *d, int level, PdfWriteFn write, void *closure, char *err,
                 size_t errlen);
/* The same into memory (malloc'd, *outlen bytes): 0, or -1. */
int pdf_write(PdfDoc *d, int level, unsigned char **out, size_t *outlen, char *err,
              size_t errlen);
#endif
