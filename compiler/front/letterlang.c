/* letterlang.c — the letter reads in one language: warns at a sentence of
 * the letter's texts written in English when the letter is in French, or
 * in French when it is in English (a sentence left from another member's
 * letter, copied and not translated), at the sentence's place in the file.
 *
 * A sentence is told by its small words (front/textlang.h, which the
 * documents read to mark it with its language); a passage in quotes (what
 * the patient said, in the words they said it) is none. */
#include <stdlib.h>
#include <string.h>
#include "front/checker.h"
#include "base/messages.h"
#include "front/textlang.h"

/* Warns at the first sentence of t in the other language, saying how many
 * more there are. t is read in the file, so the warning points at it. */
static void check_text(Checker *c, const Text *t, bool french_letter) {
    const char *text = t->loc.src->text + t->loc.off;
    uint32_t delim = t->loc.len >= 6 && !strncmp(text, "\"\"\"", 3) ? 3 : 1;    /* the string's own quotes */
    int n = 0, found = 0;
    TextStretch *all = textlang_other(text + delim, t->loc.len - 2 * delim, french_letter, &n), first = { 0 };
    for (int i = 0; i < n; i++)
        if (!all[i].quoted && found++ == 0) first = all[i];
    free(all);
    if (!found) return;
    const char *start = text + delim + first.start, *end = text + delim + first.end;
    if (end > start && strchr(".!?;", end[-1])) end--;                 /* up to its closing mark */
    else if (end - start > 3 && !strncmp(end - 3, "\u2026", 3)) end -= 3;
    const char *line_end = memchr(start, '\n', (size_t)(end - start));
    Loc at = { t->loc.src, (uint32_t)(start - t->loc.src->text), (uint32_t)((line_end ? line_end : end) - start) };
    const char *own = diag_tr(french_letter ? "French" : "English");
    const char *other = diag_tr(french_letter ? "English" : "French");
    char more[96] = "";
    if (found > 1)
        snprintf(more, sizeof more, diag_tr("; %d more sentence%s of this text %s in %s too"), found - 1,
                 found > 2 ? "s" : "", diag_tr(found > 2 ? "are" : "is"), other);
    ck_warning(c, at, "this sentence is in %s, but the letter is in %s: the patient would read it as "
               "written (write it in %s%s)", other, own, own, more);
}

void ck_letter_language(Checker *c, const Model *g) {
    const Formulation *f = &c->m->f;
    if (!g && !f->language.s) return;          /* the letter's language is not known */
    bool french_letter = !strcmp(model_language(c->m, g), "fr");
    const Text *texts[LETTER_TEXTS];
    letter_texts(f, texts);
    for (int i = 0; i < LETTER_TEXTS; i++)
        if (texts[i]->s && !texts[i]->placeholder && texts[i]->loc.src) check_text(c, texts[i], french_letter);
}
