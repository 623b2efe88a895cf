/* samescores.c — another member's scores pasted into a member's file; see
 * samescores.h. */
#include "cli/samescores.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "base/checksum.h"
#include "base/diag.h"

static const char *const when_names[WHEN_COUNT] = { "pre", "post", "followup" };

static void add(GByteArray *b, const void *p, size_t n) { g_byte_array_append(b, p, (guint)n); }

static void add_double(GByteArray *b, double v) {
    if (v == 0) v = 0;   /* -0 and 0 are one score */
    add(b, &v, sizeof v);
}

static void add_string(GByteArray *b, const char *s) { add(b, s ? s : "", strlen(s ? s : "") + 1); }

/* The answers to in's items in a, or NULL. */
static const ItemAnswers *answers_of(const Assessment *a, const Instrument *in) {
    for (int i = 0; i < a->nanswers; i++)
        if (a->answers[i].instrument == in) return &a->answers[i];
    return NULL;
}

/* in's set at assessment a (its block b): the occasion, then each of its
 * scales as the library orders them, scored or not, then its items. */
static ScoreSet set_of(const Assessment *a, int b, const Instrument *in) {
    ScoreSet s = { .instrument = in->id.s, .block = b };
    GByteArray *bytes = g_byte_array_new();
    uint8_t when = (uint8_t)a->when;
    add(bytes, &when, 1);
    add_string(bytes, a->rater.s);
    add_string(bytes, in->id.s);
    for (int k = 0; k < in->nscales; k++) {
        const Score *sc = NULL;
        for (int i = 0; i < a->nscores && !sc; i++)
            if (a->scores[i].scale == &in->scales[k]) sc = &a->scores[i];
        uint8_t scored = sc != NULL;
        add(bytes, &scored, 1);
        if (!sc) continue;
        add_double(bytes, sc->value);
        s.scores++;
        const Scale *scale = &in->scales[k];
        bool at_end = scale->has_range && (sc->value <= scale->min || sc->value >= scale->max);
        s.weight += at_end ? 1 : SAME_SCORE_WEIGHT;
    }
    const ItemAnswers *ans = answers_of(a, in);
    int32_t n = ans ? ans->n : -1;
    add(bytes, &n, sizeof n);
    bool one_answer = true;   /* every answer the same: straight down the column */
    double first = 0;
    for (int i = 0; ans && i < ans->n; i++) {
        uint8_t answered = ans->answered[i];
        add(bytes, &answered, 1);
        if (!answered) continue;
        add_double(bytes, ans->value[i]);
        if (!s.answers) first = ans->value[i];
        one_answer &= ans->value[i] == first;
        s.answers++;
    }
    if (!one_answer) s.weight += s.answers;
    s.key = checksum_of(bytes->data, bytes->len);
    g_byte_array_free(bytes, TRUE);
    return s;
}

static int key_order(const void *x, const void *y) {
    uint64_t a = ((const SetKey *)x)->key, b = ((const SetKey *)y)->key;
    return (a > b) - (a < b);
}

void samescores_sort(Arena *a, SameScores *s) {
    s->keys = arena_alloc(a, sizeof *s->keys * (size_t)(s->nsets + 1));
    for (int i = 0; i < s->nsets; i++) s->keys[i] = (SetKey){ s->sets[i].key, s->sets[i].weight };
    qsort(s->keys, (size_t)s->nsets, sizeof *s->keys, key_order);
}

