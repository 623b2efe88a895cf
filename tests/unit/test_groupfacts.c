/* Unit tests of the group summary's pure logic (compiler/score/groupfacts.h):
 * the weeks' dates, who counts as high within the group, and the
 * outcome counts trials report. */
#include <stdlib.h>
#include "unit.h"
#include "score/groupfacts.h"

static Date day(int y, int m, int d) { return (Date){ y, m, d, true, { 0 } }; }

#define CHECK_DATE(got, y_, m_, d_) do { Date g_ = (got);                       \
    if (g_.y != (y_) || g_.m != (m_) || g_.d != (d_))                          \
        UNIT_FAIL("%s == %04d-%02d-%02d, expected %04d-%02d-%02d", #got,       \
                  g_.y, g_.m, g_.d, (y_), (m_), (d_)); } while (0)

TEST(week_dates_are_seven_days_apart) {
    Date thu = day(2027, 1, 14);
    CHECK_DATE(facts_week_date(thu, 1), 2027, 1, 14);
    CHECK_DATE(facts_week_date(thu, 4), 2027, 2, 4);
    CHECK_DATE(facts_week_date(thu, 12), 2027, 4, 1);
    /* across a year's end and a leap day */
    CHECK_DATE(facts_week_date(day(2026, 12, 24), 2), 2026, 12, 31);
    CHECK_DATE(facts_week_date(day(2026, 12, 24), 3), 2027, 1, 7);
    CHECK_DATE(facts_week_date(day(2028, 2, 24), 2), 2028, 3, 2);
    CHECK_DATE(facts_week_date(day(2027, 2, 25), 2), 2027, 3, 4);
}

/* Five members with other-oriented raw scores, as in the example group. */
static void five(MemberFacts ms[6]) {
    static const double oop[] = { 58, 86, 60, 52, 46 };
    memset(ms, 0, sizeof *ms * 6);
    for (int i = 0; i < 5; i++) {
        ms[i].included = true;
        ms[i].dims[DIM_OTHER_ORIENTED] = (DimScore){ .has = true, .raw = oop[i] };
    }
    /* a sixth member with errors: never counted */
    ms[5].dims[DIM_OTHER_ORIENTED] = (DimScore){ .has = true, .raw = 500 };
}

TEST(group_threshold_is_mean_plus_one_sd) {
    MemberFacts ms[6];
    five(ms);
    double thr = 0;
    /* mean 60.4; squares of deviations sum to 939.2; SD = sqrt(939.2 / 4) */
    CHECK(facts_group_threshold(ms, 6, DIM_OTHER_ORIENTED, &thr));
    CHECK_NEAR(thr, 60.4 + 15.3232, 1e-3);
    CHECK(!facts_group_threshold(ms, 6, DIM_NONDISPLAY, &thr));   /* nobody scored */
    CHECK(!facts_group_threshold(ms, 2, DIM_OTHER_ORIENTED, &thr)); /* too few */
    for (int i = 0; i < 5; i++) ms[i].dims[DIM_OTHER_ORIENTED].raw = 50;
    CHECK(!facts_group_threshold(ms, 6, DIM_OTHER_ORIENTED, &thr)); /* all equal */
}

TEST(only_dimensions_without_a_norm_are_judged_within_the_group) {
    MemberFacts ms[6];
    five(ms);
    DimInfo dims[DIM_COUNT] = { 0 };
    facts_mark_group_high(ms, 6, dims);
    CHECK_INT(ms[1].dims[DIM_OTHER_ORIENTED].high, HIGH_IN_GROUP);   /* 86 >= 75.7 */
    int high = 0;
    for (int i = 0; i < 6; i++) high += ms[i].dims[DIM_OTHER_ORIENTED].high != HIGH_NO;
    CHECK_INT(high, 1);
    five(ms);
    dims[DIM_OTHER_ORIENTED].has_norm = true;   /* a norm decides, not the group */
    facts_mark_group_high(ms, 6, dims);
    CHECK_INT(ms[1].dims[DIM_OTHER_ORIENTED].high, HIGH_NO);
}

