/* tmpl_layout.c — an expanded template's blocks laid out as a document. */
#include "documents/tmpl_layout.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "documents/language.h"
#include "front/model.h"

enum { MAX_CELLS = 32 };

/* Points between two notes in a row (@small), so that one whose last line
 * is full does not run on into the next. */
#define NOTE_GAP 3.0

static RunStyle style_of(int s) {
    if ((s & TS_BOLD) && (s & TS_ITALIC)) return RUN_BOLD_ITALIC;
    return s & TS_BOLD ? RUN_BOLD : s & TS_ITALIC ? RUN_ITALIC : RUN_PLAIN;
}

/* The layout run of a template run: it keeps its origin (a value's place
 * in the formulation, or the wording's in the template), so a character no
 * font has is reported at its place in the source, and whether it is a
 * value (a short one, a name or a label, is never hyphenated). */
static Run run_of(const TemplateRun *r, RunStyle style) {
    return (Run){ r->text, style, r->origin, r->from_value, r->lang };
}

/* The runs of b[first, first + n) as layout runs, after an optional lead. */
static Run *runs_of(Arena *a, const TemplateBlock *b, int first, int n, const char *lead,
                    bool small, int *count) {
    Run *runs = arena_alloc(a, sizeof *runs * (size_t)(n + 1));
    int k = 0;
    if (lead) runs[k++] = (Run){ lead, small ? RUN_SMALL : RUN_PLAIN, LOC_NONE, 0, NULL };
    for (int i = first; i < first + n; i++)
        runs[k++] = run_of(&b->runs[i], small ? RUN_SMALL : style_of(b->runs[i].style));
    *count = k;
    return runs;
}

/* A table cell is one run: its text joined, the style and origin of its
 * first run (a cell holding a single value keeps that value's origin, and
 * its language). A cell holding a value of another language than the
 * document's keeps its runs in *parts, each to be set in its own language
 * (n 0: none), and the table tags it with the language most of it is in. */
static Run cell_run(Arena *a, const TemplateBlock *b, TemplateCell c, CellParts *parts) {
    *parts = (CellParts){ NULL, 0 };
    if (c.n == 0) return (Run){ "", RUN_PLAIN, LOC_NONE, 0, NULL };
    char *text = template_cell_text(b, c);
    Run r = run_of(&b->runs[c.first], style_of(b->runs[c.first].style));
    r.text = arena_strdup(a, text);
    free(text);
    if (c.n == 1) return r;
    r.origin = b->runs[c.first].at;
    r.lang = NULL;
    bool mixed = false;
    for (int i = c.first; i < c.first + c.n; i++) mixed |= b->runs[i].lang != NULL;
    if (!mixed) return r;
    Run *runs = arena_alloc(a, sizeof *runs * (size_t)c.n);
    for (int i = 0; i < c.n; i++) runs[i] = run_of(&b->runs[c.first + i], r.style);
    *parts = (CellParts){ runs, c.n };
    return r;
}

/* Whether every row of an @table fits: false, after an error at the
 * table, when one has more than MAX_CELLS cells, or the table more than
 * TMPL_TABLE_MAX_CELLS. Sets its size. */
static bool table_fits(const TemplateBlock *b, int *nrows, int *ncols) {
    TemplateCell cells[MAX_CELLS];
    int pos = 0, n;
    *nrows = *ncols = 0;
    while ((n = template_row(b, &pos, cells, MAX_CELLS)) > 0) {
        if (n > MAX_CELLS) {
            diag_at(DIAG_ERROR, b->at, "a table row has more than %d cells", MAX_CELLS);
            return false;
        }
        if (n > *ncols) *ncols = n;
        (*nrows)++;
    }
    if ((long)*nrows * *ncols > TMPL_TABLE_MAX_CELLS) {
        diag_at(DIAG_ERROR, b->at, "a table of %d rows and %d columns: more than %d cells, the most "
                "formc lays out in one table (a loop inside loops?)", *nrows, *ncols, TMPL_TABLE_MAX_CELLS);
        return false;
    }
    return true;
}

