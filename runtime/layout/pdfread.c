/* pdfread: reading the PDF cairo wrote into objects, for pdfobj.h's
 * pdf_read and pdf_read_file.
 *
 * Each object is read from where the cross-reference table puts it up to
 * where the next one starts. Read from a file, that piece is read alone
 * and let go once its values are made: the texts of the values are kept
 * in the document's arena (each name and number once, however often it
 * is written), and a stream's bytes stay in the file until they are
 * asked for (pdf_stream_raw), so the pass holds the values, never the
 * file. Read from memory, the values point into it. */
#include "layout/pdfread.h"
#include "base/messages.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* ---- reading values ---- */

/* The items of the arrays and dictionaries being read, one stack for
 * all of them: an array's items are kept here until it ends, then copied
 * to the document's arena at their number, so that no array is left
 * there bigger than it is. */
typedef struct {
    PdfValue *items;
    int n, cap;
} Scratch;

typedef struct {
    PdfDoc *d;
    const unsigned char *s;      /* the bytes read: a piece of the file */
    size_t len, i;
    const char *error;           /* the first problem met, or NULL */
    Scratch *scratch;
    int keep;                    /* texts are copied to the document (s goes) */
    Arena *to;                   /* where items and strings go: the document's
                                    arena, or one an object is read again into */
    int leave;                   /* structure elements are left in the file */
} Reader;

static int is_white(unsigned char c) {
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static int is_delim(unsigned char c) {
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
}

/* Skips white space and comments. */
static void skip(Reader *r) {
    while (r->i < r->len) {
        if (is_white(r->s[r->i])) r->i++;
        else if (r->s[r->i] == '%')
            while (r->i < r->len && r->s[r->i] != '\n' && r->s[r->i] != '\r') r->i++;
        else break;
    }
}

static void fail_read(Reader *r, const char *what) {
    if (!r->error) r->error = what;
}

/* The end of a run of regular characters from i. */
static size_t word_end(const Reader *r, size_t i) {
    while (i < r->len && !is_white(r->s[i]) && !is_delim(r->s[i])) i++;
    return i;
}

/* True when the word at i is exactly w. */
static int word_is(const Reader *r, size_t i, const char *w) {
    size_t n = strlen(w);
    return i + n <= r->len && !memcmp(r->s + i, w, n) && word_end(r, i) == i + n;
}

/* A whole number written at i (digits only), its end in *end; -1 when none. */
static long digits_at(const Reader *r, size_t i, size_t *end) {
    long v = 0;
    size_t j = i;
    while (j < r->len && r->s[j] >= '0' && r->s[j] <= '9' && j - i < 10) v = v * 10 + (r->s[j++] - '0');
    if (j == i || (j < r->len && !is_white(r->s[j]) && !is_delim(r->s[j]))) return -1;
    *end = j;
    return v;
}

static void push(Reader *r, PdfValue v) {
    Scratch *sc = r->scratch;
    xgrow(&sc->items, &sc->cap, sc->n + 1, sizeof *sc->items);
    sc->items[sc->n++] = v;
}

/* Gives v the items pushed since the stack held `base` (pairs for a
 * dictionary), in an array of the arena just big enough, and takes them
 * off the stack. */
static void take_items(Reader *r, PdfValue *v, int base) {
    Scratch *sc = r->scratch;
    int count = sc->n - base, per = v->kind == PDF_DICT ? 2 : 1;
    v->n = count / per;
    v->items = count ? arena_alloc(r->to, sizeof *v->items * (size_t)count) : NULL;
    if (count) memcpy(v->items, sc->items + base, sizeof *v->items * (size_t)count);
    sc->n = base;
}

static PdfValue read_value(Reader *r, int depth);

static uint32_t hash_of(const char *t, size_t n) {
    uint32_t h = 2166136261u;                 /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)t[i]) * 16777619u;
    return h;
}

/* Where t[0, n) is kept in d's table, or the empty place it would go. */
static const char **kept_place(PdfDoc *d, const char *t, size_t n) {
    unsigned mask = d->capkept - 1;
    for (unsigned i = hash_of(t, n) & mask;; i = (i + 1) & mask) {
        const char *e = d->kept[i];
        if (!e || (!strncmp(e, t, n) && e[n] == '\0')) return &d->kept[i];
    }
}

