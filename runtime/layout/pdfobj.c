/* pdfobj: looking up, changing, adding and writing the objects of a PDF;
 * see pdfobj.h (pdfread.c reads them). */
#include "layout/pdfobj.h"

#include "base/utf8.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* ---- objects, looking values up and changing them ---- */

PdfObject *pdf_slot(PdfDoc *d, int n) {
    if (n >= d->cap) {
        int cap = d->cap ? d->cap : 256;
        while (cap <= n) cap *= 2;
        d->objs = xrealloc(d->objs, sizeof *d->objs * (size_t)cap);
        memset(d->objs + d->cap, 0, sizeof *d->objs * (size_t)(cap - d->cap));
        d->cap = cap;
    }
    if (n >= d->nobjs) d->nobjs = n + 1;
    if (!d->objs[n]) {
        d->objs[n] = arena_alloc(&d->arena, sizeof *d->objs[n]);
        memset(d->objs[n], 0, sizeof *d->objs[n]);
    }
    return d->objs[n];
}

/* Grows v's items (values for an array, pairs for a dictionary) to hold
 * one more. */
static void grow(PdfDoc *d, PdfValue *v) {
    int per = v->kind == PDF_DICT ? 2 : 1;
    if (v->n < v->cap) return;
    int cap = v->cap ? 2 * v->cap : 8;
    PdfValue *items = arena_alloc(&d->arena, sizeof *items * (size_t)(cap * per));
    if (v->n) memcpy(items, v->items, sizeof *items * (size_t)(v->n * per));
    v->items = items;
    v->cap = cap;
}

PdfObject *pdf_object(PdfDoc *d, const PdfValue *v) {
    if (!v || v->kind != PDF_REF || v->n <= 0 || v->n >= d->nobjs || !d->objs[v->n] ||
        !d->objs[v->n]->present)
        return NULL;
    return d->objs[v->n];
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

/* The inflated bytes of data[0, len), malloc'd; NULL when they are not
 * zlib data. */
static unsigned char *inflated(const unsigned char *data, size_t len, size_t *outlen) {
    z_stream z = { 0 };
    if (inflateInit(&z) != Z_OK) return NULL;
    size_t cap = len * 4 + 1024, n = 0;
    unsigned char *out = xmalloc(cap);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)len;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (n == cap) {
            cap *= 2;
            out = xrealloc(out, cap);
        }
        z.next_out = out + n;
        z.avail_out = (uInt)(cap - n);
        rc = inflate(&z, Z_NO_FLUSH);
        n = cap - z.avail_out;
        if (rc == Z_BUF_ERROR && z.avail_out > 0) break;
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    *outlen = n;
    return out;
}

int pdf_stream_bytes(PdfDoc *d, PdfObject *o, unsigned char **out, size_t *len) {
    PdfValue *filter = pdf_get_direct(&o->value, "/Filter");
    *out = NULL;
    if (filter && !o->packed &&
        (!pdf_is_name(filter, "/FlateDecode") || pdf_get_direct(&o->value, "/DecodeParms")))
        return -1;
    unsigned char *owned;
    const unsigned char *raw = pdf_stream_raw(d, o, &owned);
    if (!raw) return -1;
    if (o->packed || filter) {
        *out = inflated(raw, o->len, len);
    } else if (owned) {
        *out = owned;                    /* read from the file: the caller's now */
        owned = NULL;
        *len = o->len;
    } else {
        *out = xmalloc(o->len + 1);
        memcpy(*out, raw, o->len);
        *len = o->len;
    }
    free(owned);
    return *out ? 0 : -1;
}

/* Takes key out of dict. */
static void unset(PdfValue *dict, const char *key) {
    size_t n = strlen(key);
    for (int i = 0; dict->kind == PDF_DICT && i < dict->n; i++)
        if (name_eq(&dict->items[2 * i], key, n)) {
            memmove(dict->items + 2 * i, dict->items + 2 * i + 2,
                    sizeof *dict->items * (size_t)(2 * (dict->n - i - 1)));
            dict->n--;
            return;
        }
}

