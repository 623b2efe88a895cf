/* diag.c — formatting and counting diagnostics; see diag.h. */
#include "base/diag.h"
#include "base/utf8.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static DiagOptions opts = { DIAG_MAX_ERRORS, false, false };
static FILE *out;
static int errors, warnings, hidden;
static bool last_hidden;     /* a note follows the fate of its error */
static bool muted;
static bool framed;          /* each diagnostic framed for diag_write_framed */
/* hashes of the diagnostics shown (said_before) */
enum { SEEN_MAX = 4096 };
static uint64_t seen[SEEN_MAX];
static int nseen;

/* A growable text buffer; each diagnostic is built here, then written once. */
typedef struct { char *s; size_t len, cap; } Buf;

static void buf_add(Buf *b, const char *s, size_t n) { xappend(&b->s, &b->len, &b->cap, s, n); }
static void buf_str(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }
static void buf_vfmt(Buf *b, const char *fmt, va_list ap) {
    char small[512];
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(small, sizeof small, fmt, cp);
    va_end(cp);
    if (n < (int)sizeof small) { buf_add(b, small, (size_t)n); return; }
    char *big = xmalloc((size_t)n + 1);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    buf_add(b, big, (size_t)n);
    free(big);
}
static void buf_fmt(Buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    buf_vfmt(b, fmt, ap);
    va_end(ap);
}

/* The escape for the character at p (code point cp, or -1 for a byte that
 * is not UTF-8), or false when it is shown as it is. */
