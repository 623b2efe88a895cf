/* summary.c — the group summary. Sections, in order: the group's details,
 * the roster, the composition chart, the anticipated dynamics, the
 * calendar, and the outcomes. Each insertable block is one function; the
 * fixed wording is in the table `words` below. */
#include "summary.h"
#include <stdio.h>
#include <string.h>
#include "chart.h"
#include "diag.h"
#include "groupfacts.h"
#include "render.h"
#include "schema.h"

/* ---- the fixed wording ------------------------------------------------- */

static const struct Words {
    const char *title, *subject, *confidential, *page_format;
    const char *details[9];         /* the group's details table, row labels */
    const char *roster, *roster_cols[8], *yes, *no, *draft, *final, *not_included,
               *not_included_note;
    const char *phase_titles[PHASE_COUNT];
    const char *calendar, *calendar_phases, *calendar_phase_cols[3], *calendar_weeks,
               *calendar_week_cols[4];
} words = {
    .title = "Group summary",
    .subject = "Group summary for dynamic-relational group therapy",
    .confidential = "Confidential",
    .page_format = "page %d of %d",
    .details = { "Group", "Code", "Sessions", "Meets", "Place", "Leaders", "Clinic", "Members",
                 "Prepared" },
    .roster = "Members",
    .roster_cols = { "Member", "ID", "Age", "Pronouns", "Status", "Pre", "Post", "Follow-up" },
    .yes = "yes", .no = "\u2013", .draft = "draft", .final = "final",
    .not_included = "not included",
    .not_included_note = "Not included in this summary, because the file has errors (run formc check "
                         "on it): ",
    .phase_titles = { "Engagement and pseudo-attachment", "Pattern interruption",
                      "Self-redefinition / painful authenticity", "Termination" },
    .calendar = "Calendar",
    .calendar_phases = "Phases",
    .calendar_phase_cols = { "Phase", "Weeks", "Dates" },
    .calendar_weeks = "Week by week",
    .calendar_week_cols = { "Week", "Date", "Phase", "Notes" },
};

/* ---- the document ------------------------------------------------------ */

typedef struct Summary {
    Arena *a;
    Doc *d;
    const Model *gm;          /* the group file's model */
    const Group *g;
    MemberFacts *ms;
    int n, cap;
    int included;
    DimInfo dims[DIM_COUNT];
    const char **inputs;      /* every file read, NULL-terminated when written */
    int ninputs, cap_inputs;
} Summary;

static Run plain(const char *s, RunStyle style) { return (Run){ s ? s : "", style, NULL }; }

/* "Ada (Adaeze Nwosu)", or the name alone. */
static const char *member_label(Summary *s, const MemberFacts *m) {
    if (m->preferred && m->name && strcmp(m->preferred, m->name))
        return arena_printf(s->a, "%s (%s)", m->preferred, m->name);
    return m->name ? m->name : m->path;
}

static const char *join_and(Summary *s, const Text *items, int n) {
    const char *out = "";
    for (int i = 0; i < n; i++)
        out = arena_printf(s->a, "%s%s%s", out, i == 0 ? "" : i == n - 1 ? " and " : ", ", items[i].s);
    return out;
}

/* "14 January 2027" for week `week` of the group. */
static const char *week_date(Summary *s, int week) {
    return render_date(s->a, facts_week_date(s->g->starts, week));
}

/* ---- blocks ------------------------------------------------------------ */

/* The group's title and practical details. */
static void block_details(Summary *s) {
    const Group *g = s->g;
    doc_heading(s->d, 1, words.title, NULL);
    Run title = plain(g->title.s, RUN_PLAIN);
    doc_paragraph(s->d, &title, 1, PARA_LEFT | PARA_NO_HYPHENATE | PARA_SANS);
    TableColumn cols[2] = { { "", 1, ALIGN_LEFT }, { "", 4, ALIGN_LEFT } };
    Run cells[2 * 9];
    int n = 0;
#define ROW(k, text) do { cells[2 * n] = plain(words.details[k], RUN_BOLD); \
                          cells[2 * n + 1] = plain(text, RUN_PLAIN); n++; } while (0)
    if (g->code.s) ROW(1, g->code.s);
    if (g->starts.set && g->weeks > 0)
        ROW(2, arena_printf(s->a, "%s to %s, %d weekly sessions", render_date(s->a, g->starts),
                            week_date(s, g->weeks), g->weeks));
    if (g->meets.s) ROW(3, g->meets.s);
    if (g->place.s) ROW(4, g->place.s);
    if (g->nleaders) ROW(5, join_and(s, g->leaders, g->nleaders));
    if (s->gm->clinic.name.s) ROW(6, s->gm->clinic.name.s);
    ROW(7, s->included == s->n ? arena_printf(s->a, "%d", s->n)
                               : arena_printf(s->a, "%d (%d %s)", s->n, s->n - s->included, words.not_included));
    ROW(8, render_date(s->a, render_today()));
