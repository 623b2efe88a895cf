/* rows.c — the rows of an export, checked cell by cell and given to their
 * members (import_read; import.h).
 *
 * A row with no value to import (every total and item empty, as REDCap
 * writes for an event without these questionnaires) is passed over, and
 * so are Qualtrics' two rows of question texts under its header. Every
 * other row must name one member by its id, a time point, and values that
 * are numbers within their ranges; one row per member and time point. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/date.h"
#include "base/messages.h"
#include "front/dates.h"
#include "base/suggest.h"
#include "base/textguard.h"
#include "base/utf8.h"
#include "import/columns.h"

static const char *when_words[WHEN_COUNT] = { "pre", "post", "followup" };

/* The longest rater's name an export may give, in bytes. */
#define RATER_MAX_BYTES 80

typedef struct ById { const char *id; int member; } ById;

typedef struct RowReader {
    Arena *a;
    const char *path;
    const ImportOptions *o;
    const Columns *cs;
    const CsvReader *csv;
    ImportMember *members;
    int nmembers;
    ById *ids;              /* the members' ids, sorted */
    int nids;
    Date today;
} RowReader;

static int by_id(const void *x, const void *y) {
    return strcmp(((const ById *)x)->id, ((const ById *)y)->id);
}

static CellAt at(const RowReader *r, int c) {
    return (CellAt){ r->path, r->csv->row, c + 1, r->cs->col[c].header };
}

/* The trimmed text of column c in the current row ("" past its end). */
static const char *cell(const RowReader *r, int c, size_t *n) {
    if (c < 0 || c >= r->csv->nfields) {
        *n = 0;
        return "";
    }
    return cell_trim(r->csv->fields[c].text, r->csv->fields[c].len, n);
}

/* Whether a cell says nothing: empty, or a "not answered" of the map. */
static bool blank(const RowReader *r, const char *s, size_t n) {
    if (!n) return true;
    const ImportMap *map = r->o->map;
    for (int i = 0; map && i < map->nmissing; i++)
        if (strlen(map->missing[i].s) == n && !strncasecmp(map->missing[i].s, s, n)) return true;
    return false;
}

/* A copy of a cell's text for messages. */
static const char *text_of(const RowReader *r, const char *s, size_t n) { return arena_strndup(r->a, s, n); }

/* Whether the row holds anything to import. */
static bool has_values(const RowReader *r) {
    for (int c = 0; c < r->cs->n; c++) {
        ColumnKind k = r->cs->col[c].kind;
        size_t n;
        const char *s = cell(r, c, &n);
        if ((k == COL_SCALE || k == COL_ITEM) && !blank(r, s, n)) return true;
    }
    return false;
}

/* The member whose id is in the row's id cell, or -1 (reported). */
static int member_of(RowReader *r, CellAt *id_at) {
    size_t n;
    const char *s = cell(r, r->cs->id, &n);
    *id_at = at(r, r->cs->id);
    if (!n) {
        cell_report(DIAG_ERROR, *id_at, "this row has no id, so it belongs to no member");
        return -1;
    }
    ById key = { text_of(r, s, n), -1 };
    ById *hit = bsearch(&key, r->ids, (size_t)r->nids, sizeof key, by_id);
    if (!hit) {
        /* a spreadsheet reads 00412 as the number 412 and drops its zeros */
        for (int i = 0; i < r->nids; i++) {
            const char *id = r->ids[i].id;
            size_t zeros = strspn(id, "0");
            if (zeros && !strcmp(id + zeros, key.id) && strspn(key.id, "0123456789") == strlen(key.id)) {
                cell_report(DIAG_ERROR, *id_at, "no member has the id \"%s\", but %s has \"%s\": the "
                            "spreadsheet took the id for a number and dropped the zeros it begins with "
                            "(format the id column as text before saving the export)", key.id,
                            r->members[r->ids[i].member].path, id);
                return -1;
            }
        }
        Suggest sg;
        suggest_init(&sg, key.id);
        for (int i = 0; i < r->nids; i++) suggest_offer(&sg, r->ids[i].id);
        const char *best = suggest_result(&sg);
        cell_report(DIAG_ERROR, *id_at, "no member has the id \"%s\"%s%s%s", key.id,
                    best ? " (did you mean \"" : "", best ? best : "", best ? "\"?)" : "");
        return -1;
    }
    if ((hit > r->ids && !strcmp(hit[-1].id, key.id)) || (hit + 1 < r->ids + r->nids && !strcmp(hit[1].id, key.id))) {
        ById *first = hit;
        while (first > r->ids && !strcmp(first[-1].id, key.id)) first--;
        cell_report(DIAG_ERROR, *id_at, "two members have the id \"%s\": %s and %s", key.id,
                    r->members[first[0].member].path, r->members[first[1].member].path);
        return -1;
    }
    return hit->member;
}

