/* clinic.c — the clinic a document speaks for; see clinic.h. */
#include "documents/clinic.h"
#include "documents/language.h"

void document_clinic_data(Arena *a, TValue *d, const Clinic *cl, const char *lang) {
    const Text *t[3] = { &cl->name, &cl->address, &cl->phone };
    const char *names[3] = { "clinic.name", "clinic.address", "clinic.phone" };
    for (int i = 0; i < 3; i++) tv_set(d, names[i], language_text(t[i], lang));
    tv_set(d, "clinic.logo", cl->logo.s ? tv_text(path_join(a, cl->logo.loc.src->dir, cl->logo.s), cl->logo.loc)
                                        : NULL);
}
