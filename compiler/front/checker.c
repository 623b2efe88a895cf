/* checker.c — the diagnostics of the front end's passes: each is reported
 * through diag.h and, when an error, counted for the model being checked. */
#include "front/checker.h"
#include <stdarg.h>
#include <stdio.h>
#include "base/diag.h"

/* Formats a message and reports it; counts errors for this model. */
static void vreport(Checker *c, DiagLevel level, Loc at, const char *suffix, const char *fmt, va_list ap) {
    char msg[1024];
    vsnprintf(msg, sizeof msg, diag_tr(fmt), ap);
    if (level == DIAG_ERROR && c) c->errors++;
    diag_at(level, at, "%s%s", msg, suffix);
}

void ck_error(Checker *c, Loc at, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vreport(c, DIAG_ERROR, at, "", fmt, ap);
    va_end(ap);
}

void ck_warning(Checker *c, Loc at, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vreport(c, DIAG_WARNING, at, "", fmt, ap);
    va_end(ap);
}

void ck_note(Loc at, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vreport(NULL, DIAG_NOTE, at, "", fmt, ap);
    va_end(ap);
}

void ck_missing(Checker *c, Loc at, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    bool draft = c->m->f.draft;
    vreport(c, draft ? DIAG_WARNING : DIAG_ERROR, at, draft ? diag_tr(" (draft: shown as \"to be completed\")") : "",
            fmt, ap);
    va_end(ap);
}
