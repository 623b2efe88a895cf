/* test_frontend.c — unit tests of the front end's small parts: the
 * scanner's string folding (fold_in_place, and through parse_source on small
 * sources), names, numbers, dates and separators as the parser sees them,
 * edit_distance and suggest_*, and phase_defaults; and a
 * check that docs/language.md documents every statement of schema.c. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include "base/diag.h"
#include "front/model.h"
#include "front/parse.h"
#include "front/schema.h"
#include "base/suggest.h"
#include "unit.h"

/* ---- helpers ------------------------------------------------------------ */

/* raw[0, len) folded (fold_in_place) in a copy. */
static char *fold_n(Arena *a, const char *raw, size_t len) {
    char *s = arena_strndup(a, raw, len);
    fold_in_place(s, len);
    return s;
}
static char *fold(Arena *a, const char *raw) { return fold_n(a, raw, strlen(raw)); }

/* The result of parsing one small source: its statements, error count,
 * completeness and the diagnostics it printed. */
typedef struct Parsed {
    Node *root;
    int errors;
    bool complete;
    char *diags;        /* malloc'd; freed by done() */
} Parsed;

static Parsed parse_bytes(Arena *a, const char *bytes, size_t len) {
    Parsed p = { 0 };
    size_t size = 0;
    FILE *mem = open_memstream(&p.diags, &size);
    diag_reset();
    diag_configure(&(DiagOptions){ .max_errors = 0 });
    diag_set_output(mem);
    Source *src = source_from_bytes(a, "t.form", bytes, len);
    p.root = parse_source(a, src, &p.errors, &p.complete);
    fclose(mem);
    diag_set_output(NULL);
    return p;
}
static Parsed parse_text(Arena *a, const char *text) { return parse_bytes(a, text, strlen(text)); }
static void done(Parsed *p) { free(p->diags); p->diags = NULL; }

static int count_nodes(const Node *n) {
    int k = 0;
    for (; n; n = n->next) k++;
    return k;
}

/* The folded text of the first argument of the first statement. */
static const char *first_string(Arena *a, const char *text, int *errors) {
    Parsed p = parse_text(a, text);
    *errors = p.errors;
    const char *s = p.root && p.root->args ? p.root->args->text : NULL;
    done(&p);
    return s;
}

/* ---- fold_in_place ------------------------------------------------------ */

TEST(fold_one_newline_becomes_space) {
    Arena a = { 0 };
    CHECK_STR(fold(&a, "works late\n    and early"), "works late and early");
    CHECK_STR(fold(&a, "a \t\n\t b"), "a b");
    CHECK_STR(fold(&a, "a\r\nb"), "a b");
    arena_free(&a);
}

TEST(fold_blank_line_is_paragraph_break) {
    Arena a = { 0 };
    CHECK_STR(fold(&a, "one\n\ntwo"), "one\ntwo");
    CHECK_STR(fold(&a, "one  \n   \n  two"), "one\ntwo");
    /* many blank lines are still one break */
    CHECK_STR(fold(&a, "one\n\n\n\n\ntwo"), "one\ntwo");
    CHECK_STR(fold(&a, "one\r\n\r\ntwo"), "one\ntwo");
    arena_free(&a);
}

TEST(fold_keeps_runs_within_a_line) {
    Arena a = { 0 };
    CHECK_STR(fold(&a, "a  b"), "a  b");
    CHECK_STR(fold(&a, "a\tb"), "a\tb");
    /* runs at the edges without a newline are kept as written */
    CHECK_STR(fold(&a, "  a  "), "  a  ");
    arena_free(&a);
}

TEST(fold_trims_edge_runs_with_a_newline) {
    Arena a = { 0 };
    CHECK_STR(fold(&a, "\n    text"), "text");
    CHECK_STR(fold(&a, "text\n  "), "text");
    CHECK_STR(fold(&a, "  \n\n  text  \n\n"), "text");
    CHECK_STR(fold(&a, "\n"), "");
    CHECK_STR(fold(&a, "\n\n\n"), "");
    CHECK_STR(fold(&a, ""), "");
    /* a newline run only at one edge: the other edge's spaces stay */
    CHECK_STR(fold(&a, "  text\n"), "  text");
    arena_free(&a);
}

TEST(fold_leaves_other_characters) {
    Arena a = { 0 };
    CHECK_STR(fold(&a, "<b>caf\xC3\xA9</b>"), "<b>caf\xC3\xA9</b>");
    CHECK_STR(fold(&a, "a\\nb"), "a\\nb");
    /* fold_in_place is given a length: bytes past it are left out */
    CHECK_STR(fold_n(&a, "abc\n\ndef", 3), "abc");
    char one[] = "abc\ndef";
    CHECK_INT(fold_in_place(one, 3), 3);
    CHECK_STR(one, "abc");
    arena_free(&a);
}

/* ---- strings through the scanner ---------------------------------------- */

