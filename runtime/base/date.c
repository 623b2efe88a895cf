/* date.c — the calendar and dates in words; see date.h. */
#include "base/date.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "base/epoch.h"

bool date_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_days_in_month(int y, int m) {
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12) return 0;
    return days[m - 1] + (m == 2 && date_leap_year(y));
}

bool date_valid(int y, int m, int d) { return d >= 1 && d <= date_days_in_month(y, m); }

/* Days since 1970-01-01, by the civil-from-days algorithm in reverse. */
long date_days(Date dt) {
    long y = dt.y - (dt.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (dt.m + 9) % 12;
    long doy = (153 * mp + 2) / 5 + dt.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The civil-from-days algorithm: eras of 400 years, years from March. */
Date date_from_days(long days) {
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    return (Date){ (int)(yoe + era * 400 + (m <= 2)), m, d, true, { 0 } };
}

Date date_add_days(Date d, long days) { return date_from_days(date_days(d) + days); }

int date_weekday(Date d) {
    long w = (date_days(d) + 4) % 7;      /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

int age_on(Date born, Date on) {
    int age = on.y - born.y;
    if (on.m < born.m || (on.m == born.m && on.d < born.d)) age--;
    return age;
}

Date date_today(void) {
    time_t t;
    if (epoch_from_env(&t) != 1) t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm)) return (Date){ 0 };
    return (Date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, true, { 0 } };
}

/* ---- In words --------------------------------------------------------- */

/* The words of one language. */
typedef struct {
    const char *lang;
    const char *months[12];
    const char *weekdays[7];     /* from Sunday */
} Words;

static const Words languages[] = {
    { "en",
      { "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December" },
      { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" } },
    { "fr",
      { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre" },
      { "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi" } },
};

static const Words *words_of(const char *lang) {
    for (size_t i = 0; lang && i < sizeof languages / sizeof *languages; i++)
        if (!strcmp(languages[i].lang, lang)) return &languages[i];
    return NULL;
}

const char *date_month_name(int m, const char *lang) {
    const Words *w = words_of(lang);
    return w && m >= 1 && m <= 12 ? w->months[m - 1] : NULL;
}

int date_format(Date d, const char *lang, bool weekday, char *buf, size_t n) {
    const Words *w = words_of(lang);
    if (n) buf[0] = '\0';
    if (!w || d.y < 1 || d.y > 9999 || !date_valid(d.y, d.m, d.d)) return -1;
    const char *month = w->months[d.m - 1], *day = w->weekdays[date_weekday(d)];
    int len;
    /* the day, the month and the year are never parted at a line's end */
#define NBSP "\u00A0"
    /* English writes the month first, weekday or not, so that a date reads
     * the same in every document: "Thursday, January 15, 2026", "January
     * 15, 2026" */
    if (!strcmp(w->lang, "en"))
        len = snprintf(buf, n, "%s%s%s" NBSP "%d," NBSP "%d", weekday ? day : "", weekday ? ", " : "", month,
                       d.d, d.y);
    else
        len = snprintf(buf, n, "%s%s%d%s" NBSP "%s" NBSP "%d", weekday ? day : "", weekday ? " " : "", d.d,
                       d.d == 1 ? "er" : "", month, d.y);
#undef NBSP
    if (len < 0 || (size_t)len >= n) {
        if (n) buf[0] = '\0';
        return -1;
    }
    return len;
}

const char *date_in_words(Arena *a, Date d, const char *lang, bool weekday) {
    char buf[128];
    if (!d.set || date_format(d, lang, weekday, buf, sizeof buf) < 0) return "";
    return arena_strdup(a, buf);
}
