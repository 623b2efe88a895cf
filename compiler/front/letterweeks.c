/* letterweeks.c — a member's letter speaks only of weeks the group has.
 * The letter prints the group's length ("Length: 12 weeks") and tells the
 * patient what its phases may bring; a text written for a longer group,
 * or a week mistyped ("In week 14, our last session, we will say
 * goodbye" in a group of 12), tells the patient of a session that never
 * comes: a warning at the number, once per text. Read in the text as the
 * file holds it: "week 14", "weeks 10 to 14" (two weeks joined by a
 * dash, to, through, and, or; in French "semaine 14", "semaines 10 à
 * 14"), and "the 14th week", "la 14e semaine". A number of weeks ("for
 * 14 weeks after the group") is a length, and not read; nor is a number
 * after a comma ("in week 3, 14 of us"). */
#include <string.h>
#include "front/checker.h"
#include "front/words.h"

static const char *const week_words[] = { "weeks", "week", "semaines", "semaine" };
static const char *const joins[] = { "-", "\xE2\x80\x93", "to", "through", "and", "or", "\xC3\xA0", "au", "et", "ou" };
static const char *const ordinals[] = { "st", "nd", "rd", "th", "\xC3\xA8me", "i\xC3\xA8me", "\xE1\xB5\x89", "e" };

static bool digit(char ch) { return ch >= '0' && ch <= '9'; }

/* The whole number at *p (at most 6 digits), *p moved past it; -1 when
 * none starts there. */
static long number_at(const char **p, const char *end) {
    long n = 0;
    const char *q = *p;
    while (q < end && digit(*q) && q - *p < 6) n = n * 10 + (*q++ - '0');
    if (q == *p || (q < end && digit(*q))) return -1;
    *p = q;
    return n;
}

/* The first week past weeks that text (the bytes [from, end) of its
 * file) speaks of: where its number starts, its length in *len, or NULL. */
static const char *week_past(const char *from, const char *end, int weeks, size_t *len) {
    for (const char *p = from; p < end; p++) {
        if (word_letter_before(from, p)) continue;
        size_t w;                                   /* week 14, weeks 10 to 14 */
        if (word_at(from, p, end, week_words, WORDS_COUNT(week_words), false, &w) >= 0) {
            bool plural = strchr("sS", p[w - 1]) != NULL;
            const char *q = skip_space(p + w, end);
            for (int k = 0; k < 2; k++) {
                const char *at = q;
                long n = number_at(&q, end);
                if (n < 0) break;
                if (n > weeks) return *len = (size_t)(q - at), at;
                const char *r = skip_space(q, end);
                size_t j;
                if (!plural || word_at(from, r, end, joins, WORDS_COUNT(joins), false, &j) < 0) break;
                q = skip_space(r + j, end);
            }
            continue;
        }
        const char *q = p;                          /* the 14th week */
        long n = number_at(&q, end);
        if (n < 0) continue;
        size_t o;
        if (word_at(from, q, end, ordinals, WORDS_COUNT(ordinals), false, &o) < 0) o = 0;
        const char *r = skip_space(q + o, end);
        if (o && r > q + o && word_at(from, r, end, week_words, WORDS_COUNT(week_words), false, &w) >= 0 && n > weeks)
            return *len = (size_t)(q - p), p;
        p = q - 1;
    }
    return NULL;
}

void ck_letter_weeks(Checker *c, const Model *g) {
    if (!g || g->g.weeks <= 0) return;
    WrittenText texts[LETTER_TEXTS];
    int n = letter_written(&c->m->f, texts);
    for (int i = 0; i < n; i++) {
        size_t len;
        const char *at = week_past(texts[i].from, texts[i].end, g->g.weeks, &len);
        if (!at) continue;
        ck_warning(c, written_loc(&texts[i], at, len), "the letter speaks of week %.*s, but the group has %d "
                   "weeks: the patient would read of a week the group does not meet (is the week mistyped, "
                   "or the group's weeks?)", (int)len, at, g->g.weeks);
        ck_note(g->g.weeks_loc, "the group's weeks");
    }
}