TEST(scan_string_folds_like_fold_in_place) {
    Arena a = { 0 };
    int e;
    CHECK_STR(first_string(&a, "x \"Works late,\n    over-prepares.\"\n", &e), "Works late, over-prepares.");
    CHECK_INT(e, 0);
    CHECK_STR(first_string(&a, "x \"One.\n\n    Two.\"\n", &e), "One.\nTwo.");
    CHECK_STR(first_string(&a, "x \"\n    Lead and trail\n\"\n", &e), "Lead and trail");
    CHECK_INT(e, 0);
    arena_free(&a);
}

TEST(scan_escapes) {
    Arena a = { 0 };
    int e;
    CHECK_STR(first_string(&a, "x \"say \\\"hi\\\"\"\n", &e), "say \"hi\"");
    CHECK_INT(e, 0);
    CHECK_STR(first_string(&a, "x \"C:\\\\dir\"\n", &e), "C:\\dir");
    CHECK_INT(e, 0);
    arena_free(&a);
}

TEST(scan_unknown_escape_is_an_error) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "x \"a\\tb\"\ny 1\n");
    CHECK_INT(p.errors, 1);
    CHECK(p.complete);                       /* a lexical error: the tree is whole */
    CHECK_INT(count_nodes(p.root), 2);
    CHECK(p.diags && strstr(p.diags, "t.form:1:5: error: unknown escape '\\t'"));
    done(&p);
    arena_free(&a);
}

TEST(scan_triple_quotes) {
    Arena a = { 0 };
    int e;
    /* no escapes, quotes inside are content */
    CHECK_STR(first_string(&a, "x \"\"\"She said \"no\" and left.\"\"\"\n", &e), "She said \"no\" and left.");
    CHECK_INT(e, 0);
    CHECK_STR(first_string(&a, "x \"\"\"a\\nb\"\"\"\n", &e), "a\\nb");
    CHECK_INT(e, 0);
    CHECK_STR(first_string(&a, "x \"\"\"two \"\" quotes\"\"\"\n", &e), "two \"\" quotes");
    /* a run of four or more quotes ends the string; the extras are content */
    CHECK_STR(first_string(&a, "x \"\"\"\"quoted\"\"\"\"\n", &e), "\"quoted\"");
    CHECK_INT(e, 0);
    CHECK_STR(first_string(&a, "x \"\"\"end\"\"\"\"\"\n", &e), "end\"\"");
    /* the same folding applies */
    CHECK_STR(first_string(&a, "x \"\"\"\n   one\n   two\n\n   three\n\"\"\"\n", &e), "one two\nthree");
    CHECK_INT(e, 0);
    arena_free(&a);
}

TEST(scan_unterminated_strings) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "x \"open\ny 1\n");
    CHECK(!p.complete);
    CHECK_INT(p.errors, 1);
    CHECK(p.diags && strstr(p.diags, "t.form:1:3: error: unterminated string: no closing \" before the end of the file"));
    done(&p);
    p = parse_text(&a, "x \"\"\"open\" \"\"\ny 1\n");
    CHECK(!p.complete);
    CHECK_INT(p.errors, 1);
    CHECK(p.diags && strstr(p.diags, "no closing \"\"\" before the end of the file"));
    done(&p);
    arena_free(&a);
}

TEST(scan_empty_string) {
    Arena a = { 0 };
    int e;
    CHECK_STR(first_string(&a, "x \"\"\n", &e), "");
    CHECK_INT(e, 0);
    arena_free(&a);
}

/* ---- statements, values, separators ------------------------------------- */

TEST(parse_values) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "x hfmps.self_oriented -0.5 92 2027-01-14 \"s\" draft\n");
    CHECK_INT(p.errors, 0);
    CHECK(p.root != NULL);
    if (p.root) {
        CHECK_STR(p.root->name, "x");
        CHECK_INT(p.root->nargs, 6);
        const Value *v = p.root->args;
        CHECK_INT(v->kind, VAL_NAME);
        CHECK_STR(v->text, "hfmps.self_oriented");
        v = value_next(v);
        CHECK_INT(v->kind, VAL_NUMBER);
        CHECK_NEAR(v->num, -0.5, 1e-12);
        v = value_next(v);
        CHECK_INT(v->kind, VAL_NUMBER);
        CHECK_NEAR(v->num, 92, 1e-12);
        CHECK_STR(v->text, "92");
        v = value_next(v);
        CHECK_INT(v->kind, VAL_DATE);
        CHECK_INT(v->y, 2027);
        CHECK_INT(v->m, 1);
        CHECK_INT(v->d, 14);
        v = value_next(v);
        CHECK_INT(v->kind, VAL_STRING);
        v = value_next(v);
        CHECK_INT(v->kind, VAL_NAME);
        CHECK(value_next(v) == NULL);
        CHECK(p.root->args + 5 == v);   /* the arguments are one array */
    }
    done(&p);
    arena_free(&a);
}

