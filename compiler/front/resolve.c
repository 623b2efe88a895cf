/* resolve.c — the files a file refers to: includes (with cycle detection
 * and a depth limit) and a group's members (paths and globs). */
#include <dirent.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "front/checker.h"
#include "base/diag.h"
#include "front/parse.h"

Source *ck_load(Checker *c, const char *path, Loc from, const char *what) {
    char err[256];
    Source *src = source_load(c->a, path, err, sizeof err);
    if (!src) {
        ck_error(c, from, "cannot read %s '%s': %s", what, path, err);
        return NULL;
    }
    *(const Source **)arena_push(c->a, &c->m->sources, &c->m->nsources, &c->m->cap_sources,
                                 sizeof(Source *)) = src;
    return src;
}

/* True when n is a well-formed include statement (others are reported by
 * the schema walk). */
static bool is_include(const Node *n) {
    return !strcmp(n->name, "include") && !node_has_block(n) && n->nargs == 1 &&
           n->args->kind == VAL_STRING;
}

/* Describes the include chain from the stack's entry `from` back to path. */
static char *cycle_text(Checker *c, int from, const char *path) {
    char *s = arena_strdup(c->a, "");
    for (int i = from; i < c->depth; i++) s = arena_printf(c->a, "%s%s -> ", s, c->stack[i]->path);
    return arena_printf(c->a, "%s%s", s, path);
}

