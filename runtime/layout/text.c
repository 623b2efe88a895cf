/* text.c: text made into Pango layouts; see text.h.
 *
 * Promises: a layout's text is the caller's runs with typographic quotes,
 * soft hyphens and guards (base/textguard.h) added, and every byte of it
 * maps back to the run and offset it came from, so missing glyphs are
 * reported at the user's Loc. May touch: the Doc's context, language and
 * missing-glyph callback (never its blocks), hyphenate.h, typo.h, Pango. */
#include "layout/text.h"

#include "layout/hyphenate.h"
#include "base/arena.h"
#include "base/memo.h"
#include "base/utf8.h"
#include "base/textguard.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SMALL_SIZE     8.5

int text_is_prose(const char *t) {
    int words = 0, in = 0;
    for (; t && *t; t++) {
        if (*t == '\n') return 0;
        if (g_ascii_isspace(*t)) in = 0;
        else if (!in) in = 1, words++;
    }
    return words >= 10;
}

void tb_init(TextBuilder *tb, const char *lang) {
    memset(tb, 0, sizeof *tb);
    tb->text = g_string_new("");
    tb->attrs = pango_attr_list_new();
    tb->akey = g_string_new("");
    tb->lang = lang;
}

static void tb_clear_segs(TextBuilder *tb) {
    for (int i = 0; i < tb->nsegs; i++) {
        free(tb->segs[i].ins);
        free(tb->segs[i].edits);
    }
    tb->nsegs = 0;
}

void tb_reset(TextBuilder *tb) {
    tb_clear_segs(tb);
    tb->has_lang = 0;
    tb->other_lang = NULL;
    tb->other_bytes = 0;
    tb->codes_kept = 0;
    g_string_truncate(tb->text, 0);
    g_string_truncate(tb->akey, 0);
    pango_attr_list_unref(tb->attrs);
    tb->attrs = pango_attr_list_new();
}

void tb_free(TextBuilder *tb) {
    tb_clear_segs(tb);
    free(tb->segs);
    g_string_free(tb->text, TRUE);
    g_string_free(tb->akey, TRUE);
    pango_attr_list_unref(tb->attrs);
}

/* Records attribute a over [s, e) in the builder's description (akey). */
static void tb_describe(TextBuilder *tb, PangoAttribute *a, size_t s, size_t e) {
    a->start_index = (guint)s;
    a->end_index = (guint)e;
    /* the attribute as make_layout's description of the layout has it */
    struct { int type; guint start, end; } head = { (int)a->klass->type, a->start_index,
                                                   a->end_index };
    g_string_append_len(tb->akey, (const char *)&head, sizeof head);
    switch (a->klass->type) {
    case PANGO_ATTR_LANGUAGE: {
        const char *lang = pango_language_to_string(((PangoAttrLanguage *)a)->value);
        g_string_append_len(tb->akey, lang, (gssize)strlen(lang) + 1);
        break;
    }
    case PANGO_ATTR_FONT_FEATURES: {
        const char *f = ((PangoAttrFontFeatures *)a)->features;
        g_string_append_len(tb->akey, f, (gssize)strlen(f) + 1);
        break;
    }
    default: {                    /* an attribute of one number */
        int v = ((PangoAttrInt *)a)->value;
        g_string_append_len(tb->akey, (const char *)&v, sizeof v);
    }
    }
}

void tb_attr(TextBuilder *tb, PangoAttribute *a, size_t s, size_t e) {
    tb_describe(tb, a, s, e);
    pango_attr_list_insert(tb->attrs, a);
}

/* True when the character at t is one Pango 1.50 lets a line break after
 * inside a no-break range: a soft hyphen, a dash or another visible word
 * divider (break.c, remove_breaks_from_range). */
static int breaks_after_anyway(const char *t) {
    uint32_t c;
    utf8_decode(t, strnlen(t, 4), &c);
    return c == 0x00AD || c == 0x05A0 || c == 0x2010 || c == 0x2012 || c == 0x2013 ||
           c == 0x05BE || c == 0x0F0B || c == 0x1361 || c == 0x17D8 || c == 0x17DA ||
           c == 0x2027 || c == '|';
}