TEST(scan_placeholders) {
    /* <words> is one value, brackets and all, whatever the words: commas,
     * quotes, '#', braces and any language; '>' ends it */
    Arena a = { 0 };
    Parsed p = parse_text(&a, "x <full name> <a, \"b\" # {c}> <pr\xC3\xA9nom> <> 7\n");
    CHECK_INT(p.errors, 0);
    CHECK(p.root && p.root->nargs == 5);
    if (p.root && p.root->nargs == 5) {
        const Value *v = p.root->args;
        CHECK_INT(v->kind, VAL_PLACEHOLDER);
        CHECK_STR(v->text, "<full name>");
        CHECK_INT(v->loc.off, 2);
        CHECK_INT(v->loc.len, 11);
        v = value_next(v);
        CHECK_INT(v->kind, VAL_PLACEHOLDER);
        CHECK_STR(v->text, "<a, \"b\" # {c}>");
        v = value_next(v);
        CHECK_INT(v->kind, VAL_PLACEHOLDER);
        CHECK_STR(v->text, "<pr\xC3\xA9nom>");
        v = value_next(v);
        CHECK_INT(v->kind, VAL_PLACEHOLDER);
        CHECK_STR(v->text, "<>");
        CHECK_INT(value_next(v)->kind, VAL_NUMBER);
    }
    done(&p);
    /* inside a string, '<' is text */
    p = parse_text(&a, "x \"<b>\"\n");
    CHECK_INT(p.errors, 0);
    CHECK(p.root && p.root->args && p.root->args->kind == VAL_STRING);
    done(&p);
    arena_free(&a);
}

TEST(scan_placeholder_left_open) {
    /* no '>' on its line: one error, and the words up to a block, a
     * comment or the line's end are the placeholder, so the block and the
     * next statement still read */
    Arena a = { 0 };
    Parsed p = parse_text(&a, "goal <what to change {\n  by week 8\n}\nx <a # c\ny <b\n");
    CHECK_INT(p.errors, 3);
    CHECK(strstr(p.diags, "t.form:1:6: error: this placeholder has no closing '>'") != NULL);
    CHECK(strstr(p.diags, "t.form:4:3: error") != NULL);
    CHECK(strstr(p.diags, "t.form:5:3: error") != NULL);
    CHECK_INT(count_nodes(p.root), 3);
    if (count_nodes(p.root) == 3) {
        CHECK(node_has_block(p.root));
        CHECK_STR(p.root->args->text, "<what to change ");
        CHECK(p.root->args->invalid);
        CHECK_STR(p.root->next->args->text, "<a ");
    }
    done(&p);
    /* a control character or a broken UTF-8 byte is not a placeholder's */
    p = parse_text(&a, "x <a\x01" "b>\ny <\xFF>\n");
    CHECK(p.errors >= 2);
    CHECK(p.root && p.root->args && p.root->args->invalid);
    done(&p);
    arena_free(&a);
}

TEST(numbers_read_exactly_as_strtod_reads_them) {
    /* the scanner's quick reading of short numbers must give the very
     * double strtod gives, and long ones are read by strtod itself */
    static const char *const numbers[] = {
        "0", "-0", "7", "0.1", "0.3", "71.5", "12.75", "-3.333", "2.675", "1.005",
        "999999999999999", "123456789.012345", "0.0000000000000000000001",
        "9007199254740993", "1.23456789012345678", "0.1000000000000000055511151231257827",
    };
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        Arena a = { 0 };
        char line[96];
        snprintf(line, sizeof line, "x %s\n", numbers[i]);
        Parsed p = parse_text(&a, line);
        CHECK_INT(p.errors, 0);
        if (p.root && p.root->args) {
            double want = strtod(numbers[i], NULL);
            CHECK(memcmp(&p.root->args->num, &want, sizeof want) == 0);
            CHECK_STR(p.root->args->text, numbers[i]);
        }
        done(&p);
        arena_free(&a);
    }
}

TEST(names_and_numbers_are_kept_once) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "norm a mean 40 sd 40\nnorm b mean 40 sd 7\n");
    CHECK_INT(p.errors, 0);
    CHECK_INT(count_nodes(p.root), 2);
    if (count_nodes(p.root) == 2) {
        const Node *n1 = p.root, *n2 = p.root->next;
        CHECK(n1->name == n2->name);                       /* "norm" */
        CHECK(n1->args[1].text == n2->args[1].text);      /* "mean" */
        CHECK(n1->args[2].text == n1->args[4].text);      /* "40" */
        CHECK_STR(n1->args[2].text, "40");
        CHECK_INT(node_name_loc(n1).off, 0);
        CHECK_INT(node_name_loc(n1).len, 4);
        CHECK_INT(n2->args->loc.off, 26);
    }
    done(&p);
    arena_free(&a);
}

/* The tree of a file stays within 4 times its text (docs/performance.md)
 * because its records are this small: a statement 56 bytes and a value
 * 40. A field added to either must find room in these, or the design
 * (and the figure in docs/performance.md) must change with it. */
_Static_assert(sizeof(Node) <= NODE_BYTES, "a statement's node grew past NODE_BYTES");
_Static_assert(sizeof(Value) <= VALUE_BYTES, "a value grew past VALUE_BYTES");

