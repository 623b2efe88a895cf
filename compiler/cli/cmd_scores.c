/* cmd_scores.c — `formc scores FILE... [--json | --csv] [--redact]`: the
 * scored model as a readable table, as JSON, or as long-format CSV for
 * research export (docs/scores.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "cli/members.h"
#include "documents/redact.h"
#include "score/export.h"
#include "score/gaps.h"
#include "score/groupfacts.h"
#include "score/scored.h"

/* The table is text a person reads: its words are in the messages'
 * language (diag_tr), its numbers have a decimal comma in French, as the
 * French report prints them. The JSON and CSV keys and values stay
 * English: they are data. */
static const char *when_titles[WHEN_COUNT] = { "pre", "post", "follow-up" };

/* The table's columns: the title, the least width in characters, whether
 * its cells sit to the left. A column is as wide as its title if wider. A
 * title is a format without conversions, as the catalog's keys are
 * ("%%ile" is "%ile"). */
enum { COLUMNS = 12 };
static const struct Column {
    const char *title;
    int width;
    bool left;
} columns[COLUMNS] = {
    { "scale", 28, true }, { "pre", 6, false }, { "post", 6, false }, { "f-up", 6, false },
    { "T pre", 6, false }, { "%%ile", 5, false }, { "RCI", 7, false }, { "at post", 14, true },
    { "RCI", 7, false }, { "at follow-up", 14, true }, { "cutoff", 7, false }, { "norm", 0, true },
};

/* The text a format without conversions prints: its "%%" as "%", into
 * out (of cap bytes, cut short if too small). */
static const char *unescape_percent(char *out, size_t cap, const char *fmt) {
    size_t n = 0;
    for (const char *p = fmt; *p && n + 1 < cap; p += p[0] == '%' && p[1] == '%' ? 2 : 1) out[n++] = *p;
    out[n] = 0;
    return out;
}

/* Writes v into buf ("" when absent) with decimals decimals, or in %g's
 * shortest form when decimals < 0; a decimal comma when comma. */
static const char *num(char *buf, size_t n, bool has, double v, int decimals, bool comma) {
    if (!has) return "";
    if (decimals < 0) snprintf(buf, n, "%g", v);
    else snprintf(buf, n, "%.*f", decimals, v);
    char *point = comma ? strchr(buf, '.') : NULL;
    if (point) *point = ',';
    return buf;
}

/* Number of decimals worth printing for a scale's scores. */
static int decimals_of(const ScoredScale *row) {
    for (int w = 0; w < WHEN_COUNT; w++)
        if (row->at[w].has && row->at[w].value != floor(row->at[w].value)) return 2;
    return 0;
}

/* An outcome for the table, in the messages' language: "improved*" when
 * the pre score already lay past the cutoff (the table's footnote says so). */
static const char *outcome_cell(char *buf, size_t n, const ScoredChange *c) {
    bool mark = c->has && c->outcome == OUTCOME_IMPROVED && c->pre_past_cutoff;
    snprintf(buf, n, "%s%s", diag_tr(scored_outcome(c)), mark ? "*" : "");
    return buf;
}

/* Prints one line of the table: each cell padded to its column's width in
 * characters (an accented title is more bytes than characters), the last
 * one as it is. */
static void print_row(const int width[COLUMNS], const char *const cell[COLUMNS]) {
    for (int c = 0; c < COLUMNS; c++) {
        int pad = width[c] - (int)utf8_count(cell[c], strlen(cell[c]));
        if (c == COLUMNS - 1) pad = 0;
        if (c) putchar(' ');
        printf("%*s%s%*s", columns[c].left ? 0 : pad > 0 ? pad : 0, "", cell[c],
               columns[c].left && pad > 0 ? pad : 0, "");
    }
    putchar('\n');
}

/* Prints one member's scores as the table: by rater, then prorated scores,
 * goals, the norms cited and what the figures mean. */
