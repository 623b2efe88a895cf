/* outfile: safe, atomic output files.
 *
 * Promises: the destination either keeps its old content or gets the whole
 * new content, never a partial file. Data goes to a temporary file created
 * (mode 0600) in the destination's directory, which is fsync'ed and renamed
 * into place on commit. Writing onto one of the inputs (same device and
 * inode, also through symlinks): those given, every file the process
 * has read (inputs.h) and the running program itself, and writing through a symlink at the destination
 * are refused; only outfile_replace rewrites a file that was read. On any
 * error the temporary file is removed and the message names the path and
 * the system's reason. Live temporary paths are kept in a process-wide
 * registry that a handler of every signal that ends the process
 * (signals.h), and an early exit (out of memory, say), clean up
 * (outfile_install_signal_cleanup). */
#ifndef FORMC_OUTFILE_H
#define FORMC_OUTFILE_H
#include <stdbool.h>
#include <stddef.h>

typedef struct OutFile OutFile;

/* Opens a temporary file for dest. inputs is a NULL-terminated list of
 * paths that must not be overwritten (may be NULL). Returns NULL with a
 * message in err on refusal or error. */
OutFile *outfile_open(const char *dest, const char *const *inputs,
                      char *err, size_t errlen);

/* What a file an output may replace starts with: its first bytes, and
 * the end of its first line when that line has more than a fixed head
 * (a norms file names the clinic in it), and what it is, for a message. */
typedef struct OutKind {
    const char *starts;       /* "%PDF-"; a whole first line ends in "\n" */
    const char *line_ends;    /* NULL, or how the first line ends, before its "\n" */
    const char *what;         /* "a PDF document" */
} OutKind;

/* Refuses, once outfile_open has taken it, a destination that holds a file of
 * another kind than the one to be written, which replacing would lose (a
 * patient's formulation given to -o for a document, a clinician's notes
 * given to --csv): an existing regular file, not empty, that does not start
 * as kind says. Returns 0, or -1 with a message naming dest and what it
 * should be in err. */
int outfile_refuse_other_kind(const char *dest, const OutKind *kind, char *err, size_t errlen);

/* Opens a temporary file that will replace the regular file dest itself,
 * with dest's mode (and its owner and group, where permitted): the one way
 * to write onto a file that was read (formc fmt rewriting a source). dest
 * must not be a symbolic link. */
OutFile *outfile_replace(const char *dest, char *err, size_t errlen);

/* Replaces the regular file at path (through a symbolic link, the file it
 * points to, the link kept) with len bytes of text, as outfile_replace
 * does; refuses when the file is no longer the one `then` (its stat when it
 * was read) describes, so an edit made meanwhile is never lost. Returns 0,
 * or -1 with a message naming path in err. */
/* Whether paths a and b name the same file: one file under two names (a
 * hard link, ../), or, when one does not exist yet, the same name in the
 * same folder however the folder is spelt. For a command with two
 * outputs, so that neither is written over the other. */
bool outfile_same_path(const char *a, const char *b);

struct stat;
/* Whether the file at path, whose stat is st, may be rewritten: not when
 * it is read-only (no write permission for its owner, or none for you),
 * which a rename would ignore, nor when it has several names (hard
 * links), which a rename would part, the others keeping the old text.
 * Returns 0, or -1 with a message naming path in err. outfile_rewrite
 * checks it; a command rewriting several files checks each first, so that
 * it writes all of them or none. */
int outfile_rewritable(const char *path, const struct stat *st, char *err, size_t errlen);
int outfile_rewrite(const char *path, const struct stat *then, const char *text, size_t len,
                    char *err, size_t errlen);

/* Names standard output as a destination: "-" (formc report -o -). */
#define OUTFILE_STDOUT "-"

/* Whether standard output may take a binary document: not when it is a
 * terminal, where it would be bytes on the screen. false with a message
 * in err. */
bool outfile_stdout_usable(char *err, size_t errlen);

/* Writes n bytes to standard output, made whole before (so an error never
 * leaves half a document), after outfile_stdout_usable; never when standard
 * output is a file read as input (>> ada.form). Returns 0, or -1 with the
 * reason in err. */
int outfile_to_stdout(const void *buf, size_t n, char *err, size_t errlen);

/* Writes all n bytes (buffered). Returns 0, or -1 and remembers the
 * error, which outfile_commit then reports (later writes are ignored). */
int outfile_write(OutFile *f, const void *buf, size_t n);

/* Marks the file failed with the given errno value, for errors found by
 * the caller (e.g. a drawing library's stream error). */
void outfile_fail(OutFile *f, int errnum);

/* Flushes, fsyncs and renames the file into place, then frees f.
 * Returns 0, or -1 with a message and errno saying why (the temporary file
 * is removed). */
int outfile_commit(OutFile *f, char *err, size_t errlen);

/* The same, but only when nothing exists at the destination: an existing
 * file (of any kind) is never replaced, even one created meanwhile. */
int outfile_commit_new(OutFile *f, char *err, size_t errlen);

/* Removes the temporary file and frees f. */
void outfile_abort(OutFile *f);

/* Removes the temporary files a process left for dest when it died before
 * it could (killed with SIGKILL, say): those beside dest named as formc
 * names them (".BASE.formc.PID.XXXXXX"), of this user, whose process is gone.
 * (Before it writes into a folder for the first time, a run removes the
 * same of any name there, last written before it started.) */
void outfile_remove_temporaries(const char *dest);

/* Removes the temporary files in the folder dir that a run killed before
 * this one started left behind: named as formc names them, of this user,
 * last written before this run started, by a process that is gone.
 * (outfile_open does the same the first time it writes into a folder.) */
void outfile_sweep(const char *dir);

/* Installs, for every signal that ends the process (signals.h) and is not
 * ignored, a handler that unlinks every live temporary file and then hands
 * the signal back to what handled it before (by default, the process
 * ends with that signal), makes exit()
 * unlink those this process created (a worker's exit leaves its parent's
 * alone), and ignores
 * SIGXFSZ so a write over the file size limit fails (EFBIG) and is
 * reported like a full disk. */
void outfile_install_signal_cleanup(void);
#endif