/* Whether block b, a text of one or more paragraphs, sets at most
 * TMPL_PARAGRAPH_MAX_STYLED pieces apart (each a Pango attribute of its
 * paragraph): false, after an error at the first past the limit, where
 * the template writes it, when it sets more. */
static bool styled_runs_fit(const TemplateBlock *b) {
    if (b->kind == TB_HEADING || b->kind == TB_LOGO || b->kind == TB_INSERT || b->kind == TB_TABLE ||
        b->kind == TB_ALT)
        return true;
    int styled = 0;
    for (int i = 0; i < b->nruns; i++) {
        if (b->kind != TB_SMALL && !(b->runs[i].style & (TS_BOLD | TS_ITALIC))) continue;
        if (++styled > TMPL_PARAGRAPH_MAX_STYLED) {
            diag_at(DIAG_ERROR, b->runs[i].at, "this paragraph sets more than %d pieces of its text apart "
                    "(in bold, in italics or in small print), the most formc lays out in one paragraph "
                    "(a loop inside loops?)", TMPL_PARAGRAPH_MAX_STYLED);
            return false;
        }
    }
    return true;
}

/* True when cell text t is a figure: a number, or a minus sign (U+2212)
 * before one, with a few words at most after it ("12", "1 of 4",
 * "97% (36 of 37)"), or a dash alone (no value). A sentence that starts
 * with a number ("2, from 9 September 2025 to 2 April 2026") is not. */
static bool reads_as_figure(const char *t) {
    if (!strcmp(t, "\xe2\x80\x93")) return true;
    if (!strncmp(t, "\xe2\x88\x92", 3)) t += 3;
    if (*t < '0' || *t > '9') return false;
    int spaces = 0;
    for (; *t; t++) spaces += *t == ' ';
    return spaces <= 3;
}

/* True when column c of the nrows x ncols grid holds figures: every cell
 * reads as one (an empty one holds none), and one at least does; the cell
 * of the first row may be the column's label when that row labels the
 * columns (its first cell empty, over the rows' labels). */
static bool column_of_figures(const Run *grid, int nrows, int ncols, int c) {
    int numbers = 0;
    int labels = nrows > 1 && !grid[0].text[0];
    for (int row = labels; row < nrows; row++) {
        const char *t = grid[row * ncols + c].text;
        if (!*t) continue;
        if (!reads_as_figure(t)) return false;
        numbers++;
    }
    return numbers > 0;
}

/* @table: one row per line; columns as wide as their longest cell asks, a
 * column of figures set to the right, so that their units line up. */
static int layout_table(Arena *a, Doc *d, const TemplateBlock *b) {
    TemplateCell cells[MAX_CELLS];
    int nrows, ncols, pos = 0, n;
    if (!table_fits(b, &nrows, &ncols)) return 1;
    if (!nrows) return 0;
    Run *grid = arena_alloc(a, sizeof *grid * (size_t)(nrows * ncols));
    CellParts *parts = arena_alloc(a, sizeof *parts * (size_t)(nrows * ncols));
    double widest[MAX_CELLS] = { 0 };
    for (int row = 0; (n = template_row(b, &pos, cells, MAX_CELLS)) > 0; row++)
        for (int c = 0; c < ncols; c++) {
            CellParts *p = &parts[row * ncols + c];
            *p = (CellParts){ NULL, 0 };
            Run r = c < n ? cell_run(a, b, cells[c], p) : (Run){ "", RUN_PLAIN, LOC_NONE, 0, NULL };
            grid[row * ncols + c] = r;
            double len = (double)strlen(r.text);
            if (len > widest[c]) widest[c] = len;
        }
    TableColumn *cols = arena_alloc(a, sizeof *cols * (size_t)ncols);
    for (int c = 0; c < ncols; c++)
        cols[c] = (TableColumn){ "", sqrt(widest[c] > 4 ? widest[c] : 4),
                                 c > 0 && column_of_figures(grid, nrows, ncols, c) ? ALIGN_RIGHT : ALIGN_LEFT, 0 };
    doc_table_parts(d, cols, ncols, grid, parts, nrows);
    return 0;
}

