/* paginate.c: pagination and keeping blocks together; see paginate.h.
 *
 * Promises: a paragraph split line by line with no single orphan or widow
 * line; a heading and whatever is kept with the next block on the same
 * page as that block's start; a paragraph kept whole (a figure's
 * introduction of fewer than INTRO_SPLIT_LINES lines, its legend) not
 * split when a page holds it with what it keeps with; a table's rows never split (unless no page
 * can hold one: then it is cut between lines of text, its last slice two
 * lines at least, the rows after it following on that page), six rows or fewer
 * on one page when they take less than TABLE_KEEP_SHARE of it, at least
 * two rows on each page otherwise, the last with what the table keeps
 * with; a figure moved whole, or drawn down to its min_scale at a page's
 * end, or no taller than a page when it is taller (never off the page);
 * the figures drawn whole on a page at one scale, those above one that
 * shrinks drawn as small (each within its min_scale), which may let it
 * stay on the page; a figure in rows split between its rows where it does
 * not fit; no page starting with blank space. May touch: the Doc's
 * places, page count and a figure's fit_h; it reads the blocks and shapes
 * nothing. */
#include "layout/paginate.h"
#include "base/messages.h"

#include "base/arena.h"

#include <math.h>
#include <stdio.h>

typedef struct {
    Doc *d;
    int page;
    double y;                /* where the next block may start */
    int empty;               /* nothing placed on this page yet */
    int first;               /* the first of this page's places */
} Pager;

static void add_place(Pager *p, int block, int from, int to, double y) {
    Doc *d = p->d;
    xgrow(&d->places, &d->capplaces, d->nplaces + 1, sizeof *d->places);
    d->places[d->nplaces++] = (Place){ block, p->page, from, to, y, 0, 0, 0 };
    if (p->page + 1 > d->npages) d->npages = p->page + 1;
}

static void new_page(Pager *p) {
    p->page++;
    p->y = p->d->mt;
    p->empty = 1;
    p->first = p->d->nplaces;
}

/* Starts the next page for the rest of a block; 1, with d->too_long set,
 * when that page is past DOC_MAX_PAGES: the caller places nothing more,
 * so that one block (a table of half a million rows, a text of thousands
 * of pages) stops at the limit, where it was laid out and drawn whole. */
static int more_pages(Pager *p) {
    new_page(p);
    if (p->page < DOC_MAX_PAGES) return 0;
    p->d->too_long = 1;
    return 1;
}

/* The figures drawn whole on the pager's page, and the figure `also`
 * (NULL: none), share one scale: the largest they all fit at in `room`
 * points more than the page's figures take now, no smaller than any of
 * their min_scale; 0 when there is none. */
static double shared_scale(const Pager *p, const Block *also, double room) {
    const Doc *d = p->d;
    double now = 0, full = also ? also->h : 0, least = also ? also->min_scale : 0;
    for (int k = p->first; k < d->nplaces; k++) {
        const Block *b = &d->blocks[d->places[k].block];
        if (b->kind != B_FIGURE || b->nrows > 0) continue;
        now += b->fit_h;
        full += b->h;
        if (b->min_scale > least) least = b->min_scale;
    }
    if (full <= 0) return 0;
    double s = (now + room) / full;
    if (s > 1) s = 1;
    return s + EPS >= least ? s : 0;
}

/* What the figures drawn whole on the pager's page give up drawn at
 * scale s. */
static double page_slack(const Pager *p, double s) {
    const Doc *d = p->d;
    double slack = 0;
    for (int k = p->first; k < d->nplaces; k++) {
        const Block *b = &d->blocks[d->places[k].block];
        if (b->kind == B_FIGURE && b->nrows == 0) slack += b->fit_h - b->h * s;
    }
    return slack;
}

/* Draws the figures on the pager's page at scale s, everything placed
 * below each moved up by what it gave. */
static void scale_page_figures(Pager *p, double s) {
    Doc *d = p->d;
    double up = 0;
    for (int k = p->first; k < d->nplaces; k++) {
        Place *pl = &d->places[k];
        Block *b = &d->blocks[pl->block];
        if (b->kind == B_PLACE) continue;
        pl->y -= up;
        if (b->kind == B_FIGURE && b->nrows == 0) {
            up += b->fit_h - b->h * s;
            b->fit_h = b->h * s;
        }
    }
    p->y -= up;
}

/* The least height figure b takes at the end of the pager's page: drawn
 * down to its min_scale, or with the page's figures at one scale
 * (shared_scale), whichever is less. */
