/* test_date.c — runtime/base/date.c, formc's one date module: the
 * calendar (leap years, days in a month, days from 1970 and back, adding
 * days and weeks), weekdays, ages, and dates in words in English and
 * French, with and without the weekday. */
#include <string.h>
#include "base/date.h"
#include "unit.h"

static Date D(int y, int m, int d) { return (Date){ y, m, d, true, { 0 } }; }

#define CHECK_DATE(got, y_, m_, d_) do { Date g_ = (got);                       \
    if (g_.y != (y_) || g_.m != (m_) || g_.d != (d_))                          \
        UNIT_FAIL("%s == %04d-%02d-%02d, expected %04d-%02d-%02d", #got,       \
                  g_.y, g_.m, g_.d, (y_), (m_), (d_)); } while (0)

/* ---- the calendar --------------------------------------------------------- */

TEST(leap_years_and_month_lengths) {
    CHECK(date_leap_year(2028));
    CHECK(date_leap_year(2000));                 /* divisible by 400 */
    CHECK(!date_leap_year(2100));                /* by 100 but not 400 */
    CHECK(!date_leap_year(2027));
    CHECK_INT(date_days_in_month(2028, 2), 29);
    CHECK_INT(date_days_in_month(2027, 2), 28);
    CHECK_INT(date_days_in_month(2027, 4), 30);
    CHECK_INT(date_days_in_month(2027, 12), 31);
    CHECK_INT(date_days_in_month(2027, 0), 0);
    CHECK_INT(date_days_in_month(2027, 13), 0);
}

TEST(date_valid_calendar) {
    CHECK(date_valid(2027, 1, 14));
    CHECK(date_valid(2027, 12, 31));
    CHECK(!date_valid(2027, 2, 30));
    CHECK(!date_valid(2027, 2, 29));
    CHECK(date_valid(2028, 2, 29));
    CHECK(date_valid(2000, 2, 29));
    CHECK(!date_valid(2100, 2, 29));
    CHECK(!date_valid(1900, 2, 29));
    CHECK(!date_valid(2027, 4, 31));
    CHECK(date_valid(2027, 4, 30));
    CHECK(!date_valid(2027, 13, 1));
    CHECK(!date_valid(2027, 0, 1));
    CHECK(!date_valid(2027, 1, 0));
    CHECK(!date_valid(2027, 1, 32));
}

TEST(date_days_orders_and_subtracts_dates) {
    CHECK_INT(date_days(D(1970, 1, 1)), 0);
    CHECK_INT(date_days(D(1970, 1, 2)), 1);
    CHECK_INT(date_days(D(2000, 3, 1)) - date_days(D(2000, 2, 28)), 2);
    CHECK_INT(date_days(D(2028, 1, 1)) - date_days(D(2027, 1, 1)), 365);
    CHECK_INT(date_days(D(2029, 1, 1)) - date_days(D(2028, 1, 1)), 366);
    CHECK(date_days(D(2027, 1, 8)) < date_days(D(2027, 4, 9)));
}

TEST(date_from_days_inverts_date_days) {
    CHECK_DATE(date_from_days(0), 1970, 1, 1);
    CHECK_DATE(date_from_days(-1), 1969, 12, 31);
    CHECK_DATE(date_from_days(date_days(D(2000, 2, 29))), 2000, 2, 29);
    CHECK_DATE(date_from_days(date_days(D(2100, 3, 1)) - 1), 2100, 2, 28);
    int bad = 0;
    for (long n = date_days(D(1899, 12, 25)); n < date_days(D(2101, 1, 8)); n += 1) {
        Date d = date_from_days(n);
        if (!date_valid(d.y, d.m, d.d) || date_days(d) != n) bad++;
    }
    CHECK_INT(bad, 0);
}

TEST(adding_days_and_weeks) {
    CHECK_DATE(date_add_days(D(2027, 1, 14), 7), 2027, 1, 21);
    CHECK_DATE(date_add_days(D(2026, 12, 24), 7), 2026, 12, 31);
    CHECK_DATE(date_add_days(D(2026, 12, 31), 7), 2027, 1, 7);
    CHECK_DATE(date_add_days(D(2028, 2, 24), 7), 2028, 3, 2);    /* over a leap day */
    CHECK_DATE(date_add_days(D(2027, 2, 25), 7), 2027, 3, 4);
    CHECK_DATE(date_add_days(D(2027, 1, 14), -52 * 7), 2026, 1, 15);
    CHECK(date_add_days(D(2027, 1, 14), 0).set);
}

