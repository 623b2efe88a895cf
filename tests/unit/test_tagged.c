/* Unit tests of the tagged PDF (runtime/layout/tagged.c and the tags
 * render.c draws): the content-stream rewrite of artifacts, the structure
 * tree of a document read back with pdfinfo -struct-text, the catalog and
 * metadata read with qpdf, and byte-identical output. */
#include "unit.h"
#include "unit_layout.h"

#include "layout/layout.h"
#include "layout/tagged.h"

#include <glib.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- the content-stream rewrite ---- */

static char *rewrite(const char *in, size_t len, int *found) {
    static const int mcids[] = { 0, 2, 3, 4, 7 };
    static const ArtifactKind kinds[] = { ARTIFACT_HEADER, ARTIFACT_FOOTER, ARTIFACT_LAYOUT,
                                          ARTIFACT_WATERMARK, ARTIFACT_PAGINATION };
    size_t outlen;
    unsigned char *out = tagged_rewrite_artifacts((const unsigned char *)in, len, mcids, kinds, 5,
                                                  &outlen, found);
    char *s = g_strndup((const char *)out, outlen);
    free(out);
    return s;
}

TEST(rewrite_marks_the_named_artifacts_and_nothing_else) {
    static const char in[] =
        "/Private << /MCID 0 >> BDC\nBT (x) Tj ET\nEMC\n"
        "/P << /MCID 1 >> BDC\nBT [(/Private << /MCID 2 >> BDC \\) \\( \\\\)] TJ ET\nEMC\n"
        "% /Private << /MCID 2 >> BDC in a comment\n"
        "<2F50726976617465> Tj\n"
        "/Private<</MCID 3>>BDC q 1 0 0 1 0 0 cm Q EMC\n"
        "BI /W 2 /H 1 /BPC 8 /CS /G ID \001/Private << /MCID 4 >> BDC\nEI\n"
        "/Private << /MCID 5 >> BDC EMC\n"
        "/Private << /MCID 7 >>\nBDC EMC\n";
    int found;
    char *out = rewrite(in, sizeof in - 1, &found);
    CHECK_INT(found, 3);
    CHECK(strstr(out, "/Artifact << /Type /Pagination /Subtype /Header >> BDC\nBT (x) Tj ET") != NULL);
    CHECK(strstr(out, "[(/Private << /MCID 2 >> BDC \\) \\( \\\\)] TJ") != NULL);
    CHECK(strstr(out, "% /Private << /MCID 2 >> BDC in a comment") != NULL);
    CHECK(strstr(out, "/Artifact << /Type /Layout >> BDC q 1 0 0 1 0 0 cm Q EMC") != NULL);
    CHECK(strstr(out, "ID \001/Private << /MCID 4 >> BDC\nEI") != NULL);
    CHECK(strstr(out, "/Private << /MCID 5 >> BDC EMC") != NULL);
    CHECK(strstr(out, "/Artifact << /Type /Pagination >> BDC EMC") != NULL);
    CHECK(strstr(out, "/Watermark") == NULL);
    g_free(out);
}

TEST(rewrite_copies_broken_content_as_it_is) {
    static const char *cases[] = {
        "(unterminated /Private << /MCID 0 >> BDC",
        "<unterminated hex /Private << /MCID 0 >> BDC",
        "/Private << /MCID",
        "/Private << /MCID 99999999999 >> BDC",
        "BI /W 1 ID xx /Private << /MCID 0 >> BDC",
        "",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int found = -1;
        char *out = rewrite(cases[i], strlen(cases[i]), &found);
        CHECK_INT(found, 0);
        CHECK_STR(out, cases[i]);
        g_free(out);
    }
}

/* ---- documents ---- */

static void draw_box(cairo_t *cr, double w, double h, void *ud) {
    cairo_rectangle(cr, 10, 10, w / 2, h - 20);
    cairo_stroke(cr);
}

/* A document with every kind of block: headings, paragraphs, a list, a
 * table with a header row and one without, figures with and without an
 * alternative text, a rule, and a paragraph long enough to run onto the
 * next page. */
