/* columns.c — what each column of an export holds; see columns.h. */
#include "import/columns.h"
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/suggest.h"

typedef struct Reader {
    Arena *a;
    const char *path;
    const ImportMap *map;
    const Model *lib;
    Columns *cs;
    bool ok;
} Reader;

static CellAt header_at(const Reader *r, int c) {
    return (CellAt){ r->path, 1, c + 1, r->cs->col[c].header };
}

/* The instrument whose id header starts with, followed by '_' or '.';
 * *rest is what follows the separator. */
static const Instrument *instrument_prefix(const Model *lib, const char *h, const char **rest) {
    for (int i = 0; i < lib->ninstruments; i++) {
        const char *id = lib->instruments[i]->id.s;
        size_t n = strlen(id);
        if (!strncasecmp(h, id, n) && (h[n] == '_' || h[n] == '.') && h[n + 1]) {
            *rest = h + n + 1;
            return lib->instruments[i];
        }
    }
    return NULL;
}

static bool all_digits(const char *s) {
    if (!*s || *s == '0') return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return false;
    return true;
}

/* The item number the digits s spell (all_digits), or INT_MAX when it is
 * past any instrument's items (atoi overflowed on a long run of digits,
 * and the column was taken for an item before the first). */
static int item_number(const char *s) {
    long n = 0;
    for (; *s; s++) {
        if (n > 100000) return INT_MAX;
        n = n * 10 + (*s - '0');
    }
    return (int)n;
}

/* Names of a convention, any case. */
static bool is_one_of(const char *h, const char *const *names) {
    for (; *names; names++)
        if (!strcasecmp(h, *names)) return true;
    return false;
}

static bool ends_with(const char *h, const char *end) {
    size_t n = strlen(h), k = strlen(end);
    return n > k && !strcasecmp(h + n - k, end);
}

/* The columns the map names for items by a prefix: PREFIX followed by an
 * item number. */
static const MapColumn *map_prefix(const ImportMap *map, const char *h, int *item) {
    for (int i = 0; map && i < map->ncolumns; i++) {
        const MapColumn *mc = &map->columns[i];
        size_t n = strlen(mc->column.s);
        if (mc->scale || mc->item || strncasecmp(h, mc->column.s, n) || !all_digits(h + n)) continue;
        *item = item_number(h + n);
        return mc;
    }
    return NULL;
}

/* What the map says of column c, if anything: true when it names it. */
static bool by_map(Reader *r, int c) {
    const ImportMap *map = r->map;
    Column *col = &r->cs->col[c];
    const char *h = col->header;
    if (!map) return false;
    if (map->id_column.s && !strcasecmp(h, map->id_column.s)) col->kind = COL_ID;
    else if (map->time_column.s && !strcasecmp(h, map->time_column.s)) col->kind = COL_TIME;
    else if (map->date_column.s && !strcasecmp(h, map->date_column.s)) col->kind = COL_DATE;
    else if (map->rater_column.s && !strcasecmp(h, map->rater_column.s)) col->kind = COL_RATER;
    for (int i = 0; col->kind == COL_OTHER && i < map->ncolumns; i++) {
        const MapColumn *mc = &map->columns[i];
        if ((!mc->scale && !mc->item) || strcasecmp(h, mc->column.s)) continue;
        /* the map was compiled on its own: its scales, as lib has them */
        col->kind = mc->scale ? COL_SCALE : COL_ITEM;
        col->scale = mc->scale ? model_find_scale(r->lib, mc->scale->qualified) : NULL;
        col->instrument = mc->instrument ? model_find_instrument(r->lib, mc->instrument->id.s) : NULL;
        col->item = mc->item;
        if (!col->scale && !col->instrument) col->kind = COL_OTHER;
        else if (col->instrument && mc->item > col->instrument->items) {
            /* the map was checked against the library; a clinic's own
             * declaration of the instrument may have fewer items */
            cell_report(DIAG_ERROR, header_at(r, c), "this would be item %d of %s, which has %d items",
                        mc->item, col->instrument->id.s, col->instrument->items);
            r->ok = false;
            col->kind = COL_OTHER;
            return true;
        }
    }
    int item;
    const MapColumn *mc = col->kind == COL_OTHER ? map_prefix(map, h, &item) : NULL;
    if (mc) {
        /* the instrument as the members have it: its items are what the
         * columns are gathered into */
        const Instrument *in = model_find_instrument(r->lib, mc->instrument->id.s);
        if (in && item > in->items) {
            cell_report(DIAG_ERROR, header_at(r, c), "this would be item %s of %s, which has %d items",
                        h + strlen(mc->column.s), in->id.s, in->items);
            r->ok = false;
            return true;
        }
        col->kind = in ? COL_ITEM : COL_OTHER;
        col->instrument = in;
        col->item = item;
    }
    for (int i = 0; col->kind == COL_OTHER && i < map->nignore; i++)
        if (!strcasecmp(h, map->ignore[i].s)) return true;
    return col->kind != COL_OTHER;
}

