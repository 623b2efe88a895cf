/* test_fonts.c — the private font configuration's fallbacks: a
 * description naming Noto Serif or Noto Sans alone finds each script in
 * the font fonts.h promises, in that order (Arabic, Hebrew, Chinese, then
 * DejaVu Sans for signs only it has), and the text's own font for the
 * letters it has. */
#include "layout/fonts.h"
#include "unit.h"

#include <sys/wait.h>

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

/* (Left to the plain build: the child ends with exit(), and a sanitizer
 * build's leak check would report what fontconfig keeps for the process.) */
#ifndef __SANITIZE_ADDRESS__
/* What a child does after fonts_init when Pango logs message: its exit
 * status (or 128 + its signal), and what it wrote on standard error. */
static int after_pango_says(const char *message, char *err, size_t len) {
    int errpipe[2];
    if (pipe(errpipe) != 0) return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(errpipe[1], 2);
        char e[512];
        if (fonts_init(e, sizeof e) != 0) _exit(3);
        g_log_structured("Pango", G_LOG_LEVEL_WARNING, "MESSAGE", "%s", message);
        _exit(0);
    }
    close(errpipe[1]);
    size_t n = 0;
    ssize_t r;
    while (n < len - 1 && (r = read(errpipe[0], err + n, len - 1 - n)) > 0) n += (size_t)r;
    err[n] = 0;
    close(errpipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Pango goes on without a font it cannot load (no memory left for it,
 * under a low ulimit -v), and the document would lack the characters
 * set in it: formc stops there, exit status 2, saying which font; any
 * other warning of Pango's is only printed. */
TEST(a_font_pango_cannot_load_stops_formc) {
    char err[2048];
    CHECK_INT(after_pango_says("failed to create cairo scaled font, expect ugly output. the offending "
                               "font is 'Noto Serif Italic 10.5'", err, sizeof err), 2);
    if (!strstr(err, "formc: error: the system refused what formc needs to load the font 'Noto Serif "
                     "Italic 10.5', so the document would lack its characters: "))
        UNIT_FAIL("stderr: %s", err);
    CHECK_INT(after_pango_says("some other warning", err, sizeof err), 0);
    CHECK(strstr(err, "some other warning") != NULL);
}
#endif
