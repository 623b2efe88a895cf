/* ast.h — the syntax tree.
 *
 * The language is uniform: every statement is a name, zero or more
 * arguments and an optional block of statements. The tree keeps exactly
 * that, with a location on every node and every argument; what the names
 * mean is decided later by the checker against the schema (schema.h).
 *
 * The tree is the largest thing formc keeps of a file (docs/performance.md),
 * so its records are small: a statement's arguments are one array, its
 * name's and block's places are derived from its own location, and a
 * value holds one number or one date. tests/unit/test_frontend.c pins
 * their sizes (NODE_BYTES, VALUE_BYTES). */
#ifndef FORMC_AST_H
#define FORMC_AST_H
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "base/source.h"

/* VAL_RANGE is two whole numbers joined by a hyphen, such as 1-5 (a span
 * of weeks). VAL_PLACEHOLDER is a value still to be written, <words> (its
 * text as written, brackets and all), which stands in for a value of any
 * type (docs/language.md). */
typedef enum { VAL_STRING, VAL_NUMBER, VAL_DATE, VAL_NAME, VAL_RANGE, VAL_PLACEHOLDER } ValueKind;

/* The most bytes a Value and a Node take: the tree of a file stays within
 * 4 times its text (bench/aims.sh measures it). */
#define VALUE_BYTES 40
#define NODE_BYTES 56

typedef struct Value {
    Loc loc;
    const char *text;      /* folded string, name, or the number/range/date/placeholder as written */
    union {
        double num;        /* VAL_NUMBER; VAL_RANGE: the first number (value_range_last the second) */
        struct { int32_t y; int16_t m, d; };   /* VAL_DATE, as written (validated by the checker) */
    };
    uint8_t kind;          /* a ValueKind */
    bool invalid;          /* already reported by the scanner */
    bool last;             /* the last argument of its statement */
} Value;

typedef struct Node {
    const char *name;      /* as written: its place is the start of loc (node_name_loc) */
    Loc loc;               /* the whole statement */
    Value *args;           /* nargs values, in order, one array (NULL when none) */
    uint32_t nargs;
    uint32_t block_off;    /* the offset of the block's '{'; 0: no block (the name comes before one) */
    struct Node *body;     /* statements in the block, in order */
    struct Node *next;
} Node;

/* The argument after v in its statement, or NULL after the last. */
static inline const Value *value_next(const Value *v) { return v->last ? NULL : v + 1; }
/* Whether n has a block, and where its '{' is. */
static inline bool node_has_block(const Node *n) { return n->block_off != 0; }
static inline Loc node_block_loc(const Node *n) { return (Loc){ n->loc.src, n->block_off, 1 }; }
/* Where n's name is written. */
static inline Loc node_name_loc(const Node *n) {
    return (Loc){ n->loc.src, n->loc.off, (uint32_t)strlen(n->name) };
}

/* Human name of a value kind for messages ("a string", "a date"...). */
const char *value_kind_name(ValueKind k);
/* The number written at s (digits, an optional point and more digits, an
 * optional minus first) as strtod reads it; *end is set past it. */
double number_value(const char *s, char **end);
/* The second number of a VAL_RANGE (its first is num). */
double value_range_last(const Value *v);

#endif
