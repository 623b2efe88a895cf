/* cmd_import.c — `formc import FILE.csv [--map MAP] [--dry-run] [--force]
 * GROUP|FILE...`: a questionnaire export into the members' files
 * (compiler/import/import.h; docs/import.md).
 *
 * The members (every member of each group named, and each formulation
 * named) must check without errors first. Then the export is read and
 * every member's edit worked out; when anything is wrong, nothing is
 * written. Each file that changes is then replaced atomically, keeping its
 * permissions, unless it changed since it was read. --dry-run prints the
 * edits as a unified diff and writes nothing. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "base/diag.h"
#include "base/outfile.h"
#include "cli/cli.h"
#include "front/schema.h"
#include "import/import.h"

typedef struct Members {
    ImportMember *m;
    struct stat *st;         /* st[i]: m[i]'s file as it was when read */
    int n, cap, nst, cap_st;
    const Model *lib;        /* whose instruments the columns are matched against */
    bool errors;             /* in a member's file (or its group's) */
    bool unreadable;         /* a file could not be read at all */
} Members;

/* Compiles one member's file (quietly: only errors are shown, after a
 * second compilation) and adds it, once. */
static void add_member(Session *s, Members *ms, const char *path, const Model *group) {
    struct stat st;
    if (stat(path, &st) != 0) return;             /* reported by the compilation */
    for (int i = 0; i < ms->n; i++)
        if (ms->st[i].st_dev == st.st_dev && ms->st[i].st_ino == st.st_ino) return;
    CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER, .group = group };
    CompileStatus status;
    diag_mute(true);
    Model *m = compile_file(s, &s->arena, path, &co, &status);
    diag_mute(false);
    if (status != COMPILE_OK) {
        compile_file(s, &s->arena, path, &co, &status);
        ms->errors = true;
        ms->unreadable |= status == COMPILE_SYSTEM_ERROR;
        return;
    }
    *(struct stat *)arena_push(&s->arena, &ms->st, &ms->nst, &ms->cap_st, sizeof st) = st;
    ImportMember *im = arena_push(&s->arena, &ms->m, &ms->n, &ms->cap, sizeof *im);
    im->path = path;
    im->src = (Source *)m->main;
    im->model = m;
    im->group = group;
    if (!ms->lib) ms->lib = m;
}

/* The members of a group file, or the formulation itself. */
static void add_target(Session *s, Members *ms, const char *path) {
    CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER | NEED_GROUP, .members = true };
    CompileStatus status;
    diag_mute(true);
    Model *m = compile_file(s, &s->arena, path, &co, &status);
    diag_mute(false);
    if (!m || status != COMPILE_OK) {
        compile_file(s, &s->arena, path, &co, &status);
        ms->errors = true;
        ms->unreadable |= status == COMPILE_SYSTEM_ERROR;
        return;
    }
    if (!model_is_group(m)) {
        add_member(s, ms, path, NULL);
        return;
    }
    session_remember_group(s, m, false);
    ms->lib = m;
    for (int k = 0; k < m->g.nmembers; k++) add_member(s, ms, m->g.members[k].path, m);
}

/* The import map named by --map, or NULL; *ok false after an error,
 * *unreadable when the file could not be read. */
static const ImportMap *read_map(Session *s, const char *path, bool *ok, bool *unreadable) {
    CompileOptions co = { 0 };
    CompileStatus status;
    Model *m = compile_file(s, &s->arena, path, &co, &status);
    if (!m || status != COMPILE_OK) {
        *ok = false;
        *unreadable = status == COMPILE_SYSTEM_ERROR;
        return NULL;
    }
    if (!m->map.loc.src) {
        diag_file(DIAG_ERROR, path, "is not an import map: a map is an import { ... } block (docs/import.md)");
        *ok = false;
        return NULL;
    }
    return &m->map;
}