/* The row's time point, or WHEN_COUNT (reported). */
static When when_of(const RowReader *r, CellAt *time_at) {
    if (r->cs->fixed_when != WHEN_COUNT) {
        *time_at = (CellAt){ r->path, r->csv->row, 0, NULL };
        return r->cs->fixed_when;
    }
    size_t n;
    const char *s = cell(r, r->cs->time, &n);
    *time_at = at(r, r->cs->time);
    const ImportMap *map = r->o->map;
    for (int w = 0; map && w < WHEN_COUNT; w++)
        for (int i = 0; i < map->nwhen_values[w]; i++)
            if (strlen(map->when_values[w][i].s) == n && !strncasecmp(map->when_values[w][i].s, s, n))
                return (When)w;
    if (!n) {
        cell_report(DIAG_ERROR, *time_at, "this row has no time point");
        return WHEN_COUNT;
    }
    When w = cell_when(s, n);
    if (w == WHEN_COUNT)
        cell_report(DIAG_ERROR, *time_at, "cannot tell the time point from \"%s\": say it in an import "
                    "map, such as: post \"%s\"", text_of(r, s, n), text_of(r, s, n));
    return w;
}

/* Reads the row's rater into e: NULL, the patient, when the export has no
 * rater column or the cell is empty, "self", "self-report" or "patient"
 * (any case). False when the cell cannot be a rater's name (reported). */
static bool rater_of(const RowReader *r, Entry *e) {
    static const char *const self[] = { "self", "self-report", "patient", NULL };
    e->rater = NULL;
    if (r->cs->rater < 0) return true;
    size_t n;
    const char *s = cell(r, r->cs->rater, &n);
    e->rater_at = at(r, r->cs->rater);
    if (!n) return true;
    for (int i = 0; self[i]; i++)
        if (strlen(self[i]) == n && !strncasecmp(self[i], s, n)) return true;
    bool odd = utf8_invalid(s, n) != n;
    for (size_t i = 0; i < n && !odd; i++)
        odd = (unsigned char)s[i] < 0x20 || s[i] == 0x7f || s[i] == '"' || s[i] == '\\';
    uint32_t cp;
    const char *bidi;     /* what a text in quotes may not hold (base/textguard.h) */
    odd = odd || textguard_first_bidi_control(s, n, &cp, &bidi) >= 0 || textguard_first_noncharacter(s, n, &cp) >= 0 ||
          textguard_first_excess_mark(s, n) >= 0;
    if (odd || n > RATER_MAX_BYTES) {
        cell_report(DIAG_ERROR, e->rater_at, "a rater's name is a word or a few (\"partner\", \"mother\") of at "
                    "most %d bytes, without quotes, backslashes or control characters (visible or not)", RATER_MAX_BYTES);
        return false;
    }
    e->rater = text_of(r, s, n);
    return true;
}

/* The rater's name as member mb already spells it, whatever its case: in
 * an assessment of the file, else in an earlier row (so "Partner" and
 * "partner" are one informant); else as the row writes it. */
static const char *rater_spelling(const ImportMember *mb, const char *rater) {
    const Formulation *f = &mb->model->f;
    for (int i = 0; i < f->nassessments; i++)
        if (f->assessments[i].rater.s && !strcasecmp(f->assessments[i].rater.s, rater))
            return f->assessments[i].rater.s;
    for (const Entry *o = mb->entries; o; o = o->next)
        if (o->rater && !strcasecmp(o->rater, rater)) return o->rater;
    return rater;
}

