/* edit.c — the edit of one member's file (import_edit; import.h).
 *
 * Each entry (one row at one time point) goes into the assessment of its
 * time point, the patient's own or, for a row that names a rater, that
 * rater's (`assessment post DATE rater "partner"`): a value the file lacks is added at the
 * end of the block, indented like the block's other lines; a value the
 * file has is left alone when it is the same, and is a conflict when not,
 * replaced only with force, unless it is a placeholder (<words>: no value,
 * filled in as if absent); an assessment the file lacks is added after
 * the assessments of earlier time points (or before later ones, or after
 * the patient's details; an informant's after the time point's others).
 * New statements are laid out by the formatter
 * (fmt_snippet) and spliced in (fmt_splice), so every other byte of the
 * file stays as it was; the result is then compiled as the member it is,
 * and must hold every imported value. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "format/splice.h"
#include "front/dates.h"
#include "front/parse.h"
#include "front/schema.h"
#include "import/import.h"

static const char *when_words[WHEN_COUNT] = { "pre", "post", "followup" };

/* The answers written on one line before a list goes on to the next. */
#define ITEMS_PER_LINE 15

typedef struct Edit { Splice s; int rank; } Edit;

typedef struct Editor {
    Arena *a;
    const ImportOptions *o;
    ImportMember *m;
    Source *src;
    Node *root;
    Edit *edits;
    int nedits, cap_edits;
    /* what the entry being edited changes, for the summary */
    int totals, replaced, filled;
    const char **answers;     /* the instruments whose answers are added */
    int nanswers, cap_answers;
    bool new_block;
    char *summary;         /* the entries edited so far */
    bool failed;           /* the file cannot be edited */
    bool conflicts;        /* values differ, and there is no force */
} Editor;

static void splice(Editor *ed, uint32_t off, uint32_t len, const char *text, int rank) {
    *(Edit *)arena_push(ed->a, &ed->edits, &ed->nedits, &ed->cap_edits, sizeof(Edit)) =
        (Edit){ { off, len, text }, rank };
}

/* ---- places in the file ------------------------------------------------ */

static uint32_t line_start(const Source *s, uint32_t off) {
    while (off > 0 && s->text[off - 1] != '\n') off--;
    return off;
}

/* The white space that begins the line holding off. */
static const char *indent_of(Editor *ed, uint32_t off) {
    uint32_t b = line_start(ed->src, off), e = b;
    while (e < ed->src->len && (ed->src->text[e] == ' ' || ed->src->text[e] == '\t')) e++;
    return arena_strndup(ed->a, ed->src->text + b, e - b);
}

/* The assessment of time point w by rater (NULL: the patient's own)
 * among the file's own statements, or NULL. */
static const Node *assessment_node(const Editor *ed, When w, const char *rater) {
    for (const Node *n = ed->root; n; n = n->next) {
        if (strcmp(n->name, "assessment") || n->nargs != (rater ? 4 : 2) || n->args->kind != VAL_NAME ||
            strcmp(n->args->text, when_words[w]))
            continue;
        if (!rater) return n;
        const Value *key = value_next(value_next(n->args)), *who = value_next(key);
        if (key->kind == VAL_NAME && !strcmp(key->text, "rater") && who->kind == VAL_STRING &&
            !strcmp(who->text, rater))
            return n;
    }
    return NULL;
}

/* The entry's time point in messages: "post", or "post by rater "partner"". */
static const char *at_when(Editor *ed, const Entry *e) {
    return e->rater ? arena_printf(ed->a, "%s by rater \"%s\"", when_words[e->when], e->rater)
                    : when_words[e->when];
}

/* The statement of block A named name (whose first argument is arg, when
 * given), or NULL. */
static const Node *in_block(const Node *A, const char *name, const char *arg) {
    for (const Node *n = A ? A->body : NULL; n; n = n->next)
        if (!strcmp(n->name, name) && (!arg || (n->args && !strcmp(n->args->text, arg)))) return n;
    return NULL;
}

