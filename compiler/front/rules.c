/* rules.c — checks that look at more than one statement: required items
 * (from the schema's NEED_* flags), assessment order and duplicates, ages
 * at the group's start, phase spans, group size, and referenced files. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "front/checker.h"
#include "base/messages.h"
#include "base/diag.h"
#include "base/outdir.h"
#include "base/png.h"
#include "base/suggest.h"

static const char *when_names[WHEN_COUNT] = { "pre", "post", "followup" };

/* Whether a field's value is present in the model. */
static bool present(const Checker *c, const Field *f) {
    const char *base = (const char *)c->m;
    if (f->action != BLOCK_ONLY && c->given[f - schema]) return true;   /* errors already said why */
    if (f->action == BLOCK_ONLY) return ((const Loc *)(base + f->block_offset))->src != NULL;
    if (f->action == VALUE_TEXT) return ((const Text *)(base + f->offset))->s != NULL;
    if (f->action == VALUE_DATE) return ((const Date *)(base + f->offset))->set;
    if (f->action == H_WEEKS) return c->m->g.weeks > 0;
    if (f->action == H_LEADER) return c->m->g.nleaders > 0;
    if (f->action == H_MEMBER) return c->m->g.nmembers > 0 || !c->members;
    return true;
}

/* The text of field f when the file gives it holding nothing but spaces
 * (`pattern ""`): no text, which a document would print as nothing (a
 * letter's "what we came to understand" followed by no words). */
static Text *blank_text(Checker *c, const Field *f) {
    if (f->action != VALUE_TEXT || !c->given[f - schema]) return NULL;
    Text *t = (Text *)((char *)c->m + f->offset);
    if (!t->s || t->placeholder) return NULL;
    for (const char *p = t->s; *p; p++)
        if (!g_ascii_isspace(*p)) return NULL;
    return t;
}

/* Reports field f if the file lacks it, or gives it as an empty text
 * (then not written, as a draft's documents show it: "to be completed").
 * A missing block is reported once, not once per field inside it. */
static void require_field(Checker *c, const Field *f, Loc top) {
    Text *blank = blank_text(c, f);
    if (blank) {
        ck_missing(c, blank->loc, "'%s' is an empty text: %s", f->name, diag_tr(f->doc));
        blank->s = NULL;
        return;
    }
    if (f->ctx == CTX_FILE || f->ctx == CTX_GROUP) {
        if (f->ctx == CTX_FILE && f->block == CTX_GROUP) return;
        if (present(c, f)) return;
        Loc at = f->ctx == CTX_GROUP ? c->m->g.loc : top;
        if (f->ctx == CTX_GROUP)
            ck_error(c, at, "the group has no '%s': %s", f->name, diag_tr(f->doc));
        else if (f->block != CTX_NONE && f->action == BLOCK_ONLY)
            ck_missing(c, at, "no '%s' block: %s", f->name, diag_tr(f->doc));
        else
            ck_missing(c, at, "no '%s': %s", f->name, diag_tr(f->doc));
        return;
    }
    const Field *op = schema_opener(f->ctx);
    if (!present(c, op) || present(c, f)) return;
    Loc at = *(const Loc *)((const char *)c->m + op->block_offset);
    at.len = (uint32_t)strlen(op->name);
    ck_missing(c, at, "the %s block has no '%s' (%s)", op->name, f->name, diag_tr(f->doc));
}

/* Reports every item the purposes in need require that the file lacks,
 * and notes in the model which purposes they leave unmet. */
static void require(Checker *c, unsigned need, Loc top) {
    for (int i = 0; i < schema_count; i++) {
        const Field *f = &schema[i];
        if (!(f->flags & need) || f->ctx == CTX_ASSESSMENT) continue;
        int before = c->errors;
        require_field(c, f, top);
        if (c->errors == before) continue;
        c->m->unmet |= f->flags & need;
        c->m->unmet_errors += c->errors - before;
    }
}

/* One self-report assessment per time point (and one per rater); their
 * dates are timeline.c's. */
