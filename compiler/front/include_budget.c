/* include_budget.c — the text a file may include, in all: each inclusion
 * of a file counts its size again, so includes that fan out (a file that
 * includes another ten times, which includes another ten times...) cannot
 * make formc read and check gigabytes from a few small files. */
#include "front/checker.h"
#include "base/diag.h"

bool ck_include_within_budget(Checker *c, const Node *include, const char *path, uint64_t size) {
    if (c->include_budget_spent) return false;          /* said once, at the first include past it */
    if (c->items_left >= 0 && c->included + size <= INCLUDE_MAX_BYTES) return true;
    c->include_budget_spent = true;
    if (c->items_left < 0) return false;                /* the parser has said why */
    ck_error(c, include->args->loc, "including '%s' brings the text included into %s past "
             "%d MiB (a file counts each time it is included); formc includes nothing more",
             path, c->stack[0]->path, INCLUDE_MAX_BYTES / (1024 * 1024));
    return false;
}

void ck_include_charge(Checker *c, uint64_t size) { c->included += size; }
