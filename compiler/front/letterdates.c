/* letterdates.c — a member's letter names no session outside the group's
 * dates. The letter prints the group's first session and its length; a
 * text kept from another group, or a date mistyped ("On April 16, our
 * last session, we will say goodbye" in a group whose last session is
 * April 2), tells the patient of a session that never comes: a warning
 * at the date, once per text, when it falls after the group's last
 * session in a sentence about the group's sessions (meetday.c's words:
 * group, session, meet, see you; groupe, séance, rencontre, réunion).
 * A meeting after the group the letter calls a follow-up ("follow-up",
 * "suivi" in its sentence), or held on the day of one of the member's
 * follow-up assessments, is none. A date before the first session is
 * told when its sentence gives it as the first session ("our first
 * session, on January 8") and names no other date.
 *
 * Read in the text as the file holds it, in English and in French, with
 * the month's name in full as the documents write it (base/date.h
 * date_month_name; an English one with its capital): "April 16", "April
 * 16th, 2026", "16 April", "the 16th of April", "le 16 avril 2026", "1er
 * avril", and a date as the language writes it, "2026-04-16" (dates.c
 * date_read). A date without its year is in the year that puts it
 * nearest the group's sessions (the earlier of two as near). */
#include <string.h>
#include "front/checker.h"
#include "front/dates.h"
#include "front/words.h"

/* A date a text names: the day, and the bytes [at, end) that write it. */
typedef struct { Date day; const char *at, *end; } NamedDate;

/* The group's sessions, as days from 1970-01-01. */
typedef struct { long first, last; int year; } Sessions;

static bool digit(char ch) { return ch >= '0' && ch <= '9'; }

/* The month whose name text holds whole at p (the English with its
 * capital, the French in any case): 1 to 12, the name's end in *after;
 * 0 for none. */
static int month_at(const char *from, const char *p, const char *end, const char **after) {
    const char *names[24];
    for (int m = 1; m <= 12; m++) names[m - 1] = date_month_name(m, "en"), names[11 + m] = date_month_name(m, "fr");
    size_t len;
    int i = word_at(from, p, end, names, 24, false, &len);
    if (i < 0 || (i < 12 && !(*p >= 'A' && *p <= 'Z'))) return 0;
    *after = p + len;
    return i % 12 + 1;
}

/* The number of n digits exactly at p (none before nor after it): its
 * value, p moved past it; -1 for none. */
static int number_at(const char *from, const char **p, const char *end, int min_digits, int max_digits) {
    const char *q = *p;
    int v = 0;
    if (q > from && digit(q[-1])) return -1;
    while (q < end && digit(*q) && q - *p < max_digits) v = v * 10 + (*q++ - '0');
    if (q - *p < min_digits || (q < end && digit(*q))) return -1;
    *p = q;
    return v;
}

/* The day of the month at *p, with its ordinal ("16th", "1er"), *p moved
 * past it; -1 for none. */
static int day_at(const char *from, const char **p, const char *end) {
    static const char *const ordinals[] = { "st", "nd", "rd", "th", "er" };
    const char *q = *p;
    int d = number_at(from, &q, end, 1, 2);
    if (d < 1 || d > 31) return -1;
    size_t len;
    if (word_at(from, q, end, ordinals, WORDS_COUNT(ordinals), false, &len) >= 0) q += len;
    else if (word_letter_at(q, end)) return -1;
    *p = q;
    return d;
}

/* A year written after a month's day (", 2026", " 2026"), *p moved past
 * it; 0 for none. */
static int year_at(const char *from, const char **p, const char *end) {
    const char *q = *p < end && **p == ',' ? *p + 1 : *p;
    q = skip_space(q, end);
    int y = number_at(from, &q, end, 4, 4);
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) return 0;
    *p = q;
    return y;
}

/* Month m's day d in the year given, else in the year that puts it
 * nearest s's sessions; false when it is no day. */
static bool day_of(int y, int m, int d, const Sessions *s, Date *out) {
    if (y) {
        *out = (Date){ y, m, d, true, { 0 } };
        return date_valid(y, m, d);
    }
    long best = -1;
    for (int k = s->year - 1; k <= s->year + 1; k++) {
        if (!date_valid(k, m, d)) continue;
        Date day = { k, m, d, true, { 0 } };
        long n = date_days(day), off = n < s->first ? s->first - n : n > s->last ? n - s->last : 0;
        if (best < 0 || off < best) best = off, *out = day;
    }
    return best >= 0;
}

