/* cmd_norms.c — `formc norms GROUP... [-o FILE]`: a clinic's own norms
 * from its members' pre-group scores, written as an instrument file
 * (score/norms.h) in formc's canonical layout, to FILE (atomically) or to
 * standard output. A member with errors is reported and left out; the file
 * is still written and the exit status is then 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "format/fmt.h"
#include "cli/members.h"
#include "base/date.h"
#include "score/export.h"
#include "score/norms.h"

typedef struct NormsRun {
    Arena *a;
    LocalNorms *ln;
    NormsOrigin origin;
    int cap_groups, nfiles, cap_files;
} NormsRun;

static void norms_group(void *user, const Model *gm, int index) {
    NormsRun *r = user;
    NormsOrigin *o = &r->origin;
    if (!o->clinic && gm->clinic.name.s) o->clinic = arena_strdup(r->a, gm->clinic.name.s);
    *(const char **)arena_push(r->a, &o->groups, &o->ngroups, &r->cap_groups, sizeof(char *)) =
        arena_strdup(r->a, export_group_label(r->a, gm, index, false));
    *(const char **)arena_push(r->a, &o->group_files, &r->nfiles, &r->cap_files, sizeof(char *)) =
        arena_strdup(r->a, gm->main->path);
}

static void norms_member(void *user, const MemberSeen *seen) {
    NormsRun *r = user;
    if (!seen->m) {
        r->origin.with_errors++;
        return;
    }
    switch (norms_add(r->ln, seen->m)) {
    case NORMS_TAKEN: break;
    case NORMS_DRAFT: r->origin.drafts++; break;
    case NORMS_NO_PRE: r->origin.no_pre++; break;
    case NORMS_SEEN_BEFORE: r->origin.repeated++; break;
    }
}

int cmd_norms(Options *o, Session *s) {
    Arena a = { 0 };
    Date today = date_today();
    NormsRun r = { .a = &a, .ln = norms_begin(&a) };
    r.origin.today = arena_printf(&a, "%04d-%02d-%02d", today.y, today.m, today.d);
    r.origin.version = FORMC_VERSION;
    MemberVisitor v = { .purpose = 0, .groups_only = true, .group = norms_group, .member = norms_member,
                        .user = &r };
    int rc = each_member(s, o, &v);
    if (rc == EXIT_USAGE || !r.origin.ngroups) {
        arena_free(&a);
        return rc ? rc : EXIT_INPUT;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = xmemstream(&text, &len);
    norms_write(r.ln, f, &r.origin);
    fclose(f);
    /* the canonical layout, as formc fmt would leave it */
    Source *src = source_from_bytes(&a, o->output ? o->output : "<norms>", text, len);
    char *laid = NULL;
    size_t laid_len = 0;
    FmtStatus st = fmt_source(&a, src, &laid, &laid_len);
    free(text);
    if (st != FMT_OK) {
        arena_free(&a);
        return EXIT_USAGE;
    }
    static const OutKind norms_file = { .starts = NORMS_FIRST_LINE_STARTS, .line_ends = NORMS_FIRST_LINE_ENDS,
                                        .what = "a norms file of formc norms" };
    if (write_text_output(o->output, laid, laid_len, &norms_file) != 0) rc = EXIT_USAGE;
    if (norms_people(r.ln) < NORMS_MIN_N && rc != EXIT_USAGE)
        diag_file(DIAG_NOTE, NULL, norms_people(r.ln) == 1
                  ? "%d person is in the sample, fewer than the %d a local norm needs: every figure is "
                    "written as a comment, with the reason"
                  : "%d people are in the sample, fewer than the %d a local norm needs: every figure is "
                    "written as a comment, with the reason", norms_people(r.ln), NORMS_MIN_N);
    arena_free(&a);
    return rc;
}
