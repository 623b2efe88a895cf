/* cmd_summary.c — `formc summary GROUP [-o OUT.pdf] [--paper a4|letter]
 * [--templates DIR] [--redact]`. Without -o the summary is CODE-summary.pdf
 * in the current directory (redacted-summary.pdf with --redact, which
 * de-identifies every member and the group: redact.h). Nothing is written when the group file has errors; a
 * member with errors is reported and listed as not included, and the exit
 * status is then 1 although the summary was written. */
#include <stdio.h>
#include "cli/cli.h"
#include "documents/render.h"
#include "documents/summary.h"

int cmd_summary(Options *o, Session *s) {
    if (o->nfiles > 1) {
        fprintf(stderr, "formc summary: one group file at a time, but %d files were given\n", o->nfiles);
        return EXIT_USAGE;
    }
    SummaryOptions so = { .paper = render_paper(o->paper), .templates = o->templates,
                          .redact = o->redact };
    int rc = summary_write(s, o->files[0], o->output, &so);
    return rc ? rc : exit_status();
}