SameScores samescores_of(Arena *a, const Formulation *f) {
    SameScores s = { 0 };
    int cap = 0;
    s.places = arena_alloc(a, sizeof *s.places * (size_t)(f->nassessments + 1));
    for (int b = 0; b < f->nassessments; b++) {
        const Assessment *as = &f->assessments[b];
        int line = 0, col = 0;
        if (as->loc.src) source_linecol((Source *)as->loc.src, as->loc.off, &line, &col);
        s.places[b] = arena_printf(a, "%s:%d:%d", as->loc.src ? as->loc.src->path : "", line, col);
        /* each instrument once, in the order its scores or items are written */
        const Instrument **seen = xcalloc((size_t)(as->nscores + as->nanswers + 1), sizeof *seen);
        int nseen = 0;
        for (int i = 0; i < as->nscores + as->nanswers; i++) {
            const Instrument *in = i < as->nscores ? (as->scores[i].scale ? as->scores[i].scale->instrument : NULL)
                                                   : as->answers[i - as->nscores].instrument;
            bool known = !in;
            for (int j = 0; j < nseen && !known; j++) known = seen[j] == in;
            if (known) continue;
            seen[nseen++] = in;
            *(ScoreSet *)arena_push(a, &s.sets, &s.nsets, &cap, sizeof(ScoreSet)) = set_of(as, b, in);
        }
        free(seen);
    }
    s.nblocks = f->nassessments;
    samescores_sort(a, &s);
    return s;
}

static bool has_key(const SameScores *e, uint64_t key) {
    SetKey k = { key, 0 };
    return e->nsets && bsearch(&k, e->keys, (size_t)e->nsets, sizeof k, key_order);
}

bool samescores_share(const SameScores *now, const SameScores *e) {
    int weight = 0;
    for (int i = 0, j = 0; i < now->nsets && j < e->nsets;) {
        uint64_t x = now->keys[i].key, y = e->keys[j].key;
        if (x < y) i++;
        else if (x > y) j++;
        else weight += now->keys[i++].weight, j++;
    }
    return weight >= SAME_SCORES_LEAST;
}

bool samescores_pasted(const SameScores *now, int b, const SameScores *e, Pasted *p) {
    *p = (Pasted){ .block = -1 };
    uint64_t first = 0;
    int weight = 0;
    for (int i = 0; i < now->nsets; i++) {
        const ScoreSet *s = &now->sets[i];
        if (s->block != b || !has_key(e, s->key)) continue;
        if (p->block < 0) first = s->key, p->block = 0;
        p->scores += s->scores;
        p->answers += s->answers;
        weight += s->weight;
    }
    if (weight < SAME_SCORES_LEAST) return false;
    for (int i = 0; i < e->nsets; i++)
        if (e->sets[i].key == first) {
            p->block = e->sets[i].block;
            break;
        }
    return p->block >= 0 && p->block < e->nblocks;
}

/* The instruments of now's assessment b that are e's, as "hfmps, psps"
 * (g_free it). */
static char *instruments(const SameScores *now, int b, const SameScores *e) {
    GString *list = g_string_new(NULL);
    for (int i = 0; i < now->nsets; i++) {
        const ScoreSet *s = &now->sets[i];
        if (s->block != b || !has_key(e, s->key)) continue;
        g_string_append_printf(list, "%s%s", list->len ? ", " : "", s->instrument ? s->instrument : "?");
    }
    return g_string_free(list, FALSE);
}

void samescores_say(const Formulation *f, const SameScores *now, int b, const SameScores *e, const Pasted *p) {
    const Assessment *as = &f->assessments[b];
    const char *when = when_names[as->when];
    char *list = instruments(now, b, e);
    if (p->answers)
        diag_at(DIAG_WARNING, as->loc, "the %d scores and %d item answers (%s) of this %s assessment are, "
                "figure for figure, those of the %s assessment at %s, too many to be the same by chance: "
                "if this file was copied from that one, this member's report and letter and the group's "
                "summary would give the other member's scores as this member's (type this member's own "
                "over them)", p->scores, p->answers, list, when, when, e->places[p->block]);
    else
        diag_at(DIAG_WARNING, as->loc, "the %d scores (%s) of this %s assessment are, figure for figure, "
                "those of the %s assessment at %s, too many to be the same by chance: if this file was "
                "copied from that one, this member's report and letter and the group's summary would give "
                "the other member's scores as this member's (type this member's own over them)",
                p->scores, list, when, when, e->places[p->block]);
    g_free(list);
}
