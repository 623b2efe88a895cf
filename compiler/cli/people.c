/* people.c — one person, one id; see people.h. */
#include "cli/people.h"
#include <string.h>
#include "base/diag.h"
#include "front/dates.h"

/* The group's name in messages and to tell groups apart: its code, else
 * its title; NULL when there is no group. */
static const char *group_name(const Model *group) {
    if (!group || !model_is_group(group)) return NULL;
    return group->g.code.s ? group->g.code.s : group->g.title.s;
}

/* The days of the member's first and last sessions in group (the week it
 * left, when it did), or from = -1 when the group gives no dates. */
static void membership(const Model *m, const Model *group, long *from, long *to) {
    *from = *to = -1;
    if (!group || !model_is_group(group) || !group->g.starts.set || group->g.weeks <= 0) return;
    int last = m->f.left.week > 0 && m->f.left.week < group->g.weeks ? m->f.left.week : group->g.weeks;
    *from = date_days(group->g.starts);
    *to = *from + 7L * (last - 1);
}

/* A warning when p and the membership (group, from, to) of the file m are
 * the same person in two groups meeting over the same weeks. */
static void warn_overlap(const Person *p, const Model *m, const char *group, long from, long to) {
    if (!p->group || !group || !strcmp(p->group, group)) return;   /* one group: build's ids */
    if (p->from < 0 || from < 0 || from > p->to || p->from > to) return;
    char a[11], b[11], c[11], d[11];
    diag_at(DIAG_WARNING, m->f.patient.id.loc, "%s has the id \"%s\" too, a member of group \"%s\" from %s "
            "to %s, which overlaps this membership (%s to %s): formc outcomes counts the person in both "
            "groups; if they moved from one to the other, 'left week N' in the earlier group's file ends that membership before the next begins",
            p->path, p->id, p->group, date_iso(date_from_days(p->from), a), date_iso(date_from_days(p->to), b),
            date_iso(date_from_days(from), c), date_iso(date_from_days(to), d));
}

bool people_same(Session *s, People *pp, const Model *m, const Model *group, const char *path) {
    const Text *id = &m->f.patient.id;
    Date born = m->f.patient.born;
    if (!id->s || !*id->s || id->placeholder || !born.set) return true;
    const char *gname = group_name(group);
    long from, to;
    membership(m, group, &from, &to);
    for (int i = 0; i < pp->n; i++) {
        const Person *q = &pp->p[i];
        if (strcmp(q->id, id->s)) continue;
        if (q->born.y == born.y && q->born.m == born.m && q->born.d == born.d) {
            warn_overlap(q, m, gname, from, to);
            return true;
        }
        diag_at(DIAG_ERROR, born.loc, "%s has the id \"%s\" too, born %04d-%02d-%02d: one id is one "
                "person, with one birth date (a slip in either file, or two people given one id?)",
                q->path, id->s, q->born.y, q->born.m, q->born.d);
        return false;
    }
    *(Person *)arena_push(&s->arena, &pp->p, &pp->n, &pp->cap, sizeof *pp->p) =
        (Person){ arena_strdup(&s->arena, id->s), arena_strdup(&s->arena, path),
                  gname ? arena_strdup(&s->arena, gname) : NULL, born, from, to };
    return true;
}

bool people_group_code_own(Session *s, People *pp, const Model *g) {
    const Text *code = &g->g.code;
    if (!code->s || code->placeholder) return true;
    for (int i = 0; i < pp->ncodes; i++)
        if (!strcmp(pp->codes[i].code, code->s) &&
            (pp->codes[i].dev != g->main->dev || pp->codes[i].ino != g->main->ino)) {
            diag_at(DIAG_ERROR, code->loc, "%s has the code \"%s\" too: formc build writes a group's "
                    "documents into a folder named by its code, so each group needs one of its own",
                    diag_printable(pp->codes[i].path), code->s);
            return false;
        }
    GroupCode *gc = arena_push(&s->arena, &pp->codes, &pp->ncodes, &pp->cap_codes, sizeof *gc);
    *gc = (GroupCode){ arena_strdup(&s->arena, code->s), arena_strdup(&s->arena, g->main->path),
                       g->main->dev, g->main->ino };
    return true;
}
