/* splice.h — editing a source file in place through the formatter: new
 * text spliced in, every other byte kept, and the result read back to
 * prove it.
 *
 * A Splice replaces len bytes at off with text (len 0 inserts). fmt_splice
 * applies splices, sorted by offset and not overlapping, and parses the
 * result: it must have no lexical or syntax error, the same comments as
 * the source, and the same statements with the same arguments, except
 * those lying wholly inside a splice: inside its new text in the result,
 * inside its old bytes in the source. A splice that would change anything
 * else (a new line read as part of the statement before it, a comment
 * lost) is refused as an internal error, and nothing is returned.
 *
 * fmt_snippet lays new statements out as `formc fmt` would, each line
 * indented with a given prefix, so what is spliced into a file is in the
 * canonical layout whatever the file's own. */
#ifndef FORMC_SPLICE_H
#define FORMC_SPLICE_H
#include <stdint.h>
#include "format/fmt.h"

typedef struct Splice {
    uint32_t off, len;       /* the bytes of the source replaced */
    const char *text;        /* what replaces them */
} Splice;

/* Applies n splices to src into *text (NUL-terminated, in a) of *len bytes
 * and reads the result back as described above. FMT_INTERNAL_ERROR is
 * reported (naming src) when the result does not read back as it should. */
FmtStatus fmt_splice(Arena *a, Source *src, const Splice *sp, int n, char **text, size_t *len);

/* The statements of text (which must have no error) in the canonical
 * layout, every line but blank ones prefixed with indent; NULL, reported
 * as an internal error, when text does not lay out. */
char *fmt_snippet(Arena *a, const char *text, const char *indent);

#endif
