/* tagged: structure tags and the pass that completes them; see tagged.h. */
#include "layout/tagged.h"

#include "base/arena.h"

#include <glib.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The structure type that stands for an artifact until tagged_finish():
 * cairo accepts only standard types, and formc uses Private for nothing
 * else. */
#define ARTIFACT_STAND_IN "Private"

/* What cairo cannot write about one element. */
typedef struct {
    char type[12];       /* the structure type given to cairo */
    char *alt;           /* a Figure's alternative text, or NULL */
    int scope;           /* a TH's HeaderScope */
    int artifact;        /* the ArtifactKind of a stand-in, or -1 */
    int parent;          /* the enclosing open element, or -1 */
} Note;

struct Tagger {
    cairo_t *cr;
    Note *notes;         /* one per element, in the order opened */
    int n, cap;
    int current;         /* the innermost open element, or -1 */
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
    for (int i = 0; i < t->n; i++) free(t->notes[i].alt);
    free(t->notes);
    free(t);
}

/* Notes an element of type and opens it in cairo. */
static Note *open_note(Tagger *t, const char *type) {
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->notes = xrealloc(t->notes, (size_t)t->cap * sizeof *t->notes);
    }
    Note *note = &t->notes[t->n];
    memset(note, 0, sizeof *note);
    snprintf(note->type, sizeof note->type, "%s", type);
    note->artifact = -1;
    note->parent = t->current;
    t->current = t->n++;
    cairo_tag_begin(t->cr, note->type, "");
    return note;
}

void tagger_open(Tagger *t, const char *type) { open_note(t, type); }

void tagger_figure(Tagger *t, const char *alt) {
    Note *note = open_note(t, "Figure");
    if (alt && *alt) note->alt = xstrdup(alt);
}

void tagger_header_cell(Tagger *t, HeaderScope scope) {
    open_note(t, "TH")->scope = (int)scope;
}

void tagger_artifact(Tagger *t, ArtifactKind kind) {
    open_note(t, ARTIFACT_STAND_IN)->artifact = (int)kind;
}

void tagger_close(Tagger *t) {
    if (t->current < 0) return;
    cairo_tag_end(t->cr, t->notes[t->current].type);
    t->current = t->notes[t->current].parent;
}

/* ---- content streams ---- */

static int is_white(unsigned char c) {
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static int is_delim(unsigned char c) { return c && strchr("()<>[]{}/%", c) != NULL; }

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
    size_t i = 0;
    while (i < len) {
        if (is_white(in[i])) {
            put(&out, in + i++, 1);
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
                put(&out, op, strlen(op));
                (*found)++;
                i = end;
                continue;
            }
        }
        if (token_is(in, i, e, "BI")) e = inline_image_end(in, len, e);
        put(&out, in + i, e - i);
        i = e;
    }
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
    qpdf_data q;
    const Tagger *t;
    int next;            /* the next note to match */
    Artifact *arts;
    int narts, cap;
    char *err;
    size_t errlen;
    int failed;
} Finish;

/* dict's value for k, or a null object when dict is not a dictionary (so
 * that a look-up along a chain never makes qpdf complain). */
static qpdf_oh key(qpdf_data q, qpdf_oh dict, const char *k) {
    return qpdf_oh_is_dictionary(q, dict) ? qpdf_oh_get_key(q, dict, k) : qpdf_oh_new_null(q);
}

static void fail(Finish *f, const char *what) {
    if (f->failed) return;
    f->failed = 1;
    if (qpdf_has_error(f->q))
        snprintf(f->err, f->errlen, "%s: %s", what,
                 qpdf_get_error_full_text(f->q, qpdf_get_error(f->q)));
    else
        snprintf(f->err, f->errlen, "%s", what);
}

/* Notes where an artifact's content is, for the page rewrite. */
static void note_artifact(Finish *f, qpdf_oh elem, const Note *note) {
    qpdf_data q = f->q;
    qpdf_oh k = qpdf_oh_get_key(q, elem, "/K");
    qpdf_oh pg = qpdf_oh_get_key(q, elem, "/Pg");
    if (!qpdf_oh_is_integer(q, k) || !qpdf_oh_is_dictionary(q, pg)) {
        fail(f, "an artifact is not one piece of marked content");
        return;
    }
    if (f->narts == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 32;
        f->arts = xrealloc(f->arts, (size_t)f->cap * sizeof *f->arts);
    }
    f->arts[f->narts++] = (Artifact){ qpdf_oh_get_object_id(q, pg),
                                      qpdf_oh_get_int_value_as_int(q, k),
                                      (ArtifactKind)note->artifact };
}

/* Completes the elements below node, in the order they were opened, and
 * takes the artifacts out. */
