/* test_fontcache.c — the font cache gives back fontconfig's own patterns,
 * in order, and is ignored whole when it is stale (a font file changed),
 * malformed (cut short, a byte changed, a line that reads wrong even under
 * a right checksum), another user's, writable by others, a symbolic link,
 * or for other files. */
#include "layout/fontcache.h"
#include "base/cachefile.h"
#include "unit.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

/* Fonts whose faces differ a little (charsets written as a difference)
 * and one whose charset is written whole. */
static const char *const sources[] = {
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
};
#define N (sizeof sources / sizeof sources[0])

static char cache[300];
static char paths[N][300];
static const char *names[N];
static FcConfig *config;    /* the test's own, kept to the end */
static FcFontSet *queried;   /* fontconfig's patterns of the copies */
static int count[N];

/* Copies the fonts into a folder of the test's own (their times can then
 * be changed), points the cache there and queries them with fontconfig. */
static void setup(void) {
    if (queried) return;
    if (!dir()[0]) abort();
    snprintf(cache, sizeof cache, "%s/formc/fonts", dir());
    setenv("XDG_CACHE_HOME", dir(), 1);
    config = FcConfigCreate();
    for (size_t i = 0; i < N; i++) {
        const char *base = strrchr(sources[i], '/') + 1;
        snprintf(paths[i], sizeof paths[i], "%s/%s", dir(), base);
        names[i] = paths[i];
        char cmd[1600];
        snprintf(cmd, sizeof cmd, "cp '%s' '%s'", sources[i], paths[i]);
        if (system(cmd) != 0) abort();
        FcFontSet *set = FcConfigGetFonts(config, FcSetApplication);
        int before = set ? set->nfont : 0;
        if (!FcConfigAppFontAddFile(config, (const FcChar8 *)paths[i])) abort();
        count[i] = FcConfigGetFonts(config, FcSetApplication)->nfont - before;
    }
    queried = FcConfigGetFonts(config, FcSetApplication);
}

/* Reads the cache for names; the number of patterns read, -1 when it was
 * refused (and then checks that nothing was added). */
static int read_back(const char *const *which, size_t n, FcFontSet **out) {
    FcFontSet *set = FcFontSetCreate();
    int rc = fontcache_read(set, which, n);
    if (rc != 0) CHECK_INT(set->nfont, 0);
    int got = rc == 0 ? set->nfont : -1;
    if (out) *out = set;
    else FcFontSetDestroy(set);
    return got;
}

static char *slurp(size_t *len) {
    FILE *f = fopen(cache, "rb");
    if (!f) return NULL;
    char *text = malloc(1 << 20);
    *len = fread(text, 1, (1 << 20) - 1, f);
    fclose(f);
    text[*len] = 0;
    return text;
}

static void spill(const char *text, size_t len) {
    unlink(cache);
    int fd = open(cache, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, text, len) != (ssize_t)len) abort();
    close(fd);
}

/* text with its last line ("end N SUM") recomputed, as a forger would. */
static void spill_with_checksum(char *text, size_t len) {
    char *end = strstr(text, "\nend ") + 1;
    uint64_t h = checksum_of(text, (size_t)(end - text));
    snprintf(end, len - (size_t)(end - text) + 64, "end %zu %016llx\n", N,
             (unsigned long long)h);
    spill(text, strlen(text));
}

static void write_fresh(void) {
    setup();
    unlink(cache);
    fontcache_write(queried->fonts, count, names, N);
}

TEST(fontcache_gives_back_fontconfigs_patterns_in_order) {
    write_fresh();
    struct stat st;
    CHECK(stat(cache, &st) == 0);
    CHECK_INT(st.st_mode & 0777, 0600);
    FcFontSet *set = NULL;
    CHECK_INT(read_back(names, N, &set), queried->nfont);
    for (int k = 0; k < set->nfont && k < queried->nfont; k++)
        if (!FcPatternEqual(set->fonts[k], queried->fonts[k]))
            UNIT_FAIL("pattern %d differs from fontconfig's", k);
    FcFontSetDestroy(set);
    size_t len = 0;
    char *text = slurp(&len);
    CHECK(text && strstr(text, "\nfrom 0\n"));   /* a family's faces share */
    free(text);
}

TEST(fontcache_is_ignored_when_a_font_file_changed) {
    write_fresh();
    CHECK_INT(read_back(names, N, NULL), queried->nfont);
    struct timespec times[2] = { { 0, UTIME_OMIT }, { 1000000000, 0 } };
    CHECK(utimensat(AT_FDCWD, paths[2], times, 0) == 0);
    CHECK_INT(read_back(names, N, NULL), -1);
}