/* @insert document: read before the document is made (tmpl_document_words),
 * so it places nothing here. */
static void place_nothing(Doc *d, const char *const *args, int nargs, void *user) {}
static const TemplateInsert document_insert = { "document", 1, 4, place_nothing, false };

void tmpl_document_words(Arena *a, const TemplateDoc *td, const char *out[4]) {
    for (int i = 0; i < td->nblocks; i++) {
        const TemplateBlock *b = &td->blocks[i];
        if (b->kind != TB_INSERT) continue;
        TemplateCell cells[MAX_CELLS];
        int pos = 0, n = template_row(b, &pos, cells, MAX_CELLS);
        if (n - 1 < document_insert.min_args || n - 1 > document_insert.max_args) continue;
        char *name = template_cell_text(b, cells[0]);
        bool found = !strcmp(name, document_insert.name);
        free(name);
        if (!found) continue;
        for (int k = 0; k + 1 < n; k++) {
            char *arg = template_cell_text(b, cells[1 + k]);
            if (*arg) out[k] = arena_strdup(a, arg);
            free(arg);
        }
        return;
    }
}

/* The span of an @insert line up to the end of the insert's name. */
static Loc insert_name_loc(Loc at, const char *name) {
    if (!at.src || !*name) return at;
    const char *line = at.src->text + at.off;
    size_t n = strlen(name), start = at.len >= 7 && !memcmp(line, "@insert", 7) ? 7 : 0;
    for (size_t i = start; i + n <= at.len; i++)
        if (!memcmp(line + i, name, n)) {
            at.len = (uint32_t)(i + n);
            break;
        }
    return at;
}

/* The insert an @insert block names, with its arguments in args (n of
 * them, the name first; free each): NULL, after an error at the block,
 * when it names no insert of this document, has more cells than it can
 * hold, or the wrong number of arguments. */
static const TemplateInsert *insert_of(Arena *a, const TemplateBlock *b, const TemplateLayout *tl,
                                       char *args[MAX_CELLS + 1], int *count) {
    TemplateCell cells[MAX_CELLS];
    int pos = 0, n = template_row(b, &pos, cells, MAX_CELLS);
    if (n > MAX_CELLS) n = MAX_CELLS + 1;
    for (int i = 0; i < n && i < MAX_CELLS; i++) args[i] = template_cell_text(b, cells[i]);
    *count = n < MAX_CELLS ? n : MAX_CELLS;
    const char *name = n ? args[0] : "";
    const TemplateInsert *in = NULL;
    for (int i = 0; i < tl->ninserts && !in; i++)
        if (!strcmp(tl->inserts[i].name, name)) in = &tl->inserts[i];
    if (!in && !strcmp(name, document_insert.name)) in = &document_insert;
    if (n > MAX_CELLS) {
        diag_at(DIAG_ERROR, b->at, "@insert %s has more than %d '|'-separated cells", name, MAX_CELLS);
        return NULL;
    }
    if (!in) {
        Suggest sg;
        suggest_init(&sg, name);
        suggest_offer(&sg, document_insert.name);
        char *known = arena_strdup(a, document_insert.name);
        for (int i = 0; i < tl->ninserts; i++) {
            suggest_offer(&sg, tl->inserts[i].name);
            known = arena_printf(a, "%s, %s", known, tl->inserts[i].name);
        }
        const char *best = suggest_result(&sg);
        if (best)
            diag_at(DIAG_ERROR, b->at, "@insert '%s' is not known in this document (did you mean '%s'?)",
                    name, best);
        else
            diag_at(DIAG_ERROR, b->at, "@insert '%s' is not known in this document (known: %s)", name,
                    known);
        return NULL;
    }
    if (n - 1 < in->min_args || n - 1 > in->max_args) {
        char *want = in->min_args == in->max_args ? arena_printf(a, "%d", in->min_args)
                                                  : arena_printf(a, "%d to %d", in->min_args, in->max_args);
        diag_at(DIAG_ERROR, b->at, "@insert %s takes %s '|'-separated argument%s, not %d", name, want,
                in->max_args == 1 ? "" : "s", n - 1);
        return NULL;
    }
    return in;
}

