/* norms.c — a clinic's own norms from its members' pre-group scores; see
 * norms.h. */
#include "score/norms.h"
#include "base/numtext.h"
#include "base/diag.h"
#include "base/utf8.h"
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include "score/stats.h"

/* A scale of the library, as the first member compiled declared it. */
typedef struct ScaleInfo {
    const char *instrument, *id, *qualified;
    int nitems;                    /* items of its key (0: no key) */
    bool has_clinical;             /* a clinical norm is already given */
    double clinical_mean, clinical_sd;
    const char *clinical_from;     /* the file that gives it */
    bool has_reliability;
    double reliability;
    const char *reliability_from;
    double min, max;               /* its range */
    double sd_least, sd_most;      /* the least and the most SD a norm of it may have */
} ScaleInfo;

/* One person of the sample: their pre scores, and their keyed item answers
 * on each scale whose items were all answered. */
typedef struct Person {
    const char *key;
    long pre_day;
    double *pre;                   /* [nscales]; NAN: no score */
    double **items;                /* [nscales]; NULL: none, or incomplete */
} Person;

struct LocalNorms {
    Arena *a;
    ScaleInfo *scales;
    int nscales;
    Person *people;
    int npeople, cap;
};

LocalNorms *norms_begin(Arena *a) {
    LocalNorms *ln = arena_alloc(a, sizeof *ln);
    ln->a = a;
    return ln;
}

int norms_people(const LocalNorms *ln) { return ln->npeople; }

/* The library's scales, copied from the first member's model. */
static void take_scales(LocalNorms *ln, const Model *m) {
    int n = 0;
    for (int i = 0; i < m->ninstruments; i++) n += m->instruments[i]->nscales;
    ln->scales = arena_alloc(ln->a, sizeof *ln->scales * (size_t)(n ? n : 1));
    for (int i = 0; i < m->ninstruments; i++)
        for (int j = 0; j < m->instruments[i]->nscales; j++) {
            const Scale *s = &m->instruments[i]->scales[j];
            ScaleInfo *si = &ln->scales[ln->nscales++];
            si->instrument = arena_strdup(ln->a, m->instruments[i]->id.s);
            si->id = arena_strdup(ln->a, s->id.s);
            si->qualified = arena_strdup(ln->a, s->qualified);
            si->nitems = s->key.loc.src ? s->key.nitems : 0;
            si->min = s->min;
            si->max = s->max;
            si->sd_least = model_norm_sd_least(s);
            si->sd_most = model_norm_sd_most(s);
            for (int k = 0; k < s->nnorms; k++)
                if (s->norms[k].clinical) {
                    si->has_clinical = true;
                    si->clinical_mean = s->norms[k].mean;
                    si->clinical_sd = s->norms[k].sd;
                    si->clinical_from = arena_strdup(ln->a, s->norms[k].loc.src->path);
                }
            if ((si->has_reliability = s->has_reliability)) {
                si->reliability = s->reliability;
                si->reliability_from = arena_strdup(ln->a, s->reliability_loc.src ? s->reliability_loc.src->path : "");
            }
        }
}

/* Who m is: the clinic's id, else full name and birth date, else the file. */
static const char *person_key(Arena *a, const Model *m) {
    const Formulation *f = &m->f;
    if (f->patient.id.s && *f->patient.id.s) return arena_printf(a, "id %s", f->patient.id.s);
    if (f->patient.name.s && f->patient.born.set)
        return arena_printf(a, "name %s %04d-%02d-%02d", f->patient.name.s, f->patient.born.y,
                            f->patient.born.m, f->patient.born.d);
    return arena_printf(a, "file %lu %lu", (unsigned long)m->main->dev, (unsigned long)m->main->ino);
}

/* The answers of a pre assessment to one instrument's items, or NULL. */
static const ItemAnswers *answers_to(const Assessment *pre, const Instrument *in) {
    for (int i = 0; i < pre->nanswers; i++)
        if (pre->answers[i].instrument == in) return &pre->answers[i];
    return NULL;
}