static ScaleOutcome change(bool perfectionism, Change post) {
    ScaleOutcome o = { .title = "s", .perfectionism = perfectionism };
    o.has[LATER_POST] = true;
    o.change[LATER_POST] = post;
    o.outcome[LATER_POST] = post == CHANGE_IMPROVED ? OUTCOME_IMPROVED
                          : post == CHANGE_WORSENED ? OUTCOME_DETERIORATED
                          : post == CHANGE_NONE ? OUTCOME_UNCHANGED : OUTCOME_NOT_COMPUTABLE;
    return o;
}

TEST(outcome_counts_as_trials_report_them) {
    ScaleOutcome two[] = { change(true, CHANGE_IMPROVED), change(true, CHANGE_IMPROVED) };
    ScaleOutcome mixed[] = { change(true, CHANGE_IMPROVED), change(true, CHANGE_WORSENED),
                             change(true, CHANGE_NONE) };
    ScaleOutcome mood_only[] = { change(false, CHANGE_IMPROVED), change(true, CHANGE_NONE) };
    ScaleOutcome unjudged[] = { change(true, CHANGE_NOT_COMPUTABLE), change(false, CHANGE_IMPROVED) };
    MemberFacts ms[6] = {
        { .included = true, .outcomes = two, .noutcomes = 2 },
        { .included = true, .outcomes = mixed, .noutcomes = 3 },
        { .included = true, .outcomes = mood_only, .noutcomes = 2 },
        { .included = true, .outcomes = unjudged, .noutcomes = 2 },
        { .included = true },                                    /* no post scores */
        { .included = false, .outcomes = two, .noutcomes = 2 },  /* had errors */
    };
    OutcomeCounts c = facts_count_outcomes(ms, 6, LATER_POST);
    CHECK_INT(c.assessed, 3);
    CHECK_INT(c.improved_one, 2);
    CHECK_INT(c.improved_two, 1);
    CHECK_INT(c.deteriorated_one, 1);
    OutcomeCounts f = facts_count_outcomes(ms, 6, LATER_FOLLOWUP);
    CHECK_INT(f.assessed, 0);
    CHECK_INT(f.improved_one, 0);
}

TEST(outcome_counts_leave_out_early_leavers) {
    ScaleOutcome two[] = { change(true, CHANGE_IMPROVED), change(true, CHANGE_IMPROVED) };
    ScaleOutcome none[] = { change(true, CHANGE_NONE) };
    MemberFacts ms[5] = {
        { .included = true, .outcomes = two, .noutcomes = 2 },
        { .included = true, .outcomes = none, .noutcomes = 1 },
        { .included = true, .outcomes = two, .noutcomes = 2, .left_week = 5,
          .left_phase = PHASE_INTERRUPTION },                  /* assessed after leaving */
        { .included = true, .left_week = 2, .left_phase = PHASE_ENGAGEMENT },
        { .included = false, .left_week = 4, .left_phase = PHASE_INTERRUPTION },   /* had errors */
    };
    OutcomeCounts c = facts_count_outcomes(ms, 5, LATER_POST);
    CHECK_INT(c.assessed, 2);
    CHECK_INT(c.improved_one, 1);
    Completion k = facts_completion(ms, 5);
    CHECK_INT(k.completed, 2);
    CHECK_INT(k.left, 2);
    CHECK_INT(k.left_in[PHASE_ENGAGEMENT], 1);
    CHECK_INT(k.left_in[PHASE_INTERRUPTION], 1);
    CHECK_INT(k.left_in[PHASE_REDEFINITION], 0);
}

