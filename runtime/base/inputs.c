/* inputs.c — the registry of files read; see inputs.h. */
#include "base/inputs.h"
#include "base/arena.h"
#include "base/checksum.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    dev_t dev;
    ino_t ino;
    char *path;
    unsigned span;      /* the span in which it was last noted */
    InputContent content;   /* what was read of it (INPUT_NOT_READ: no bytes noted) */
    uint64_t size, checksum;    /* with INPUT_READ: of the bytes read */
} Input;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static Input *inputs;
static size_t ninputs, cap;
static unsigned span;   /* the current span */

/* The index of the input with st's identity, or ninputs. Lock held. */
static size_t find(const struct stat *st) {
    size_t i = 0;
    while (i < ninputs && (inputs[i].dev != st->st_dev || inputs[i].ino != st->st_ino)) i++;
    return i;
}

/* Makes room for one more input. Lock held. */
static void grow(void) {
    if (ninputs < cap) return;
    cap = cap ? cap * 2 : 64;
    inputs = xrealloc(inputs, cap * sizeof *inputs);
}

/* The input st describes, noted in the current span. Lock held. */
static Input *note(const struct stat *st, const char *path) {
    size_t i = find(st);
    if (i < ninputs) {
        inputs[i].span = span;
    } else {
        grow();
        inputs[ninputs++] = (Input){ st->st_dev, st->st_ino, xstrdup(path), span, INPUT_NOT_READ, 0, 0 };
    }
    return &inputs[i];
}

void inputs_note(const struct stat *st, const char *path) {
    pthread_mutex_lock(&lock);
    note(st, path);
    pthread_mutex_unlock(&lock);
}

void inputs_note_read(const struct stat *st, const char *path, const void *bytes, size_t len) {
    uint64_t sum = checksum_of(bytes, len);
    pthread_mutex_lock(&lock);
    Input *in = note(st, path);
    if (in->content == INPUT_NOT_READ) {
        in->content = INPUT_READ;
        in->size = len;
        in->checksum = sum;
    } else if (in->size != len || in->checksum != sum) {
        in->content = INPUT_READ_CHANGED;
    }
    pthread_mutex_unlock(&lock);
}

InputContent inputs_content(const char *path, uint64_t *size, uint64_t *checksum) {
    InputContent found = INPUT_NOT_READ;
    pthread_mutex_lock(&lock);
    /* the same path may name several files in turn (a file saved by
     * renaming a new one over it): every one read must agree */
    for (size_t i = 0; i < ninputs && found != INPUT_READ_CHANGED; i++) {
        const Input *in = &inputs[i];
        if (in->content == INPUT_NOT_READ || strcmp(in->path, path)) continue;
        if (in->content == INPUT_READ_CHANGED ||
            (found == INPUT_READ && (*size != in->size || *checksum != in->checksum))) {
            found = INPUT_READ_CHANGED;
        } else {
            found = INPUT_READ;
            *size = in->size;
            *checksum = in->checksum;
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

bool inputs_find(const struct stat *st, char *path, size_t n) {
    pthread_mutex_lock(&lock);
    size_t i = find(st);
    bool found = i < ninputs;
    if (found) snprintf(path, n, "%s", inputs[i].path);
    pthread_mutex_unlock(&lock);
    return found;
}

void inputs_begin_span(void) {
    pthread_mutex_lock(&lock);
    span++;
    pthread_mutex_unlock(&lock);
}

void inputs_each(void (*fn)(void *user, const char *path), void *user) {
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < ninputs; i++)
        if (inputs[i].span == span) fn(user, inputs[i].path);
    pthread_mutex_unlock(&lock);
}