TEST(syntax_tree_records_keep_their_size) {
    CHECK_INT(NODE_BYTES, 56);
    CHECK_INT(VALUE_BYTES, 40);
    CHECK(sizeof(Node) <= NODE_BYTES);
    CHECK(sizeof(Value) <= VALUE_BYTES);
    /* the arguments are one array: a statement holds no list of them */
    Arena a = { 0 };
    Parsed p = parse_text(&a, "x 1, \"s\" b {\n  y 2 }\nz\n");
    CHECK_INT(p.errors, 0);
    if (p.root && p.root->nargs == 3) {
        CHECK(value_next(&p.root->args[0]) == &p.root->args[1]);
        CHECK(value_next(&p.root->args[2]) == NULL);
        CHECK(node_has_block(p.root));
        CHECK_INT(node_block_loc(p.root).off, 11);
        CHECK(p.root->body && p.root->body->nargs == 1 && p.root->body->args[0].last);
        CHECK(p.root->next && !node_has_block(p.root->next) && p.root->next->args == NULL);
    } else {
        CHECK(!"x has three arguments");
    }
    done(&p);
    arena_free(&a);
}

/* A string is kept once per file, as names and numbers are, folded. */
TEST(strings_are_kept_once) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "a \"Synthetic norms\" \"\"\"two\n  lines\"\"\"\nb \"Synthetic norms\" \"two lines\"\n");
    CHECK_INT(p.errors, 0);
    if (count_nodes(p.root) == 2 && p.root->nargs == 2 && p.root->next->nargs == 2) {
        CHECK(p.root->args[0].text == p.root->next->args[0].text);
        CHECK(p.root->args[1].text == p.root->next->args[1].text);
        CHECK_STR(p.root->args[1].text, "two lines");
    } else {
        CHECK(!"two statements of two strings");
    }
    done(&p);
    arena_free(&a);
}

TEST(parse_spans_of_weeks) {
    /* 1-5 is one value, a span; a date still wins; -5 alone is a number */
    Arena a = { 0 };
    Parsed p = parse_text(&a, "attended 1-5, 7, 9-12 2027-01-14 -5\n");
    CHECK_INT(p.errors, 0);
    CHECK(p.root && p.root->nargs == 5);
    if (p.root && p.root->nargs == 5) {
        const Value *v = p.root->args;
        CHECK_INT(v->kind, VAL_RANGE);
        CHECK_NEAR(v->num, 1, 0);
        CHECK_NEAR(value_range_last(v), 5, 0);
        CHECK_STR(v->text, "1-5");
        CHECK_INT(v->loc.len, 3);
        v = value_next(v);
        CHECK_INT(v->kind, VAL_NUMBER);
        v = value_next(v);
        CHECK_INT(v->kind, VAL_RANGE);
        CHECK_NEAR(value_range_last(v), 12, 0);
        CHECK_INT(value_next(v)->kind, VAL_DATE);
        CHECK_INT(value_next(value_next(v))->kind, VAL_NUMBER);
    }
    done(&p);
    arena_free(&a);
}

TEST(weeks_attended_and_the_phase_of_a_week) {
    Arena a = { 0 };
    Formulation f = { 0 };
    CHECK_STR(model_weeks_text(&a, &f), "");
    CHECK_INT(model_sessions_attended(&f), 0);
    WeekSpan spans[] = { { 9, 12, { 0 } }, { 1, 5, { 0 } }, { 7, 7, { 0 } } };   /* as written */
    f.attended.spans = spans;
    f.attended.nspans = 3;
    CHECK_STR(model_weeks_text(&a, &f), "1\u20135, 7, 9\u201312");
    CHECK_INT(model_sessions_attended(&f), 10);
    CHECK(model_attended(&f, 7));
    CHECK(!model_attended(&f, 6));
    CHECK(model_attended(&f, 12));
    Group g = { .weeks = 12 };
    phase_defaults(12, g.phases);                   /* 1-3, 4-6, 7-10, 11-12 */
    CHECK_INT(phase_of_week(&g, 3), PHASE_ENGAGEMENT);
    CHECK_INT(phase_of_week(&g, 6), PHASE_INTERRUPTION);
    CHECK_INT(phase_of_week(&g, 7), PHASE_REDEFINITION);
    CHECK_INT(phase_of_week(&g, 12), PHASE_TERMINATION);
    CHECK_INT(phase_of_week(&g, 13), PHASE_COUNT);
    arena_free(&a);
}

TEST(parse_locations) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "# c\nclinic \"X\"\n");
    CHECK(p.root != NULL);
    if (p.root) {
        CHECK_INT(node_name_loc(p.root).off, 4);
        CHECK_INT(node_name_loc(p.root).len, 6);
        CHECK_INT(p.root->args->loc.off, 11);
        CHECK_INT(p.root->args->loc.len, 3);   /* the quotes are part of the span */
    }
    done(&p);
    arena_free(&a);
}

TEST(parse_badly_written_date_is_still_a_date) {
    /* 2027-1-5 is scanned as a date so the checker can ask for leading zeros */
    Arena a = { 0 };
    Parsed p = parse_text(&a, "x 2027-1-5\n");
    CHECK_INT(p.errors, 0);
    CHECK(p.root && p.root->args && p.root->args->kind == VAL_DATE);
    if (p.root && p.root->args) {
        CHECK_STR(p.root->args->text, "2027-1-5");
        CHECK_INT(p.root->args->m, 1);
        CHECK_INT(p.root->args->d, 5);
    }
    done(&p);
    arena_free(&a);
}