static double figure_least(const Pager *p, const Block *b) {
    const Doc *d = p->d;
    double s = b->min_scale;
    for (int k = p->first; k < d->nplaces; k++) {
        const Block *f = &d->blocks[d->places[k].block];
        if (f->kind == B_FIGURE && f->nrows == 0 && f->min_scale > s) s = f->min_scale;
    }
    return fmin(b->h * b->min_scale, b->h * s - page_slack(p, s));
}

/* A table of this many rows or fewer is kept on one page, unless it
 * takes more than this share of a page's text height (rows of prose):
 * then it may split between rows like a longer one. */
#define TABLE_KEEP_ROWS 6
#define TABLE_KEEP_SHARE 0.4
/* A figure in rows split between pages leaves at least this many rows
 * on either side of the split, when it has twice as many (a member's row
 * of the composition chart is not continued alone over a page). */
#define FIGURE_ROWS_LEAST 2
/* A row taller than a page starts on a page with at least this much room
 * below the header. */
#define TALL_ROW_MIN_START 36.0

/* The height of the header and rows [from, to) of table b. */
static double rows_height(const Block *b, int from, int to) {
    double h = b->row_h[0];
    for (int r = from; r < to; r++) h += b->row_h[r];
    return h;
}

/* True when table b is kept on one page: a few rows, not too tall. */
static int table_kept_whole(const Doc *d, const Block *b) {
    return b->nrows <= TABLE_KEEP_ROWS &&
           rows_height(b, 1, b->nrows + 1) <= TABLE_KEEP_SHARE * (d->ph - d->mb - d->mt);
}

/* An introduction (a paragraph kept whole with the next block) of this
 * many lines or more splits between pages as any paragraph does, its
 * last two lines on the page where what it introduces starts: kept whole,
 * a long one left the page before half empty (the outcomes' "Before and
 * after" and its nine lines). */
#define INTRO_SPLIT_LINES 6

/* True when text block b is not split between pages when a page holds
 * it whole: a figure's legend, an introduction shorter than
 * INTRO_SPLIT_LINES. */
static int kept_whole(const Block *b) {
    return b->keep_whole && !(b->keep_next && b->nlines >= INTRO_SPLIT_LINES);
}

/* The least height block i needs at the start of what it puts on a page
 * (two lines of a paragraph, the header and first row of a table, ...),
 * including what it must keep with, after the space `pending` the block
 * before it asks to leave below itself. A run of blocks each kept with the
 * next is gone through once, and only until it passes a page's height,
 * past which no page holds it whatever its height (a template's 260,000
 * headings, each kept with the next, took a call per heading inside the
 * one before: formc crashed, its stack exhausted). */
static double lead_height(const Pager *p, int i, double pending) {
    const Doc *d = p->d;
    double gap = pending, kept = 0, page = d->ph - d->mb - d->mt;
    for (; i < d->nblocks && kept <= page; i++) {
        const Block *b = &d->blocks[i];
        double h;
        switch (b->kind) {
        case B_SPACE: gap += b->h; continue;
        case B_PLACE: continue;
        case B_BREAK: return kept;
        case B_TEXT:
            gap = fmax(gap, b->before);
            if (b->nlines > 3 && !kept_whole(b)) return kept + gap + b->lines[1].bottom;
            h = gap + b->height;
            if (!b->keep_next) return kept + h;
            break;
        case B_TABLE: {
            if (b->ncols == 0) continue;
            int whole = table_kept_whole(d, b);
            int first = whole || b->nrows < 2 ? b->nrows : 2;   /* no row past its last */
            h = fmax(gap, b->before) + rows_height(b, 1, 1 + first);
            if (!whole || !b->keep_next) return kept + h;
            break;
        }
        case B_FIGURE:
            if (b->nrows > 1)          /* a figure in rows: its first part */
                return kept + fmax(gap, b->before) + b->rows_height(0, 1, b->w, b->ud);
            h = fmax(gap, b->before) + figure_least(p, b);
            if (!b->keep_next) return kept + h;
            break;
        default:
            return kept + fmax(gap, b->before) + b->h;
        }
        kept += h;                     /* and what it keeps with */
        gap = b->after;
    }
    return kept;
}

/* Whether the block before block i (past spaces and placed text) is kept
 * with it and already on the pager's page: it stayed there because the
 * page holds block i's start with it, or because no page holds them
 * together; either way block i may not leave it. */
static int kept_from_above(const Pager *p, int i) {
    const Doc *d = p->d;
    int j = i - 1;
    while (j >= 0 && (d->blocks[j].kind == B_SPACE || d->blocks[j].kind == B_PLACE)) j--;
    if (j < 0 || !d->blocks[j].keep_next) return 0;
    for (int k = d->nplaces - 1; k >= 0 && d->places[k].block >= j; k--)
        if (d->places[k].block == j) return d->places[k].page == p->page;
    return 0;
}