/* ---- new text ------------------------------------------------------------ */

static const char *items_text(Editor *ed, const ItemAnswers *ans, bool wrap) {
    char *t = arena_printf(ed->a, "items %s", ans->instrument->id.s);
    for (int i = 0; i < ans->n; i++) {
        const char *v = ans->answered[i] ? arena_printf(ed->a, "%g", ans->value[i]) : "_";
        const char *sep = i == 0 ? " " : wrap && i % ITEMS_PER_LINE == 0 ? ",\n" : ", ";
        t = arena_printf(ed->a, "%s%s%s", t, sep, v);
    }
    return t;
}

/* The statements for an entry's values that the block lacks, one a line
 * (wrap: long lists of answers over several lines). */
typedef struct Lines { const char **s; int n, cap; } Lines;

static void add_line(Editor *ed, Lines *l, const char *s) {
    *(const char **)arena_push(ed->a, &l->s, &l->n, &l->cap, sizeof s) = s;
}

static char *join(Editor *ed, const Lines *l, const char *sep) {
    char *t = arena_strdup(ed->a, "");
    for (int i = 0; i < l->n; i++) t = arena_printf(ed->a, "%s%s%s", t, i ? sep : "", l->s[i]);
    return t;
}

/* ---- conflicts ------------------------------------------------------------ */

/* A value in the file differs from the export's (said says how): an
 * error unless force. A placeholder (<words>) is no value: the export
 * fills it in, force or not (placeholder). Returns whether to replace it. */
static bool conflict(Editor *ed, CellAt at, Loc in_file, bool placeholder, const char *said) {
    if (placeholder) {
        ed->filled++;
        return true;
    }
    if (!ed->o->force) {
        cell_report(DIAG_ERROR, at, "%s (--force replaces it)", said);
        diag_at(DIAG_NOTE, in_file, "the value in the file");
        ed->conflicts = true;
        if (!ed->o->preview) return false;
    }
    ed->replaced++;
    return true;
}

/* ---- one entry ------------------------------------------------------------ */

/* A score in the file's assessment of e's time point and rater for
 * scale, typed or from its answers. */
static const Score *file_score(const Editor *ed, const Entry *e, const char *scale) {
    const Assessment *as = model_assessment(ed->m->model, e->when, e->rater);
    for (int i = 0; as && i < as->nscores; i++)
        if (!strcmp(as->scores[i].scale->qualified, scale)) return &as->scores[i];
    return NULL;
}

/* The number of decimals a value is written with. */
static int decimals(const char *text) {
    const char *p = strchr(text, '.');
    return p ? (int)strlen(p + 1) : 0;
}

static double round_to(double v, int d) {
    double f = pow(10, d);
    return round(v * f) / f;
}

/* The entry's totals: compared with the file's, or new lines. */
static void edit_scales(Editor *ed, const Entry *e, const Node *A, Lines *lines) {
    for (int i = 0; i < e->nscales; i++) {
        const RowScale *rs = &e->scales[i];
        const char *now = cell_number_text(ed->a, rs->value);
        const Node *x = in_block(A, rs->scale->qualified, NULL);
        if (x && x->nargs == 1) {
            bool ph = x->args->kind == VAL_PLACEHOLDER;
            if (!ph && fabs(x->args->num - rs->value) < 1e-9) continue;
            if (conflict(ed, rs->at, x->loc, ph, arena_printf(ed->a, "%s has %s %s at %s; the export says %s",
                         ed->m->path, rs->scale->qualified, x->args->text, at_when(ed, e), now)))
                splice(ed, x->args->loc.off, x->args->loc.len, now, 0);
            continue;
        }
        const Score *fs = A ? file_score(ed, e, rs->scale->qualified) : NULL;
        if (fs && fs->items_of) {                 /* the file scores it from its answers */
            if (fabs(round_to(fs->value, decimals(now)) - rs->value) < 1e-9) continue;
            cell_report(DIAG_ERROR, rs->at, "the answers in %s give %s %g at %s, not %s: change the "
                        "answers, in the file or in the export", ed->m->path, rs->scale->qualified, fs->value,
                        at_when(ed, e), now);
            diag_at(DIAG_NOTE, fs->loc, "the answers in the file");
            ed->failed = true;
            continue;
        }
        add_line(ed, lines, arena_printf(ed->a, "%s %s", rs->scale->qualified, now));
        ed->totals++;
    }
}

