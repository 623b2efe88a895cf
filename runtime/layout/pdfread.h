/* pdfread: a PDF file cairo wrote read into a document's objects
 * (pdfobj.h says how): from memory, or from an open file an object at a
 * time, a stream's bytes read back when they are asked for. */
#ifndef FORMC_LAYOUT_PDFREAD_H
#define FORMC_LAYOUT_PDFREAD_H
#include "layout/pdfvalue.h"

/* Reads pdf[0, len) into d (which it empties first). 0, or -1 with a
 * message in err. */
int pdf_read(PdfDoc *d, const unsigned char *pdf, size_t len, char *err, size_t errlen);
/* The same from the len bytes of the open file fd, an object at a time. */
int pdf_read_file(PdfDoc *d, int fd, size_t len, char *err, size_t errlen);
void pdf_free(PdfDoc *d);

/* A file read with pdf_read_file of more objects than this (a long
 * summary's structure elements) leaves its structure elements in the
 * file: each is read again when it is asked for (pdf_object) and let go
 * once done with (pdf_let_go), so that the structure tree is never held
 * whole. Tests lower it. */
extern int pdf_held_objects;

/* A value written in PDF syntax ("<< /O /Table >>"), or a null value when
 * it does not parse. */
PdfValue pdf_parse(PdfDoc *d, const char *source);
/* The o->len bytes of stream o as they are written (as its /Filter
 * says): its own, or read back from the file into *owned, which the
 * caller frees; NULL when the file cannot be read. */
const unsigned char *pdf_stream_raw(PdfDoc *d, const PdfObject *o, unsigned char **owned);
#endif
