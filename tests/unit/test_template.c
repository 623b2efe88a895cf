/* Unit tests for the template engine (runtime/template/): each construct,
 * literal values, diagnostics and their locations, loading with override,
 * languages, limits, and the shipped letter templates. */
#include "template/template.h"
#include "base/date.h"
#include "base/diag.h"
#include "front/compile.h"
#include "front/schema.h"
#include "unit.h"

#include <ctype.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ---------------------------------------------------------- */

/* The diagnostics a test saw (printed through base/diag): the first line
 * of each ("FILE:LINE:COL: error: MESSAGE") in text, everything printed
 * (source lines and carets too) in full. */
typedef struct {
    char text[8192];
    char full[16384];
    int count;
} Diags;

static FILE *capture_file;
static char *capture_buf;
static size_t capture_len;

/* Starts capturing what base/diag prints. */
static void capture(void) {
    capture_file = open_memstream(&capture_buf, &capture_len);
    diag_reset();
    diag_configure(&(DiagOptions){ .max_errors = 0 });
    diag_set_output(capture_file);
}

/* Stops capturing and adds what was printed to g. */
static void captured(Diags *g) {
    fclose(capture_file);
    diag_set_output(NULL);
    size_t used = strlen(g->full);
    snprintf(g->full + used, sizeof g->full - used, "%s", capture_buf);
    for (char *line = strtok(capture_buf, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strstr(line, "error: ") || line[0] == ' ') continue;
        used = strlen(g->text);
        snprintf(g->text + used, sizeof g->text - used, "%s\n", line);
        g->count++;
    }
    free(capture_buf);
    capture_buf = NULL;
    diag_reset();
}

/* template_parse, template_load and template_expand with their
 * diagnostics added to g. */
static Template *parse_c(const char *file, const char *text, size_t len, Diags *g) {
    capture();
    Template *t = template_parse(file, text, len);
    captured(g);
    return t;
}
static Template *load_c(const char *const *dirs, int n, const char *name, const char *lang,
                        Diags *g) {
    capture();
    Template *t = template_load(dirs, n, name, lang);
    captured(g);
    return t;
}
static TemplateDoc *expand_c(const Template *t, const TValue *data, Diags *g) {
    capture();
    TemplateDoc *doc = template_expand(t, data);
    captured(g);
    return doc;
}

/* Writes a document as one string: a line per block, "kind: runs", where a
 * value run is shown as [v:...], bold as [b:...], italic as [i:...], a
 * line break as "|" and a cell separator as "/". */
static char dumped[16384];
static const char *dump(const TemplateDoc *doc) {
    dumped[0] = 0;
    if (!doc) return "(null)";
    size_t u = 0;
    for (int i = 0; i < doc->nblocks; i++) {
        const TemplateBlock *b = &doc->blocks[i];
        u += (size_t)snprintf(dumped + u, sizeof dumped - u, "%s: ",
                              template_block_kind_name(b->kind));
        for (int r = 0; r < b->nruns && u < sizeof dumped; r++) {
            const TemplateRun *run = &b->runs[r];
            if (!strcmp(run->text, "\n")) {
                u += (size_t)snprintf(dumped + u, sizeof dumped - u, "|");
                continue;
            }
            if (run->style & TS_SEP) {
                u += (size_t)snprintf(dumped + u, sizeof dumped - u, "/");
                continue;
            }
            char tag[4] = "";
            int t = 0;
            if (run->from_value) tag[t++] = 'v';
            if (run->style & TS_BOLD) tag[t++] = 'b';
            if (run->style & TS_ITALIC) tag[t++] = 'i';
            tag[t] = 0;
            if (t)
                u += (size_t)snprintf(dumped + u, sizeof dumped - u, "[%s:%s]",
                                      tag, run->text);
            else
                u += (size_t)snprintf(dumped + u, sizeof dumped - u, "%s",
                                      run->text);
        }
        if (u < sizeof dumped)
            u += (size_t)snprintf(dumped + u, sizeof dumped - u, "\n");
    }
    return dumped;
}

/* Parses and expands src with data; returns the dump, diagnostics in g. */
static const char *run_tmpl(const char *src, const TValue *data, Diags *g) {
    memset(g, 0, sizeof *g);
    Template *t = parse_c("t.tmpl", src, strlen(src), g);
    if (!t) return "(parse failed)";
    TemplateDoc *doc = expand_c(t, data, g);
    const char *s = doc ? dump(doc) : "(expand failed)";
    template_doc_free(doc);
    template_free(t);
    return s;
}

/* Where the sample's names were written: two spans of a formulation. */
static Source form = { .path = "jane.form" };
static const Loc origin_a = { &form, 20, 6 }, origin_b = { &form, 40, 10 };

/* A small data set used by most tests. */
static TValue *sample(void) {
    TValue *d = tv_map();
    tv_set(d, "patient.preferred", tv_text("Jane", origin_a));
    tv_set(d, "patient.name", tv_text("Jane Doe", origin_b));
    TValue *leaders = tv_list();
    tv_list_add(leaders, tv_text("Dr. A", LOC_NONE));
    tv_list_add(leaders, tv_text("Dr. B", LOC_NONE));
    tv_list_add(leaders, tv_text("Dr. C", LOC_NONE));
    tv_set(d, "group.leaders", leaders);
    tv_set(d, "group.empty", tv_list());
    tv_set(d, "letter.in_group", NULL); /* known, absent */
    tv_set(d, "letter.pattern", tv_text("You work hard.", LOC_NONE));
    tv_set(d, "draft", tv_bool(0));
    tv_set(d, "final", tv_bool(1));
    return d;
}

