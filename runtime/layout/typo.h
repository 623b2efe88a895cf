/* typo: typographic quotes and spaces for a document's language.
 *
 * Promises: typo_text() returns a copy of a text in which, for English,
 * straight double quotes become “ ” and straight single quotes ‘ ’ (an
 * apostrophe is ’); for French, straight double quotes become « » with a
 * narrow no-break space (U+202F) inside, a single quote is ’, typed « »
 * get their narrow space too, and a space before ; ! ? » becomes a narrow
 * no-break space and one before : a no-break space, so a line never starts
 * with them; the space between a number and its percent sign ("50 %")
 * becomes a narrow no-break space too. Nothing is changed inside an identifier or a code: a token
 * (a run without spaces) holding a digit, one of _ / \ @, "://" or a dot
 * between two letters or digits (P-0201, hfmps.self_oriented, a URL) keeps
 * its straight quotes; quotes around it still turn. Other languages get
 * the English quotes. Pure text processing: no state, no I/O. */
#ifndef FORMC_TYPO_H
#define FORMC_TYPO_H
#include <stddef.h>
#include <stdint.h>

/* One replacement typo_text() made: from_len bytes at offset from of the
 * original text became to_len bytes. */
typedef struct {
    size_t from, from_len, to_len;
} TypoEdit;

/* The typographic copy of text (malloc'ed). prev is the character printed just before text (0 at the start of
 * a paragraph), so that a quote at its start opens or closes as it should.
 * When edits is not NULL it receives the replacements, in order, in a
 * malloc'ed array (NULL when there are none), and nedits their number. */
char *typo_text(const char *lang, const char *text, uint32_t prev,
                TypoEdit **edits, size_t *nedits);

/* The offset in the original text of byte offset `at` of the copy that
 * made edits: inside a replacement, the replaced text's start. */
size_t typo_original_offset(const TypoEdit *edits, size_t nedits, size_t at);

#endif
