/* build.c — the template engine's last pass: pieces of wording and values,
 * gathered line by line, become typed blocks of styled runs.
 *
 * Promises: structure comes from the template's wording only. A line's
 * marker (# heading, - item, @directive) and inline styles (*bold*,
 * _italic_, '|' between cells) are honoured in wording, never in a value:
 * a value is plain text whatever it holds, and its newline only splits a
 * paragraph (or breaks a line in a letterhead or signature). Runs of one
 * style and origin are merged; a style left open at the end of a block is
 * an error, reported once per place in the template. The document never
 * exceeds TEMPLATE_MAX_OUTPUT bytes.
 * May touch: the document's arena (its array of blocks), each block's
 * own piece of memory (its runs and their texts) and its own buffers. */
#include "template/engine.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/suggest.h"
#include "base/utf8.h"

/* A piece of a line: template wording, or a value a placeholder printed. */
typedef struct {
    int is_value;
    const char *s;
    size_t len;
    Loc origin;                      /* a value's origin */
    const char *lang;                /* a value's language, NULL: the document's */
    const TValuePart *parts;         /* a value's stretches in another language */
    int nparts;
    Loc at;                          /* wording: its span; a value: the
                                        placeholder's */
} Seg;

struct Builder {
    const Template *t;
    Reporter *r;
    Arena *arena;                    /* the document's */
    Seg *segs;                       /* the current line */
    int nsegs, segcap;
    TemplateBlock *blocks;
    int nblocks, blockcap;
    int open;                        /* a block is open */
    TemplateBlock cur;               /* the open block */
    int runcap;
    char *texts;                     /* the open block's runs' texts and
                                        languages, each NUL-ended */
    size_t tlen, tcap;
    size_t *text_at, *lang_at;       /* per run: where in texts (lang_at
                                        SIZE_MAX: no language) */
    int atcap;
    char *buf;                       /* the open run's text */
    int blen, bcap;
    int have_run;
    int rstyle, rvalue;              /* the open run's attributes */
    const char *rlang;
    const char *vlang;               /* the language of the value being put */
    Loc rorigin, rat;
    int style;                       /* styles switched on by * and _ */
    Loc bold_at, ital_at;            /* where each was switched on */
    int space;                       /* a space is pending */
    int sp_value;
    Loc sp_origin, sp_at;
    int after_sep;                   /* the last run is a cell separator */
    uint32_t reported[64];           /* places of problems already reported */
    int nreported;
    size_t out_bytes;
};

/* Closes the open run, copying its text among the open block's texts
 * (its text pointer is set when the block closes: run_text until then). */
static void flush_run(Builder *b) {
    if (!b->have_run) return;
    int i = b->cur.nruns;
    xgrow(&b->cur.runs, &b->runcap, i + 1, sizeof *b->cur.runs);
    if (i + 1 > b->atcap) {
        int cap = b->atcap;
        xgrow(&b->text_at, &cap, i + 1, sizeof *b->text_at);
        xgrow(&b->lang_at, &b->atcap, i + 1, sizeof *b->lang_at);
    }
    TemplateRun *r = &b->cur.runs[b->cur.nruns++];
    b->text_at[i] = b->tlen;
    xappend(&b->texts, &b->tlen, &b->tcap, b->buf, (size_t)b->blen);
    b->tlen++;                       /* past its NUL */
    b->lang_at[i] = SIZE_MAX;
    if (b->rlang) {
        b->lang_at[i] = b->tlen;
        xappend(&b->texts, &b->tlen, &b->tcap, b->rlang, strlen(b->rlang));
        b->tlen++;
    }
    r->text = NULL;
    r->style = b->rstyle;
    r->from_value = b->rvalue;
    r->origin = b->rvalue ? b->rorigin : b->rat;
    r->at = b->rat;
    r->lang = NULL;
    b->have_run = 0;
    b->blen = 0;
}

/* The text of run i of the open block. */
static const char *run_text(const Builder *b, int i) {
    return b->texts + b->text_at[i];
}

/* True when the open block holds no text yet. */
static int block_empty(const Builder *b) {
    return b->cur.nruns == 0 && !b->have_run;
}

/* Appends the bytes s[0, n) with the given attributes to the open block:
 * a value's bytes join a run of the same value printed by the same
 * placeholder; wording joins wording, whose run then spans both. */