static void check_assessments(Checker *c) {
    const Formulation *f = &c->m->f;
    for (int i = 0; i < f->nassessments; i++) {
        const Assessment *a = &f->assessments[i];
        for (int j = 0; j < i; j++) {
            const Assessment *b = &f->assessments[j];
            bool same_rater = (!a->rater.s && !b->rater.s) ||
                              (a->rater.s && b->rater.s && !strcmp(a->rater.s, b->rater.s));
            if (!same_rater || a->when != b->when) continue;
            ck_error(c, a->loc, "a second %s assessment%s%s%s", when_names[a->when],
                     a->rater.s ? diag_tr(" by rater \"") : "", a->rater.s ? a->rater.s : "",
                     a->rater.s ? "\"" : "");
            ck_note(b->loc, "the first is here");
        }
    }
}

/* The self-report score of scale s in assessment a, or NULL. */
static const Score *score_of(const Assessment *a, const Scale *s) {
    for (int i = 0; a && i < a->nscores; i++)
        if (a->scores[i].scale == s) return &a->scores[i];
    return NULL;
}

/* How many of a's scores are the same scale's score in b. */
static int same_scores(const Assessment *a, const Assessment *b) {
    int same = 0;
    for (int k = 0; k < a->nscores; k++) {
        const Score *p = score_of(b, a->scores[k].scale);
        same += p && p->value == a->scores[k].value;
    }
    return same;
}

/* A post or follow-up assessment whose every score, three or more, is
 * the same rater's pre score of its scale: most likely the pre block
 * copied and its figures never typed over, and the report would show
 * no change on any scale. So is a follow-up whose every score is the
 * post's: the report would show nothing changed since the group ended. */
static void check_copied_scores(Checker *c) {
    const Formulation *f = &c->m->f;
    for (int i = 0; i < f->nassessments; i++) {
        const Assessment *a = &f->assessments[i];
        if (a->when == WHEN_PRE || a->nscores < 3) continue;
        const Assessment *pre = model_assessment(c->m, WHEN_PRE, a->rater.s);
        const Assessment *post = a->when == WHEN_FOLLOWUP ? model_assessment(c->m, WHEN_POST, a->rater.s) : NULL;
        if (pre && pre != a && same_scores(a, pre) == a->nscores) {
            ck_warning(c, a->loc, "every score of this %s assessment (%d) is the pre assessment's: if the "
                       "block was copied, type the %s scores over it; the report would show no change on "
                       "any scale", when_names[a->when], a->nscores, when_names[a->when]);
            ck_note(pre->loc, "the pre assessment");
        } else if (post && post != a && same_scores(a, post) == a->nscores) {
            ck_warning(c, a->loc, "every score of this followup assessment (%d) is the post assessment's: "
                       "if the block was copied, type the followup scores over it; the report would show "
                       "no change since the group ended on any scale", a->nscores);
            ck_note(post->loc, "the post assessment");
        }
    }
}

/* An informant named two ways, a letter's case or a typo apart, at
 * different time points ("partner" before the group, "parnter" or
 * "Partner" after it): formc reads two raters, each rated once, and
 * compares neither's ratings over time. Two raters who rated the same
 * time point are two people (a mother and a father) and are left alone. */
static void check_rater_names(Checker *c) {
    const Formulation *f = &c->m->f;
    for (int i = 0; i < f->nassessments; i++) {
        const Assessment *a = &f->assessments[i];
        if (!a->rater.s || a->rater.placeholder) continue;
        for (int j = 0; j < i; j++) {
            const Assessment *b = &f->assessments[j];
            if (!b->rater.s || b->rater.placeholder || !strcmp(a->rater.s, b->rater.s) ||
                edit_distance(a->rater.s, b->rater.s, 1) > 1)
                continue;
            bool shared = false;
            for (int w = 0; w < WHEN_COUNT; w++)
                shared |= model_assessment(c->m, (When)w, a->rater.s) && model_assessment(c->m, (When)w, b->rater.s);
            if (shared) continue;
            ck_warning(c, a->rater.loc, "the rater \"%s\" looks like \"%s\", the %s assessment's, "
                       "mistyped: formc reads two raters, each rated once, and compares neither's "
                       "ratings over time (write the name as it is written there)", a->rater.s,
                       b->rater.s, when_names[b->when]);
            ck_note(b->rater.loc, "written here");
            break;
        }
    }
}

/* A goal's target must be one the member's scores can reach: on a scale
 * the member is assessed on (self-report, as the goal is judged), and on
 * the side of the pre score that the scale's direction calls better. */
