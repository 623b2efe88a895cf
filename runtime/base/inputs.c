/* inputs.c — the registry of files read; see inputs.h. */
#include "base/inputs.h"
#include "base/arena.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    dev_t dev;
    ino_t ino;
    char *path;
    unsigned span;      /* the span in which it was last noted */
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

void inputs_note(const struct stat *st, const char *path) {
    pthread_mutex_lock(&lock);
    size_t i = find(st);
    if (i < ninputs) {
        inputs[i].span = span;
    } else {
        grow();
        inputs[ninputs++] = (Input){ st->st_dev, st->st_ino, xstrdup(path), span };
    }
    pthread_mutex_unlock(&lock);
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
