/* test_diagram.c — the formulation diagrams and score charts: heights grow
 * with content, drawing leaves cairo in a good state, nothing is drawn
 * outside the box, and the text reaches the PDF. Also writes every figure
 * to formc_figures.pdf and formc_*.png in the test's own folder, kept for
 * looking at when FORMC_KEEP_PNG is set (unit.h). */
#include "base/numtext.h"
#include "figures/chart.h"
#include "figures/diagram.h"
#include "figures/figtext.h"
#include "figures/scatter.h"
#include "unit.h"
#include "unit_layout.h"

#include <cairo-pdf.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- realistic content ------------------------------------------------ */

static const char *LONG_SELF =
    "Works late into the night to make every piece of work flawless and "
    "rarely asks colleagues for help. Hides mistakes and apologises "
    "repeatedly when errors come to light. Keeps conversations on tasks "
    "and steers away from talking about feelings or personal needs.";
static const char *LONG_EXPECT =
    "Expects that others will judge her harshly, lose interest, or leave "
    "if she shows weakness or falls short of their standards.";
static const char *LONG_OTHERS =
    "Colleagues admire her output but keep their distance; her partner "
    "says he feels shut out. In the first group session two members "
    "praised her competence and nobody asked how she was.";
static const char *LONG_INTRO =
    "Treats herself with contempt after any mistake, the way her father "
    "criticised her school reports. Allows herself no rest until everything "
    "is done.";

static CrpDiagram crp_long(void) {
    CrpDiagram d = {0};
    d.texts[0] = LONG_SELF;
    d.texts[1] = LONG_EXPECT;
    d.texts[2] = LONG_OTHERS;
    d.texts[3] = LONG_INTRO;
    return d;
}

static CrpDiagram crp_short(void) {
    CrpDiagram d = {0};
    d.texts[0] = "Overworks; hides mistakes.";
    d.texts[1] = "Others will reject her if she fails.";
    d.texts[2] = "Others keep their distance.";
    d.texts[3] = NULL; /* not stated */
    return d;
}

static TriangleDiagram tri_adaptation(void) {
    TriangleDiagram d = {0};
    d.title = "Triangle of Adaptation";
    for (int i = 0; i < 3; i++) d.labels[i] = diagram_adaptation_labels[i];
    d.texts[0] = "To be accepted and cared for without having to earn it "
                 "through achievement.";
    d.texts[1] = "Shame and fear of rejection, followed by anger at herself; "
                 "sometimes a flat, hopeless sadness.";
    d.texts[2] = "Redoubles effort, conceals distress behind competence and "
                 "withdraws from others when she feels exposed. Intellectualises "
                 "feelings when asked about them.";
    return d;
}

static TriangleDiagram tri_object(void) {
    TriangleDiagram d = {0};
    d.title = "Triangle of Object Relations";
    for (int i = 0; i < 3; i++) d.labels[i] = diagram_object_relations_labels[i];
    d.texts[0] = "Father critical and exacting; mother anxious and busy.";
    d.texts[1] = "Admired at work but lonely; partner feels shut out.";
    d.texts[2] = "Will try to be the model member, will hide struggles, and "
                 "may feel criticised by the therapists' comments.";
    return d;
}

#define PRE CHART_BIT(CHART_PRE)
#define POST CHART_BIT(CHART_POST)
#define FU CHART_BIT(CHART_FU)

