/* placeholders.c — values still to be written. A placeholder, <words>,
 * stands where a statement takes a value of any type (docs/language.md):
 * the skeletons formc new writes hold one wherever the clinician has a
 * value to write, so no skeleton's wording can reach a document as if it
 * were the clinician's. The walker (walk.c) hands over each statement
 * holding one; this pass records it in the model, decides whether the
 * statement can still be carried out without the value, and reports every
 * placeholder at its place once the file's status is known:
 *
 *   in a formulation     an error when it is final, a warning in a draft
 *                        (its documents show "to be completed" there, or
 *                        leave out what cannot be shown so);
 *   in its group file    an error for a final member (its documents need
 *                        the group whole); for a draft, a warning when it
 *                        is checked on its own, and otherwise the group's
 *                        (compile_group_placeholders) once every member
 *                        is known to be a draft (or for a group given
 *                        with --group);
 *   in any other file    a warning (a clinic's file: what uses it decides).
 *
 * Instrument files and import maps have no draft: there a placeholder is
 * an error of the walker's. */
#include <glib.h>
#include <string.h>
#include "front/checker.h"
#include "front/compile.h"
#include "base/diag.h"

/* the most of a placeholder's words a message repeats (the caret shows all) */
enum { WORDS_SHOWN = 60 };

/* Whether f's action can be carried out with a placeholder for a value:
 * it then stores a text not written yet, a date not set, or nothing. */
static bool acts_without_values(const Field *f) {
    switch (f->action) {
    case VALUE_TEXT: case VALUE_DATE: case VALUE_INT: case BLOCK_ONLY: case H_INCLUDE:
    case H_LEADER: case H_GOAL:
        return true;
    default:
        return false;
    }
}

/* Whether the model's value at slot names a file or folder, not words a
 * document prints: the group file, the logo, the templates, the group's
 * code (a folder's name). */
static bool names_a_file(size_t slot) {
    return slot == offsetof(Model, f.group_file) || slot == offsetof(Model, clinic.logo) ||
           slot == offsetof(Model, clinic.templates) || slot == offsetof(Model, g.code);
}

/* Whether a document shows a placeholder of f as "to be completed": the
 * texts documents print, the group's first day and weeks. A file's name,
 * the group's code (a folder's name), a choice of words (en|fr) and a
 * birth date (the report gives the age) are left out instead. */
static bool shown(const Field *f, const char *type, size_t slot) {
    if (slot == offsetof(Model, g.starts) || slot == offsetof(Model, g.weeks)) return true;
    return !strcmp(type, "str") && !names_a_file(slot) && acts_without_values(f) && f->action != H_INCLUDE;
}

/* What a placeholder in argument slot k of statement n stands in for, in
 * words: "the clinician", "'place' in the group block", "the score of
 * hfmps.self_oriented", "the week the patient left". A statement of a
 * file's top level that names a thing is that thing; the arguments of a
 * statement that takes several are named each. */
static const char *field_words(Arena *a, const Field *f, Context ctx, const Node *n, int k) {
    static const char *const things[] = { "patient", "clinician", "group", "clinic", "status",
                                          "language", "assessment", "goal" };
    static const struct { Context ctx; const char *name; int slot; const char *words; } args[] = {
        { CTX_FILE, "assessment", 1, "the date of the assessment" },
        { CTX_FILE, "assessment", 2, "the rater of the assessment" },
        { CTX_FILE, "left", 1, "the week the patient left" },
        { CTX_FILE, "left", 2, "the reason the patient left" },
        { CTX_FILE, "attended", 0, "the weeks attended" },
        { CTX_GOAL, "target", 0, "the scale of the goal's target" },
        { CTX_GOAL, "target", 1, "the score of the goal's target" },
        { CTX_GOAL, "by", 1, "the week of the goal" },
    };
    if (f->name[0] == '*') return arena_printf(a, diag_tr("the score of %s"), n->name);
    for (size_t i = 0; i < sizeof args / sizeof *args; i++)
        if (args[i].ctx == ctx && args[i].slot == k && !strcmp(args[i].name, n->name)) return diag_tr(args[i].words);
    if (ctx != CTX_FILE) return arena_printf(a, diag_tr("'%s' in %s"), n->name, context_name(ctx));
    for (size_t i = 0; i < sizeof things / sizeof *things; i++)
        if (!strcmp(n->name, things[i])) return arena_printf(a, diag_tr("the %s"), n->name);
    return arena_printf(a, "'%s'", n->name);
}

