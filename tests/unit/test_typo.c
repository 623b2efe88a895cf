/* test_typo.c — typographic quotes and spaces by language, never inside an
 * identifier or a code; offsets map back to the original text. */
#include "layout/typo.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

/* typo_text without edits, freed by the next call. */
static const char *ty(const char *lang, const char *text) {
    static char *last;
    free(last);
    last = typo_text(lang, text, 0, NULL, NULL);
    return last;
}

TEST(english_quotes_and_apostrophes) {
    CHECK_STR(ty("en", "She said \"good enough\" twice."), "She said \u201Cgood enough\u201D twice.");
    CHECK_STR(ty("en", "\"Quoted\" at the start"), "\u201CQuoted\u201D at the start");
    CHECK_STR(ty("en", "don't, O'Brien's, the '90s"), "don\u2019t, O\u2019Brien\u2019s, the \u201990s");
    CHECK_STR(ty("en", "a 'word' here"), "a \u2018word\u2019 here");
    CHECK_STR(ty("en", "(\"mine is nothing next to that\")"), "(\u201Cmine is nothing next to that\u201D)");
    CHECK_STR(ty("en", "no quotes at all"), "no quotes at all");
}

TEST(french_quotes_and_spaces) {
    CHECK_STR(ty("fr", "Elle dit \"assez bien\" souvent."), "Elle dit \u00AB\u202Fassez bien\u202F\u00BB souvent.");
    CHECK_STR(ty("fr", "l'âge, aujourd'hui"), "l\u2019âge, aujourd\u2019hui");
    CHECK_STR(ty("fr", "Pourquoi ? Attention ! Note ; Lieu : ici"),
              "Pourquoi\u202F? Attention\u202F! Note\u202F; Lieu\u00A0: ici");
    CHECK_STR(ty("fr", "« déjà »"), "\u00AB\u202Fdéjà\u202F\u00BB");
    CHECK_STR(ty("fr", "«serré»"), "\u00AB\u202Fserré\u202F\u00BB");
    CHECK_STR(ty("fr", "\" avec espaces \" fin"), "\u00AB\u202Favec espaces\u202F\u00BB fin");
    /* a space already right is left alone; times and URLs have none */
    CHECK_STR(ty("fr", "\u00AB\u202Fbien\u202F\u00BB à 17:30"), "\u00AB\u202Fbien\u202F\u00BB à 17:30");
}

TEST(french_percent_keeps_its_number) {
    /* a number and its % are never parted: a narrow no-break space, as
     * the documents' own percentages have */
    CHECK_STR(ty("fr", "90 % ; 0 %, (36 %) et 50\u00A0%."), "90\u202F%\u202F; 0\u202F%, (36\u202F%) et 50\u202F%.");
    CHECK_STR(ty("fr", "97 %"), "97\u202F%");
    /* not a percentage: a format, a word, English */
    CHECK_STR(ty("fr", "page %d sur %d"), "page %d sur %d");
    CHECK_STR(ty("fr", "taux %"), "taux %");
    CHECK_STR(ty("en", "90 %"), "90 %");
}

TEST(codes_keep_their_quotes) {
    CHECK_STR(ty("en", "ID P-02'1 and X\"7"), "ID P-02'1 and X\"7");
    CHECK_STR(ty("en", "the scale hfmps.self_'oriented"), "the scale hfmps.self_'oriented");
    CHECK_STR(ty("en", "see \"P-0201\" there"), "see \u201CP-0201\u201D there");
    CHECK_STR(ty("en", "https://x.org/a'b"), "https://x.org/a'b");
    CHECK_STR(ty("fr", "code \"thu-w27\" ici"), "code \u00AB\u202Fthu-w27\u202F\u00BB ici");
}

TEST(context_from_before) {
    char *s = typo_text("en", "\" after a word", 'd', NULL, NULL);
    CHECK_STR(s, "\u201D after a word");
    free(s);
    s = typo_text("en", "\"opens", ' ', NULL, NULL);
    CHECK_STR(s, "\u201Copens");
    free(s);
}

TEST(offsets_map_back) {
    TypoEdit *e = NULL;
    size_t n = 0;
    const char *orig = "a \"b\" c'd";
    char *s = typo_text("fr", orig, 0, &e, &n);
    CHECK(s != NULL);
    CHECK_INT((int)n, 3);
    /* every character of the copy maps to the one it came from */
    const char *b = strstr(s, "b"), *c = strstr(s, "c"), *d = strstr(s, "d");
    CHECK_INT((int)typo_original_offset(e, n, (size_t)(b - s)), 3);
    CHECK_INT((int)typo_original_offset(e, n, (size_t)(c - s)), 6);
    CHECK_INT((int)typo_original_offset(e, n, (size_t)(d - s)), 8);
    CHECK_INT((int)typo_original_offset(e, n, 2), 2);   /* inside « : the quote */
    CHECK_INT((int)typo_original_offset(e, n, 0), 0);
    free(s);
    free(e);
}
