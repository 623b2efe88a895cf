/* main.c — formc's entry point: dispatches to a subcommand.
 *
 * The command line (compiler/cli) is the driver: each cmd_*.c parses its
 * options (options.c), calls the stages in order (compile, score, make the
 * document, write it to the name outnames.c gives) and turns what they
 * report into the exit status: 0 success, 1 errors in the input, 2 a usage
 * or system error. It may touch every stage; no stage calls it. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "base/diag.h"
#include "base/epoch.h"
#include "layout/layout.h"
#include "base/outfile.h"

#define DIGITS(n) #n
#define NUMBER(n) DIGITS(n)   /* a number macro's value, as a string */

static const char usage[] =
    "usage: formc COMMAND [OPTIONS] FILE...\n"
    "\n"
    "Compiles case formulations for dynamic-relational group therapy into PDF documents.\n"
    "\n"
    "Commands:\n"
    "  check FILE... [--templates DIR]\n"
    "                          report every problem in the files, and everything that would keep\n"
    "                          their documents from being made; write nothing\n"
    "  report FILE [-o OUT.pdf] [--paper a4|letter] [--templates DIR] [--redact]\n"
    "                          the clinician's formulation report (default: BASENAME-report.pdf here)\n"
    "  letter FILE [-o OUT.pdf] [--group GROUP] [--templates DIR] [--redact]\n"
    "                          the patient's pre-group letter (default: BASENAME-letter.pdf here)\n"
    "  summary GROUP [-o OUT.pdf] [--paper a4|letter] [--templates DIR] [--redact]\n"
    "                          the group summary for the co-leaders (default: CODE-summary.pdf here)\n"
    "  build GROUP [-o DIR] [-j N] [--force] [--deps FILE] [--quiet] [--paper a4|letter]\n"
    "        [--templates DIR] [--redact]\n"
    "                          every member's report and letter, and the group summary, into\n"
    "                          DIR/CODE/ (DIR: here; CODE: the group's code); rebuilds only what\n"
    "                          is out of date (--force: all); -j N, --jobs N: N jobs at once\n"
    "                          (default: one per core); --deps FILE: make rules naming each\n"
    "                          document's inputs\n"
    "  scores FILE... [--json | --csv] [--redact]\n"
    "                          T-scores, percentiles, reliable change and outcome per scale;\n"
    "                          a group file: each of its members; --csv: one row per member,\n"
    "                          time point and scale (long format, for R, SPSS or a spreadsheet)\n"
    "  norms GROUP... [-o FILE]\n"
    "                          the clinic's own norms from its members' pre-group scores: a\n"
    "                          clinical norm and a reliability per scale, as an instrument file\n"
    "                          for --instruments (default: standard output)\n"
    "  outcomes GROUP... [-o OUT.pdf] [--csv FILE] [--json] [--redact] [--paper a4|letter]\n"
    "        [--templates DIR]\n"
    "                          the program's outcomes across the groups: completion and early\n"
    "                          leaving, classifications per scale, reliable improvement beside\n"
    "                          the published trials, a chart per scale (default: outcomes.pdf);\n"
    "                          --csv FILE: every score as long-format CSV (- : standard output);\n"
    "                          --json: the counts; with either, the PDF only when -o is given\n"
    "  fmt [--check] [--stdout] FILE...\n"
    "                          rewrite files in the canonical layout (--check: list those that\n"
    "                          would change; --stdout: print instead; FILE - : stdin to stdout)\n"
    "  new patient|group NAME [-o PATH] [--templates DIR]\n"
    "                          start NAME.form or NAME.group from a template; never overwrites\n"
    "  import FILE.csv [--map MAP] [--dry-run] [--force] GROUP|FILE...\n"
    "                          scores and item answers from a REDCap, Qualtrics or spreadsheet\n"
    "                          export into the members' assessments (--map: what the columns\n"
    "                          hold; --dry-run: print the diff, write nothing; --force: replace\n"
    "                          values that differ); nothing is written when a value is wrong\n"
    "\n"
    "Options:\n"
    "  --max-errors N          show at most N errors (default " NUMBER(DIAG_MAX_ERRORS) "; 0 = no limit)\n"
    "  -Werror                 treat warnings as errors\n"
    "  --instruments FILE      read a clinic's own instrument file after the library\n"
    "  -h, --help              show this help\n"
    "  --version               show the version\n"
    "\n"
    "A value may be attached to its option: --paper=a4, --jobs=4, -j4, -oOUT.pdf.\n"
    "-o - writes the PDF of report, letter, summary or outcomes to standard output (into a\n"
    "pipe or a file, never onto a terminal).\n"
    "Exit status: 0 success (warnings allowed), 1 errors in the input, 2 usage or system error.\n"
    "Diagnostics are written to stderr as file:line:col: error|warning|note: message.\n"
    "Colour is used on a terminal unless NO_COLOR is set.\n"
    "Messages are in French when the locale is (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: fr, fr_CA.UTF-8);\n"
    "FORMC_LANG=fr or FORMC_LANG=en chooses.\n";

