/* messages.c — the language of messages and the French catalog; see
 * messages.h. */
#include "base/messages.h"
#include <stdlib.h>
#include <string.h>

static const Message catalog[] = {
#define MSG(en, fr) { en, fr },
#include "base/messages_fr_cli.def"
#include "base/messages_fr_check.def"
#include "base/messages_fr_parse.def"
#include "base/messages_fr_templates.def"
#undef MSG
};

const Message *messages_fr(size_t *n) {
    *n = sizeof catalog / sizeof catalog[0];
    return catalog;
}

/* Whether the locale name v is French: "fr", then nothing or a separator. */
static bool french_name(const char *v) {
    return (v[0] == 'f' || v[0] == 'F') && (v[1] == 'r' || v[1] == 'R') &&
           (v[2] == 0 || strchr("_.@-:", v[2]));
}

bool diag_french(void) {
    static const char *vars[] = { "FORMC_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) return french_name(v);
    }
    return false;
}

const char *diag_tr(const char *english) {
    if (!english || !diag_french()) return english;
    size_t n;
    const Message *m = messages_fr(&n);
    for (size_t i = 0; i < n; i++)
        if (m[i].en[0] == english[0] && strcmp(m[i].en, english) == 0) return m[i].fr;
    return english;
}

