/* language.c — a document's language; see language.h. */
#include "documents/language.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "base/date.h"
#include "base/numtext.h"
#include "base/utf8.h"
#include "front/textlang.h"
#include "layout/typo.h"

const char *language_of_member(const Model *m, const Model *g) { return model_language(m, g); }

const char *language_of_group(const Model *g) { return model_language(g, NULL); }

const char *language_number(Arena *a, double v, int decimals, const char *lang) {
    char s[80];
    numtext_format(s, sizeof s, v, decimals, lang && !strcmp(lang, "fr"));
    return arena_strdup(a, s);
}

const char *language_typography(Arena *a, const char *s, const char *lang) {
    if (!s) return NULL;
    char *t = typo_text(lang, s, 0, NULL, NULL);
    const char *copy = arena_strdup(a, t);
    free(t);
    return copy;
}

const char *language_word(Word w, const char *lang) {
    static const char *const words[2][WORD_COUNT] = {
        { "(to be completed)", "DRAFT", "[date removed]", "[file name removed]", "[clinic name removed]",
          "[address removed]", "[telephone removed]", "[place removed]", "[ID removed]", "[name removed]",
          "(continued)" },
        { "(à compléter)", "BROUILLON", "[date retirée]", "[nom de fichier retiré]", "[nom de la clinique retiré]",
          "[adresse retirée]", "[téléphone retiré]", "[lieu retiré]", "[numéro de dossier retiré]", "[nom retiré]",
          "(suite)" },
    };
    return words[lang && !strcmp(lang, "fr")][w];
}

TValue *language_text(const Text *t, const char *lang) {
    const char *own = text_lang(t);
    if (t->s) return tv_text_in(t->s, t->loc, own && lang && strcmp(own, lang) ? own : NULL);
    return t->placeholder ? tv_text(language_word(WORD_TO_BE_COMPLETED, lang), LOC_NONE) : NULL;
}

/* The language a text written in own (NULL: lang) is marked with in a
 * document in lang: NULL for lang's. */
static const char *marked(const char *own, const char *lang) {
    return own && lang && strcmp(own, lang) ? own : NULL;
}

/* The stretches of s, written in own (NULL: lang), in the other language
 * (malloc'ed, their number in *n), and the code of that language. */
static TextStretch *stretches(const char *s, const char *own, const char *lang, int *n, const char **other) {
    const char *written = own ? own : lang;
    *n = 0;
    if (!written || (strcmp(written, "en") && strcmp(written, "fr"))) return NULL;
    bool french = !strcmp(written, "fr");
    *other = french ? "en" : "fr";
    return textlang_other(s, strlen(s), french, n);
}

TValue *language_prose_in(const char *s, Loc origin, const char *own, const char *lang) {
    TValue *v = tv_text_in(s, origin, marked(own, lang));
    int n;
    const char *other;
    TextStretch *st = stretches(s, own, lang, &n, &other);
    for (int i = 0; i < n; i++) tv_text_part(v, st[i].start, st[i].end, marked(other, lang));
    free(st);
    return v;
}

TValue *language_prose(const Text *t, const char *lang) {
    return t->s ? language_prose_in(t->s, t->loc, text_lang(t), lang) : language_text(t, lang);
}

/* Appends s[0, n) to out with lang's typographic quotes and spaces, its
 * first quote opening or closing after what out ends with. */
static void append_typography(GString *out, const char *s, size_t n, const char *lang) {
    uint32_t prev = 0;
    if (out->len) utf8_decode(out->str + utf8_back(out->str, 0, out->len), out->len, &prev);
    char *piece = g_strndup(s, n), *t = typo_text(lang, piece, prev, NULL, NULL);
    g_string_append(out, t);
    free(t);
    g_free(piece);
}

/* Appends s[0, n), in language written, to out as append_typography
 * does, and a span for it to *spans when it is marked in a document in
 * lang. */
static void append_piece(Arena *a, GString *out, const char *s, size_t n, const char *written, const char *lang,
                         FigSpan **spans, int *nspans, int *cap) {
    size_t start = out->len;
    append_typography(out, s, n, written);
    const char *mark = marked(written, lang);
    if (mark && out->len > start)
        *(FigSpan *)arena_push(a, spans, nspans, cap, sizeof **spans) = (FigSpan){ start, out->len, mark };
}