/* @insert NAME | ARG...: the caller's insert of that name, or document;
 * d NULL only checks it. alt: an @alt with some text comes before it (a
 * figure without one is a warning). Returns the errors reported. */
static int layout_insert(Arena *a, Doc *d, const TemplateBlock *b, const TemplateLayout *tl, bool alt) {
    char *args[MAX_CELLS + 1] = { 0 };
    int n;
    const TemplateInsert *in = insert_of(a, b, tl, args, &n);
    if (in && in->figure && !alt)
        diag_at(DIAG_WARNING, insert_name_loc(b->at, in->name), "@insert %s draws a figure with no "
                "alternative text: a screen reader can say nothing of it; say what it shows on an @alt "
                "line just before this one (docs/templates.md)", in->name);
    if (in && d) in->place(d, (const char *const *)args + 1, n - 1, tl->user);
    for (int i = 0; i < n; i++) free(args[i]);
    return in ? 0 : 1;
}

/* The text of a block's runs, joined, in a. */
static const char *block_text(Arena *a, const TemplateBlock *b) {
    size_t len = 0;
    for (int i = 0; i < b->nruns; i++) len += strlen(b->runs[i].text);
    char *text = arena_alloc(a, len + 1), *p = text;
    for (int i = 0; i < b->nruns; i++) p = stpcpy(p, b->runs[i].text);
    *p = 0;
    return text;
}

/* An @alt's text: its runs joined, each written in another language than
 * the document's with that language's quotes and spaces (the document's
 * are given to the whole by the layout, and leave those alone). */
static const char *alt_text(Arena *a, const TemplateBlock *b) {
    size_t len = 0;
    const char **texts = arena_alloc(a, sizeof *texts * (size_t)(b->nruns ? b->nruns : 1));
    for (int i = 0; i < b->nruns; i++) {
        texts[i] = b->runs[i].lang ? language_typography(a, b->runs[i].text, b->runs[i].lang) : b->runs[i].text;
        len += strlen(texts[i]);
    }
    char *text = arena_alloc(a, len + 1), *p = text;
    for (int i = 0; i < b->nruns; i++) p = stpcpy(p, texts[i]);
    *p = 0;
    return text;
}

enum { LETTERHEAD_FLAGS = PARA_LEFT | PARA_NO_HYPHENATE | PARA_SANS };

/* @logo, with the @letterhead that follows it (or NULL) beside it. A logo
 * that cannot be read is left out with a warning, and the letterhead is
 * laid out alone. */
static void place_logo(Arena *a, Doc *d, const TemplateBlock *logo, const TemplateBlock *letterhead) {
    char err[256];
    int k = 0, rc = 0;
    Run *runs = letterhead ? runs_of(a, letterhead, 0, letterhead->nruns, NULL, false, &k) : NULL;
    if (logo->nruns)
        rc = letterhead ? doc_image_beside(d, logo->runs[0].text, 170, 60, runs, k, LETTERHEAD_FLAGS, err, sizeof err)
                        : doc_image(d, logo->runs[0].text, 170, 60, ALIGN_LEFT, err, sizeof err);
    if (rc != 0) {
        Loc at = logo->runs[0].origin;      /* the clinic's logo field, or the template's @logo */
        if (at.src) diag_at(DIAG_WARNING, at, "the logo is left out: %s", err);
        else diag_file(DIAG_WARNING, NULL, "the logo is left out: %s", err);
    }
    if (letterhead && (rc != 0 || !logo->nruns)) doc_paragraph(d, runs, k, LETTERHEAD_FLAGS);
    if (letterhead) doc_space(d, 12);
}

