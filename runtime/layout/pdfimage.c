/* pdfimage: an image's PDF object made once a run; see pdfimage.h. The
 * colours and the soft mask are made as cairo 1.16's
 * _cairo_pdf_surface_emit_image and _cairo_pdf_surface_emit_smask make
 * them (with _cairo_image_compute_color and _transparency), so the pages
 * are the same to the pixel. */
#include "layout/pdfimage.h"
#include "base/messages.h"

#include "base/arena.h"
#include "base/png.h"
#include "figures/image.h"
#include "layout/imagecache.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define TOKEN "formc image "

/* An image's objects, kept with the image (cairo user data). */
typedef struct {
    ImageParts parts;        /* its colours and soft mask, compressed */
    char token[80];          /* the stand-in's CCITT data */
    char params[48];         /* and parameters: the image's size */
} Objects;

static const cairo_user_data_key_t objects_key;

static void free_objects(void *p) {
    Objects *o = p;
    imagecache_free(&o->parts);
    free(o);
}

/* A pixel's colour as cairo writes it: alpha divided out, rounded. */
static void rgb_of(uint32_t p, int argb, int *r, int *g, int *b) {
    *r = (int)(p >> 16 & 0xff);
    *g = (int)(p >> 8 & 0xff);
    *b = (int)(p & 0xff);
    if (!argb) return;
    int a = (int)(p >> 24);
    if (a == 0) {
        *r = *g = *b = 0;
    } else {
        *r = (*r * 255 + a / 2) / a;
        *g = (*g * 255 + a / 2) / a;
        *b = (*b * 255 + a / 2) / a;
    }
}

static uint32_t pixel(const unsigned char *data, int stride, int x, int y) {
    uint32_t p;
    memcpy(&p, data + (size_t)y * (size_t)stride + (size_t)x * 4, 4);
    return p;
}

/* zlib data of in[0, n) (malloc'd), or NULL. */
static unsigned char *deflated(const unsigned char *in, size_t n, size_t *out) {
    uLongf cap = compressBound((uLong)n);
    unsigned char *buf = xmalloc(cap);
    if (compress2(buf, &cap, in, (uLong)n, PDF_DEFLATE_LEVEL) != Z_OK) {
        free(buf);
        return NULL;
    }
    *out = cap;
    return buf;
}

/* The dictionary of an image (without its /SMask) in out. */
static void image_dict(char *out, size_t outlen, int w, int h, const char *space, int bits) {
    snprintf(out, outlen,
             "<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s"
             " /Interpolate true /BitsPerComponent %d /Filter /FlateDecode >>",
             w, h, space, bits);
}

/* Appends a pixel's bit to a row of bits, as cairo packs them. */
static void put_bit(unsigned char *bits, size_t *i, int *bit, int on) {
    if (*bit == 7) bits[*i] = 0;
    if (on) bits[*i] |= (unsigned char)(1 << *bit);
    if (--*bit < 0) {
        *bit = 7;
        ++*i;
    }
}

/* The parts of image's objects into *out; 0, or -1 when they cannot be
 * made. */
static int make_parts(cairo_surface_t *image, ImageParts *out) {
    memset(out, 0, sizeof *out);
    cairo_format_t format = cairo_image_surface_get_format(image);
    if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24) return -1;
    int argb = format == CAIRO_FORMAT_ARGB32;
    int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
    int stride = cairo_image_surface_get_stride(image);
    cairo_surface_flush(image);
    const unsigned char *data = cairo_image_surface_get_data(image);
    if (!data || w <= 0 || h <= 0) return -1;
    /* colour, grey or black and white; opaque, clear or opaque, or not */
    ImageColors color = IMAGE_MONO;
    int clear = 0, partial = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t p = pixel(data, stride, x, y);
            int r, g, b, a = argb ? (int)(p >> 24) : 255;
            rgb_of(p, argb, &r, &g, &b);
            if (!(r == g && g == b)) color = IMAGE_RGB;
            else if (color == IMAGE_MONO && r > 0 && r < 255) color = IMAGE_GRAY;
            if (a == 0) clear = 1;
            else if (a < 255) partial = 1;
        }
    size_t row_bits = (size_t)(w + 7) / 8;
    size_t ncolors = color == IMAGE_RGB ? (size_t)w * h * 3
                   : color == IMAGE_GRAY ? (size_t)w * h : row_bits * (size_t)h;
    unsigned char *colors = xmalloc(ncolors), *mask = NULL;
    int masked = argb && (clear || partial);
    size_t nmask = partial ? (size_t)w * h : row_bits * (size_t)h, i = 0, k = 0;
    if (masked) mask = xmalloc(nmask);
    for (int y = 0; y < h; y++) {
        int bit = 7, mbit = 7;
        for (int x = 0; x < w; x++) {
            uint32_t p = pixel(data, stride, x, y);
            int r, g, b;
            rgb_of(p, argb, &r, &g, &b);
            if (color == IMAGE_RGB) {
                colors[i++] = (unsigned char)r;
                colors[i++] = (unsigned char)g;
                colors[i++] = (unsigned char)b;
            } else if (color == IMAGE_GRAY) {
                colors[i++] = (unsigned char)r;
            } else {
                put_bit(colors, &i, &bit, r != 0);
            }
            if (!masked) continue;
            int a = (int)(p >> 24);
            if (partial) mask[k++] = (unsigned char)a;
            else put_bit(mask, &k, &mbit, a != 0);
        }
        if (bit != 7) i++;
        if (mbit != 7) k++;
    }
    out->colors = deflated(colors, ncolors, &out->ncolors);
    if (masked) out->mask = deflated(mask, nmask, &out->nmask);
    free(colors);
    free(mask);
    if (!out->colors || (masked && !out->mask)) {
        imagecache_free(out);
        return -1;
    }
    out->width = w;
    out->height = h;
    out->argb = argb;
    out->colors_kind = color;
    out->mask_bits = masked ? (partial ? 8 : 1) : 0;
    /* the stand-in names the image by its pixels, so that no other image
     * of the same size could be taken for it */
    uint64_t hash = 14695981039346656037u;
    for (int y = 0; y < h; y++)
        for (size_t b = 0; b < (size_t)w * 4; b++)
            hash = (hash ^ data[(size_t)y * (size_t)stride + b]) * 1099511628211u;
    out->hash = hash;
    return 0;
}

