/* cmd_check.c — `formc check FILE...`: every problem, nothing written.
 * A group file is checked with each of its members. */
#include "cli/cli.h"
#include "base/diag.h"
#include "front/schema.h"

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
        for (int k = 0; k < m->g.nmembers; k++) {
            Arena a = { 0 };
            CompileOptions mo = { .purpose = NEED_REPORT | NEED_LETTER, .group = m };
            compile_file(s, &a, m->g.members[k].path, &mo, &st);
            if (st == COMPILE_SYSTEM_ERROR) system_error = true;
            arena_free(&a);
        }
    }
    if (system_error) return EXIT_USAGE;
    return exit_status();
}