/* Whether @insert block b places a figure (a table's notes, unlike a
 * figure's legend, may go on the next page). */
static bool inserts_figure(const TemplateBlock *b, const TemplateLayout *tl) {
    TemplateCell cells[MAX_CELLS];
    int pos = 0;
    if (template_row(b, &pos, cells, MAX_CELLS) < 1) return false;
    char *name = template_cell_text(b, cells[0]);
    bool figure = false;
    for (int i = 0; i < tl->ninserts; i++)
        if (!strcmp(tl->inserts[i].name, name)) figure = tl->inserts[i].figure;
    free(name);
    return figure;
}

/* Whether paragraph b introduces a chart, a diagram or a table under a
 * heading: paragraphs only between the heading and b, and from b on
 * paragraphs and @alt lines only up to an @insert or an @table. Such a
 * paragraph is kept whole with the start of what it introduces (a
 * figure's first part, a table's first rows), as its heading is with it. */
static bool introduces_insert(const TemplateDoc *td, const TemplateBlock *b) {
    const TemplateBlock *first = td->blocks, *end = td->blocks + td->nblocks, *q;
    for (q = b - 1; q >= first && q->kind == TB_PARAGRAPH; q--) {}
    if (q < first || q->kind != TB_HEADING) return false;
    for (q = b + 1; q < end && (q->kind == TB_PARAGRAPH || q->kind == TB_ALT); q++) {}
    return q < end && (q->kind == TB_INSERT || q->kind == TB_TABLE);
}

/* Whether paragraph b announces what follows it: its text ends in a
 * colon ("... what we came to understand when we met:"), so it is kept
 * with the start of the next block, as a heading is. */
static bool announces_next(Arena *a, const TemplateBlock *b) {
    const char *text = block_text(a, b);
    size_t n = strlen(text);
    while (n > 0 && strchr(" \t\r\n", text[n - 1])) n--;
    return n > 0 && text[n - 1] == ':';
}

/* Lays out one block; returns the errors reported. */
static int layout_block(Arena *a, Doc *d, const TemplateDoc *td, const TemplateBlock *b,
                        const TemplateLayout *tl) {
    int k;
    Run *runs;
    if (!styled_runs_fit(b)) return 1;
    switch (b->kind) {
    case TB_HEADING: {
        const char *text = block_text(a, b);
        doc_heading(d, tl->heading_level + b->level - 1, text, b->nruns == 1 ? b->runs[0].origin : b->at);
        return 0;
    }
    case TB_LOGO:
        place_logo(a, d, b, NULL);
        return 0;
    case TB_INSERT:
        return layout_insert(a, d, b, tl, doc_alt(d) != NULL);
    case TB_TABLE:
        if (b > td->blocks && b[-1].kind == TB_INSERT)
            doc_keep_with_next(d);       /* a table's counts stay with it */
        return layout_table(a, d, b);
    case TB_SMALL: {
        /* a figure's legend stays with it, whole */
        bool legend = b > td->blocks && b[-1].kind == TB_INSERT && inserts_figure(&b[-1], tl);
        if (legend) doc_keep_with_next(d);
        if (b > td->blocks && b[-1].kind == TB_SMALL)
            doc_space(d, NOTE_GAP);      /* where one note ends and the next begins */
        runs = runs_of(a, b, 0, b->nruns, NULL, true, &k);
        doc_paragraph(d, runs, k, PARA_LEFT | PARA_TIGHT | PARA_NO_HYPHENATE |   /* notes and sources */
                      (legend ? PARA_KEEP_WHOLE : 0));
        return 0;
    }
    case TB_LETTERHEAD:
        runs = runs_of(a, b, 0, b->nruns, NULL, false, &k);
        doc_paragraph(d, runs, k, LETTERHEAD_FLAGS);
        doc_space(d, 12);
        return 0;
    case TB_DATE:
        runs = runs_of(a, b, 0, b->nruns, NULL, false, &k);
        doc_paragraph(d, runs, k, PARA_LEFT | PARA_NO_HYPHENATE);
        return 0;
    case TB_SIGNATURE:
        runs = runs_of(a, b, 0, b->nruns, NULL, false, &k);
        doc_space(d, 6);
        doc_paragraph(d, runs, k, PARA_LEFT | PARA_NO_HYPHENATE | PARA_KEEP_WITH_NEXT);
        return 0;
    case TB_ITEM:
        runs = runs_of(a, b, 0, b->nruns, "\u2022\t", false, &k);
        doc_paragraph(d, runs, k, tl->paragraph_flags | PARA_HANGING);
        return 0;
    case TB_PARAGRAPH:
        runs = runs_of(a, b, 0, b->nruns, NULL, false, &k);
        doc_paragraph(d, runs, k, tl->paragraph_flags |
                      (introduces_insert(td, b) ? PARA_KEEP_WITH_NEXT | PARA_KEEP_WHOLE
                       : announces_next(a, b) ? PARA_KEEP_WITH_NEXT : 0));
        return 0;
    case TB_ALT:
        return 0;
    }
    return 0;
}

