/* cmd_check.c — `formc check FILE...`: every problem, nothing written.
 * A group file is checked with each of its members. */
#include "cli/cli.h"
#include "base/diag.h"
#include "front/schema.h"

/* Notes a member that could not be read. */
static void check_member(void *ctx, int k, Model *m, CompileStatus st, Arena *a) {
    if (st == COMPILE_SYSTEM_ERROR) *(bool *)ctx = true;
}

int cmd_check(Options *o, Session *s) {
    bool system_error = false;
    for (int i = 0; i < o->nfiles; i++) {
        CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER | NEED_GROUP, .members = true };
        CompileStatus st;
        /* the session's arena: a group stays known while its members are checked */
        Model *m = compile_file(s, &s->arena, o->files[i], &co, &st);
        if (st == COMPILE_SYSTEM_ERROR) system_error = true;
        if (!m || !m->g.title.s) continue;
        session_remember_group(s, m, st != COMPILE_OK);
        compile_members(s, m, NEED_REPORT | NEED_LETTER, check_member, &system_error);
    }
    if (system_error) return EXIT_USAGE;
    return exit_status();
}
