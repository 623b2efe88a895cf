/* uptodate.h — the files a document is made from, and whether it is up to
 * date with them.
 *
 * A build folder keeps a record of what each of its documents was made
 * from (RECORD_NAME, written whole by the build that made them): the
 * options that shape the document (its key), the document's identity as
 * it was written (device, inode, size, change time: any edit of it, even
 * one dated back, changes its change time), and each file it read with
 * its size and a checksum of its bytes. A document is up to date only
 * when all of these are as recorded: file times are never trusted, so a
 * file replaced within the same second, a file dated back, a folder of
 * templates swapped for an older one or another --paper all rebuild it. */
#ifndef FORMC_UPTODATE_H
#define FORMC_UPTODATE_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "base/arena.h"

#define RECORD_NAME ".formc-build"

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

/* What a folder's record says of its documents. */
typedef struct Records Records;

/* Waits until no other build writes in folder dir, and keeps others out
 * until this process and its workers end: two builds into one folder at
 * once would each record documents the other wrote. Says once on stderr
 * when it waits. Nothing when the folder cannot be opened or locked (the
 * build goes on: outfile's renames keep each document whole). */
void records_lock(const char *dir);

/* The record of folder dir; empty when it has none, or one formc did not
 * write (not a regular file of the user's, mode 0600) or cannot read. */
Records *records_load(const char *dir);
void records_free(Records *r);

/* Checksums, now, the files of in that this process has not read
 * (inputs.h) and no other process has said it read (records_note_read),
 * once per file in this process: call it before a document is made from
 * them. A file read whole through file_read (source.h) is recorded with
 * the checksum of the bytes read then, however it changes after, so that
 * a file saved while the build runs is never recorded with bytes the
 * document was not made from. */
void records_note_inputs(const FileList *in);

/* Notes that another process (a member's job) read the file at path
 * holding size bytes of this checksum (ok false: it could not say what
 * the file held), and made what this process is
 * handed from them (the member's facts, for the summary). Said twice
 * with different bytes, or read here with different bytes, the file is
 * not recorded, and what is made from it is never up to date. */
void records_note_read(const char *path, bool ok, uint64_t size, uint64_t checksum);

/* The size and checksum of the file at path, as a document made now is
 * made from it; false when it cannot be read or was read holding
 * different bytes. */
bool records_input_sum(const char *path, uint64_t *size, uint64_t *checksum);

/* True when out is a regular file (not a symlink) that formc wrote (yours,
 * mode 0600), dated no later than now, and r records it as made with this
 * key from in, unchanged since, and from files each of which holds what it
 * held then. A document dated in the future is said (a warning) and made
 * again. When true, its record is written to record (it stays as it is). */
bool up_to_date(const Records *r, const FileList *in, const char *out, const char *key, FILE *record);

/* Writes to record what out, just written with this key, was made from.
 * Nothing when a path holds a tab or a line break (the document is then
 * never taken for up to date). */
void records_write_one(FILE *record, const char *out, const FileList *in, const char *key);

/* Takes the records a job wrote (records_write_one, up_to_date) into r,
 * in place of those of the same documents. */
void records_add(Records *r, const char *data, size_t len);

/* The first file r records document out as made from (a summary's is
 * its group file: the build records the group's files first), newly
 * allocated; NULL when r does not record out. */
char *records_first_input(const Records *r, const char *out);

/* The number of documents r records, and the path of the i-th. */
int records_count(const Records *r);
const char *records_document(const Records *r, int i);

/* Writes r as the record of folder dir, atomically, keeping only the
 * documents still there. 0, or -1 with the reason in err. */
int records_save(const Records *r, const char *dir, char *err, size_t errlen);

#endif
