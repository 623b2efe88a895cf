/* fonts: private fontconfig configuration and font map; see fonts.h. */
#include "layout/fonts.h"
#include "layout/fontcache.h"
#include "base/cachefile.h"
#include "base/messages.h"
#include "base/refusal.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <math.h>
#include <pango/pangofc-fontmap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

/* One font the private configuration needs: any of the file names
 * (first found wins), from the given Debian package. */
typedef struct {
    const char *files[3];
    const char *package;
} FontFile;

static const FontFile font_files[] = {
    { { "NotoSerif-Regular.ttf" }, "fonts-noto-core" },
    { { "NotoSerif-Bold.ttf" }, "fonts-noto-core" },
    { { "NotoSerif-Italic.ttf" }, "fonts-noto-core" },
    { { "NotoSerif-BoldItalic.ttf" }, "fonts-noto-core" },
    { { "NotoSans-Regular.ttf" }, "fonts-noto-core" },
    { { "NotoSans-Bold.ttf" }, "fonts-noto-core" },
    { { "NotoSans-Italic.ttf" }, "fonts-noto-core" },
    { { "NotoSans-BoldItalic.ttf" }, "fonts-noto-core" },
    { { "NotoNaskhArabic-Regular.ttf" }, "fonts-noto-core" },
    { { "NotoNaskhArabic-Bold.ttf" }, "fonts-noto-core" },
    { { "NotoSansArabic-Regular.ttf" }, "fonts-noto-core" },
    { { "NotoSansArabic-Bold.ttf" }, "fonts-noto-core" },
    { { "NotoSerifHebrew-Regular.ttf" }, "fonts-noto-core" },
    { { "NotoSerifHebrew-Bold.ttf" }, "fonts-noto-core" },
    { { "NotoSansHebrew-Regular.ttf" }, "fonts-noto-core" },
    { { "NotoSansHebrew-Bold.ttf" }, "fonts-noto-core" },
    { { "wqy-microhei.ttc", "NotoSansCJK-Regular.ttc" }, "fonts-wqy-microhei" },
    { { "DejaVuSans.ttf" }, "fonts-dejavu-core" },
    { { "DejaVuSans-Bold.ttf" }, "fonts-dejavu-core" },
};
#define NFONTS (sizeof font_files / sizeof font_files[0])

/* Where Debian installs these fonts. FORMC_FONT_DIR, when set, is
 * searched first. */
static const char *const font_dirs[] = {
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/truetype",
    "/usr/local/share/fonts",
};

static FcConfig *config;
static PangoFontMap *fontmap;
static PangoContext *context;
static FcFontSet *system_fonts;   /* only when a file is not where expected */
static int loaded;                /* every font file was added to config */

static int is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Asks the system's fontconfig for a font file with this base name. */
static int find_with_system_fontconfig(const char *name, char *out,
                                       size_t outlen) {
    if (!system_fonts) {
        FcConfig *sys = FcInitLoadConfigAndFonts();
        if (!sys) return -1;
        FcPattern *pat = FcPatternCreate();
        FcObjectSet *os = FcObjectSetBuild(FC_FILE, (char *)NULL);
        system_fonts = FcFontList(sys, pat, os);
        FcObjectSetDestroy(os);
        FcPatternDestroy(pat);
        FcConfigDestroy(sys);
        if (!system_fonts) return -1;
    }
    for (int i = 0; i < system_fonts->nfont; i++) {
        FcChar8 *file = NULL;
        if (FcPatternGetString(system_fonts->fonts[i], FC_FILE, 0, &file) !=
            FcResultMatch)
            continue;
        const char *base = strrchr((const char *)file, '/');
        base = base ? base + 1 : (const char *)file;
        if (!strcmp(base, name) && is_file((const char *)file)) {
            snprintf(out, outlen, "%s", (const char *)file);
            return 0;
        }
    }
    return -1;
}

