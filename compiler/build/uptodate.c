/* uptodate.c — a document's input files; see uptodate.h. */
#include "build/uptodate.h"
#include <limits.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/diag.h"
#include "base/inputs.h"

void filelist_add(Arena *a, FileList *l, const char *path) {
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->paths[i], path)) return;
    *(const char **)arena_push(a, &l->paths, &l->n, &l->cap, sizeof path) = arena_strdup(a, path);
}

typedef struct { Arena *a; FileList *l; } Adding;

static void add_one(void *user, const char *path) {
    Adding *ad = user;
    filelist_add(ad->a, ad->l, path);
}

void filelist_add_read(Arena *a, FileList *l) {
    Adding ad = { a, l };
    inputs_each(add_one, &ad);
}

void filelist_add_all(Arena *a, FileList *l, const FileList *from) {
    for (int i = 0; i < from->n; i++) filelist_add(a, l, from->paths[i]);
}

const char **filelist_array(Arena *a, const FileList *l) {
    const char **out = arena_alloc(a, sizeof *out * (size_t)(l->n + 1));
    for (int i = 0; i < l->n; i++) out[i] = l->paths[i];
    out[l->n] = NULL;
    return out;
}

const char *formc_executable(Arena *a) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    return arena_strndup(a, exe, (size_t)n);
}

/* True when time a is later than time b. */
static bool later(struct timespec a, struct timespec b) {
    return a.tv_sec != b.tv_sec ? a.tv_sec > b.tv_sec : a.tv_nsec > b.tv_nsec;
}

bool up_to_date(const FileList *in, const char *out) {
    struct stat o;
    if (lstat(out, &o) != 0 || !S_ISREG(o.st_mode)) return false;
    /* not one formc wrote: outfile_open says so when it replaces it */
    if (o.st_uid != geteuid() || (o.st_mode & 07777) != 0600) return false;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (later(o.st_mtim, now)) {
        diag_file(DIAG_WARNING, out, "is dated in the future (%s); formc makes it again",
                  "a clock set wrong, or a file put there on purpose");
        return false;
    }
    for (int i = 0; i < in->n; i++) {
        struct stat st;
        if (stat(in->paths[i], &st) != 0 || later(st.st_mtim, o.st_mtim)) return false;
    }
    return true;
}
