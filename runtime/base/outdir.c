/* outdir.c — folders another user controls are refused; see outdir.h. */
#include "base/outdir.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

/* 0 when neither the folder at `at` nor any folder above it, as the
 * system resolves them, is open to all; else -1 with a message about dir,
 * the folder formc would use as u says. */
static int open_above(const char *dir, const char *at, Use u, char *err, size_t errlen) {
    struct stat st;
    char real[PATH_MAX];
    if (!realpath(at, real)) {
        snprintf(err, errlen, "cannot %s '%s': %s", u.act, dir, strerror(errno));
        return -1;
    }
    for (int self = dir == at;; self = 0) {
        if (stat(real, &st) == 0 && open_to_all(&st)) {
            if (self)
                snprintf(err, errlen, "refusing to %s '%s': it is writable by every user "
                         "and not sticky, so anyone could %s; use a folder only "
                         "you can write to", u.act, dir, u.risk);
            else
                snprintf(err, errlen, "refusing to %s '%s': a folder above it, '%s', is "
                         "writable by every user and not sticky, so anyone could %s; "
                         "use a folder only you can write to", u.act, dir, real, u.risk);
            return -1;
        }
        char *slash = strrchr(real, '/');
        if (!slash || slash == real) break;
        *slash = '\0';
    }
    if (stat("/", &st) == 0 && open_to_all(&st)) {
        snprintf(err, errlen, "refusing to %s '%s': '/' is writable by every user", u.act, dir);
        return -1;
    }
    return 0;
}

/* The rule of outdir.h for the folder dir, used as u says. */
static int check_folder(const char *dir, Use u, char *err, size_t errlen) {
    struct stat st;
    if (lstat(dir, &st) != 0) {
        snprintf(err, errlen, "cannot %s '%s': %s", u.act, dir, strerror(errno));
        return -1;
    }
    if (S_ISLNK(st.st_mode)) {
        snprintf(err, errlen, "refusing to %s '%s': it is a symbolic link (another user "
                 "may have put it there); name the folder itself", u.act, dir);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "cannot %s '%s': it is not a folder", u.act, dir);
        return -1;
    }
    if (st.st_uid != geteuid() && st.st_uid != 0) {
        snprintf(err, errlen, "refusing to %s '%s': it belongs to another user (uid %lu)",
                 u.act, dir, (unsigned long)st.st_uid);
        return -1;
    }
    return open_above(dir, dir, u, err, errlen);
}

int outdir_check(const char *dir, char *err, size_t errlen) {
    return check_folder(dir, WRITING, err, errlen);
}

int outdir_check_templates(const char *dir, char *err, size_t errlen) {
    if (check_folder(dir, TEMPLATES, err, errlen) != 0) return -1;
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "cannot read templates from '%s': %s", dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        struct stat st;
        /* a file, or the file a link in the folder names */
        if (fstatat(dirfd(d), e->d_name, &st, 0) != 0 || S_ISDIR(st.st_mode)) continue;
        if (st.st_uid != geteuid() && st.st_uid != 0) {
            snprintf(err, errlen, "refusing to read templates from '%s': its file '%s' belongs to "
                     "another user (uid %lu), who could change what the documents say",
                     dir, e->d_name, (unsigned long)st.st_uid);
            rc = -1;
        } else if (st.st_mode & S_IWOTH) {
            snprintf(err, errlen, "refusing to read templates from '%s': its file '%s' is writable "
                     "by every user, so anyone could change what the documents say; make it "
                     "yours alone (chmod o-w)", dir, e->d_name);
            rc = -1;
        }
    }
    closedir(d);
    return rc;
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
            int open = open_above(dir, parent, WRITING, err, errlen);
            if (slash && slash != path) *slash = '/';
            if (open != 0) {
                free(path);
                return -1;
            }
            if (mkdir(path, 0700) != 0 && errno != EEXIST) {
                snprintf(err, errlen, "cannot create the folder '%s': %s", path, strerror(errno));
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
