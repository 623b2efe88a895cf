/* fuzz_session.c — the session and diagnostics the harnesses share. */
#include "fuzz.h"
#include <stdio.h>
#include <stdlib.h>
#include "base/diag.h"

static FILE *sink;

Session *fuzz_session(void) {
    static Session session;
    static int ready;
    if (!ready) {
        session_init(&session);
        session.datadir = FUZZ_TOP "/templates";
        /* every message is still built; only its bytes go nowhere */
        sink = fopen("/dev/null", "w");
        if (!sink) abort();
        diag_set_output(sink);
        ready = 1;
    }
    return &session;
}

void fuzz_session_output(void) { diag_set_output(sink); }

void fuzz_done(void) { diag_reset(); }