/* ---- constructs ------------------------------------------------------- */

TEST(placeholder_inserts_value_as_plain_run) {
    TValue *d = sample();
    Diags g;
    CHECK_STR(run_tmpl("Dear {{ patient.preferred }},\n", d, &g),
              "paragraph: Dear [v:Jane],\n");
    CHECK_INT(g.count, 0);
    /* the run carries the value's origin and the placeholder's place */
    Template *t = parse_c("t", "ab {{patient.name}}", 19, &g);
    TemplateDoc *doc = expand_c(t, d, &g);
    CHECK(doc && doc->nblocks == 1 && doc->blocks[0].nruns == 2);
    if (doc && doc->nblocks == 1 && doc->blocks[0].nruns == 2) {
        const TemplateRun *r = &doc->blocks[0].runs[1];
        CHECK(r->from_value);
        CHECK(loc_same(r->origin, origin_b));
        CHECK_INT(r->at.off, 3);                     /* the whole placeholder */
        CHECK_INT(r->at.len, 16);
        CHECK_STR(r->at.src->path, "t");
        /* wording's origin is its own span of the template */
        const TemplateRun *w = &doc->blocks[0].runs[0];
        CHECK(!w->from_value);
        CHECK(w->origin.src == r->at.src && w->origin.off == 0 && w->origin.len == 3);
    }
    template_doc_free(doc);
    template_free(t);
    tv_free(d);
}

TEST(if_else_unless_and_absent_values) {
    TValue *d = sample();
    Diags g;
    CHECK_STR(run_tmpl("{{#if letter.in_group}}yes{{else}}no{{/if}}", d, &g),
              "paragraph: no\n");
    CHECK_STR(run_tmpl("{{#if letter.pattern}}yes{{else}}no{{/if}}", d, &g),
              "paragraph: yes\n");
    CHECK_STR(run_tmpl("{{#unless draft}}final{{/unless}}", d, &g),
              "paragraph: final\n");
    CHECK_STR(run_tmpl("{{#if final}}F{{/if}}{{#if group.empty}}E{{/if}}"
                       "{{#if group.leaders}}L{{/if}}", d, &g),
              "paragraph: FL\n");
    CHECK_INT(g.count, 0);
    tv_free(d);
}

TEST(each_with_loop_names) {
    TValue *d = sample();
    Diags g;
    CHECK_STR(run_tmpl("{{#each group.leaders}}{{this}}{{#unless @last}}, "
                       "{{/unless}}{{/each}}", d, &g),
              "paragraph: [v:Dr. A], [v:Dr. B], [v:Dr. C]\n");
    CHECK_STR(run_tmpl("{{#each group.leaders}}{{#unless @first}}{{#if @last}}"
                       " and {{else}}, {{/if}}{{/unless}}{{this}}{{/each}}",
                       d, &g),
              "paragraph: [v:Dr. A], [v:Dr. B] and [v:Dr. C]\n");
    CHECK_STR(run_tmpl("{{#each group.leaders}}\n- {{@number}}. {{this}}\n"
                       "{{/each}}", d, &g),
              "item: [v:1]. [v:Dr. A]\nitem: [v:2]. [v:Dr. B]\n"
              "item: [v:3]. [v:Dr. C]\n");
    CHECK_STR(run_tmpl("{{#each group.empty}}x{{else}}none{{/each}}", d, &g),
              "paragraph: none\n");
    CHECK_INT(g.count, 0);
    tv_free(d);
}

TEST(nested_each_and_if) {
    TValue *d = tv_map();
    TValue *phases = tv_list();
    for (int i = 0; i < 2; i++) {
        TValue *ph = tv_map();
        tv_map_set(ph, "title", tv_text(i ? "Ending" : "Start", LOC_NONE));
        TValue *notes = tv_list();
        tv_list_add(notes, tv_text(i ? "z" : "x", LOC_NONE));
        if (!i) tv_list_add(notes, tv_text("y", LOC_NONE));
        tv_map_set(ph, "notes", notes);
        tv_map_set(ph, "extra", i ? tv_text("late", LOC_NONE) : NULL);
        tv_list_add(phases, ph);
    }
    tv_map_set(d, "phases", phases);
    Diags g;
    const char *src =
        "{{#each phases}}\n"
        "# {{this.title}}\n"
        "{{#each this.notes}}\n"
        "- {{this}}{{#if @last}}.{{/if}}\n"
        "{{/each}}\n"
        "\n"
        "{{#if this.extra}}\n"
        "Extra: {{this.extra}}\n"
        "{{/if}}\n"
        "\n"
        "{{/each}}\n";
    CHECK_STR(run_tmpl(src, d, &g),
              "heading: [v:Start]\nitem: [v:x]\nitem: [v:y].\n"
              "heading: [v:Ending]\nitem: [v:z].\nparagraph: Extra: [v:late]\n");
    CHECK_INT(g.count, 0);
    tv_free(d);
}

TEST(comments_and_standalone_tags_leave_no_trace) {
    TValue *d = sample();
    Diags g;
    CHECK_STR(run_tmpl("{{! a note for the clinic,\n over two lines }}\n"
                       "One\n  {{#if draft}}\nDraft\n  {{/if}}\ntwo.\n", d, &g),
              "paragraph: One two.\n");
    CHECK_INT(g.count, 0);
    tv_free(d);
}