static void put_raw(Builder *b, const char *s, int n, int value, Loc origin,
                    Loc at) {
    if (b->r->stopped) return;
    b->out_bytes += (size_t)n;
    if (b->out_bytes > TEMPLATE_MAX_OUTPUT) {
        if (value && origin.src) {
            /* a text of the input passes the limit: said at the input, and
             * where the template prints it */
            tmpl_problem(b->r, origin, "with this text the document passes %d MiB (%d bytes) of text, "
                         "the most formc lays out in one document: the texts are too long",
                         TEMPLATE_MAX_OUTPUT / (1024 * 1024), TEMPLATE_MAX_OUTPUT);
            diag_at(DIAG_NOTE, at, "the template prints it here (a template that repeats a text in "
                    "a loop inside a loop passes the limit too)");
        } else {
            tmpl_problem(b->r, at, "the expanded document is larger than %d "
                         "bytes (a loop inside loops?)", TEMPLATE_MAX_OUTPUT);
        }
        b->r->stopped = 1;
        return;
    }
    const char *lang = value ? b->vlang : NULL;
    int same = b->have_run && b->rstyle == b->style && b->rvalue == value &&
               (!value || (loc_same(b->rorigin, origin) && loc_same(b->rat, at))) &&
               (b->rlang == lang || (b->rlang && lang && !strcmp(b->rlang, lang)));
    if (!same) {
        flush_run(b);
        b->have_run = 1;
        b->rstyle = b->style;
        b->rvalue = value;
        b->rlang = lang;
        b->rorigin = origin;
        b->rat = at;
    } else if (!value && at.off + at.len > b->rat.off + b->rat.len) {
        b->rat.len = at.off + at.len - b->rat.off;
    }
    xgrow(&b->buf, &b->bcap, b->blen + n + 1, 1);
    memcpy(b->buf + b->blen, s, (size_t)n);
    b->blen += n;
    b->after_sep = 0;
}

/* Appends text, first writing a pending space unless at the block's start
 * or after a cell separator. */
static void put(Builder *b, const char *s, int n, int value, Loc origin, Loc at) {
    if (b->space && !block_empty(b) && !b->after_sep)
        put_raw(b, " ", 1, b->sp_value, b->sp_origin, b->sp_at);
    b->space = 0;
    put_raw(b, s, n, value, origin, at);
}

/* Notes a space to be written before the next text. */
static void pend_space(Builder *b, int value, Loc origin, Loc at) {
    if (b->space) return;
    b->space = 1;
    b->sp_value = value;
    b->sp_origin = origin;
    b->sp_at = at;
}

/* A line break run, for blocks whose lines are kept. */
static void put_break(Builder *b, Loc at) {
    b->space = 0;
    if (block_empty(b)) return;
    flush_run(b);
    if (b->cur.nruns && !strcmp(run_text(b, b->cur.nruns - 1), "\n"))
        return;
    int style = b->style;
    b->style = 0;
    put_raw(b, "\n", 1, 0, LOC_NONE, at);
    flush_run(b);
    b->style = style;
}

static int keeps_lines(TemplateBlockKind k) {
    return k == TB_LETTERHEAD || k == TB_SIGNATURE || k == TB_TABLE;
}

/* True for blocks whose wording '|' separates cells. */
static int has_cells(TemplateBlockKind k) {
    return k == TB_TABLE || k == TB_INSERT;
}

/* True for blocks that end with their line. */
static int one_line(TemplateBlockKind k) {
    return k == TB_HEADING || k == TB_DATE || k == TB_LOGO || k == TB_INSERT;
}

/* A cell separator: a run of its own, with no space on either side. */
static void put_separator(Builder *b, Loc at) {
    b->space = 0;
    flush_run(b);
    int style = b->style;
    b->style = TS_SEP;
    put_raw(b, "|", 1, 0, LOC_NONE, at);
    flush_run(b);
    b->style = style;
    b->after_sep = 1;
}

/* True the first time a place in the template is named: problems in
 * wording inside a loop are reported once, not once per item. */
static int first_time_at(Builder *b, Loc at) {
    for (int i = 0; i < b->nreported; i++)
        if (b->reported[i] == at.off) return 0;
    if (b->nreported < 64) b->reported[b->nreported++] = at.off;
    return 1;
}

/* Reports a style left open, once per place in the template. */
static void style_error(Builder *b, Loc at, const char *what) {
    if (first_time_at(b, at)) tmpl_problem(b->r, at, "%s", what);
    else b->r->errors++;
}

