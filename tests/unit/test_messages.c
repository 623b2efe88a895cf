/* test_messages.c — runtime/base/messages.c, the French of formc's
 * messages: the language chosen from the environment as gettext reads it
 * (FORMC_LANG first), each French format with the conversions of its
 * English in the same order (a mismatch would print garbage or crash),
 * French typography (a no-break space before : ; ? ! and inside « »),
 * and one French per English. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/messages.h"
#include "unit.h"

/* The printf conversions of fmt, each as written ("%d", "%.*s", "%04o"),
 * one after another separated by spaces, into out; "%%" is no conversion. */
static void conversions(const char *fmt, char *out, size_t cap) {
    size_t n = 0;
    out[0] = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        if (p[1] == '%') { p++; continue; }
        const char *start = p++;
        while (*p && strchr("-+ #0'", *p)) p++;                      /* flags */
        while (*p && (strchr("0123456789*", *p))) p++;               /* width */
        if (*p == '.') for (p++; *p && strchr("0123456789*", *p); p++) ; /* precision */
        while (*p && strchr("hlLqjzt", *p)) p++;                      /* length */
        if (!*p) break;
        n += (size_t)snprintf(out + n, cap - n, "%.*s ", (int)(p - start + 1), start);
        if (n >= cap) return;
    }
}

TEST(every_french_format_has_the_conversions_of_its_english) {
    size_t n;
    const Message *m = messages_fr(&n);
    CHECK(n > 100);
    for (size_t i = 0; i < n; i++) {
        char en[512], fr[512];
        conversions(m[i].en, en, sizeof en);
        conversions(m[i].fr, fr, sizeof fr);
        if (strcmp(en, fr)) UNIT_FAIL("\"%s\": English [%s], French [%s]", m[i].en, en, fr);
    }
}

/* The sequence of two bytes of U+00A0, the no-break space. */
#define NBSP "\xC2\xA0"

TEST(french_messages_keep_french_typography) {
    size_t n;
    const Message *m = messages_fr(&n);
    for (size_t i = 0; i < n; i++) {
        const char *s = m[i].fr;
        for (const char *p = s; *p; p++) {
            if (p > s && strchr(":;?!", *p) && p[-1] == ' ')
                UNIT_FAIL("a plain space before '%c' (a no-break space goes there): \"%s\"", *p, s);
            if (!strncmp(p, "\xC2\xAB", 2) && strncmp(p + 2, NBSP, 2))
                UNIT_FAIL("no no-break space after \xC2\xAB: \"%s\"", s);
            if (!strncmp(p, "\xC2\xBB", 2) && (p - s < 2 || strncmp(p - 2, NBSP, 2)))
                UNIT_FAIL("no no-break space before \xC2\xBB: \"%s\"", s);
        }
    }
}

TEST(each_english_message_has_one_french) {
    size_t n;
    const Message *m = messages_fr(&n);
    for (size_t i = 0; i < n; i++) {
        if (!m[i].fr[0] && m[i].en[0]) UNIT_FAIL("\"%s\" has an empty French", m[i].en);
        for (size_t j = i + 1; j < n; j++)
            if (!strcmp(m[i].en, m[j].en)) UNIT_FAIL("\"%s\" is in the catalog twice", m[i].en);
    }
}

/* Sets the five variables diag_french reads ("" unsets one). */
static void locale(const char *formc, const char *language, const char *all, const char *messages,
                   const char *lang) {
    const char *names[] = { "FORMC_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
    const char *values[] = { formc, language, all, messages, lang };
    for (int i = 0; i < 5; i++) {
        if (*values[i]) setenv(names[i], values[i], 1);
        else unsetenv(names[i]);
    }
}

TEST(the_language_follows_the_locale_as_gettext_reads_it) {
    locale("", "", "", "", "");
    CHECK(!diag_french());                               /* unset: English */
    CHECK_STR(diag_tr("error:"), "error:");
    locale("", "", "", "", "fr_CA.UTF-8");
    CHECK(diag_french());
    CHECK_STR(diag_tr("error:"), "erreur" NBSP ":");
    CHECK_STR(diag_tr("not in the catalog"), "not in the catalog");
    locale("", "", "", "", "fr_FR");
    CHECK(diag_french());
    locale("", "", "", "", "fr");
    CHECK(diag_french());
    locale("", "", "", "", "C");
    CHECK(!diag_french());
    locale("", "", "", "", "de_DE.UTF-8");
    CHECK(!diag_french());
    locale("", "", "", "", "french");                    /* not a locale name */
    CHECK(!diag_french());
    locale("", "", "", "fr_BE.UTF-8", "en_US.UTF-8");    /* LC_MESSAGES before LANG */
    CHECK(diag_french());
    locale("", "", "C", "fr_BE.UTF-8", "fr_CH");         /* LC_ALL before both */
    CHECK(!diag_french());
    locale("", "fr:en", "en_US.UTF-8", "", "");          /* LANGUAGE first, its first entry */
    CHECK(diag_french());
    locale("", "en:fr", "fr_CA.UTF-8", "", "");
    CHECK(!diag_french());
    locale("en", "fr", "fr_CA.UTF-8", "", "fr");          /* FORMC_LANG before all */
    CHECK(!diag_french());
    locale("fr", "", "C", "", "C");
    CHECK(diag_french());
    locale("", "", "", "", "");
}
