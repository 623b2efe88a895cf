/* replay.c — runs a fuzz harness on files, without libFuzzer.
 *
 *   test_fuzz_NAME            every file in tests/fuzz/regress/NAME/ and
 *                             tests/fuzz/corpus/NAME/ (run from the top of
 *                             the source tree, as make test does)
 *   test_fuzz_NAME FILE...    the given files
 *
 * Prints "pass fuzz/regress/NAME/FILE" (or corpus) after each file. A crash stops the run (the
 * test runner reports the exit status); an input that runs longer than
 * REPLAY_SECONDS fails. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"
#include "base/source.h"

#define REPLAY_SECONDS 60

static const char *current = "";
static char timeout_msg[512];

static void on_alarm(int sig) {
    (void)sig;
    if (write(STDOUT_FILENO, timeout_msg, strlen(timeout_msg)) < 0) _exit(3);
    _exit(1);
}

/* Feeds one file to the harness; false when it cannot be read. */
static bool replay(const char *label, const char *path) {
    Arena a = { 0 };
    char err[256];
    Source *src = source_load(&a, path, err, sizeof err);
    if (!src) {
        printf("FAIL %s: %s\n", label, err);
        arena_free(&a);
        return false;
    }
    /* a copy of exactly its bytes, so reading past them is caught */
    uint8_t *bytes = malloc(src->len ? src->len : 1);
    memcpy(bytes, src->text, src->len);
    size_t len = src->len;
    arena_free(&a);
    current = label;
    snprintf(timeout_msg, sizeof timeout_msg, "FAIL %s: still running after %d s\n", current,
             REPLAY_SECONDS);
    alarm(REPLAY_SECONDS);
    LLVMFuzzerTestOneInput(bytes, len);
    alarm(0);
    free(bytes);
    printf("pass %s\n", label);
    fflush(stdout);
    return true;
}

static int compare(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Replays every file of dir, in name order. */
static int replay_dir(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    char **files = NULL;
    int n = 0, failed = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        files = realloc(files, sizeof *files * (size_t)(n + 1));
        files[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(files, (size_t)n, sizeof *files, compare);
    for (int i = 0; i < n; i++) {
        char path[4096], label[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        snprintf(label, sizeof label, "%s", path + strlen("tests/"));
        failed += !replay(label, path);
        free(files[i]);
    }
    free(files);
    return failed;
}

int main(int argc, char **argv) {
    signal(SIGALRM, on_alarm);
    int failed = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++) failed += !replay(argv[i], argv[i]);
        return failed ? 1 : 0;
    }
    char dir[256];
    snprintf(dir, sizeof dir, "tests/fuzz/regress/%s", FUZZ_NAME);
    failed += replay_dir(dir);
    snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", FUZZ_NAME);
    failed += replay_dir(dir);
    return failed ? 1 : 0;
}
