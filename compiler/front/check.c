/* check.c — checks statements against the schema and fills the model.
 *
 * One generic walker (check_block) interprets schema.c for every block:
 * unknown names with "did you mean", blocks where none belongs, duplicates
 * with a note at the first, and argument signatures. What a matched
 * statement means is done by act(): the VALUE_* actions store a value at
 * the field's offset; the few structured statements have a case each. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "front/checker.h"
#include "front/dates.h"
#include "base/diag.h"
#include "base/suggest.h"

enum { MAX_SLOTS = 8 };

/* The values matched by a signature, by item position. */
typedef struct Slots {
    const Value *v[MAX_SLOTS];
    const Scale *scale[MAX_SLOTS];
    int count[MAX_SLOTS];               /* for "type+" items */
} Slots;

/* ---- argument signatures ---------------------------------------------- */

/* Copies the next space-separated item of *sig into item; false at the end. */
static bool next_item(const char **sig, char *item, size_t size) {
    const char *p = *sig;
    while (*p == ' ') p++;
    if (!*p) return false;
    size_t n = 0;
    while (p[n] && p[n] != ' ') n++;
    if (n >= size) n = size - 1;
    memcpy(item, p, n);
    item[n] = '\0';
    *sig = p + n;
    while (**sig && **sig != ' ') (*sig)++;
    return true;
}

/* Says what an item expects, for messages: "a date (YYYY-MM-DD)". */
static const char *expect_text(Arena *a, const char *type) {
    if (!strcmp(type, "str")) return "a string in double quotes";
    if (!strcmp(type, "num")) return "a number";
    if (!strcmp(type, "int")) return "a whole number";
    if (!strcmp(type, "date")) return "a date (YYYY-MM-DD)";
    if (!strcmp(type, "name")) return "a name";
    if (!strcmp(type, "scale")) return "a scale name such as hfmps.self_oriented";
    if (!strcmp(type, "item")) return "a whole number";
    if (!strcmp(type, "weeks")) return "a week number or a span of weeks (7 or 1-5)";
    if (type[0] == '=') return arena_printf(a, "the word '%s'", type + 1);
    /* a|b|c */
    char *out = arena_printf(a, "one of: ");
    char *copy = arena_strdup(a, type);
    for (char *w = strtok(copy, "|"); w; w = strtok(NULL, "|"))
        out = arena_printf(a, "%s%s%s", out, out[8] ? ", " : "", w);
    return out;
}

/* Checks a number's text and value: finite, not absurdly large, not -0. */
static bool number_ok(Checker *c, const Value *v) {
    int digits = 0;
    for (const char *p = v->text; *p; p++) digits += *p >= '0' && *p <= '9';
    if (digits > NUMBER_MAX_DIGITS) {
        ck_error(c, v->loc, "number with %d digits; formc accepts at most %d significant digits", digits,
                 NUMBER_MAX_DIGITS);
        return false;
    }
    if (!isfinite(v->num) || fabs(v->num) > NUMBER_MAX) {
        ck_error(c, v->loc, "number out of range: %s; formc accepts numbers from -%d to %d", v->text,
                 NUMBER_MAX, NUMBER_MAX);
        return false;
    }
    if (v->num == 0 && v->text[0] == '-') {
        ck_error(c, v->loc, "negative zero: write 0");
        return false;
    }
    return true;
}

/* Checks a date value: the YYYY-MM-DD form and a real calendar day
 * (dates.h says what is read and what the message shows). */
static bool date_ok(Checker *c, const Value *v) {
    Date d;
    char why[256];
    if (date_read(v->text, &d, why, sizeof why)) return true;
    ck_error(c, v->loc, "%s", why);
    return false;
}

