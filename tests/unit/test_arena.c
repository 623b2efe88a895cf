/* test_arena.c — the arena: every allocation zeroed and aligned for an
 * object of its size, strings packed without padding, large allocations
 * in chunks of their own. */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "base/arena.h"
#include "unit.h"

TEST(allocations_are_aligned_for_their_size) {
    Arena a = { 0 };
    for (size_t n = 1; n <= 200; n++) {
        arena_strndup(&a, "x", 1);                 /* leaves the next byte odd */
        unsigned char *p = arena_alloc(&a, n);
        size_t need = n % 16 == 0 ? alignof(max_align_t) : (size_t)1 << __builtin_ctzll(n);
        if (need > alignof(max_align_t)) need = alignof(max_align_t);
        CHECK((uintptr_t)p % need == 0);
        for (size_t i = 0; i < n; i++) CHECK(p[i] == 0);
        memset(p, 0xAB, n);
    }
    double *d = arena_alloc(&a, 3 * sizeof *d);
    CHECK((uintptr_t)d % alignof(double) == 0);
    arena_free(&a);
}

TEST(strings_pack_without_padding) {
    Arena a = { 0 };
    char *s = arena_strdup(&a, "abc");
    char *t = arena_strdup(&a, "de");
    CHECK_STR(s, "abc");
    CHECK_STR(t, "de");
    CHECK(t == s + 4);
    arena_free(&a);
}

TEST(a_large_allocation_gets_a_chunk_of_its_own) {
    Arena a = { 0 };
    char *small = arena_strdup(&a, "small");
    char *big = arena_alloc(&a, 1 << 20);
    big[(1 << 20) - 1] = 1;
    char *after = arena_strdup(&a, "after");
    CHECK_STR(small, "small");
    CHECK_STR(after, "after");
    CHECK(after == small + 6);              /* the first chunk's room is still used */
    CHECK(a.total >= (1u << 20));
    arena_free(&a);
    CHECK(a.total == 0 && a.head == NULL);
}
