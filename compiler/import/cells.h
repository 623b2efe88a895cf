/* cells.h — what one cell of an export says: a number, a time point, a
 * date. Pure functions of the cell's text; the caller reports.
 *
 * Numbers are written with digits, an optional leading minus and an
 * optional decimal separator: a point, or a comma in a file whose fields
 * are separated by semicolons or tabs (as Excel writes them in French and
 * other locales). At most 15 digits, at most 1,000,000,000 either side of
 * zero, as in a formc file. */
#ifndef FORMC_CELLS_H
#define FORMC_CELLS_H
#include <stdbool.h>
#include <stddef.h>
#include "base/diag.h"
#include "front/model.h"

/* The cell without the spaces and tabs around it: its start and length. */
const char *cell_trim(const char *text, size_t len, size_t *n);
/* Reads a trimmed cell as a number. delim is the file's separator. */
bool cell_number(const char *text, size_t n, char delim, double *v);
/* The time point a cell names by the conventions: "pre" or "baseline"
 * (pre), "post" (post), "follow" or "fu" (followup), looked for as words
 * or word starts (baseline_arm_1, Post-group, fu1, follow_up). Returns
 * WHEN_COUNT when it names none or more than one. */
When cell_when(const char *text, size_t n);
/* The shortest text of v in the formulation language ("92", "5.42"). */
const char *cell_number_text(Arena *a, double v);
/* A column's name as a spreadsheet shows it: 1 is A, 27 is AA. */
const char *cell_column_letters(Arena *a, int col);

/* Where a problem is: the export's path, a row (1: the header) and a
 * column (from 1), and the column's header. */
typedef struct CellAt {
    const char *path;
    int row, col;
    const char *header;      /* NULL: the row as a whole */
} CellAt;

/* Reports a problem at a cell: "PATH:ROW:COL: error: HEADER (column L):
 * message". */
void cell_report(DiagLevel level, CellAt at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
