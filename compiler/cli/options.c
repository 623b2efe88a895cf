/* options.c — parsing the options shared by formc's subcommands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/arena.h"
#include "cli/cli.h"
#include "base/diag.h"
#include "base/outdir.h"
#include "base/outfile.h"

static bool accepts_opt(const char *accepts, const char *name) {
    size_t n = strlen(name);
    for (const char *p = accepts; (p = strstr(p, name)); p += n)
        if ((p == accepts || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
    return false;
}

/* Splits an option written with its value attached, as --paper=a4, -j4 or
 * -oOUT.pdf: the option's name goes into name (of size n) and the value is
 * returned; NULL when arg carries no value. */
static const char *attached_value(const char *arg, char *name, size_t n) {
    const char *eq = arg[1] == '-' ? strchr(arg, '=') : NULL;
    size_t len = eq ? (size_t)(eq - arg) : (arg[1] == 'j' || arg[1] == 'o') && arg[2] ? 2 : 0;
    if (!len || len >= n) return NULL;
    memcpy(name, arg, len);
    name[len] = '\0';
    return arg + len + (eq ? 1 : 0);
}

/* Parses a non-negative integer option value; false when it is not one. */
static bool parse_count(const char *s, int *out) {
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0 || v > 1000000) return false;
    *out = (int)v;
    return true;
}

bool parse_options(const char *cmd, int argc, char **argv, const char *accepts,
                   Options *o, Session *s) {
    memset(o, 0, sizeof *o);
    o->files = xmalloc(sizeof *o->files * (size_t)(argc + 1));
    DiagOptions d = { .max_errors = DIAG_MAX_ERRORS, .color = diag_want_color() };
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            o->files[o->nfiles++] = a;
            continue;
        }
        if (!strcmp(a, "--")) { only_files = true; continue; }
        char name[32];
        const char *attached = attached_value(a, name, sizeof name);
        if (attached) a = name;
        const char *val = attached ? attached : i + 1 < argc ? argv[i + 1] : NULL;
        int used = attached ? 0 : 1;    /* arguments the value takes up */
        if (!strcmp(a, "-Werror")) { d.werror = true; continue; }
        /* options that take a value */
        struct { const char *flag, *name; const char **dest; } valued[] = {
            { "-o", "o", &o->output }, { "--paper", "paper", &o->paper_name },
            { "--group", "group", &o->group }, { "--templates", "templates", &o->templates },
            { "--deps", "deps", &o->deps }, { "--csv", "csvfile", &o->csv_file },
            { "--map", "map", &o->map },
        };
        bool done = false;
        for (size_t k = 0; k < sizeof valued / sizeof *valued && !done; k++) {
            if (strcmp(a, valued[k].flag) || !accepts_opt(accepts, valued[k].name)) continue;
            if (!val) {
                fprintf(stderr, diag_tr("formc %s: %s needs a value\n"), cmd, diag_printable(a));
                return false;
            }
            *valued[k].dest = val;
            i += used;
            done = true;
        }
        if (done) continue;
        if (!strcmp(a, "--max-errors") || !strcmp(a, "--instruments") ||
            ((!strcmp(a, "-j") || !strcmp(a, "--jobs")) && accepts_opt(accepts, "j"))) {
            if (!val) {
                fprintf(stderr, diag_tr("formc %s: %s needs a value\n"), cmd, diag_printable(a));
                return false;
            }
            i += used;
            if (!strcmp(a, "--instruments")) {
                s->instrument_files = xrealloc(s->instrument_files,
                                               sizeof(char *) * (size_t)(s->ninstrument_files + 1));
                s->instrument_files[s->ninstrument_files++] = val;
            } else if (!parse_count(val, strcmp(a, "--max-errors") ? &o->jobs : &d.max_errors)) {
                fprintf(stderr, diag_tr("formc %s: %s expects a whole number, not '%s'\n"), cmd, a,
                        diag_printable(val));
                return false;
            }
            continue;
        }
        struct { const char *flag, *name; bool *dest; } flags[] = {
            { "--json", "json", &o->json }, { "--csv", "csv", &o->csv }, { "--force", "force", &o->force },
            { "--quiet", "quiet", &o->quiet }, { "-q", "quiet", &o->quiet },
            { "--check", "check", &o->check_only }, { "--stdout", "stdout", &o->to_stdout },
            { "--redact", "redact", &o->redact }, { "--dry-run", "dry-run", &o->dry_run },
        };
        for (size_t k = 0; k < sizeof flags / sizeof *flags && !done; k++)
            if (!strcmp(a, flags[k].flag) && accepts_opt(accepts, flags[k].name))
                *flags[k].dest = done = true;
        if (done && attached) {
            fprintf(stderr, diag_tr("formc %s: %s takes no value\n"), cmd, diag_printable(a));
            return false;
        }
        if (done) continue;
        fprintf(stderr, diag_tr("formc %s: unknown option '%s'; run 'formc --help'\n"), cmd, diag_printable(a));
        return false;
    }
    if (o->paper_name && strcmp(o->paper_name, "a4") && strcmp(o->paper_name, "letter")) {
        fprintf(stderr, diag_tr("formc %s: --paper is a4 or letter, not '%s'\n"), cmd, diag_printable(o->paper_name));
        return false;
    }
    o->paper = o->paper_name && !strcmp(o->paper_name, "letter") ? PAPER_LETTER : PAPER_A4;
    struct stat st;
    errno = 0;
    if (o->templates && (stat(o->templates, &st) != 0 || !S_ISDIR(st.st_mode))) {
        /* else the shipped templates would be used without a word */
        fprintf(stderr, diag_tr("formc %s: --templates '%s': %s\n"), cmd, diag_printable(o->templates),
                errno == ENOENT ? "no such folder" : errno ? diag_tr(strerror(errno)) : "not a folder");
        return false;
    }
    char err[512];
    if (o->templates && outdir_check_templates(o->templates, err, sizeof err) != 0) {
        /* another user could change what every document says */
        fprintf(stderr, diag_tr("formc %s: --templates: %s\n"), cmd, diag_printable(err));
        return false;
    }
    if (o->nfiles == 0) {
        fprintf(stderr, diag_tr("formc %s: no input file; run 'formc --help'\n"), cmd);
        return false;
    }
    diag_configure(&d);
    return true;
}

int exit_status(void) { return diag_error_count() ? EXIT_INPUT : EXIT_OK; }

int write_text_output(const char *path, const char *text, size_t len, const OutKind *kind) {
    if (!path || !strcmp(path, "-")) {
        errno = 0;
        if (fwrite(text, 1, len, stdout) == len && fflush(stdout) == 0) return 0;
        diag_file(DIAG_ERROR, NULL, "cannot write to standard output%s%s", errno ? ": " : "",
                  errno ? diag_tr(strerror(errno)) : "");
        return -1;
    }
    char err[512];
    OutFile *f = outfile_open(path, NULL, err, sizeof err);
    if (f && outfile_refuse_other_kind(path, kind, err, sizeof err) != 0) {
        outfile_abort(f);
        f = NULL;
    }
    if (f) {
        outfile_write(f, text, len);
        if (outfile_commit(f, err, sizeof err) == 0) return 0;
    }
    diag_file(DIAG_ERROR, NULL, "%s", err);
    return -1;
}