TEST(line_structure_from_template) {
    TValue *d = sample();
    Diags g;
    const char *src =
        "@letterhead\n*Clinic*\n1 Main St\n\n"
        "@date 14 January\n"
        "# About {{patient.preferred}}\n"
        "First line\njoined here.\n\n"
        "Second *bold* and _italic_ and *_both_*.\n"
        "- item one\n- item\n  two\n\n"
        "Escapes: \\*x\\* \\_ \\# \\{{ \\@ \\\\ a\\b\n"
        "\\# not a heading\n\n"
        "@signature\nWarmly,\n{{patient.name}}\n";
    CHECK_STR(run_tmpl(src, d, &g),
              "letterhead: [b:Clinic]|1 Main St\n"
              "date: 14 January\n"
              "heading: About [v:Jane]\n"
              "paragraph: First line joined here.\n"
              "paragraph: Second [b:bold] and [i:italic] and [bi:both].\n"
              "item: item one\n"
              "item: item two\n"
              "paragraph: Escapes: *x* _ # {{ @ \\ a\\b # not a heading\n"
              "signature: Warmly,|[v:Jane Doe]\n");
    CHECK_INT(g.count, 0);
    tv_free(d);
}

TEST(alt_text_runs_to_the_figure_it_describes) {
    TValue *d = sample();
    Diags g;
    const char *src =
        "@alt A chart of {{patient.preferred}}'s scores\n"
        "{{#each group.leaders}}\n"
        "{{this}}\n"
        "{{/each}}\n"
        "with a | bar and\nmore.\n"
        "@insert profile | Pre\n"
        "@alt The logo\n"
        "\n"
        "After.\n";
    CHECK_STR(run_tmpl(src, d, &g),
              "alt: A chart of [v:Jane]'s scores [v:Dr. A] [v:Dr. B] [v:Dr. C] with a | bar and more.\n"
              "insert: profile/Pre\n"
              "alt: The logo\n"
              "paragraph: After.\n");
    CHECK_INT(g.count, 0);
    tv_free(d);
}

TEST(heading_levels_inserts_tables_and_small_print) {
    TValue *d = sample();
    tv_set(d, "bar", tv_text("a | b\nc", LOC_NONE));
    Diags g;
    const char *src =
        "# One\n## Two {{patient.preferred}}\n### Three\n#### Four\n"
        "@insert scores | Scale | Pre \\| post |\n"
        "@insert  profile\n"
        "@table\n*Patient* | {{patient.name}}\nNote|{{bar}}\n"
        "{{#each group.leaders}}\nLeader {{@number}} | {{this}}\n{{/each}}\n"
        "\n"
        "@small Norms: {{bar}}\nand more.\n";
    CHECK_STR(run_tmpl(src, d, &g),
              "heading: One\n"
              "heading: Two [v:Jane]\n"
              "heading: Three\n"
              "paragraph: #### Four\n"
              "insert: scores/Scale/Pre | post/\n"
              "insert: profile\n"
              "table: [b:Patient]/[v:Jane Doe]|Note/[v:a | b c]|Leader [v:1]/[v:Dr. A]|"
              "Leader [v:2]/[v:Dr. B]|Leader [v:3]/[v:Dr. C]\n"
              "small: Norms: [v:a | b]\n"
              "small: [v:c] and more.\n");
    CHECK_INT(g.count, 0);
    /* levels, rows and cells as the layout sees them */
    Template *t = parse_c("t", src, strlen(src), &g);
    TemplateDoc *doc = expand_c(t, d, &g);
    CHECK(doc && doc->nblocks == 9);
    if (doc && doc->nblocks == 9) {
        CHECK_INT(doc->blocks[0].level, 1);
        CHECK_INT(doc->blocks[1].level, 2);
        CHECK_INT(doc->blocks[2].level, 3);
        TemplateCell cells[4];
        int pos = 0;
        CHECK_INT(template_row(&doc->blocks[4], &pos, cells, 4), 4);
        char *s = template_cell_text(&doc->blocks[4], cells[2]);
        CHECK_STR(s, "Pre | post");
        free(s);
        CHECK_INT(cells[3].n, 0);
        CHECK_INT(template_row(&doc->blocks[4], &pos, cells, 4), 0);
        pos = 0;
        int rows = 0, n;
        while ((n = template_row(&doc->blocks[6], &pos, cells, 4)) > 0) {
            CHECK_INT(n, 2);
            rows++;
        }
        CHECK_INT(rows, 5);
        s = template_cell_text(&doc->blocks[6], cells[0]);
        CHECK_STR(s, "Leader 3");
        free(s);
    }
    template_doc_free(doc);
    template_free(t);
    /* '|' is plain text outside @insert and @table */
    CHECK_STR(run_tmpl("a | b\n", d, &g), "paragraph: a | b\n");
    CHECK_STR(run_tmpl("@inserts x\n", d, &g), "(expand failed)");
    tv_free(d);
}

TEST(values_are_never_interpreted) {
    TValue *d = tv_map();
    tv_set(d, "x", tv_text("{{x}} # Heading <b>& *no* _no_ @date - item \\*",
                           LOC_NONE));
    tv_set(d, "h", tv_text("# Heading", LOC_NONE));
    Diags g;
    CHECK_STR(run_tmpl("{{x}}\n", d, &g),
              "paragraph: [v:{{x}} # Heading <b>& *no* _no_ @date - item \\*]\n");
    CHECK_STR(run_tmpl("Text\n{{h}}\n", d, &g),
              "paragraph: Text [v:# Heading]\n");
    CHECK_STR(run_tmpl("{{h}}\n", d, &g), "paragraph: [v:# Heading]\n");
    CHECK_INT(g.count, 0);
    tv_free(d);
}

