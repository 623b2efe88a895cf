/* cmd_outcomes.c — `formc outcomes GROUP... [-o outcomes.pdf] [--csv FILE]
 * [--json] [--redact]`: one program-level document across the groups
 * (documents/outcomes.h); --csv FILE writes the research export (the
 * columns of formc scores --csv, every member of every group; "-" is
 * standard output), --json prints the counts (docs/outcomes.md). With an
 * export asked for, the document is written only when -o names it. Members
 * are compiled one at a time and freed once their facts are kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/outfile.h"
#include "cli/members.h"
#include "cli/outnames.h"
#include "documents/outcomes.h"
#include "documents/redact.h"
#include "score/export.h"
#include "score/gaps.h"

typedef struct OutcomesRun {
    Session *s;
    const Options *o;
    Program p;
    Gaps gaps;
    FILE *csv;                  /* the export being written, or NULL */
    bool first_read;            /* the first group's language and templates are known */
    const char *lang;           /* the first group's language */
    const char *clinic_templates;   /* its clinic's templates folder, or NULL */
    const Model *shown;         /* the group being read, as shown (de-identified with --redact);
                                   valid until its last member */
    const char *group_label;
    Arena group;                /* what is made of the group being read (shown, its label) */
} OutcomesRun;

static void outcomes_group(void *user, const Model *gm, int index) {
    OutcomesRun *r = user;
    if (!r->first_read) {
        r->first_read = true;
        r->lang = arena_strdup(&r->s->arena, gm->g.language.s ? gm->g.language.s : "en");
        const Text *t = &gm->clinic.templates;
        if (t->s) r->clinic_templates = path_join(&r->s->arena, t->loc.src->dir, t->s);
    }
    arena_free(&r->group);      /* the previous group's */
    r->shown = gm;
    if (r->o->redact) {
        Redaction plan = redact_plan(NULL, gm);
        r->shown = redact_model(&r->group, gm, NULL, &plan);
    }
    r->group_label = export_group_label(&r->group, r->shown, index, r->o->redact);
    program_add_group(&r->p, r->shown, r->group_label);
}

static void outcomes_member(void *user, const MemberSeen *seen) {
    OutcomesRun *r = user;
    if (!seen->m) {
        program_add_member(&r->p, r->shown, seen->path, "", NULL, NULL);
        return;
    }
    const Model *m = seen->m;
    if (r->o->redact) {
        Redaction plan = redact_plan(m, seen->group);
        m = redact_model(seen->a, m, seen->group, &plan);
    }
    Scored *sc = score_model(seen->a, m);
    gaps_add(&r->gaps, &r->s->arena, sc);
    const char *label = export_member_label(seen->a, m);
    if (r->csv) export_csv_rows(r->csv, r->group_label, label, m, sc);
    program_add_member(&r->p, r->shown, seen->path, label, m, sc);
}

int cmd_outcomes(Options *o, Session *s) {
    if (o->json && o->csv_file && !strcmp(o->csv_file, "-")) {
        fprintf(stderr, diag_tr("formc outcomes: --json and --csv - would both write to standard output; "
                "give the CSV a file name\n"));
        return EXIT_USAGE;
    }
    if (o->csv_file && o->output && strcmp(o->csv_file, "-") && outfile_same_path(o->csv_file, o->output)) {
        fprintf(stderr, diag_tr("formc outcomes: -o and --csv name the same file ('%s'); give each its own\n"),
                diag_printable(o->output));
        return EXIT_USAGE;
    }
    OutcomesRun r = { .s = s, .o = o, .p = { .a = &s->arena } };
    char *csv = NULL;
    size_t csv_len = 0;
    if (o->csv_file) {
        r.csv = xmemstream(&csv, &csv_len);
        export_csv_header(r.csv);
    }
    MemberVisitor v = { .purpose = 0, .groups_only = true, .group = outcomes_group,
                        .member = outcomes_member, .user = &r };
    int rc = each_member(s, o, &v);
    arena_free(&r.group);
    if (r.csv) fclose(r.csv);
    gaps_note(&r.gaps, "formc");
    if (rc == EXIT_USAGE || !r.p.ngroups) {
        free(csv);
        return rc ? rc : EXIT_INPUT;
    }
    static const OutKind export = { .starts = EXPORT_CSV_HEADER, .what = "a CSV export of formc" };
    if (o->csv_file && write_text_output(o->csv_file, csv, csv_len, &export) != 0) rc = EXIT_USAGE;
    free(csv);
    if (o->json) {
        program_write_json(&r.p, stdout, FORMC_VERSION, o->redact);
        fflush(stdout);
    }
    if ((o->csv_file || o->json) && !o->output) return rc;
    const char *out = o->output ? o->output : outname_outcomes(o->redact);
    OutcomesOptions oo = { .paper = o->paper, .templates = o->templates,
                           .clinic_templates = r.clinic_templates, .lang = r.lang, .redact = o->redact };
    int wrc = outcomes_write(&r.p, s->datadir, out, &oo);
    return wrc ? wrc : rc;
}