/* Totals typed in block A for the scales that answers score: they must
 * agree with the new answers (with force, they take their value). */
static void edit_typed_totals(Editor *ed, const Node *A, const Entry *e, const RowItems *ri) {
    const Instrument *in = ri->answers.instrument;
    for (int j = 0; j < in->nscales; j++) {
        const Scale *sc = &in->scales[j];
        const Node *x = in_block(A, sc->qualified, NULL);
        double v;
        int answered;
        if (!x || x->nargs != 1 || !model_score_items(sc, &ri->answers, &v, &answered)) continue;
        bool ph = x->args->kind == VAL_PLACEHOLDER;
        int d = ph ? 2 : decimals(x->args->text);
        if (!ph && fabs(round_to(v, d) - x->args->num) < 1e-9) continue;
        const char *now = cell_number_text(ed->a, round_to(v, 2));
        if (conflict(ed, ri->at[0], x->loc, ph, arena_printf(ed->a, "%s has %s %s at %s, but the answers to %s "
                     "in this row give %s", ed->m->path, sc->qualified, x->args->text, at_when(ed, e),
                     in->id.s, now)))
            splice(ed, x->args->loc.off, x->args->loc.len, now, 0);
    }
}

/* The entry's answers: compared with the file's, or new lines. */
static void edit_items(Editor *ed, const Entry *e, const Node *A, Lines *lines) {
    for (int i = 0; i < e->nitems; i++) {
        const RowItems *ri = &e->items[i];
        const ItemAnswers *ans = &ri->answers;
        const Node *y = in_block(A, "items", ans->instrument->id.s);
        if (A) edit_typed_totals(ed, A, e, ri);
        if (!y) {
            add_line(ed, lines, items_text(ed, ans, true));
            *(const char **)arena_push(ed->a, &ed->answers, &ed->nanswers, &ed->cap_answers,
                                       sizeof(char *)) = ans->instrument->id.s;
            continue;
        }
        /* the first answer that differs and is not a placeholder */
        int k = 0, differs = -1, placeholders = 0;
        const Value *v = value_next(y->args);
        for (; v && k < ans->n; v = value_next(v), k++) {
            bool answered = v->kind == VAL_NUMBER;
            if (v->kind == VAL_PLACEHOLDER) placeholders++;
            else if (answered != ans->answered[k] || (answered && fabs(v->num - ans->value[k]) > 1e-9)) {
                if (differs < 0) differs = k;
            }
        }
        for (const Value *rest = v; rest; rest = value_next(rest)) placeholders += rest->kind == VAL_PLACEHOLDER;
        if (differs < 0 && !placeholders && !v && k == ans->n) continue;
        /* answers of a different number: a conflict unless placeholders stand for them */
        bool filling = differs < 0 && placeholders;
        if (differs < 0) differs = 0;
        const Value *old = value_next(y->args);
        for (int j = 0; old && j < differs; j++) old = value_next(old);
        const char *was = old ? old->text : "?";
        const char *now = ans->answered[differs] ? arena_printf(ed->a, "%g", ans->value[differs]) : "_";
        if (filling) ed->filled += placeholders - 1;       /* conflict() counts one */
        if (!conflict(ed, ri->at[differs], old ? old->loc : y->loc, filling,
                      arena_printf(ed->a, "%s has %s for item %d of %s at %s; the export says %s", ed->m->path,
                                   was, differs + 1, ans->instrument->id.s, at_when(ed, e), now)))
            continue;
        /* the whole statement, laid out again */
        const char *ind = indent_of(ed, y->loc.off);
        char *t = fmt_snippet(ed->a, items_text(ed, ans, true), ind);
        if (!t) {
            ed->failed = true;
            continue;
        }
        size_t n = strlen(t);
        if (n && t[n - 1] == '\n') t[n - 1] = '\0';
        splice(ed, y->loc.off, y->loc.len, t + strlen(ind), 0);
    }
}

