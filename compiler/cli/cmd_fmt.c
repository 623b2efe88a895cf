/* cmd_fmt.c — `formc fmt [--check] [--stdout] FILE...`: each file in the
 * canonical layout (fmt.h).
 *
 * A file with errors, or one the formatter could not lay out faithfully,
 * is reported and left untouched. A file already canonical is not written
 * (its modification time is kept); another is replaced atomically, through
 * a temporary file in its directory, keeping its mode. --check writes
 * nothing and lists the files that would change; --stdout prints the
 * layout instead of writing it; FILE "-" is read from standard input and
 * printed on standard output. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "base/diag.h"
#include "format/fmt.h"
#include "base/outfile.h"

/* Formats one file (or "-", standard input); returns its exit status. */
static int fmt_file(const Options *o, const char *path) {
    Arena a = { 0 };
    char err[256];
    struct stat st;
    bool piped = !strcmp(path, "-");
    bool known = !piped && stat(path, &st) == 0;   /* before reading: a change after it is seen */
    Source *src = piped ? source_read_fd(&a, "<stdin>", STDIN_FILENO, err, sizeof err)
                        : source_load(&a, path, err, sizeof err);
    if (src && !piped && !known) snprintf(err, sizeof err, diag_tr("the file changed while it was being read"));
    if (!src || (!piped && !known)) {
        diag_file(DIAG_ERROR, path, "%s", err);
        arena_free(&a);
        return EXIT_USAGE;
    }
    char *text;
    size_t len;
    int rc = EXIT_OK;
    switch (fmt_source(&a, src, &text, &len)) {
    case FMT_INPUT_ERRORS: rc = EXIT_INPUT; break;
    case FMT_INTERNAL_ERROR: rc = EXIT_USAGE; break;
    case FMT_OK: {
        bool changed = len != src->len || memcmp(text, src->text, len) != 0;
        if (o->check_only) {
            if (changed) {
                printf("%s\n", diag_printable(src->path));
                rc = EXIT_INPUT;
            }
        } else if (piped || o->to_stdout) {
            fwrite(text, 1, len, stdout);
        } else if (changed) {
            char err2[PATH_MAX + 160];
            if (outfile_rewrite(path, &st, text, len, err2, sizeof err2) != 0) {
                diag_file(DIAG_ERROR, NULL, "%s", err2);
                rc = EXIT_USAGE;
            }
        }
        break;
    }
    }
    arena_free(&a);
    return rc;
}

int cmd_fmt(Options *o, Session *s) {
    (void)s;
    if (o->check_only && o->to_stdout) {
        fprintf(stderr, diag_tr("formc fmt: --check and --stdout cannot be used together\n"));
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (int i = 0; i < o->nfiles; i++) {
        int rc = fmt_file(o, o->files[i]);
        if (rc > status) status = rc;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, diag_tr("formc fmt: cannot write the standard output: %s\n"), diag_tr(strerror(errno)));
        return EXIT_USAGE;
    }
    return status;
}
