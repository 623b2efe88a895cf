/* compile.c — the front end's driver: read, parse, resolve, check.
 *
 * The front end (compiler/front) promises: a file, with what it includes
 * and the instrument library, becomes a Model in which every value keeps
 * its location, and every problem is reported through diag.h at its file,
 * line and column, all of them in one run. The passes run in one order,
 * called from here only: parse.c, resolve.c (includes), walk.c and
 * check.c (statements), rules.c (across statements). A group the file
 * names is compiled here, once per Session, and handed to the rules. It
 * may touch runtime/base only: it reads files and reports, and never
 * scores, lays out or writes. */
#include "front/compile.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "front/checker.h"
#include "base/diag.h"
#include "front/parse.h"
#include "front/schema.h"

struct CachedGroup {
    dev_t dev;
    ino_t ino;
    Model *model;                   /* NULL once released */
    bool errors;
    CachedGroup *next;
    const char *path;               /* a released group's: how to compile it again */
    CompileOptions again;
};

void session_init(Session *s) {
    memset(s, 0, sizeof *s);
    s->datadir = find_datadir(&s->arena);
}

void session_free(Session *s) { arena_free(&s->arena); }

static bool has_prelude(Arena *a, const char *dir) {
    struct stat st;
    return stat(arena_printf(a, "%s/instruments.form", dir), &st) == 0 && S_ISREG(st.st_mode);
}

const char *find_datadir(Arena *a) {
    const char *env = getenv("FORMC_DATADIR");
    if (env && *env) return arena_strdup(a, env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *dir = path_dir(a, exe);
        const char *beside[] = { "../templates", "../share/formc", "../../templates" };
        for (size_t i = 0; i < sizeof beside / sizeof *beside; i++) {
            char *d = arena_printf(a, "%s/%s", dir, beside[i]);
            if (has_prelude(a, d)) return d;
        }
    }
    return has_prelude(a, FORMC_DATADIR) ? FORMC_DATADIR : NULL;
}

/* An instrument file (the library or a clinic's) read and parsed once a
 * session, in the session's arena: every file compiled checks its
 * statements (declaring the instruments into its own model), but none
 * reads or parses it again. One with syntax errors is parsed again for
 * each file, so that each reports them as it always has. */
struct ParsedFile {
    const char *path;
    Node **list;                    /* its statements */
    int n;
    bool clean;                     /* read whole, without a syntax error */
    ParsedFile *next;
};

/* Reads an instrument file (the prelude or a clinic's) into the model.
 * False when the file cannot be read (a system error, reported). */
static bool read_instrument_file(Session *s, Checker *c, const char *path) {
    ParsedFile *p = s->parsed;
    while (p && strcmp(p->path, path)) p = p->next;
    if (p && p->clean) {
        ck_walk_instruments(c, p->list, p->n, true);
        return true;
    }
    Arena *a = p ? c->a : &s->arena;   /* the first time, to keep when clean */
    char err[256];
    Source *src = source_load(a, path, err, sizeof err);
    if (!src) {
        c->errors++;
        diag_file(DIAG_ERROR, path, "cannot read the instrument file: %s", err);
        return false;
    }
    int errors;
    bool complete;
    Node *stmts = parse_source(a, src, &errors, &complete);
    c->errors += errors;
    Node **list = NULL;
    int n = 0, cap = 0;
    for (Node *st = stmts; complete && st; st = st->next)
        *(Node **)arena_push(a, &list, &n, &cap, sizeof st) = st;
    if (!p) {
        p = arena_alloc(&s->arena, sizeof *p);
        *p = (ParsedFile){ arena_strdup(&s->arena, path), list, n, complete && !errors, s->parsed };
        s->parsed = p;
    }
    if (complete) ck_walk_instruments(c, list, n, true);
    return true;
}

/* The group file a formulation names, compiled once per session, for the
 * rules to check the formulation against. */
static NamedGroup named_group(Session *s, Checker *c) {
    NamedGroup ng = { 0 };
    if (!model_is_formulation(c->m) || model_is_group(c->m)) return ng;    /* the rules look no further */
    ng.path = model_group_path(c->a, c->m);
    struct stat st;
    if (!ng.path || stat(ng.path, &st) != 0) return ng;
    ng.found = true;
    ng.model = compile_group_ref(s, ng.path, c->m->f.group_file.loc, &ng.errors);
    return ng;
}

Model *compile_file(Session *s, Arena *a, const char *path, const CompileOptions *o,
                    CompileStatus *status) {
    char err[256];
    Source *src = source_load(a, path, err, sizeof err);
    if (!src) {
        diag_file(DIAG_ERROR, path, "%s", err);
        *status = COMPILE_SYSTEM_ERROR;
        return NULL;
    }
    return compile_source(s, a, src, o, status);
}

