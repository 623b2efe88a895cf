/* columns.h — what each column of an export holds.
 *
 * An import map (the caller's ImportMap) says it first; then the
 * conventions of docs/import.md: the id in "id", "record_id" or
 * "participant_id"; the time point in "time", "timepoint" or
 * "redcap_event_name"; the date in "date", "assessment_date",
 * "RecordedDate", "EndDate" or a REDCap "..._timestamp"; a scale's total
 * in "hfmps.self_oriented" or "hfmps_self_oriented"; an item in "swls_1"
 * or "swls.1"; who answered, for an informant's ratings, in "rater",
 * "informant" or "respondent" (names matched whatever their case). Any
 * other column is left alone. */
#ifndef FORMC_COLUMNS_H
#define FORMC_COLUMNS_H
#include "import/csv.h"
#include "import/import.h"

typedef enum {
    COL_OTHER, COL_ID, COL_TIME, COL_DATE, COL_SCALE, COL_ITEM, COL_RESPONSE_ID, COL_STATUS,
    COL_RATER
} ColumnKind;

typedef struct Column {
    ColumnKind kind;
    const char *header;      /* trimmed, as the export writes it */
    const Scale *scale;      /* COL_SCALE */
    const Instrument *instrument;   /* COL_ITEM */
    int item;                /* COL_ITEM, from 1 */
} Column;

/* The columns of one instrument's items. */
typedef struct ItemColumns {
    const Instrument *instrument;
    int *col;                /* col[i]: the column (from 0) of item i + 1 */
} ItemColumns;

typedef struct Columns {
    Column *col;
    int n;
    int id, time;            /* the columns (from 0), -1 when none */
    int rater;               /* the informant's column, or -1: every row self-report */
    int *dates;              /* date columns, the one to read first first */
    int ndates;
    int response_id;         /* Qualtrics' ResponseId, or -1 */
    int status;              /* Qualtrics' Status (preview, test), or -1 */
    ItemColumns *sets;
    int nsets;
    When fixed_when;         /* the map's timepoint, or WHEN_COUNT */
} Columns;

/* Reads the header record (row 1 of the export at path) into out. Reports
 * every problem found in the header and the map; false when there was
 * one. */
bool columns_read(Arena *a, const char *path, const CsvReader *header, const ImportMap *map,
                  const Model *lib, Columns *out);

#endif