TEST(parse_semicolons_end_statements) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "a 1; b 2;c 3\n");
    CHECK_INT(p.errors, 0);
    CHECK_INT(count_nodes(p.root), 3);
    done(&p);
    p = parse_text(&a, "clinic \"X\" { address \"A\"; phone \"P\" }\n");
    CHECK_INT(p.errors, 0);
    CHECK_INT(count_nodes(p.root), 1);
    CHECK(p.root && node_has_block(p.root) && count_nodes(p.root->body) == 2);
    done(&p);
    arena_free(&a);
}

TEST(parse_trailing_comma_continues_the_list) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "leader \"A\",\n       \"B\", \"C\"\nnext 1\n");
    CHECK_INT(p.errors, 0);
    CHECK_INT(count_nodes(p.root), 2);
    if (p.root) CHECK_INT(p.root->nargs, 3);
    done(&p);
    /* a comment after the comma does not end the statement either */
    p = parse_text(&a, "leader \"A\",   # the first\n  \"B\"\n");
    CHECK_INT(p.errors, 0);
    CHECK_INT(count_nodes(p.root), 1);
    if (p.root) CHECK_INT(p.root->nargs, 2);
    done(&p);
    /* without the comma, the newline ends the statement */
    p = parse_text(&a, "leader \"A\"\n\"B\"\n");
    CHECK(p.errors > 0);
    CHECK(p.diags && strstr(p.diags, "expected a statement name before a string"));
    done(&p);
    arena_free(&a);
}

TEST(parse_newline_inside_string_does_not_end_statement) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "x \"one\ntwo\" 3\n");
    CHECK_INT(p.errors, 0);
    CHECK_INT(count_nodes(p.root), 1);
    if (p.root) CHECK_INT(p.root->nargs, 2);
    done(&p);
    arena_free(&a);
}

TEST(parse_comments) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "# whole line\nx 1 # \"not a string\" { \ny \"# not a comment\"\n# end");
    CHECK_INT(p.errors, 0);
    CHECK_INT(count_nodes(p.root), 2);
    if (p.root) CHECK_INT(p.root->nargs, 1);
    if (p.root && p.root->next) CHECK_STR(p.root->next->args->text, "# not a comment");
    done(&p);
    arena_free(&a);
}

TEST(parse_blocks) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "crp {\n  acts_of_self \"a\"\n\n  introject \"b\" }\nnext 1");
    CHECK_INT(p.errors, 0);
    CHECK_INT(count_nodes(p.root), 2);
    if (p.root) {
        CHECK(node_has_block(p.root));
        CHECK_INT(count_nodes(p.root->body), 2);
        CHECK_INT(node_block_loc(p.root).off, 4);
    }
    done(&p);
    arena_free(&a);
}

TEST(parse_empty_and_blank_sources) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "");
    CHECK(p.root == NULL);
    CHECK_INT(p.errors, 0);
    CHECK(p.complete);
    done(&p);
    p = parse_text(&a, "\n\n   \n# only a comment\n;;\n");
    CHECK(p.root == NULL);
    CHECK_INT(p.errors, 0);
    done(&p);
    arena_free(&a);
}

TEST(parse_byte_order_mark) {
    Arena a = { 0 };
    Parsed p = parse_text(&a, "\xEF\xBB\xBFx 1\n");
    CHECK_INT(p.errors, 0);
    CHECK_INT(count_nodes(p.root), 1);
    done(&p);
    p = parse_text(&a, "x 1\n\xEF\xBB\xBFy 2\n");
    CHECK_INT(p.errors, 1);
    CHECK(p.diags && strstr(p.diags, "t.form:2:1: error: byte-order mark in the middle of the file"));
    done(&p);
    arena_free(&a);
}

TEST(parse_bad_bytes) {
    Arena a = { 0 };
    Parsed p = parse_bytes(&a, "x 1\n\0\n", 6);
    CHECK_INT(p.errors, 1);
    CHECK(p.diags && strstr(p.diags, "t.form:2:1: error: NUL byte in the file"));
    done(&p);
    p = parse_text(&a, "x \"caf\xC3\xA9 \xFF\"\n");
    CHECK_INT(p.errors, 1);
    CHECK(p.diags && strstr(p.diags, "t.form:1:9: error: invalid UTF-8 byte in a string"));
    done(&p);
    /* an overlong encoding and a surrogate are invalid too */
    p = parse_text(&a, "x \"\xC0\xAF \xED\xA0\x80\"\n");
    CHECK(p.errors >= 2);
    done(&p);
    /* valid UTF-8 of every length is fine in strings and comments */
    p = parse_text(&a, "x \"\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80\" # \xE2\x80\x94\n");
    CHECK_INT(p.errors, 0);
    done(&p);
    arena_free(&a);
}

