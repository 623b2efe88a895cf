/* justify: word gaps of justified lines, and the breaks that keep them
 * even; see justify.h. */
#include "layout/justify.h"
#include "base/arena.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#define LETTER_SPACING_SLACK 0.5   /* points a letter-spaced line keeps short of
                                      its width, lest rounding push a word down */

/* Stretchable spaces in [s, e) of text, trailing ones left out: Pango
 * widens U+0020 and U+00A0 when it justifies. */
static int stretchable(const char *s, const char *e) {
    while (e > s && (e[-1] == ' ' || e[-1] == '\n')) e--;
    int n = 0;
    for (const char *p = s; p < e; p++)
        n += *p == ' ' || ((unsigned char)p[0] == 0xC2 && p + 1 < e && (unsigned char)p[1] == 0xA0);
    return n;
}

/* The width a line of ragged has: a positive indent shortens the first
 * line, a negative one the others. */
static double line_room(PangoLayout *ragged, int first) {
    double width = (double)pango_layout_get_width(ragged) / PANGO_SCALE;
    double indent = (double)pango_layout_get_indent(ragged) / PANGO_SCALE;
    return width - (first ? (indent > 0 ? indent : 0) : (indent < 0 ? -indent : 0));
}

/* The word gap of each line of ragged once justified, in gap[i] (0 for
 * a line Pango never stretches: the last of a paragraph, one before a
 * line break, one without a space). */
static void line_gaps(PangoLayout *ragged, double space_w, double *gap) {
    const char *text = pango_layout_get_text(ragged);
    int nlines = pango_layout_get_line_count(ragged);
    GSList *at = pango_layout_get_lines_readonly(ragged);   /* line i, walked once */
    for (int i = 0; i < nlines && at; i++, at = at->next) {
        gap[i] = 0;
        PangoLayoutLine *line = at->data;
        PangoLayoutLine *next = i + 1 < nlines && at->next ? at->next->data : NULL;
        if (!next || next->is_paragraph_start) continue;   /* never stretched */
        int n = stretchable(text + line->start_index, text + line->start_index + line->length);
        if (n == 0) continue;
        PangoRectangle log;
        pango_layout_line_get_extents(line, NULL, &log);
        double room = line_room(ragged, line->is_paragraph_start);
        gap[i] = space_w + (room - (double)log.width / PANGO_SCALE) / n;
    }
}

int justify_loose_lines(PangoLayout *ragged, double space_w, double max_gap, unsigned char *loose) {
    int nlines = pango_layout_get_line_count(ragged), count = 0;
    double *gap = xmalloc((size_t)nlines * sizeof *gap);
    line_gaps(ragged, space_w, gap);
    for (int i = 0; i < nlines; i++) {
        loose[i] = gap[i] > max_gap;
        count += loose[i];
    }
    free(gap);
    return count;
}

double justify_worst_gap(PangoLayout *ragged, double space_w) {
    int nlines = pango_layout_get_line_count(ragged);
    double *gap = xmalloc((size_t)nlines * sizeof *gap), worst = 0;
    line_gaps(ragged, space_w, gap);
    for (int i = 0; i < nlines; i++)
        if (gap[i] > worst) worst = gap[i];
    free(gap);
    return worst;
}

double justify_letter_spacing(PangoLayout *ragged, int i, double space_w, double target,
                              double max) {
    const char *text = pango_layout_get_text(ragged);
    PangoLayoutLine *line = pango_layout_get_line_readonly(ragged, i);
    if (!line) return 0;
    const char *s = text + line->start_index, *e = s + line->length;
    int n = stretchable(s, e);
    while (e > s && (e[-1] == ' ' || e[-1] == '\n')) e--;
    long chars = g_utf8_strlen(s, e - s);
    if (n == 0 || chars < 2) return 0;
    PangoRectangle log;
    pango_layout_line_get_extents(line, NULL, &log);
    double spare = line_room(ragged, line->is_paragraph_start) - (double)log.width / PANGO_SCALE
                   - LETTER_SPACING_SLACK;
    double x = (spare - (target - space_w) * n) / (double)chars;
    return x <= 0 ? 0 : x > max ? max : x;
}

/* ---- total fit --------------------------------------------------------
 * The places a line may start (Pango's break opportunities), each with
 * its x in the paragraph set on one line; a line from one to another
 * measures the difference, less its trailing spaces, plus a hyphen when
 * it ends at a soft hyphen. */
typedef struct {
    size_t at;        /* byte offset a line would start at */
    double x;         /* x of that offset on the one line */
    double end_x;     /* x where a line ending here ends (spaces left out) */
    int hyphen;       /* the line before ends at a soft hyphen */
} Place;

typedef struct {
    double worst, sum;      /* the worst line's cost so far, and the sum of their squares */
    int from;               /* the place the line ending here starts at */
} Fit;

