/* tagged: the PDF's structure tags, and the pass that completes them.
 *
 * Cairo 1.16 builds a structure tree from cairo_tag_begin/cairo_tag_end:
 * an element that holds no other element (a leaf) gets its drawing marked
 * as content with an MCID, an element that holds others gets none. It
 * knows only the standard structure types and writes no attributes: no
 * artifacts, no document language, no alternative text, no scope on a
 * table's header cells, no viewer preferences, no XMP metadata.
 *
 * A Tagger sends the tags to cairo and notes, element by element in the
 * order they are opened, what cairo cannot write. tagged_finish() reads
 * the PDF cairo wrote into its objects (pdfobj.h), walks the structure
 * tree in the same order (each element's type must match its note, or
 * nothing is written) and adds:
 *  - /Alt on each Figure given a text, /A << /O /Table /Scope ... >> on
 *    each TH;
 *  - each TR marked with tagger_row_goes_on() merged into the row before
 *    it, cell by cell, and taken out of the tree;
 *  - each element opened with tagger_artifact() taken out of the tree, its
 *    MCID out of the parent tree, and its marked content rewritten as
 *    /Artifact with the artifact's type (page header, footer, watermark,
 *    layout);
 *  - /Lang, /MarkInfo << /Marked true >>, /ViewerPreferences
 *    << /DisplayDocTitle true >> and an XMP metadata stream (title,
 *    author, subject, language, dates, PDF/UA-1 identification) in the
 *    catalog, and dates of the form D:YYYYMMDDHHmmSSZ in the information
 *    dictionary;
 *  - /CIDToGIDMap /Identity on the TrueType CIDFonts, where cairo relies
 *    on that default.
 * It writes the file once more (pdfobj.h): the page content, which cairo
 * leaves uncompressed (pdf.c), compressed once, the small objects packed
 * into object streams. The output is deterministic: its file identifier
 * is a hash of its content. Content must be drawn only inside leaf elements or artifacts,
 * and an element's content only while it is a leaf: open no element
 * inside an element that has drawn. */
#ifndef FORMC_TAGGED_H
#define FORMC_TAGGED_H
#include "layout/pdfobj.h"
#include <cairo.h>
#include <stddef.h>

typedef enum {
    ARTIFACT_LAYOUT,      /* rules, shading, decorative images */
    ARTIFACT_PAGINATION,  /* e.g. a table header repeated on a new page */
    ARTIFACT_HEADER,      /* the running header */
    ARTIFACT_FOOTER,      /* the page number */
    ARTIFACT_WATERMARK    /* the DRAFT mark */
} ArtifactKind;

typedef enum { SCOPE_COLUMN, SCOPE_ROW } HeaderScope;

typedef struct Tagger Tagger;

/* A tagger drawing its tags on cr (kept, not owned). */
Tagger *tagger_new(cairo_t *cr);
void tagger_free(Tagger *t);

/* Opens a structure element of a standard type ("Document", "H1", "P",
 * "L", "LI", "Lbl", "LBody", "Table", "TR", "TD", "Span"...). */
void tagger_open(Tagger *t, const char *type);
/* Opens a Figure; alt (copied; NULL for none) is its alternative text. */
void tagger_figure(Tagger *t, const char *alt);
/* Opens a TH heading its column or its row. */
void tagger_header_cell(Tagger *t, HeaderScope scope);
/* Opens an artifact: what is drawn until it closes is not content. */
void tagger_artifact(Tagger *t, ArtifactKind kind);
/* Gives the innermost open element its own natural language (/Lang), that
 * of text written in another language than the document's. */
void tagger_lang(Tagger *t, const char *lang);
/* Marks the innermost open element, a TR, as going on with the row
 * before it in its table: the part of a row taller than a page drawn on a
 * later page. The finishing pass moves what its cells hold into that
 * row's cells, so that it is one row. */
void tagger_row_goes_on(Tagger *t);
/* Closes the innermost open element or artifact. */
void tagger_close(Tagger *t);

/* What the finished PDF says of itself (UTF-8; NULL for none). date is
 * ISO 8601 UTC, "YYYY-MM-DDTHH:MM:SSZ", as given to cairo. */
typedef struct {
    const char *lang, *title, *author, *subject, *creator, *date;
    cairo_surface_t *const *images;   /* the images drawn (pdfimage.h) */
    int nimages;
} TaggedInfo;

/* Completes the tagged PDF that cairo wrote, the len bytes of the open
 * file fd (read an object at a time: pdfobj.h), with t's tags (see above),
 * handing the finished file to write(closure, data, len) as it is made.
 * Returns 0; -1 with a message in err; PDF_WRITE_FAILED when write failed. */
int tagged_finish(int fd, size_t len, const Tagger *t, const TaggedInfo *info,
                  PdfWriteFn write, void *closure, char *err, size_t errlen);

/* Rewrites a content stream: each "/Private << /MCID n >> BDC" whose n is
 * mcids[i] becomes an /Artifact of kinds[i]; everything else (strings,
 * inline images, other marked content) is copied as it is. *found counts
 * the rewritten ones. Returns the new stream (malloc'd, *outlen bytes), or
 * NULL when out of memory. */
unsigned char *tagged_rewrite_artifacts(const unsigned char *in, size_t len,
                                        const int *mcids,
                                        const ArtifactKind *kinds, int n,
                                        size_t *outlen, int *found);
#endif