/* Person p's keyed answers to scale s, when every item of its key was answered. */
static double *keyed_items(Arena *a, const Scale *s, const Assessment *pre) {
    const ScaleKey *k = &s->key;
    const ItemAnswers *ans = k->loc.src ? answers_to(pre, s->instrument) : NULL;
    if (!ans || k->nitems < 2) return NULL;
    double *out = arena_alloc(a, sizeof *out * (size_t)k->nitems);
    for (int i = 0; i < k->nitems; i++) {
        int item = k->items[i] - 1;
        if (item < 0 || item >= ans->n || !ans->answered[item]) return NULL;
        double v = ans->value[item];
        out[i] = k->reverse[i] ? ans->instrument->response_min + ans->instrument->response_max - v : v;
    }
    return out;
}

NormsTaken norms_add(LocalNorms *ln, const Model *m) {
    if (m->f.draft) return NORMS_DRAFT;
    const Assessment *pre = model_assessment(m, WHEN_PRE, NULL);
    if (!pre || !pre->nscores) return NORMS_NO_PRE;
    if (!ln->scales) take_scales(ln, m);
    const char *key = person_key(ln->a, m);
    long day = date_days(pre->date);
    Person *p = NULL;
    for (int i = 0; i < ln->npeople && !p; i++)
        if (!strcmp(ln->people[i].key, key)) p = &ln->people[i];
    NormsTaken taken = NORMS_TAKEN;
    if (p) {
        if (p->pre_day <= day) return NORMS_SEEN_BEFORE;    /* the earlier group is kept */
        taken = NORMS_SEEN_BEFORE;
    } else {
        p = arena_push(ln->a, &ln->people, &ln->npeople, &ln->cap, sizeof *p);
        p->key = key;
        p->pre = arena_alloc(ln->a, sizeof *p->pre * (size_t)(ln->nscales ? ln->nscales : 1));
        p->items = arena_alloc(ln->a, sizeof *p->items * (size_t)(ln->nscales ? ln->nscales : 1));
    }
    p->pre_day = day;
    for (int k = 0; k < ln->nscales; k++) {
        const Scale *s = model_find_scale(m, ln->scales[k].qualified);
        p->pre[k] = NAN;
        p->items[k] = NULL;
        if (!s) continue;
        for (int i = 0; i < pre->nscores; i++)
            if (pre->scores[i].scale == s) p->pre[k] = pre->scores[i].value;
        if (ln->scales[k].nitems == s->key.nitems) p->items[k] = keyed_items(ln->a, s, pre);
    }
    return taken;
}

/* ---- writing the instrument file --------------------------------------- */

/* A statement laid out in lines of at most 80 columns where it can be:
 * words joined by single spaces, continuation lines one level deeper;
 * commented out, each line starts with "# " after the indentation. A line
 * breaks only inside a text, whose words keep their quotes, so the break
 * reads back as the one space it was: anywhere else it would end the
 * statement. */
typedef struct Line { FILE *out; int indent, col; bool comment, fresh; } Line;

/* Writes w after a space, or on a new line when it does not fit and
 * may_break (w is a word of a text after its first). */
static void word(Line *l, const char *w, bool may_break) {
    int n = (int)strlen(w);
    if (!l->fresh && may_break && l->col + 1 + n > 80) {
        fputc('\n', l->out);
        l->col = fprintf(l->out, "%*s%s", l->indent, "", l->comment ? "#     " : "    ");
        l->fresh = true;
    }
    if (!l->fresh) {
        fputc(' ', l->out);
        l->col++;
    }
    l->col += fprintf(l->out, "%s", w);
    l->fresh = false;
}

/* What separates words: a line break in a text (a paragraph break in a
 * clinic's name) would end the comment the text is written in. */
#define SPACES " \t\n\r"

/* text on one line: each run of spaces and line breaks one space. */
static const char *one_line(Arena *a, const char *text) {
    char *out = arena_alloc(a, strlen(text) + 1), *o = out;
    for (const char *p = text + strspn(text, SPACES); *p;) {
        size_t n = strcspn(p, SPACES);
        memcpy(o, p, n);
        o += n;
        p += n;
        p += strspn(p, SPACES);
        if (*p) *o++ = ' ';
    }
    *o = '\0';
    return out;
}