bool ck_record_placeholders(Checker *c, const Field *f, Context ctx, const Node *n, const Slots *s,
                            const void *obj) {
    /* the model's own value (its first argument), where documents look for it */
    bool own = obj == c->m && (f->action == VALUE_TEXT || f->action == VALUE_DATE ||
                               f->action == VALUE_INT || f->action == H_WEEKS);
    for (int k = 0; k < MAX_SLOTS; k++) {
        const Value *v = s->v[k];
        for (int i = 0; v && i < (s->count[k] ? s->count[k] : 1); i++, v = value_next(v)) {
            if (v->kind != VAL_PLACEHOLDER) continue;
            size_t slot = own && k == 0 ? f->offset : 0;
            Placeholder *p = arena_push(c->a, &c->m->placeholders, &c->m->nplaceholders,
                                        &c->m->cap_placeholders, sizeof *p);
            *p = (Placeholder){ v->loc, field_words(c->a, f, ctx, n, k), s->expects[k], slot,
                                shown(f, s->types[k], slot) };
        }
    }
    return acts_without_values(f);
}

/* The note a clinician leaves in a text to come back to, in the n bytes
 * of p (a text as its file writes it, quotes and all): one of these words
 * in capitals, a whole word, or "lorem ipsum" (filler text pasted in).
 * Its offset in *at and length in *len; false when there is none. */
static bool todo_word(const char *p, size_t n, size_t *at, size_t *len) {
    static const char *const words[] = { "TODO", "FIXME", "TBD", "TBC", "TBA", "XXX", "XXXX",
                                         "A COMPLETER", "À COMPLÉTER", "À FAIRE", "lorem ipsum", "Lorem ipsum" };
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (g_ascii_isalnum(p[i - 1]) || (p[i - 1] & 0x80))) continue;   /* not a word's start */
        for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
            size_t k = strlen(words[w]);
            if (k > n - i || memcmp(p + i, words[w], k)) continue;
            if (i + k < n && (g_ascii_isalnum(p[i + k]) || (p[i + k] & 0x80))) continue;   /* nor its end */
            *at = i;
            *len = k;
            return true;
        }
    }
    return false;
}

/* Whether text is no words at all: only dots, question marks, dashes,
 * stars, underscores or an ellipsis ("...", "?", "-"), or words in square
 * brackets ("[write this]"): a place kept for words to come. */
static bool no_words(const char *text) {
    while (*text && g_ascii_isspace(*text)) text++;
    size_t n = strlen(text);
    while (n && g_ascii_isspace(text[n - 1])) n--;
    if (n >= 2 && text[0] == '[' && text[n - 1] == ']') return true;
    for (size_t i = 0; i < n; i++)
        if (!strchr(".?-*_", text[i]) && strncmp(text + i, "…", strlen("…")) && strncmp(text + i, "–", strlen("–")))
            return false;
        else if (text[i] & 0x80)
            i += 2;                     /* the rest of "…" or "–" */
    return n > 0;
}