static bool escape_of(const unsigned char *p, long cp, char out[12]) {
    if (cp < 0) snprintf(out, 12, "\\x%02x", *p);
    else if (cp >= 7 && cp <= 13) snprintf(out, 12, "\\%c", "abtnvfr"[cp - 7]);
    else if (cp < 0x20 || cp == 0x7F) snprintf(out, 12, "\\x%02lx", cp);
    else if ((cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
             (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
             cp == 0xFEFF || cp == 0x200B || cp == 0x2060)   /* invisible: a byte-order mark, zero widths */
        snprintf(out, 12, "\\u%04x", (unsigned)cp & 0xFFFFu);
    else return false;
    return true;
}

/* The code point of the k bytes at p that utf8_step() measured, or -1 for a
 * byte that is not UTF-8. */
static long code_point(const unsigned char *p, int k) {
    return k == 1 ? (*p < 0x80 ? *p : -1)
         : k == 2 ? (long)(p[0] & 0x1F) << 6 | (p[1] & 0x3F)
         : k == 3 ? (long)(p[0] & 0x0F) << 12 | (long)(p[1] & 0x3F) << 6 | (p[2] & 0x3F)
         : (long)(p[0] & 0x07) << 18 | (long)(p[1] & 0x3F) << 12 | (long)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
}

/* Appends s (n bytes), each character escape_of() names escaped. */
static void buf_add_printable(Buf *b, const char *s, size_t n) {
    size_t plain = 0;                   /* start of the run not yet added */
    for (size_t i = 0; i < n;) {
        const unsigned char *p = (const unsigned char *)s + i;
        int k = utf8_step(s, i, n);
        long cp = code_point(p, k);
        char esc[12];
        if (escape_of(p, cp, esc)) {
            buf_add(b, s + plain, i - plain);
            buf_str(b, esc);
            plain = i + (size_t)k;
        }
        i += (size_t)k;
    }
    buf_add(b, s + plain, n - plain);
}

/* Formats a message and appends it with buf_add_printable. */
static void buf_vfmt_printable(Buf *b, const char *fmt, va_list ap) {
    Buf msg = { 0 };
    buf_vfmt(&msg, fmt, ap);
    buf_add_printable(b, msg.s ? msg.s : "", msg.len);
    free(msg.s);
}

const char *diag_printable(const char *s) {
    static char *ring[4];
    static int next;
    Buf b = { 0 };
    buf_add_printable(&b, s, strlen(s));
    if (b.len == strlen(s)) {           /* nothing escaped */
        free(b.s);
        return s;
    }
    free(ring[next]);
    ring[next] = b.s;
    next = (next + 1) % 4;
    return b.s;
}

void diag_configure(const DiagOptions *o) { opts = *o; }
void diag_mute(bool on) { muted = on; }
bool diag_muted(void) { return muted; }
void diag_set_output(FILE *f) { out = f; }
int diag_error_count(void) { return errors; }
int diag_warning_count(void) { return warnings; }
void diag_reset(void) {
    errors = warnings = hidden = 0;
    last_hidden = false;
    memset(seen, 0, sizeof seen);
    nseen = 0;
}

bool diag_want_color(void) {
    const char *nc = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (nc && *nc) return false;
    if (term && strcmp(term, "dumb") == 0) return false;
    return isatty(STDERR_FILENO);
}

static const char *color(const char *code) { return opts.color ? code : ""; }
#define BOLD "\033[1m"
#define RESET "\033[0m"

/* Decides whether this diagnostic is shown, updating the counters. */
static bool admit(DiagLevel *level) {
    if (muted) return false;
    if (*level == DIAG_WARNING && opts.werror) *level = DIAG_ERROR;
    if (*level == DIAG_NOTE) return !last_hidden;
    if (*level == DIAG_ERROR) errors++;
    else warnings++;
    last_hidden = *level == DIAG_ERROR && opts.max_errors > 0 && errors > opts.max_errors;
    if (last_hidden) hidden++;
    return !last_hidden;
}

/* Appends "LEVEL: MESSAGE", " [-Werror]" after a warning made an error,
 * and the newline. */
static void message(Buf *b, DiagLevel level, bool promoted, const char *fmt, va_list ap) {
    static const char *names[] = { "error:", "warning:", "note:" };
    static const char *colors[] = { "\033[1;31m", "\033[1;35m", "\033[1;36m" };
    buf_fmt(b, "%s%s%s ", color(colors[level]), diag_tr(names[level]), color(RESET));
    buf_vfmt_printable(b, diag_tr(fmt), ap);
    if (promoted) buf_str(b, " [-Werror]");
    buf_str(b, "\n");
}

/* Appends the source line and a caret line under the bytes [off, end) of
 * it, the character at off being column col. A line of more than WINDOW
 * characters is shown as a window around off, marked "..."; the work done
 * is bounded by the window, not by the length of the line. */
static void show_line(Buf *b, Source *s, int line, int col, uint32_t off, uint32_t end) {
    size_t len;
    const char *text = source_line(s, line, &len);
    size_t at = off - (uint32_t)(text - s->text), stop = end - (uint32_t)(text - s->text);
    if (at > len) at = len;
    enum { WINDOW = 120 };
    /* the window: from WINDOW/2 characters before off when the line has
     * more than WINDOW characters, else the whole line */
    int after = 0;
    for (size_t i = at; i < len && (col - 1) + after <= WINDOW; i += (size_t)utf8_step(text, i, len))
        after++;
    size_t from = 0;
    if ((col - 1) + after > WINDOW && col > WINDOW / 2) {
        from = at;
        for (int k = 0; k < WINDOW / 2 && from > 0; k++) from = utf8_back(text, 0, from);
    }
    char gutter[32];
    int gw = snprintf(gutter, sizeof gutter, " %4d", line);
    buf_fmt(b, "%s | %s", gutter, from > 0 ? "..." : "");
    Buf caret = { 0 };
    buf_fmt(&caret, "%*s | %s", gw, "", from > 0 ? "   " : "");
    size_t i = from;
    bool marked = false;      /* the caret is placed */
    for (int shown = 0; i < len && shown < WINDOW; shown++) {
        int n = utf8_step(text, i, len);
        const unsigned char *p = (const unsigned char *)text + i;
        char esc[12];
        /* a control (C0, DEL, C1), a bidirectional control and an invalid
         * byte print as ?: one column, as the caret counts it, and never
         * an escape sequence or a reordering of the terminal's line */
        if (*p != '\t' && escape_of(p, code_point(p, n), esc)) buf_add(b, "?", 1);
        else buf_add(b, text + i, (size_t)n);
        if (i < at) buf_add(&caret, text[i] == '\t' ? "\t" : " ", 1);
        else if (!marked) {
            buf_fmt(&caret, "%s^", color("\033[1;32m"));
            marked = true;
        }
        else if (i < stop) buf_add(&caret, "~", 1);
        i += (size_t)n;
    }
    if (!marked) buf_fmt(&caret, "%s^", color("\033[1;32m"));  /* at the end of the line */
    buf_fmt(b, "%s\n", i < len ? "..." : "");
    buf_fmt(&caret, "%s\n", color(RESET));
    buf_add(b, caret.s, caret.len);
    free(caret.s);
}

static void emit(Buf *b) {
    FILE *f = out ? out : stderr;
    fwrite(b->s, 1, b->len, f);
    fflush(f);
    free(b->s);
}

/* Writes b as emit() does; framed, a note is marked as one, and a
 * diagnostic at a place with its key (0: none, always shown):
 * "\036N\n" or "\036K<key in hex>\n", then b, then "\037". */
static bool seen_add(uint64_t h);

static void emit_keyed(Buf *b, bool note, uint64_t key) {
    if (framed && (note || key)) {
        char head[32];
        int n = note ? snprintf(head, sizeof head, "\036N\n")
                     : snprintf(head, sizeof head, "\036K%016llx\n", (unsigned long long)key);
        Buf f = { 0 };
        buf_add(&f, head, (size_t)n);
        buf_add(&f, b->s, b->len);
        buf_add(&f, "\037", 1);
        free(b->s);
        *b = f;
    }
    emit(b);
}

void diag_set_framed(bool on) { framed = on; }

void diag_write_framed(FILE *f, const char *text, size_t len) {
    const char *p = text, *end = text + len;
    bool shown = true;                 /* the last diagnostic's fate, which its notes follow */
    while (p < end) {
        const char *open = memchr(p, '\036', (size_t)(end - p));
        if (!open) open = end;
        fwrite(p, 1, (size_t)(open - p), f);            /* unframed: always */
        if (open > p) shown = true;
        if (open == end) break;
        const char *nl = memchr(open, '\n', (size_t)(end - open));
        const char *close = nl ? memchr(nl, '\037', (size_t)(end - nl)) : NULL;
        if (!close) {                  /* not a frame after all: shown as it is */
            fwrite(open, 1, (size_t)(end - open), f);
            break;
        }
        if (open[1] == 'K') {
            uint64_t key = strtoull(open + 2, NULL, 16);
            shown = !key || !seen_add(key);
        }
        if (shown) fwrite(nl + 1, 1, (size_t)(close - nl - 1), f);
        p = close + 1;
    }
    fflush(f);
}

/* The diagnostics at a place already shown, so that one said again (the
 * same level, place and words: a group's clinic block that every member's
 * letter needs, say) is shown once; it still counts. FNV-1a over the
 * three (the place by its file's name and span), kept in an
 * open-addressed table of SEEN_MAX entries (diag_reset empties it); a full
 * table shows everything. */
static uint64_t fnv(uint64_t h, const void *p, size_t n) {
    for (size_t i = 0; i < n; i++) h = (h ^ ((const unsigned char *)p)[i]) * 1099511628211u;
    return h;
}

/* True when the diagnostic of key h was shown before (and records it if
 * not). */
static bool seen_add(uint64_t h) {
    for (uint64_t i = h % SEEN_MAX, k = 0; k < SEEN_MAX; i = (i + 1) % SEEN_MAX, k++) {
        if (seen[i] == h) return true;
        if (!seen[i]) {
            if (nseen >= SEEN_MAX / 2) return false;
            seen[i] = h;
            nseen++;
            return false;
        }
    }
    return false;
}

/* True when this diagnostic was shown before (and records it if not);
 * *key is its key, never 0. */
static bool said_before(DiagLevel level, Loc loc, uint64_t *key, const char *fmt, va_list ap) {
    Buf msg = { 0 };
    buf_vfmt(&msg, fmt, ap);
    uint64_t h = 14695981039346656037u;
    h = fnv(h, &level, sizeof level);
    /* the file by its name: a member's source is freed with its arena, and
     * the next member's may be given the same address */
    const char *path = ((const Source *)loc.src)->path;
    h = fnv(h, path, strlen(path) + 1);
    h = fnv(h, &loc.off, sizeof loc.off);
    h = fnv(h, &loc.len, sizeof loc.len);
    h = fnv(h, msg.s ? msg.s : "", msg.len);
    free(msg.s);
    if (!h) h = 1;
    *key = h;
    return seen_add(h);
}

void diag_at(DiagLevel level, Loc loc, const char *fmt, ...) {
    bool was_warning = level == DIAG_WARNING;
    if (!admit(&level)) return;
    uint64_t key = 0;
    if (loc.src && level != DIAG_NOTE) {
        va_list ap;
        va_start(ap, fmt);
        bool again = said_before(level, loc, &key, fmt, ap);
        va_end(ap);
        if (again) {
            last_hidden = true;          /* its notes were shown with it */
            return;
        }
    }
    Buf b = { 0 };
    Source *s = (Source *)loc.src;
    int line = 1, col = 1, eline = 1, ecol = 1;
    if (s && loc.off > s->len) loc.off = s->len;
    if (s) {
        source_linecol(s, loc.off, &line, &col);
        source_linecol(s, loc.off + loc.len, &eline, &ecol);   /* just past the span */
        buf_str(&b, color(BOLD));
        buf_add_printable(&b, s->path, strlen(s->path));
        buf_fmt(&b, ":%d:%d:%s ", line, col, color(RESET));
    }
    va_list ap;
    va_start(ap, fmt);
    message(&b, level, was_warning && level == DIAG_ERROR, fmt, ap);
    va_end(ap);
    if (s) {
        /* a span that goes on past its first line is marked to the end of it */
        uint32_t end = eline == line ? loc.off + loc.len : UINT32_MAX;
        show_line(&b, s, line, col, loc.off, end);
    }
    emit_keyed(&b, level == DIAG_NOTE, key);
}

void diag_file(DiagLevel level, const char *path, const char *fmt, ...) {
    bool was_warning = level == DIAG_WARNING;
    if (!admit(&level)) return;
    Buf b = { 0 };
    buf_str(&b, color(BOLD));
    buf_add_printable(&b, path ? path : "formc", strlen(path ? path : "formc"));
    buf_fmt(&b, ":%s ", color(RESET));
    va_list ap;
    va_start(ap, fmt);
    message(&b, level, was_warning && level == DIAG_ERROR, fmt, ap);
    va_end(ap);
    emit(&b);
}

void diag_finish(void) {
    if (!hidden) return;
    Buf b = { 0 };
    buf_fmt(&b, diag_tr("formc: %d more error%s not shown (--max-errors %d)\n"), hidden,
            hidden == 1 ? "" : "s", opts.max_errors);
    emit(&b);
    hidden = 0;
}