void tb_no_break(TextBuilder *tb, size_t s, size_t e) {
    const char *t = tb->text->str;
    size_t from = s;
    for (size_t i = s + 1; i < e; i++) {
        if ((t[i] & 0xC0) == 0x80 || !breaks_after_anyway(t + i)) continue;
        tb_attr(tb, pango_attr_allow_breaks_new(FALSE), from, i);
        from = i;       /* a range's first character is not looked at */
    }
    tb_attr(tb, pango_attr_allow_breaks_new(FALSE), from, e);
}

/* The last character of the builder's text, 0 when it is empty. */
static uint32_t tb_last_char(const TextBuilder *tb) {
    if (tb->text->len == 0) return 0;
    const char *s = tb->text->str;
    size_t last = utf8_back(s, 0, tb->text->len);
    uint32_t c;
    utf8_decode(s + last, tb->text->len - last, &c);
    return c;
}

/* text (hyphenated: soft hyphens inserted before the offsets ins[0..nins)
 * of the original) made safe to lay out (base/textguard.h); its
 * insertions, mapped back to the original, are merged into *ins. */
static char *guarded(const char *text, size_t **ins, size_t *nins) {
    size_t *at = NULL, nat = 0;
    char *safe = textguard_text(text, strlen(text), &at, &nat);
    if (nat == 0) return safe;
    size_t *all = xmalloc((*nins + nat) * sizeof *all), n = 0, k = 0;
    for (size_t g = 0; g < nat; g++) {
        /* a soft hyphen k sits at ins[k] + 2k in text */
        while (k < *nins && (*ins)[k] + 2 * k < at[g]) all[n++] = (*ins)[k++];
        all[n++] = at[g] - 2 * k;
    }
    while (k < *nins) all[n++] = (*ins)[k++];
    free(at);
    free(*ins);
    *ins = all;
    *nins = n;
    return safe;
}

#define EN_DASH     "\xE2\x80\x93"
#define WORD_JOINER "\xE2\x81\xA0"    /* U+2060: no break here, nothing printed */

/* text with a word joiner inserted before each of the offsets at[0..nat)
 * (ascending); the joiners are added to *edits (replacements of the
 * original, in order) as the character before each replaced by itself and
 * the joiner, so every byte still maps back. Frees text. */
static char *insert_joiners(char *text, const size_t *at, size_t nat,
                            TypoEdit **edits, size_t *nedits) {
    if (nat == 0) return text;
    size_t len = strlen(text);
    char *out = xmalloc(len + 3 * nat + 1), *o = out;
    TypoEdit *all = xmalloc((*nedits + nat) * sizeof *all);
    size_t n = 0, k = 0, from = 0;
    for (size_t j = 0; j < nat; j++) {
        size_t i = at[j], b = utf8_back(text, 0, i);
        memcpy(o, text + from, i - from);
        o += i - from;
        memcpy(o, WORD_JOINER, 3);
        o += 3;
        from = i;
        size_t orig = typo_original_offset(*edits, *nedits, b);
        while (k < *nedits && (*edits)[k].from < orig) all[n++] = (*edits)[k++];
        all[n++] = (TypoEdit){ orig, i - b, i - b + 3 };
    }
    memcpy(o, text + from, len - from + 1);
    while (k < *nedits) all[n++] = (*edits)[k++];
    free(*edits);
    free(text);
    *edits = all;
    *nedits = n;
    return out;
}

/* True when the en dash at byte i of text (prev before it) sits between
 * two digits. */
static int between_digits(const char *text, size_t i, uint32_t prev) {
    uint32_t before = prev;
    if (i > 0) {
        size_t b = utf8_back(text, 0, i);
        utf8_decode(text + b, i - b, &before);
    }
    return before < 128 && g_ascii_isdigit((int)before) && g_ascii_isdigit(text[i + 3]);
}

