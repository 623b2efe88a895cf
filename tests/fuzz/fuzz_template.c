/* fuzz_template.c — the template engine on arbitrary template text.
 *
 * The input is parsed as a template and, when it parses, expanded with a
 * fixed data tree shaped like the letter's: texts (some holding template
 * syntax, which must stay plain text), an absent value, a yes/no value and
 * a list. */
#include "fuzz.h"
#include <stdlib.h>
#include "template/template.h"

/* The data every input is expanded with, made once: its texts come from
 * a span of a formulation, so missing glyphs and problems can point at it. */
static TValue *data(void) {
    static TValue *d;
    static Source form = { .path = "fuzz.form", .text = "x", .len = 1 };
    const Loc origin = { &form, 0, 1 };
    if (d) return d;
    d = tv_map();
    tv_set(d, "date", tv_text("Thursday, January 14, 2027", LOC_NONE));
    tv_set(d, "draft", tv_bool(1));
    tv_set(d, "redacted", tv_bool(1));
    tv_set(d, "patient.name", tv_text("Adaeze Nwosu", origin));
    tv_set(d, "patient.preferred", tv_text("Ada {{patient.name}} *not bold*", origin));
    tv_set(d, "clinician", tv_text("Dr. Leah Brandt", origin));
    tv_set(d, "clinic.name", tv_text("Larch Street # Clinic", origin));
    tv_set(d, "clinic.address", tv_text("1180 Larch Street\n\nVancouver", origin));
    tv_set(d, "clinic.phone", NULL);
    tv_set(d, "clinic.logo", tv_text("logo.png", origin));
    tv_set(d, "group.title", tv_text("Thursday group", origin));
    tv_set(d, "group.weeks", tv_text("12", LOC_NONE));
    tv_set(d, "letter.pattern", tv_text("You _work_ hard.\n\n- and ask for {{#if draft}}nothing", origin));
    tv_set(d, "enactments.engagement", NULL);
    tv_set(d, "enactments.termination", tv_text("@signature", origin));
    TValue *leaders = tv_list();
    tv_list_add(leaders, tv_text("Dr. Leah Brandt", origin));
    tv_list_add(leaders, tv_text("Dr. Marcus Oyelaran", origin));
    tv_set(d, "group.leaders", leaders);
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size) {
    fuzz_session();   /* diagnostics formatted and discarded */
    Template *t = template_parse("fuzz.tmpl", (const char *)bytes, size);
    if (t) template_doc_free(template_expand(t, data()));
    template_free(t);
    fuzz_done();
    return 0;
}
