/* expand.c — the template engine's middle pass: the tree of nodes walked
 * with the data.
 *
 * Promises: every name is looked up in the data in taken and untaken
 * branches alike, so a misspelt name is an error even where the data
 * does not print it today, with a "did you mean" from base/suggest (once
 * per place in the template, not once per loop item). A name the data
 * knows with no value is false in {{#if}} and an error only when printed;
 * a value of the wrong kind (a list printed, text looped over) is an
 * error. Taken branches hand wording and values to the builder (build.c)
 * in order. The walk stops after TEMPLATE_MAX_STEPS nodes.
 * May touch: the data (read only), the template (read only) and the
 * document being built. */
#include "template/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/suggest.h"

typedef struct {
    const Template *t;
    const TValue *root;
    Reporter r;
    unsigned char *reported;         /* per node: problem reported */
    struct Loop {
        const TValue *item;          /* NULL when only checking names */
        int index, count;
        TValue first, last, number;
        char numbuf[16];
    } loops[TEMPLATE_MAX_DEPTH + 1];
    int nloops;
    long steps;
    Builder *b;
} Expander;

/* The place of node n in the template: its text, or its whole tag. */
static Loc node_at(const Expander *ex, const Node *n) { return tmpl_at(ex->t, n->off, n->len); }

/* Offers every dotted path of the maps under v (prefixed) as a candidate
 * for "did you mean"; the paths are written in a (the candidates must live
 * until the suggestion is read). At most MAX_CANDIDATES are offered. */
enum { MAX_CANDIDATES = 2000 };
static void offer_paths(const TValue *v, const char *prefix, Suggest *sg,
                        Arena *a, int depth, int *offered) {
    if (!v || v->kind != TV_MAP || depth > 8) return;
    for (int i = 0; i < v->n && *offered < MAX_CANDIDATES; i++) {
        char *path = *prefix ? arena_printf(a, "%s.%s", prefix, v->keys[i])
                             : arena_strdup(a, v->keys[i]);
        suggest_offer(sg, path);
        ++*offered;
        offer_paths(v->items[i], path, sg, a, depth + 1, offered);
    }
}

/* Reports an unknown name once per node, with a suggestion. */
static void unknown_name(Expander *ex, const Node *n, const char *why) {
    if (ex->reported[n->id]) return;
    ex->reported[n->id] = 1;
    Arena paths = {0};
    Suggest sg;
    suggest_init(&sg, n->name);
    int offered = 0;
    if (!strncmp(n->name, "this.", 5)) {
        const TValue *item = ex->nloops ? ex->loops[ex->nloops - 1].item
                                        : NULL;
        offer_paths(item, "this", &sg, &paths, 0, &offered);
    } else {
        offer_paths(ex->root, "", &sg, &paths, 0, &offered);
    }
    const char *s = suggest_result(&sg);
    if (why)
        tmpl_problem(&ex->r, node_at(ex, n), "'%s': %s", n->name, why);
    else if (s)
        tmpl_problem(&ex->r, node_at(ex, n), "unknown name '%s'; did you mean '%s'?",
                     n->name, s);
    else
        tmpl_problem(&ex->r, node_at(ex, n), "unknown name '%s' (docs/templates.md "
                     "lists the names a document provides)", n->name);
    arena_free(&paths);
}

/* Finds a name's value. Returns 1 when the data knows the name (*out may
 * then be NULL: known but absent, or not knowable while only checking),
 * 0 after reporting that it does not. */
static int lookup(Expander *ex, const Node *n, const TValue **out) {
    const char *name = n->name;
    *out = NULL;
    if (name[0] == '@') {
        if (!ex->nloops) return 1;
        struct Loop *l = &ex->loops[ex->nloops - 1];
        if (!l->item) return 1;
        *out = !strcmp(name, "@first") ? &l->first
             : !strcmp(name, "@last") ? &l->last : &l->number;
        return 1;
    }
    const TValue *cur = ex->root;
    const char *p = name;
    if (!strcmp(name, "this") || !strncmp(name, "this.", 5)) {
        cur = ex->nloops ? ex->loops[ex->nloops - 1].item : NULL;
        if (!cur) return 1;
        if (!name[4]) {
            *out = cur;
            return 1;
        }
        p = name + 5;
    }
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (!cur) return 1; /* below an absent value: nothing to check */
        if (cur->kind != TV_MAP) {
            char why[320];
            snprintf(why, sizeof why, "'%.*s' is %s and has no fields",
                     (int)(p - name - 1), name,
                     cur->kind == TV_TEXT ? "text" : cur->kind == TV_LIST
                     ? "a list" : "yes/no");
            unknown_name(ex, n, why);
            return 0;
        }
        int i = tv_map_find(cur, p, len);
        if (i < 0) {
            unknown_name(ex, n, NULL);
            return 0;
        }
        cur = cur->items[i];
        if (!dot) break;
        p = dot + 1;
    }
    *out = cur;
    return 1;
}