/* Ends the open block. by_template: the template ended it (a blank line, a
 * new marker, the end), so styles must be closed; otherwise a paragraph
 * break inside a value ended it and styles carry on. */
static void close_block(Builder *b, int by_template) {
    if (!b->open) return;
    flush_run(b);
    b->space = 0;
    if (by_template) {
        if (b->style & TS_BOLD)
            style_error(b, b->bold_at, "'*' starts bold text "
                        "that is not closed in the same block (write \\* for "
                        "an asterisk)");
        if (b->style & TS_ITALIC)
            style_error(b, b->ital_at, "'_' starts italic text"
                        " that is not closed in the same block (write \\_ for "
                        "an underscore)");
        b->style = 0;
    }
    while (b->cur.nruns && !strcmp(run_text(b, b->cur.nruns - 1), "\n"))
        b->cur.nruns--;
    TemplateBlockKind k = b->cur.kind;
    int keep = b->cur.nruns > 0 ||
               (k != TB_PARAGRAPH && k != TB_HEADING && k != TB_ITEM &&
                k != TB_SMALL);
    if (keep) {
        /* the block's own piece: its runs, then their texts, so that it
         * can be let go alone once laid out (template_block_done) */
        TemplateBlock blk = b->cur;
        size_t runs_size = sizeof *blk.runs * (size_t)(blk.nruns ? blk.nruns : 1);
        blk.runs = xmalloc(runs_size + b->tlen);
        char *texts = (char *)blk.runs + runs_size;
        if (b->tlen) memcpy(texts, b->texts, b->tlen);
        for (int i = 0; i < blk.nruns; i++) {
            blk.runs[i] = b->cur.runs[i];
            blk.runs[i].text = texts + b->text_at[i];
            blk.runs[i].lang = b->lang_at[i] == SIZE_MAX ? NULL : texts + b->lang_at[i];
        }
        if (!blk.nruns) memset(blk.runs, 0, runs_size);
        xgrow(&b->blocks, &b->blockcap, b->nblocks + 1, sizeof *b->blocks);
        b->blocks[b->nblocks++] = blk;
    }
    b->cur.nruns = 0;
    b->tlen = 0;
    b->open = 0;
}

/* Opens a block of kind k starting at `at` (to the end of its line). */
static void open_block(Builder *b, TemplateBlockKind k, Loc at) {
    close_block(b, 1);
    const char *text = b->t->src->text;
    const char *nl = memchr(text + at.off, '\n', b->t->src->len - at.off);
    at.len = (uint32_t)((nl ? (size_t)(nl - text) : b->t->src->len) - at.off);
    b->open = 1;
    b->cur.kind = k;
    b->cur.level = 0;
    b->cur.at = at;
    b->cur.nruns = 0;
}

static const struct {
    const char *word;
    TemplateBlockKind kind;
} directives[] = {
    {"letterhead", TB_LETTERHEAD}, {"logo", TB_LOGO},
    {"date", TB_DATE}, {"signature", TB_SIGNATURE},
    {"insert", TB_INSERT}, {"table", TB_TABLE}, {"small", TB_SMALL},
    {"alt", TB_ALT},
};

/* The span of n bytes at byte i of wording segment g. */
static Loc wording_at(const Seg *g, size_t i, size_t n) {
    return (Loc){ g->at.src, g->at.off + (uint32_t)i, (uint32_t)n };
}

/* Writes template wording g->s[from, len), honouring escapes and style
 * markers. */
static void put_wording(Builder *b, const Seg *g, size_t from) {
    for (size_t i = from; i < g->len;) {
        char c = g->s[i];
        int n = utf8_step(g->s, i, g->len);
        Loc here = wording_at(g, i, (size_t)n);
        if (c == '\r') {
            i++;
            continue;
        }
        if (c == ' ' || c == '\t') {
            pend_space(b, 0, LOC_NONE, here);
        } else if (c == '\\' && i + 1 < g->len &&
                   strchr("\\*_#-@{}|", g->s[i + 1])) {
            put(b, g->s + i + 1, 1, 0, LOC_NONE, wording_at(g, i, 2));
            i += 2;
            continue;
        } else if (c == '*' || c == '_') {
            int bit = c == '*' ? TS_BOLD : TS_ITALIC;
            if (!(b->style & bit)) {
                if (b->space && !block_empty(b))
                    put_raw(b, " ", 1, b->sp_value, b->sp_origin, b->sp_at);
                b->space = 0;
                if (bit == TS_BOLD) b->bold_at = here;
                else b->ital_at = here;
            }
            b->style ^= bit;
        } else if (c == '|' && b->open && has_cells(b->cur.kind)) {
            put_separator(b, here);
        } else {
            put(b, g->s + i, n, 0, LOC_NONE, here);
        }
        i += (size_t)n;
    }
}

