/* meetday.c — the group's first session falls on a day it meets. A group
 * file says the day twice: in `starts` (a date) and in words in `meets`
 * ("Thursdays, 5:30–7:00 pm", "Le jeudi, de 17 h 30 à 19 h"). When the
 * words name weekdays and the date is none of them, the letter gives the
 * patient two days for the same first session ("First meeting: Wednesday,
 * January 14, 2026" above "When: Thursdays"): a warning at `starts`, with a
 * note at the words. A member's letter that names another day in a
 * sentence about the group's sessions ("See you on Tuesday evenings")
 * gives the patient two days as well: a warning at that text. Only whole
 * weekday names are read, in English and in French, in any case, singular
 * or plural. */
#include <ctype.h>
#include <string.h>
#include "front/checker.h"
#include "front/dates.h"
#include "front/words.h"

/* In English, then French: a name's weekday is its index % 7. */
static const char *const weekdays[14] = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
};

/* The weekday text names whole at p ("Thursdays" names Thursday;
 * "Thursdayish" does not), its name's end in *after; -1 for none. */
static int weekday_at(const char *text, const char *p, const char *end, const char **after) {
    size_t len;
    int i = word_at(text, p, end, weekdays, WORDS_COUNT(weekdays), true, &len);
    *after = p + (i < 0 ? 0 : len);
    return i < 0 ? -1 : i % 7;
}

/* Sets named[d] for each weekday d that text names as a whole word;
 * returns whether it names any. */
static bool named_weekdays(const char *text, bool named[7]) {
    bool any = false;
    const char *end = text + strlen(text), *after;
    for (const char *p = text; *p; p++) {
        int d = weekday_at(text, p, end, &after);
        if (d >= 0) named[d] = any = true;
    }
    return any;
}

/* The weekdays group g meets on, from its meets in every language given;
 * false when none names one. */
static bool meeting_days(const Group *g, bool days[7]) {
    bool any = false;
    if (g->meets.s && !g->meets.placeholder) any |= named_weekdays(g->meets.s, days);
    for (int l = 0; l < LANG_COUNT; l++)
        if (g->meets_in[l].s && !g->meets_in[l].placeholder) any |= named_weekdays(g->meets_in[l].s, days);
    return any;
}

/* The first weekday text names, in a sentence about the group's sessions,
 * that is none of days: its index, or -1. */
static int other_day(const char *text, const bool days[7]) {
    const char *end = text + strlen(text), *after;
    for (const char *p = text; *p; p++) {
        int d = weekday_at(text, p, end, &after);
        if (d >= 0 && !days[d] && about_sessions(text, end, p, after)) return d;
    }
    return -1;
}

void ck_letter_days(Checker *c, const Model *g) {
    bool days[7] = { false };
    if (!g || !meeting_days(&g->g, days)) return;
    const Formulation *f = &c->m->f;
    const Text *texts[LETTER_TEXTS];
    letter_texts(f, texts);
    for (int i = 0; i < LETTER_TEXTS; i++) {
        const Text *t = texts[i];
        int d = t->s && !t->placeholder ? other_day(t->s, days) : -1;
        if (d < 0) continue;
        const char *name = weekdays[d];
        ck_warning(c, t->loc, "the letter speaks of the group's sessions on a %c%s, but the group's "
                   "meets says \"%s\": the patient would read two days (is the letter or meets "
                   "mistyped?)", toupper((unsigned char)name[0]), name + 1,
                   g->g.meets.s ? g->g.meets.s : "");
        ck_note(g->g.meets.loc, "the days the group meets");
    }
}

void ck_meeting_day(Checker *c) {
    const Group *g = &c->m->g;
    if (!g->starts.set) return;
    int day = date_weekday(g->starts);
    const Text *texts[1 + LANG_COUNT] = { &g->meets };
    for (int l = 0; l < LANG_COUNT; l++) texts[1 + l] = &g->meets_in[l];
    for (int i = 0; i < 1 + LANG_COUNT; i++) {
        const Text *t = texts[i];
        bool named[7] = { false };
        if (!t->s || t->placeholder || !named_weekdays(t->s, named) || named[day]) continue;
        char date[11];
        date_iso(g->starts, date);
        const char *name = weekdays[day];
        ck_warning(c, g->starts.loc, "the group's first session, %s, is a %c%s, but its meets says \"%s\": "
                   "the letter would give the patient both days (is starts or meets mistyped?)", date,
                   toupper((unsigned char)name[0]), name + 1, t->s);
        ck_note(t->loc, "the days the group meets");
        return;
    }
}