void pdf_replace_stream(PdfDoc *d, PdfObject *o, const unsigned char *data, size_t len) {
    uLongf n = compressBound((uLong)len);
    unsigned char *packed = xmalloc(n);
    if (compress2(packed, &n, data, (uLong)len, PDF_DEFLATE_LEVEL) != Z_OK) {
        fputs("formc: out of memory\n", stderr);   /* zlib's only failure here */
        exit(2);
    }
    unsigned char *kept = arena_alloc(&d->arena, n);   /* the arena keeps what it is given */
    memcpy(kept, packed, n);
    free(packed);
    o->data = kept;
    o->len = n;
    o->as_is = 0;
    o->packed = 1;
    unset(&o->value, "/Filter");
    unset(&o->value, "/DecodeParms");
}

/* ---- writing ---- */

/* Bytes written so far: s[0, len), after `handed` bytes handed on. */
typedef struct {
    char *s;
    size_t len, cap;
    size_t handed;
} Bytes;

typedef struct {
    Bytes *out;
    PdfDoc *d;
    int *number;                 /* new number of each old object, 0: not reached */
    int *order;                  /* old numbers in the new order */
    int count;
    int level;
    const char *error;
    PdfWriteFn write;            /* where the file goes, a piece at a time */
    void *closure;
    GChecksum *sum;              /* of what was handed on, for the file's identifier */
    int write_failed;
} Writer;

static void put(Writer *w, const char *s, size_t n) { xappend(&w->out->s, &w->out->len, &w->out->cap, s, n); }
static void puts_(Writer *w, const char *s) { put(w, s, strlen(s)); }

static void putf(Writer *w, const char *fmt, long a, long b) {
    char buf[64];
    int n = snprintf(buf, sizeof buf, fmt, a, b);
    put(w, buf, (size_t)n);
}

/* Gives the objects v refers to their new numbers, in the order reached
 * (breadth first, keys and items in their order). A stream's /Length is
 * written directly, so the object cairo kept it in is not reached. */
static void reach(Writer *w, const PdfValue *v, int stream_dict, int depth) {
    if (depth > PDF_MAX_DEPTH + 2) return;
    if (v->kind == PDF_REF) {
        PdfObject *o = pdf_object(w->d, v);
        if (o && !w->number[v->n]) {
            w->number[v->n] = ++w->count;
            w->order[w->count - 1] = v->n;
        }
        return;
    }
    if (v->kind == PDF_ARRAY)
        for (int i = 0; i < v->n; i++) reach(w, &v->items[i], 0, depth + 1);
    if (v->kind == PDF_DICT)
        for (int i = 0; i < v->n; i++)
            if (!stream_dict || !name_eq(&v->items[2 * i], "/Length", 7))
                reach(w, &v->items[2 * i + 1], 0, depth + 1);
}

/* Writes v, its references renumbered (one to an object not written is
 * null). A stream's dictionary leaves out its length and, when it is to
 * be compressed, its filter. */
static void write_value(Writer *w, const PdfValue *v, int stream_dict, int compress) {
    switch (v->kind) {
    case PDF_NULL: puts_(w, "null"); break;
    case PDF_BOOL: puts_(w, v->n ? "true" : "false"); break;
    case PDF_NUMBER:
    case PDF_NAME:
    case PDF_STRING: put(w, v->text, v->len); break;
    case PDF_REF:
        if (v->n > 0 && v->n < w->d->nobjs && w->number[v->n]) putf(w, "%ld %ld R", w->number[v->n], 0);
        else puts_(w, "null");
        break;
    case PDF_ARRAY:
        puts_(w, "[");
        for (int i = 0; i < v->n; i++) {
            if (i) puts_(w, " ");
            write_value(w, &v->items[i], 0, 0);
        }
        puts_(w, "]");
        break;
    case PDF_DICT:
        puts_(w, "<<");
        for (int i = 0; i < v->n; i++) {
            const PdfValue *k = &v->items[2 * i];
            if (stream_dict && (name_eq(k, "/Length", 7) ||
                                (compress && (name_eq(k, "/Filter", 7) || name_eq(k, "/DecodeParms", 12)))))
                continue;
            write_value(w, k, 0, 0);
            puts_(w, " ");
            write_value(w, &v->items[2 * i + 1], 0, 0);
        }
        puts_(w, ">>");
        break;
    }
}

/* data[0, len) compressed at the writer's level, malloc'd. */
static unsigned char *deflated(Writer *w, const unsigned char *data, size_t len, size_t *outlen) {
    uLongf n = compressBound((uLong)len);
    unsigned char *out = xmalloc(n);
    if (compress2(out, &n, data, (uLong)len, w->level) != Z_OK) {
        free(out);
        w->error = "cannot compress a stream";
        return NULL;
    }
    *outlen = n;
    return out;
}