/* The language byte i of value g is written in: its part's, else g's. */
static const char *lang_at(const Seg *g, size_t i) {
    for (int k = 0; k < g->nparts; k++)
        if (i >= g->parts[k].start && i < g->parts[k].end) return g->parts[k].lang;
    return g->lang;
}

/* The first byte in (i, j) of value g where a part starts or ends, or j. */
static size_t part_edge(const Seg *g, size_t i, size_t j) {
    for (int k = 0; k < g->nparts; k++) {
        if (g->parts[k].start > i && g->parts[k].start < j) return g->parts[k].start;
        if (g->parts[k].end > i && g->parts[k].end < j) return g->parts[k].end;
    }
    return j;
}

/* Puts the word s[0, n) of value g, written in lang: a space pending
 * between it and the word before, when their languages differ, is
 * written first in g's own (a part's spaces are inside it). */
static void put_word_in(Builder *b, const Seg *g, const char *s, size_t n, const char *lang) {
    int same = b->vlang == lang || (b->vlang && lang && !strcmp(b->vlang, lang));
    if (!same && b->space && !block_empty(b) && !b->after_sep) {
        b->vlang = g->lang;
        put_raw(b, " ", 1, b->sp_value, b->sp_origin, b->sp_at);
        b->space = 0;
    }
    b->vlang = lang;
    put(b, s, (int)n, 1, g->origin, g->at);
}

/* Writes an inserted value: plain text whatever it holds. A newline is a
 * paragraph break in a paragraph (or small print), a line break in a
 * letterhead or signature, and a space elsewhere (a table row included).
 * Each part of it (tv_text_part) is written in its language. */
static void put_value(Builder *b, const Seg *g, size_t from) {
    b->vlang = g->lang;
    for (size_t i = from; i < g->len;) {
        char c = g->s[i];
        if (c == '\n') {
            TemplateBlockKind k = b->cur.kind;
            if (k == TB_PARAGRAPH || k == TB_SMALL) {
                if (!block_empty(b)) {
                    Loc at = b->cur.at;
                    close_block(b, 0);
                    b->open = 1;
                    b->cur.kind = k;
                    b->cur.level = 0;
                    b->cur.at = at;
                }
                b->space = 0;
            } else if (keeps_lines(k) && k != TB_TABLE) {
                put_break(b, g->at);
            } else {
                pend_space(b, 1, g->origin, g->at);
            }
            i++;
        } else if (is_space(c)) {
            pend_space(b, 1, g->origin, g->at);
            i++;
        } else {
            size_t j = i;
            while (j < g->len && !is_space(g->s[j])) j++;
            for (size_t k; i < j; i = k) {
                k = part_edge(g, i, j);
                put_word_in(b, g, g->s + i, k - i, lang_at(g, i));
            }
        }
    }
    b->vlang = NULL;
}

/* True when every segment of the current line is blank. */
static int line_blank(const Builder *b) {
    for (int i = 0; i < b->nsegs; i++)
        for (size_t k = 0; k < b->segs[i].len; k++)
            if (!is_space(b->segs[i].s[k])) return 0;
    return 1;
}

/* Ends the current line: decides its block from the template's markers,
 * then writes its text. */
