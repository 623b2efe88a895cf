/* test_limits.c — docs/security.md states every limit formc enforces with
 * the value the code uses, so the table cannot drift from the source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front/checker.h"
#include "front/compile.h"
#include "base/diag.h"
#include "base/png.h"
#include "layout/layout.h"
#include "front/parse.h"
#include "import/csv.h"
#include "base/epoch.h"
#include "base/textguard.h"
#include "documents/pseudonym.h"
#include "documents/tmpl_layout.h"
#include "base/source.h"
#include "template/template.h"
#include "unit.h"

static char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = '\0';
    fclose(f);
    return s;
}

/* The table row of docs/security.md that begins with `row` states `text`. */
static void states(const char *doc, const char *row, const char *fmt, long value) {
    char text[128];
    snprintf(text, sizeof text, fmt, value);
    const char *r = strstr(doc, row);
    const char *end = r ? strchr(r, '\n') : NULL;
    if (!r || !end) {
        UNIT_FAIL("docs/security.md has no row '%s'", row);
        return;
    }
    const char *hit = strstr(r, text);
    if (!hit || hit > end) UNIT_FAIL("the row '%s' does not say '%s'", row, text);
}

/* Every member of the largest group can have a pseudonym of its own. */
TEST(a_group_has_fewer_members_than_there_are_pseudonyms) {
    CHECK(GROUP_MAX_MEMBERS < PSEUDONYM_COUNT);
}

TEST(security_reference_states_every_limit) {
    char *doc = read_all("docs/security.md");
    if (!doc) {
        UNIT_FAIL("cannot read docs/security.md");
        return;
    }
    states(doc, "| size of an input file |", "%ld MiB", SOURCE_MAX_BYTES / (1024 * 1024));
    states(doc, "| length of a string |", "(%ld bytes)", PARSE_MAX_STRING);
    states(doc, "| length of a string |", "%ld KiB", PARSE_MAX_STRING / 1024);
    states(doc, "| length of a line |", "(%ld bytes)", PARSE_MAX_LINE);
    states(doc, "| length of a line |", "%ld KiB", PARSE_MAX_LINE / 1024);
    states(doc, "| blocks inside blocks |", "%ld deep", PARSE_MAX_DEPTH);
    states(doc, "| includes inside includes |", "%ld deep", INCLUDE_MAX_DEPTH);
    states(doc, "| text included by a file |", "%ld MiB in all", INCLUDE_MAX_BYTES / (1024 * 1024));
    states(doc, "| text included by a file |", "past %ld MiB", INCLUDE_MAX_BYTES / (1024 * 1024));
    states(doc, "| names and values (the syntax tree) |", "more than %ld names", PARSE_MAX_ITEMS);
    states(doc, "| memory of the syntax tree |", "| %ld bytes per byte", PARSE_MAX_TREE_PER_BYTE);
    states(doc, "| memory of the syntax tree |", "beyond its first %ld KiB", PARSE_TREE_SLACK / 1024);
    states(doc, "| memory of the syntax tree |", "more than %ld bytes of memory per byte", PARSE_MAX_TREE_PER_BYTE);
    states(doc, "| members of a group |", "more than %ld members", GROUP_MAX_MEMBERS);
    states(doc, "| members of a group |", "a warning above %ld)", GROUP_WARN_MEMBERS);
    states(doc, "| items of an instrument |", "from 1 to %ld items", INSTRUMENT_MAX_ITEMS);
    states(doc, "| errors shown |", "| %ld (", DIAG_MAX_ERRORS);
    states(doc, "| errors shown |", "(--max-errors %ld)", DIAG_MAX_ERRORS);
    states(doc, "| digits of a number |", "| %ld |", NUMBER_MAX_DIGITS);
    states(doc, "| digits of a number |", "at most %ld significant digits", NUMBER_MAX_DIGITS);
    states(doc, "| size of a number |", "from -%ld to", NUMBER_MAX);
    states(doc, "| a word with no place to break, in a document |", "%ld characters", TEXT_MAX_UNBROKEN);
    states(doc, "| a word with no place to break, in a document |", "after every %ld characters", TEXT_MAX_UNBROKEN);
    states(doc, "| combining marks (accents) on one character |", "%ld (Unicode", TEXT_MAX_MARKS);
    states(doc, "| combining marks (accents) on one character |", "more than %ld combining marks", TEXT_MAX_MARKS);
    states(doc, "| fields of a row of an export", "than formc reads (%ld)", CSV_MAX_FIELDS);
    states(doc, "| field of an export |", "longer than %ld KiB", CSV_MAX_FIELD / 1024);
    states(doc, "| logo file |", "%ld MiB", IMAGE_MAX_BYTES / (1024 * 1024));
    states(doc, "| logo pixels |", "at most %ld x", IMAGE_MAX_SIDE);
    states(doc, "| pages of a document |", "more than %ld pages", DOC_MAX_PAGES);
    states(doc, "| a list of clinical terms", "first %ld terms", JARGON_MAX_TERMS);
    states(doc, "| a clinical term |", "| %ld bytes |", JARGON_MAX_TERM_BYTES);
    states(doc, "| a clinical term |", "longer than %ld bytes", JARGON_MAX_TERM_BYTES);
    states(doc, "| template file |", "limit of %ld MiB for a template", TEMPLATE_MAX_BYTES / (1024 * 1024));
    states(doc, "| template blocks |", "%ld deep", TEMPLATE_MAX_DEPTH);
    states(doc, "| cells of a template's `@table` |", "%ld in all", TMPL_TABLE_MAX_CELLS);
    states(doc, "| cells of a template's `@table` |", "more than %ld cells", TMPL_TABLE_MAX_CELLS);
    states(doc, "| pieces of a paragraph set apart |", "%ld in bold", TMPL_PARAGRAPH_MAX_STYLED);
    states(doc, "| pieces of a paragraph set apart |", "more than %ld pieces", TMPL_PARAGRAPH_MAX_STYLED);
    states(doc, "| expanded template |", "larger than %ld bytes", TEMPLATE_MAX_OUTPUT);
    states(doc, "| expanded template |", "passes 4 MiB (%ld bytes) of text", TEMPLATE_MAX_OUTPUT);
    states(doc, "| expanded template |", "more than %ld steps", TEMPLATE_MAX_STEPS);
    states(doc, "| `SOURCE_DATE_EPOCH` |", "from 0 to %ld (", (long)EPOCH_MAX);
    free(doc);
}
