/* uptodate.h — the files a document is made from, and whether it is up to
 * date with them (make's rule: it exists and no input is newer than it). */
#ifndef FORMC_UPTODATE_H
#define FORMC_UPTODATE_H
#include <stdbool.h>
#include "base/arena.h"

typedef struct FileList {
    const char **paths;     /* each path once, in the order first added */
    int n, cap;
} FileList;

/* Adds path (copied into a) unless it is already listed. */
void filelist_add(Arena *a, FileList *l, const char *path);
/* Adds every file read since inputs_begin_span() (runtime/base/inputs.h). */
void filelist_add_read(Arena *a, FileList *l);
/* Adds every file of from. */
void filelist_add_all(Arena *a, FileList *l, const FileList *from);
/* The paths of l as a NULL-terminated array allocated in a. */
const char **filelist_array(Arena *a, const FileList *l);
/* The running formc executable (/proc/self/exe resolved), or NULL when
 * the system does not say. */
const char *formc_executable(Arena *a);
/* True when out is a regular file (not a symlink) that formc wrote (yours,
 * mode 0600: a file another user or program put there is never taken for
 * a document), dated no later than now, and no file of in is newer than
 * it. A file that cannot be examined counts as newer; a file dated in the
 * future is said (a warning) and made again. */
bool up_to_date(const FileList *in, const char *out);

#endif