int tmpl_layout(Doc *d, TemplateDoc *td, const TemplateLayout *tl) {
    int errors = 0;
    Arena a = { 0 };          /* what one block hands d, which copies it */
    const char *alt = NULL;   /* an @alt's text, for the next block's figures */
    int done = 0;             /* td's blocks [0, done) have let go of their runs */
    for (int i = 0; i < td->nblocks; i++) {
        /* a block reads the one before it at most (a legend asks whether
         * the insert before it draws a figure): those before are let go */
        while (done < i - 1) template_block_done(td, done++);
        const TemplateBlock *b = &td->blocks[i];
        if (b->kind == TB_ALT) {
            alt = alt_text(&a, b);
            continue;
        }
        doc_alt_text(d, alt);
        if (b->kind == TB_LOGO && i + 1 < td->nblocks && td->blocks[i + 1].kind == TB_LETTERHEAD)
            place_logo(&a, d, b, &td->blocks[++i]);    /* the letterhead beside its logo */
        else
            errors += layout_block(&a, d, td, b, tl);
        if (alt) doc_alt_text(d, NULL);
        alt = NULL;
        arena_free(&a);
    }
    while (done < td->nblocks) template_block_done(td, done++);
    return errors;
}

/* A character no font can draw, reported at its place within origin, the
 * span the run's text was written in (a formulation's string or date, a
 * template's wording), so it has a file, line and column whatever the
 * value's type; a warning without a place when origin is LOC_NONE. */
static void missing_glyph(void *ud, Loc origin, const char *text, size_t off) {
    uint32_t cp;
    int n = utf8_decode(text + off, UTF8_MAX, &cp);
    char ch[UTF8_MAX + 1] = { 0 };
    memcpy(ch, text + off, (size_t)n);
    if (!origin.src) {
        diag_file(DIAG_WARNING, NULL, "no installed font can draw '%s'; it will print as a box", ch);
        return;
    }
    /* find the character in the source text it was written in */
    Loc at = origin;
    const char *src = at.src->text + at.off;
    const char *hit = NULL;
    for (uint32_t i = 0; i + (uint32_t)n <= at.len && !hit; i++)
        if (!memcmp(src + i, ch, (size_t)n)) hit = src + i;
    if (hit) at = (Loc){ at.src, (uint32_t)(hit - at.src->text), (uint32_t)n };
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))    /* C0, DEL, C1: no font is missing */
        diag_at(DIAG_WARNING, at, "U+%04X is a control character, not a letter or a sign (a damaged "
                "copy?); it will print as a box: delete it", (unsigned)cp);
    else
        diag_at(DIAG_WARNING, at, "no installed font can draw '%s' (U+%04X); it will print as a box", ch,
                (unsigned)cp);
}

