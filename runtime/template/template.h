/* template.h — the template engine for formc's documents.
 *
 * A template is a UTF-8 text file (NAME.LANG.tmpl, e.g. letter.fr.tmpl) that
 * holds a document's fixed wording with placeholders, conditionals and loops
 * (docs/templates.md describes the syntax). The engine promises:
 *
 *  - Structure comes only from the template. Headings, paragraphs, list items
 *    and placed blocks (@letterhead, @date, @signature, @logo, @insert,
 *    @table, @small, @alt) are recognised in template text only; *bold*, _italic_
 *    and the '|' between cells likewise. An inserted value
 *    is always plain text: "# x", "{{y}}" or "<b>&" in a value is printed as
 *    it stands. A paragraph break inside a value (a newline) splits a
 *    paragraph into two paragraphs and does nothing else.
 *  - Every name the template uses is checked against the data tree, in taken
 *    and untaken branches alike; a name the data does not have is an error
 *    with a "did you mean" suggestion. A name the data has but with no value
 *    (an absent optional field) is false in {{#if}} and an error only when
 *    printed.
 *  - Every problem is reported through runtime/base/diag like every other
 *    diagnostic of formc: FILE:LINE:COL: error: MESSAGE (columns counting
 *    characters, not bytes), then the template's line with a caret under
 *    the place; "did you mean" comes from runtime/base/suggest. A parse or
 *    an expansion reports at most 20 problems; the rest are counted.
 *  - Limits: a template file of at most TEMPLATE_MAX_BYTES, blocks nested at
 *    most TEMPLATE_MAX_DEPTH deep, and bounded work and output during
 *    expansion, so a hostile template ends with an error, never a crash or
 *    a hang.
 *
 * Nothing here touches the file system except template_load(), which reads
 * one file (and lists template directories to explain a missing language).
 * Locations are values (Loc, a byte span of a source: runtime/base/
 * source.h); those that point into the template stay valid until
 * template_free().
 */
#ifndef FORMC_TEMPLATE_H
#define FORMC_TEMPLATE_H

#include <stddef.h>
#include "base/arena.h"
#include "base/source.h"

#define TEMPLATE_MAX_BYTES (1024 * 1024)   /* largest template file */
#define TEMPLATE_MAX_DEPTH 32              /* deepest nesting of blocks */
#define TEMPLATE_MAX_OUTPUT (4 * 1024 * 1024) /* bytes of expanded text */
#define TEMPLATE_MAX_STEPS 2000000L        /* nodes visited in one expansion */

/* ---- Data ------------------------------------------------------------- */

/* The data a template is expanded with: a tree of text, yes/no values,
 * lists and maps with string keys. A map may hold a key with no value
 * (NULL): the name is known to the data but absent in this document. */
typedef struct TValue TValue;

typedef enum { TV_TEXT, TV_BOOL, TV_LIST, TV_MAP } TValueKind;

/* A text value (copied). origin is where the text came from (a span of a
 * formulation, say; LOC_NONE when it came from nowhere a user wrote); the
 * engine hands it back in TemplateRun.origin. */
TValue *tv_text(const char *s, Loc origin);
/* A text value written in language lang (copied; NULL: the document's):
 * its runs carry lang, so that it keeps its own quotes, hyphenation and
 * language tag in a document of another language. */
TValue *tv_text_in(const char *s, Loc origin, const char *lang);
/* Marks bytes [start, end) of text value v as written in lang (copied;
 * NULL: the document's) rather than in v's language: its runs there carry
 * lang (a sentence of another language in a text). Parts are marked in
 * order; one before the last part's end, empty or past the text is
 * ignored. A boundary inside a word cuts the word there (the quote before
 * a quoted passage stays the text's). */
void tv_text_part(TValue *v, size_t start, size_t end, const char *lang);
/* A yes/no value; usable in {{#if}}, never printed. */
TValue *tv_bool(int yes);
/* An empty list; add items in order with tv_list_add. */
TValue *tv_list(void);
/* An empty map; add entries with tv_map_set. */
TValue *tv_map(void);
/* Appends item (owned by the list from now on) to list. */
void tv_list_add(TValue *list, TValue *item);
/* Sets key in map to v (owned by the map; NULL marks the key as known but
 * absent). Replaces and frees an earlier value of the same key. */
void tv_map_set(TValue *map, const char *key, TValue *v);
/* Sets a dotted path ("group.leaders") below root, creating the maps on the
 * way. Returns 0, or -1 (and frees v) when the path crosses a non-map. */
int tv_set(TValue *root, const char *path, TValue *v);
/* Frees v and everything it owns. NULL is allowed. */
void tv_free(TValue *v);
/* The kind of v. */
TValueKind tv_kind(const TValue *v);

/* ---- Templates -------------------------------------------------------- */

typedef struct Template Template;

/* Parses a template from memory (the text is copied). file names it in
 * diagnostics. Returns NULL (after reporting every syntax problem found)
 * when it has errors. */
Template *template_parse(const char *file, const char *text, size_t len);

