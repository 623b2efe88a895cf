/* mapping.c — an import map: the `import { }` block that tells `formc
 * import` what an export's columns hold when its own conventions do not
 * (docs/import.md). This file fills the model's ImportMap from the
 * block's statements and checks the block as a whole: each column named
 * once, a time point word used for one time point only, a fixed time
 * point or a time column but not both, and nothing else in the file. */
#include <string.h>
#include <strings.h>
#include "front/dates.h"
#include "front/checker.h"

static When when_named(const char *w) {
    return !strcmp(w, "pre") ? WHEN_PRE : !strcmp(w, "post") ? WHEN_POST : WHEN_FOLLOWUP;
}

static Text text_of(const Value *v) { return (Text){ .s = v->text, .loc = v->loc }; }

void ck_map_when(Checker *c, ImportMap *map, const Node *n, const Value *first) {
    When w = when_named(n->name);
    for (const Value *v = first; v; v = value_next(v))
        *(Text *)arena_push(c->a, &map->when_values[w], &map->nwhen_values[w], &map->cap_when_values[w],
                            sizeof(Text)) = text_of(v);
}

void ck_map_date_format(Checker *c, ImportMap *map, const Value *v) {
    char err[256];
    if (!date_format_ok(v->text, err, sizeof err)) {
        ck_error(c, v->loc, "%s", err);
        return;
    }
    map->date_format = text_of(v);
}

void ck_map_texts(Checker *c, Text **list, int *n, int *cap, const Value *first) {
    for (const Value *v = first; v; v = value_next(v)) *(Text *)arena_push(c->a, list, n, cap, sizeof(Text)) = text_of(v);
}

void ck_map_column(Checker *c, ImportMap *map, const Node *n, const Value *column, const Scale *scale,
                   const Value *instrument, const Value *item) {
    MapColumn mc = { .column = text_of(column), .scale = scale, .loc = n->loc };
    if (!column->text[0]) {
        ck_error(c, column->loc, "a column has a name: this one is empty");
        return;
    }
    if (!scale) {
        const Instrument *in = ck_itemised_instrument(c, instrument);
        if (!in) return;
        if (item && (item->num < 1 || item->num > in->items)) {
            ck_error(c, item->loc, "%s has items 1 to %d; there is no item %s", in->id.s, in->items, item->text);
            return;
        }
        mc.instrument = in;
        mc.item = item ? (int)item->num : 0;
    }
    *(MapColumn *)arena_push(c->a, &map->columns, &map->ncolumns, &map->cap_columns, sizeof mc) = mc;
}

/* Reports a column named twice in the map (headers match whatever their
 * case, as in an export). */
static void check_twice(Checker *c, const Text **seen, int *n, const Text *t) {
    for (int i = 0; i < *n; i++)
        if (!strcasecmp(seen[i]->s, t->s)) {
            ck_error(c, t->loc, "the column \"%s\" is named twice in the map", t->s);
            ck_note(seen[i]->loc, "first named here");
            return;
        }
    seen[(*n)++] = t;
}

void ck_map_rules(Checker *c) {
    const ImportMap *map = &c->m->map;
    if (!map->loc.src) return;
    for (int i = 0; i < c->ntop; i++)
        if (strcmp(c->top[i]->name, "import"))
            ck_error(c, node_name_loc(c->top[i]), "an import map holds only its import block; '%s' belongs in "
                     "another file", c->top[i]->name);
    if (map->timepoint.s && map->time_column.s) {
        ck_error(c, map->timepoint.loc, "'timepoint' gives every row one time point; with a "
                 "'time_column', the column says it: keep one of the two");
        ck_note(map->time_column.loc, "the time column");
    }
    for (int w = 0; w < WHEN_COUNT; w++)
        if (map->nwhen_values[w] && map->timepoint.s && !map->time_column.s) {
            ck_error(c, map->when_values[w][0].loc, "with 'timepoint', every row is at %s: there is no "
                     "time column to read this in", map->timepoint.s);
            break;
        }
    /* a value of the time column means one time point */
    for (int w = 0; w < WHEN_COUNT; w++)
        for (int i = 0; i < map->nwhen_values[w]; i++)
            for (int v = 0; v <= w; v++)
                for (int j = 0; j < (v == w ? i : map->nwhen_values[v]); j++)
                    if (!strcasecmp(map->when_values[w][i].s, map->when_values[v][j].s)) {
                        ck_error(c, map->when_values[w][i].loc, "\"%s\" is given for two time points",
                                 map->when_values[w][i].s);
                        ck_note(map->when_values[v][j].loc, "first given here");
                    }
    int total = 4 + map->ncolumns + map->nignore, n = 0;
    const Text **seen = arena_alloc(c->a, sizeof *seen * (size_t)total);
    const Text *named[4] = { &map->id_column, &map->time_column, &map->date_column, &map->rater_column };
    for (int k = 0; k < 4; k++)
        if (named[k]->s) check_twice(c, seen, &n, named[k]);
    for (int i = 0; i < map->ncolumns; i++)
        if (map->columns[i].item || map->columns[i].scale) check_twice(c, seen, &n, &map->columns[i].column);
    for (int i = 0; i < map->nignore; i++) check_twice(c, seen, &n, &map->ignore[i]);
}
