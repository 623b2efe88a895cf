/* png.c — a PNG file read and checked from its header; see png.h. */
#include "base/png.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/arena.h"
#include "base/inputs.h"

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

unsigned char *png_read(const char *path, size_t *len, int *width, int *height, char *err, size_t errlen) {
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s", errno == ENOENT ? "does not exist" : strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s", S_ISDIR(st.st_mode) ? "is a directory" : "is not a regular file");
        close(fd);
        return NULL;
    }
    if ((unsigned long long)st.st_size > IMAGE_MAX_BYTES) {
        snprintf(err, errlen, "is larger than the limit of %u MiB for an image",
                 IMAGE_MAX_BYTES / (1024 * 1024));
        close(fd);
        return NULL;
    }
    size_t cap = (size_t)st.st_size, n = 0;
    unsigned char *buf = xmalloc(cap);
    while (n < cap) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        n += (size_t)got;
    }
    close(fd);
    inputs_note(&st, path);
    /* signature, then the IHDR chunk: length 13, "IHDR", width, height */
    static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    if (n < 24 || memcmp(buf, signature, 8) || be32(buf + 8) != 13 || memcmp(buf + 12, "IHDR", 4)) {
        snprintf(err, errlen, "is not a PNG image");
        free(buf);
        return NULL;
    }
    uint32_t w = be32(buf + 16), h = be32(buf + 20);
    if (w == 0 || h == 0) {
        snprintf(err, errlen, "is not a PNG image (it says it is %u x %u pixels)", w, h);
        free(buf);
        return NULL;
    }
    if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
        snprintf(err, errlen, "is %u x %u pixels; an image may be at most %d x %d pixels",
                 w, h, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
        free(buf);
        return NULL;
    }
    *len = n;
    *width = (int)w;
    *height = (int)h;
    return buf;
}

int png_check(const char *path, int *width, int *height, char *err, size_t errlen) {
    size_t len;
    unsigned char *bytes = png_read(path, &len, width, height, err, errlen);
    free(bytes);
    return bytes ? 0 : -1;
}