/* Whether two rows are by the same person: the patient, or one rater. */
static bool same_rater(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

/* Reads the row's date into e, when its date columns give one. False
 * when a date is there but wrong (reported). */
static bool date_of(const RowReader *r, const ImportMember *m, Entry *e) {
    const ImportMap *map = r->o->map;
    for (int k = 0; k < r->cs->ndates; k++) {
        int c = r->cs->dates[k];
        size_t n;
        const char *s = cell(r, c, &n);
        if (!n || *s == '[') continue;             /* REDCap's "[not completed]" */
        e->date_at = at(r, c);
        const char *t = text_of(r, s, n);
        bool read = (map && map->date_format.s && date_read_as(s, n, map->date_format.s, &e->date)) ||
                    date_read_as(s, n, "YYYY-MM-DD", &e->date);
        if (!read) {
            /* what the language's own reading says of the date part */
            char why[256];
            Date ignored;
            size_t end = 0;
            while (end < n && s[end] != ' ' && s[end] != 'T') end++;
            bool slashed = memchr(s, '/', n) || memchr(s, '.', n);
            if (map && map->date_format.s)      /* the map said how: the cell is not so */
                cell_report(DIAG_ERROR, e->date_at, "\"%s\" is not written as the map's date_format "
                            "\"%s\" says, nor as YYYY-MM-DD%s", t, map->date_format.s,
                            strstr(map->date_format.s, "DD") || strstr(map->date_format.s, "MM")
                                ? " (DD and MM are two digits, 05; D and M one or two, 5 or 05)" : "");
            else if (slashed || date_read(text_of(r, s, end), &ignored, why, sizeof why))
                cell_report(DIAG_ERROR, e->date_at, "\"%s\" is not a date formc can read%s", t,
                            slashed ? ": say how it is written in an import map, such as date_format \"DD/MM/YYYY\""
                                    : " (write it YYYY-MM-DD)");
            else
                cell_report(DIAG_ERROR, e->date_at, "%s", why);
            return false;
        }
        e->has_date = true;
        Date born = m->model->f.patient.born;
        char iso[11], iso2[11];
        switch (assessment_date_check(e->date, born, r->today)) {
        case ASSESSED_AFTER_TODAY:
            cell_report(DIAG_ERROR, e->date_at, "%s is after today (%s): a questionnaire cannot have been "
                        "answered yet", date_iso(e->date, iso), date_iso(r->today, iso2));
            return false;
        case ASSESSED_NOT_AFTER_BIRTH:
            cell_report(DIAG_ERROR, e->date_at, "%s is not after the patient's birth (%s in %s)",
                        date_iso(e->date, iso), date_iso(born, iso2), m->path);
            return false;
        case ASSESSED_POSSIBLY: break;
        }
        return true;
    }
    return true;
}

/* Reads a number cell, a scale's total or an item's answer; false when
 * it is not one (reported, with what a word such as N/A in it would mean). */
static bool number_at(const RowReader *r, int c, const char *s, size_t n, bool total, double *v) {
    if (cell_number(s, n, r->csv->delim, v)) return true;
    const char *t = text_of(r, s, n);
    bool comma = r->csv->delim == ',' && memchr(s, ',', n);
    cell_report(DIAG_ERROR, at(r, c), "\"%s\" is not a number%s", t,
                comma ? " (in a file separated by commas, a decimal is written with a point)"
                : total ? " (if it marks a total not given, that is a missing score: leave the cell empty, "
                          "or name the text in an import map, missing \"...\"; the total is then left out)"
                : r->o->map ? "" : " (if it means an item was not answered, say so in an import map: "
                                   "missing \"...\")");
    return false;
}

/* The totals of the row's scale columns. */
static void read_scales(RowReader *r, Entry *e) {
    for (int c = 0; c < r->cs->n; c++) {
        const Column *col = &r->cs->col[c];
        size_t n;
        const char *s = cell(r, c, &n);
        double v;
        if (col->kind != COL_SCALE || blank(r, s, n) || !number_at(r, c, s, n, true, &v)) continue;
        const Scale *sc = col->scale;
        char why[400];
        if (model_total_fault(sc, v, why, sizeof why)) {
            cell_report(DIAG_ERROR, at(r, c), "%s %s", text_of(r, s, n), why);
            continue;
        }
        *(RowScale *)arena_push(r->a, &e->scales, &e->nscales, &e->cap_scales, sizeof(RowScale)) =
            (RowScale){ sc, v, at(r, c) };
    }
}

/* Checks the row's total of a keyed scale against its answers: the total
 * goes (the answers say it) when it agrees, and is an error when not. */
static void check_total(RowReader *r, Entry *e, const RowItems *ri) {
    const Instrument *in = ri->answers.instrument;
    for (int j = 0; j < in->nscales; j++) {
        const Scale *sc = &in->scales[j];
        double v;
        int answered;
        bool scored = model_score_items(sc, &ri->answers, &v, &answered);
        if (sc->key.loc.src && !scored) {
            int missing = sc->key.nitems - answered, first = 0;
            while (first < sc->key.nitems - 1 && ri->answers.answered[sc->key.items[first] - 1]) first++;
            cell_report(DIAG_WARNING, ri->at[sc->key.items[first] - 1], "%s will not be scored at %s: %d of its %d items %s "
                        "unanswered in this row, and its key allows %s", sc->qualified, when_words[e->when],
                        missing, sc->key.nitems, diag_tr(missing == 1 ? "is" : "are"),
                        sc->key.prorate ? arena_printf(r->a, diag_tr("at most %d"), sc->key.prorate) : diag_tr("none"));
        }
        for (int k = 0; scored && k < e->nscales; k++) {
            RowScale *t = &e->scales[k];
            if (t->scale != sc) continue;
            size_t n;
            const char *s = cell(r, t->at.col - 1, &n);
            const char *point = memchr(s, '.', n) ? memchr(s, '.', n) : memchr(s, ',', n);
            int dec = point ? (int)(s + n - point - 1) : 0;
            double f = pow(10, dec);
            if (fabs(round(v * f) / f - t->value) > 1e-9) {
                cell_report(DIAG_ERROR, t->at, "the answers to %s in this row give %s %g, not %s",
                            in->id.s, sc->qualified, round(v * 100) / 100, text_of(r, s, n));
                continue;
            }
            e->scales[k] = e->scales[--e->nscales];   /* the answers say it */
            k--;
        }
    }
}

/* The answers of the row's item columns, instrument by instrument. */
static void read_items(RowReader *r, Entry *e) {
    for (int s = 0; s < r->cs->nsets; s++) {
        const ItemColumns *set = &r->cs->sets[s];
        const Instrument *in = set->instrument;
        RowItems ri = { { in, arena_alloc(r->a, sizeof(double) * (size_t)in->items),
                          arena_alloc(r->a, sizeof(bool) * (size_t)in->items), in->items, { 0 } },
                        arena_alloc(r->a, sizeof(CellAt) * (size_t)in->items) };
        bool any = false, ok = true;
        for (int i = 0; i < in->items; i++) {
            int c = set->col[i];
            size_t n;
            const char *t = cell(r, c, &n);
            ri.at[i] = at(r, c);
            double v;
            if (blank(r, t, n)) continue;
            any = true;
            if (!number_at(r, c, t, n, false, &v)) {
                ok = false;
                continue;
            }
            if (v != floor(v) || v < in->response_min || v > in->response_max) {
                cell_report(DIAG_ERROR, ri.at[i], "%s is not an answer to %s's items: they are whole "
                            "numbers from %g to %g", text_of(r, t, n), in->id.s, in->response_min,
                            in->response_max);
                ok = false;
                continue;
            }
            ri.answers.value[i] = v;
            ri.answers.answered[i] = true;
        }
        if (!any || !ok) continue;
        check_total(r, e, &ri);
        *(RowItems *)arena_push(r->a, &e->items, &e->nitems, &e->cap_items, sizeof ri) = ri;
    }
}

/* Reads one row; its entry goes to its member. */
static void read_row(RowReader *r) {
    if (r->cs->response_id >= 0) {          /* Qualtrics' rows of question texts */
        size_t n;
        const char *s = cell(r, r->cs->response_id, &n);
        if (n < 2 || strncmp(s, "R_", 2)) return;
        /* and a preview or a test of the survey, not a patient's answers */
        s = cell(r, r->cs->status, &n);
        static const char *const trials[] = { "1", "2", "Survey Preview", "Survey Test", NULL };
        for (int i = 0; trials[i]; i++)
            if (strlen(trials[i]) == n && !strncasecmp(s, trials[i], n)) return;
    }
    for (int c = r->cs->n; c < r->csv->nfields; c++)
        if (r->csv->fields[c].len) {
            cell_report(DIAG_ERROR, (CellAt){ r->path, r->csv->row, c + 1, NULL },
                        "a value past the last column of the header (the header has %d columns)", r->cs->n);
            return;
        }
    if (!has_values(r)) return;
    Entry *e = arena_alloc(r->a, sizeof *e);
    e->row = r->csv->row;
    int m = member_of(r, &e->id_at);
    e->when = when_of(r, &e->time_at);
    if (m < 0 || e->when == WHEN_COUNT || !rater_of(r, e)) return;
    ImportMember *mb = &r->members[m];
    if (e->rater) e->rater = rater_spelling(mb, e->rater);
    for (Entry *o = mb->entries; o; o = o->next)
        if (o->when == e->when && same_rater(o->rater, e->rater)) {
            cell_report(DIAG_ERROR, e->id_at, "a second row for %s at %s%s%s%s", mb->path, when_words[e->when],
                        e->rater ? " by rater \"" : "", e->rater ? e->rater : "", e->rater ? "\"" : "");
            cell_report(DIAG_NOTE, (CellAt){ r->path, o->row, 0, NULL }, "the first is row %d", o->row);
            return;
        }
    if (!date_of(r, mb, e)) return;
    read_scales(r, e);
    read_items(r, e);
    /* in file order: the last row read goes last */
    Entry **tail = &mb->entries;
    while (*tail) tail = &(*tail)->next;
    *tail = e;
}

void import_read(Arena *a, const Source *csv, const ImportOptions *o, const Model *lib,
                 ImportMember *members, int n) {
    CsvReader rd;
    char err[256];
    if (!csv_open(&rd, csv->text, csv->len, 0, err, sizeof err)) {
        diag_file(DIAG_ERROR, csv->path, "%s", err);
        return;
    }
    Columns cs;
    RowReader r = { a, csv->path, o, &cs, &rd, members, n, NULL, 0, date_today() };
    CsvStatus st = csv_next(&rd);
    if (st == CSV_END) diag_file(DIAG_ERROR, csv->path, "the export is empty: it has no header row");
    if (st != CSV_RECORD || !columns_read(a, csv->path, &rd, o->map, lib, &cs)) {
        if (st == CSV_ERROR) cell_report(DIAG_ERROR, (CellAt){ csv->path, rd.row, rd.err_field, NULL }, "%s", rd.err);
        csv_close(&rd);
        return;
    }
    r.ids = arena_alloc(a, sizeof *r.ids * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        if (members[i].model->f.patient.id.s) r.ids[r.nids++] = (ById){ members[i].model->f.patient.id.s, i };
    qsort(r.ids, (size_t)r.nids, sizeof *r.ids, by_id);
    for (int i = 0; i < n; i++)
        if (!members[i].model->f.patient.id.s)
            diag_file(DIAG_WARNING, members[i].path, "has no id (patient { id \"...\" }), so no row of the "
                      "export can be imported into it");
    while ((st = csv_next(&rd)) == CSV_RECORD) read_row(&r);
    if (st == CSV_ERROR) cell_report(DIAG_ERROR, (CellAt){ csv->path, rd.row, rd.err_field, NULL }, "%s", rd.err);
    csv_close(&rd);
}
