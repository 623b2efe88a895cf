/* outdir.c — folders another user controls are refused; see outdir.h. */
#include "base/outdir.h"
#include "base/messages.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/arena.h"

/* What formc does with a folder, for the messages: "write into" the
 * documents, which anyone could "swap"; "read templates from", whose
 * wording anyone could change. */
typedef struct Use {
    const char *act;       /* refusing to ACT 'dir' */
    const char *risk;      /* so anyone could RISK */
} Use;
static const Use WRITING = { "write into", "swap the documents" };
static const Use TEMPLATES = { "read templates from", "change what the documents say" };

/* Whether others could rename entries of the folder st describes. */
static int open_to_all(const struct stat *st) {
    return (st->st_mode & S_IWOTH) && !(st->st_mode & S_ISVTX);
}

/* Who may own what formc uses besides root: the user, or for a template
 * folder that belongs to another account (an administrator who installed
 * a clinic's templates), that account, as long as no one else can change
 * anything in it (strict: nothing in it or above it may be written by a
 * group either). */
typedef struct Owner {
    uid_t uid;
    bool strict;
} Owner;

static bool owned_by(const struct stat *st, Owner o) {
    return st->st_uid == o.uid || st->st_uid == 0 || st->st_uid == geteuid();
}

/* Whether others than its owner could change what the folder or file st
 * describes holds, or rename its entries: writable by every user (a
 * sticky folder keeps its entries to their owners), or, strict, by its
 * group. */
static bool open_to_others(const struct stat *st, Owner o) {
    mode_t w = o.strict ? (S_IWOTH | S_IWGRP) : S_IWOTH;
    return (st->st_mode & w) && !(S_ISDIR(st->st_mode) && (st->st_mode & S_ISVTX));
}

/* Why others than o could change the folder st describes (one of dir's,
 * or above it), into why; false when none could. */
static bool others_could_change(const struct stat *st, Owner o, bool above, char *why, size_t n) {
    if (open_to_all(st)) {
        snprintf(why, n, diag_tr("is writable by every user and not sticky"));
    } else if (o.strict && open_to_others(st, o)) {
        snprintf(why, n, diag_tr("is writable by its group (gid %lu), not only by its owner"), (unsigned long)st->st_gid);
    } else if (o.strict && above && !owned_by(st, o)) {
        snprintf(why, n, diag_tr("belongs to another user (uid %lu) than the folder's owner"), (unsigned long)st->st_uid);
    } else {
        return false;
    }
    return true;
}

/* 0 when neither the folder at `at` nor any folder above it, as the
 * system resolves them, lets others than o change it; else -1 with a
 * message about dir, the folder formc would use as u says. */
static int open_above(const char *dir, const char *at, Use u, Owner o, char *err, size_t errlen) {
    struct stat st;
    char real[PATH_MAX], why[128];
    if (!realpath(at, real)) {
        snprintf(err, errlen, diag_tr("cannot %s '%s': %s"), diag_tr(u.act), dir, diag_tr(strerror(errno)));
        return -1;
    }
    const char *anyone = diag_tr(o.strict ? "others than its owner" : "anyone");
    for (int self = dir == at;; self = 0) {
        if (stat(real, &st) == 0 && others_could_change(&st, o, !self, why, sizeof why)) {
            if (self)
                snprintf(err, errlen, diag_tr("refusing to %s '%s': it %s, so %s could %s; use a folder only "
                         "you can write to"), diag_tr(u.act), dir, why, anyone, diag_tr(u.risk));
            else
                snprintf(err, errlen, diag_tr("refusing to %s '%s': a folder above it, '%s', %s, so %s "
                         "could %s; use a folder only you can write to"), diag_tr(u.act), dir, real, why, anyone, diag_tr(u.risk));
            return -1;
        }
        char *slash = strrchr(real, '/');
        if (!slash || slash == real) break;
        *slash = '\0';
    }
    if (stat("/", &st) == 0 && open_to_all(&st)) {
        snprintf(err, errlen, diag_tr("refusing to %s '%s': '/' is writable by every user"), diag_tr(u.act), dir);
        return -1;
    }
    return 0;
}

/* The rule of outdir.h for a folder itself, st as lstat() gives it, its
 * owner as o says: 0, or -1 with why in err after "refusing to ACT
 * 'dir': " and, for a folder inside dir, "its folder 'sub' ". */
static int folder_rule(const struct stat *st, const char *dir, const char *sub, Use u, Owner o,
                       char *err, size_t errlen) {
    char what[PATH_MAX + 32], why[128];
    if (sub) snprintf(what, sizeof what, diag_tr("its folder '%s'"), sub);
    else snprintf(what, sizeof what, "%s", diag_tr("it"));
    if (S_ISLNK(st->st_mode)) {
        snprintf(err, errlen, diag_tr("refusing to %s '%s': %s is a symbolic link (another user "
                 "may have put it there); name the folder itself"), diag_tr(u.act), dir, what);
        return -1;
    }
    if (!S_ISDIR(st->st_mode)) {
        snprintf(err, errlen, diag_tr("cannot %s '%s': it is not a folder"), diag_tr(u.act), dir);
        return -1;
    }
    if (!owned_by(st, o)) {
        snprintf(err, errlen, diag_tr("refusing to %s '%s': %s belongs to another user (uid %lu)%s"),
                 diag_tr(u.act), dir, what, (unsigned long)st->st_uid,
                 diag_tr(o.strict ? " than the folder's owner, who could change what the documents say"
                         : sub ? ", who could change what the documents say" : ""));
        return -1;
    }
    if (sub && others_could_change(st, o, false, why, sizeof why)) {   /* dir itself and above: open_above */
        snprintf(err, errlen, diag_tr("refusing to %s '%s': %s %s, so %s could %s; use a folder only you can "
                 "write to"), diag_tr(u.act), dir, what, why, diag_tr(o.strict ? "others than its owner" : "anyone"), diag_tr(u.risk));
        return -1;
    }
    return 0;
}

