/* check.c — what each statement means: the checker's act, which the
 * schema walker (walk.c) hands every statement that matched its field. The
 * VALUE_* actions store a value at the field's offset; the structured
 * statements have a case each (instruments and scales, assessments and
 * scores, goals, the group's weeks, leaders, members and phases); item
 * statements go to items.c. Also the two walks the driver starts: the
 * instrument declarations, then every other top-level statement. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "front/checker.h"
#include "front/dates.h"
#include "base/diag.h"
#include "base/suggest.h"

/* ---- actions ---------------------------------------------------------- */

/* A value as a text or a date; a placeholder (<words>) is a text not
 * written yet, and a date not set. */
static Text text_of(const Value *v) {
    bool placeholder = v->kind == VAL_PLACEHOLDER;
    return (Text){ placeholder ? NULL : v->text, v->loc, placeholder, 0 };
}
static Date date_of(const Value *v) {
    return (Date){ v->y, v->m, v->d, v->kind != VAL_PLACEHOLDER, v->loc };
}

/* Adds an instrument, or returns the one of the same id declared before.
 * Without a title the statement adds to an instrument declared earlier
 * (a clinic's figures for a library instrument): NULL when there is none. */
static Instrument *declare_instrument(Checker *c, const Node *n, const Slots *s) {
    for (int i = 0; i < c->m->ninstruments; i++) {
        Instrument *in = c->m->instruments[i];
        if (strcmp(in->id.s, s->v[0]->text)) continue;
        if (!s->v[1]) return in;
        if (in->loc.src == n->loc.src) {
            ck_error(c, s->v[0]->loc, "instrument '%s' is declared twice", in->id.s);
            ck_note(in->id.loc, "first declared here");
        }
        in->title = text_of(s->v[1]);
        return in;
    }
    if (!s->v[1]) {
        Suggest sg;
        suggest_init(&sg, s->v[0]->text);
        for (int i = 0; i < c->m->ninstruments; i++) suggest_offer(&sg, c->m->instruments[i]->id.s);
        const char *best = suggest_result(&sg);
        if (best)
            ck_error(c, s->v[0]->loc, "no instrument '%s' is declared before to add to (did you mean '%s'?)",
                     s->v[0]->text, best);
        else
            ck_error(c, s->v[0]->loc, "no instrument '%s' is declared before to add to; declare it with its "
                     "title: instrument %s \"TITLE\" { ... }", s->v[0]->text, s->v[0]->text);
        return NULL;
    }
    Instrument *in = arena_alloc(c->a, sizeof *in);
    *(Instrument **)arena_push(c->a, &c->m->instruments, &c->m->ninstruments, &c->m->cap_instruments,
                               sizeof in) = in;
    in->id = text_of(s->v[0]);
    in->title = text_of(s->v[1]);
    in->loc = n->loc;
    return in;
}

/* Makes sc the scale of instrument in that statement n declares (id and
 * title in s), with nothing else known of it yet. */
static Scale *new_scale(Checker *c, Scale *sc, const Instrument *in, const Node *n, const Slots *s) {
    *sc = (Scale){ .id = text_of(s->v[0]), .title = text_of(s->v[1]), .instrument = in, .loc = n->loc };
    sc->qualified = arena_printf(c->a, "%s.%s", in->id.s, s->v[0]->text);
    return sc;
}

/* Adds a scale to an instrument; a scale redeclared from another file
 * replaces the earlier one, with a warning naming what it overrides.
 * Without a title the statement adds figures to the scale declared before
 * (NULL, after an error, when there is none). */