/* text with a word joiner after every en dash between two digits ("weeks
 * 1–6", "T 40–60", "5:30–7:00"), so a range is never broken after its
 * dash: Pango 1.50 honours the joiner there, not a no-break attribute.
 * prev is the character printed before text. */
static char *join_ranges(char *text, uint32_t prev, TypoEdit **edits, size_t *nedits) {
    size_t *at = NULL, nat = 0;
    int cap = 0;
    for (const char *q = strstr(text, EN_DASH); q; q = strstr(q + 3, EN_DASH)) {
        size_t i = (size_t)(q - text);
        if (!between_digits(text, i, prev)) continue;
        xgrow(&at, &cap, (int)nat + 1, sizeof *at);
        at[nat++] = i + 3;
    }
    text = insert_joiners(text, at, nat, edits, nedits);
    free(at);
    return text;
}

/* The longest token kept whole as a code (a web address is longer: it
 * may break after a slash). */
#define CODE_MAX_BYTES 24

/* Finds the next code in [*i, to) of t from *i on: a token of at most
 * CODE_MAX_BYTES holding a digit and a hyphen or a slash (an ID such as
 * P-0201 or mer-p26, a telephone number, a date); sets [*s, *e) and moves
 * *i past it. 0 when there is none. */
static int next_code(const char *t, size_t *i, size_t to, size_t *s, size_t *e) {
    while (*i < to) {
        while (*i < to && g_ascii_isspace(t[*i])) (*i)++;
        *s = *i;
        int digit = 0, joint = 0;
        for (; *i < to && !g_ascii_isspace(t[*i]); (*i)++) {
            digit |= g_ascii_isdigit(t[*i]);
            joint |= t[*i] == '-' || t[*i] == '/';
        }
        *e = *i;
        if (digit && joint && *e - *s <= CODE_MAX_BYTES) return 1;
    }
    return 0;
}

/* The places inside word [s, e) of t before which Pango's own line
 * breaking (UAX #14, asked of the word alone) would end a line: how many,
 * with their offsets in t into at when at is not NULL (room for as many
 * as the word has characters); la has room for its characters and one.
 * Most codes have none: no break comes between a hyphen or a slash and a
 * digit (P-0201, 604-555-0142, 2026-01-15), only before a letter
 * (thu-w26, mer-p26); a word breaks after a hyphen before a letter, at a
 * slash, a soft hyphen or a dash. */
static int word_breaks(const char *t, size_t s, size_t e, PangoLogAttr *la, size_t *at) {
    int chars = (int)g_utf8_strlen(t + s, (gssize)(e - s)), n = 0;
    pango_default_break(t + s, (int)(e - s), NULL, la, chars + 1);
    const char *p = t + s;
    for (int c = 1; c < chars; c++) {
        p = g_utf8_next_char(p);
        if (!la[c].is_line_break) continue;
        if (at) at[n] = (size_t)(p - t);
        n++;
    }
    return n;
}

/* word_breaks for a code (next_code: at most CODE_MAX_BYTES), into at
 * (room for CODE_MAX_BYTES). */
static int code_breaks(const char *t, size_t s, size_t e, size_t *at) {
    PangoLogAttr la[CODE_MAX_BYTES + 1];
    return word_breaks(t, s, e, la, at);
}

/* text with a word joiner at each place Pango would break a code of it,
 * for the codes past the first TEXT_CODES_BY_ATTRIBUTE of the builder's
 * paragraph that need keeping whole: those before are kept whole by an
 * attribute (tb_keep_codes), as they always were, so the documents keep
 * their bytes; the joiners keep the rest whole with the same glyphs in
 * time linear in the paragraph (Pango 1.50 works on each attribute over
 * the paragraph's text and copies an item's at every line it splits it
 * into: 2^16 codes took minutes and 768 MB). */