static void print_table(const Model *m, const Scored *sc) {
    const Formulation *f = &m->f;
    bool comma = diag_french();
    printf("%s%s%s%s\n", f->patient.name.s ? f->patient.name.s : m->main->path,
           f->patient.id.s ? " (" : "", f->patient.id.s ? f->patient.id.s : "", f->patient.id.s ? ")" : "");
    const char *titles[COLUMNS];
    char title[COLUMNS][32];
    int width[COLUMNS];
    for (int c = 0; c < COLUMNS; c++) {
        titles[c] = unescape_percent(title[c], sizeof title[c], diag_tr(columns[c].title));
        int n = (int)utf8_count(titles[c], strlen(titles[c]));
        width[c] = n > columns[c].width ? n : columns[c].width;
    }
    const Norm **sources = xmalloc(sizeof *sources * (size_t)(sc->nscales + 1));
    int nsources = 0;
    const char *rater = "";
    bool marked = false;
    for (int i = 0; i < sc->nscales; i++) {
        const ScoredScale *r = &sc->scales[i];
        const char *this_rater = r->rater ? r->rater : "";
        if (i == 0 || strcmp(rater, this_rater)) {
            rater = this_rater;
            printf("\n%s\n", r->rater ? r->rater : diag_tr("self-report"));
            print_row(width, titles);
        }
        int d = decimals_of(r);
        char b[8][32], pct[8], out_post[48], out_fu[48];
        marked |= (r->post.has && r->post.outcome == OUTCOME_IMPROVED && r->post.pre_past_cutoff) ||
                  (r->followup.has && r->followup.outcome == OUTCOME_IMPROVED && r->followup.pre_past_cutoff);
        int src = 0;
        if (r->reference) {
            while (src < nsources && sources[src] != r->reference) src++;
            if (src == nsources) sources[nsources++] = r->reference;
            src++;
        }
        char norm[160];
        if (src) snprintf(norm, sizeof norm, "[%d] %s", src, r->reference->name.s);
        else snprintf(norm, sizeof norm, "%s", diag_tr("no published norm in the library"));
        print_row(width, (const char *const[COLUMNS]){
            r->scale->qualified,
            num(b[0], 32, r->at[WHEN_PRE].has, r->at[WHEN_PRE].value, d, comma),
            num(b[1], 32, r->at[WHEN_POST].has, r->at[WHEN_POST].value, d, comma),
            num(b[2], 32, r->at[WHEN_FOLLOWUP].has, r->at[WHEN_FOLLOWUP].value, d, comma),
            num(b[3], 32, r->at[WHEN_PRE].has_t, r->at[WHEN_PRE].t, 1, comma),
            r->at[WHEN_PRE].has_t ? scored_percentile_text(r->at[WHEN_PRE].percentile, pct) : "",
            num(b[5], 32, r->post.rci.computable, r->post.rci.rci, scored_rci_decimals(r->post.rci.rci), comma),
            outcome_cell(out_post, sizeof out_post, &r->post),
            num(b[6], 32, r->followup.rci.computable, r->followup.rci.rci,
                scored_rci_decimals(r->followup.rci.rci), comma),
            outcome_cell(out_fu, sizeof out_fu, &r->followup),
            num(b[7], 32, r->cutoff.kind != CUTOFF_NONE, r->cutoff.value, 2, comma), norm });
    }
    if (!sc->nscales) printf("\n%s\n", diag_tr("no assessments"));
    if (marked) printf("\n%s\n", diag_tr("* the pre score was already past the cutoff: a reliable improvement "
                                         "from there is improved, not recovered"));
    bool noted = false;
    for (int i = 0; i < sc->nscales; i++)
        for (int w = 0; w < WHEN_COUNT; w++) {
            const ScoredPoint *p = &sc->scales[i].at[w];
            if (!scored_prorated(p)) continue;
            if (!noted) printf("\n%s\n", diag_tr("prorated"));
            noted = true;
            printf("  ");
            if (sc->scales[i].rater) printf(diag_tr("%s by %s"), sc->scales[i].scale->qualified, sc->scales[i].rater);
            else printf("%s", sc->scales[i].scale->qualified);
            printf(diag_tr(" at %s: from %d of its %d items\n"), diag_tr(when_titles[w]), p->items_answered,
                   p->items_of);
        }
    for (int i = 0; i < sc->ngoals; i++) {
        const ScoredGoal *g = &sc->goals[i];
        if (i == 0) printf("\n%s\n", diag_tr("goals"));
        printf("  %s", g->goal->text.s ? g->goal->text.s : diag_tr("(to be completed)"));
        if (g->goal->has_target) {
            char target[32];
            printf(" [%s %s", g->goal->target_scale->qualified, num(target, sizeof target, true, g->goal->target, -1, comma));
            if (g->has_pre && g->met_pre) printf("%s", diag_tr("; met before the group"));
            if (!g->has_pre && (g->has_post || g->has_followup)) printf("%s", diag_tr("; no pre score"));
            if (g->has_post) printf(diag_tr("; post: %s"), diag_tr(g->met_post ? "met" : "not met"));
            if (g->has_followup) printf(diag_tr("; follow-up: %s"), diag_tr(g->met_followup ? "met" : "not met"));
            printf("]");
        }
        printf("\n");
    }
    if (nsources) printf("\n%s\n", diag_tr("norms"));
    /* with a decimal comma, the figures are parted by semicolons */
    const char *sep = comma ? "\xC2\xA0; " : ", ";
    for (int i = 0; i < nsources; i++) {
        const Norm *n = sources[i];
        char mean[32], sd[32];
        printf(diag_tr("  [%d] %s: mean %s, SD %s"), i + 1, n->name.s, num(mean, sizeof mean, true, n->mean, -1, comma),
               num(sd, sizeof sd, true, n->sd, -1, comma));
        if (n->n) printf("%sn = %d", sep, n->n);
        if (n->sample.s) printf("%s%s", sep, n->sample.s);
        printf(". %s\n", n->source.s);
    }
    free(sources);
    printf("\n%s\n", diag_tr("T-scores and percentiles against the reference (non-clinical) norm; reliable change\n"
                             "(Jacobson & Truax, 1991) when |RCI| > 1.96. See docs/instruments.md."));
}

