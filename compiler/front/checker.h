/* checker.h — the state the front end's passes share while one file is
 * checked, and their diagnostics. Internal to compiler/front: the driver
 * (compile.c) fills a Checker and calls the passes in order; each pass
 * (resolve.c, check.c, items.c, mapping.c, rules.c, jargon.c) reads what the driver handed it
 * and reports through the functions below, never through the driver. */
#ifndef FORMC_CHECKER_H
#define FORMC_CHECKER_H
#include <stdbool.h>
#include <stdint.h>
#include "base/arena.h"
#include "front/ast.h"
#include "front/model.h"
#include "front/schema.h"

/* Limits of the front end (docs/security.md lists each with its message). */
#define INCLUDE_MAX_DEPTH 16
#define INCLUDE_MAX_BYTES (16 * 1024 * 1024)   /* included text in all, each inclusion counted */
#define GROUP_MAX_MEMBERS 1000
#define GROUP_WARN_MEMBERS 10
#define NUMBER_MAX_DIGITS 15             /* significant digits of a number */
#define NUMBER_MAX 1000000000            /* the largest number, either way from 0 */
/* the shortest and the longest a group runs, in weeks */
#define GROUP_MIN_WEEKS 4
#define GROUP_MAX_WEEKS 104
/* jargon.c: at most JARGON_MAX_TERMS terms of each list are sought (a
 * warning says when a list has more), so the work stays bounded */
#define JARGON_MAX_TERMS 5000
#define JARGON_MAX_TERM_BYTES 100             /* a longer "term" is left out, said */
/* items.c: the most items an instrument may declare */
#define INSTRUMENT_MAX_ITEMS 1000

/* The group file a formulation names, as the driver found it before the
 * rules run. */
typedef struct NamedGroup {
    const char *path;                    /* NULL: the file names no group */
    bool found;                          /* a file exists at path */
    const Model *model;                  /* it, compiled; NULL when it could not be read */
    bool errors;                         /* it has errors (reported where they are) */
} NamedGroup;

typedef struct Checker Checker;

enum { MAX_SLOTS = 12 };

/* The values a statement's arguments matched, by item of its field's
 * signature. */
typedef struct Slots {
    const Value *v[MAX_SLOTS];
    const Scale *scale[MAX_SLOTS];
    int count[MAX_SLOTS];               /* for "type+" items */
    const char *types[MAX_SLOTS];       /* a placeholder's slot: the type it stands in for */
    const char *expects[MAX_SLOTS];     /* ... and that type in words */
    bool placeholders;                  /* a value is a placeholder (<words>) */
} Slots;

/* What a statement that matched its field f means (check.c's ck_act): the
 * walker (walk.c) hands it every such statement; obj is what the
 * enclosing block fills. */
typedef void StatementAct(Checker *c, const Field *f, const Node *n, const Slots *s, void *obj);

struct Checker {
    Arena *a;
    Model *m;
    /* what the driver hands down */
    const char *datadir;                 /* the shipped library (jargon.txt), or NULL */
    unsigned purpose;                    /* schema NEED_* flags */
    bool members;                        /* resolve a group's members */
    const Model *group;                  /* the group a member is checked for, or NULL */
    int errors;                          /* errors reported for this model */
    bool empty;                          /* the file itself has no statement and no error */
    bool unreadable;                     /* a file or folder it names may not be read (exit 2) */
    /* statements at the top of the file, includes expanded */
    Node **top;
    int ntop, cap_top;
    const Source *stack[INCLUDE_MAX_DEPTH + 2];   /* the include chain */
    int depth;
    /* what the file and its includes may still cost (include_budget.c) */
    uint64_t included;                   /* bytes included so far, each inclusion counted */
    bool include_budget_spent;           /* INCLUDE_MAX_BYTES reached: no more includes */
    long items_left;                     /* names and values the parser may still read */
    bool given[256];                     /* schema fields written (even if invalid) */
    StatementAct *act;                   /* what statements mean: ck_act */
};

