/* load.c — finding a template file among directories and reading it.
 *
 * Promises: NAME.LANG.tmpl is looked for in the directories in order, and
 * the first one that has it wins (a clinic's file replaces the shipped
 * one); names and languages are plain words, so a name can never reach
 * outside those directories; only a regular file of at most
 * TEMPLATE_MAX_BYTES is read (a named pipe is refused, never waited on),
 * and it is noted among the inputs formc must not overwrite. When no
 * directory has the file, the message says where formc looked and which
 * languages exist.
 * May touch: the file system, reading only (through base/source.h's
 * file_read); this is the one file of the engine that does. */
#include "template/engine.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "base/diag.h"

/* True when s is a plain word usable in a file name. */
static int plain_word(const char *s) {
    if (!s || !*s || strlen(s) > 64) return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-') return 0;
    return 1;
}

/* Joins dir and file with one slash. */
static char *join_path(const char *dir, const char *file) {
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--;
    char *p = xmalloc(dl + strlen(file) + 2);
    sprintf(p, "%.*s/%s", (int)dl, dir, file);
    return p;
}

/* Appends to langs (comma separated, no repeats) the languages for which a
 * NAME.LANG.tmpl exists in dir. */
static void list_languages(const char *dir, const char *name, char *langs,
                           size_t n) {
    DIR *d = opendir(dir);
    if (!d) return;
    size_t nl = strlen(name);
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *f = e->d_name;
        size_t fl = strlen(f);
        if (fl <= nl + 6 || strncmp(f, name, nl) || f[nl] != '.' ||
            strcmp(f + fl - 5, ".tmpl"))
            continue;
        char lang[64];
        size_t ll = fl - nl - 6;
        if (ll == 0 || ll >= sizeof lang) continue;
        memcpy(lang, f + nl + 1, ll);
        lang[ll] = 0;
        if (!plain_word(lang)) continue;
        char needle[70];
        snprintf(needle, sizeof needle, ", %s,", lang);
        char hay[1100];
        snprintf(hay, sizeof hay, ", %s,", langs);
        if (strstr(hay, needle)) continue;
        size_t used = strlen(langs);
        snprintf(langs + used, n - used, "%s%s", used ? ", " : "", lang);
    }
    closedir(d);
}

char *template_find(const char *const *dirs, int ndirs, const char *name, const char *lang) {
    if (!plain_word(name) || !plain_word(lang)) return NULL;
    char file[160];
    snprintf(file, sizeof file, "%s.%s.tmpl", name, lang);
    for (int i = 0; i < ndirs; i++) {
        if (!dirs[i] || !*dirs[i]) continue;
        char *path = join_path(dirs[i], file);
        struct stat st;
        if (stat(path, &st) == 0 || (errno != ENOENT && errno != ENOTDIR)) return path;
        free(path);
    }
    return NULL;
}

Template *template_load(const char *const *dirs, int ndirs, const char *name,
                        const char *lang) {
    if (!plain_word(name) || !plain_word(lang)) {
        diag_file(DIAG_ERROR, NULL, "template name '%s' and language "
                  "'%s' must be plain words (letters, digits, _ or -)",
                  name ? name : "", lang ? lang : "");
        return NULL;
    }
    char *path = template_find(dirs, ndirs, name, lang);
    if (path) {
        Arena bytes = {0};
        size_t len = 0;
        char err[256];
        char *text = file_read(&bytes, path, TEMPLATE_MAX_BYTES, " for a template", &len,
                               NULL, err, sizeof err);
        Template *t = text ? template_parse(path, text, len) : NULL;
        if (!text) diag_file(DIAG_ERROR, path, "%s", err);
        arena_free(&bytes);
        free(path);
        return t;
    }
    char file[160];
    snprintf(file, sizeof file, "%s.%s.tmpl", name, lang);
    char where[1024] = "", langs[1024] = "";
    for (int i = 0; i < ndirs; i++) {
        if (!dirs[i] || !*dirs[i]) continue;
        size_t used = strlen(where);
        snprintf(where + used, sizeof where - used, "%s%s", used ? ", " : "",
                 dirs[i]);
        list_languages(dirs[i], name, langs, sizeof langs);
    }
    if (langs[0])
        diag_file(DIAG_ERROR, NULL, "no '%s' template in language '%s':"
                  " looked for %s in %s; languages available: %s (to add a "
                  "language, add a %s.%s.tmpl file)", name, lang, file,
                  where[0] ? where : "(no directories)", langs, name, lang);
    else
        diag_file(DIAG_ERROR, NULL, "no '%s' template in language '%s':"
                  " looked for %s in %s, and found no '%s' template in any "
                  "language", name, lang, file,
                  where[0] ? where : "(no directories)", name);
    return NULL;
}