TEST(weekdays) {
    CHECK_INT(date_weekday(D(1970, 1, 1)), 4);   /* a Thursday */
    CHECK_INT(date_weekday(D(2027, 1, 14)), 4);
    CHECK_INT(date_weekday(D(2026, 8, 16)), 0);
    CHECK_INT(date_weekday(D(1969, 12, 28)), 0); /* before 1970 too */
    CHECK_INT(date_weekday(D(2000, 2, 29)), 2);
    /* a week later, the same weekday, for every day of four centuries */
    int bad = 0;
    for (long n = date_days(D(1900, 1, 1)); n < date_days(D(2300, 1, 1)); n++)
        if (date_weekday(date_from_days(n)) != date_weekday(date_from_days(n + 7)) ||
            (date_weekday(date_from_days(n)) + 1) % 7 != date_weekday(date_from_days(n + 1)))
            bad++;
    CHECK_INT(bad, 0);
}

TEST(age_on_birthdays) {
    CHECK_INT(age_on(D(1991, 5, 14), D(2027, 5, 13)), 35);
    CHECK_INT(age_on(D(1991, 5, 14), D(2027, 5, 14)), 36);
    CHECK_INT(age_on(D(1991, 5, 14), D(2027, 1, 14)), 35);
    CHECK_INT(age_on(D(2010, 6, 1), D(2027, 1, 14)), 16);
    CHECK_INT(age_on(D(2009, 1, 14), D(2027, 1, 14)), 18);    /* 18th birthday on the day */
    CHECK_INT(age_on(D(2009, 1, 15), D(2027, 1, 14)), 17);
    /* born on 29 February: a year older on 1 March in common years */
    CHECK_INT(age_on(D(2008, 2, 29), D(2026, 2, 28)), 17);
    CHECK_INT(age_on(D(2008, 2, 29), D(2026, 3, 1)), 18);
}

/* ---- in words ------------------------------------------------------------- */

/* d in lang, with or without its weekday. */
static const char *words(Date d, const char *lang, bool weekday) {
    static char buf[64];
    date_format(d, lang, weekday, buf, sizeof buf);
    return buf;
}

TEST(dates_in_english_and_french) {
    char buf[64];
    CHECK_INT(date_format(D(2027, 1, 14), "en", true, buf, sizeof buf), 28);
    CHECK_STR(buf, "Thursday, January\u00A014,\u00A02027");
    CHECK_STR(words(D(2027, 1, 14), "en", false), "January\u00A014,\u00A02027");
    CHECK_STR(words(D(2027, 1, 14), "fr", true), "jeudi 14\u00A0janvier\u00A02027");
    CHECK_STR(words(D(2027, 1, 14), "fr", false), "14\u00A0janvier\u00A02027");
    CHECK_STR(words(D(2024, 3, 1), "fr", true), "vendredi 1er\u00A0mars\u00A02024");
    CHECK_STR(words(D(2024, 3, 1), "fr", false), "1er\u00A0mars\u00A02024");
    CHECK_STR(words(D(2024, 3, 1), "en", false), "March\u00A01,\u00A02024");
    CHECK_STR(words(D(2000, 2, 29), "en", true), "Tuesday, February\u00A029,\u00A02000");
    CHECK_STR(words(D(1970, 1, 1), "en", true), "Thursday, January\u00A01,\u00A01970");
    CHECK_STR(words(D(2026, 8, 16), "fr", true), "dimanche 16\u00A0août\u00A02026");
    CHECK_STR(words(D(2025, 12, 31), "fr", true), "mercredi 31\u00A0décembre\u00A02025");
    CHECK_STR(date_month_name(2, "fr"), "février");
    CHECK_STR(date_month_name(12, "en"), "December");
    CHECK(date_month_name(13, "en") == NULL);
    CHECK(date_month_name(1, "de") == NULL);
}

TEST(dates_that_cannot_be_written) {
    char buf[64] = "x";
    CHECK_INT(date_format(D(2027, 2, 29), "en", true, buf, sizeof buf), -1);
    CHECK_STR(buf, "");
    CHECK_INT(date_format(D(1900, 2, 29), "en", true, buf, sizeof buf), -1);
    CHECK_INT(date_format(D(2027, 13, 1), "en", false, buf, sizeof buf), -1);
    CHECK_INT(date_format(D(2027, 1, 14), "de", true, buf, sizeof buf), -1);
    CHECK_INT(date_format(D(2027, 1, 14), NULL, true, buf, sizeof buf), -1);
    CHECK_INT(date_format(D(2027, 1, 14), "en", true, buf, 10), -1);
    CHECK_STR(buf, "");
    CHECK_INT(date_format(D(0, 1, 1), "en", false, buf, sizeof buf), -1);
    Arena a = { 0 };
    CHECK_STR(date_in_words(&a, (Date){ 0 }, "en", false), "");
    CHECK_STR(date_in_words(&a, D(2027, 1, 14), "fr", false), "14\u00A0janvier\u00A02027");
    arena_free(&a);
}