static Doc *sample(const char *lang, int draft) {
    DocInfo info = { .paper = PAPER_A4, .lang = lang, .title = "Sample report",
                     .author = "Dr. Test", .header_left = "Running head",
                     .header_right = "Confidential", .footer_page_numbers = 1,
                     .page_format = "page %d of %d", .draft = draft };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    if (!d) return NULL;
    doc_heading(d, 1, "Report title", LOC_NONE);
    Run p1 = { "A first paragraph of plain text.", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &p1, 1, PARA_JUSTIFY);
    doc_heading(d, 2, "Details", LOC_NONE);
    Run i1 = { "\u2022\tFirst item", RUN_PLAIN, LOC_NONE, 0, NULL }, i2 = { "\u2022\tSecond item", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &i1, 1, PARA_LEFT | PARA_HANGING);
    doc_paragraph(d, &i2, 1, PARA_LEFT | PARA_HANGING);
    TableColumn head[2] = { { .title = "Scale", .rel_width = 2, .align = ALIGN_LEFT },
                            { .title = "Score", .rel_width = 1, .align = ALIGN_RIGHT } };
    Run cells[4] = { { "Anxiety", RUN_PLAIN, LOC_NONE, 0, NULL }, { "12", RUN_PLAIN, LOC_NONE, 0, NULL },
                     { "Mood", RUN_PLAIN, LOC_NONE, 0, NULL }, { "7", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_table(d, head, 2, cells, 2);
    TableColumn bare[2] = { { .title = "", .rel_width = 1, .align = ALIGN_LEFT },
                            { .title = "", .rel_width = 3, .align = ALIGN_LEFT } };
    Run kv[2] = { { "Patient", RUN_BOLD, LOC_NONE, 0, NULL }, { "Jane Doe", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_table(d, bare, 2, kv, 1);
    doc_alt_text(d, "A box drawn for the test");
    doc_figure(d, 80, draw_box, NULL);
    doc_alt_text(d, NULL);
    doc_figure(d, 40, draw_box, NULL);
    doc_rule(d);
    GString *lots = g_string_new("");
    for (int i = 0; i < 160; i++) g_string_append(lots, "Words that fill the page and run on. ");
    Run p2 = { lots->str, RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &p2, 1, PARA_JUSTIFY);
    g_string_free(lots, TRUE);
    Run p3 = { "The last paragraph.", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &p3, 1, PARA_JUSTIFY);
    return d;
}

/* The element names of pdfinfo -struct-text's tree, one a line, indented. */
static char *elements(const char *pdf) {
    char *tree = run("pdfinfo -struct-text '%s' 2>&1", pdf);
    GString *out = g_string_new("");
    for (char *line = strtok(tree, "\n"); line; line = strtok(NULL, "\n")) {
        char *p = line + strspn(line, " ");
        if (*p == '"' || *p == '/') continue;
        size_t n = strcspn(p, " :");
        g_string_append_printf(out, "%.*s%.*s\n", (int)(p - line), line, (int)n, p);
    }
    g_free(tree);
    return g_string_free(out, FALSE);
}

TEST(structure_tree_in_reading_order) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    Doc *d = sample("en", 0);
    CHECK(d != NULL);
    if (!d) return;
    const char *pdf = path_in("sample.pdf");
    char err[256];
    CHECK_INT(doc_write_pdf(d, pdf, NULL, err, sizeof err), 0);
    CHECK_INT(doc_page_count(d), 2);
    doc_free(d);
    char *tree = elements(pdf);
    CHECK_STR(tree,
        "Document\n"
        "  H1\n"
        "  P\n"
        "  H2\n"
        "  L\n"
        "    LI\n      Lbl\n      LBody\n"
        "    LI\n      Lbl\n      LBody\n"
        "  Table\n"
        "    TR\n      TH\n      TH\n"
        "    TR\n      TD\n      TD\n"
        "    TR\n      TD\n      TD\n"
        "  Table\n"
        "    TR\n      TH\n      TD\n"
        "  Figure\n"
        "  Figure\n"
        "  P\n    Span\n    Span\n"
        "  P\n");
    g_free(tree);
    char *text = run("pdfinfo -struct-text '%s'", pdf);
    CHECK(strstr(text, "\"Report title\"") != NULL);
    CHECK(strstr(text, "\"\xe2\x80\xa2\"") != NULL);          /* the label */
    CHECK(strstr(text, "\"First item\"") != NULL);           /* the body */
    CHECK(strstr(text, "/Scope /Column") != NULL);
    CHECK(strstr(text, "/Scope /Row") != NULL);
    CHECK(strstr(text, "Running head") == NULL);             /* artifacts */
    CHECK(strstr(text, "Confidential") == NULL);
    CHECK(strstr(text, "page 1 of 2") == NULL);
    g_free(text);
    char *check = run("qpdf --check '%s' 2>&1; echo \"exit $?\"", pdf);
    CHECK(strstr(check, "No syntax or stream encoding errors") != NULL);
    CHECK(strstr(check, "exit 0") != NULL);
    g_free(check);
}

TEST(catalog_metadata_alternative_text_and_artifacts) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    Doc *d = sample("fr", 1);
    CHECK(d != NULL);
    if (!d) return;
    const char *pdf = path_in("fr.pdf"), *qdf = path_in("fr.qdf");
    char err[256];
    CHECK_INT(doc_write_pdf(d, pdf, NULL, err, sizeof err), 0);
    doc_free(d);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' '%s'", pdf, qdf);
    CHECK_INT(system(cmd), 0);
    char *q = run("cat '%s'", qdf);
    CHECK(strstr(q, "/Lang (fr)") != NULL);
    CHECK(strstr(q, "/DisplayDocTitle true") != NULL);
    CHECK(strstr(q, "/Marked true") != NULL);
    CHECK(strstr(q, "/Type /Metadata") != NULL);
    CHECK(strstr(q, "<pdfuaid:part>1</pdfuaid:part>") != NULL);
    CHECK(strstr(q, "<rdf:li xml:lang=\"x-default\">Sample report</rdf:li>") != NULL);
    CHECK(strstr(q, "<dc:language><rdf:Bag><rdf:li>fr</rdf:li></rdf:Bag></dc:language>") != NULL);
    CHECK(strstr(q, "<xmp:CreateDate>2027-01-15T08:00:00Z</xmp:CreateDate>") != NULL);
    CHECK(strstr(q, "/CreationDate (D:20270115080000Z)") != NULL);
    CHECK(strstr(q, "/Alt (A box drawn for the test)") != NULL);
    const char *first = strstr(q, "/Alt ");
    CHECK(first && !strstr(first + 1, "/Alt "));              /* one figure has none */
    CHECK(strstr(q, "/S /Private") == NULL);
    CHECK(strstr(q, "/Private <<") == NULL);
    CHECK(strstr(q, "/Artifact << /Type /Pagination /Subtype /Header >> BDC") != NULL);
    CHECK(strstr(q, "/Artifact << /Type /Pagination /Subtype /Footer >> BDC") != NULL);
    CHECK(strstr(q, "/Artifact << /Type /Pagination /Subtype /Watermark >> BDC") != NULL);
    CHECK(strstr(q, "/Artifact << /Type /Layout >> BDC") != NULL);
    g_free(q);
    char *info = run("pdfinfo '%s'", pdf);
    CHECK(strstr(info, "Tagged:          yes") != NULL);
    CHECK(strstr(info, "Metadata Stream: yes") != NULL);
    g_free(info);
}

static cairo_status_t to_string(void *closure, const unsigned char *data, unsigned int len) {
    g_string_append_len(closure, (const char *)data, len);
    return CAIRO_STATUS_SUCCESS;
}

TEST(same_input_same_bytes) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    GString *pdf[2];
    for (int i = 0; i < 2; i++) {
        pdf[i] = g_string_new("");
        Doc *d = sample("en", 1);
        CHECK(d != NULL);
        if (!d) return;
        char err[256];
        CHECK_INT(doc_write_stream(d, to_string, pdf[i], err, sizeof err), 0);
        doc_free(d);
    }
    CHECK(pdf[0]->len > 1000);
    CHECK(pdf[0]->len == pdf[1]->len && !memcmp(pdf[0]->str, pdf[1]->str, pdf[0]->len));
    for (int i = 0; i < 2; i++) g_string_free(pdf[i], TRUE);
}

/* A long file's structure elements are left in cairo's file by the
 * finishing pass, each read again when it is completed and when it is
 * written, and let go after: the same bytes as when all are held. */
TEST(elements_left_in_the_file_write_the_same_bytes) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    GString *pdf[2];
    int held = pdf_held_objects;
    for (int i = 0; i < 2; i++) {
        pdf[i] = g_string_new("");
        pdf_held_objects = i ? 0 : held;      /* the second leaves every element */
        Doc *d = sample("en", 1);
        CHECK(d != NULL);
        if (!d) return;
        char err[256];
        CHECK_INT(doc_write_stream(d, to_string, pdf[i], err, sizeof err), 0);
        doc_free(d);
    }
    pdf_held_objects = held;
    CHECK(pdf[0]->len > 1000);
    CHECK(pdf[0]->len == pdf[1]->len && !memcmp(pdf[0]->str, pdf[1]->str, pdf[0]->len));
    for (int i = 0; i < 2; i++) g_string_free(pdf[i], TRUE);
}

TEST(heading_levels_start_at_one_and_skip_none) {
    DocInfo info = { .paper = PAPER_A4, .lang = "en", .title = "Letter" };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    CHECK(d != NULL);
    if (!d) return;
    Run p = { "Text.", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_heading(d, 2, "First", LOC_NONE);          /* a letter's sections are level 2 */
    doc_paragraph(d, &p, 1, PARA_LEFT);
    doc_heading(d, 4, "Skipped a level", LOC_NONE);
    doc_paragraph(d, &p, 1, PARA_LEFT);
    doc_heading(d, 3, "Third", LOC_NONE);
    doc_paragraph(d, &p, 1, PARA_LEFT);
    const char *pdf = path_in("headings.pdf");
    CHECK_INT(doc_write_pdf(d, pdf, NULL, err, sizeof err), 0);
    doc_free(d);
    char *tree = elements(pdf);
    CHECK_STR(tree, "Document\n  H1\n  P\n  H2\n  P\n  H2\n  P\n");
    g_free(tree);
}
