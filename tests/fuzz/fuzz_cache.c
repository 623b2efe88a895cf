/* fuzz_cache.c — the readers of formc's binary cache files on arbitrary
 * bytes: the hyphenation automaton's (layout/hyphcache.h) when the first
 * byte is even, an image's PDF objects' (layout/imagecache.h) when it is
 * odd, the rest being the body a cache file holds after its header.
 *
 * A cache file that passed its checksum is still read as if hostile: every
 * index checked before use. An automaton that is accepted must hyphenate
 * words (libhyphen trusts it) within bounds and in bounded time; image
 * parts that are accepted must be of the size asked for, and encode to
 * the very bytes they were read from. */
#include "fuzz.h"
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include "layout/hyphcache.h"
#include "layout/imagecache.h"

/* hnj_hyphen_hyphenate3 as hyphenate.c calls it. */
static void hyphenate(HyphenDict *d, const char *word) {
    int n = (int)strlen(word);
    char *h = calloc((size_t)n + 5, 1);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (!h) abort();
    hnj_hyphen_hyphenate3(d, word, n, h, NULL, &rep, &pos, &cut, 2, 3, 2, 3);
    if (rep)
        for (int i = 0; i < n; i++) free(rep[i]);
    free(rep);
    free(pos);
    free(cut);
    free(h);
}

static uint32_t u32_at(const uint8_t *b) {
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    const uint8_t *body = data + 1;
    size_t n = size - 1;
    if (!(data[0] & 1)) {
        Arena a = { 0 };
        HyphenDict *d = hyphcache_decode(body, n, &a);
        if (d) {
            static const char *const words[] = { "perfectionism", "a.b-c'd", "", "xx..yy",
                                                 "\xc3\xa9tude", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
            for (size_t w = 0; w < sizeof words / sizeof *words; w++) hyphenate(d, words[w]);
        }
        arena_free(&a);
    } else if (n >= 8) {
        /* the size asked for is the body's own, so the fuzzer can pass it */
        int w = (int)(u32_at(body) & 0xffff), h = (int)(u32_at(body + 4) & 0xffff);
        ImageParts p;
        if (imagecache_decode(body, n, w, h, &p) == 0) {
            size_t m = 0;
            unsigned char *again = imagecache_encode(&p, &m);
            if (p.width != w || p.height != h || !again || m != n || memcmp(again, body, n)) abort();
            free(again);
            imagecache_free(&p);
        } else if (p.colors || p.mask) {
            abort();
        }
    }
    fuzz_done();
    return 0;
}