/* The word key, then a text in quotes, word by word, with " and \
 * escaped. The key and the text's first word stay on one line: a line
 * that began with the text would read as a statement of no name. */
static void quoted(Arena *a, Line *l, const char *key, const char *text) {
    const char *p = text + strspn(text, SPACES);
    bool first = true;
    while (*p) {
        size_t n = strcspn(p, SPACES);
        char *w = arena_alloc(a, strlen(key) + n * 2 + 4), *o = w;
        if (first) o += sprintf(o, "%s \"", key);
        for (size_t i = 0; i < n; i++) {
            if (p[i] == '"' || p[i] == '\\') *o++ = '\\';
            *o++ = p[i];
        }
        p += n;
        p += strspn(p, SPACES);
        if (!*p) *o++ = '"';
        *o = '\0';
        word(l, w, !first);
        first = false;
    }
    if (first) word(l, arena_printf(a, "%s \"\"", key), false);
}

static Line line_start(FILE *out, int indent, bool comment) {
    Line l = { out, indent, 0, comment, true };
    l.col = fprintf(out, "%*s%s", indent, "", comment ? "# " : "");
    return l;
}

static void line_end(Line *l) { fputc('\n', l->out); }

/* "# TEXT" comment lines, wrapped at 80 columns. */
static void comment(Arena *a, FILE *out, int indent, const char *text) {
    Line l = line_start(out, indent, true);
    l.fresh = true;
    const char *p = text + strspn(text, SPACES);
    while (*p) {
        size_t n = strcspn(p, SPACES);
        char *w = arena_strndup(a, p, n);
        int chars = (int)utf8_count(w, n);  /* a French comment's accents are two bytes, one column */
        if (!l.fresh && l.col + 1 + chars > 80) {
            fputc('\n', out);
            l.col = fprintf(out, "%*s# ", indent, "");
            l.fresh = true;
        }
        if (!l.fresh) l.col += fprintf(out, " ");
        fputs(w, out);
        l.col += chars;
        l.fresh = false;
        p += n;
        p += strspn(p, SPACES);
    }
    line_end(&l);
}

/* The sample's figures on one scale: the pre scores and the complete item answers. */
typedef struct Figures {
    int n;
    double mean, sd, skew;
    bool has_sd, has_skew;
    int n_items;                 /* people whose item answers are complete */
    bool has_alpha, has_ci;
    double alpha, lo, hi;
} Figures;

static Figures figures_of(LocalNorms *ln, int k) {
    Figures fg = { 0 };
    double *x = arena_alloc(ln->a, sizeof *x * (size_t)(ln->npeople ? ln->npeople : 1));
    int items = ln->scales[k].nitems;
    double *matrix = arena_alloc(ln->a, sizeof *matrix * (size_t)(ln->npeople ? ln->npeople : 1) *
                                            (size_t)(items ? items : 1));
    for (int i = 0; i < ln->npeople; i++) {
        const Person *p = &ln->people[i];
        if (!isnan(p->pre[k])) x[fg.n++] = p->pre[k];
        if (p->items[k]) memcpy(matrix + (size_t)fg.n_items++ * (size_t)items, p->items[k], sizeof *matrix * (size_t)items);
    }
    /* the SD as the file writes it (two decimals) is one a norm may have */
    fg.has_sd = stats_mean_sd(x, fg.n, &fg.mean, &fg.sd) && round(fg.sd * 100) / 100 >= ln->scales[k].sd_least &&
                fg.sd > 0;
    fg.has_skew = stats_skewness(x, fg.n, &fg.skew);
    fg.has_alpha = items >= 2 && stats_alpha(matrix, fg.n_items, items, &fg.alpha) && fg.alpha > 0 && fg.alpha < 1;
    fg.has_ci = fg.has_alpha && stats_alpha_ci(fg.alpha, fg.n_items, items, 0.95, &fg.lo, &fg.hi);
    return fg;
}

