/* cachefile: files kept between runs in the user's cache folder; see
 * cachefile.h. */
#include "base/cachefile.h"
#include "base/arena.h"
#include "base/outdir.h"
#include "base/outfile.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cachefile_path(const char *name, char *out, size_t outlen) {
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/') n = snprintf(out, outlen, "%s/formc/%s", xdg, name);
    else if (home && home[0] == '/') n = snprintf(out, outlen, "%s/.cache/formc/%s", home, name);
    else return -1;
    return n > 0 && (size_t)n < outlen ? 0 : -1;
}

char *cachefile_read(const char *name, size_t max_bytes, size_t *len) {
    char path[4096];
    if (cachefile_path(name, path, sizeof path) != 0) return NULL;
    /* O_NONBLOCK: a named pipe there must not keep formc waiting */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    char *bytes = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
        !(st.st_mode & (S_IWGRP | S_IWOTH)) && st.st_size > 0 &&
        (uintmax_t)st.st_size <= max_bytes) {
        size_t want = (size_t)st.st_size, got = 0;
        bytes = xmalloc(want + 1);
        while (got < want) {
            ssize_t r = read(fd, bytes + got, want - got);
            if (r <= 0) break;
            got += (size_t)r;
        }
        if (got != want) {
            free(bytes);
            bytes = NULL;
        } else {
            bytes[want] = 0;
            *len = want;
        }
    }
    close(fd);
    return bytes;
}

void cachefile_write(const char *name, const void *data, size_t len) {
    char path[4096], err[512];
    if (cachefile_path(name, path, sizeof path) != 0) return;
    /* what is there already is replaced only when formc could have
     * written it: never a link, a pipe, another's file, or one of another
     * mode (outfile.h would warn of it) */
    struct stat st;
    if (lstat(path, &st) == 0 &&
        (!S_ISREG(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 07777) != 0600))
        return;
    char *slash = strrchr(path, '/');
    *slash = 0;
    int dir_ok = outdir_make(path, err, sizeof err) == 0;
    *slash = '/';
    OutFile *f = dir_ok ? outfile_open(path, NULL, err, sizeof err) : NULL;
    if (!f) return;
    outfile_write(f, data, len);
    outfile_commit(f, err, sizeof err);
}


int cachefile_identity(const char *path, char *out, size_t outlen) {
    struct stat st;
    if (stat(path, &st) != 0) return -1;
    int n = snprintf(out, outlen, "%ju %ju %jd %jd %ld %jd %ld",
                     (uintmax_t)st.st_dev, (uintmax_t)st.st_ino, (intmax_t)st.st_size,
                     (intmax_t)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                     (intmax_t)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
    return n > 0 && (size_t)n < outlen ? 0 : -1;
}
