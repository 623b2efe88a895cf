/* tagged: structure tags and the pass that completes them; see tagged.h. */
#include "layout/tagged.h"
#include "base/messages.h"

#include "layout/pdfimage.h"
#include "layout/pdfobj.h"
#include "base/arena.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The structure type that stands for an artifact until tagged_finish():
 * cairo accepts only standard types, and formc uses Private for nothing
 * else. */
#define ARTIFACT_STAND_IN "Private"

/* The structure types a tagger can name: more than PDF's standard ones,
 * the only ones cairo accepts. */
#define TYPES_MAX 64

/* What cairo cannot write about one element, 12 bytes: a summary of many
 * members opens some ten thousand. */
typedef struct {
    int parent;            /* the enclosing open element, or -1 */
    int extra;             /* its alternative text or language (Extra), or -1 */
    unsigned char type;    /* the structure type given to cairo, in types */
    signed char artifact;  /* the ArtifactKind of a stand-in, or -1 */
    unsigned char scope;   /* a TH's HeaderScope */
} Note;

/* What few elements have. */
typedef struct {
    char *alt;             /* a Figure's alternative text, or NULL */
    char lang[16];         /* its /Lang when not the document's, or "" */
    unsigned char goes_on; /* a TR going on with the row before it */
} Extra;

struct Tagger {
    cairo_t *cr;
    Note *notes;           /* one per element, in the order opened */
    int n, cap;
    int current;           /* the innermost open element, or -1 */
    char types[TYPES_MAX][12];
    int ntypes;
    Extra *extras;
    int nextras, capextras;
};

Tagger *tagger_new(cairo_t *cr) {
    Tagger *t = xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->cr = cr;
    t->current = -1;
    return t;
}

void tagger_free(Tagger *t) {
    if (!t) return;
    for (int i = 0; i < t->nextras; i++) free(t->extras[i].alt);
    free(t->extras);
    free(t->notes);
    free(t);
}

static const char *type_of(const Tagger *t, const Note *note) { return t->types[note->type]; }

/* type's place in t->types, added when new. */
static int type_index(Tagger *t, const char *type) {
    for (int i = 0; i < t->ntypes; i++)
        if (!strncmp(t->types[i], type, sizeof t->types[i] - 1)) return i;
    if (t->ntypes == TYPES_MAX) {     /* formc names a few dozen */
        fputs(diag_tr("formc: internal error: too many structure types\n"), stderr);
        abort();
    }
    snprintf(t->types[t->ntypes], sizeof t->types[0], "%s", type);
    return t->ntypes++;
}

/* The Extra of note, made when it has none. */
static Extra *extra_of(Tagger *t, Note *note) {
    if (note->extra < 0) {
        xgrow(&t->extras, &t->capextras, t->nextras + 1, sizeof *t->extras);
        memset(&t->extras[t->nextras], 0, sizeof *t->extras);
        note->extra = t->nextras++;
    }
    return &t->extras[note->extra];
}

/* Notes an element of type and opens it in cairo. */
static Note *open_note(Tagger *t, const char *type) {
    xgrow(&t->notes, &t->cap, t->n + 1, sizeof *t->notes);
    Note *note = &t->notes[t->n];
    *note = (Note){ .parent = t->current, .extra = -1, .type = (unsigned char)type_index(t, type),
                    .artifact = -1 };
    t->current = t->n++;
    cairo_tag_begin(t->cr, type_of(t, note), "");
    return note;
}

void tagger_open(Tagger *t, const char *type) { open_note(t, type); }

void tagger_figure(Tagger *t, const char *alt) {
    Note *note = open_note(t, "Figure");
    if (alt && *alt) extra_of(t, note)->alt = xstrdup(alt);
}

void tagger_header_cell(Tagger *t, HeaderScope scope) {
    open_note(t, "TH")->scope = (unsigned char)scope;
}

void tagger_artifact(Tagger *t, ArtifactKind kind) {
    open_note(t, ARTIFACT_STAND_IN)->artifact = (signed char)kind;
}

