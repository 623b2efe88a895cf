/* gaps.h — the scales whose change cannot be judged for want of a figure
 * in the instrument library, gathered over many members so that a command
 * says it once, naming every such scale, instead of at every score. */
#ifndef FORMC_GAPS_H
#define FORMC_GAPS_H
#include <stddef.h>
#include "base/arena.h"
#include "score/scored.h"

typedef struct Gaps {
    const char **lines;       /* distinct "KIND SCALE" lines (scored_list_gaps), in order met */
    int n, cap;
} Gaps;

/* Adds the gaps of one scored member; lines are copied into a. */
void gaps_add(Gaps *g, Arena *a, const Scored *sc);
/* Adds gap lines written by scored_list_gaps (len bytes of data). */
void gaps_add_lines(Gaps *g, Arena *a, const char *data, size_t len);
/* One note per kind of gap naming every scale it touches: "X and Y have
 * no reliability in the instrument library: WHO cannot compute reliable
 * change on them (...)", in the messages' language (WHO too, through
 * diag_tr: "formc", "the report", "the reports"). A note, not a warning: the gap is the library's,
 * not the file's, and -Werror must not turn it into a failure. */
void gaps_note(const Gaps *g, const char *who);

#endif
