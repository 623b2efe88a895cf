/* parse.h — turning a source file into a syntax tree.
 *
 * parse_source() runs the flex scanner and the bison parser over one file
 * and reports every lexical and syntax error through diag.h, recovering at
 * the end of each statement so that one run shows them all. Blocks may nest
 * at most PARSE_MAX_DEPTH deep: deeper input is refused with an error, never
 * a stack overflow. A string may hold at most PARSE_MAX_STRING bytes (an
 * error at the string); a file with a line longer than PARSE_MAX_LINE bytes
 * is not read any further (an error where the line passes the limit), so a
 * binary or corrupt file gives one message, and every diagnostic's work on
 * its line stays bounded. A file, with the files it includes, holds at most
 * PARSE_MAX_ITEMS names and values (each statement has a name), and the
 * syntax tree of a file takes at most PARSE_MAX_TREE_PER_BYTE bytes of
 * memory per byte of its text (beyond its first PARSE_TREE_SLACK), so the
 * tree's memory is bounded whatever the input, in all and in proportion to
 * the text: formc stops reading where either limit is passed, with an
 * error there. */
#ifndef FORMC_PARSE_H
#define FORMC_PARSE_H
#include "base/arena.h"
#include "front/ast.h"
#include "base/source.h"

#define PARSE_MAX_DEPTH 32
#define PARSE_MAX_STRING (64u * 1024)    /* bytes between a string's quotes */
#define PARSE_MAX_LINE (128u * 1024)     /* bytes of a line: a longest string fits */
#define PARSE_MAX_ITEMS 200000           /* names and values, with included files */
#define PARSE_MAX_TREE_PER_BYTE 24       /* bytes of syntax tree per byte of a file */
#define PARSE_TREE_SLACK (64u * 1024)    /* tree bytes allowed before that counts */

/* Where the comments of a source start (the offset of each '#'), in order.
 * The parser drops comments; the formatter asks for them (fmt.h). */
typedef struct CommentList {
    uint32_t *off;
    int n, cap;
} CommentList;

/* The parser's state, shared by the scanner (grammar/lexer.l) and the
 * parser (grammar/parser.y). */
typedef struct ParseCtx {
    Arena *arena;
    Source *src;
    void *scanner;
    uint32_t off;            /* byte offset of the scanner */
    int errors;              /* syntax errors: the tree is incomplete */
    int lex_errors;          /* lexical errors: reported, the tree is whole */
    bool stop;               /* a fatal problem: report nothing more */
    int last_token;          /* a newline right after ',' is not a separator */
    /* the string being scanned */
    char *buf;
    size_t len, cap;
    uint32_t str_start;
    const char *str_close;   /* a pasted quote's string: the quote that closes it */
    bool curly_nests;        /* a string opened by U+201C: quotes may nest in it */
    int curly_depth;         /* the quotes open inside it */
    /* open braces, for "never closed" messages and the depth limit */
    uint32_t braces[PARSE_MAX_DEPTH];
    int depth;
    int orphan_braces;       /* '{' already reported as misplaced */
    CommentList *comments;   /* when set, the scanner records each comment */
    long *items;             /* names and values still allowed (PARSE_MAX_ITEMS) */
    size_t tree_start;       /* the arena's size when the parse began */
    /* the arguments of the statement being read, until it ends (parse_args) */
    Value *vals;
    size_t nvals, cap_vals;
    /* names, numbers and strings as written, each kept once (parse_intern) */
    struct Interned *interned;
    size_t ninterned, cap_interned;
    Node *root;
} ParseCtx;

/* For the scanner and the parser: the text s[0, n) kept once per parse
 * (names and numbers repeat), NUL-terminated, in the arena. */
const char *parse_intern(ParseCtx *c, const char *s, size_t n);
/* For the scanner and the parser: a value of kind k written at
 * [start, end) as text (for a name, text parse_intern gave); a number's,
 * span's or date's parts are decoded. */
Value parse_value(ParseCtx *c, ValueKind k, uint32_t start, uint32_t end, const char *text);
/* For the parser: an argument read, kept until its statement's arguments
 * are complete; then parse_args returns those from index start on (n of
 * them, n > 0) as one array in the arena and lets them go. */
void parse_push(ParseCtx *c, Value v);
Value *parse_args(ParseCtx *c, uint32_t start, uint32_t n);

/* Parses src; returns its statements in order (NULL for an empty file).
 * *errors is set to the number of lexical and syntax errors; *complete
 * says whether the tree is whole (no syntax errors; lexical errors such as
 * a stray character leave it whole, so it can still be checked). */
Node *parse_source(Arena *a, Source *src, int *errors, bool *complete);
/* The same, counting each name and value against *items_left, the budget
 * a file shares with the files it includes (start it at PARSE_MAX_ITEMS). */
Node *parse_source_within(Arena *a, Source *src, int *errors, bool *complete, long *items_left);
/* The same, also recording in *comments (allocated in a) where each comment
 * starts. */
Node *parse_source_comments(Arena *a, Source *src, int *errors, bool *complete,
                            CommentList *comments);

/* Folds a raw string value per the language rules, in place: a run of
 * whitespace with one newline becomes one space, with two or more
 * newlines a paragraph break ("\n"); such runs at the very start or end
 * are dropped. s[0, len) is folded and a NUL put after what is kept (s
 * has room for len + 1 bytes); returns the length kept. */
size_t fold_in_place(char *s, size_t len);

#endif