/* The name or number t[0, n) (no NUL in it) kept once in d's arena. */
static const char *kept_text(PdfDoc *d, const char *t, size_t n) {
    if (2 * (d->nkept + 1) > d->capkept) {    /* at most half full */
        const char **old = d->kept;
        unsigned cap = d->capkept;
        d->capkept = cap ? 2 * cap : 1024;
        d->kept = xcalloc(d->capkept, sizeof *d->kept);
        for (unsigned i = 0; i < cap; i++)
            if (old[i]) *kept_place(d, old[i], strlen(old[i])) = old[i];
        free(old);
    }
    const char **at = kept_place(d, t, n);
    if (!*at) {
        *at = arena_strndup(&d->arena, t, n);
        d->nkept++;
    }
    return *at;
}

/* The text s[start, start + n) of a value: where it is, or, when the
 * reader keeps texts, a copy in the document's arena, a name or a number
 * (`once`) shared by every value written so. */
static const char *text_at(Reader *r, size_t start, size_t n, int once) {
    const char *t = (const char *)r->s + start;
    if (!r->keep) return t;
    return once ? kept_text(r->d, t, n) : arena_strndup(r->to, t, n);
}

static PdfValue read_string(Reader *r) {
    size_t start = r->i, i = r->i + 1;
    int nest = 1;
    while (i < r->len && nest > 0) {
        unsigned char c = r->s[i++];
        if (c == '\\') i++;
        else if (c == '(') nest++;
        else if (c == ')') nest--;
    }
    if (nest > 0 || i > r->len) {
        fail_read(r, "a string does not end");
        return pdf_null();
    }
    r->i = i;
    return (PdfValue){ .kind = PDF_STRING, .text = text_at(r, start, i - start, 0), .len = i - start };
}

static PdfValue read_value(Reader *r, int depth) {
    skip(r);
    if (r->i >= r->len) {
        fail_read(r, "a value is missing at the end of the file");
        return pdf_null();
    }
    if (depth > PDF_MAX_DEPTH) {
        fail_read(r, "values nested too deep");
        return pdf_null();
    }
    const unsigned char *s = r->s;
    size_t i = r->i;
    if (s[i] == '<' && i + 1 < r->len && s[i + 1] == '<') {
        PdfValue v = { .kind = PDF_DICT };
        int base = r->scratch->n;
        r->i += 2;
        for (;;) {
            skip(r);
            if (r->i + 1 < r->len && s[r->i] == '>' && s[r->i + 1] == '>') {
                r->i += 2;
                break;
            }
            if (r->i >= r->len || s[r->i] != '/' || r->error) {
                fail_read(r, "a dictionary's key is not a name");
                break;
            }
            PdfValue key = read_value(r, depth + 1);
            PdfValue val = read_value(r, depth + 1);
            push(r, key);
            push(r, val);
        }
        take_items(r, &v, base);
        return v;
    }
    if (s[i] == '[') {
        PdfValue v = { .kind = PDF_ARRAY };
        int base = r->scratch->n;
        r->i++;
        for (;;) {
            skip(r);
            if (r->i < r->len && s[r->i] == ']') {
                r->i++;
                break;
            }
            if (r->i >= r->len || r->error) {
                fail_read(r, "an array does not end");
                break;
            }
            push(r, read_value(r, depth + 1));
        }
        take_items(r, &v, base);
        return v;
    }
    if (s[i] == '(') return read_string(r);
    if (s[i] == '<') {
        size_t j = i + 1;
        while (j < r->len && s[j] != '>') j++;
        if (j >= r->len) {
            fail_read(r, "a string does not end");
            return pdf_null();
        }
        r->i = j + 1;
        return (PdfValue){ .kind = PDF_STRING, .text = text_at(r, i, j + 1 - i, 0), .len = j + 1 - i };
    }
    if (s[i] == '/') {
        size_t j = word_end(r, i + 1);
        r->i = j;
        return (PdfValue){ .kind = PDF_NAME, .text = text_at(r, i, j - i, 1), .len = j - i };
    }
    size_t end = word_end(r, i);
    if (end == i) {
        fail_read(r, "an unexpected character");
        r->i = r->len;
        return pdf_null();
    }
    /* a reference: "12 0 R" */
    size_t e1, e2;
    long num = digits_at(r, i, &e1);
    if (num >= 0) {
        Reader t = *r;
        t.i = e1;
        skip(&t);
        if (digits_at(&t, t.i, &e2) >= 0) {
            t.i = e2;
            skip(&t);
            if (word_is(&t, t.i, "R")) {
                r->i = t.i + 1;
                return pdf_ref((int)num);
            }
        }
    }
    r->i = end;
    if (word_is(r, i, "true") || word_is(r, i, "false"))
        return (PdfValue){ .kind = PDF_BOOL, .n = s[i] == 't' };
    if (word_is(r, i, "null")) return pdf_null();
    for (size_t k = i; k < end; k++)
        if (!((s[k] >= '0' && s[k] <= '9') || s[k] == '.' || s[k] == '-' || s[k] == '+')) {
            fail_read(r, "an unexpected word");
            return pdf_null();
        }
    return (PdfValue){ .kind = PDF_NUMBER, .text = text_at(r, i, end - i, 1), .len = end - i };
}