static void place_text(Pager *p, int i, double gap) {
    const Doc *d = p->d;
    const Block *b = &d->blocks[i];
    double bottom = d->ph - d->mb;
    double keep = b->keep_next ? lead_height(p, i + 1, b->after) : 0;
    int n = b->nlines, from = 0;
    if (n == 0) return;
    for (;;) {
        double off = b->lines[from].top;
        double rest = b->height - off;
        double avail = bottom - (p->y + gap);
        int remaining = n - from;
        if (rest + keep <= avail + EPS) {
            add_place(p, i, from, n, p->y + gap);
            p->y += gap + rest;
            p->empty = 0;
            return;
        }
        /* kept whole with what follows: to the next page, when a page
         * holds them together */
        if (kept_whole(b) && !p->empty && from == 0 && rest + keep <= bottom - d->mt + EPS &&
            !kept_from_above(p, i)) {
            if (more_pages(p)) return;
            gap = 0;
            continue;
        }
        int fit = 0;
        while (fit < remaining &&
               b->lines[from + fit].bottom - off <= avail + EPS)
            fit++;
        int k = fit;
        if (k >= remaining) {
            /* all lines fit, but not with what must follow: leave the
             * last two lines for the next page when that is allowed */
            k = remaining >= 4 ? remaining - 2 : 0;
        }
        if (remaining - k == 1) k--;          /* no single widow line */
        if (k < 2 || remaining <= 3) k = 0;   /* no single orphan line */
        /* no word broken over a page's turn: its line goes on with its end */
        if (k > 2 && remaining - k >= 1 && b->lines[from + k - 1].hyphen) k--;
        if (k == 0) {
            if (!p->empty) {
                if (more_pages(p)) return;
                gap = 0;
                continue;
            }
            /* an empty page and still no room: place what fits */
            k = fit > 0 ? fit : 1;
            if (k >= remaining) {
                add_place(p, i, from, n, p->y + gap);
                p->y += gap + rest;
                p->empty = 0;
                return;
            }
        }
        add_place(p, i, from, from + k, p->y + gap);
        p->empty = 0;
        if (more_pages(p)) return;
        gap = 0;
        from += k;
    }
}

/* Where a slice of a table row that may end at `want` (in the row's own
 * coordinates) ends: the lowest point at or above want that crosses no
 * line of any cell (lines[c][0..n[c]), in order), or want itself when the
 * cells' lines leave no such point below `from`. */
static double row_cut(LineBox *const *lines, const int *n, int ncols, double from, double want) {
    double y = want;
    for (int moved = 1; moved;) {
        moved = 0;
        for (int c = 0; c < ncols; c++) {
            int lo = 0, hi = n[c];          /* the first line that ends below y */
            while (lo < hi) {
                int mid = (lo + hi) / 2;
                if (lines[c][mid].bottom <= y + EPS) lo = mid + 1;
                else hi = mid;
            }
            if (lo < n[c] && lines[c][lo].top < y - EPS) {
                y = lines[c][lo].top;
                moved = 1;
            }
        }
    }
    return y > from + EPS ? y : want;
}

/* Places row r of table b, which no page can hold, in slices page after
 * page under the repeated header, each cut between lines of text, so that
 * none of it runs off the page and its last slice holds the last two
 * lines of its longest cell; the first slice without a header when bare
 * (it goes on under the rows above it). */
