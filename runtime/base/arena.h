/* arena.h — one memory arena per compilation.
 *
 * Everything the front end builds (syntax tree, strings, model) is allocated
 * here and freed at once with arena_free(). Allocation never fails: when the
 * system is out of memory formc prints a message and exits with status 2. */
#ifndef FORMC_ARENA_H
#define FORMC_ARENA_H
#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;
typedef struct Arena { ArenaChunk *head; size_t total; } Arena;

/* Returns zeroed, suitably aligned memory of n bytes owned by the arena. */
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
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