static ChartScale scales[] = {
    {.label = "Self-oriented (HF-MPS)", .raw = {88, 71, 66}, .has_raw = PRE | POST | FU,
     .t = {68, 57, 53}, .has_t = PRE | POST | FU, .has_norm = 1,
     .reliable = POST | FU, .improved = POST | FU, .computable = POST | FU,
     .cutoff = 75, .has_cutoff = 1, .higher_is_worse = 1,
     .range_min = 15, .range_max = 105, .has_range = 1},
    {.label = "Other-oriented (HF-MPS)", .raw = {58, 55, 0}, .has_raw = PRE | POST,
     .t = {52, 50, 0}, .has_t = PRE | POST, .has_norm = 1,
     .reliable = 0, .computable = POST, .cutoff = 62, .has_cutoff = 1, .higher_is_worse = 1,
     .range_min = 15, .range_max = 105, .has_range = 1},
    {.label = "Socially prescribed (HF-MPS)", .raw = {70, 0, 52}, .has_raw = PRE | FU,
     .t = {66, 0, 50}, .has_t = PRE | FU, .has_norm = 1,
     .reliable = FU, .improved = FU, .computable = FU, .cutoff = 60, .has_cutoff = 1,
     .higher_is_worse = 1,
     .range_min = 15, .range_max = 105, .has_range = 1},
    {.label = "Perfectionistic self-promotion (PSPS)", .raw = {62, 60, 61},
     .has_raw = PRE | POST | FU, .t = {63, 62, 62}, .has_t = PRE | POST | FU,
     .has_norm = 1, .higher_is_worse = 1},
    {.label = "Nondisplay of imperfection (PSPS)", .raw = {50, 38, 30},
     .has_raw = PRE | POST | FU, .t = {61, 50, 42}, .has_t = PRE | POST | FU,
     .has_norm = 1, .reliable = POST | FU, .improved = POST | FU, .computable = POST | FU,
     .higher_is_worse = 1},
    {.label = "Self-compassion (SCS-SF)", .raw = {2.1, 2.9, 3.4},
     .has_raw = PRE | POST | FU, .has_norm = 0, .reliable = POST | FU,
     .improved = POST | FU, .computable = POST | FU, .cutoff = 3.0, .has_cutoff = 1, .higher_is_worse = 0,
     .range_min = 1, .range_max = 5, .has_range = 1},
    {.label = "Perfectionism Cognitions Inventory, total score (PCI-25)",
     .raw = {71, 80, 0}, .has_raw = PRE | POST, .t = {74, 79, 0},
     .has_t = PRE | POST, .has_norm = 1, .reliable = POST, .computable = POST, .cutoff = 60,
     .has_cutoff = 1, .higher_is_worse = 1},
};
#define N_SCALES (sizeof scales / sizeof scales[0])

static const char *const dims[] = {
    "Self-oriented", "Other-oriented", "Socially prescribed",
    "Self-promotion", "Nondisplay of imperfection", "Nondisclosure of imperfection"};

static ChartMember members[12] = {
    {"A.B.", {68, 52, 66, 63, 61, 58}, 0x3f},
    {"C.D.", {55, 48, 72, 58, 66, 70}, 0x3f},
    {"E.F.", {74, 63, 49, 71, 55, 52}, 0x3f},
    {"G.H.", {45, 39, 61, 47, 62, 64}, 0x3f},
    {"J.K.", {62, 70, 58, 66, 49, 46}, 0x3f},
    {"L.M.", {59, 44, 77, 52, 73, 75}, 0x37}, /* one missing */
    {"N.P.", {81, 58, 55, 69, 60, 57}, 0x3f},
    {"Q.R.", {50, 35, 68, 44, 67, 69}, 0x3f},
    {"S.T.", {66, 61, 62, 60, 58, 61}, 0x3f},
    {"M.-L. W.", {38, 47, 70, 41, 64, 66}, 0x3f},
    {"Y.Z.", {57, 53, 51, 56, 54, 50}, 0x3f},
    {"B.C.", {63, 66, 74, 67, 71, 72}, 0x3f},
};

/* ---- drawing helpers -------------------------------------------------- */

typedef double (*height_fn)(const void *, double);
typedef void (*draw_fn)(cairo_t *, const void *, double, double);

static double h_crp(const void *d, double w) { return diagram_crp_height(d, w); }
static void d_crp(cairo_t *cr, const void *d, double w, double h) { diagram_crp_draw(cr, d, w, h); }
static double h_tri(const void *d, double w) { return diagram_triangle_height(d, w); }
static void d_tri(cairo_t *cr, const void *d, double w, double h) { diagram_triangle_draw(cr, d, w, h); }
static double h_prof(const void *d, double w) { return chart_profile_height(d, w); }
static void d_prof(cairo_t *cr, const void *d, double w, double h) { chart_profile_draw(cr, d, w, h); }
static double h_chg(const void *d, double w) { return chart_change_height(d, w); }
static void d_chg(cairo_t *cr, const void *d, double w, double h) { chart_change_draw(cr, d, w, h); }
static double h_grp(const void *d, double w) { return chart_group_height(d, w); }
static void d_grp(cairo_t *cr, const void *d, double w, double h) { chart_group_draw(cr, d, w, h); }
static double h_sct(const void *d, double w) { return chart_scatter_height(d, w); }
static void d_sct(cairo_t *cr, const void *d, double w, double h) { chart_scatter_draw(cr, d, w, h); }

