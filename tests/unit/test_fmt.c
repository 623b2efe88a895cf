/* test_fmt.c — unit tests of the canonical layout (fmt.h): statements,
 * separators, blank lines, blocks, comments, lists and strings on small
 * sources; files with errors refused; and many generated strings (spaces,
 * tabs, line breaks, quotes, backslashes, long words, accents), each of
 * which must lay out to text that reads back the same (fmt_source checks
 * that itself), formats to itself and keeps its lines within FMT_WIDTH. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include "base/diag.h"
#include "format/fmt.h"
#include "unit.h"

/* Formats text; returns the layout (in a) or NULL, with the status. */
static char *format(Arena *a, const char *text, size_t n, FmtStatus *st) {
    char *out = NULL;
    size_t len;
    diag_mute(true);
    *st = fmt_source(a, source_from_bytes(a, "t.form", text, n), &out, &len);
    diag_mute(false);
    return *st == FMT_OK ? out : NULL;
}

static char *fmt_text(Arena *a, const char *text) {
    FmtStatus st;
    return format(a, text, strlen(text), &st);
}

/* ---- layouts ------------------------------------------------------------ */

/* The expected text with each '@' replaced by the spaces that bring a
 * trailing comment to FMT_COMMENT_COLUMN (at least two). */
static char *expected(Arena *a, const char *t) {
    char *out = arena_alloc(a, strlen(t) * FMT_COMMENT_COLUMN + 1);
    size_t o = 0;
    int col = 0;
    for (; *t; t++) {
        if (*t != '@') {
            out[o++] = *t;
            col = *t == '\n' ? 0 : col + 1;
            continue;
        }
        do out[o++] = ' ';
        while (++col < FMT_COMMENT_COLUMN - 1);
        if (out[o - 2] != ' ') out[o++] = ' ';
    }
    out[o] = '\0';
    return out;
}

static const struct { const char *name, *in, *out; } cases[] = {
    { "empty", "", "" },
    { "blank lines only", "\n \t\n\r\n", "" },
    { "final newline added", "a 1", "a 1\n" },
    { "semicolons", "a 1;b 2 ;; c 3\n", "a 1\nb 2\nc 3\n" },
    { "spacing", "a\t 1   x   2027-01-02\n", "a 1 x 2027-01-02\n" },
    { "blank lines collapsed", "\n\na 1\n\n\n\nb 2\n\n", "a 1\n\nb 2\n" },
    { "block indented", "x {\na 1\n   y {  b 2 }\n}\n", "x {\n    a 1\n    y {\n        b 2\n    }\n}\n" },
    { "no blank at block edges", "x {\n\n  a 1\n\n}\n", "x {\n    a 1\n}\n" },
    { "empty block", "x { }\ny {\n\n}\n", "x {}\ny {}\n" },
    { "block holding a comment", "x { # c\n}\ny {\n# d\n}\n", "x {@# c\n}\ny {\n    # d\n}\n" },
    { "trailing comment", "a 1      # c\n", "a 1@# c\n" },
    { "trailing comment after long code", "a \"123456789012345678901234567\" # c\n",
      "a \"123456789012345678901234567\"  # c\n" },
    { "comment after semicolons", "a 1; b 2 # c\n", "a 1\nb 2@# c\n" },
    { "comment after a separator", "a 1; # c\nb 2\n", "a 1@# c\nb 2\n" },
    { "comment trimmed, kept as written", "#c  \t\r\n  ##  x y\n", "#c\n##  x y\n" },
    { "own-line comments", "x {\n a 1\n      # about b\n b 2\n # end\n}\n",
      "x {\n    a 1\n    # about b\n    b 2\n    # end\n}\n" },
    { "blank line before a comment", "a 1\n\n# c\nb 2\n", "a 1\n\n# c\nb 2\n" },
    { "comment after a closing brace", "x { a 1 }   # c\n", "x {\n    a 1\n}@# c\n" },
    { "comment at the end without newline", "a 1\n# c", "a 1\n# c\n" },
    { "list on one line", "m \"a\" ,\"b\",   \"c\"\n", "m \"a\", \"b\", \"c\"\n" },
    { "list over lines", "m \"a\",   # one\n     # more\n\n  \"b\"\n",
      "m \"a\",@# one\n    # more\n    \"b\"\n" },
    { "byte-order mark dropped", "\xEF\xBB\xBF" "a 1\n", "a 1\n" },
    { "CR LF line ends", "a 1\r\nx {\r\n b \"c\r\n d\"  # e\r\n}\r\n", "a 1\nx {\n    b \"c d\"@# e\n}\n" },
    { "string escapes", "p \"say \\\"hi\\\" \\\\ \"\n", "p \"say \\\"hi\\\" \\\\ \"\n" },
    { "string edges folded", "p \"\n   text  here \n  \"\n", "p \"text  here\"\n" },
    { "string spaces kept", "p \" a\tb  \"\n", "p \" a\tb  \"\n" },
    { "paragraph", "p \"one\n\n\n   two\"\n", "p \"one\n\n    two\"\n" },
    { "triple quotes kept", "p \"\"\"a \"b\" \\ c\"\"\"\n", "p \"\"\"a \"b\" \\ c\"\"\"\n" },
    { "triple with quotes at its ends", "p \"\"\"\"x\"\"\"\"\n", "p \"\"\"\"x\"\"\"\"\n" },
    { "wrapped at the width",
      "p \"aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hh ii jj\"\n",
      "p \"aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hh ii\n"
      "    jj\"\n" },
    { "room left for the brace",
      "x {\n g \"aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhh\" {\n}\n}\n",
      "x {\n    g \"aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg\n"
      "        hhh\" {}\n}\n" },
    { "short text joined", "p \"one\n   two\n three\"\n", "p \"one two three\"\n" },
};

