/* ast.c — small helpers for the syntax tree. */
#include "front/ast.h"

const char *value_kind_name(ValueKind k) {
    switch (k) {
    case VAL_STRING: return "a string";
    case VAL_NUMBER: return "a number";
    case VAL_DATE: return "a date";
    case VAL_NAME: return "a name";
    case VAL_RANGE: return "a span of numbers";
    case VAL_PLACEHOLDER: return "a placeholder";
    }
    return "a value";
}