const Instrument *ck_lookup_instrument(Checker *c, const char *id, Loc loc) {
    const Instrument *in = model_find_instrument(c->m, id);
    if (in) return in;
    Suggest sg;
    suggest_init(&sg, id);
    for (int i = 0; i < c->m->ninstruments; i++) suggest_offer(&sg, c->m->instruments[i].id.s);
    const char *best = suggest_result(&sg);
    if (best) ck_error(c, loc, "unknown instrument '%s' (did you mean '%s'?)", id, best);
    else ck_error(c, loc, "unknown instrument '%s'; see docs/instruments.md for those formc knows", id);
    return NULL;
}

/* Finds instrument.scale, reporting an unknown instrument or scale with a
 * suggestion at loc. */
static const Scale *lookup_scale(Checker *c, const char *name, Loc loc) {
    const char *dot = strchr(name, '.');
    if (!dot || strchr(dot + 1, '.')) {
        Suggest sg;
        suggest_init(&sg, name);
        for (int i = 0; i < c->m->ninstruments; i++)
            for (int j = 0; j < c->m->instruments[i].nscales; j++)
                suggest_offer(&sg, c->m->instruments[i].scales[j].qualified);
        const char *best = suggest_result(&sg);
        /* a bare scale id that exists in exactly one instrument */
        for (int i = 0; !best && !dot && i < c->m->ninstruments; i++)
            for (int j = 0; j < c->m->instruments[i].nscales; j++)
                if (!strcmp(c->m->instruments[i].scales[j].id.s, name))
                    best = c->m->instruments[i].scales[j].qualified;
        if (best)
            ck_error(c, loc, "unknown scale '%s' (did you mean '%s'?)", name, best);
        else
            ck_error(c, loc, "a score names its instrument and scale, such as hfmps.self_oriented; '%s' is neither", name);
        return NULL;
    }
    char *inst = arena_strndup(c->a, name, (size_t)(dot - name));
    const Instrument *in = ck_lookup_instrument(c, inst, loc);
    if (!in) return NULL;
    const Scale *s = model_find_scale(c->m, name);
    if (s) return s;
    Suggest sg;
    suggest_init(&sg, dot + 1);
    for (int j = 0; j < in->nscales; j++) suggest_offer(&sg, in->scales[j].id.s);
    const char *best = suggest_result(&sg);
    /* the scale may belong to another instrument */
    for (int i = 0; !best && i < c->m->ninstruments; i++)
        for (int j = 0; j < c->m->instruments[i].nscales; j++)
            if (!strcmp(c->m->instruments[i].scales[j].id.s, dot + 1)) {
                ck_error(c, loc, "%s has no scale '%s'; did you mean '%s'?", inst, dot + 1,
                         c->m->instruments[i].scales[j].qualified);
                return NULL;
            }
    if (best) ck_error(c, loc, "%s has no scale '%s' (did you mean '%s'?)", inst, dot + 1, best);
    else ck_error(c, loc, "%s has no scale '%s'", inst, dot + 1);
    return NULL;
}

