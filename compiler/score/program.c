/* program.c — a program's outcomes across its groups; see program.h. */
#include "score/program.h"
#include <math.h>
#include <string.h>

/* As Mikail, Hewitt, Flett & Ge (2022, Research in Psychotherapy 25(3))
 * report them. The first study gives percentages of the 60 patients it
 * reports on; the trial gives counts for its DRT arm. */
const Published program_published[] = {
    { "UBC-TPS (Hewitt et al., 2015)", 60, 0, -1, -1, 92, 82 },
    { "UBC-TPS II, randomized trial, DRT arm (Hewitt et al., in press)", 37, 41, 36, -1, 97.3, -1 },
};
const int program_npublished = sizeof program_published / sizeof *program_published;

static const char *dup(Arena *a, const char *s) { return s ? arena_strdup(a, s) : NULL; }

void program_add_group(Program *p, const Model *gm, const char *label) {
    ProgramGroup *g = arena_push(p->a, &p->groups, &p->ngroups, &p->cap_groups, sizeof *g);
    const Group *gr = &gm->g;
    g->label = arena_strdup(p->a, label);
    g->title = dup(p->a, gr->title.s);
    g->weeks = gr->weeks;
    if (gr->starts.set && gr->weeks > 0) {
        g->first = gr->starts;
        g->last = date_from_days(date_days(gr->starts) + 7L * (gr->weeks - 1));
    }
    g->first_member = p->nmembers;
    if (!p->clinic && gm->clinic.name.s) {
        p->clinic = arena_strdup(p->a, gm->clinic.name.s);
        p->clinic_lang = text_lang(&gm->clinic.name);
    }
}

/* Registers the scales of sc that have a later score, the first time each
 * is met; the band is taken from the first change that could be computed. */
static void add_scales(Program *p, const Scored *sc) {
    for (int i = 0; i < sc->nscales; i++) {
        const ScoredScale *row = &sc->scales[i];
        if (row->rater || (!row->post.has && !row->followup.has)) continue;
        const Scale *s = row->scale;
        ProgramScale *ps = NULL;
        for (int k = 0; k < p->nscales && !ps; k++)
            if (!strcmp(p->scales[k].qualified, s->qualified)) ps = &p->scales[k];
        if (!ps) {
            ps = arena_push(p->a, &p->scales, &p->nscales, &p->cap_scales, sizeof *ps);
            ps->qualified = arena_strdup(p->a, s->qualified);
            ps->title = arena_strdup(p->a, s->title.s ? s->title.s : s->qualified);
            for (int l = 0; l < LANG_COUNT; l++) {
                const Text *t = text_in(&s->title, s->title_in, lang_codes[l]);
                ps->title_in[l] = t->s ? arena_strdup(p->a, t->s) : ps->title;
                ps->title_lang_in[l] = text_lang(t->s ? t : &s->title);
            }
            ps->perfectionism = facts_is_perfectionism(s);
            ps->higher_is_worse = s->direction != DIR_HIGHER_BETTER;
            ps->has_range = s->has_range;
            ps->min = s->min;
            ps->max = s->max;
            ps->cutoff = row->cutoff;
            if (row->reference) {
                ps->reference = arena_strdup(p->a, row->reference->name.s);
                for (int l = 0; l < LANG_COUNT; l++) {
                    const Text *t = text_in(&row->reference->name, row->reference->name_in, lang_codes[l]);
                    ps->reference_in[l] = arena_strdup(p->a, t->s);
                    ps->reference_lang_in[l] = text_lang(t);
                }
                ps->reference_source = dup(p->a, row->reference->source.s);
                ps->reference_source_lang = text_lang(&row->reference->source);
            }
            if (row->clinical) {
                ps->clinical_source = dup(p->a, row->clinical->source.s);
                ps->clinical_source_lang = text_lang(&row->clinical->source);
            }
            if ((ps->has_reliability = s->has_reliability)) {
                ps->reliability = s->reliability;
                ps->reliability_n = s->reliability_n;
                for (int l = 0; l < LANG_COUNT; l++) {
                    const Text *t = l == LANG_EN ? text_in(&s->reliability_sample, s->reliability_sample_in,
                                                           lang_codes[l])
                                                 : &s->reliability_sample_in[l];
                    ps->reliability_sample_in[l] = dup(p->a, t->s);
                }
                ps->reliability_source = dup(p->a, s->reliability_source.s);
                ps->reliability_source_lang = text_lang(&s->reliability_source);
            }
        }
        const ScoredChange *ch[2] = { &row->post, &row->followup };
        for (int k = 0; k < 2 && !ps->has_band; k++)
            if (ch[k]->has && ch[k]->rci.computable) {
                ps->has_band = true;
                ps->band = ch[k]->rci.min_change;
            }
    }
}

