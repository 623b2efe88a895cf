/* Unit tests of an expanded template laid out as a document
 * (compiler/documents/tmpl_layout.c): each of the expansion's blocks lets
 * go of its runs and their texts once the block after it is laid out
 * (every one's by the end), so
 * that a long document's expansion is not held whole to the end of its
 * layout, and what a block reads of the one before it (a figure's legend
 * asks whether the insert before it draws a figure) is still there. */
#include "unit.h"

#include "documents/tmpl_layout.h"
#include "layout/doc.h"
#include "template/template.h"

#include <string.h>

/* How many blocks before the one before the chart held runs when it
 * was placed. */
static int held_before_chart = -1;

static void place_chart(Doc *d, const char *const *args, int nargs, void *user) {
    (void)args;
    (void)nargs;
    const TemplateDoc *td = user;
    held_before_chart = 0;
    for (int i = 0; i < 3; i++) held_before_chart += td->blocks[i].runs != NULL;
    doc_space(d, 40);
}

static const TemplateInsert chart = { "chart", 0, 0, place_chart, true };

static const char *text =
    "# Who the group is\n"
    "The members of {{group}} and what they share.\n"
    "- {{group}} meets on Thursdays.\n"
    "@alt The members' scores, side by side.\n"
    "@insert chart\n"
    "@small Each dot is a member of {{group}}.\n"
    "\n"
    "What the leaders may expect of {{group}}.\n";

TEST(each_block_lets_go_of_its_runs_once_the_next_is_laid_out) {
    Template *t = template_parse("summary.en.tmpl", text, strlen(text));
    CHECK(t != NULL);
    TValue *data = tv_map();
    tv_map_set(data, "group", tv_text("the Thursday group", LOC_NONE));
    TemplateDoc *td = template_expand(t, data);
    CHECK(td != NULL);
    CHECK_INT(td->nblocks, 7);
    DocInfo info = { .paper = PAPER_A4, .lang = "en", .title = "Group summary" };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    CHECK(d != NULL);
    TemplateLayout tl = { .inserts = &chart, .ninserts = 1, .user = td, .heading_level = 1 };
    CHECK_INT(tmpl_layout(d, td, &tl), 0);
    CHECK_INT(held_before_chart, 0);      /* let go on the way, not at the end */
    for (int i = 0; i < td->nblocks; i++)
        if (td->blocks[i].runs || td->blocks[i].nruns)
            UNIT_FAIL("block %d still holds %d runs once laid out", i, td->blocks[i].nruns);
    CHECK_INT(td->blocks[4].kind, TB_INSERT);  /* the kinds stay */
    /* the legend read the insert before it: kept whole, with the chart */
    int legend = -1;
    for (int i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == B_FIGURE || d->blocks[i].kind == B_SPACE) legend = i + 1;
    CHECK(legend > 0 && legend < d->nblocks);
    CHECK_INT(d->blocks[legend].kind, B_TEXT);
    CHECK_INT(d->blocks[legend].keep_whole, 1);
    CHECK_INT(d->blocks[legend - 1].keep_next, 1);
    doc_free(d);
    template_doc_free(td);
    tv_free(data);
    template_free(t);
}