/* Whether block i has an @alt with some text just before it. */
static bool has_alt(Arena *a, const TemplateDoc *td, int i) {
    return i > 0 && td->blocks[i - 1].kind == TB_ALT && *block_text(a, &td->blocks[i - 1]);
}

/* Whether the expanded template prints anything: a text that is not
 * blank, a logo, a table or an insert that draws (not @insert document,
 * which only gives the document's words). An empty template, one that is
 * all comment, or one whose every part an {{#if}} leaves out made a blank
 * page with exit 0; it is an error at the template instead. */
static bool prints_something(Arena *a, const Template *t, const TemplateDoc *td) {
    for (int i = 0; i < td->nblocks; i++) {
        const TemplateBlock *b = &td->blocks[i];
        if (b->kind == TB_ALT) continue;
        if (b->kind == TB_LOGO || b->kind == TB_TABLE) return true;
        if (b->kind == TB_INSERT) {
            TemplateCell cells[MAX_CELLS];
            int pos = 0;
            if (template_row(b, &pos, cells, MAX_CELLS) < 1) continue;
            char *name = template_cell_text(b, cells[0]);
            bool draws = strcmp(name, document_insert.name) != 0;
            free(name);
            if (draws) return true;
            continue;
        }
        for (const char *p = block_text(a, b); *p; p++)
            if (!strchr(" \t\n", *p)) return true;
    }
    diag_file(DIAG_ERROR, template_path(t), "the template gives this document nothing to print (it is empty, "
              "all comment, or every part of it is left out): formc writes no blank document");
    return false;
}

int tmpl_check(Arena *a, Template *t, TValue *data, const TemplateLayout *tl) {
    TemplateDoc *td = data ? template_expand(t, data) : NULL;
    int errors = td && prints_something(a, t, td) ? 0 : 1;
    for (int i = 0; td && i < td->nblocks; i++) {
        const TemplateBlock *b = &td->blocks[i];
        int rows, cols;
        if (b->kind == TB_INSERT) errors += layout_insert(a, NULL, b, tl, has_alt(a, td, i));
        else if (b->kind == TB_TABLE && !table_fits(b, &rows, &cols)) errors++;
        else if (!styled_runs_fit(b)) errors++;
    }
    template_doc_free(td);
    tv_free(data);
    template_free(t);
    return errors;
}

Doc *tmpl_document(Arena *a, Template *t, TValue *data, const DocInfo *info, const TemplateLayout *tl) {
    TemplateDoc *td = data ? template_expand(t, data) : NULL;
    /* the blocks hold copies of what they print: the data is let go before
     * the document is laid out (a long summary's is some 2 MB) */
    tv_free(data);
    Doc *d = NULL;
    if (td && prints_something(a, t, td)) {
        const char *words[4] = { info->title, info->header_right, NULL, NULL };
        tmpl_document_words(a, td, words);
        DocInfo di = *info;
        di.title = words[0];
        di.header_right = words[1];
        di.footer_page_numbers = words[2] != NULL;
        di.page_format = words[2];
        di.draft_mark = words[3] ? words[3] : language_word(WORD_DRAFT_MARK, info->lang);
        di.continued = language_word(WORD_CONTINUED, info->lang);
        di.missing_glyph = missing_glyph;
        char err[256];
        d = doc_new(&di, err, sizeof err);
        if (!d) diag_file(DIAG_ERROR, NULL, "%s", err);
        if (d && tmpl_layout(d, td, tl)) {
            doc_free(d);
            d = NULL;
        }
    }
    template_doc_free(td);
    template_free(t);
    return d;
}
