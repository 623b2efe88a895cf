/* arena.c — bump allocation in chunks; see arena.h. */
#include "base/arena.h"
#include "base/messages.h"
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaChunk {
    ArenaChunk *next;
    size_t used, size;
    max_align_t data[];
};

enum { CHUNK_MIN = 64 * 1024 };

static void out_of_memory(void) {
    fputs(diag_tr("formc: out of memory\n"), stderr);
    exit(2);
}

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) out_of_memory();
    return p;
}

void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) out_of_memory();
    return p;
}

void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) out_of_memory();
    return p;
}

char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

char *xstrndup(const char *s, size_t n) {
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

FILE *xmemstream(char **buf, size_t *len) {
    FILE *f = open_memstream(buf, len);
    if (!f) out_of_memory();
    return f;
}

void xgrow(void *items_ptr, int *cap, int need, size_t elem) {
    void **items = items_ptr;
    if (need <= *cap) return;
    if (need > INT_MAX / 2) out_of_memory();
    int c = *cap ? *cap * 2 : 8;
    while (c < need) c *= 2;
    *items = xrealloc(*items, (size_t)c * elem);
    *cap = c;
}

void xappend(char **buf, size_t *len, size_t *cap, const void *s, size_t n) {
    if (n + 1 > SIZE_MAX / 2 - *len) out_of_memory();
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = xrealloc(*buf, *cap);
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

/* The alignment an object of n bytes can need: the largest power of two
 * that divides n, up to max_align_t's (a type's size is a multiple of its
 * alignment), so strings and small records pack without padding. */
static size_t alignment_for(size_t n) {
    size_t most = _Alignof(max_align_t), low = n & -n;
    return low && low < most ? low : most;
}

void *arena_alloc(Arena *a, size_t n) {
    size_t align = alignment_for(n);
    ArenaChunk *c = a->head;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || at > c->size || c->size - at < n) {
        size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;
        ArenaChunk *fresh = xmalloc(sizeof *fresh + size);
        fresh->size = size;
        fresh->used = 0;
        a->total += size;
        if (c && n >= CHUNK_MIN) {
            /* a large allocation fills a chunk of its own, behind the
             * current one, whose room stays in use */
            fresh->next = c->next;
            c->next = fresh;
        } else {
            fresh->next = c;
            a->head = fresh;
        }
        c = fresh;
        at = 0;
    }
    void *p = (char *)c->data + at;
    c->used = at + n;
    return memset(p, 0, n);
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s) {
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(Arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_push(Arena *a, void *items_ptr, int *count, int *cap, size_t elem) {
    char **items = items_ptr;
    if (*count == *cap) {
        int ncap = *cap ? *cap * 2 : 8;
        char *grown = arena_alloc(a, elem * (size_t)ncap);
        if (*count) memcpy(grown, *items, elem * (size_t)*count);
        *items = grown;
        *cap = ncap;
    }
    return *items + elem * (size_t)(*count)++;
}

void arena_free(Arena *a) {
    for (ArenaChunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    a->head = NULL;
    a->total = 0;
}
