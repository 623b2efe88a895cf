/* pdfvalue: the objects and values of a PDF in memory (pdfobj.h says
 * what reads, changes and writes them): a document's objects by number,
 * each a value or a stream; looking values up, changing them in place
 * and adding objects, everything in the document's arena. */
#ifndef FORMC_LAYOUT_PDFVALUE_H
#define FORMC_LAYOUT_PDFVALUE_H
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"

#define PDF_MAX_DEPTH 64         /* arrays and dictionaries within each other */
/* The zlib level formc compresses a PDF's streams at (the pages' content,
 * images): docs/performance.md weighs size against time. */
#define PDF_DEFLATE_LEVEL 3

typedef enum { PDF_NULL, PDF_BOOL, PDF_NUMBER, PDF_NAME, PDF_STRING, PDF_ARRAY, PDF_DICT,
               PDF_REF } PdfKind;

/* 16 bytes: a summary of many members holds some hundred thousand. A
 * dictionary or array has just the room of its items: one the pass adds
 * to (pdf_set) is copied whole, which it does for a few keys only. */
typedef struct PdfValue {
    PdfKind kind;
    union {
        int n;                   /* ARRAY: items; DICT: pairs; REF: the object's number;
                                    BOOL: 0 or 1 */
        uint32_t len;            /* NUMBER, NAME, STRING: of text (pdf_read takes no
                                    file of 4 GB or more) */
    };
    union {
        const char *text;        /* NUMBER, NAME ("/Type"), STRING ("(...)" or "<...>"),
                                    as written */
        struct PdfValue *items;  /* ARRAY: n values; DICT: n pairs, a NAME then its value */
    };
} PdfValue;

/* 48 bytes. A structure element of a long file left there (most of its
 * objects) has none until it is read again (PdfDoc.left). */
typedef struct {
    PdfValue value;              /* a stream's dictionary */
    union {
        const unsigned char *data;   /* a stream's bytes, as its /Filter says; NULL:
                                        len bytes at `at` in the file read */
        void *own;                   /* loaded: the block its value was read into */
    };
    size_t at, len;              /* a stream's bytes */
    unsigned char present;
    unsigned char stream;
    unsigned char as_is;         /* an unfiltered stream written uncompressed */
    unsigned char packed;        /* data compressed by pdf_replace_stream: written
                                    with /FlateDecode, as it is */
    unsigned char loaded;        /* left in the file and read again (pdf_object):
                                    the object and own are malloc'd, let go by
                                    pdf_let_go */
} PdfObject;

/* Where an object left in the file is written (len 0: none), 8 bytes. */
typedef struct {
    uint32_t at, len;
} PdfLeft;

/* The file a document was read from: in memory, or an open file. */
typedef struct {
    const unsigned char *mem;    /* NULL: read from fd */
    int fd;
    size_t len;
} PdfSource;

typedef struct PdfDoc {
    Arena arena;
    PdfSource src;
    const char **kept;           /* the names and numbers read from a file, each
                                    once: open addressing by their hash */
    unsigned nkept, capkept;
    PdfObject **objs;            /* by number (NULL: none); each object stays where it
                                    is, so a value looked up stays valid when objects
                                    are added; objs[0] is never present */
    int nobjs, cap;
    PdfLeft *left;               /* by number, nleft of them (NULL: none): the
                                    structure elements of a long file, left there,
                                    each with no object until it is read again */
    int nleft;
    PdfValue trailer;
    const char *error;           /* why an object left in the file could not be
                                    read again, or NULL */
    int (*reload)(struct PdfDoc *d, int n);   /* reads object n, left in the
                                    file, again: 0, or -1 with error set
                                    (pdfread.c) */
} PdfDoc;

/* Object n, made (empty) when it is new; objects keep their place. */
PdfObject *pdf_slot(PdfDoc *d, int n);
/* Notes that object n is left in the file, its text the len bytes at at
 * (d->left made room for on the first): it has no object until it is read
 * again (pdf_object). */
void pdf_leave(PdfDoc *d, int n, size_t at, size_t len, int count);

/* v itself, or the value of the object it refers to; NULL for a
 * reference to no object. */
PdfValue *pdf_resolve(PdfDoc *d, PdfValue *v);
/* The object v refers to, or NULL; one left in the file is read again
 * (NULL, d->error set, when it cannot be). */
PdfObject *pdf_object(PdfDoc *d, const PdfValue *v);
/* True when v refers to an object, without reading it again. */
int pdf_exists(const PdfDoc *d, const PdfValue *v);
/* Lets go of object n when it was read again from the file (pdf_object),
 * the caller having not changed it: it is read again when it is next
 * asked for. Any pointer to it or into its value is then invalid. */
void pdf_let_go(PdfDoc *d, int n);
/* dict's value for key ("/K"), references followed; NULL when dict is no
 * dictionary or has no such key. */
PdfValue *pdf_get(PdfDoc *d, PdfValue *dict, const char *key);
/* The value for key in dict as written (a reference is not followed). */
PdfValue *pdf_get_direct(PdfValue *dict, const char *key);
/* Sets dict's value for key (a dictionary: added or replaced). */
void pdf_set(PdfDoc *d, PdfValue *dict, const char *key, PdfValue value);
/* Takes key out of dict (a dictionary without it: unchanged). */
void pdf_unset(PdfValue *dict, const char *key);
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
/* Adds an object holding value; returns its number. */
int pdf_add(PdfDoc *d, PdfValue value);
/* Adds a stream with dictionary dict and a copy of data[0, len), written
 * as it is (compress 0) or compressed; returns its number. */
int pdf_add_stream(PdfDoc *d, PdfValue dict, const unsigned char *data, size_t len,
                   int compress);
#endif
