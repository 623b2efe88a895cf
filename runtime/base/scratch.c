/* scratch: temporary files without a name; see scratch.h. */
#define _GNU_SOURCE                 /* O_TMPFILE */
#include "base/scratch.h"
#include "base/messages.h"

#include "base/arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ScratchFile {
    int fd;
    int errnum;                 /* the first error, 0 while all is well */
    size_t size;                /* bytes written, buffered ones too */
    size_t used;                /* bytes waiting in buf */
    unsigned char buf[65536];
};

/* An unnamed file in dir: O_TMPFILE where the file system has it, else
 * a named one unlinked at once. -1 with errno set. */
static int unnamed_file(const char *dir) {
    int fd;
#ifdef O_TMPFILE
    fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return fd;
#endif
    size_t n = strlen(dir) + 32;
    char *path = xmalloc(n);
    snprintf(path, n, "%s/.formc-scratch.XXXXXX", dir);
    fd = mkstemp(path);
    if (fd >= 0) {
        unlink(path);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    int keep = errno;
    free(path);
    errno = keep;
    return fd;
}

ScratchFile *scratch_open(const char *dir, char *err, size_t errlen) {
    if (!dir) {
        dir = getenv("TMPDIR");
        if (!dir || !*dir) dir = "/tmp";
    }
    int fd = unnamed_file(dir);
    if (fd < 0) {
        snprintf(err, errlen, diag_tr("cannot make a temporary file in '%s': %s"), dir, diag_tr(strerror(errno)));
        return NULL;
    }
    ScratchFile *f = xmalloc(sizeof *f);
    f->fd = fd;
    f->errnum = 0;
    f->size = f->used = 0;
    return f;
}

/* Writes the buffer out; keeps the first error. */
static void flush(ScratchFile *f) {
    size_t off = 0;
    while (!f->errnum && off < f->used) {
        ssize_t w = write(f->fd, f->buf + off, f->used - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) f->errnum = w < 0 ? errno : EIO;
        else off += (size_t)w;
    }
    f->used = 0;
}

int scratch_write(ScratchFile *f, const void *buf, size_t n) {
    if (n <= sizeof f->buf - f->used) {        /* most writes: a few bytes */
        memcpy(f->buf + f->used, buf, n);
        f->used += n;
        f->size += n;
        return f->errnum ? -1 : 0;
    }
    const unsigned char *p = buf;
    while (!f->errnum && n > 0) {
        size_t k = sizeof f->buf - f->used < n ? sizeof f->buf - f->used : n;
        memcpy(f->buf + f->used, p, k);
        f->used += k;
        f->size += k;
        p += k;
        n -= k;
        if (f->used == sizeof f->buf) flush(f);
    }
    return f->errnum ? -1 : 0;
}

int scratch_finish(ScratchFile *f) {
    flush(f);
    return f->errnum;
}

int scratch_fd(const ScratchFile *f) { return f->fd; }

size_t scratch_size(const ScratchFile *f) { return f->size; }

void scratch_close(ScratchFile *f) {
    if (!f) return;
    close(f->fd);
    free(f);
}