TEST(per_scale_counts_of_completers_and_of_leavers) {
    ScaleOutcome a[] = { change(true, CHANGE_IMPROVED), change(true, CHANGE_NONE) };
    ScaleOutcome b[] = { change(true, CHANGE_WORSENED) };
    ScaleOutcome c[] = { change(true, CHANGE_IMPROVED) };
    a[0].qualified = "x.one"; a[1].qualified = "x.two"; b[0].qualified = "x.one"; c[0].qualified = "x.one";
    MemberFacts ms[4] = {
        { .included = true, .outcomes = a, .noutcomes = 2 },
        { .included = true, .outcomes = b, .noutcomes = 1 },
        { .included = true, .outcomes = c, .noutcomes = 1, .left_week = 3 },   /* left, then assessed */
        { .included = false, .outcomes = c, .noutcomes = 1 },                  /* had errors */
    };
    int n[OUTCOME_DETERIORATED + 1];
    facts_count_scale(ms, 4, "x.one", LATER_POST, false, n);
    CHECK_INT(n[OUTCOME_IMPROVED], 1);
    CHECK_INT(n[OUTCOME_DETERIORATED], 1);
    CHECK_INT(n[OUTCOME_UNCHANGED], 0);
    facts_count_scale(ms, 4, "x.one", LATER_POST, true, n);
    CHECK_INT(n[OUTCOME_IMPROVED], 1);
    CHECK_INT(n[OUTCOME_DETERIORATED], 0);
    facts_count_scale(ms, 4, "x.two", LATER_POST, false, n);
    CHECK_INT(n[OUTCOME_UNCHANGED], 1);
    facts_count_scale(ms, 4, "x.one", LATER_FOLLOWUP, false, n);
    CHECK_INT(n[OUTCOME_IMPROVED] + n[OUTCOME_DETERIORATED], 0);
}

TEST(perfectionism_measures_by_instrument) {
    Instrument hfmps = { .id = { "hfmps", { 0 } } }, bdi = { .id = { "bdi", { 0 } } },
               cpq = { .id = { "cpq", { 0 } } };
    Scale a = { .instrument = &hfmps }, b = { .instrument = &bdi }, c = { .instrument = &cpq };
    CHECK(facts_is_perfectionism(&a));
    CHECK(!facts_is_perfectionism(&b));
    CHECK(facts_is_perfectionism(&c));
}

TEST(facts_read_gives_back_what_facts_write_wrote) {
    ScaleOutcome two[2] = {
        { .title = "Self-oriented perfectionism", .perfectionism = true, .has = { true, false },
          .outcome = { OUTCOME_IMPROVED, OUTCOME_NOT_COMPUTABLE } },
        { .title = "Satisfaction with life", .title_lang = "en", .has = { true, true },
          .outcome = { OUTCOME_UNCHANGED, OUTCOME_RECOVERED } },
    };
    MemberFacts mf = { .path = "members/ada.form", .included = true, .name = "Adaeze Nwosu",
                       .preferred = "Ada", .pronouns = "she/her", .has_age = true, .age = 34,
                       .outcomes = two, .noutcomes = 2 };
    mf.relating[RELATE_GROUP] = "Will test whether the group can hold her";
    mf.enactments[PHASE_TERMINATION] = "May leave early\nto avoid the ending";
    mf.attendance = true;
    mf.sessions = 9;
    mf.weeks = "1\u20135, 7, 9\u201311";
    mf.left_week = 11;
    mf.left_phase = PHASE_TERMINATION;
    mf.dims[DIM_NONDISPLAY] = (DimScore){ .has = true, .raw = 41, .has_t = true, .t = 62.5, .high = HIGH_BY_NORM };
    char *data = NULL;
    size_t len = 0;
    FILE *f = xmemstream(&data, &len);
    facts_write(f, &mf);
    facts_write(f, &(MemberFacts){ .path = "members/kai.form" });
    fclose(f);
    Arena a = { 0 };
    MemberFacts got, other;
    const char *p = data, *end = data + len;
    CHECK(facts_read(&a, &p, end, &got));
    CHECK(facts_read(&a, &p, end, &other));
    CHECK(p == end);
    CHECK_STR(got.path, "members/ada.form");
    CHECK_STR(got.name, "Adaeze Nwosu");
    CHECK_STR(got.preferred, "Ada");
    CHECK(got.id == NULL);
    CHECK_STR(got.relating[RELATE_GROUP], "Will test whether the group can hold her");
    CHECK(got.relating[RELATE_SELF] == NULL);
    CHECK_STR(got.enactments[PHASE_TERMINATION], "May leave early\nto avoid the ending");
    CHECK(got.included && got.has_age && got.age == 34);
    CHECK_STR(got.weeks, "1\u20135, 7, 9\u201311");
    CHECK(got.left_reason == NULL);
    CHECK(got.attendance && got.sessions == 9 && got.left_week == 11 && got.left_phase == PHASE_TERMINATION);
    CHECK_NEAR(got.dims[DIM_NONDISPLAY].t, 62.5, 0);
    CHECK_INT(got.dims[DIM_NONDISPLAY].high, HIGH_BY_NORM);
    CHECK_INT(got.noutcomes, 2);
    CHECK_STR(got.outcomes[1].title, "Satisfaction with life");
    CHECK_STR(got.outcomes[1].title_lang, "en");
    CHECK(got.outcomes[0].title_lang == NULL);
    CHECK_INT(got.outcomes[1].outcome[LATER_FOLLOWUP], OUTCOME_RECOVERED);
    CHECK(got.outcomes[0].perfectionism && !got.outcomes[1].perfectionism);
    CHECK_STR(other.path, "members/kai.form");
    CHECK(!other.included && other.name == NULL && other.noutcomes == 0);
    /* bytes cut short are refused, never read past */
    for (size_t cut = 0; cut < len; cut += 7) {
        p = data;
        MemberFacts m2, m3;
        if (facts_read(&a, &p, data + cut, &m2) && facts_read(&a, &p, data + cut, &m3))
            UNIT_FAIL("facts cut at %zu of %zu bytes were read", cut, len);
    }
    arena_free(&a);
    free(data);
}