void ck_collect(Checker *c, Source *src, Node *stmts) {
    for (Node *n = stmts; n; n = n->next) {
        if (!is_include(n)) {
            *(Node **)arena_push(c->a, &c->top, &c->ntop, &c->cap_top, sizeof(Node *)) = n;
            continue;
        }
        const char *path = path_join(c->a, src->dir, n->args->text);
        struct stat st;
        bool exists = stat(path, &st) == 0;
        if (exists) {
            int k = 0;
            while (k < c->depth && !(c->stack[k]->dev == st.st_dev && c->stack[k]->ino == st.st_ino)) k++;
            if (k < c->depth) {
                ck_error(c, n->args->loc, "include cycle: %s", cycle_text(c, k, path));
                continue;
            }
        }
        if (c->depth > INCLUDE_MAX_DEPTH) {
            ck_error(c, n->loc, "includes nested more than %d deep", INCLUDE_MAX_DEPTH);
            continue;
        }
        if (!ck_include_within_budget(c, n, path, exists ? (uint64_t)st.st_size : 0))
            continue;
        Source *inc = ck_load(c, path, n->args->loc, diag_tr("included file"));
        if (!inc) continue;
        ck_include_charge(c, inc->len);
        int errors;
        bool complete;
        Node *body = parse_source_within(c->a, inc, &errors, &complete, &c->items_left);
        c->errors += errors;
        if (!complete) continue;
        c->stack[c->depth++] = inc;
        ck_collect(c, inc, body);
        c->depth--;
    }
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds one member file unless it is already in the group. */
static void add_member(Checker *c, const char *path, Loc at) {
    struct stat st;
    if (stat(path, &st) != 0) {
        ck_error(c, at, "member file not found: %s", path);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        ck_error(c, at, "member %s is not a regular file", path);
        return;
    }
    Group *g = &c->m->g;
    for (int i = 0; i < g->nmembers; i++) {
        struct stat other;
        if (stat(g->members[i].path, &other) == 0 && other.st_dev == st.st_dev &&
            other.st_ino == st.st_ino)
            return;                                  /* each file once */
    }
    if (g->nmembers == GROUP_MAX_MEMBERS) {
        ck_error(c, at, "more than %d members in one group", GROUP_MAX_MEMBERS);
        return;
    }
    Member *mb = arena_push(c->a, &g->members, &g->nmembers, &g->cap_members, sizeof *mb);
    mb->path = arena_strdup(c->a, path);
    mb->loc = at;
}

/* A member pattern reads at most GLOB_MAX_ENTRIES folder entries: a
 * group's folder holds tens of files, and a pattern over the whole disk
 * ("/ * / * / * / * / * / * / * / * / *.form", through /proc's links back to the
 * root) read for minutes and took gigabytes. glob(3) gives its folder
 * functions no context, hence the count kept here. */
enum { GLOB_MAX_ENTRIES = 100000 };
static long glob_entries_left;

static void *glob_opendir(const char *path) { return opendir(path); }
static void glob_closedir(void *dir) { closedir(dir); }
static void *glob_readdir(void *dir) {
    if (glob_entries_left <= 0) return NULL;      /* the folder's end, as glob reads it */
    glob_entries_left--;
    return readdir(dir);
}
static int glob_stat(const char *restrict path, void *restrict st) { return stat(path, st); }
static int glob_lstat(const char *restrict path, void *restrict st) { return lstat(path, st); }

/* glob(3) of pattern, unsorted, reading at most GLOB_MAX_ENTRIES folder
 * entries; *cut says whether it stopped there (what it matched is then
 * not all the pattern matches). */
static int glob_bounded(const char *pattern, glob_t *gl, bool *cut) {
    memset(gl, 0, sizeof *gl);
    gl->gl_opendir = glob_opendir;
    gl->gl_readdir = glob_readdir;
    gl->gl_closedir = glob_closedir;
    gl->gl_stat = glob_stat;
    gl->gl_lstat = glob_lstat;
    glob_entries_left = GLOB_MAX_ENTRIES;
    int rc = glob(pattern, GLOB_NOSORT | GLOB_ALTDIRFUNC, NULL, gl);
    *cut = glob_entries_left <= 0;
    return rc;
}

void ck_resolve_members(Checker *c, const Node *n, const Value *first) {
    const char *dir = n->loc.src->dir;
    for (const Value *v = first; v; v = value_next(v)) {
        const char *pattern = path_join(c->a, dir, v->text);
        if (!strpbrk(v->text, "*?[")) {
            add_member(c, pattern, v->loc);
            continue;
        }
        glob_t gl;
        bool cut;
        int rc = glob_bounded(pattern, &gl, &cut);
        if (cut) {
            ck_error(c, v->loc, "the pattern '%s' reads more than %d entries of folders; formc stops "
                     "listing its files: name the folder the members are in ('members/*.form')",
                     v->text, GLOB_MAX_ENTRIES);
            if (rc == 0) globfree(&gl);
            continue;
        }
        if (rc == GLOB_NOMATCH || (rc == 0 && gl.gl_pathc == 0)) {
            /* a new group's folder is empty until its first member is written */
            ck_warning(c, v->loc, "no file matches '%s' yet", v->text);
            if (rc == 0) globfree(&gl);
            continue;
        }
        if (rc != 0) {
            ck_error(c, v->loc, "cannot list the files matching '%s'", v->text);
            continue;
        }
        qsort(gl.gl_pathv, gl.gl_pathc, sizeof *gl.gl_pathv, by_name);
        for (size_t i = 0; i < gl.gl_pathc; i++) add_member(c, gl.gl_pathv[i], v->loc);
        globfree(&gl);
    }
}

void ck_member_lines(Checker *c, const Node *n, const Value *first) {
    for (const Value *v = first; v; v = value_next(v)) {
        MemberLine *line = arena_push(c->a, &c->m->g.member_lines, &c->m->g.nmember_lines,
                                      &c->m->g.cap_member_lines, sizeof *line);
        *line = (MemberLine){ path_join(c->a, n->loc.src->dir, v->text), strpbrk(v->text, "*?[") != NULL,
                              v->loc };
    }
}

static bool same_file(const char *path, const Source *src) {
    struct stat st;
    return stat(path, &st) == 0 && st.st_dev == src->dev && st.st_ino == src->ino;
}

bool group_lists_file(const Group *g, const Source *src) {
    for (int i = 0; i < g->nmember_lines; i++) {
        const char *pattern = g->member_lines[i].pattern;
        if (!g->member_lines[i].is_glob) {
            if (same_file(pattern, src)) return true;
            continue;
        }
        glob_t gl;
        bool cut;
        if (glob_bounded(pattern, &gl, &cut) != 0) continue;
        bool found = false;
        for (size_t k = 0; k < gl.gl_pathc && !found; k++) found = same_file(gl.gl_pathv[k], src);
        globfree(&gl);
        if (found) return true;
    }
    return false;
}
