/* items.c — item-level scoring in the language: an instrument's items and
 * answers (items, responses), each scale's scoring key (key { items,
 * reverse, scored, prorate, source }), an assessment's answers to the items
 * (items ID ...), and the scale scores computed from them.
 *
 * A key is read once its whole instrument block is, so it may come before
 * or after the scale and the items it names. Answers are checked against
 * the instrument (how many, within the answers' range); after an
 * assessment's block, every keyed scale of an instrument answered there
 * gets a score (model_score_items), unless more of its items are
 * unanswered than its key allows (a warning); a score also typed in the
 * block must agree with the one its items give. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "front/checker.h"
#include "base/messages.h"
#include "base/suggest.h"

/* A key being read: the key, and the scale and instrument it is for. */
typedef struct KeyDraft {
    ScaleKey key;          /* first: the schema's offsets are ScaleKey's */
    const Instrument *in;
    const Scale *scale;
    bool has_items;
} KeyDraft;

static const char *when_words[WHEN_COUNT] = { "pre", "post", "followup" };

void ck_instrument_items(Checker *c, Instrument *in, const Value *v) {
    if (v->num < 1 || v->num > INSTRUMENT_MAX_ITEMS) {
        ck_error(c, v->loc, "an instrument has from 1 to %d items, not %s", INSTRUMENT_MAX_ITEMS, v->text);
        return;
    }
    in->items = (int)v->num;
}

void ck_responses(Checker *c, Instrument *in, const Value *lo, const Value *hi) {
    if (lo->num >= hi->num) {
        ck_error(c, lo->loc, "the lowest answer %s must be below the highest %s", lo->text, hi->text);
        return;
    }
    in->response_min = lo->num;
    in->response_max = hi->num;
    in->has_responses = true;
}

/* items or reverse in a key: item numbers of the instrument, each once. */
void ck_key_items(Checker *c, void *obj, const Value *first, bool reverse) {
    KeyDraft *d = obj;
    if (!reverse) {
        int n = 0;
        for (const Value *v = first; v; v = value_next(v)) n++;
        d->key.items = arena_alloc(c->a, sizeof *d->key.items * (size_t)n);
        d->key.reverse = arena_alloc(c->a, sizeof *d->key.reverse * (size_t)n);
        d->has_items = true;
    }
    for (const Value *v = first; v; v = value_next(v)) {
        int item = (int)v->num;
        if (v->num < 1 || v->num > d->in->items) {
            ck_error(c, v->loc, "%s has items 1 to %d; there is no item %s", d->in->id.s, d->in->items, v->text);
            continue;
        }
        int k = 0;
        const int *list = d->key.items;
        while (k < d->key.nitems && list[k] != item) k++;
        if (!reverse) {
            if (k < d->key.nitems) ck_error(c, v->loc, "item %d is listed twice", item);
            else d->key.items[d->key.nitems++] = item;
        } else if (k == d->key.nitems) {
            ck_error(c, v->loc, "item %d is reverse-keyed but not among the key's items", item);
        } else if (d->key.reverse[k]) {
            ck_error(c, v->loc, "item %d is listed twice", item);
        } else {
            d->key.reverse[k] = true;
        }
    }
}

void ck_key_prorate(Checker *c, void *obj, const Value *v) {
    KeyDraft *d = obj;
    if (v->num < 0) {
        ck_error(c, v->loc, "'prorate' counts unanswered items: 0 or more, not %s", v->text);
        return;
    }
    d->key.prorate = (int)v->num;
}

void ck_key_scored(void *obj, const Value *v) { ((KeyDraft *)obj)->key.mean = !strcmp(v->text, "mean"); }

/* The lowest and highest score a key can give. */
static void key_bounds(const ScaleKey *k, const Instrument *in, double *lo, double *hi) {
    double n = k->mean ? 1 : k->nitems;
    *lo = in->response_min * n;
    *hi = in->response_max * n;
}

/* Reads one key statement of instrument in, after the whole block. */
static void read_key(Checker *c, Instrument *in, const Node *n) {
    if (n->nargs != 1 || n->args->kind != VAL_NAME || strchr(n->args->text, '.'))
        return;                                  /* reported with the block */
    const char *id = n->args->text;
    Loc at = n->args->loc;
    if (!node_has_block(n)) {
        ck_error(c, node_name_loc(n), "'key' is a block: write key %s { items ... }", id);
        return;
    }
    Scale *sc = NULL;
    for (int j = 0; j < in->nscales && !sc; j++)
        if (!strcmp(in->scales[j].id.s, id)) sc = &in->scales[j];
    if (!sc) {
        Suggest sg;
        suggest_init(&sg, id);
        for (int j = 0; j < in->nscales; j++) suggest_offer(&sg, in->scales[j].id.s);
        const char *best = suggest_result(&sg);
        if (best) ck_error(c, at, "%s has no scale '%s' (did you mean '%s'?)", in->id.s, id, best);
        else ck_error(c, at, "%s has no scale '%s' to key", in->id.s, id);
        return;
    }
    if (!in->items || !in->has_responses) {
        ck_error(c, node_name_loc(n), "a key needs its instrument's 'items' (how many there are) and "
                 "'responses' (the lowest and highest answer)");
        return;
    }
    if (sc->key.loc.src == n->loc.src) {
        ck_error(c, at, "%s is keyed twice", sc->qualified);
        ck_note(sc->key.loc, "first keyed here");
        return;
    }
    KeyDraft d = { .in = in, .scale = sc };
    int before = c->errors;
    ck_check_block(c, n->body, CTX_KEY, &d);
    if (c->errors > before) return;
    if (!d.has_items) {
        ck_error(c, node_name_loc(n), "the key of %s lists no items: add 'items' and their numbers", sc->qualified);
        return;
    }
    if (d.key.prorate >= d.key.nitems) {
        ck_error(c, node_name_loc(n), "the key of %s lets %d of its %d items go unanswered; at least one "
                 "must be answered", sc->qualified, d.key.prorate, d.key.nitems);
        return;
    }
    if (sc->items && sc->items != d.key.nitems) {
        ck_error(c, node_name_loc(n), "the key lists %d item%s, but %s has %d", d.key.nitems,
                 d.key.nitems == 1 ? "" : "s", sc->qualified, sc->items);
        return;
    }
    double lo, hi;
    key_bounds(&d.key, in, &lo, &hi);
    if (sc->has_range && (lo < sc->min || hi > sc->max)) {
        ck_error(c, node_name_loc(n), "the key gives %s from %g to %g, outside its range (%g to %g)%s",
                 sc->qualified, lo, hi, sc->min, sc->max,
                 !d.key.mean && in->response_min >= sc->min && in->response_max <= sc->max ?
                 diag_tr("; is it 'scored mean'?") : "");
        return;
    }
    if (sc->key.loc.src) {
        ck_warning(c, at, "this replaces the key of %s declared in %s", sc->qualified, sc->key.loc.src->path);
        ck_note(sc->key.loc, "the replaced key");
    }
    d.key.loc = n->loc;
    sc->key = d.key;
}