TEST(parse_syntax_errors_recover) {
    Arena a = { 0 };
    /* every bad statement is reported; the statements between still parse */
    Parsed p = parse_text(&a, "a \"x\" {\n}\n\"stray\"\nb 1\n}\nc 2\n");
    CHECK(!p.complete);
    CHECK_INT(p.errors, 2);
    CHECK(p.diags && strstr(p.diags, "t.form:3:1: error: expected a statement name before a string"));
    CHECK(p.diags && strstr(p.diags, "t.form:5:1: error: '}' without a matching '{'"));
    done(&p);
    p = parse_text(&a, "a {\n  b 1\n");
    CHECK(!p.complete);
    CHECK(p.diags && strstr(p.diags, "t.form:1:3: error: this '{' is never closed"));
    done(&p);
    p = parse_text(&a, "a: 1\n");
    CHECK_INT(p.errors, 1);
    CHECK(p.diags && strstr(p.diags, "t.form:1:2: error: unexpected ':'"));
    done(&p);
    arena_free(&a);
}

TEST(parse_depth_limit) {
    Arena a = { 0 };
    char buf[4 * 40 + 4 * 40 + 1];
    size_t n = 0;
    for (int i = 0; i < PARSE_MAX_DEPTH; i++) n += (size_t)sprintf(buf + n, "a {\n");
    for (int i = 0; i < PARSE_MAX_DEPTH; i++) n += (size_t)sprintf(buf + n, "}\n");
    Parsed p = parse_bytes(&a, buf, n);
    CHECK_INT(p.errors, 0);
    CHECK(p.complete);
    done(&p);
    n = 0;
    for (int i = 0; i <= PARSE_MAX_DEPTH; i++) n += (size_t)sprintf(buf + n, "a {\n");
    p = parse_bytes(&a, buf, n);
    CHECK(!p.complete);
    CHECK_INT(p.errors, 1);
    CHECK(p.diags && strstr(p.diags, "t.form:33:3: error: blocks nested more than 32 deep"));
    done(&p);
    arena_free(&a);
}

/* A source of n copies of byte c between prefix and suffix (malloc'd). */
static char *repeated(const char *prefix, char c, size_t n, const char *suffix, size_t *len) {
    size_t a = strlen(prefix), b = strlen(suffix);
    char *s = malloc(a + n + b + 1);
    memcpy(s, prefix, a);
    memset(s + a, c, n);
    memcpy(s + a + n, suffix, b + 1);
    *len = a + n + b;
    return s;
}

TEST(parse_string_length_limit) {
    Arena a = { 0 };
    size_t len;
    char *text = repeated("clinician \"", 'x', PARSE_MAX_STRING, "\"\n", &len);
    Parsed p = parse_bytes(&a, text, len);
    CHECK_INT(p.errors, 0);
    done(&p);
    free(text);
    text = repeated("clinician \"\"\"", 'x', PARSE_MAX_STRING + 1, "\"\"\"\n", &len);
    p = parse_bytes(&a, text, len);
    CHECK_INT(p.errors, 1);
    CHECK(p.complete);   /* reported at the string; the rest is still checked */
    CHECK(p.diags && strstr(p.diags, "t.form:1:11: error: string of 65537 bytes: a string holds at most 64 KiB"));
    CHECK(p.root && p.root->args && p.root->args->invalid);
    done(&p);
    free(text);
    arena_free(&a);
}

TEST(parse_line_length_limit) {
    Arena a = { 0 };
    size_t len;
    char *text = repeated("clinic \"x\"\n#", 'x', PARSE_MAX_LINE - 1, "\n", &len);
    Parsed p = parse_bytes(&a, text, len);
    CHECK_INT(p.errors, 0);
    done(&p);
    free(text);
    text = repeated("clinic \"x\"\n#", 'x', PARSE_MAX_LINE, "\nclinic \"y\"\n", &len);
    p = parse_bytes(&a, text, len);
    CHECK_INT(p.errors, 1);
    CHECK(!p.complete && p.root == NULL);
    CHECK(p.diags && strstr(p.diags, "t.form:2:131073: error: line longer than 128 KiB"));
    done(&p);
    free(text);
    arena_free(&a);
}

TEST(diagnostics_on_a_long_line_show_a_window) {
    Arena a = { 0 };
    /* 3000 'é' then a stray ':' then 3000 more: the window is 60 characters
     * each side, and the column counts characters */
    size_t n = 0;
    char *text = malloc(6000 * 2 + 16);
    for (int i = 0; i < 3000; i++) n += (size_t)sprintf(text + n, "\xC3\xA9");
    text[n++] = ':';
    for (int i = 0; i < 3000; i++) n += (size_t)sprintf(text + n, "\xC3\xA9");
    Parsed p = parse_bytes(&a, text, n);
    CHECK(p.diags && strstr(p.diags, "t.form:1:3001: error: unexpected ':'"));
    char expected[1024];
    size_t e = (size_t)sprintf(expected, "    1 | ...");
    for (int i = 0; i < 60; i++) e += (size_t)sprintf(expected + e, "\xC3\xA9");
    e += (size_t)sprintf(expected + e, ":");
    for (int i = 0; i < 59; i++) e += (size_t)sprintf(expected + e, "\xC3\xA9");
    sprintf(expected + e, "...\n      |    %60s^\n", "");
    CHECK(p.diags && strstr(p.diags, expected));
    done(&p);
    free(text);
    arena_free(&a);
}

/* ---- edit_distance and suggestions --------------------------------------- */

