/* documents.h — a member's report and letter, made the same way by
 * `formc report`, `formc letter` and `formc build`: the caller compiles the
 * formulation once, then each function lays one document out and writes it
 * to a path (atomically, never over an input). For `formc build`, the files
 * the document is made from are gathered in DocOptions.inputs and, with
 * .incremental, a document up to date with all of them is left as it is.
 * Problems are reported through diag.h. */
#ifndef FORMC_DOCUMENTS_H
#define FORMC_DOCUMENTS_H
#include <stdbool.h>
#include <stdio.h>
#include "front/compile.h"
#include "layout/layout.h"
#include "build/uptodate.h"

typedef enum { DOC_WRITTEN, DOC_UP_TO_DATE, DOC_INPUT_ERROR, DOC_SYSTEM_ERROR } DocResult;

typedef struct DocOptions {
    Paper paper;
    const char *templates;     /* --templates DIR, searched first; or NULL */
    FileList *inputs;          /* or NULL; the files the member's documents
                                  share, to which the document's template is added */
    bool incremental;          /* leave a document up to date with inputs */
    FILE *gaps;                /* or NULL: where the library lacks a figure
                                  to judge change, a warning at the score;
                                  else a line here (scored_list_gaps) */
} DocOptions;

/* The report of m (error-free), with its group when known (may be NULL). */
DocResult document_report(Session *s, Arena *a, const Model *m, const Model *group,
                          const DocOptions *o, const char *out);
/* The letter of m (error-free) for group g (a checked group model). */
DocResult document_letter(Session *s, Arena *a, const Model *m, const Model *g,
                          const DocOptions *o, const char *out);

#endif
