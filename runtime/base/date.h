/* date.h — formc's one date module: the calendar, weekdays, and dates
 * written out in each language the documents speak.
 *
 * The calendar is the proleptic Gregorian one (a leap year is divisible by
 * 4, except centuries not divisible by 400). Dates are compared, shifted
 * and subtracted as days from 1970-01-01 (date_days), never by hand. What a
 * formulation may write as a date, and the years it may fall in, are the
 * language's rules (compiler/front/dates.h); this module knows calendars,
 * not formulations. */
#ifndef FORMC_DATE_H
#define FORMC_DATE_H
#include <stdbool.h>
#include <stddef.h>
#include "base/arena.h"
#include "base/source.h"

/* A day. set is false for a date that was not given; loc is where it was
 * written (empty for a date formc worked out). */
typedef struct Date { int y, m, d; bool set; Loc loc; } Date;

/* ---- The calendar ----------------------------------------------------- */

bool date_leap_year(int y);
/* The days of month m (1-12) of year y; 0 for a month that is not one. */
int date_days_in_month(int y, int m);
/* Whether y-m-d is a day of the calendar. */
bool date_valid(int y, int m, int d);
/* Days from 1970-01-01: the number to compare, shift and subtract by. */
long date_days(Date d);
/* The date `days` days from 1970-01-01: the inverse of date_days. */
Date date_from_days(long days);
/* The day `days` days after d (before it when negative). */
Date date_add_days(Date d, long days);
/* The weekday of d: 0 Sunday, 1 Monday, ... 6 Saturday. */
int date_weekday(Date d);
/* Age in whole years on a date: a birthday counts from the day itself
 * (one born on 29 February is a year older on 1 March). */
int age_on(Date born, Date on);
/* Today, in UTC: the day of SOURCE_DATE_EPOCH when it is set (main refuses
 * a malformed value before anything runs), else of the system clock. */
Date date_today(void);

/* ---- In words --------------------------------------------------------- */

/* The name of month m (1-12) in lang ("en" or "fr"); NULL when either is
 * unknown. */
const char *date_month_name(int m, const char *lang);
/* Writes d in lang's usual long form into buf, the one form every
 * document writes a date in: without its weekday "January 14, 2027",
 * "14 janvier 2027"; with it "Thursday, January 14, 2027", "jeudi 14
 * janvier 2027" (French writes "1er" for the first of the month). The day, month and year are joined by no-break spaces (U+00A0),
 * so that a line or a table cell never breaks inside them; only a weekday
 * may end a line before them. Returns the length written, or -1 when the date does not exist
 * or lies outside the years 1 to 9999, the language is unknown or buf is
 * too small (buf then holds ""). */
int date_format(Date d, const char *lang, bool weekday, char *buf, size_t n);
/* The same, allocated in a: "" for a date not set or not written. */
const char *date_in_words(Arena *a, Date d, const char *lang, bool weekday);

#endif
