/* Unit tests of the layout engine and PDF writer (runtime/layout):
 * pagination, determinism, text round trip, missing-glyph reports, fonts,
 * metadata, safe output. Uses poppler-utils
 * (pdftotext, pdfinfo, pdffonts) and qpdf to inspect the PDFs. */
#include "unit.h"
#include "unit_layout.h"

#include "layout/hyphenate.h"
#include "layout/layout.h"
#include "layout/columns.h"
#include "base/utf8.h"

#include <errno.h>
#include <dirent.h>
#include <pango/pangocairo.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = 0;
    fclose(f);
    return buf;
}

/* The value of "name:" in pdfinfo output (static buffer). */
static const char *field(const char *info, const char *name) {
    static char val[256];
    val[0] = 0;
    for (const char *p = info; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        size_t n = strlen(name);
        if (strncmp(p, name, n) || p[n] != ':') continue;
        p += n + 1;
        while (*p == ' ') p++;
        size_t k = 0;
        while (p[k] && p[k] != '\n' && k < sizeof val - 1) { val[k] = p[k]; k++; }
        val[k] = 0;
        break;
    }
    return val;
}

/* How many pixels of page 1 (rendered in gray at 30 dpi) are light gray,
 * as the DRAFT mark is. */
static long light_gray_pixels(const char *pdf) {
    char prefix[300];
    snprintf(prefix, sizeof prefix, "%s.gray", pdf);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "pdftoppm -gray -r 30 -f 1 -l 1 -singlefile '%s' '%s'",
             pdf, prefix);
    if (system(cmd) != 0) return -1;
    strcat(prefix, ".pgm");
    FILE *f = fopen(prefix, "rb");
    if (!f) return -1;
    int w, h, max;
    long count = 0;
    if (fscanf(f, "P5 %d %d %d", &w, &h, &max) == 3) {
        fgetc(f);
        for (long i = 0; i < (long)w * h; i++) {
            int c = fgetc(f);
            if (c >= 205 && c <= 235) count++;
        }
    }
    fclose(f);
    unlink(prefix);
    return count;
}

static const char *prose[] = {
    "Ms Doe describes a long-standing pattern of self-criticism that "
    "intensified after the redundancy in 2021. Her understanding is that "
    "she must anticipate every possible disappointment in others, and her "
    "characteristic response to interpersonal uncertainty is withdrawal, "
    "rumination and overcompensation at work. These strategies were "
    "protective in an unpredictable household, yet they now maintain "
    "exhaustion, irritability and the conviction of being fundamentally "
    "inadequate.",
    "Precipitating factors include the recent relocation, the loss of her "
    "professional identity and the deterioration of her father's health. "
    "Perpetuating factors comprise hypervigilance to criticism, avoidance "
    "of emotionally significant conversations, perfectionistic standards "
    "and irregular sleep. Protective factors are considerable: a supportive "
    "partner, longstanding friendships, intellectual curiosity and a "
    "demonstrated capacity for reflective, collaborative therapeutic work.",
    "The working hypothesis, developed collaboratively during sessions "
    "three to six, links early experiences of conditional acceptance with "
    "the belief that mistakes are intolerable. Behavioural experiments "
    "will test predictions about others' reactions; compassion-focused "
    "interventions will address the internalised critical voice; and "
    "interpersonal work will explore the relationship between unmet needs "
    "and the escalation of conflict within the family.",
};

static int figure_calls;
static double figure_w, figure_h;

static void draw_figure(cairo_t *cr, double w, double h, void *ud) {
    figure_calls++;
    figure_w = w;
    figure_h = h;
    cairo_set_source_rgb(cr, 0.2, 0.4, 0.7);
    cairo_set_line_width(cr, 1.5);
    cairo_rectangle(cr, 10, 10, w / 3, h - 20);
    cairo_stroke(cr);
    cairo_move_to(cr, w / 3 + 10, h / 2);
    cairo_line_to(cr, 2 * w / 3 - 10, h / 2);
    cairo_stroke(cr);
    cairo_rectangle(cr, 2 * w / 3, 10, w / 3 - 10, h - 20);
    cairo_stroke(cr);
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string("Noto Sans 9");
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, "Core belief → safety behaviours", -1);
    cairo_move_to(cr, 16, 16);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
}

typedef struct {
    int calls;
    Loc origin;
    size_t offset;
    char ch[8];
} Missing;

static void on_missing(void *ud, Loc origin, const char *text, size_t off) {
    Missing *m = ud;
    m->calls++;
    m->origin = origin;
    m->offset = off;
    int n = utf8_step(text, off, strlen(text));
    memcpy(m->ch, text + off, (size_t)n);
    m->ch[n] = 0;
}

/* A document set up from INFO, or NULL after a failed check that says
 * why doc_new refused it. */
static Doc *new_doc(const DocInfo *info) {
    char err[256];
    Doc *d = doc_new(info, err, sizeof err);
    if (!d) UNIT_FAIL("doc_new: %s", err);
    return d;
}

/* A multi-page report: headings, long justified paragraphs, a 60-row
 * table, a figure. */
