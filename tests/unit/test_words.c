/* test_words.c — a word of a list found whole in a clinician's text
 * (front/words.h), as the checks of a letter's weeks, weekdays and dates
 * read it: in any case, not inside a longer word, a plural 's' when
 * asked, and a letter told from punctuation in UTF-8 too. */
#include "front/words.h"
#include "unit.h"

#include <string.h>

static const char *const days[] = { "thursday", "jeudi" };
static const char *const weeks[] = { "weeks", "week", "semaines", "semaine" };
static const char *const joins[] = { "-", "to", "\xC3\xA0" };

/* The index of the word of list text holds whole at offset at, "len"
 * appended, as "1/5"; "-" for none. */
static const char *found(const char *text, size_t at, const char *const *list, size_t n, bool plural) {
    static char out[32];
    size_t len = 0;
    int i = word_at(text, text + at, text + strlen(text), list, n, plural, &len);
    if (i < 0) return "-";
    snprintf(out, sizeof out, "%d/%zu", i, len);
    return out;
}

TEST(a_word_is_found_whole_in_any_case) {
    CHECK_STR(found("See you THURSDAY.", 8, days, 2, false), "0/8");
    CHECK_STR(found("le Jeudi soir", 3, days, 2, false), "1/5");
    CHECK_STR(found("Thursdayish", 0, days, 2, false), "-");        /* a longer word */
    CHECK_STR(found("nonthursday", 3, days, 2, false), "-");        /* inside one */
    CHECK_STR(found("Thursday", 2, days, 2, false), "-");
}

TEST(a_plural_s_when_asked) {
    CHECK_STR(found("Thursdays, 5:30", 0, days, 2, true), "0/9");
    CHECK_STR(found("Thursdays, 5:30", 0, days, 2, false), "-");
    CHECK_STR(found("les jeudis", 4, days, 2, true), "1/6");
    CHECK_STR(found("Thursdaysy", 0, days, 2, true), "-");
}

TEST(the_first_of_the_list_that_matches_is_taken) {
    CHECK_STR(found("weeks 3 to 4", 0, weeks, 4, false), "0/5");
    CHECK_STR(found("week 3", 0, weeks, 4, false), "1/4");
    CHECK_STR(found("la semaine 3", 3, weeks, 4, false), "3/7");
}

TEST(a_word_of_punctuation_needs_no_edge) {
    CHECK_STR(found("10-14", 2, joins, 3, false), "0/1");
    CHECK_STR(found("10 to14", 3, joins, 3, false), "1/2");         /* a digit is no letter */
    CHECK_STR(found("10 \xC3\xA0 14", 3, joins, 3, false), "2/2");
    CHECK_STR(found("10 \xC3\xA0\xC3\xA9", 3, joins, 3, false), "-"); /* à before é: a longer word */
}

TEST(letters_beyond_ascii_are_letters_and_punctuation_is_not) {
    CHECK_STR(found("\xC3\xA9jeudi", 2, days, 2, false), "-");      /* éjeudi */
    CHECK_STR(found("Thursday\xE2\x80\x99s group", 0, days, 2, false), "0/8"); /* Thursday’s */
    CHECK_STR(found("\xE2\x80\x9CThursday\xE2\x80\x9D", 3, days, 2, false), "0/8"); /* “Thursday” */
    CHECK_STR(found("Thursday\xC2\xA0", 0, days, 2, false), "0/8");  /* a no-break space */
    CHECK(word_letter_at("\xC3\xA9", "\xC3\xA9" + 2));
    CHECK(!word_letter_at("\xE2\x80\x99", "\xE2\x80\x99" + 3));
    const char *t = "a\xC3\xA9" "b";
    CHECK(word_letter_before(t, t + 3));
    CHECK(!word_letter_before(t, t));
}

TEST(spaces_and_line_ends_are_skipped_within_the_text) {
    const char *t = " \t\r\n x";
    CHECK(skip_space(t, t + strlen(t)) == t + 5);
    CHECK(skip_space(t, t + 2) == t + 2);
    const char *nb = "16\xC2\xA0" "avril 1\xE2\x80\xAF" "mai";      /* no-break spaces */
    CHECK(skip_space(nb + 2, nb + strlen(nb)) == nb + 4);
    CHECK(skip_space(nb + 11, nb + strlen(nb)) == nb + 14);
}

TEST(a_sentence_about_the_sessions) {
    const char *t = "On May 1 you may call me. On April 16, our last session, we part. Nous nous r\xC3\xA9unirons le 3.";
    const char *end = t + strlen(t), *may = strstr(t, "May 1"), *april = strstr(t, "April"), *le = strstr(t, "le 3");
    CHECK(!about_sessions(t, end, may, may + 5));
    CHECK(about_sessions(t, end, april, april + 8));
    CHECK(!about_sessions(t, end, le, le + 4));      /* r\xC3\xA9unirons is no r\xC3\xA9union */
    const char *g = "See you at the Meetings";
    CHECK(about_sessions(g, g + strlen(g), g, g));
}

TEST(a_sentence_holds_a_word) {
    static const char *const followup[] = { "follow-up", "suivi" };
    const char *t = "for a follow-up. deux suivis, poursuivi";
    CHECK(holds_word(t, t + 16, followup, 2, false));
    CHECK(!holds_word(t, t + 5, followup, 2, false));
    CHECK(holds_word(t + 16, t + 28, followup, 2, true));
    CHECK(!holds_word(t + 16, t + 28, followup, 2, false));
    CHECK(!holds_word(t + 29, t + strlen(t), followup, 2, true));
}