static void check_goals(Checker *c) {
    const Formulation *f = &c->m->f;
    for (int i = 0; i < f->ngoals; i++) {
        const Goal *g = &f->goals[i];
        if (!g->has_target) continue;
        const Scale *sc = g->target_scale;
        const Score *pre = score_of(model_assessment(c->m, WHEN_PRE, NULL), sc);
        bool scored = pre || score_of(model_assessment(c->m, WHEN_POST, NULL), sc) ||
                      score_of(model_assessment(c->m, WHEN_FOLLOWUP, NULL), sc);
        if (!scored) {
            ck_warning(c, g->target_loc, "%s is not scored in any of this member's self-report assessments, "
                       "so whether the target is met cannot be told", sc->qualified);
            continue;
        }
        bool worse = sc->direction == DIR_HIGHER_WORSE;
        if (!pre) {
            ck_warning(c, g->target_loc, "%s has no pre score in this member's self-report assessments: a "
                       "later score %s %g meets the target, but whether the member began %s it cannot be "
                       "told (add the pre score; the report says there is none)", sc->qualified,
                       worse ? "at or below" : "at or above", g->target, worse ? "above" : "below");
            continue;
        }
        if (worse ? g->target >= pre->value : g->target <= pre->value)
            ck_warning(c, g->target_loc, "the target %g is not %s the pre score %g (on %s %s is better): "
                       "the goal is met before the group begins", g->target, worse ? "below" : "above",
                       pre->value, sc->qualified, worse ? "lower" : "higher");
    }
}

/* No session is attended after the week the member left. */
static void check_attendance(Checker *c) {
    const Formulation *f = &c->m->f;
    if (!f->left.week) return;
    for (int i = 0; i < f->attended.nspans; i++) {
        const WeekSpan *sp = &f->attended.spans[i];
        if (sp->last <= f->left.week) continue;
        int w = sp->first > f->left.week ? sp->first : f->left.week + 1;
        ck_error(c, sp->loc, "week %d is listed as attended, after the member left in week %d", w, f->left.week);
        ck_note(f->left.week_loc, "left here");
    }
}

/* A letter (to a member of group g) is signed with the clinic's name,
 * address and telephone: the member's own clinic block, else the group's,
 * must give all three. At the clinic block that lacks one, else at the
 * group; an error, a warning in a draft (the letter then reads "to be
 * completed"). Every final member of a group names the same place, and
 * diag.h shows it once. */
static void check_letterhead(Checker *c, const Model *g) {
    const Clinic *cl = model_clinic(c->m, g);
    if (!cl->loc.src) {
        Loc at = g->g.loc;
        at.len = 5;
        ck_missing(c, at, "the letter needs the clinic's name, address and phone number: add a clinic "
                   "block to this group file (or include the clinic's file)");
        return;
    }
    const char *lacks[3];
    int n = 0;
    if (!text_given(&cl->name)) lacks[n++] = "name";          /* a placeholder is said so */
    if (!text_given(&cl->address)) lacks[n++] = "address";
    if (!text_given(&cl->phone)) lacks[n++] = "phone number";
    if (!n) return;
    Loc at = cl->loc;
    at.len = 6;
    ck_missing(c, at, "the letter needs the clinic's %s%s%s%s%s: add %s to this clinic block", lacks[0],
               n == 3 ? ", " : n == 2 ? " and " : "", n > 1 ? lacks[1] : "", n == 3 ? " and " : "",
               n == 3 ? lacks[2] : "", n == 1 ? "it" : "them");
}

/* A name without the credentials after its first comma ("Dr. Leah
 * Brandt, R.Psych." is "Dr. Leah Brandt"). */
static const char *name_only(Arena *a, const char *s) {
    const char *comma = strchr(s, ',');
    size_t n = comma ? (size_t)(comma - s) : strlen(s);
    while (n > 0 && s[n - 1] == ' ') n--;
    return arena_strndup(a, s, n);
}

/* The clinician who signs the report and the letter, when not one of the
 * group's leaders but a typo away from one ("Dr. Lea Brant" beside
 * "Dr. Leah Brandt"): the letter would name the leaders one way and be
 * signed another. A clinician far from every leader (one who assessed
 * the patient and leads no group) is no warning. */
