/* outnames.c — the names of the files formc writes; see outnames.h. */
#include "cli/outnames.h"
#include <glib.h>
#include <string.h>
#include "base/diag.h"
#include "base/textguard.h"
#include "base/utf8.h"
#include "documents/pseudonym.h"

/* A file's name without its folder and its extension. */
static const char *base_name(Arena *a, const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return arena_strndup(a, base, n);
}

const char *outname_member(Arena *a, const char *path, const char *pseudonym) {
    return pseudonym ? arena_strdup(a, pseudonym) : base_name(a, path);
}

const char *outname_document(Arena *a, const char *dir, const char *name, const char *kind) {
    return dir ? arena_printf(a, "%s/%s-%s.pdf", dir, name, kind) : arena_printf(a, "%s-%s.pdf", name, kind);
}

/* The name of a group's documents: its code, or its file's BASE while the
 * code is not written yet (a placeholder holds it). */
static const char *group_name(Arena *a, const Model *group) {
    return group->g.code.s ? group->g.code.s : base_name(a, group->main->path);
}

const char *outname_summary(Arena *a, const char *dir, const Model *group, bool redact) {
    return outname_document(a, dir, redact ? "redacted" : group_name(a, group), "summary");
}

const char *outname_build_folder(Arena *a, const char *dir, const Model *group, bool redact) {
    return arena_printf(a, "%s/%s%s", dir ? dir : ".", group_name(a, group), redact ? "-redacted" : "");
}

const char *outname_new(Arena *a, const char *name, const char *ext) {
    size_t n = strlen(name), e = strlen(ext);
    if (n > e && !strcmp(name + n - e, ext)) return name;
    return arena_printf(a, "%s%s", name, ext);
}

const char *outname_outcomes(bool redact) { return redact ? "outcomes-redacted.pdf" : "outcomes.pdf"; }

const char *outname_unsafe(Arena *a, const char *name) {
    size_t n = strlen(name);
    uint32_t cp;
    const char *what;
    long at = textguard_first_bidi_control(name, n, &cp, &what);
    for (size_t i = 0; i < n;) {
        if (at >= 0 && i == (size_t)at) break;
        uint32_t c;
        int len = utf8_decode(name + i, n - i, &c);
        if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return arena_printf(a, "U+%04X", (unsigned)c);
        i += (size_t)len;
    }
    return at >= 0 ? arena_printf(a, "U+%04X", (unsigned)cp) : NULL;
}

/* Whether two names of documents name one file on a disk that does not
 * tell capitals apart, or a letter with an accent written as one
 * character from the letter and a combining accent (macOS's and
 * Windows's disks, most shared drives): "Ada" and "ada", "José" and
 * "Jose" + U+0301. */
static bool same_on_every_disk(const char *x, const char *y) {
    char *nx = g_utf8_normalize(x, -1, G_NORMALIZE_NFD), *ny = g_utf8_normalize(y, -1, G_NORMALIZE_NFD);
    char *fx = nx ? g_utf8_casefold(nx, -1) : NULL, *fy = ny ? g_utf8_casefold(ny, -1) : NULL;
    bool same = fx && fy && !strcmp(fx, fy);
    g_free(nx); g_free(ny); g_free(fx); g_free(fy);
    return same;
}

const char **outname_members(Arena *a, const Model *group, bool redact, const char *dir, bool *ok) {
    const Group *g = &group->g;
    const char **names = arena_alloc(a, sizeof *names * (size_t)(g->nmembers + 1));
    *ok = true;
    for (int i = 0; i < g->nmembers; i++) {
        /* pseudonyms are distinct within the group (pseudonym.h) */
        const char *pseudonym = redact ? pseudonym_of_member(group, i) : NULL;
        if (pseudonym && !*pseudonym) {        /* unreadable: its compilation reports why */
            names[i] = arena_printf(a, "member-%d", i + 1);
            continue;
        }
        names[i] = outname_member(a, g->members[i].path, pseudonym);
        const char *unsafe = outname_unsafe(a, names[i]);
        if (unsafe) {
            diag_at(DIAG_ERROR, g->members[i].loc, "%s would give its documents a name holding %s, an "
                    "invisible or control character (its name could show reordered or cut): rename the file",
                    g->members[i].path, unsafe);
            *ok = false;
            continue;
        }
        for (int k = 0; k < i; k++) {
            bool same = !strcmp(names[k], names[i]);
            if (!same && !same_on_every_disk(names[k], names[i])) continue;
            diag_at(DIAG_ERROR, g->members[i].loc, "%s and %s would both be written as %s%s; give "
                    "member files distinct names", g->members[k].path, g->members[i].path,
                    outname_document(a, dir, names[i], "*"),
                    same ? "" : " on a disk that does not tell capitals or an accent's two codings apart "
                                "(macOS, Windows and most shared drives), one member's documents over the other's");
            *ok = false;
            break;
        }
    }
    return names;
}
