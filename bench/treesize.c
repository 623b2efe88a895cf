/* treesize.c — for the benchmarks: how large the syntax tree of a file is
 * against the file itself, the bytes parse_source() takes from its arena
 * over the file's bytes. Prints the ratio with two decimals.
 * Usage: treesize FILE */
#include <stdio.h>
#include "base/arena.h"
#include "base/source.h"
#include "front/parse.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: treesize FILE\n");
        return 2;
    }
    Arena a = { 0 };
    char err[256];
    Source *src = source_load(&a, argv[1], err, sizeof err);
    if (!src) {
        fprintf(stderr, "treesize: %s: %s\n", argv[1], err);
        return 2;
    }
    size_t before = a.total;
    int errors;
    bool complete;
    parse_source(&a, src, &errors, &complete);
    if (errors || !complete) {
        fprintf(stderr, "treesize: %s does not parse\n", argv[1]);
        return 1;
    }
    printf("%.2f\n", (double)(a.total - before) / (double)(src->len ? src->len : 1));
    arena_free(&a);
    return 0;
}