/* ---- reading the file ---- */

int pdf_held_objects = 2048;

/* The bytes [at, end) of the document's file: a pointer into it in
 * memory, else read into *owned (malloc'd, for the caller to free); NULL
 * when they cannot be read. */
static const unsigned char *file_bytes(const PdfDoc *d, size_t at, size_t end,
                                       unsigned char **owned) {
    *owned = NULL;
    if (at > end || end > d->src.len) return NULL;
    if (d->src.mem) return d->src.mem + at;
    unsigned char *buf = xmalloc(end - at + 1);
    for (size_t got = 0; got < end - at;) {
        ssize_t k = pread(d->src.fd, buf + got, end - at - got, (off_t)(at + got));
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            free(buf);
            return NULL;
        }
        got += (size_t)k;
    }
    *owned = buf;
    return buf;
}

const unsigned char *pdf_stream_raw(PdfDoc *d, const PdfObject *o, unsigned char **owned) {
    *owned = NULL;
    if (o->data) return o->data;
    return file_bytes(d, o->at, o->at + o->len, owned);
}

/* Offsets of the objects, from the cross-reference table, and every
 * offset where something starts (the objects, the table), in order. */
typedef struct {
    size_t *at;
    int n;
    size_t *starts;
    int nstarts;
} Xref;

/* Where the object at offset `at` ends at the latest: where the next
 * thing in the file starts. */
static size_t object_end(const PdfDoc *d, const Xref *x, size_t at) {
    int lo = 0, hi = x->nstarts;              /* the first start after at */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (x->starts[mid] <= at) lo = mid + 1;
        else hi = mid;
    }
    return lo < x->nstarts ? x->starts[lo] : d->src.len;
}

/* Reads the object numbered n at offset at. */
static int read_object(PdfDoc *d, Reader *r, const Xref *x, int n, size_t at, int depth);

/* A stream's length: its /Length, read from the object it names if need be. */
static long stream_length(PdfDoc *d, Reader *r, const Xref *x, PdfValue *dict, int depth) {
    PdfValue *v = pdf_get_direct(dict, "/Length");
    long len;
    if (v && v->kind == PDF_REF && depth == 0 && v->n > 0 && v->n < x->n && x->at[v->n] &&
        !pdf_exists(d, v))
        read_object(d, r, x, v->n, x->at[v->n], depth + 1);
    v = pdf_resolve(d, v);
    return v && pdf_int(v, &len) && len >= 0 ? len : -1;
}

/* True when the name `name` is written at t's place. */
static int name_at(const Reader *t, const char *name) {
    size_t n = strlen(name);
    return t->i + n <= t->len && !memcmp(t->s + t->i, name, n) &&
           (t->i + n == t->len || is_white(t->s[t->i + n]) || is_delim(t->s[t->i + n]));
}