void tagger_lang(Tagger *t, const char *lang) {
    if (t->current >= 0 && lang) {
        Extra *e = extra_of(t, &t->notes[t->current]);
        snprintf(e->lang, sizeof e->lang, "%s", lang);
    }
}

void tagger_row_goes_on(Tagger *t) {
    if (t->current >= 0) extra_of(t, &t->notes[t->current])->goes_on = 1;
}

void tagger_close(Tagger *t) {
    if (t->current < 0) return;
    cairo_tag_end(t->cr, type_of(t, &t->notes[t->current]));
    t->current = t->notes[t->current].parent;
}

/* ---- content streams ---- */

static int is_white(unsigned char c) {
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static int is_delim(unsigned char c) {
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
}

static int is_regular(unsigned char c) { return !is_white(c) && !is_delim(c); }

static size_t skip_white(const unsigned char *s, size_t len, size_t i) {
    while (i < len && is_white(s[i])) i++;
    return i;
}

/* The end of the token starting at s[i] (not white space): a literal or
 * hex string, a comment, a name, a dictionary bracket, or a word. */
static size_t token_end(const unsigned char *s, size_t len, size_t i) {
    unsigned char c = s[i];
    if (c == '(') {
        int depth = 0;
        for (; i < len; i++) {
            if (s[i] == '\\') i++;
            else if (s[i] == '(') depth++;
            else if (s[i] == ')' && --depth == 0) return i + 1;
        }
        return len;
    }
    if (c == '<' || c == '>')
        if (i + 1 < len && s[i + 1] == c) return i + 2;
    if (c == '<') {
        while (i < len && s[i] != '>') i++;
        return i < len ? i + 1 : len;
    }
    if (c == '%') {
        while (i < len && s[i] != '\n' && s[i] != '\r') i++;
        return i;
    }
    if (c == '/') i++;
    else if (is_delim(c)) return i + 1;
    while (i < len && is_regular(s[i])) i++;
    return i;
}

static int token_is(const unsigned char *s, size_t from, size_t to, const char *word) {
    return to - from == strlen(word) && !memcmp(s + from, word, to - from);
}

/* The end of an inline image whose "BI" ends at i: past its dictionary,
 * "ID", one white-space byte, the image data and "EI". */
static size_t inline_image_end(const unsigned char *s, size_t len, size_t i) {
    for (;;) {
        i = skip_white(s, len, i);
        if (i >= len) return len;
        size_t e = token_end(s, len, i);
        if (token_is(s, i, e, "ID")) {
            i = e + 1;
            break;
        }
        i = e;
    }
    for (; i + 2 <= len; i++)
        if (is_white(s[i - 1]) && s[i] == 'E' && s[i + 1] == 'I' &&
            (i + 2 == len || is_white(s[i + 2])))
            return i + 2;
    return len;
}

/* Matches "<< /MCID n >> BDC" from s[i] (after the name); sets *mcid and
 * *end on success. */
static int match_mcid_bdc(const unsigned char *s, size_t len, size_t i, int *mcid,
                          size_t *end) {
    const char *want[] = { "<<", "/MCID", NULL, ">>", "BDC" };
    for (int k = 0; k < 5; k++) {
        i = skip_white(s, len, i);
        if (i >= len) return 0;
        size_t e = token_end(s, len, i);
        if (want[k] && !token_is(s, i, e, want[k])) return 0;
        if (!want[k]) {
            if (e - i > 9) return 0;
            int v = 0;
            for (size_t j = i; j < e; j++) {
                if (s[j] < '0' || s[j] > '9') return 0;
                v = v * 10 + (s[j] - '0');
            }
            *mcid = v;
        }
        i = e;
    }
    *end = i;
    return 1;
}

static const char *artifact_operator(ArtifactKind kind) {
    switch (kind) {
    case ARTIFACT_HEADER: return "/Artifact << /Type /Pagination /Subtype /Header >> BDC";
    case ARTIFACT_FOOTER: return "/Artifact << /Type /Pagination /Subtype /Footer >> BDC";
    case ARTIFACT_WATERMARK: return "/Artifact << /Type /Pagination /Subtype /Watermark >> BDC";
    case ARTIFACT_PAGINATION: return "/Artifact << /Type /Pagination >> BDC";
    case ARTIFACT_LAYOUT: break;
    }
    return "/Artifact << /Type /Layout >> BDC";
}

/* A growing output buffer. */
typedef struct {
    unsigned char *s;
    size_t len, cap;
} Buf;

static void put(Buf *b, const void *s, size_t n) {
    if (b->len + n > b->cap) {
        b->cap = 2 * (b->len + n);
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
}

unsigned char *tagged_rewrite_artifacts(const unsigned char *in, size_t len,
                                        const int *mcids,
                                        const ArtifactKind *kinds, int n,
                                        size_t *outlen, int *found) {
    Buf out = { xmalloc(len + 64 * (size_t)n + 1), 0, len + 64 * (size_t)n + 1 };
    *found = 0;
    size_t i = 0, copied = 0;          /* in[0, copied) is in out */
    while (i < len) {
        if (is_white(in[i])) {
            i++;
            continue;
        }
        size_t e = token_end(in, len, i);
        int mcid = -1;
        size_t end = e;
        if (token_is(in, i, e, "/" ARTIFACT_STAND_IN) &&
            match_mcid_bdc(in, len, e, &mcid, &end)) {
            int k = 0;
            while (k < n && mcids[k] != mcid) k++;
            if (k < n) {
                const char *op = artifact_operator(kinds[k]);
                put(&out, in + copied, i - copied);
                put(&out, op, strlen(op));
                (*found)++;
                i = copied = end;
                continue;
            }
        }
        if (token_is(in, i, e, "BI")) e = inline_image_end(in, len, e);
        i = e;
    }
    put(&out, in + copied, len - copied);
    *outlen = out.len;
    return out.s;
}

/* ---- the finishing pass ---- */

typedef struct {
    int page;            /* object number of the page */
    int mcid;
    ArtifactKind kind;
} Artifact;

typedef struct {
    PdfDoc *pdf;
    const Tagger *t;
    PdfValue *tree_root;
    int next;            /* the next note to match */
    Artifact *arts;
    int narts, cap;
    char *err;
    size_t errlen;
    int failed;
} Finish;

static void fail(Finish *f, const char *what) {
    if (f->failed) return;
    f->failed = 1;
    snprintf(f->err, f->errlen, "%s", what);
}

/* Notes where an artifact's content is, for the page rewrite. */
static void note_artifact(Finish *f, PdfValue *elem, const Note *note) {
    long mcid;
    PdfValue *pg = pdf_get_direct(elem, "/Pg");
    if (!pdf_int(pdf_get(f->pdf, elem, "/K"), &mcid) || !pg || pg->kind != PDF_REF ||
        !pdf_object(f->pdf, pg)) {
        fail(f, "an artifact is not one piece of marked content");
        return;
    }
    if (f->narts == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 32;
        f->arts = xrealloc(f->arts, (size_t)f->cap * sizeof *f->arts);
    }
    f->arts[f->narts++] = (Artifact){ pg->n, (int)mcid, (ArtifactKind)note->artifact };
}

static PdfValue *page_parents(PdfDoc *pdf, PdfValue *tree_root, PdfValue *page);

/* Appends value to the kids (/K) of elem, made an array when it is not. */
static void add_kid(PdfDoc *pdf, PdfValue *elem, PdfValue value) {
    PdfValue *k = pdf_get_direct(elem, "/K");
    int n = !k ? 0 : k->kind == PDF_ARRAY ? k->n : 1;
    PdfValue *items = arena_alloc(&pdf->arena, sizeof *items * (size_t)(n + 1));
    if (k && k->kind == PDF_ARRAY) memcpy(items, k->items, sizeof *items * (size_t)n);
    else if (k) items[0] = *k;
    items[n] = value;
    pdf_set(pdf, elem, "/K", (PdfValue){ .kind = PDF_ARRAY, .n = n + 1, .items = items });
}

/* Moves what the cells of row `from` hold (a TR going on with row `into`
 * on a later page: a row taller than a page, cut) into the cells of
 * `into`, cell by cell: its marked content as references to its page
 * (/MCR), pointed to by the parent tree, and its child elements (a Span
 * of another language) given their new parent. */
static void merge_row(Finish *f, PdfValue *into, PdfValue *from) {
    PdfDoc *pdf = f->pdf;
    PdfValue *ik = pdf_get(pdf, into, "/K"), *fk = pdf_get(pdf, from, "/K");
    int n = fk && fk->kind == PDF_ARRAY ? fk->n : 0;
    if (!ik || ik->kind != PDF_ARRAY || ik->n != n) {
        fail(f, "a row going on has not the cells of the row it goes on with");
        return;
    }
    for (int c = 0; c < n && !f->failed; c++) {
        PdfValue target = ik->items[c];
        PdfValue *cell = pdf_resolve(pdf, &target), *src = pdf_resolve(pdf, &fk->items[c]);
        PdfValue *pg = src ? pdf_get_direct(src, "/Pg") : NULL;
        if (target.kind != PDF_REF || !cell || cell->kind != PDF_DICT || !src || src->kind != PDF_DICT) {
            fail(f, "a row going on has not the cells of the row it goes on with");
            return;
        }
        PdfValue *kids = pdf_get(pdf, src, "/K");
        int m = !kids ? 0 : kids->kind == PDF_ARRAY ? kids->n : 1;
        for (int i = 0; i < m; i++) {
            PdfValue *kid = kids->kind == PDF_ARRAY ? &kids->items[i] : kids;
            PdfValue *v = pdf_resolve(pdf, kid);
            long mcid;
            if (v && v->kind == PDF_DICT && pdf_get_direct(v, "/S")) {      /* an element */
                pdf_set(pdf, v, "/P", target);
                add_kid(pdf, cell, *kid);
                continue;
            }
            PdfValue *on = pg;
            if (v && v->kind == PDF_DICT) {                                 /* an /MCR */
                on = pdf_get_direct(v, "/Pg") ? pdf_get_direct(v, "/Pg") : pg;
                v = pdf_get(pdf, v, "/MCID");
            }
            if (!pdf_int(v, &mcid) || !on || on->kind != PDF_REF) {
                fail(f, "a row going on holds content the pass cannot move");
                return;
            }
            char mcr[96];
            snprintf(mcr, sizeof mcr, "<< /Type /MCR /Pg %d 0 R /MCID %ld >>", on->n, mcid);
            add_kid(pdf, cell, pdf_parse(pdf, mcr));
            PdfValue *parents = page_parents(pdf, f->tree_root, pdf_resolve(pdf, on));
            if (parents && parents->kind == PDF_ARRAY && mcid >= 0 && mcid < parents->n)
                parents->items[mcid] = target;
        }
    }
}

/* Completes the elements below node, in the order they were opened, and
 * takes the artifacts out; 1 when it changed node's kids. An element it
 * did not change is let go once completed (pdf_let_go): a long file's are
 * read again when next asked for, so the tree is never held whole. */
static int walk(Finish *f, PdfValue *node, int depth) {
    if (depth > 64) {
        fail(f, "the structure tree is too deep");
        return 0;
    }
    PdfValue *kids = pdf_get(f->pdf, node, "/K");
    if (!kids) return 0;
    int array = kids->kind == PDF_ARRAY;
    int n = array ? kids->n : 1, changed = 0;
    PdfValue row = pdf_null();   /* the last row that a row going on goes on with */
    for (int i = 0; i < n && !f->failed; i++) {
        PdfValue *slot = array ? &kids->items[i] : kids, item = *slot;
        int num = item.kind == PDF_REF ? item.n : 0;
        PdfValue *kid = pdf_resolve(f->pdf, slot);
        /* marked-content identifiers and references are not elements */
        if (!kid || kid->kind != PDF_DICT) continue;
        PdfValue *s = pdf_get(f->pdf, kid, "/S");
        if (!s || s->kind != PDF_NAME) continue;
        if (f->next >= f->t->n) {
            fail(f, "the structure tree has more elements than were tagged");
            break;
        }
        const Note *note = &f->t->notes[f->next++];
        const char *type = type_of(f->t, note);
        const Extra *extra = note->extra >= 0 ? &f->t->extras[note->extra] : NULL;
        if (s->len != strlen(type) + 1 || memcmp(s->text + 1, type, s->len - 1)) {
            fail(f, "the structure tree is not in the order it was tagged");
            break;
        }
        if (note->artifact >= 0) {
            note_artifact(f, kid, note);
            if (array) pdf_remove(kids, i--), n--;
            else pdf_set(f->pdf, node, "/K", pdf_parse(f->pdf, "[]"));
            changed = 1;
            pdf_let_go(f->pdf, num);
            continue;
        }
        int kid_changed = 0;
        if (extra && extra->alt) {
            pdf_set(f->pdf, kid, "/Alt", pdf_text(f->pdf, extra->alt));
            kid_changed = 1;
        }
        if (extra && extra->lang[0]) {
            pdf_set(f->pdf, kid, "/Lang", pdf_text(f->pdf, extra->lang));
            kid_changed = 1;
        }
        if (!strcmp(type, "TH")) {
            pdf_set(f->pdf, kid, "/A", pdf_parse(f->pdf, note->scope == SCOPE_ROW
                ? "<< /O /Table /Scope /Row >>" : "<< /O /Table /Scope /Column >>"));
            kid_changed = 1;
        }
        kid_changed |= walk(f, kid, depth + 1);
        if (extra && extra->goes_on) {
            PdfValue *into = pdf_resolve(f->pdf, &row);
            if (!into || !array) {
                fail(f, "a row goes on with no row before it");
                break;
            }
            merge_row(f, into, kid);
            pdf_remove(kids, i--), n--;
            changed = 1;
        } else if (!strcmp(type, "TR")) {
            row = item;
        }
        if (!kid_changed) pdf_let_go(f->pdf, num);
    }
    return changed;
}

/* The parent tree's array for a page's marked content, or NULL. */
static PdfValue *page_parents(PdfDoc *pdf, PdfValue *tree_root, PdfValue *page) {
    PdfValue *nums = pdf_get(pdf, pdf_get(pdf, tree_root, "/ParentTree"), "/Nums");
    long parents, k;
    if (!nums || nums->kind != PDF_ARRAY || !pdf_int(pdf_get(pdf, page, "/StructParents"), &parents))
        return NULL;
    for (int i = 0; i + 1 < nums->n; i += 2)
        if (pdf_int(pdf_resolve(pdf, &nums->items[i]), &k) && k == parents)
            return pdf_resolve(pdf, &nums->items[i + 1]);
    return NULL;
}

/* Rewrites one content stream of a page; returns the artifacts found. */
static int rewrite_stream(Finish *f, PdfValue *ref, const int *mcids, const ArtifactKind *kinds,
                          int n) {
    PdfObject *o = pdf_object(f->pdf, ref);
    unsigned char *data = NULL;
    size_t len = 0;
    if (!o || !o->stream || pdf_stream_bytes(f->pdf, o, &data, &len) != 0) {
        fail(f, "a page's content cannot be read");
        return 0;
    }
    size_t outlen;
    int found;
    unsigned char *out = tagged_rewrite_artifacts(data, len, mcids, kinds, n, &outlen, &found);
    free(data);
    if (found) pdf_replace_stream(f->pdf, o, out, outlen);
    free(out);
    return found;
}

/* Marks each page's artifacts as such in its content and takes their
 * marked-content identifiers out of the parent tree. */
static void rewrite_pages(Finish *f, PdfValue *tree_root) {
    PdfDoc *pdf = f->pdf;
    int *mcids = xmalloc(sizeof *mcids * (size_t)(f->narts + 1));
    ArtifactKind *kinds = xmalloc(sizeof *kinds * (size_t)(f->narts + 1));
    for (int a = 0; a < f->narts && !f->failed; a++) {
        int id = f->arts[a].page, n = 0, first = 1;
        for (int b = 0; b < a; b++) first &= f->arts[b].page != id;
        if (!first) continue;                       /* the page is done */
        for (int i = a; i < f->narts; i++)
            if (f->arts[i].page == id) {
                mcids[n] = f->arts[i].mcid;
                kinds[n++] = f->arts[i].kind;
            }
        PdfValue ref = pdf_ref(id), *page = pdf_resolve(pdf, &ref);
        PdfValue *contents = pdf_get_direct(page, "/Contents");
        PdfValue *list = pdf_resolve(pdf, contents);
        int found = 0;
        if (list && list->kind == PDF_ARRAY)
            for (int i = 0; i < list->n; i++) found += rewrite_stream(f, &list->items[i], mcids, kinds, n);
        else
            found = rewrite_stream(f, contents, mcids, kinds, n);
        if (!f->failed && found != n) fail(f, "an artifact is missing from its page's content");
        PdfValue *parents = page_parents(pdf, tree_root, page);
        if (parents && parents->kind == PDF_ARRAY)
            for (int i = 0; i < n; i++)
                if (mcids[i] < parents->n) parents->items[mcids[i]] = pdf_null();
    }
    free(mcids);
    free(kinds);
}

/* Appends s to x, escaped for XML text; control characters XML cannot
 * hold are left out. */
static void xml_text(GString *x, const char *s) {
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '&') g_string_append(x, "&amp;");
        else if (c == '<') g_string_append(x, "&lt;");
        else if (c == '>') g_string_append(x, "&gt;");
        else if (c == '"') g_string_append(x, "&quot;");
        else if (c >= 0x20 || c == '\t' || c == '\n') g_string_append_c(x, (char)c);
    }
}

