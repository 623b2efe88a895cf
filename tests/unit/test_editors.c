/* test_editors.c — the editor support in editors/ knows exactly the words of
 * the language: every statement name and argument word of schema.c is among
 * the keywords of the Vim syntax, the Emacs mode and the VS Code grammar,
 * and none of them lists a word the schema does not have. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front/schema.h"
#include "unit.h"

enum { MAX_WORDS = 256, WORD_MAX = 48 };

typedef struct Words {
    char w[MAX_WORDS][WORD_MAX];
    int n;
} Words;

static bool has(const Words *ws, const char *w) {
    for (int i = 0; i < ws->n; i++)
        if (!strcmp(ws->w[i], w)) return true;
    return false;
}

static void add_n(Words *ws, const char *w, size_t len) {
    if (!len || len >= WORD_MAX || ws->n == MAX_WORDS) return;
    char word[WORD_MAX];
    memcpy(word, w, len);
    word[len] = '\0';
    if (!has(ws, word)) strcpy(ws->w[ws->n++], word);
}

static void add(Words *ws, const char *w) { add_n(ws, w, strlen(w)); }

/* Statement names, and the words of signatures: choices (a|b), =words and
 * the keys of key:type items; type names are not words of the language. */
static void schema_words(Words *ws) {
    static const char *types[] = { "str", "num", "int", "date", "name", "scale", "item", "weeks" };
    for (int i = 0; i < schema_count; i++) {
        if (strcmp(schema[i].name, "*")) add(ws, schema[i].name);
        char sig[256];
        snprintf(sig, sizeof sig, "%s", schema[i].sig);
        for (char *item = strtok(sig, " "); item; item = strtok(NULL, " ")) {
            if (*item == '?' || *item == '=') item++;
            char *colon = strchr(item, ':');
            if (colon) {
                add_n(ws, item, (size_t)(colon - item));
                continue;
            }
            size_t len = strcspn(item, "+");
            bool type = false;
            for (size_t k = 0; k < sizeof types / sizeof *types; k++)
                type |= strlen(types[k]) == len && !strncmp(item, types[k], len);
            if (type) continue;
            for (char *p = item; *p;) {
                size_t n = strcspn(p, "|");
                add_n(ws, p, n);
                p += n + (p[n] == '|');
            }
        }
    }
}

static char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = '\0';
    fclose(f);
    return s;
}

static bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Adds the words of [p, end), split at anything that is not a word character. */
static void add_words(Words *ws, const char *p, const char *end) {
    while (p < end) {
        while (p < end && !word_char(*p)) p++;
        const char *w = p;
        while (p < end && word_char(*p)) p++;
        add_n(ws, w, (size_t)(p - w));
    }
}

/* Vim: the words of "syntax keyword formcInclude|Section|Field|Value" lines. */
static void vim_words(const char *text, Words *ws) {
    static const char *groups[] = { "formcInclude ", "formcSection ", "formcField ", "formcValue " };
    for (const char *line = text; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != 0)) {
        const char *end = line + strcspn(line, "\n");
        if (strncmp(line, "syntax keyword ", 15)) continue;
        for (size_t k = 0; k < sizeof groups / sizeof *groups; k++)
            if (!strncmp(line + 15, groups[k], strlen(groups[k])))
                add_words(ws, line + 15 + strlen(groups[k]), end);
    }
}

/* Emacs: the strings of the three keyword lists, and "include". */
static void emacs_words(const char *text, Words *ws) {
    static const char *lists[] = { "(defconst formc-section-keywords", "(defconst formc-field-keywords",
                                   "(defconst formc-value-keywords", "(regexp-opt '(\"include\")" };
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
        const char *p = strstr(text, lists[k]);
        if (!p) continue;
        p = strchr(p, '(') + 1;
        p = strchr(p, '(');             /* the quoted list */
        const char *end = p ? strchr(p, ')') : NULL;
        while (p && end && (p = strchr(p, '"')) && p < end) {
            const char *close = strchr(p + 1, '"');
            add_n(ws, p + 1, (size_t)(close - p - 1));
            p = close + 1;
        }
    }
}

/* VS Code: the alternatives of every \\b(?:a|b|c)\\b and \\binclude\\b. */
static void vscode_words(const char *text, Words *ws) {
    static const char open[] = "\"\\\\b(?:";
    for (const char *p = text; (p = strstr(p, open)); ) {
        p += strlen(open);
        const char *end = strchr(p, ')');
        if (!end) break;
        add_words(ws, p, end);
        p = end;
    }
    if (strstr(text, "\"\\\\binclude\\\\b\"")) add(ws, "include");
}

static void check_editor(const char *path, void (*extract)(const char *, Words *)) {
    char *text = read_all(path);
    if (!text) {
        UNIT_FAIL("cannot read %s (run from the top of the repository)", path);
        return;
    }
    Words schema_set = { 0 }, editor = { 0 };
    schema_words(&schema_set);
    extract(text, &editor);
    for (int i = 0; i < schema_set.n; i++)
        if (!has(&editor, schema_set.w[i]))
            UNIT_FAIL("%s does not highlight the word '%s' of the schema", path, schema_set.w[i]);
    for (int i = 0; i < editor.n; i++)
        if (!has(&schema_set, editor.w[i]))
            UNIT_FAIL("%s highlights '%s', which is not a word of the schema", path, editor.w[i]);
    free(text);
}

TEST(vim_syntax_has_every_schema_word) {
    check_editor("editors/vim/syntax/formc.vim", vim_words);
}

TEST(emacs_mode_has_every_schema_word) {
    check_editor("editors/emacs/formc-mode.el", emacs_words);
}

TEST(vscode_grammar_has_every_schema_word) {
    check_editor("editors/vscode/syntaxes/formc.tmLanguage.json", vscode_words);
}

TEST(schema_words_cover_signatures) {
    /* the extraction itself: a few words only found in signatures */
    Words ws = { 0 };
    schema_words(&ws);
    const char *expected[] = { "followup", "rater", "week", "to", "worse", "sd", "n", "sample", "en" };
    for (size_t k = 0; k < sizeof expected / sizeof *expected; k++)
        if (!has(&ws, expected[k])) UNIT_FAIL("schema word '%s' not found", expected[k]);
    CHECK(!has(&ws, "str") && !has(&ws, "int") && !has(&ws, "*"));
}