/* True when the value at r's place starts as a structure element's
 * dictionary: "<< /Type /StructElem". */
static int starts_element(const Reader *r) {
    Reader t = *r;
    skip(&t);
    if (t.i + 2 > t.len || memcmp(t.s + t.i, "<<", 2)) return 0;
    t.i += 2;
    skip(&t);
    if (!name_at(&t, "/Type")) return 0;
    t.i += 5;
    skip(&t);
    return name_at(&t, "/StructElem");
}

/* Reads the header "n 0 obj" of object n at o's place and goes past it:
 * NULL, or what is wrong with it. */
static const char *read_header(Reader *o, int n) {
    size_t e;
    if (digits_at(o, o->i, &e) != n) return "an object is not where the table says";
    o->i = e;
    skip(o);
    if (digits_at(o, o->i, &e) < 0) return "an object's header is damaged";
    o->i = e;
    skip(o);
    if (!word_is(o, o->i, "obj")) return "an object's header is damaged";
    o->i += 3;
    return NULL;
}

static int read_object(PdfDoc *d, Reader *r, const Xref *x, int n, size_t at, int depth) {
    unsigned char *owned;
    size_t end = d->src.mem ? d->src.len : object_end(d, x, at);
    const unsigned char *piece = file_bytes(d, at, end, &owned);
    if (!piece) {
        fail_read(r, "an object cannot be read back");
        return -1;
    }
    Reader o = *r;
    o.s = piece;
    o.len = end - at;
    o.i = 0;
    o.keep = !d->src.mem;
    const char *bad = read_header(&o, n);
    if (bad) {
        free(owned);
        fail_read(r, bad);
        return -1;
    }
    if (o.leave && !depth && starts_element(&o)) {
        free(owned);
        pdf_leave(d, n, at, end - at, x->n);
        return 0;
    }
    PdfValue value = read_value(&o, 0);
    skip(&o);
    int stream = !o.error && word_is(&o, o.i, "stream") && value.kind == PDF_DICT;
    const unsigned char *data = NULL;
    size_t data_at = 0;
    long len = 0;
    if (stream) {
        o.i += 6;
        if (o.i < o.len && o.s[o.i] == '\r') o.i++;
        if (o.i < o.len && o.s[o.i] == '\n') o.i++;
        len = stream_length(d, &o, x, &value, depth);
        const char *wrong = len < 0 || (size_t)len > d->src.len - at - o.i
                          ? "a stream's length is wrong"
                          : (size_t)len > o.len - o.i   /* into the next object */
                          ? "a stream does not end where its length says" : NULL;
        if (wrong) {
            free(owned);
            fail_read(r, wrong);
            return -1;
        }
        data_at = at + o.i;                  /* read from the file when asked */
        if (d->src.mem) data = o.s + o.i;
        o.i += (size_t)len;
        skip(&o);
        if (!word_is(&o, o.i, "endstream")) fail_read(&o, "a stream does not end where its length says");
    } else if (!o.error && !word_is(&o, o.i, "endobj")) {
        fail_read(&o, "an object does not end");
    }
    free(owned);
    PdfObject *obj = pdf_slot(d, n);
    *obj = (PdfObject){ .present = 1, .value = value, .stream = stream, .data = data,
                        .at = data_at, .len = (size_t)len };
    if (o.error) fail_read(r, o.error);
    return r->error ? -1 : 0;
}