static void walk(Finish *f, qpdf_oh node, int depth) {
    qpdf_data q = f->q;
    if (depth > 64) {
        fail(f, "the structure tree is too deep");
        return;
    }
    qpdf_oh kids = qpdf_oh_get_key(q, node, "/K");
    int array = qpdf_oh_is_array(q, kids);
    int n = array ? qpdf_oh_get_array_n_items(q, kids) : 1;
    int *stand_ins = NULL, nstand = 0;    /* their places in kids */
    for (int i = 0; i < n && !f->failed; i++) {
        qpdf_oh kid = array ? qpdf_oh_get_array_item(q, kids, i) : kids;
        /* marked-content identifiers and references are not elements */
        if (!qpdf_oh_is_dictionary(q, kid)) continue;
        qpdf_oh s = qpdf_oh_get_key(q, kid, "/S");
        if (!qpdf_oh_is_name(q, s)) continue;
        if (f->next >= f->t->n) {
            fail(f, "the structure tree has more elements than were tagged");
            break;
        }
        const Note *note = &f->t->notes[f->next++];
        const char *type = qpdf_oh_get_name(q, s);
        if (type[0] != '/' || strcmp(type + 1, note->type)) {
            fail(f, "the structure tree is not in the order it was tagged");
            break;
        }
        if (note->artifact >= 0) {
            note_artifact(f, kid, note);
            if (!nstand) stand_ins = xmalloc(sizeof *stand_ins * (size_t)n);
            stand_ins[nstand++] = i;
            continue;
        }
        if (note->alt)
            qpdf_oh_replace_key(q, kid, "/Alt", qpdf_oh_new_unicode_string(q, note->alt));
        if (!strcmp(note->type, "TH"))
            qpdf_oh_replace_key(q, kid, "/A", qpdf_oh_parse(q, note->scope == SCOPE_ROW
                ? "<< /O /Table /Scope /Row >>" : "<< /O /Table /Scope /Column >>"));
        walk(f, kid, depth + 1);
    }
    if (nstand && !f->failed) {
        if (!array) qpdf_oh_replace_key(q, node, "/K", qpdf_oh_new_array(q));
        else
            for (int k = nstand - 1; k >= 0; k--) qpdf_oh_erase_item(q, kids, stand_ins[k]);
    }
    free(stand_ins);
}

/* The parent tree's array for a page's marked content, or a null handle. */
static qpdf_oh page_parents(qpdf_data q, qpdf_oh tree_root, qpdf_oh page) {
    qpdf_oh nums = key(q, key(q, tree_root, "/ParentTree"), "/Nums");
    qpdf_oh parents = key(q, page, "/StructParents");
    int n = qpdf_oh_is_array(q, nums) ? qpdf_oh_get_array_n_items(q, nums) : 0;
    if (qpdf_oh_is_integer(q, parents))
        for (int i = 0; i + 1 < n; i += 2)
            if (qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, i)) ==
                qpdf_oh_get_int_value(q, parents))
                return qpdf_oh_get_array_item(q, nums, i + 1);
    return qpdf_oh_new_null(q);
}

/* Rewrites one content stream of a page; returns the artifacts found. */
static int rewrite_stream(Finish *f, qpdf_oh stream, const int *mcids,
                          const ArtifactKind *kinds, int n) {
    qpdf_data q = f->q;
    QPDF_BOOL filtered = QPDF_FALSE;
    unsigned char *data = NULL;
    size_t len = 0;
    if (!qpdf_oh_is_stream(q, stream) ||
        (qpdf_oh_get_stream_data(q, stream, qpdf_dl_generalized, &filtered, &data, &len) &
         QPDF_ERRORS) || !filtered) {
        free(data);
        fail(f, "a page's content cannot be read");
        return 0;
    }
    size_t outlen;
    int found;
    unsigned char *out = tagged_rewrite_artifacts(data, len, mcids, kinds, n, &outlen, &found);
    free(data);
    if (found)
        qpdf_oh_replace_stream_data(q, stream, out, outlen, qpdf_oh_new_null(q),
                                    qpdf_oh_new_null(q));
    free(out);
    return found;
}

/* Marks each page's artifacts as such in its content and takes their
 * marked-content identifiers out of the parent tree. */
