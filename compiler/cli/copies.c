/* copies.c — a member's file copied from another's; see copies.h. */
#include "cli/copies.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "base/checksum.h"
#include "base/diag.h"
#include "base/source.h"

enum { COPIED_TEXT_LEAST = 80 };

static bool written(const Text *t) { return t->s && *t->s && !t->placeholder; }

/* s as names are compared: in ASCII lower case, accents left out. */
static char *folded(const char *s) {
    char *ascii = g_str_to_ascii(s, "C");
    char *low = g_ascii_strdown(ascii, -1);
    g_free(ascii);
    return low;
}

/* Whether name holds called at the start of one of its words ("Ada" in
 * "Adaeze Nwosu", "Kai" in "Kai Tanaka-Brooks"). */
static bool part_of(const char *called, const char *name) {
    char *c = folded(called), *n = folded(name);
    size_t len = strlen(c);
    bool found = false;
    for (const char *p = n; *p && !found; p++)
        found = (p == n || p[-1] == ' ' || p[-1] == '-') && !strncmp(p, c, len);
    g_free(c);
    g_free(n);
    return found;
}

static bool same_called(const char *x, const char *y) {
    char *a = folded(x), *b = folded(y);
    bool same = !strcmp(a, b);
    g_free(a);
    g_free(b);
    return same;
}

/* Whether now's preferred name is e's, part of e's name and no part of
 * now's own. */
static bool name_copied(const Copied *now, const Copied *e) {
    return now->preferred && now->name && e->preferred && e->name && same_called(now->preferred, e->preferred) &&
           part_of(e->preferred, e->name) && !part_of(now->preferred, now->name);
}

/* Whether now's letter text t (80 characters or more) is one of e's. */
static bool text_copied(const Copied *now, int t, const Copied *e) {
    for (int u = 0; u < LETTER_TEXTS && now->texts[t]; u++)
        if (now->texts[t] == e->texts[u]) return true;
    return false;
}

/* t's text, copied into a, or NULL when it is not written. */
static const char *kept(Arena *a, const Text *t) { return written(t) ? arena_strdup(a, t->s) : NULL; }

Copied copies_of(Arena *a, const Model *m, const char *path) {
    Copied c = { .path = arena_strdup(a, path) };
    if (!m || !model_is_formulation(m)) return c;
    const Formulation *f = &m->f;
    c.name = kept(a, &f->patient.name);
    c.preferred = kept(a, &f->patient.preferred);
    const Text *texts[LETTER_TEXTS];
    letter_texts(f, texts);
    for (int t = 0; t < LETTER_TEXTS; t++)
        if (written(texts[t]) && strlen(texts[t]->s) >= COPIED_TEXT_LEAST)
            c.texts[t] = checksum_of(texts[t]->s, strlen(texts[t]->s)) | 1;   /* never 0: none */
    c.letter = letter_names_of(a, m);
    c.scores = samescores_of(a, f);
    return c;
}

void copies_names_say(const Model *g, const Copied *all, int n, const bool *said) {
    MemberNames *others = xcalloc((size_t)n + 1, sizeof *others);
    for (int i = 0; i < n; i++) others[i] = (MemberNames){ all[i].name, all[i].preferred, NULL };
    NameSet *members = letter_names_members(others, n);
    for (int k = 0; k < n; k++)
        if (!said || said[k]) letter_names_say(&all[k].letter, g, members);
    nameset_free(members);
    free(others);
}