/* The file template_load() would read for NAME.LANG.tmpl: the first dirs[i]
 * that has it (newly allocated; free it), or NULL when none has it or a
 * name is not a plain word. Nothing is read. */
char *template_find(const char *const *dirs, int ndirs, const char *name, const char *lang);

/* Finds NAME.LANG.tmpl in dirs, in order (a clinic's own directory first,
 * then the shipped templates), and parses the first one found: a clinic's
 * file replaces the shipped one. name and lang are plain words
 * ([A-Za-z0-9_-]). When no directory has the file, reports which language
 * was asked for, where it looked and which languages exist. Returns NULL on
 * any error. */
Template *template_load(const char *const *dirs, int ndirs, const char *name,
                        const char *lang);

/* The path of the file a template was read from (as given to
 * template_parse, or DIR/NAME.LANG.tmpl from template_load). */
const char *template_path(const Template *t);

/* Frees a template. NULL is allowed. */
void template_free(Template *t);

/* The images t places with @logo lines written whole in its wording (a
 * path with no {{tag}}: `@logo /srv/clinic/logo.png`), as written, in
 * order; a NULL-terminated array in t's arena. The files a document made
 * from t reads besides its data, for a build deciding whether the
 * document is up to date. */
const char **template_images(Template *t);

/* ---- Output ----------------------------------------------------------- */

typedef enum {
    TB_PARAGRAPH,   /* body text; consecutive template lines join */
    TB_HEADING,     /* a line starting "# " */
    TB_ITEM,        /* a list item: a line starting "- " */
    TB_LETTERHEAD,  /* @letterhead: lines kept as written */
    TB_LOGO,        /* @logo PATH: one run holding an image path */
    TB_DATE,        /* @date TEXT: the date line */
    TB_SIGNATURE,   /* @signature: lines kept as written */
    TB_INSERT,      /* @insert NAME | ARG ...: a table, chart or figure the
                       program draws, placed by name (one line) */
    TB_TABLE,       /* @table: rows, one per line, cells split by '|' */
    TB_SMALL,       /* @small TEXT: a paragraph in small print */
    TB_ALT          /* @alt TEXT: the alternative text of the figure or
                       image the next block places */
} TemplateBlockKind;

/* TemplateRun.style bits. TS_SEP marks a run that is a cell separator
 * (text "|"), found only in @insert and @table blocks. */
enum { TS_PLAIN = 0, TS_BOLD = 1, TS_ITALIC = 2, TS_SEP = 4 };

/* A stretch of text with one style and one origin. text never contains a
 * newline, except a run whose text is exactly "\n": a line break, found only
 * in @letterhead, @signature and @table blocks (where it ends a row). */
typedef struct {
    const char *text;     /* UTF-8, NUL-terminated */
    int style;            /* TS_BOLD | TS_ITALIC bits */
    int from_value;       /* 1: inserted data; 0: the template's wording */
    Loc origin;           /* where the text was written: the value's origin
                             (tv_text), or the wording's span in the
                             template */
    Loc at;               /* its place in the template: the wording's span,
                             or the placeholder that inserted the value */
    const char *lang;     /* the value's language (tv_text_in), or NULL:
                             the document's */
} TemplateRun;

typedef struct {
    TemplateBlockKind kind;
    int level;            /* a heading's level: 1 for "# ", 2 "## ", 3 "### " */
    Loc at;               /* the template line the block starts on, from its
                             first character to the line's end */
    TemplateRun *runs;
    int nruns;
} TemplateBlock;

/* An expanded template. Its locations point into the template: free the
 * document before the template. */
typedef struct TemplateDoc {
    TemplateBlock *blocks;
    int nblocks;
    Arena arena;          /* owns the array of blocks; each block's runs
                             and their texts are one piece of its own */
} TemplateDoc;

/* Expands t with data (a map). Returns the document, or NULL after
 * reporting every problem found (unknown names, values of the wrong kind,
 * unclosed *bold* or _italic_, limits exceeded). */
TemplateDoc *template_expand(const Template *t, const TValue *data);

/* Frees a document. NULL is allowed. */
void template_doc_free(TemplateDoc *doc);

/* Lets go of block i's runs and their texts, once what it printed is
 * copied (laid out): the block keeps its kind, level and place, with no
 * runs. A long document's expansion is then not held whole to the end
 * of its layout. */
void template_block_done(TemplateDoc *doc, int i);

/* One cell of an @insert or @table block: runs[first, first + n). */
typedef struct {
    int first, n;
} TemplateCell;

/* Splits the runs of b from *pos into the cells of one row, up to a line
 * break run or the end; advances *pos past the row (and its line break).
 * Writes at most max cells and returns how many the row has (cells beyond
 * max are counted, not written). Returns 0 at the end of the block. */
int template_row(const TemplateBlock *b, int *pos, TemplateCell *cells,
                 int max);

/* The text of a cell with its styles dropped, allocated with malloc
 * (the caller frees it). */
char *template_cell_text(const TemplateBlock *b, TemplateCell c);

/* The name of a block kind ("paragraph", "heading", ...), for debugging. */
const char *template_block_kind_name(TemplateBlockKind k);

#endif