/* The facts of one member, filled field by field over a struct whose every
 * byte (its padding too) was first set to fill. */
static void facts_over(MemberFacts *mf, ScaleOutcome *o, int fill) {
    memset(mf, fill, sizeof *mf);
    memset(o, fill, sizeof *o);
    o->title = "Concern over mistakes";
    o->title_lang = NULL;
    o->qualified = "hfmps.concern";
    o->pre = 80;
    o->perfectionism = true;
    for (int l = 0; l < LATER_COUNT; l++) {
        o->later[l] = 60 - l;
        o->has[l] = l == LATER_POST;
        o->outcome[l] = OUTCOME_IMPROVED;
        o->pre_past[l] = false;
        o->change[l] = CHANGE_IMPROVED;
    }
    mf->path = "members/ada.form";
    mf->included = true;
    mf->name = "Ada Lovelace";
    mf->preferred = mf->id = mf->pronouns = NULL;
    mf->has_age = true;
    mf->age = 36;
    mf->draft = false;
    for (int w = 0; w < WHEN_COUNT; w++) mf->assessed[w] = w == WHEN_PRE;
    for (int d = 0; d < DIM_COUNT; d++)
        mf->dims[d] = (DimScore){ .has = true, .raw = 40 + d, .has_t = d > 2, .t = 55, .high = HIGH_NO };
    for (int r = 0; r < RELATE_COUNT; r++) mf->relating[r] = NULL;
    for (int p = 0; p < PHASE_COUNT; p++) mf->enactments[p] = p ? NULL : "Arrives early";
    mf->lang = "en";
    mf->outcomes = o;
    mf->noutcomes = 1;
    mf->attendance = true;
    mf->sessions = 10;
    mf->weeks = "1\u201310";
    mf->left_week = 0;
    mf->left_phase = PHASE_COUNT;
    mf->left_reason = NULL;
}

/* The bytes facts_write() writes of mf. */
static char *written(const MemberFacts *mf, size_t *len) {
    char *data = NULL;
    FILE *f = xmemstream(&data, len);
    facts_write(f, mf);
    fclose(f);
    return data;
}

TEST(facts_write_sends_no_byte_of_the_structs_padding) {
    MemberFacts a, b;
    ScaleOutcome oa, ob;
    facts_over(&a, &oa, 0xa5);
    facts_over(&b, &ob, 0x5a);
    size_t la, lb;
    char *da = written(&a, &la), *db = written(&b, &lb);
    CHECK(la == lb && !memcmp(da, db, la));     /* the same facts, the same bytes */
    free(da);
    free(db);
}