static void end_line(Builder *b) {
    if (line_blank(b)) {
        close_block(b, 1);
        b->nsegs = 0;
        return;
    }
    int si = 0;
    size_t off = 0;
    while (si < b->nsegs) {
        const Seg *g = &b->segs[si];
        while (off < g->len && is_space(g->s[off])) off++;
        if (off < g->len) break;
        si++;
        off = 0;
    }
    const Seg *g = &b->segs[si];
    int marker = -1; /* a TemplateBlockKind */
    int level = 0;   /* of a heading */
    size_t content = off;
    if (!g->is_value) {
        const char *p = g->s + off;
        size_t r = g->len - off;
        size_t h = 0;
        while (h < r && h < 3 && p[h] == '#') h++;
        if (h && (r == h || p[h] == ' ' || p[h] == '\t')) {
            marker = TB_HEADING;
            level = (int)h;
            content = off + h;
        } else if (p[0] == '-' && r >= 2 && (p[1] == ' ' || p[1] == '\t')) {
            marker = TB_ITEM;
            content = off + 2;
        } else if (p[0] == '@' && r >= 2 && isalpha((unsigned char)p[1])) {
            size_t w = 1;
            while (w < r && is_name_char((unsigned char)p[w])) w++;
            char word[40];
            size_t wl = w - 1 < sizeof word - 1 ? w - 1 : sizeof word - 1;
            memcpy(word, p + 1, wl);
            word[wl] = 0;
            for (size_t d = 0; d < sizeof directives / sizeof *directives; d++)
                if (!strcmp(word, directives[d].word))
                    marker = (int)directives[d].kind;
            if (marker < 0) {
                Suggest sg;
                suggest_init(&sg, word);
                for (size_t d = 0; d < sizeof directives / sizeof *directives;
                     d++)
                    suggest_offer(&sg, directives[d].word);
                const char *s = suggest_result(&sg);
                Loc dir = wording_at(g, off, w);
                if (!first_time_at(b, dir))
                    b->r->errors++;
                else if (s)
                    tmpl_problem(b->r, dir, "unknown directive '@%s'; "
                                 "did you mean '@%s'?", word, s);
                else
                    tmpl_problem(b->r, dir, "unknown directive '@%s' "
                                 "(directives are @letterhead, @logo, @date, "
                                 "@signature, @insert, @table, @small and "
                                 "@alt; write \\@ for an at sign)", word);
            } else {
                content = off + w;
            }
        }
    }
    Loc start = g->is_value ? g->at : wording_at(g, off, 0);
    if (marker >= 0) {
        open_block(b, (TemplateBlockKind)marker, start);
        b->cur.level = level;
    } else if (b->open && !one_line(b->cur.kind)) {
        if (keeps_lines(b->cur.kind))
            put_break(b, start);
        else
            pend_space(b, 0, LOC_NONE, start);
    } else {
        open_block(b, TB_PARAGRAPH, start);
    }
    for (int i = si; i < b->nsegs; i++) {
        size_t from = i == si ? content : 0;
        if (b->segs[i].is_value) put_value(b, &b->segs[i], from);
        else put_wording(b, &b->segs[i], from);
    }
    if (b->open && one_line(b->cur.kind)) close_block(b, 1);
    b->nsegs = 0;
}

static void add_seg(Builder *b, Seg g) {
    xgrow(&b->segs, &b->segcap, b->nsegs + 1, sizeof *b->segs);
    b->segs[b->nsegs++] = g;
}

/* The wording [from, to) of the template as a segment. */
static Seg wording(const Builder *b, uint32_t from, uint32_t to) {
    return (Seg){ 0, b->t->src->text + from, to - from, LOC_NONE, NULL, NULL, 0, tmpl_at(b->t, from, to - from) };
}

Builder *builder_new(const Template *t, Arena *doc_arena, Reporter *r) {
    Builder *b = xcalloc(1, sizeof *b);
    b->t = t;
    b->arena = doc_arena;
    b->r = r;
    return b;
}

void builder_value(Builder *b, const char *s, size_t len, Loc origin, const char *lang,
                   const TValuePart *parts, int nparts, Loc at) {
    add_seg(b, (Seg){ 1, s, len, origin, lang, parts, nparts, at });
}

void builder_wording(Builder *b, uint32_t off, uint32_t len) {
    const char *text = b->t->src->text;
    uint32_t start = off;
    for (uint32_t i = off; i < off + len; i++) {
        if (text[i] != '\n') continue;
        if (i > start) add_seg(b, wording(b, start, i));
        end_line(b);
        start = i + 1;
    }
    if (start < off + len) add_seg(b, wording(b, start, off + len));
}

TemplateBlock *builder_finish(Builder *b, int *nblocks) {
    if (!b->r->stopped) {
        if (b->nsegs) end_line(b);
        close_block(b, 1);
    }
    TemplateBlock *blocks = arena_alloc(b->arena, sizeof *blocks *
                                                  (size_t)(b->nblocks + 1));
    if (b->nblocks)
        memcpy(blocks, b->blocks, sizeof *blocks * (size_t)b->nblocks);
    *nblocks = b->nblocks;
    return blocks;
}

void builder_free(Builder *b) {
    if (!b) return;
    free(b->segs);
    free(b->blocks);
    free(b->cur.runs);
    free(b->texts);
    free(b->text_at);
    free(b->lang_at);
    free(b->buf);
    free(b);
}