/* The rule of outdir.h for the folder dir, used as u says, its owner as
 * o says. */
static int check_folder(const char *dir, Use u, Owner o, char *err, size_t errlen) {
    struct stat st;
    if (lstat(dir, &st) != 0) {
        snprintf(err, errlen, diag_tr("cannot %s '%s': %s"), diag_tr(u.act), dir, diag_tr(strerror(errno)));
        return -1;
    }
    if (folder_rule(&st, dir, NULL, u, o, err, errlen) != 0) return -1;
    return open_above(dir, dir, u, o, err, errlen);
}

/* The user's own: a folder of the user's or root's. */
static Owner users(void) { return (Owner){ geteuid(), false }; }

int outdir_check(const char *dir, char *err, size_t errlen) {
    return check_folder(dir, WRITING, users(), err, errlen);
}

/* The files and folders in the folder open as fd (dir's folder rel, or dir
 * itself when rel is NULL), and in its folders, held to the rule of
 * outdir_check_templates for owner o; fd is closed. 0, or -1 with why in
 * err. */
static int check_template_tree(const char *dir, int fd, const char *rel, Owner o, char *err, size_t errlen) {
    DIR *d = fdopendir(fd);
    if (!d) {
        snprintf(err, errlen, diag_tr("cannot read templates from '%s': %s"), dir, diag_tr(strerror(errno)));
        close(fd);
        return -1;
    }
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        /* its name from dir, on the heap: a tree thousands of folders deep
         * stays within the stack */
        char *name = xmalloc((rel ? strlen(rel) + 1 : 0) + strlen(e->d_name) + 1);
        sprintf(name, "%s%s%s", rel ? rel : "", rel ? "/" : "", e->d_name);
        /* a file, or the file a link in the folder names; a folder, never
         * through a link (folder_rule refuses one) */
        if (S_ISLNK(st.st_mode)) {
            struct stat target;
            if (fstatat(dirfd(d), e->d_name, &target, 0) != 0) continue;   /* it names nothing */
            if (!S_ISDIR(target.st_mode)) st = target;
        }
        if (S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode)) {      /* a folder, or a link to one */
            rc = folder_rule(&st, dir, name, TEMPLATES, o, err, errlen);
            int sub = rc == 0 ? openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
            if (rc == 0 && sub < 0) {
                snprintf(err, errlen, diag_tr("cannot read templates from '%s': its folder '%s': %s"), dir, name,
                         diag_tr(strerror(errno)));
                rc = -1;
            }
            if (rc == 0) rc = check_template_tree(dir, sub, name, o, err, errlen);
        } else if (!owned_by(&st, o)) {
            snprintf(err, errlen, diag_tr("refusing to read templates from '%s': its file '%s' belongs to "
                     "another user (uid %lu)%s, who could change what the documents say"),
                     dir, name, (unsigned long)st.st_uid, o.strict ? " than the folder's owner" : "");
            rc = -1;
        } else if (st.st_mode & S_IWOTH) {
            snprintf(err, errlen, diag_tr("refusing to read templates from '%s': its file '%s' is writable "
                     "by every user, so anyone could change what the documents say; make it "
                     "yours alone (chmod o-w)"), dir, name);
            rc = -1;
        } else if (o.strict && (st.st_mode & S_IWGRP)) {
            snprintf(err, errlen, diag_tr("refusing to read templates from '%s': its file '%s' is writable "
                     "by its group (gid %lu), not only by its owner, so others could change what "
                     "the documents say; its owner can make it theirs alone (chmod g-w)"),
                     dir, name, (unsigned long)st.st_gid);
            rc = -1;
        }
        free(name);
    }
    closedir(d);
    return rc;
}

int outdir_check_templates(const char *dir, char *err, size_t errlen) {
    /* a folder of the user's or root's, or of another account (a clinic's
     * administrator) that no one else can change */
    struct stat st;
    Owner o = users();
    if (lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid != geteuid() && st.st_uid != 0)
        o = (Owner){ st.st_uid, true };
    if (check_folder(dir, TEMPLATES, o, err, errlen) != 0) return -1;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, diag_tr("cannot read templates from '%s': %s"), dir, diag_tr(strerror(errno)));
        return -1;
    }
    return check_template_tree(dir, fd, NULL, o, err, errlen);
}

int outdir_make(const char *dir, char *err, size_t errlen) {
    char *path = xstrdup(dir);
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p) continue;
        char c = *p;
        *p = '\0';
        struct stat st;
        if (lstat(path, &st) != 0) {
            /* nothing is made inside a folder others could swap: the one
             * above was checked before this one is created */
            char *slash = strrchr(path, '/');
            const char *parent = slash ? (slash == path ? "/" : path) : ".";
            if (slash && slash != path) *slash = '\0';
            int open = open_above(dir, parent, WRITING, users(), err, errlen);
            if (slash && slash != path) *slash = '/';
            if (open != 0) {
                free(path);
                return -1;
            }
            if (mkdir(path, 0700) != 0 && errno != EEXIST) {
                snprintf(err, errlen, diag_tr("cannot create the folder '%s': %s"), path, diag_tr(strerror(errno)));
                free(path);
                return -1;
            }
        }
        *p = c;
        if (!c) break;
    }
    free(path);
    return outdir_check(dir, err, errlen);
}