/* Reports, once per instrument, item columns of an instrument that does
 * not declare its items; *warned remembers which. */
static void items_not_declared(Reader *r, int c, const Instrument *in, const Instrument **warned, int *nwarned) {
    for (int i = 0; i < *nwarned; i++)
        if (warned[i] == in) return;
    warned[(*nwarned)++] = in;
    cell_report(DIAG_WARNING, header_at(r, c), "the items of %s are not imported: %s does not declare its "
                "items in the instrument library (docs/instruments.md says how a clinic adds the key it "
                "is licensed to use); ignore these columns in an import map to silence this",
                in->id.s, in->id.s);
}

/* What the conventions say of column c. */
static void by_conventions(Reader *r, int c, const Instrument **warned, int *nwarned) {
    static const char *const ids[] = { "id", "record_id", "participant_id", NULL };
    static const char *const times[] = { "time", "timepoint", "redcap_event_name", NULL };
    static const char *const dates[] = { "date", "assessment_date", "recordeddate", "enddate", NULL };
    static const char *const raters[] = { "rater", "informant", "respondent", NULL };
    const ImportMap *map = r->map;
    Column *col = &r->cs->col[c];
    const char *h = col->header, *rest;
    if (!strcasecmp(h, "responseid")) {
        col->kind = COL_RESPONSE_ID;
        return;
    }
    if (!strcasecmp(h, "status")) {          /* Qualtrics' kind of response */
        col->kind = COL_STATUS;
        return;
    }
    if (is_one_of(h, ids)) {
        if (!map || !map->id_column.s) col->kind = COL_ID;
        return;
    }
    if (is_one_of(h, times)) {
        if (!map || (!map->time_column.s && !map->timepoint.s)) col->kind = COL_TIME;
        return;
    }
    if (is_one_of(h, raters)) {
        if (!map || !map->rater_column.s) col->kind = COL_RATER;
        return;
    }
    if (is_one_of(h, dates) || ends_with(h, "_timestamp")) {
        if (!map || !map->date_column.s) col->kind = COL_DATE;
        return;
    }
    const Instrument *in = instrument_prefix(r->lib, h, &rest);
    if (!in || !strcasecmp(rest, "complete")) return;     /* REDCap's form status */
    for (int j = 0; j < in->nscales; j++)
        if (!strcasecmp(rest, in->scales[j].id.s)) {
            col->kind = COL_SCALE;
            col->scale = &in->scales[j];
            return;
        }
    if (all_digits(rest)) {
        if (!in->items || !in->has_responses) {
            items_not_declared(r, c, in, warned, nwarned);
            return;
        }
        int item = item_number(rest);
        if (item > in->items) {
            cell_report(DIAG_WARNING, header_at(r, c), "not imported: %s has %d items, not %s",
                        in->id.s, in->items, rest);
            return;
        }
        col->kind = COL_ITEM;
        col->instrument = in;
        col->item = item;
        return;
    }
    Suggest sg;
    suggest_init(&sg, rest);
    for (int j = 0; j < in->nscales; j++) suggest_offer(&sg, in->scales[j].id.s);
    const char *best = suggest_result(&sg);
    if (best)
        cell_report(DIAG_WARNING, header_at(r, c), "not imported: %s has no scale '%s' (did you mean "
                    "'%s'?)", in->id.s, rest, best);
}