void program_add_member(Program *p, const Model *gm, const char *path, const char *label, const Model *m,
                        const Scored *sc) {
    MemberFacts *mf = arena_push(p->a, &p->members, &p->nmembers, &p->cap_members, sizeof *mf);
    ProgramGroup *g = p->ngroups ? &p->groups[p->ngroups - 1] : NULL;
    if (g) g->nmembers++;
    mf->path = arena_strdup(p->a, path);
    mf->name = arena_strdup(p->a, label);
    mf->left_phase = PHASE_COUNT;
    if (!m) return;
    mf->included = true;
    mf->draft = m->f.draft;
    mf->lang = model_language(m, gm);      /* its reason for leaving's */
    facts_scale_outcomes(p->a, mf, sc, gm && gm->g.language.s ? gm->g.language.s : "en");
    facts_attendance(p->a, mf, m, gm ? &gm->g : NULL);
    add_scales(p, sc);
}

/* s[l] for the language code lang, else dflt. */
static const char *in_lang(const char *const s[LANG_COUNT], const char *lang, const char *dflt) {
    int l = lang_index(lang);
    return l >= 0 && s[l] ? s[l] : dflt;
}

const char *program_scale_title(const ProgramScale *s, const char *lang) {
    return in_lang(s->title_in, lang, s->title);
}

const char *program_scale_reference(const ProgramScale *s, const char *lang) {
    return in_lang(s->reference_in, lang, s->reference);
}

const char *program_scale_title_lang(const ProgramScale *s, const char *lang) {
    return in_lang(s->title_lang_in, lang, NULL);
}

const char *program_scale_reference_lang(const ProgramScale *s, const char *lang) {
    return in_lang(s->reference_lang_in, lang, NULL);
}

const MemberFacts *program_members(const Program *p, int g, int *n) {
    if (g < 0) {
        *n = p->nmembers;
        return p->members;
    }
    *n = p->groups[g].nmembers;
    return p->members + p->groups[g].first_member;
}

/* ---- JSON ------------------------------------------------------------- */

static void json_str(FILE *out, const char *s) {
    if (!s) {
        fputs("null", out);
        return;
    }
    putc('"', out);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\') fprintf(out, "\\%c", *c);
        else if (*c == '\n') fputs("\\n", out);
        else if (*c < 0x20) fprintf(out, "\\u%04x", *c);
        else putc(*c, out);
    }
    putc('"', out);
}

static void json_date(FILE *out, Date d) {
    if (d.set) fprintf(out, "\"%04d-%02d-%02d\"", d.y, d.m, d.d);
    else fputs("null", out);
}

static void json_num(FILE *out, bool has, double v) {
    if (has && isfinite(v)) fprintf(out, "%.10g", v);
    else fputs("null", out);
}

/* {"completed": .., "left_early": .., "left_in": {...}, "post": {...}, "followup": {...}} */
static void json_counts(FILE *out, const MemberFacts *ms, int n, const char *indent) {
    Completion c = facts_completion(ms, n);
    int included = 0;
    for (int i = 0; i < n; i++) included += ms[i].included;
    fprintf(out, "\"members\": %d, \"included\": %d, \"completed\": %d, \"left_early\": %d,\n%s\"left_in\": {",
            n, included, c.completed, c.left, indent);
    for (int ph = 0; ph <= PHASE_COUNT; ph++)
        fprintf(out, "%s\"%s\": %d", ph ? ", " : "", ph < PHASE_COUNT ? phase_names[ph] : "unknown", c.left_in[ph]);
    fputs("}", out);
    static const char *const later[LATER_COUNT] = { "post", "followup" };
    for (int k = 0; k < LATER_COUNT; k++) {
        OutcomeCounts oc = facts_count_outcomes(ms, n, k);
        fprintf(out, ",\n%s\"%s\": {\"completers_assessed\": %d, \"improved_one\": %d, \"improved_two\": %d, "
                "\"deteriorated_one\": %d}", indent, later[k], oc.assessed, oc.improved_one, oc.improved_two,
                oc.deteriorated_one);
    }
}

