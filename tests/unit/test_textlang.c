/* test_textlang.c — the stretches of a clinician's text in the other
 * language (front/textlang.h): sentences and quoted passages found by
 * their small words, names, places, titles and borrowed words left alone;
 * and a text value's parts in another language carried to its runs
 * (template.h tv_text_part), cut inside a word at a quote. */
#include "front/textlang.h"
#include "template/template.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

/* The stretches of text (in French when fr) as "[text]" or "«text»" for
 * a quoted passage, one after the other. */
static const char *found(const char *text, bool fr) {
    static char out[1024];
    int n;
    TextStretch *s = textlang_other(text, strlen(text), fr, &n);
    size_t u = 0;
    out[0] = 0;
    for (int i = 0; i < n && u < sizeof out; i++)
        u += (size_t)snprintf(out + u, sizeof out - u, s[i].quoted ? "<%.*s>" : "[%.*s]",
                              (int)(s[i].end - s[i].start), text + s[i].start);
    free(s);
    return out;
}

TEST(sentence_in_the_other_language) {
    CHECK_STR(found("Elle se tait. You will find that the others feel it too. Puis elle part.", true),
              "[You will find that the others feel it too.]");
    CHECK_STR(found("She keeps quiet. Vous n'avez pas besoin de bien le dire ! Then she leaves.", false),
              "[Vous n'avez pas besoin de bien le dire !]");
    CHECK_STR(found("Elle se tait, and you will see it at the end", true), "");   /* its own words too */
    CHECK_STR(found("Not the end", true), "");                                 /* too few words */
    CHECK_STR(found("You will find that the others feel it too", true),
              "[You will find that the others feel it too]");                  /* the text's end ends it */
}

TEST(quoted_passage_in_the_other_language) {
    CHECK_STR(found("Elle se répète « I am never good enough for them » le soir.", true),
              "<I am never good enough for them>");
    CHECK_STR(found("Elle dit \"I am never good enough\" et part.", true), "<I am never good enough>");
    CHECK_STR(found("Her mother's \"c'est pas assez\" still follows her.", false), "<c'est pas assez>");
    CHECK_STR(found("She said \u201CJe ne suis jamais assez bonne !\u201D twice.", false),
              "<Je ne suis jamais assez bonne !>");
    CHECK_STR(found("Elle dit « I feel fine » souvent.", true), "");          /* one small word */
    /* a passage inside a sentence of the other language is the sentence's */
    CHECK_STR(found("Elle part. You said \"I am never good enough for them\" to the group.", true),
              "[You said \"I am never good enough for them\" to the group.]");
}

TEST(names_places_titles_and_borrowed_words) {
    CHECK_STR(found("She grew up near the Rue de la Montagne.", false), "");
    CHECK_STR(found("She stayed at the \"Hôtel de la Gare\" for a week.", false), "");
    CHECK_STR(found("Elle relit \"The Catcher in the Rye\" le soir.", true), "");
    CHECK_STR(found("Le burn-out de l'an dernier vous a fait peur.", true), "");
    CHECK_STR(found("With a certain je-ne-sais-quoi, she left.", false), "");
    CHECK_STR(found("Elle voit Marie and Jean at the Centre Larch.", true), "");
}

/* The runs of the one paragraph {{t}} makes of v, as "text/lang|...". */
static const char *runs_of(TValue *v) {
    static char out[1024];
    TValue *data = tv_map();
    tv_map_set(data, "t", v);
    Template *t = template_parse("t.tmpl", "{{t}}\n", 6);
    TemplateDoc *doc = template_expand(t, data);
    size_t u = 0;
    out[0] = 0;
    for (int i = 0; doc && doc->nblocks && i < doc->blocks[0].nruns; i++) {
        const TemplateRun *r = &doc->blocks[0].runs[i];
        u += (size_t)snprintf(out + u, sizeof out - u, "%s/%s|", r->text, r->lang ? r->lang : "-");
    }
    template_doc_free(doc);
    template_free(t);
    tv_free(data);
    return out;
}

TEST(value_parts_carry_their_language) {
    const char *s = "Elle dit \"I am never good\" et part.";
    TValue *v = tv_text(s, LOC_NONE);
    tv_text_part(v, 10, 25, "en");
    tv_text_part(v, 5, 8, "en");          /* before the last part: ignored */
    CHECK_STR(runs_of(v), "Elle dit \"/-|I am never good/en|\" et part./-|");
    v = tv_text_in("Elle dit « I am never good » et part.", LOC_NONE, "fr");
    tv_text_part(v, 12, 27, "en");
    CHECK_STR(runs_of(v), "Elle dit « /fr|I am never good/en| » et part./fr|");
    v = tv_text("one two", LOC_NONE);
    tv_text_part(v, 4, 99, "fr");          /* past the text: ignored */
    CHECK_STR(runs_of(v), "one two/-|");
}
