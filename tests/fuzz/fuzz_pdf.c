/* fuzz_pdf.c — the PDF objects reader and writer (layout/pdfobj.h) and the
 * content-stream rewrite of artifacts (layout/tagged.h) on arbitrary bytes.
 *
 * The finishing pass reads only what cairo wrote, but it promises to read
 * strictly and within bounds: anything else is refused with a message,
 * never a crash. A file it reads is changed as the pass changes one (a
 * value set in the catalog, an object and a stream added) and written
 * again, which must give a whole file: the header, a cross-reference
 * stream, the end-of-file marker. The same bytes, read as a page's
 * content, have their artifacts rewritten: with none found, the output
 * must be the input, byte for byte. */
#include "fuzz.h"
#include <stdlib.h>
#include <string.h>
#include "layout/pdfobj.h"
#include "layout/tagged.h"

/* Whether s[0, n) holds word. */
static int holds(const unsigned char *s, size_t n, const char *word) {
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, word, k)) return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    PdfDoc d;
    char err[256];
    if (pdf_read(&d, data, size, err, sizeof err) == 0) {
        PdfValue *root = pdf_get(&d, &d.trailer, "/Root");
        PdfValue *pages = pdf_get(&d, root, "/Pages");
        PdfValue *kids = pdf_get(&d, pages, "/Kids");
        for (int i = 0; kids && kids->kind == PDF_ARRAY && i < kids->n; i++) {
            PdfObject *o = pdf_object(&d, pdf_get_direct(pdf_resolve(&d, &kids->items[i]), "/Contents"));
            unsigned char *bytes;
            size_t len;
            if (o && o->stream && pdf_stream_bytes(&d, o, &bytes, &len) == 0) {
                pdf_replace_stream(&d, o, bytes, len);
                free(bytes);
            }
        }
        int meta = pdf_add_stream(&d, pdf_parse(&d, "<< /Type /Metadata >>"), data, size < 64 ? size : 64, 0);
        pdf_set(&d, root, "/Metadata", pdf_ref(meta));
        pdf_set(&d, root, "/Lang", pdf_text(&d, "fr"));
        unsigned char *out = NULL;
        size_t outlen = 0;
        if (pdf_write(&d, 1, &out, &outlen, err, sizeof err) == 0) {
            if (outlen < 20 || memcmp(out, "%PDF-1.7\n", 9) || memcmp(out + outlen - 6, "%%EOF\n", 6) ||
                !holds(out, outlen, "/Type/XRef"))
                abort();
        }
        free(out);
    }
    pdf_free(&d);
    static const int mcids[] = { 0, 1, 2, 7 };
    static const ArtifactKind kinds[] = { ARTIFACT_HEADER, ARTIFACT_FOOTER, ARTIFACT_LAYOUT,
                                          ARTIFACT_WATERMARK };
    size_t outlen;
    int found;
    unsigned char *out = tagged_rewrite_artifacts(data, size, mcids, kinds, 4, &outlen, &found);
    if (found == 0 && (outlen != size || (size && memcmp(out, data, size)))) abort();
    if (found < 0 || found > (int)(size / 20 + 1)) abort();
    free(out);
    fuzz_done();
    return 0;
}