/* The date text [from, end) names at p, in *out; false for none. */
static bool date_at(const char *from, const char *p, const char *end, const Sessions *s, NamedDate *out) {
    const char *q = p, *after;
    if ((!digit(*p) && !(*p >= 'A' && *p <= 'Z') && !(*p >= 'a' && *p <= 'z')) || word_letter_before(from, p))
        return false;
    int m = month_at(from, p, end, &after), d;
    if (m) {                                            /* April 16, 2026 */
        q = skip_space(after, end);
        if ((d = day_at(from, &q, end)) < 0) return false;
    } else {                                            /* 16 April 2026, 1er avril, 2026-04-16 */
        if (end - p >= 10 && number_at(from, &q, end, 4, 4) >= 0 && q - p == 4 && *q == '-') {
            char iso[11];
            memcpy(iso, p, 10), iso[10] = 0;
            char why[160];
            if (!date_read(iso, &out->day, why, sizeof why) || (end - p > 10 && digit(p[10]))) return false;
            out->at = p, out->end = p + 10;
            return true;
        }
        q = p;
        if ((d = day_at(from, &q, end)) < 0) return false;
        const char *r = skip_space(q, end);
        static const char *const of[] = { "of" };
        size_t len;
        if (word_at(from, r, end, of, 1, false, &len) >= 0) r = skip_space(r + len, end);
        if (r == q || !(m = month_at(from, r, end, &after))) return false;
        q = after;
    }
    int y = year_at(from, &q, end);
    if (!day_of(y, m, d, s, &out->day)) return false;
    out->at = p, out->end = q;
    return true;
}

/* The first date [from, end) names at or after p, in *out; false when none. */
static bool next_date(const char *from, const char *p, const char *end, const Sessions *s, NamedDate *out) {
    for (; p < end; p++)
        if (date_at(from, p, end, s, out)) return true;
    return false;
}

/* The sentence of [from, end) around nd: its bytes [*start, *stop). */
static void sentence_of(const char *from, const char *end, const NamedDate *nd, const char **start, const char **stop) {
    const char *a = nd->at, *b = nd->end;
    while (a > from && !strchr(".!?", a[-1])) a--;
    while (b < end && !strchr(".!?", *b)) b++;
    *start = a, *stop = b;
}

/* Whether the member has a follow-up assessment on day. */
static bool followup_on(const Formulation *f, Date day) {
    for (int i = 0; i < f->nassessments; i++)
        if (f->assessments[i].when == WHEN_FOLLOWUP && date_days(f->assessments[i].date) == date_days(day))
            return true;
    return false;
}

/* Whether the sentence [a, b) gives the group's first session and names
 * one date only. */
static bool gives_first_session(const char *a, const char *b, const Sessions *s) {
    static const char *const first[] = { "first session", "first meeting", "first group",
                                         "premi\xC3\xA8re s\xC3\xA9" "ance", "premi\xC3\xA8re rencontre",
                                         "premi\xC3\xA8re r\xC3\xA9" "union" };
    NamedDate one, two;
    return holds_word(a, b, first, WORDS_COUNT(first), false) && next_date(a, a, b, s, &one) &&
           !next_date(a, one.end, b, s, &two);
}

/* The first date of text [from, end) outside the group's sessions, its
 * kind in *after (past the last, else before the first); false for none. */
static bool date_outside(const Formulation *f, const char *from, const char *end, const Sessions *s,
                         NamedDate *nd, bool *after) {
    static const char *const followup[] = { "follow-up", "follow up", "followup", "suivi" };
    for (const char *p = from; next_date(from, p, end, s, nd); p = nd->end) {
        long day = date_days(nd->day);
        const char *a, *b;
        sentence_of(from, end, nd, &a, &b);
        *after = day > s->last;
        if (*after && about_sessions(from, end, nd->at, nd->end) &&
            !holds_word(a, b, followup, WORDS_COUNT(followup), true) && !followup_on(f, nd->day))
            return true;
        if (day < s->first && gives_first_session(a, b, s)) return true;
    }
    return false;
}

void ck_letter_dates(Checker *c, const Model *g) {
    if (!g || !g->g.starts.set || g->g.weeks <= 0) return;
    long first = date_days(g->g.starts);
    Sessions s = { first, first + 7L * (g->g.weeks - 1), g->g.starts.y };
    const Formulation *f = &c->m->f;
    WrittenText texts[LETTER_TEXTS];
    int n = letter_written(f, texts);
    for (int i = 0; i < n; i++) {
        NamedDate nd;
        bool after;
        if (!date_outside(f, texts[i].from, texts[i].end, &s, &nd, &after)) continue;
        Loc at = written_loc(&texts[i], nd.at, (size_t)(nd.end - nd.at));
        char day[11], bound[11];
        date_iso(nd.day, day);
        if (after) {
            ck_warning(c, at, "the letter speaks of a session on %s, but the group's last session is %s (week %d): "
                       "the patient would read of a session the group does not hold (is the date mistyped, or "
                       "the group's starts or weeks? if it is a follow-up meeting, call it one)",
                       day, date_iso(date_from_days(s.last), bound), g->g.weeks);
            ck_note(g->g.weeks_loc, "the group's weeks");
        } else {
            ck_warning(c, at, "the letter gives the group's first session as %s, but the group starts on %s: "
                       "the patient would come before the group meets (is the date mistyped, or the group's "
                       "starts?)", day, date_iso(g->g.starts, bound));
            ck_note(g->g.starts.loc, "the group's first session");
        }
    }
}