/* Checks one value against a type item; stores scale lookups. */
static bool value_ok(Checker *c, const Node *n, const char *type, const Value *v,
                     const Scale **scale) {
    bool ok;
    if (v->invalid) return false;
    if (!strcmp(type, "str")) ok = v->kind == VAL_STRING;
    else if (!strcmp(type, "num")) ok = v->kind == VAL_NUMBER;
    else if (!strcmp(type, "int")) ok = v->kind == VAL_NUMBER;
    else if (!strcmp(type, "item")) ok = v->kind == VAL_NUMBER || (v->kind == VAL_NAME && !strcmp(v->text, "_"));
    else if (!strcmp(type, "weeks")) ok = v->kind == VAL_NUMBER || v->kind == VAL_RANGE;
    else if (!strcmp(type, "date")) ok = v->kind == VAL_DATE;
    else if (!strcmp(type, "name")) ok = v->kind == VAL_NAME && !strchr(v->text, '.');
    else if (!strcmp(type, "scale")) ok = v->kind == VAL_NAME;
    else if (type[0] == '=') ok = v->kind == VAL_NAME && !strcmp(v->text, type + 1);
    else {                                   /* a|b|c */
        ok = false;
        if (v->kind == VAL_NAME) {
            size_t len = strlen(v->text);
            for (const char *w = type; *w;) {
                size_t wl = strcspn(w, "|");
                if (wl == len && !strncmp(w, v->text, len)) ok = true;
                w += wl + (w[wl] == '|');
            }
        }
        if (!ok) {
            Suggest sg;
            const char *best = NULL;
            if (v->kind == VAL_NAME) {
                suggest_init(&sg, v->text);
                char *copy = arena_strdup(c->a, type);
                for (char *w = strtok(copy, "|"); w; w = strtok(NULL, "|")) suggest_offer(&sg, w);
                best = suggest_result(&sg);
            }
            if (best)
                ck_error(c, v->loc, "'%s' expects %s (did you mean '%s'?)", n->name,
                         expect_text(c->a, type), best);
            else
                ck_error(c, v->loc, "'%s' expects %s", n->name, expect_text(c->a, type));
            return false;
        }
        return true;
    }
    if (!ok) {
        const char *hint = "";
        if (!strcmp(type, "str") && v->kind != VAL_STRING) hint = "; put text in double quotes";
        if (!strcmp(type, "date") && (v->kind == VAL_NUMBER || v->kind == VAL_RANGE))
            hint = "; write dates as YYYY-MM-DD";
        if (!strcmp(type, "item")) hint = "; write _ for an item left unanswered";
        ck_error(c, v->loc, "'%s' expects %s here, not %s%s", n->name, expect_text(c->a, type),
                 value_kind_name(v->kind), hint);
        return false;
    }
    if (v->kind == VAL_NUMBER && !number_ok(c, v)) return false;
    if ((!strcmp(type, "int") || !strcmp(type, "item") || !strcmp(type, "weeks")) && v->kind == VAL_NUMBER &&
        v->num != floor(v->num)) {
        ck_error(c, v->loc, "'%s' expects a whole number, not %s", n->name, v->text);
        return false;
    }
    if (v->kind == VAL_DATE && !date_ok(c, v)) return false;
    if (!strcmp(type, "scale")) return (*scale = lookup_scale(c, v->text, v->loc)) != NULL;
    return true;
}

/* The location just past a statement's last argument, for "missing" errors. */
static Loc end_of(const Node *n) {
    const Value *last = n->args;
    while (last && last->next) last = last->next;
    Loc at = last ? last->loc : n->name_loc;
    at.off += at.len;
    at.len = 0;
    return at;
}

/* A number written with a decimal comma, "49,5", reads as two numbers
 * joined by a comma with no space. Reports it once, and returns the one
 * number meant (so the statement is checked as if it had a point), or
 * NULL when v is not the first half of such a pair. */
static const Value *decimal_comma(Checker *c, const Value *v) {
    const Value *w = v->next;
    if (v->kind != VAL_NUMBER || !w || w->kind != VAL_NUMBER || v->invalid || w->invalid ||
        strchr(v->text, '.') || w->text[0] == '-' || strchr(w->text, '.'))
        return NULL;
    uint32_t comma = v->loc.off + v->loc.len;
    if (w->loc.src != v->loc.src || w->loc.off != comma + 1 || v->loc.src->text[comma] != ',')
        return NULL;
    Value *one = arena_alloc(c->a, sizeof *one);
    *one = *v;
    one->text = arena_printf(c->a, "%s.%s", v->text, w->text);
    one->num = strtod(one->text, NULL);
    one->loc.len = w->loc.off + w->loc.len - v->loc.off;
    one->next = w->next;
    ck_error(c, one->loc, "decimal comma in %s,%s: write %s with a decimal point", v->text, w->text,
             one->text);
    return one;
}

