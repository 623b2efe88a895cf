/* letterlang.c — the letter reads in one language: warns at a sentence of
 * the letter's texts written in English when the letter is in French, or
 * in French when it is in English (a sentence left from another member's
 * letter, copied and not translated), at the sentence's place in the file.
 *
 * A sentence is told by its small words, which every sentence of a
 * language has and the other language lacks: one of four words or more
 * with three of the other language's ("you", "the", "to", "will"; "vous",
 * "le", "de", "à", "l'…") and none of its own is in the other language. A
 * name, a borrowed word or a place does not make a sentence, and the words
 * in quotes (what the patient said, in the words they said it) are not
 * counted. */
#include <glib.h>
#include <string.h>
#include "front/checker.h"
#include "base/utf8.h"

/* Small words of each language that are not words of the other ("on",
 * "a", "me", "or", "but", "son", "pour", "an" are both, and left out). */
static const char *const english[] = {
    "the", "and", "you", "your", "yours", "to", "of", "is", "are", "was", "were", "that", "this",
    "these", "those", "will", "would", "with", "for", "it", "its", "be", "been", "have", "has", "had",
    "do", "does", "did", "not", "we", "our", "they", "their", "them", "what", "when", "where", "which",
    "who", "how", "can", "could", "should", "may", "might", "at", "from", "by", "if", "about", "into",
    "than", "then", "there", "here", "he", "she", "him", "her", "his", "my", "am", "any", "because",
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

/* One sentence as read: where it starts, and its words in each language. */
typedef struct Sentence {
    const char *start, *end;
    int words, en, fr;
} Sentence;

/* Counts the word w[0, n) (lower case) into s. */
static void count_word(Sentence *s, const char *w, size_t n) {
    char *low = g_utf8_strdown(w, (gssize)n);
    char *mark = NULL;
    for (char *p = low; *p; p++)
        if (*p == '\'' || (!strncmp(p, "\xe2\x80\x99", 3))) { mark = p; break; }
    s->words++;
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
    g_free(low);
}

/* Whether sentence s is in the other language than lang (en or fr). */
static bool other_language(const Sentence *s, bool french_letter) {
    int own = french_letter ? s->fr : s->en, other = french_letter ? s->en : s->fr;
    return s->words >= 4 && other >= 3 && own == 0;
}

/* Warns at the first sentence of t in the other language, saying how many
 * more there are. t is read in the file, so the warning points at it. */
static void check_text(Checker *c, const Text *t, bool french_letter) {
    const char *text = t->loc.src->text + t->loc.off, *end = text + t->loc.len;
    int delim = t->loc.len >= 6 && !strncmp(text, "\"\"\"", 3) ? 3 : 1;    /* the string's own quotes */
    const char *p = text + delim;
    end -= delim;
    bool quoted = false;
    Sentence s = { 0 }, first = { 0 };
    int found = 0;
    while (p <= end) {
        size_t len = 0;
        gunichar ch = p < end ? char_at(p, end, &len) : '.';
        if (p < end && (g_unichar_isalnum(ch) || g_unichar_ismark(ch))) {
            const char *w = p;
            while (p < end) {
                ch = char_at(p, end, &len);
                size_t next_len;
                if (g_unichar_isalnum(ch) || g_unichar_ismark(ch)) p += len;
                else if (apostrophe(ch) && p + len < end && g_unichar_isalpha(char_at(p + len, end, &next_len))) p += len;
                else break;
            }
            if (!quoted) {
                if (!s.start) s.start = w;
                count_word(&s, w, (size_t)(p - w));
            }
            continue;
        }
        if (ch == '"' || ch == 0x201C || ch == 0x201D || ch == 0xAB || ch == 0xBB)
            quoted = ch == 0x201C || ch == 0xAB ? true : ch == 0x201D || ch == 0xBB ? false : !quoted;
        if (ch == '.' || ch == '!' || ch == '?' || ch == 0x2026 || ch == ';') {
            if (s.start && other_language(&s, french_letter) && found++ == 0) {
                first = s;
                first.end = p;
            }
            s = (Sentence){ 0 };
        }
        p += len ? len : 1;
    }
    if (!found) return;
    const char *line_end = memchr(first.start, '\n', (size_t)(first.end - first.start));
    Loc at = { t->loc.src, (uint32_t)(first.start - t->loc.src->text),
               (uint32_t)((line_end ? line_end : first.end) - first.start) };
    const char *own = french_letter ? "French" : "English", *other = french_letter ? "English" : "French";
    char more[96] = "";
    if (found > 1)
        snprintf(more, sizeof more, "; %d more sentence%s of this text %s in %s too", found - 1,
                 found > 2 ? "s" : "", found > 2 ? "are" : "is", other);
    ck_warning(c, at, "this sentence is in %s, but the letter is in %s: the patient would read it as "
               "written (write it in %s%s)", other, own, own, more);
}

void ck_letter_language(Checker *c, const Model *g) {
    const Formulation *f = &c->m->f;
    if (!g && !f->language.s) return;          /* the letter's language is not known */
    bool french_letter = !strcmp(model_language(c->m, g), "fr");
    const Text *texts[2 + PHASE_COUNT] = { &f->letter.pattern, &f->letter.in_group };
    for (int p = 0; p < PHASE_COUNT; p++) texts[2 + p] = &f->letter.phases[p];
    for (int i = 0; i < 2 + PHASE_COUNT; i++)
        if (texts[i]->s && !texts[i]->placeholder && texts[i]->loc.src) check_text(c, texts[i], french_letter);
}
