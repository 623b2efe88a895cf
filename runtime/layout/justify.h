/* justify: which lines of a justified paragraph keep their word gaps
 * within a limit.
 *
 * Promises: given a paragraph laid out ragged (Pango breaks the lines of a
 * justified layout exactly where it breaks the ragged one, and only then
 * stretches the spaces), tells for each line whether justifying it would
 * widen a word gap beyond max_gap points; such a line is set ragged
 * instead. The lines Pango never stretches (the last of a paragraph, one
 * before a line break, one without a space) are never loose. Reads the
 * layout only. */
#ifndef FORMC_JUSTIFY_H
#define FORMC_JUSTIFY_H
#include <pango/pango.h>

/* Marks in loose[i] (one byte a line, the caller's array of
 * pango_layout_get_line_count() bytes) each line of the ragged layout
 * whose word gaps would exceed max_gap points once justified, and returns
 * how many there are. space_w is the width of a space in the paragraph's
 * font. */
int justify_loose_lines(PangoLayout *ragged, double space_w, double max_gap, unsigned char *loose);

#endif
