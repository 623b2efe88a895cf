/* image.c — PNG files checked from their header before decoding; see
 * image.h. */
#include "figures/image.h"
#include "base/arena.h"
#include "base/inputs.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A PNG file in memory. */
typedef struct {
    unsigned char *bytes;
    size_t len, pos;
} Png;

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reads the regular file at path (at most IMAGE_MAX_BYTES) and checks its
 * signature and IHDR. Returns 0 with the bytes in png (the caller frees
 * them), or -1 with a message. */
static int read_png(const char *path, Png *png, int *width, int *height, char *err, size_t errlen) {
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s", errno == ENOENT ? "does not exist" : strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s", S_ISDIR(st.st_mode) ? "is a directory" : "is not a regular file");
        close(fd);
        return -1;
    }
    if ((unsigned long long)st.st_size > IMAGE_MAX_BYTES) {
        snprintf(err, errlen, "is larger than the limit of %u MiB for an image",
                 IMAGE_MAX_BYTES / (1024 * 1024));
        close(fd);
        return -1;
    }
    size_t cap = (size_t)st.st_size, len = 0;
    unsigned char *buf = xmalloc(cap);
    while (len < cap) {
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        len += (size_t)n;
    }
    close(fd);
    inputs_note(&st, path);
    /* signature, then the IHDR chunk: length 13, "IHDR", width, height */
    static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    if (len < 24 || memcmp(buf, signature, 8) || be32(buf + 8) != 13 || memcmp(buf + 12, "IHDR", 4)) {
        snprintf(err, errlen, "is not a PNG image");
        free(buf);
        return -1;
    }
    uint32_t w = be32(buf + 16), h = be32(buf + 20);
    if (w == 0 || h == 0) {
        snprintf(err, errlen, "is not a PNG image (it says it is %u x %u pixels)", w, h);
        free(buf);
        return -1;
    }
    if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
        snprintf(err, errlen, "is %u x %u pixels; an image may be at most %d x %d pixels",
                 w, h, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
        free(buf);
        return -1;
    }
    *png = (Png){ buf, len, 0 };
    *width = (int)w;
    *height = (int)h;
    return 0;
}

int image_check_png(const char *path, int *width, int *height, char *err, size_t errlen) {
    Png png;
    if (read_png(path, &png, width, height, err, errlen) != 0) return -1;
    free(png.bytes);
    return 0;
}

static cairo_status_t read_memory(void *closure, unsigned char *data, unsigned int len) {
    Png *png = closure;
    if (len > png->len - png->pos) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, png->bytes + png->pos, len);
    png->pos += len;
    return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *image_load_png(const char *path, char *err, size_t errlen) {
    Png png;
    int w, h;
    if (read_png(path, &png, &w, &h, err, errlen) != 0) return NULL;
    cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_memory, &png);
    free(png.bytes);
    cairo_status_t st = cairo_surface_status(img);
    if (st != CAIRO_STATUS_SUCCESS) {
        /* cairo says "out of memory" for any error libpng reports, so a
         * damaged file is told as such (its size was checked above) */
        snprintf(err, errlen, "is not a readable PNG image (its data is damaged or cut short)");
        cairo_surface_destroy(img);
        return NULL;
    }
    return img;
}