TEST(value_paragraph_breaks_split_paragraphs_only) {
    TValue *d = tv_map();
    tv_set(d, "p", tv_text("First part.\n\nSecond part.", LOC_NONE));
    tv_set(d, "a", tv_text("1 Main St\nVancouver", LOC_NONE));
    Diags g;
    CHECK_STR(run_tmpl("Intro: {{p}} End.\n", d, &g),
              "paragraph: Intro: [v:First part.]\n"
              "paragraph: [v:Second part.] End.\n");
    CHECK_STR(run_tmpl("@letterhead\n{{a}}\n", d, &g),
              "letterhead: [v:1 Main St]|[v:Vancouver]\n");
    CHECK_STR(run_tmpl("# {{p}}\n", d, &g),
              "heading: [v:First part. Second part.]\n");
    CHECK_STR(run_tmpl("*{{p}}*\n", d, &g),
              "paragraph: [vb:First part.]\nparagraph: [vb:Second part.]\n");
    CHECK_INT(g.count, 0);
    tv_free(d);
}

/* ---- diagnostics ------------------------------------------------------ */

TEST(unknown_name_reported_at_character_column) {
    TValue *d = sample();
    Diags g;
    /* "Chère " holds a two-byte character: the placeholder is at
     * character column 9 (byte column 10) */
    CHECK_STR(run_tmpl("Line one\nChère é {{patient.prefered}},\n", d, &g),
              "(expand failed)");
    CHECK_STR(g.text, "t.tmpl:2:9: error: unknown name 'patient.prefered'; "
                      "did you mean 'patient.preferred'?\n");
    tv_free(d);
}

TEST(unknown_name_in_untaken_branch_is_still_an_error) {
    TValue *d = sample();
    Diags g;
    run_tmpl("{{#if draft}}\n{{nonsense.value}}\n{{/if}}\n", d, &g);
    CHECK_STR(g.text, "t.tmpl:2:1: error: unknown name 'nonsense.value' "
                      "(docs/templates.md lists the names a document provides)\n");
    run_tmpl("{{#each group.leaders}}{{pattient.name}}{{/each}}", d, &g);
    CHECK_INT(g.count, 1); /* once, not once per leader */
    CHECK(strstr(g.text, "did you mean 'patient.name'?") != NULL);
    tv_free(d);
}

TEST(printing_absent_or_non_text_is_an_error) {
    TValue *d = sample();
    Diags g;
    CHECK_STR(run_tmpl("x {{letter.in_group}}", d, &g), "(expand failed)");
    CHECK_STR(g.text, "t.tmpl:1:3: error: 'letter.in_group' has no value in "
              "this document; print it inside {{#if letter.in_group}}\n");
    run_tmpl("{{group.leaders}}", d, &g);
    CHECK(strstr(g.text, "is a list") != NULL);
    run_tmpl("{{draft}}", d, &g);
    CHECK(strstr(g.text, "yes/no") != NULL);
    run_tmpl("{{#each patient.name}}{{/each}}", d, &g);
    CHECK(strstr(g.text, "not a list") != NULL);
    run_tmpl("{{patient.name.first}}", d, &g);
    CHECK(strstr(g.text, "'patient.name' is text") != NULL);
    tv_free(d);
}

TEST(unclosed_block_reported_where_it_opens) {
    TValue *d = sample();
    Diags g;
    CHECK_STR(run_tmpl("Hello\n  é {{#if draft}}\nx\n", d, &g),
              "(parse failed)");
    CHECK_STR(g.text, "t.tmpl:2:5: error: '{{#if draft}}' is never closed "
                      "(expected '{{/if}}')\n");
    run_tmpl("{{#each group.leaders}}\n{{#if draft}}x{{/each}}\n", d, &g);
    CHECK(strstr(g.text, "t.tmpl:2:15: error: '{{/each}}' does not match "
                         "'{{#if draft}}' opened at line 2, column 1") != NULL);
    run_tmpl("a {{/if}}", d, &g);
    CHECK_STR(g.text, "t.tmpl:1:3: error: '{{/if}}' closes a block that was "
                      "never opened\n");
    tv_free(d);
}

TEST(syntax_errors) {
    TValue *d = sample();
    Diags g;
    run_tmpl("{{#iff draft}}{{/if}}", d, &g);
    CHECK(strstr(g.text, "t.tmpl:1:1: error: unknown block '#iff'; did you "
                         "mean '#if'?") != NULL);
    run_tmpl("ab {{ patient.name\n}}", d, &g);
    CHECK(strstr(g.text, "t.tmpl:1:4: error: '{{' is not closed") != NULL);
    run_tmpl("{{patient name}}", d, &g);
    CHECK(strstr(g.text, "one name") != NULL);
    run_tmpl("{{this}}", d, &g);
    CHECK(strstr(g.text, "inside {{#each}}") != NULL);
    run_tmpl("{{#each group.empty}}{{else}}{{this}}{{/each}}", d, &g);
    CHECK(strstr(g.text, "t.tmpl:1:30: error: 'this' is only meaningful "
                         "inside {{#each}}") != NULL);
    run_tmpl("{{@index}}", d, &g);
    CHECK(strstr(g.text, "unknown loop name") != NULL);
    run_tmpl("{{patient..name}}", d, &g);
    CHECK(strstr(g.text, "is not a name") != NULL);
    run_tmpl("{{! never closed", d, &g);
    CHECK(strstr(g.text, "never closed") != NULL);
    run_tmpl("{{#if draft}}a{{else}}b{{else}}c{{/if}}", d, &g);
    CHECK(strstr(g.text, "second '{{else}}'") != NULL);
    run_tmpl("@lettrehead\nx\n", d, &g);
    CHECK_STR(g.text, "t.tmpl:1:1: error: unknown directive '@lettrehead'; "
                      "did you mean '@letterhead'?\n");
    run_tmpl("Some *bold\ntext\n\nnext", d, &g);
    CHECK_STR(g.text, "t.tmpl:1:6: error: '*' starts bold text that is not "
              "closed in the same block (write \\* for an asterisk)\n");
    tv_free(d);
}

