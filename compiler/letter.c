/* letter.c — builds the letter's template data and lays out the result. */
#include "letter.h"
#include <stdio.h>
#include <string.h>
#include "diag.h"
#include "render.h"
#include "template.h"

const char *letter_language(const Model *m, const Model *g) {
    if (m->f.language.s) return m->f.language.s;
    if (g && g->g.language.s) return g->g.language.s;
    return "en";
}

/* Template problems are reported in the usual file:line:col form. */
static void on_template_diag(void *user, const TemplateDiag *d) {
    (void)user;
    char where[1024];
    if (d->file && d->line) snprintf(where, sizeof where, "%s:%d:%d", d->file, d->line, d->col);
    else snprintf(where, sizeof where, "%s", d->file ? d->file : "formc");
    diag_file(DIAG_ERROR, where, "%s", d->message);
}

/* A text value (or a known-but-absent name) at path. */
static void put_text(TValue *root, const char *path, const Text *t) {
    tv_set(root, path, t->s ? tv_text(t->s, t) : NULL);
}

static TValue *letter_data(Arena *a, const Model *m, const Model *g, const char *lang) {
    const Formulation *f = &m->f;
    const Clinic *cl = m->clinic.present || m->clinic.name.s ? &m->clinic : &g->clinic;
    TValue *d = tv_map();
    char buf[128];
    Date today = render_today();
    template_format_date(today.y, today.m, today.d, lang, buf, sizeof buf);
    tv_set(d, "date", tv_text(buf, NULL));
    tv_set(d, "draft", tv_bool(f->draft));
    put_text(d, "patient.name", &f->patient.name);
    put_text(d, "patient.preferred", f->patient.preferred.s ? &f->patient.preferred : &f->patient.name);
    put_text(d, "clinician", &f->clinician);
    put_text(d, "clinic.name", &cl->name);
    put_text(d, "clinic.address", &cl->address);
    put_text(d, "clinic.phone", &cl->phone);
    if (cl->logo.s) tv_set(d, "clinic.logo", tv_text(path_join(a, cl->logo.loc.src->dir, cl->logo.s), &cl->logo));
    else tv_set(d, "clinic.logo", NULL);
    put_text(d, "group.title", &g->g.title);
    if (g->g.starts.set &&
        template_format_date(g->g.starts.y, g->g.starts.m, g->g.starts.d, lang, buf, sizeof buf) > 0)
        tv_set(d, "group.starts", tv_text(buf, &g->g.starts));
    else
        tv_set(d, "group.starts", NULL);
    put_text(d, "group.meets", &g->g.meets);
    put_text(d, "group.place", &g->g.place);
    snprintf(buf, sizeof buf, "%d", g->g.weeks);
    tv_set(d, "group.weeks", g->g.weeks ? tv_text(buf, NULL) : NULL);
    TValue *leaders = tv_list();
    for (int i = 0; i < g->g.nleaders; i++) tv_list_add(leaders, tv_text(g->g.leaders[i].s, &g->g.leaders[i]));
    tv_set(d, "group.leaders", leaders);
    static const Text tbc = { "(to be completed)", { 0 } };
    put_text(d, "letter.pattern", f->letter.pattern.s ? &f->letter.pattern : f->draft ? &tbc : &f->letter.pattern);
    put_text(d, "letter.in_group", &f->letter.in_group);
    /* per-phase words to the patient come from the letter block; the
     * enactments block is the clinician's and is never shown to the patient */
    for (int p = 0; p < PHASE_COUNT; p++)
        put_text(d, arena_printf(a, "enactments.%s", phase_names[p]), &f->letter.phases[p]);
    return d;
}

static RunStyle style_of(int s) {
    if ((s & TS_BOLD) && (s & TS_ITALIC)) return RUN_BOLD_ITALIC;
    return s & TS_BOLD ? RUN_BOLD : s & TS_ITALIC ? RUN_ITALIC : RUN_PLAIN;
}

/* Lays out one expanded block. */
static void layout_block(Arena *a, Doc *d, const TemplateBlock *b) {
    int n = b->nruns + 1;
    Run *runs = arena_alloc(a, sizeof *runs * (size_t)n);
    int k = 0;
    if (b->kind == TB_ITEM) runs[k++] = (Run){ "\u2022 ", RUN_PLAIN, NULL };
    for (int i = 0; i < b->nruns; i++)
        runs[k++] = (Run){ b->runs[i].text, style_of(b->runs[i].style),
                           b->runs[i].from_value ? b->runs[i].origin : NULL };
    switch (b->kind) {
    case TB_HEADING: {
        char *text = arena_strdup(a, "");
        for (int i = 0; i < b->nruns; i++) text = arena_printf(a, "%s%s", text, b->runs[i].text);
        doc_heading(d, 2, text, NULL);
        break;
    }
    case TB_LOGO: {
        char err[256];
        if (b->nruns && doc_image(d, b->runs[0].text, 170, 60, ALIGN_LEFT, err, sizeof err) != 0)
            diag_file(DIAG_WARNING, NULL, "the logo is left out: %s", err);
        break;
    }
    case TB_LETTERHEAD:
        doc_paragraph(d, runs, k, PARA_LEFT | PARA_NO_HYPHENATE | PARA_SANS);
        doc_space(d, 12);
        break;
    case TB_DATE:
        doc_paragraph(d, runs, k, PARA_LEFT | PARA_NO_HYPHENATE);
        break;
    case TB_SIGNATURE:
        doc_space(d, 6);
        doc_paragraph(d, runs, k, PARA_LEFT | PARA_NO_HYPHENATE | PARA_KEEP_WITH_NEXT);
        break;
    case TB_ITEM:
    case TB_PARAGRAPH:
        doc_paragraph(d, runs, k, PARA_LEFT);
        break;
    }
}

Doc *letter_build(Arena *a, const Model *m, const Model *g, const char *const *dirs, int ndirs, Paper paper) {
    const char *lang = letter_language(m, g);
    Template *t = template_load(dirs, ndirs, "letter", lang, on_template_diag, NULL);
    if (!t) return NULL;
    TValue *data = letter_data(a, m, g, lang);
    TemplateDoc *td = template_expand(t, data, on_template_diag, NULL);
    Doc *d = NULL;
    if (td) {
        const Formulation *f = &m->f;
        DocInfo info = {
            .paper = paper, .lang = lang,
            .title = arena_printf(a, "%s %s", !strcmp(lang, "fr") ? "Lettre de pr\u00e9paration :" :
                                  "Preparation letter:", f->patient.name.s),
            .author = f->clinician.s, .subject = g->g.title.s,
            .draft = f->draft, .missing_glyph = render_missing_glyph,
        };
        char err[256];
        d = doc_new(&info, err, sizeof err);
        if (!d) diag_file(DIAG_ERROR, NULL, "%s", err);
        for (int i = 0; d && i < td->nblocks; i++) layout_block(a, d, &td->blocks[i]);
    }
    template_doc_free(td);
    tv_free(data);
    template_free(t);
    return d;
}
