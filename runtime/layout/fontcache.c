/* fontcache: fontconfig patterns kept between runs; see fontcache.h.
 *
 * The file, all of it text:
 *
 *   formc font cache 2, fontconfig VERSION
 *   file DEV INO SIZE MTIME_S MTIME_NS CTIME_S CTIME_NS NPATTERNS PATH
 *   PATTERN                       (FcNameUnparse's form, without its charset)
 *   CHARSET                       (":charset=..." as FcNameUnparse writes it,
 *                                  or "from K +:charset=... -:charset=...":
 *                                  that of the K-th pattern of the file, with
 *                                  the characters after + and without those
 *                                  after -, in three lines)
 *   ...                           (NPATTERNS such pairs, then the next file)
 *   end NFILES CHECKSUM           (checksum_of of every byte before)
 *
 * The faces of a family cover the same characters or nearly, and reading a
 * charset back is most of the work (fontconfig adds its characters one by
 * one), so a charset close to one before it is written as the difference. */
#include "layout/fontcache.h"
#include "base/messages.h"
#include "base/arena.h"
#include "base/cachefile.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONTCACHE_NAME "fonts"
/* A cache larger than this is not read (formc's fonts take some 40 KB). */
#define FONTCACHE_MAX_BYTES (4u << 20)
/* A font file has at most this many faces (a collection, .ttc). */
#define FONTCACHE_MAX_FACES 64

/* The first line, naming the format and the fontconfig that wrote it. */
static void header(char *out, size_t outlen) {
    snprintf(out, outlen, "formc font cache 2, fontconfig %d\n", FcGetVersion());
}

/* The "file" line of the font file at path as it is now, in out; -1 when
 * it cannot be stat'ed or does not fit. */
static int file_line(const char *path, int npatterns, char *out, size_t outlen) {
    char id[200];
    if (cachefile_identity(path, id, sizeof id) != 0) return -1;
    int n = snprintf(out, outlen, "file %s %d %s\n", id, npatterns, path);
    return n > 0 && (size_t)n < outlen ? 0 : -1;
}

/* The line at *p, NUL-terminated in place, *p moved past it; NULL at the
 * end or when the last line has no newline. */
static char *take_line(char **p, char *end) {
    char *nl = *p < end ? memchr(*p, '\n', (size_t)(end - *p)) : NULL;
    if (!nl) return NULL;
    char *line = *p;
    *nl = 0;
    *p = nl + 1;
    return line;
}

/* Whether pattern p describes a face of the file at path. */
static int pattern_of(FcPattern *p, const char *path) {
    FcChar8 *file = NULL;
    return FcPatternGetString(p, FC_FILE, 0, &file) == FcResultMatch &&
           !strcmp((const char *)file, path);
}

/* The charset of a line ":charset=...", a reference the caller destroys;
 * NULL when the line is not one. */
static FcCharSet *parse_charset(const char *line) {
    if (strncmp(line, ":charset=", 9)) return NULL;
    FcCharSet *cs = NULL;
    FcPattern *holder = FcNameParse((const FcChar8 *)line);
    if (holder && FcPatternGetCharSet(holder, FC_CHARSET, 0, &cs) == FcResultMatch)
        cs = FcCharSetCopy(cs);
    else
        cs = NULL;
    if (holder) FcPatternDestroy(holder);
    return cs;
}

/* The charset of the CHARSET lines at *p (moved past them), a reference
 * the caller destroys; NULL when they are malformed or name a pattern not
 * among the nprev before them. */
static FcCharSet *read_charset(char **p, char *end, FcPattern *const *prev, int nprev) {
    char *line = take_line(p, end);
    if (!line) return NULL;
    int k = -1, used = 0;
    if (strncmp(line, "from ", 5)) return parse_charset(line);
    FcCharSet *base = NULL;
    if (sscanf(line, "from %d%n", &k, &used) != 1 || line[used] || k < 0 || k >= nprev ||
        FcPatternGetCharSet(prev[k], FC_CHARSET, 0, &base) != FcResultMatch)
        return NULL;
    char *plus_line = take_line(p, end), *minus_line = take_line(p, end);
    FcCharSet *plus = plus_line && plus_line[0] == '+' ? parse_charset(plus_line + 1) : NULL;
    FcCharSet *minus = minus_line && minus_line[0] == '-' ? parse_charset(minus_line + 1) : NULL;
    FcCharSet *with = plus && minus ? FcCharSetUnion(base, plus) : NULL;
    FcCharSet *cs = with ? FcCharSetSubtract(with, minus) : NULL;
    if (plus) FcCharSetDestroy(plus);
    if (minus) FcCharSetDestroy(minus);
    if (with) FcCharSetDestroy(with);
    return cs;
}

