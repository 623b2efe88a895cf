/* refusal.c — the system's refusal of what every document needs; see
 * refusal.h. */
#include "base/refusal.h"
#include <stdio.h>
#include <stdlib.h>

static void (*reporter)(const char *line);

void refusal_set_reporter(void (*report)(const char *line)) {
    reporter = report;
}

_Noreturn void refusal_exit(const char *line) {
    if (reporter) reporter(line);
    else fputs(line, stderr);
    exit(2);
}
