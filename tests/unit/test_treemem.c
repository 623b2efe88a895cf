/* test_treemem.c — the syntax tree's memory stays within its budget per
 * byte of text (front/parse.h: PARSE_MAX_TREE_PER_BYTE beyond
 * PARSE_TREE_SLACK): the densest files a clinician writes (item answers,
 * lists of names, spans of weeks) are read whole within it, and any file
 * at all is either within it or stopped, with an error, where it would
 * pass it (16 MiB of one-letter statements took gigabytes to check). */
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "front/parse.h"
#include "unit.h"

typedef struct {
    size_t bytes, tree;   /* the text and the arena's growth while parsing it */
    int errors;
    int stopped;          /* stopped at the memory budget */
} Parsed;

/* Parses `unit` repeated to about n bytes, with the item budget out of
 * the way, and measures the tree. */
static Parsed parse_repeated(const char *unit, size_t n) {
    size_t ul = strlen(unit), len = n / ul * ul;
    char *text = malloc(len + 1);
    for (size_t i = 0; i < len; i += ul) memcpy(text + i, unit, ul);
    text[len] = 0;
    Arena a = {0};
    Source *src = source_from_bytes(&a, "dense.form", text, len);
    int line, col;
    source_linecol(src, (uint32_t)len, &line, &col);  /* the line index a message builds: not the tree */
    size_t before = a.total;
    char *said = NULL;
    size_t said_len = 0;
    FILE *f = open_memstream(&said, &said_len);
    diag_reset();
    diag_set_output(f);
    int errors;
    bool complete;
    long items = 1L << 40;
    parse_source_within(&a, src, &errors, &complete, &items);
    fclose(f);
    diag_set_output(NULL);
    Parsed p = { len, a.total - before, errors, said && strstr(said, "bytes of memory per byte") != NULL };
    diag_reset();
    free(said);
    arena_free(&a);
    free(text);
    return p;
}

static size_t budget(size_t bytes) { return (size_t)PARSE_MAX_TREE_PER_BYTE * bytes + PARSE_TREE_SLACK; }

TEST(densest_files_a_clinician_writes_are_read_whole) {
    const char *units[] = {
        "    items hfmps 5 3 6 2 7 1 4 4 5 6 2 3 7 1 5\n",        /* answers to items */
        "    items swls 5,3,6,2,7,1,4,4,5,6,2,3,7,1,5\n",
        "attended 1-5, 7, 9-12, 14-15, 17, 19-21\n",               /* spans of weeks */
        "    ignore a b c d e f g h i j k l m n o p\n",            /* a list of names */
        "assessment pre 2026-01-07 {\n    hfmps.self_oriented 94\n}\n",
        "goal \"x\" { by week 8 }\n",
    };
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        Parsed p = parse_repeated(units[i], 300000);
        if (p.errors || p.tree > budget(p.bytes))
            UNIT_FAIL("'%.20s...': %d errors, %zu bytes of tree for %zu of text (%.1f per byte)", units[i],
                      p.errors, p.tree, p.bytes, (double)p.tree / (double)p.bytes);
    }
}

TEST(any_file_stays_within_the_budget_or_is_stopped_there) {
    const char *units[] = { "a\n", "a\r\n", "ab\n", "a 1\n", "x 1 1 1 1 1 1 1 1 1 1 1 1\n", "a{}\n",
                            "a{b{c{}}}\n", "x \"\" \"\" \"\" \"\"\n", "x 1-2 3-4 5-6\n", "a;b;c;\n" };
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        Parsed p = parse_repeated(units[i], 1000000);
        /* stopped: within one more arena chunk of where it was stopped */
        size_t allowed = budget(p.bytes) + (p.stopped ? PARSE_TREE_SLACK : 0);
        if (p.tree > allowed || (p.errors && !p.stopped))
            UNIT_FAIL("'%.12s': %d errors (stopped: %d), %zu bytes of tree for %zu of text", units[i],
                      p.errors, p.stopped, p.tree, p.bytes);
    }
}

/* A file of one-letter statements (the densest there is) is stopped early,
 * whatever its length, in memory that does not grow with it. */
TEST(one_letter_statements_are_stopped_early) {
    Parsed small = parse_repeated("a\n", 2000000), large = parse_repeated("a\n", 8000000);
    CHECK(small.tree == large.tree || !small.stopped);
    CHECK(large.tree < 8u * 1024 * 1024);
}
