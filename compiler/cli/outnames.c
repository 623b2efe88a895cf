/* outnames.c — the names of the files formc writes; see outnames.h. */
#include "cli/outnames.h"
#include <string.h>

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

const char *outname_summary(Arena *a, const char *dir, const Model *group, bool redact) {
    const char *name = redact ? "redacted" : group->g.code.s ? group->g.code.s : base_name(a, group->main->path);
    return outname_document(a, dir, name, "summary");
}

const char *outname_build_folder(Arena *a, const char *dir, const Model *group, bool redact) {
    return arena_printf(a, "%s/%s%s", dir ? dir : ".", group->g.code.s, redact ? "-redacted" : "");
}

const char *outname_new(Arena *a, const char *name, const char *ext) {
    size_t n = strlen(name), e = strlen(ext);
    if (n > e && !strcmp(name + n - e, ext)) return name;
    return arena_printf(a, "%s%s", name, ext);
}

const char *outname_outcomes(bool redact) { return redact ? "outcomes-redacted.pdf" : "outcomes.pdf"; }
