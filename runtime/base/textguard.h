/* textguard.h — text that lays out in bounded time.
 *
 * A line breaker that finds no place to break a word tries every character
 * of it, and a shaper attaches every combining mark of a character to all
 * the others: both take time in the square of the length, so one word of
 * 65,000 letters or one letter carrying 20,000 accents stalled formc for
 * minutes. textguard_text() gives the layout a copy in which
 *
 *   - a run of more than TEXT_MAX_UNBROKEN characters with no place to
 *     break (a space, a hyphen, a soft hyphen, a slash, a dash, an
 *     ideograph) gets a soft hyphen (U+00AD) after every TEXT_MAX_UNBROKEN
 *     of them, so a long word wraps, hyphenated, instead of running off
 *     the page;
 *   - a character carrying more than TEXT_MAX_MARKS combining marks (the
 *     limit of Unicode's stream-safe text format, UAX #15) has its marks
 *     beyond each TEXT_MAX_MARKS set on a no-break space (U+00A0), the
 *     carrier Unicode names for a mark shown alone.
 *
 * Nothing is left out. Each insertion is two bytes, so a position in the
 * copy maps back to the text as a soft hyphen does. Ordinary text (words
 * under 32 letters, a few accents on a letter) comes back unchanged. */
#ifndef FORMC_TEXTGUARD_H
#define FORMC_TEXTGUARD_H
#include <stddef.h>
#include <stdint.h>

#define TEXT_MAX_UNBROKEN 32
#define TEXT_MAX_MARKS 30

/* A newly allocated copy (free with free()) of the n bytes of text (UTF-8)
 * with the insertions above. When at and nat are not NULL, *at receives a
 * newly allocated, ascending array of the offsets in text before which an
 * insertion was made (*nat of them; NULL when none). Out of memory, formc
 * exits (base/arena.h). */
char *textguard_text(const char *text, size_t n, size_t **at, size_t *nat);

/* The offset in the n bytes of text of the first combining mark past
 * TEXT_MAX_MARKS on one character, or -1 when there is none: for the
 * front end, which refuses such text at its place. */
long textguard_first_excess_mark(const char *text, size_t n);

/* The offset in the n bytes of text of the first noncharacter, or -1 when
 * there is none; *cp receives it. Noncharacters (U+FDD0 to U+FDEF and the
 * last two code points of every plane: U+FFFE, U+FFFF, U+1FFFE...) are
 * code points Unicode keeps out of text; cairo refuses to draw them, and
 * the whole document fails. For the front end and the template parser,
 * which refuse them at their place. */
long textguard_first_noncharacter(const char *text, size_t n, uint32_t *cp);

/* The offset in the n bytes of text of the first bidirectional control
 * that embeds, overrides or isolates (U+202A to U+202E, U+2066 to U+2069),
 * or -1 when there is none; *cp receives it and *name its name ("a
 * right-to-left override"). Inserted into a document, such a character
 * reorders the words printed around the text it came with (a name
 * holding U+202E turns "Dear Ada," into "Dear ,adA"), and text in a
 * right-to-left script needs none of them: the front end refuses them at
 * their place. */
long textguard_first_bidi_control(const char *text, size_t n, uint32_t *cp, const char **name);

#endif
