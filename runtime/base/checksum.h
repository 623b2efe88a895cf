/* checksum.h — a fast checksum of bytes in memory, for telling whether
 * bytes are those written or read before (the caches' files, the inputs a
 * document was made from). Not a cryptographic hash: it detects change,
 * never forgery. */
#ifndef FORMC_CHECKSUM_H
#define FORMC_CHECKSUM_H
#include <stddef.h>
#include <stdint.h>

/* A checksum of n bytes (64 bits, eight bytes at a time): any byte
 * changed, added or cut changes it but by rare chance. */
uint64_t checksum_of(const void *p, size_t n);

#endif
