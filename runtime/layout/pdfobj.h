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
 * asked for (pdf_stream_raw), so the file must stay open, unchanged, until
 * pdf_free(). */
#ifndef FORMC_LAYOUT_PDFOBJ_H
#define FORMC_LAYOUT_PDFOBJ_H
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"

#define PDF_MAX_DEPTH 64         /* arrays and dictionaries within each other */
/* The zlib level formc compresses a PDF's streams at (the pages' content,
 * images): docs/performance.md weighs size against time. */
#define PDF_DEFLATE_LEVEL 3

typedef enum { PDF_NULL, PDF_BOOL, PDF_NUMBER, PDF_NAME, PDF_STRING, PDF_ARRAY, PDF_DICT,
               PDF_REF } PdfKind;

/* 24 bytes: a summary of many members holds some hundred thousand. */
typedef struct PdfValue {
    PdfKind kind;
    int n;                       /* ARRAY: items; DICT: pairs; REF: the object's number;
                                    BOOL: 0 or 1 */
    int cap;                     /* room in items (ARRAY: values, DICT: pairs) */
    uint32_t len;                /* of text (pdf_read takes no file of 4 GB or more) */
    union {
        const char *text;        /* NUMBER, NAME ("/Type"), STRING ("(...)" or "<...>"),
                                    as written */
        struct PdfValue *items;  /* ARRAY: n values; DICT: n pairs, a NAME then its value */
    };
} PdfValue;

typedef struct {
    int present;
    PdfValue value;              /* a stream's dictionary */
    int stream;
    const unsigned char *data;   /* a stream's bytes, as its /Filter says; NULL:
                                    len bytes at `at` in the file read */
    size_t at, len;
    int as_is;                   /* an unfiltered stream written uncompressed */
    int packed;                  /* data compressed by pdf_replace_stream: written
                                    with /FlateDecode, as it is */
} PdfObject;

/* The file a document was read from: in memory, or an open file. */
typedef struct {
    const unsigned char *mem;    /* NULL: read from fd */
    int fd;
    size_t len;
} PdfSource;

typedef struct {
    Arena arena;
    PdfSource src;
    const char **kept;           /* the names and numbers read from a file, each
                                    once: open addressing by their hash */
    unsigned nkept, capkept;
    PdfObject **objs;            /* by number (NULL: none); each object stays where it
                                    is, so a value looked up stays valid when objects
                                    are added; objs[0] is never present */
    int nobjs, cap;
    PdfValue trailer;
} PdfDoc;

/* Reads pdf[0, len) into d (which it empties first). 0, or -1 with a
 * message in err. */
int pdf_read(PdfDoc *d, const unsigned char *pdf, size_t len, char *err, size_t errlen);
/* The same from the len bytes of the open file fd, an object at a time. */
int pdf_read_file(PdfDoc *d, int fd, size_t len, char *err, size_t errlen);
void pdf_free(PdfDoc *d);

/* Object n, made (empty) when it is new; objects keep their place. */
PdfObject *pdf_slot(PdfDoc *d, int n);

/* v itself, or the value of the object it refers to; NULL for a
 * reference to no object. */
PdfValue *pdf_resolve(PdfDoc *d, PdfValue *v);
/* The object v refers to, or NULL. */
PdfObject *pdf_object(PdfDoc *d, const PdfValue *v);
/* dict's value for key ("/K"), references followed; NULL when dict is no
 * dictionary or has no such key. */
PdfValue *pdf_get(PdfDoc *d, PdfValue *dict, const char *key);
/* The value for key in dict as written (a reference is not followed). */
PdfValue *pdf_get_direct(PdfValue *dict, const char *key);
/* Sets dict's value for key (a dictionary: added or replaced). */
void pdf_set(PdfDoc *d, PdfValue *dict, const char *key, PdfValue value);
/* Takes item i out of an array. */
void pdf_remove(PdfValue *array, int i);
/* True when v is the name given ("/Type"). */
int pdf_is_name(const PdfValue *v, const char *name);
/* v as a whole number in *out: 1, or 0 when it is none. */
int pdf_int(const PdfValue *v, long *out);

/* New values, their text in d's arena. */
PdfValue pdf_null(void);
PdfValue pdf_ref(int number);
PdfValue pdf_name(PdfDoc *d, const char *name);      /* "/Identity" */
PdfValue pdf_text(PdfDoc *d, const char *utf8);      /* a text string */
PdfValue pdf_bytes(PdfDoc *d, const char *s);        /* a string of these bytes */
/* A value written in PDF syntax ("<< /O /Table >>"), or a null value when
 * it does not parse. */
PdfValue pdf_parse(PdfDoc *d, const char *source);
/* Adds an object holding value; returns its number. */
int pdf_add(PdfDoc *d, PdfValue value);
/* Adds a stream with dictionary dict and a copy of data[0, len), written
 * as it is (compress 0) or compressed; returns its number. */
int pdf_add_stream(PdfDoc *d, PdfValue dict, const unsigned char *data, size_t len,
                   int compress);

/* The o->len bytes of stream o as they are written (as its /Filter
 * says): its own, or read back from the file into *owned, which the
 * caller frees; NULL when the file cannot be read. */
const unsigned char *pdf_stream_raw(PdfDoc *d, const PdfObject *o, unsigned char **owned);
/* The decoded bytes of stream o (malloc'd, *len of them): 0, or -1 when
 * its filter is not one this reads (none, or /FlateDecode alone) or its
 * bytes cannot be read back. */
int pdf_stream_bytes(PdfDoc *d, PdfObject *o, unsigned char **out, size_t *len);
/* Gives stream o the bytes data[0, len), compressed at once at
 * PDF_DEFLATE_LEVEL (the document keeps only that) and written so. */
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