/* Finds a file for f; 0 with its path in out, or -1. */
static int find_font(const FontFile *f, char *out, size_t outlen) {
    const char *env = getenv("FORMC_FONT_DIR");
    for (int k = 0; k < 3 && f->files[k]; k++) {
        if (env && *env) {
            snprintf(out, outlen, "%s/%s", env, f->files[k]);
            if (is_file(out)) return 0;
        }
        for (size_t d = 0; d < sizeof font_dirs / sizeof font_dirs[0]; d++) {
            snprintf(out, outlen, "%s/%s", font_dirs[d], f->files[k]);
            if (is_file(out)) return 0;
        }
    }
    for (int k = 0; k < 3 && f->files[k]; k++)
        if (find_with_system_fontconfig(f->files[k], out, outlen) == 0)
            return 0;
    return -1;
}

void fonts_identity(FILE *out) {
    for (size_t i = 0; i < NFONTS; i++) {
        char path[4096], id[160];
        if (find_font(&font_files[i], path, sizeof path) == 0 &&
            cachefile_identity(path, id, sizeof id) == 0)
            fprintf(out, "%s %s\n", path, id);
        else
            fprintf(out, "%s missing\n", font_files[i].files[0]);
    }
    fprintf(out, "cairo %s pango %s harfbuzz %s fontconfig %d\n", cairo_version_string(),
            pango_version_string(), hb_version_string(), FcGetVersion());
}

void fonts_each_file(void (*fn)(void *user, const char *path), void *user) {
    for (size_t i = 0; i < NFONTS; i++) {
        char path[4096];
        if (find_font(&font_files[i], path, sizeof path) == 0) fn(user, path);
    }
}

/* Adds the font files after the first to config, in order: their
 * patterns from the cache when it holds them as they are now, else read
 * from the files (and the cache written for the next run). 0, or -1 with
 * a message. */
static int add_fonts(char paths[][4096], char *err, size_t errlen) {
    const char *names[NFONTS];
    for (size_t i = 0; i < NFONTS; i++) names[i] = paths[i];
    FcFontSet *set = FcConfigGetFonts(config, FcSetApplication);
    if (set && fontcache_read(set, names + 1, NFONTS - 1) == 0) return 0;
    int count[NFONTS];
    int first = set ? set->nfont : 0;
    for (size_t i = 1; i < NFONTS; i++) {
        int before = set ? set->nfont : 0;
        if (!FcConfigAppFontAddFile(config, (const FcChar8 *)paths[i])) {
            snprintf(err, errlen, diag_tr("cannot load font file '%s'"), paths[i]);
            return -1;
        }
        set = FcConfigGetFonts(config, FcSetApplication);
        count[i] = set ? set->nfont - before : 0;
    }
    if (set) fontcache_write(set->fonts + first, count + 1, names + 1, NFONTS - 1);
    return 0;
}

/* Each family's fallbacks, after it and in this order, whatever font a
 * description names first: fonts.h. fontconfig applies them to every
 * pattern looked up, so that a description naming the family alone (as
 * Pango's metrics of a face do) gives the same pattern as the
 * document's, and one pair of Pango's threads serves both. */
static const char fallbacks[] =
    "<fontconfig>"
    "<alias binding=\"strong\"><family>Noto Serif</family><accept>"
    "<family>Noto Naskh Arabic</family><family>Noto Serif Hebrew</family>"
    "<family>WenQuanYi Micro Hei</family><family>Noto Sans CJK SC</family>"
    "<family>DejaVu Sans</family></accept></alias>"
    "<alias binding=\"strong\"><family>Noto Sans</family><accept>"
    "<family>Noto Sans Arabic</family><family>Noto Sans Hebrew</family>"
    "<family>WenQuanYi Micro Hei</family><family>Noto Sans CJK SC</family>"
    "<family>DejaVu Sans</family></accept></alias>"
    "</fontconfig>";

/* Builds the private configuration with every font file. The first is
 * always read from its file: adding it makes the configuration's set of
 * application fonts, which fontconfig gives no other public way to make;
 * the others may come from the cache (fontcache.h). */