/* Matches a statement's arguments against its field's signature. */
static bool match_args(Checker *c, const Field *f, const Node *n, Slots *s) {
    const Value *v = n->args;
    const char *sig = f->sig;
    char item[96];
    int slot = 0;
    bool ok = true;
    memset(s, 0, sizeof *s);
    while (next_item(&sig, item, sizeof item) && slot < MAX_SLOTS) {
        if (strchr(item, ':')) {
            /* a run of keyword items: key value pairs in any order */
            struct { char key[24]; char type[16]; bool optional; int slot; } keys[MAX_SLOTS];
            int nk = 0;
            const char *p = item;
            for (;;) {
                bool opt = *p == '?';
                const char *colon = strchr(p, ':');
                snprintf(keys[nk].key, sizeof keys[nk].key, "%.*s", (int)(colon - p - opt), p + opt);
                snprintf(keys[nk].type, sizeof keys[nk].type, "%s", colon + 1);
                keys[nk].optional = opt;
                keys[nk].slot = slot++;
                nk++;
                const char *save = sig;
                if (nk == MAX_SLOTS || slot == MAX_SLOTS || !next_item(&sig, item, sizeof item)) break;
                if (!strchr(item, ':')) { sig = save; break; }
                p = item;
            }
            while (v && v->kind == VAL_NAME) {
                int k = 0;
                while (k < nk && strcmp(keys[k].key, v->text)) k++;
                if (k == nk) break;
                if (s->v[keys[k].slot]) {
                    ck_error(c, v->loc, "'%s' is given twice", v->text);
                    ok = false;
                }
                const Value *val = v->next;
                if (!val) {
                    ck_error(c, end_of(n), "'%s' needs %s after it", v->text,
                             expect_text(c->a, keys[k].type));
                    return false;
                }
                if (!value_ok(c, n, keys[k].type, val, &s->scale[keys[k].slot])) ok = false;
                s->v[keys[k].slot] = val;
                v = val->next;
            }
            for (int k = 0; k < nk; k++)
                if (!keys[k].optional && !s->v[keys[k].slot]) {
                    if (v && v->kind == VAL_NAME) {
                        Suggest sg;
                        suggest_init(&sg, v->text);
                        for (int j = 0; j < nk; j++) suggest_offer(&sg, keys[j].key);
                        const char *best = suggest_result(&sg);
                        ck_error(c, v->loc, "unknown word '%s' in '%s'%s%s%s", v->text, n->name,
                                 best ? " (did you mean '" : "", best ? best : "", best ? "'?)" : "");
                        return false;
                    }
                    ck_error(c, end_of(n), "'%s' needs '%s' followed by %s", n->name, keys[k].key,
                             expect_text(c->a, keys[k].type));
                    return false;
                }
            continue;
        }
        size_t len = strlen(item);
        bool many = item[len - 1] == '+';
        if (many) item[len - 1] = '\0';
        bool optional = item[0] == '?';
        if (optional) memmove(item, item + 1, len);
        if (!v && optional) {
            slot++;
            continue;
        }
        if (!v) {
            const char *what = expect_text(c->a, item);
            ck_error(c, end_of(n), "'%s' needs %s", n->name, what);
            return false;
        }
        const Value *one = !many && !strcmp(item, "num") ? decimal_comma(c, v) : NULL;
        if (one) v = one;
        if (!value_ok(c, n, item, v, &s->scale[slot])) {
            if (item[0] == '=') return false;   /* a missing word: the rest would be misread */
            ok = false;
        }
        s->v[slot] = v;
        s->count[slot] = 1;
        v = v->next;
        while (many && v) {
            if (!value_ok(c, n, item, v, &s->scale[slot])) ok = false;
            s->count[slot]++;
            v = v->next;
        }
        slot++;
    }
    if (v) {
        ck_error(c, v->loc, "extra argument (%s) after '%s'%s", value_kind_name(v->kind), n->name,
                 v->kind == VAL_STRING && f->sig[0] == 's' ?
                 "; text that spans lines goes in one string" : "");
        ok = false;
    }
    return ok;
}

