/* test_memo.c — a memo keeps values by their description, within its
 * bounds: when full it lets go of what was not asked for since it was last
 * full, and of everything when that is not enough; every value it lets go
 * is released once. */
#include "base/memo.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

static int released;
static void count_release(void *v) {
    released++;
    free(v);
}

static int *num(int v) {
    int *p = malloc(sizeof *p);
    *p = v;
    return p;
}

static int *get(Memo *m, const char *key) { return memo_get(m, key, strlen(key)); }
static void put(Memo *m, const char *key, int v) { memo_put(m, key, strlen(key), num(v)); }

TEST(keeps_by_description) {
    released = 0;
    Memo *m = memo_new(8, 1024, count_release);
    put(m, "serif 10.5 a paragraph", 1);
    put(m, "serif 10.5 a paragraph.", 2);   /* another description */
    CHECK(get(m, "serif 10.5 a paragraph") && *get(m, "serif 10.5 a paragraph") == 1);
    CHECK(get(m, "serif 10.5 a paragraph.") && *get(m, "serif 10.5 a paragraph.") == 2);
    CHECK(get(m, "serif 10.5 a paragrap") == NULL);
    CHECK(memo_get(m, "", 0) == NULL);
    memo_put(m, "", 0, num(3));               /* an empty description is one too */
    CHECK(memo_get(m, "", 0) && *(int *)memo_get(m, "", 0) == 3);
    memo_free(m);
    CHECK_INT(released, 3);
}

TEST(full_memo_keeps_what_was_asked_for) {
    released = 0;
    Memo *m = memo_new(4, 1 << 20, count_release);
    put(m, "heading", 1);
    put(m, "a", 2);
    put(m, "b", 3);
    put(m, "c", 4);
    CHECK(get(m, "heading"));                 /* asked for since it filled */
    put(m, "d", 5);                           /* full: a, b, c go */
    CHECK_INT(released, 3);
    CHECK(get(m, "heading") && *get(m, "heading") == 1);
    CHECK(get(m, "d") && get(m, "a") == NULL && get(m, "c") == NULL);
    memo_free(m);
    CHECK_INT(released, 5);
}

TEST(bounded_by_bytes_and_everything_goes_when_all_was_used) {
    released = 0;
    Memo *m = memo_new(100, 64, count_release);
    char key[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "description %04d", i);   /* 16 bytes */
        put(m, key, i);
        CHECK(get(m, key) && *get(m, key) == i);          /* each asked for at once */
    }
    /* never more than 64 bytes of descriptions: at most 4 values kept */
    int kept = 0;
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "description %04d", i);
        kept += get(m, key) != NULL;
    }
    CHECK(kept >= 1 && kept <= 4);
    CHECK_INT(released, 1000 - kept);
    memo_clear(m);
    CHECK_INT(released, 1000);
    CHECK(get(m, "description 0999") == NULL);
    put(m, "after clear", 7);
    CHECK(get(m, "after clear") && *get(m, "after clear") == 7);
    memo_free(m);
    CHECK_INT(released, 1001);
    memo_free(NULL);
}
