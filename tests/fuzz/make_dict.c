/* make_dict.c — prints the libFuzzer dictionary of the formulation
 * language: every statement name and every fixed word of the schema
 * (compiler/front/schema.c), the instrument and scale names of the shipped
 * library's common forms, and the language's punctuation (a
 * placeholder's brackets among it). Run by make fuzz, so the dictionary
 * follows the schema. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "front/schema.h"

/* Prints one dictionary entry, escaping what libFuzzer's format needs. */
static void entry(const char *word, size_t n) {
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c < 0x20 || c >= 0x7F) printf("\\x%02X", c);
        else printf(c == '"' || c == '\\' ? "\\%c" : "%c", c);
    }
    puts("\"");
}

/* Whether w (n bytes) names an argument type rather than a fixed word. */
static bool is_type(const char *w, size_t n) {
    static const char *const types[] = { "str", "num", "int", "date", "name", "scale", "item" };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strlen(types[i]) == n && !strncmp(w, types[i], n)) return true;
    return false;
}

/* The fixed words of a signature: "a|b|c", "=word" and the key of "key:type". */
static void signature_words(const char *sig) {
    for (const char *p = sig; *p;) {
        if (*p == '?' || *p == '=') p++;
        size_t n = strcspn(p, " |:+");
        if (n > 0 && !is_type(p, n)) entry(p, n);
        p += n;
        if (*p == ':') p += strcspn(p, " |");   /* the key's type */
        while (*p == ' ' || *p == '|' || *p == '+') p++;
    }
}

int main(void) {
    static const char *const syntax[] = {
        "{", "}", "\"", "\"\"\"", "#", ";", ",", "\n", "\\\"", "\\\\", "-0", "1e309",
        "2027-01-14", "0.5", "\xEF\xBB\xBF", "hfmps.self_oriented", "pci.total",
        "../thursday.group", "inc/body.form", "<", ">", "<full name>",
    };
    for (size_t i = 0; i < sizeof syntax / sizeof *syntax; i++) entry(syntax[i], strlen(syntax[i]));
    for (int i = 0; i < schema_count; i++) {
        if (strcmp(schema[i].name, "*")) entry(schema[i].name, strlen(schema[i].name));
        signature_words(schema[i].sig);
    }
    return 0;
}