void copies_say(const Model *m, const Copied *now, const Copied *earlier, int n) {
    if (!m || !model_is_formulation(m)) return;
    const Formulation *f = &m->f;
    const Text *texts[LETTER_TEXTS];
    letter_texts(f, texts);
    const Text *preferred = &f->patient.preferred;
    bool said_name = false, said_text[LETTER_TEXTS] = { false };   /* each once, at the first earlier member */
    bool *said_block = xcalloc((size_t)now->scores.nblocks + 1, sizeof *said_block);
    for (int i = 0; i < n; i++) {
        const Copied *e = &earlier[i];
        if (!said_name && name_copied(now, e)) {
            diag_at(DIAG_WARNING, preferred->loc, "the preferred name \"%s\" is also that of %s, %s, and no "
                    "part of this patient's name, %s: if this file was copied from that one, the letter "
                    "would greet this patient as %s (write the name this patient goes by)",
                    preferred->s, e->path, e->name, f->patient.name.s, preferred->s);
            said_name = true;
        }
        for (int t = 0; t < LETTER_TEXTS; t++) {
            if (said_text[t] || !text_copied(now, t, e)) continue;
            diag_at(DIAG_WARNING, texts[t]->loc, "this text of the letter is word for word one of %s's "
                    "letter: if this file was copied from that one, this patient would read the other's "
                    "words (write this patient's own)", e->path);
            said_text[t] = true;
        }
        bool shared = samescores_share(&now->scores, &e->scores);
        for (int b = 0; b < now->scores.nblocks && shared; b++) {
            Pasted p;
            if (said_block[b] || !samescores_pasted(&now->scores, b, &e->scores, &p)) continue;
            samescores_say(f, &now->scores, b, &e->scores, &p);
            said_block[b] = true;
        }
    }
    free(said_block);
}

int copies_named(const Copied *seen, int n, const Copied *now, int *which) {
    bool found_name = false, found_text[LETTER_TEXTS] = { false };
    bool *found_block = xcalloc((size_t)now->scores.nblocks + 1, sizeof *found_block);
    int count = 0;
    for (int i = 0; i < n; i++) {
        bool named = false;
        if (!found_name && name_copied(now, &seen[i])) found_name = named = true;
        for (int t = 0; t < LETTER_TEXTS; t++)
            if (!found_text[t] && text_copied(now, t, &seen[i])) found_text[t] = named = true;
        bool shared = samescores_share(&now->scores, &seen[i].scores);
        for (int b = 0; b < now->scores.nblocks && shared; b++) {
            Pasted p;
            if (!found_block[b] && samescores_pasted(&now->scores, b, &seen[i].scores, &p))
                found_block[b] = named = true;
        }
        if (named) which[count++] = i;
    }
    free(found_block);
    return count;
}

void copies_check(Arena *a, Copies *cp, const Model *m, const char *path) {
    Copied now = copies_of(a, m, path);
    copies_say(m, &now, cp->seen, cp->n);
    *(Copied *)arena_push(a, &cp->seen, &cp->n, &cp->cap, sizeof now) = now;
}

/* A string as its length (UINT32_MAX: NULL) and its bytes. */
static void write_string(FILE *f, const char *s) {
    uint32_t len = s ? (uint32_t)strlen(s) : UINT32_MAX;
    fwrite(&len, sizeof len, 1, f);
    if (s) fwrite(s, 1, len, f);
}

/* Reads n bytes from *p into out, if the bytes up to end hold them. */
static bool read_bytes(const char **p, const char *end, void *out, size_t n) {
    if ((size_t)(end - *p) < n) return false;
    memcpy(out, *p, n);
    *p += n;
    return true;
}

static bool read_string(Arena *a, const char **p, const char *end, const char **s) {
    uint32_t len;
    if (!read_bytes(p, end, &len, sizeof len)) return false;
    if (len == UINT32_MAX) {
        *s = NULL;
        return true;
    }
    if (len > (size_t)(end - *p)) return false;
    *s = arena_strndup(a, *p, len);
    *p += len;
    return true;
}

/* The letter's texts' places: the file they are in (its path, and its
 * lines kept, as a string; NULL: no text), then each text's offset and
 * length. */