/* Writes s as a JSON string. */
static void json_str(const char *s) {
    if (!s) { fputs("null", stdout); return; }
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') printf("\\%c", *p);
        else if (*p == '\n') fputs("\\n", stdout);
        else if (*p < 0x20) printf("\\u%04x", *p);
        else putchar(*p);
    }
    putchar('"');
}

static void json_num(bool has, double v) {
    if (has && isfinite(v)) printf("%.10g", v);
    else fputs("null", stdout);
}

static void json_norm(const Norm *n) {
    if (!n) { fputs("null", stdout); return; }
    printf("{\"name\": ");
    json_str(n->name.s);
    printf(", \"mean\": %.10g, \"sd\": %.10g, \"n\": ", n->mean, n->sd);
    json_num(n->n > 0, n->n);
    printf(", \"sample\": ");
    json_str(n->sample.s);
    printf(", \"source\": ");
    json_str(n->source.s);
    printf("}");
}

static void json_change(const ScoredChange *c) {
    if (!c->has) { fputs("null", stdout); return; }
    printf("{\"rci\": ");
    json_num(c->rci.computable, c->rci.rci);
    printf(", \"reliable\": %s, \"classification\": ",
           c->rci.computable ? (c->rci.change == CHANGE_NONE ? "false" : "true") : "null");
    json_str(score_outcome_name(c->outcome));
    printf(", \"pre_past_cutoff\": %s}", !c->rci.computable || c->outcome == OUTCOME_NOT_COMPUTABLE ? "null"
                                         : c->pre_past_cutoff ? "true" : "false");
}

/* "attendance" and "left_early": the facts the group summary and formc
 * outcomes read (facts_attendance), the phase placed by the group's
 * calendar when the member has a group. */
