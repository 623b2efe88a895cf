/* signals.h — the signals that end formc: every one whose default action
 * ends the process and that a handler can catch (SIGKILL and SIGSTOP
 * cannot be), so that formc removes its temporary files whichever one
 * comes: Ctrl-C, the terminal closing (SIGHUP), kill's SIGTERM, SIGUSR1,
 * an alarm, a real-time signal, or a fault of its own. */
#ifndef FORMC_SIGNALS_H
#define FORMC_SIGNALS_H
#include <signal.h>
#include <stdbool.h>

/* Fills set with every such signal but SIGXFSZ (formc ignores it, so a
 * write over the file size limit fails and is reported). */
void signals_fatal(sigset_t *set);
/* Whether sig reports a fault of the process itself (SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGABRT), not a request to stop from
 * outside. */
bool signals_is_fault(int sig);
/* Whether a terminal sends sig to every process of its foreground group
 * (SIGINT, SIGQUIT, SIGHUP), or kill(1) would by default (SIGTERM). */
bool signals_is_group_stop(int sig);

#endif
