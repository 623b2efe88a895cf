/* unit_layout.h — what every unit test that lays out or draws text shares,
 * included once after unit.h:
 *   - LeakSanitizer is told of the libraries that leak once per process:
 *     fontconfig stores the pointers inside patterns and charsets as
 *     relative offsets, which it cannot follow, so the private font
 *     configuration (kept for the process's lifetime) looks unreachable,
 *     and libhyphen 2.8.8 leaks a few bytes while loading a dictionary;
 *     without frame pointers in
 *     those libraries a stack may end inside the library, so the
 *     libraries are named;
 *   - a GLib or Pango critical warning (a misuse) stops the tests;
 *   - the layout engine's process state is released at exit. */
#ifndef FORMC_UNIT_LAYOUT_H
#define FORMC_UNIT_LAYOUT_H
#include <glib.h>
#include "layout/layout.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
    return "leak:libhyphen.so\n"
           "leak:libfontconfig.so\n";
}

__attribute__((constructor)) static void criticals_are_fatal(void) {
    g_log_set_always_fatal(G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
}

__attribute__((destructor)) static void release_process_state(void) {
    doc_shutdown();
}
#endif
