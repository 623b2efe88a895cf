/* checksum.c — a checksum of bytes; see checksum.h. */
#include "base/checksum.h"
#include <string.h>

uint64_t checksum_of(const void *p, size_t n) {
    const unsigned char *b = p;
    uint64_t h = 0xcbf29ce484222325u ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, b + i, 8);
        h = (h ^ w) * 0x100000001b3u;
        h ^= h >> 29;
    }
    for (; i < n; i++) {
        h = (h ^ b[i]) * 0x100000001b3u;
        h ^= h >> 29;
    }
    return h;
}