static int load_config(char *err, size_t errlen) {
    config = FcConfigCreate();
    if (!config) {
        snprintf(err, errlen, diag_tr("cannot create a fontconfig configuration"));
        return -1;
    }
    if (!FcConfigParseAndLoadFromMemory(config, (const FcChar8 *)fallbacks, FcFalse)) {
        snprintf(err, errlen, diag_tr("cannot give fontconfig formc's font fallbacks"));
        FcConfigDestroy(config);
        config = NULL;
        return -1;
    }
    static char paths[NFONTS][4096];
    size_t found = 0;
    for (; found < NFONTS; found++)
        if (find_font(&font_files[found], paths[found], sizeof paths[found]) != 0) {
            snprintf(err, errlen, diag_tr("font file '%s' not found (looked in "
                     "/usr/share/fonts and with fontconfig); install the "
                     "Debian package %s"), font_files[found].files[0],
                     font_files[found].package);
            break;
        }
    if (found == NFONTS) {
        if (!FcConfigAppFontAddFile(config, (const FcChar8 *)paths[0]))
            snprintf(err, errlen, diag_tr("cannot load font file '%s'"), paths[0]);
        else if (add_fonts(paths, err, errlen) == 0)
            loaded = 1;
    }
    if (system_fonts) FcFontSetDestroy(system_fonts);
    system_fonts = NULL;
    if (!loaded) {
        FcConfigDestroy(config);
        config = NULL;
        return -1;
    }
    /* the process's fontconfig is this one: Pango's font map starts by
     * loading fontconfig's default configuration, every font of the system
     * and its settings, which formc never uses */
    FcConfigSetCurrent(config);
    return 0;
}

/* The limit the system most likely enforced when it refused formc what
 * laying out text needs: the memory formc may use (ulimit -v), when one
 * is set, where a thread's stack or a font's tables find no room; and,
 * for a thread, the number of processes (ulimit -u). */
static const char *limit_named(char *buf, size_t n, bool thread) {
    struct rlimit as;
    bool memory = getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY;
    if (memory)
        snprintf(buf, n, "the memory formc may use (ulimit -v, %llu MB)%s is too low",
                 (unsigned long long)(as.rlim_cur >> 20),
                 thread ? " or the limit on processes for your user (ulimit -u)" : "");
    else
        snprintf(buf, n, "%s", thread ? "the limit on processes for your user (ulimit -u) is too low"
                                      : "the system has no memory left");
    return buf;
}

/* GLib stops the process (SIGTRAP) on what it cannot go on without: a
 * thread Pango starts to read fonts, refused under a low limit on
 * processes (ulimit -u), or memory. formc says so and exits with status 2
 * instead, as it does out of memory; exit() removes the document being
 * written (outfile.h), so nothing is left. */
static void glib_fatal(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer user) {
    (void)domain; (void)level; (void)user;
    if (strstr(message, "allocate"))
        fputs(diag_tr("formc: out of memory\n"), stderr);
    else if (strstr(message, "creating thread")) {
        char line[1024], limit[160];
        snprintf(line, sizeof line, diag_tr("formc: error: the system refused to start a thread formc needs to "
                 "lay out text (%s): %s; formc stops, and no document is left half-written\n"), message,
                 limit_named(limit, sizeof limit, true));
        refusal_exit(line);
    } else
        fprintf(stderr, diag_tr("formc: error: %s\n"), message);
    exit(2);
}

/* Pango goes on when it cannot load a font ("failed to create cairo
 * scaled font, expect ugly output": no memory left for it, under a low
 * ulimit -v), and every character set in that font would be missing
 * from the document, which would still be written with exit status 0.
 * formc stops instead, as for a refused thread. Pango logs through
 * GLib's structured log, so this is the process's log writer; every
 * other message goes where GLib's default writer sends it. */