TEST(fontcache_is_ignored_for_other_files_or_another_order) {
    write_fresh();
    const char *swapped[N];
    memcpy(swapped, names, sizeof swapped);
    swapped[0] = names[1], swapped[1] = names[0];
    CHECK_INT(read_back(swapped, N, NULL), -1);
    CHECK_INT(read_back(names, N - 1, NULL), -1);
}

TEST(fontcache_is_ignored_when_malformed) {
    write_fresh();
    size_t len = 0;
    char *good = slurp(&len);
    CHECK(good && len > 100);
    if (!good) return;
    char *text = malloc(len + 256);
    /* cut short, anywhere */
    for (size_t cut = 0; cut < len; cut += len / 7 + 1) {
        spill(good, cut);
        CHECK_INT(read_back(names, N, NULL), -1);
    }
    /* a byte changed */
    memcpy(text, good, len + 1);
    text[len / 2] ^= 1;
    spill(text, len);
    CHECK_INT(read_back(names, N, NULL), -1);
    /* more after the end */
    memcpy(text, good, len + 1);
    memcpy(text + len, "x\n", 3);
    spill(text, len + 2);
    CHECK_INT(read_back(names, N, NULL), -1);
    /* under a right checksum: a charset taken from a pattern after it,
     * a family changed to the next font's file, a header of another
     * version */
    const char *const edits[][2] = {
        { "\nfrom 0\n", "\nfrom 7\n" },
        { "\nfrom 0\n", "\nfrom -1\n" },
        { "\n+:charset=\n", "\n+:charset=zz\n" },
        { "file=", "file=/x" },
        { "formc font cache 2", "formc font cache 9" },
    };
    for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
        memcpy(text, good, len + 1);
        char *at = strstr(text, edits[e][0]);
        CHECK(at != NULL);
        if (!at) continue;
        size_t from = strlen(edits[e][0]), to = strlen(edits[e][1]);
        memmove(at + to, at + from, len + 1 - (size_t)(at - text) - from);
        memcpy(at, edits[e][1], to);
        spill_with_checksum(text, len + 64);
        if (read_back(names, N, NULL) != -1) UNIT_FAIL("edit %zu was trusted", e);
    }
    /* the good text still reads */
    spill(good, len);
    CHECK_INT(read_back(names, N, NULL), queried->nfont);
    free(text);
    free(good);
}

TEST(fontcache_is_ignored_unless_the_users_own) {
    write_fresh();
    CHECK(chmod(cache, 0620) == 0);
    CHECK_INT(read_back(names, N, NULL), -1);
    CHECK(chmod(cache, 0600) == 0);
    if (geteuid() == 0) {
        CHECK(chown(cache, 65534, 65534) == 0);
        CHECK_INT(read_back(names, N, NULL), -1);
        CHECK(chown(cache, 0, 0) == 0);
    }
    char moved[400];
    snprintf(moved, sizeof moved, "%s.real", cache);
    CHECK(rename(cache, moved) == 0);
    CHECK(symlink(moved, cache) == 0);
    CHECK_INT(read_back(names, N, NULL), -1);
    /* a write does not follow the link either: it leaves it */
    fontcache_write(queried->fonts, count, names, N);
    struct stat st;
    CHECK(lstat(cache, &st) == 0 && S_ISLNK(st.st_mode));
    unlink(cache);
    unlink(moved);
}

/* A named pipe where the cache goes (one a user planted where a shared
 * XDG_CACHE_HOME points) is not a cache: the read neither waits on it for
 * a writer nor reads it. */
TEST(fontcache_is_ignored_when_a_named_pipe) {
    write_fresh();
    CHECK(unlink(cache) == 0);
    CHECK(mkfifo(cache, 0600) == 0);
    CHECK_INT(read_back(names, N, NULL), -1);
    unlink(cache);
}

TEST(fontcache_write_without_a_cache_folder_does_nothing) {
    setup();
    char file[400];
    snprintf(file, sizeof file, "%s/plain", dir());
    FILE *f = fopen(file, "w");
    if (f) fclose(f);
    setenv("XDG_CACHE_HOME", file, 1);   /* a file, not a folder */
    fontcache_write(queried->fonts, count, names, N);
    CHECK_INT(read_back(names, N, NULL), -1);
    setenv("XDG_CACHE_HOME", "relative", 1);
    unsetenv("HOME");
    char path[64];
    CHECK_INT(cachefile_path("fonts", path, sizeof path), -1);
    setenv("XDG_CACHE_HOME", dir(), 1);
}

