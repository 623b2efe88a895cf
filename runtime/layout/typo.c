/* typo: typographic quotes and spaces; see typo.h. */
#include "layout/typo.h"

#include "base/arena.h"
#include "base/utf8.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define NNBSP "\xE2\x80\xAF"   /* U+202F NARROW NO-BREAK SPACE */
#define NBSP "\xC2\xA0"        /* U+00A0 NO-BREAK SPACE */

/* The copy being written and the replacements made so far. */
typedef struct {
    GString *out;
    TypoEdit *e;
    size_t n, cap;
} Out;

/* Replaces from_len bytes at from with to. */
static void replace(Out *o, size_t from, size_t from_len, const char *to) {
    g_string_append(o->out, to);
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 8;
        o->e = xrealloc(o->e, o->cap * sizeof *o->e);
    }
    o->e[o->n++] = (TypoEdit){ from, from_len, strlen(to) };
}

static int is_space(gunichar c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || g_unichar_isspace(c); }

/* Characters a token's core is stripped of: quotes and brackets before
 * it, those and punctuation after it. */
static int leading_mark(gunichar c) { return c && strchr("\"'([{", (int)c) ? 1 : c == 0xAB || c == 0x2018 || c == 0x201C; }
static int trailing_mark(gunichar c) {
    return c && strchr("\"'.,;:!?)]}", (int)c) ? 1 : c == 0xBB || c == 0x2019 || c == 0x201D;
}

/* True when [s, e) reads as an identifier or a code (see typo.h). */
static int code_like(const char *s, const char *e) {
    for (const char *p = s; p < e; p++) {
        if (g_ascii_isdigit(*p) || *p == '_' || *p == '/' || *p == '\\' || *p == '@') return 1;
        if (*p == '.' && p > s && p + 1 < e && g_ascii_isalnum(p[-1]) && g_ascii_isalnum(p[1])) return 1;
    }
    return 0;
}

/* The character at p, or 0 at the end. */
static gunichar at(const char *p, const char *end) {
    uint32_t c = 0;
    if (p < end) utf8_decode(p, (size_t)(end - p), &c);
    return c;
}

/* The character after the one at p (p < end). */
static const char *next_char(const char *p, const char *end) {
    return p + utf8_step(p, 0, (size_t)(end - p));
}

/* Marks in code[] the bytes of text that lie in the core of a code-like
 * token: quotes there stay as typed. */
static void mark_codes(const char *text, size_t len, char *code) {
    const char *p = text, *end = text + len;
    while (p < end) {
        while (p < end && is_space(at(p, end))) p = next_char(p, end);
        const char *s = p;
        while (p < end && !is_space(at(p, end))) p = next_char(p, end);
        const char *e = p;
        while (s < e && leading_mark(at(s, end))) s = next_char(s, end);
        while (e > s) {
            const char *q = text + utf8_back(text, (size_t)(s - text), (size_t)(e - text));
            if (!trailing_mark(at(q, end))) break;
            e = q;
        }
        if (s < e && code_like(s, e)) memset(code + (s - text), 1, (size_t)(e - s));
    }
}

/* True when a quote may open after character c. */
static int opens_after(gunichar c) {
    return c == 0 || is_space(c) || (c < 128 && strchr("([{/", (int)c)) || c == 0x2014 || c == 0x2013 ||
           c == 0xAB || c == 0x2018 || c == 0x201C;
}

/* True when the double quote at q closes: it follows a character a quote
 * cannot open after, or one is open and the quote ends a word. */
static int closes(const char *q, const char *end, gunichar before, int open) {
    if (!opens_after(before)) return 1;
    gunichar next = at(q + 1, end);
    return open && (next == 0 || is_space(next) || (next < 128 && strchr(".,;:!?)]}", (int)next)));
}

/* The length of the run of spaces and tabs at p. */
static size_t blanks(const char *p, const char *end) {
    const char *q = p;
    while (q < end && (*q == ' ' || *q == '\t')) q++;
    return (size_t)(q - p);
}

/* The length of the space at p between a number (ending in before) and a
 * percent sign that ends a word ("50 %", "50\u00A0%", not "page %d"): a
 * run of spaces and tabs or one no-break space; 0 when p holds none. */