static void place_tall_row(Pager *p, int i, int r, double gap, int bare) {
    const Doc *d = p->d;
    const Block *b = &d->blocks[i];
    int nc = b->ncols;
    LineBox **lines = xcalloc((size_t)nc, sizeof *lines);
    int *n = xcalloc((size_t)nc, sizeof *n);
    for (int c = 0; c < nc; c++) {
        PangoLayout *l = held_cell(d, b, r * nc + c);
        lines[c] = xcalloc((size_t)pango_layout_get_line_count(l) + 1, sizeof **lines);
        PangoLayoutIter *it = pango_layout_get_iter(l);
        do {
            PangoRectangle log;
            pango_layout_iter_get_line_extents(it, NULL, &log);
            double top = cell_top(b, r, c);
            lines[c][n[c]++] = (LineBox){ top + pu(log.y), top + pu(log.y + log.height), 0, 0, 0 };
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        g_object_unref(l);
    }
    /* the top of the last line but one of the cell that ends lowest: no
     * slice but the last starts below it */
    double tail = 0, lowest = 0;
    for (int c = 0; c < nc; c++)
        if (n[c] >= 2 && lines[c][n[c] - 1].bottom > lowest) {
            lowest = lines[c][n[c] - 1].bottom;
            tail = lines[c][n[c] - 2].top;
        }
    double off = 0, h = b->row_h[r];
    for (;;) {
        double pad = off > 0 ? CELL_PAD_Y : 0;      /* above a continued slice */
        double head = bare ? 0 : b->row_h[0];
        double room = d->ph - d->mb - (p->y + gap) - head - pad;
        double want = off + room;
        if (want < h - EPS && tail > off + EPS && want > tail) want = tail;
        double cut = off + room >= h - EPS ? h : row_cut(lines, n, nc, off, want);
        add_place(p, i, r, r + 1, p->y + gap);
        d->places[d->nplaces - 1].off = off;
        d->places[d->nplaces - 1].h = cut - off + pad;
        d->places[d->nplaces - 1].bare = bare;
        p->y += gap + head + cut - off + pad;
        bare = 0;
        p->empty = 0;
        if (cut >= h - EPS) break;
        if (more_pages(p)) break;
        gap = 0;
        off = cut;
    }
    for (int c = 0; c < nc; c++) free(lines[c]);
    free(lines);
    free(n);
}

/* Places table b's rows page by page, the header on each: a short table
 * whole, a long one split with at least two rows on each page, its last
 * rows with what it keeps with; a row no page can hold is split between
 * its lines (place_tall_row), and the rows after it go on under its last
 * slice. */
static void place_table(Pager *p, int i, double gap) {
    const Doc *d = p->d;
    const Block *b = &d->blocks[i];
    double bottom = d->ph - d->mb;
    int whole = table_kept_whole(d, b);
    double keep = b->keep_next ? lead_height(p, i + 1, b->after) : 0;
    int r = 1;
    int bare = 0;            /* under a tall row's last slice: no header */
    if (b->row_h[0] > bottom - d->mt - TALL_ROW_MIN_START) {
        /* every page would hold the header and nothing under it (one of
         * hundreds of words): the pages would run on to the limit */
        p->d->too_long = p->d->tall_header = 1;
        return;
    }
    for (;;) {
        double avail = bottom - (p->y + gap);
        double skip = bare ? b->row_h[0] : 0;
        if (rows_height(b, r, r + 1) > bottom - d->mt + EPS) {
            /* no page holds this row: it starts here, when a few lines fit */
            if (!p->empty && avail < rows_height(b, r, r) - skip + TALL_ROW_MIN_START) {
                if (more_pages(p)) return;
                gap = 0;
                bare = 0;
            }
            place_tall_row(p, i, r, gap, bare);
            if (d->too_long) return;
            if (++r > b->nrows) return;
            gap = 0;
            bare = 1;
            continue;
        }
        int left = b->nrows + 1 - r, fit = 0;
        while (fit < left && rows_height(b, r, r + fit + 1) - skip <= avail + EPS) fit++;
        /* what the table keeps with must start on its last page too */
        if (fit == left && !p->empty && rows_height(b, r, r + left) - skip + keep > avail + EPS) fit = left - 1;
        int k = fit;
        if (fit < left) {
            if (whole && r == 1) k = 0;
            if (left - k == 1) k--;        /* never one row left behind */
            if (k < 2 && !bare) k = 0;     /* nor one row alone at the start */
            if (k <= 0 && !p->empty) {
                if (more_pages(p)) return;
                gap = 0;
                bare = 0;
                continue;
            }
            if (k <= 0) k = fit > 0 ? fit : 1;
        }
        double h = rows_height(b, r, r + k) - skip;
        add_place(p, i, r, r + k, p->y + gap);
        d->places[d->nplaces - 1].bare = bare;
        p->y += gap + h;
        p->empty = 0;
        r += k;
        if (r > b->nrows) return;
        if (more_pages(p)) return;
        gap = 0;
        bare = 0;
    }
}

/* Places figure b in rows part by part: whole when it fits (or its
 * min_scale of it, drawn that much smaller), else as many rows as fit on the page (at
 * least one, on a page of its own: drawn no taller than the page), the
 * last part with what it keeps with. */
static void place_figure_rows(Pager *p, int i, double gap) {
    const Doc *d = p->d;
    const Block *b = &d->blocks[i];
    double bottom = d->ph - d->mb;
    double keep = b->keep_next ? lead_height(p, i + 1, b->after) : 0;
    int n = b->nrows, r = 0;
    for (;;) {
        double cap = r > 0 ? b->caption_h : 0;     /* a part's caption over it */
        double avail = bottom - (p->y + gap) - cap;
        double rest = b->rows_height(r, n, b->w, b->ud);
        int k;
        double h;
        if (rest + keep <= avail + EPS || (r == 0 && rest * b->min_scale + keep <= avail + EPS)) {
            k = n - r;
            h = fmin(rest, avail - keep);
        } else {
            /* a split leaves neither part one row alone, when it can */
            int least = n - r >= 2 * FIGURE_ROWS_LEAST ? FIGURE_ROWS_LEAST : 1;
            k = 0;
            while (r + k + least < n && b->rows_height(r, r + k + 1, b->w, b->ud) <= avail + EPS) k++;
            if (k < least && !p->empty) k = 0;
            if (k == 0 && p->empty) k = 1;   /* a row taller than the page */
            if (k == 0) {
                if (more_pages(p)) return;
                gap = 0;
                continue;
            }
            h = fmin(b->rows_height(r, r + k, b->w, b->ud), avail);
        }
        add_place(p, i, r, r + k, p->y + gap);
        d->places[d->nplaces - 1].h = h;
        p->y += gap + cap + h;
        p->empty = 0;
        r += k;
        if (r >= n) return;
        if (more_pages(p)) return;
        gap = 0;
    }
}

void paginate(Doc *d) {
    if (d->paginated) return;
    d->nplaces = 0;
    d->npages = 1;
    Pager p = { d, 0, d->mt, 1, 0 };
    double pending = 0;
    double bottom = d->ph - d->mb;
    d->too_long = d->tall_header = 0;
    for (int i = 0; i < d->nblocks; i++) {
        if (p.page >= DOC_MAX_PAGES || d->too_long) {
            d->too_long = 1;
            break;
        }
        Block *b = &d->blocks[i];
        if (b->kind == B_SPACE) {
            if (!p.empty) pending += b->h;
            continue;
        }
        if (b->kind == B_BREAK) {
            if (!p.empty) new_page(&p);
            pending = 0;
            continue;
        }
        if (b->kind == B_PLACE) {
            add_place(&p, i, 0, b->nlines, b->y);
            continue;
        }
        double gap = p.empty ? 0 : fmax(pending, b->before);
        if (b->kind == B_TEXT) {
            place_text(&p, i, gap);
        } else if (b->kind == B_TABLE) {
            if (b->ncols == 0) continue;
            place_table(&p, i, gap);
        } else if (b->kind == B_FIGURE && b->nrows > 0) {
            place_figure_rows(&p, i, gap);
        } else {
            /* a figure a little too tall for the space left is drawn a
             * little smaller; anything else moves to the next page whole,
             * and one kept with what follows (its legend) moves with it */
            double keep = b->keep_next ? lead_height(&p, i + 1, b->after) : 0;
            double avail = bottom - (p.y + gap) - keep;
            b->fit_h = b->h;
            double s = b->kind == B_FIGURE ? shared_scale(&p, b, avail) : 0;
            int smaller = page_slack(&p, 1) < -EPS;     /* one above drawn smaller */
            if (b->h > avail + EPS && !p.empty) {
                if (s > 0) {                 /* the page's figures at one scale */
                    scale_page_figures(&p, s);
                    b->fit_h = b->h * s;
                } else if (b->kind == B_FIGURE && b->h * b->min_scale <= avail + EPS) {
                    b->fit_h = avail;
                } else {
                    new_page(&p);
                    gap = 0;
                }
            } else if (s > 0 && smaller) {   /* as small as those above it */
                scale_page_figures(&p, s);
                b->fit_h = b->h * s;
            }
            /* one taller than a whole page is drawn as tall as the page:
             * smaller, never off its end */
            if (b->kind == B_FIGURE && p.y + gap + b->fit_h > bottom + EPS) b->fit_h = bottom - (p.y + gap);
            add_place(&p, i, 0, 0, p.y + gap);
            p.y += gap + b->fit_h;
            p.empty = 0;
        }
        pending = b->after;
    }
    d->paginated = 1;
}

int doc_page_count(Doc *d) {
    paginate(d);
    return d->too_long ? DOC_MAX_PAGES + 1 : d->npages;
}


int paginate_within_limit(Doc *d, char *err, size_t errlen) {
    paginate(d);
    if (!d->too_long) return 0;
    if (d->tall_header)
        snprintf(err, errlen, "%s", diag_tr("a table's header is taller than a page, and no row of "
                                            "the table fits under it (a heading of hundreds of words?)"));
    else
        snprintf(err, errlen, diag_tr("the document would have more than %d pages"), DOC_MAX_PAGES);
    return -1;
}
