/* cmd_new.c — `formc new patient|group NAME [-o PATH] [--templates DIR]`:
 * starts a formulation or a group file from its skeleton, a file of the
 * templates (new-patient.form, new-group.group) looked for first in
 * --templates DIR, then in formc's data folder, so a clinic can adapt it.
 * Writes NAME.form or NAME.group (NAME may include a folder, created when
 * missing), or PATH; never replaces an existing file. The shipped skeletons are drafts with
 * a short guidance comment on every section. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "cli/outnames.h"
#include "base/diag.h"
#include "base/outfile.h"

typedef struct Kind {
    const char *name;        /* as typed after `formc new` */
    const char *skeleton;    /* the template file */
    const char *ext;         /* of the file written */
} Kind;

static const Kind kinds[] = {
    { "patient", "new-patient.form", ".form" },
    { "group", "new-group.group", ".group" },
};

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The skeleton's path: in the clinic's folder when it has one, else in
 * formc's data folder; NULL when neither has it. */
static const char *find_skeleton(Arena *a, const Options *o, const Session *s, const Kind *k) {
    if (o->templates) {
        const char *p = path_join(a, o->templates, k->skeleton);
        if (is_file(p)) return p;
    }
    if (s->datadir) {
        const char *p = arena_printf(a, "%s/%s", s->datadir, k->skeleton);
        if (is_file(p)) return p;
    }
    return NULL;
}

/* Creates the folders above path that do not exist yet; on failure
 * returns the folder that could not be made. */
static const char *make_parents(Arena *a, const char *path) {
    char *dir = path_dir(a, path);
    struct stat st;
    if (stat(dir, &st) == 0) return NULL;
    const char *failed = make_parents(a, dir);
    if (failed) return failed;
    return mkdir(dir, 0777) == 0 || errno == EEXIST ? NULL : dir;
}

int cmd_new(Options *o, Session *s) {
    const Kind *k = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds && o->nfiles > 0; i++)
        if (!strcmp(o->files[0], kinds[i].name)) k = &kinds[i];
    if (!k || o->nfiles != 2) {
        fprintf(stderr, diag_tr("formc new: write 'formc new patient NAME' or 'formc new group NAME'\n"));
        return EXIT_USAGE;
    }
    Arena a = { 0 };
    int rc = EXIT_USAGE;
    char err[512];
    const char *dest = o->output ? o->output : outname_new(&a, o->files[1], k->ext);
    const char *skeleton = find_skeleton(&a, o, s, k);
    struct stat st;
    Source *src = NULL;
    OutFile *f = NULL;
    const char *folder = NULL;
    if (!skeleton) {
        diag_file(DIAG_ERROR, NULL, "cannot find the template %s in %s%sformc's data folder "
                  "(FORMC_DATADIR names another)", k->skeleton,
                  o->templates ? o->templates : "", o->templates ? " or in " : "");
    } else if (!strcmp(dest, OUTFILE_STDOUT)) {
        /* -o -: the skeleton on standard output, as -o - means for every
         * other command (it made a file named '-' here) */
        if (!(src = source_load(&a, skeleton, err, sizeof err))) diag_file(DIAG_ERROR, skeleton, "%s", err);
        else if (fwrite(src->text, 1, src->len, stdout) == src->len) rc = EXIT_OK;
    } else if (lstat(dest, &st) == 0) {
        diag_file(DIAG_ERROR, dest, "already exists; formc new never replaces a file "
                  "(give another NAME, or -o PATH)");
    } else if ((folder = make_parents(&a, dest))) {
        diag_file(DIAG_ERROR, folder, "cannot create the folder: %s", diag_tr(strerror(errno)));
    } else if (!(src = source_load(&a, skeleton, err, sizeof err))) {
        diag_file(DIAG_ERROR, skeleton, "%s", err);
    } else if (!(f = outfile_open(dest, NULL, err, sizeof err))) {
        diag_file(DIAG_ERROR, NULL, "%s", err);
    } else {
        outfile_write(f, src->text, src->len);
        if (outfile_commit_new(f, err, sizeof err) == 0) rc = EXIT_OK;
        else diag_file(DIAG_ERROR, NULL, "%s", err);
    }
    arena_free(&a);
    return rc;
}