static Scale *declare_scale(Checker *c, Instrument *in, const Node *n, const Slots *s) {
    const char *id = s->v[0]->text;
    for (int j = 0; j < in->nscales; j++) {
        Scale *old = &in->scales[j];
        if (strcmp(old->id.s, id)) continue;
        if (!s->v[1]) return old;
        if (old->loc.src == n->loc.src) {
            ck_error(c, s->v[0]->loc, "scale '%s' is declared twice in %s", id, in->id.s);
            ck_note(old->id.loc, "first declared here");
        } else {
            ck_warning(c, s->v[0]->loc, "this replaces %s (%s) declared in %s", old->qualified,
                       old->title.s, old->loc.src->path);
            ck_note(old->id.loc, "the replaced declaration");
        }
        return new_scale(c, old, in, n, s);
    }
    if (!s->v[1]) {
        Suggest sg;
        suggest_init(&sg, id);
        for (int j = 0; j < in->nscales; j++) suggest_offer(&sg, in->scales[j].id.s);
        const char *best = suggest_result(&sg);
        if (best)
            ck_error(c, s->v[0]->loc, "%s has no scale '%s' to add to (did you mean '%s'?)", in->id.s, id, best);
        else
            ck_error(c, s->v[0]->loc, "%s has no scale '%s' declared before to add to; declare it with its "
                     "title: scale %s \"TITLE\" { ... }", in->id.s, id, id);
        return NULL;
    }
    return new_scale(c, arena_push(c->a, &in->scales, &in->nscales, &in->cap_scales, sizeof(Scale)), in, n, s);
}

/* The last statement of this name (valid or not) in a block, or NULL. */
static const Node *block_find(const Node *body, const char *name) {
    const Node *found = NULL;
    for (const Node *n = body; n; n = n->next)
        if (!strcmp(n->name, name)) found = n;
    return found;
}

static bool block_has(const Node *body, const char *name) { return block_find(body, name) != NULL; }

static When when_of_word(const char *w) {
    return !strcmp(w, "pre") ? WHEN_PRE : !strcmp(w, "post") ? WHEN_POST : WHEN_FOLLOWUP;
}

/* A week number lies between 1 and the longest a group runs. */
static bool week_ok(Checker *c, const Value *v, double week) {
    if (week < 1) {
        ck_error(c, v->loc, "weeks are counted from 1");
        return false;
    }
    if (week > GROUP_MAX_WEEKS) {
        ck_error(c, v->loc, "week %.0f is past the %d weeks a group runs at most", week, GROUP_MAX_WEEKS);
        return false;
    }
    return true;
}

/* Adds a week or a span of weeks to the sessions attended; a span that
 * runs backwards or overlaps one listed before is an error. */
static void add_attended(Checker *c, const Value *v) {
    double first = v->num, last = v->kind == VAL_RANGE ? value_range_last(v) : v->num;
    if (!week_ok(c, v, first) || !week_ok(c, v, last)) return;
    if (last < first) {
        ck_error(c, v->loc, "a span of weeks runs from an earlier week to a later one: write %.0f-%.0f",
                 last, first);
        return;
    }
    Formulation *f = &c->m->f;
    for (int i = 0; i < f->attended.nspans; i++) {
        const WeekSpan *o = &f->attended.spans[i];
        if (first > o->last || last < o->first) continue;
        int w = (int)(first > o->first ? first : o->first);
        ck_error(c, v->loc, "week %d is listed twice as attended", w);
        ck_note(o->loc, "first listed here");
        return;
    }
    WeekSpan *sp = arena_push(c->a, &f->attended.spans, &f->attended.nspans, &f->attended.cap_spans,
                              sizeof *sp);
    *sp = (WeekSpan){ (int)first, (int)last, v->loc };
}

/* How a norm's SD fits its scale's range: -1 below model_norm_sd_least,
 * 1 above model_norm_sd_most, 0 between. A figure typed at a bound is
 * within it, where the bound worked out from a range with decimals (0.3
 * to 0.9) is a binary digit off. */
static int norm_sd_fit(const Scale *sc, const Norm *no) {
    const double slack = 1e-9;
    return no->sd < model_norm_sd_least(sc) * (1 - slack) ? -1
         : no->sd > model_norm_sd_most(sc) * (1 + slack) ? 1 : 0;
}

