/* cli.h — the command line: options shared by the subcommands, and one
 * entry point per subcommand (cmd_*.c). Each returns the exit status:
 * 0 success (warnings allowed), 1 errors in the input, 2 usage or system
 * error. */
#ifndef FORMC_CLI_H
#define FORMC_CLI_H
#include <stdbool.h>
#include "base/outfile.h"
#include "documents/summary.h"
#include "front/compile.h"
#include "layout/layout.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct Options {
    const char **files;      /* positional arguments */
    int nfiles;
    const char *output;      /* -o */
    const char *paper_name;  /* --paper a4|letter, as written */
    Paper paper;             /* it: A4 unless it says letter */
    const char *group;       /* --group GROUP */
    const char *templates;   /* --templates DIR */
    const char *deps;        /* --deps FILE */
    const char *csv_file;    /* --csv FILE (outcomes); scores takes --csv alone */
    const char *map;         /* --map MAP (formc import) */
    int jobs;                /* -j N, 0 = number of cores */
    bool json, csv, force, quiet, check_only, to_stdout, redact, dry_run;
} Options;

/* Parses argv after the subcommand. `accepts` lists the options this
 * subcommand takes, e.g. "o paper group". Sets up diagnostics and the
 * session (instrument files). Prints a message and returns false on a
 * usage error. */
bool parse_options(const char *cmd, int argc, char **argv, const char *accepts,
                   Options *o, Session *s);
/* Writes len bytes of text to path atomically (never over a file this
 * process read, nor over one that is not empty and does not start as kind
 * says: outfile_refuse_other_kind), or to standard output when path is
 * NULL or "-". Returns 0, or -1 after reporting why. */
int write_text_output(const char *path, const char *text, size_t len, const OutKind *kind);
/* Exit status after compiling: 1 when any error was reported. */
int exit_status(void);

/* The summary of group (from compile_group), as formc summary writes it:
 * its members compiled one at a time into the facts the summary shows.
 * out NULL: the default name in the current directory. 0, or the exit
 * status when nothing was written (summary_write). */
int summary_of_group(Session *s, const Model *group, const char *out, const SummaryOptions *o);

int cmd_check(Options *o, Session *s);
int cmd_scores(Options *o, Session *s);
int cmd_report(Options *o, Session *s);
int cmd_letter(Options *o, Session *s);
int cmd_summary(Options *o, Session *s);
int cmd_fmt(Options *o, Session *s);
int cmd_build(Options *o, Session *s);
int cmd_new(Options *o, Session *s);
int cmd_norms(Options *o, Session *s);
int cmd_import(Options *o, Session *s);
int cmd_outcomes(Options *o, Session *s);

#endif