static char *join_codes(char *text, const TextBuilder *tb, TypoEdit **edits, size_t *nedits) {
    size_t i = 0, to = strlen(text), s, e, *at = NULL, nat = 0;
    int kept = tb->codes_kept, cap = 0;
    while (next_code(text, &i, to, &s, &e)) {
        size_t here[CODE_MAX_BYTES];
        int n = code_breaks(text, s, e, here);
        if (n == 0) continue;
        if (kept < TEXT_CODES_BY_ATTRIBUTE) { kept++; continue; }
        xgrow(&at, &cap, (int)nat + n, sizeof *at);
        memcpy(at + nat, here, (size_t)n * sizeof *at);
        nat += (size_t)n;
    }
    text = insert_joiners(text, at, nat, edits, nedits);
    free(at);
    return text;
}

/* Keeps every code in [from, to) of the builder's text that Pango would
 * break (those join_codes left) whole with a no-break attribute. */
static void tb_keep_codes(TextBuilder *tb, size_t from, size_t to) {
    const char *t = tb->text->str;
    size_t i = from, s, e, at[CODE_MAX_BYTES];
    while (next_code(t, &i, to, &s, &e)) {
        if (code_breaks(t, s, e, at) == 0) continue;
        tb_attr(tb, pango_attr_allow_breaks_new(FALSE), s, e);
        tb->codes_kept++;
    }
}

/* Appends piece [p, p+n) of run text orig (at orig_base), with the
 * document's typographic quotes, hyphenated for lang when lang is not
 * NULL, made safe to lay out (base/textguard.h), styled. */
void tb_add(TextBuilder *tb, const char *orig, size_t orig_base,
            size_t n, RunStyle style, Loc origin, const char *text_lang,
            const char *lang, int min_letters) {
    if (n == 0) return;
    char *raw = xstrndup(orig + orig_base, n);
    TypoEdit *edits = NULL;
    size_t nedits = 0;
    int other = text_lang && (!tb->lang || strcmp(text_lang, tb->lang));
    char *piece = typo_text(other ? text_lang : tb->lang, raw, tb_last_char(tb), &edits, &nedits);
    piece = join_ranges(piece, tb_last_char(tb), &edits, &nedits);
    piece = join_codes(piece, tb, &edits, &nedits);
    free(raw);
    size_t *ins = NULL, nins = 0;
    if (lang) {     /* a document's own is loaded with it, another language's
                       here; either again after a long document let it go */
        char err[256];
        hyphenate_prepare(lang, err, sizeof err);   /* none: not hyphenated */
    }
    char *hy = lang ? hyphenate_text(lang, piece, min_letters, &ins, &nins)
                    : NULL;
    char *safe = guarded(hy ? hy : piece, &ins, &nins);
    free(hy);
    hy = safe;
    const char *use = hy ? hy : piece;
    xgrow(&tb->segs, &tb->capsegs, tb->nsegs + 1, sizeof *tb->segs);
    Seg *s = &tb->segs[tb->nsegs++];
    s->start = tb->text->len;
    g_string_append(tb->text, use);
    s->end = tb->text->len;
    if (other) {
        if (!tb->other_lang || strcmp(tb->other_lang, text_lang)) tb->other_bytes = 0;
        tb->other_lang = text_lang;
        tb->other_bytes += s->end - s->start;
        if (s->end > s->start)        /* Pango shapes and breaks it in its language */
            tb_attr(tb, pango_attr_language_new(pango_language_from_string(text_lang)), s->start, s->end);
    }
    s->orig = orig;
    s->orig_base = orig_base;
    s->origin = origin;
    s->edits = edits;
    s->nedits = nedits;
    s->ins = ins;
    s->nins = nins;
    if (style == RUN_BOLD || style == RUN_BOLD_ITALIC)
        tb_attr(tb, pango_attr_weight_new(PANGO_WEIGHT_BOLD), s->start, s->end);
    if (style == RUN_ITALIC || style == RUN_BOLD_ITALIC)
        tb_attr(tb, pango_attr_style_new(PANGO_STYLE_ITALIC), s->start, s->end);
    if (style == RUN_SMALL)
        tb_attr(tb, pango_attr_size_new((int)lround(SMALL_SIZE * PANGO_SCALE)),
                s->start, s->end);
    tb_keep_codes(tb, s->start, s->end);
    free(piece);
    free(hy);
}