static void write_letter(FILE *f, const LetterNames *ln) {
    const Source *src = NULL;
    for (int i = 0; i < LETTER_TEXTS && !src; i++) src = ln->texts[i].src;
    write_string(f, ln->clinician);
    write_string(f, src ? src->path : NULL);
    write_string(f, src ? src->text : NULL);
    for (int i = 0; i < LETTER_TEXTS; i++) {
        uint32_t at[2] = { ln->texts[i].src ? ln->texts[i].off : UINT32_MAX, ln->texts[i].len };
        fwrite(at, sizeof at, 1, f);
    }
}

static bool read_letter(Arena *a, const char **p, const char *end, const Copied *c, LetterNames *ln) {
    const char *path, *text;
    if (!read_string(a, p, end, &ln->clinician) || !read_string(a, p, end, &path) ||
        !read_string(a, p, end, &text))
        return false;
    ln->name = c->name;
    ln->preferred = c->preferred;
    const Source *src = text && path ? source_from_bytes(a, path, text, strlen(text)) : NULL;
    for (int i = 0; i < LETTER_TEXTS; i++) {
        uint32_t at[2];
        if (!read_bytes(p, end, at, sizeof at)) return false;
        bool inside = src && at[0] <= src->len && at[1] <= src->len - at[0];
        ln->texts[i] = at[0] != UINT32_MAX && inside ? (Loc){ src, at[0], at[1] } : LOC_NONE;
    }
    return true;
}

/* The assessments' places, then each set: its key, block, counts and
 * instrument. */
static void write_scores(FILE *f, const SameScores *s) {
    int32_t n[2] = { s->nblocks, s->nsets };
    fwrite(n, sizeof n, 1, f);
    for (int b = 0; b < s->nblocks; b++) write_string(f, s->places[b]);
    for (int i = 0; i < s->nsets; i++) {
        const ScoreSet *set = &s->sets[i];
        int32_t at[4] = { set->block, set->scores, set->answers, set->weight };
        fwrite(&set->key, sizeof set->key, 1, f);
        fwrite(at, sizeof at, 1, f);
        write_string(f, set->instrument);
    }
}

static bool read_scores(Arena *a, const char **p, const char *end, SameScores *s) {
    int32_t n[2];
    *s = (SameScores){ 0 };
    /* each place and set takes 4 bytes or more: more than the bytes left is none */
    if (!read_bytes(p, end, n, sizeof n) || n[0] < 0 || n[1] < 0 || n[0] > end - *p || n[1] > end - *p)
        return false;
    s->places = arena_alloc(a, sizeof *s->places * ((size_t)n[0] + 1));
    s->sets = arena_alloc(a, sizeof *s->sets * ((size_t)n[1] + 1));
    for (int b = 0; b < n[0]; b++)
        if (!read_string(a, p, end, &s->places[b]) || !s->places[b]) return false;
    s->nblocks = n[0];
    for (int i = 0; i < n[1]; i++) {
        ScoreSet *set = &s->sets[i];
        int32_t at[4];
        if (!read_bytes(p, end, &set->key, sizeof set->key) || !read_bytes(p, end, at, sizeof at) ||
            !read_string(a, p, end, &set->instrument) || at[0] < 0 || at[0] >= n[0])
            return false;
        set->block = at[0], set->scores = at[1], set->answers = at[2], set->weight = at[3];
    }
    s->nsets = n[1];
    samescores_sort(a, s);
    return true;
}

void copies_write(FILE *f, const Copied *c) {
    write_string(f, c->path);
    write_string(f, c->name);
    write_string(f, c->preferred);
    fwrite(c->texts, sizeof c->texts, 1, f);
    write_letter(f, &c->letter);
    write_scores(f, &c->scores);
}

bool copies_read(Arena *a, const char **p, const char *end, Copied *c) {
    if (!read_string(a, p, end, &c->path) || !read_string(a, p, end, &c->name) ||
        !read_string(a, p, end, &c->preferred) || !read_bytes(p, end, c->texts, sizeof c->texts))
        return false;
    return read_letter(a, p, end, c, &c->letter) && read_scores(a, p, end, &c->scores);
}
