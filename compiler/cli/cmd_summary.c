/* cmd_summary.c — `formc summary GROUP [-o OUT.pdf] [--paper a4|letter]
 * [--templates DIR] [--redact]`. Without -o the summary is CODE-summary.pdf
 * in the current directory (redacted-summary.pdf with --redact, which
 * de-identifies every member and the group: redact.h). Nothing is written
 * when the group file has errors; a member with errors is reported and
 * listed as not included, and the exit status is then 1 although the
 * summary was written. */
#include <stdio.h>
#include "cli/cli.h"
#include "base/messages.h"
#include "cli/outnames.h"
#include "build/uptodate.h"
#include "front/schema.h"

/* Gathers what the summary is made from, one member at a time. */
typedef struct Gather {
    Arena *a;
    Arena *facts;             /* the members' facts alone: summary_write lets go
                                 of them once the summary is laid out */
    const Model *group;
    bool redact;
    MemberFacts *members;
    FileList inputs;
    bool final_member;        /* a member is final */
} Gather;

static void gather_member(void *ctx, int k, Model *m, CompileStatus st, Arena *ma) {
    Gather *g = ctx;
    const char *path = g->group->g.members[k].path;
    if (m && model_is_formulation(m) && !m->f.draft) g->final_member = true;
    filelist_add(g->a, &g->inputs, path);
    for (int i = 1; m && i < m->nsources; i++) filelist_add(g->a, &g->inputs, m->sources[i]->path);
    summary_member_facts(g->facts, &g->members[k], path, st == COMPILE_OK ? m : NULL, ma, g->group,
                         g->redact, true);
}

int summary_of_group(Session *s, const Model *group, const char *out, const SummaryOptions *o) {
    Arena a = { 0 }, facts = { 0 };
    Gather g = { .a = &a, .facts = &facts, .group = group, .redact = o->redact };
    g.members = arena_alloc(&facts, sizeof *g.members * (size_t)(group->g.nmembers + 1));
    for (int i = 0; i < group->nsources; i++) filelist_add(&a, &g.inputs, group->sources[i]->path);
    compile_members(s, group, NEED_REPORT, gather_member, &g);
    if (!g.final_member) compile_group_placeholders(group, false);   /* a final member said them */
    if (!out) out = outname_summary(&a, NULL, group, o->redact);
    SummaryInput in = { group, g.members, group->g.nmembers, filelist_array(&a, &g.inputs), &facts };
    int rc = summary_write(&in, s->datadir, out, o);
    arena_free(&facts);
    arena_free(&a);
    return rc;
}

int cmd_summary(Options *o, Session *s) {
    if (o->nfiles > 1) {
        fprintf(stderr, diag_tr("formc summary: one group file at a time, but %d files were given\n"), o->nfiles);
        return EXIT_USAGE;
    }
    CompileStatus st;
    const Model *group = compile_group(s, o->files[0], &st);
    if (!group) return st == COMPILE_SYSTEM_ERROR ? EXIT_USAGE : EXIT_INPUT;
    SummaryOptions so = { .paper = o->paper, .templates = o->templates,
                          .redact = o->redact };
    int rc = summary_of_group(s, group, o->output, &so);
    return rc ? rc : exit_status();
}
