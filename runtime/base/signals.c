/* signals.c — the signals that end formc; see signals.h. */
#include "base/signals.h"

static const int terminating[] = {
    SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGUSR1, SIGSEGV,
    SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT, SIGXCPU, SIGVTALRM, SIGPROF, SIGIO,
    SIGPWR, SIGSYS,
};

void signals_fatal(sigset_t *set) {
    sigemptyset(set);
    for (unsigned i = 0; i < sizeof terminating / sizeof *terminating; i++) sigaddset(set, terminating[i]);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) sigaddset(set, s);   /* real-time: they end it too */
}

bool signals_is_fault(int sig) {
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL || sig == SIGTRAP ||
           sig == SIGSYS || sig == SIGABRT;
}

bool signals_is_group_stop(int sig) {
    return sig == SIGINT || sig == SIGQUIT || sig == SIGHUP || sig == SIGTERM;
}