static void json_attendance(Arena *a, const Model *m, const Model *group) {
    MemberFacts mf = { 0 };
    facts_attendance(a, &mf, m, group ? &group->g : NULL);
    printf(",\n  \"attendance\": ");
    if (mf.attendance) {
        int last = 0;
        for (int i = 0; i < m->f.attended.nspans; i++)
            if (m->f.attended.spans[i].last > last) last = m->f.attended.spans[i].last;
        printf("{\"sessions\": %d, \"weeks\": [", mf.sessions);
        for (int w = 1, n = 0; w <= last; w++)
            if (model_attended(&m->f, w)) printf("%s%d", n++ ? ", " : "", w);
        printf("]}");
    } else {
        printf("null");
    }
    printf(",\n  \"left_early\": ");
    if (mf.left_week) {
        printf("{\"week\": %d, \"phase\": ", mf.left_week);
        json_str(mf.left_phase < PHASE_COUNT ? phase_names[mf.left_phase] : NULL);
        printf(", \"reason\": ");
        json_str(mf.left_reason);
        printf("}");
    } else {
        printf("null");
    }
}

static void print_json(Arena *a, const Model *m, const Model *group, const Scored *sc) {
    const Formulation *f = &m->f;
    printf("{\n  \"formc\": \"%s\",\n  \"schema\": 1,\n  \"file\": ", FORMC_VERSION);
    json_str(m->main->path);
    printf(",\n  \"patient\": {\"name\": ");
    json_str(f->patient.name.s);
    printf(", \"id\": ");
    json_str(f->patient.id.s);
    printf("},\n  \"assessments\": [");
    for (int i = 0; i < f->nassessments; i++) {
        const Assessment *a = &f->assessments[i];
        printf("%s\n    {\"when\": \"%s\", \"date\": \"%04d-%02d-%02d\", \"rater\": ", i ? "," : "",
               (const char *[]){ "pre", "post", "followup" }[a->when], a->date.y, a->date.m, a->date.d);
        json_str(a->rater.s);
        printf("}");
    }
    printf("%s]", f->nassessments ? "\n  " : "");
    json_attendance(a, m, group);
    printf(",\n  \"scales\": [");
    for (int i = 0; i < sc->nscales; i++) {
        const ScoredScale *r = &sc->scales[i];
        printf("%s\n    {\"scale\": ", i ? "," : "");
        json_str(r->scale->qualified);
        printf(", \"title\": ");
        json_str(r->scale->title.s);
        printf(", \"rater\": ");
        json_str(r->rater);
        printf(",\n     \"direction\": \"%s\", \"range\": [%g, %g], \"reliability\": ",
               r->scale->direction == DIR_HIGHER_BETTER ? "higher_better" : "higher_worse",
               r->scale->min, r->scale->max);
        json_num(r->scale->has_reliability, r->scale->reliability);
        printf(",\n     \"reference_norm\": ");
        json_norm(r->reference);
        printf(",\n     \"clinical_norm\": ");
        json_norm(r->clinical);
        printf(",\n     \"cutoff\": ");
        if (r->cutoff.kind == CUTOFF_NONE) printf("null");
        else printf("{\"kind\": \"%s\", \"value\": %.10g}", score_cutoff_name(r->cutoff.kind), r->cutoff.value);
        printf(",\n     \"scores\": {");
        for (int w = 0; w < WHEN_COUNT; w++) {
            const ScoredPoint *p = &r->at[w];
            printf("%s\"%s\": ", w ? ", " : "", (const char *[]){ "pre", "post", "followup" }[w]);
            if (!p->has) { printf("null"); continue; }
            printf("{\"value\": %.10g, \"t\": ", p->value);
            json_num(p->has_t, p->t);
            printf(", \"percentile\": ");
            json_num(p->has_t, p->percentile);
            printf(", \"items\": ");
            if (p->items_of)
                printf("{\"answered\": %d, \"of\": %d, \"prorated\": %s}", p->items_answered, p->items_of,
                       scored_prorated(p) ? "true" : "false");
            else printf("null");
            printf("}");
        }
        printf("},\n     \"change\": {\"post\": ");
        json_change(&r->post);
        printf(", \"followup\": ");
        json_change(&r->followup);
        printf("}}");
    }
    printf("%s],\n  \"goals\": [", sc->nscales ? "\n  " : "");
    for (int i = 0; i < sc->ngoals; i++) {
        const ScoredGoal *g = &sc->goals[i];
        printf("%s\n    {\"text\": ", i ? "," : "");
        json_str(g->goal->text.s);
        printf(", \"target\": ");
        if (g->goal->has_target) {
            printf("{\"scale\": ");
            json_str(g->goal->target_scale->qualified);
            printf(", \"value\": %.10g}", g->goal->target);
        } else {
            printf("null");
        }
        printf(", \"met_pre\": %s, \"met_post\": %s, \"met_followup\": %s}",
               g->has_pre ? (g->met_pre ? "true" : "false") : "null",
               g->has_post ? (g->met_post ? "true" : "false") : "null",
               g->has_followup ? (g->met_followup ? "true" : "false") : "null");
    }
    printf("%s]\n}", sc->ngoals ? "\n  " : "");
}

