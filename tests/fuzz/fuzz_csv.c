/* fuzz_csv.c — the CSV reader (import/csv.h) on arbitrary bytes.
 *
 * Every record must come out whole: at least one field, each field
 * NUL-terminated at its length, rows counted up by one, never more bytes
 * than were read; and every field is read as formc import reads a cell (a
 * number, a time point, a date in the conventions' form and in a map's).
 * Then the records are written back, every field quoted, and read again
 * with the same separator: the same fields must come back. A reader that
 * loses, adds or changes a byte on the way is a finding. */
#include "fuzz.h"
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include <math.h>
#include "front/dates.h"
#include "import/cells.h"
#include "import/csv.h"

/* Reads a field as each kind of cell; a number out of bounds is a finding. */
static void read_cell(const CsvField *f, char delim) {
    size_t n;
    const char *t = cell_trim(f->text, f->len, &n);
    double v;
    if (cell_number(t, n, delim, &v) && !(isfinite(v) && fabs(v) <= 1e9)) abort();
    (void)cell_when(t, n);
    Date day;
    if (date_read_as(t, n, "YYYY-MM-DD", &day) && !date_valid(day.y, day.m, day.d)) abort();
    if (date_read_as(t, n, "D/M/YYYY", &day) && !date_valid(day.y, day.m, day.d)) abort();
}

/* Appends field f, quoted, to *out. */
static void put_quoted(char **out, size_t *len, size_t *cap, const CsvField *f) {
    if (*len + f->len * 2 + 4 > *cap) {
        *cap = (*len + f->len * 2 + 4) * 2;
        *out = xrealloc(*out, *cap);
    }
    (*out)[(*len)++] = '"';
    for (size_t i = 0; i < f->len; i++) {
        if (f->text[i] == '"') (*out)[(*len)++] = '"';
        (*out)[(*len)++] = f->text[i];
    }
    (*out)[(*len)++] = '"';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    CsvReader r, again;
    char err[160];
    if (!csv_open(&r, (const char *)data, size, 0, err, sizeof err)) return 0;
    char *copy = NULL;
    size_t len = 0, cap = 0;
    int rows = 0;
    CsvStatus st;
    while ((st = csv_next(&r)) == CSV_RECORD) {
        if (r.nfields < 1 || r.row != ++rows) abort();
        for (int i = 0; i < r.nfields; i++) {
            if (r.fields[i].len > size || r.fields[i].text[r.fields[i].len] != '\0') abort();
            read_cell(&r.fields[i], r.delim);
            put_quoted(&copy, &len, &cap, &r.fields[i]);
            copy[len++] = i + 1 < r.nfields ? r.delim : '\n';
        }
    }
    if (st == CSV_ERROR && (r.err_field < 1 || !r.err[0])) abort();
    /* the records read so far, written back, read back the same */
    if (!csv_open(&again, copy ? copy : "", len, r.delim, err, sizeof err)) abort();
    csv_close(&r);
    csv_open(&r, (const char *)data, size, 0, err, sizeof err);
    for (int k = 0; k < rows; k++) {
        if (csv_next(&r) != CSV_RECORD || csv_next(&again) != CSV_RECORD) abort();
        if (r.nfields != again.nfields) abort();
        for (int i = 0; i < r.nfields; i++)
            if (r.fields[i].len != again.fields[i].len ||
                memcmp(r.fields[i].text, again.fields[i].text, r.fields[i].len))
                abort();
    }
    if (csv_next(&again) != CSV_END) abort();
    csv_close(&r);
    csv_close(&again);
    free(copy);
    return 0;
}
