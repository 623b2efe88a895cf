/* date_formats.c — dates as an export writes them (formc import): a date
 * format such as "DD/MM/YYYY", checked when an import map names it, and
 * dates read in it; see dates.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "front/dates.h"
#include "base/messages.h"

/* fmt in capitals (the format's letters may be written in either case);
 * false when it is too long to be a date format. */
static bool capitals(const char *fmt, char *out, size_t n) {
    size_t len = strlen(fmt);
    if (len >= n) return false;
    for (size_t i = 0; i <= len; i++) out[i] = (char)toupper((unsigned char)fmt[i]);
    return true;
}

/* The field a format starts with at p: 'Y' (YYYY), 'M' or 'D' with its
 * width in *w (1: one or two digits, 2: exactly two), or 0 for a literal. */
static char field_at(const char *p, int *w) {
    if (!strncmp(p, "YYYY", 4)) { *w = 4; return 'Y'; }
    if (!strncmp(p, "MM", 2)) { *w = 2; return 'M'; }
    if (!strncmp(p, "DD", 2)) { *w = 2; return 'D'; }
    if (*p == 'M' || *p == 'D') { *w = 1; return *p; }
    *w = 1;
    return 0;
}

bool date_format_ok(const char *fmt_as_written, char *err, size_t errlen) {
    int y = 0, m = 0, d = 0;
    char fmt[64];
    if (!capitals(fmt_as_written, fmt, sizeof fmt)) {
        snprintf(err, errlen, diag_tr("a date format this long cannot be right; write it as \"DD/MM/YYYY\""));
        return false;
    }
    for (const char *p = fmt; *p;) {
        int w;
        char f = field_at(p, &w);
        if (f == 'Y') y++;
        else if (f == 'M') m++;
        else if (f == 'D') d++;
        else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')) {
            snprintf(err, errlen, diag_tr("'%c' has no meaning in a date format; write the date with "
                     "YYYY, MM or M, DD or D and separators, such as \"DD/MM/YYYY\""), *p);
            return false;
        }
        p += f ? (f == 'Y' ? 4 : w) : 1;
    }
    if (y != 1 || m != 1 || d != 1) {
        snprintf(err, errlen, diag_tr("a date format has the year (YYYY), the month (MM or M) and the day "
                 "(DD or D) once each, such as \"DD/MM/YYYY\""));
        return false;
    }
    return true;
}

/* Reads 1 to max digits at text[*i] (exactly max when exact); -1 if none. */
static int digits(const char *text, size_t n, size_t *i, int max, bool exact) {
    int v = 0, k = 0;
    while (*i < n && k < max && text[*i] >= '0' && text[*i] <= '9') v = v * 10 + (text[(*i)++] - '0'), k++;
    return k == 0 || (exact && k != max) ? -1 : v;
}

/* Whether the rest of text is a time of day: a space or T, then digits,
 * ':' '.', spaces, and AM/PM (or nothing at all). */
static bool time_of_day(const char *text, size_t n, size_t i) {
    if (i == n) return true;
    if (text[i] != ' ' && text[i] != 'T') return false;
    bool digit = false;
    for (i++; i < n; i++) {
        char c = text[i];
        if (c >= '0' && c <= '9') digit = true;
        else if (c == ':' || c == '.' || c == ' ') continue;
        else if ((c == 'A' || c == 'P' || c == 'a' || c == 'p') && i + 1 < n &&
                 (text[i + 1] == 'M' || text[i + 1] == 'm'))
            i++;
        else return false;
    }
    return digit;
}

bool date_read_as(const char *text, size_t n, const char *fmt_as_written, Date *out) {
    size_t i = 0;
    char fmt[64];
    int ymd[3] = { -1, -1, -1 };
    int *y = &ymd[0], *m = &ymd[1], *d = &ymd[2];
    if (!capitals(fmt_as_written, fmt, sizeof fmt)) return false;
    for (const char *p = fmt; *p;) {
        int w;
        char f = field_at(p, &w);
        if (!f) {
            if (i >= n || text[i] != *p) return false;
            i++;
            p++;
            continue;
        }
        int v = f == 'Y' ? digits(text, n, &i, 4, true) : digits(text, n, &i, 2, w == 2);
        if (v < 0) return false;
        *(f == 'Y' ? y : f == 'M' ? m : d) = v;
        p += f == 'Y' ? 4 : w;
    }
    if (!time_of_day(text, n, i) || *y < DATE_MIN_YEAR || *y > DATE_MAX_YEAR || !date_valid(*y, *m, *d))
        return false;
    *out = (Date){ *y, *m, *d, true, { 0 } };
    return true;
}