#define HYPHEN_COST 0.04    /* em: a line ending in a hyphen counts as this much looser */
#define SHRINK_COST 2.0     /* a gap narrowed counts as widened this many times as much */
#define TOO_LOOSE   3.0     /* em: a gap no set of breaks is kept with */

/* The x of each byte of ragged's text were the paragraph set on one line
 * (points, len + 1 of them): its lines' runs laid end to end, a space
 * Pango let go at a line's end counted space_w wide and the hyphen it
 * draws at a soft hyphen not at all. NULL when a run goes right to left. */
static double *one_line_x(PangoLayout *ragged, const char *text, size_t len, double space_w) {
    double *xs = xmalloc((len + 1) * sizeof *xs);
    for (size_t i = 0; i <= len; i++) xs[i] = -1;
    double x = 0;
    for (GSList *l = pango_layout_get_lines_readonly(ragged); l; l = l->next) {
        for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            if (run->item->analysis.level & 1) { free(xs); return NULL; }
            PangoGlyphString *g = run->glyphs;
            for (int i = 0; i < g->num_glyphs; i++) {
                size_t at = (size_t)(run->item->offset + g->log_clusters[i]);
                if (at > len) continue;
                if (xs[at] < 0) xs[at] = x;
                double w = (double)g->glyphs[i].geometry.width / PANGO_SCALE;
                const unsigned char *c = (const unsigned char *)text + at;
                if (c[0] == 0xC2 && at + 1 < len && c[1] == 0xAD) w = 0;
                else if (c[0] == ' ' && w == 0) w = space_w;
                x += w;
            }
        }
    }
    xs[len] = x;
    double before = 0;        /* a byte inside a cluster: the x of its start */
    for (size_t i = 0; i <= len; i++) {
        if (xs[i] < 0) xs[i] = before;
        else before = xs[i];
    }
    return xs;
}

/* The places of ragged's text: its start, each break opportunity Pango
 * found, and its end; NULL when it holds a line break of its own or runs
 * right to left. */
static Place *places(PangoLayout *ragged, double space_w, int *n) {
    const char *text = pango_layout_get_text(ragged);
    size_t len = strlen(text);
    if (memchr(text, '\n', len) || strstr(text, "\xE2\x80\xA8")) return NULL;
    double *xs = one_line_x(ragged, text, len, space_w);
    if (!xs) return NULL;
    int nattrs;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(ragged, &nattrs);
    Place *p = xmalloc(((size_t)nattrs + 2) * sizeof *p);
    int k = 0;
    const char *c = text;
    for (int i = 0; i < nattrs; i++) {
        size_t at = (size_t)(c - text);
        if (i == 0 || at == len || (la[i].is_line_break && !la[i].is_mandatory_break)) {
            const char *e = c;           /* the line before ends here, its spaces left out */
            while (e > text && e[-1] == ' ') e--;
            p[k].at = at;
            p[k].x = xs[at];
            p[k].end_x = xs[e - text];
            p[k].hyphen = at >= 2 && (unsigned char)c[-2] == 0xC2 && (unsigned char)c[-1] == 0xAD;
            k++;
        }
        if (at >= len) break;
        c = g_utf8_next_char(c);
    }
    free(xs);
    *n = k;
    return p;
}

/* The spaces of [s, e) of text (trailing ones left out) that may narrow. */
static int narrowable(const char *s, const char *e) {
    while (e > s && e[-1] == ' ') e--;
    int n = 0;
    for (const char *q = s; q < e; q++) n += *q == ' ';
    return n;
}

/* What a line from place a to place b takes. */
typedef struct {
    double cost;      /* its word gap in em, a narrowed gap counted SHRINK_COST
                         times wider than it is narrow, HYPHEN_COST more when
                         it ends hyphenated; 0 for the last line; DBL_MAX when
                         it does not fit or cannot be justified */
    double shrink;    /* points each of its spaces gives up to fit */
    double gap;       /* points: its word gaps once justified */
} LineFit;

static LineFit line_fit(const char *text, const Place *a, const Place *b, int last,
                        double room, const JustifyFont *f) {
    LineFit no = { DBL_MAX, 0, 0 };
    double natural = b->end_x - a->x + (b->hyphen ? f->hyphen_w : 0);
    if (last) return natural > room + 0.01 ? no : (LineFit){ 0, 0, f->space_w };
    int n = stretchable(text + a->at, text + b->at);
    if (natural <= room) {
        if (n == 0) return room - natural < 0.5 ? (LineFit){ f->space_w / f->em, 0, f->space_w } : no;
        double gap = f->space_w + (room - natural) / n;
        return (LineFit){ gap / f->em + (b->hyphen ? HYPHEN_COST : 0), 0, gap };
    }
    int m = narrowable(text + a->at, text + b->at);
    if (m == 0) return no;
    double shrink = (natural - room) / m + 0.02;    /* a little more: Pango's units */
    if (f->space_w - shrink < f->min_gap) return no;
    return (LineFit){ (f->space_w + SHRINK_COST * shrink) / f->em + (b->hyphen ? HYPHEN_COST : 0),
                      shrink, f->space_w - shrink };
}