TEST(invalid_utf8_is_located) {
    Diags g = {0};
    Template *t = parse_c("t.tmpl", "ok\nab\xff", 6, &g);
    CHECK(t == NULL);
    CHECK_STR(g.text, "t.tmpl:2:3: error: invalid UTF-8 in template\n");
}

TEST(problems_show_the_template_line_and_a_caret) {
    TValue *d = sample();
    Diags g;
    run_tmpl("Dear {{patient.prefered}},\n", d, &g);
    CHECK_STR(g.full, "t.tmpl:1:6: error: unknown name 'patient.prefered'; did you mean "
                      "'patient.preferred'?\n"
                      "    1 | Dear {{patient.prefered}},\n"
                      "      |      ^~~~~~~~~~~~~~~~~~~~\n");
    run_tmpl("# Title\n\n{{#iff draft}}x{{/if}}\n", d, &g);
    CHECK(strstr(g.full, "t.tmpl:3:1: error: unknown block '#iff'; did you mean '#if'?\n"
                         "    3 | {{#iff draft}}x{{/if}}\n"
                         "      | ^~~~~~~~~~~~~~\n") != NULL);
    run_tmpl("\xc3\xa9t\xc3\xa9 @signatur\n", d, &g);   /* columns count characters */
    CHECK_STR(g.text, "");                                 /* not at a line's start: text */
    run_tmpl("  @signatur\n", d, &g);
    CHECK_STR(g.full, "t.tmpl:1:3: error: unknown directive '@signatur'; did you mean "
                      "'@signature'?\n"
                      "    1 |   @signatur\n"
                      "      |   ^~~~~~~~~\n");
    tv_free(d);
}

/* ---- limits ----------------------------------------------------------- */

TEST(nesting_deeper_than_limit_is_an_error) {
    TValue *d = sample();
    char src[2000] = "";
    for (int i = 0; i < TEMPLATE_MAX_DEPTH + 1; i++) strcat(src, "{{#if draft}}");
    for (int i = 0; i < TEMPLATE_MAX_DEPTH + 1; i++) strcat(src, "{{/if}}");
    Diags g;
    CHECK_STR(run_tmpl(src, d, &g), "(parse failed)");
    CHECK(strstr(g.text, "nested more than 32 deep") != NULL);
    tv_free(d);
}

TEST(runaway_loops_stop_with_an_error) {
    TValue *d = tv_map();
    TValue *l = tv_list();
    for (int i = 0; i < 10; i++) tv_list_add(l, tv_text("word", LOC_NONE));
    tv_map_set(d, "l", l);
    char src[4000] = "";
    for (int i = 0; i < 12; i++) strcat(src, "{{#each l}}");
    strcat(src, "{{@number}} text text text\n");
    for (int i = 0; i < 12; i++) strcat(src, "{{/each}}");
    Diags g;
    CHECK_STR(run_tmpl(src, d, &g), "(expand failed)");
    CHECK_INT(g.count, 1);
    CHECK(strstr(g.text, "loop inside loops") != NULL);
    tv_free(d);
}

/* Texts of the input that together pass the limit are told at the input,
 * with a note where the template prints them (the report's goals, 80 of
 * 60 KB, were blamed on the shipped template as "a loop inside loops?"). */
TEST(input_texts_past_the_limit_are_told_at_the_input) {
    Arena a = {0};
    size_t n = 60000;
    char *text = malloc(n + 1);
    for (size_t i = 0; i < n; i++) text[i] = i % 5 == 4 ? ' ' : 'w';
    text[n] = 0;
    Source *src = source_from_bytes(&a, "goals.form", text, n);
    TValue *d = tv_map();
    TValue *l = tv_list();
    for (int i = 0; i < 80; i++) tv_list_add(l, tv_text(text, (Loc){ src, 0, (uint32_t)n }));
    tv_map_set(d, "l", l);
    Diags g;
    CHECK_STR(run_tmpl("{{#each l}}\n- {{this}}\n{{/each}}\n", d, &g), "(expand failed)");
    CHECK(strstr(g.text, "goals.form:1:1: error: with this text the document passes 4 MiB") != NULL);
    CHECK(strstr(g.full, "t.tmpl:2:3: note: the template prints it here") != NULL);
    CHECK(strstr(g.text, "loop inside loops?") == NULL);
    tv_free(d);
    free(text);
    arena_free(&a);
}

/* ---- "did you mean": one rule for templates and formulations ------------ */

/* The name quoted after "did you mean '" in text, or "" when none is. */
static const char *suggested(const char *text, char *buf, size_t n) {
    const char *p = strstr(text, "did you mean '");
    buf[0] = 0;
    if (!p) return buf;
    p += strlen("did you mean '");
    const char *q = strchr(p, '\'');
    snprintf(buf, n, "%.*s", q ? (int)(q - p) : 0, p);
    return buf;
}