/* "2025", or "2025 to 2026": the years of the sample's pre assessments. */
static const char *years(LocalNorms *ln) {
    long lo = 0, hi = 0;
    for (int i = 0; i < ln->npeople; i++) {
        if (!i || ln->people[i].pre_day < lo) lo = ln->people[i].pre_day;
        if (!i || ln->people[i].pre_day > hi) hi = ln->people[i].pre_day;
    }
    int y0 = date_from_days(lo).y, y1 = date_from_days(hi).y;
    return y0 == y1 ? arena_printf(ln->a, "%d", y0) : arena_printf(ln->a, "%d to %d", y0, y1);
}

/* "spr-w25 and thu-w26", or "g001, g002, ... and g200" beyond ten. */
static const char *group_list(Arena *a, const NormsOrigin *o, const char *and) {
    const char *s = "";
    for (int i = 0; i < o->ngroups; i++) {
        if (o->ngroups > 10 && i == 2) {
            s = arena_printf(a, "%s, ...", s);
            i = o->ngroups - 1;
        }
        s = arena_printf(a, "%s%s%s", s, !i ? "" : i == o->ngroups - 1 ? and : ", ", o->groups[i]);
    }
    return s;
}

/* Writes one figure: the statement, or the statement commented out after
 * the reason (why: NULL to use it); keyed holds its texts, each key then
 * its text, ending with NULL. */
static void figure(LocalNorms *ln, FILE *out, const char *why, const char *head, const char *n_text,
                   const char *const *keyed) {
    if (why) comment(ln->a, out, 8, why);
    Line l = line_start(out, 8, why != NULL);
    for (const char *p = head; *p;) {
        size_t n = strcspn(p, " ");
        word(&l, arena_strndup(ln->a, p, n), false);
        p += n;
        while (*p == ' ') p++;
    }
    word(&l, "n", false);
    word(&l, n_text, false);
    for (; *keyed; keyed += 2) quoted(ln->a, &l, keyed[0], keyed[1]);
    line_end(&l);
}

/* Why a norm of SD sd (as written, two decimals) is written commented out,
 * or NULL: one above half the range's width would fail formc check's
 * rule (check.c), and such scores, heaped at the two ends of the range,
 * are not described by a mean and an SD (the sample's SD, over n - 1,
 * reaches a little past the half that all the range's scores allow). */
static const char *too_spread(Arena *a, const ScaleInfo *si, double sd) {
    if (!(round(sd * 100) / 100 > si->sd_most * (1 + 1e-9))) return NULL;
    return arena_printf(a, diag_tr("Not used: an SD of %.2f is more than scores from %g to %g can have as a "
                                   "norm (at most %g, half the range): the scores lie heaped at the two ends "
                                   "of the range, which a mean and an SD do not describe. Are some members' "
                                   "answers keyed the other way round?"), sd, si->min, si->max, si->sd_most);
}

/* "2025 à 2026" for years()'s "2025 to 2026". */
static const char *french_years(Arena *a, const char *when) {
    const char *to = strstr(when, " to ");
    return to ? arena_printf(a, "%.*s à %s", (int)(to - when), when, to + 4) : when;
}

/* Why a figure from n people is written commented out, or NULL to use it:
 * a norm's (reliability false) or a reliability's. */
static const char *too_few(Arena *a, int n, bool reliability) {
    if (n >= NORMS_MIN_N) return NULL;
    static const char *const says[2][2] = {
        { "Not used: %d member is fewer than the %d that a local norm needs (docs/instruments.md). "
          "Remove the # once the sample is large enough.",
          "Not used: %d members are fewer than the %d that a local norm needs (docs/instruments.md). "
          "Remove the # once the sample is large enough." },
        { "Not used: %d member is fewer than the %d that a local reliability needs (docs/instruments.md). "
          "Remove the # once the sample is large enough.",
          "Not used: %d members are fewer than the %d that a local reliability needs "
          "(docs/instruments.md). Remove the # once the sample is large enough." },
    };
    return arena_printf(a, diag_tr(says[reliability][n != 1]), n, NORMS_MIN_N);
}

