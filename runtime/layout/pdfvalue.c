/* pdfvalue: the objects and values of a PDF in memory: looking them up,
 * changing and adding them; see pdfvalue.h. */
#include "layout/pdfvalue.h"

#include "base/utf8.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- objects, looking values up and changing them ---- */

/* Room in d's table for object n. */
static void make_room(PdfDoc *d, int n) {
    if (n >= d->cap) {
        int cap = d->cap ? d->cap : 256;
        while (cap <= n) cap *= 2;
        d->objs = xrealloc(d->objs, sizeof *d->objs * (size_t)cap);
        memset(d->objs + d->cap, 0, sizeof *d->objs * (size_t)(cap - d->cap));
        d->cap = cap;
    }
    if (n >= d->nobjs) d->nobjs = n + 1;
}

PdfObject *pdf_slot(PdfDoc *d, int n) {
    make_room(d, n);
    if (!d->objs[n]) {
        d->objs[n] = arena_alloc(&d->arena, sizeof *d->objs[n]);
        memset(d->objs[n], 0, sizeof *d->objs[n]);
    }
    return d->objs[n];
}

void pdf_leave(PdfDoc *d, int n, size_t at, size_t len, int count) {
    if (!d->left) {
        d->left = xcalloc((size_t)count, sizeof *d->left);
        d->nleft = count;
    }
    if (n <= 0 || n >= d->nleft) return;
    make_room(d, n);
    d->left[n] = (PdfLeft){ (uint32_t)at, (uint32_t)len };
}

/* Whether object n is left in the file and not read again. */
static int left_there(const PdfDoc *d, int n) {
    return n < d->nleft && d->left[n].len && !d->objs[n];
}

/* Gives v's items (values for an array, pairs for a dictionary) room for
 * one more: a copy one longer, the old one left in the arena. */
static void grow(PdfDoc *d, PdfValue *v) {
    int per = v->kind == PDF_DICT ? 2 : 1;
    PdfValue *items = arena_alloc(&d->arena, sizeof *items * (size_t)((v->n + 1) * per));
    if (v->n) memcpy(items, v->items, sizeof *items * (size_t)(v->n * per));
    v->items = items;
}

int pdf_exists(const PdfDoc *d, const PdfValue *v) {
    return v && v->kind == PDF_REF && v->n > 0 && v->n < d->nobjs &&
           ((d->objs[v->n] && d->objs[v->n]->present) || left_there(d, v->n));
}

PdfObject *pdf_object(PdfDoc *d, const PdfValue *v) {
    if (!pdf_exists(d, v)) return NULL;
    if (left_there(d, v->n) && (!d->reload || d->reload(d, v->n) != 0)) return NULL;
    return d->objs[v->n];
}

void pdf_let_go(PdfDoc *d, int n) {
    PdfObject *o = n > 0 && n < d->nobjs ? d->objs[n] : NULL;
    if (!o || !o->loaded) return;
    free(o->own);
    free(o);
    d->objs[n] = NULL;
}

PdfValue *pdf_resolve(PdfDoc *d, PdfValue *v) {
    if (!v || v->kind != PDF_REF) return v;
    PdfObject *o = pdf_object(d, v);
    return o ? &o->value : NULL;
}

static int name_eq(const PdfValue *v, const char *name, size_t n) {
    return v->kind == PDF_NAME && v->len == n && !memcmp(v->text, name, n);
}

int pdf_is_name(const PdfValue *v, const char *name) {
    return v && name_eq(v, name, strlen(name));
}

PdfValue *pdf_get_direct(PdfValue *dict, const char *key) {
    if (!dict || dict->kind != PDF_DICT) return NULL;
    size_t n = strlen(key);
    for (int i = 0; i < dict->n; i++)
        if (name_eq(&dict->items[2 * i], key, n)) return &dict->items[2 * i + 1];
    return NULL;
}

PdfValue *pdf_get(PdfDoc *d, PdfValue *dict, const char *key) {
    return pdf_resolve(d, pdf_get_direct(dict, key));
}

void pdf_set(PdfDoc *d, PdfValue *dict, const char *key, PdfValue value) {
    if (!dict || dict->kind != PDF_DICT) return;
    PdfValue *old = pdf_get_direct(dict, key);
    if (old) {
        *old = value;
        return;
    }
    grow(d, dict);
    dict->items[2 * dict->n] = pdf_name(d, key);
    dict->items[2 * dict->n + 1] = value;
    dict->n++;
}

void pdf_unset(PdfValue *dict, const char *key) {
    size_t n = strlen(key);
    for (int i = 0; dict->kind == PDF_DICT && i < dict->n; i++)
        if (name_eq(&dict->items[2 * i], key, n)) {
            memmove(dict->items + 2 * i, dict->items + 2 * i + 2,
                    sizeof *dict->items * (size_t)(2 * (dict->n - i - 1)));
            dict->n--;
            return;
        }
}

void pdf_remove(PdfValue *array, int i) {
    if (!array || array->kind != PDF_ARRAY || i < 0 || i >= array->n) return;
    memmove(array->items + i, array->items + i + 1, sizeof *array->items * (size_t)(array->n - i - 1));
    array->n--;
}

