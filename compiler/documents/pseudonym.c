/* pseudonym.c — distinct pseudonyms within a group; see pseudonym.h. */
#include "documents/pseudonym.h"
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"
#include "base/diag.h"
#include "front/parse.h"

uint64_t pseudonym_hash(const Source *src) {
    uint64_t h = 1469598103934665603ull;
    for (uint32_t i = 0; src && i < src->len; i++) {
        h ^= (unsigned char)src->text[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Pseudonym number c (below PSEUDONYM_COUNT) as text: its letter, then
 * 10 to 99. */
static void spell(unsigned c, char out[8]) {
    static const char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";   /* no I or O */
    unsigned n = 10 + c / 24 % 90;
    out[0] = letters[c % 24];
    out[1] = (char)('0' + n / 10);
    out[2] = (char)('0' + n % 10);
    out[3] = '\0';
}

/* The members of one group and their pseudonyms, for the last group asked
 * about (a process works for one group at a time). */
typedef struct Roll {
    dev_t dev;
    ino_t ino;
    uint64_t hash;
    int k;                       /* its place in the group's list */
    bool read;                   /* its file could be read */
    char code[8];
    MemberNames names;           /* copies (free) */
} Roll;
static const Model *roster_group;
static Roll *roster;
static int roster_n;

static int by_hash(const void *x, const void *y) {
    const Roll *a = x, *b = y;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    return a->k - b->k;
}

static int by_place(const void *x, const void *y) {
    return ((const Roll *)x)->k - ((const Roll *)y)->k;
}

/* The text of the first argument of statement n when it is a string. */
static char *string_arg(const Node *n) {
    return n->nargs > 0 && n->args[0].kind == VAL_STRING ? xstrdup(n->args[0].text) : NULL;
}

/* Who the patient of src is, from the patient block of its file (parsed
 * in a, its problems not said: they are said where the file is compiled). */
static MemberNames names_in(Arena *a, Source *src) {
    MemberNames who = { 0 };
    bool muted = diag_muted(), complete;
    int errors;
    diag_mute(true);
    for (const Node *n = parse_source(a, src, &errors, &complete); n; n = n->next) {
        if (strcmp(n->name, "patient") || who.name) continue;
        who.name = string_arg(n);
        for (const Node *f = n->body; f; f = f->next) {
            char **field = !strcmp(f->name, "preferred") ? (char **)&who.preferred
                           : !strcmp(f->name, "id")      ? (char **)&who.id
                                                         : NULL;
            if (field && !*field) *field = string_arg(f);
        }
    }
    diag_mute(muted);
    return who;
}

static void forget_roster(void) {
    for (int k = 0; k < roster_n; k++) {
        free((char *)roster[k].names.name);
        free((char *)roster[k].names.preferred);
        free((char *)roster[k].names.id);
    }
    free(roster);
}

/* Works out the pseudonyms of g's members, once per group. */
static void make_roster(const Model *g) {
    if (roster_group == g) return;
    forget_roster();
    roster_n = g->g.nmembers;
    roster = xcalloc((size_t)roster_n + 1, sizeof *roster);
    roster_group = g;
    Arena a = { 0 };
    for (int k = 0; k < roster_n; k++) {
        char err[256];
        Source *src = source_load(&a, g->g.members[k].path, err, sizeof err);
        roster[k] = (Roll){ .k = k, .read = src != NULL };
        if (!src) continue;
        roster[k].dev = src->dev;
        roster[k].ino = src->ino;
        roster[k].hash = pseudonym_hash(src);
        roster[k].names = names_in(&a, src);
    }
    arena_free(&a);
    qsort(roster, (size_t)roster_n, sizeof *roster, by_hash);
    bool taken[PSEUDONYM_COUNT] = { false };
    /* a group has fewer members than there are pseudonyms (test_limits.c) */
    for (int i = 0; i < roster_n && i < PSEUDONYM_COUNT; i++) {
        if (!roster[i].read) continue;
        unsigned c = (unsigned)(roster[i].hash % PSEUDONYM_COUNT);
        while (taken[c]) c = (c + 1) % PSEUDONYM_COUNT;
        taken[c] = true;
        spell(c, roster[i].code);
    }
    qsort(roster, (size_t)roster_n, sizeof *roster, by_place);
}

const char *pseudonym_of_member(const Model *g, int k) {
    make_roster(g);
    return k >= 0 && k < roster_n ? roster[k].code : "";
}

MemberNames pseudonym_names_of_member(const Model *g, int k) {
    make_roster(g);
    return k >= 0 && k < roster_n ? roster[k].names : (MemberNames){ 0 };
}

void pseudonym_in_group(const Model *g, const Source *src, char out[8]) {
    if (g && g->g.nmembers > 0 && src) {
        make_roster(g);
        for (int k = 0; k < roster_n; k++)
            if (roster[k].read && roster[k].dev == src->dev && roster[k].ino == src->ino) {
                memcpy(out, roster[k].code, 8);
                return;
            }
    }
    spell((unsigned)(pseudonym_hash(src) % PSEUDONYM_COUNT), out);
}