/* What formc check suggests for word as a statement in ctx ("" when
 * nothing): the formulation is compiled from memory. */
static const char *formulation_suggests(const char *word, Context ctx, char *buf, size_t n) {
    Session s;
    session_init(&s);
    s.datadir = "templates";
    Arena a = {0};
    char text[256];
    if (ctx == CTX_PATIENT)
        snprintf(text, sizeof text, "patient \"A B\" {\n    %s \"x\"\n}\n", word);
    else
        snprintf(text, sizeof text, "%s \"x\"\n", word);
    char *out = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&out, &size);
    diag_reset();
    diag_set_output(mem);
    CompileStatus st;
    compile_source(&s, &a, source_from_bytes(&a, "t.form", text, strlen(text)),
                   &(CompileOptions){0}, &st);
    fclose(mem);
    diag_set_output(NULL);
    diag_reset();
    char *line = strstr(out, "unknown field");
    suggested(line ? line : "", buf, n);
    free(out);
    arena_free(&a);
    session_free(&s);
    return buf;
}

/* What a template suggests for {{word}} when its data holds the names of
 * the statements of ctx. */
static const char *template_suggests(const char *word, Context ctx, char *buf, size_t n) {
    TValue *d = tv_map();
    for (int i = 0; i < schema_count; i++)
        if (schema[i].ctx == ctx && strcmp(schema[i].name, "*"))
            tv_map_set(d, schema[i].name, tv_text("x", LOC_NONE));
    char src[128];
    snprintf(src, sizeof src, "{{%s}}", word);
    Diags g;
    run_tmpl(src, d, &g);
    tv_free(d);
    return suggested(g.text, buf, n);
}

TEST(template_and_formulation_suggest_alike) {
    /* case, a transposition, a short word, a letter too many or too few,
     * and words too far from any name */
    static const struct { const char *word; Context ctx; } typos[] = {
        {"clinicain", CTX_FILE}, {"CLINICIAN", CTX_FILE}, {"Clinican", CTX_FILE},
        {"pateint", CTX_FILE}, {"crpp", CTX_FILE}, {"lettre", CTX_FILE},
        {"langauge", CTX_FILE}, {"grup", CTX_FILE}, {"xyzzy", CTX_FILE},
        {"preferd", CTX_PATIENT}, {"PREFERED", CTX_PATIENT}, {"bron", CTX_PATIENT},
        {"pronuons", CTX_PATIENT}, {"di", CTX_PATIENT}, {"nickname", CTX_PATIENT},
    };
    for (size_t i = 0; i < sizeof typos / sizeof *typos; i++) {
        char f[64], t[64];
        formulation_suggests(typos[i].word, typos[i].ctx, f, sizeof f);
        template_suggests(typos[i].word, typos[i].ctx, t, sizeof t);
        if (strcmp(f, t))
            UNIT_FAIL("'%s': the formulation suggests '%s', the template '%s'",
                      typos[i].word, f, t);
    }
    /* the rule itself: transpositions and case cost what they should */
    char buf[64];
    CHECK_STR(template_suggests("clinicain", CTX_FILE, buf, sizeof buf), "clinician");
    CHECK_STR(template_suggests("CLINICIAN", CTX_FILE, buf, sizeof buf), "clinician");
    CHECK_STR(template_suggests("xyzzy", CTX_FILE, buf, sizeof buf), "");
    Diags g;
    TValue *d = sample();
    run_tmpl("{{#fi draft}}x{{/fi}}", d, &g);
    CHECK(strstr(g.text, "unknown block '#fi'; did you mean '#if'?") != NULL);
    run_tmpl("@LOGO x.png\n", d, &g);
    CHECK(strstr(g.text, "unknown directive '@LOGO'; did you mean '@logo'?") != NULL);
    tv_free(d);
}

TEST(oversized_template_is_refused) {
    size_t n = TEMPLATE_MAX_BYTES + 1;
    char *big = malloc(n);
    memset(big, 'a', n);
    Diags g = {0};
    CHECK(parse_c("big.tmpl", big, n, &g) == NULL);
    CHECK(strstr(g.text, "larger than") != NULL);
    free(big);
}

TEST(hostile_inputs_do_not_crash) {
    TValue *d = sample();
    const char *bad[] = {"{{", "}}", "{{{", "{{#", "{{/", "{{#if}}", "{{#each",
                         "*", "_", "\\", "@", "# ", "- ", "{{}}", "{{ }}",
                         "{{#if draft}}{{else}}", "{{else}}", "\n\n\n",
                         "{{! }}{{!}}", "{{#each group.leaders}}{{@last}}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Diags g;
        run_tmpl(bad[i], d, &g); /* must simply return */
    }
    /* a map that is not a map */
    Diags g = {0};
    Template *t = parse_c("t", "x", 1, &g);
    TValue *s = tv_text("x", LOC_NONE);
    CHECK(expand_c(t, s, &g) == NULL);
    tv_free(s);
    template_free(t);
    tv_free(d);
}

/* ---- loading ---------------------------------------------------------- */

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