const char *tb_other_lang(const TextBuilder *tb) {
    return tb->other_lang && 2 * tb->other_bytes > tb->text->len ? tb->other_lang : NULL;
}

/* Drops trailing white space from the text (and the segments). */
void tb_trim_end(TextBuilder *tb) {
    while (tb->text->len > 0 && g_ascii_isspace(tb->text->str[tb->text->len - 1]))
        g_string_truncate(tb->text, tb->text->len - 1);
    for (int i = 0; i < tb->nsegs; i++) {
        if (tb->segs[i].end > tb->text->len) tb->segs[i].end = tb->text->len;
        if (tb->segs[i].start > tb->text->len) tb->segs[i].start = tb->text->len;
    }
}

/* Maps a byte offset of the layout text back to (segment, offset in the
 * caller's run text) and reports it. */
static void report_missing(Doc *d, TextBuilder *tb, size_t off) {
    for (int i = 0; i < tb->nsegs; i++) {
        Seg *s = &tb->segs[i];
        if (off < s->start || off >= s->end) continue;
        size_t rel = off - s->start, typo = rel;
        for (size_t k = 0; k < s->nins; k++)
            if (rel >= s->ins[k] + 2 * k + 2) typo -= 2;
        d->info.missing_glyph(d->info.missing_ud, s->origin, s->orig,
                              s->orig_base + typo_original_offset(s->edits, s->nedits, typo));
        return;
    }
}

