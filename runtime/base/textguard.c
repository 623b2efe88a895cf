/* textguard.c — bounded runs and clusters for the layout; see textguard.h. */
#include "base/textguard.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include "base/utf8.h"

/* Whether a line may break at (or just after) c: white space, hyphens and
 * dashes, a slash, and the ideographs, kana and hangul that break between
 * any two characters. */
static int breaks_at(gunichar c) {
    return g_unichar_isspace(c) || c == '-' || c == '/' || c == 0x00AD || c == 0x200B ||
           (c >= 0x2010 && c <= 0x2015) || (c >= 0x2E80 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* A combining mark, or a joiner, that belongs to the character before it. */
static int is_mark(gunichar c) {
    return g_unichar_ismark(c) || c == 0x200D || c == 0x034F;
}

long textguard_first_excess_mark(const char *text, size_t n) {
    int marks = 0;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)text[i] < 0x80) {     /* ASCII holds no mark */
            marks = 0;
            i++;
            continue;
        }
        uint32_t c;                       /* an invalid byte is U+FFFD: no mark */
        int len = utf8_decode(text + i, n - i, &c);
        if (!is_mark(c)) marks = 0;
        else if (++marks > TEXT_MAX_MARKS) return (long)i;
        i += (size_t)len;
    }
    return -1;
}

long textguard_first_noncharacter(const char *text, size_t n, uint32_t *cp) {
    for (size_t i = 0; i < n;) {
        if ((unsigned char)text[i] < 0xEF) {     /* every noncharacter starts at 0xEF or above */
            i++;
            continue;
        }
        uint32_t c;
        int len = utf8_decode(text + i, n - i, &c);
        if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) {
            *cp = c;
            return (long)i;
        }
        i += (size_t)len;
    }
    return -1;
}

long textguard_first_bidi_control(const char *text, size_t n, uint32_t *cp, const char **name) {
    static const char *const embeds[] = { "a left-to-right embedding", "a right-to-left embedding",
                                          "a pop directional formatting", "a left-to-right override",
                                          "a right-to-left override" };
    static const char *const isolates[] = { "a left-to-right isolate", "a right-to-left isolate",
                                            "a first strong isolate", "a pop directional isolate" };
    for (size_t i = 0; i < n;) {
        if ((unsigned char)text[i] != 0xE2) {    /* every one of them starts with 0xE2 */
            i++;
            continue;
        }
        uint32_t c;
        int len = utf8_decode(text + i, n - i, &c);
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
            *cp = c;
            *name = c <= 0x202E ? embeds[c - 0x202A] : isolates[c - 0x2066];
            return (long)i;
        }
        i += (size_t)len;
    }
    return -1;
}

char *textguard_text(const char *text, size_t n, size_t **at, size_t *nat) {
    GString *out = g_string_sized_new(n + 1);
    size_t *offs = NULL, noffs = 0, cap = 0;
    int run = 0, marks = 0;
    for (size_t i = 0; i < n;) {
        const char *p = text + i;
        uint32_t c;                       /* an invalid byte is U+FFFD: a letter */
        size_t len = (size_t)utf8_decode(p, n - i, &c);
        const char *insert = NULL;
        if (is_mark(c)) {
            if (++marks > TEXT_MAX_MARKS) {
                insert = "\xC2\xA0";                /* a carrier for the marks that follow */
                marks = 1;
            }
        } else {
            marks = 0;
            if (breaks_at(c)) run = 0;
            else if (++run > TEXT_MAX_UNBROKEN) {
                insert = "\xC2\xAD";                /* a soft hyphen before this letter */
                run = 1;
            }
        }
        if (insert) {
            if (noffs == cap) {
                cap = cap ? cap * 2 : 16;
                offs = xrealloc(offs, cap * sizeof *offs);
            }
            offs[noffs++] = i;
            g_string_append_len(out, insert, 2);
        }
        g_string_append_len(out, p, (gssize)len);
        i += len;
    }
    char *copy = xstrndup(out->str, out->len);
    g_string_free(out, TRUE);
    if (!at) {
        free(offs);
        offs = NULL;
        noffs = 0;
    }
    if (at) *at = offs;
    if (nat) *nat = noffs;
    return copy;
}