static Doc *build_report(Missing *m, int draft) {
    DocInfo info = {
        .paper = PAPER_A4, .lang = "en",
        .title = "Case formulation — Jane Doe", .author = "Dr A. Clinician",
        .subject = "Formulation report",
        .header_left = "Jane Doe", .header_right = "P-0142 · Confidential",
        .footer_page_numbers = 1, .page_format = "page %d of %d",
        .draft = draft, .missing_glyph = on_missing, .missing_ud = m,
    };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    if (!d) { printf("doc_new: %s\n", err); return NULL; }
    doc_heading(d, 1, "Case formulation", LOC_NONE);
    Run intro[] = {
        { "Referral. ", RUN_BOLD, LOC_NONE, 0, NULL },
        { prose[0], RUN_PLAIN, LOC_NONE, 0, NULL },
        { " Literal text stays literal: <b> & é Ελένη Ирина محمد שרה 李明.",
          RUN_PLAIN, LOC_NONE, 0, NULL },
    };
    doc_paragraph(d, intro, 3, PARA_JUSTIFY);
    for (int s = 0; s < 4; s++) {
        char h[64];
        snprintf(h, sizeof h, "Section %d: maintaining factors", s + 1);
        doc_heading(d, 2, h, LOC_NONE);
        for (int p = 0; p < 3; p++) {
            Run r[] = { { prose[(s + p) % 3], p == 1 ? RUN_PLAIN : RUN_PLAIN, LOC_NONE, 0, NULL },
                        { " (see the table below).", RUN_ITALIC, LOC_NONE, 0, NULL } };
            doc_paragraph(d, r, 2, p ? PARA_INDENT : 0);
        }
    }
    doc_heading(d, 1, "Session measures", LOC_NONE);
    TableColumn cols[] = {
        { "Session", 1, ALIGN_RIGHT, 0 },
        { "Date", 2, ALIGN_LEFT, 0 },
        { "PHQ-9", 1, ALIGN_RIGHT, 0 },
        { "GAD-7", 1, ALIGN_RIGHT, 0 },
        { "Notes", 5, ALIGN_LEFT, 0 },
    };
    static char texts[60][5][96];
    static Run cells[60 * 5];
    for (int r = 0; r < 60; r++) {
        snprintf(texts[r][0], 96, "%d", r + 1);
        snprintf(texts[r][1], 96, "2026-%02d-%02d", 1 + r / 28, 1 + r % 28);
        snprintf(texts[r][2], 96, "%d", (r * 7) % 27);
        snprintf(texts[r][3], 96, "%d", (r * 5) % 21);
        snprintf(texts[r][4], 96, r % 7 == 3
                 ? "Homework reviewed; behavioural experiment planned for the coming week"
                 : "Homework reviewed");
        for (int c = 0; c < 5; c++)
            cells[r * 5 + c] = (Run){ texts[r][c], RUN_PLAIN, LOC_NONE, 0, NULL };
    }
    doc_table(d, cols, 5, cells, 60);
    doc_heading(d, 1, "Formulation diagram", LOC_NONE);
    doc_figure(d, 220, draw_figure, NULL);
    Run end[] = { { prose[2], RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, end, 1, 0);
    return d;
}

TEST(report_has_several_pages_and_checks_clean) {
    Missing m = { 0 };
    Doc *d = build_report(&m, 0);
    CHECK(d != NULL);
    if (!d) return;
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    char err[512];
    const char *out = path_in("report.pdf");
    figure_calls = 0;
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    CHECK(doc_page_count(d) > 1);
    CHECK_INT(figure_calls, 1);
    CHECK_NEAR(figure_w, doc_text_width(d), 1e-9);
    CHECK_NEAR(figure_h, 220, 1e-9);
    CHECK_INT(m.calls, 0);
    char *info = run("pdfinfo '%s' 2>&1", out);
    CHECK_INT(atoi(field(info, "Pages")), doc_page_count(d));
    CHECK_STR(field(info, "Title"), "Case formulation — Jane Doe");
    CHECK_STR(field(info, "Author"), "Dr A. Clinician");
    CHECK_STR(field(info, "Subject"), "Formulation report");
    CHECK_STR(field(info, "Creator"), "formc");
    CHECK_STR(field(info, "CreationDate"), "Fri Jan 15 08:00:00 2027 UTC");
    CHECK_STR(field(info, "ModDate"), "Fri Jan 15 08:00:00 2027 UTC");
    CHECK_STR(field(info, "Page size"), "595.276 x 841.89 pts (A4)");
    free(info);
    char *check = run("qpdf --check '%s' 2>&1", out);
    CHECK(strstr(check, "No syntax or stream encoding errors found") != NULL);
    free(check);
    /* every font embedded and subset */
    char *fonts = run("pdffonts '%s' | tail -n +3", out);
    int lines = 0;
    for (char *line = strtok(fonts, "\n"); line; line = strtok(NULL, "\n")) {
        lines++;
        CHECK(strstr(line, " yes yes ") != NULL);
        CHECK(strstr(line, "+Noto") || strstr(line, "+WenQuanYi") ||
              strstr(line, "+DejaVu"));
    }
    CHECK(lines >= 4);
    free(fonts);
    /* outline: one entry per heading */
    char *outline = run("qpdf --json --json-key=outlines '%s'", out);
    CHECK(strstr(outline, "Case formulation") != NULL);
    CHECK(strstr(outline, "Section 4: maintaining factors") != NULL);
    CHECK(strstr(outline, "Formulation diagram") != NULL);
    free(outline);
    /* the table header repeats on each page the table spans */
    char *text = run("pdftotext -layout '%s' - | grep -c 'Session  *Date  *PHQ-9'", out);
    CHECK(atoi(text) >= 2);
    free(text);
    struct stat st;
    CHECK(stat(out, &st) == 0 && (st.st_mode & 0777) == 0600);
    doc_free(d);
}

/* The text of each page (split at form feeds), from pdftotext. */
static int page_texts(const char *pdf, char ***pages) {
    char *all = run("pdftotext '%s' -", pdf);
    int n = 0;
    *pages = NULL;
    char *p = all;
    for (;;) {
        char *ff = strchr(p, '\f');
        if (!ff) break;
        *ff = 0;
        *pages = realloc(*pages, (size_t)(n + 1) * sizeof **pages);
        (*pages)[n++] = strdup(p);
        p = ff + 1;
    }
    free(all);
    return n;
}

TEST(headings_never_end_a_page_and_no_single_lines) {
    /* Headings and paragraphs of varying lengths so that breaks fall in
     * many different places. */
    DocInfo info = { .paper = PAPER_LETTER, .lang = "en",
                     .footer_page_numbers = 1, .page_format = "page %d of %d" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    for (int i = 0; i < 40; i++) {
        char h[32];
        snprintf(h, sizeof h, "Heading number %d", i);
        doc_heading(d, 1 + i % 2, h, LOC_NONE);
        Run r[] = { { prose[i % 3], RUN_PLAIN, LOC_NONE, 0, NULL },
                    { i % 4 ? "" : prose[(i + 1) % 3], RUN_PLAIN, LOC_NONE, 0, NULL } };
        doc_paragraph(d, r, 2, 0);
    }
    const char *out = path_in("headings.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    char **pages;
    int n = page_texts(out, &pages);
    CHECK_INT(n, doc_page_count(d));
    CHECK(n >= 4);
    char *info2 = run("pdfinfo '%s'", out);
    CHECK(strstr(info2, "612 x 792 pts (letter)") != NULL);
    free(info2);
    for (int p = 0; p < n; p++) {
        /* the last text line before the footer must not be a heading */
        char *last = NULL, *prev = NULL;
        for (char *line = strtok(pages[p], "\n"); line; line = strtok(NULL, "\n")) {
            if (!*line) continue;
            prev = last;
            last = line;
        }
        CHECK(last && !strncmp(last, "page ", 5));
        if (prev && !strncmp(prev, "Heading number", 14))
            UNIT_FAIL("page %d ends with heading '%s'", p + 1, prev);
        free(pages[p]);
    }
    free(pages);
    doc_free(d);
}

TEST(same_input_gives_byte_identical_pdf) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    Missing m = { 0 };
    char err[256];
    Doc *a = build_report(&m, 1);
    Doc *b = build_report(&m, 1);
    CHECK(a && b);
    if (!a || !b) return;
    const char *pa = path_in("a.pdf"), *pb = path_in("b.pdf"),
               *pc = path_in("c.pdf");
    CHECK_INT(doc_write_pdf(a, pa, NULL, err, sizeof err), 0);
    CHECK_INT(doc_write_pdf(b, pb, NULL, err, sizeof err), 0);
    CHECK_INT(doc_write_pdf(a, pc, NULL, err, sizeof err), 0);
    size_t la, lb, lc;
    char *ba = read_file(pa, &la), *bb = read_file(pb, &lb),
         *bc = read_file(pc, &lc);
    CHECK(ba && bb && bc);
    CHECK(la > 1000);
    CHECK(la == lb && !memcmp(ba, bb, la));
    CHECK(la == lc && !memcmp(ba, bc, la));
    /* the DRAFT mark shows: many light gray pixels, unlike without it */
    Doc *plain = build_report(&m, 0);
    const char *pp = path_in("plain.pdf");
    CHECK_INT(doc_write_pdf(plain, pp, NULL, err, sizeof err), 0);
    long with = light_gray_pixels(pa), without = light_gray_pixels(pp);
    CHECK(with > without + 1000);
    doc_free(plain);
    free(ba); free(bb); free(bc);
    doc_free(a);
    doc_free(b);
}

TEST(text_is_literal_and_all_scripts_render) {
    Missing m = { 0 };
    DocInfo info = { .paper = PAPER_A4, .lang = "fr", .missing_glyph = on_missing,
                     .missing_ud = &m };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    Run r[] = { { "<b> & é Ελένη Ирина محمد שרה 李明", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, r, 1, PARA_LEFT | PARA_NO_HYPHENATE);
    const char *out = path_in("scripts.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    CHECK_INT(m.calls, 0);
    char *text = run("pdftotext '%s' -", out);
    CHECK(strstr(text, "<b> & é Ελένη Ирина") != NULL);
    CHECK(strstr(text, "محمد") != NULL);
    CHECK(strstr(text, "שרה") != NULL);
    CHECK(strstr(text, "李明") != NULL);
    free(text);
    char *fonts = run("pdffonts '%s'", out);
    CHECK(strstr(fonts, "NotoNaskhArabic") != NULL);
    CHECK(strstr(fonts, "NotoSerifHebrew") != NULL);
    CHECK(strstr(fonts, "WenQuanYi") || strstr(fonts, "NotoSansCJK"));
    free(fonts);
    doc_free(d);
}

TEST(missing_glyph_is_reported_with_origin_and_offset) {
    Missing m = { 0 };
    DocInfo info = { .lang = "en", .missing_glyph = on_missing, .missing_ud = &m };
    Doc *d = new_doc(&info);
    if (!d) return;
    /* where each run was written: two spans of a source */
    Source src = { .path = "t.form" };
    Loc tag1 = { &src, 10, 13 }, tag2 = { &src, 40, 31 };
    /* hyphenated words before the character must not shift the offset */
    const char *t2 = "Understanding relationships \xF4\x8F\xBF\xBD here";
    Run r[] = { { "Plain start. ", RUN_PLAIN, tag1, 0, NULL },
                { t2, RUN_BOLD, tag2, 0, NULL } };
    doc_paragraph(d, r, 2, 0);
    CHECK_INT(m.calls, 1);
    CHECK(loc_same(m.origin, tag2));
    CHECK_INT((long long)m.offset, (long long)(strstr(t2, "\xF4") - t2));
    CHECK_STR(m.ch, "\xF4\x8F\xBF\xBD");
    m.calls = 0;
    Loc tag3 = { &src, 90, 14 };
    doc_heading(d, 1, "Linear B \xF0\x90\x80\x80", tag3);  /* U+10000 */
    CHECK_INT(m.calls, 1);
    CHECK(loc_same(m.origin, tag3));
    CHECK_INT((long long)m.offset, 9);
    doc_free(d);
}

#define SHY "\xC2\xAD"

TEST(hyphenation_inserts_soft_hyphens_only_where_allowed) {
    char err[128];
    CHECK_INT(hyphenate_prepare("en", err, sizeof err), 0);
    CHECK_INT(hyphenate_prepare("fr", err, sizeof err), 0);
    CHECK_INT(hyphenate_prepare("de", err, sizeof err), -1);
    char *s = hyphenate_text("en", "formulation cat https://example.org/verylongpathname COVID19 NATIONWIDE", 0, NULL, NULL);
    CHECK_STR(s, "for\xC2\xADmu\xC2\xADla\xC2\xADtion cat https://example.org/verylongpathname COVID19 NATIONWIDE");
    free(s);
    size_t *ins, n;
    s = hyphenate_text("fr", "L'évaluation réalisée", 0, &ins, &n);
    CHECK_STR(s, "L'éva\xC2\xADlua\xC2\xADtion réa\xC2\xADli\xC2\xADsée");
    CHECK_INT((long long)n, 4);
    if (n == 4) CHECK_INT((long long)ins[0], 6);  /* before "lua" */
    free(ins);
    free(s);
    /* a higher minimum leaves shorter words alone */
    s = hyphenate_text("en", "formulation intergenerational", 12, NULL, NULL);
    CHECK_STR(s, "formulation in" SHY "ter" SHY "gen" SHY "er" SHY "a" SHY "tional");
    free(s);
    /* never inside an f-ligature, where the font draws one glyph */
    s = hyphenate_text("en", "effort offering affect redefinition", 0, NULL, NULL);
    CHECK(!strstr(s, "f" SHY "f") && !strstr(s, "f" SHY "i") && !strstr(s, "f" SHY "l"));
    CHECK(strstr(s, SHY) != NULL);
    free(s);
    /* names and other capitalised words are kept whole */
    s = hyphenate_text("en", "Visvalingam Lindqvist Perfectionistic perfectionistic", 0, NULL, NULL);
    CHECK_STR(s, "Visvalingam Lindqvist Perfectionistic per" SHY "fec" SHY "tion" SHY "is" SHY "tic");
    free(s);
}

/* A paragraph's last line never holds the end of a word hyphenated
 * alone ("in-" over "stead."): paragraphs of more and more words ending
 * in a long word, justified and ragged, each place the end of a line
 * somewhere else in it, and none leaves its end alone on the last line. */
TEST(last_word_end_is_never_alone_on_the_last_line) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    char text[2048];
    for (int i = 0; i < 48; i++) {
        snprintf(text, sizeof text, "%.*s understanding.", 300 + 3 * i, prose[0]);
        Run r = { text, RUN_PLAIN, LOC_NONE, 0, NULL };
        doc_paragraph(d, &r, 1, i % 2 ? PARA_LEFT : 0);
    }
    const char *out = path_in("tail.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    /* a line ending in a soft hyphen, then a line of one word */
    char *tails = run("pdftotext '%s' - | awk '/\xC2\xAD$/ { shy = 1; next } "
                      "shy && NF == 1 { n++ } { shy = 0 } END { print n + 0 }'", out);
    CHECK_INT(atoi(tails), 0);
    free(tails);
    doc_free(d);
}

/* The widest word gap, in points, of the justified lines (those from the
 * left margin to past 520 pt) of out's first page. */
static double widest_justified_gap(const char *out) {
    char *g = run("pdftotext -bbox -l 1 '%s' - | awk -F'\"' '"
                  "function line() { if (n > 1 && x0 < 75 && x1 > 520 && w > max) max = w; n = 0; w = 0 } "
                  "/<word / { y = int($4 + 0.5); if (n && y != at) line(); "
                  "  if (n && $2 - x1 > w) w = $2 - x1; if (!n) x0 = $2; x1 = $6; at = y; n++ } "
                  "END { line(); print max + 0 }'", out);
    double max = atof(g);
    free(g);
    return max;
}

/* Lines are broken for even word gaps, not greedily: a paragraph whose
 * first line Pango fills as far as it goes, leaving gaps of half an em
 * (José's "To the therapists." and "Self-redefinition ..."), is broken
 * where its widest gap is narrowest, a line's spaces narrowed a little
 * (to 0.2 em at the least) where that lets the next word share it. */
TEST(lines_are_broken_for_even_word_gaps) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    Run a[] = { { "To the therapists.", RUN_BOLD, LOC_NONE, 0, NULL },
                { " Will relate to the leaders as a colleague, offering insight about the process "
                  "and appearing to need little from them.", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, a, 2, 0);
    Run b[] = { { "Self-redefinition and painful authenticity (weeks 7\u201310).", RUN_BOLD, LOC_NONE, 0, NULL },
                { " The risk of telling the group about the near-bankruptcy and his sleepless nights "
                  "while they still feel raw, and of letting his voice shake.", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, b, 2, 0);
    const char *out = path_in("even.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    double gap = widest_justified_gap(out);
    CHECK(gap > 2 && gap < 0.47 * 10.5);
    if (gap >= 0.47 * 10.5) fprintf(stderr, "widest gap %.2f pt\n", gap);
    doc_free(d);
}

/* Justified lines keep their word gaps within 0.6 em: a line that
 * would need more (here: two words before an address too long to share
 * their line) is set ragged, and the other lines stay justified. */
TEST(justified_word_gaps_stay_within_the_limit) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    Run r = { "Go to https://example.org/a/very/long/path/that/cannot/break/anywhere/at/all/really "
              "and read the rest of this paragraph, which runs on for a few more lines so that "
              "several of them are justified as usual, edge to edge, with ordinary word gaps "
              "between the words of every line but the last.", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &r, 1, PARA_JUSTIFY);
    const char *out = path_in("gaps.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    char *go = run("pdftotext -bbox '%s' - | grep -m1 '>Go<' | sed 's/.*xMax=\"\\([0-9.]*\\)\".*/\\1/'", out);
    char *to = run("pdftotext -bbox '%s' - | grep -m1 '>to<' | sed 's/.*xMin=\"\\([0-9.]*\\)\".*/\\1/'", out);
    CHECK(atof(to) - atof(go) > 1 && atof(to) - atof(go) < 0.6 * 10.5);
    free(go);
    free(to);
    /* the lines after it are justified: they end at the right margin */
    char *right = run("pdftotext -bbox '%s' - | grep -c 'xMax=\"527\\.[0-9]*\"'", out);
    CHECK(atoi(right) >= 2);
    free(right);
    doc_free(d);
}

/* A letterhead: the clinic's name and address beside the logo, centred on
 * it, tagged as a paragraph; the logo itself is decoration. */
TEST(text_beside_an_image) {
    const char *png = path_in("logo3.png");
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 120, 120);
    CHECK_INT(cairo_surface_write_to_png(img, png), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(img);
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    Run lh[] = { { "Larch Street Centre", RUN_BOLD, LOC_NONE, 0, NULL }, { "\n1180 Larch Street", RUN_PLAIN, LOC_NONE, 0, NULL } };
    CHECK_INT(doc_image_beside(d, png, 170, 60, lh, 2, PARA_LEFT | PARA_SANS, err, sizeof err), 0);
    CHECK_INT(doc_image_beside(d, "/nonexistent.png", 170, 60, lh, 2, PARA_LEFT, err, sizeof err), -1);
    Run r = { "Then the document.", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &r, 1, 0);
    const char *out = path_in("beside.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    char *x = run("pdftotext -bbox '%s' - | grep -m1 '>Larch<' | sed 's/.*xMin=\"\\([0-9.]*\\)\".*/\\1/'", out);
    char *y = run("pdftotext -bbox '%s' - | grep -m1 '>1180<' | sed 's/.*yMax=\"\\([0-9.]*\\)\".*/\\1/'", out);
    char *y2 = run("pdftotext -bbox '%s' - | grep -m1 '>Then<' | sed 's/.*yMin=\"\\([0-9.]*\\)\".*/\\1/'", out);
    CHECK(atof(x) > 68 + 60);                  /* right of the 60 pt logo */
    CHECK(atof(y) < 78 + 60);                  /* within the logo's height */
    CHECK(atof(y2) > 78 + 60);                 /* the document goes on below */
    free(x);
    free(y);
    free(y2);
    char *st = run("pdfinfo -struct-text '%s' 2>&1", out);
    CHECK(strstr(st, "Larch Street Centre") != NULL);
    free(st);
    doc_free(d);
}

/* A table's width: each column at least its minimum, the rest by rel. */
TEST(columns_share_the_width) {
    double w[3];
    CHECK_INT(columns_fit(3, (double[]){ 10, 10, 10 }, (double[]){ 1, 1, 2 }, 400, w), 0);
    CHECK_NEAR(w[0], 100, 1e-9);
    CHECK_NEAR(w[2], 200, 1e-9);
    /* a column whose share is below its minimum gets its minimum */
    CHECK_INT(columns_fit(3, (double[]){ 10, 150, 10 }, (double[]){ 1, 1, 2 }, 400, w), 0);
    CHECK_NEAR(w[1], 150, 1e-9);
    CHECK_NEAR(w[0] + w[2], 250, 1e-9);
    CHECK_NEAR(w[2], 2 * w[0], 1e-9);
    /* minimums over the width: the widest give way to one width */
    CHECK_INT(columns_fit(2, (double[]){ 300, 300 }, (double[]){ 1, 5 }, 400, w), -1);
    CHECK_NEAR(w[0], 200, 1e-9);
    /* a scale's name of one long word beside a score table's short
     * columns: only the name breaks, "Pre" and "not computable" keep their
     * words whole */
    double sc[5];
    CHECK_INT(columns_fit(5, (double[]){ 200, 30, 35, 60, 160 }, (double[]){ 3, 1, 1, 1.5, 1 }, 420, sc), -1);
    CHECK_NEAR(sc[1], 30, 1e-9);
    CHECK_NEAR(sc[2], 35, 1e-9);
    CHECK_NEAR(sc[3], 60, 1e-9);
    CHECK_NEAR(sc[0], 147.5, 1e-9);
    CHECK_NEAR(sc[4], 147.5, 1e-9);
}

/* Short cells on one line where the width allows: a column of short cells
 * at its natural width, the prose sharing the rest; when the short columns
 * do not all fit, the widest gives way alone, the others keep one line,
 * down to two lines; then the next gives way. */
TEST(columns_plan_keeps_short_cells_on_one_line) {
    double w[3];
    /* a label, a date and prose: label and date at their natural width */
    CHECK_INT(columns_plan(3, (double[]){ 40, 50, 60 }, (double[]){ 70, 120, 0 }, NULL, (int[]){ 0, 0, 1 },
                           (double[]){ 3, 1, 1 }, 400, 0, w), 0);
    CHECK_NEAR(w[0], 70, 1e-9);
    CHECK_NEAR(w[1], 120, 1e-9);
    CHECK_NEAR(w[2], 210, 1e-9);
    /* short columns only, room to spare: shared by rel, none below natural */
    CHECK_INT(columns_plan(2, (double[]){ 20, 20 }, (double[]){ 150, 30 }, NULL, (int[]){ 0, 0 },
                           (double[]){ 1, 1 }, 400, 0, w), 0);
    CHECK_NEAR(w[0], 200, 1e-9);
    CHECK_NEAR(w[1], 200, 1e-9);
    CHECK_INT(columns_plan(2, (double[]){ 20, 20 }, (double[]){ 300, 30 }, NULL, (int[]){ 0, 0 },
                           (double[]){ 1, 1 }, 400, 0, w), 0);
    CHECK_NEAR(w[0], 300, 1e-9);
    /* too wide: the widest (a scale name) wraps, "not computable" does not */
    CHECK_INT(columns_plan(3, (double[]){ 60, 40, 30 }, (double[]){ 250, 70, 30 }, NULL, (int[]){ 0, 0, 0 },
                           (double[]){ 3, 1, 1 }, 300, 0, w), 0);
    CHECK_NEAR(w[0], 200, 1e-9);
    CHECK_NEAR(w[1], 70, 1e-9);
    CHECK_NEAR(w[2], 30, 1e-9);
    /* the widest down to its minimum, then the next */
    CHECK_INT(columns_plan(3, (double[]){ 60, 40, 30 }, (double[]){ 100, 90, 30 }, NULL, (int[]){ 0, 0, 0 },
                           (double[]){ 1, 1, 1 }, 150, 0, w), 0);
    CHECK_NEAR(w[0], 60, 1e-9);
    CHECK_NEAR(w[1], 60, 1e-9);
    CHECK_NEAR(w[2], 30, 1e-9);
    /* a French score table: the scale's name gives way only down to two
     * lines, then "non calculable" wraps; the numbers keep their width */
    double fr[9];
    CHECK_INT(columns_plan(9, (double[]){ 88, 33, 32, 28, 38, 30, 37, 54, 54 },
                           (double[]){ 213, 19, 19, 19, 19, 26, 35, 74, 74 },
                           (double[]){ 128, 19, 19, 19, 19, 26, 35, 54, 54 }, (int[9]){ 0 },
                           (double[]){ 3.4, 0.8, 0.8, 1.1, 0.9, 0.7, 1.0, 1.5, 1.5 }, 459, 0, fr), 0);
    CHECK_NEAR(fr[0], 128, 1e-9);
    CHECK_NEAR(fr[1], 33, 1e-9);
    CHECK_NEAR(fr[6], 37, 1e-9);
    CHECK_NEAR(fr[7] + fr[8], 459 - 128 - 198, 1e-9);
    /* the first outcome column gives way alone, or both alike */
    CHECK(fr[7] < fr[8]);
    CHECK_INT(columns_plan(9, (double[]){ 88, 33, 32, 28, 38, 30, 37, 54, 54 },
                           (double[]){ 213, 19, 19, 19, 19, 26, 35, 74, 74 },
                           (double[]){ 128, 19, 19, 19, 19, 26, 35, 54, 54 }, (int[9]){ 0 },
                           (double[]){ 3.4, 0.8, 0.8, 1.1, 0.9, 0.7, 1.0, 1.5, 1.5 }, 459, 1, fr), 0);
    CHECK_NEAR(fr[0], 128, 1e-9);
    CHECK_NEAR(fr[7], fr[8], 1e-9);
    CHECK_NEAR(fr[7] + fr[8], 459 - 128 - 198, 1e-9);
    /* prose keeps at least half its share before short columns are whole */
    CHECK_INT(columns_plan(2, (double[]){ 30, 30 }, (double[]){ 380, 0 }, NULL, (int[]){ 0, 1 },
                           (double[]){ 1, 1 }, 400, 0, w), 0);
    CHECK_NEAR(w[1], 100, 1e-9);
    CHECK_NEAR(w[0], 300, 1e-9);
    /* minimums over the width: as columns_fit */
    CHECK_INT(columns_plan(2, (double[]){ 300, 300 }, (double[]){ 300, 300 }, NULL, (int[]){ 0, 0 },
                           (double[]){ 1, 5 }, 400, 0, w), -1);
    CHECK_NEAR(w[0], 200, 1e-9);
}

/* In a table, a short cell that fits on a line of its own is never
 * wrapped: "not computable" and a date stay whole beside a scale name that
 * may wrap. */
TEST(table_short_cells_stay_on_one_line) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    TableColumn cols[5] = { { "Scale", 3.4, ALIGN_LEFT, 0 }, { "Pre", 0.8, ALIGN_RIGHT, 0 },
                            { "Post", 0.8, ALIGN_RIGHT, 0 }, { "Outcome post", 1.5, ALIGN_LEFT, 0 },
                            { "Last session", 1.5, ALIGN_LEFT, 0 } };
    Run cells[10] = { { "Socially prescribed perfectionism (hfmps)", RUN_PLAIN, LOC_NONE, 0, NULL }, { "71", RUN_PLAIN, LOC_NONE, 0, NULL },
                      { "62", RUN_PLAIN, LOC_NONE, 0, NULL }, { "not computable", RUN_PLAIN, LOC_NONE, 0, NULL },
                      { "Thursday, February 19, 2026", RUN_PLAIN, LOC_NONE, 0, NULL },
                      { "Perfectionistic self-promotion (psps)", RUN_PLAIN, LOC_NONE, 0, NULL }, { "49", RUN_PLAIN, LOC_NONE, 0, NULL },
                      { "44", RUN_PLAIN, LOC_NONE, 0, NULL }, { "deteriorated", RUN_PLAIN, LOC_NONE, 0, NULL },
                      { "Thursday, March 26, 2026", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_table(d, cols, 5, cells, 2);
    const char *out = path_in("short-cells.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    char *text = run("pdftotext -layout '%s' -", out);
    CHECK(strstr(text, "not computable") != NULL);
    CHECK(strstr(text, "Thursday, February 19, 2026") != NULL);
    free(text);
    doc_free(d);
}

TEST(page_format_is_not_a_printf_format) {
    DocInfo info = { .lang = "fr", .footer_page_numbers = 1,
                     .page_format = "page %d sur %d %s %n 100%%" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    Run r[] = { { "Bonjour.", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, r, 1, 0);
    const char *out = path_in("fr.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    char *text = run("pdftotext '%s' -", out);
    CHECK(strstr(text, "page 1 sur 1 %s %n 100%") != NULL);
    free(text);
    doc_free(d);
}

TEST(blank_lines_split_paragraphs_and_page_starts_without_space) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    Run r[] = { { "\n\nFirst paragraph.\n\nSecond paragraph\nwith a line break.\n\n\n", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, r, 1, 0);
    doc_page_break(d);
    doc_page_break(d);          /* never an empty page */
    doc_space(d, 200);          /* dropped at the top of a page */
    doc_paragraph(d, r, 1, 0);
    CHECK_INT(doc_page_count(d), 2);
    const char *out = path_in("blank.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    char *text = run("pdftotext '%s' -", out);
    CHECK(strstr(text, "First paragraph.\nSecond paragraph\nwith a line break.") != NULL);
    free(text);
    /* paragraphs are spaced apart; a line break is not */
    char *y1 = run("pdftotext -bbox -f 1 -l 1 '%s' - | grep -E '>(First|Second|with)<' | sed 's/.*yMin=\"\\([0-9.]*\\)\".*/\\1/' | tr '\\n' ' '", out);
    double first, second, with;
    CHECK(sscanf(y1, "%lf %lf %lf", &first, &second, &with) == 3);
    CHECK(second - first > with - second + 3);
    free(y1);
    /* the second page's text starts at the same height as the first's */
    char *b1 = run("pdftotext -bbox -f 1 -l 1 '%s' - | grep -m1 '<word' | sed 's/.*yMin=\"\\([0-9.]*\\)\".*/\\1/'", out);
    char *b2 = run("pdftotext -bbox -f 2 -l 2 '%s' - | grep -m1 '<word' | sed 's/.*yMin=\"\\([0-9.]*\\)\".*/\\1/'", out);
    CHECK(atof(b1) > 10);
    CHECK_NEAR(atof(b1), atof(b2), 0.01);
    free(b1);
    free(b2);
    doc_free(d);
}

TEST(write_errors_are_clear_and_leave_nothing) {
    Missing m = { 0 };
    Doc *d = build_report(&m, 0);
    CHECK(d != NULL);
    if (!d) return;
    char err[512];
    CHECK_INT(doc_write_pdf(d, "/nonexistent-formc-dir/x.pdf", NULL, err, sizeof err), -1);
    CHECK(strstr(err, "/nonexistent-formc-dir/x.pdf") && strstr(err, "No such file"));
    /* writing onto an input, also through a symlink */
    const char *in = path_in("input.form");
    FILE *f = fopen(in, "w");
    fputs("input\n", f);
    fclose(f);
    const char *link = path_in("input-link.form");
    unlink(link);
    CHECK(symlink(in, link) == 0);
    const char *inputs[] = { link, NULL };
    CHECK_INT(doc_write_pdf(d, in, inputs, err, sizeof err), -1);
    CHECK(strstr(err, "input") != NULL);
    size_t len;
    char *content = read_file(in, &len);
    CHECK_STR(content, "input\n");
    free(content);
    /* disk full: a file size limit in a child process */
    const char *full = path_in("full.pdf");
    unlink(full);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = { 4096, 4096 };
        setrlimit(RLIMIT_FSIZE, &rl);
        char e[512];
        int rc = doc_write_pdf(d, full, NULL, e, sizeof e);
        _exit(rc == -1 && strstr(e, full) && strstr(e, "File too large") ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(access(full, F_OK) != 0);
    DIR *dh = opendir(dir());
    struct dirent *de;
    while (dh && (de = readdir(dh)))
        if (strstr(de->d_name, ".full.pdf.")) UNIT_FAIL("temp file left: %s", de->d_name);
    if (dh) closedir(dh);
    doc_free(d);
}

TEST(image_scaled_to_fit_and_bad_image_reported) {
    const char *png = path_in("logo.png");
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 200);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.1, 0.5, 0.3);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_write_to_png(s, png);
    cairo_surface_destroy(s);
    DocInfo info = { .paper = PAPER_LETTER, .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    CHECK_INT(doc_image(d, png, 100, 100, ALIGN_RIGHT, err, sizeof err), 0);
    CHECK_INT(doc_image(d, path_in("missing.png"), 100, 100, ALIGN_LEFT, err, sizeof err), -1);
    CHECK(strstr(err, "missing.png") != NULL);
    Run addr[] = { { "Ms Jane Doe\n1 Rue de la Paix\n75002 Paris", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_place(d, 72, 150, 220, addr, 1, PARA_LEFT);
    const char *out = path_in("letter.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    char *text = run("pdftotext '%s' -", out);
    CHECK(strstr(text, "Ms Jane Doe\n1 Rue de la Paix\n75002 Paris") != NULL);
    free(text);
    char *img = run("pdfimages -list '%s' | tail -n +3", out);
    CHECK(strstr(img, "400   200") != NULL);
    free(img);
    doc_free(d);
}

TEST(warm_documents_are_fast) {
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    Missing m = { 0 };
    char err[256];
    const char *out = path_in("speed.pdf");
    double best = 1e9;
    int pages = 0;
    for (int i = 0; i < 5; i++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        Doc *d = build_report(&m, 0);
        if (!d || doc_write_pdf(d, out, NULL, err, sizeof err) != 0) {
            UNIT_FAIL("render failed");
            doc_free(d);
            return;
        }
        pages = doc_page_count(d);
        doc_free(d);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
        if (ms < best) best = ms;
    }
    fprintf(stderr, "layout+render of a %d-page report: %.1f ms (best of 5, warm)\n",
            pages, best);
    CHECK(best < 3000);  /* generous: sanitizer builds are many times slower */
}

TEST(no_single_orphan_or_widow_lines) {
    /* Only paragraphs of four lines or more: the gaps between lines show
     * where paragraphs start, so each page's first and last paragraph
     * pieces can be counted. */
    DocInfo info = { .lang = "en", .footer_page_numbers = 0 };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    for (int i = 0; i < 60; i++) {
        Run r[] = { { prose[i % 3], RUN_PLAIN, LOC_NONE, 0, NULL },
                    { " ", RUN_PLAIN, LOC_NONE, 0, NULL },
                    { (i % 5) < 2 ? prose[(i + 1) % 3] : "", RUN_PLAIN, LOC_NONE, 0, NULL } };
        doc_paragraph(d, r, 3, 0);
        doc_space(d, (i * 7) % 11);   /* shifts where page breaks fall */
    }
    const char *out = path_in("widows.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    int pages = doc_page_count(d);
    CHECK(pages >= 3);
    for (int p = 1; p <= pages; p++) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "pdftotext -bbox-layout -f %d -l %d '%%s' - | "
                 "grep '<line ' | sed 's/.*yMin=\"\\([0-9.]*\\)\".*/\\1/'", p, p);
        char *ys = run(cmd, out);
        double y[200];
        int n = 0;
        for (char *t = strtok(ys, "\n"); t && n < 200; t = strtok(NULL, "\n"))
            y[n++] = atof(t);
        free(ys);
        if (n < 3) continue;
        double lead = 1e9;                 /* the line pitch inside paragraphs */
        for (int i = 1; i < n; i++) if (y[i] - y[i - 1] < lead) lead = y[i] - y[i - 1];
        int first = 1, last = 1;
        while (first < n && y[first] - y[first - 1] < lead + 1) first++;
        while (last < n && y[n - last] - y[n - last - 1] < lead + 1) last++;
        if (p > 1 && first < 2) UNIT_FAIL("page %d starts with a single line", p);
        if (p < pages && last < 2) UNIT_FAIL("page %d ends with a single line", p);
    }
    doc_free(d);
}

TEST(table_without_titles_has_no_header_row) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    TableColumn cols[2] = { { "", 1, ALIGN_LEFT, 0 }, { NULL, 3, ALIGN_LEFT, 0 } };
    Run cells[4] = { { "Patient", RUN_BOLD, LOC_NONE, 0, NULL }, { "Jane Doe", RUN_PLAIN, LOC_NONE, 0, NULL },
                     { "ID", RUN_BOLD, LOC_NONE, 0, NULL }, { "P-0142", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_table(d, cols, 2, cells, 2);
    doc_table(d, cols, 0, NULL, 0);      /* nothing, and no crash */
    const char *out = path_in("idtable.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    /* the first row sits where a header row would otherwise be */
    char *y = run("pdftotext -bbox '%s' - | grep '>Patient<' | sed 's/.*yMin=\"\\([0-9.]*\\)\".*/\\1/'", out);
    CHECK(atof(y) > 70 && atof(y) < 90);
    free(y);
    doc_free(d);
}

/* Fills the page with prose up to about `lines` lines from its top. */
static void fill_lines(Doc *d, int lines) {
    static char buf[64][32];
    for (int i = 0; i < lines; i++) {
        snprintf(buf[i % 64], sizeof buf[0], "Filler line %d.", i + 1);
        Run r = { buf[i % 64], RUN_PLAIN, LOC_NONE, 0, NULL };
        doc_paragraph(d, &r, 1, PARA_LEFT | PARA_TIGHT);
    }
}

/* How many lines of a justified French paragraph end in a word of a
 * scale's name broken by a soft hyphen, the name given as a value
 * (value 1) or as wording (0). */
static int scale_names_hyphenated(int value) {
    DocInfo info = { .lang = "fr" };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    if (!d) return -1;
    Run runs[60];
    for (int i = 0; i + 2 < 60; i += 3) {
        runs[i] = (Run){ i % 2 ? "Le score de l’échelle " : "Suivre de près ", RUN_PLAIN, LOC_NONE, 0, NULL };
        runs[i + 1] = (Run){ "perfectionnisme prescrit par autrui (hfmps)", RUN_ITALIC, LOC_NONE, value, NULL };
        runs[i + 2] = (Run){ i % 2 ? " à chaque séance ; " : " et en parler ; ", RUN_PLAIN, LOC_NONE, 0, NULL };
    }
    doc_paragraph(d, runs, 60, PARA_JUSTIFY);
    const char *out = path_in(value ? "values.pdf" : "wording.pdf");
    int broken = -1;
    if (doc_write_pdf(d, out, NULL, err, sizeof err) == 0) {
        /* each line's end broken at a soft hyphen: the part before it */
        char *text = run("pdftotext '%s' - | grep '\xC2\xAD$' | sed 's/.*[ (]//'", out);
        broken = 0;
        for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
            size_t n = strlen(line) - 2;               /* the soft hyphen's two bytes */
            static const char *const words[] = { "perfectionnisme", "prescrit", "autrui" };
            for (int w = 0; w < 3; w++) broken += n > 0 && !strncmp(words[w], line, n);
        }
        free(text);
    }
    doc_free(d);
    return broken;
}

/* A short value in a paragraph (a scale's name, a name) is never
 * hyphenated; the same words as the template's wording may be. */
TEST(short_values_in_paragraphs_are_not_hyphenated) {
    CHECK(scale_names_hyphenated(0) > 0);
    CHECK_INT(scale_names_hyphenated(1), 0);
}

/* How many lines of a justified French paragraph end in a soft hyphen,
 * its values each a text whose words are cut into runs by an English
 * quotation in it (tv_text_part: its parts are runs of their own), each
 * run short, the value as a whole prose. */
static int quoting_values_hyphenated(void) {
    DocInfo info = { .lang = "fr" };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    if (!d) return -1;
    static Source form = { .path = "zoe.form" };
    Run runs[80];
    for (int i = 0; i + 3 < 80; i += 4) {
        Loc text = { &form, (uint32_t)(10 * i), 120 };      /* one value's three runs */
        runs[i] = (Run){ "Elle se répète anticonstitutionnellement « ", RUN_PLAIN, text, 1, NULL };
        runs[i + 1] = (Run){ "I am never good enough for them", RUN_PLAIN, text, 1, "en" };
        runs[i + 2] = (Run){ " » puis s’effondre incontestablement.", RUN_PLAIN, text, 1, NULL };
        runs[i + 3] = (Run){ i % 8 ? " Ensuite, " : " Et puis ", RUN_PLAIN, LOC_NONE, 0, NULL };
    }
    doc_paragraph(d, runs, 80, PARA_JUSTIFY);
    const char *out = path_in("quoting.pdf");
    int broken = -1;
    if (doc_write_pdf(d, out, NULL, err, sizeof err) == 0) {
        char *n = run("pdftotext '%s' - | grep -c '\xC2\xAD$'", out);
        broken = atoi(n);
        free(n);
    }
    doc_free(d);
    return broken;
}

/* A text cut into runs by a quotation in another language is still prose:
 * its words around the quotation are hyphenated as the rest of the
 * paragraph's, not kept whole as a short value's. */
TEST(a_text_cut_by_a_quotation_is_still_hyphenated) {
    CHECK(quoting_values_hyphenated() > 0);
}

/* Codes are never broken after their hyphen at a line's end: IDs, a
 * group's code. */
TEST(codes_are_never_broken_at_a_line_end) {
    static const char *const widths[] = { "", "Group ", "Group 12 ", "Group code " };
    int ends = 0, lines = 0;
    for (int k = 0; k < 4; k++) {
        DocInfo info = { .lang = "en" };
        char err[256];
        Doc *d = new_doc(&info);
        if (!d) return;
        static char text[4096];
        size_t n = 0;
        for (int i = 0; i < 24; i++)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s(mer-p26) thu-w26 ab-c12 group-w26, "
                                  "ID P-0201 ", widths[(k + i) % 4]);
        Run r = { text, RUN_PLAIN, LOC_NONE, 0, NULL };
        doc_paragraph(d, &r, 1, PARA_LEFT);
        const char *out = path_in("codes.pdf");
        CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
        /* words as drawn, line by line (pdftotext joins a word broken at
         * its hyphen again) */
        char *bad = run("pdftotext -bbox '%s' - | grep -c -E '[0-9a-zA-Z]-</word>'", out);
        char *all = run("pdftotext -bbox '%s' - | grep -c '>P-0201<'", out);
        ends += atoi(bad);
        lines += atoi(all);
        free(bad);
        free(all);
        doc_free(d);
    }
    CHECK(lines > 40);                       /* every P-0201 whole */
    CHECK_INT(ends, 0);
}

/* A range of numbers is never broken after its en dash at a line's end
 * ("weeks 1–" over "6"), and its text copies as typed, with nothing
 * added. */
TEST(ranges_are_never_broken_after_their_dash) {
    static const char *const widths[] = { "", "of ", "in the ", "of those " };
    int ends = 0, lines = 0, stray = 0, whole = 0;
    for (int k = 0; k < 4; k++) {
        DocInfo info = { .lang = "en" };
        char err[256];
        Doc *d = new_doc(&info);
        if (!d) return;
        static char text[4096];
        size_t n = 0;
        for (int i = 0; i < 32; i++)
            n += (size_t)snprintf(text + n, sizeof text - n, "%sweeks 1\u20136, 8\u201312 and T 40\u201360, ",
                                  widths[(k + i) % 4]);
        Run r = { text, RUN_PLAIN, LOC_NONE, 0, NULL };
        doc_paragraph(d, &r, 1, PARA_JUSTIFY);
        const char *out = path_in("ranges.pdf");
        CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
        char *bad = run("pdftotext -bbox '%s' - | grep -c '[0-9]\u2013</word>'", out);
        char *all = run("pdftotext '%s' - | wc -l", out);
        char *wj = run("pdftotext '%s' - | grep -c '\u2060'", out);
        char *ok = run("pdftotext '%s' - | tr '\\n' ' ' | grep -o '8\u201312' | wc -l", out);
        ends += atoi(bad);
        lines += atoi(all);
        stray += atoi(wj);
        whole += atoi(ok);
        free(bad);
        free(all);
        free(wj);
        free(ok);
        doc_free(d);
    }
    CHECK(lines > 48);                       /* many lines, many ends */
    CHECK_INT(whole, 128);                    /* every 8–12 copies as typed */
    CHECK_INT(stray, 0);
    CHECK_INT(ends, 0);
}

/* A range ending a paragraph ("in weeks 1–6.") is not broken after its
 * dash either: the no-break attribute that keeps a paragraph's last two
 * words together let Pango break there (3 of these 60 paragraphs), as it
 * puts back a break after a dash inside such a range. */
TEST(range_ending_a_paragraph_is_never_broken) {
    int bad = 0;
    for (int k = 0; k < 60; k++) {
        DocInfo info = { .lang = "en" };
        char err[256];
        Doc *d = new_doc(&info);
        if (!d) return;
        char text[1024];
        snprintf(text, sizeof text, "%.*s in weeks 1\u20136.", 200 + k * 3,
                 "The working hypothesis developed collaboratively during sessions three to six "
                 "links early experiences of conditional acceptance with the belief that mistakes "
                 "are intolerable and behavioural experiments will test predictions about others "
                 "reactions while compassion focused interventions will address the internalised "
                 "critical voice and interpersonal work will explore the relationship between "
                 "unmet needs and conflict");
        Run r = { text, RUN_PLAIN, LOC_NONE, 0, NULL };
        doc_paragraph(d, &r, 1, 0);
        const char *out = path_in("range-end.pdf");
        CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
        char *b = run("pdftotext -bbox '%s' - | grep -c '[0-9]\u2013</word>'", out);
        bad += atoi(b);
        free(b);
        doc_free(d);
    }
    CHECK_INT(bad, 0);
}

/* "Prepared by" and the signature line under it, kept with what comes
 * before them, never make a last page of their own, wherever the page
 * ends. */
TEST(signature_is_never_alone_on_a_page) {
    int alone = 0, tried = 0;
    for (int n = 40; n < 70; n++) {
        DocInfo info = { .lang = "en" };
        char err[256];
        Doc *d = doc_new(&info, err, sizeof err);
        if (!d) break;
        fill_lines(d, n);
        Run by = { "Prepared by Dr. Leah Brandt", RUN_PLAIN, LOC_NONE, 0, NULL };
        doc_paragraph(d, &by, 1, PARA_LEFT);
        doc_keep_with_previous(d);
        doc_keep_with_next(d);
        doc_space(d, 12);
        Run sig = { "Signature: ________", RUN_PLAIN, LOC_NONE, 0, NULL };
        doc_paragraph(d, &sig, 1, PARA_LEFT);
        const char *out = path_in("signature.pdf");
        if (doc_write_pdf(d, out, NULL, err, sizeof err) == 0) {
            int pages = doc_page_count(d);
            char cmd[64];
            snprintf(cmd, sizeof cmd, "pdftotext -f %d -l %d '%%s' -", pages, pages);
            char *last = run(cmd, out);
            if (strstr(last, "Signature") && !strstr(last, "Filler line")) alone++;
            free(last);
            tried += pages > 1;
        }
        doc_free(d);
    }
    CHECK(tried > 0);
    CHECK_INT(alone, 0);
}

/* The page the table of "Kept-" rows starts on, with `keep` it kept with
 * the table after it, or -1: a heading, lines filling page 1 until the
 * table just fits at its foot, and a second table. */
static int kept_table_page(int keep, int lines) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    if (!d) return -1;
    fill_lines(d, lines);
    doc_heading(d, 2, "At follow-up", LOC_NONE);
    TableColumn cols[2] = { { "Member", 1, ALIGN_LEFT, 0 }, { "Unchanged", 3, ALIGN_LEFT, 0 } };
    Run cells[4] = { { "Kept-one", RUN_BOLD, LOC_NONE, 0, NULL }, { "Self-oriented", RUN_PLAIN, LOC_NONE, 0, NULL },
                     { "Kept-two", RUN_BOLD, LOC_NONE, 0, NULL }, { "Socially prescribed", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_table(d, cols, 2, cells, 2);
    if (keep) doc_keep_with_next(d);
    TableColumn counts[2] = { { NULL, 4, ALIGN_LEFT, 0 }, { NULL, 1, ALIGN_LEFT, 0 } };
    Run more[8] = { { "Completers", RUN_PLAIN, LOC_NONE, 0, NULL }, { "2", RUN_PLAIN, LOC_NONE, 0, NULL },
                    { "Improved", RUN_PLAIN, LOC_NONE, 0, NULL }, { "2 of 2", RUN_PLAIN, LOC_NONE, 0, NULL },
                    { "Two or more", RUN_PLAIN, LOC_NONE, 0, NULL }, { "0 of 2", RUN_PLAIN, LOC_NONE, 0, NULL },
                    { "Deteriorated", RUN_PLAIN, LOC_NONE, 0, NULL }, { "0 of 2", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_table(d, counts, 2, more, 4);
    const char *out = path_in("kept-table.pdf");
    int page = -1;
    if (doc_write_pdf(d, out, NULL, err, sizeof err) == 0) {
        char **pages;
        int n = page_texts(out, &pages);
        for (int p = 0; p < n; p++) {
            if (page < 0 && strstr(pages[p], "Kept-one")) page = p + 1;
            /* the heading is never left behind without its table */
            if (strstr(pages[p], "At follow-up") && !strstr(pages[p], "Kept-one")) page = 0;
            free(pages[p]);
        }
        free(pages);
    }
    doc_free(d);
    return page;
}

/* A short table kept with what follows (its counts) moves with it, and
 * its heading with it, when the two do not fit the page's end together. */
TEST(table_kept_with_the_next_moves_with_it) {
    int moved = 0;
    for (int lines = 40; lines < 56; lines++) {
        int alone = kept_table_page(0, lines), kept = kept_table_page(1, lines);
        CHECK(alone >= 1 && kept >= 1);
        moved += kept > alone;
    }
    CHECK(moved > 0);
}

/* Tables: a column nobody has anything in is left out; header words and
 * short cells are never broken, even in narrow columns, and the numbers
 * column keeps its distance; a short table stays whole; a long one leaves
 * at least two rows on each page. */
/* A table of a few rows that would take most of a page (rows of prose)
 * is not kept whole: it starts under the text before it, split between
 * rows, rather than leave half a page empty. */
TEST(tall_table_of_few_rows_splits_between_rows) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    fill_lines(d, 25);
    static char text[4][1200];
    Run cells[8];
    for (int r = 0; r < 4; r++) {
        size_t n = (size_t)snprintf(text[r], sizeof text[r], "Row%d ", r + 1);
        for (int k = 0; k < 14; k++)
            n += (size_t)snprintf(text[r] + n, sizeof text[r] - n, "%s", "a long sentence of words to wrap. ");
        cells[2 * r] = (Run){ text[r], RUN_PLAIN, LOC_NONE, 0, NULL };
        cells[2 * r + 1] = (Run){ "x", RUN_PLAIN, LOC_NONE, 0, NULL };
    }
    TableColumn cols[2] = { { "Text", 4, ALIGN_LEFT, 0 }, { "Mark", 1, ALIGN_LEFT, 0 } };
    doc_table(d, cols, 2, cells, 4);
    const char *out = path_in("tall-table.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    char **pages;
    int n = page_texts(out, &pages);
    CHECK_INT(n, 2);
    if (n < 2) return;
    CHECK(strstr(pages[0], "Row1") != NULL && strstr(pages[0], "Row2") != NULL);
    CHECK(strstr(pages[1], "Row4") != NULL);
    for (int p = 0; p < n; p++) free(pages[p]);
    free(pages);
    doc_free(d);
}

/* A row taller than a page is cut between lines so that its last slice
 * holds two lines at least (never one line alone under the repeated
 * header), and the rows after it follow that slice on its page, where a
 * new page was started after it, leaving that page all but empty. Its
 * parts are one row (TR) of the structure tree, each cell one TD. Tried
 * at lengths from a row that just fits a page to one a few lines taller. */
TEST(rows_follow_a_row_taller_than_a_page) {
    static char text[16000];
    for (int words = 1300; words <= 1400; words += 5) {
        DocInfo info = { .lang = "en" };
        char err[256];
        Doc *d = new_doc(&info);
        if (!d) return;
        size_t n = (size_t)snprintf(text, sizeof text, "Begin");
        for (int k = 1; k < words && n + 8 < sizeof text; k++)
            n += (size_t)snprintf(text + n, sizeof text - n, " w%d", k % 10);
        snprintf(text + n, sizeof text - n, " Tail");
        Run cells[4] = { { text, RUN_PLAIN, LOC_NONE, 0, NULL }, { "One", RUN_PLAIN, LOC_NONE, 0, NULL },
                         { "Next", RUN_PLAIN, LOC_NONE, 0, NULL }, { "Two", RUN_PLAIN, LOC_NONE, 0, NULL } };
        TableColumn cols[2] = { { "Text", 1, ALIGN_LEFT, 0 }, { "Mark", 1, ALIGN_LEFT, 0 } };
        doc_table(d, cols, 2, cells, 2);
        const char *out = path_in("tall-row.pdf");
        CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
        char *trs = run("pdfinfo -struct-text '%s' | grep -c '^ *TR$'", out);
        if (atoi(trs) != 3) UNIT_FAIL("%d words: %d rows in the structure tree, not 3 (its parts on two pages one row)",
                                      words, atoi(trs));
        free(trs);
        char **pages;
        int np = page_texts(out, &pages);
        if (np != 2) UNIT_FAIL("%d words: %d pages, where the row after the tall one fits on its second", words, np);
        if (np == 2) {
            CHECK(strstr(pages[1], "Next") != NULL);
            int lines = 0;                  /* of the long cell, on page 2 */
            for (const char *l = pages[1]; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
                lines += l[0] == 'w' || !strncmp(l, "Tail", 4);
            if (lines == 1) UNIT_FAIL("%d words: one line of the tall row alone on page 2", words);
        }
        for (int p = 0; p < np; p++) free(pages[p]);
        free(pages);
        doc_free(d);
    }
}

/* A long label in a table (ten words and more) is not hyphenated where it
 * takes two lines, and no line of a cell holds one word alone when a
 * narrower setting gives it company. */
TEST(table_labels_are_not_hyphenated_nor_left_with_one_word) {
    DocInfo info = { .lang = "fr" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    TableColumn cols[2] = { { NULL, 4, ALIGN_LEFT, 0 }, { NULL, 1, ALIGN_RIGHT, 0 } };
    Run cells[4] = {
        { "Membres ayant terminé dont le changement peut être jugé sur une mesure de perfectionnisme",
          RUN_PLAIN, LOC_NONE, 0, NULL }, { "3", RUN_PLAIN, LOC_NONE, 0, NULL },
        { "Détérioration fiable (détérioré) sur au moins une mesure", RUN_PLAIN, LOC_NONE, 0, NULL },
        { "0 sur 3", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_table(d, cols, 2, cells, 2);
    const char *out = path_in("label.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    char *shy = run("pdftotext '%s' - | grep -c '\xC2\xAD'", out);
    char *alone = run("pdftotext '%s' - | grep -c -x '[^ ]*[a-z][^ ]*'", out);
    char *label = run("pdftotext '%s' - | grep -c '^Membres ayant'", out);
    CHECK_INT(atoi(label), 1);
    CHECK_INT(atoi(shy), 0);
    CHECK_INT(atoi(alone), 0);
    free(shy);
    free(alone);
    free(label);
    doc_free(d);
}

TEST(tables_keep_words_rows_and_leave_empty_columns_out) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    TableColumn cols[4] = { { "Scale", 0.2, ALIGN_LEFT, 0 }, { "Follow-up", 0.1, ALIGN_RIGHT, 0 },
                            { "Nothingness", 1, ALIGN_RIGHT, 1 }, { "Outcome", 0.1, ALIGN_LEFT, 1 } };
    Run cells[8] = { { "Perfectionistic self-promotion (psps)", RUN_PLAIN, LOC_NONE, 0, NULL }, { "72", RUN_PLAIN, LOC_NONE, 0, NULL },
                     { "\u2013", RUN_PLAIN, LOC_NONE, 0, NULL }, { "not computable", RUN_PLAIN, LOC_NONE, 0, NULL },
                     { "Nondisclosure of imperfection", RUN_PLAIN, LOC_NONE, 0, NULL }, { "25", RUN_PLAIN, LOC_NONE, 0, NULL },
                     { "", RUN_PLAIN, LOC_NONE, 0, NULL }, { "deteriorated", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_table(d, cols, 4, cells, 2);
    fill_lines(d, 40);
    static char row[40][4][40];
    static Run many[40 * 4];
    TableColumn four[4] = { { "A", 1, ALIGN_LEFT, 0 }, { "B", 1, ALIGN_LEFT, 0 },
                            { "C", 1, ALIGN_LEFT, 0 }, { "D", 1, ALIGN_LEFT, 0 } };
    for (int r = 0; r < 5; r++)
        for (int c = 0; c < 4; c++) {
            snprintf(row[r][c], sizeof row[0][0], "short%d-%d", r + 1, c + 1);
            many[r * 4 + c] = (Run){ row[r][c], RUN_PLAIN, LOC_NONE, 0, NULL };
        }
    doc_table(d, four, 4, many, 5);            /* five rows: whole on page 2 */
    fill_lines(d, 35);
    for (int r = 0; r < 40; r++)
        for (int c = 0; c < 4; c++) {
            snprintf(row[r][c], sizeof row[0][0], "long%d-%d", r + 1, c + 1);
            many[r * 4 + c] = (Run){ row[r][c], RUN_PLAIN, LOC_NONE, 0, NULL };
        }
    doc_table(d, four, 4, many, 40);
    const char *out = path_in("tables.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    char **pages;
    int n = page_texts(out, &pages);
    CHECK(n >= 3);
    if (n < 3) return;
    CHECK(strstr(pages[0], "Follow-up") != NULL);
    CHECK(strstr(pages[0], "Perfectionistic") != NULL && strstr(pages[0], "Perfection-") == NULL);
    CHECK(strstr(pages[0], "Nothingness") == NULL);        /* only dashes and blanks */
    CHECK(strstr(pages[0], "Outcome") != NULL);
    CHECK(strstr(pages[0], "short1-1") == NULL && strstr(pages[1], "short5-4") != NULL);
    /* the long table: split with at least two rows on each page, header again */
    int split = 0;
    for (int p = 1; p < n; p++) {
        int rows = 0;
        char key[40];
        for (int r = 1; r <= 40; r++) {
            snprintf(key, sizeof key, "long%d-1\n", r);
            rows += strstr(pages[p], key) != NULL;
        }
        if (rows == 1) UNIT_FAIL("page %d holds a single row of the long table", p + 1);
        if (rows && p > 1) split = 1;
    }
    CHECK(split);
    for (int p = 0; p < n; p++) free(pages[p]);
    free(pages);
    /* the numbers column keeps more than the usual gutter from the text */
    char *x = run("pdftotext -bbox '%s' - | grep -m1 '>72<' | sed 's/.*xMax=\"\\([0-9.]*\\)\".*/\\1/'", out);
    char *o = run("pdftotext -bbox '%s' - | grep -m1 '>not<' | sed 's/.*xMin=\"\\([0-9.]*\\)\".*/\\1/'", out);
    CHECK(atof(o) - atof(x) > 12);
    free(x);
    free(o);
    doc_free(d);
}

TEST(letter_with_image_address_and_hanging_list) {
    const char *png = path_in("logo2.png");
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 90);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.15, 0.35, 0.6);
    cairo_rectangle(cr, 10, 10, 70, 70);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_write_to_png(s, png);
    cairo_surface_destroy(s);
    DocInfo info = { .paper = PAPER_LETTER, .lang = "en", .draft = 1,
                     .title = "Letter", .author = "Dr A. Clinician" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    CHECK_INT(doc_image(d, png, 150, 45, ALIGN_LEFT, err, sizeof err), 0);
    Run addr[] = { { "Ms Ελένη Παπαδοπούλου\n12 Harbour Road\nVancouver, BC", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_place(d, 360, 80, 180, addr, 1, PARA_LEFT | PARA_NO_HYPHENATE | PARA_SANS);
    doc_space(d, 60);
    Run date[] = { { "15 January 2027", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, date, 1, PARA_RIGHT);
    Run dear[] = { { "Dear Ελένη,", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, dear, 1, PARA_LEFT);
    Run body[] = { { prose[1], RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, body, 1, PARA_LEFT);
    doc_heading(d, 2, "The practical details", LOC_NONE);
    Run item1[] = { { "\u2022\tFirst meeting: Thursday 14 January 2027, in Group Room B, "
                      "1180 Larch Street, Suite 300; please arrive ten minutes early.",
                      RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, item1, 1, PARA_LEFT | PARA_HANGING | PARA_TIGHT);
    Run item2[] = { { "\u2022\tLength: 12 weeks", RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, item2, 1, PARA_LEFT | PARA_HANGING);
    doc_rule(d);
    Run sig[] = { { "Dr A. Clinician", RUN_BOLD, LOC_NONE, 0, NULL } };
    doc_paragraph(d, sig, 1, PARA_LEFT);
    const char *out = path_in("letter2.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    CHECK_INT(doc_page_count(d), 1);
    /* the wrapped line of the list item starts under the text after the
     * bullet, not under the bullet */
    char *xs = run("pdftotext -bbox '%s' - | grep -E '>(First|please)<' | sed 's/.*xMin=\"\\([0-9.]*\\)\".*/\\1/' | tr '\\n' ' '", out);
    double first = 0, second = 0;
    CHECK(sscanf(xs, "%lf %lf", &first, &second) == 2);
    CHECK_NEAR(first, second, 0.5);
    CHECK(first > 72 + 10);
    free(xs);
    /* the address is where it was placed */
    char *ya = run("pdftotext -bbox '%s' - | grep -m1 '>Harbour<' | sed 's/.*xMin=\"\\([0-9.]*\\)\".*/\\1/'", out);
    CHECK(atof(ya) > 360 && atof(ya) < 400);
    free(ya);
    if (getenv("FORMC_KEEP_PNG")) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "pdftoppm -png -r 60 '%s' /tmp/formc-letter", out);
        if (system(cmd) != 0) UNIT_FAIL("pdftoppm failed");
    }
    doc_free(d);
}

static double figure_top[4];
static int figure_n;

static double figure_height[4];

static void record_figure_top(cairo_t *cr, double w, double h, void *ud) {
    double x = 0, y = 0;
    cairo_user_to_device(cr, &x, &y);
    if (figure_n < 4) figure_height[figure_n] = h, figure_top[figure_n++] = y;
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_stroke(cr);
}

TEST(figure_that_does_not_fit_moves_whole_with_its_heading) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    for (int i = 0; i < 5; i++) {
        Run r[] = { { prose[i % 3], RUN_PLAIN, LOC_NONE, 0, NULL } };
        doc_paragraph(d, r, 1, 0);
    }
    doc_heading(d, 2, "Diagram", LOC_NONE);
    doc_figure(d, 400, record_figure_top, NULL);
    figure_n = 0;
    const char *out = path_in("figure.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    CHECK_INT(doc_page_count(d), 2);
    CHECK_INT(figure_n, 1);
    /* the heading went with it: page 2 starts with the heading, and the
     * figure sits below it */
    char *p2 = run("pdftotext -f 2 -l 2 '%s' -", out);
    CHECK(!strncmp(p2, "Diagram", 7));
    free(p2);
    CHECK(figure_top[0] > 78 + 10 && figure_top[0] < 78 + 40);
    doc_free(d);
}

/* A figure's introduction (PARA_KEEP_WITH_NEXT | PARA_KEEP_WHOLE) of
 * fewer than six lines goes whole with the figure, and its heading with
 * it: the heading and the paragraph fit at the end of page 1, the figure
 * does not, and all three start page 2. A longer one, and one kept only
 * with the next, split as any paragraph does: the heading and the first
 * lines stay on page 1 and the last two lines go with the figure. */
TEST(figure_keeps_its_heading_and_introduction) {
    for (int c = 0; c < 3; c++) {
        int whole = c > 0, short_intro = c == 1;
        DocInfo info = { .lang = "en" };
        char err[256];
        Doc *d = new_doc(&info);
        if (!d) return;
        for (int i = 0; i < 5; i++) {
            Run r[] = { { prose[i % 3], RUN_PLAIN, LOC_NONE, 0, NULL } };
            doc_paragraph(d, r, 1, 0);
        }
        doc_heading(d, 2, "Composition", LOC_NONE);
        Run intro = { "Introducing the chart: each row is a member and each column one of the six "
                      "scales, so that a reader reads down a column to see how alike or how "
                      "different the members are on it, and along a row to see one member's "
                      "profile before the group begins its twelve weekly sessions. The shaded "
                      "band is the reference norm's mean plus or minus one standard deviation, "
                      "and the last row overlays every member, with a bar at the group's mean, "
                      "so that the spread of the whole group can be seen at a glance.",
                      RUN_PLAIN, LOC_NONE, 0, NULL };
        if (short_intro)
            intro.text = "Introducing the chart: each row is a member and each column one of the six "
                         "scales, so that a reader reads down a column to see how alike or how "
                         "different the members are on it, and along a row to see one member's "
                         "profile before the group begins, at a glance.";
        doc_paragraph(d, &intro, 1, PARA_KEEP_WITH_NEXT | (whole ? PARA_KEEP_WHOLE : 0));
        doc_figure(d, 400, record_figure_top, NULL);
        figure_n = 0;
        const char *out = path_in(c == 0 ? "intro.pdf" : c == 1 ? "intro-whole.pdf" : "intro-long.pdf");
        CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
        CHECK_INT(doc_page_count(d), 2);
        char *p2 = run("pdftotext -f 2 -l 2 '%s' -", out);
        if (short_intro) {
            CHECK(!strncmp(p2, "Composition", 11));
            CHECK(strstr(p2, "Introducing the chart") != NULL);
        } else {
            CHECK(strstr(p2, "Composition") == NULL);
            CHECK(strstr(p2, "Introducing the chart") == NULL);
            CHECK(strstr(p2, "glance.") != NULL);
        }
        free(p2);
        doc_free(d);
    }
}

/* A figure a little too tall for the end of a page is drawn a little
 * smaller there (down to 87%), with its heading, instead of leaving the
 * page's end empty; one much too tall still moves whole. */
TEST(figure_slightly_too_tall_shrinks_to_fit) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    Run r = { "One line.", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &r, 1, 0);
    doc_heading(d, 2, "Chart", LOC_NONE);
    double room = doc_text_height(d) - 60;     /* about what is left */
    doc_figure(d, room * 1.05, record_figure_top, NULL);
    doc_figure(d, room * 0.8, record_figure_top, NULL);
    figure_n = 0;
    CHECK_INT(doc_write_pdf(d, path_in("shrink.pdf"), NULL, err, sizeof err), 0);
    CHECK_INT(doc_page_count(d), 2);
    CHECK_INT(figure_n, 2);
    CHECK(figure_height[0] < room * 1.05 && figure_height[0] >= room * 1.05 * 0.87);
    CHECK(figure_top[0] < 160);                 /* on page 1, under the heading */
    CHECK_NEAR(figure_height[1], room * 0.8, 1e-9);
    doc_free(d);
}

/* The figures drawn whole on a page share one scale: the one that must
 * shrink to fit the page's end has those above it drawn as small, and
 * with the room they give, one that could not fit at its own bound (with
 * its heading) fits beside them instead of leaving the page's end empty. */
TEST(figures_on_a_page_share_one_scale) {
    for (int tight = 0; tight < 2; tight++) {
        DocInfo info = { .lang = "en" };
        char err[256];
        Doc *d = new_doc(&info);
        if (!d) return;
        double room = doc_text_height(d);
        double h[2] = { room * 0.45, room * (tight ? 0.55 : 0.52) };
        doc_heading(d, 2, "First", LOC_NONE);
        doc_figure(d, h[0], record_figure_top, NULL);
        doc_heading(d, 2, "Second", LOC_NONE);
        doc_figure(d, h[1], record_figure_top, NULL);
        figure_n = 0;
        CHECK_INT(doc_write_pdf(d, path_in("shared.pdf"), NULL, err, sizeof err), 0);
        CHECK_INT(doc_page_count(d), 1);
        CHECK_INT(figure_n, 2);
        double s0 = figure_height[0] / h[0], s1 = figure_height[1] / h[1];
        CHECK(s0 < 1 && s0 >= 0.87 - 1e-9);
        CHECK_NEAR(s0, s1, 1e-6);
        CHECK(figure_top[1] + figure_height[1] <= doc_page_height(d) - 72 + 1e-6);
        doc_free(d);
    }
}

/* A figure's caller may let it shrink further than 87% at a page's end
 * (a diagram of large text) instead of moving, and its allowance is a
 * floor too: a diagram whose text is already at its smallest size is never
 * drawn smaller, where every other figure may shrink to 87% (a diagram's
 * 7-point text was printed at 6). */
TEST(figure_min_scale_is_an_allowance_and_a_floor) {
    static const struct {
        double fits_at;   /* the figure fits the page's end at this scale */
        double allow;     /* doc_figure_min_scale's argument; 0: not called */
        int pages;
    } cases[] = {
        { 0.83, 0, 2 }, { 0.83, 0.8, 1 }, { 0.83, 0.95, 2 },
        { 0.90, 0, 1 }, { 0.90, 0.95, 2 }, { 0.90, 1.0, 2 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DocInfo info = { .lang = "en" };
        char err[256];
        Doc *d = new_doc(&info);
        if (!d) return;
        Run r = { "One line.", RUN_PLAIN, LOC_NONE, 0, NULL };
        doc_paragraph(d, &r, 1, 0);
        double full = (doc_text_height(d) - 40) / cases[i].fits_at;
        doc_figure(d, full, record_figure_top, NULL);
        if (cases[i].allow > 0) doc_figure_min_scale(d, cases[i].allow);
        figure_n = 0;
        CHECK_INT(doc_write_pdf(d, path_in("minscale.pdf"), NULL, err, sizeof err), 0);
        CHECK_INT(figure_n, 1);
        CHECK_INT(doc_page_count(d), cases[i].pages);
        if (cases[i].pages == 1) CHECK(figure_height[0] < full && figure_height[0] >= full * cases[i].fits_at - 1e-6);
        doc_free(d);
    }
}

/* A figure taller than a whole page is drawn as tall as the page, never
 * off its end over the page number (a change chart of 33 scales ran off
 * it, its last panels lost). */
TEST(figure_taller_than_a_page_stays_on_it) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    Run r = { "One line.", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &r, 1, 0);
    double page = doc_text_height(d);
    doc_figure(d, page * 3, record_figure_top, NULL);
    figure_n = 0;
    CHECK_INT(doc_write_pdf(d, path_in("tall.pdf"), NULL, err, sizeof err), 0);
    CHECK_INT(figure_n, 1);
    CHECK(figure_height[0] <= page + 1e-6 && figure_height[0] > page * 0.9);
    CHECK(figure_top[0] + figure_height[0] <= doc_page_height(d));
    doc_free(d);
}

/* A figure kept with its legend does not end a page without it: here the
 * legend would go to the next page, and kept with it the figure is drawn
 * a little smaller so that the legend starts under it. */
static int legend_on_first_page(int keep) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    if (!d) return -1;
    Run r = { "One line.", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &r, 1, 0);
    doc_figure(d, doc_text_height(d) - 40, record_figure_top, NULL);
    if (keep) doc_keep_with_next(d);
    Run legend = { "The legend of the figure, in small print, which runs over several lines so that "
                   "it cannot fit in the little room the figure leaves at the foot of the page.",
                   RUN_SMALL, LOC_NONE, 0, NULL };
    doc_paragraph(d, &legend, 1, PARA_LEFT | PARA_TIGHT);
    const char *out = path_in(keep ? "legend-kept.pdf" : "legend.pdf");
    int rc = doc_write_pdf(d, out, NULL, err, sizeof err);
    doc_free(d);
    if (rc != 0) return -1;
    char *p1 = run("pdftotext -f 1 -l 1 '%s' -", out);
    int on = strstr(p1, "The legend") != NULL;
    free(p1);
    return on;
}

TEST(figure_stays_with_its_legend) {
    CHECK_INT(legend_on_first_page(0), 0);
    CHECK_INT(legend_on_first_page(1), 1);
}

/* A figure in rows: each part's rows and where its top is drawn. */
static int rows_from[8], rows_to[8], rows_page_top[8], rows_n;
static double rows_h[8];

/* Rows of 150 pt under a 20 pt legend each part repeats. */
static double rows_height(int from, int to, double w, void *ud) { return 20 + 150.0 * (to - from); }

static void record_rows(cairo_t *cr, double w, double h, int from, int to, void *ud) {
    double x = 0, y = 0;
    cairo_user_to_device(cr, &x, &y);
    if (rows_n < 8) {
        rows_from[rows_n] = from, rows_to[rows_n] = to, rows_h[rows_n] = h;
        rows_page_top[rows_n++] = (int)y;
    }
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_stroke(cr);
}

static double tall_row_height(int from, int to, double w, void *ud) { return 2000.0 * (to - from); }

/* A figure in rows too tall for the rest of its page fills that rest with
 * as many rows as fit, under its heading, and goes on at the top of the
 * next page; it is one figure with its alternative text. */
TEST(figure_in_rows_splits_between_rows) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    for (int i = 0; i < 2; i++) {
        Run r[] = { { prose[i], RUN_PLAIN, LOC_NONE, 0, NULL } };
        doc_paragraph(d, r, 1, 0);
    }
    doc_heading(d, 2, "Change", LOC_NONE);
    doc_alt_text(d, "Panels of change, one per scale.");
    doc_figure_rows(d, 4, rows_height, record_rows, NULL);
    doc_alt_text(d, NULL);
    Run after = { "The text after the chart.", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &after, 1, 0);
    rows_n = 0;
    const char *out = path_in("rows.pdf");
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), 0);
    CHECK_INT(doc_page_count(d), 2);
    CHECK_INT(rows_n, 2);
    /* the first part ends page 1, under its heading; the rest opens page 2 */
    CHECK_INT(rows_from[0], 0);
    CHECK(rows_to[0] >= 1 && rows_to[0] < 4);
    CHECK_INT(rows_from[1], rows_to[0]);
    CHECK_INT(rows_to[1], 4);
    CHECK_NEAR(rows_h[0], rows_height(0, rows_to[0], 0, NULL), 1e-9);
    CHECK(rows_page_top[0] + rows_h[0] <= doc_page_height(d) - 72 + 1e-6);
    /* page 2 opens with the caption "Change (continued)", the rest under it */
    CHECK(rows_page_top[1] > 78 && rows_page_top[1] < 78 + 30);
    char *p1 = run("pdftotext -f 1 -l 1 '%s' -", out);
    CHECK(strstr(p1, "Change") != NULL);
    free(p1);
    char *p2 = run("pdftotext -f 2 -l 2 '%s' -", out);
    CHECK(strncmp(p2, "Change (continued)", 18) == 0);
    free(p2);
    char *st = run("pdfinfo -struct-text '%s' 2>&1", out);
    int figures = 0;
    for (const char *p = st; (p = strstr(p, "Figure")) != NULL; p++) figures++;
    CHECK_INT(figures, 1);
    free(st);
    char *check = run("qpdf --check '%s' >/dev/null 2>&1; echo $?", out);
    CHECK_INT(atoi(check), 0);
    free(check);
    doc_free(d);
}

/* A figure in rows that fits stays whole; one that fits at 90% is drawn
 * that much smaller; a single row taller than a page is drawn as tall as
 * the page, never off it. */
TEST(figure_in_rows_whole_when_it_fits) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    double page = doc_text_height(d);
    Run r = { "One line.", RUN_PLAIN, LOC_NONE, 0, NULL };
    doc_paragraph(d, &r, 1, 0);
    doc_figure_rows(d, 2, rows_height, record_rows, NULL);        /* 320 pt: fits */
    doc_page_break(d);
    doc_figure_rows(d, 4, rows_height, record_rows, NULL);        /* 620 pt: fits at 90% */
    doc_page_break(d);
    doc_figure_rows(d, 1, tall_row_height, record_rows, NULL);    /* taller than a page */
    rows_n = 0;
    CHECK_INT(doc_write_pdf(d, path_in("rows-whole.pdf"), NULL, err, sizeof err), 0);
    CHECK_INT(rows_n, 3);
    CHECK_INT(rows_from[0], 0);
    CHECK_INT(rows_to[0], 2);
    CHECK_NEAR(rows_h[0], 320, 1e-9);
    CHECK_INT(rows_to[1], 4);
    if (page < 620) CHECK(rows_h[1] < 620 && rows_h[1] >= 0.9 * 620);
    CHECK_NEAR(rows_h[2], page, 1e-6);
    doc_free(d);
}

/* Rows of short_row pt under a 20 pt heading each part repeats. */
static double short_row;
static double short_rows_height(int from, int to, double w, void *ud) { return 20 + short_row * (to - from); }

/* A figure in rows split at a page's end leaves no row alone on either
 * side: with room for four of its five rows (but not for all five, even
 * drawn smaller), the page takes three and the next page the last two,
 * where it took four and left the last row to go on alone (the example
 * summary's composition chart, Zoé over the page with the group's row). */
TEST(figure_in_rows_leaves_no_row_alone) {
    DocInfo info = { .lang = "en" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    short_row = (doc_text_height(d) - 20) / 4 - 1;
    doc_figure_rows(d, 5, short_rows_height, record_rows, NULL);
    rows_n = 0;
    CHECK_INT(doc_write_pdf(d, path_in("rows-alone.pdf"), NULL, err, sizeof err), 0);
    CHECK_INT(rows_n, 2);
    CHECK_INT(rows_to[0], 3);
    CHECK_INT(rows_from[1], 3);
    CHECK_INT(rows_to[1], 5);
    doc_free(d);
}

TEST(shutdown_with_a_document_alive_is_safe) {
    DocInfo info = { .lang = "en", .footer_page_numbers = 1, .page_format = "page %d of %d" };
    char err[256];
    Doc *d = new_doc(&info);
    if (!d) return;
    Run r[] = { { prose[0], RUN_PLAIN, LOC_NONE, 0, NULL } };
    doc_paragraph(d, r, 1, 0);
    doc_shutdown();
    const char *after = path_in("after-shutdown.pdf");
    CHECK_INT(doc_write_pdf(d, after, NULL, err, sizeof err), 0);
    char *text = run("pdftotext '%s' -", after);
    CHECK(strstr(text, "page 1 of 1") != NULL);      /* furniture drawn too */
    free(text);
    doc_free(d);
    Doc *e = doc_new(&info, err, sizeof err);   /* sets up again */
    CHECK(e != NULL);
    if (e) {
        doc_paragraph(e, r, 1, 0);
        CHECK_INT(doc_write_pdf(e, path_in("again.pdf"), NULL, err, sizeof err), 0);
        doc_free(e);
    }
}

TEST(document_over_the_page_limit_is_refused_and_not_written) {
    DocInfo info = { .paper = PAPER_A4, .lang = "en" };
    char err[512];
    Doc *d = new_doc(&info);
    if (!d) return;
    Run run = { "One page.", RUN_PLAIN, LOC_NONE, 0, NULL };
    for (int i = 0; i < DOC_MAX_PAGES; i++) {
        if (i) doc_page_break(d);
        doc_paragraph(d, &run, 1, PARA_LEFT);
    }
    CHECK_INT(doc_page_count(d), DOC_MAX_PAGES);
    doc_page_break(d);
    doc_paragraph(d, &run, 1, PARA_LEFT);
    CHECK(doc_page_count(d) > DOC_MAX_PAGES);
    const char *out = path_in("long.pdf");
    unlink(out);
    CHECK_INT(doc_write_pdf(d, out, NULL, err, sizeof err), -1);
    CHECK(strstr(err, "long.pdf") && strstr(err, "more than 1000 pages"));
    CHECK(access(out, F_OK) != 0);
    DIR *dh = opendir(dir());
    struct dirent *de;
    while (dh && (de = readdir(dh)))
        if (strstr(de->d_name, ".long.pdf.")) UNIT_FAIL("temp file left: %s", de->d_name);
    if (dh) closedir(dh);
    doc_free(d);
}
