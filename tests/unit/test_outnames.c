/* test_outnames.c — the names of the files formc writes (cli/outnames.h),
 * as its header's table and the manual state them. */
#include "unit.h"
#include "cli/outnames.h"

static Model group_model(const char *path, const char *code) {
    static Source src;
    src.path = path;
    Model m = { .main = &src };
    m.g.code.s = code;
    return m;
}

TEST(member_documents_are_named_after_the_file_or_the_pseudonym) {
    Arena a = { 0 };
    CHECK_STR(outname_member(&a, "examples/members/ada.form", NULL), "ada");
    CHECK_STR(outname_member(&a, "ada", NULL), "ada");
    CHECK_STR(outname_member(&a, "dir.v2/jo.se.form", NULL), "jo.se");
    CHECK_STR(outname_member(&a, "examples/members/ada.form", "R47"), "R47");
    CHECK_STR(outname_document(&a, NULL, "ada", "report"), "ada-report.pdf");
    CHECK_STR(outname_document(&a, "out/thu-w26", "R47", "letter"), "out/thu-w26/R47-letter.pdf");
    arena_free(&a);
}

TEST(a_summary_is_named_after_the_code_and_never_when_redacted) {
    Arena a = { 0 };
    Model g = group_model("groups/thursday.group", "thu-w26");
    CHECK_STR(outname_summary(&a, NULL, &g, false), "thu-w26-summary.pdf");
    CHECK_STR(outname_summary(&a, "out/thu-w26", &g, false), "out/thu-w26/thu-w26-summary.pdf");
    CHECK_STR(outname_summary(&a, NULL, &g, true), "redacted-summary.pdf");
    CHECK_STR(outname_summary(&a, "out/thu-w26-redacted", &g, true), "out/thu-w26-redacted/redacted-summary.pdf");
    Model nocode = group_model("groups/thursday.group", NULL);
    CHECK_STR(outname_summary(&a, NULL, &nocode, false), "thursday-summary.pdf");
    CHECK_STR(outname_build_folder(&a, "out", &g, false), "out/thu-w26");
    CHECK_STR(outname_build_folder(&a, NULL, &g, true), "./thu-w26-redacted");
    arena_free(&a);
}

TEST(a_new_file_gets_its_extension_once) {
    Arena a = { 0 };
    CHECK_STR(outname_new(&a, "members/ada", ".form"), "members/ada.form");
    CHECK_STR(outname_new(&a, "members/ada.form", ".form"), "members/ada.form");
    CHECK_STR(outname_new(&a, "thu", ".group"), "thu.group");
    CHECK_STR(outname_new(&a, ".group", ".group"), ".group.group");
    arena_free(&a);
}
