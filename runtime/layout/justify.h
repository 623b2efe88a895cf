/* justify: which lines of a justified paragraph keep their word gaps
 * within a limit, and where to break a paragraph's lines so that its
 * gaps stay even (total fit).
 *
 * Promises: given a paragraph laid out ragged (Pango breaks the lines of a
 * justified layout exactly where it breaks the ragged one, and only then
 * stretches the spaces), tells for each line whether justifying it would
 * widen a word gap beyond max_gap points; such a line is set ragged
 * instead. The lines Pango never stretches (the last of a paragraph, one
 * before a line break, one without a space) are never loose. Given the
 * same ragged layout, also finds, among Pango's own break opportunities,
 * the breaks into as many lines that make the widest word gap of the
 * paragraph as narrow as can be (then the gaps as even as can be), as
 * TeX's total fit does where Pango breaks greedily. Reads the layout
 * only. */
#ifndef FORMC_JUSTIFY_H
#define FORMC_JUSTIFY_H
#include <pango/pango.h>

/* Marks in loose[i] (one byte a line, the caller's array of
 * pango_layout_get_line_count() bytes) each line of the ragged layout
 * whose word gaps would exceed max_gap points once justified, and returns
 * how many there are. space_w is the width of a space in the paragraph's
 * font. */
int justify_loose_lines(PangoLayout *ragged, double space_w, double max_gap, unsigned char *loose);

/* The widest word gap, in points, justifying the ragged layout would give
 * any of its lines (0: none is stretched). */
double justify_worst_gap(PangoLayout *ragged, double space_w);

/* The spacing, in points, to add between the letters of line i of the
 * ragged layout (its spaces too) so that, justified, its word gaps come
 * down to target points: no more than max, and 0 when its gaps are that
 * narrow already or it has no space to stretch. The line, so spaced,
 * stays a little short of its width. */
double justify_letter_spacing(PangoLayout *ragged, int i, double space_w, double target,
                              double max);

/* The font a paragraph is set in, as total fit measures it (points). */
typedef struct {
    double space_w;    /* a word space */
    double min_gap;    /* the narrowest a word space may be made to fit a line */
    double hyphen_w;   /* the hyphen a break at a soft hyphen adds */
    double em;         /* the font's size */
} JustifyFont;

/* A line of a paragraph broken anew. */
typedef struct {
    size_t at;         /* byte offset of its start */
    double shrink;     /* points each of its U+0020 spaces gives up to fit, or 0 */
    double gap;        /* points: its word gaps once justified */
} JustifyLine;

/* The breaks into as many lines as the ragged layout has that make its
 * widest word gap the narrowest, then its gaps the most even (a gap made
 * narrower, down to f->min_gap, counts twice as much as one made wider,
 * and a line ending in a hyphen a little wider): *lines receives each
 * line's start and how far its spaces narrow, *others the byte offsets
 * of the break opportunities not taken, ascending (*nothers of them; both
 * malloc'd), and the count of lines is returned; 0 (and NULLs) when
 * Pango's own breaks are as good, or the paragraph holds a line break or
 * runs right to left. */
int justify_best_breaks(PangoLayout *ragged, const JustifyFont *f, JustifyLine **lines,
                        size_t **others, int *nothers);

#endif