static void rewrite_pages(Finish *f, qpdf_oh tree_root) {
    qpdf_data q = f->q;
    int npages = qpdf_get_num_pages(q);
    int *mcids = xmalloc(sizeof *mcids * (size_t)(f->narts + 1));
    ArtifactKind *kinds = xmalloc(sizeof *kinds * (size_t)(f->narts + 1));
    for (int p = 0; p < npages && !f->failed; p++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)p);
        int id = qpdf_oh_get_object_id(q, page), n = 0;
        for (int i = 0; i < f->narts; i++)
            if (f->arts[i].page == id) {
                mcids[n] = f->arts[i].mcid;
                kinds[n++] = f->arts[i].kind;
            }
        if (!n) continue;
        qpdf_oh contents = key(q, page, "/Contents");
        int found = 0;
        if (qpdf_oh_is_array(q, contents))
            for (int i = 0; i < qpdf_oh_get_array_n_items(q, contents); i++)
                found += rewrite_stream(f, qpdf_oh_get_array_item(q, contents, i), mcids, kinds, n);
        else
            found = rewrite_stream(f, contents, mcids, kinds, n);
        if (!f->failed && found != n) fail(f, "an artifact is missing from its page's content");
        qpdf_oh parents = page_parents(q, tree_root, page);
        if (qpdf_oh_is_array(q, parents))
            for (int i = 0; i < n; i++)
                if (mcids[i] < qpdf_oh_get_array_n_items(q, parents))
                    qpdf_oh_set_array_item(q, parents, mcids[i], qpdf_oh_new_null(q));
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
    qpdf_data q = f->q;
    int npages = qpdf_get_num_pages(q);
    for (int p = 0; p < npages; p++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)p);
        qpdf_oh fonts = key(q, key(q, page, "/Resources"), "/Font");
        if (!qpdf_oh_is_dictionary(q, fonts)) continue;
        qpdf_oh_begin_dict_key_iter(q, fonts);
        while (qpdf_oh_dict_more_keys(q)) {
            qpdf_oh font = qpdf_oh_get_key(q, fonts, qpdf_oh_dict_next_key(q));
            qpdf_oh descendants = key(q, font, "/DescendantFonts");
            if (!qpdf_oh_is_array(q, descendants)) continue;
            qpdf_oh cid = qpdf_oh_get_array_item(q, descendants, 0);
            if (qpdf_oh_is_dictionary(q, cid) &&
                qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, cid, "/Subtype"), "/CIDFontType2") &&
                !qpdf_oh_has_key(q, cid, "/CIDToGIDMap"))
                qpdf_oh_replace_key(q, cid, "/CIDToGIDMap", qpdf_oh_new_name(q, "/Identity"));
        }
    }
}

/* The catalog's and the information dictionary's part. */
static void finish_document(Finish *f, const TaggedInfo *info) {
    qpdf_data q = f->q;
    qpdf_oh root = qpdf_get_root(q);
    if (info->lang && *info->lang)
        qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, info->lang));
    qpdf_oh_replace_key(q, root, "/MarkInfo", qpdf_oh_parse(q, "<< /Marked true >>"));
    qpdf_oh_replace_key(q, root, "/ViewerPreferences",
                        qpdf_oh_parse(q, "<< /DisplayDocTitle true >>"));
    qpdf_oh docinfo = key(q, qpdf_get_trailer(q), "/Info");
    char date[24];
    if (qpdf_oh_is_dictionary(q, docinfo) && pdf_date(info->date, date)) {
        qpdf_oh_replace_key(q, docinfo, "/CreationDate", qpdf_oh_new_string(q, date));
        qpdf_oh_replace_key(q, docinfo, "/ModDate", qpdf_oh_new_string(q, date));
    }
    qpdf_oh producer = key(q, docinfo, "/Producer");
    char *made_by = qpdf_oh_is_string(q, producer)
        ? xstrdup(qpdf_oh_get_utf8_value(q, producer)) : NULL;
    GString *xmp = xmp_packet(info, made_by);
    free(made_by);
    qpdf_oh meta = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, meta, (const unsigned char *)xmp->str, xmp->len,
                                qpdf_oh_new_null(q), qpdf_oh_new_null(q));
    g_string_free(xmp, TRUE);
    qpdf_oh dict = qpdf_oh_get_dict(q, meta);
    qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/Metadata"));
    qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/XML"));
    qpdf_oh_replace_key(q, root, "/Metadata", meta);
}

int tagged_finish(const unsigned char *pdf, size_t len, const Tagger *t,
                  const TaggedInfo *info, unsigned char **out, size_t *outlen,
                  char *err, size_t errlen) {
    Finish f = { .q = qpdf_init(), .t = t, .err = err, .errlen = errlen };
    qpdf_data q = f.q;
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);   /* nothing of qpdf's reaches the user */
    *out = NULL;
    *outlen = 0;
    if (qpdf_read_memory(q, "the PDF", (const char *)pdf, (unsigned long long)len, NULL) &
        QPDF_ERRORS) {
        fail(&f, "cannot read the PDF cairo wrote");
    } else {
        qpdf_oh tree_root = key(q, qpdf_get_root(q), "/StructTreeRoot");
        if (qpdf_oh_is_dictionary(q, tree_root)) {
            walk(&f, tree_root, 0);
            if (!f.failed && f.next != t->n) fail(&f, "an element tagged is missing from the structure tree");
            if (!f.failed) rewrite_pages(&f, tree_root);
        }
        if (!f.failed) name_cid_maps(&f);
        if (!f.failed) finish_document(&f, info);
        if (!f.failed && qpdf_has_error(q)) fail(&f, "cannot complete the tagged PDF");
    }
    if (!f.failed) {
        qpdf_init_write_memory(q);
        qpdf_set_deterministic_ID(q, QPDF_TRUE);
        qpdf_set_decode_level(q, qpdf_dl_none);
        qpdf_set_object_stream_mode(q, qpdf_o_generate);
        qpdf_set_minimum_pdf_version(q, "1.7");
        if (qpdf_write(q) & QPDF_ERRORS) fail(&f, "cannot write the tagged PDF");
    }
    if (!f.failed) {
        *outlen = qpdf_get_buffer_length(q);
        *out = xmalloc(*outlen ? *outlen : 1);
        memcpy(*out, qpdf_get_buffer(q), *outlen);
    }
    free(f.arts);
    qpdf_cleanup(&q);
    return f.failed ? -1 : 0;
}