/* Adds lines to the existing block A. */
static void add_to_block(Editor *ed, const Node *A, const Lines *lines, int rank) {
    const Source *s = ed->src;
    uint32_t close = A->loc.off + A->loc.len - 1;          /* its '}' */
    const Node *last = A->body;
    while (last && last->next) last = last->next;
    if (!last) {
        const char *ind = indent_of(ed, A->loc.off);
        const char *inner = arena_printf(ed->a, "%s    ", ind);
        char *t = fmt_snippet(ed->a, join(ed, lines, "\n"), inner);
        if (!t) { ed->failed = true; return; }
        uint32_t brace = node_block_loc(A).off;
        const char *nl = memchr(s->text + brace, '\n', close - brace);
        if (nl) splice(ed, (uint32_t)(nl - s->text) + 1, 0, t, rank);
        else splice(ed, brace, close + 1 - brace, arena_printf(ed->a, "{\n%s%s}", t, ind), rank);
        return;
    }
    uint32_t e = last->loc.off + last->loc.len;
    while (e < close && s->text[e] != '\n' && s->text[e] != '#') e++;
    if (e == close) {                                      /* a block on one line */
        Lines flat = { 0 };
        for (int i = 0; i < lines->n; i++) {
            char *l = arena_strdup(ed->a, lines->s[i]);
            for (char *p = l; *p; p++)
                if (*p == '\n') *p = ' ';
            *(const char **)arena_push(ed->a, &flat.s, &flat.n, &flat.cap, sizeof l) = l;
        }
        splice(ed, last->loc.off + last->loc.len, 0, arena_printf(ed->a, "; %s", join(ed, &flat, "; ")), rank);
        return;
    }
    while (e < s->len && s->text[e] != '\n') e++;
    char *t = fmt_snippet(ed->a, join(ed, lines, "\n"), indent_of(ed, last->loc.off));
    if (!t) { ed->failed = true; return; }
    splice(ed, e + 1, 0, t, rank);
}

/* Where a new assessment of time point w goes: after the last one of an
 * earlier time point (or, for an informant's, of the same time point),
 * before the first of a later one, or after the patient's details;
 * *before says which side of the statement. */
static const Node *anchor(const Editor *ed, When w, bool informant, bool *before) {
    const Node *after = NULL, *first_later = NULL, *header = NULL;
    for (const Node *n = ed->root; n; n = n->next) {
        if (!strcmp(n->name, "assessment") && n->nargs >= 1 && n->args->kind == VAL_NAME) {
            int k = 0;
            while (k < WHEN_COUNT && strcmp(n->args->text, when_words[k])) k++;
            if (k < (int)w || (informant && k == (int)w)) after = n;
            else if (k > (int)w && !first_later) first_later = n;
        }
        static const char *const heads[] = { "patient", "clinician", "group", "status", "language", NULL };
        for (int h = 0; heads[h]; h++)
            if (!strcmp(n->name, heads[h])) header = n;
    }
    *before = !after && first_later;
    return after ? after : first_later ? first_later : header;
}