static GLogWriterOutput log_writer(GLogLevelFlags level, const GLogField *fields, gsize nfields,
                                   gpointer user) {
    const char *domain = NULL, *message = NULL;
    for (gsize i = 0; i < nfields; i++) {
        if (!strcmp(fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0) domain = fields[i].value;
        if (!strcmp(fields[i].key, "MESSAGE") && fields[i].length < 0) message = fields[i].value;
    }
    if (!domain || strcmp(domain, "Pango") || !message || !strstr(message, "failed to create cairo scaled font"))
        return g_log_writer_default(level, fields, nfields, user);
    const char *name = strstr(message, "font is '");
    int len = 0;
    if (name) {
        name += strlen("font is '");
        while (name[len] && name[len] != '\'') len++;
    }
    char line[1024], limit[160];
    snprintf(line, sizeof line, diag_tr("formc: error: the system refused what formc needs to load the font "
             "'%.*s', so the document would lack its characters: %s; formc stops, and no document is "
             "left half-written\n"), len, name ? name : "", limit_named(limit, sizeof limit, false));
    refusal_exit(line);
}

int fonts_init(char *err, size_t errlen) {
    if (context) return 0;
    static bool guarded;
    if (!guarded)
    {
        g_log_set_handler("GLib", G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, glib_fatal, NULL);
        g_log_set_writer_func(log_writer, NULL, NULL);
    }
    guarded = true;
    if (!config && load_config(err, errlen) != 0) return -1;
    fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!fontmap) {
        snprintf(err, errlen, diag_tr("cannot create a Pango font map"));
        return -1;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fontmap), config);
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fontmap), 72.0);
    pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(fontmap));

    context = pango_font_map_create_context(fontmap);
    pango_cairo_context_set_resolution(context, 72.0);
    pango_context_set_round_glyph_positions(context, FALSE);
    pango_context_set_base_dir(context, PANGO_DIRECTION_LTR);
    /* text given no language (each document's has its own) is English,
     * not the user's locale's */
    pango_context_set_language(context, pango_language_from_string("en"));
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context, fo);
    cairo_font_options_destroy(fo);
    return 0;
}

PangoContext *fonts_context(void) { return context; }

PangoFontMap *fonts_map(void) { return fontmap; }

/* Font descriptions parsed so far (fonts_face), freed by fonts_shutdown. */
#define MAX_FONTS 16
typedef struct {
    const char *families;
    double size;
    PangoWeight weight;
    PangoFontDescription *fd;
} CachedFont;
static CachedFont fonts_cache[MAX_FONTS];
static int nfonts_cache;

PangoFontDescription *fonts_face(const char *families, double size,
                                 PangoWeight weight) {
    for (int i = 0; i < nfonts_cache; i++)
        if (fonts_cache[i].size == size && fonts_cache[i].weight == weight &&
            !strcmp(fonts_cache[i].families, families))
            return fonts_cache[i].fd;
    PangoFontDescription *fd = pango_font_description_from_string(families);
    pango_font_description_set_size(fd, (gint)lround(size * PANGO_SCALE));
    pango_font_description_set_weight(fd, weight);
    /* callers use the description at once (layouts copy it), so when the
     * cache is full the last slot can be reused */
    if (nfonts_cache == MAX_FONTS)
        pango_font_description_free(fonts_cache[--nfonts_cache].fd);
    fonts_cache[nfonts_cache++] = (CachedFont){ families, size, weight, fd };
    return fd;
}

static void free_faces(void) {
    for (int i = 0; i < nfonts_cache; i++)
        pango_font_description_free(fonts_cache[i].fd);
    nfonts_cache = 0;
}

void fonts_shutdown(void) {
    free_faces();
    if (context) g_object_unref(context);
    context = NULL;
    if (fontmap) {
        pango_cairo_font_map_set_default(NULL);
        g_object_unref(fontmap);
    }
    fontmap = NULL;
    /* the private configuration stays for the process's lifetime (Pango
     * may still refer to it); a later fonts_init reuses it */
    /* cairo's own static font caches are left to the process's end:
     * cairo_debug_reset_static_data() aborts when any cairo object is still
     * alive, which a failed write can leave, and a release step must never
     * be able to crash formc. */
}
