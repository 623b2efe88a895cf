/* A tiny unit-test harness. Each test is a function registered with
 * TEST(name); CHECK* macros record failures without stopping the test.
 * main() runs every test and prints one line per test:
 *   "pass NAME"  or  "FAIL NAME: file:line: what failed"
 * tests/run.sh counts those lines. */
#ifndef UNIT_H
#define UNIT_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void (*unit_fn)(void);

/* The standard output of the shell command fmt (with %s = arg), whole;
 * "" when it cannot run. The caller frees it. */
__attribute__((unused)) static char *run(const char *fmt, const char *arg) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd, fmt, arg);
    size_t n = 0, cap = 4096;
    char *out = malloc(cap);
    if (!out) abort();
    FILE *f = popen(cmd, "r");
    if (f) {
        size_t r;
        while ((r = fread(out + n, 1, cap - n - 1, f)) > 0) {
            n += r;
            if (cap - n < 2 && !(out = realloc(out, cap *= 2))) abort();
        }
        pclose(f);
    }
    out[n] = 0;
    return out;
}
/* A private folder for the test program's files, made on first use
 * ("" when it cannot be made) and removed when the program ends, unless
 * FORMC_KEEP_PNG is set: then kept, and named, for looking at what the
 * tests drew. */
static char unit_tmpdir[64];
__attribute__((unused)) static const char *dir(void) {
    if (!unit_tmpdir[0]) {
        snprintf(unit_tmpdir, sizeof unit_tmpdir, "/tmp/formc-unit-XXXXXX");
        if (!mkdtemp(unit_tmpdir)) unit_tmpdir[0] = 0;
    }
    return unit_tmpdir;
}
__attribute__((destructor)) static void unit_remove_tmpdir(void) {
    if (!unit_tmpdir[0]) return;
    if (getenv("FORMC_KEEP_PNG")) {
        fprintf(stderr, "kept %s\n", unit_tmpdir);
        return;
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", unit_tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", unit_tmpdir);
}

/* The path of NAME in that folder; the last eight paths stay valid. */
__attribute__((unused)) static char *path_in(const char *name) {
    static char buf[8][256];
    static int k;
    char *p = buf[k++ % 8];
    snprintf(p, 256, "%s/%s", dir(), name);
    return p;
}
static const char *unit_current;
static struct { const char *name; unit_fn fn; } unit_tests[256];
static int unit_count, unit_failed_checks;

#define TEST(test_)                                                   \
    static void test_(void);                                          \
    __attribute__((constructor)) static void reg_##test_(void) {      \
        unit_tests[unit_count].name = #test_;                         \
        unit_tests[unit_count++].fn = test_;                          \
    }                                                                 \
    static void test_(void)

#define UNIT_FAIL(...)                                                \
    do {                                                              \
        if (!unit_failed_checks++) printf("FAIL %s: ", unit_current); \
        else printf("     also: ");                                   \
        printf("%s:%d: ", __FILE__, __LINE__);                        \
        printf(__VA_ARGS__);                                          \
        printf("\n");                                                 \
    } while (0)

#define CHECK(c) do { if (!(c)) UNIT_FAIL("%s", #c); } while (0)
#define CHECK_INT(a, b) do { long long a_ = (a), b_ = (b);            \
    if (a_ != b_) UNIT_FAIL("%s == %lld, expected %lld", #a, a_, b_); } while (0)
#define CHECK_NEAR(a, b, eps) do { double a_ = (a), b_ = (b);         \
    if (!(fabs(a_ - b_) <= (eps)))                                    \
        UNIT_FAIL("%s == %.6g, expected %.6g", #a, a_, b_); } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b);         \
    if (!a_ || !b_ || strcmp(a_, b_))                                 \
        UNIT_FAIL("%s == \"%s\", expected \"%s\"", #a,               \
                  a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } while (0)

int main(void) {
    int failed = 0;
    for (int i = 0; i < unit_count; i++) {
        unit_current = unit_tests[i].name;
        unit_failed_checks = 0;
        unit_tests[i].fn();
        if (unit_failed_checks) failed++;
        else printf("pass %s\n", unit_current);
    }
    return failed ? 1 : 0;
}
#endif
