/* tmpl_layout.h — lays out an expanded template (template.h) as a
 * document (layout.h). Headings, paragraphs, list items, small print,
 * letterhead, date, logo, signature and @table rows are laid out here; an
 * @insert block places a table, chart or figure that the document's own
 * code draws, looked up by name in a list the caller gives. */
#ifndef FORMC_TMPL_LAYOUT_H
#define FORMC_TMPL_LAYOUT_H
#include "base/arena.h"
#include "layout/layout.h"
#include "template/template.h"

/* The most cells an @table holds in all, its rows times its columns: far
 * more than a document needs (a roster of 1000 members in 32 columns is
 * 32,000), and each costs time and memory to lay out before the pages are
 * counted (a loop inside loops made 1.8 million in 14 s and 500 MB). */
#define TMPL_TABLE_MAX_CELLS 200000

/* The most pieces of one paragraph (or note, or list item) set apart from
 * the text around them, in bold, in italics or in small print: far more
 * than a document needs (the longest list of a summary's notes, of 1000
 * members, is some 2,000), and Pango's work on a paragraph grows with
 * their square (a paragraph of 2^19 words each in bold took 35 s and
 * 625 MB, ten times its words in plain text). */
#define TMPL_PARAGRAPH_MAX_STYLED 10000

/* One named insert. place() draws it into d; args are the @insert line's
 * cells after the name (trimmed text, e.g. column titles), nargs between
 * min_args and max_args (checked before place() is called). An insert that
 * draws a chart or a diagram is a figure: placed without an @alt before
 * it, it is a warning at its @insert line. */
typedef struct TemplateInsert {
    const char *name;
    int min_args, max_args;
    void (*place)(Doc *d, const char *const *args, int nargs, void *user);
    bool figure;
} TemplateInsert;

typedef struct TemplateLayout {
    const TemplateInsert *inserts;  /* the names @insert may use */
    int ninserts;
    void *user;                     /* handed to each place() */
    int heading_level;              /* level of a "# " heading (1 or 2) */
    int paragraph_flags;            /* PARA_* for body paragraphs */
} TemplateLayout;

/* The PDF's title and the words of the page chrome, from the template's
 * "@insert document | TITLE | HEADER RIGHT | PAGE NUMBERS | DRAFT" line
 * (the last three may be left out or empty; "%d" in PAGE NUMBERS is the
 * page, then the number of pages; DRAFT is the mark across every page of
 * a draft). out[k] is set to each non-empty argument, copied into a, and
 * left as it was otherwise. Every document takes the line; it places
 * nothing on the page. */
void tmpl_document_words(Arena *a, const TemplateDoc *td, const char *out[4]);

/* Lays out every block of td into d, the runs it hands d for each block
 * made in an arena let go once the block is laid out (d copies them: a
 * long summary's took some 0.4 MB, held to its end), and each of td's
 * blocks let go of its runs once the block after it is laid out, every
 * one's by the end (template_block_done: a summary of 1000 members'
 * expansion was 3 MB held to the end of its layout); td keeps its
 * blocks' kinds. An @insert
 * naming no known insert, or with the wrong number of arguments, is an
 * error at its place in the template file. Returns the number of errors
 * reported (0: d is whole). */
int tmpl_layout(Doc *d, TemplateDoc *td, const TemplateLayout *tl);

/* Expands template t with data and lays it out as one document, the way
 * the report, the letter and the summary are all made. info describes the
 * document: its title and header_right are defaults that the template's
 * '@insert document' line may replace, and the line also gives the page
 * numbers. A character no font has is reported at its place in the source.
 * Frees t and data; data NULL (the document cannot be made: already
 * reported) only frees. Returns NULL after reporting why. */
Doc *tmpl_document(Arena *a, Template *t, TValue *data, const DocInfo *info, const TemplateLayout *tl);

/* What tmpl_document does short of laying out, for formc check: expands t
 * with data and checks every @insert and @table as tmpl_layout would,
 * reporting the same problems at the same places, so that a clean check
 * means the document can be made (what only laying it out can tell, such
 * as fonts, aside). Frees t and data (NULL: already reported, counts as a
 * problem). Returns the number of problems; 0 when there is none. */
int tmpl_check(Arena *a, Template *t, TValue *data, const TemplateLayout *tl);

#endif