int pdf_int(const PdfValue *v, long *out) {
    if (!v || v->kind != PDF_NUMBER || v->len == 0 || v->len > 10) return 0;
    long x = 0;
    size_t i = v->text[0] == '-' || v->text[0] == '+';
    if (i == v->len) return 0;
    for (; i < v->len; i++) {
        if (v->text[i] < '0' || v->text[i] > '9') return 0;
        x = x * 10 + (v->text[i] - '0');
    }
    *out = v->text[0] == '-' ? -x : x;
    return 1;
}

PdfValue pdf_null(void) { return (PdfValue){ .kind = PDF_NULL }; }

PdfValue pdf_ref(int number) { return (PdfValue){ .kind = PDF_REF, .n = number }; }

PdfValue pdf_name(PdfDoc *d, const char *name) {
    return (PdfValue){ .kind = PDF_NAME, .text = arena_strdup(&d->arena, name), .len = strlen(name) };
}

PdfValue pdf_bytes(PdfDoc *d, const char *s) {
    GString *g = g_string_new("(");
    for (; *s; s++) {
        if (*s == '\r') {                /* a reader would take it for a newline */
            g_string_append(g, "\\r");
            continue;
        }
        if (*s == '(' || *s == ')' || *s == '\\') g_string_append_c(g, '\\');
        g_string_append_c(g, *s);
    }
    g_string_append_c(g, ')');
    PdfValue v = { .kind = PDF_STRING, .text = arena_strndup(&d->arena, g->str, g->len), .len = g->len };
    g_string_free(g, TRUE);
    return v;
}

/* The PDFDocEncoding byte of character c (the encoding a text string
 * without a byte-order mark is read in: Latin-1 with typographic signs in
 * 0x18-0x1F and 0x80-0xA0), or 0 when it has none. */
static unsigned char pdfdoc_byte(uint32_t c) {
    static const uint16_t high[] = {          /* 0x80 ... 0xA0 */
        0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
        0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
        0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0, 0x20AC,
    };
    static const uint16_t low[] = { 0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC };
    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7F)) return (unsigned char)c;
    if (c >= 0xA1 && c <= 0xFF && c != 0xAD) return (unsigned char)c;
    for (int i = 0; i < 8; i++)
        if (low[i] == c) return (unsigned char)(0x18 + i);
    for (int i = 0; i < 33; i++)
        if (high[i] && high[i] == c) return (unsigned char)(0x80 + i);
    return 0;
}

PdfValue pdf_text(PdfDoc *d, const char *utf8) {
    /* in PDFDocEncoding when every character has a byte there */
    size_t n = strlen(utf8);
    char *bytes = xmalloc(n + 1), *b = bytes;
    for (size_t i = 0; i < n && b;) {
        uint32_t c;
        i += (size_t)utf8_decode(utf8 + i, n - i, &c);
        unsigned char byte = pdfdoc_byte(c);
        if (byte) *b++ = (char)byte;
        else b = NULL;
    }
    /* bytes that start like a byte-order mark would be read as UTF-16BE
     * (FE FF) or UTF-8 (EF BB BF): such a text ("þÿ...") goes as UTF-16 */
    if (b && ((b - bytes >= 2 && !memcmp(bytes, "\xFE\xFF", 2)) ||
              (b - bytes >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))))
        b = NULL;
    if (b) {
        *b = '\0';
        PdfValue v = pdf_bytes(d, bytes);
        free(bytes);
        return v;
    }
    free(bytes);
    /* UTF-16BE with its byte-order mark, in hexadecimal */
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 5;
    char *t = arena_alloc(&d->arena, 8 * n + 8);     /* at most 8 digits a character */
    memcpy(t, "<FEFF", 5);
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += (size_t)utf8_decode(utf8 + i, n - i, &c);
        uint32_t units[2] = { c, 0 };
        int k = 1;
        if (c >= 0x10000) {
            units[0] = 0xD800 + ((c - 0x10000) >> 10);
            units[1] = 0xDC00 + ((c - 0x10000) & 0x3FF);
            k = 2;
        }
        for (int u = 0; u < k; u++)
            for (int shift = 12; shift >= 0; shift -= 4) t[o++] = hex[(units[u] >> shift) & 0xF];
    }
    t[o++] = '>';
    return (PdfValue){ .kind = PDF_STRING, .text = t, .len = o };
}


int pdf_add(PdfDoc *d, PdfValue value) {
    int n = d->nobjs ? d->nobjs : 1;
    PdfObject *o = pdf_slot(d, n);
    memset(o, 0, sizeof *o);
    o->present = 1;
    o->value = value;
    return n;
}

int pdf_add_stream(PdfDoc *d, PdfValue dict, const unsigned char *data, size_t len, int compress) {
    int n = pdf_add(d, dict);
    PdfObject *o = d->objs[n];
    o->stream = 1;
    unsigned char *copy = arena_alloc(&d->arena, len + 1);
    memcpy(copy, data, len);
    o->data = copy;
    o->len = len;
    o->as_is = !compress;
    return n;
}
