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
    for (;;) {
        if (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
        else if (end - p >= 2 && !memcmp(p, "\xC2\xA0", 2)) p += 2;
        else if (end - p >= 3 && !memcmp(p, "\xE2\x80\xAF", 3)) p += 3;
        else return p;
    }
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

bool about_sessions(const char *text, const char *end, const char *from, const char *to) {
    while (from > text && !strchr(".!?", from[-1])) from--;
    while (to < end && !strchr(".!?", *to)) to++;
    static const char *const words[] = { "group", "session", "meet", "see you", "groupe", "s\xC3\xA9" "ance",
                                         "rencontr", "r\xC3\xA9" "union" };
    for (const char *p = from; p < to; p++)
        for (size_t w = 0; w < WORDS_COUNT(words); w++)
            if ((size_t)(to - p) >= strlen(words[w]) && !strncasecmp(p, words[w], strlen(words[w]))) return true;
    return false;
}

bool holds_word(const char *from, const char *to, const char *const *words, size_t n, bool plural_s) {
    size_t len;
    for (const char *p = from; p < to; p++)
        if (word_at(from, p, to, words, n, plural_s, &len) >= 0) return true;
    return false;
}

int letter_written(const Formulation *f, WrittenText out[LETTER_TEXTS]) {
    const Text *texts[LETTER_TEXTS];
    int n = 0;
    letter_texts(f, texts);
    for (int i = 0; i < LETTER_TEXTS; i++) {
        const Text *t = texts[i];
        if (!t->s || t->placeholder || !t->loc.src) continue;
        const char *from = t->loc.src->text + t->loc.off;
        out[n++] = (WrittenText){ t, from, from + t->loc.len };
    }
    return n;
}

Loc written_loc(const WrittenText *written, const char *at, size_t len) {
    const Loc *loc = &written->text->loc;
    return (Loc){ loc->src, loc->off + (uint32_t)(at - written->from), (uint32_t)len };
}