static int by_offset(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Reads the classic cross-reference table at the offset startxref gives,
 * and the trailer after it. */
static int read_xref(Reader *r, Xref *x) {
    const PdfDoc *d = r->d;
    size_t flen = d->src.len, tail = flen > 1024 ? flen - 1024 : 0, at = 0;
    unsigned char *owned;
    const unsigned char *t = file_bytes(d, tail, flen, &owned);
    if (!t) return fail_read(r, "the file cannot be read back"), -1;
    for (size_t i = flen - tail; i-- > 0;)
        if (i + 9 <= flen - tail && !memcmp(t + i, "startxref", 9)) {
            at = i + 9;
            break;
        }
    Reader e0 = *r;
    e0.s = t;
    e0.len = flen - tail;
    e0.i = at;
    skip(&e0);
    size_t e;
    long off = at ? digits_at(&e0, e0.i, &e) : -1;
    free(owned);
    if (!at) return fail_read(r, "no startxref at the end"), -1;
    if (off < 0 || (size_t)off >= flen) return fail_read(r, "startxref is wrong"), -1;
    /* the table and the trailer: the rest of the file */
    const unsigned char *table = file_bytes(d, (size_t)off, flen, &owned);
    if (!table) return fail_read(r, "the file cannot be read back"), -1;
    r->s = table;
    r->len = flen - (size_t)off;
    r->i = 0;
    r->keep = !d->src.mem;
    if (!word_is(r, r->i, "xref")) {
        free(owned);
        return fail_read(r, "no cross-reference table (cairo writes one)"), -1;
    }
    r->i += 4;
    for (;;) {
        skip(r);
        if (word_is(r, r->i, "trailer")) break;
        long first = digits_at(r, r->i, &e);
        if (first < 0) break;
        r->i = e;
        skip(r);
        long count = digits_at(r, r->i, &e);
        if (count < 0 || first + count > 10000000) break;
        r->i = e;
        if (first + count > x->n) {
            x->at = xrealloc(x->at, sizeof *x->at * (size_t)(first + count));
            memset(x->at + x->n, 0, sizeof *x->at * (size_t)(first + count - x->n));
            x->n = (int)(first + count);
        }
        for (long k = 0; k < count && !r->error; k++) {
            skip(r);
            long o = digits_at(r, r->i, &e);
            size_t e2 = 0;
            if (o >= 0) {
                r->i = e;
                skip(r);
            }
            if (o < 0 || digits_at(r, r->i, &e2) < 0) {
                fail_read(r, "the cross-reference table is damaged");
                break;
            }
            r->i = e2;
            skip(r);
            if (r->i >= r->len || (r->s[r->i] != 'n' && r->s[r->i] != 'f')) {
                fail_read(r, "the cross-reference table is damaged");
                break;
            }
            if (r->s[r->i] == 'n' && first + k > 0) {
                if ((size_t)o >= flen) fail_read(r, "an object's offset is past the end");
                else x->at[first + k] = (size_t)o;
            }
            r->i++;
        }
        if (r->error) break;
    }
    if (!r->error && !word_is(r, r->i, "trailer")) fail_read(r, "the cross-reference table is damaged");
    if (!r->error) {
        r->i += 7;
        r->d->trailer = read_value(r, 0);
        if (r->d->trailer.kind != PDF_DICT) fail_read(r, "the trailer is not a dictionary");
    }
    free(owned);
    r->s = NULL;
    r->len = 0;
    /* where each object ends: where the next thing starts */
    x->starts = xmalloc(sizeof *x->starts * ((size_t)x->n + 1));
    for (int n = 1; n < x->n; n++)
        if (x->at[n]) x->starts[x->nstarts++] = x->at[n];
    x->starts[x->nstarts++] = (size_t)off;
    qsort(x->starts, (size_t)x->nstarts, sizeof *x->starts, by_offset);
    return r->error ? -1 : 0;
}

/* The bytes a copy of v's items and strings takes (names and numbers
 * are the document's already). */
static size_t bytes_of(const PdfValue *v) {
    size_t n = 0;
    if (v->kind == PDF_STRING) return (v->len + 1 + 7) & ~(size_t)7;
    if (v->kind != PDF_ARRAY && v->kind != PDF_DICT) return 0;
    int count = v->n * (v->kind == PDF_DICT ? 2 : 1);
    n += sizeof *v->items * (size_t)count;
    for (int i = 0; i < count; i++) n += bytes_of(&v->items[i]);
    return n;
}

/* v with its items and strings copied to *at, which it moves past them. */
static PdfValue copied(const PdfValue *v, char **at) {
    PdfValue c = *v;
    if (v->kind == PDF_STRING) {
        char *t = *at;
        memcpy(t, v->text, v->len);
        t[v->len] = '\0';
        c.text = t;
        *at += (v->len + 1 + 7) & ~(size_t)7;
    } else if ((v->kind == PDF_ARRAY || v->kind == PDF_DICT) && v->n) {
        int count = v->n * (v->kind == PDF_DICT ? 2 : 1);
        c.items = (PdfValue *)*at;
        *at += sizeof *c.items * (size_t)count;
        for (int i = 0; i < count; i++) c.items[i] = copied(&v->items[i], at);
    }
    return c;
}

/* Reads object n, left in the file, again, into a block of its own: 0,
 * or -1 with d->error set (the document's reload). */
static int load_again(PdfDoc *d, int n) {
    const PdfLeft *left = &d->left[n];
    unsigned char *owned;
    const unsigned char *piece = file_bytes(d, left->at, (size_t)left->at + left->len, &owned);
    if (!piece) {
        if (!d->error) d->error = "an object cannot be read back";
        return -1;
    }
    Arena a = { 0 };
    Scratch scratch = { 0 };
    Reader r = { d, piece, left->len, 0, NULL, &scratch, 1, &a, 0 };
    const char *bad = read_header(&r, n);
    PdfValue value = bad ? pdf_null() : read_value(&r, 0);
    if (!bad) {
        skip(&r);
        bad = r.error ? r.error : !word_is(&r, r.i, "endobj") ? "an object does not end" : NULL;
    }
    if (!bad) {
        char *block = xmalloc(bytes_of(&value) + 1), *at = block;
        PdfObject *o = xcalloc(1, sizeof *o);
        o->value = copied(&value, &at);
        o->own = block;
        o->present = 1;
        o->loaded = 1;
        d->objs[n] = o;
    } else if (!d->error) {
        d->error = bad;
    }
    arena_free(&a);
    free(scratch.items);
    free(owned);
    return bad ? -1 : 0;
}

/* Reads d's file (d->src), every object of its table. */
static int read_file(PdfDoc *d, char *err, size_t errlen) {
    if (d->src.len > UINT32_MAX) {       /* a value's text is counted in 32 bits */
        snprintf(err, errlen, diag_tr("cannot read the PDF cairo wrote: it is 4 GB or more"));
        return -1;
    }
    Scratch scratch = { 0 };
    Reader r = { d, NULL, 0, 0, NULL, &scratch, 0, &d->arena, 0 };
    Xref x = { NULL, 0, NULL, 0 };
    if (read_xref(&r, &x) == 0) {
        r.leave = !d->src.mem && x.n > pdf_held_objects;
        d->reload = load_again;
        for (int n = 1; n < x.n && !r.error; n++)
            if (x.at[n] && !(n < d->nobjs && d->objs[n] && d->objs[n]->present) &&
                !(n < d->nleft && d->left[n].len))
                read_object(d, &r, &x, n, x.at[n], 0);
    }
    free(x.at);
    free(x.starts);
    free(scratch.items);
    if (!r.error) return 0;
    snprintf(err, errlen, diag_tr("cannot read the PDF cairo wrote: %s"), r.error);
    return -1;
}

int pdf_read(PdfDoc *d, const unsigned char *pdf, size_t len, char *err, size_t errlen) {
    memset(d, 0, sizeof *d);
    d->src = (PdfSource){ pdf, -1, len };
    return read_file(d, err, errlen);
}

int pdf_read_file(PdfDoc *d, int fd, size_t len, char *err, size_t errlen) {
    memset(d, 0, sizeof *d);
    d->src = (PdfSource){ NULL, fd, len };
    return read_file(d, err, errlen);
}

void pdf_free(PdfDoc *d) {
    for (int n = 1; n < d->nobjs; n++)
        if (d->objs[n] && d->objs[n]->loaded) {
            free(d->objs[n]->own);
            free(d->objs[n]);
        }
    free(d->objs);
    free(d->left);
    free(d->kept);
    arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}

PdfValue pdf_parse(PdfDoc *d, const char *source) {
    const char *copy = arena_strdup(&d->arena, source);
    Scratch scratch = { 0 };
    Reader r = { d, (const unsigned char *)copy, strlen(copy), 0, NULL, &scratch, 0, &d->arena, 0 };
    PdfValue v = read_value(&r, 0);
    free(scratch.items);
    return r.error ? pdf_null() : v;
}