const char *language_prose_typography(Arena *a, const char *s, const char *own, const char *lang,
                                      const FigSpan **spans, int *nspans) {
    FigSpan *found = NULL;
    int nfound = 0, cap = 0;
    *spans = NULL;
    *nspans = 0;
    if (!s) return NULL;
    int n;
    const char *other;
    TextStretch *st = stretches(s, own, lang, &n, &other);
    GString *out = g_string_new("");
    uint32_t at = 0, len = (uint32_t)strlen(s);
    for (int i = 0; i <= n; i++) {
        uint32_t start = i < n ? st[i].start : len;
        append_piece(a, out, s + at, start - at, own ? own : lang, lang, &found, &nfound, &cap);
        if (i == n) break;
        append_piece(a, out, s + st[i].start, st[i].end - st[i].start, other, lang, &found, &nfound, &cap);
        at = st[i].end;
    }
    free(st);
    const char *copy = arena_strdup(a, out->str);
    g_string_free(out, TRUE);
    *spans = found;
    *nspans = nfound;
    return copy;
}

int language_prose_runs(Arena *a, Run cell, const char *own, const char *lang, Run **runs) {
    int n;
    const char *other;
    TextStretch *st = cell.text ? stretches(cell.text, own, lang, &n, &other) : NULL;
    if (!st) return 0;
    Run *r = arena_alloc(a, sizeof *r * (size_t)(2 * n + 1));
    int k = 0;
    uint32_t at = 0, len = (uint32_t)strlen(cell.text);
    for (int i = 0; i <= n; i++) {
        uint32_t start = i < n ? st[i].start : len;
        if (start > at) {           /* the text's own language up to the stretch */
            r[k] = cell;
            r[k].text = arena_strndup(a, cell.text + at, start - at);
            r[k++].lang = marked(own, lang);
        }
        if (i == n) break;
        r[k] = cell;
        r[k].text = arena_strndup(a, cell.text + st[i].start, st[i].end - st[i].start);
        r[k++].lang = marked(other, lang);
        at = st[i].end;
    }
    free(st);
    *runs = r;
    return k;
}

const char *language_group_starts(Arena *a, const Model *group, const char *lang, bool weekday) {
    if (!group) return NULL;
    if (model_placeholder_at(group, offsetof(Model, g.starts))) return language_word(WORD_TO_BE_COMPLETED, lang);
    const char *s = group->g.starts.set ? date_in_words(a, group->g.starts, lang, weekday) : "";
    return *s ? s : NULL;
}

const char *language_group_weeks(Arena *a, const Model *group, const char *lang) {
    if (!group) return NULL;
    if (model_placeholder_at(group, offsetof(Model, g.weeks))) return language_word(WORD_TO_BE_COMPLETED, lang);
    return group->g.weeks > 0 ? arena_printf(a, "%d", group->g.weeks) : NULL;
}

const char *language_week_span(Arena *a, int first, int last, const char *lang) {
    bool fr = lang && !strcmp(lang, "fr");
    if (first == last) return arena_printf(a, fr ? "semaine %d" : "week %d", first);
    if (fr) return arena_printf(a, last == first + 1 ? "semaines %d et %d" : "semaines %d \u00e0 %d", first, last);
    return arena_printf(a, "weeks %d\u2013%d", first, last);
}

/* A capital letter of ASCII or Latin-1 (À to Þ, not ×), and its small form. */
static bool latin_capital(uint32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7); }

const char *language_in_sentence(Arena *a, const char *name, const char *lang) {
    if (!name || !lang || strcmp(lang, "fr")) return name;
    size_t len = strlen(name);
    uint32_t first, next = 0;
    if (!len) return name;
    int n = utf8_decode(name, len, &first);
    if ((size_t)n < len) utf8_decode(name + n, len - (size_t)n, &next);
    if (!latin_capital(first) || latin_capital(next)) return name;
    char *s = arena_strdup(a, name);
    if (n == 1) s[0] = (char)(s[0] + 0x20);
    else s[1] = (char)(s[1] + 0x20);  /* U+00C0..U+00DE: C3 80..C3 9E, small at +0x20 */
    return s;
}
