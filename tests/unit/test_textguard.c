/* test_textguard.c — text made safe to lay out (runtime/base/textguard.h):
 * ordinary text comes back as it is; a long run gets a soft hyphen every
 * TEXT_MAX_UNBROKEN characters, a crowded character a carrier every
 * TEXT_MAX_MARKS marks, nothing is lost, and the offsets map back. */
#include <stdlib.h>
#include <string.h>
#include "base/textguard.h"
#include "unit.h"

/* The text without the two-byte insertions at the offsets given. */
static char *without(const char *guarded, const size_t *at, size_t nat) {
    size_t n = strlen(guarded);
    char *out = malloc(n + 1), *o = out;
    for (size_t i = 0, k = 0, orig = 0; i < n;) {
        if (k < nat && at[k] == orig && (i + 1 < n)) {
            i += 2;              /* an insertion before original byte `orig` */
            k++;
            continue;
        }
        *o++ = guarded[i++];
        orig++;
    }
    *o = '\0';
    return out;
}

TEST(ordinary_text_is_unchanged) {
    const char *texts[] = {
        "Picks up extra night shifts and re-checks her charting at home.",
        "pneumonoultramicroscopic", "https://www.example.org/a/long/path/to/a/page.html",
        "\xE6\x88\x91\xE4\xBB\xAC\xE5\x9C\xA8\xE5\xB0\x8F\xE7\xBB\x84\xE9\x87\x8C" /* CJK */,
        "e\xCC\x81\xCC\x80", "",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        size_t *at = NULL, nat = 7;
        char *g = textguard_text(texts[i], strlen(texts[i]), &at, &nat);
        CHECK_STR(g, texts[i]);
        CHECK_INT(nat, 0);
        CHECK(at == NULL);
        free(g);
    }
}

TEST(a_long_word_gets_a_soft_hyphen_every_32_letters) {
    char word[101];
    memset(word, 'a', 100);
    word[100] = '\0';
    size_t *at = NULL, nat = 0;
    char *g = textguard_text(word, 100, &at, &nat);
    CHECK_INT(nat, 3);                       /* after 32, 64 and 96 letters */
    CHECK_INT(strlen(g), 106);
    if (nat == 3) {
        CHECK_INT(at[0], 32);
        CHECK_INT(at[1], 64);
        CHECK_INT(at[2], 96);
        CHECK(!memcmp(g + 32, "\xC2\xAD", 2));
    }
    char *back = without(g, at, nat);
    CHECK_STR(back, word);
    free(back);
    free(at);
    free(g);
    /* a space, hyphen or slash starts a new run */
    const char *ok = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/aaaaaaaaaaaaaaaaaaaaaaa";
    g = textguard_text(ok, strlen(ok), NULL, NULL);
    CHECK_STR(g, ok);
    free(g);
}

TEST(a_crowded_character_has_its_extra_marks_on_a_carrier) {
    /* 'a' and 100 acute accents: carriers before the 31st, 61st and 91st */
    char text[1 + 200 + 1];
    text[0] = 'a';
    for (int i = 0; i < 100; i++) memcpy(text + 1 + 2 * i, "\xCC\x81", 2);
    text[201] = '\0';
    size_t *at = NULL, nat = 0;
    char *g = textguard_text(text, 201, &at, &nat);
    CHECK_INT(nat, 3);
    if (nat == 3) {
        CHECK_INT(at[0], 1 + 2 * 30);
        CHECK(!memcmp(g + 1 + 2 * 30, "\xC2\xA0", 2));
    }
    char *back = without(g, at, nat);
    CHECK_STR(back, text);
    free(back);
    free(at);
    free(g);
    CHECK_INT(textguard_first_excess_mark(text, 201), 1 + 2 * 30);
    CHECK_INT(textguard_first_excess_mark(text, 1 + 2 * 30), -1);
}

TEST(bytes_that_are_not_utf8_pass_through) {
    const char bad[] = "ab\xFF\xFE" "cd";
    char *g = textguard_text(bad, sizeof bad - 1, NULL, NULL);
    CHECK(g && !memcmp(g, bad, sizeof bad));
    free(g);
}