#undef ROW
    doc_table(s->d, cols, 2, cells, n);
}

/* The roster: one row per member, in the group file's order. */
static void block_roster(Summary *s) {
    doc_heading(s->d, 1, words.roster, NULL);
    TableColumn cols[8] = {
        { words.roster_cols[0], 3.4, ALIGN_LEFT }, { words.roster_cols[1], 1.2, ALIGN_LEFT },
        { words.roster_cols[2], 0.7, ALIGN_RIGHT }, { words.roster_cols[3], 1.3, ALIGN_LEFT },
        { words.roster_cols[4], 1.1, ALIGN_LEFT }, { words.roster_cols[5], 0.7, ALIGN_CENTER },
        { words.roster_cols[6], 0.7, ALIGN_CENTER }, { words.roster_cols[7], 1.2, ALIGN_CENTER },
    };
    Run *cells = arena_alloc(s->a, sizeof *cells * 8 * (size_t)(s->n ? s->n : 1));
    const char *excluded = "";
    int rows = 0;
    for (int i = 0; i < s->n; i++) {
        const MemberFacts *m = &s->ms[i];
        if (!m->included) {
            excluded = arena_printf(s->a, "%s%s%s", excluded, *excluded ? ", " : "", m->path);
            continue;
        }
        Run *c = cells + 8 * rows++;
        c[0] = plain(member_label(s, m), RUN_PLAIN);
        c[1] = plain(m->id, RUN_PLAIN);
        c[2] = plain(m->has_age ? arena_printf(s->a, "%d", m->age) : "", RUN_PLAIN);
        c[3] = plain(m->pronouns, RUN_PLAIN);
        c[4] = plain(m->draft ? words.draft : words.final, m->draft ? RUN_ITALIC : RUN_PLAIN);
        for (int w = 0; w < WHEN_COUNT; w++) c[5 + w] = plain(m->assessed[w] ? words.yes : words.no, RUN_PLAIN);
    }
    if (rows) doc_table(s->d, cols, 8, cells, rows);
    if (*excluded) {
        Run r[2] = { plain(words.not_included_note, RUN_ITALIC), plain(excluded, RUN_PLAIN) };
        doc_paragraph(s->d, r, 2, PARA_LEFT);
    }
}

/* The four phases with their weeks and dates, then the weeks one by one. */
static void block_calendar(Summary *s) {
    const Group *g = s->g;
    if (!g->starts.set || g->weeks <= 0) return;
    doc_heading(s->d, 1, words.calendar, NULL);
    doc_heading(s->d, 2, words.calendar_phases, NULL);
    TableColumn pcols[3] = { { words.calendar_phase_cols[0], 3, ALIGN_LEFT },
                             { words.calendar_phase_cols[1], 1, ALIGN_LEFT },
                             { words.calendar_phase_cols[2], 3, ALIGN_LEFT } };
    Run pcells[3 * PHASE_COUNT];
    for (int p = 0; p < PHASE_COUNT; p++) {
        const PhaseSpan *ph = &g->phases[p];
        pcells[3 * p] = plain(words.phase_titles[p], RUN_PLAIN);
        pcells[3 * p + 1] = plain(ph->first == ph->last ? arena_printf(s->a, "%d", ph->first)
                                                        : arena_printf(s->a, "%d\u2013%d", ph->first, ph->last),
                                  RUN_PLAIN);
        pcells[3 * p + 2] = plain(ph->first == ph->last ? week_date(s, ph->first)
                                  : arena_printf(s->a, "%s to %s", week_date(s, ph->first), week_date(s, ph->last)),
                                  RUN_PLAIN);
    }
    doc_table(s->d, pcols, 3, pcells, PHASE_COUNT);
    doc_heading(s->d, 2, words.calendar_weeks, NULL);
    TableColumn wcols[4] = { { words.calendar_week_cols[0], 0.6, ALIGN_RIGHT },
                             { words.calendar_week_cols[1], 1.6, ALIGN_LEFT },
                             { words.calendar_week_cols[2], 2.8, ALIGN_LEFT },
                             { words.calendar_week_cols[3], 3.0, ALIGN_LEFT } };
    Run *cells = arena_alloc(s->a, sizeof *cells * 4 * (size_t)g->weeks);
    for (int w = 1; w <= g->weeks; w++) {
        Run *c = cells + 4 * (w - 1);
        c[0] = plain(arena_printf(s->a, "%d", w), RUN_PLAIN);
        c[1] = plain(week_date(s, w), RUN_PLAIN);
        c[2] = plain("", RUN_PLAIN);
        for (int p = 0; p < PHASE_COUNT; p++)
            if (g->phases[p].first == w) c[2] = plain(words.phase_titles[p], RUN_BOLD);
        c[3] = plain("", RUN_PLAIN);
    }
    doc_table(s->d, wcols, 4, cells, g->weeks);
}