/* Replaces each changed file; returns the exit status. */
static int write_all(const Members *ms) {
    int written = 0, changed = 0;
    for (int i = 0; i < ms->n; i++) changed += ms->m[i].changed;
    bool refused = false;                /* each file first: all of them are written, or none */
    for (int i = 0; i < ms->n; i++) {
        char err[PATH_MAX + 256];
        if (ms->m[i].changed && outfile_rewritable(ms->m[i].path, &ms->st[i], err, sizeof err) != 0) {
            diag_file(DIAG_ERROR, NULL, "%s", err);
            refused = true;
        }
    }
    if (refused) {
        diag_file(DIAG_ERROR, NULL, "nothing is written");
        return EXIT_USAGE;
    }
    for (int i = 0; i < ms->n; i++) {
        const ImportMember *m = &ms->m[i];
        if (!m->changed) continue;
        char err[PATH_MAX + 256];
        if (outfile_rewrite(m->path, &ms->st[i], m->text, m->len, err, sizeof err) != 0) {
            diag_file(DIAG_ERROR, NULL, "%s", err);
            diag_file(DIAG_NOTE, NULL, "%d of the %d files to change were written; the others are as "
                      "they were", written, changed);
            return EXIT_USAGE;
        }
        written++;
        printf("%s: %s\n", diag_printable(m->path), m->summary);
    }
    return EXIT_OK;
}

int cmd_import(Options *o, Session *s) {
    if (o->nfiles < 2) {
        fprintf(stderr, diag_tr("formc import: name the export, then the group or the members' files: "
                        "formc import FILE.csv GROUP|FILE...\n"));
        return EXIT_USAGE;
    }
    bool ok = true;
    ImportOptions io = { .force = o->force, .preview = o->dry_run };
    Members ms = { 0 };
    if (o->map) io.map = read_map(s, o->map, &ok, &ms.unreadable);
    for (int i = 1; i < o->nfiles; i++) add_target(s, &ms, o->files[i]);
    if (!ok || ms.errors) {
        diag_file(DIAG_ERROR, NULL, "nothing is imported: fix the errors above first (formc check)");
        return ms.unreadable ? EXIT_USAGE : EXIT_INPUT;
    }
    char err[256];
    Source *csv = source_load(&s->arena, o->files[0], err, sizeof err);
    if (!csv) {
        diag_file(DIAG_ERROR, o->files[0], "%s", err);
        return EXIT_USAGE;
    }
    if (!ms.n) {
        diag_file(DIAG_ERROR, NULL, "no member file to import into");
        return EXIT_INPUT;
    }
    import_read(&s->arena, csv, &io, ms.lib, ms.m, ms.n);
    if (diag_error_count()) {
        diag_file(DIAG_ERROR, NULL, "nothing is written: %d error%s in the export", diag_error_count(),
                  diag_error_count() == 1 ? "" : "s");
        return EXIT_INPUT;
    }
    int changed = 0, rows = 0;
    for (int i = 0; i < ms.n; i++) {
        for (const Entry *e = ms.m[i].entries; e; e = e->next) rows++;
        import_edit(s, &s->arena, &io, &ms.m[i]);
        changed += ms.m[i].changed;
    }
    if (o->dry_run) {
        for (int i = 0; i < ms.n; i++)
            if (ms.m[i].changed) import_diff(stdout, &ms.m[i]);
        return exit_status();
    }
    if (diag_error_count()) {
        diag_file(DIAG_ERROR, NULL, "nothing is written: %d error%s", diag_error_count(),
                  diag_error_count() == 1 ? "" : "s");
        return EXIT_INPUT;
    }
    int rc = write_all(&ms);
    if (rc == EXIT_OK && !changed) {
        if (rows == 1)
            printf(diag_tr("nothing to change: the row of %s with values is already in its member's file\n"),
                   diag_printable(csv->path));
        else
            printf(diag_tr("nothing to change: the %d rows of %s with values are already in the members' files\n"),
                   rows, diag_printable(csv->path));
    }
    return rc;
}