TEST(fmt_layouts) {
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Arena a = { 0 };
        char *out = fmt_text(&a, cases[i].in);
        if (!out || strcmp(out, expected(&a, cases[i].out)))
            UNIT_FAIL("%s: got \"%s\"", cases[i].name, out ? out : "(refused)");
        else if (!fmt_text(&a, out) || strcmp(fmt_text(&a, out), out))
            UNIT_FAIL("%s: not idempotent", cases[i].name);
        arena_free(&a);
    }
}

TEST(fmt_refuses_files_with_errors) {
    const char *bad[] = { "a {\n", "a 1 }\n", "a \"open\n", "a 1 % 2\n", "a \"\\n\"\n", ", a\n" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Arena a = { 0 };
        FmtStatus st;
        CHECK(format(&a, bad[i], strlen(bad[i]), &st) == NULL);
        CHECK_INT(st, FMT_INPUT_ERRORS);
        arena_free(&a);
    }
}

/* ---- generated strings -------------------------------------------------- */

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n) {
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) % n;
}

/* Appends a random raw string body. Prose: words, each followed by a space,
 * a line break or a blank line. Wild: any run of words, spaces, tabs, line
 * breaks, CR LF, quotes and backslashes (escaped unless triple), and a word
 * too long for any line. */
static void random_body(char *buf, size_t *n, bool triple, bool wild) {
    static const char *words[] = { "word", "perfectionism", "a", "é", "self-criticism,", "x" };
    static const char *seps[] = { " ", " ", " ", "\n", "\n    ", "\n\n" };
    static const char *odd[] = {
        "  ", "\t", " \n \n ", "\r\n", "\"", "\\",
        "averyveryverylongwordthatcannotbebrokenanywhereatallbecauseithasnospacesinit",
    };
    size_t nwords = sizeof words / sizeof *words, nseps = sizeof seps / sizeof *seps;
    size_t nodd = sizeof odd / sizeof *odd;
    int count = (int)rnd(60);
    for (int k = 0; k < count; k++) {
        const char *p;
        if (!wild) p = k % 2 ? seps[rnd((unsigned)nseps)] : words[rnd((unsigned)nwords)];
        else {
            unsigned pick = rnd((unsigned)(nwords + nseps + nodd));
            p = pick < nwords ? words[pick] : pick < nwords + nseps ? seps[pick - nwords]
                                                                   : odd[pick - nwords - nseps];
        }
        if (!triple && (*p == '"' || *p == '\\')) buf[(*n)++] = '\\';
        /* three quotes in a row would close a triple-quoted string */
        if (triple && *p == '"' && *n >= 2 && buf[*n - 1] == '"' && buf[*n - 2] == '"') continue;
        memcpy(buf + *n, p, strlen(p));
        *n += strlen(p);
    }
}

/* The widest line of text, in characters, among lines without a comment
 * that hold a space after their indentation. */
static int widest_breakable_line(const char *t) {
    int widest = 0;
    for (const char *line = t; *line;) {
        size_t len = strcspn(line, "\n"), lead = strspn(line, " ");
        bool space = false, comment = false;
        int w = 0;
        for (size_t i = 0; i < len; i++) {
            space |= i > lead && line[i] == ' ';
            comment |= line[i] == '#';
            w += ((unsigned char)line[i] & 0xC0) != 0x80;
        }
        if (space && !comment && w > widest) widest = w;
        line += len + (line[len] == '\n');
    }
    return widest;
}

TEST(fmt_generated_strings_read_back_the_same) {
    for (int i = 0; i < 3000; i++) {
        Arena a = { 0 };
        char src[8192];
        size_t n = 0;
        bool triple = rnd(2), wild = rnd(2);
        int depth = (int)rnd(3);
        for (int d = 0; d < depth; d++) n += (size_t)sprintf(src + n, "b%d {\n", d);
        n += (size_t)sprintf(src + n, "%s", rnd(2) ? "name " : "name word 12 ");
        n += (size_t)sprintf(src + n, "%s", triple ? "\"\"\"" : "\"");
        random_body(src, &n, triple, wild);
        n += (size_t)sprintf(src + n, "%s%s", triple ? "\"\"\"" : "\"", rnd(2) ? " {\n}\n" : "  # c\n");
        for (int d = 0; d < depth; d++) n += (size_t)sprintf(src + n, "}\n");
        FmtStatus st;
        char *out = format(&a, src, n, &st);
        if (!out) {
            UNIT_FAIL("case %d: status %d for:\n%.*s", i, (int)st, (int)n, src);
            arena_free(&a);
            break;
        }
        char *again = fmt_text(&a, out);
        if (!again || strcmp(again, out)) {
            UNIT_FAIL("case %d: not idempotent:\n%s", i, out);
            arena_free(&a);
            break;
        }
        /* prose fits the width */
        if (!wild && widest_breakable_line(out) > FMT_WIDTH) {
            UNIT_FAIL("case %d: a line over %d columns:\n%s", i, FMT_WIDTH, out);
            arena_free(&a);
            break;
        }
        arena_free(&a);
    }
}