static void check_clinician_named(Checker *c, const Model *g) {
    const Text *who = &c->m->f.clinician;
    if (!who->s || who->placeholder) return;
    const char *name = name_only(c->a, who->s);
    Suggest sg;
    suggest_init(&sg, name);
    int near = -1;
    for (int i = 0; i < g->g.nleaders; i++) {
        const Text *l = &g->g.leaders[i];
        if (!l->s || l->placeholder) continue;
        const char *leader = name_only(c->a, l->s);
        if (!strcmp(leader, name)) return;
        suggest_offer(&sg, leader);
        if (suggest_result(&sg) == leader) near = i;
    }
    if (near < 0 || !suggest_result(&sg)) return;
    ck_warning(c, who->loc, "the clinician \"%s\" is not one of the group's leaders, but is close to "
               "\"%s\": the report and the letter are signed with the name as written here (is it "
               "mistyped?)", name, suggest_result(&sg));
    ck_note(g->g.leaders[near].loc, "the group's leader");
}

/* Checks a formulation against its group: its clinician against the
 * group's leaders, its week numbers against the group's weeks (its dates
 * are timeline.c's). */
static void check_against_group(Checker *c, const Model *g) {
    const Formulation *f = &c->m->f;
    check_clinician_named(c, g);
    for (int i = 0; i < f->ngoals; i++)
        if (f->goals[i].by_week > g->g.weeks && g->g.weeks > 0)
            ck_error(c, f->goals[i].by_loc, "week %d is past the group's %d weeks", f->goals[i].by_week,
                     g->g.weeks);
    for (int i = 0; i < f->attended.nspans && g->g.weeks > 0; i++)
        if (f->attended.spans[i].last > g->g.weeks)
            ck_error(c, f->attended.spans[i].loc, "week %d is past the group's %d weeks",
                     f->attended.spans[i].last, g->g.weeks);
    if (f->left.week > g->g.weeks && g->g.weeks > 0)
        ck_error(c, f->left.week_loc, "week %d is past the group's %d weeks", f->left.week, g->g.weeks);
}

/* Whether word (n bytes) reads as a given name: a capital, then small
 * letters, each part of a hyphenated name a capital ("Samuel",
 * "Mary-Ann"), and no suffix ("Jr.", "Sr."). */
static bool given_name_word(const char *word, size_t n) {
    if (n < 2 || !g_unichar_isupper(g_utf8_get_char(word))) return false;
    if ((n == 2 || n == 3) && (!strncmp(word, "Jr", 2) || !strncmp(word, "Sr", 2))) return false;
    for (const char *p = g_utf8_next_char(word); p < word + n; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        bool part = p[-1] == '-' && g_unichar_isupper(ch);        /* "Ann-Marie" */
        if (!g_unichar_islower(ch) && !part && ch != '-' && ch != '\'' && ch != 0x2019) return false;
    }
    return true;
}

/* How the letter of c's formulation (with group g, or NULL) greets name,
 * as the shipped letter of its language does: "Dear Ada,", "Bonjour Ada,". */
static const char *greeting(Checker *c, const Model *g, const char *name) {
    return arena_printf(c->a, strcmp(model_language(c->m, g), "fr") ? "Dear %s," : "Bonjour %s,", name);
}

/* A patient's name written surname first, as records list names
 * ("Okafor, Samuel"): the documents print it as written, and a letter
 * with no preferred name greets "Dear Okafor, Samuel,". One comma with
 * given names after it; a suffix or credentials after the comma
 * ("King, Jr.", "Okafor, PhD") are none. */
static void check_name_order(Checker *c, const Model *g) {
    const Formulation *f = &c->m->f;
    const Text *name = &f->patient.name;
    const char *comma = name->s ? strchr(name->s, ',') : NULL;
    if (!comma || strchr(comma + 1, ',') || comma == name->s) return;
    const char *rest = comma + 1;
    while (*rest == ' ') rest++;
    if (!*rest) return;
    for (const char *w = rest; *w;) {
        size_t n = strcspn(w, " ");
        if (!given_name_word(w, n)) return;
        w += n;
        while (*w == ' ') w++;
    }
    int given = (int)strlen(rest);
    while (given > 0 && rest[given - 1] == ' ') given--;      /* a stray space, warned at on its own */
    const char *said = arena_printf(c->a, "%.*s %.*s", given, rest, (int)(comma - name->s), name->s);
    if (text_given(&f->patient.preferred))
        ck_warning(c, name->loc, "the name \"%s\" looks written surname first, as records list names: the "
                   "documents would print it as written (write it as the patient says it: \"%s\")", name->s, said);
    else
        ck_warning(c, name->loc, "the name \"%s\" looks written surname first, as records list names: the "
                   "letter would greet the patient \"%s\" and the documents print it as written (write "
                   "it as the patient says it: \"%s\", and the name they go by as 'preferred')", name->s,
                   greeting(c, g, name->s), said);
}

