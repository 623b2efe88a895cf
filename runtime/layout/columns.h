/* columns: how a table's width is shared between its columns.
 *
 * Promises: every column gets at least its minimum (the widest word it
 * must hold whole, with its padding); a column of short cells (names,
 * labels, numbers, dates) gets its natural width, every cell on one line,
 * whenever the table's width allows it, and otherwise the widest such
 * column gives way (down to the width that holds its cells on two lines,
 * then the next widest), and only then further, down to their minimums,
 * so that as few columns wrap as can and none into three lines while two
 * would do; the width left over goes to the columns of prose in
 * proportion to their relative widths (to every column, when none holds
 * prose). A column is never made narrower than its content allows while
 * another could give way. Pure arithmetic: no state, no
 * I/O. */
#ifndef FORMC_COLUMNS_H
#define FORMC_COLUMNS_H

/* Writes the widths of n columns sharing total points into out: column c
 * gets at least min[c], and the columns above their minimum stand in the
 * proportion of rel[c] (> 0). Returns 0, or -1 when the minimums add up to
 * more than total: then the columns of the widest minimums give way, down
 * to one width they share, and the others keep their minimums. */
int columns_fit(int n, const double *min, const double *rel, double total, double *out);

/* A column of prose gets at least this share of what its relative width
 * would give it, before the columns of short cells have their natural
 * widths. */
#define COLUMNS_PROSE_FLOOR 0.5

/* A short cell set on two lines needs about this share of its width on
 * one (its words do not part evenly), when the caller cannot say. */
#define COLUMNS_TWO_LINES 0.6

/* Writes the widths of n columns sharing total points into out, as the
 * header says: natural[c] is the width column c needs to set each of its
 * cells on one line (at least min[c]), two_lines[c] (when two_lines is not
 * NULL) the width that sets each on two lines at most, prose[c] whether it
 * holds prose (then natural[c] and two_lines[c] are not used: prose
 * wraps). Of short columns as wide as each other, the first gives way
 * alone, or, when `together`, all of them together. Returns 0, or -1 when
 * the minimums add up to more than total (out as columns_fit gives it). */
int columns_plan(int n, const double *min, const double *natural, const double *two_lines,
                 const int *prose, const double *rel, double total, int together, double *out);

#endif
