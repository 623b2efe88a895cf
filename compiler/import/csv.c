/* csv.c — the record reader of a CSV export; see csv.h. */
#include "import/csv.h"
#include "base/messages.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"

static bool is_delim_char(char c) { return c == ',' || c == ';' || c == '\t'; }

/* The separator the record at text[pos..] uses most outside quotes: a tie
 * goes to the comma, then the semicolon. */
static char sniff(const char *text, size_t len, size_t pos) {
    int comma = 0, semi = 0, tab = 0;
    bool quoted = false;
    for (size_t i = pos; i < len; i++) {
        char c = text[i];
        if (c == '"') quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r')) break;
        else if (!quoted) comma += c == ',', semi += c == ';', tab += c == '\t';
    }
    if (tab > comma && tab > semi) return '\t';
    return semi > comma ? ';' : ',';
}

bool csv_open(CsvReader *r, const char *text, size_t len, char delim, char *err, size_t errlen) {
    memset(r, 0, sizeof *r);
    r->text = text;
    r->len = len;
    const unsigned char *u = (const unsigned char *)text;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        snprintf(err, errlen, diag_tr("is in UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\""));
        return false;
    }
    /* a workbook given where its export goes: .xlsx and .ods are ZIP files,
     * .xls an OLE2 compound file; each read as text was 'a NUL byte' */
    if ((len >= 4 && !memcmp(u, "PK\3\4", 4)) || (len >= 8 && !memcmp(u, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
        snprintf(err, errlen, diag_tr("is a spreadsheet workbook (Excel's .xlsx or .xls, or an .ods), not a text "
                 "export: save it as \"CSV UTF-8\" (in Excel: File, Save As) and import that file"));
        return false;
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) r->pos = 3;
    /* Excel's "sep=X" line names the separator and is not a row */
    const char *p = text + r->pos;
    size_t rest = len - r->pos;
    if (rest >= 5 && !strncmp(p, "sep=", 4) && (rest == 5 || p[5] == '\n' || p[5] == '\r')) {
        if (!is_delim_char(p[4])) {
            snprintf(err, errlen, diag_tr("names the separator '%c' (sep=%c); formc reads a comma, a "
                     "semicolon or a tab"), p[4], p[4]);
            return false;
        }
        if (!delim) delim = p[4];
        r->pos += 5;
        if (r->pos < len && text[r->pos] == '\r') r->pos++;
        if (r->pos < len && text[r->pos] == '\n') r->pos++;
    }
    r->delim = delim ? delim : sniff(text, len, r->pos);
    return true;
}

/* Marks the reader failed with a message about field `field` of the
 * current row. */
static CsvStatus fail(CsvReader *r, int field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static CsvStatus fail(CsvReader *r, int field, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
    r->err_field = field;
    r->failed = true;
    return CSV_ERROR;
}

static void put(CsvReader *r, const char *s, size_t n) { xappend(&r->buf, &r->buf_len, &r->buf_cap, s, n); }

/* Ends the current field with its terminating NUL. */
static void end_field(CsvReader *r) { put(r, "", 1); }

CsvStatus csv_next(CsvReader *r) {
    if (r->failed) return CSV_ERROR;
    if (r->pos >= r->len) return CSV_END;
    const char *t = r->text;
    size_t n = r->len;
    r->row++;
    r->buf_len = 0;
    r->nfields = 0;
    for (;;) {
        if (r->nfields == CSV_MAX_FIELDS)
            return fail(r, r->nfields, "more fields in one row than formc reads (%d)", CSV_MAX_FIELDS);
        if (r->nfields == r->cap_fields) {
            r->cap_fields = r->cap_fields ? r->cap_fields * 2 : 64;
            r->starts = xrealloc(r->starts, sizeof *r->starts * (size_t)r->cap_fields);
            r->fields = xrealloc(r->fields, sizeof *r->fields * (size_t)r->cap_fields);
        }
        int field = ++r->nfields;
        size_t start = r->buf_len;
        r->starts[field - 1] = start;
        if (r->pos < n && t[r->pos] == '"') {
            r->pos++;
            for (;;) {
                const char *q = memchr(t + r->pos, '"', n - r->pos);
                size_t run = q ? (size_t)(q - (t + r->pos)) : n - r->pos;
                if (memchr(t + r->pos, '\0', run)) return fail(r, field, "a NUL byte: this is not a text export");
                put(r, t + r->pos, run);
                r->pos += run;
                if (!q) return fail(r, field, "a quoted field is never closed: a '\"' is missing");
                r->pos++;
                if (r->pos < n && t[r->pos] == '"') {   /* "" is one quote */
                    put(r, "\"", 1);
                    r->pos++;
                    continue;
                }
                break;
            }
            if (r->pos < n && t[r->pos] != r->delim && t[r->pos] != '\n' && t[r->pos] != '\r')
                return fail(r, field, "text after the closing quote of a field (a quote inside "
                            "quotes is written twice: \"\")");
        } else {
            size_t e = r->pos;
            while (e < n && t[e] != r->delim && t[e] != '\n' && t[e] != '\r' && t[e] != '\0') e++;
            if (e < n && t[e] == '\0') return fail(r, field, "a NUL byte: this is not a text export");
            put(r, t + r->pos, e - r->pos);
            r->pos = e;
        }
        if (r->buf_len - start > CSV_MAX_FIELD)
            return fail(r, field, "a field longer than %u KiB", CSV_MAX_FIELD / 1024);
        end_field(r);
        if (r->pos < n && t[r->pos] == r->delim) {
            r->pos++;
            continue;
        }
        if (r->pos < n && t[r->pos] == '\r') r->pos++;
        if (r->pos < n && t[r->pos] == '\n') r->pos++;
        break;
    }
    for (int i = 0; i < r->nfields; i++) {
        size_t s = r->starts[i], e = i + 1 < r->nfields ? r->starts[i + 1] - 1 : r->buf_len - 1;
        r->fields[i] = (CsvField){ r->buf + s, e - s };
    }
    return CSV_RECORD;
}

void csv_close(CsvReader *r) {
    free(r->buf);
    free(r->starts);
    free(r->fields);
    memset(r, 0, sizeof *r);
}
