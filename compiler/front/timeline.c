/* timeline.c — the dates of a formulation must be possible: a check pass
 * (after check.c has filled the model) that reads the birth date and the
 * assessment dates against today, against each other, and against the
 * calendar of the group the member belongs to (and age at its start). What cannot be true is an
 * error; what is possible but unlikely is a warning. Each is reported at
 * the date it is about. docs/language.md lists the rules. */
#include <string.h>
#include "front/checker.h"
#include "base/messages.h"
#include "front/dates.h"

static const char *const when_names[WHEN_COUNT] = { "pre", "post", "followup" };

/* "the post assessment" or "the post assessment by rater "partner"". */
static const char *assessment_name(Checker *c, const Assessment *a) {
    return a->rater.s ? arena_printf(c->a, diag_tr("the %s assessment by rater \"%s\""), when_names[a->when], a->rater.s)
                      : arena_printf(c->a, diag_tr("the %s assessment"), when_names[a->when]);
}

static bool same_rater(const Assessment *a, const Assessment *b) {
    return (!a->rater.s && !b->rater.s) || (a->rater.s && b->rater.s && !strcmp(a->rater.s, b->rater.s));
}

/* The date of the session in week `week` of a group that starts on starts. */
static long week_day(Date starts, int week) { return date_days(starts) + 7L * (week - 1); }

/* Nothing is dated after today; the birth date comes before every
 * assessment and is not implausibly far back; each rater's assessments
 * run pre, post, follow-up. */
static void check_dates(Checker *c, Date today) {
    const Formulation *f = &c->m->f;
    char iso[11];
    const Assessment *first = NULL;
    for (int i = 0; i < f->nassessments; i++)
        if (!first || date_days(f->assessments[i].date) < date_days(first->date)) first = &f->assessments[i];
    const Date *born = f->patient.born.set ? &f->patient.born : NULL;
    if (born && date_days(*born) > date_days(today)) {
        ck_error(c, born->loc, "born after today (%s)", date_iso(today, iso));
    } else if (born && first && date_days(*born) >= date_days(first->date)) {
        ck_error(c, born->loc, "born on or after %s (%s)", assessment_name(c, first),
                 date_iso(first->date, iso));
        ck_note(first->date.loc, "dated here");
    } else if (born && age_on(*born, today) > 100) {
        ck_warning(c, born->loc, "born %d years ago: check the year", age_on(*born, today));
    }
    for (int i = 0; i < f->nassessments; i++) {
        const Assessment *a = &f->assessments[i];
        if (assessment_date_check(a->date, (Date){ 0 }, today) == ASSESSED_AFTER_TODAY)
            ck_error(c, a->date.loc, "%s is dated after today (%s): scores cannot come from the future",
                     assessment_name(c, a), date_iso(today, iso));
        for (int j = 0; j < i; j++) {
            const Assessment *b = &f->assessments[j];
            if (!same_rater(a, b) || a->when == b->when) continue;   /* a second one: rules.c */
            const Assessment *early = a->when < b->when ? a : b, *late = a->when < b->when ? b : a;
            if (date_days(early->date) > date_days(late->date)) {
                ck_error(c, late->date.loc, "the %s assessment is dated before the %s assessment",
                         when_names[late->when], when_names[early->when]);
                ck_note(early->date.loc, "the %s assessment is dated here", when_names[early->when]);
            }
        }
    }
}

/* Whether date d, its year one later, falls from `before` days before the
 * group's first session (starts) to `after` days after it, while d itself
 * is most of a year earlier: the year just ended typed out of habit (a
 * pre assessment of early January dated with last year's year). *meant is the date with that year. */
static bool year_behind(Date d, Date starts, long before, long after, Date *meant) {
    Date n = d;
    n.y++;
    if (n.m == 2 && n.d == 29) n.d = 28;
    long from = date_days(starts) - before, to = date_days(starts) + after;
    *meant = n;
    return date_days(starts) - date_days(d) > 300 && date_days(n) >= from && date_days(n) <= to;
}

/* Warns at d, the date of what (a pre assessment, the letter), when its
 * year looks one behind (year_behind: from `before` days before the first
 * session to `after` days after it). */
static void check_year_behind(Checker *c, Date d, const char *what, Date starts, long before, long after) {
    char iso[11], first[11], meant[11];
    Date n;
    if (!year_behind(d, starts, before, after, &n)) return;
    ck_warning(c, d.loc, "%s is dated %s, %ld days before the group's first session (%s): is the year "
               "mistyped, for %s?", what, date_iso(d, iso), date_days(starts) - date_days(d),
               date_iso(starts, first), date_iso(n, meant));
}

/* The dates against the group's calendar: born before it starts; a later
 * assessment not before its first session; a pre assessment by its second
 * week; a post or follow-up assessment not before its last week (the week
 * the member left, when they left early). */
