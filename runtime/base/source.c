/* source.c — loading files and mapping byte offsets to lines and columns. */
#include "base/source.h"
#include "base/messages.h"
#include "base/inputs.h"
#include "base/utf8.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

Source *source_from_bytes(Arena *a, const char *path, const char *bytes, size_t len) {
    Source *s = arena_alloc(a, sizeof *s);
    s->path = arena_strdup(a, path);
    s->dir = path_dir(a, path);
    s->text = arena_strndup(a, bytes, len);
    s->len = (uint32_t)len;
    s->arena = a;
    return s;
}

/* Reads from fd into buf until cap bytes or the end, retrying interrupted
 * reads. Returns the number of bytes read, or -1 with errno set. */
static ssize_t read_up_to(int fd, char *buf, size_t cap) {
    size_t n = 0;
    while (n < cap) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return -1;
        if (got == 0) break;
        n += (size_t)got;
    }
    return (ssize_t)n;
}

/* The message for a file over max bytes. */
static void too_large(char *err, size_t errlen, size_t max, const char *what) {
    snprintf(err, errlen, diag_tr("is larger than the limit of %zu MiB%s"), max / (1024 * 1024), what);
}

char *file_read(Arena *a, const char *path, size_t max, const char *what, size_t *len,
                struct stat *st, char *err, size_t errlen) {
    /* non-blocking, so a named pipe is refused rather than waited on */
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s", errno == ENOENT ? diag_tr("no such file") : diag_tr(strerror(errno)));
        return NULL;
    }
    struct stat own;
    if (!st) st = &own;
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        snprintf(err, errlen, "%s", S_ISDIR(st->st_mode) ? diag_tr("is a directory")
                                                         : diag_tr("is not a regular file"));
        close(fd);
        return NULL;
    }
    if ((unsigned long long)st->st_size > max) {
        too_large(err, errlen, max, what);
        close(fd);
        return NULL;
    }
    /* a file that grows while it is read: what stat said is kept */
    char *buf = arena_alloc(a, (size_t)st->st_size + 1);
    ssize_t n = read_up_to(fd, buf, (size_t)st->st_size);
    close(fd);
    if (n < 0) {
        snprintf(err, errlen, "%s", diag_tr(strerror(errno)));
        return NULL;
    }
    inputs_note_read(st, path, buf, (size_t)n);    /* the very bytes read */
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

Source *source_load(Arena *a, const char *path, char *err, size_t errlen) {
    size_t len;
    struct stat st;
    char *text = file_read(a, path, SOURCE_MAX_BYTES, "", &len, &st, err, errlen);
    if (!text) return NULL;
    Source *s = arena_alloc(a, sizeof *s);
    s->path = arena_strdup(a, path);
    s->dir = path_dir(a, path);
    s->text = text;
    s->len = (uint32_t)len;
    s->dev = st.st_dev;
    s->ino = st.st_ino;
    s->arena = a;
    return s;
}

Source *source_read_fd(Arena *a, const char *path, int fd, char *err, size_t errlen) {
    size_t cap = 65536, len = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        ssize_t got = read_up_to(fd, buf + len, cap - len);
        if (got < 0) {
            snprintf(err, errlen, "%s", diag_tr(strerror(errno)));
            free(buf);
            return NULL;
        }
        len += (size_t)got;
        if (len > SOURCE_MAX_BYTES) {
            too_large(err, errlen, SOURCE_MAX_BYTES, "");
            free(buf);
            return NULL;
        }
        if (len < cap) break;           /* the end */
        buf = xrealloc(buf, cap *= 2);
    }
    Source *s = source_from_bytes(a, path, buf, len);
    free(buf);
    return s;
}

/* Builds the table of line starts, once per source. */
static void build_lines(Source *s) {
    int n = 1;
    for (uint32_t i = 0; i < s->len; i++)
        if (s->text[i] == '\n') n++;
    s->lines = arena_alloc(s->arena, sizeof *s->lines * (size_t)n);
    s->lines[0] = 0;
    int k = 1;
    for (uint32_t i = 0; i < s->len; i++)
        if (s->text[i] == '\n') s->lines[k++] = i + 1;
    s->nlines = n;
}

void source_linecol(Source *s, uint32_t off, int *line, int *col) {
    if (!s->lines) build_lines(s);
    if (off > s->len) off = s->len;
    int lo = 0, hi = s->nlines - 1;
    while (lo < hi) {               /* last line start <= off */
        int mid = (lo + hi + 1) / 2;
        if (s->lines[mid] <= off) lo = mid;
        else hi = mid - 1;
    }
    int c = 1;
    uint32_t i = s->lines[lo];
    if (s->memo_line == lo + 1 && s->memo_off <= off) {   /* go on from the last one */
        i = s->memo_off;
        c = s->memo_col;
    }
    for (; i < off; c++)
        i += (uint32_t)utf8_step(s->text, i, s->len);
    *line = lo + 1;
    *col = c;
    s->memo_off = i;
    s->memo_line = lo + 1;
    s->memo_col = c;
}

const char *source_line(Source *s, int line, size_t *len) {
    if (!s->lines) build_lines(s);
    if (line < 1 || line > s->nlines) { *len = 0; return ""; }
    uint32_t start = s->lines[line - 1];
    uint32_t end = line < s->nlines ? s->lines[line] - 1 : s->len;
    if (end > start && s->text[end - 1] == '\r') end--;
    *len = end - start;
    return s->text + start;
}

char *path_join(Arena *a, const char *dir, const char *path) {
    if (path[0] == '/' || !dir || !*dir || strcmp(dir, ".") == 0)
        return arena_strdup(a, path);
    return arena_printf(a, "%s/%s", dir, path);
}

char *path_dir(Arena *a, const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return arena_strdup(a, ".");
    if (slash == path) return arena_strdup(a, "/");
    return arena_strndup(a, path, (size_t)(slash - path));
}
