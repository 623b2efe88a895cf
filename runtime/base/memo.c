/* memo.c — values kept by a description of what made them; see memo.h.
 * An open-addressing table, at most half full, of copies of the keys. */
#include "base/memo.h"

#include "base/arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t hash;
    char *key;               /* NULL: an empty slot */
    size_t len;
    void *value;
    bool used;               /* asked for since the memo was last full */
} Entry;

struct Memo {
    Entry *slots;
    size_t nslots, entries, bytes, max_entries, max_bytes;
    void (*release)(void *value);
};

static uint64_t hash_of(const void *key, size_t len) {
    const unsigned char *p = key;
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 1099511628211u;
    return h;
}

/* The slot holding key, or the empty one where it goes. */
static Entry *slot_for(Entry *slots, size_t nslots, uint64_t h, const void *key, size_t len) {
    size_t i = (size_t)h & (nslots - 1);
    for (; slots[i].key; i = (i + 1) & (nslots - 1))
        if (slots[i].hash == h && slots[i].len == len && !memcmp(slots[i].key, key, len))
            break;
    return &slots[i];
}

Memo *memo_new(size_t max_entries, size_t max_bytes, void (*release)(void *value)) {
    Memo *m = xcalloc(1, sizeof *m);
    m->nslots = 16;
    while (m->nslots < 2 * max_entries) m->nslots *= 2;
    m->slots = xcalloc(m->nslots, sizeof *m->slots);
    m->max_entries = max_entries;
    m->max_bytes = max_bytes;
    m->release = release;
    return m;
}

void *memo_get(Memo *m, const void *key, size_t len) {
    Entry *e = slot_for(m->slots, m->nslots, hash_of(key, len), key, len);
    if (!e->key) return NULL;
    e->used = true;
    return e->value;
}

static void drop(Memo *m, Entry *e) {
    m->release(e->value);
    free(e->key);
    m->entries--;
    m->bytes -= e->len;
}

/* Lets go of the values not asked for since the memo was last full; of
 * all of them when the rest would still fill more than half of it. */
static void make_room(Memo *m) {
    size_t kept = 0, kept_bytes = 0;
    for (size_t i = 0; i < m->nslots; i++)
        if (m->slots[i].key && m->slots[i].used) {
            kept++;
            kept_bytes += m->slots[i].len;
        }
    bool all = 2 * kept > m->max_entries || 2 * kept_bytes > m->max_bytes;
    Entry *old = m->slots;
    m->slots = xcalloc(m->nslots, sizeof *m->slots);
    for (size_t i = 0; i < m->nslots; i++) {
        Entry *e = &old[i];
        if (!e->key) continue;
        if (all || !e->used) {
            drop(m, e);
            continue;
        }
        Entry *to = slot_for(m->slots, m->nslots, e->hash, e->key, e->len);
        *to = *e;
        to->used = false;
    }
    free(old);
}

void memo_put(Memo *m, const void *key, size_t len, void *value) {
    if (m->entries + 1 > m->max_entries || m->bytes + len > m->max_bytes) make_room(m);
    uint64_t h = hash_of(key, len);
    Entry *e = slot_for(m->slots, m->nslots, h, key, len);
    char *copy = xmalloc(len ? len : 1);
    memcpy(copy, key, len);
    *e = (Entry){ h, copy, len, value, false };
    m->entries++;
    m->bytes += len;
}

void memo_clear(Memo *m) {
    for (size_t i = 0; i < m->nslots; i++)
        if (m->slots[i].key) drop(m, &m->slots[i]);
    memset(m->slots, 0, m->nslots * sizeof *m->slots);
}

void memo_free(Memo *m) {
    if (!m) return;
    memo_clear(m);
    free(m->slots);
    free(m);
}
