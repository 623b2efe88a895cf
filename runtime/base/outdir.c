/* outdir.c — folders another user controls are refused; see outdir.h. */
#include "base/outdir.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/arena.h"

/* Whether others could rename entries of the folder st describes. */
static int open_to_all(const struct stat *st) {
    return (st->st_mode & S_IWOTH) && !(st->st_mode & S_ISVTX);
}

/* 0 when neither the folder at `at` nor any folder above it, as the
 * system resolves them, is open to all; else -1 with a message about dir,
 * the folder formc would write into. */
static int open_above(const char *dir, const char *at, char *err, size_t errlen) {
    struct stat st;
    char real[PATH_MAX];
    if (!realpath(at, real)) {
        snprintf(err, errlen, "cannot write into '%s': %s", dir, strerror(errno));
        return -1;
    }
    for (int self = dir == at;; self = 0) {
        if (stat(real, &st) == 0 && open_to_all(&st)) {
            if (self)
                snprintf(err, errlen, "refusing to write into '%s': it is writable by every user "
                         "and not sticky, so anyone could swap the documents; use a folder only "
                         "you can write to", dir);
            else
                snprintf(err, errlen, "refusing to write into '%s': a folder above it, '%s', is "
                         "writable by every user and not sticky, so anyone could swap the "
                         "documents; use a folder only you can write to", dir, real);
            return -1;
        }
        char *slash = strrchr(real, '/');
        if (!slash || slash == real) break;
        *slash = '\0';
    }
    if (stat("/", &st) == 0 && open_to_all(&st)) {
        snprintf(err, errlen, "refusing to write into '%s': '/' is writable by every user", dir);
        return -1;
    }
    return 0;
}

int outdir_check(const char *dir, char *err, size_t errlen) {
    struct stat st;
    if (lstat(dir, &st) != 0) {
        snprintf(err, errlen, "cannot write into '%s': %s", dir, strerror(errno));
        return -1;
    }
    if (S_ISLNK(st.st_mode)) {
        snprintf(err, errlen, "refusing to write into '%s': it is a symbolic link (another user "
                 "may have put it there); name the folder itself", dir);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "cannot write into '%s': it is not a folder", dir);
        return -1;
    }
    if (st.st_uid != geteuid() && st.st_uid != 0) {
        snprintf(err, errlen, "refusing to write into '%s': it belongs to another user (uid %lu)",
                 dir, (unsigned long)st.st_uid);
        return -1;
    }
    return open_above(dir, dir, err, errlen);
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
            int open = open_above(dir, parent, err, errlen);
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
