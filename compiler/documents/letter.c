/* letter.c — builds the letter's template data and lays out the result. */
#include "front/dates.h"
#include "documents/letter.h"
#include <stdio.h>
#include <string.h>
#include "base/diag.h"
#include "documents/language.h"
#include "template/template.h"
#include "documents/tmpl_layout.h"

/* A text value (or a known-but-absent name) at path; "(to be completed)"
 * in lang where a placeholder holds its place. */
static void put_text(TValue *root, const char *path, const Text *t, const char *lang) {
    tv_set(root, path, language_text(t, lang));
}


/* A text the letter cannot do without. Missing in a draft, it reads tbc,
 * "(to be completed)"; missing in a final letter, it is an error at the
 * clinic block (or the patient's file when there is none). Returns false
 * then. */
static bool put_required(TValue *root, const char *path, const Text *t, const Text *tbc, const Model *m,
                         const Clinic *cl, const char *what, const char *lang) {
    if (t->s || m->f.draft) {
        put_text(root, path, t->s ? t : tbc, lang);
        return true;
    }
    if (cl->loc.src)
        diag_at(DIAG_ERROR, cl->loc, "the letter needs the clinic's %s: add it to this clinic block", what);
    else
        diag_file(DIAG_ERROR, m->main->path, "the letter needs the clinic's %s: add a clinic block (name, "
                  "address and phone) to this file or to its group's", what);
    put_text(root, path, t, lang);
    return false;
}

/* The letter's data; *complete is false when a text it needs is missing
 * from a final formulation (reported). */
static TValue *letter_data(Arena *a, const Model *m, const Model *g, const char *lang, bool *complete) {
    const Text tbc = { .s = language_word(WORD_TO_BE_COMPLETED, lang) };
    const Formulation *f = &m->f;
    const Clinic *cl = model_clinic(m, g);
    TValue *d = tv_map();
    /* the day it is sent (`dated`), else today; a de-identified letter has
     * no date: beside the moved dates, the day it was written would tell
     * how far they were moved */
    Date sent = f->letter.dated.set ? f->letter.dated : date_today();
    tv_set(d, "date", m->redacted ? tv_text(language_word(WORD_DATE_REMOVED, lang), LOC_NONE)
                                  : tv_text(date_in_words(a, sent, lang, true), f->letter.dated.loc));
    tv_set(d, "draft", tv_bool(f->draft));
    tv_set(d, "redacted", tv_bool(m->redacted));
    /* a final formulation has the patient's name and the clinician (the
     * checker requires them); the clinic may be in the group's file */
    put_text(d, "patient.name", f->patient.name.s || !f->draft ? &f->patient.name : &tbc, lang);
    put_text(d, "patient.preferred", text_given(&f->patient.preferred) ? &f->patient.preferred :
                                     f->patient.name.s || !f->draft ? &f->patient.name : &tbc, lang);
    put_text(d, "clinician", f->clinician.s || !f->draft ? &f->clinician : &tbc, lang);
    *complete = put_required(d, "clinic.name", &cl->name, &tbc, m, cl, "name", lang);
    *complete &= put_required(d, "clinic.address", &cl->address, &tbc, m, cl, "address", lang);
    *complete &= put_required(d, "clinic.phone", &cl->phone, &tbc, m, cl, "phone number", lang);
    if (cl->logo.s) tv_set(d, "clinic.logo", tv_text(path_join(a, cl->logo.loc.src->dir, cl->logo.s), cl->logo.loc));
    else tv_set(d, "clinic.logo", NULL);
    put_text(d, "group.title", text_in(&g->g.title, g->g.title_in, lang), lang);
    const char *starts = language_group_starts(a, g, lang, true);
    tv_set(d, "group.starts", starts ? tv_text(starts, g->g.starts.loc) : NULL);
    put_text(d, "group.meets", text_in(&g->g.meets, g->g.meets_in, lang), lang);
    put_text(d, "group.place", text_in(&g->g.place, g->g.place_in, lang), lang);
    const char *weeks = language_group_weeks(a, g, lang);
    tv_set(d, "group.weeks", weeks ? tv_text(weeks, LOC_NONE) : NULL);
    TValue *leaders = tv_list();
    for (int i = 0; i < g->g.nleaders; i++) tv_list_add(leaders, language_text(&g->g.leaders[i], lang));
    tv_set(d, "group.leaders", leaders);
    tv_set(d, "letter.pattern", language_prose(f->letter.pattern.s ? &f->letter.pattern : f->draft ? &tbc : &f->letter.pattern, lang));
    tv_set(d, "letter.in_group", language_prose(&f->letter.in_group, lang));
    /* per-phase words to the patient come from the letter block; the
     * enactments block is the clinician's and is never shown to the patient */
    for (int p = 0; p < PHASE_COUNT; p++)
        tv_set(d, arena_printf(a, "enactments.%s", phase_names[p]), language_prose(&f->letter.phases[p], lang));
    return d;
}

/* The letter's template, data (NULL when a text it needs is missing:
 * reported), page description and layout; false after reporting why there
 * is no template. */
static bool prepare(Arena *a, const Model *m, const Model *g, const char *const *dirs, int ndirs,
                    Paper paper, Template **t, TValue **data, DocInfo *info, TemplateLayout *tl) {
    const char *lang = language_of_member(m, g);
    *t = template_load(dirs, ndirs, "letter", lang);
    if (!*t) return false;
    bool complete;
    *data = letter_data(a, m, g, lang, &complete);
    if (!complete) {
        tv_free(*data);
        *data = NULL;
    }
    const Formulation *f = &m->f;
    *info = (DocInfo){
        .paper = paper, .lang = lang, .title = f->patient.name.s, .author = f->clinician.s,
        .subject = text_in(&g->g.title, g->g.title_in, lang)->s, .draft = f->draft,
    };
    *tl = (TemplateLayout){ .heading_level = 2, .paragraph_flags = PARA_LEFT };
    return true;
}

Doc *letter_build(Arena *a, const Model *m, const Model *g, const char *const *dirs, int ndirs, Paper paper) {
    Template *t;
    TValue *data;
    DocInfo info;
    TemplateLayout tl;
    if (!prepare(a, m, g, dirs, ndirs, paper, &t, &data, &info, &tl)) return NULL;
    return tmpl_document(a, t, data, &info, &tl);
}

bool letter_check(Arena *a, const Model *m, const Model *g, const char *const *dirs, int ndirs) {
    Template *t;
    TValue *data;
    DocInfo info;
    TemplateLayout tl;
    if (!prepare(a, m, g, dirs, ndirs, PAPER_A4, &t, &data, &info, &tl)) return false;
    return tmpl_check(a, t, data, &tl) == 0;
}