static void add_assessment(Editor *ed, const Entry *e, const Lines *lines) {
    const Source *s = ed->src;
    const char *rater = e->rater ? arena_printf(ed->a, " rater \"%s\"", e->rater) : "";
    char *block = fmt_snippet(ed->a, arena_printf(ed->a, "assessment %s %04d-%02d-%02d%s {\n%s\n}\n",
                                                  when_words[e->when], e->date.y, e->date.m, e->date.d,
                                                  rater, join(ed, lines, "\n")), "");
    if (!block) { ed->failed = true; return; }
    ed->new_block = true;
    bool before;
    const Node *at = anchor(ed, e->when, e->rater != NULL, &before);
    if (!at) {                                             /* the end of the file */
        bool nl = s->len && s->text[s->len - 1] == '\n';
        splice(ed, s->len, 0, arena_printf(ed->a, "%s%s%s", nl || !s->len ? "" : "\n", s->len ? "\n" : "", block),
               (int)e->when);
        return;
    }
    if (before) {
        splice(ed, line_start(s, at->loc.off), 0, arena_printf(ed->a, "%s\n", block), (int)e->when);
        return;
    }
    uint32_t end = at->loc.off + at->loc.len;
    while (end < s->len && s->text[end] != '\n') end++;
    if (end == s->len) splice(ed, end, 0, arena_printf(ed->a, "\n\n%s", block), (int)e->when);
    else splice(ed, end + 1, 0, arena_printf(ed->a, "\n%s", block), (int)e->when);
}

/* Adds what the entry changed to the summary: "post: new assessment with
 * 2 totals and the answers to swls; pre: 1 value replaced". */
static void summarise(Editor *ed, const Entry *e) {
    if (!ed->totals && !ed->nanswers && !ed->replaced && !ed->filled) return;
    char *what = arena_strdup(ed->a, "");
    if (ed->totals)
        what = arena_printf(ed->a, "%d total%s", ed->totals, ed->totals == 1 ? "" : "s");
    for (int i = 0; i < ed->nanswers; i++)
        what = arena_printf(ed->a, "%s%s%s", what,
                            i == 0 ? (*what ? " and the answers to " : "the answers to ")
                            : i + 1 == ed->nanswers ? " and " : ", ", ed->answers[i]);
    if (ed->new_block) what = arena_printf(ed->a, "new assessment with %s", what);
    else if (*what) what = arena_printf(ed->a, "%s added", what);
    if (ed->filled)
        what = arena_printf(ed->a, "%s%s%d placeholder%s filled in", what, *what ? ", " : "", ed->filled,
                            ed->filled == 1 ? "" : "s");
    if (ed->replaced)
        what = arena_printf(ed->a, "%s%s%d value%s replaced", what, *what ? ", " : "", ed->replaced,
                            ed->replaced == 1 ? "" : "s");
    ed->summary = arena_printf(ed->a, "%s%s%s: %s", ed->summary, *ed->summary ? "; " : "", at_when(ed, e), what);
}

static void edit_entry(Editor *ed, const Entry *e) {
    ed->totals = ed->replaced = ed->filled = ed->nanswers = 0;
    ed->new_block = false;
    const Assessment *ma = model_assessment(ed->m->model, e->when, e->rater);
    const Node *A = assessment_node(ed, e->when, e->rater);
    if (ma && (!A || ma->loc.src != ed->m->model->main)) {
        cell_report(DIAG_ERROR, e->id_at, "the %s assessment of %s is in a file it includes (%s); formc "
                    "import writes only the member's own file", at_when(ed, e), ed->m->path,
                    ma->loc.src->path);
        ed->failed = true;
        return;
    }
    Lines lines = { 0 };
    edit_scales(ed, e, A, &lines);
    edit_items(ed, e, A, &lines);
    if (A) {
        const Value *d = value_next(A->args);
        bool ph = d->kind == VAL_PLACEHOLDER;
        if (ph && !e->has_date) {
            cell_report(DIAG_ERROR, e->id_at, "the %s assessment of %s is still dated %s, and this row gives "
                        "no date for it (the day the questionnaires were answered)", at_when(ed, e),
                        ed->m->path, d->text);
            diag_at(DIAG_NOTE, d->loc, "the placeholder");
            ed->failed = true;
            return;
        }
        const char *now = arena_printf(ed->a, "%04d-%02d-%02d", e->date.y, e->date.m, e->date.d);
        if (e->has_date && (ph || strcmp(d->text, now)) &&
            conflict(ed, e->date_at, d->loc, ph, arena_printf(ed->a, "%s has the %s assessment dated %s; the "
                     "export says %s", ed->m->path, at_when(ed, e), d->text, now)))
            splice(ed, d->loc.off, d->loc.len, now, 0);
        if (lines.n) add_to_block(ed, A, &lines, (int)e->when);
        return;
    }
    if (!lines.n) return;
    if (!e->has_date) {
        cell_report(DIAG_ERROR, e->id_at, "%s has no %s assessment yet, and this row gives no date for "
                    "one (the day the questionnaires were answered)", ed->m->path, at_when(ed, e));
        ed->failed = true;
        return;
    }
    add_assessment(ed, e, &lines);
}

