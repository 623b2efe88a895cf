/* text.h: text made into Pango layouts for runtime/layout: a caller's
 * runs appended with the document's typographic quotes and spaces, soft
 * hyphens and their styles, each piece remembering the run and Loc it
 * came from, so that a character no font can draw is reported where the
 * user wrote it. */
#ifndef FORMC_LAYOUT_TEXT_H
#define FORMC_LAYOUT_TEXT_H
#include "layout/doc.h"
#include "layout/typo.h"

/* A piece of layout text that came from a caller's run. */
typedef struct {
    size_t start, end;       /* byte range in the layout text */
    const char *orig;        /* the caller's run text */
    size_t orig_base;        /* offset of this piece in orig */
    Loc origin;
    TypoEdit *edits;         /* typographic quotes and spaces (typo.h) */
    size_t nedits;
    size_t *ins;             /* soft hyphens inserted (offsets in the
                                typographic copy of the piece) */
    size_t nins;
} Seg;

typedef struct {
    GString *text;
    PangoAttrList *attrs;
    Seg *segs;
    int nsegs, capsegs;
    GString *akey;           /* attrs as make_layout describes them (tb_attr) */
    const char *lang;        /* the document's language, for quotes */
    int has_lang;            /* attrs name the document's language */
    const char *other_lang;  /* the last other language a piece was written in */
    size_t other_bytes;      /* bytes of the text written in it */
    int codes_kept;          /* codes kept whole by an attribute (text.c) */
} TextBuilder;

/* The most codes of one paragraph kept whole by a no-break attribute;
 * those past it are kept whole by word joiners (text.c join_codes). Also
 * the most words of a table's cell kept whole (tb_keep_words). */
#define TEXT_CODES_BY_ATTRIBUTE 100

/* True when text is prose: ten words or more and no line break. Anything
 * shorter (a name, a label, a number, a list) keeps its words whole. */
int text_is_prose(const char *text);

/* An empty builder for a document in lang (for its quotes). */
void tb_init(TextBuilder *tb, const char *lang);
/* Empties the builder for the next paragraph. */
void tb_reset(TextBuilder *tb);
void tb_free(TextBuilder *tb);
/* Appends piece [orig_base, orig_base + n) of run text orig, written in
 * text_lang (NULL: the document's language), styled, with that language's
 * typographic quotes and spaces, hyphenated for lang (NULL: not) in
 * words of min_letters or more, made safe to lay out (base/textguard.h);
 * a code in it (an ID, a telephone number, a date: a short token holding a
 * digit and a hyphen or a slash) is never broken at a line's end. */
void tb_add(TextBuilder *tb, const char *orig, size_t orig_base,
            size_t n, RunStyle style, Loc origin, const char *text_lang,
            const char *lang, int min_letters);
/* The language most of the builder's text is written in when it is not
 * the document's, or NULL. */
const char *tb_other_lang(const TextBuilder *tb);
/* Drops trailing white space from the text (and the segments). */
void tb_trim_end(TextBuilder *tb);
/* Takes out the soft hyphens hyphenation put in the builder's text from
 * byte from on (a word of TEXT_MAX_UNBROKEN letters or more keeps them:
 * they also keep its layout in bounded time), so that no line breaks
 * inside those words; every byte still maps back to its run. */
void tb_unhyphenate(TextBuilder *tb, size_t from);
/* Lets the builder's text break into lines at the byte offsets at[0..nat)
 * and not at those of other[0..nother) (the break opportunities Pango
 * found there; both ascending, moved back as the text before them loses
 * bytes): hyphenation's soft hyphens but those a line ends at are taken
 * out (as tb_unhyphenate does). The layouts made of the builder before
 * are left as they were. */
void tb_break_only_at(TextBuilder *tb, size_t *at, int nat, size_t *other, int nother);
/* Keeps the words of the builder's text whole: no line break inside a
 * run of characters without a space (not even after a hyphen), for the
 * first TEXT_CODES_BY_ATTRIBUTE words Pango would break; past them (a
 * table's header of hundreds of words) a word breaks where Pango would. */
void tb_keep_words(TextBuilder *tb);
/* Adds attribute a over bytes [s, e) of the builder's text: a language,
 * font features or an attribute of one number (weight, style, size, allow
 * breaks...). */
void tb_attr(TextBuilder *tb, PangoAttribute *a, size_t s, size_t e);

/* Lets no line break inside bytes [s, e) of the builder's text: a no-break
 * attribute in pieces, each after the first starting at a dash or soft
 * hyphen, since Pango 1.50 puts back a break after one inside a range
 * (a range of numbers, "1–6", broke before its word joiner). */
void tb_no_break(TextBuilder *tb, size_t s, size_t e);

/* How make_layout lays text out, beyond width, alignment and indent. */
enum {
    LAYOUT_JUSTIFY = 1,      /* lines stretched to the width */
    LAYOUT_WRAP_CHAR = 2,    /* a word may break between letters */
    LAYOUT_QUIET = 4,        /* missing glyphs not reported (a layout
                                only measured, or reported already) */
};

/* The layout of the builder's text at width w (points; negative: not
 * wrapped) in fd, aligned, its first line indented (negative: a hanging
 * indent), with a tab stop at tab points (0: none); its missing glyphs are
 * reported unless LAYOUT_QUIET. A width under 1 point measures a cell;
 * from 1 point on, a word wider than w breaks (never_overflow) unless
 * LAYOUT_JUSTIFY. The layout is shared and laid out: the caller unrefs it
 * and never changes it. */
PangoLayout *make_layout(Doc *d, TextBuilder *tb, PangoFontDescription *fd,
                         double w, PangoAlignment align, double indent, double tab,
                         int flags);
/* Tags all of l's text as written in lang: Pango then looks its fonts up
 * for that language, as for the document's other text (one font pattern,
 * and one pair of Pango's threads, for both), never for the user's
 * locale. */
void layout_set_language(PangoLayout *l, const char *lang);
/* Frees the layouts make_layout keeps. */
void layouts_release(void);
/* A word wider than l's width w, by more than a cell's padding, is broken
 * between letters rather than run into the next column or off the page. */
void never_overflow(PangoLayout *l, double w);
/* Fills b's line boxes and height from its layout. */
void measure_lines(Block *b);
#endif
