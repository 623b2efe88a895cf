/* export.c — long-format CSV of the scored model; see export.h. */
#include "score/export.h"
#include <math.h>
#include <stdbool.h>
#include <string.h>

static const char *const when_words[WHEN_COUNT] = { "pre", "post", "followup" };

void export_csv_field(FILE *out, const char *s) {
    if (!s) s = "";
    /* a spreadsheet runs a cell that starts so as a formula (CSV
     * injection): such a text goes with an apostrophe before it, which
     * the spreadsheet shows as text and does not print */
    bool formula = *s && strchr("=+-@\t\r", *s);
    if (!formula && !s[strcspn(s, ",\"\r\n")]) {
        fputs(s, out);
        return;
    }
    putc('"', out);
    if (formula) putc('\'', out);
    for (; *s; s++) {
        if (*s == '"') putc('"', out);
        putc(*s, out);
    }
    putc('"', out);
}

/* ",VALUE" for a number that exists, "," otherwise. */
static void number(FILE *out, bool has, double v) {
    putc(',', out);
    if (has && isfinite(v)) fprintf(out, "%.10g", v);
}

static void text(FILE *out, const char *s) {
    putc(',', out);
    export_csv_field(out, s);
}

/* A file's name without its folder and extension. */
static const char *base_name(Arena *a, const char *path) {
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *dot = strrchr(b, '.');
    return arena_strndup(a, b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

const char *export_member_label(Arena *a, const Model *m) {
    if (m->redacted && m->f.patient.name.s) return m->f.patient.name.s;
    if (m->f.patient.id.s && *m->f.patient.id.s) return m->f.patient.id.s;
    return base_name(a, m->main->path);
}

const char *export_group_label(Arena *a, const Model *gm, int index, bool redacted) {
    if (!gm) return "";
    if (redacted || gm->redacted) return arena_printf(a, "G%d", index + 1);
    if (gm->g.code.s && *gm->g.code.s) return gm->g.code.s;
    return base_name(a, gm->main->path);
}

void export_csv_header(FILE *out) {
    fputs(EXPORT_CSV_HEADER, out);
}

void export_csv_rows(FILE *out, const char *group, const char *member, const Model *m, const Scored *sc) {
    const Formulation *f = &m->f;
    bool attendance = f->attended.loc.src != NULL;
    for (int i = 0; i < sc->nscales; i++) {
        const ScoredScale *row = &sc->scales[i];
        for (int w = 0; w < WHEN_COUNT; w++) {
            const ScoredPoint *p = &row->at[w];
            if (!p->has) continue;
            const Assessment *as = p->from;
            const ScoredChange *ch = w == WHEN_POST ? &row->post : w == WHEN_FOLLOWUP ? &row->followup : NULL;
            char date[16] = "";
            if (as) snprintf(date, sizeof date, "%04d-%02d-%02d", as->date.y, as->date.m, as->date.d);
            export_csv_field(out, group);
            text(out, member);
            text(out, row->rater);
            text(out, when_words[w]);
            text(out, date);
            text(out, row->scale->qualified);
            number(out, true, p->value);
            number(out, p->has_t, p->t);
            number(out, p->has_t, p->percentile);
            number(out, ch && ch->has && ch->rci.computable, ch ? ch->rci.rci : 0);
            text(out, ch && ch->has ? score_outcome_name(ch->outcome) : NULL);
            text(out, row->reference ? row->reference->name.s : NULL);
            number(out, attendance, model_sessions_attended(f));
            number(out, f->left.week > 0, f->left.week);
            fputs("\r\n", out);
        }
    }
}
