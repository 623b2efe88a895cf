/* test_utf8.c — runtime/base/utf8.c, formc's one UTF-8 decoder: code
 * points, what is refused (overlong forms, surrogates, beyond U+10FFFF,
 * truncated sequences), stepping back, counting; and the proof that the
 * scanner's flex patterns (grammar/lexer.l) accept exactly the characters
 * the decoder accepts, for every lead byte and every second byte. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include "base/diag.h"
#include "base/textguard.h"
#include "base/utf8.h"
#include "front/parse.h"
#include "unit.h"

/* The length and code point utf8_decode gives for the bytes of s. */
static int decoded(const char *s, uint32_t *cp) { return utf8_decode(s, strlen(s), cp); }

TEST(decode_gives_code_points) {
    uint32_t cp;
    CHECK_INT(decoded("a", &cp), 1);
    CHECK_INT(cp, 'a');
    CHECK_INT(decoded("\xC3\xA9", &cp), 2);             /* é */
    CHECK_INT(cp, 0xE9);
    CHECK_INT(decoded("\xE2\x82\xAC", &cp), 3);         /* € */
    CHECK_INT(cp, 0x20AC);
    CHECK_INT(decoded("\xF0\x9F\x98\x80", &cp), 4);     /* U+1F600 */
    CHECK_INT(cp, 0x1F600);
    CHECK_INT(decoded("\xEF\xBF\xBD", &cp), 3);         /* U+FFFD itself is well formed */
    CHECK_INT(utf8_invalid("\xEF\xBF\xBD", 3), 3);
    CHECK_INT(decoded("\xF4\x8F\xBF\xBF", &cp), 4);     /* the last code point */
    CHECK_INT(cp, 0x10FFFF);
}

TEST(decode_refuses_what_is_not_utf8) {
    static const char *const bad[] = {
        "\x80", "\xBF", "\xC0\x80", "\xC1\xBF",       /* a stray continuation; overlong */
        "\xE0\x80\x80", "\xE0\x9F\xBF",               /* overlong */
        "\xED\xA0\x80", "\xED\xBF\xBF",               /* surrogates */
        "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",       /* overlong */
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", /* beyond U+10FFFF */
        "\xC3", "\xE2\x82", "\xF0\x9F\x98",           /* cut short */
        "\xC3" "a", "\xE2\x82" "a",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        uint32_t cp = 0;
        if (decoded(bad[i], &cp) != 1 || cp != UTF8_INVALID)
            UNIT_FAIL("bad[%zu] decodes as %d bytes, U+%04X", i, decoded(bad[i], &cp), (unsigned)cp);
        CHECK_INT(utf8_invalid(bad[i], strlen(bad[i])), 0);
    }
    /* a NUL-terminated string may be read with UTF8_MAX: reading stops at the NUL */
    CHECK_INT(utf8_decode("\xE2\x82", UTF8_MAX, NULL), 1);
}

TEST(count_and_first_invalid_byte) {
    const char *s = "a\xC3\xA9" "b\xE2\x82\xAC\xF0\x9F\x98\x80";
    CHECK_INT(utf8_count(s, strlen(s)), 5);
    CHECK_INT(utf8_count("\xE0\x80\x80", 3), 3);          /* an invalid byte is one character */
    CHECK_INT(utf8_invalid(s, strlen(s)), strlen(s));
    CHECK_INT(utf8_invalid("ok\xC3\xA9\xC3", 5), 4);
}

TEST(utf8_start_finds_the_character_holding_a_byte) {
    const char *s = "a\xC3\xA9" "b\xE2\x82\xAC\xF0\x9F\x98\x80" "\x80z";
    size_t len = strlen(s);
    /* every byte belongs to the character utf8_step says it does */
    for (size_t i = 0, k; i < len; i += k) {
        k = (size_t)utf8_step(s, i, len);
        for (size_t j = i; j < i + k; j++)
            if (utf8_start(s, len, j) != i)
                UNIT_FAIL("byte %zu is in the character at %zu, not %zu", j, i, utf8_start(s, len, j));
    }
    CHECK_INT(utf8_start(s, len, len), len);
}

