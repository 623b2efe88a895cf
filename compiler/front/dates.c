/* dates.c — the language's rules for dates; see dates.h. */
#include "front/dates.h"
#include "base/messages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits text into three runs of digits separated by one of "-/.", the
 * same separator twice; false for anything else. */
static bool three_parts(const char *text, long part[3], int digits[3], char *sep) {
    const char *p = text;
    *sep = 0;
    for (int k = 0; k < 3; k++) {
        const char *start = p;
        while (*p >= '0' && *p <= '9') p++;
        digits[k] = (int)(p - start);
        if (digits[k] == 0 || digits[k] > 4) return false;
        part[k] = strtol(start, NULL, 10);
        if (k == 2) break;
        if (*p != '-' && *p != '/' && *p != '.') return false;
        if (*sep && *p != *sep) return false;
        *sep = *p++;
    }
    return *p == '\0';
}

/* Whether y-m-d is a day that exists, within the years a date may take. */
static bool real_day(long y, long m, long d) {
    return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && date_valid((int)y, (int)m, (int)d);
}

bool date_read(const char *text, Date *out, char *why, size_t n) {
    long part[3];
    int digits[3];
    char sep;
    if (!three_parts(text, part, digits, &sep)) {
        snprintf(why, n, diag_tr("'%s' is not a date: write dates as YYYY-MM-DD, e.g. 2027-01-08"), text);
        return false;
    }
    if (sep == '-' && digits[0] == 4) {                  /* year first */
        long y = part[0], m = part[1], d = part[2];
        if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) {
            snprintf(why, n, diag_tr("implausible year %ld"), y);
            return false;
        }
        if (!date_valid((int)y, (int)m, (int)d)) {
            snprintf(why, n, diag_tr("impossible date %s"), text);
            return false;
        }
        Date day = { (int)y, (int)m, (int)d, true, { 0 } };
        if (digits[1] != 2 || digits[2] != 2) {
            char iso[11];
            snprintf(why, n, diag_tr("write dates as YYYY-MM-DD with leading zeros: %s"), date_iso(day, iso));
            return false;
        }
        *out = day;
        return true;
    }
    if (digits[2] != 4 && digits[2] != 2) {
        snprintf(why, n, diag_tr("'%s' is not a date: write dates as YYYY-MM-DD, e.g. 2027-01-08"), text);
        return false;
    }
    /* day and month first, in either order: say each reading that is a day
     * (a year of two digits is taken to be this century's), in ISO, with
     * its month named before its day as the documents write it */
    long y = part[2] + (digits[2] == 2 ? 2000 : 0), a = part[0], b = part[1];
    const char *lead = diag_tr(digits[2] == 2 ? "write dates as YYYY-MM-DD, with the year in full"
                                              : "write dates as YYYY-MM-DD");
    bool dm = real_day(y, b, a), md = a != b && real_day(y, a, b);
    Date day_first = { (int)y, (int)b, (int)a, true, { 0 } }, month_first = { (int)y, (int)a, (int)b, true, { 0 } };
    char iso[11], iso2[11];
    if (dm && md)
        snprintf(why, n, diag_tr("%s: %s is either %s (%s %ld) or %s (%s %ld)"), lead, text, date_iso(day_first, iso),
                 date_month_name((int)b, diag_french() ? "fr" : "en"), a, date_iso(month_first, iso2), date_month_name((int)a, diag_french() ? "fr" : "en"), b);
    else if (dm || md)
        snprintf(why, n, diag_tr("%s: %s"), lead, date_iso(dm ? day_first : month_first, iso));
    else
        snprintf(why, n, diag_tr("impossible date %s; %s"), text, lead);
    return false;
}

const char *date_iso(Date d, char buf[static 11]) {
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u, (unsigned)d.d % 100u);
    return buf;
}

AssessedOn assessment_date_check(Date d, Date born, Date today) {
    if (date_days(d) > date_days(today)) return ASSESSED_AFTER_TODAY;
    if (born.set && date_days(d) <= date_days(born)) return ASSESSED_NOT_AFTER_BIRTH;
    return ASSESSED_POSSIBLY;
}
