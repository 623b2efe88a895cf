/* members.c — compiling the members of many groups one at a time; see
 * members.h. */
#include "cli/members.h"
#include "cli/people.h"
#include "base/diag.h"
#include "front/schema.h"

/* Hands one compiled member over (m NULL or st not OK: with errors); a
 * formulation on its own comes with the group it names, when that reads. */
static int hand_over(Session *s, People *pp, const MemberVisitor *v, const Model *group, int index,
                     const char *path, Model *m, CompileStatus st, Arena *a) {
    if (m && st == COMPILE_OK && !model_is_formulation(m)) {   /* a clinic or instrument file */
        diag_file(DIAG_ERROR, path, "no formulation in this file: a patient's file begins with "
                  "patient \"Full Name\", a group file with group \"Title\" { }");
        return EXIT_INPUT;
    }
    if (m && st == COMPILE_OK && !people_same(s, pp, m, group, path)) st = COMPILE_INPUT_ERRORS;
    if (m && st == COMPILE_OK && !group && m->f.group_file.s) {
        bool errors = false;
        group = compile_group_ref(s, model_group_path(a, m), m->f.group_file.loc, &errors);
        if (group && (errors || !model_is_group(group))) group = NULL;
    }
    MemberSeen seen = { group, index, path, st == COMPILE_OK ? m : NULL, a };
    v->member(v->user, &seen);
    return st == COMPILE_SYSTEM_ERROR ? EXIT_USAGE : st == COMPILE_INPUT_ERRORS ? EXIT_INPUT : EXIT_OK;
}

/* The members of one group, handed over as compile_members compiles them. */
typedef struct GroupVisit {
    Session *s;
    People *people;
    const MemberVisitor *v;
    const Model *group;
    int index, status;
} GroupVisit;

static int worse(int a, int b) { return a > b ? a : b; }

static void visit(void *ctx, int k, Model *m, CompileStatus st, Arena *a) {
    GroupVisit *gv = ctx;
    gv->status = worse(gv->status, hand_over(gv->s, gv->people, gv->v, gv->group, gv->index,
                                              gv->group->g.members[k].path, m, st, a));
}

int each_member(Session *s, const Options *o, const MemberVisitor *v) {
    int status = EXIT_OK, groups = 0, nseen = 0, cap = 0;
    struct Seen { dev_t dev; ino_t ino; } *seen = NULL;    /* the group files read */
    People people = { 0 };
    for (int i = 0; i < o->nfiles; i++) {
        Arena ga = { 0 };
        CompileOptions co = { .purpose = NEED_GROUP | v->purpose, .members = true };
        CompileStatus st;
        Model *m = compile_file(s, &ga, o->files[i], &co, &st);
        if (!m || st == COMPILE_SYSTEM_ERROR) {
            status = EXIT_USAGE;
        } else if (!model_is_group(m)) {
            if (v->groups_only) {
                diag_file(DIAG_ERROR, o->files[i], "not a group file (it has no group { } block)");
                status = worse(status, EXIT_INPUT);
            } else {
                status = worse(status, hand_over(s, &people, v, NULL, -1, o->files[i], m, st, &ga));
            }
        } else {
            bool again = false;
            for (int k = 0; k < nseen && !again; k++)
                again = seen[k].dev == m->main->dev && seen[k].ino == m->main->ino;
            if (again) {
                diag_file(DIAG_WARNING, o->files[i], "this group file is named twice; its members are read once");
            } else {
                *(struct Seen *)arena_push(&s->arena, &seen, &nseen, &cap, sizeof *seen) =
                    (struct Seen){ m->main->dev, m->main->ino };
                int index = groups++;
                /* a second group with one code is left out, as a group with errors */
                if (!people_group_code_own(s, &people, m) || st != COMPILE_OK) {
                    status = worse(status, EXIT_INPUT);
                } else {
                    /* members naming the group's file find it compiled */
                    session_remember_group(s, m, false);
                    if (v->group) v->group(v->user, m, index);
                    GroupVisit gv = { s, &people, v, m, index, status };
                    compile_members(s, m, v->purpose, visit, &gv);
                    status = gv.status;
                    session_forget_group(s, m);
                }
            }
        }
        arena_free(&ga);
    }
    return status;
}

const Model *group_with_members(Session *s, const Model *g) {
    if (!g || g->g.nmembers > 0) return g;
    diag_mute(true);
    CompileStatus st;
    const Model *full = compile_group(s, g->main->path, &st);
    diag_mute(false);
    return full ? full : g;
}