TEST(utf8_back_splits_as_utf8_step_does) {
    /* valid characters, invalid bytes and truncated sequences, mixed */
    static const char *const texts[] = {
        "a\xC3\xA9" "b\xE2\x82\xAC\xF0\x9F\x98\x80" "z", "\xC2\x80\x80", "\xE0\x80\xC2\x80",
        "\xF0\x80\x80\x80\x80", "\xC2\xC2\x80", "\xF1\xE1\x80\x80", "\x80\x80\xFF\xE2\x82",
        "\xED\xA0\x80\xE0\xA0\x80",
    };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        const char *s = texts[t];
        size_t len = strlen(s), starts[32], n = 0;
        for (size_t i = 0; i < len; i += (size_t)utf8_step(s, i, len)) starts[n++] = i;
        for (size_t k = n; k > 0; k--) {
            size_t end = k < n ? starts[k] : len;
            if (utf8_back(s, 0, end) != starts[k - 1])
                UNIT_FAIL("text %zu: the character before byte %zu starts at %zu, not %zu", t, end,
                          starts[k - 1], utf8_back(s, 0, end));
        }
    }
}

/* ---- the scanner agrees --------------------------------------------------- */

/* Parses `x "BYTES"` and says whether the scanner took the bytes as the
 * decoder does: one "invalid UTF-8 byte" error per byte the decoder
 * refuses (and one for a noncharacter among the characters it accepts),
 * and a string holding exactly the characters it accepts. */
static bool scanner_agrees(const unsigned char *bytes, size_t n) {
    char src[32], want[16];
    size_t len = 0, wlen = 0;
    int invalid = 0;
    len += (size_t)sprintf(src, "x \"");
    memcpy(src + len, bytes, n);
    len += n;
    src[len++] = '"';
    src[len++] = '\n';
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_decode((const char *)bytes + i, n - i, &cp);
        if (cp == UTF8_INVALID && bytes[i] >= 0x80) invalid++;
        else {
            memcpy(want + wlen, bytes + i, (size_t)k);
            wlen += (size_t)k;
        }
        i += (size_t)k;
    }
    want[wlen] = 0;
    Arena a = { 0 };
    int errors = 0;
    bool complete = false;
    Node *root = parse_source(&a, source_from_bytes(&a, "t.form", src, len), &errors, &complete);
    const char *got = root && root->args ? root->args->text : NULL;
    uint32_t cp;
    int nonchar = textguard_first_noncharacter(want, wlen, &cp) >= 0;
    bool same = errors == invalid + nonchar && got && !strcmp(got, want);
    arena_free(&a);
    return same;
}

/* Bytes that mean nothing special inside a string ('"', '\\', newline, NUL
 * and carriage return do). */
static bool plain(int b) { return b && b != '"' && b != '\\' && b != '\n' && b != '\r'; }

TEST(scanner_accepts_what_the_decoder_accepts) {
    diag_mute(true);
    int disagree = 0;
    /* every lead byte with every second byte, then an ASCII letter */
    for (int b0 = 0x80; b0 <= 0xFF; b0++)
        for (int b1 = 1; b1 <= 0xFF; b1++) {
            if (!plain(b1)) continue;
            unsigned char s[3] = { (unsigned char)b0, (unsigned char)b1, 'x' };
            if (!scanner_agrees(s, 3) && disagree++ < 5)
                UNIT_FAIL("the scanner and the decoder disagree on %02X %02X", b0, b1);
        }
    /* three- and four-byte leads with each second byte that may continue
     * them, then the edges of the continuation range */
    static const unsigned char edges[] = { 0x7F, 0x80, 0xBF, 0xC0 };
    for (int b0 = 0xE0; b0 <= 0xF4; b0++)
        for (int b1 = 0x80; b1 <= 0xBF; b1++)
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++) {
                    unsigned char s[4] = { (unsigned char)b0, (unsigned char)b1, edges[i], edges[j] };
                    if (!scanner_agrees(s, 4) && disagree++ < 5)
                        UNIT_FAIL("the scanner and the decoder disagree on %02X %02X %02X %02X",
                                  b0, b1, edges[i], edges[j]);
                }
    diag_mute(false);
    CHECK_INT(disagree, 0);
}
