/* fmt.h — the canonical layout of a formc source file (`formc fmt`); with
 * splice.h, the one way formc writes into a source file (`formc import`).
 *
 * fmt_source() lays out one file's statements in the single layout
 * described in docs/language.md ("Canonical layout"):
 *  - one statement per line (';' separators become line breaks), blocks
 *    indented FMT_INDENT spaces per level, one space between a statement's
 *    name and each argument, " {" opening a block on the statement's line
 *    and "}" alone on the last ("{}" for an empty block without comments);
 *  - text in quotes refilled to FMT_WIDTH columns, its continuation lines
 *    one level deeper than the statement, its folded value unchanged;
 *  - every comment kept where it was: after code on the same line, from
 *    column FMT_COMMENT_COLUMN (two spaces after longer code), or on a line
 *    of its own, indented like what follows it; trailing spaces dropped;
 *  - statements kept in their order; one blank line where the source had
 *    one or more between two statements or comments of a block, none at a
 *    block's start or end; a list continued after a comma keeps its line
 *    breaks, continuation lines one level deeper; numbers, dates and names
 *    as written; LF line ends, and a newline at the end of the file.
 * The result is read back and compared with the original before it is
 * returned: the same statements, arguments, folded strings and comments.
 * Formatting is idempotent: formatted text formats to itself. */
#ifndef FORMC_FMT_H
#define FORMC_FMT_H
#include <stddef.h>
#include "base/arena.h"
#include "base/source.h"
#include "front/parse.h"

#define FMT_INDENT 4
#define FMT_WIDTH 80
#define FMT_COMMENT_COLUMN 33

typedef enum {
    FMT_OK,              /* *text holds the canonical layout */
    FMT_INPUT_ERRORS,    /* src has lexical or syntax errors (reported) */
    FMT_INTERNAL_ERROR   /* the layout would not read back the same (reported) */
} FmtStatus;

/* Lays out src canonically into *text (NUL-terminated, in a) of *len bytes. */
FmtStatus fmt_source(Arena *a, Source *src, char **text, size_t *len);
/* Whether two sources hold the same comments, in the same order, with the
 * same text (trailing white space aside). */
bool fmt_same_comments(const Source *s1, const CommentList *c1, const Source *s2, const CommentList *c2);

#endif