/* ---- reading the members ----------------------------------------------- */

static void add_input(Summary *s, const char *path) {
    *(const char **)arena_push(s->a, &s->inputs, &s->ninputs, &s->cap_inputs, sizeof path) =
        arena_strdup(s->a, path);
}

/* Compiles one member in an arena of its own, copies its facts, frees it. */
static void read_member(Session *ses, Summary *s, const Member *mb) {
    MemberFacts *mf = arena_push(s->a, &s->ms, &s->n, &s->cap, sizeof *mf);
    mf->path = arena_strdup(s->a, mb->path);
    add_input(s, mb->path);
    Arena a = { 0 };
    CompileOptions co = { .purpose = NEED_REPORT, .group = s->gm };
    CompileStatus st;
    Model *m = compile_file(ses, &a, mb->path, &co, &st);
    if (m && st == COMPILE_OK) {
        facts_of_member(s->a, mf, m, score_model(&a, m), s->g->starts);
        s->included++;
    }
    for (int i = 1; m && i < m->nsources; i++) add_input(s, m->sources[i]->path);
    arena_free(&a);
}

static Doc *build(Summary *s, const SummaryOptions *o) {
    const Group *g = s->g;
    DocInfo info = {
        .paper = o->paper, .lang = "en",
        .title = arena_printf(s->a, "%s: %s", words.title, g->title.s),
        .author = s->gm->clinic.name.s, .subject = words.subject,
        .header_left = g->title.s,
        .header_right = arena_printf(s->a, "%s%s%s", g->code.s ? g->code.s : "", g->code.s ? " \u00b7 " : "",
                                     words.confidential),
        .footer_page_numbers = 1, .page_format = words.page_format,
        .missing_glyph = render_missing_glyph,
    };
    char err[256];
    Doc *d = doc_new(&info, err, sizeof err);
    if (!d) {
        diag_file(DIAG_ERROR, NULL, "%s", err);
        return NULL;
    }
    s->d = d;
    block_details(s);
    block_roster(s);
    block_calendar(s);
    return d;
}

int summary_write(Session *ses, const char *group_file, const char *out, const SummaryOptions *o) {
    CompileOptions co = { .purpose = NEED_GROUP, .members = true };
    CompileStatus st;
    /* the session's arena: members that name the group find it compiled */
    Model *gm = compile_file(ses, &ses->arena, group_file, &co, &st);
    if (!gm || st != COMPILE_OK) return -1;
    if (!gm->g.title.s) {
        diag_file(DIAG_ERROR, group_file, "not a group file (it has no group { } block)");
        return -1;
    }
    session_remember_group(ses, gm, false);
    Arena a = { 0 };
    Summary s = { .a = &a, .gm = gm, .g = &gm->g };
    for (int i = 0; i < gm->nsources; i++) add_input(&s, gm->sources[i]->path);
    for (int i = 0; i < gm->g.nmembers; i++) read_member(ses, &s, &gm->g.members[i]);
    facts_dims(&a, gm, s.dims);
    facts_mark_group_high(s.ms, s.n, s.dims);
    if (!out) out = gm->g.code.s ? arena_printf(&a, "%s-summary.pdf", gm->g.code.s)
                                 : render_default_output(&a, group_file, "summary");
    int rc = -1;
    Doc *d = build(&s, o);
    if (d) {
        *(const char **)arena_push(&a, &s.inputs, &s.ninputs, &s.cap_inputs, sizeof(char *)) = NULL;
        char err[512];
        rc = doc_write_pdf(d, out, s.inputs, err, sizeof err);
        if (rc != 0) diag_file(DIAG_ERROR, NULL, "%s", err);
        doc_free(d);
    }
    arena_free(&a);
    return rc;
}