int fontcache_read(FcFontSet *set, const char *const *paths, size_t n) {
    size_t len = 0;
    char *text = cachefile_read(FONTCACHE_NAME, FONTCACHE_MAX_BYTES, &len);
    if (!text) return -1;
    FcPattern **got = NULL;
    int ngot = 0, cap = 0, ok = 0;
    /* the checksum line ends the file and covers every byte before it */
    char *last = NULL;
    for (size_t k = len >= 2 ? len - 1 : 0; k-- > 0 && !last;)
        if (text[k] == '\n') last = text + k;
    char *body_end = last ? last + 1 : text;
    unsigned long long files = 0;
    uint64_t sum = 0;
    int used = 0;
    if (!last || text[len - 1] != '\n' ||
        sscanf(body_end, "end %llu %" SCNx64 "%n", &files, &sum, &used) != 2 ||
        body_end[used] != '\n' || files != n ||
        sum != checksum_of(text, (size_t)(body_end - text)))
        goto done;

    char *p = text, want[4200];
    header(want, sizeof want);
    char *line = take_line(&p, body_end);
    if (!line || strncmp(line, want, strlen(want) - 1) || line[strlen(want) - 1]) goto done;
    for (size_t i = 0; i < n; i++) {
        line = take_line(&p, body_end);
        int faces = 0;
        const char *path_at = line ? strrchr(line, ' ') : NULL;
        if (!path_at || sscanf(line, "file %*u %*u %*d %*d %*d %*d %*d %d", &faces) != 1 ||
            faces < 1 || faces > FONTCACHE_MAX_FACES ||
            file_line(paths[i], faces, want, sizeof want) != 0 ||
            strncmp(line, want, strlen(want) - 1) || line[strlen(want) - 1])
            goto done;
        for (int k = 0; k < faces; k++) {
            line = take_line(&p, body_end);
            FcPattern *pat = line ? FcNameParse((const FcChar8 *)line) : NULL;
            if (!pat) goto done;
            xgrow(&got, &cap, ngot + 1, sizeof *got);
            got[ngot++] = pat;
            FcCharSet *cs = read_charset(&p, body_end, got, ngot - 1);
            int added = cs && FcPatternAddCharSet(pat, FC_CHARSET, cs);
            if (cs) FcCharSetDestroy(cs);
            if (!added || !pattern_of(pat, paths[i])) goto done;
        }
    }
    ok = p == body_end;
done:
    free(text);
    for (int k = 0; k < ngot; k++) {
        if (ok && FcFontSetAdd(set, got[k])) continue;
        if (ok) {   /* fontconfig out of memory: formc's policy (arena.h) */
            fputs(diag_tr("formc: out of memory\n"), stderr);
            exit(2);
        }
        FcPatternDestroy(got[k]);
    }
    free(got);
    return ok ? 0 : -1;
}

/* Appends the line of text to the growing *text. */
static void add_line(char **text, size_t *len, size_t *cap, const char *line) {
    xappend(text, len, cap, line, strlen(line));
    xappend(text, len, cap, "\n", 1);
}

/* The ":charset=..." line of cs, or NULL; free it. */
static char *charset_line(const FcCharSet *cs) {
    FcPattern *holder = FcPatternCreate();
    FcPatternAddCharSet(holder, FC_CHARSET, (FcCharSet *)cs);
    FcChar8 *line = FcNameUnparse(holder);
    FcPatternDestroy(holder);
    return (char *)line;
}

/* The CHARSET lines of pats[k]'s charset cs, in a new string (free it):
 * the difference from the charset of the pattern before it that it is
 * closest to, when that is less than half of it; else cs whole. */