/* How many times one sample's SD of a scale may be another's: samples of
 * students, of the community and of patients spread their scores on a
 * scale within twice or three times each other's SD; a figure five times
 * another's is most likely mistyped (1.24 for 12.4, the point moved). */
enum { NORM_SD_RATIO_MOST = 5 };

/* Warns at norm i of sc when its SD is more than NORM_SD_RATIO_MOST times
 * that of the scale's first norm with a plausible SD, or less than its
 * share: the later figure, a clinic's own, is the one to look at (and
 * one mistyped figure is told once, not again by each norm after it). */
static void check_sd_against_earlier(Checker *c, const Scale *sc, int i) {
    const Norm *no = &sc->norms[i], *e = NULL;
    for (int j = 0; j < i && !e; j++)
        if (sc->norms[j].sd > 0 && !norm_sd_fit(sc, &sc->norms[j])) e = &sc->norms[j];
    if (!e || no->sd <= 0) return;
    bool small = no->sd * NORM_SD_RATIO_MOST < e->sd, large = no->sd > e->sd * NORM_SD_RATIO_MOST;
    if (small || large)
        ck_warning(c, no->sd_loc, "a standard deviation of %g is %s the %s norm's of %s, %g: samples do not "
                   "differ that much in how widely their scores spread on one scale; is it mistyped?",
                   no->sd, diag_tr(small ? "less than a fifth of" : "more than five times"), e->name.s, sc->qualified, e->sd);
}

/* Each norm has figures scores in sc's range can have: a mean within the
 * range, an SD between model_norm_sd_least and model_norm_sd_most. A norm
 * given in the block of n (a scale's declaration or an addition to it)
 * that does not is an error at its figure; when the block gives the range
 * (a clinic's file redefining a library scale's), one the scale had from
 * before is an error at the range, the cause, with a note at each such
 * norm. */
static void check_norms_plausible(Checker *c, const Scale *sc, const Node *n) {
    if (!sc->has_range || sc->max <= sc->min) return;
    const Node *range = node_has_block(n) ? block_find(n->body, "range") : NULL;
    double width = sc->max - sc->min;
    bool told = false;
    for (int i = 0; i < sc->nnorms; i++) {
        const Norm *no = &sc->norms[i];
        bool mean_in = no->mean >= sc->min && no->mean <= sc->max;
        int sd_fit = norm_sd_fit(sc, no);
        if (no->loc.src != n->loc.src || no->loc.off < n->loc.off || no->loc.off >= n->loc.off + n->loc.len) {
            if (!range || (mean_in && !sd_fit)) continue;
            if (!told)
                ck_error(c, range->loc, "%s's norms do not fit the range from %g to %g: a norm's mean lies "
                         "within the range and its SD between %g and %g (1/%d and half of the range); give "
                         "the norms for the new range, or keep the range", sc->qualified, sc->min, sc->max,
                         model_norm_sd_least(sc), model_norm_sd_most(sc), NORM_SD_MIN_SHARE);
            told = true;
            ck_note(no->loc, "norm '%s' (mean %g, SD %g) is given here: %s%s%s", no->name.s, no->mean, no->sd,
                    mean_in ? "" : diag_tr("its mean lies outside the range"), !mean_in && sd_fit ? diag_tr(", and ") : "",
                    diag_tr(sd_fit < 0 ? "its SD is too small" : sd_fit > 0 ? "its SD is too large" : ""));
            continue;
        }
        if (!mean_in)
            ck_error(c, no->mean_loc, "a mean of %g lies outside the range of %s, from %g to %g: a norm's "
                     "mean is a score the scale can have", no->mean, sc->qualified, sc->min, sc->max);
        if (sd_fit < 0)
            ck_error(c, no->sd_loc, "a standard deviation of %g is implausibly small for %s, whose scores "
                     "range over %g points (%g to %g): it must be at least %g, 1/%d of the range",
                     no->sd, sc->qualified, width, sc->min, sc->max, model_norm_sd_least(sc), NORM_SD_MIN_SHARE);
        else if (sd_fit > 0)
            ck_error(c, no->sd_loc, "a standard deviation of %g is more than scores from %g to %g can have: "
                     "it is at most %g, half the range (are the mean and the SD the other way round?)",
                     no->sd, sc->min, sc->max, model_norm_sd_most(sc));
        else
            check_sd_against_earlier(c, sc, i);
    }
}

