/* fuzz_pipeline.c — the whole pipeline, from bytes to PDF.
 *
 * The input is a file named FUZZ_TOP/examples/members/fuzz.form, so
 * `group "../thursday.group"` finds the example group. When it checks
 * clean, a formulation's report is laid out and written, and so is its
 * letter when it has a group, as formc report and formc letter do, into
 * memory rather than a file: a document that is written must be a whole
 * PDF. A group's summary is written as formc summary does. Inputs of odd
 * length are de-identified first, as with --redact. */
#include "fuzz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "layout/layout.h"
#include "documents/letter.h"
#include "documents/redact.h"
#include "documents/documents.h"
#include "documents/report.h"
#include "front/schema.h"
#include "score/scored.h"
#include "documents/summary.h"
#include "cli/cli.h"

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

/* A formulation's report and letter, as formc report and letter make them
 * (de-identified first, as with --redact, when redact is set). */
static void documents_of(Session *s, Arena *a, Model *m, bool redact) {
    const Model *g = NULL;
    bool group_errors = false;
    if (m->f.group_file.s)
        g = compile_group_ref(s, model_group_path(a, m), m->f.group_file.loc, &group_errors);
    if (redact) redact_case(a, &m, &g, true);
    Scored *sc = score_model(a, m);
    FILE *gaps = fopen("/dev/null", "w");       /* the library's gaps, as a command lists them */
    if (gaps) {
        scored_list_gaps(sc, gaps);
        fclose(gaps);
    }
    /* the clinic's own templates first, as formc report and letter look */
    const char *dirs[3];
    int ndirs = document_template_dirs(a, NULL, m, g, s->datadir, dirs);
    write_and_free(report_build(a, m, sc, g, dirs, ndirs, PAPER_A4));
    if (g && g->g.title.s && !group_errors)
        write_and_free(letter_build(a, m, g, dirs, ndirs, PAPER_LETTER));
}

static char summary_dir[64];
static void remove_summary_dir(void) { rmdir(summary_dir); }

/* A group's summary, as formc summary makes it. summary_of_group writes
 * only to files: this one goes into a private folder and is removed at
 * once. */
static void summary_of(Session *s, const Model *gm, bool redact) {
    if (!summary_dir[0]) {
        snprintf(summary_dir, sizeof summary_dir, "/tmp/formc-fuzz-XXXXXX");
        if (!mkdtemp(summary_dir)) abort();
        atexit(remove_summary_dir);
    }
    char out[128];
    snprintf(out, sizeof out, "%s/summary.pdf", summary_dir);
    SummaryOptions o = { .paper = PAPER_A4, .redact = redact };
    summary_of_group(s, gm, out, &o);
    unlink(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Session *s = fuzz_session();
    Arena a = { 0 };
    Source *src = source_from_bytes(&a, FUZZ_TOP "/examples/members/fuzz.form", (const char *)data, size);
    CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER | NEED_GROUP, .members = true };
    CompileStatus st;
    Model *m = compile_source(s, &a, src, &co, &st);
    bool redact = size & 1;   /* half the inputs also go through --redact */
    if (st == COMPILE_OK && m->g.title.s) summary_of(s, m, redact);
    else if (st == COMPILE_OK) documents_of(s, &a, m, redact);
    arena_free(&a);
    fuzz_done();
    return 0;
}