/* A second column for the same thing is an error at the second. */
static void check_twice(Reader *r) {
    Columns *cs = r->cs;
    for (int c = 0; c < cs->n; c++) {
        const Column *x = &cs->col[c];
        if (x->kind == COL_OTHER || x->kind == COL_DATE || x->kind == COL_RESPONSE_ID || x->kind == COL_STATUS)
            continue;
        for (int k = 0; k < c; k++) {
            const Column *y = &cs->col[k];
            if (y->kind != x->kind || y->scale != x->scale || y->instrument != x->instrument || y->item != x->item)
                continue;
            const char *what = x->kind == COL_ID ? "the patient's id" : x->kind == COL_TIME ? "the time point"
                             : x->kind == COL_RATER ? "the rater"
                             : x->kind == COL_SCALE ? x->scale->qualified
                             : arena_printf(r->a, "item %d of %s", x->item, x->instrument->id.s);
            cell_report(DIAG_ERROR, header_at(r, c), "a second column for %s (the first is %s, column %s)%s",
                        what, y->header, cell_column_letters(r->a, k + 1),
                        x->kind == COL_ID ? "; name the one to read in an import map (id_column)"
                        : x->kind == COL_TIME ? "; name the one to read in an import map (time_column)"
                        : x->kind == COL_RATER ? "; name the one to read in an import map (rater_column)" : "");
            r->ok = false;
            break;
        }
    }
}

/* Reports a column the map names that the export does not have. */
static void check_named(Reader *r, const Text *t, bool prefix) {
    Columns *cs = r->cs;
    Suggest sg;
    suggest_init(&sg, t->s);
    for (int c = 0; c < cs->n; c++) {
        const char *h = cs->col[c].header;
        size_t n = strlen(t->s);
        if (prefix ? !strncasecmp(h, t->s, n) && all_digits(h + n) : !strcasecmp(h, t->s)) return;
        suggest_offer(&sg, h);
    }
    const char *best = prefix ? NULL : suggest_result(&sg);
    if (prefix)
        diag_at(DIAG_ERROR, t->loc, "no column of %s is named \"%s\" followed by an item number", r->path, t->s);
    else
        diag_at(DIAG_ERROR, t->loc, "%s has no column \"%s\"%s%s%s", r->path, t->s,
                best ? " (did you mean \"" : "", best ? best : "", best ? "\"?)" : "");
    r->ok = false;
}

/* Finds the columns of each instrument's items; every item needs one. */
static void gather_items(Reader *r) {
    Columns *cs = r->cs;
    cs->sets = arena_alloc(r->a, sizeof *cs->sets * (size_t)(r->lib->ninstruments + 1));
    int *first = arena_alloc(r->a, sizeof *first * (size_t)(r->lib->ninstruments + 1));
    for (int c = 0; c < cs->n; c++) {
        const Column *x = &cs->col[c];
        if (x->kind != COL_ITEM) continue;
        int s = 0;
        while (s < cs->nsets && cs->sets[s].instrument != x->instrument) s++;
        if (s == cs->nsets) {
            cs->sets[s].instrument = x->instrument;
            cs->sets[s].col = arena_alloc(r->a, sizeof(int) * (size_t)x->instrument->items);
            for (int i = 0; i < x->instrument->items; i++) cs->sets[s].col[i] = -1;
            first[s] = c;
            cs->nsets++;
        }
        cs->sets[s].col[x->item - 1] = c;
    }
    for (int s = 0; s < cs->nsets; s++) {
        const Instrument *in = cs->sets[s].instrument;
        int have = 0, lack = 0;
        for (int i = 0; i < in->items; i++) {
            if (cs->sets[s].col[i] >= 0) have++;
            else if (!lack) lack = i + 1;
        }
        if (lack) {
            cell_report(DIAG_ERROR, header_at(r, first[s]), "the export has %d of the %d items of %s: "
                        "no column for item %d", have, in->items, in->id.s, lack);
            r->ok = false;
        }
    }
}

