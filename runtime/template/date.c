/* date.c — dates written out in a document's language (template.h,
 * "Dates"): English and French, with or without the weekday.
 * May touch: nothing but the buffer it is given. */
#include "template/template.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

int template_weekday(int y, int m, int d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return -1;
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3) y--;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static const char *const en_days[] = {"Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const en_months[] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December"};
static const char *const fr_days[] = {"dimanche", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi"};
static const char *const fr_months[] = {"janvier", "février",
    "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre"};

/* template_format_date and template_format_day: the weekday is written
 * when weekday is true. */
static int format_date(int y, int m, int d, const char *lang, bool weekday,
                       char *buf, size_t n) {
    int wd = template_weekday(y, m, d);
    if (wd < 0 || !lang || !buf) return -1;
    int len;
    if (!strcmp(lang, "en") && weekday)
        len = snprintf(buf, n, "%s, %s %d, %d", en_days[wd], en_months[m - 1],
                       d, y);
    else if (!strcmp(lang, "en"))
        len = snprintf(buf, n, "%d %s %d", d, en_months[m - 1], y);
    else if (!strcmp(lang, "fr"))
        len = snprintf(buf, n, "%s%s%d%s %s %d", weekday ? fr_days[wd] : "",
                       weekday ? " " : "", d, d == 1 ? "er" : "",
                       fr_months[m - 1], y);
    else
        return -1;
    if (len < 0 || (size_t)len >= n) {
        if (n) buf[0] = 0;
        return -1;
    }
    return len;
}

int template_format_date(int y, int m, int d, const char *lang, char *buf,
                         size_t n) {
    return format_date(y, m, d, lang, true, buf, n);
}

int template_format_day(int y, int m, int d, const char *lang, char *buf,
                        size_t n) {
    return format_date(y, m, d, lang, false, buf, n);
}