static void xml_element(GString *x, const char *name, const char *open, const char *text,
                        const char *close) {
    if (!text || !*text) return;
    g_string_append_printf(x, "   <%s>%s", name, open);
    xml_text(x, text);
    g_string_append_printf(x, "%s</%s>\n", close, name);
}

/* The XMP packet: the information dictionary's facts, the language and
 * the PDF/UA-1 identification. */
static GString *xmp_packet(const TaggedInfo *info, const char *producer) {
    GString *x = g_string_new("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "  <rdf:Description rdf:about=\"\"\n"
        "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
        "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
        "   <dc:format>application/pdf</dc:format>\n");
    xml_element(x, "dc:title", "<rdf:Alt><rdf:li xml:lang=\"x-default\">", info->title,
                "</rdf:li></rdf:Alt>");
    xml_element(x, "dc:creator", "<rdf:Seq><rdf:li>", info->author, "</rdf:li></rdf:Seq>");
    xml_element(x, "dc:description", "<rdf:Alt><rdf:li xml:lang=\"x-default\">", info->subject,
                "</rdf:li></rdf:Alt>");
    xml_element(x, "dc:language", "<rdf:Bag><rdf:li>", info->lang, "</rdf:li></rdf:Bag>");
    xml_element(x, "xmp:CreatorTool", "", info->creator, "");
    xml_element(x, "xmp:CreateDate", "", info->date, "");
    xml_element(x, "xmp:ModifyDate", "", info->date, "");
    xml_element(x, "pdf:Producer", "", producer, "");
    g_string_append(x, "   <pdfuaid:part>1</pdfuaid:part>\n"
                       "  </rdf:Description>\n"
                       " </rdf:RDF>\n"
                       "</x:xmpmeta>\n"
                       "<?xpacket end=\"w\"?>");
    return x;
}