/* The dates of the patient's own time points after the edit run forward
 * (an informant's are held to it when the edited file is checked). */
static void check_dates(Editor *ed) {
    Date final[WHEN_COUNT] = { { 0 } };
    const Entry *from[WHEN_COUNT] = { 0 };
    Loc in_file[WHEN_COUNT] = { { 0 } };
    for (int w = 0; w < WHEN_COUNT; w++) {
        const Assessment *ma = model_assessment(ed->m->model, (When)w, NULL);
        if (ma) final[w] = ma->date, in_file[w] = ma->date.loc;
    }
    for (const Entry *e = ed->m->entries; e; e = e->next)
        if (e->has_date && !e->rater) final[e->when] = e->date, from[e->when] = e;
    for (int a = 0; a < WHEN_COUNT; a++)
        for (int b = a + 1; b < WHEN_COUNT; b++) {
            if (!final[a].set || !final[b].set || date_days(final[a]) <= date_days(final[b])) continue;
            if (!from[a] && !from[b]) continue;
            const Entry *e = from[b] ? from[b] : from[a];
            char iso_a[11], iso_b[11];
            cell_report(DIAG_ERROR, e->date_at, "the %s assessment of %s would be dated %s, "
                        "after its %s assessment (%s): pre, post and follow-up run forward",
                        when_words[a], ed->m->path, date_iso(final[a], iso_a), when_words[b],
                        date_iso(final[b], iso_b));
            const Entry *other = e == from[b] ? from[a] : from[b];
            if (other) cell_report(DIAG_NOTE, other->date_at, "the %s date", when_words[other->when]);
            else diag_at(DIAG_NOTE, in_file[e == from[b] ? a : b], "in the file");
            ed->failed = true;
        }
}

/* t with each line end written CR LF. */
static const char *with_crlf(Arena *a, const char *t) {
    size_t n = strlen(t), lines = 0;
    for (size_t i = 0; i < n; i++) lines += t[i] == '\n';
    char *out = arena_alloc(a, n + lines + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '\n') out[o++] = '\r';
        out[o++] = t[i];
    }
    return out;
}

static int by_place(const void *x, const void *y) {
    const Edit *a = x, *b = y;
    if (a->s.off != b->s.off) return a->s.off < b->s.off ? -1 : 1;
    return a->rank - b->rank;
}

/* Whether the compiled new file holds every value the entries bring. */
static bool holds_entries(const Model *nm, const Entry *entries) {
    for (const Entry *e = entries; e; e = e->next) {
        const Assessment *as = model_assessment(nm, e->when, e->rater);
        if (!as) {
            if (e->nscales || e->nitems) return false;
            continue;
        }
        for (int i = 0; i < e->nscales; i++) {
            bool found = false;
            for (int k = 0; k < as->nscores && !found; k++)
                found = !strcmp(as->scores[k].scale->qualified, e->scales[i].scale->qualified) &&
                        fabs(as->scores[k].value - e->scales[i].value) < 1e-9;
            if (!found) return false;
        }
        for (int i = 0; i < e->nitems; i++) {
            const ItemAnswers *want = &e->items[i].answers;
            const ItemAnswers *got = NULL;
            for (int k = 0; k < as->nanswers && !got; k++)
                if (!strcmp(as->answers[k].instrument->id.s, want->instrument->id.s)) got = &as->answers[k];
            if (!got || got->n != want->n) return false;
            for (int k = 0; k < want->n; k++)
                if (got->answered[k] != want->answered[k] || (want->answered[k] && got->value[k] != want->value[k]))
                    return false;
        }
    }
    return true;
}