/* True when a fit of worst and sum is better than fit b: a smaller worst
 * line, then a smaller sum of squares. */
static int better(double worst, double sum, const Fit *b) {
    if (worst < b->worst - 1e-9) return 1;
    return worst < b->worst + 1e-9 && sum < b->sum - 1e-9;
}

/* The cost of ragged's own lines, as line_fit counts them; DBL_MAX when
 * one does not start at a place. */
static double greedy_cost(PangoLayout *ragged, const Place *p, int np, double first_room,
                          double room, const JustifyFont *f) {
    const char *text = pango_layout_get_text(ragged);
    int nlines = pango_layout_get_line_count(ragged), from = 0;
    double worst = 0;
    GSList *l = pango_layout_get_lines_readonly(ragged);
    for (int k = 0; k < nlines && l; k++, l = l->next) {
        PangoLayoutLine *line = l->data;
        size_t end = (size_t)(line->start_index + line->length);
        int to = from;
        while (to < np - 1 && p[to].at < end) to++;
        if (p[to].at != end) return DBL_MAX;
        LineFit lf = line_fit(text, &p[from], &p[to], k == nlines - 1, k ? room : first_room, f);
        if (lf.shrink > 0 || lf.cost == DBL_MAX) return DBL_MAX;
        if (lf.cost > worst) worst = lf.cost;
        from = to;
    }
    return worst;
}

int justify_best_breaks(PangoLayout *ragged, const JustifyFont *f, JustifyLine **lines,
                        size_t **others, int *nothers) {
    *lines = NULL;
    *others = NULL;
    *nothers = 0;
    int nlines = pango_layout_get_line_count(ragged), np;
    if (nlines < 2 || pango_layout_get_wrap(ragged) != PANGO_WRAP_WORD) return 0;
    Place *p = places(ragged, f->space_w, &np);
    if (!p) return 0;
    const char *text = pango_layout_get_text(ragged);
    double first_room = line_room(ragged, 1), room = line_room(ragged, 0);
    /* fit[k * np + j]: the best k + 1 lines ending at place j */
    size_t cells = (size_t)nlines * (size_t)np;
    Fit *fit = xmalloc(cells * sizeof *fit);
    for (size_t i = 0; i < cells; i++) fit[i] = (Fit){ DBL_MAX, DBL_MAX, -1 };
    for (int k = 0; k < nlines; k++) {
        int last = k == nlines - 1;
        double r = k ? room : first_room;
        for (int j = last ? np - 1 : 1; j < np; j++) {
            Fit *best = &fit[(size_t)k * (size_t)np + (size_t)j];
            for (int i = k ? j - 1 : 0; i >= 0; i--) {
                if (p[j].end_x - p[i].x > 2 * r) break;      /* longer still before */
                const Fit *prev = k ? &fit[(size_t)(k - 1) * (size_t)np + (size_t)i] : NULL;
                if (prev && prev->from < 0) continue;
                double c = line_fit(text, &p[i], &p[j], last, r, f).cost;
                if (c > TOO_LOOSE) continue;
                double worst = prev && prev->worst > c ? prev->worst : c;
                double sum = c * c + (prev ? prev->sum : 0);
                if (better(worst, sum, best)) *best = (Fit){ worst, sum, i };
            }
        }
    }
    const Fit *best = &fit[cells - 1];
    int n = 0;
    if (best->from >= 0 && best->worst < greedy_cost(ragged, p, np, first_room, room, f) - 0.01) {
        n = nlines;
        *lines = xmalloc((size_t)n * sizeof **lines);
        int j = np - 1;
        for (int k = n - 1; k >= 0; k--) {
            int i = fit[(size_t)k * (size_t)np + (size_t)j].from;
            (*lines)[k].at = p[i].at;
            LineFit lf = line_fit(text, &p[i], &p[j], k == n - 1, k ? room : first_room, f);
            (*lines)[k].shrink = lf.shrink;
            (*lines)[k].gap = lf.gap;
            j = i;
        }
        *others = xmalloc((size_t)np * sizeof **others);
        for (int i = 1, k = 1; i < np - 1; i++) {
            while (k < n && (*lines)[k].at < p[i].at) k++;
            if (k < n && (*lines)[k].at == p[i].at) continue;
            (*others)[(*nothers)++] = p[i].at;
        }
    }
    free(fit);
    free(p);
    return n;
}
