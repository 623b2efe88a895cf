/* fuzz_fmt.c — formc fmt on arbitrary bytes.
 *
 * fmt_source() promises that its layout reads back as the same statements,
 * values and comments, and that a laid-out file lays out to itself. A
 * layout it has to refuse as not reading back the same (an internal
 * error), or a second layout that differs from the first, is a finding. */
#include "fuzz.h"
#include <stdlib.h>
#include <string.h>
#include "format/fmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_session();   /* diagnostics formatted and discarded */
    Arena a = { 0 };
    Source *src = source_from_bytes(&a, "fuzz.form", (const char *)data, size);
    char *once, *twice;
    size_t once_len, twice_len;
    FmtStatus st = fmt_source(&a, src, &once, &once_len);
    if (st == FMT_INTERNAL_ERROR) abort();
    if (st == FMT_OK) {
        Source *again = source_from_bytes(&a, "fuzz.form", once, once_len);
        if (fmt_source(&a, again, &twice, &twice_len) != FMT_OK || twice_len != once_len ||
            memcmp(once, twice, once_len))
            abort();
    }
    arena_free(&a);
    fuzz_done();
    return 0;
}