/* Every member of every file, printed as the table, JSON or CSV rows;
 * the library's gaps are said once at the end, as a note. With --json the
 * output is one JSON document: a formulation's object for one formulation,
 * a group's object holding its members' for one group file, and an array
 * of these for several files. */
typedef struct ScoresRun {
    Session *s;
    const Options *o;
    int printed;
    Gaps gaps;
    bool array;               /* --json over several files */
    int top;                  /* objects printed at the top of the array */
    int open_group;           /* the group whose object is open, or -1 */
    int in_group;             /* member objects printed in it */
} ScoresRun;

/* Closes the object of the group being printed, if any. */
static void json_close_group(ScoresRun *x) {
    if (x->open_group < 0) return;
    printf("%s]\n}", x->in_group ? "\n" : "");
    x->open_group = -1;
}

/* Starts an object at the top of the output (in the array, if there is one). */
static void json_top(ScoresRun *x) {
    json_close_group(x);
    if (x->array) printf(x->top ? ",\n" : "\n");
    x->top++;
}

static void scores_group(void *user, const Model *g, int index) {
    ScoresRun *x = user;
    if (!x->o->json) return;
    json_top(x);
    printf("{\n  \"formc\": \"%s\",\n  \"schema\": 1,\n  \"file\": ", FORMC_VERSION);
    json_str(g->main->path);
    printf(",\n  \"group\": {\"title\": ");
    json_str(g->g.title.s);
    printf(", \"code\": ");
    json_str(g->g.code.s);
    printf("},\n  \"members\": [");
    x->open_group = index;
    x->in_group = 0;
}

static void scores_member(void *user, const MemberSeen *seen) {
    ScoresRun *x = user;
    if (!seen->m) return;
    const Model *m = seen->m;
    if (x->o->redact) {
        Redaction r = redact_plan(m, seen->group);
        m = redact_model(seen->a, m, seen->group, &r);
    }
    Scored *sc = score_model(seen->a, m);
    gaps_add(&x->gaps, &x->s->arena, sc);
    if (x->o->csv) {
        /* a formulation on its own carries its group's code, but no label when de-identified */
        const Model *gm = seen->group_index >= 0 || !x->o->redact ? seen->group : NULL;
        export_csv_rows(stdout, export_group_label(seen->a, gm, seen->group_index, x->o->redact),
                        export_member_label(seen->a, m), m, sc);
    } else if (x->o->json) {
        if (seen->group_index >= 0 && seen->group_index == x->open_group) printf(x->in_group++ ? ",\n" : "\n");
        else json_top(x);
        print_json(seen->a, m, seen->group, sc);
    } else {
        if (x->printed++) printf("\n");
        print_table(m, sc);
    }
}

int cmd_scores(Options *o, Session *s) {
    if (o->json && o->csv) {
        fprintf(stderr, diag_tr("formc scores: --json and --csv each choose the output; give one\n"));
        return EXIT_USAGE;
    }
    ScoresRun x = { .s = s, .o = o, .array = o->json && o->nfiles > 1, .open_group = -1 };
    if (o->csv) export_csv_header(stdout);
    if (x.array) printf("[");
    MemberVisitor v = { .purpose = 0, .group = scores_group, .member = scores_member, .user = &x };
    int rc = each_member(s, o, &v);
    if (o->json) {
        json_close_group(&x);
        if (x.array) printf("%s]", x.top ? "\n" : "");
        if (x.array || x.top) printf("\n");
    }
    gaps_note(&x.gaps, "formc");
    fflush(stdout);
    return rc;
}