/* The truth of a value in {{#if}}: absent, no, empty or blank text and
 * empty lists are false. */
static int truthy(const TValue *v) {
    if (!v) return 0;
    switch (v->kind) {
    case TV_BOOL: return v->yes;
    case TV_LIST: return v->n > 0;
    case TV_MAP: return 1;
    case TV_TEXT:
        for (const char *s = v->text; *s; s++)
            if (!is_space(*s)) return 1;
        return 0;
    }
    return 0;
}

/* Reports a problem with a name once per node. */
static void node_error(Expander *ex, const Node *n, const char *fmt,
                       const char *arg) {
    if (ex->reported[n->id]) return;
    ex->reported[n->id] = 1;
    tmpl_problem(&ex->r, node_at(ex, n), fmt, arg, arg);
}

static void walk(Expander *ex, const Node *n, int emit);

/* Walks an {{#each}}: the body once per item when emitting, once with no
 * item (names checked only) otherwise. */
static void walk_each(Expander *ex, const Node *n, int emit) {
    const TValue *v;
    int known = lookup(ex, n, &v);
    int count = 0;
    if (known && v && v->kind != TV_LIST) {
        node_error(ex, n, "'%s' is not a list; {{#each}} needs a list", n->name);
        known = 0;
    }
    if (known && v) count = v->n;
    struct Loop *l = &ex->loops[ex->nloops++];
    memset(l, 0, sizeof *l);
    l->count = count;
    l->first.kind = l->last.kind = TV_BOOL;
    l->number.kind = TV_TEXT;
    l->number.text = l->numbuf;
    if (emit && count > 0) {
        for (int i = 0; i < count && !ex->r.stopped; i++) {
            l->item = v->items[i];
            l->index = i;
            l->first.yes = i == 0;
            l->last.yes = i == count - 1;
            snprintf(l->numbuf, sizeof l->numbuf, "%d", i + 1);
            l->number.origin = LOC_NONE;
            if (l->item) walk(ex, n->body, 1);
        }
    } else {
        l->item = NULL;
        walk(ex, n->body, 0);
    }
    ex->nloops--;
    walk(ex, n->alt, emit && count == 0);
}

/* Walks a list of nodes; emit says whether this branch is taken. */
static void walk(Expander *ex, const Node *n, int emit) {
    for (; n && !ex->r.stopped; n = n->next) {
        if (++ex->steps > TEMPLATE_MAX_STEPS) {
            tmpl_problem(&ex->r, node_at(ex, n), "expanding the template takes more "
                         "than %ld steps (a loop inside loops?)",
                         TEMPLATE_MAX_STEPS);
            ex->r.stopped = 1;
            return;
        }
        const TValue *v;
        switch (n->kind) {
        case N_TEXT:
            if (emit) builder_wording(ex->b, n->off, n->len);
            break;
        case N_VAR:
            if (!lookup(ex, n, &v) || !emit) break;
            if (!v)
                node_error(ex, n, "'%s' has no value in this document; print "
                           "it inside {{#if %s}}", n->name);
            else if (v->kind == TV_TEXT)
                builder_value(ex->b, v->text, strlen(v->text), v->origin, v->lang, v->parts, v->nparts,
                              node_at(ex, n));
            else
                node_error(ex, n, v->kind == TV_LIST ? "'%s' is a list; print"
                           " its items with {{#each %s}}" : v->kind == TV_BOOL
                           ? "'%s' is a yes/no value; test it with {{#if %s}}"
                           : "'%s' is a group of fields; print one of them, "
                           "like {{%s.name}}", n->name);
            break;
        case N_IF:
        case N_UNLESS: {
            int known = lookup(ex, n, &v);
            int yes = known && truthy(v);
            if (n->kind == N_UNLESS) yes = !yes;
            walk(ex, n->body, emit && known && yes);
            walk(ex, n->alt, emit && known && !yes);
            break;
        }
        case N_EACH:
            walk_each(ex, n, emit);
            break;
        }
    }
}

TemplateDoc *template_expand(const Template *t, const TValue *data) {
    Expander *ex = xcalloc(1, sizeof *ex);
    ex->t = t;
    ex->root = data;

    ex->reported = xcalloc((size_t)t->nnodes + 1, 1);
    TemplateDoc *doc = xcalloc(1, sizeof *doc);
    ex->b = builder_new(t, &doc->arena, &ex->r);
    if (!data || data->kind != TV_MAP)
        tmpl_problem(&ex->r, tmpl_at(t, 0, 0), "the data for a template must be a map of "
                     "names");
    else
        walk(ex, t->root, 1);
    doc->blocks = builder_finish(ex->b, &doc->nblocks);
    int errors = ex->r.errors;
    builder_free(ex->b);
    free(ex->reported);
    free(ex);
    if (errors) {
        template_doc_free(doc);
        return NULL;
    }
    return doc;
}
