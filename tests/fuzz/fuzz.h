/* fuzz.h — what the fuzz harnesses share.
 *
 * Each harness (fuzz_*.c) defines LLVMFuzzerTestOneInput. Built with clang
 * and -fsanitize=fuzzer it is a libFuzzer target (make fuzz); built with the
 * ordinary compiler and replay.c it is a test that feeds every file of
 * tests/fuzz/regress/NAME/ and tests/fuzz/corpus/NAME/ to the same function
 * (make test). FUZZ_TOP is the source tree, so inputs may include files of
 * the examples and tests as real users' files do. */
#ifndef FORMC_FUZZ_H
#define FORMC_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include "front/compile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The session every input is compiled in, made on first use: the shipped
 * library of FUZZ_TOP/templates, diagnostics formatted but discarded. */
Session *fuzz_session(void);

/* Sends diagnostics back where the session sends them, after a harness
 * caught some to look at (diag_set_output). */
void fuzz_session_output(void);

/* Ends one input: the diagnostic counters start again from zero. */
void fuzz_done(void);

#endif
