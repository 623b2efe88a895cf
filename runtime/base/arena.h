/* runtime/base — the services every stage of formc stands on: memory
 * (this file), source text and locations (source.h, utf8.h), diagnostics
 * (diag.h), "did you mean" (suggest.h), dates (date.h, epoch.h), the files
 * read and written (inputs.h, outfile.h, cachefile.h, png.h), text made
 * safe to lay out (textguard.h), values kept by their description
 * (memo.h) and what the system refuses (refusal.h). The stage promises
 * one home for each of these: no other stage allocates, decodes UTF-8,
 * measures edit distance, reports a problem or reckons with the calendar
 * in its own way. It may touch the C library and the file system only; it
 * includes nothing from any other folder, and knows no formulation,
 * template or page.
 *
 * arena.h — formc's one allocator and its one out-of-memory policy.
 *
 * Memory with one lifetime (a compilation's syntax tree, strings and model;
 * a template and its expanded document) comes from an Arena and is freed at
 * once with arena_free(). Memory that lives and dies on its own comes from
 * xmalloc and its kin. Allocation never fails: when the system is out of
 * memory formc prints "formc: out of memory" and exits with status 2, so no
 * caller checks for NULL and nothing is ever silently left out. */
#ifndef FORMC_ARENA_H
#define FORMC_ARENA_H
#include <stddef.h>
#include <stdio.h>

typedef struct ArenaChunk ArenaChunk;
typedef struct Arena { ArenaChunk *head; size_t total; } Arena;

/* Returns zeroed memory of n bytes owned by the arena, aligned for any
 * object of n bytes (to n's largest power-of-two factor, up to
 * max_align_t's), so that strings and small records pack tightly. */
void *arena_alloc(Arena *a, size_t n);
/* Copies n bytes of s and adds a terminating NUL. */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
/* Returns a printf-formatted string owned by the arena. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Grows the array *items (each of size elem) so that index *count fits,
 * doubling its capacity *cap; returns a pointer to the new element. */
void *arena_push(Arena *a, void *items_ptr, int *count, int *cap, size_t elem);
/* Frees every allocation made from the arena. */
void arena_free(Arena *a);
/* Allocation helpers for memory not owned by an arena: exit(2) on failure. */
void *xmalloc(size_t n);
/* n elements of size each, zeroed. */
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grows the malloc'd array *items_ptr (elements of elem bytes, *cap of
 * them) so that at least need elements fit, doubling its capacity. */
void xgrow(void *items_ptr, int *cap, int need, size_t elem);
/* Appends n bytes of s to the malloc'd bytes *buf (*len of them in *cap
 * allocated), growing it as needed, and keeps a NUL after them. */
void xappend(char **buf, size_t *len, size_t *cap, const void *s, size_t n);
/* A stream writing into memory (open_memstream): *buf holds what was
 * written once the stream is closed; free it. */
FILE *xmemstream(char **buf, size_t *len);

#endif