static void check_calendar(Checker *c, const Group *g) {
    const Formulation *f = &c->m->f;
    char iso[11], when[11];
    if (!g->starts.set) return;
    long first = date_days(g->starts);
    if (f->patient.born.set && date_days(f->patient.born) >= first)
        ck_error(c, f->patient.born.loc, "born on or after the group's first session (%s)",
                 date_iso(g->starts, iso));
    else if (f->patient.born.set && age_on(f->patient.born, g->starts) < 18)
        ck_warning(c, f->patient.born.loc, "%s will be %d when the group starts on %s; groups are for "
                   "adults (18 and over)", f->patient.name.s ? f->patient.name.s : "the patient",
                   age_on(f->patient.born, g->starts), date_iso(g->starts, iso));
    int last_week = f->left.week > 0 ? f->left.week : g->weeks;
    for (int i = 0; i < f->nassessments; i++) {
        const Assessment *a = &f->assessments[i];
        long day = date_days(a->date);
        if (a->when == WHEN_PRE) {
            if (day >= week_day(g->starts, 3))
                ck_warning(c, a->date.loc, "%s is dated after the group's second week (the group began "
                           "on %s): is this the post assessment?", assessment_name(c, a), date_iso(g->starts, iso));
            else
                check_year_behind(c, a->date, assessment_name(c, a), g->starts, 42, 13);
        } else if (day < first) {
            ck_error(c, a->date.loc, "%s is dated before the group's first session (%s)",
                     assessment_name(c, a), date_iso(g->starts, iso));
        } else if (last_week > 0 && day < week_day(g->starts, last_week)) {
            Date d = date_from_days(week_day(g->starts, last_week));
            ck_warning(c, a->date.loc, "%s is dated before the %s (week %d, %s)", assessment_name(c, a),
                       diag_tr(f->left.week > 0 ? "week the member left the group" : "group's last week"), last_week,
                       date_iso(d, when));
        }
    }
}

/* Weeks recorded as attended or left happened: a session after today has
 * not been attended (an error: typing 'attended 1-12' at week 4 made a
 * report read "11 of 12 sessions"), and a member leaving in a week still
 * to come is a plan, not a record (a warning). */
static void check_weeks_happened(Checker *c, const Group *g, Date today) {
    const Formulation *f = &c->m->f;
    char iso[11], day[11];
    if (!g->starts.set) return;
    long now = date_days(today);
    for (int i = 0; i < f->attended.nspans; i++) {
        const WeekSpan *s = &f->attended.spans[i];
        int week = s->first;
        while (week <= s->last && week_day(g->starts, week) <= now) week++;
        if (week > s->last || (g->weeks > 0 && week > g->weeks)) continue;   /* past the group: rules.c */
        ck_error(c, s->loc, "week %d is listed as attended, but its session (%s) is after today (%s): "
                 "list only the sessions that have taken place", week,
                 date_iso(date_from_days(week_day(g->starts, week)), day), date_iso(today, iso));
    }
    if (f->left.week > 0 && (g->weeks <= 0 || f->left.week <= g->weeks) &&
        week_day(g->starts, f->left.week) > now)
        ck_warning(c, f->left.week_loc, "the member left in week %d, whose session (%s) is after today (%s): "
                   "'left' records an ending that has happened", f->left.week,
                   date_iso(date_from_days(week_day(g->starts, f->left.week)), day), date_iso(today, iso));
}

/* A follow-up without a post assessment (by the same rater) dated within
 * four weeks of the member's last week is most likely the post assessment
 * written as the follow-up: the documents would count no post scores. */
static void check_followup_without_post(Checker *c, const Group *g) {
    const Formulation *f = &c->m->f;
    char iso[11];
    if (!g->starts.set) return;
    int last_week = f->left.week > 0 ? f->left.week : g->weeks;
    if (last_week <= 0) return;
    long last = week_day(g->starts, last_week);
    for (int i = 0; i < f->nassessments; i++) {
        const Assessment *a = &f->assessments[i];
        if (a->when != WHEN_FOLLOWUP) continue;
        bool post = false;
        for (int j = 0; j < f->nassessments; j++)
            post |= f->assessments[j].when == WHEN_POST && same_rater(a, &f->assessments[j]);
        long after = date_days(a->date) - last;
        if (post || after < 0 || after > 28) continue;   /* before the last week: check_calendar */
        ck_warning(c, a->date.loc, "%s is dated %ld day%s after the %s (%s) and there is no post assessment%s: "
                   "is this the post assessment?", assessment_name(c, a), after, after == 1 ? "" : "s",
                   diag_tr(f->left.week > 0 ? "session of the week the member left" : "group's last session"),
                   date_iso(date_from_days(last), iso), a->rater.s ? diag_tr(" by this rater") : "");
    }
}

/* A letter prepares the patient for the group: it is sent before the
 * group's first session. Dated later (by `dated`, or today when it has
 * none), it would greet a member with a first meeting already past; dated
 * with last year's year (written in early January), its head would show
 * a letter a year old. A letter is sent up to some three months ahead. */
static void check_letter_date(Checker *c, const Group *g, Date today) {
    const Formulation *f = &c->m->f;
    char iso[11], first[11];
    if (!g->starts.set || !f->letter.loc.src) return;
    const Date *dated = f->letter.dated.set ? &f->letter.dated : NULL;
    if (dated && date_days(*dated) > date_days(g->starts))
        ck_warning(c, dated->loc, "the letter is dated after the group's first session (%s): a letter that "
                   "prepares a member for the group is sent before it", date_iso(g->starts, first));
    else if (dated)
        check_year_behind(c, *dated, diag_tr("the letter"), g->starts, 91, 0);
    else if (!dated && date_days(today) > date_days(g->starts))
        ck_warning(c, f->letter.loc, "the letter would be dated today (%s), after the group's first session "
                   "(%s): write the day it was sent, as 'dated YYYY-MM-DD' in the letter block",
                   date_iso(today, iso), date_iso(g->starts, first));
}

void ck_timeline(Checker *c, const Model *group) {
    check_dates(c, date_today());
    if (group && model_is_group(group)) {
        check_calendar(c, &group->g);
        check_letter_date(c, &group->g, date_today());
        check_weeks_happened(c, &group->g, date_today());
        check_followup_without_post(c, &group->g);
    }
}
