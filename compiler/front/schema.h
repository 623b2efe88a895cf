/* schema.h — the one table that says what every statement means.
 *
 * Each Field names a statement allowed in a context (the top of a file, or
 * inside a block), the arguments it takes (a signature, see below), the
 * block it may open, whether it may repeat, whether a report or a letter
 * needs it, and where its value goes in the model. The checker (check.c)
 * interprets this table; docs/language.md documents it, and a test checks
 * that every field here is documented there.
 *
 * Signatures are space-separated items matched against the arguments:
 *   str num int date name     one argument of that type
 *   weeks                     a week (a whole number) or a span of weeks (1-5)
 *   scale                     a name "instrument.scale" known to the model
 *   item                      a whole number, or _ (an item left unanswered)
 *   a|b|c                     one of these words
 *   =word                     this exact word
 *   key:type                  the word "key" then a value (any order among
 *   ?key:type                 neighbouring keys; "?" makes it optional)
 *   type+                     one or more, separated by spaces or commas
 *   ?type                     an optional last argument
 */
#ifndef FORMC_SCHEMA_H
#define FORMC_SCHEMA_H
#include <stddef.h>

typedef enum {
    CTX_FILE, CTX_PATIENT, CTX_ASSESSMENT, CTX_CRP, CTX_ADAPTATION,
    CTX_OBJECT_RELATIONS, CTX_IN_GROUP, CTX_GOAL, CTX_ENACTMENTS, CTX_LETTER,
    CTX_GROUP, CTX_CLINIC, CTX_INSTRUMENT, CTX_SCALE, CTX_KEY, CTX_IMPORT, CTX_COUNT, CTX_NONE = -1
} Context;

/* What the checker does with a matched statement. VALUE_* store the first
 * argument at `offset` in the context's object; the others are handled by
 * name in check.c. */
typedef enum {
    VALUE_TEXT, VALUE_DATE, VALUE_INT, BLOCK_ONLY,
    H_INCLUDE, H_STATUS, H_ASSESSMENT, H_SCORE, H_GOAL, H_TARGET, H_BY,
    H_LEADER, H_MEMBER, H_PHASE, H_INSTRUMENT, H_SCALE, H_RANGE,
    H_HIGHER, H_RELIABILITY, H_NORM, H_WEEKS,
    H_ITEMS, H_INSTRUMENT_ITEMS, H_RESPONSES, H_KEY, H_KEY_ITEMS, H_KEY_REVERSE,
    H_KEY_SCORED, H_KEY_PRORATE, H_ATTENDED, H_LEFT, H_MAP_WHEN, H_MAP_DATE_FORMAT, H_MAP_MISSING,
    H_MAP_COLUMN, H_MAP_IGNORE
} Action;

enum {
    REPEATS = 1 << 0,      /* may appear more than once */
    NEED_REPORT = 1 << 1,  /* a formulation report needs it */
    NEED_LETTER = 1 << 2,  /* a patient letter needs it */
    NEED_GROUP = 1 << 3,   /* a group file needs it */
};

typedef struct Field {
    Context ctx;           /* where the statement may appear */
    const char *name;      /* "*" matches a scale name inside an assessment */
    const char *sig;       /* argument signature */
    Context block;         /* the block it opens, or CTX_NONE */
    unsigned flags;
    Action action;
    size_t offset;         /* of the value in the context's object */
    size_t block_offset;   /* of the block's Loc in the object (block fields) */
    const char *doc;       /* one line, for messages and the reference */
} Field;

extern const Field schema[];
extern const int schema_count;
/* Human name of a context for messages: "a crp block", "the top of the file". */
const char *context_name(Context c);
/* Finds the field named `name` in ctx; with two (group with and without a
 * block), prefers the one whose block-ness matches. NULL when none. */
const Field *schema_find(Context ctx, const char *name, int has_block);
/* For a VALUE_TEXT field whose signature has en: and fr: keys after the
 * text: the offset of the Text[LANG_COUNT] in the model that takes them
 * (the group's title, meeting time and place in each language); 0 for
 * any other field. */
size_t schema_translations(const Field *f);
/* The field that opens ctx (e.g. "crp" for CTX_CRP). */
const Field *schema_opener(Context ctx);

#endif