TEST(clinic_directory_overrides_shipped_template) {
    char base[] = "/tmp/formc-tmpl-XXXXXX";
    CHECK(mkdtemp(base) != NULL);
    char clinic[600], shipped[600], path[700];
    snprintf(clinic, sizeof clinic, "%s/clinic", base);
    snprintf(shipped, sizeof shipped, "%s/shipped", base);
    mkdir(clinic, 0700);
    mkdir(shipped, 0700);
    snprintf(path, sizeof path, "%s/letter.en.tmpl", shipped);
    write_file(path, "Shipped wording.\n");
    snprintf(path, sizeof path, "%s/letter.fr.tmpl", shipped);
    write_file(path, "Texte livré.\n");
    const char *dirs[] = {clinic, shipped};
    Diags g = {0};

    Template *t = load_c(dirs, 2, "letter", "en", &g);
    CHECK(t != NULL);
    snprintf(path, sizeof path, "%s/letter.en.tmpl", shipped);
    if (t) CHECK_STR(template_path(t), path);
    template_free(t);

    snprintf(path, sizeof path, "%s/letter.en.tmpl", clinic);
    write_file(path, "Our clinic's wording.\n");
    t = load_c(dirs, 2, "letter", "en", &g);
    CHECK(t != NULL);
    if (t) {
        CHECK_STR(template_path(t), path);
        TValue *d = tv_map();
        TemplateDoc *doc = expand_c(t, d, &g);
        CHECK_STR(dump(doc), "paragraph: Our clinic's wording.\n");
        template_doc_free(doc);
        tv_free(d);
    }
    template_free(t);
    CHECK_INT(g.count, 0);

    /* a broken clinic file is an error, not a silent fall-back */
    write_file(path, "{{#if x}}\n");
    t = load_c(dirs, 2, "letter", "en", &g);
    CHECK(t == NULL);
    CHECK(strstr(g.text, "clinic/letter.en.tmpl:1:1: error:") != NULL);

    snprintf(path, sizeof path, "%s/letter.en.tmpl", clinic);
    unlink(path);
    snprintf(path, sizeof path, "%s/letter.en.tmpl", shipped);
    unlink(path);
    snprintf(path, sizeof path, "%s/letter.fr.tmpl", shipped);
    unlink(path);
    rmdir(clinic);
    rmdir(shipped);
    rmdir(base);
}

TEST(missing_language_names_language_and_places) {
    const char *dirs[] = {"/nonexistent/clinic", "templates"};
    Diags g = {0};
    Template *t = load_c(dirs, 2, "letter", "de", &g);
    CHECK(t == NULL);
    CHECK_INT(g.count, 1);
    CHECK(strstr(g.text, "error: no 'letter' template in language 'de': looked"
                         " for letter.de.tmpl in /nonexistent/clinic, "
                         "templates; languages available: ") != NULL);
    CHECK(strstr(g.text, "en") && strstr(g.text, "fr"));
    memset(&g, 0, sizeof g);
    CHECK(load_c(dirs, 2, "../etc", "en", &g) == NULL);
    CHECK_INT(g.count, 1);
    memset(&g, 0, sizeof g);
    CHECK(load_c(dirs, 2, "brochure", "en", &g) == NULL);
    CHECK(strstr(g.text, "found no 'brochure' template in any language") != NULL);
}

/* ---- dates ------------------------------------------------------------ */

/* ---- the shipped letters ---------------------------------------------- */

/* The full data a letter receives, as docs/templates.md lists it. */
static TValue *letter_data(const char *lang, int optional) {
    TValue *d = tv_map();
    char date[64];
    tv_set(d, "patient.name", tv_text("Jane Doe", LOC_NONE));
    tv_set(d, "patient.preferred", tv_text("Jane", LOC_NONE));
    tv_set(d, "clinician", tv_text("Dr. Sam Example", LOC_NONE));
    date_format((Date){2027, 1, 4, true, {0}}, lang, true, date, sizeof date);
    tv_set(d, "date", tv_text(date, LOC_NONE));
    tv_set(d, "clinic.name", tv_text("Example Clinic", LOC_NONE));
    tv_set(d, "clinic.address", tv_text("1 Main Street, Vancouver", LOC_NONE));
    tv_set(d, "clinic.phone", tv_text("604-555-0100", LOC_NONE));
    tv_set(d, "clinic.logo", optional ? tv_text("logo.png", LOC_NONE) : NULL);
    tv_set(d, "group.title", tv_text("Thursday evening group", LOC_NONE));
    date_format((Date){2027, 1, 14, true, {0}}, lang, true, date, sizeof date);
    tv_set(d, "group.starts", tv_text(date, LOC_NONE));
    tv_set(d, "group.meets", tv_text("Thursdays, 6:00-7:30 pm", LOC_NONE));
    tv_set(d, "group.place", tv_text("Room 204, 1 Main Street", LOC_NONE));
    tv_set(d, "group.weeks", tv_text("12", LOC_NONE));
    TValue *l = tv_list();
    tv_list_add(l, tv_text("Dr. Sam Example", LOC_NONE));
    tv_list_add(l, tv_text("Dr. Pat Example", LOC_NONE));
    tv_set(d, "group.leaders", l);
    tv_set(d, "letter.pattern", tv_text("You told me how hard you work to be "
           "\"good enough\".\n\nAnd how alone it has left you. # {{x}} <b>&",
           LOC_NONE));
    const char *phases[] = {"engagement", "pattern_interruption",
                            "self_redefinition", "termination"};
    tv_set(d, "letter.in_group", optional ? tv_text("You may want to help "
           "rather than share.", LOC_NONE) : NULL);
    for (int i = 0; i < 4; i++) {
        char key[64];
        snprintf(key, sizeof key, "enactments.%s", phases[i]);
        tv_set(d, key, optional ? tv_text("A note.", LOC_NONE) : NULL);
    }
    tv_set(d, "draft", tv_bool(optional));
    tv_set(d, "redacted", tv_bool(optional));
    return d;
}

