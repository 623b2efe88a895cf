/* export.h — the scored model in long format, for research: one row per
 * member, rater, time point and scale, as CSV (RFC 4180: fields separated
 * by commas, quoted when they hold a comma, a quote or a line break, quotes
 * doubled, CR LF line ends), ready for R, SPSS or a spreadsheet. Both
 * `formc scores --csv` and `formc outcomes --csv` write it; docs/scores.md
 * describes every column. */
#ifndef FORMC_EXPORT_H
#define FORMC_EXPORT_H
#include <stdio.h>
#include "score/scored.h"

/* The header line, naming the columns in order. */
#define EXPORT_CSV_HEADER "group,member,rater,time,date,scale,raw,t,percentile,rci,classification,norm," \
                          "sessions_attended,left_week\r\n"
void export_csv_header(FILE *out);

/* The rows of member m scored as sc: group and member are the labels the
 * caller chose (a group's code, a member's id or pseudonym). Numbers are
 * written with up to 10 significant digits and a decimal point; a figure
 * that does not exist is an empty field, never NaN. */
void export_csv_rows(FILE *out, const char *group, const char *member, const Model *m, const Scored *sc);

/* The labels a row carries. A member: its id, else its file's name without
 * the extension; in a de-identified model, its pseudonym. A group (gm may
 * be NULL: ""): its code, else its file's name; de-identified (redacted),
 * "G" and its place among the groups exported, from 1 (index from 0). */
const char *export_member_label(Arena *a, const Model *m);
const char *export_group_label(Arena *a, const Model *gm, int index, bool redacted);

/* One field, quoted when it must be (no separator after it); a text that
 * starts with =, +, -, @, a tab or a carriage return, which a spreadsheet
 * would run as a formula, gets an apostrophe before it. */
void export_csv_field(FILE *out, const char *s);

#endif
