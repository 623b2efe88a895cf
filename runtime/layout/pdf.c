/* pdf.c: writing a Doc as a PDF file or stream; see doc_write_pdf and
 * doc_write_stream in layout.h.
 *
 * Promises: the document paginated within DOC_MAX_PAGES, drawn
 * (render.h), its metadata dated by SOURCE_DATE_EPOCH when set (so the
 * bytes are the same for the same input), tagged (tagged.h), and written
 * whole or not at all (base/outfile), to a file or, for the path "-", to
 * standard output. What cairo writes goes to a scratch file beside the
 * output (base/scratch.h), which the finishing pass reads back an object
 * at a time: a long document is never held whole in memory. May touch:
 * the file system only through base/outfile and base/scratch. */
#include "layout/layout.h"
#include "base/messages.h"

#include "layout/doc.h"
#include "layout/paginate.h"
#include "layout/render.h"
#include "layout/tagged.h"
#include "base/arena.h"
#include "base/epoch.h"
#include "base/outfile.h"
#include "base/scratch.h"

#include <cairo-pdf.h>
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* SOURCE_DATE_EPOCH as an ISO-8601 UTC date, or 0 when unset/invalid. */
static int source_date(char *out, size_t outlen) {
    time_t t;
    if (epoch_from_env(&t) != 1) return 0;
    struct tm tm;
    if (!gmtime_r(&t, &tm)) return 0;
    return strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

static cairo_status_t write_to_outfile(void *closure, const unsigned char *data,
                                       unsigned int len) {
    return outfile_write(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS
                                                  : CAIRO_STATUS_WRITE_ERROR;
}

/* The current time as an ISO-8601 UTC date. */
static void current_date(char *out, size_t outlen) {
    time_t t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, outlen, "1970-01-01T00:00:00Z");
}

static cairo_status_t append_bytes(void *closure, const unsigned char *data,
                                   unsigned int len) {
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A write that fails is remembered (scratch_finish reports it) but never
 * told to cairo: cairo 1.16 stops on an assertion when its stream fails
 * in the middle of a document. */
static cairo_status_t write_to_scratch(void *closure, const unsigned char *data,
                                       unsigned int len) {
    scratch_write(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* The finished file's destination: cairo's kind of write function. */
typedef struct {
    cairo_write_func_t write;
    void *closure;
} Destination;

/* Hands data to the destination in pieces cairo's length type holds. */
static int to_destination(void *closure, const unsigned char *data, size_t len) {
    const Destination *to = closure;
    for (size_t off = 0; off < len;) {
        unsigned int n = len - off > (1u << 20) ? 1u << 20 : (unsigned int)(len - off);
        if (to->write(to->closure, data + off, n) != CAIRO_STATUS_SUCCESS) return -1;
        off += n;
    }
    return 0;
}

/* Gives the heap's free pages back to the system, for a long document
 * (a group summary): what one phase let go (the layout's, the drawing's,
 * cairo's) lies in pieces between what stays, where what the next phase
 * makes does not fit, and would stay resident under it. */
static void give_back(int long_doc) {
#ifdef __GLIBC__
    if (long_doc) malloc_trim(0);
#else
    (void)long_doc;
#endif
}

/* doc_write_stream, cairo's file made in the folder scratch_dir (NULL:
 * the temporary folder); when it cannot be written, DOC_WRITE_FAILED with
 * the system's errno value in *errnum (else 0). When last, d's blocks
 * are let go as its pages are drawn (doc_write_pdf_last). */
static int write_doc(Doc *d, const char *scratch_dir, cairo_write_func_t write, void *closure,
                     int last, int *errnum, char *err, size_t errlen) {
    *errnum = 0;
    if (paginate_within_limit(d, err, errlen) != 0) return -1;
    int long_doc = d->long_doc;
    /* a long document (a group summary) is drawn from its own blocks, and
     * its words are seldom those of a document after it: what the process
     * keeps for documents to come is let go before its pages are drawn */
    if (long_doc) doc_forget_kept_all();
    give_back(long_doc);
    ScratchFile *raw = scratch_open(scratch_dir, err, errlen);
    if (!raw) return -1;
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(
        write_to_scratch, raw, d->pw, d->ph);
    if (d->title) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, d->title);
    if (d->author) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, d->author);
    if (d->subject) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, d->subject);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "formc");
    char date[40];
    if (!source_date(date, sizeof date)) current_date(date, sizeof date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    /* the images drawn, whose objects the finishing pass puts in, kept
     * by a reference of their own: a last write lets go of each block
     * once it is drawn */
    cairo_surface_t **images = xcalloc((size_t)d->nblocks + 1, sizeof *images);
    int nimages = 0;
    for (int i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == B_IMAGE && d->blocks[i].image)
            images[nimages++] = cairo_surface_reference(d->blocks[i].image);
    d->last_write = last;
    cairo_t *cr = cairo_create(surface);
    Tagger *tg = tagger_new(cr);
    render_pages(d, surface, cr, tg);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    /* cairo finishes its file (the fonts subset, its structure tree)
     * holding copies of all it drew, and the finishing pass holds the
     * objects it wrote: what is left of the blocks (each was let go as its
     * last place was drawn: held_page_drawn) is not held beside them when
     * they are not drawn again */
    if (last) doc_free_blocks(d);
    give_back(long_doc);
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    give_back(long_doc);
    int rc = 0;
    if ((*errnum = scratch_finish(raw)) != 0) {
        snprintf(err, errlen, "%s", diag_tr(strerror(*errnum)));
        rc = DOC_WRITE_FAILED;
    } else if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, diag_tr("drawing failed: %s"), cairo_status_to_string(st));
        rc = -1;
    } else {
        TaggedInfo ti = { d->lang, d->title, d->author, d->subject, "formc", date, images,
                          nimages };
        Destination to = { write, closure };
        rc = tagged_finish(scratch_fd(raw), scratch_size(raw), tg, &ti, to_destination, &to,
                           err, errlen);
        if (rc == PDF_WRITE_FAILED) {
            snprintf(err, errlen, diag_tr("write error"));
            rc = DOC_WRITE_FAILED;
        }
    }
    for (int i = 0; i < nimages; i++) cairo_surface_destroy(images[i]);
    free(images);
    tagger_free(tg);
    scratch_close(raw);
    return rc;
}