TEST(edit_distance_basics) {
    CHECK_INT(edit_distance("kitten", "sitting", 5), 3);
    CHECK_INT(edit_distance("", "abc", 5), 3);
    CHECK_INT(edit_distance("abc", "", 5), 3);
    CHECK_INT(edit_distance("same", "same", 0), 0);
    CHECK_INT(edit_distance("adress", "address", 3), 1);
    CHECK_INT(edit_distance("phon", "phone", 3), 1);
}

TEST(edit_distance_transposition_costs_one) {
    CHECK_INT(edit_distance("pateint", "patient", 3), 1);
    CHECK_INT(edit_distance("hmfps", "hfmps", 3), 1);
    CHECK_INT(edit_distance("ab", "ba", 3), 1);
    CHECK_INT(edit_distance("abcd", "badc", 3), 2);
}

TEST(edit_distance_ignores_case) {
    CHECK_INT(edit_distance("Patient", "patient", 3), 0);
    CHECK_INT(edit_distance("HFMPS", "hfmps", 3), 0);
}

TEST(edit_distance_limit) {
    CHECK_INT(edit_distance("abc", "xyz", 1), 2);              /* limit + 1 */
    CHECK_INT(edit_distance("a", "abcdefgh", 2), 3);           /* lengths alone exceed it */
    CHECK_INT(edit_distance("kitten", "sitting", 3), 3);       /* exactly the limit */
    CHECK_INT(edit_distance("kitten", "sitting", 2), 3);
    char longer[80];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    CHECK_INT(edit_distance(longer, longer, 4), 5);            /* over 64 letters: no answer */
}

static const char *suggest_among(const char *word, const char *const *cands, int n) {
    Suggest s;
    suggest_init(&s, word);
    for (int i = 0; i < n; i++) suggest_offer(&s, cands[i]);
    return suggest_result(&s);
}

TEST(suggest_picks_closest) {
    const char *clinic[] = { "address", "phone", "logo", "templates" };
    CHECK_STR(suggest_among("adress", clinic, 4), "address");
    CHECK_STR(suggest_among("phon", clinic, 4), "phone");
    CHECK_STR(suggest_among("templtes", clinic, 4), "templates");
    CHECK(suggest_among("fax", clinic, 4) == NULL);
    const char *status[] = { "draft", "final" };
    CHECK_STR(suggest_among("drfat", status, 2), "draft");
    CHECK_STR(suggest_among("Final", status, 2), "final");
}

TEST(suggest_thresholds) {
    /* up to 4 letters: 1 edit */
    const char *four[] = { "abcd" };
    CHECK_STR(suggest_among("abcx", four, 1), "abcd");
    CHECK(suggest_among("abxy", four, 1) == NULL);
    /* 5 to 8 letters: 2 edits */
    const char *eight[] = { "abcdefgh" };
    CHECK_STR(suggest_among("abcdefxy", eight, 1), "abcdefgh");
    CHECK(suggest_among("abcdexyz", eight, 1) == NULL);
    /* 9 and more: 3 edits */
    const char *nine[] = { "abcdefghi" };
    CHECK_STR(suggest_among("abcdefxyz", nine, 1), "abcdefghi");
    CHECK(suggest_among("abcdewxyz", nine, 1) == NULL);
}

TEST(suggest_skips_the_word_itself_and_star) {
    const char *c[] = { "*", "patient" };
    CHECK(suggest_among("patient", c, 2) == NULL);
    CHECK(suggest_among("x", c, 1) == NULL);
    Suggest s;
    suggest_init(&s, "anything");
    CHECK(suggest_result(&s) == NULL);
}

TEST(suggest_ties_keep_the_first) {
    const char *c[] = { "cat", "bat", "hat" };
    CHECK_STR(suggest_among("mat", c, 3), "cat");
    const char *d[] = { "bat", "mast", "at" };
    CHECK_STR(suggest_among("mat", d, 3), "bat");
}

/* ---- phases ---------------------------------------------------- */

static void check_spans(int weeks, int e1, int e2, int p1, int p2, int r1, int r2, int t1, int t2) {
    PhaseSpan s[PHASE_COUNT];
    phase_defaults(weeks, s);
    int want[8] = { e1, e2, p1, p2, r1, r2, t1, t2 };
    for (int p = 0; p < PHASE_COUNT; p++)
        if (s[p].first != want[2 * p] || s[p].last != want[2 * p + 1])
            UNIT_FAIL("%d weeks: %s is %d-%d, expected %d-%d", weeks, phase_names[p], s[p].first,
                      s[p].last, want[2 * p], want[2 * p + 1]);
}

TEST(phase_defaults_values) {
    check_spans(12, 1, 3, 4, 6, 7, 10, 11, 12);
    check_spans(16, 1, 4, 5, 8, 9, 13, 14, 16);
    check_spans(24, 1, 6, 7, 12, 13, 20, 21, 24);
    check_spans(4, 1, 1, 2, 2, 3, 3, 4, 4);
    check_spans(10, 1, 3, 4, 5, 6, 8, 9, 10);
}

