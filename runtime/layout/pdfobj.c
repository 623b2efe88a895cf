/* pdfobj: a stream's bytes decoded and replaced, and the objects of a
 * PDF written as a new file; see pdfobj.h (pdfvalue.c holds the values,
 * pdfread.c reads them). */
#include "layout/pdfobj.h"
#include "base/messages.h"

#include <errno.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

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

/* Writes stream o's new bytes data[0, len) at the end of the file d was
 * read from, o's bytes from now on (read back when written: a long
 * document's pages are not held rewritten, some 2 KB a page): 1, or 0
 * when d was read from memory or the file cannot take them. */
static int keep_in_file(PdfDoc *d, PdfObject *o, const unsigned char *data, size_t len) {
    if (d->src.mem || d->src.fd < 0 || d->src.len + len > UINT32_MAX) return 0;
    for (size_t put = 0; put < len;) {
        ssize_t k = pwrite(d->src.fd, data + put, len - put, (off_t)(d->src.len + put));
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return 0;
        put += (size_t)k;
    }
    o->data = NULL;
    o->at = d->src.len;
    o->len = len;
    d->src.len += len;
    return 1;
}

void pdf_replace_stream(PdfDoc *d, PdfObject *o, const unsigned char *data, size_t len) {
    uLongf n = compressBound((uLong)len);
    unsigned char *packed = xmalloc(n);
    if (compress2(packed, &n, data, (uLong)len, PDF_DEFLATE_LEVEL) != Z_OK) {
        fputs(diag_tr("formc: out of memory\n"), stderr);   /* zlib's only failure here */
        exit(2);
    }
    if (!keep_in_file(d, o, packed, n)) {
        unsigned char *kept = arena_alloc(&d->arena, n);   /* the arena keeps what it is given */
        memcpy(kept, packed, n);
        o->data = kept;
        o->len = n;
    }
    free(packed);
    o->as_is = 0;
    o->packed = 1;
    pdf_unset(&o->value, "/Filter");
    pdf_unset(&o->value, "/DecodeParms");
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
        if (pdf_exists(w->d, v) && !w->number[v->n]) {
            w->number[v->n] = ++w->count;
            w->order[w->count - 1] = v->n;
        }
        return;
    }
    if (v->kind == PDF_ARRAY)
        for (int i = 0; i < v->n; i++) reach(w, &v->items[i], 0, depth + 1);
    if (v->kind == PDF_DICT)
        for (int i = 0; i < v->n; i++)
            if (!stream_dict || !pdf_is_name(&v->items[2 * i], "/Length"))
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
            if (stream_dict && (pdf_is_name(k, "/Length") ||
                                (compress && (pdf_is_name(k, "/Filter") || pdf_is_name(k, "/DecodeParms")))))
                continue;
            write_value(w, k, 0, 0);
            puts_(w, " ");
            write_value(w, &v->items[2 * i + 1], 0, 0);
        }
        puts_(w, ">>");
        break;
    }
}

/* Object n, read again when it was left in the file (*again: the caller
 * lets it go once written); an object of null when it cannot be, the
 * writer's error set. */
static PdfObject *object_at(Writer *w, int n, int *again) {
    static const PdfObject none;
    PdfValue ref = pdf_ref(n);
    *again = !w->d->objs[n];
    PdfObject *o = pdf_object(w->d, &ref);
    if (o) return o;
    if (!w->error) w->error = w->d->error ? w->d->error : "an object cannot be read back";
    return (PdfObject *)&none;
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
        snprintf(err, errlen, diag_tr("cannot write the PDF: it has no catalog"));
        return -1;
    }
    if (d->error) {
        snprintf(err, errlen, diag_tr("cannot read the PDF cairo wrote: %s"), d->error);
        return -1;
    }
    Bytes file = { 0 }, head = { 0 }, body = { 0 };
    Writer w = { &file, d, xcalloc((size_t)d->nobjs + 1, sizeof(int)),
                 xcalloc((size_t)d->nobjs + 1, sizeof(int)), 0, level, NULL, write, closure,
                 g_checksum_new(G_CHECKSUM_MD5), 0 };
    reach(&w, &d->trailer, 0, 0);
    for (int k = 0; k < w.count; k++) {
        int again;
        PdfObject *o = object_at(&w, w.order[k], &again);
        reach(&w, &o->value, o->stream, 0);
        if (again) pdf_let_go(d, w.order[k]);
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
        if (!o || !o->stream) continue;            /* none: left in the file, no stream */
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
            if (d->objs[w.order[k]] && d->objs[w.order[k]]->stream) continue;
            int again;
            PdfObject *o = object_at(&w, w.order[k], &again);
            char num[48];
            int n = snprintf(num, sizeof num, "%d %zu ", k + 1, body.len);
            xappend(&head.s, &head.len, &head.cap, num, (size_t)n);
            w.out = &body;
            write_value(&w, &o->value, 0, 0);
            if (again) pdf_let_go(d, w.order[k]);
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
        snprintf(err, errlen, diag_tr("cannot write the PDF: %s"), w.error);
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
