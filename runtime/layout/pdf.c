/* pdf.c: writing a Doc as a PDF file or stream; see doc_write_pdf and
 * doc_write_stream in layout.h.
 *
 * Promises: the document paginated within DOC_MAX_PAGES, drawn
 * (render.h), its metadata dated by SOURCE_DATE_EPOCH when set (so the
 * bytes are the same for the same input), tagged (tagged.h), and written
 * whole or not at all (base/outfile), to a file or, for the path "-", to
 * standard output. May touch: the file system only
 * through base/outfile. */
#include "layout/layout.h"

#include "layout/doc.h"
#include "layout/paginate.h"
#include "layout/render.h"
#include "layout/tagged.h"
#include "base/arena.h"
#include "base/epoch.h"
#include "base/outfile.h"

#include <cairo-pdf.h>
#include <errno.h>
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


int doc_write_stream(Doc *d, cairo_write_func_t write, void *closure,
                     char *err, size_t errlen) {
    if (paginate_within_limit(d, err, errlen) != 0) return -1;
    GByteArray *raw = g_byte_array_new();
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(
        append_bytes, raw, d->pw, d->ph);
    if (d->title) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, d->title);
    if (d->author) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, d->author);
    if (d->subject) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, d->subject);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "formc");
    char date[40];
    if (!source_date(date, sizeof date)) current_date(date, sizeof date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    cairo_t *cr = cairo_create(surface);
    Tagger *tg = tagger_new(cr);
    render_pages(d, surface, cr, tg);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    unsigned char *pdf = NULL;
    size_t len = 0;
    int rc = 0;
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "drawing failed: %s", cairo_status_to_string(st));
        rc = -1;
    } else {
        /* the images drawn, whose objects the finishing pass puts in */
        cairo_surface_t **images = xcalloc((size_t)d->nblocks + 1, sizeof *images);
        int nimages = 0;
        for (int i = 0; i < d->nblocks; i++)
            if (d->blocks[i].kind == B_IMAGE && d->blocks[i].image)
                images[nimages++] = d->blocks[i].image;
        TaggedInfo ti = { d->lang, d->title, d->author, d->subject, "formc", date, images,
                          nimages };
        rc = tagged_finish(raw->data, raw->len, tg, &ti, &pdf, &len, err, errlen);
        free(images);
    }
    tagger_free(tg);
    g_byte_array_free(raw, TRUE);
    for (size_t off = 0; rc == 0 && off < len;) {
        unsigned int n = len - off > (1u << 20) ? 1u << 20 : (unsigned int)(len - off);
        if (write(closure, pdf + off, n) != CAIRO_STATUS_SUCCESS) {
            snprintf(err, errlen, "write error");
            rc = DOC_WRITE_FAILED;
        }
        off += n;
    }
    free(pdf);
    return rc;
}

/* Writes d's PDF to standard output: made whole in memory first, so a
 * failure writes nothing. */
static int write_to_stdout(Doc *d, char *err, size_t errlen) {
    char why[256];
    if (!outfile_stdout_usable(err, errlen)) return -1;
    GByteArray *pdf = g_byte_array_new();
    int rc = doc_write_stream(d, append_bytes, pdf, why, sizeof why);
    if (rc != 0) snprintf(err, errlen, "cannot write the PDF to standard output: %s", why);
    else rc = outfile_to_stdout(pdf->data, pdf->len, err, errlen);
    g_byte_array_free(pdf, TRUE);
    return rc;
}

int doc_write_pdf(Doc *d, const char *path, const char *const *inputs,
                  char *err, size_t errlen) {
    char why[256];
    if (paginate_within_limit(d, why, sizeof why) != 0) {
        snprintf(err, errlen, "'%s' is not written: %s", path, why);
        return -1;
    }
    if (!strcmp(path, OUTFILE_STDOUT)) return write_to_stdout(d, err, errlen);
    OutFile *of = outfile_open(path, inputs, err, errlen);
    if (!of) return -1;
    int rc = doc_write_stream(d, write_to_outfile, of, why, sizeof why);
    if (rc == DOC_WRITE_FAILED) {
        outfile_fail(of, EIO);   /* keeps the write's own error (ENOSPC, EFBIG...) */
    } else if (rc != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, why);
        outfile_abort(of);
        return -1;
    }
    return outfile_commit(of, err, errlen);
}

