/* cells.c — numbers, time points and text of cells; see cells.h. */
#include "import/cells.h"
#include "base/messages.h"
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cell_trim(const char *text, size_t len, size_t *n) {
    while (len && (*text == ' ' || *text == '\t')) text++, len--;
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t')) len--;
    *n = len;
    return text;
}

bool cell_number(const char *text, size_t n, char delim, double *v) {
    char buf[32];
    size_t i = 0, o = 0;
    int digits = 0;
    bool point = false;
    if (n == 0 || n >= sizeof buf) return false;
    if (text[0] == '-') buf[o++] = text[i++];
    for (; i < n; i++) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            buf[o++] = c;
            digits++;
        } else if ((c == '.' || (c == ',' && delim != ',')) && !point && digits && i + 1 < n) {
            buf[o++] = '.';
            point = true;
        } else {
            return false;
        }
    }
    if (!digits || digits > 15) return false;
    if (!isdigit((unsigned char)buf[o - 1])) return false;
    buf[o] = '\0';
    *v = strtod(buf, NULL);
    if (*v == 0) *v = 0;                       /* no negative zero */
    return fabs(*v) <= 1e9;
}

/* Whether word (n bytes, lower case) names a time point, and which: by
 * the English conventions, and their French counterparts (pré, avant,
 * après, suivi). */
static int word_when(const char *w, size_t n) {
    static const struct { const char *word; bool start; When when; } words[] = {
        { "pre", true, WHEN_PRE }, { "pr\xc3\xa9", true, WHEN_PRE }, { "baseline", false, WHEN_PRE },
        { "avant", false, WHEN_PRE },
        { "post", true, WHEN_POST }, { "apres", false, WHEN_POST }, { "apr\xc3\xa8s", false, WHEN_POST },
        { "follow", true, WHEN_FOLLOWUP }, { "fu", false, WHEN_FOLLOWUP }, { "suivi", false, WHEN_FOLLOWUP },
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t k = strlen(words[i].word);
        if ((words[i].start ? n >= k : n == k) && !strncmp(w, words[i].word, k)) return (int)words[i].when;
    }
    return -1;
}

/* Letters of a word: ASCII letters and the bytes of other characters (é). */
static bool letter(unsigned char c) { return isalpha(c) || c >= 0x80; }

When cell_when(const char *text, size_t n) {
    int found = -1;
    size_t i = 0;
    while (i < n) {
        /* a word: letters, then its digits (fu1, t0) */
        while (i < n && !letter((unsigned char)text[i])) i++;
        char w[32];
        size_t k = 0;
        while (i < n && letter((unsigned char)text[i])) {
            if (k < sizeof w) w[k++] = (char)tolower((unsigned char)text[i]);
            i++;
        }
        if (!k) break;
        int when = word_when(w, k);
        if (when < 0) continue;
        if (found >= 0 && found != when) return WHEN_COUNT;
        found = when;
    }
    return found < 0 ? WHEN_COUNT : (When)found;
}

const char *cell_number_text(Arena *a, double v) {
    return arena_printf(a, "%.15g", v);
}

const char *cell_column_letters(Arena *a, int col) {
    char buf[16];
    int i = sizeof buf - 1;
    buf[i] = '\0';
    for (; col > 0 && i > 0; col = (col - 1) / 26) buf[--i] = (char)('A' + (col - 1) % 26);
    return arena_strdup(a, buf + i);
}

void cell_report(DiagLevel level, CellAt at, const char *fmt, ...) {
    Arena a = { 0 };
    fmt = diag_tr(fmt);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = arena_alloc(&a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    const char *where = at.col ? arena_printf(&a, "%s:%d:%d", at.path, at.row, at.col)
                               : arena_printf(&a, "%s:%d", at.path, at.row);
    if (at.header)
        diag_file(level, where, "%s (column %s): %s", at.header,
                  cell_column_letters(&a, at.col), msg);
    else
        diag_file(level, where, "%s", msg);
    arena_free(&a);
}
