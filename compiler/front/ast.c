/* ast.c — small helpers for the syntax tree. */
#include "front/ast.h"
#include "base/messages.h"
#include <stdlib.h>

const char *value_kind_name(ValueKind k) {
    switch (k) {
    case VAL_STRING: return diag_tr("a string");
    case VAL_NUMBER: return diag_tr("a number");
    case VAL_DATE: return diag_tr("a date");
    case VAL_NAME: return diag_tr("a name");
    case VAL_RANGE: return diag_tr("a span of numbers");
    case VAL_PLACEHOLDER: return diag_tr("a placeholder");
    }
    return diag_tr("a value");
}

/* The number written at s (digits, an optional point and more digits, an
 * optional minus first) as strtod reads it; *end is set past it. Up to 15
 * digits, with at most 22 after the point, it is the integer of its digits
 * divided by a power of ten, both exact in a double, so one division
 * rounds it correctly, as strtod does; longer ones go to strtod. */
double number_value(const char *s, char **end) {
    static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    const char *p = s + (*s == '-');
    uint64_t m = 0;
    int digits = 0, after = -1;
    for (;; p++) {
        if (*p >= '0' && *p <= '9') {
            m = m * 10 + (uint64_t)(*p - '0');
            digits++;
            if (after >= 0) after++;
        } else if (*p == '.' && after < 0) {
            after = 0;
        } else {
            break;
        }
    }
    if (digits == 0 || digits > 15 || after > 22 || *p == 'e' || *p == 'E') return strtod(s, end);
    *end = (char *)p;
    double v = after > 0 ? (double)m / tens[after] : (double)m;
    return *s == '-' ? -v : v;
}

double value_range_last(const Value *v) {
    char *rest;
    number_value(v->text, &rest);
    return number_value(rest + 1, &rest);
}
