/* fuzz_check.c — scanner, parser and checker on arbitrary bytes.
 *
 * The input is a file named FUZZ_TOP/tests/golden/fuzz.form held in
 * memory, so its includes reach the golden tests' files. It is checked as
 * `formc check` checks a file: for a report, a letter and a group, and, when
 * it is a group, each of its members (files on disk) for that group. */
#include "fuzz.h"
#include "front/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Session *s = fuzz_session();
    Arena a = { 0 };
    Source *src = source_from_bytes(&a, FUZZ_TOP "/tests/golden/fuzz.form", (const char *)data, size);
    CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER | NEED_GROUP, .members = true };
    CompileStatus st;
    Model *m = compile_source(s, &a, src, &co, &st);
    for (int k = 0; m->g.title.s && k < m->g.nmembers; k++) {
        Arena ma = { 0 };
        CompileOptions mo = { .purpose = NEED_REPORT | NEED_LETTER, .group = m };
        compile_file(s, &ma, m->g.members[k].path, &mo, &st);
        arena_free(&ma);
    }
    arena_free(&a);
    fuzz_done();
    return 0;
}