TEST(phase_defaults_cover_every_length) {
    /* for every length a group may have: four non-empty phases, in order,
     * from week 1 to the last week, with no gap or overlap */
    for (int w = 4; w <= 104; w++) {
        PhaseSpan s[PHASE_COUNT];
        phase_defaults(w, s);
        bool ok = s[0].first == 1 && s[PHASE_COUNT - 1].last == w;
        for (int p = 0; p < PHASE_COUNT; p++) {
            ok &= s[p].first <= s[p].last && !s[p].set;
            if (p > 0) ok &= s[p].first == s[p - 1].last + 1;
        }
        if (!ok) UNIT_FAIL("%d weeks: %d-%d %d-%d %d-%d %d-%d", w, s[0].first, s[0].last, s[1].first,
                           s[1].last, s[2].first, s[2].last, s[3].first, s[3].last);
        /* engagement is about the first quarter, termination about the last sixth */
        if (s[0].last != (w + 2) / 4) UNIT_FAIL("%d weeks: engagement ends in week %d", w, s[0].last);
        if (w - s[3].first + 1 != (w + 3) / 6)
            UNIT_FAIL("%d weeks: termination is %d weeks long", w, w - s[3].first + 1);
    }
}

/* ---- the reference documents every statement ---------------------------- */

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

/* Whether word appears in text as a whole word (not inside a longer name). */
static bool has_word(const char *text, const char *word) {
    size_t n = strlen(word);
    for (const char *p = text; (p = strstr(p, word)); p++) {
        bool before = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        bool after = !(isalnum((unsigned char)p[n]) || p[n] == '_');
        if (before && after) return true;
    }
    return false;
}

/* Whether word appears in text as code: `word` or inside a code span/block.
 * Approximated by: the word appears right after a backtick or at the start of
 * an indented/code line, or inside a fenced block. */
static bool has_code_word(const char *text, const char *word) {
    char probe[128];
    snprintf(probe, sizeof probe, "`%s", word);
    if (strstr(text, probe)) return true;
    const char *fence = text;
    while ((fence = strstr(fence, "```"))) {
        const char *end = strstr(fence + 3, "```");
        if (!end) break;
        size_t len = (size_t)(end - fence);
        char *block = malloc(len + 1);
        memcpy(block, fence, len);
        block[len] = '\0';
        bool found = has_word(block, word);
        free(block);
        if (found) return true;
        fence = end + 3;
    }
    return false;
}

TEST(language_reference_documents_every_field) {
    char *doc = read_all("docs/language.md");
    if (!doc) {
        UNIT_FAIL("cannot read docs/language.md (run from the top of the repository)");
        return;
    }
    for (int i = 0; i < schema_count; i++) {
        const char *name = schema[i].name;
        if (!strcmp(name, "*")) continue;
        if (!has_code_word(doc, name))
            UNIT_FAIL("docs/language.md does not show the statement '%s' (%s) as code", name,
                      context_name(schema[i].ctx));
    }
    free(doc);
}

TEST(language_reference_documents_every_argument_word) {
    /* the words of every signature: enum choices, keywords, =words */
    char *doc = read_all("docs/language.md");
    if (!doc) {
        UNIT_FAIL("cannot read docs/language.md");
        return;
    }
    static const char *types[] = { "str", "num", "int", "date", "name", "scale", "item" };
    for (int i = 0; i < schema_count; i++) {
        char sig[256];
        snprintf(sig, sizeof sig, "%s", schema[i].sig);
        for (char *item = strtok(sig, " "); item; item = strtok(NULL, " ")) {
            char *p = item;
            if (*p == '?') p++;
            if (*p == '=') p++;
            char *colon = strchr(p, ':');
            if (colon) *colon = '\0';
            size_t len = strlen(p);
            if (len && p[len - 1] == '+') p[len - 1] = '\0';
            for (char *w = p; w && *w;) {
                char *bar = strchr(w, '|');
                if (bar) *bar = '\0';
                bool is_type = false;
                for (size_t t = 0; t < sizeof types / sizeof *types; t++) is_type |= !strcmp(w, types[t]);
                if ((colon || !is_type) && !has_word(doc, w))
                    UNIT_FAIL("docs/language.md never mentions '%s' (from '%s %s')", w, schema[i].name,
                              schema[i].sig);
                w = bar ? bar + 1 : NULL;
            }
        }
    }
    free(doc);
}

TEST(language_reference_states_the_limits) {
    char *doc = read_all("docs/language.md");
    if (!doc) {
        UNIT_FAIL("cannot read docs/language.md");
        return;
    }
    char num[32];
    snprintf(num, sizeof num, "%d", PARSE_MAX_DEPTH);
    if (!has_word(doc, num)) UNIT_FAIL("the block depth limit %s is not in docs/language.md", num);
    snprintf(num, sizeof num, "%u MiB", SOURCE_MAX_BYTES / (1024 * 1024));
    if (!strstr(doc, num)) UNIT_FAIL("the size limit '%s' is not in docs/language.md", num);
    for (int p = 0; p < PHASE_COUNT; p++)
        if (!has_word(doc, phase_names[p])) UNIT_FAIL("phase %s is not in docs/language.md", phase_names[p]);
    free(doc);
}