/* Reports every character of layout that no font could draw. */
static void check_missing(Doc *d, PangoLayout *layout, TextBuilder *tb) {
    if (!d->info.missing_glyph || pango_layout_get_unknown_glyphs_count(layout) == 0)
        return;
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run) continue;
        PangoGlyphString *g = run->glyphs;
        int last = -1;
        for (int i = 0; i < g->num_glyphs; i++) {
            if (!(g->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)) continue;
            int cl = g->log_clusters[i];
            if (cl == last) continue;
            last = cl;
            report_missing(d, tb, (size_t)(run->item->offset + cl));
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

/* A word wider than l's width w, by more than a cell's padding, is broken
 * between letters rather than run into the next column or off the page. */
void never_overflow(PangoLayout *l, double w) {
    PangoRectangle log;
    pango_layout_get_extents(l, NULL, &log);
    if (pu(log.width + (log.x > 0 ? log.x : 0)) > w + CELL_PAD_X)
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
}

/* ---- layouts kept for the process ------------------------------------
 * A layout is wholly described by its text and attributes, its font, its
 * width, alignment, indent, tab stop and flags, and is never changed once
 * made: the same description gives the same layout, laid out again or
 * taken from the memo (base/memo.h). A document's headings, a template's
 * fixed paragraphs, a table's column titles, scale names and numbers come
 * back document after document. */
#define LAYOUTS_KEPT 2048
#define LAYOUTS_KEPT_BYTES (96u << 10)   /* of descriptions */

static Memo *layouts;
static PangoContext *layouts_ctx;     /* the context they were made in */

static void unref_layout(void *l) { g_object_unref(l); }

void layouts_release(void) {
    memo_free(layouts);
    layouts = NULL;
    layouts_ctx = NULL;
}

/* The description of a layout as bytes: the numbers, the font, the
 * attributes (tb_attr), then the text. */
static char *layout_key(TextBuilder *tb, PangoFontDescription *fd, double w,
                        PangoAlignment align, double indent, double tab, int flags,
                        size_t *len) {
    int nums[10] = { w < 0 ? -1 : (int)lround(w * PANGO_SCALE), (int)align,
                     (int)lround(indent * PANGO_SCALE), (int)lround(tab * PANGO_SCALE),
                     flags & ~LAYOUT_QUIET, pango_font_description_get_size(fd),
                     (int)pango_font_description_get_weight(fd),
                     (int)pango_font_description_get_style(fd),
                     (int)pango_font_description_get_stretch(fd),
                     (int)pango_font_description_get_variant(fd) };
    const char *family = pango_font_description_get_family(fd);
    if (!family) family = "";
    size_t nf = strlen(family) + 1;
    *len = sizeof nums + nf + tb->akey->len + tb->text->len;
    char *k = xmalloc(*len), *p = k;
    memcpy(p, nums, sizeof nums);
    memcpy(p += sizeof nums, family, nf);
    memcpy(p += nf, tb->akey->str, tb->akey->len);
    memcpy(p + tb->akey->len, tb->text->str, tb->text->len);
    return k;
}

/* Pango 1.50 sums an item's advances in an int of 1/1024 points and puts
 * an item whose sum overflows (2,097,152 points, about 200,000 letters of
 * body text) on one line whole: the rest of a long paragraph ran off the
 * page, and out of the document. An item ends where an attribute that
 * affects itemizing does, so a paragraph longer than ITEM_BYTES is cut
 * into items of about that many bytes by a rise of 0 (nothing moves) over
 * every other piece, each cut at a space when one is near (shaping never
 * crosses a space), else between two characters. */
#define ITEM_BYTES (16u << 10)

static PangoAttrList *short_items(const GString *text, PangoAttrList *attrs) {
    PangoAttrList *cut = pango_attr_list_copy(attrs);
    size_t at = 0, n = text->len;
    for (int odd = 0; n - at > ITEM_BYTES; odd = !odd) {
        size_t end = at + ITEM_BYTES, space = end;
        while (space > at + ITEM_BYTES / 2 && text->str[space] != ' ') space--;
        if (text->str[space] == ' ') end = space;
        else while ((text->str[end] & 0xC0) == 0x80) end--;
        if (odd) {
            PangoAttribute *a = pango_attr_rise_new(0);
            a->start_index = (guint)at;
            a->end_index = (guint)end;
            pango_attr_list_insert(cut, a);
        }
        at = end;
    }
    return cut;
}

/* A new layout of the description, laid out. */
static PangoLayout *new_layout(Doc *d, TextBuilder *tb, PangoFontDescription *fd, double w,
                               PangoAlignment align, double indent, double tab, int flags) {
    PangoLayout *l = pango_layout_new(d->ctx);
    pango_layout_set_auto_dir(l, FALSE);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, w < 0 ? -1 : (int)lround(w * PANGO_SCALE));
    pango_layout_set_wrap(l, (flags & LAYOUT_WRAP_CHAR) ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD);
    pango_layout_set_alignment(l, align);
    pango_layout_set_indent(l, (int)lround(indent * PANGO_SCALE));
    pango_layout_set_justify(l, (flags & LAYOUT_JUSTIFY) != 0);
    if (tab > 0) {
        PangoTabArray *tabs = pango_tab_array_new_with_positions(1, FALSE,
            PANGO_TAB_LEFT, (int)lround(tab * PANGO_SCALE));
        pango_layout_set_tabs(l, tabs);
        pango_tab_array_free(tabs);
    }
    pango_layout_set_text(l, tb->text->str, (int)tb->text->len);
    if (tb->text->len > ITEM_BYTES) {
        PangoAttrList *cut = short_items(tb->text, tb->attrs);
        pango_layout_set_attributes(l, cut);
        pango_attr_list_unref(cut);
    } else {
        pango_layout_set_attributes(l, tb->attrs);
    }
    /* not a cell being measured, nor a justified paragraph (which wraps as
     * its ragged layout was found to: LAYOUT_WRAP_CHAR) */
    if (w >= 1 && !(flags & LAYOUT_JUSTIFY)) never_overflow(l, w);
    pango_layout_get_line_count(l);        /* laid out now, never later */
    return l;
}

void layout_set_language(PangoLayout *l, const char *lang) {
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string(lang)));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
}