void ck_todo_marks(Checker *c, const Field *f, const Slots *s, const void *obj) {
    size_t slot = obj == c->m && f->action == VALUE_TEXT ? f->offset : 0;
    if (names_a_file(slot) || f->action == H_INCLUDE || f->ctx == CTX_IMPORT) return;   /* an export's columns */
    const char *who = diag_tr(f->ctx == CTX_LETTER ? "the patient's letter" : "the documents");
    for (int k = 0; k < MAX_SLOTS; k++)
        for (const Value *v = s->v[k]; v && v->kind == VAL_STRING; v = s->count[k] ? value_next(v) : NULL) {
            size_t at, len;
            if (todo_word(v->loc.src->text + v->loc.off, v->loc.len, &at, &len)) {
                Loc mark = { v->loc.src, v->loc.off + (uint32_t)at, (uint32_t)len };
                ck_warning(c, mark, "'%.*s' looks like a note left to come back to: %s would print it as "
                           "written (write what is meant; a value still to be written is a placeholder, "
                           "<words>, which formc check tells until it is replaced)",
                           (int)len, v->loc.src->text + mark.off, who);
            } else if (no_words(v->text)) {
                ck_warning(c, v->loc, "this text holds no words, only \"%s\": %s would print it as written "
                           "(write what is meant; a value still to be written is a placeholder, <words>, which "
                           "formc check tells until it is replaced)", v->text, who);
            }
        }
}

/* How a placeholder's file stands: what its report says after the fix. */
typedef enum {
    OWN_FINAL,         /* in a final formulation */
    OWN_DRAFT,         /* in a draft, or a file that is neither */
    GROUP_FINAL,       /* in the group file of a final member */
    GROUP_DRAFTS,      /* in a group file whose members are all drafts */
} Standing;

/* Reports placeholder p of a file that stands as st: an error when its
 * documents are final, else a warning saying what they show meanwhile. */
static void report(Checker *c, const Placeholder *p, Standing st) {
    int len = (int)p->loc.len;
    const char *words = p->loc.src->text + p->loc.off, *more = "";
    if (len > WORDS_SHOWN) {            /* cut at a character's start */
        len = WORDS_SHOWN;
        while (len > 1 && (words[len] & 0xC0) == 0x80) len--;
        more = "...>";
    }
    const char *meanwhile = diag_tr(p->shown ? "shown as \"to be completed\"" : "left out of the documents until then");
    switch (st) {
    case OWN_FINAL:
        ck_error(c, p->loc, "%s still holds the placeholder %.*s%s: replace it, brackets and all, with %s",
                 p->field, len, words, more, p->expects);
        break;
    case GROUP_FINAL:
        ck_error(c, p->loc, "%s still holds the placeholder %.*s%s: replace it, brackets and all, with %s "
                 "(a member of the group is final)", p->field, len, words, more, p->expects);
        break;
    case OWN_DRAFT:
    case GROUP_DRAFTS:
        ck_warning(c, p->loc, "%s still holds the placeholder %.*s%s: replace it, brackets and all, with %s "
                   "(%s: %s)", p->field, len, words, more, p->expects,
                   diag_tr(st == OWN_DRAFT ? "draft" : "every member is a draft"), meanwhile);
        break;
    }
}

void ck_placeholders(Checker *c, const Model *group) {
    const Model *m = c->m;
    bool formulation = model_is_formulation(m);
    if (model_is_group(m) && !formulation) return;        /* its members decide */
    bool final = formulation && !m->f.draft;
    for (int i = 0; i < m->nplaceholders; i++) report(c, &m->placeholders[i], final ? OWN_FINAL : OWN_DRAFT);
    /* a draft checked as a member leaves its group's to the group */
    if (!formulation || !group || group == m || (!final && c->group)) return;
    for (int i = 0; i < group->nplaceholders; i++)
        report(c, &group->placeholders[i], final ? GROUP_FINAL : OWN_DRAFT);
}

int compile_group_placeholders(const Model *g, bool final) {
    Checker c = { .errors = 0 };
    for (int i = 0; i < g->nplaceholders; i++) report(&c, &g->placeholders[i], final ? GROUP_FINAL : GROUP_DRAFTS);
    return c.errors;
}
