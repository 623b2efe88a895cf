/* csv.h — reading a questionnaire export, one record at a time.
 *
 * What the reader accepts (RFC 4180, and what Excel, REDCap and Qualtrics
 * write): fields separated by a comma, a semicolon or a tab; a field in
 * double quotes may hold the separator, line breaks and quotes written
 * twice (""); records end with LF, CR LF or a lone CR; UTF-8 with or
 * without a byte-order mark. Unless the caller names the separator, it is
 * the one of the three that the first record uses most outside quotes; a
 * first line "sep=;" (as Excel writes it) names it and is skipped.
 *
 * What it refuses, with the row and field where it happened: a quoted
 * field never closed, text after a closing quote, a NUL byte, a field
 * longer than CSV_MAX_FIELD bytes, a record of more than CSV_MAX_FIELDS
 * fields; and, before the first record, a file in UTF-16 (Excel's
 * "Unicode text"). Bytes are otherwise passed through as they are: the
 * caller decides what a field means.
 *
 * Rows are numbered from 1 (the header) as a spreadsheet numbers them: a
 * blank line is a row, a quoted line break is not a new one. Each call
 * reuses the reader's buffers, so memory stays bounded by the longest
 * record, whatever the number of rows. */
#ifndef FORMC_CSV_H
#define FORMC_CSV_H
#include <stdbool.h>
#include <stddef.h>

#define CSV_MAX_FIELDS 4096
#define CSV_MAX_FIELD (64u * 1024)

typedef struct CsvField {
    const char *text;        /* without its quotes, "" unescaped, NUL-terminated */
    size_t len;
} CsvField;

typedef struct CsvReader {
    const char *text;
    size_t len, pos;
    char delim;              /* ',', ';' or '\t' */
    int row;                 /* of the record read last; 1 is the header */
    CsvField *fields;        /* the record read last */
    int nfields;
    /* after CSV_ERROR: what went wrong, in which field (from 1) of row */
    char err[160];
    int err_field;
    /* the reader's own storage */
    char *buf;
    size_t buf_len, buf_cap;
    size_t *starts;
    int cap_fields;
    bool failed;
} CsvReader;

typedef enum { CSV_RECORD, CSV_END, CSV_ERROR } CsvStatus;

/* Starts reading the len bytes at text (which must stay valid while the
 * reader is used). delim is ',', ';' or '\t', or 0 to find it. Returns
 * false, with a message in err, for a file that cannot be a text export. */
bool csv_open(CsvReader *r, const char *text, size_t len, char delim, char *err, size_t errlen);
/* Reads the next record into r->fields. After CSV_ERROR (r->err and
 * r->err_field say why and where) or CSV_END, every later call returns the
 * same. */
CsvStatus csv_next(CsvReader *r);
/* Frees the reader's storage. */
void csv_close(CsvReader *r);

#endif
