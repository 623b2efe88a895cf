/* walk.c — the schema walker: checks each statement of a block against
 * the schema's fields (schema.c) and hands a statement that matched its
 * field to the checker's act (check.c). It knows names and signatures only:
 * unknown names with "did you mean", blocks where none belongs, duplicates
 * with a note at the first, argument signatures and the values they take
 * (numbers, dates, scales), never what a statement means. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "front/checker.h"
#include "front/dates.h"
#include "base/diag.h"
#include "base/suggest.h"

/* ---- argument signatures ---------------------------------------------- */

/* Copies n bytes of s into dst of size bytes, cut to fit, with a NUL. */
static void copy_word(char *dst, size_t size, const char *s, size_t n) {
    if (n >= size) n = size - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* Copies the next space-separated item of *sig into item; false at the end. */
static bool next_item(const char **sig, char *item, size_t size) {
    const char *p = *sig;
    while (*p == ' ') p++;
    if (!*p) return false;
    size_t n = 0;
    while (p[n] && p[n] != ' ') n++;
    copy_word(item, size, p, n);
    *sig = p + n;
    return true;
}

/* Says what an item expects, for messages: "a date (YYYY-MM-DD)". */
static const char *expect_text(Arena *a, const char *type) {
    if (!strcmp(type, "str")) return diag_tr("a string in double quotes");
    if (!strcmp(type, "num")) return diag_tr("a number");
    if (!strcmp(type, "int")) return diag_tr("a whole number");
    if (!strcmp(type, "date")) return diag_tr("a date (YYYY-MM-DD)");
    if (!strcmp(type, "name")) return diag_tr("a name");
    if (!strcmp(type, "scale")) return diag_tr("a scale name such as hfmps.self_oriented");
    if (!strcmp(type, "item")) return diag_tr("a whole number");
    if (!strcmp(type, "weeks")) return diag_tr("a week number or a span of weeks (7 or 1-5)");
    if (type[0] == '=') return arena_printf(a, diag_tr("the word '%s'"), type + 1);
    /* a|b|c */
    char *out = arena_printf(a, "%s", diag_tr("one of: "));
    char *copy = arena_strdup(a, type);
    const char *sep = "";
    for (char *w = strtok(copy, "|"); w; w = strtok(NULL, "|"), sep = ", ")
        out = arena_printf(a, "%s%s%s", out, sep, w);
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
    for (int i = 0; i < c->m->ninstruments; i++) suggest_offer(&sg, c->m->instruments[i]->id.s);
    const char *best = suggest_result(&sg);
    if (best) ck_error(c, loc, "unknown instrument '%s' (did you mean '%s'?)", id, best);
    else ck_error(c, loc, "unknown instrument '%s'; see docs/instruments.md for those formc knows", id);
    return NULL;
}

/* Finds instrument.scale, reporting an unknown instrument or scale with a
 * suggestion at loc. */
const Scale *ck_lookup_scale(Checker *c, const char *name, Loc loc) {
    const char *dot = strchr(name, '.');
    if (!dot || strchr(dot + 1, '.')) {
        Suggest sg;
        suggest_init(&sg, name);
        for (int i = 0; i < c->m->ninstruments; i++)
            for (int j = 0; j < c->m->instruments[i]->nscales; j++)
                suggest_offer(&sg, c->m->instruments[i]->scales[j].qualified);
        const char *best = suggest_result(&sg);
        /* a bare scale id that exists in exactly one instrument */
        for (int i = 0; !best && !dot && i < c->m->ninstruments; i++)
            for (int j = 0; j < c->m->instruments[i]->nscales; j++)
                if (!strcmp(c->m->instruments[i]->scales[j].id.s, name))
                    best = c->m->instruments[i]->scales[j].qualified;
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
        for (int j = 0; j < c->m->instruments[i]->nscales; j++)
            if (!strcmp(c->m->instruments[i]->scales[j].id.s, dot + 1)) {
                ck_error(c, loc, "%s has no scale '%s'; did you mean '%s'?", inst, dot + 1,
                         c->m->instruments[i]->scales[j].qualified);
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
    if (v->kind == VAL_PLACEHOLDER && type[0] != '=') return true;   /* a value of any type, to come */
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
        if (!strcmp(type, "str") && v->kind != VAL_STRING) hint = diag_tr("; put text in double quotes");
        if (!strcmp(type, "date") && (v->kind == VAL_NUMBER || v->kind == VAL_RANGE))
            hint = diag_tr("; write dates as YYYY-MM-DD");
        if (!strcmp(type, "item")) hint = diag_tr("; write _ for an item left unanswered");
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
    if (!strcmp(type, "scale")) return (*scale = ck_lookup_scale(c, v->text, v->loc)) != NULL;
    return true;
}

/* The location just past a statement's last argument, for "missing" errors. */
static Loc end_of(const Node *n) {
    Loc at = n->nargs ? n->args[n->nargs - 1].loc : node_name_loc(n);
    at.off += at.len;
    at.len = 0;
    return at;
}

/* A number written with a decimal comma, "49,5", reads as two numbers
 * joined by a comma with no space. Reports it once, and returns the one
 * number meant (so the statement is checked as if it had a point),
 * followed by copies of the arguments after the pair, or NULL when v is
 * not the first half of such a pair. */
static const Value *decimal_comma(Checker *c, const Value *v) {
    const Value *w = value_next(v);
    if (v->kind != VAL_NUMBER || !w || w->kind != VAL_NUMBER || v->invalid || w->invalid ||
        strchr(v->text, '.') || w->text[0] == '-' || strchr(w->text, '.'))
        return NULL;
    uint32_t comma = v->loc.off + v->loc.len;
    if (w->loc.src != v->loc.src || w->loc.off != comma + 1 || v->loc.src->text[comma] != ',')
        return NULL;
    size_t rest = 0;
    for (const Value *r = value_next(w); r; r = value_next(r)) rest++;
    Value *one = arena_alloc(c->a, (1 + rest) * sizeof *one);
    *one = *v;
    one->text = arena_printf(c->a, "%s.%s", v->text, w->text);
    one->num = strtod(one->text, NULL);
    one->loc.len = w->loc.off + w->loc.len - v->loc.off;
    one->last = w->last;
    if (rest) memcpy(one + 1, w + 1, rest * sizeof *one);
    ck_error(c, one->loc, "decimal comma in %s,%s: write %s with a decimal point", v->text, w->text,
             one->text);
    return one;
}

/* Whether w reads as a language code (two or three small letters). */
static bool language_code_like(const char *w) {
    size_t n = strlen(w);
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z') return false;
    return n == 2 || n == 3;
}

/* The languages a name may be given in: "en (English) and fr (French)". */
static const char *known_languages(Arena *a) {
    const char *s = "";
    for (int l = 0; l < LANG_COUNT; l++)
        s = arena_printf(a, "%s%s%s (%s)", s, !l ? "" : l + 1 < LANG_COUNT ? ", " : diag_tr(" and "), lang_codes[l],
                         diag_tr(lang_names[l]));
    return s;
}

/* Notes that slot holds a placeholder standing in for a value of type. */
static void note_placeholder(Checker *c, Slots *s, int slot, const char *type) {
    s->placeholders = true;
    if (s->types[slot]) return;
    s->types[slot] = arena_strdup(c->a, type);
    s->expects[slot] = !strcmp(type, "str") ? diag_tr("text in double quotes") : expect_text(c->a, type);
}

/* Whether f declares an instrument or an import map, which have no draft:
 * a placeholder there is an error of its own. */
static bool declares(const Field *f) {
    return f->action == H_INSTRUMENT || f->ctx == CTX_INSTRUMENT || f->ctx == CTX_SCALE ||
           f->ctx == CTX_KEY || f->ctx == CTX_IMPORT;
}

/* Matches a statement's arguments against its field's signature. */
bool ck_match_args(Checker *c, const Field *f, const Node *n, Slots *s) {
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
                copy_word(keys[nk].key, sizeof keys[nk].key, p + opt, (size_t)(colon - p - opt));
                copy_word(keys[nk].type, sizeof keys[nk].type, colon + 1, strlen(colon + 1));
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
                const Value *val = value_next(v);
                if (!val) {
                    ck_error(c, end_of(n), "'%s' needs %s after it", v->text,
                             expect_text(c->a, keys[k].type));
                    return false;
                }
                if (!value_ok(c, n, keys[k].type, val, &s->scale[keys[k].slot])) ok = false;
                s->v[keys[k].slot] = val;
                if (val->kind == VAL_PLACEHOLDER) note_placeholder(c, s, keys[k].slot, keys[k].type);
                v = value_next(val);
            }
            /* a name in a language formc has no documents in: es "..." */
            bool languages = false;
            for (int k = 0; k < nk; k++) languages |= lang_index(keys[k].key) >= 0;
            if (languages && v && v->kind == VAL_NAME && !v->last && v[1].kind == VAL_STRING) {
                for (int l = 0; l < LANG_COUNT; l++)
                    if (!strcasecmp(v->text, lang_names[l])) {
                        ck_error(c, v->loc, "a name in %s is given with %s \"...\", not %s", lang_names[l],
                                 lang_codes[l], v->text);
                        return false;
                    }
                if (language_code_like(v->text)) {
                    ck_error(c, v->loc, "unknown language '%s': a name can be given in %s, the languages "
                             "formc writes documents in", v->text, known_languages(c->a));
                    return false;
                }
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
        /* an optional text may be left out before keywords: "scale x fr ..." */
        if (optional && (!v || (v->kind == VAL_NAME && !strcmp(item, "str")))) {
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
        if (v->kind == VAL_PLACEHOLDER) note_placeholder(c, s, slot, item);
        v = value_next(v);
        while (many && v) {
            if (!value_ok(c, n, item, v, &s->scale[slot])) ok = false;
            if (v->kind == VAL_PLACEHOLDER) note_placeholder(c, s, slot, item);
            s->count[slot]++;
            v = value_next(v);
        }
        slot++;
    }
    if (v) {
        ck_error(c, v->loc, "extra argument (%s) after '%s'%s", value_kind_name(v->kind), n->name,
                 v->kind == VAL_STRING && f->sig[0] == 's' ?
                 "; text that spans lines goes in one string" : "");
        ok = false;
    }
    if (ok && s->placeholders && declares(f)) {
        for (const Value *p = n->args; p; p = value_next(p))
            if (p->kind == VAL_PLACEHOLDER) {
                ck_error(c, p->loc, "%s cannot hold a placeholder: %s has no draft; write the value",
                         f->ctx == CTX_IMPORT ? "an import map" : "an instrument's declaration",
                         f->ctx == CTX_IMPORT ? "a map" : "an instrument file");
                break;
            }
        return false;
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
        ck_error(c, node_name_loc(n), "unknown field '%s' in %s (did you mean '%s'?)", n->name, where, best);
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
            ck_error(c, node_name_loc(n), "'%s' does not belong in %s; in a formulation it is a statement "
                     "of its own, outside every block (it also goes inside a '%s' block)",
                     n->name, where, op ? op->name : "?");
        else
            ck_error(c, node_name_loc(n), "'%s' does not belong in %s; it goes inside a '%s' block",
                     n->name, where, op ? op->name : "?");
        return;
    }
    if (top) {
        ck_error(c, node_name_loc(n), "'%s' does not belong in %s; it is a statement of its own, "
                 "outside every block", n->name, where);
        return;
    }
    if (ctx == CTX_FILE && schema_find(CTX_FILE, n->name, 1) == NULL && strchr(n->name, '.')) {
        ck_error(c, node_name_loc(n), "a score such as '%s' goes inside an assessment block", n->name);
        return;
    }
    ck_error(c, node_name_loc(n), "unknown field '%s' in %s", n->name, where);
}

/* Checks one statement in ctx: its name, block, repetition and arguments. */
void ck_check_stmt(Checker *c, const Node *n, Context ctx, void *obj, const Node **seen) {
    const Field *f = schema_find(ctx, n->name, node_has_block(n));
    if (!f && ctx == CTX_ASSESSMENT) f = schema_find(ctx, "*", 0);
    if (!f) {
        report_unknown(c, n, ctx);
        return;
    }
    if (node_has_block(n) && f->block == CTX_NONE) {
        ck_error(c, node_block_loc(n), "'%s' takes no block", n->name);
        return;
    }
    if (!node_has_block(n) && f->action == BLOCK_ONLY) {
        ck_error(c, node_name_loc(n), "'%s' is a block: write %s { ... }", n->name, n->name);
        return;
    }
    if (!(f->flags & REPEATS) && f->name[0] != '*') {
        /* both forms of a field (group "x" and group "x" { }) share one slot */
        const Field *first = schema_find(ctx, n->name, 0);
        int idx = (int)(first - schema);
        if (seen[idx]) {
            ck_error(c, node_name_loc(n), "'%s' is given twice", n->name);
            ck_note(node_name_loc(seen[idx]), "first given here");
            return;
        }
        seen[idx] = n;
    }
    c->given[f - schema] = true;
    Slots s;
    bool args = ck_match_args(c, f, n, &s);
    if (!args || (s.placeholders && !ck_record_placeholders(c, f, ctx, n, &s, obj))) {
        /* left out (a date written 12/03/2026, a placeholder); its scores are still checked */
        if (node_has_block(n) && f->block == CTX_ASSESSMENT) ck_check_block(c, n->body, f->block, &(Assessment){ 0 });
        return;
    }
    ck_todo_marks(c, f, &s, obj);
    c->act(c, f, n, &s, obj);
}

void ck_check_block(Checker *c, const Node *body, Context ctx, void *obj) {
    const Node *seen[256] = { 0 };
    for (const Node *n = body; n; n = n->next) ck_check_stmt(c, n, ctx, obj, seen);
}
