/* textlang.h — the stretches of a clinician's text written in the other
 * language than the text's (English in a French text, French in an
 * English one): its sentences, and its quoted passages (the patient's own
 * words, in the language they said them). One reading serves the check
 * (letterlang.c warns at a letter's sentence left in the other language)
 * and the documents (which mark each stretch with its language, so a
 * screen reader speaks it with that language's voice).
 *
 * A stretch is told by its small words, which every sentence of a
 * language has and the other language lacks ("you", "the", "will"; "vous",
 * "le", "à", "l'…"): a sentence of four words or more with three of the
 * other language's, a passage in quotes (« », “ ”, "") of three words or
 * more with two, and none of its own language's in either; and more of
 * its other words in lower case than with a capital (a name, a title or a
 * place, "The Catcher in the Rye", "Hôtel de la Gare", is none). A name, a
 * place or one borrowed word ('le burn-out') is no stretch. The words of a sentence in quotes are not counted with it:
 * they are the quoted passage's. */
#ifndef FORMC_FRONT_TEXTLANG_H
#define FORMC_FRONT_TEXTLANG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t start, end;    /* bytes of the text: a sentence from its first
                               word to its closing mark (. ! ? … ;)
                               included, a passage inside its quotes */
    bool quoted;            /* a quoted passage (else a sentence) */
} TextStretch;

/* The stretches of text[0, len), written in French (french) or else in
 * English, that are written in the other language, in order and never
 * overlapping (a passage inside a sentence of the other language is the
 * sentence's): a malloc'ed array (NULL when none), their number in *n. */
TextStretch *textlang_other(const char *text, size_t len, bool french, int *n);

#endif
