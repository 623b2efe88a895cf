/* cmd_report.c — `formc report FILE [-o OUT.pdf] [--paper a4|letter]
 * [--templates DIR] [--redact]`. Without -o the report is written as
 * BASENAME-report.pdf in the current directory (PSEUDONYM-report.pdf with
 * --redact, which de-identifies it: redact.h). Nothing is written when the
 * file has errors. */
#include <stdio.h>
#include "cli/cli.h"
#include "cli/outnames.h"
#include "documents/documents.h"
#include "documents/redact.h"
#include "front/schema.h"

int cmd_report(Options *o, Session *s) {
    if (o->output && o->nfiles > 1) {
        fprintf(stderr, "formc report: -o names one output, but %d files were given\n", o->nfiles);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (int i = 0; i < o->nfiles; i++) {
        Arena a = { 0 };
        CompileOptions co = { .purpose = NEED_REPORT };
        CompileStatus st;
        Model *m = compile_file(s, &a, o->files[i], &co, &st);
        if (st != COMPILE_OK || !m) {
            status = st == COMPILE_SYSTEM_ERROR ? EXIT_USAGE : status ? status : EXIT_INPUT;
            arena_free(&a);
            continue;
        }
        const Model *group = NULL;
        if (m->f.group_file.s) {
            bool errs;
            group = compile_group_ref(s, model_group_path(&a, m),
                                      m->f.group_file.loc, &errs);
        }
        if (o->redact) redact_case(&a, &m, &group, true);
        DocOptions dopt = { .paper = o->paper, .datadir = s->datadir, .templates = o->templates };
        /* a de-identified document is named after the pseudonym, not the file */
        const char *name = outname_member(&a, o->files[i], o->redact ? m->f.patient.name.s : NULL);
        const char *out = o->output ? o->output : outname_document(&a, NULL, name, "report");
        DocResult r = document_report(&a, m, group, &dopt, out);
        if (r == DOC_INPUT_ERROR) status = status ? status : EXIT_INPUT;
        else if (r == DOC_SYSTEM_ERROR) status = EXIT_USAGE;
        arena_free(&a);
    }
    return status;
}
