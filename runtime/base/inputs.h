/* inputs: the files this process has read.
 *
 * Promises: every file formc reads as input (formulations, groups, their
 * includes, instrument files, templates, word lists, logos) is noted here,
 * by its identity (device and inode), when it is opened; outfile_open
 * refuses to write onto any of them, whatever path names the output (a
 * second name, a hard link, ../). Safe to use from several threads.
 *
 * Each file read whole (file_read, source.h) is noted with the size and
 * checksum (checksum_of) of the very bytes read, so that what a
 * document is recorded as made from is what it was made from, even when
 * the file changes a moment later (inputs_content).
 *
 * The files read during one piece of work (say, one member's documents)
 * can be listed: inputs_begin_span() starts a span, and inputs_each() then
 * names every file noted since, whether read for the first time or again. */
#ifndef FORMC_INPUTS_H
#define FORMC_INPUTS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* Notes that the file st describes was read, under path. */
void inputs_note(const struct stat *st, const char *path);

/* Notes that the file st describes was read whole, under path, and that
 * it held the len bytes at bytes. */
void inputs_note_read(const struct stat *st, const char *path, const void *bytes, size_t len);

/* What this process read of the file path names (as it was noted):
 * INPUT_READ with the size and checksum of its bytes, INPUT_NOT_READ when
 * no read of it was noted with its bytes, INPUT_READ_CHANGED when it was
 * read more than once and did not hold the same bytes each time. */
typedef enum { INPUT_NOT_READ, INPUT_READ, INPUT_READ_CHANGED } InputContent;
InputContent inputs_content(const char *path, uint64_t *size, uint64_t *checksum);

/* Whether the file st describes was read; its path is then copied into
 * path (truncated to n bytes). */
bool inputs_find(const struct stat *st, char *path, size_t n);

/* Starts a new span: inputs_each() names only the files noted after it. */
void inputs_begin_span(void);

/* Calls fn(user, path) for every file noted since inputs_begin_span(), in
 * the order they were first read. */
void inputs_each(void (*fn)(void *user, const char *path), void *user);

#endif
