/* test_csv.c — the CSV reader (import/csv.h): separators found or named,
 * quoting, line ends, byte-order mark, rows numbered as a spreadsheet
 * numbers them, and each refusal with its row and field. */
#include <stdlib.h>
#include <string.h>
#include "import/csv.h"
#include "unit.h"

/* Reads all of text; returns the records as "a|b|c" lines joined by "\n"
 * ("ERR row:field message" for an error), and the separator found. */
static char *records(const char *text, size_t len, char delim, char *found) {
    static char out[8192];
    char err[160];
    CsvReader r;
    out[0] = '\0';
    if (!csv_open(&r, text, len, delim, err, sizeof err)) {
        snprintf(out, sizeof out, "REFUSED %s", err);
        return out;
    }
    if (found) *found = r.delim;
    CsvStatus st;
    while ((st = csv_next(&r)) == CSV_RECORD) {
        size_t o = strlen(out);
        snprintf(out + o, sizeof out - o, "%d:", r.row);
        for (int i = 0; i < r.nfields; i++) {
            o = strlen(out);
            CHECK_INT(strlen(r.fields[i].text), r.fields[i].len);
            snprintf(out + o, sizeof out - o, "%s%s", i ? "|" : "", r.fields[i].text);
        }
        o = strlen(out);
        snprintf(out + o, sizeof out - o, "\n");
    }
    if (st == CSV_ERROR) {
        size_t o = strlen(out);
        snprintf(out + o, sizeof out - o, "ERR %d:%d %s", r.row, r.err_field, r.err);
        CHECK(csv_next(&r) == CSV_ERROR);
    } else {
        CHECK(csv_next(&r) == CSV_END);
    }
    csv_close(&r);
    return out;
}

static char *rec(const char *text) { return records(text, strlen(text), 0, NULL); }
static char *rec_d(const char *text, char delim, char *found) {
    return records(text, strlen(text), delim, found);
}

TEST(csv_comma_and_line_ends) {
    CHECK_STR(rec("id,hfmps_1\nP-1,5\n"), "1:id|hfmps_1\n2:P-1|5\n");
    CHECK_STR(rec("id,x\r\nP-1,5\r\n"), "1:id|x\n2:P-1|5\n");
    CHECK_STR(rec("id,x\rP-1,5\r"), "1:id|x\n2:P-1|5\n");
    CHECK_STR(rec("id,x\nP-1,5"), "1:id|x\n2:P-1|5\n");        /* no final newline */
    CHECK_STR(rec(""), "");
    CHECK_STR(rec("\xEF\xBB\xBFid,x\n1,2\n"), "1:id|x\n2:1|2\n");
}

TEST(csv_empty_fields_and_blank_rows) {
    CHECK_STR(rec("a,b,c\n1,,\n\n,2,\n"), "1:a|b|c\n2:1||\n3:\n4:|2|\n");
}

TEST(csv_quoting) {
    CHECK_STR(rec("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n"), "1:a|b\n2:x, y|say \"hi\"\n");
    /* a quoted line break stays in the field and does not start a row */
    CHECK_STR(rec("a,b\n\"two\nlines\",1\n3,4\n"), "1:a|b\n2:two\nlines|1\n3:3|4\n");
    CHECK_STR(rec("a\n\"\"\n"), "1:a\n2:\n");
    /* a quote inside an unquoted field is kept as it is */
    CHECK_STR(rec("a,b\n5\"7,x\n"), "1:a|b\n2:5\"7|x\n");
}

TEST(csv_separators) {
    char d = 0;
    CHECK_STR(rec_d("id;x;y\n1;2,5;3\n", 0, &d), "1:id|x|y\n2:1|2,5|3\n");
    CHECK_INT(d, ';');
    CHECK_STR(rec_d("id\tx\n1\t2\n", 0, &d), "1:id|x\n2:1|2\n");
    CHECK_INT(d, '\t');
    /* commas inside a quoted header do not count */
    CHECK_STR(rec_d("\"a,b,c\";d\n1;2\n", 0, &d), "1:a,b,c|d\n2:1|2\n");
    CHECK_INT(d, ';');
    CHECK_STR(rec_d("one\n1\n", 0, &d), "1:one\n2:1\n");
    CHECK_INT(d, ',');
    /* Excel's sep= line names it and is not a row */
    CHECK_STR(rec_d("sep=;\r\na,b;c\r\n", 0, &d), "1:a,b|c\n");
    CHECK_INT(d, ';');
    CHECK_STR(rec_d("a;b,c\n", ',', &d), "1:a;b|c\n");
}

TEST(csv_refusals) {
    CHECK_STR(rec("a,b\n1,\"open\n"), "1:a|b\nERR 2:2 a quoted field is never closed: a '\"' is missing");
    CHECK_STR(rec("a,b\n\"x\"y,2\n"),
              "1:a|b\nERR 2:1 text after the closing quote of a field (a quote inside quotes is written twice: \"\")");
    CHECK_STR(records("a,b\n1,2\0,3\n", 11, 0, NULL), "1:a|b\nERR 2:2 a NUL byte: this is not a text export");
    CHECK_STR(records("a\n\"\0\"\n", 6, 0, NULL), "1:a\nERR 2:1 a NUL byte: this is not a text export");
    CHECK_STR(records("\xFF\xFEi\0d\0", 6, 0, NULL),
              "REFUSED is in UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\"");
    CHECK_STR(rec("sep=|\na|b\n"), "REFUSED names the separator '|' (sep=|); formc reads a comma, a semicolon or a tab");
}

TEST(csv_limits) {
    size_t n = CSV_MAX_FIELDS + 1;
    char *wide = malloc(n * 2 + 1);
    for (size_t i = 0; i < n; i++) wide[2 * i] = 'x', wide[2 * i + 1] = ',';
    wide[n * 2 - 1] = '\n';
    wide[n * 2] = '\0';
    char *out = records(wide, n * 2, 0, NULL);
    CHECK(strstr(out, "ERR 1:4096 more fields in one row than formc reads (4096)") != NULL);
    free(wide);
    size_t m = CSV_MAX_FIELD + 10;
    char *longf = malloc(m + 4);
    memcpy(longf, "a\n", 2);
    memset(longf + 2, 'y', m);
    longf[m + 2] = '\n';
    CHECK_STR(records(longf, m + 3, 0, NULL), "1:a\nERR 2:1 a field longer than 64 KiB");
    free(longf);
}

/* Many rows with the same reader: the buffers are reused, rows counted. */
TEST(csv_many_rows) {
    size_t rows = 20000, len = 0;
    char *text = malloc(rows * 16 + 16);
    len += (size_t)sprintf(text, "id,v\n");
    for (size_t i = 0; i < rows; i++) len += (size_t)sprintf(text + len, "P-%zu,%zu\n", i, i % 7);
    CsvReader r;
    char err[160];
    CHECK(csv_open(&r, text, len, 0, err, sizeof err));
    int count = 0;
    while (csv_next(&r) == CSV_RECORD) count++;
    CHECK_INT(count, (long long)rows + 1);
    CHECK_INT(r.row, (long long)rows + 1);
    CHECK_STR(r.fields[0].text, "P-19999");
    csv_close(&r);
    free(text);
}
