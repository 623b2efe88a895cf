/* epoch.h — SOURCE_DATE_EPOCH, the time reproducible builds stamp on their
 * outputs (reproducible-builds.org): a whole number of seconds since
 * 1970-01-01 00:00 UTC. formc dates its documents with it when it is set,
 * and refuses a malformed value rather than dating a letter 1970. */
#ifndef FORMC_EPOCH_H
#define FORMC_EPOCH_H
#include <time.h>

/* The latest accepted value: 9999-12-31 23:59:59 UTC. */
#define EPOCH_MAX 253402300799LL

/* 1 with the time in *t when SOURCE_DATE_EPOCH is set to a whole number
 * from 0 to EPOCH_MAX; 0 when it is unset or empty; -1 when it is set to
 * anything else. */
int epoch_from_env(time_t *t);

#endif