PangoLayout *make_layout(Doc *d, TextBuilder *tb, PangoFontDescription *fd, double w,
                         PangoAlignment align, double indent, double tab, int flags) {
    if (!tb->has_lang) {
        /* the document's language, under any piece's own (tb_add) */
        PangoAttribute *a = pango_attr_language_new(pango_language_from_string(d->lang));
        tb_describe(tb, a, 0, G_MAXUINT);
        pango_attr_list_insert_before(tb->attrs, a);
        tb->has_lang = 1;
    }
    if (layouts_ctx != d->ctx) {          /* fonts set up again: start again */
        layouts_release();
        layouts = memo_new(LAYOUTS_KEPT, LAYOUTS_KEPT_BYTES, unref_layout);
        layouts_ctx = d->ctx;
    }
    size_t n;
    char *k = layout_key(tb, fd, w, align, indent, tab, flags, &n);
    PangoLayout *l = memo_get(layouts, k, n);
    if (l) {
        g_object_ref(l);
    } else {
        l = new_layout(d, tb, fd, w, align, indent, tab, flags);
        memo_put(layouts, k, n, g_object_ref(l));
    }
    free(k);
    if (!(flags & LAYOUT_QUIET)) check_missing(d, l, tb);
    return l;
}

/* True when line of l ends in a hyphen: a word broken at a soft hyphen,
 * or after a hyphen of its own. */
static int ends_hyphenated(PangoLayout *l, const PangoLayoutLine *line) {
    if (!line || line->length < 2) return 0;
    const unsigned char *e = (const unsigned char *)pango_layout_get_text(l) +
                             line->start_index + line->length;
    return (e[-2] == 0xC2 && e[-1] == 0xAD) || e[-1] == '-';
}

