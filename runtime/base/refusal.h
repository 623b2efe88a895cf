/* refusal.h — what formc does when the system refuses what every document
 * needs (a thread under a low limit on processes, ulimit -u): the line
 * saying so is printed on standard error and formc exits with status 2,
 * as out of memory (arena.h); exit() removes a document being written
 * (outfile.h), so nothing half-written is left. A build's worker hands the
 * line to its parent instead, which says it once and stops the build
 * (build/build_jobs.h). */
#ifndef FORMC_REFUSAL_H
#define FORMC_REFUSAL_H

/* Where the line goes instead of standard error; NULL: standard error. */
void refusal_set_reporter(void (*report)(const char *line));

/* Reports line (ending with a newline) and exits with status 2. */
_Noreturn void refusal_exit(const char *line);

#endif