/* Where name s has a space the documents would print as written: at its
 * start or end, before a comma, or two in a row ("Ada ", "Dr. Leah Brandt
 * , R.Psych.", "Adaeze  Nwosu"); NULL when it has none. */
static const char *stray_space(const char *s) {
    size_t n = strlen(s);
    if (!n) return NULL;
    if (g_ascii_isspace(s[0])) return "starts with a space";
    if (g_ascii_isspace(s[n - 1])) return "ends in a space";
    for (const char *p = s; *p; p++) {
        if (g_ascii_isspace(p[0]) && p[1] == ',') return "has a space before its comma";
        if (g_ascii_isspace(p[0]) && g_ascii_isspace(p[1])) return "has two spaces in a row";
    }
    return NULL;
}

/* Warns at a name (a patient's, a clinician's, a leader's) with a stray
 * space: typed before the closing quote ("Ada "), the letter greets
 * "Dear Ada ,". greets: the letter opens with this name, in the language
 * of g (the formulation's group, or NULL). */
static void ck_name_spaces(Checker *c, const Text *t, bool greets, const Model *g) {
    /* a text in other quotes (« Jane ») was an error at its quote already */
    bool straight = t->loc.src && t->loc.src->text[t->loc.off] == '"';
    const char *fault = t->s && !t->placeholder && straight ? stray_space(t->s) : NULL;
    if (!fault) return;
    if (greets)
        ck_warning(c, t->loc, "the name \"%s\" %s: the letter would greet the patient \"%s\" "
                   "(delete the stray space)", t->s, diag_tr(fault), greeting(c, g, t->s));
    else
        ck_warning(c, t->loc, "the name \"%s\" %s: the documents would print it as written (delete the "
                   "stray space)", t->s, diag_tr(fault));
}

/* Checks a formulation: what its purpose needs, its assessments, and the
 * group it is checked against (the one it is checked for, else the one
 * it names). */
static void check_formulation(Checker *c, const NamedGroup *named) {
    Formulation *f = &c->m->f;
    Loc top = f->patient.loc.src ? f->patient.loc : (Loc){ c->m->main, 0, 0 };
    if (f->patient.loc.src) top.len = 7;
    require(c, c->purpose & (NEED_REPORT | NEED_LETTER), top);
    if (!text_given(&f->patient.name) && !(c->purpose & (NEED_REPORT | NEED_LETTER)))
        ck_error(c, top, "no 'patient': %s", "every formulation names its patient");
    /* the group whose language the letter is in, when the file gives none */
    const Model *lg = c->group ? c->group : named->model && !named->errors ? named->model : NULL;
    check_name_order(c, lg);
    ck_name_spaces(c, &f->patient.name, !text_given(&f->patient.preferred), lg);
    ck_name_spaces(c, &f->patient.preferred, true, lg);
    ck_name_spaces(c, &f->clinician, false, NULL);
    check_assessments(c);
    check_rater_names(c);
    check_copied_scores(c);
    check_attendance(c);
    check_goals(c);
    const Model *g = c->group, *ng = named->model;
    if (named->path) {
        if (!named->found)      /* only the letter needs it: there it is an error */
            ck_warning(c, f->group_file.loc, "group file not found: %s (the letter will need it, or --group)",
                       named->path);
        else if (!ng || named->errors)
            c->errors++;        /* a document needs its group whole: said where it is wrong */
        else if (!model_is_group(ng))
            ck_error(c, f->group_file.loc, "%s is not a group file (it has no group { } block)", named->path);
        else if (g && g->main != ng->main &&
                 !(g->main->dev == ng->main->dev && g->main->ino == ng->main->ino))
            /* a group made over another's members (a summary of a few, another
             * language) is allowed; a member filed in the wrong group is told */
            ck_warning(c, f->group_file.loc,
                       "this file names the group %s, but it is being checked as a member of %s: "
                       "formc letter of this file prints the group it names, formc build of %s "
                       "its own", named->path, g->main->path, g->main->path);
        else if (!g) {
            g = ng;
            if (!group_lists_file(&ng->g, c->m->main)) {
                ck_warning(c, f->group_file.loc,
                           "this file names the group %s, but none of its member lines lists this "
                           "file: the group's build, summary and outcomes leave it out",
                           named->path);
                if (ng->g.nmember_lines > 0) ck_note(ng->g.member_lines[0].loc, "the group's members");
            }
        }
    }
    ck_timeline(c, g);
    if (g && model_is_group(g)) check_against_group(c, g);
    ck_translations(c, g);
    if (g && model_is_group(g)) {
        ck_letter_days(c, g);
        ck_letter_weeks(c, g);
        ck_letter_dates(c, g);
    }
    ck_letter_language(c, g && model_is_group(g) ? g : NULL);
    if ((c->purpose & NEED_LETTER) && g && model_is_group(g)) {
        int before = c->errors;           /* the letter's alone: the report and summary are made */
        check_letterhead(c, g);
        if (c->errors > before) c->m->unmet |= NEED_LETTER, c->m->unmet_errors += c->errors - before;
    }
    ck_placeholders(c, g && model_is_group(g) ? g : NULL);
}

