/* words.c — a word of a list in a clinician's text; see words.h. */
#include "front/words.h"
#include <glib.h>
#include <string.h>
#include <strings.h>
#include "base/utf8.h"

/* Whether code point cp is a letter. */
static bool letter(uint32_t cp) {
    return cp < 0x80 ? (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' : cp != UTF8_INVALID && g_unichar_isalpha(cp);
}

bool word_letter_at(const char *p, const char *end) {
    uint32_t cp;
    if (p >= end) return false;
    utf8_decode(p, (size_t)(end - p), &cp);
    return letter(cp);
}

bool word_letter_before(const char *from, const char *p) {
    if (p <= from) return false;
    size_t back = utf8_back(from, 0, (size_t)(p - from));
    return word_letter_at(from + back, p);
}

const char *skip_space(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
    return p;
}

int word_at(const char *from, const char *p, const char *end, const char *const *words, size_t n,
            bool plural_s, size_t *len) {
    if (word_letter_before(from, p)) return -1;
    for (size_t i = 0; i < n; i++) {
        size_t w = strlen(words[i]);
        if ((size_t)(end - p) < w || strncasecmp(p, words[i], w)) continue;
        if (plural_s && p + w < end && (p[w] | 0x20) == 's') w++;
        if (word_letter_before(p, p + w) && word_letter_at(p + w, end)) continue;
        return *len = w, (int)i;
    }
    return -1;
}
