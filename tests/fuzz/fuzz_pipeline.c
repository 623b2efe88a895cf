/* fuzz_pipeline.c — the whole pipeline, from bytes to PDF in memory.
 *
 * The input is a formulation named FUZZ_TOP/examples/members/fuzz.form, so
 * `group "../thursday.group"` finds the example group. When it checks
 * clean, its report is laid out and written, and so is its letter when it
 * has a group, as formc report and formc letter do, into memory rather
 * than a file. A document that is written must be a whole PDF. */
#include "fuzz.h"
#include <stdlib.h>
#include <string.h>
#include "layout.h"
#include "letter.h"
#include "render.h"
#include "report.h"
#include "schema.h"
#include "scored.h"

/* The PDF being written, kept between inputs. */
static unsigned char *pdf;
static size_t pdf_len, pdf_cap;

static cairo_status_t to_memory(void *closure, const unsigned char *data, unsigned int len) {
    (void)closure;
    if (pdf_len + len > pdf_cap) {
        pdf_cap = (pdf_len + len) * 2;
        pdf = realloc(pdf, pdf_cap);
        if (!pdf) abort();
    }
    memcpy(pdf + pdf_len, data, len);
    pdf_len += len;
    return CAIRO_STATUS_SUCCESS;
}

/* Whether the bytes in memory are a whole PDF: its header, and its end
 * marker on the last line. */
static bool whole_pdf(void) {
    if (pdf_len < 16 || memcmp(pdf, "%PDF-", 5)) return false;
    for (size_t i = pdf_len - 12; i + 5 <= pdf_len; i++)
        if (!memcmp(pdf + i, "%%EOF", 5)) return true;
    return false;
}

/* Writes d into memory and frees it; a document written without an error
 * that is not a whole PDF is a finding. */
static void write_and_free(Doc *d) {
    if (!d) return;
    char err[256];
    pdf_len = 0;
    if (doc_write_stream(d, to_memory, NULL, err, sizeof err) == 0 && !whole_pdf()) abort();
    doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Session *s = fuzz_session();
    Arena a = { 0 };
    Source *src = source_from_bytes(&a, FUZZ_TOP "/examples/members/fuzz.form", (const char *)data, size);
    CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER };
    CompileStatus st;
    Model *m = compile_source(s, &a, src, &co, &st);
    if (st == COMPILE_OK) {
        const Model *g = NULL;
        bool group_errors = false;
        if (m->f.group_file.s)
            g = compile_group_ref(s, group_path(&a, m), m->f.group_file.loc, &group_errors);
        Scored *sc = score_model(&a, m);
        scored_warn_gaps(sc);
        /* the clinic's own templates first, as formc report and letter look */
        const char *dirs[3];
        int ndirs = render_template_dirs(&a, NULL, m, g, s->datadir, dirs);
        write_and_free(report_build(&a, m, sc, g, dirs, ndirs, PAPER_A4));
        if (g && g->g.title.s && !group_errors) {
            write_and_free(letter_build(&a, m, g, dirs, ndirs, PAPER_LETTER));
        }
    }
    arena_free(&a);
    fuzz_done();
    return 0;
}
