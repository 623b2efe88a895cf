/* test_fonts.c — the private font configuration's fallbacks: a
 * description naming Noto Serif or Noto Sans alone finds each script in
 * the font fonts.h promises, in that order (Arabic, Hebrew, Chinese, then
 * DejaVu Sans for signs only it has), and the text's own font for the
 * letters it has. */
#include "layout/fonts.h"
#include "unit.h"

/* The family of the font Pango's fontset for families gives character c. */
static char *family_for(const char *families, gunichar c) {
    PangoFontDescription *fd = pango_font_description_from_string(families);
    pango_font_description_set_size(fd, 10 * PANGO_SCALE);
    PangoFontset *fs = pango_font_map_load_fontset(fonts_map(), fonts_context(), fd,
                                                   pango_language_from_string("en"));
    pango_font_description_free(fd);
    if (!fs) return g_strdup("(no fontset)");
    PangoFont *f = pango_fontset_get_font(fs, c);
    PangoFontDescription *got = f ? pango_font_describe(f) : NULL;
    char *family = g_strdup(got ? pango_font_description_get_family(got) : "(none)");
    if (got) pango_font_description_free(got);
    if (f) g_object_unref(f);
    g_object_unref(fs);
    return family;
}

static void expect(const char *families, gunichar c, const char *want) {
    char *got = family_for(families, c);
    if (strcmp(got, want)) UNIT_FAIL("%s, U+%04X: %s, expected %s", families, c, got, want);
    g_free(got);
}

TEST(each_script_falls_back_in_the_promised_order) {
    char err[512];
    CHECK_INT(fonts_init(err, sizeof err), 0);
    expect(FONTS_SERIF, 'a', "Noto Serif");
    expect(FONTS_SANS, 'a', "Noto Sans");
    expect(FONTS_SERIF, 0x0628, "Noto Naskh Arabic");     /* ب */
    expect(FONTS_SANS, 0x0628, "Noto Sans Arabic");
    expect(FONTS_SERIF, 0x05D0, "Noto Serif Hebrew");     /* א */
    expect(FONTS_SANS, 0x05D0, "Noto Sans Hebrew");
    expect(FONTS_SERIF, 0x674E, "WenQuanYi Micro Hei");   /* 李 */
    expect(FONTS_SANS, 0x674E, "WenQuanYi Micro Hei");
    expect(FONTS_SERIF, 0x2713, "WenQuanYi Micro Hei");   /* ✓: before DejaVu Sans */
    expect(FONTS_SERIF, 0x2610, "DejaVu Sans");           /* ☐: DejaVu Sans alone */
    expect(FONTS_SANS, 0x2610, "DejaVu Sans");
}
