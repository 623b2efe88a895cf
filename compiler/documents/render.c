/* render.c — shared by the document renderers; see render.h. */
#include "documents/render.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/utf8.h"
#include "layout/typo.h"
#include "template/template.h"

void render_missing_glyph(void *ud, const void *origin, const char *text, size_t off) {
    (void)ud;
    const Text *t = origin;
    uint32_t cp;
    int n = utf8_decode(text + off, UTF8_MAX, &cp);
    char ch[UTF8_MAX + 1] = { 0 };
    memcpy(ch, text + off, (size_t)n);
    if (!t || !t->loc.src) {
        diag_file(DIAG_WARNING, NULL, "no installed font can draw '%s'; it will print as a box", ch);
        return;
    }
    /* find the character in the source text of the string */
    Loc at = t->loc;
    const char *src = at.src->text + at.off;
    const char *hit = NULL;
    for (uint32_t i = 0; i + (uint32_t)n <= at.len && !hit; i++)
        if (!memcmp(src + i, ch, (size_t)n)) hit = src + i;
    if (hit) at = (Loc){ at.src, (uint32_t)(hit - at.src->text), (uint32_t)n };
    diag_at(DIAG_WARNING, at, "no installed font can draw '%s' (U+%04X); it will print as a box", ch,
            (unsigned)cp);
}

Paper render_paper(const char *name) {
    return name && !strcmp(name, "letter") ? PAPER_LETTER : PAPER_A4;
}

int render_write(Doc *d, const Model *m, const char *path) {
    const char **inputs = xmalloc(sizeof *inputs * (size_t)(m->nsources + 1));
    for (int i = 0; i < m->nsources; i++) inputs[i] = m->sources[i]->path;
    inputs[m->nsources] = NULL;
    char err[512];
    int rc = doc_write_pdf(d, path, inputs, err, sizeof err);
    free(inputs);
    if (rc != 0) diag_file(DIAG_ERROR, NULL, "%s", err);
    return rc;
}

const char *render_language(const Model *m, const Model *g) {
    if (m->f.language.s) return m->f.language.s;
    if (g && g->g.language.s) return g->g.language.s;
    return "en";
}

const char *render_number(Arena *a, double v, int decimals, const char *lang) {
    char *s = decimals < 0 ? arena_printf(a, "%g", v) : arena_printf(a, "%.*f", decimals, v);
    if (lang && !strcmp(lang, "fr"))
        for (char *p = s; *p; p++)
            if (*p == '.') *p = ',';
    return s;
}

const char *render_typo(Arena *a, const char *s, const char *lang) {
    if (!s) return NULL;
    char *t = typo_text(lang, s, 0, NULL, NULL);
    const char *copy = arena_strdup(a, t);
    free(t);
    return copy;
}

int render_template_dirs(Arena *a, const char *option, const Model *m, const Model *g,
                         const char *datadir, const char *dirs[3]) {
    int n = 0;
    if (option) dirs[n++] = option;
    const Clinic *cl = m->clinic.name.s || !g ? &m->clinic : &g->clinic;
    if (cl->templates.s) dirs[n++] = path_join(a, cl->templates.loc.src->dir, cl->templates.s);
    dirs[n++] = datadir;
    return n;
}
