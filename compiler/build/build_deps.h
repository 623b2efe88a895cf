/* build_deps.h — the --deps file of `formc build`, make-style rules:
 *
 *   out/thu.d: every input of every document (the deps file itself first,
 *     so make, which remakes the makefiles it includes, and ninja, given it
 *     as the edge's output and depfile, rerun formc when any input changes)
 *   out/thu-w27/ada-report.pdf: examples/members/ada.form \
 *     examples/thursday.group ...          (one rule per document)
 *   examples/members/ada.form:             (an empty rule per input, so a
 *                                           deleted include is no error)
 *
 * Paths are escaped for make (space, tab, #, $). Written atomically. */
#ifndef FORMC_BUILD_DEPS_H
#define FORMC_BUILD_DEPS_H
#include <stddef.h>
#include <stdio.h>
#include "build/uptodate.h"

typedef struct Deps Deps;

/* Writes one document's record (OUT, then each input, each ending in a
 * NUL, then an empty string) to f: the form deps_add() reads back. */
void deps_record(FILE *f, const char *out, const FileList *in);

Deps *deps_new(void);
/* Adds the records in bytes [data, data+len) as written by deps_record. */
void deps_add(Deps *d, const char *data, size_t len);
/* Writes the rules to path, never over a file they name as an input (a
 * formulation, an include, a template, a word list, formc itself), whoever
 * read it. Returns 0, or -1 with a message in err. */
int deps_write(Deps *d, const char *path, char *err, size_t errlen);
void deps_free(Deps *d);

#endif