bool columns_read(Arena *a, const char *path, const CsvReader *header, const ImportMap *map,
                  const Model *lib, Columns *out) {
    Reader r = { a, path, map && map->loc.src ? map : NULL, lib, out, true };
    map = r.map;
    memset(out, 0, sizeof *out);
    out->n = header->nfields;
    out->col = arena_alloc(a, sizeof *out->col * (size_t)out->n);
    out->dates = arena_alloc(a, sizeof *out->dates * (size_t)out->n);
    out->id = out->time = out->rater = out->response_id = out->status = -1;
    const Instrument **warned = arena_alloc(a, sizeof *warned * (size_t)(lib->ninstruments + 1));
    int nwarned = 0;
    for (int c = 0; c < out->n; c++) {
        size_t n;
        const char *h = cell_trim(header->fields[c].text, header->fields[c].len, &n);
        out->col[c].header = arena_strndup(a, h, n);
        if (!by_map(&r, c)) by_conventions(&r, c, warned, &nwarned);
    }
    check_twice(&r);
    /* the date columns, the map's first, then in the conventions' order */
    static const char *const order[] = { "date", "assessment_date", "recordeddate", "enddate", NULL };
    for (int pass = 0; pass < 6; pass++)
        for (int c = 0; c < out->n; c++) {
            const char *h = out->col[c].header;
            if (out->col[c].kind != COL_DATE) continue;
            bool mapped = map && map->date_column.s && !strcasecmp(h, map->date_column.s);
            if (pass == 0 ? mapped : pass < 5 ? !mapped && !strcasecmp(h, order[pass - 1])
                                              : !mapped && ends_with(h, "_timestamp"))
                out->dates[out->ndates++] = c;
        }
    for (int c = 0; c < out->n; c++) {
        if (out->col[c].kind == COL_ID && out->id < 0) out->id = c;
        if (out->col[c].kind == COL_TIME && out->time < 0) out->time = c;
        if (out->col[c].kind == COL_RATER && out->rater < 0) out->rater = c;
        if (out->col[c].kind == COL_RESPONSE_ID && out->response_id < 0) out->response_id = c;
        if (out->col[c].kind == COL_STATUS && out->status < 0) out->status = c;
    }
    out->fixed_when = WHEN_COUNT;
    if (map && map->timepoint.s)
        out->fixed_when = !strcmp(map->timepoint.s, "pre") ? WHEN_PRE
                        : !strcmp(map->timepoint.s, "post") ? WHEN_POST : WHEN_FOLLOWUP;
    if (map) {
        const Text *named[4] = { &map->id_column, &map->time_column, &map->date_column, &map->rater_column };
        for (int k = 0; k < 4; k++)
            if (named[k]->s) check_named(&r, named[k], false);
        for (int i = 0; i < map->ncolumns; i++)
            check_named(&r, &map->columns[i].column, !map->columns[i].scale && !map->columns[i].item);
    }
    gather_items(&r);
    CellAt row1 = { path, 1, 0, NULL };
    if (out->id < 0 && !(map && map->id_column.s)) {
        cell_report(DIAG_ERROR, row1, "the export has no column of the patient's id (id, record_id or "
                    "participant_id): name the column in an import map (id_column \"...\")");
        r.ok = false;
    }
    if (out->time < 0 && out->fixed_when == WHEN_COUNT && !(map && map->time_column.s)) {
        cell_report(DIAG_ERROR, row1, "the export has no column of the time point (time, timepoint or "
                    "redcap_event_name): name it in an import map (time_column \"...\"), or say there "
                    "which time point every row is (timepoint pre)");
        r.ok = false;
    }
    bool values = false;
    for (int c = 0; c < out->n; c++) values |= out->col[c].kind == COL_SCALE || out->col[c].kind == COL_ITEM;
    if (!values && r.ok) {
        cell_report(DIAG_ERROR, row1, "no column of the export holds a scale's total (hfmps_self_oriented) "
                    "or an item (swls_1) formc knows: name them in an import map (docs/import.md)");
        r.ok = false;
    }
    return r.ok;
}