/* Gives image the objects of parts (taken over) and its stand-in; 0, or
 * -1 (parts freed) when cairo cannot keep them. */
static int attach(cairo_surface_t *image, ImageParts *parts) {
    Objects *o = xcalloc(1, sizeof *o);
    o->parts = *parts;
    memset(parts, 0, sizeof *parts);
    snprintf(o->token, sizeof o->token, TOKEN "%dx%d %016llx", o->parts.width, o->parts.height,
             (unsigned long long)o->parts.hash);
    snprintf(o->params, sizeof o->params, "Columns=%d Rows=%d", o->parts.width, o->parts.height);
    if (cairo_surface_set_user_data(image, &objects_key, o, free_objects) != CAIRO_STATUS_SUCCESS) {
        free_objects(o);
        return -1;
    }
    cairo_surface_set_mime_data(image, CAIRO_MIME_TYPE_CCITT_FAX_PARAMS,
                                (const unsigned char *)o->params, strlen(o->params), NULL, NULL);
    cairo_surface_set_mime_data(image, CAIRO_MIME_TYPE_CCITT_FAX,
                                (const unsigned char *)o->token, strlen(o->token), NULL, NULL);
    return 0;
}

void pdfimage_prepare(cairo_surface_t *image) {
    ImageParts parts;
    if (cairo_surface_get_type(image) != CAIRO_SURFACE_TYPE_IMAGE ||
        cairo_surface_get_user_data(image, &objects_key) || make_parts(image, &parts) != 0)
        return;              /* made before; or cairo writes the pixels itself */
    attach(image, &parts);
}

cairo_surface_t *pdfimage_load(const char *path, char *err, size_t errlen) {
    /* kept for the run, else cached between runs, else decoded */
    Arena a = { 0 };
    size_t len;
    int w, h;
    unsigned char *png = png_read(&a, path, &len, &w, &h, err, errlen);
    cairo_surface_t *img = png ? image_find_kept(png, len) : NULL;
    ImageParts parts;
    if (png && !img && imagecache_read(png, len, w, h, &parts) == 0) {
        /* a stand-in of the image's size: a PDF surface writes the token
         * for it, never its pixels, which are left blank */
        img = cairo_image_surface_create(parts.argb ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                         w, h);
        int made = cairo_surface_status(img) == CAIRO_STATUS_SUCCESS;
        if (!made) imagecache_free(&parts);
        if (made && attach(img, &parts) == 0) {
            image_keep(png, len, img);
        } else {
            cairo_surface_destroy(img);
            img = NULL;
        }
    }
    if (png && !img && (img = image_decode_png(png, len, err, errlen))) {
        pdfimage_prepare(img);
        const Objects *o = cairo_surface_get_user_data(img, &objects_key);
        if (o) imagecache_write(png, len, &o->parts);
        image_keep(png, len, img);
    }
    arena_free(&a);
    return img;
}

int pdfimage_put(PdfDoc *d, cairo_surface_t *const *images, int n, char *err,
                 size_t errlen) {
    for (int num = 1; num < d->nobjs; num++) {
        PdfObject *obj = d->objs[num];
        if (!obj || !obj->present || !obj->stream) continue;
        PdfValue *filter = pdf_get_direct(&obj->value, "/Filter");
        if (!filter || !pdf_is_name(filter, "/CCITTFaxDecode") || obj->len < strlen(TOKEN))
            continue;
        unsigned char *owned;
        const unsigned char *data = pdf_stream_raw(d, obj, &owned);
        const Objects *o = NULL;
        if (data && !memcmp(data, TOKEN, strlen(TOKEN))) {
            for (int i = 0; i < n && !o; i++) {
                const Objects *c = cairo_surface_get_user_data(images[i], &objects_key);
                if (c && obj->len == strlen(c->token) && !memcmp(data, c->token, obj->len)) o = c;
            }
        } else if (data) {
            free(owned);
            continue;                   /* a CCITT image of another kind */
        }
        free(owned);
        if (!o) {
            snprintf(err, errlen, diag_tr("an image of the document could not be written"));
            return -1;
        }
        const ImageParts *p = &o->parts;
        char text[200];
        image_dict(text, sizeof text, p->width, p->height,
                   p->colors_kind == IMAGE_RGB ? "/DeviceRGB" : "/DeviceGray",
                   p->colors_kind == IMAGE_MONO ? 1 : 8);
        PdfValue dict = pdf_parse(d, text);
        if (p->mask) {
            image_dict(text, sizeof text, p->width, p->height, "/DeviceGray", p->mask_bits);
            int m = pdf_add_stream(d, pdf_parse(d, text), p->mask, p->nmask, 0);
            obj = d->objs[num];              /* adding may have moved the table */
            pdf_set(d, &dict, "/SMask", pdf_ref(m));
        }
        unsigned char *colors = arena_alloc(&d->arena, p->ncolors);
        memcpy(colors, p->colors, p->ncolors);
        obj->value = dict;
        obj->data = colors;
        obj->len = p->ncolors;
        obj->as_is = 0;
    }
    return 0;
}