typedef struct Command {
    const char *name;
    const char *accepts;
    int (*run)(Options *, Session *);
    bool one_pdf;          /* -o names one PDF, which "-" sends to standard output */
} Command;

static const Command commands[] = {
    { "check", "templates", cmd_check, false },
    { "scores", "json csv redact", cmd_scores, false },
    { "report", "o paper templates redact", cmd_report, true },
    { "letter", "o paper group templates redact", cmd_letter, true },
    { "summary", "o paper templates redact", cmd_summary, true },
    { "fmt", "check stdout", cmd_fmt, false },
    { "build", "o j force deps quiet paper templates redact", cmd_build, false },
    { "new", "o templates", cmd_new, false },
    { "norms", "o", cmd_norms, false },
    { "import", "map dry-run force", cmd_import, false },
    { "outcomes", "o csvfile json redact paper templates", cmd_outcomes, true },
};

/* Whether -o - may be acted on, said before any work: a command that
 * writes one PDF writes it to standard output, unless that is a terminal
 * or another output of the command goes there too; `formc build -o -`
 * would make a folder named "-". */
static bool stdout_output_allowed(const Command *c, const Options *o) {
    if (!o->output || strcmp(o->output, OUTFILE_STDOUT)) return true;
    char err[256];
    if (!c->one_pdf && !strcmp(c->name, "build")) {
        fprintf(stderr, diag_tr("formc build: -o names the folder the documents go in; '-' (standard output) "
                "takes one document, as formc report -o - does\n"));
        return false;
    }
    if (!c->one_pdf) return true;
    if (o->json || (o->csv_file && !strcmp(o->csv_file, OUTFILE_STDOUT))) {
        fprintf(stderr, diag_tr("formc %s: -o - and %s would both write to standard output; give one of them "
                "a file name\n"), c->name, o->json ? "--json" : "--csv -");
        return false;
    }
    if (!outfile_stdout_usable(err, sizeof err)) {
        fprintf(stderr, diag_tr("formc %s: error: %s\n"), c->name, err);
        return false;
    }
    return true;
}

/* What a run printed on standard output reached it: the scores, a CSV or
 * JSON, a diff or a list sent to a full disk or a closed standard output
 * is the run's failure (status 2), never exit 0 with the text lost. A
 * command that failed has said why already. */
static int stdout_delivered(const char *name, int rc) {
    errno = 0;
    bool flushed = fflush(stdout) == 0;
    int err = errno;
    if (rc != EXIT_OK || (flushed && !ferror(stdout))) return rc;
    fprintf(stderr, diag_tr("formc%s%s: error: cannot write to standard output%s%s: what formc printed there is "
            "incomplete\n"), name ? " " : "", name ? name : "", err ? ": " : "", err ? diag_tr(strerror(err)) : "");
    return EXIT_USAGE;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs(diag_tr(usage), stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        fputs(diag_tr(usage), stdout);
        return stdout_delivered(NULL, EXIT_OK);
    }
    if (!strcmp(argv[1], "--version")) {
        printf("formc %s\n", FORMC_VERSION);
        return stdout_delivered(NULL, EXIT_OK);
    }
    time_t epoch;
    if (epoch_from_env(&epoch) < 0) {
        fprintf(stderr, diag_tr("formc: error: SOURCE_DATE_EPOCH is '%s'; it must be a whole number of "
                "seconds since 1970-01-01 00:00 UTC, from 0 to %lld, or unset\n"),
                diag_printable(getenv("SOURCE_DATE_EPOCH")), EPOCH_MAX);
        return EXIT_USAGE;
    }
    /* Ctrl-C or a kill while writing leaves no temporary file behind */
    outfile_install_signal_cleanup();
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(argv[1], commands[i].name)) continue;
        /* `formc report -h`: the help, whatever else is on the line */
        for (int k = 2; k < argc && strcmp(argv[k], "--"); k++)
            if (!strcmp(argv[k], "-h") || !strcmp(argv[k], "--help")) {
                fputs(diag_tr(usage), stdout);
                return stdout_delivered(NULL, EXIT_OK);
            }
        Options o;
        Session s;
        session_init(&s);
        int rc = EXIT_USAGE;
        if (parse_options(commands[i].name, argc - 2, argv + 2, commands[i].accepts, &o, &s) &&
            stdout_output_allowed(&commands[i], &o))
            rc = commands[i].run(&o, &s);
        diag_finish();
        rc = stdout_delivered(commands[i].name, rc);
        free(o.files);
        free(s.instrument_files);
        session_free(&s);
        doc_shutdown();
        return rc;
    }
    fprintf(stderr, diag_tr("formc: unknown command '%s'; run 'formc --help'\n"), diag_printable(argv[1]));
    return EXIT_USAGE;
}
