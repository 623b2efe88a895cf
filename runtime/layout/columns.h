/* columns: how a table's width is shared between its columns.
 *
 * Promises: every column gets at least its minimum (the widest word it
 * must hold whole, with its padding), and the width left over is shared in
 * proportion to the columns' relative widths, so a column is never made
 * narrower than its content allows while another could give way. Pure
 * arithmetic: no state, no I/O. */
#ifndef FORMC_COLUMNS_H
#define FORMC_COLUMNS_H

/* Writes the widths of n columns sharing total points into out: column c
 * gets at least min[c], and the columns above their minimum stand in the
 * proportion of rel[c] (> 0). Returns 0, or -1 when the minimums add up to
 * more than total: then out[c] is total shared in proportion to min[c]. */
int columns_fit(int n, const double *min, const double *rel, double total, double *out);

#endif