/* Phase spans: defaults from the weeks, overrides in order and within. */
static void check_phases(Checker *c) {
    Group *g = &c->m->g;
    if (g->weeks <= 0) return;
    PhaseSpan def[PHASE_COUNT];
    phase_defaults(g->weeks, def);
    for (int p = 0; p < PHASE_COUNT; p++) {
        if (!g->phases[p].set) { g->phases[p] = def[p]; continue; }
        if (g->phases[p].last > g->weeks)
            ck_error(c, g->phases[p].loc, "%s ends in week %d, but the group has %d weeks",
                     phase_names[p], g->phases[p].last, g->weeks);
    }
    for (int p = 1; p < PHASE_COUNT; p++)
        if (g->phases[p].first <= g->phases[p - 1].last) {
            Loc at = g->phases[p].set ? g->phases[p].loc : g->phases[p - 1].loc;
            ck_error(c, at, "%s (weeks %d-%d) overlaps or comes before %s (weeks %d-%d)",
                     phase_names[p], g->phases[p].first, g->phases[p].last, phase_names[p - 1],
                     g->phases[p - 1].first, g->phases[p - 1].last);
        }
}

/* The titles a leader's name may start with, in English and in French,
 * in lower case and without their full stop. */
static const char *const titles[] = { "dr", "dre", "doctor", "prof", "professor", "pr", "mr", "mrs", "ms",
                                      "mx", "miss", "m", "mme", "mlle" };

/* Whether word (n bytes, in lower case) is one of titles, with or
 * without its full stop. */
static bool is_title(const char *word, size_t n) {
    if (n && word[n - 1] == '.') n--;
    for (size_t t = 0; t < sizeof titles / sizeof *titles; t++)
        if (strlen(titles[t]) == n && !strncmp(word, titles[t], n)) return true;
    return false;
}

/* The person a leader's name names, to tell one listed twice: the name
 * without the credentials after its first comma (name_only) nor a title
 * before it ("Dr. Leah Brandt", "Dr Leah Brandt" and "Leah Brandt, PhD"
 * are "leah brandt"), its spaces one, in lower case, accents left out. */
static const char *person(Arena *a, const char *name) {
    char *ascii = g_str_to_ascii(name_only(a, name), "C");
    char *low = g_ascii_strdown(ascii, -1);
    char **words = g_strsplit_set(low, " \t\n", -1);
    GString *out = g_string_new(NULL);
    for (int w = 0; words[w]; w++) {
        size_t n = strlen(words[w]);
        bool title = out->len == 0 && words[w + 1] && is_title(words[w], n);   /* a first word, not the only */
        if (n && !title) g_string_append_printf(out, "%s%s", out->len ? " " : "", words[w]);
    }
    const char *key = arena_strdup(a, out->str);
    g_string_free(out, TRUE);
    g_strfreev(words);
    g_free(low);
    g_free(ascii);
    return key;
}

/* Each leader once: a leader's line copied to add a co-leader and not
 * changed (or the other leader's name written over with this one's) made
 * the letter say "Led by: Dr. Leah Brandt and Dr. Leah Brandt"; so did
 * one written with and without a title ("Dr. Leah Brandt and Leah
 * Brandt"). Names are compared as the person they name (person). */