void program_write_json(const Program *p, FILE *out, const char *version, bool redacted) {
    fprintf(out, "{\n  \"formc\": \"%s\",\n  \"kind\": \"outcomes\",\n  \"schema\": 1,\n  \"redacted\": %s,\n"
            "  \"clinic\": ", version, redacted ? "true" : "false");
    json_str(out, p->clinic);
    fputs(",\n  \"groups\": [", out);
    for (int g = 0; g < p->ngroups; g++) {
        const ProgramGroup *pg = &p->groups[g];
        int n;
        const MemberFacts *ms = program_members(p, g, &n);
        fprintf(out, "%s\n    {\"group\": ", g ? "," : "");
        json_str(out, pg->label);
        fputs(", \"title\": ", out);
        json_str(out, pg->title);
        fputs(", \"first_session\": ", out);
        json_date(out, pg->first);
        fputs(", \"last_session\": ", out);
        json_date(out, pg->last);
        fprintf(out, ", \"weeks\": %d,\n     ", pg->weeks);
        json_counts(out, ms, n, "     ");
        fputs("}", out);
    }
    fputs(p->ngroups ? "\n  ],\n  \"overall\": {" : "],\n  \"overall\": {", out);
    json_counts(out, p->members, p->nmembers, "    ");
    fputs("},\n  \"scales\": [", out);
    static const char *const later[LATER_COUNT] = { "post", "followup" };
    static const char *const names[OUTCOME_DETERIORATED + 1] = {
        [OUTCOME_NOT_COMPUTABLE] = "not_computable", [OUTCOME_RECOVERED] = "recovered",
        [OUTCOME_IMPROVED] = "improved", [OUTCOME_UNCHANGED] = "unchanged",
        [OUTCOME_DETERIORATED] = "deteriorated",
    };
    for (int i = 0; i < p->nscales; i++) {
        const ProgramScale *s = &p->scales[i];
        fprintf(out, "%s\n    {\"scale\": ", i ? "," : "");
        json_str(out, s->qualified);
        fputs(", \"title\": ", out);
        json_str(out, s->title);
        fprintf(out, ", \"perfectionism\": %s, \"direction\": \"%s\",\n     \"cutoff\": ",
                s->perfectionism ? "true" : "false", s->higher_is_worse ? "higher_worse" : "higher_better");
        if (s->cutoff.kind == CUTOFF_NONE) fputs("null", out);
        else fprintf(out, "{\"kind\": \"%s\", \"value\": %.10g}", score_cutoff_name(s->cutoff.kind), s->cutoff.value);
        fputs(", \"reliable_change\": ", out);
        json_num(out, s->has_band, s->band);
        for (int k = 0; k < LATER_COUNT; k++)
            for (int left = 0; left < 2; left++) {
                int c[OUTCOME_DETERIORATED + 1];
                facts_count_scale(p->members, p->nmembers, s->qualified, k, left, c);
                fprintf(out, ",\n     \"%s%s\": {", later[k], left ? "_left_early" : "");
                for (int o = OUTCOME_RECOVERED; o <= OUTCOME_DETERIORATED + 1; o++) {
                    int kind = o <= OUTCOME_DETERIORATED ? o : OUTCOME_NOT_COMPUTABLE;
                    fprintf(out, "%s\"%s\": %d", o > OUTCOME_RECOVERED ? ", " : "", names[kind], c[kind]);
                }
                fputs("}", out);
            }
        fputs("}", out);
    }
    fputs(p->nscales ? "\n  ],\n  \"published\": [" : "],\n  \"published\": [", out);
    for (int i = 0; i < program_npublished; i++) {
        const Published *pb = &program_published[i];
        fprintf(out, "%s\n    {\"study\": ", i ? "," : "");
        json_str(out, pb->study);
        fprintf(out, ", \"completers\": %d, \"started\": ", pb->completers);
        json_num(out, pb->started > 0, pb->started);
        fputs(", \"improved_one\": ", out);
        json_num(out, pb->improved_one >= 0, pb->improved_one);
        fputs(", \"improved_one_percent\": ", out);
        json_num(out, pb->improved_one_pct >= 0, pb->improved_one_pct);
        fputs(", \"improved_two_percent\": ", out);
        json_num(out, pb->improved_two_pct >= 0, pb->improved_two_pct);
        fputs(", \"source\": \"Mikail, Hewitt, Flett & Ge (2022), Research in Psychotherapy 25(3)\"}", out);
    }
    fputs("\n  ]\n}\n", out);
}