static size_t percent_gap(const char *p, const char *end, gunichar before) {
    if (!g_unichar_isdigit(before)) return 0;
    size_t n = blanks(p, end);
    gunichar c = at(p, end);
    if (!n && (c == 0xA0 || c == 0x202F)) n = (size_t)(next_char(p, end) - p);
    gunichar after = at(p + n, end) == '%' ? at(p + n + 1, end) : 'x';
    return n && !g_unichar_isalnum(after) && after != '_' ? n : 0;
}

char *typo_text(const char *lang, const char *text, uint32_t prev, TypoEdit **edits, size_t *nedits) {
    int fr = lang && !strncmp(lang, "fr", 2);
    size_t len = strlen(text);
    char *code = xcalloc(len + 1, 1);
    Out o = { g_string_sized_new(len + 16), NULL, 0, 0 };
    mark_codes(text, len, code);
    const char *p = text, *end = text + len;
    gunichar before = prev;
    int open = 0;                          /* a double quote is open */
    while (p < end) {
        size_t i = (size_t)(p - text), nb;
        gunichar c = at(p, end);
        const char *next = next_char(p, end);
        if (fr && (nb = percent_gap(p, end, before)) > 0) {
            replace(&o, i, nb, NNBSP);     /* 50 % : never parted, as a space before ; */
            before = 0x202F;
            p += nb;
            continue;
        }
        if (fr && (nb = blanks(p, end)) > 0) {
            /* a space before ; ! ? » : or a closing quote cannot start a line */
            const char *q = p + nb;
            gunichar n = at(q, end);
            if (n == ';' || n == '!' || n == '?' || n == 0xBB) replace(&o, i, nb, NNBSP);
            else if (n == ':') replace(&o, i, nb, NBSP);
            else if (n == '"' && !code[q - text] && closes(q, end, ' ', open)) {
                replace(&o, i, nb + 1, NNBSP "\xC2\xBB");
                open = 0;
                before = 0xBB;
                p = q + 1;
                continue;
            } else g_string_append_len(o.out, p, (gssize)nb);
            before = ' ';
            p += nb;
            continue;
        }
        if ((c == '"' || c == '\'') && !code[i]) {
            gunichar n = at(next, end);
            if (c == '\'') {
                int opening = opens_after(before) && !fr && n && !g_unichar_isdigit(n) && !is_space(n);
                replace(&o, i, 1, opening ? "\xE2\x80\x98" : "\xE2\x80\x99");
                before = opening ? 0x2018 : 0x2019;
            } else if (closes(p, end, before, open)) {
                replace(&o, i, 1, fr ? NNBSP "\xC2\xBB" : "\xE2\x80\x9D");
                open = 0;
                before = fr ? 0xBB : 0x201D;
            } else {
                size_t nb2 = fr ? blanks(next, end) : 0;
                replace(&o, i, 1 + nb2, fr ? "\xC2\xAB" NNBSP : "\xE2\x80\x9C");
                next += nb2;
                open = 1;
                before = fr ? 0xAB : 0x201C;
            }
            p = next;
            continue;
        }
        if (fr && c == 0xAB) {                /* a typed « gets its space */
            size_t nb2 = blanks(next, end);
            gunichar n = at(next + nb2, end);
            if (nb2 || (n != 0xA0 && n != 0x202F)) replace(&o, i, (size_t)(next - p) + nb2, "\xC2\xAB" NNBSP);
            else g_string_append_len(o.out, p, next - p);
            p = next + nb2;
            before = c;
            continue;
        }
        if (fr && c == 0xBB && !is_space(before)) {   /* and a typed » */
            replace(&o, i, (size_t)(next - p), NNBSP "\xC2\xBB");
            p = next;
            before = c;
            continue;
        }
        g_string_append_len(o.out, p, next - p);
        before = c;
        p = next;
    }
    free(code);
    char *copy = xstrndup(o.out->str, o.out->len);
    g_string_free(o.out, TRUE);
    if (edits) {
        *edits = o.e;
        *nedits = o.n;
    } else {
        free(o.e);
    }
    return copy;
}

size_t typo_original_offset(const TypoEdit *edits, size_t nedits, size_t at_off) {
    long delta = 0;                        /* copy offset - original offset */
    for (size_t k = 0; k < nedits; k++) {
        size_t start = (size_t)((long)edits[k].from + delta);
        if (at_off < start) break;
        if (at_off < start + edits[k].to_len) return edits[k].from;
        delta += (long)edits[k].to_len - (long)edits[k].from_len;
    }
    return (size_t)((long)at_off - delta);
}
