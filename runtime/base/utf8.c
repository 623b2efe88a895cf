/* utf8.c — decoding UTF-8; see utf8.h. */
#include "base/utf8.h"

/* The range the second byte of a sequence must fall in, by its lead byte:
 * the first lead bytes of each length exclude the overlong forms, 0xED
 * the surrogates and 0xF4 what lies above U+10FFFF. */
static int second_ok(unsigned char lead, unsigned char c) {
    unsigned char lo = 0x80, hi = 0xBF;
    if (lead == 0xE0) lo = 0xA0;
    else if (lead == 0xED) hi = 0x9F;
    else if (lead == 0xF0) lo = 0x90;
    else if (lead == 0xF4) hi = 0x8F;
    return c >= lo && c <= hi;
}

/* The length of the well-formed character at u (of len bytes) with its
 * code point in *cp, or 0 when u starts none. */
static int decode(const unsigned char *u, size_t len, uint32_t *cp) {
    unsigned char c = u[0];
    int n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
          : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    uint32_t v = n == 1 ? c : n == 2 ? c & 0x1Fu : n == 3 ? c & 0x0Fu : c & 0x07u;
    for (int k = 1; k < n; k++) {
        if ((size_t)k >= len || (k == 1 ? !second_ok(c, u[1]) : (u[k] & 0xC0) != 0x80))
            return 0;
        v = v << 6 | (u[k] & 0x3Fu);
    }
    *cp = v;
    return n;
}

int utf8_decode(const char *s, size_t len, uint32_t *cp) {
    uint32_t v;
    int n = decode((const unsigned char *)s, len, &v);
    if (cp) *cp = n ? v : UTF8_INVALID;
    return n ? n : 1;
}

int utf8_step(const char *s, size_t i, size_t len) {
    return utf8_decode(s + i, len - i, NULL);
}

size_t utf8_back(const char *s, size_t start, size_t i) {
    /* the farthest lead byte whose character ends exactly at i; a lead byte
     * is never inside another character, so this is how utf8_step split it */
    for (size_t q = i >= start + UTF8_MAX ? i - UTF8_MAX : start; q < i - 1; q++)
        if ((size_t)utf8_step(s, q, i) == i - q) return q;
    return i - 1;
}

size_t utf8_start(const char *s, size_t len, size_t i) {
    /* a lead byte is never inside another character, so the character
     * holding i starts at the nearest byte before it whose character
     * reaches past i */
    for (size_t back = 1; back < UTF8_MAX && back <= i; back++)
        if ((size_t)utf8_step(s, i - back, len) > back) return i - back;
    return i;
}

size_t utf8_count(const char *s, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < n; i += (size_t)utf8_step(s, i, n)) count++;
    return count;
}

size_t utf8_invalid(const char *s, size_t len) {
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        int n = decode((const unsigned char *)s + i, len - i, &cp);
        if (!n) break;
        i += (size_t)n;
    }
    return i;
}