/* Writes a stream object: its dictionary (with extra, PDF text, added)
 * and data, compressed when compress (or when packed, compressed
 * already). Returns its offset. */
static size_t write_stream(Writer *w, int number, const PdfValue *dict, const char *extra,
                           const unsigned char *data, size_t len, int compress, int packed) {
    size_t at = w->out->handed + w->out->len;
    unsigned char *deflated_data = NULL;
    if (!data) {
        w->error = "cannot read a stream back";
        return at;
    }
    if (compress && !packed) {
        deflated_data = deflated(w, data, len, &len);
        if (!deflated_data) return at;
        data = deflated_data;
    }
    compress |= packed;
    putf(w, "%ld %ld obj\n", number, 0);
    write_value(w, dict, 1, compress);
    w->out->len -= 2;                             /* reopens the dictionary: ">>" */
    if (extra) puts_(w, extra);
    if (compress) puts_(w, "/Filter/FlateDecode");
    putf(w, "/Length %ld>>\nstream\n", (long)len, 0);
    put(w, (const char *)data, len);
    puts_(w, "\nendstream\nendobj\n");
    free(deflated_data);
    return at;
}

/* Hands the file's bytes on once there are `least` of them (0: all), the
 * checksum updated when `sum`. */
static void hand_on(Writer *w, Bytes *file, size_t least, int sum) {
    if (file->len == 0 || file->len < least || w->write_failed) return;
    if (sum) g_checksum_update(w->sum, (const guchar *)file->s, (gssize)file->len);
    if (w->write(w->closure, (const unsigned char *)file->s, file->len) != 0) {
        w->write_failed = 1;
        if (!w->error) w->error = "write error";
    }
    file->handed += file->len;
    file->len = 0;
}

/* The file is handed on in pieces of about this many bytes. */
#define HAND_ON_BYTES (64u << 10)

/* Bytes needed to write v, at least 1. */
static int width_of(size_t v) {
    int n = 1;
    while (v >>= 8) n++;
    return n;
}

/* How many objects go into one object stream. */
#define OBJSTM_MAX 100