void ck_read_keys(Checker *c, const Node *st, Instrument *in) {
    for (const Node *n = st->body; n; n = n->next)
        if (!strcmp(n->name, "key")) read_key(c, in, n);
}

const Instrument *ck_itemised_instrument(Checker *c, const Value *id) {
    const Instrument *in = ck_lookup_instrument(c, id->text, id->loc);
    if (in && (!in->items || !in->has_responses)) {
        ck_error(c, id->loc, "%s does not declare its items in the instrument library, so its answers "
                 "cannot be checked, scored or imported; docs/instruments.md says how a clinic adds the "
                 "key it is licensed to use (--instruments)", in->id.s);
        return NULL;
    }
    return in;
}

void ck_items(Checker *c, Assessment *as, const Node *n, const Value *id, const Value *first) {
    const Instrument *in = ck_itemised_instrument(c, id);
    if (!in) return;
    for (int i = 0; i < as->nanswers; i++)
        if (as->answers[i].instrument == in) {
            ck_error(c, id->loc, "the items of %s are given twice in this assessment", in->id.s);
            ck_note(as->answers[i].loc, "first given here");
            return;
        }
    int count = 0;
    for (const Value *v = first; v; v = value_next(v)) count++;
    if (count != in->items) {
        ck_error(c, id->loc, "%s has %d items; %d answer%s given (write _ for an item left unanswered)",
                 in->id.s, in->items, count, diag_tr(count == 1 ? " is" : "s are"));
        return;
    }
    ItemAnswers got = { in, arena_alloc(c->a, sizeof *got.value * (size_t)count),
                        arena_alloc(c->a, sizeof *got.answered * (size_t)count), count, n->loc };
    int i = 0, before = c->errors;
    for (const Value *v = first; v; v = value_next(v), i++) {
        if (v->kind != VAL_NUMBER) continue;             /* _ : unanswered */
        if (v->num < in->response_min || v->num > in->response_max) {
            ck_error(c, v->loc, "%s is outside the answers to %s's items (%g to %g)", v->text, in->id.s,
                     in->response_min, in->response_max);
            continue;
        }
        got.value[i] = v->num;
        got.answered[i] = true;
    }
    if (c->errors == before)             /* answers with an error are not scored */
        *(ItemAnswers *)arena_push(c->a, &as->answers, &as->nanswers, &as->cap_answers, sizeof got) = got;
}

/* v rounded to d decimals. */
static double round_to(double v, int d) {
    double f = pow(10, d);
    return round(v * f) / f;
}

void ck_score_items(Checker *c, Assessment *as) {
    for (int i = 0; i < as->nanswers; i++) {
        const ItemAnswers *a = &as->answers[i];
        const Instrument *in = a->instrument;
        for (int j = 0; j < in->nscales; j++) {
            const Scale *sc = &in->scales[j];
            double value;
            int answered;
            if (!sc->key.loc.src) continue;
            if (!model_score_items(sc, a, &value, &answered)) {
                int missing = sc->key.nitems - answered;
                if (sc->key.prorate)
                    ck_warning(c, a->loc, "%s is not scored at %s: %d of its %d items %s unanswered, "
                               "and its key allows at most %d", sc->qualified, when_words[as->when],
                               missing, sc->key.nitems, diag_tr(missing == 1 ? "is" : "are"), sc->key.prorate);
                else
                    ck_warning(c, a->loc, "%s is not scored at %s: %d of its %d items %s unanswered, "
                               "and its key allows none", sc->qualified, when_words[as->when],
                               missing, sc->key.nitems, diag_tr(missing == 1 ? "is" : "are"));
                continue;
            }
            Score *typed = NULL;
            for (int k = 0; k < as->nscores && !typed; k++)
                if (as->scores[k].scale == sc) typed = &as->scores[k];
            if (typed) {
                if (fabs(round_to(value, typed->decimals) - typed->value) > 1e-9) {
                    ck_error(c, typed->loc, "%s is given as %g, but its items give %g",
                             sc->qualified, typed->value, round_to(value, 2));
                    ck_note(a->loc, "the items");
                    continue;
                }
            } else {
                typed = arena_push(c->a, &as->scores, &as->nscores, &as->cap_scores, sizeof *typed);
                typed->scale = sc;
                typed->value = round_to(value, 2);
                typed->decimals = 2;
                typed->loc = a->loc;
            }
            typed->items_answered = answered;
            typed->items_of = sc->key.nitems;
        }
    }
}