/* A program's members on one scale: before against after, some who left. */
static const ScatterPoint program_post[] = {
    {96, 74, 0}, {98, 95, 0}, {99, 76, 1}, {81, 78, 0}, {88, 60, 0}, {70, 72, 0}, {15, 105, 0},
};
static const ScatterPoint program_fu[] = { {96, 70, 0}, {88, 58, 0} };

typedef struct {
    const char *name;
    const void *fig;
    height_fn height;
    draw_fn draw;
} Figure;

static CrpDiagram g_crp_long, g_crp_short;
static TriangleDiagram g_tri_a, g_tri_o;
static ProfileChart g_prof;
static ChangeChart g_chg;
static GroupChart g_grp, g_grp_raw;
static ScatterChart g_sct, g_sct_plain;

static int figures(Figure *f) {
    g_crp_long = crp_long();
    g_crp_short = crp_short();
    g_tri_a = tri_adaptation();
    g_tri_o = tri_object();
    g_prof = (ProfileChart){.scales = scales, .n = N_SCALES};
    g_chg = (ChangeChart){.scales = scales, .n = N_SCALES};
    g_grp = (GroupChart){.dim_labels = dims, .n_dims = 6, .members = members,
                         .n_members = 12};
    /* three columns without a norm: raw scores on their range (the last
     * range is not one, so the data decide), the legend left out */
    g_grp_raw = (GroupChart){.dim_labels = dims, .n_dims = 6, .members = members,
                             .n_members = 12, .raw_dims = 0x2a,
                             .raw_min = {0, 15, 0, 10, 0, 7}, .raw_max = {0, 105, 0, 70, 0, 7},
                             .legend = "", .all_label = "Tous les membres"};
    g_sct = (ScatterChart){.min = 15, .max = 105, .higher_is_worse = 1, .has_band = 1, .band = 13.45,
                           .has_cutoff = 1, .cutoff = 93.29, .npanels = 2,
                           .panels = {{"After the group", program_post, 7}, {"At follow-up", program_fu, 2}}};
    /* no range, no band, no cutoff, one panel: the axes from the data */
    g_sct_plain = (ScatterChart){.npanels = 1, .panels = {{"Après le groupe", program_post, 7}},
                                 .decimal_comma = 1};
    int n = 0;
    f[n++] = (Figure){"scatter", &g_sct, h_sct, d_sct};
    f[n++] = (Figure){"scatter_plain", &g_sct_plain, h_sct, d_sct};
    f[n++] = (Figure){"crp", &g_crp_long, h_crp, d_crp};
    f[n++] = (Figure){"crp_short", &g_crp_short, h_crp, d_crp};
    f[n++] = (Figure){"triangle_adaptation", &g_tri_a, h_tri, d_tri};
    f[n++] = (Figure){"triangle_object", &g_tri_o, h_tri, d_tri};
    f[n++] = (Figure){"profile", &g_prof, h_prof, d_prof};
    f[n++] = (Figure){"change", &g_chg, h_chg, d_chg};
    f[n++] = (Figure){"group", &g_grp, h_grp, d_grp};
    f[n++] = (Figure){"group_raw", &g_grp_raw, h_grp, d_grp};
    return n;
}

#define TEXT_W 451.0 /* A4 with 72 pt margins */
#define MARGIN 12

/* Draws a figure at width w and height h into an ARGB image with a blank
 * margin around the box, at `scale` pixels per point. Returns the
 * surface; *status gets the cairo_t status after drawing. */
static cairo_surface_t *render(const Figure *f, double w, double h,
                               double scale, int white, cairo_status_t *status) {
    int iw = (int)ceil((w + 2 * MARGIN) * scale), ih = (int)ceil((h + 2 * MARGIN) * scale);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, iw, ih);
    cairo_t *cr = cairo_create(s);
    if (white) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
    }
    cairo_scale(cr, scale, scale);
    cairo_translate(cr, MARGIN, MARGIN);
    f->draw(cr, f->fig, w, h);
    *status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* Counts pixels with any coverage outside the box (MARGIN..MARGIN+w/h),
 * allowing half a pixel of antialiasing at the edges. */
static long pixels_outside(cairo_surface_t *s, double w, double h, double scale) {
    int iw = cairo_image_surface_get_width(s), ih = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    int x0 = (int)floor(MARGIN * scale) - 1, y0 = (int)floor(MARGIN * scale) - 1;
    int x1 = (int)ceil((MARGIN + w) * scale) + 1, y1 = (int)ceil((MARGIN + h) * scale) + 1;
    long n = 0;
    for (int y = 0; y < ih; y++) {
        uint32_t *row = (uint32_t *)(void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < iw; x++) {
            if (x >= x0 && x < x1 && y >= y0 && y < y1) continue;
            if (row[x] >> 24) n++;
        }
    }
    return n;
}

