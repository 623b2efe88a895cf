/* hyphenate: dictionary hyphenation for paragraph text.
 *
 * Promises: text comes back with U+00AD SOFT HYPHEN inserted at the
 * hyphenation points of the libhyphen dictionary for the language ("en" or
 * "fr"). Only words of letters at least HYPH_MIN_WORD letters long (or
 * longer, as asked) are touched; tokens that contain digits, or look like a URL or an e-mail
 * address, and words that start with a capital (names, places, acronyms)
 * are left alone. Each dictionary
 * is loaded once per process and kept until hyphenate_shutdown(). */
#ifndef FORMC_HYPHENATE_H
#define FORMC_HYPHENATE_H
#include <stddef.h>
#include <stdio.h>

#define HYPH_MIN_WORD 6

/* Loads (once) the dictionary for lang. Returns 0, or -1 with a message
 * naming the dictionary file when it cannot be loaded. An unknown language
 * is an error too. */
int hyphenate_prepare(const char *lang, char *err, size_t errlen);

/* Returns a newly allocated copy of text (free with free()) with soft
 * hyphens inserted in words of at least min_letters letters (values under
 * HYPH_MIN_WORD count as HYPH_MIN_WORD; ragged text wants only long words
 * split). When lang has no loaded dictionary the copy is plain.
 * If inserted/ninserted are not NULL they receive a newly allocated,
 * ascending array of the byte offsets in the ORIGINAL text before which a
 * soft hyphen was inserted (so callers can map positions back). */
char *hyphenate_text(const char *lang, const char *text, int min_letters,
                     size_t **inserted, size_t *ninserted);

/* Writes to out, one line each, the hyphenation dictionaries' paths with
 * their identity as the caches take it (cachefile_identity; or
 * "missing"): what a
 * document's line breaks depend on besides formc's own files. */
void hyphenate_identity(FILE *out);

/* Calls fn(user, path) for each hyphenation dictionary that is there (the
 * files hyphenate_identity describes): for make's rules of formc build. */
void hyphenate_each_file(void (*fn)(void *user, const char *path), void *user);

/* Frees the loaded dictionaries. */
void hyphenate_shutdown(void);
#endif
