/* utf8.h — formc's one UTF-8 decoder.
 *
 * A well-formed character is what RFC 3629 allows: one to four bytes, no
 * overlong form, no surrogate (U+D800 to U+DFFF), nothing above U+10FFFF.
 * Every reader of text in formc splits it this way: columns in
 * diagnostics (source.c, diag.c), the template engine, the formatter, the
 * missing-glyph report, hyphenation, typography, the text guard and
 * de-identification. The scanner (grammar/lexer.l) says the same in flex
 * patterns, which a unit test (tests/unit/test_utf8.c) holds equal to
 * utf8_decode byte for byte.
 *
 * A byte that starts no well-formed character counts as one character of
 * its own, so text that is not UTF-8 still has columns. Reading stops at
 * the first byte that does not continue a character, and NUL never does:
 * a NUL-terminated string may be read with a len of UTF8_MAX. */
#ifndef FORMC_UTF8_H
#define FORMC_UTF8_H
#include <stddef.h>
#include <stdint.h>

#define UTF8_MAX 4          /* the longest character, in bytes */
#define UTF8_INVALID 0xFFFD /* the code point given for an invalid byte */

/* Decodes the character at s (of len bytes, len > 0): returns its length
 * in bytes, and its code point in *cp (may be NULL). A byte that starts no
 * well-formed character has length 1 and code point UTF8_INVALID. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Length in bytes of the character at s[i] of a string of len bytes. */
int utf8_step(const char *s, size_t i, size_t len);
/* The offset of the character that ends just before byte i of s (which
 * starts at byte `start`), splitting the bytes as utf8_step does. */
size_t utf8_back(const char *s, size_t start, size_t i);
/* The start of the character that holds byte i of s (of len bytes): i
 * itself when a character starts there. */
size_t utf8_start(const char *s, size_t len, size_t i);
/* The number of characters in s[0, n). */
size_t utf8_count(const char *s, size_t n);
/* The offset of the first byte of s[0, len) that is not part of a
 * well-formed character, or len when every byte is. */
size_t utf8_invalid(const char *s, size_t len);

#endif
