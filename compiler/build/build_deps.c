/* build_deps.c — the --deps file; see build_deps.h. */
#include "build/build_deps.h"
#include "base/messages.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include "base/outfile.h"

struct Deps {
    char *rules;           /* the documents' rules, as text */
    size_t len, cap;
    char **inputs;         /* every input named, duplicates included */
    int ninputs, cap_inputs;
    char *unwritable;      /* a path make cannot spell (a line break) */
};

void deps_record(FILE *f, const char *out, const FileList *in) {
    fwrite(out, 1, strlen(out) + 1, f);
    for (int i = 0; i < in->n; i++) fwrite(in->paths[i], 1, strlen(in->paths[i]) + 1, f);
    fputc('\0', f);
}

Deps *deps_new(void) {
    Deps *d = xmalloc(sizeof *d);
    memset(d, 0, sizeof *d);
    return d;
}

static void put(Deps *d, const char *s, size_t n) { xappend(&d->rules, &d->len, &d->cap, s, n); }

/* Appends path as make reads it in a rule. */
static void put_path(Deps *d, const char *path) {
    for (const char *p = path; *p; p++) {
        if (*p == '\n' || *p == '\r') d->unwritable = d->unwritable ? d->unwritable : xstrdup(path);
        if (*p == ' ' || *p == '\t' || *p == '#') put(d, "\\", 1);
        if (*p == '$') put(d, "$", 1);
        put(d, p, 1);
    }
}

void deps_add(Deps *d, const char *data, size_t len) {
    const char *end = data + len;
    while (data < end && *data) {
        put_path(d, data);
        put(d, ":", 1);
        data += strlen(data) + 1;
        while (data < end && *data) {
            put(d, " \\\n  ", 5);
            put_path(d, data);
            if (d->ninputs == d->cap_inputs) {
                d->cap_inputs = d->cap_inputs ? d->cap_inputs * 2 : 64;
                d->inputs = xrealloc(d->inputs, sizeof *d->inputs * (size_t)d->cap_inputs);
            }
            d->inputs[d->ninputs++] = xstrdup(data);
            data += strlen(data) + 1;
        }
        put(d, "\n", 1);
        data++;                              /* the empty string closing the record */
    }
}

static int by_path(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int deps_write(Deps *d, const char *path, char *err, size_t errlen) {
    if (d->unwritable) {
        snprintf(err, errlen, diag_tr("cannot write '%s': make cannot name the file '%s' (a line break)"),
                 path, d->unwritable);
        return -1;
    }
    /* the deps file made from every distinct input (first: ninja reads the
     * first target as its edge's output), then the documents' rules, then
     * an empty rule per input; built as one text and written at once */
    Deps all = { 0 };
    qsort(d->inputs, (size_t)d->ninputs, sizeof *d->inputs, by_path);
    put_path(&all, path);
    put(&all, ":", 1);
    for (int i = 0; i < d->ninputs; i++) {
        if (i && !strcmp(d->inputs[i], d->inputs[i - 1])) continue;
        put(&all, " \\\n  ", 5);
        put_path(&all, d->inputs[i]);
    }
    put(&all, "\n\n", 2);
    put(&all, d->rules ? d->rules : "", d->len);
    for (int i = 0; i < d->ninputs; i++) {
        if (i && !strcmp(d->inputs[i], d->inputs[i - 1])) continue;
        put(&all, "\n", 1);
        put_path(&all, d->inputs[i]);
        put(&all, ":\n", 2);
    }
    /* the workers read most inputs, so this process's own record of the
     * files read (inputs.h) lacks them: every input named is protected */
    const char **protect = xmalloc(sizeof *protect * (size_t)(d->ninputs + 1));
    int n = 0;
    for (int i = 0; i < d->ninputs; i++)
        if (!i || strcmp(d->inputs[i], d->inputs[i - 1])) protect[n++] = d->inputs[i];
    protect[n] = NULL;
    OutFile *f = outfile_open(path, protect, err, errlen);
    free(protect);
    int rc = -1;
    if (f) {
        outfile_write(f, all.rules, all.len);
        rc = outfile_commit(f, err, errlen);
    }
    free(all.rules);
    return rc;
}

void deps_free(Deps *d) {
    if (!d) return;
    for (int i = 0; i < d->ninputs; i++) free(d->inputs[i]);
    free(d->inputs);
    free(d->rules);
    free(d->unwritable);
    free(d);
}