int pdf_write_to(PdfDoc *d, int level, PdfWriteFn write, void *closure, char *err,
                 size_t errlen) {
    PdfValue *root = pdf_get_direct(&d->trailer, "/Root"), *info = pdf_get_direct(&d->trailer, "/Info");
    if (!root) {
        snprintf(err, errlen, "cannot write the PDF: it has no catalog");
        return -1;
    }
    Bytes file = { 0 }, head = { 0 }, body = { 0 };
    Writer w = { &file, d, xcalloc((size_t)d->nobjs + 1, sizeof(int)),
                 xcalloc((size_t)d->nobjs + 1, sizeof(int)), 0, level, NULL, write, closure,
                 g_checksum_new(G_CHECKSUM_MD5), 0 };
    reach(&w, &d->trailer, 0, 0);
    for (int k = 0; k < w.count; k++) {
        PdfObject *o = d->objs[w.order[k]];
        reach(&w, &o->value, o->stream, 0);
    }
    int nobj = w.count;
    int nstm = (nobj + OBJSTM_MAX - 1) / OBJSTM_MAX;
    int size = nobj + nstm + 2;                   /* object 0, the objects, their streams, the xref */
    /* per new number: type (1 offset, 2 in an object stream), field 2, field 3 */
    unsigned char *type = xcalloc((size_t)size, 1);
    size_t *f2 = xcalloc((size_t)size, sizeof *f2);
    int *f3 = xcalloc((size_t)size, sizeof *f3);
    puts_(&w, "%PDF-1.7\n%\xBF\xF7\xA2\xFE\n");
    /* streams first, each at the top level */
    for (int k = 0; k < nobj && !w.error; k++) {
        PdfObject *o = d->objs[w.order[k]];
        if (!o->stream) continue;
        int compress = !o->as_is && !o->packed && !pdf_get_direct(&o->value, "/Filter");
        type[k + 1] = 1;
        unsigned char *owned;
        const unsigned char *data = pdf_stream_raw(d, o, &owned);
        f2[k + 1] = write_stream(&w, k + 1, &o->value, NULL, data, o->len, compress, o->packed);
        free(owned);
        hand_on(&w, &file, HAND_ON_BYTES, 1);
    }
    /* every other object, in object streams of up to OBJSTM_MAX */
    int stm = nobj;
    for (int k = 0; k < nobj && !w.error;) {
        int in = 0;
        head.len = body.len = 0;
        for (; k < nobj && in < OBJSTM_MAX; k++) {
            PdfObject *o = d->objs[w.order[k]];
            if (o->stream) continue;
            char num[48];
            int n = snprintf(num, sizeof num, "%d %zu ", k + 1, body.len);
            xappend(&head.s, &head.len, &head.cap, num, (size_t)n);
            w.out = &body;
            write_value(&w, &o->value, 0, 0);
            puts_(&w, "\n");
            type[k + 1] = 2;
            f2[k + 1] = (size_t)(stm + 1);
            f3[k + 1] = in++;
        }
        w.out = &file;
        if (!in) break;
        stm++;
        char extra[96];
        snprintf(extra, sizeof extra, "/Type/ObjStm/N %d/First %zu", in, head.len);
        xappend(&head.s, &head.len, &head.cap, body.s, body.len);
        PdfValue none = { .kind = PDF_DICT };
        type[stm] = 1;
        f2[stm] = write_stream(&w, stm, &none, extra, (const unsigned char *)head.s, head.len, 1, 0);
        hand_on(&w, &file, HAND_ON_BYTES, 1);
    }
    free(head.s);
    free(body.s);
    /* the cross-reference stream, its own entry last */
    int xref = stm + 1;
    size = xref + 1;
    type[xref] = 1;
    f2[xref] = file.handed + file.len;
    hand_on(&w, &file, 0, 1);
    const char *md5 = g_checksum_get_string(w.sum);
    int w2 = width_of(f2[xref]), w3 = width_of(OBJSTM_MAX);
    size_t row = 1 + (size_t)w2 + (size_t)w3;
    unsigned char *table = xcalloc((size_t)size, row);
    for (int k = 1; k < size; k++) {
        unsigned char *e = table + (size_t)k * row;
        e[0] = type[k];
        for (int b = 0; b < w2; b++) e[1 + b] = (unsigned char)(f2[k] >> (8 * (w2 - 1 - b)));
        for (int b = 0; b < w3; b++) e[1 + w2 + b] = (unsigned char)(f3[k] >> (8 * (w3 - 1 - b)));
    }
    GString *extra = g_string_new("");
    g_string_append_printf(extra, "/Type/XRef/Size %d/W[1 %d %d]/ID[<%s><%s>]", size, w2, w3, md5, md5);
    Bytes tr = { 0 };
    w.out = &tr;
    puts_(&w, "/Root ");
    write_value(&w, root, 0, 0);
    if (info) { puts_(&w, "/Info "); write_value(&w, info, 0, 0); }
    w.out = &file;
    if (tr.len) g_string_append_len(extra, tr.s, (gssize)tr.len);
    free(tr.s);
    PdfValue none = { .kind = PDF_DICT };
    if (!w.error) write_stream(&w, xref, &none, extra->str, table, (size_t)size * row, 1, 0);
    putf(&w, "startxref\n%ld\n%%%%EOF\n", (long)f2[xref], 0);
    if (!w.error) hand_on(&w, &file, 0, 0);
    g_string_free(extra, TRUE);
    g_checksum_free(w.sum);
    free(table);
    free(type);
    free(f2);
    free(f3);
    free(w.number);
    free(w.order);
    free(file.s);
    if (w.error) {
        snprintf(err, errlen, "cannot write the PDF: %s", w.error);
        return w.write_failed ? PDF_WRITE_FAILED : -1;
    }
    return 0;
}

static int into_memory(void *closure, const unsigned char *data, size_t len) {
    Bytes *b = closure;
    xappend(&b->s, &b->len, &b->cap, data, len);
    return 0;
}

int pdf_write(PdfDoc *d, int level, unsigned char **out, size_t *outlen, char *err,
              size_t errlen) {
    Bytes b = { 0 };
    *out = NULL;
    *outlen = 0;
    if (pdf_write_to(d, level, into_memory, &b, err, errlen) != 0) {
        free(b.s);
        return -1;
    }
    *out = (unsigned char *)b.s;
    *outlen = b.len;
    return 0;
}