/* Pixels with any coverage at all. */
static long pixels_inked(cairo_surface_t *s) {
    int iw = cairo_image_surface_get_width(s), ih = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    long n = 0;
    for (int y = 0; y < ih; y++) {
        uint32_t *row = (uint32_t *)(void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < iw; x++)
            if (row[x] >> 24) n++;
    }
    return n;
}

/* ---- tests ------------------------------------------------------------ */

TEST(heights_grow_with_text) {
    CrpDiagram s = crp_short(), l = crp_long();
    double hs = diagram_crp_height(&s, TEXT_W), hl = diagram_crp_height(&l, TEXT_W);
    CHECK(hs > 50);
    CHECK(hl >= hs);
    /* much longer text must make it taller than the nominal boxes */
    char big[4000] = "";
    for (int i = 0; i < 6; i++) strcat(big, LONG_SELF), strcat(big, " ");
    l.texts[0] = big;
    double hb = diagram_crp_height(&l, TEXT_W);
    CHECK(hb > hl);
    /* narrower width needs more height for the same text */
    CHECK(diagram_crp_height(&l, 300) > hb);

    TriangleDiagram t = tri_adaptation();
    double t1 = diagram_triangle_height(&t, TEXT_W);
    t.texts[2] = big;
    CHECK(diagram_triangle_height(&t, TEXT_W) > t1);
    t.texts[0] = big;
    CHECK(diagram_triangle_height(&t, TEXT_W) > t1 + 100);

    ProfileChart p = {.scales = scales, .n = 3};
    double p3 = chart_profile_height(&p, TEXT_W);
    p.n = N_SCALES;
    CHECK(chart_profile_height(&p, TEXT_W) > p3);

    ChangeChart c = {.scales = scales, .n = 3, .columns = 3};
    double c3 = chart_change_height(&c, TEXT_W);
    c.n = 6;
    CHECK(chart_change_height(&c, TEXT_W) > c3);

    GroupChart g = {.dim_labels = dims, .n_dims = 6, .members = members, .n_members = 4};
    double g4 = chart_group_height(&g, TEXT_W);
    g.n_members = 12;
    double g12 = chart_group_height(&g, TEXT_W);
    CHECK(g12 > g4);
    /* twelve members fit well within an A4 text block (about 700 pt) */
    CHECK(g12 < 600);
    /* an empty legend takes no room; raw columns add none */
    g.legend = "";
    CHECK(chart_group_height(&g, TEXT_W) < g12 - 10);
    g.legend = NULL;
    g.raw_dims = 0x3f;
    CHECK(chart_group_height(&g, TEXT_W) >= g12);

    /* a part: its rows only, the overlay row the last part's; as many
     * rows as the height of a part of them allows, and no more */
    g.raw_dims = 0;
    g.legend = "";
    double whole = chart_group_height(&g, TEXT_W);
    g.from = 4;
    g.rows = 5;
    double last5 = chart_group_height(&g, TEXT_W);
    CHECK(last5 < whole);
    CHECK_INT(chart_group_rows_within(&g, TEXT_W, last5), 5);
    CHECK_INT(chart_group_rows_within(&g, TEXT_W, last5 - 1), 4);
    g.more = 1;
    CHECK(chart_group_height(&g, TEXT_W) < last5);
    g.from = 10; /* past the end: the rows that are there */
    g.more = 0;
    CHECK(chart_group_height(&g, TEXT_W) < last5);
    CHECK_INT(chart_group_rows_within(&g, TEXT_W, 10), 0);
}

/* With labels only, the boxes hold no text: the figure is lower and its
 * height does not depend on the texts; a missing text shows the caller's
 * words instead of "(not stated)". */
/* The text of a PDF as pdftotext gives it (args: its options and path),
 * its white space collapsed so that wrapped phrases still match, in a
 * static buffer ("" when pdftotext cannot run). */
static const char *pdf_text(const char *args) {
    static char text[200000];
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext %s - 2>/dev/null", args);
    text[0] = 0;
    FILE *p = popen(cmd, "r");
    if (!p) return text;
    size_t len = fread(text, 1, sizeof text - 1, p);
    pclose(p);
    size_t j = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = text[i] == '\n' || text[i] == '\f' ? ' ' : text[i];
        if (ch == ' ' && j && text[j - 1] == ' ') continue;
        text[j++] = ch;
    }
    text[j] = 0;
    return text;
}