/* Works out the edit in the scratch arena a; the new text goes to m. */
static void edit_member(Session *s, Arena *a, Arena *keep, const ImportOptions *o, ImportMember *m) {
    Editor ed = { .a = a, .o = o, .m = m, .src = m->src };
    int errors;
    bool complete;
    diag_mute(true);
    ed.root = parse_source(a, m->src, &errors, &complete);
    diag_mute(false);
    m->changed = false;
    if (!m->entries) return;
    /* the entries in the order of their time points, the patient's own
     * before the informants' (in the export's order) */
    Entry *sorted = NULL;
    for (Entry *e = m->entries, *next; e; e = next) {
        next = e->next;
        Entry **at = &sorted;
        while (*at && ((*at)->when < e->when || ((*at)->when == e->when && (e->rater || !(*at)->rater))))
            at = &(*at)->next;
        e->next = *at;
        *at = e;
    }
    m->entries = sorted;
    ed.summary = arena_strdup(a, "");
    for (const Entry *e = m->entries; e; e = e->next) {
        edit_entry(&ed, e);
        summarise(&ed, e);
    }
    check_dates(&ed);
    if (ed.failed || (ed.conflicts && !o->preview) || !ed.nedits) return;
    qsort(ed.edits, (size_t)ed.nedits, sizeof *ed.edits, by_place);
    /* insertions at one place become one, in the order of their time points */
    Splice *sp = arena_alloc(a, sizeof *sp * (size_t)ed.nedits);
    int n = 0;
    for (int i = 0; i < ed.nedits; i++) {
        const Splice *x = &ed.edits[i].s;
        if (n && !x->len && !sp[n - 1].len && sp[n - 1].off == x->off)
            sp[n - 1].text = arena_printf(a, "%s%s", sp[n - 1].text, x->text);
        else
            sp[n++] = *x;
    }
    char *text;
    size_t len;
    /* a file written with CR LF line ends keeps them */
    const char *nl = memchr(m->src->text, '\n', m->src->len);
    if (nl && nl > m->src->text && nl[-1] == '\r')
        for (int i = 0; i < n; i++) sp[i].text = with_crlf(a, sp[i].text);
    if (fmt_splice(a, m->src, sp, n, &text, &len) != FMT_OK) return;
    /* the new file, compiled as the member it is, must check and hold it all */
    CompileOptions co = { .purpose = NEED_REPORT | NEED_LETTER, .group = m->group };
    CompileStatus st;
    diag_mute(true);
    Model *nm = compile_source(s, a, source_from_bytes(a, m->path, text, len), &co, &st);
    diag_mute(false);
    if (st != COMPILE_OK) {
        diag_file(DIAG_ERROR, m->path, "after the import this file would not check, so it is left as it "
                  "is; what formc check would say of it:");
        compile_source(s, a, source_from_bytes(a, arena_printf(a, "%s (as imported)", m->path), text, len),
                       &co, &st);
        return;
    }
    if (!holds_entries(nm, m->entries)) {
        diag_file(DIAG_ERROR, m->path, "internal error: the edited file does not hold the imported "
                  "values, so it is left as it is; please report this");
        return;
    }
    m->changed = true;
    m->text = arena_strndup(keep, text, len);
    m->len = len;
    m->summary = arena_strdup(keep, ed.summary);
}

void import_edit(Session *s, Arena *a, const ImportOptions *o, ImportMember *m) {
    Arena scratch = { 0 };
    edit_member(s, &scratch, a, o, m);
    arena_free(&scratch);
}
