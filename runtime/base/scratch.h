/* scratch: a temporary file no one else sees, gone when it is closed,
 * for data too big to hold in memory while it is worked on (the PDF
 * cairo writes, which the finishing pass reads back a piece at a time).
 *
 * Promises: the file is made in the folder given (beside an output, on
 * its file system) or, for NULL, in TMPDIR (else /tmp), mode 0600; it
 * never has a name (O_TMPFILE) or has one only while it is being opened
 * (unlinked at once), so nothing is left behind however the process
 * ends. Writes are buffered; the first error is kept and reported by
 * scratch_finish as the system's errno value, so the caller can name the
 * output it was for ("cannot write 'x.pdf': No space left on device"). */
#ifndef FORMC_SCRATCH_H
#define FORMC_SCRATCH_H
#include <stddef.h>

typedef struct ScratchFile ScratchFile;

/* A new empty scratch file in dir (NULL: the temporary folder), or NULL
 * with a message in err. */
ScratchFile *scratch_open(const char *dir, char *err, size_t errlen);

/* Appends n bytes. 0, or -1 once an error was met (later writes are
 * ignored). */
int scratch_write(ScratchFile *f, const void *buf, size_t n);

/* Writes out what is buffered: 0, or the errno value of the first error. */
int scratch_finish(ScratchFile *f);

/* The file's descriptor, for reading back (pread), and its size. */
int scratch_fd(const ScratchFile *f);
size_t scratch_size(const ScratchFile *f);

/* Closes (and so removes) the file and frees f; NULL: nothing. */
void scratch_close(ScratchFile *f);
#endif
