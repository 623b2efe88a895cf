/* fuzz_template.c — the template engine on arbitrary template text.
 *
 * The input is parsed as a template and, when it parses, expanded with a
 * fixed data tree shaped like the letter's: texts (some holding template
 * syntax, which must stay plain text), an absent value, a yes/no value and
 * a list. */
#include "fuzz.h"
#include <stdlib.h>
#include "template/template.h"

static void ignore(void *user, const TemplateDiag *d) { (void)user; (void)d; }

/* The data every input is expanded with, made once. */
static TValue *data(void) {
    static TValue *d;
    if (d) return d;
    d = tv_map();
    tv_set(d, "date", tv_text("Thursday, January 14, 2027", NULL));
    tv_set(d, "draft", tv_bool(1));
    tv_set(d, "redacted", tv_bool(1));
    tv_set(d, "patient.name", tv_text("Adaeze Nwosu", d));
    tv_set(d, "patient.preferred", tv_text("Ada {{patient.name}} *not bold*", d));
    tv_set(d, "clinician", tv_text("Dr. Leah Brandt", d));
    tv_set(d, "clinic.name", tv_text("Larch Street # Clinic", d));
    tv_set(d, "clinic.address", tv_text("1180 Larch Street\n\nVancouver", d));
    tv_set(d, "clinic.phone", NULL);
    tv_set(d, "clinic.logo", tv_text("logo.png", d));
    tv_set(d, "group.title", tv_text("Thursday group", d));
    tv_set(d, "group.weeks", tv_text("12", NULL));
    tv_set(d, "letter.pattern", tv_text("You _work_ hard.\n\n- and ask for {{#if draft}}nothing", d));
    tv_set(d, "enactments.engagement", NULL);
    tv_set(d, "enactments.termination", tv_text("@signature", d));
    TValue *leaders = tv_list();
    tv_list_add(leaders, tv_text("Dr. Leah Brandt", d));
    tv_list_add(leaders, tv_text("Dr. Marcus Oyelaran", d));
    tv_set(d, "group.leaders", leaders);
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size) {
    Template *t = template_parse("fuzz.tmpl", (const char *)bytes, size, ignore, NULL);
    if (t) template_doc_free(template_expand(t, data(), ignore, NULL));
    template_free(t);
    return 0;
}
