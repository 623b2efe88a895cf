/* copies.c — a member's file copied from another's; see copies.h. */
#include "cli/copies.h"
#include <glib.h>
#include <string.h>
#include "base/diag.h"

enum { LETTER_TEXTS = 2 + PHASE_COUNT, COPIED_TEXT_LEAST = 80 };

/* What a member's letter says of them: copies, for the member's own model
 * is freed once it is checked. */
typedef struct Copied {
    const char *path, *name, *preferred;     /* NULL: not written */
    const char *texts[LETTER_TEXTS];
} Copied;

static bool written(const Text *t) { return t->s && *t->s && !t->placeholder; }

/* s as names are compared: in ASCII lower case, accents left out. */
static char *folded(const char *s) {
    char *ascii = g_str_to_ascii(s, "C");
    char *low = g_ascii_strdown(ascii, -1);
    g_free(ascii);
    return low;
}

/* Whether name holds called at the start of one of its words ("Ada" in
 * "Adaeze Nwosu", "Kai" in "Kai Tanaka-Brooks"). */
static bool part_of(const char *called, const char *name) {
    char *c = folded(called), *n = folded(name);
    size_t len = strlen(c);
    bool found = false;
    for (const char *p = n; *p && !found; p++)
        found = (p == n || p[-1] == ' ' || p[-1] == '-') && !strncmp(p, c, len);
    g_free(c);
    g_free(n);
    return found;
}

static bool same_called(const char *x, const char *y) {
    char *a = folded(x), *b = folded(y);
    bool same = !strcmp(a, b);
    g_free(a);
    g_free(b);
    return same;
}

/* t's text, copied into a, or NULL when it is not written. */
static const char *kept(Arena *a, const Text *t) { return written(t) ? arena_strdup(a, t->s) : NULL; }

void copies_check(Arena *a, Copies *cp, const Model *m, const char *path) {
    const Formulation *f = &m->f;
    const Text *texts[LETTER_TEXTS] = { &f->letter.pattern, &f->letter.in_group };
    for (int p = 0; p < PHASE_COUNT; p++) texts[2 + p] = &f->letter.phases[p];
    const Text *preferred = &f->patient.preferred;
    bool said_name = false, said_text[LETTER_TEXTS] = { false };   /* each once, at the first earlier member */
    for (int i = 0; i < cp->n; i++) {
        const Copied *e = &cp->seen[i];
        if (!said_name && written(preferred) && written(&f->patient.name) && e->preferred && e->name &&
            same_called(preferred->s, e->preferred) && part_of(e->preferred, e->name) &&
            !part_of(preferred->s, f->patient.name.s)) {
            diag_at(DIAG_WARNING, preferred->loc, "the preferred name \"%s\" is also that of %s, %s, and no "
                    "part of this patient's name, %s: if this file was copied from that one, the letter "
                    "would greet this patient as %s (write the name this patient goes by)",
                    preferred->s, e->path, e->name, f->patient.name.s, preferred->s);
            said_name = true;
        }
        for (int t = 0; t < LETTER_TEXTS; t++) {
            if (said_text[t] || !written(texts[t]) || strlen(texts[t]->s) < COPIED_TEXT_LEAST) continue;
            for (int u = 0; u < LETTER_TEXTS && !said_text[t]; u++) {
                if (!e->texts[u] || strcmp(texts[t]->s, e->texts[u])) continue;
                diag_at(DIAG_WARNING, texts[t]->loc, "this text of the letter is word for word one of %s's "
                        "letter: if this file was copied from that one, this patient would read the other's "
                        "words (write this patient's own)", e->path);
                said_text[t] = true;
            }
        }
    }
    Copied now = { arena_strdup(a, path), kept(a, &f->patient.name), kept(a, preferred), { 0 } };
    for (int t = 0; t < LETTER_TEXTS; t++) now.texts[t] = kept(a, texts[t]);
    *(Copied *)arena_push(a, &cp->seen, &cp->n, &cp->cap, sizeof now) = now;
}