/* "D:YYYYMMDDHHmmSSZ" from "YYYY-MM-DDTHH:MM:SSZ"; 0 when date is not of
 * that form. */
static int pdf_date(const char *date, char out[24]) {
    if (!date || strlen(date) != 20 || date[19] != 'Z') return 0;
    int k = 0;
    out[k++] = 'D';
    out[k++] = ':';
    for (int i = 0; i < 19; i++)
        if (date[i] >= '0' && date[i] <= '9') out[k++] = date[i];
    if (k != 16) return 0;
    out[k++] = 'Z';
    out[k] = 0;
    return 1;
}

/* Names the CID-to-glyph mapping of each embedded TrueType CIDFont:
 * cairo leaves it to the default (Identity), which PDF/UA-1 (7.21.3.2)
 * wants written out. */
static void name_cid_maps(Finish *f) {
    PdfDoc *pdf = f->pdf;
    for (int k = 1; k < pdf->nobjs; k++) {
        PdfObject *o = pdf->objs[k];
        if (!o || !o->present || o->stream || !pdf_is_name(pdf_get(pdf, &o->value, "/Type"), "/Font") ||
            !pdf_is_name(pdf_get(pdf, &o->value, "/Subtype"), "/CIDFontType2"))
            continue;
        if (!pdf_get_direct(&o->value, "/CIDToGIDMap"))
            pdf_set(pdf, &o->value, "/CIDToGIDMap", pdf_name(pdf, "/Identity"));
    }
}

