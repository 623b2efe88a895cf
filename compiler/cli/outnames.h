/* outnames.h — the names of the files formc writes, all made here:
 *
 *   formc report FILE        BASE-report.pdf         --redact: PSEUDONYM-report.pdf
 *   formc letter FILE        BASE-letter.pdf         --redact: PSEUDONYM-letter.pdf
 *   formc summary GROUP      CODE-summary.pdf        --redact: redacted-summary.pdf
 *   formc build GROUP -o DIR DIR/CODE/MEMBER-report.pdf, MEMBER-letter.pdf,
 *                            CODE-summary.pdf
 *                            --redact: DIR/CODE-redacted/PSEUDONYM-report.pdf,
 *                            PSEUDONYM-letter.pdf, redacted-summary.pdf
 *   formc outcomes GROUP...  outcomes.pdf            --redact: outcomes-redacted.pdf
 *   formc new patient NAME   NAME.form (NAME.group for a group)
 *
 * BASE is a file's name without its folder and extension; CODE is the
 * group's code, or its file's BASE while a placeholder holds the code (a
 * group whose members are all drafts); MEMBER is the member file's BASE; PSEUDONYM is the one --redact gives the patient
 * (redact.h). -o names the file instead (the folder, for build). A
 * de-identified document's name holds neither a file's name nor the
 * group's code: those may identify. */
#ifndef FORMC_OUTNAMES_H
#define FORMC_OUTNAMES_H
#include <stdbool.h>
#include "base/arena.h"
#include "front/model.h"

/* The name a member's documents are written under: the pseudonym when
 * there is one (--redact), else the BASE of the member's file. */
const char *outname_member(Arena *a, const char *path, const char *pseudonym);
/* The first character of name that a file formc names should not hold, as
 * "U+202E" (a control, or a bidirectional control that would show the
 * name reordered: "ada\u202Efdp.form" lists as "adamrof.pdf"), or NULL when
 * there is none. Such a name comes from a file's name, never from formc. */
const char *outname_unsafe(Arena *a, const char *name);
/* The names every member of group is written under (outname_member), in
 * the group's order; with redact, the pseudonyms. Sets *ok false, after an
 * error at the later member statement, when two members would be written
 * under one name (their documents in dir, or NULL), or a member's would
 * hold a character outname_unsafe() names. formc build refuses
 * the group then, and formc check finds it first. */
const char **outname_members(Arena *a, const Model *group, bool redact, const char *dir, bool *ok);
/* DIR/NAME-KIND.pdf, or NAME-KIND.pdf when dir is NULL; kind is "report"
 * or "letter". */
const char *outname_document(Arena *a, const char *dir, const char *name, const char *kind);
/* The summary of group: DIR/CODE-summary.pdf (redacted-summary.pdf with
 * redact), in the current folder when dir is NULL. */
const char *outname_summary(Arena *a, const char *dir, const Model *group, bool redact);
/* The folder formc build writes a group's documents into: DIR/CODE, or
 * DIR/CODE-redacted with redact (dir NULL: the current folder). */
const char *outname_build_folder(Arena *a, const char *dir, const Model *group, bool redact);
/* The program outcome document: outcomes.pdf (outcomes-redacted.pdf with
 * redact), in the current folder. */
const char *outname_outcomes(bool redact);
/* The file formc new writes for NAME: NAME with ext added unless it ends
 * with it. */
const char *outname_new(Arena *a, const char *name, const char *ext);

#endif