/* checker.c: report through diag and count errors for this model */
void ck_error(Checker *c, Loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ck_warning(Checker *c, Loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ck_note(Loc at, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An item the file's purpose needs is missing: an error, a warning in a draft. */
void ck_missing(Checker *c, Loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* resolve.c */
Source *ck_load(Checker *c, const char *path, Loc from, const char *what);
void ck_collect(Checker *c, Source *src, Node *stmts);   /* expands includes into c->top */
void ck_resolve_members(Checker *c, const Node *n, const Value *first);
void ck_member_lines(Checker *c, const Node *n, const Value *first);   /* kept in the Group */
/* Whether a member line of group g names the file src (by identity, its
 * patterns expanded quietly: the group's own check says what is wrong
 * with them). */
bool group_lists_file(const Group *g, const Source *src);
/* include_budget.c: whether the include statement may bring in a file of
 * size bytes (an error, once, when it would pass INCLUDE_MAX_BYTES or the
 * parser's budget is spent); then the bytes actually read are charged */
bool ck_include_within_budget(Checker *c, const Node *include, const char *path, uint64_t size);
void ck_include_charge(Checker *c, uint64_t size);
/* placeholders.c: records each placeholder among the arguments s of
 * statement n (field f, in ctx, filling obj), for ck_placeholders to
 * report; false when f's action cannot be carried out without the values
 * (the statement is then left out, its block still checked) */
bool ck_record_placeholders(Checker *c, const Field *f, Context ctx, const Node *n, const Slots *s,
                            const void *obj);
/* Warns at a note left in a text to come back to ("TODO", "TBD", "XXX",
 * "lorem ipsum"), or at a text of no words ("...", "?", "[write this]"),
 * in the values of statement f (s, filling obj) that documents print: a
 * document would print them as written. */
void ck_todo_marks(Checker *c, const Field *f, const Slots *s, const void *obj);
/* Reports the placeholders of the file being checked (an error in a
 * final formulation, a warning in a draft or in a file of neither a
 * formulation nor a group), and those of group, the group a formulation
 * is checked for or names (or NULL): an error for a final member, a
 * warning for a draft checked on its own (checked as a member of the
 * group, a draft leaves them to compile_group_placeholders) */
void ck_placeholders(Checker *c, const Model *group);
/* walk.c: checks the statements of a block against the schema's fields of
 * ctx, handing each that matches to c->act to fill obj */
void ck_check_block(Checker *c, const Node *body, Context ctx, void *obj);
/* The same for one statement; seen holds the statements of the block met so far. */
void ck_check_stmt(Checker *c, const Node *n, Context ctx, void *obj, const Node **seen);
/* Matches a statement's arguments against field f's signature into s;
 * false after reporting what is wrong. */
bool ck_match_args(Checker *c, const Field *f, const Node *n, Slots *s);
/* The instrument named id, or the scale named instrument.scale, or NULL
 * after an error at loc (with a "did you mean"). */
const Instrument *ck_lookup_instrument(Checker *c, const char *id, Loc loc);
const Scale *ck_lookup_scale(Checker *c, const char *name, Loc loc);
/* check.c: what a statement means, and the two walks of the top level */
void ck_act(Checker *c, const Field *f, const Node *n, const Slots *s, void *obj);
void ck_walk_instruments(Checker *c, Node **stmts, int n, bool prelude);
void ck_walk_top(Checker *c);
/* items.c: item-level scoring (the schema's actions on items, responses,
 * key and an assessment's answers) */
void ck_instrument_items(Checker *c, Instrument *in, const Value *v);
void ck_responses(Checker *c, Instrument *in, const Value *lo, const Value *hi);
void ck_key_items(Checker *c, void *key, const Value *first, bool reverse);
void ck_key_scored(void *key, const Value *v);
void ck_key_prorate(Checker *c, void *key, const Value *v);
/* Reads the keys of an instrument statement, once its block is read. */
void ck_read_keys(Checker *c, const Node *st, Instrument *in);
/* The instrument named id when it declares its items (items and
 * responses); NULL after an error at id. */
const Instrument *ck_itemised_instrument(Checker *c, const Value *id);
void ck_items(Checker *c, Assessment *as, const Node *n, const Value *id, const Value *first);
/* Scores the keyed scales of the instruments answered in as. */
void ck_score_items(Checker *c, Assessment *as);
/* mapping.c: an import map (the schema's actions in an import block, and
 * the checks of the whole block) */
void ck_map_when(Checker *c, ImportMap *map, const Node *n, const Value *first);
void ck_map_date_format(Checker *c, ImportMap *map, const Value *v);
void ck_map_texts(Checker *c, Text **list, int *n, int *cap, const Value *first);
void ck_map_column(Checker *c, ImportMap *map, const Node *n, const Value *column, const Scale *scale,
                   const Value *instrument, const Value *item);
void ck_map_rules(Checker *c);
/* rules.c: group is the group file the formulation names */
void ck_rules(Checker *c, const NamedGroup *group);
/* timeline.c: the dates can be true (group: the member's group, or NULL) */
void ck_timeline(Checker *c, const Model *group);
/* jargon.c */
void ck_jargon(Checker *c);
/* meetday.c: a group's first session falls on a day its meets names */
void ck_meeting_day(Checker *c);
/* ... and a member's letter speaks of its sessions on no other day */
void ck_letter_days(Checker *c, const Model *g);
/* letterweeks.c: a member's letter speaks of no week past its group's */
void ck_letter_weeks(Checker *c, const Model *g);
/* letterdates.c: ... nor of a session on a date outside its group's */
void ck_letter_dates(Checker *c, const Model *g);
/* letterlang.c: the letter's sentences are in its language (g: the
 * member's group, or NULL) */
void ck_letter_language(Checker *c, const Model *g);
/* translations.c: the scales and norms a member's documents in another
 * language than English would name in English (group: the member's) */
void ck_translations(Checker *c, const Model *group);

#endif