/* The text of a PDF string written as a literal "(...)" holding no
 * escape, or NULL. */
static char *plain_string(const PdfValue *v) {
    if (!v || v->kind != PDF_STRING || v->len < 2 || v->text[0] != '(' || memchr(v->text, '\\', v->len))
        return NULL;
    return xstrndup(v->text + 1, v->len - 2);
}

/* The catalog's and the information dictionary's part. */
static void finish_document(Finish *f, const TaggedInfo *info) {
    PdfDoc *pdf = f->pdf;
    PdfValue *root = pdf_get(pdf, &pdf->trailer, "/Root");
    if (info->lang && *info->lang) pdf_set(pdf, root, "/Lang", pdf_text(pdf, info->lang));
    pdf_set(pdf, root, "/MarkInfo", pdf_parse(pdf, "<< /Marked true >>"));
    pdf_set(pdf, root, "/ViewerPreferences", pdf_parse(pdf, "<< /DisplayDocTitle true >>"));
    PdfValue *docinfo = pdf_get(pdf, &pdf->trailer, "/Info");
    char date[24];
    if (docinfo && docinfo->kind == PDF_DICT && pdf_date(info->date, date)) {
        pdf_set(pdf, docinfo, "/CreationDate", pdf_bytes(pdf, date));
        pdf_set(pdf, docinfo, "/ModDate", pdf_bytes(pdf, date));
    }
    char *made_by = plain_string(pdf_get(pdf, docinfo, "/Producer"));
    GString *xmp = xmp_packet(info, made_by);
    free(made_by);
    int meta = pdf_add_stream(pdf, pdf_parse(pdf, "<< /Type /Metadata /Subtype /XML >>"),
                              (const unsigned char *)xmp->str, xmp->len, 0);
    g_string_free(xmp, TRUE);
    pdf_set(pdf, root, "/Metadata", pdf_ref(meta));
}

