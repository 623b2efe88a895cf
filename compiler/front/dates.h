/* dates.h — the language's rules for dates, in one home: how a date is
 * written (YYYY-MM-DD), what a date written another way was meant to say
 * (so the message can show the form to type) and the years a date may
 * fall in. A date in a formulation and a date in an imported spreadsheet
 * cell are read by the same function, date_read. The calendar itself, and
 * which day is today, are runtime/base/date.h's. */
#ifndef FORMC_DATES_H
#define FORMC_DATES_H
#include <stddef.h>
#include "front/model.h"

/* The years a date may fall in; outside them a date is an error. */
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2199

/* Reads text as a date written YYYY-MM-DD with leading zeros. True with
 * the day in *out (its loc left empty). False with a message in why (n
 * bytes) that says what is wrong and, when it can tell, the YYYY-MM-DD
 * form meant: "2027-1-5" is 2027-01-05; "12/03/2026", "12.03.2026" and
 * "12-03-2026" are 2026-03-12 or 2026-12-03 (both are named when both are
 * days); a day that does not exist and a year out of range are said so. */
bool date_read(const char *text, Date *out, char *why, size_t n);

/* A date format as an export's column writes dates: YYYY (four digits),
 * MM or DD (two), M or D (one or two), in either case, and any other
 * character as itself: "DD/MM/YYYY", "M/D/YYYY", "YYYY-MM-DD". True when
 * fmt has the year, the month and the day once each; else false with why. */
bool date_format_ok(const char *fmt, char *why, size_t n);
/* Reads the n bytes of text as a date in fmt, which may be followed by a
 * time of day (a space or a T, then digits, ':', '.', AM or PM, as REDCap,
 * Qualtrics and spreadsheets write timestamps). True with the day in *out
 * when it is a real day within the years above. */
bool date_read_as(const char *text, size_t n, const char *fmt, Date *out);

/* Whether an assessment can be dated d: not after today, and after the
 * patient's birth (born.set false: not known). formc check and formc
 * import both judge a date by it. */
typedef enum { ASSESSED_POSSIBLY, ASSESSED_AFTER_TODAY, ASSESSED_NOT_AFTER_BIRTH } AssessedOn;
AssessedOn assessment_date_check(Date d, Date born, Date today);

/* "2027-01-14": a date as the language writes it, into buf (11 bytes). */
const char *date_iso(Date d, char buf[static 11]);

#endif