/* ---- unknown names ---------------------------------------------------- */

static void report_unknown(Checker *c, const Node *n, Context ctx) {
    Suggest sg;
    suggest_init(&sg, n->name);
    for (int i = 0; i < schema_count; i++)
        if (schema[i].ctx == ctx) suggest_offer(&sg, schema[i].name);
    const char *best = suggest_result(&sg);
    const char *where = context_name(ctx);
    if (best) {
        ck_error(c, n->name_loc, "unknown field '%s' in %s (did you mean '%s'?)", n->name, where, best);
        return;
    }
    /* a known name in the wrong place: a statement of a formulation's top
     * level, or of another block */
    const Field *top = ctx == CTX_FILE ? NULL : schema_find(CTX_FILE, n->name, 1);
    for (int i = 0; i < schema_count; i++) {
        const Field *f = &schema[i];
        if (strcmp(f->name, n->name) || f->ctx == CTX_FILE) continue;
        const Field *op = schema_opener(f->ctx);
        if (top)
            ck_error(c, n->name_loc, "'%s' does not belong in %s; in a formulation it is a statement "
                     "of its own, outside every block (it also goes inside a '%s' block)",
                     n->name, where, op ? op->name : "?");
        else
            ck_error(c, n->name_loc, "'%s' does not belong in %s; it goes inside a '%s' block",
                     n->name, where, op ? op->name : "?");
        return;
    }
    if (top) {
        ck_error(c, n->name_loc, "'%s' does not belong in %s; it is a statement of its own, "
                 "outside every block", n->name, where);
        return;
    }
    if (ctx == CTX_FILE && schema_find(CTX_FILE, n->name, 1) == NULL && strchr(n->name, '.')) {
        ck_error(c, n->name_loc, "a score such as '%s' goes inside an assessment block", n->name);
        return;
    }
    ck_error(c, n->name_loc, "unknown field '%s' in %s", n->name, where);
}

/* ---- actions ---------------------------------------------------------- */

static void check_block(Checker *c, const Node *body, Context ctx, void *obj);

static Text text_of(const Value *v) { return (Text){ v->text, v->loc }; }
static Date date_of(const Value *v) { return (Date){ v->y, v->m, v->d, true, v->loc }; }

/* Adds an instrument, or returns the one of the same id declared before.
 * Without a title the statement adds to an instrument declared earlier
 * (a clinic's figures for a library instrument): NULL when there is none. */
static Instrument *declare_instrument(Checker *c, const Node *n, const Slots *s) {
    for (int i = 0; i < c->m->ninstruments; i++) {
        Instrument *in = &c->m->instruments[i];
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
        for (int i = 0; i < c->m->ninstruments; i++) suggest_offer(&sg, c->m->instruments[i].id.s);
        const char *best = suggest_result(&sg);
        if (best)
            ck_error(c, s->v[0]->loc, "no instrument '%s' is declared before to add to (did you mean '%s'?)",
                     s->v[0]->text, best);
        else
            ck_error(c, s->v[0]->loc, "no instrument '%s' is declared before to add to; declare it with its "
                     "title: instrument %s \"TITLE\" { ... }", s->v[0]->text, s->v[0]->text);
        return NULL;
    }
    Instrument *in = arena_push(c->a, &c->m->instruments, &c->m->ninstruments,
                                &c->m->cap_instruments, sizeof *in);
    in->id = text_of(s->v[0]);
    in->title = text_of(s->v[1]);
    in->loc = n->loc;
    return in;
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
        memset(old, 0, sizeof *old);
        old->id = text_of(s->v[0]);
        old->qualified = arena_printf(c->a, "%s.%s", in->id.s, id);
        old->title = text_of(s->v[1]);
        old->instrument = in;
        old->loc = n->loc;
        return old;
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
    Scale *sc = arena_push(c->a, &in->scales, &in->nscales, &in->cap_scales, sizeof *sc);
    sc->id = text_of(s->v[0]);
    sc->qualified = arena_printf(c->a, "%s.%s", in->id.s, id);
    sc->title = text_of(s->v[1]);
    sc->instrument = in;
    sc->loc = n->loc;
    return sc;
}