static void check_leaders_once(Checker *c) {
    const Group *g = &c->m->g;
    for (int i = 0; i < g->nleaders; i++) {
        const Text *l = &g->leaders[i];
        if (!l->s || l->placeholder) continue;
        for (int j = 0; j < i; j++) {
            const Text *e = &g->leaders[j];
            if (!e->s || e->placeholder || strcmp(person(c->a, e->s), person(c->a, l->s)))
                continue;
            ck_error(c, l->loc, "%s is listed twice as a leader: the letters would say the group is led by "
                     "%s and %s (write the other leader's name, or leave this one out)", name_only(c->a, l->s),
                     e->s, l->s);
            ck_note(e->loc, "listed here first");
            break;
        }
    }
}

static void check_group(Checker *c) {
    Group *g = &c->m->g;
    if (c->purpose & NEED_GROUP) require(c, NEED_GROUP, g->loc);
    if (g->code.s) {
        const char *s = g->code.s;
        bool ok = *s && strcmp(s, ".") && strcmp(s, "..");
        for (; *s; s++)
            ok &= (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
                  *s == '-' || *s == '_' || *s == '.';
        if (!ok)
            ck_error(c, g->code.loc, "a group code names a folder: use letters, digits, '-', '_' and '.' only");
    }
    check_phases(c);
    check_leaders_once(c);
    for (int i = 0; i < g->nleaders; i++) ck_name_spaces(c, &g->leaders[i], false, NULL);
    ck_meeting_day(c);
    if (g->nmembers > GROUP_WARN_MEMBERS) {
        Loc at = g->loc;
        at.len = 5;
        ck_warning(c, at, "the group has %d members; groups are planned for %d at most", g->nmembers,
                   GROUP_WARN_MEMBERS);
    }
}

static void check_clinic(Checker *c) {
    const Clinic *cl = &c->m->clinic;
    if (cl->logo.s) {
        const char *path = path_join(c->a, cl->logo.loc.src->dir, cl->logo.s);
        struct stat st;
        char err[256];
        int w, h;
        if (stat(path, &st) != 0)
            ck_error(c, cl->logo.loc, "logo file not found: %s", path);
        else if (png_check(path, &w, &h, err, sizeof err) != 0)   /* never decoded here */
            ck_error(c, cl->logo.loc, "the logo %s %s", path, err);
    }
    if (cl->templates.s) {
        const char *path = path_join(c->a, cl->templates.loc.src->dir, cl->templates.s);
        struct stat st;
        char err[512];
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            ck_error(c, cl->templates.loc, "templates folder not found: %s", path);
        } else if (outdir_check_templates(path, err, sizeof err) != 0) {
            /* as for a file that cannot be read: no document, exit status 2 */
            ck_error(c, cl->templates.loc, "%s", err);
            c->unreadable = true;
        }
    }
}

/* What a file holds decides what it can be used for. A file with no
 * statement at all (empty, or comments only) is always an error: it is
 * never meant. A report or a letter, and a group's member, need a patient's
 * formulation (so does any member, whatever it is compiled for): a group
 * file or a file of other statements (a clinic block, instruments) is
 * refused, so no document is ever made of nothing. */
static bool check_kind(Checker *c, bool formulation) {
    Loc top = { c->m->main, 0, 0 };
    if (c->empty) {
        ck_error(c, top, "the file is empty: it has no statements, only blank lines or comments "
                 "(a formulation begins with patient \"Full Name\", a group file with "
                 "group \"Title\" { }; formc new patient NAME writes one to fill in)");
        return false;
    }
    bool individual = c->group || ((c->purpose & (NEED_REPORT | NEED_LETTER)) && !(c->purpose & NEED_GROUP));
    if (!individual || formulation || c->ntop == 0) return true;
    if (model_is_group(c->m)) {
        Loc at = c->m->g.loc;
        at.len = 5;
        ck_error(c, at, "this is a group file, not a patient's formulation: reports and letters "
                 "are made from a member's file (formc build makes every member's documents)");
    } else {
        ck_error(c, top, "no formulation in this file: a patient's file begins with patient \"Full Name\"");
    }
    return false;
}

void ck_rules(Checker *c, const NamedGroup *group) {
    bool formulation = model_is_formulation(c->m);
    if (!check_kind(c, formulation)) return;
    ck_map_rules(c);
    if (model_is_group(c->m) && formulation) {
        ck_error(c, c->m->g.loc, "a group file cannot also hold a formulation; give each patient a file of their own");
        return;
    }
    if (formulation) {
        check_formulation(c, group);
        ck_jargon(c);
    } else {
        ck_placeholders(c, NULL);
    }
    if (model_is_group(c->m)) check_group(c);
    check_clinic(c);
}
