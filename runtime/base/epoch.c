/* epoch.c — reading SOURCE_DATE_EPOCH; see epoch.h. */
#include "base/epoch.h"
#include <errno.h>
#include <stdlib.h>

int epoch_from_env(time_t *t) {
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s) return 0;
    if (*s < '0' || *s > '9') return -1;       /* no sign, no space */
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v > EPOCH_MAX) return -1;
    *t = (time_t)v;
    return 1;
}