int tagged_finish(int fd, size_t len, const Tagger *t, const TaggedInfo *info,
                  PdfWriteFn write, void *closure, char *err, size_t errlen) {
    PdfDoc doc;
    Finish f = { .pdf = &doc, .t = t, .err = err, .errlen = errlen };
    int rc = 0;
    if (pdf_read_file(&doc, fd, len, err, errlen) != 0 ||
        pdfimage_put(&doc, info->images, info->nimages, err, errlen) != 0) {
        f.failed = 1;
    } else {
        PdfValue *root = pdf_get(&doc, &doc.trailer, "/Root");
        PdfValue *tree_root = pdf_get(&doc, root, "/StructTreeRoot");
        if (!root || root->kind != PDF_DICT) fail(&f, "the PDF has no catalog");
        if (!f.failed && tree_root && tree_root->kind == PDF_DICT) {
            f.tree_root = tree_root;
            walk(&f, tree_root, 0);
            if (doc.error) {        /* an element read again from the file */
                char why[160];
                snprintf(why, sizeof why, diag_tr("cannot read the PDF cairo wrote: %s"), doc.error);
                f.failed = 0;
                fail(&f, why);
            }
            if (!f.failed && f.next != t->n) fail(&f, "an element tagged is missing from the structure tree");
            if (!f.failed) rewrite_pages(&f, tree_root);
        }
        if (!f.failed) name_cid_maps(&f);
        if (!f.failed) finish_document(&f, info);
        if (!f.failed)
            rc = pdf_write_to(&doc, PDF_DEFLATE_LEVEL, write, closure, err, errlen);
    }
    free(f.arts);
    pdf_free(&doc);
    return f.failed ? -1 : rc;
}
