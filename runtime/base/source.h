/* source.h — source files in memory and locations within them.
 *
 * A Source holds the whole text of one input file. A Loc is a byte span in a
 * Source; line and column (counted in characters, not bytes, from 1) are
 * computed only when a diagnostic is printed. Only regular files up to
 * SOURCE_MAX_BYTES are read: not directories, devices or FIFOs. */
#ifndef FORMC_SOURCE_H
#define FORMC_SOURCE_H
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "base/arena.h"

#define SOURCE_MAX_BYTES (16u * 1024 * 1024)

typedef struct Source {
    const char *path;      /* as given or as resolved, used in diagnostics */
    const char *dir;       /* directory of path, for relative references */
    const char *text;      /* NUL-terminated copy of the bytes */
    uint32_t len;
    dev_t dev;             /* identity of the file, for cycles and caching */
    ino_t ino;
    Arena *arena;          /* owner of this source and its line table */
    uint32_t *lines;       /* start offset of each line, built on demand */
    int nlines;
    /* the last position source_linecol computed, so diagnostics along a
     * long line cost their distance, not the line's length */
    uint32_t memo_off;
    int memo_line, memo_col;   /* memo_line 0: none yet */
} Source;

/* A place in a source: bytes [off, off + len) of src. A location is a
 * value, copied freely; LOC_NONE (no source) is a text formc made itself. */
typedef struct Loc {
    const Source *src;
    uint32_t off, len;
} Loc;

#define LOC_NONE ((Loc){ NULL, 0, 0 })

/* Whether a and b are the same span of the same source. */
static inline bool loc_same(Loc a, Loc b) {
    return a.src == b.src && a.off == b.off && a.len == b.len;
}

/* Reads the whole regular file at path, of at most max bytes, into a (a
 * NUL follows the bytes, *len of them), fills *st (may be NULL) and notes
 * the file among those read (inputs.h). A directory, a device or a named
 * pipe is refused, never waited on. On failure returns NULL with the
 * reason in err, a phrase that follows the file's name: "no such file",
 * "is a directory", "is not a regular file", "is larger than the limit of
 * N MiB" and then what (such as " for an image"), or the system's. */
char *file_read(Arena *a, const char *path, size_t max, const char *what, size_t *len,
                struct stat *st, char *err, size_t errlen);
/* Reads the regular file at path (file_read, up to SOURCE_MAX_BYTES). On
 * failure returns NULL and writes a message such as "is a directory" into
 * err. */
Source *source_load(Arena *a, const char *path, char *err, size_t errlen);
/* Reads everything from the open descriptor fd (such as standard input),
 * naming it path in diagnostics. Same limit and messages as source_load. */
Source *source_read_fd(Arena *a, const char *path, int fd, char *err, size_t errlen);
/* Wraps bytes already in memory (used by tests and fuzzing). */
Source *source_from_bytes(Arena *a, const char *path, const char *bytes, size_t len);
/* Line and character column (both from 1) of a byte offset. */
void source_linecol(Source *s, uint32_t off, int *line, int *col);
/* The text of line number `line` (from 1), without its newline. */
const char *source_line(Source *s, int line, size_t *len);
/* Joins dir and a relative path (an absolute path is returned as it is). */
char *path_join(Arena *a, const char *dir, const char *path);
/* The directory part of path ("." when there is none). */
char *path_dir(Arena *a, const char *path);

#endif
