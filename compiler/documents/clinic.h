/* clinic.h — the clinic a document speaks for, and its letterhead as the
 * templates name it; shared by the report, the letter's folders and the
 * summary. */
#ifndef FORMC_CLINIC_H
#define FORMC_CLINIC_H
#include "base/arena.h"
#include "front/model.h"
#include "template/template.h"

/* The letterhead's names for a template in lang: clinic.name,
 * clinic.address, clinic.phone and clinic.logo (the image's path), each
 * absent when the clinic block does not give it ("(to be completed)"
 * where a placeholder holds its place). */
void document_clinic_data(Arena *a, TValue *d, const Clinic *cl, const char *lang);

#endif
