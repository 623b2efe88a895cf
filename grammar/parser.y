/* parser.y — the grammar of the formulation language (see docs/language.md).
 *
 *   file      := statements
 *   statement := NAME argument* [ "{" statements "}" ]
 *   argument  := STRING | NUMBER | DATE | NAME | RANGE | PLACEHOLDER
 *                (optionally ","-separated)
 *
 * A statement ends at a newline, at ';', or before a closing '}'. On a
 * syntax error the parser reports it and skips to the end of the statement,
 * so every syntax error in a file is reported in one run (the arguments of
 * the statement it drops are let go). */
%define api.pure full
%define api.prefix {formc_yy}
%define api.location.type {Span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {void *scanner}
%parse-param {ParseCtx *ctx}

%code requires {
#include "front/parse.h"
typedef struct Span { uint32_t start, end; } Span;
typedef struct NodeList { Node *head, *tail; } NodeList;
typedef struct ValueList { Value *head; uint32_t n; } ValueList;
/* arguments read so far, held by the parser's context from index start */
typedef struct ArgRun { uint32_t start, n; } ArgRun;
}

%code provides {
int formc_yylex(FORMC_YYSTYPE *lval, FORMC_YYLTYPE *lloc, void *scanner);
}

%code {
#include "base/diag.h"
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                         \
    do {                                                                    \
        if (N) { (Cur).start = YYRHSLOC(Rhs, 1).start;                      \
                 (Cur).end = YYRHSLOC(Rhs, N).end; }                        \
        else   { (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end; }          \
    } while (0)

static Loc loc_of(ParseCtx *c, Span s) { return (Loc){ c->src, s.start, s.end - s.start }; }
static NodeList list_add(NodeList l, Node *n) {
    if (!n) return l;
    if (l.tail) l.tail->next = n; else l.head = n;
    l.tail = n;
    return l;
}
static Node *new_stmt(ParseCtx *c, const char *name, ValueList args, Span whole);
static void formc_yyerror(FORMC_YYLTYPE *loc, void *scanner, ParseCtx *ctx, const char *msg);
}

%union {
    const char *name;
    Value val;
    Node *node;
    NodeList list;
    ValueList args;
    ArgRun run;
}

%token <name> NAME "name"
%token <val> STRING "string" NUMBER "number" DATE "date" RANGE "range" PLACEHOLDER "placeholder"
%token EOL "end of line" LBRACE "'{'" RBRACE "'}'" COMMA "','"
%type <list> statements body
%type <node> statement
%type <args> args
%type <run> arglist
%type <val> arg

%%

file
    : body                          { ctx->root = $1.head; }
    ;

/* A block's contents: statements, the last one may end at the '}'. */
body
    : statements
    | statements statement          { $$ = list_add($1, $2); }
    | statements error              { $$ = $1; ctx->nvals = 0; yyerrok; }
    ;

statements
    : %empty                        { $$ = (NodeList){ NULL, NULL }; }
    | statements EOL
    | statements statement EOL      { $$ = list_add($1, $2); }
    | statements error EOL          { ctx->nvals = 0; yyerrok; }
    ;

statement
    : NAME args                     { $$ = new_stmt(ctx, $1, $2, @$); }
    | NAME args LBRACE body RBRACE  {
                                        $$ = new_stmt(ctx, $1, $2, @$);
                                        $$->block_off = @3.start;
                                        $$->body = $4.head;
                                    }
    ;

args
    : %empty                        { $$ = (ValueList){ NULL, 0 }; }
    | arglist                       { $$ = (ValueList){ parse_args(ctx, $1.start, $1.n), $1.n }; }
    ;

arglist
    : arg                           { $$ = (ArgRun){ (uint32_t)ctx->nvals, 1 }; parse_push(ctx, $1); }
    | arglist arg                   { parse_push(ctx, $2); $1.n++; $$ = $1; }
    | arglist COMMA arg             { parse_push(ctx, $3); $1.n++; $$ = $1; }
    ;

arg : STRING | NUMBER | DATE | RANGE | PLACEHOLDER
    | NAME                          { $$ = parse_value(ctx, VAL_NAME, @1.start, @1.end, $1); }
    ;

%%

/* Builds a statement node from its name, arguments and extent (its name
 * starts it). */
static Node *new_stmt(ParseCtx *c, const char *name, ValueList args, Span whole) {
    Node *n = arena_alloc(c->arena, sizeof *n);
    n->name = name;
    n->loc = loc_of(c, whole);
    n->args = args.head;
    n->nargs = args.n;
    return n;
}

/* Reports what bison itself detects (only "memory exhausted"). */
static void formc_yyerror(FORMC_YYLTYPE *loc, void *scanner, ParseCtx *ctx, const char *msg) {
    (void)scanner;
    ctx->errors++;
    diag_at(DIAG_ERROR, loc_of(ctx, *loc), "%s", diag_tr(msg));
}

/* Describes a token for a message, in the messages' language: "'{'",
 * "the end of the file", "a string". */
static const char *describe(yysymbol_kind_t sym) {
    switch (sym) {
    case YYSYMBOL_YYEOF: return diag_tr("the end of the file");
    case YYSYMBOL_NAME: return diag_tr("a name");
    case YYSYMBOL_STRING: return diag_tr("a string");
    case YYSYMBOL_NUMBER: return diag_tr("a number");
    case YYSYMBOL_RANGE: return diag_tr("a span of numbers");
    case YYSYMBOL_DATE: return diag_tr("a date");
    case YYSYMBOL_PLACEHOLDER: return diag_tr("a placeholder");
    case YYSYMBOL_EOL: return diag_tr("the end of the line");
    default: return diag_tr(yysymbol_name(sym));
    }
}

/* Reports a syntax error in words a clinician can act on. */
static int yyreport_syntax_error(const yypcontext_t *yc, void *scanner, ParseCtx *ctx) {
    (void)scanner;
    if (ctx->stop) return 0;          /* a fatal lexical error was already reported */
    ctx->errors++;
    yysymbol_kind_t got = yypcontext_token(yc);
    Loc at = loc_of(ctx, *yypcontext_location(yc));
    if (got == YYSYMBOL_YYEOF && ctx->depth > 0) {
        Loc open = { ctx->src, ctx->braces[ctx->depth - 1], 1 };
        diag_at(DIAG_ERROR, open, "this '{' is never closed: add '}' to end the block");
        return 0;
    }
    if (got == YYSYMBOL_RBRACE && ctx->depth == 0) {
        if (ctx->orphan_braces > 0) {        /* closes a '{' reported already */
            ctx->orphan_braces--;
            return 0;
        }
        diag_at(DIAG_ERROR, at, "'}' without a matching '{'");
        return 0;
    }
    if (got == YYSYMBOL_LBRACE) {
        ctx->orphan_braces++;
        diag_at(DIAG_ERROR, at, "a block '{' must follow a statement name on the same line");
        return 0;
    }
    /* a token may be followed by a value of any kind: room for them all,
     * but a list of more than 8 is not worth printing */
    yysymbol_kind_t expected[16];
    int n = yypcontext_expected_tokens(yc, expected, 16);
    bool want_name = false, want_value = false;
    for (int i = 0; i < n; i++) want_value |= expected[i] == YYSYMBOL_STRING;
    if (got == YYSYMBOL_COMMA && want_value) {
        diag_at(DIAG_ERROR, at, "a ',' goes between two values, not before the first");
        return 0;
    }
    for (int i = 0; i < n; i++) want_name |= expected[i] == YYSYMBOL_NAME;
    if (want_name && n <= 4 && (got == YYSYMBOL_STRING || got == YYSYMBOL_NUMBER || got == YYSYMBOL_RANGE ||
                                got == YYSYMBOL_PLACEHOLDER ||
                                got == YYSYMBOL_DATE || got == YYSYMBOL_COMMA)) {
        diag_at(DIAG_ERROR, at, "expected a statement name before %s", describe(got));
        return 0;
    }
    char msg[256];
    int len = snprintf(msg, sizeof msg, diag_tr("unexpected %s"), describe(got));
    for (int i = 0; i < n && n <= 8 && len < (int)sizeof msg; i++)
        len += snprintf(msg + len, sizeof msg - (size_t)len, "%s%s",
                        diag_tr(i == 0 ? ", expected " : i == n - 1 ? " or " : ", "),
                        describe(expected[i]));
    diag_at(DIAG_ERROR, at, "%s", msg);
    return 0;
}