/* True when hay contains needle, ignoring ASCII case. */
static int contains_nocase(const char *hay, const char *needle) {
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t k = 0;
        while (k < n && hay[k] &&
               tolower((unsigned char)hay[k]) == tolower((unsigned char)needle[k]))
            k++;
        if (k == n) return 1;
    }
    return 0;
}

/* True when some run of doc contains s. */
static int doc_has(const TemplateDoc *doc, const char *s) {
    for (int i = 0; doc && i < doc->nblocks; i++)
        for (int r = 0; r < doc->blocks[i].nruns; r++)
            if (strstr(doc->blocks[i].runs[r].text, s)) return 1;
    return 0;
}

TEST(shipped_letters_expand_with_full_data) {
    const char *langs[] = {"en", "fr"};
    const char *dirs[] = {"templates"};
    const char *clinical[] = {"introject", "object relation",
        "relational pattern", "defense", "défense", "transference", "transfert",
        "T-score", "percentile", "reliable change", "changement fiable",
        "score", "CRP", "HF-MPS", "enactment", "pathology", "pathologie",
        "diagnos", "symptom"};
    for (int li = 0; li < 2; li++) {
        for (int opt = 0; opt < 2; opt++) {
            Diags g = {0};
            Template *t = load_c(dirs, 1, "letter", langs[li], &g);
            CHECK(t != NULL);
            if (!t) {
                printf("%s", g.text);
                continue;
            }
            TValue *d = letter_data(langs[li], opt);
            TemplateDoc *doc = expand_c(t, d, &g);
            CHECK(doc != NULL);
            CHECK_INT(g.count, 0);
            if (g.count) printf("%s", g.text);
            CHECK(doc && doc->nblocks > 15);
            CHECK(doc && doc->blocks[0].kind == TB_INSERT);   /* @insert document */
            CHECK(doc && doc->blocks[1].kind ==
                             (opt ? TB_LOGO : TB_LETTERHEAD));
            CHECK(doc_has(doc, "Jane"));
            CHECK(doc_has(doc, "# {{x}} <b>&")); /* literal */
            CHECK(doc_has(doc, "Dr. Pat Example"));
            CHECK(doc_has(doc, li ? "jeudi 14\u00A0janvier\u00A02027"
                                  : "Thursday, January\u00A014,\u00A02027"));
            CHECK(doc_has(doc, "A note.") == opt);
            int sig = 0, date = 0;
            for (int i = 0; doc && i < doc->nblocks; i++) {
                sig += doc->blocks[i].kind == TB_SIGNATURE;
                date += doc->blocks[i].kind == TB_DATE;
                for (int r = 0; r < doc->blocks[i].nruns; r++) {
                    const TemplateRun *run = &doc->blocks[i].runs[r];
                    if (run->from_value) continue;
                    for (size_t k = 0; k < sizeof clinical / sizeof *clinical;
                         k++)
                        if (contains_nocase(run->text, clinical[k])) {
                            int line, col;
                            source_linecol((Source *)run->at.src, run->at.off, &line, &col);
                            UNIT_FAIL("letter.%s.tmpl:%d uses '%s'", langs[li], line,
                                      clinical[k]);
                        }
                }
            }
            CHECK_INT(sig, 1);
            CHECK_INT(date, 1);
            template_doc_free(doc);
            tv_free(d);
            template_free(t);
        }
    }
}

TEST(shipped_letter_reports_misspelt_caller_data) {
    /* the caller forgot a field: the error names the template line */
    const char *dirs[] = {"templates"};
    Diags g = {0};
    Template *t = load_c(dirs, 1, "letter", "en", &g);
    TValue *d = letter_data("en", 1);
    tv_set(d, "group.place", tv_text("", LOC_NONE));
    TValue *g2 = tv_map();
    tv_map_set(g2, "title", tv_text("T", LOC_NONE));
    tv_set(d, "group", g2); /* replaces the whole group map */
    TemplateDoc *doc = t ? expand_c(t, d, &g) : NULL;
    CHECK(doc == NULL);
    CHECK(strstr(g.text, "templates/letter.en.tmpl:") != NULL);
    CHECK(strstr(g.text, "unknown name 'group.starts'") != NULL);
    template_doc_free(doc);
    tv_free(d);
    template_free(t);
}

/* The images a template names whole on @logo lines: not one with a tag in
 * its path, nor one in a comment; one inside a block all the same. */
TEST(images_named_on_logo_lines) {
    const char *text = "@logo /srv/a.png\n"
                       "{{#if x}}\n"
                       "  @logo  b c.png \r\n"
                       "{{/if}}\n"
                       "@logo {{clinic.logo}}\n"
                       "@logo c.png {{x}}\n"
                       "{{! @logo d.png }}\n"
                       "\\@logo e.png\n"
                       "@logotype f.png\n"
                       "Text @logo g.png\n"
                       "@logo h.png";
    Template *t = template_parse("t.tmpl", text, strlen(text));
    CHECK(t != NULL);
    if (!t) return;
    const char **img = template_images(t);
    CHECK_STR(img[0], "/srv/a.png");
    CHECK_STR(img[1], "b c.png");
    CHECK_STR(img[2], "h.png");
    CHECK(img[2] && !img[3]);
    template_free(t);
}