static char *charset_lines(FcPattern *const *pats, int k, const FcCharSet *cs) {
    FcChar32 best = FcCharSetCount(cs) / 2;
    int from = -1;
    FcCharSet *plus = NULL, *minus = NULL;
    for (int j = 0; j < k; j++) {
        FcCharSet *prev = NULL;
        if (FcPatternGetCharSet(pats[j], FC_CHARSET, 0, &prev) != FcResultMatch) continue;
        FcCharSet *p = FcCharSetSubtract(cs, prev), *m = FcCharSetSubtract(prev, cs);
        FcChar32 size = p && m ? FcCharSetCount(p) + FcCharSetCount(m) : best;
        if (size < best) {
            if (plus) FcCharSetDestroy(plus);
            if (minus) FcCharSetDestroy(minus);
            plus = p, minus = m, best = size, from = j;
        } else {
            if (p) FcCharSetDestroy(p);
            if (m) FcCharSetDestroy(m);
        }
    }
    if (from < 0) return charset_line(cs);
    char *p = charset_line(plus), *m = charset_line(minus), *out = NULL;
    FcCharSetDestroy(plus);
    FcCharSetDestroy(minus);
    if (p && m) {
        size_t n = strlen(p) + strlen(m) + 32;
        out = xmalloc(n);
        snprintf(out, n, "from %d\n+%s\n-%s", from, p, m);
    }
    free(p);
    free(m);
    return out;
}

/* Appends the lines of pats[k] to the text: the pattern without its
 * charset, then the charset (charset_lines). -1 when they would not read
 * back equal to the pattern (fontcache_read's way), or it has no
 * charset. */
static int add_pattern(FcPattern *const *pats, int k, char **text, size_t *len,
                       size_t *cap) {
    FcCharSet *cs = NULL;
    if (FcPatternGetCharSet(pats[k], FC_CHARSET, 0, &cs) != FcResultMatch) return -1;
    FcPattern *rest = FcPatternDuplicate(pats[k]);
    FcPatternDel(rest, FC_CHARSET);
    char *name = (char *)FcNameUnparse(rest);
    FcPatternDestroy(rest);
    char *lines = charset_lines(pats, k, cs);
    int ok = name && lines && !strchr(name, '\n');
    FcPattern *back = ok ? FcNameParse((const FcChar8 *)name) : NULL;
    FcCharSet *back_cs = NULL;
    if (back) {   /* read back as fontcache_read will */
        size_t n = strlen(lines);
        char *copy = xmalloc(n + 2), *p = copy;
        memcpy(copy, lines, n);
        memcpy(copy + n, "\n", 2);
        back_cs = read_charset(&p, copy + n + 1, pats, k);
        ok = p == copy + n + 1;
        free(copy);
    }
    ok = ok && back && back_cs && FcCharSetEqual(back_cs, cs) &&
         FcPatternAddCharSet(back, FC_CHARSET, back_cs) && FcPatternEqual(back, pats[k]);
    if (back) FcPatternDestroy(back);
    if (back_cs) FcCharSetDestroy(back_cs);
    if (ok) {
        add_line(text, len, cap, name);
        add_line(text, len, cap, lines);
    }
    free(name);
    free(lines);
    return ok ? 0 : -1;
}

void fontcache_write(FcPattern *const *pats, const int *count,
                     const char *const *paths, size_t n) {
    char line[4200];
    char *text = NULL;
    size_t len = 0, cap = 0;
    header(line, sizeof line);
    xappend(&text, &len, &cap, line, strlen(line));
    int at = 0, ok = 1;
    for (size_t i = 0; i < n && ok; i++) {
        ok = !strchr(paths[i], '\n') && count[i] >= 1 && count[i] <= FONTCACHE_MAX_FACES &&
             file_line(paths[i], count[i], line, sizeof line) == 0;
        if (ok) xappend(&text, &len, &cap, line, strlen(line));
        for (int k = 0; k < count[i] && ok; k++)
            ok = pattern_of(pats[at + k], paths[i]) &&
                 add_pattern(pats, at + k, &text, &len, &cap) == 0;
        at += count[i];
    }
    if (ok) {
        snprintf(line, sizeof line, "end %zu %016" PRIx64 "\n", n, checksum_of(text, len));
        xappend(&text, &len, &cap, line, strlen(line));
        cachefile_write(FONTCACHE_NAME, text, len);
    }
    free(text);
}