void norms_write(LocalNorms *ln, FILE *out, const NormsOrigin *o) {
    Arena *a = ln->a;
    /* the clinic as the file's statements name it (data, in English and
     * French) */
    const char *clinic = o->clinic ? one_line(a, o->clinic) : "this clinic";
    const char *clinic_fr = o->clinic ? clinic : "cette clinique";
    const char *when = ln->npeople ? years(ln) : "";
    /* what a document prints after the figures: a citation, the same in
     * every language, as a published source is */
    const char *source = arena_printf(a, "%s; formc %s norms, %s (%s)", clinic, o->version, o->today,
                                      group_list(a, o, ", "));
    /* the first line is what tells a norms file (cmd_norms.c): the same in every language */
    fprintf(out, NORMS_FIRST_LINE_STARTS "%s" NORMS_FIRST_LINE_ENDS "\n#\n", clinic);
    comment(a, out, 0, arena_printf(a, diag_tr(o->ngroups == 1
                ? "Computed by formc %s norms on %s from the pre-group scores of the final members of the "
                  "group %s, each person once, at the first group they joined. The groups:"
                : "Computed by formc %s norms on %s from the pre-group scores of the final members of the "
                  "groups %s, each person once, at the first group they joined. The groups:"),
                o->version, o->today, group_list(a, o, diag_tr(" and "))));
    for (int i = 0; i < o->ngroups; i++)
        fprintf(out, "#   %-12s %s\n", one_line(a, o->groups[i]), diag_printable(o->group_files[i]));
    fprintf(out, "#\n");
    const char *left = "";
    if (o->drafts)
        left = arena_printf(a, "%s, %s", left, arena_printf(a, diag_tr(o->drafts == 1 ? "%d draft member"
                                                                                      : "%d draft members"), o->drafts));
    if (o->no_pre) left = arena_printf(a, "%s, %s", left, arena_printf(a, diag_tr("%d without a pre-group assessment"), o->no_pre));
    if (o->with_errors) left = arena_printf(a, "%s, %s", left, arena_printf(a, diag_tr("%d with errors in the file"), o->with_errors));
    comment(a, out, 0, arena_printf(a, "%s %s",
        arena_printf(a, diag_tr(ln->npeople == 1 ? "%d person is in the sample." : "%d people are in the sample."),
                     ln->npeople),
        *left ? arena_printf(a, diag_tr("Left out: %s."), left + 2) : diag_tr("No member was left out.")));
    if (o->repeated)
        comment(a, out, 0, arena_printf(a, diag_tr(o->repeated == 1
                ? "%d membership repeats a person already counted (the same id, or the same name and birth "
                  "date, in another group): each person is counted once, with the scores from before their "
                  "first group."
                : "%d memberships repeat a person already counted (the same id, or the same name and birth "
                  "date, in another group): each person is counted once, with the scores from before their "
                  "first group."), o->repeated));
    fprintf(out, "#\n");
    comment(a, out, 0, arena_printf(a, diag_tr("Each scale gets a clinical norm (the mean and SD of the members before "
            "treatment: the population this clinic treats) and, where item answers were entered, a "
            "reliability (Cronbach's alpha, with its 95%% confidence interval after Feldt, Woodruff and "
            "Salih, 1987). With a clinical norm formc can place the clinical-significance cutoff (c "
            "when the library also has a norm of a non-clinical population, a otherwise); with a "
            "reliability it can compute reliable change. A figure from fewer than 50 members is "
            "written as a comment, with the reason, and not used; so is a figure the instrument "
            "library already gives, which formc keeps unless the # is removed.")));
    fprintf(out, "#\n");
    comment(a, out, 0, diag_tr("Pass this file to formc with --instruments FILE, or include it from the clinic "
            "file. docs/instruments.md says when local norms are appropriate, and when not."));
    const char *inst = NULL;
    for (int k = 0; k < ln->nscales; k++) {
        const ScaleInfo *si = &ln->scales[k];
        Figures fg = figures_of(ln, k);
        if (!fg.n) continue;
        if (!inst || strcmp(inst, si->instrument)) {
            if (inst) fprintf(out, "}\n");
            fprintf(out, "\ninstrument %s {\n", si->instrument);
            inst = si->instrument;
        } else {
            fprintf(out, "\n");
        }
        fprintf(out, "    scale %s {\n", si->id);
        const char *spread = !fg.has_sd ? diag_tr("too few, or too alike, for a standard deviation")
                             : fg.has_skew ? arena_printf(a, diag_tr("mean %.2f, SD %.2f, skewness %.2f"), fg.mean,
                                                          fg.sd, fg.skew)
                             : arena_printf(a, diag_tr("mean %.2f, SD %.2f"), fg.mean, fg.sd);
        comment(a, out, 8, arena_printf(a, diag_tr(fg.n == 1 ? "Pre-group scores of %d member: %s."
                                                             : "Pre-group scores of %d members: %s."), fg.n, spread));
        if (fg.has_sd) {
            const char *why = too_few(a, fg.n, false);
            if (!why && (why = too_spread(a, si, fg.sd)))
                diag_file(DIAG_NOTE, NULL, "%s: the norm of the sample is written as a comment: its SD "
                          "of %.2f is more than the %g a norm of scores from %g to %g can have (the scores "
                          "lie heaped at the two ends of the range)", si->qualified, fg.sd, si->sd_most,
                          si->min, si->max);
            if (!why && si->has_clinical)
                why = arena_printf(a, diag_tr("Not used: %s already gives a clinical norm (mean %g, SD %g); "
                                              "remove the # to use this clinic's own instead."),
                                   si->clinical_from, si->clinical_mean, si->clinical_sd);
            figure(ln, out, why, arena_printf(a, "norm clinical mean %.2f sd %.2f", fg.mean, fg.sd),
                   arena_printf(a, "%d", fg.n), (const char *[]){
                       "sample", arena_printf(a, "%d members of the groups of %s before treatment "
                                              "(pre-group self-report, %s)", fg.n, clinic, when),
                       "source", source,
                       "en", "this clinic's members before treatment",
                       "fr", "membres de la clinique avant traitement", NULL });
        }
        if (si->nitems >= 2 && !fg.has_alpha)
            comment(a, out, 8, fg.n_items == 1
                    ? diag_tr("No reliability: one member's file holds answers to every item of the scale's key.")
                    : fg.n_items == 0
                    ? diag_tr("No reliability: no member's file holds answers to every item of the scale's key.")
                    : arena_printf(a, diag_tr("No reliability: the item answers of %d members give no alpha "
                                              "between 0 and 1."), fg.n_items));
        if (fg.has_alpha) {
            const char *why = too_few(a, fg.n_items, true);
            if (!why && si->has_reliability)
                why = arena_printf(a, diag_tr("Not used: %s already gives a reliability (%.2f); remove the # "
                                              "to use this clinic's own instead."),
                                   si->reliability_from, si->reliability);
            const char *ci = fg.has_ci ? arena_printf(a, ", 95%% CI %.3f to %.3f", fg.lo, fg.hi) : "";
            char lo[32], hi[32];
            numtext_format(lo, sizeof lo, fg.lo, 3, 1);
            numtext_format(hi, sizeof hi, fg.hi, 3, 1);
            const char *ci_fr = fg.has_ci ? arena_printf(a, ", IC à 95 %% de %s à %s", lo, hi) : "";
            figure(ln, out, why, arena_printf(a, "reliability %.2f", fg.alpha), arena_printf(a, "%d", fg.n_items),
                   (const char *[]){
                       "sample", arena_printf(a, "Cronbach's alpha%s, from the answers to all %d items of %d "
                                              "members of the groups of %s before treatment (%s)", ci,
                                              si->nitems, fg.n_items, clinic, when),
                       "fr", arena_printf(a, "alpha de Cronbach%s, d'après les réponses aux %d items de %d "
                                          "membres des groupes de %s avant traitement (%s)", ci_fr,
                                          si->nitems, fg.n_items, clinic_fr, french_years(a, when)),
                       "source", source, NULL });
        }
        fprintf(out, "    }\n");
    }
    if (inst) fprintf(out, "}\n");
}