/* Copies the translations given with a text, the en and fr keys that
 * take slots first, first + 1, into in[] (leaving the others as they were:
 * a clinic's file may add one language to a library's name). */
static void set_translations(Text in[LANG_COUNT], const Slots *s, int first) {
    for (int l = 0; l < LANG_COUNT; l++)
        if (s->v[first + l]) {
            in[l] = text_of(s->v[first + l]);
            in[l].lang = (unsigned char)(1 + l);
        }
}

/* Carries out a statement that matched its field. */
void ck_act(Checker *c, const Field *f, const Node *n, const Slots *s, void *obj) {
    char *base = obj;
    Model *m = c->m;
    switch (f->action) {
    case VALUE_TEXT:
        *(Text *)(base + f->offset) = text_of(s->v[0]);
        if (schema_translations(f)) set_translations((Text *)(base + schema_translations(f)), s, 1);
        break;
    case VALUE_DATE: *(Date *)(base + f->offset) = date_of(s->v[0]); break;
    case VALUE_INT:
        if (s->v[0]->kind != VAL_PLACEHOLDER) *(int *)(base + f->offset) = (int)s->v[0]->num;
        break;
    case BLOCK_ONLY: break;
    case H_INCLUDE: break;                 /* expanded by ck_collect */
    case H_INSTRUMENT: break;              /* read by ck_walk_instruments */
    case H_STATUS:
        m->f.status = text_of(s->v[0]);
        m->f.draft = !strcmp(s->v[0]->text, "draft");
        break;
    case H_ASSESSMENT: {
        Assessment *as = arena_push(c->a, &m->f.assessments, &m->f.nassessments,
                                    &m->f.cap_assessments, sizeof *as);
        as->when = when_of_word(s->v[0]->text);
        as->date = date_of(s->v[1]);
        if (s->v[2]) as->rater = text_of(s->v[2]);
        as->loc = n->loc;
        if (!node_has_block(n)) ck_warning(c, n->loc, "assessment without scores: add a block { scale value ... }");
        else ck_check_block(c, n->body, CTX_ASSESSMENT, as);
        ck_score_items(c, as);
        return;
    }
    case H_SCORE: {
        Assessment *as = obj;
        const Scale *sc = ck_lookup_scale(c, n->name, node_name_loc(n));
        if (!sc) return;
        for (int i = 0; i < as->nscores; i++)
            if (as->scores[i].scale == sc) {
                ck_error(c, node_name_loc(n), "%s is scored twice in this assessment", sc->qualified);
                ck_note(as->scores[i].loc, "first scored here");
                return;
            }
        double v = s->v[0]->num;
        char why[400];
        if (model_total_fault(sc, v, why, sizeof why)) {
            ck_error(c, s->v[0]->loc, "%s %s", s->v[0]->text, why);
            return;
        }
        Score *score = arena_push(c->a, &as->scores, &as->nscores, &as->cap_scores, sizeof *score);
        score->scale = sc;
        score->value = v;
        const char *point = strchr(s->v[0]->text, '.');
        score->decimals = point ? (int)strlen(point + 1) : 0;
        score->loc = n->loc;
        return;
    }
    case H_ITEMS: ck_items(c, obj, n, s->v[0], s->v[1]); return;
    case H_INSTRUMENT_ITEMS: ck_instrument_items(c, obj, s->v[0]); break;
    case H_RESPONSES: ck_responses(c, obj, s->v[0], s->v[1]); break;
    case H_KEY: return;                    /* read by ck_read_keys after its instrument */
    case H_KEY_ITEMS: ck_key_items(c, obj, s->v[0], false); break;
    case H_KEY_REVERSE: ck_key_items(c, obj, s->v[0], true); break;
    case H_KEY_SCORED: ck_key_scored(obj, s->v[0]); break;
    case H_KEY_PRORATE: ck_key_prorate(c, obj, s->v[0]); break;
    case H_MAP_WHEN: ck_map_when(c, &m->map, n, s->v[0]); break;
    case H_MAP_DATE_FORMAT: ck_map_date_format(c, &m->map, s->v[0]); break;
    case H_MAP_MISSING: ck_map_texts(c, &m->map.missing, &m->map.nmissing, &m->map.cap_missing, s->v[0]); break;
    case H_MAP_IGNORE: ck_map_texts(c, &m->map.ignore, &m->map.nignore, &m->map.cap_ignore, s->v[0]); break;
    case H_MAP_COLUMN: ck_map_column(c, &m->map, n, s->v[0], s->scale[1], s->v[1], s->v[2]); break;
    case H_GOAL: {
        Goal *g = arena_push(c->a, &m->f.goals, &m->f.ngoals, &m->f.cap_goals, sizeof *g);
        g->text = text_of(s->v[0]);
        g->loc = n->loc;
        if (node_has_block(n)) ck_check_block(c, n->body, CTX_GOAL, g);
        return;
    }
    case H_TARGET: {
        Goal *g = obj;
        const Scale *sc = s->scale[0];
        double v = s->v[1]->num;
        if (sc->has_range && (v < sc->min || v > sc->max)) {
            ck_error(c, s->v[1]->loc, "target %s is outside the range of %s (%g to %g)",
                     s->v[1]->text, sc->qualified, sc->min, sc->max);
            return;
        }
        if (model_totals_whole(sc) && v != floor(v)) {
            /* a decimal point out of place (1.5 for 15), or a target
             * between two scores: the report would print it as written */
            bool lower = sc->direction == DIR_HIGHER_WORSE;
            ck_warning(c, s->v[1]->loc, "target %s is not a score %s can have: its total is the sum of %d whole "
                       "answers, a whole number, so a score of %g or %s meets it (write the score meant)",
                       s->v[1]->text, sc->qualified, sc->key.nitems, lower ? floor(v) : ceil(v),
                       lower ? "less" : "more");
        }
        g->target_scale = sc;
        g->target = v;
        g->has_target = true;
        g->target_loc = n->loc;
        break;
    }
    case H_BY: {
        Goal *g = obj;
        if (s->v[1]->num < 1) {
            ck_error(c, s->v[1]->loc, "weeks are counted from 1");
            return;
        }
        g->by_week = (int)s->v[1]->num;
        g->by_loc = s->v[1]->loc;
        break;
    }
    case H_ATTENDED:
        for (const Value *v = s->v[0]; v; v = value_next(v)) add_attended(c, v);
        if (!m->f.attended.loc.src) m->f.attended.loc = n->loc;
        break;
    case H_LEFT:
        if (!week_ok(c, s->v[1], s->v[1]->num)) return;
        m->f.left.week = (int)s->v[1]->num;
        m->f.left.week_loc = s->v[1]->loc;
        m->f.left.loc = n->loc;
        /* an empty reason ("", or spaces) is no reason */
        if (s->v[2] && (s->v[2]->kind == VAL_PLACEHOLDER || strspn(s->v[2]->text, " \t\n") < strlen(s->v[2]->text)))
            m->f.left.reason = text_of(s->v[2]);
        break;
    case H_WEEKS:
        if (s->v[0]->num < GROUP_MIN_WEEKS || s->v[0]->num > GROUP_MAX_WEEKS) {
            ck_error(c, s->v[0]->loc, "a group runs between %d and %d weeks, not %s", GROUP_MIN_WEEKS,
                     GROUP_MAX_WEEKS, s->v[0]->text);
            return;
        }
        m->g.weeks = (int)s->v[0]->num;
        m->g.weeks_loc = s->v[0]->loc;
        break;
    case H_LEADER:
        for (const Value *v = s->v[0]; v; v = value_next(v))
            *(Text *)arena_push(c->a, &m->g.leaders, &m->g.nleaders, &m->g.cap_leaders,
                                sizeof(Text)) = text_of(v);
        break;
    case H_MEMBER:
        ck_member_lines(c, n, s->v[0]);
        if (c->members) ck_resolve_members(c, n, s->v[0]);
        break;
    case H_PHASE: {
        int p = 0;
        while (p < PHASE_COUNT && strcmp(phase_names[p], s->v[0]->text)) p++;
        PhaseSpan *span = &m->g.phases[p];
        if (span->set) {
            ck_error(c, node_name_loc(n), "the weeks of %s are given twice", phase_names[p]);
            ck_note(span->loc, "first given here");
            return;
        }
        int first = (int)s->v[2]->num, last = (int)s->v[4]->num;
        if (first < 1 || last < first) {
            ck_error(c, s->v[2]->loc, "a phase runs from an earlier week to a later one, from week 1 on");
            return;
        }
        *span = (PhaseSpan){ first, last, true, n->loc };
        break;
    }
    case H_SCALE: {
        Scale *sc = declare_scale(c, obj, n, s);
        if (!sc) return;
        set_translations(sc->title_in, s, 2);
        if (node_has_block(n)) ck_check_block(c, n->body, CTX_SCALE, sc);
        check_norms_plausible(c, sc, n);
        if (!s->v[1]) return;                   /* an addition: the scale was declared whole */
        if (!sc->has_range && !block_has(n->body, "range")) ck_error(c, node_name_loc(n), "scale %s has no range: add 'range MIN MAX'", sc->qualified);
        if (!sc->has_direction && !block_has(n->body, "higher")) ck_error(c, node_name_loc(n), "scale %s does not say 'higher worse' or 'higher better'", sc->qualified);
        return;
    }
    case H_RANGE: {
        Scale *sc = obj;
        if (s->v[0]->num > s->v[1]->num) {
            ck_error(c, s->v[0]->loc, "the range's minimum %s exceeds its maximum %s",
                     s->v[0]->text, s->v[1]->text);
            return;
        }
        sc->min = s->v[0]->num;
        sc->max = s->v[1]->num;
        sc->has_range = true;
        break;
    }
    case H_HIGHER: {
        Scale *sc = obj;
        sc->direction = !strcmp(s->v[0]->text, "worse") ? DIR_HIGHER_WORSE : DIR_HIGHER_BETTER;
        sc->has_direction = true;
        break;
    }
    case H_RELIABILITY: {
        Scale *sc = obj;
        double r = s->v[0]->num;
        if (!(r > 0 && r < 1)) {
            ck_error(c, s->v[0]->loc, "a reliability lies strictly between 0 and 1, not %s", s->v[0]->text);
            return;
        }
        if (s->v[1] && s->v[1]->num < 1) {
            ck_error(c, s->v[1]->loc, "a sample size is at least 1");
            return;
        }
        sc->reliability = r;
        sc->has_reliability = true;
        sc->reliability_n = s->v[1] ? (int)s->v[1]->num : 0;
        sc->reliability_sample = s->v[2] ? text_of(s->v[2]) : (Text){ 0 };
        sc->reliability_source = s->v[3] ? text_of(s->v[3]) : (Text){ 0 };
        memset(sc->reliability_sample_in, 0, sizeof sc->reliability_sample_in);
        set_translations(sc->reliability_sample_in, s, 4);
        sc->reliability_loc = n->loc;
        break;
    }
    case H_NORM: {
        Scale *sc = obj;
        Norm *replaced = NULL;     /* a norm of this name from another file: this one replaces it */
        for (int i = 0; i < sc->nnorms; i++)
            if (!strcmp(sc->norms[i].name.s, s->v[0]->text) && sc->norms[i].loc.src != n->loc.src)
                replaced = &sc->norms[i];
            else if (!strcmp(sc->norms[i].name.s, s->v[0]->text)) {
                ck_error(c, s->v[0]->loc, "norm '%s' is given twice for %s", s->v[0]->text, sc->qualified);
                ck_note(sc->norms[i].loc, "first given here");
                return;
            }
        if (s->v[2]->num <= 0) {
            ck_error(c, s->v[2]->loc, "a standard deviation must be above 0, not %s", s->v[2]->text);
            return;
        }
        if (s->v[3] && s->v[3]->num < 1) {
            ck_error(c, s->v[3]->loc, "a sample size is at least 1");
            return;
        }
        if (!s->v[5]->text[0]) {
            ck_error(c, s->v[5]->loc, "a norm's source must name where its figures were published");
            return;
        }
        /* a second reference norm from another file is never used: the
         * first declared is the scale's reference (model_reference_norm) */
        const Norm *reference = model_reference_norm(sc);
        if (!replaced && strcmp(s->v[0]->text, "clinical") && reference && reference->loc.src != n->loc.src) {
            ck_warning(c, s->v[0]->loc, "this %s norm of %s is not used: the scale's reference norm, for "
                       "T-scores, percentiles, the cutoff and reliable change, is the first declared, "
                       "'%s'; to use this one instead, name it %s, which replaces that norm",
                       s->v[0]->text, sc->qualified, reference->name.s, reference->name.s);
            ck_note(reference->loc, "the reference norm");
        }
        Norm *no = replaced ? replaced : arena_push(c->a, &sc->norms, &sc->nnorms, &sc->cap_norms, sizeof *no);
        *no = (Norm){ 0 };
        no->name = text_of(s->v[0]);
        no->clinical = !strcmp(s->v[0]->text, "clinical");
        no->mean = s->v[1]->num;
        no->sd = s->v[2]->num;
        no->n = s->v[3] ? (int)s->v[3]->num : 0;
        if (s->v[4]) no->sample = text_of(s->v[4]);
        no->source = text_of(s->v[5]);
        set_translations(no->name_in, s, 6);
        no->loc = n->loc;
        no->mean_loc = s->v[1]->loc;
        no->sd_loc = s->v[2]->loc;
        break;
    }
    }
    if (f->block_offset) *(Loc *)(base + f->block_offset) = n->loc;
    if (f->block != CTX_NONE && node_has_block(n)) ck_check_block(c, n->body, f->block, obj);
}

/* Reads the instrument declarations among stmts. */
void ck_walk_instruments(Checker *c, Node **stmts, int n, bool prelude) {
    for (int i = 0; i < n; i++) {
        const Node *st = stmts[i];
        if (strcmp(st->name, "instrument")) {
            if (prelude) ck_error(c, node_name_loc(st), "an instrument file holds only instrument declarations");
            continue;
        }
        const Field *f = schema_find(CTX_FILE, "instrument", 1);
        Slots s;
        if (!ck_match_args(c, f, st, &s)) continue;
        Instrument *in = declare_instrument(c, st, &s);
        if (!in) continue;
        set_translations(in->title_in, &s, 2);
        if (node_has_block(st)) ck_check_block(c, st->body, CTX_INSTRUMENT, in);
        if (node_has_block(st)) ck_read_keys(c, st, in);
    }
}

/* Checks every top-level statement but instruments, in order. */
void ck_walk_top(Checker *c) {
    const Node *seen[256] = { 0 };
    for (int i = 0; i < c->ntop; i++) {
        const Node *n = c->top[i];
        if (!strcmp(n->name, "instrument")) continue;
        ck_check_stmt(c, n, CTX_FILE, c->m, seen);
    }
}