/* Whether a block holds a statement of this name (valid or not). */
static bool block_has(const Node *body, const char *name) {
    for (const Node *n = body; n; n = n->next)
        if (!strcmp(n->name, name)) return true;
    return false;
}

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
    double first = v->num, last = v->kind == VAL_RANGE ? v->num_to : v->num;
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

/* Carries out a statement that matched its field. */
static void act(Checker *c, const Field *f, const Node *n, const Slots *s, void *obj) {
    char *base = obj;
    Model *m = c->m;
    switch (f->action) {
    case VALUE_TEXT: *(Text *)(base + f->offset) = text_of(s->v[0]); break;
    case VALUE_DATE: *(Date *)(base + f->offset) = date_of(s->v[0]); break;
    case VALUE_INT: *(int *)(base + f->offset) = (int)s->v[0]->num; break;
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
        if (!n->has_block) ck_warning(c, n->loc, "assessment without scores: add a block { scale value ... }");
        else check_block(c, n->body, CTX_ASSESSMENT, as);
        ck_score_items(c, as);
        return;
    }
    case H_SCORE: {
        Assessment *as = obj;
        const Scale *sc = lookup_scale(c, n->name, n->name_loc);
        if (!sc) return;
        for (int i = 0; i < as->nscores; i++)
            if (as->scores[i].scale == sc) {
                ck_error(c, n->name_loc, "%s is scored twice in this assessment", sc->qualified);
                ck_note(as->scores[i].loc, "first scored here");
                return;
            }
        double v = s->v[0]->num;
        if (sc->has_range && (v < sc->min || v > sc->max)) {
            ck_error(c, s->v[0]->loc, "%s is outside the range of %s (%g to %g)", s->v[0]->text,
                     sc->qualified, sc->min, sc->max);
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
    case H_GOAL: {
        Goal *g = arena_push(c->a, &m->f.goals, &m->f.ngoals, &m->f.cap_goals, sizeof *g);
        g->text = text_of(s->v[0]);
        g->loc = n->loc;
        if (n->has_block) check_block(c, n->body, CTX_GOAL, g);
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
        for (const Value *v = s->v[0]; v; v = v->next) add_attended(c, v);
        if (!m->f.attended.loc.src) m->f.attended.loc = n->loc;
        break;
    case H_LEFT:
        if (!week_ok(c, s->v[1], s->v[1]->num)) return;
        m->f.left.week = (int)s->v[1]->num;
        m->f.left.week_loc = s->v[1]->loc;
        m->f.left.loc = n->loc;
        if (s->v[2]) m->f.left.reason = text_of(s->v[2]);
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
        for (const Value *v = s->v[0]; v; v = v->next)
            *(Text *)arena_push(c->a, &m->g.leaders, &m->g.nleaders, &m->g.cap_leaders,
                                sizeof(Text)) = text_of(v);
        break;
    case H_MEMBER:
        if (c->members) ck_resolve_members(c, n, s->v[0]);
        break;
    case H_PHASE: {
        int p = 0;
        while (p < PHASE_COUNT && strcmp(phase_names[p], s->v[0]->text)) p++;
        PhaseSpan *span = &m->g.phases[p];
        if (span->set) {
            ck_error(c, n->name_loc, "the weeks of %s are given twice", phase_names[p]);
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
        if (n->has_block) check_block(c, n->body, CTX_SCALE, sc);
        if (!s->v[1]) return;                   /* an addition: the scale was declared whole */
        if (!sc->has_range && !block_has(n->body, "range")) ck_error(c, n->name_loc, "scale %s has no range: add 'range MIN MAX'", sc->qualified);
        if (!sc->has_direction && !block_has(n->body, "higher")) ck_error(c, n->name_loc, "scale %s does not say 'higher worse' or 'higher better'", sc->qualified);
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
        Norm *no = replaced ? replaced : arena_push(c->a, &sc->norms, &sc->nnorms, &sc->cap_norms, sizeof *no);
        *no = (Norm){ 0 };
        no->name = text_of(s->v[0]);
        no->clinical = !strcmp(s->v[0]->text, "clinical");
        no->mean = s->v[1]->num;
        no->sd = s->v[2]->num;
        no->n = s->v[3] ? (int)s->v[3]->num : 0;
        if (s->v[4]) no->sample = text_of(s->v[4]);
        no->source = text_of(s->v[5]);
        no->loc = n->loc;
        break;
    }
    }
    if (f->block_offset) *(Loc *)(base + f->block_offset) = n->loc;
    if (f->block != CTX_NONE && n->has_block) check_block(c, n->body, f->block, obj);
}

/* Checks one statement in ctx: its name, block, repetition and arguments. */
static void check_stmt(Checker *c, const Node *n, Context ctx, void *obj, const Node **seen) {
    const Field *f = schema_find(ctx, n->name, n->has_block);
    if (!f && ctx == CTX_ASSESSMENT) f = schema_find(ctx, "*", 0);
    if (!f) {
        report_unknown(c, n, ctx);
        return;
    }
    if (n->has_block && f->block == CTX_NONE) {
        ck_error(c, n->block_loc, "'%s' takes no block", n->name);
        return;
    }
    if (!n->has_block && f->action == BLOCK_ONLY) {
        ck_error(c, n->name_loc, "'%s' is a block: write %s { ... }", n->name, n->name);
        return;
    }
    if (!(f->flags & REPEATS) && f->name[0] != '*') {
        /* both forms of a field (group "x" and group "x" { }) share one slot */
        const Field *first = schema_find(ctx, n->name, 0);
        int idx = (int)(first - schema);
        if (seen[idx]) {
            ck_error(c, n->name_loc, "'%s' is given twice", n->name);
            ck_note(seen[idx]->name_loc, "first given here");
            return;
        }
        seen[idx] = n;
    }
    c->given[f - schema] = true;
    Slots s;
    if (!match_args(c, f, n, &s)) return;
    act(c, f, n, &s, obj);
}

static void check_block(Checker *c, const Node *body, Context ctx, void *obj) {
    const Node *seen[256] = { 0 };
    for (const Node *n = body; n; n = n->next) check_stmt(c, n, ctx, obj, seen);
}

void ck_check_block(Checker *c, const Node *body, Context ctx, void *obj) { check_block(c, body, ctx, obj); }

/* Reads the instrument declarations among stmts. */
void ck_walk_instruments(Checker *c, Node **stmts, int n, bool prelude) {
    for (int i = 0; i < n; i++) {
        const Node *st = stmts[i];
        if (strcmp(st->name, "instrument")) {
            if (prelude) ck_error(c, st->name_loc, "an instrument file holds only instrument declarations");
            continue;
        }
        const Field *f = schema_find(CTX_FILE, "instrument", 1);
        Slots s;
        if (!match_args(c, f, st, &s)) continue;
        Instrument *in = declare_instrument(c, st, &s);
        if (!in) continue;
        if (st->has_block) check_block(c, st->body, CTX_INSTRUMENT, in);
        if (st->has_block) ck_read_keys(c, st, in);
    }
}

/* Checks every top-level statement but instruments, in order. */
void ck_walk_top(Checker *c) {
    const Node *seen[256] = { 0 };
    for (int i = 0; i < c->ntop; i++) {
        const Node *n = c->top[i];
        if (!strcmp(n->name, "instrument")) continue;
        check_stmt(c, n, CTX_FILE, c->m, seen);
    }
}
