/* import.h — `formc import`: a questionnaire export into the members' files.
 *
 * The stage, in the order it runs:
 *   csv.c      reads the export one record at a time;
 *   columns.c  works out what each column holds, by the conventions of
 *              REDCap, Qualtrics and spreadsheets, or by an import map;
 *   rows.c     reads each row's id, time point, date, scale totals and
 *              answers to items (cells.c), checks each value where it
 *              stands (FILE.csv:ROW:COLUMN) and gives the row to the one
 *              member whose id it names;
 *   edit.c     works out each member file's edit: the row's values in the
 *              assessment of its time point (an informant's, when the
 *              row names a rater), a value already there never
 *              replaced without force, spliced in through the formatter
 *              (format/splice.h) and checked again as the member it is;
 *   diff.c     shows an edit as a unified diff.
 * It reads no file and writes none: the caller hands it the export's
 * bytes and the members' checked models, and writes the texts it returns.
 * Every problem is reported through diag.h; a caller writes nothing when
 * diag_error_count() says there was one. */
#ifndef FORMC_IMPORT_H
#define FORMC_IMPORT_H
#include <stdbool.h>
#include <stdio.h>
#include "base/source.h"
#include "front/compile.h"
#include "front/model.h"
#include "import/cells.h"

/* A scale's total in a row. */
typedef struct RowScale {
    const Scale *scale;
    double value;
    CellAt at;
} RowScale;

/* The answers to one instrument's items in a row. */
typedef struct RowItems {
    ItemAnswers answers;     /* instrument, value[], answered[], n */
    CellAt *at;              /* at[i]: the cell of item i + 1 */
} RowItems;

/* What one row brings to one member at one time point, in the patient's
 * own assessment or in an informant's. */
typedef struct Entry {
    When when;
    const char *rater;       /* the informant as the export names them; NULL: the patient */
    int row;
    CellAt id_at, time_at, rater_at;
    bool has_date;
    Date date;
    CellAt date_at;
    RowScale *scales;
    int nscales, cap_scales;
    RowItems *items;
    int nitems, cap_items;
    struct Entry *next;
} Entry;

/* A member file the export may write into. */
typedef struct ImportMember {
    const char *path;        /* as named (by the group, or on the command line) */
    Source *src;             /* its text as read */
    const Model *model;      /* checked, as a member of group */
    const Model *group;      /* NULL: named alone, without a group */
    Entry *entries;          /* the rows for this member */
    /* the result of import_edit */
    bool changed;
    char *text;              /* the new text, when changed */
    size_t len;
    const char *summary;     /* one line: what changes, time point by time point */
} ImportMember;

typedef struct ImportOptions {
    const ImportMap *map;    /* NULL: the conventions only */
    bool force;              /* replace values that differ */
    bool preview;            /* a value that differs is still an error, but the
                                edit shows it replaced (formc import --dry-run) */
} ImportOptions;

/* Reads the export csv (its path names it in messages) and gives each row
 * to its member (members[i].entries). lib is a model whose instruments
 * the columns are matched against. */
void import_read(Arena *a, const Source *csv, const ImportOptions *o, const Model *lib,
                 ImportMember *members, int n);
/* Works out the edit of one member's file from its entries: the new text
 * in m->text (m->changed), checked by compiling it in session s as the
 * member it is. */
void import_edit(Session *s, Arena *a, const ImportOptions *o, ImportMember *m);
/* Writes m's change as a unified diff ("--- a/PATH", "+++ b/PATH"). */
void import_diff(FILE *out, const ImportMember *m);

#endif