int doc_write_stream(Doc *d, cairo_write_func_t write, void *closure,
                     char *err, size_t errlen) {
    int errnum;
    return write_doc(d, NULL, write, closure, 0, &errnum, err, errlen);
}

/* The folder of path, malloc'd ("." for a bare name). */
static char *folder_of(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup(".");
    if (slash == path) return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

/* Writes d's PDF to standard output: made whole in memory first, so a
 * failure writes nothing. */
static int write_to_stdout(Doc *d, int last, char *err, size_t errlen) {
    char why[256];
    if (!outfile_stdout_usable(err, errlen)) return -1;
    GByteArray *pdf = g_byte_array_new();
    int errnum;
    int rc = write_doc(d, NULL, append_bytes, pdf, last, &errnum, why, sizeof why);
    if (rc != 0) snprintf(err, errlen, diag_tr("cannot write the PDF to standard output: %s"), why);
    else rc = outfile_to_stdout(pdf->data, pdf->len, err, errlen);
    g_byte_array_free(pdf, TRUE);
    return rc;
}

/* doc_write_pdf, d's blocks let go once drawn when last. */
static int write_pdf(Doc *d, const char *path, const char *const *inputs, int last,
                     char *err, size_t errlen) {
    char why[256];
    if (paginate_within_limit(d, why, sizeof why) != 0) {
        snprintf(err, errlen, diag_tr("'%s' is not written: %s"), path, why);
        return -1;
    }
    if (!strcmp(path, OUTFILE_STDOUT)) return write_to_stdout(d, last, err, errlen);
    OutFile *of = outfile_open(path, inputs, err, errlen);
    if (!of) return -1;
    static const OutKind pdf = { .starts = "%PDF-", .what = "a PDF document" };
    if (outfile_refuse_other_kind(path, &pdf, err, errlen) != 0) {
        outfile_abort(of);
        return -1;
    }
    char *folder = folder_of(path);        /* cairo's file beside the output */
    int errnum;
    int rc = write_doc(d, folder, write_to_outfile, of, last, &errnum, why, sizeof why);
    free(folder);
    if (rc == DOC_WRITE_FAILED) {
        /* the scratch file's error, or the output's own (ENOSPC, EFBIG...) */
        outfile_fail(of, errnum ? errnum : EIO);
    } else if (rc != 0) {
        snprintf(err, errlen, diag_tr("cannot write '%s': %s"), path, why);
        outfile_abort(of);
        return -1;
    }
    return outfile_commit(of, err, errlen);
}


int doc_write_pdf(Doc *d, const char *path, const char *const *inputs,
                  char *err, size_t errlen) {
    return write_pdf(d, path, inputs, 0, err, errlen);
}

int doc_write_pdf_last(Doc *d, const char *path, const char *const *inputs,
                       char *err, size_t errlen) {
    return write_pdf(d, path, inputs, 1, err, errlen);
}
