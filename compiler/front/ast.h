/* ast.h — the syntax tree.
 *
 * The language is uniform: every statement is a name, zero or more
 * arguments and an optional block of statements. The tree keeps exactly
 * that, with a location on every node and every argument; what the names
 * mean is decided later by the checker against the schema (schema.h). */
#ifndef FORMC_AST_H
#define FORMC_AST_H
#include <stdbool.h>
#include "base/source.h"

/* VAL_RANGE is two whole numbers joined by a hyphen, such as 1-5 (a span
 * of weeks). VAL_PLACEHOLDER is a value still to be written, <words> (its
 * text as written, brackets and all), which stands in for a value of any
 * type (docs/language.md). */
typedef enum { VAL_STRING, VAL_NUMBER, VAL_DATE, VAL_NAME, VAL_RANGE, VAL_PLACEHOLDER } ValueKind;

typedef struct Value {
    Loc loc;
    const char *text;      /* folded string, name, or the number/date/placeholder as written */
    struct Value *next;
    double num;            /* VAL_NUMBER; VAL_RANGE: the first number */
    union {
        double num_to;     /* VAL_RANGE: the second number */
        struct { int y; short m, d; };   /* VAL_DATE, as written (validated by the checker) */
    };
    ValueKind kind;
    bool invalid;          /* already reported by the scanner */
} Value;

typedef struct Node {
    const char *name;
    Loc loc;               /* the whole statement */
    Loc name_loc;
    Value *args;           /* linked list, in order */
    int nargs;
    bool has_block;
    Loc block_loc;         /* the opening brace */
    struct Node *body;     /* statements in the block, in order */
    struct Node *next;
} Node;

/* Human name of a value kind for messages ("a string", "a date"...). */
const char *value_kind_name(ValueKind k);

#endif
