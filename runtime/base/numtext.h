/* numtext.h — a number as a document prints it. */
#ifndef FORMC_NUMTEXT_H
#define FORMC_NUMTEXT_H
#include <stddef.h>

/* Writes V into BUF (of N bytes, cut short if too small) with DECIMALS
 * decimals, or in %g's shortest form when DECIMALS < 0, as a document
 * prints it: a decimal comma when COMMA, a true minus sign (U+2212), which
 * a screen reader reads as "minus" where it may read a hyphen as "dash",
 * and never a negative zero ("-0.00" is "0.00"). */
void numtext_format(char *buf, size_t n, double v, int decimals, int comma);

#endif
