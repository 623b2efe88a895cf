/* textlang.c — the stretches of a text in the other language; see
 * textlang.h. Pure text reading: no state, no I/O. */
#include "front/textlang.h"
#include <glib.h>
#include <string.h>
#include "base/arena.h"
#include "base/utf8.h"

/* Small words of each language that are not words of the other ("on",
 * "a", "me", "or", "but", "son", "pour", "an" are both, and left out). */
static const char *const english[] = {
    "the", "and", "you", "your", "yours", "to", "of", "is", "are", "was", "were", "that", "this",
    "these", "those", "will", "would", "with", "for", "it", "its", "be", "been", "have", "has", "had",
    "do", "does", "did", "not", "we", "our", "they", "their", "them", "what", "when", "where", "which",
    "who", "how", "can", "could", "should", "may", "might", "at", "from", "by", "if", "about", "into",
    "than", "then", "there", "here", "he", "she", "him", "her", "his", "my", "am", "any", "because", "i",
};
static const char *const french[] = {
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "vous", "votre", "vos", "nous", "notre",
    "nos", "est", "sont", "que", "qui", "dans", "avec", "pas", "ne", "ce", "cette", "ces", "il",
    "elle", "ils", "elles", "je", "tu", "au", "aux", "sur", "par", "mais", "où", "très", "sa", "ses",
    "leur", "leurs", "se", "en", "été", "être", "à", "ça", "lui", "moi", "toi", "quand", "comme",
    "aussi", "ou",
};
/* French words elided before a vowel (l'alto, qu'elle), and English
 * contractions' endings (don't, you're, I'm, we'll, I've) */
static const char *const french_elided[] = { "l", "d", "j", "qu", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu" };
static const char *const english_endings[] = { "t", "re", "m", "ll", "ve" };

static bool among(const char *w, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(w, list[i])) return true;
    return false;
}

/* The character at p, and its length in *len. */
static gunichar char_at(const char *p, const char *end, size_t *len) {
    uint32_t c;
    *len = utf8_decode(p, (size_t)(end - p), &c);
    if (!*len) *len = 1;
    return c;
}

static bool apostrophe(gunichar c) { return c == '\'' || c == 0x2019; }
static bool word_char(gunichar c) { return g_unichar_isalnum(c) || g_unichar_ismark(c); }
static bool blank(gunichar c) { return g_unichar_isspace(c) || c == 0xA0 || c == 0x202F; }

/* The words of a sentence or a passage as read: where the first starts,
 * how many, how many are small words of each language, and how many of
 * the others start in lower case and in a capital (the first word not
 * counted: a sentence starts with one). */
typedef struct {
    const char *start;
    int words, en, fr, lower, capital;
} Count;

/* Counts the word w[0, n) into s. */
static void count_word(Count *s, const char *w, size_t n) {
    char *low = g_utf8_strdown(w, (gssize)n);
    char *mark = NULL;
    for (char *p = low; *p; p++)
        if (*p == '\'' || (!strncmp(p, "\xe2\x80\x99", 3))) { mark = p; break; }
    bool first_word = !s->start;
    if (!s->start) s->start = w;
    s->words++;
    int en = s->en, fr = s->fr;
    if (mark) {
        const char *after = mark + (*mark == '\'' ? 1 : 3);
        *mark = '\0';
        if (among(low, french_elided, G_N_ELEMENTS(french_elided))) s->fr++;
        else if (among(after, english_endings, G_N_ELEMENTS(english_endings))) s->en++;
    } else if (among(low, english, G_N_ELEMENTS(english))) {
        s->en++;
    } else if (among(low, french, G_N_ELEMENTS(french))) {
        s->fr++;
    }
    uint32_t first;
    utf8_decode(w, n, &first);
    if (en == s->en && fr == s->fr && g_unichar_islower(first)) s->lower++;
    else if (en == s->en && fr == s->fr && g_unichar_isupper(first) && !first_word) s->capital++;
    g_free(low);
}

/* Whether s, a sentence or a quoted passage of a text in French (french)
 * or English, is in the other language. */
static bool other_language(const Count *s, bool french_text, bool quoted) {
    int own = french_text ? s->fr : s->en, other = french_text ? s->en : s->fr;
    return s->words >= (quoted ? 3 : 4) && other >= (quoted ? 2 : 3) && own == 0 && s->lower > s->capital;
}

/* The stretches found so far. */
typedef struct {
    TextStretch *s;
    int n, cap;
} Found;

/* Adds [start, end) of text, trimmed of blanks at its end; a sentence
 * takes the place of the passages it holds, a passage overlapping the
 * sentence before it is none. */
static void add(Found *f, const char *text, const char *start, const char *end, bool quoted) {
    while (end > start) {
        size_t back = utf8_back(start, 0, (size_t)(end - start)), len;
        if (!blank(char_at(start + back, end, &len))) break;
        end = start + back;
    }
    TextStretch st = { (uint32_t)(start - text), (uint32_t)(end - text), quoted };
    while (f->n && f->s[f->n - 1].end > st.start) {
        if (quoted) return;
        f->n--;
    }
    xgrow(&f->s, &f->cap, f->n + 1, sizeof *f->s);
    f->s[f->n++] = st;
}

TextStretch *textlang_other(const char *text, size_t len, bool french_text, int *n) {
    const char *p = text, *end = text + len;
    bool quoted = false;
    Count s = { 0 }, q = { 0 };
    Found f = { 0 };
    while (p <= end) {
        size_t clen = 0;
        gunichar ch = p < end ? char_at(p, end, &clen) : '.';
        if (p < end && word_char(ch)) {
            const char *w = p;
            while (p < end) {
                ch = char_at(p, end, &clen);
                size_t next_len;
                if (word_char(ch)) p += clen;
                else if (apostrophe(ch) && p + clen < end && g_unichar_isalpha(char_at(p + clen, end, &next_len))) p += clen;
                else break;
            }
            count_word(quoted ? &q : &s, w, (size_t)(p - w));
            continue;
        }
        if (ch == '"' || ch == 0x201C || ch == 0x201D || ch == 0xAB || ch == 0xBB) {
            bool opens = ch == 0x201C || ch == 0xAB ? true : ch == 0x201D || ch == 0xBB ? false : !quoted;
            if (quoted && !opens && q.start && other_language(&q, french_text, true))
                add(&f, text, q.start, p, true);
            q = (Count){ 0 };
            quoted = opens;
        }
        if (ch == '.' || ch == '!' || ch == '?' || ch == 0x2026 || ch == ';') {
            if (s.start && other_language(&s, french_text, false)) add(&f, text, s.start, p + clen, false);
            s = (Count){ 0 };
        }
        p += clen ? clen : 1;
    }
    *n = f.n;
    return f.s;
}