TEST(labels_only_and_missing_words) {
    CrpDiagram l = crp_long(), o = crp_long();
    o.labels_only = 1;
    double full = diagram_crp_height(&l, TEXT_W), only = diagram_crp_height(&o, TEXT_W);
    CHECK(only > 0 && only < full / 2);
    o.texts[0] = "short";
    CHECK(diagram_crp_height(&o, TEXT_W) == only);
    TriangleDiagram t = tri_adaptation(), u = tri_adaptation();
    u.labels_only = 1;
    CHECK(diagram_triangle_height(&u, TEXT_W) < diagram_triangle_height(&t, TEXT_W));
    CrpDiagram m = crp_short();
    m.missing = "to be completed";
    const char *pdf = path_in("formc_missing.pdf");
    cairo_surface_t *ps = cairo_pdf_surface_create(pdf, 595, 842);
    cairo_t *cr = cairo_create(ps);
    diagram_crp_draw(cr, &m, TEXT_W, diagram_crp_height(&m, TEXT_W));
    cairo_show_page(cr);
    diagram_crp_draw(cr, &o, TEXT_W, only);
    CHECK_INT(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_destroy(ps);
    const char *text = pdf_text(pdf);
    CHECK(strstr(text, "to be completed") != NULL);
    CHECK(strstr(text, "(not stated)") == NULL);
    CHECK(strstr(text, "rarely asks") == NULL);    /* labels only: no text */
    CHECK(strstr(text, "Expectations of Others") != NULL);
}

TEST(draws_inside_box_with_good_status) {
    Figure f[16];
    int n = figures(f);
    for (int i = 0; i < n; i++) {
        double w = TEXT_W, h = f[i].height(f[i].fig, w);
        cairo_status_t st;
        cairo_surface_t *s = render(&f[i], w, h, 1.5, 0, &st);
        if (st != CAIRO_STATUS_SUCCESS) UNIT_FAIL("%s: cairo status %d", f[i].name, st);
        long out = pixels_outside(s, w, h, 1.5);
        if (out) UNIT_FAIL("%s: %ld pixels outside the box", f[i].name, out);
        CHECK(pixels_inked(s) > 1000);
        cairo_surface_destroy(s);
        /* too little height: the figure scales down, still inside */
        s = render(&f[i], w, h * 0.6, 1.5, 0, &st);
        CHECK(st == CAIRO_STATUS_SUCCESS);
        out = pixels_outside(s, w, h * 0.6, 1.5);
        if (out) UNIT_FAIL("%s (short box): %ld pixels outside", f[i].name, out);
        cairo_surface_destroy(s);
        /* a narrow column */
        h = f[i].height(f[i].fig, 240);
        s = render(&f[i], 240, h, 1.5, 0, &st);
        char path[128];
        snprintf(path, sizeof path, "%s/formc_narrow_%s.png", dir(), f[i].name);
        cairo_surface_write_to_png(s, path);
        CHECK(st == CAIRO_STATUS_SUCCESS);
        out = pixels_outside(s, 240, h, 1.5);
        if (out) UNIT_FAIL("%s (narrow): %ld pixels outside", f[i].name, out);
        cairo_surface_destroy(s);
    }
}

/* The profile gives a row to each scale with a norm; the scales without
 * one share a line under the axis, each named once, where a row each said
 * only that there is no norm. */
TEST(profile_names_scales_without_a_norm_together) {
    ChartScale few[9];
    static const char *const names[9] = { "Self-oriented", "Other-oriented", "Socially prescribed",
                                          "Self-promotion", "Nondisplay", "Nondisclosure", "Cognitions",
                                          "Depressive symptoms", "Life satisfaction" };
    for (int i = 0; i < 9; i++)
        few[i] = (ChartScale){ .label = names[i], .t = { 60, 55, 0 }, .has_t = PRE | POST, .has_norm = i < 2 };
    ProfileChart two = { .scales = few, .n = 2 }, all = { .scales = few, .n = 9 };
    double h2 = chart_profile_height(&two, TEXT_W), h9 = chart_profile_height(&all, TEXT_W);
    CHECK(h9 > h2);
    CHECK(h9 < h2 + 3 * 19.0);                   /* not seven more rows */
    ProfileChart none = { .scales = few + 2, .n = 7 };
    CHECK(chart_profile_height(&none, TEXT_W) > 0);
    CHECK(chart_profile_height(&none, TEXT_W) < 40);   /* the line alone */
    const char *pdf = path_in("formc_profile_no_norm.pdf");
    cairo_surface_t *ps = cairo_pdf_surface_create(pdf, 595, 842);
    cairo_t *cr = cairo_create(ps);
    cairo_translate(cr, 72, 72);
    chart_profile_draw(cr, &all, TEXT_W, h9);
    cairo_destroy(cr);
    cairo_surface_finish(ps);
    cairo_surface_destroy(ps);
    const char *text = pdf_text(pdf);
    int words = 0;
    for (const char *t = text; (t = strstr(t, "no published norm in the library")) != NULL; t++) words++;
    CHECK_INT(words, 1);
    for (int i = 0; i < 9; i++)
        if (!strstr(text, names[i])) UNIT_FAIL("the chart does not name %s", names[i]);
    remove(pdf);
}

TEST(empty_inputs_are_safe) {
    CrpDiagram c = {0};
    TriangleDiagram t = {0};
    ProfileChart p = {0};
    ChangeChart ch = {0};
    GroupChart g = {0};
    ScatterChart sc = {0};
    CHECK(diagram_crp_height(&c, 200) > 0);
    CHECK(diagram_triangle_height(&t, 200) > 0);
    CHECK(chart_profile_height(&p, 200) > 0);
    CHECK(chart_change_height(&ch, 200) > 0);
    CHECK(chart_group_height(&g, 200) > 0);
    CHECK(chart_scatter_height(&sc, 200) > 0);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 220, 400);
    cairo_t *cr = cairo_create(s);
    diagram_crp_draw(cr, &c, 200, 300);
    diagram_triangle_draw(cr, &t, 200, 300);
    chart_profile_draw(cr, &p, 200, 100);
    chart_change_draw(cr, &ch, 200, 100);
    chart_group_draw(cr, &g, 200, 100);
    chart_scatter_draw(cr, &sc, 200, 100);
    CHECK_INT(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* Writes each figure to a PNG and all of them to one PDF, then checks
 * that pdftotext finds their text. */
TEST(pdf_and_png_output) {
    Figure f[16];
    int n = figures(f);
    const char *pdf = path_in("formc_figures.pdf");
    cairo_surface_t *ps = cairo_pdf_surface_create(pdf, 595, 842);
    cairo_t *cr = cairo_create(ps);
    for (int i = 0; i < n; i++) {
        double w = TEXT_W, h = f[i].height(f[i].fig, w);
        cairo_save(cr);
        cairo_translate(cr, 72, 72);
        f[i].draw(cr, f[i].fig, w, h);
        cairo_restore(cr);
        cairo_show_page(cr);
        cairo_status_t st;
        cairo_surface_t *s = render(&f[i], w, h, 2.0, 1, &st);
        char path[128];
        snprintf(path, sizeof path, "%s/formc_%s.png", dir(), f[i].name);
        CHECK_INT(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy(s);
    }
    CHECK_INT(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_finish(ps);
    CHECK_INT(cairo_surface_status(ps), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(ps);

    char args[160];
    snprintf(args, sizeof args, "-layout %s", pdf);
    const char *text = pdf_text(args);
    CHECK(text[0] != 0);
    static const char *const want[] = {
        "Acts of Self", "Expectations of Others", "Acts of Others", "Introject",
        "rarely asks colleagues", "(not stated)", "Triangle of Adaptation",
        "Unmet need", "Defense", "Past relationships", "Expected in the group",
        "Self-oriented (HF-MPS)", "no published norm in the library", "Follow-up",
        "reliably better", "reliably worse", "lower is better", "higher is better",
        "cutoff", "M.-L. W.", "All members", "Nondisclosure", "After the group", "before the group",
        "no reliable change", "not computable", "clinical cutoff", "left early", "better: below the diagonal",
        "no band: reliable change cannot be computed"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(text, want[i])) UNIT_FAIL("PDF lacks \"%s\"", want[i]);
}

/* Hostile input: NaN and infinite scores, absurd sizes, tiny or empty
 * boxes, markup characters and one very long word. Nothing may leave the
 * box or break the cairo_t. */
TEST(hostile_input_stays_in_box) {
    static const char *word =
        "Perfectionisticselfpresentationandnondisclosureofimperfection"
        "withoutanyspaceatallanywhereinthisverylongword";
    CrpDiagram crp = crp_long();
    crp.texts[1] = word;
    crp.texts[2] = "<b>not bold</b> & <i>not italic</i> &amp;";
    crp.font_size = 1e9;
    crp.min_font_size = NAN;
    TriangleDiagram tri = tri_object();
    tri.texts[0] = word;
    tri.font_size = -3;
    ChartScale bad[3] = {
        {.label = word, .raw = {NAN, INFINITY, 1e300}, .has_raw = PRE | POST | FU,
         .t = {NAN, -1e300, 1e300}, .has_t = PRE | POST | FU, .has_norm = 1,
         .reliable = POST | FU, .cutoff = NAN, .has_cutoff = 1,
         .range_min = 5, .range_max = 5, .has_range = 1},
        {.label = "", .raw = {1e16, 1e16 + 2, 0}, .has_raw = PRE | POST,
         .has_norm = 1, .range_min = 1e16, .range_max = 1e16 + 4, .has_range = 1},
        {.label = NULL, .has_norm = 0},
    };
    ProfileChart prof = {.scales = bad, .n = 3, .t_min = NAN, .t_max = 1e300};
    ChangeChart chg = {.scales = bad, .n = 3, .columns = 7};
    ChartMember m[2] = {{word, {NAN, 1e300, -5, 50}, 0xffffffffu},
                        {NULL, {40}, 1}};
    const char *const dl[4] = {word, "", NULL, "x"};
    GroupChart grp = {.dim_labels = dl, .n_dims = 4, .members = m, .n_members = 2};
    ScatterPoint wild[] = {{NAN, 5, 0}, {INFINITY, -INFINITY, 1}, {1e300, -1e300, 0}, {5, 5, 0}};
    ScatterChart sct = {.min = NAN, .max = 1e300, .has_band = 1, .band = INFINITY, .has_cutoff = 1,
                        .cutoff = NAN, .npanels = 9, .panels = {{word, wild, 4}, {NULL, NULL, 0}}};
    Figure f[] = {{"crp", &crp, h_crp, d_crp}, {"tri", &tri, h_tri, d_tri},
                  {"prof", &prof, h_prof, d_prof}, {"chg", &chg, h_chg, d_chg},
                  {"grp", &grp, h_grp, d_grp}, {"sct", &sct, h_sct, d_sct}};
    static const double widths[] = {451, 120, 30};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        for (size_t k = 0; k < 3; k++) {
            double w = widths[k], h = f[i].height(f[i].fig, w);
            if (!(h > 0 && isfinite(h))) UNIT_FAIL("%s at %g: height %g", f[i].name, w, h);
            cairo_status_t st;
            cairo_surface_t *s = render(&f[i], w, h, 1.0, 0, &st);
            if (st != CAIRO_STATUS_SUCCESS)
                UNIT_FAIL("%s at %g: cairo status %d", f[i].name, w, st);
            long out = pixels_outside(s, w, h, 1.0);
            if (out) UNIT_FAIL("%s at %g: %ld pixels outside", f[i].name, w, out);
            cairo_surface_destroy(s);
            /* an empty box draws nothing */
            s = render(&f[i], w, 0, 1.0, 0, &st);
            CHECK(st == CAIRO_STATUS_SUCCESS);
            CHECK_INT(pixels_inked(s), 0);
            cairo_surface_destroy(s);
        }
    CHECK_INT(diagram_crp_height(&crp, NAN), 0);
    CHECK_INT(chart_group_height(&grp, -5), 0);
}

TEST(document_numbers_have_a_true_minus_and_no_negative_zero) {
    char buf[32];
    numtext_format(buf, sizeof buf, -2.6226, 2, 0);
    CHECK_STR(buf, "\xe2\x88\x92" "2.62");
    numtext_format(buf, sizeof buf, -2.6226, 2, 1);
    CHECK_STR(buf, "\xe2\x88\x92" "2,62");
    numtext_format(buf, sizeof buf, -0.004, 2, 1);
    CHECK_STR(buf, "0,00");                              /* rounds to zero: no sign */
    numtext_format(buf, sizeof buf, 3.5, -1, 1);
    CHECK_STR(buf, "3,5");
    numtext_format(buf, sizeof buf, -1e-5, -1, 0);
    CHECK_STR(buf, "\xe2\x88\x92" "1e-05");             /* only the leading sign */
    char small[4];
    numtext_format(small, sizeof small, -12.5, 1, 0);    /* cut short, still a string */
    CHECK_INT((long long)strlen(small), 3);
}

TEST(axis_numbers_have_no_negative_zero) {
    char buf[32];
    figtext_number(buf, sizeof buf, -0.0, 0);
    CHECK_STR(buf, "0");
    figtext_number(buf, sizeof buf, -1e-12, 0);
    CHECK_STR(buf, "0");
    figtext_number(buf, sizeof buf, -0.04, 1);
    CHECK_STR(buf, "0,0");
    figtext_number(buf, sizeof buf, -2.5, 1);
    CHECK_STR(buf, "\xe2\x88\x92" "2,5");            /* a true minus sign */
    figtext_number(buf, sizeof buf, 25, 0);
    CHECK_STR(buf, "25");
}

/* ---- the overlay row of a large group ---------------------------------- */

static void count_fill(cairo_surface_t *observer, cairo_surface_t *target, void *data) {
    (void)observer;
    (void)target;
    (*(int *)data)++;
}

/* The last part of the composition chart of n members, all with the same
 * initials; member m's T-scores given by t(m, d) on two dimensions. */
static GroupChart big_group(ChartMember *mb, size_t n, double (*t)(size_t m, size_t d)) {
    for (size_t m = 0; m < n; m++) {
        mb[m] = (ChartMember){ .initials = "A.B.", .has = 0x3 };
        mb[m].t[0] = t(m, 0);
        mb[m].t[1] = t(m, 1);
    }
    return (GroupChart){ .dim_labels = dims, .n_dims = 2, .members = mb, .n_members = n,
                         .legend = "", .from = n - 1, .rows = 1 };
}

static double spread(size_t m, size_t d) { return 20 + (double)((m * 7919 + d * 13) % 600) / 10; }
static double at_50(size_t m, size_t d) { (void)m; (void)d; return 50; }

/* The overlay row lays every member's translucent dot on one row: drawn
 * a fill per dot, cairo held some 900 bytes for each until the page was
 * written (5 MB for 1000 members). It fills a path per layer of dots
 * that do not overlap: 600 members on two dimensions in a few dozen fills. */
TEST(group_overlay_row_fills_a_path_per_layer_not_per_dot) {
    static ChartMember mb[600];
    GroupChart g = big_group(mb, 600, spread);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 460, 200);
    cairo_surface_t *obs = cairo_surface_create_observer(img, CAIRO_SURFACE_OBSERVER_NORMAL);
    int fills = 0;
    cairo_surface_observer_add_fill_callback(obs, count_fill, &fills);
    cairo_t *cr = cairo_create(obs);
    chart_group_draw(cr, &g, TEXT_W, chart_group_height(&g, TEXT_W));
    CHECK_INT(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_destroy(obs);
    cairo_surface_destroy(img);
    if (fills >= 120) UNIT_FAIL("%d fills for 1,200 dots", fills);
}

/* The chart of n members all at T 50, drawn 4 times over on white. */
static cairo_surface_t *group_at_50(size_t n) {
    static ChartMember mb[3];
    GroupChart g = big_group(mb, n, at_50);
    double h = chart_group_height(&g, TEXT_W);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(TEXT_W * 4), (int)(h * 4) + 4);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, 4, 4);
    chart_group_draw(cr, &g, TEXT_W, h);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* ...and inks each place as many times as dots lie on it, as a fill per
 * dot did: three members at one T lay the ink three times (one path of
 * the three dots would lay it once). Where one dot and three differ most,
 * what shows through three is 0.65^2 of what shows through one. */
TEST(group_overlay_row_inks_overlapping_dots_as_often_as_they_overlap) {
    cairo_surface_t *one = group_at_50(1), *three = group_at_50(3);
    int w = cairo_image_surface_get_width(one), h = cairo_image_surface_get_height(one);
    CHECK_INT(cairo_image_surface_get_height(three), h);
    const unsigned char *a = cairo_image_surface_get_data(one), *b = cairo_image_surface_get_data(three);
    int stride = cairo_image_surface_get_stride(one), most = 0;
    double c1 = 0, c3 = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int g1 = a[y * stride + 4 * x + 1], g3 = b[y * stride + 4 * x + 1];
            if (abs(g1 - g3) > most) { most = abs(g1 - g3); c1 = g1; c3 = g3; }
        }
    const double ink = 0.13 * 255;
    CHECK(most > 20);
    CHECK_NEAR(c3 - ink, (c1 - ink) * 0.65 * 0.65, 2.0);
    cairo_surface_destroy(one);
    cairo_surface_destroy(three);
}
