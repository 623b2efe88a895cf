/* Unit tests of runtime/base/inputs.c's spans: inputs_each() names the files
 * noted since inputs_begin_span(), read for the first time or again, once
 * each, in the order first read. */
#include "unit.h"

#include "base/inputs.h"

#include <sys/stat.h>

/* A made-up file identity: inputs.c only compares device and inode. */
static struct stat file(int ino) {
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_dev = 77;
    st.st_ino = (ino_t)ino;
    return st;
}

static void collect(void *user, const char *path) {
    char *list = user;
    strcat(list, path);
    strcat(list, " ");
}

static const char *listed(void) {
    static char list[256];
    list[0] = '\0';
    inputs_each(collect, list);
    return list;
}

TEST(span_lists_files_noted_since) {
    struct stat a = file(1), b = file(2), c = file(3);
    inputs_note(&a, "a.form");
    inputs_begin_span();
    CHECK_STR(listed(), "");
    inputs_note(&b, "b.form");
    inputs_note(&c, "c.form");
    inputs_note(&b, "b.form");
    CHECK_STR(listed(), "b.form c.form ");
}

TEST(a_file_read_again_is_in_the_new_span) {
    struct stat a = file(11), b = file(12);
    inputs_note(&a, "shared.form");
    inputs_note(&b, "first.form");
    inputs_begin_span();
    inputs_note(&a, "shared.form");
    CHECK_STR(listed(), "shared.form ");
    char path[64];
    CHECK(inputs_find(&b, path, sizeof path));    /* still protected from output */
    CHECK_STR(path, "first.form");
}
