/* diag.h — diagnostics, GCC-style.
 *
 *   file:line:col: error: message
 *      12 |     born 1991-02-30
 *         |          ^~~~~~~~~~
 *
 * Printed to stderr (or the stream set with diag_set_output), each message
 * written whole in one call so parallel jobs never interleave mid-line.
 * Colour only when enabled (a terminal without NO_COLOR). After max_errors
 * errors, further diagnostics are counted but not shown. */
#ifndef FORMC_DIAG_H
#define FORMC_DIAG_H
#include <stdbool.h>
#include <stdio.h>
#include "base/messages.h"
#include "base/source.h"

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagLevel;

/* Errors shown before the rest are only counted, unless --max-errors says. */
#define DIAG_MAX_ERRORS 50

typedef struct DiagOptions {
    int max_errors;      /* 0: no limit */
    bool werror;         /* warnings count and print as errors */
    bool color;
} DiagOptions;

void diag_configure(const DiagOptions *o);
/* Decides colour for stderr: a terminal, NO_COLOR unset or empty, TERM not dumb. */
bool diag_want_color(void);
void diag_set_output(FILE *f);
/* While framed, each diagnostic written is marked with the key that tells
 * it apart (its level, place and words) for diag_write_framed: formc
 * build's workers, whose diagnostics the parent shows. */
void diag_set_framed(bool on);
/* Writes text (diagnostics written framed, and other lines) to f, each
 * diagnostic once in this process, as one process would have shown them:
 * one shown before is left out, with its notes. */
void diag_write_framed(FILE *f, const char *text, size_t len);
/* Reports a problem at a location, with the source line and a caret. */
void diag_at(DiagLevel level, Loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reports a problem about a whole file (path may be NULL for formc itself). */
void diag_file(DiagLevel level, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int diag_error_count(void);
int diag_warning_count(void);
/* While muted, diagnostics are neither shown nor counted (used when formc
 * re-reads text it produced itself, to compare it with the original, and
 * for files whose problems are reported elsewhere, as by formc build). */
void diag_mute(bool on);
/* Whether diagnostics are muted now (to restore after muting them). */
bool diag_muted(void);
/* Clears the counters (between independent compilations). */
void diag_reset(void);
/* s as it may be shown on a terminal: a control character (C0, DEL, C1),
 * a bidirectional override or isolate, an invisible character (a byte-order
 * mark, a zero-width space or word joiner), or a byte that is not UTF-8 is
 * written as an escape (\n, \x1b, \u202e), so a file name cannot move
 * the cursor, recolour or hide text. diag_at and diag_file escape their
 * paths and messages themselves; other messages use this. Returns s when
 * there is nothing to escape, else a copy valid until the fourth call
 * after this one. */
const char *diag_printable(const char *s);
/* Prints "formc: stopped after N errors" when the limit cut output short. */
void diag_finish(void);

#endif
