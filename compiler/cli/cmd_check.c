/* cmd_check.c — `formc check FILE... [--templates DIR]`: every problem,
 * nothing written. A clean check is a promise about the documents: each
 * file is checked as the command that makes its documents would read it,
 * through the same code, short of laying pages out. A group file is
 * checked with each of its members, as formc build reads them; each
 * member's report and letter, and the group's summary, are then made up to
 * the point of laying them out (the templates expanded with their data,
 * every insert and table checked: documents.h, summary.h), and the names
 * the documents would be written under are checked to be distinct. A
 * formulation named on its own is checked for its report, and for its
 * letter when its group is known. */
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "cli/copies.h"
#include "cli/members.h"
#include "cli/outnames.h"
#include "cli/people.h"
#include "base/diag.h"
#include "documents/documents.h"
#include "documents/letternames.h"
#include "documents/summary.h"
#include "front/schema.h"

typedef struct Checking {
    Session *s;
    const Options *o;
    const Model *group;
    bool group_ok;            /* the group has no errors: formc build would go on */
    Arena *a;                 /* the facts of the members, for the summary */
    MemberFacts *facts;
    bool final_member;        /* a member of the group is final */
    bool system_error;
    People people;            /* the patients and codes of every group checked */
    Copies copies;            /* the group's members read so far (in a) */
} Checking;

static DocOptions doc_options(const Checking *c) {
    return (DocOptions){ .paper = c->o->paper, .datadir = c->s->datadir, .templates = c->o->templates };
}

/* A member of the group: its report and letter as formc build makes them,
 * and its facts for the summary. */
static void check_member(void *ctx, int k, Model *m, CompileStatus st, Arena *ma) {
    Checking *c = ctx;
    if (st == COMPILE_SYSTEM_ERROR) c->system_error = true;
    if (m && model_is_formulation(m) && !m->f.draft) c->final_member = true;
    bool ok = m && st == COMPILE_OK && people_same(c->s, &c->people, m, c->group, c->group->g.members[k].path);
    if (m && model_is_formulation(m)) copies_check(c->a, &c->copies, m, c->group->g.members[k].path);
    if (ok && c->group_ok) {
        DocOptions dopt = doc_options(c);
        document_report_check(ma, m, c->group, &dopt);
        document_letter_check(ma, m, c->group, &dopt);
    }
    /* as formc build: a member whose only errors are in its letter is still
     * in the summary */
    summary_member_facts(c->a, &c->facts[k], c->group->g.members[k].path,
                         compile_serves(m, st, NEED_REPORT) ? m : NULL, ma, c->group, false, false);
}

/* A group file and its members, as formc build and formc summary read them. */
static void check_group(Checking *c, Model *g, CompileStatus st) {
    session_remember_group(c->s, g, st != COMPILE_OK);
    people_group_code_own(c->s, &c->people, g);
    Arena a = { 0 };
    c->group = g;
    c->group_ok = st == COMPILE_OK;
    c->a = &a;
    c->facts = arena_alloc(&a, sizeof *c->facts * (size_t)(g->g.nmembers + 1));
    c->final_member = false;
    c->copies = (Copies){ 0 };
    compile_members(c->s, g, NEED_REPORT | NEED_LETTER, check_member, c);
    /* a letter naming another member, once every member's names are known */
    copies_names_say(g, c->copies.seen, c->copies.n, NULL);
    /* a final member said where the group still holds placeholders */
    if (!c->final_member) compile_group_placeholders(g, false);
    if (st == COMPILE_OK) {
        bool distinct;
        outname_members(&a, g, false, NULL, &distinct);
        const char *inputs[1] = { NULL };
        SummaryInput in = { g, c->facts, g->g.nmembers, inputs, NULL };
        SummaryOptions so = { .paper = c->o->paper, .templates = c->o->templates };
        summary_check(&in, c->s->datadir, &so);
    }
    arena_free(&a);
}

/* A formulation named on its own: its report, and its letter when the
 * group it names can be read. */
static void check_formulation(Checking *c, const Model *m) {
    Arena a = { 0 };
    const Model *g = NULL;
    bool errors = false;
    const char *path = model_group_path(&a, m);
    struct stat st;
    if (path && stat(path, &st) == 0)     /* a group file not found was a warning already */
        g = compile_group_ref(c->s, path, m->f.group_file.loc, &errors);
    DocOptions dopt = doc_options(c);
    document_report_check(&a, m, g && !errors && model_is_group(g) ? g : NULL, &dopt);
    if (g && !errors && model_is_group(g)) {
        document_letter_check(&a, m, g, &dopt);
        letter_names_others(m, group_with_members(c->s, g));
    }
    arena_free(&a);
}

/* Each file is compiled into an arena of its own, freed once its
 * diagnostics are out, so that memory stays flat however many files (or
 * groups) are named. A group stays known to the session once its arena
 * is freed: a file named after it that refers to it gets the same model
 * compiled again, and its problems are not reported twice. */
int cmd_check(Options *o, Session *s) {
    Checking c = { .s = s, .o = o };
    CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER | NEED_GROUP, .members = true };
    for (int i = 0; i < o->nfiles; i++) {
        CompileStatus st;
        Arena a = { 0 };
        Model *m = compile_file(s, &a, o->files[i], &co, &st);
        if (st == COMPILE_SYSTEM_ERROR) c.system_error = true;
        if (m && model_is_group(m)) {
            check_group(&c, m, st);
            session_release_group(s, m, &co);
        } else if (m && st == COMPILE_OK && model_is_formulation(m)) {
            check_formulation(&c, m);
        }
        arena_free(&a);
    }
    if (c.system_error) return EXIT_USAGE;
    return exit_status();
}
