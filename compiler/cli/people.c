/* people.c — one person, one id; see people.h. */
#include "cli/people.h"
#include <string.h>
#include "base/diag.h"

bool people_same(Session *s, People *pp, const Model *m, const char *path) {
    const Text *id = &m->f.patient.id;
    Date born = m->f.patient.born;
    if (!id->s || !*id->s || id->placeholder || !born.set) return true;
    for (int i = 0; i < pp->n; i++) {
        const Person *q = &pp->p[i];
        if (strcmp(q->id, id->s)) continue;
        if (q->born.y == born.y && q->born.m == born.m && q->born.d == born.d) return true;
        diag_at(DIAG_ERROR, born.loc, "%s has the id \"%s\" too, born %04d-%02d-%02d: one id is one "
                "person, with one birth date (a slip in either file, or two people given one id?)",
                q->path, id->s, q->born.y, q->born.m, q->born.d);
        return false;
    }
    *(Person *)arena_push(&s->arena, &pp->p, &pp->n, &pp->cap, sizeof *pp->p) =
        (Person){ arena_strdup(&s->arena, id->s), arena_strdup(&s->arena, path), born };
    return true;
}