Model *compile_source(Session *s, Arena *a, Source *src, const CompileOptions *o,
                      CompileStatus *status) {
    Model *m = arena_alloc(a, sizeof *m);
    m->main = src;
    *(const Source **)arena_push(a, &m->sources, &m->nsources, &m->cap_sources, sizeof src) = src;
    Checker c = { .a = a, .m = m, .datadir = s->datadir, .purpose = o->purpose, .members = o->members,
                  .group = o->group, .act = ck_act };
    c.stack[c.depth++] = src;
    c.items_left = PARSE_MAX_ITEMS;
    int syntax_errors;
    bool complete;
    Node *stmts = parse_source_within(a, src, &syntax_errors, &complete, &c.items_left);
    c.errors += syntax_errors;
    c.empty = !stmts && !syntax_errors;
    if (!s->datadir) {
        diag_file(DIAG_ERROR, NULL, "cannot find the instrument library instruments.form; "
                  "set FORMC_DATADIR to the folder that holds it");
        *status = COMPILE_SYSTEM_ERROR;
        return m;
    }
    bool readable = read_instrument_file(s, &c, arena_printf(a, "%s/instruments.form", s->datadir));
    for (int i = 0; !o->library_only && i < s->ninstrument_files; i++)
        readable &= read_instrument_file(s, &c, s->instrument_files[i]);
    model_settle_instruments(m, LANG_EN);       /* an instrument file's texts: English */
    if (complete) {
        ck_collect(&c, src, stmts);
        ck_walk_instruments(&c, c.top, c.ntop, false);
        ck_walk_top(&c);
        NamedGroup named = named_group(s, &c);
        ck_rules(&c, &named);
        model_settle_languages(m, o->group ? o->group : named.model);
        if (named.model && named.model->unreadable) c.unreadable = true;
    }
    m->errors = c.errors;
    m->unreadable = c.unreadable;
    *status = !readable || c.unreadable ? COMPILE_SYSTEM_ERROR : c.errors ? COMPILE_INPUT_ERRORS : COMPILE_OK;
    return m;
}

bool compile_serves(const Model *m, CompileStatus st, unsigned purpose) {
    return m && st != COMPILE_SYSTEM_ERROR && m->errors == m->unmet_errors && !(m->unmet & purpose);
}

Model *compile_group(Session *s, const char *path, CompileStatus *st) {
    CompileOptions co = { .purpose = NEED_GROUP, .members = true };
    /* the session's arena: members that name the group find it compiled */
    Model *g = compile_file(s, &s->arena, path, &co, st);
    if (*st == COMPILE_SYSTEM_ERROR) return NULL;
    if (!model_is_group(g)) {
        diag_file(DIAG_ERROR, path, "not a group file (it has no group { } block)");
        *st = COMPILE_INPUT_ERRORS;
    }
    if (*st != COMPILE_OK) return NULL;
    session_remember_group(s, g, false);
    return g;
}

Model *compile_member(Session *s, Arena *a, const Model *g, int k, unsigned purpose, CompileStatus *st) {
    CompileOptions co = { .purpose = purpose, .group = g };
    return compile_file(s, a, g->g.members[k].path, &co, st);
}

const char *member_id(const Model *m, CompileStatus st) {
    if (!m || st == COMPILE_SYSTEM_ERROR || !model_is_formulation(m)) return NULL;
    const Text *id = &m->f.patient.id;
    return id->s && *id->s && !id->placeholder ? id->s : NULL;
}

int member_first_with_id(const char *const *ids, int k, const char *id) {
    for (int j = 0; id && j < k; j++)
        if (ids[j] && !strcmp(ids[j], id)) return j;
    return -1;
}

void member_id_taken(const Model *g, int j, Model *m, CompileStatus *st) {
    diag_at(DIAG_ERROR, m->f.patient.id.loc, "%s has the id \"%s\" too: two members of a group cannot "
            "share an id (formc import, norms and outcomes tell people apart by it)",
            g->g.members[j].path, m->f.patient.id.s);
    m->errors++;
    if (*st == COMPILE_OK) *st = COMPILE_INPUT_ERRORS;
}

void member_shared_id(const Model *g, const char *const *ids, const char *const *places, int k, Model *m,
                      CompileStatus *st) {
    const char *id = member_id(m, *st);
    int j = member_first_with_id(ids, k, id);
    if (j >= 0) member_id_taken(g, j, m, st);
    else if ((j = member_first_with_alike_id(ids, k, id)) >= 0) member_id_alike(ids[j], places[j], m);
}

