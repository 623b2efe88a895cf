/* messages.h — the language of formc's messages, and their French.
 *
 * Every message a user can read is written in English in the code and
 * goes through diag_tr, which gives its French from the catalog when the
 * user's locale (or FORMC_LANG) asks for French. The catalog maps each
 * English format string (as the compiler joins its pieces) to its French:
 * messages_fr_*.def, one file per part of formc, each entry
 * MSG("English", "French"). */
#ifndef FORMC_MESSAGES_H
#define FORMC_MESSAGES_H
#include <stdbool.h>
#include <stddef.h>

/* Whether messages are in French: FORMC_LANG when set, else the first
 * of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set and not empty, as
 * gettext reads them; "fr", "fr_CA.UTF-8", "fr_FR" (any name beginning
 * "fr" then nothing, '_', '.', '@', '-' or ':') is French, anything else
 * English. Read each time, so a test may change it. */
bool diag_french(void);
/* The French of an English message, format or fragment of one (from the
 * catalog below) when messages are in French and the catalog has it;
 * else english itself. A French format has the same conversions in the
 * same order as its English (tests/unit/test_messages.c). diag_at,
 * diag_file and the front end's ck_* translate their formats themselves;
 * a message written otherwise is written through it. */
const char *diag_tr(const char *english) __attribute__((format_arg(1)));

typedef struct Message {
    const char *en, *fr;
} Message;

/* Every entry of the catalog; *n is set to their number. */
const Message *messages_fr(size_t *n);

#endif
