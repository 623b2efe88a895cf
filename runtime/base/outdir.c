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

/* The rule of outdir.h for a folder itself, st as lstat() gives it: 0,
 * or -1 with why in err after "refusing to ACT 'dir': " and, for a folder
 * inside dir, "its folder 'sub' ". */
static int folder_rule(const struct stat *st, const char *dir, const char *sub, Use u,
                       char *err, size_t errlen) {
    char what[PATH_MAX + 32] = "it";
    if (sub) snprintf(what, sizeof what, "its folder '%s'", sub);
    if (S_ISLNK(st->st_mode)) {
        snprintf(err, errlen, "refusing to %s '%s': %s is a symbolic link (another user "
                 "may have put it there); name the folder itself", u.act, dir, what);
        return -1;
    }
    if (!S_ISDIR(st->st_mode)) {
        snprintf(err, errlen, "cannot %s '%s': it is not a folder", u.act, dir);
        return -1;
    }
    if (st->st_uid != geteuid() && st->st_uid != 0) {
        snprintf(err, errlen, "refusing to %s '%s': %s belongs to another user (uid %lu)%s",
                 u.act, dir, what, (unsigned long)st->st_uid, sub ? ", who could change what the documents say" : "");
        return -1;
    }
    if (sub && open_to_all(st)) {         /* dir itself and above: open_above */
        snprintf(err, errlen, "refusing to %s '%s': %s is writable by every user and not "
                 "sticky, so anyone could %s; use a folder only you can write to",
                 u.act, dir, what, u.risk);
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
    if (folder_rule(&st, dir, NULL, u, err, errlen) != 0) return -1;
    return open_above(dir, dir, u, err, errlen);
}

int outdir_check(const char *dir, char *err, size_t errlen) {
    return check_folder(dir, WRITING, err, errlen);
}

/* The files and folders in the folder open as fd (dir's folder rel, or dir
 * itself when rel is NULL), and in its folders, held to the rule of
 * outdir_check_templates; fd is closed. 0, or -1 with why in err. */
static int check_template_tree(const char *dir, int fd, const char *rel, char *err, size_t errlen) {
    DIR *d = fdopendir(fd);
    if (!d) {
        snprintf(err, errlen, "cannot read templates from '%s': %s", dir, strerror(errno));
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
            rc = folder_rule(&st, dir, name, TEMPLATES, err, errlen);
            int sub = rc == 0 ? openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
            if (rc == 0 && sub < 0) {
                snprintf(err, errlen, "cannot read templates from '%s': its folder '%s': %s", dir, name,
                         strerror(errno));
                rc = -1;
            }
            if (rc == 0) rc = check_template_tree(dir, sub, name, err, errlen);
        } else if (st.st_uid != geteuid() && st.st_uid != 0) {
            snprintf(err, errlen, "refusing to read templates from '%s': its file '%s' belongs to "
                     "another user (uid %lu), who could change what the documents say",
                     dir, name, (unsigned long)st.st_uid);
            rc = -1;
        } else if (st.st_mode & S_IWOTH) {
            snprintf(err, errlen, "refusing to read templates from '%s': its file '%s' is writable "
                     "by every user, so anyone could change what the documents say; make it "
                     "yours alone (chmod o-w)", dir, name);
            rc = -1;
        }
        free(name);
    }
    closedir(d);
    return rc;
}

int outdir_check_templates(const char *dir, char *err, size_t errlen) {
    if (check_folder(dir, TEMPLATES, err, errlen) != 0) return -1;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot read templates from '%s': %s", dir, strerror(errno));
        return -1;
    }
    return check_template_tree(dir, fd, NULL, err, errlen);
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
