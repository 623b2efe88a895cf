/* numtext.c — a number as a document prints it; see numtext.h. */
#include "base/numtext.h"
#include <stdio.h>
#include <string.h>

void numtext_format(char *buf, size_t n, double v, int decimals, int comma) {
    if (!n) return;
    char plain[64];
    if (decimals < 0) snprintf(plain, sizeof plain, "%g", v);
    else snprintf(plain, sizeof plain, "%.*f", decimals > 20 ? 20 : decimals, v);
    const char *digits = plain;
    int negative = plain[0] == '-';
    if (negative) {
        digits++;
        negative = strspn(digits, "0.") < strlen(digits);    /* "-0.00" is zero */
    }
    snprintf(buf, n, "%s%s", negative ? "\xe2\x88\x92" : "", digits);
    if (comma) {
        char *dot = strchr(buf, '.');
        if (dot) *dot = ',';
    }
}