const char *member_id_place(Arena *a, const Model *m, CompileStatus st) {
    if (!member_id(m, st)) return NULL;
    const Loc *at = &m->f.patient.id.loc;
    int line, col;
    source_linecol((Source *)at->src, at->off, &line, &col);
    return arena_printf(a, "%s:%d:%d", at->src->path, line, col);
}

/* The byte of an id after p that counts when ids are compared for
 * likeness: spaces (a no-break space too) left out. */
static const char *id_byte(const char *p) {
    for (;;) {
        if (*p == ' ' || *p == '\t') p++;
        else if (!strncmp(p, "\xC2\xA0", 2)) p += 2;
        else return p;
    }
}

/* Whether ids a and b are the same but for capitals (ASCII) and spaces. */
static bool ids_alike(const char *a, const char *b) {
    for (a = id_byte(a), b = id_byte(b); *a && *b; a = id_byte(a + 1), b = id_byte(b + 1)) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a, y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y) return false;
    }
    return !*a && !*b;
}

int member_first_with_alike_id(const char *const *ids, int k, const char *id) {
    for (int j = 0; id && j < k; j++)
        if (ids[j] && strcmp(ids[j], id) && ids_alike(ids[j], id)) return j;
    return -1;
}

void member_id_alike(const char *other, const char *place, const Model *m) {
    diag_at(DIAG_WARNING, m->f.patient.id.loc, "the id \"%s\" differs from \"%s\", the id at %s, only in "
            "capitals or spaces: formc norms and outcomes would count two people where a reader sees one id "
            "(write one person's id the same way in every file, or give two people ids that differ in more)",
            m->f.patient.id.s, other, place);
}

void compile_members(Session *s, const Model *g, unsigned purpose, MemberVisit *visit, void *ctx) {
    Arena ida = { 0 };
    const char **ids = arena_alloc(&ida, sizeof *ids * (size_t)(g->g.nmembers + 1));
    const char **places = arena_alloc(&ida, sizeof *places * (size_t)(g->g.nmembers + 1));
    for (int k = 0; k < g->g.nmembers; k++) {
        Arena a = { 0 };
        CompileStatus st;
        Model *m = compile_member(s, &a, g, k, purpose, &st);
        const char *id = member_id(m, st);
        places[k] = member_id_place(&ida, m, st);
        member_shared_id(g, ids, places, k, m, &st);
        ids[k] = id ? arena_strdup(&ida, id) : NULL;
        visit(ctx, k, m, st, &a);
        arena_free(&a);
    }
    arena_free(&ida);
}

void session_remember_group(Session *s, Model *m, bool errors) {
    CachedGroup *g = arena_alloc(&s->arena, sizeof *g);
    *g = (CachedGroup){ .dev = m->main->dev, .ino = m->main->ino, .model = m, .errors = errors, .next = s->groups };
    s->groups = g;
}

void session_forget_group(Session *s, const Model *m) {
    for (CachedGroup **g = &s->groups; *g; g = &(*g)->next)
        if ((*g)->model == m) {
            *g = (*g)->next;
            return;
        }
}

void session_release_group(Session *s, const Model *m, const CompileOptions *o) {
    for (CachedGroup *g = s->groups; g; g = g->next)
        if (g->model == m) {
            g->model = NULL;
            g->path = arena_strdup(&s->arena, m->main->path);
            g->again = *o;
            return;
        }
}

const Model *compile_group_ref(Session *s, const char *path, Loc from, bool *had_errors) {
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_at(DIAG_ERROR, from, "group file not found: %s", path);
        *had_errors = true;
        return NULL;
    }
    for (CachedGroup *g = s->groups; g; g = g->next)
        if (g->dev == st.st_dev && g->ino == st.st_ino) {
            if (!g->model) {        /* released: the same model again, its problems said before */
                CompileStatus status;
                diag_mute(true);
                g->model = compile_file(s, &s->arena, g->path, &g->again, &status);
                diag_mute(false);
            }
            *had_errors = g->errors;
            return g->model;
        }
    /* a group uses no scores: clinic instrument files (and their warnings) are not needed */
    CompileOptions o = { .purpose = 0, .members = false, .library_only = true };
    CompileStatus status;
    Model *m = compile_file(s, &s->arena, path, &o, &status);
    if (!m) {
        *had_errors = true;
        return NULL;
    }
    CachedGroup *g = arena_alloc(&s->arena, sizeof *g);
    *g = (CachedGroup){ .dev = st.st_dev, .ino = st.st_ino, .model = m, .errors = status != COMPILE_OK, .next = s->groups };
    s->groups = g;
    *had_errors = g->errors;
    return m;
}