/* Fills b's line boxes and height from its layout. */
void measure_lines(Block *b) {
    b->nlines = pango_layout_get_line_count(b->layout);
    b->lines = xcalloc((size_t)b->nlines, sizeof *b->lines);
    PangoLayoutIter *it = pango_layout_get_iter(b->layout);
    int i = 0;
    do {
        PangoRectangle log;
        pango_layout_iter_get_line_extents(it, NULL, &log);
        if (i < b->nlines) {
            b->lines[i].top = pu(log.y);
            b->lines[i].bottom = pu(log.y + log.height);
            b->lines[i].x = pu(log.x);
            b->lines[i].base = pu(pango_layout_iter_get_baseline(it));
            b->lines[i].hyphen = ends_hyphenated(b->layout, pango_layout_iter_get_line_readonly(it));
        }
        i++;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    PangoRectangle log;
    pango_layout_get_extents(b->layout, NULL, &log);
    b->height = pu(log.height);
}


/* True when [s, e) of text holds TEXT_MAX_UNBROKEN or more characters
 * other than soft hyphens. */
static int long_run(const char *t, size_t s, size_t e) {
    size_t chars = 0;
    for (size_t i = s; i < e; i++) {
        if ((unsigned char)t[i] == 0xC2 && i + 1 < e && (unsigned char)t[i + 1] == 0xAD) i++;
        else if (((unsigned char)t[i] & 0xC0) != 0x80) chars++;
    }
    return chars >= TEXT_MAX_UNBROKEN;
}

/* Erases the two bytes at offset at of the text: the attributes and the
 * segments after it move back, and the layouts' description says so. */
static void tb_erase2(TextBuilder *tb, size_t at) {
    g_string_erase(tb->text, (gssize)at, 2);
    pango_attr_list_update(tb->attrs, (int)at, 2, 0);
    struct { int type; guint start, end; } edit = { -1, (guint)at, 2 };
    g_string_append_len(tb->akey, (const char *)&edit, sizeof edit);
    for (int i = 0; i < tb->nsegs; i++) {
        if (tb->segs[i].start > at) tb->segs[i].start -= 2;
        if (tb->segs[i].end > at) tb->segs[i].end -= 2;
    }
}

/* Moves the offsets at[0..n) back for the two bytes erased at h: one
 * just after them (a break after a soft hyphen gone) becomes SIZE_MAX. */
static void erased_before(size_t *at, int n, size_t h) {
    for (int j = 0; j < n; j++)
        if (at[j] != SIZE_MAX && at[j] > h) at[j] = at[j] == h + 2 ? SIZE_MAX : at[j] - 2;
}

/* Takes out hyphenation's soft hyphens from byte from on, but those a
 * line breaks after (at[0..nat), offsets in the text, ascending) and those
 * of a word of TEXT_MAX_UNBROKEN letters or more; the offsets of at and
 * of other[0..nother) are moved back as bytes before them go. */
static void unhyphenate(TextBuilder *tb, size_t from, size_t *at, int nat,
                        size_t *other, int nother) {
    for (int i = tb->nsegs - 1; i >= 0; i--) {
        Seg *s = &tb->segs[i];
        for (size_t k = s->nins; k-- > 0;) {
            size_t h = s->start + s->ins[k] + 2 * k;    /* soft hyphen k */
            if (h < from) break;
            const char *t = tb->text->str;
            if ((unsigned char)t[h] != 0xC2 || (unsigned char)t[h + 1] != 0xAD) continue;
            int kept = 0;
            for (int j = 0; j < nat && !kept; j++) kept = at[j] == h + 2;
            if (kept) continue;
            size_t ws = h, we = h;         /* the word it stands in */
            while (ws > 0 && !g_ascii_isspace(t[ws - 1])) ws--;
            while (we < tb->text->len && !g_ascii_isspace(t[we])) we++;
            if (long_run(t, ws, we)) continue;
            tb_erase2(tb, h);
            erased_before(at, nat, h);
            erased_before(other, nother, h);
            memmove(s->ins + k, s->ins + k + 1, (s->nins - k - 1) * sizeof *s->ins);
            s->nins--;
        }
        if (s->start < from) break;
    }
}

void tb_unhyphenate(TextBuilder *tb, size_t from) {
    unhyphenate(tb, from, NULL, 0, NULL, 0);
}

void tb_break_only_at(TextBuilder *tb, size_t *at, int nat, size_t *other, int nother) {
    /* the layouts made already hold the attributes: they keep theirs */
    PangoAttrList *own = pango_attr_list_copy(tb->attrs);
    pango_attr_list_unref(tb->attrs);
    tb->attrs = own;
    unhyphenate(tb, 0, at, nat, other, nother);
    const char *t = tb->text->str;
    for (int j = 0; j < nother; j++) {
        size_t q = other[j];
        if (q == SIZE_MAX || q == 0 || q >= tb->text->len) continue;
        /* the character on either side of it: Pango 1.50 lets a longer
         * range open a break before the word joiner of a range (1–6) */
        size_t s = (size_t)(g_utf8_prev_char(t + q) - t);
        size_t e = (size_t)(g_utf8_next_char(t + q) - t);
        tb_attr(tb, pango_attr_allow_breaks_new(FALSE), s, e);
    }
}

/* Keeps the words of the builder's text whole: no line break inside a
 * run of characters without a space (not even after a hyphen). A word
 * Pango would not break ("word", "P-0201") needs no attribute, and only
 * the first TEXT_CODES_BY_ATTRIBUTE words that do get one: past them a
 * word breaks where Pango would. Pango works on each no-break attribute
 * over the whole text and copies them all at every line, so a table's
 * header of 2^12 words from a template's loop took 9 s and 1 GB. */
void tb_keep_words(TextBuilder *tb) {
    const char *t = tb->text->str;
    size_t n = tb->text->len, i = 0;
    PangoLogAttr *la = NULL;
    int cap = 0, kept = 0;
    while (i < n && kept < TEXT_CODES_BY_ATTRIBUTE) {
        while (i < n && g_ascii_isspace(t[i])) i++;
        size_t s = i;
        while (i < n && !g_ascii_isspace(t[i])) i++;
        if (i == s) continue;
        xgrow(&la, &cap, (int)g_utf8_strlen(t + s, (gssize)(i - s)) + 1, sizeof *la);
        if (word_breaks(t, s, i, la, NULL) > 0) {
            tb_attr(tb, pango_attr_allow_breaks_new(FALSE), s, i);
            kept++;
        }
    }
    free(la);
}
