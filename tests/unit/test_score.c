/* Unit tests for compiler/score/score.c. Every expected value below was computed
 * by hand (python3 as a calculator), never by calling the code under test.
 * The norms here are test vectors, not library figures. */
#include "score/score.h"
#include "score/scored.h"
#include "unit.h"

#include <math.h>

/* unit.h's TEST(name) names its macro parameter `name`, which also
 * replaces the `.name` member in its registration line, so it does not
 * compile. Until that is fixed there, register tests with this copy of the
 * same pattern whose parameter cannot collide with a member. */
#define SCORE_TEST(t_)                                                 \
    static void t_(void);                                             \
    __attribute__((constructor)) static void reg_##t_(void) {         \
        unit_tests[unit_count].name = #t_;                            \
        unit_tests[unit_count++].fn = t_;                             \
    }                                                                 \
    static void t_(void)

static const ScoreNorm NONE = {0.0, 0.0, 0};

/* BDI-style vector: functional M 8, SD 8; clinical M 35.48, SD 8.16; r .81 */
static const ScoreNorm BDI_FUNC = {8.0, 8.0, 1};
static const ScoreNorm BDI_CLIN = {35.48, 8.16, 1};
#define BDI_R 0.81

/* Higher-better vector: functional M 25, SD 5; clinical M 15, SD 5; r .84
 * c = (5*25 + 5*15)/10 = 20; SE = 5*sqrt(.16) = 2; S_diff = 2*sqrt 2 */
static const ScoreNorm HB_FUNC = {25.0, 5.0, 1};
static const ScoreNorm HB_CLIN = {15.0, 5.0, 1};
#define HB_R 0.84

SCORE_TEST(t_score_and_percentile) {
    ScoreNorm n = {20.0, 5.0, 1};
    double t = -1, p = -1, z = -1;
    CHECK(score_z(30.0, n, &z));
    CHECK_NEAR(z, 2.0, 1e-12);
    CHECK(score_t(30.0, n, &t));
    CHECK_NEAR(t, 70.0, 1e-12);
    CHECK(score_percentile(30.0, n, &p));
    CHECK_NEAR(p, 97.72498680518208, 1e-9);      /* 100*Phi(2) */
    CHECK(score_percentile(15.0, n, &p));
    CHECK_NEAR(p, 15.865525393145708, 1e-9);     /* 100*Phi(-1) */
    CHECK(score_t(20.0, n, &t));
    CHECK_NEAR(t, 50.0, 1e-12);
    CHECK(score_percentile(20.0, n, &p));
    CHECK_NEAR(p, 50.0, 1e-12);
    /* HF-MPS self-oriented university norm 65.27 / 14.01: x = 80 */
    ScoreNorm sop = {65.27, 14.01, 1};
    CHECK(score_t(80.0, sop, &t));
    CHECK_NEAR(t, 60.513918629550325, 1e-9);
    CHECK(score_percentile(75.27, sop, &p));
    CHECK_NEAR(p, 76.23171099064652, 1e-9);      /* z = 10/14.01 */
}

SCORE_TEST(t_score_not_computable) {
    double v = 123.0;
    ScoreNorm zero_sd = {20.0, 0.0, 1}, neg_sd = {20.0, -3.0, 1}, absent = {20.0, 5.0, 0};
    CHECK(!score_t(10.0, zero_sd, &v));
    CHECK(!score_t(10.0, neg_sd, &v));
    CHECK(!score_t(10.0, absent, &v));
    CHECK(!score_percentile(10.0, zero_sd, &v));
    CHECK(!score_t(NAN, (ScoreNorm){20.0, 5.0, 1}, &v));
    CHECK(!score_t(10.0, (ScoreNorm){NAN, 5.0, 1}, &v));
    CHECK_NEAR(v, 123.0, 0.0);   /* untouched on failure */
    CHECK(!score_norm_usable(NONE));
    CHECK(score_norm_usable(BDI_FUNC));
}

SCORE_TEST(t_percentile_tails_stay_in_range) {
    ScoreNorm n = {0.0, 1.0, 1};
    double p = -1;
    CHECK(score_percentile(40.0, n, &p));
    CHECK(p >= 0.0 && p <= 100.0 && !isnan(p));
    CHECK_NEAR(p, 100.0, 1e-9);
    CHECK(score_percentile(-40.0, n, &p));
    CHECK(p >= 0.0 && !isnan(p));
    CHECK_NEAR(p, 0.0, 1e-9);
}

SCORE_TEST(t_rci_bdi_vector) {
    /* SE = 8*sqrt(.19) = 3.4871191548325386
     * S_diff = sqrt2 * SE = 4.931531202375181
     * 1.96 * S_diff = 9.665801156655355 */
    Rci rc = score_rci(35.0, 15.0, 8.0, BDI_R, HIGHER_WORSE);
    CHECK(rc.computable);
    CHECK_NEAR(rc.se, 3.4871191548325386, 1e-9);
    CHECK_NEAR(rc.sdiff, 4.931531202375181, 1e-9);
    CHECK_NEAR(rc.min_change, 9.665801156655355, 1e-9);
    CHECK_NEAR(rc.rci, -4.055535528269063, 1e-9);
    CHECK_INT(rc.change, CHANGE_IMPROVED);
    CHECK_STR(score_change_name(rc.change), "reliable improvement");
}

SCORE_TEST(t_rci_sd_choice) {
    double sd = 0;
    CHECK(score_rci_sd(BDI_FUNC, BDI_CLIN, &sd));
    CHECK_NEAR(sd, 8.0, 0.0);                    /* functional first */
    CHECK(score_rci_sd(NONE, BDI_CLIN, &sd));
    CHECK_NEAR(sd, 8.16, 0.0);                   /* clinical only */
    CHECK(score_rci_sd(BDI_FUNC, NONE, &sd));
    CHECK_NEAR(sd, 8.0, 0.0);
    CHECK(!score_rci_sd(NONE, NONE, &sd));
    /* clinical SD 8.16: SE = 8.16*sqrt(.19) = 3.5568615379291897,
     * S_diff = 5.0301618264226855 */
    Rci rc = score_rci(30.0, 20.0, 8.16, BDI_R, HIGHER_WORSE);
    CHECK(rc.computable);
    CHECK_NEAR(rc.se, 3.5568615379291897, 1e-9);
    CHECK_NEAR(rc.sdiff, 5.0301618264226855, 1e-9);
}

SCORE_TEST(t_rci_not_computable) {
    Rci rc;
    rc = score_rci(30, 20, 8.0, SCORE_MISSING, HIGHER_WORSE);   /* r missing */
    CHECK(!rc.computable);
    CHECK_INT(rc.change, CHANGE_NOT_COMPUTABLE);
    CHECK(!isnan(rc.rci) && !isnan(rc.se) && !isnan(rc.sdiff));
    rc = score_rci(30, 20, 8.0, NAN, HIGHER_WORSE);             /* r NaN */
    CHECK(!rc.computable);
    CHECK(!isnan(rc.rci));
    rc = score_rci(30, 20, 8.0, 1.0, HIGHER_WORSE);             /* r = 1 */
    CHECK(!rc.computable);
    CHECK(!isnan(rc.rci) && !isinf(rc.rci));
    rc = score_rci(30, 20, 8.0, 0.0, HIGHER_WORSE);             /* r = 0 */
    CHECK(!rc.computable);
    rc = score_rci(30, 20, 8.0, 1.2, HIGHER_WORSE);             /* r > 1 */
    CHECK(!rc.computable);
    rc = score_rci(30, 20, 0.0, 0.81, HIGHER_WORSE);            /* SD = 0 */
    CHECK(!rc.computable);
    CHECK(!isnan(rc.rci) && !isinf(rc.rci));
    rc = score_rci(30, 20, -8.0, 0.81, HIGHER_WORSE);           /* SD < 0 */
    CHECK(!rc.computable);
    rc = score_rci(NAN, 20, 8.0, 0.81, HIGHER_WORSE);           /* pre NaN */
    CHECK(!rc.computable);
    rc = score_rci(30, 20, 8.0, 0.81, (ScoreDir)7);            /* bad dir */
    CHECK(!rc.computable);
    CHECK_STR(score_change_name(rc.change), "not computable");

    CHECK_INT(score_classify(30, 20, SCORE_MISSING, BDI_FUNC, BDI_CLIN, HIGHER_WORSE).outcome,
              OUTCOME_NOT_COMPUTABLE);
    CHECK_INT(score_classify(30, 20, 1.0, BDI_FUNC, BDI_CLIN, HIGHER_WORSE).outcome,
              OUTCOME_NOT_COMPUTABLE);
    ScoreNorm f0 = {8.0, 0.0, 1}, c0 = {35.48, 0.0, 1};
    CHECK_INT(score_classify(30, 20, 0.81, f0, c0, HIGHER_WORSE).outcome,
              OUTCOME_NOT_COMPUTABLE);
    CHECK_INT(score_classify(30, 20, 0.81, NONE, NONE, HIGHER_WORSE).outcome,
              OUTCOME_NOT_COMPUTABLE);
    CHECK_STR(score_outcome_name(OUTCOME_NOT_COMPUTABLE), "not computable");
}

SCORE_TEST(t_rci_exactly_on_criterion_is_not_reliable) {
    /* SD 1, r .5: SE = sqrt(.5), S_diff = 1; change of exactly 1.96 */
    Rci rc = score_rci(10.0, 8.04, 1.0, 0.5, HIGHER_WORSE);
    CHECK(rc.computable);
    CHECK_NEAR(rc.sdiff, 1.0, 1e-12);
    /* 10 - 8.04 is 1.9600000000000009 in binary floating point, so use a
     * change slightly inside and slightly outside instead. */
    rc = score_rci(10.0, 8.05, 1.0, 0.5, HIGHER_WORSE);        /* -1.95 */
    CHECK_INT(rc.change, CHANGE_NONE);
    rc = score_rci(10.0, 8.03, 1.0, 0.5, HIGHER_WORSE);        /* -1.97 */
    CHECK_INT(rc.change, CHANGE_IMPROVED);
}

SCORE_TEST(t_cutoffs_bdi) {
    double v = 0;
    /* c = (8.16*8 + 8*35.48) / (8.16 + 8) = 349.12 / 16.16 = 21.603960396... */
    CHECK(score_cutoff_c(BDI_FUNC, BDI_CLIN, &v));
    CHECK_NEAR(v, 21.603960396039604, 1e-9);
    Cutoff cut = score_cutoff(BDI_FUNC, BDI_CLIN, HIGHER_WORSE);
    CHECK_INT(cut.kind, CUTOFF_C);
    CHECK_NEAR(cut.value, 21.603960396039604, 1e-9);
    CHECK_STR(score_cutoff_name(cut.kind), "c");
    /* only clinical: a = 35.48 - 2*8.16 = 19.16 */
    cut = score_cutoff(NONE, BDI_CLIN, HIGHER_WORSE);
    CHECK_INT(cut.kind, CUTOFF_A);
    CHECK_NEAR(cut.value, 19.16, 1e-9);
    /* only functional: b = 8 + 2*8 = 24 */
    cut = score_cutoff(BDI_FUNC, NONE, HIGHER_WORSE);
    CHECK_INT(cut.kind, CUTOFF_B);
    CHECK_NEAR(cut.value, 24.0, 1e-12);
    cut = score_cutoff(NONE, NONE, HIGHER_WORSE);
    CHECK_INT(cut.kind, CUTOFF_NONE);
    CHECK_STR(score_cutoff_name(cut.kind), "none");
    CHECK(!score_past_cutoff(0.0, cut, HIGHER_WORSE));
}

SCORE_TEST(t_cutoffs_higher_better) {
    Cutoff cut = score_cutoff(HB_FUNC, HB_CLIN, HIGHER_BETTER);
    CHECK_INT(cut.kind, CUTOFF_C);
    CHECK_NEAR(cut.value, 20.0, 1e-12);
    /* a = 15 + 2*5 = 25 (toward the functional, higher end) */
    cut = score_cutoff(NONE, HB_CLIN, HIGHER_BETTER);
    CHECK_INT(cut.kind, CUTOFF_A);
    CHECK_NEAR(cut.value, 25.0, 1e-12);
    /* b = 25 - 2*5 = 15 (toward the dysfunctional, lower end) */
    cut = score_cutoff(HB_FUNC, NONE, HIGHER_BETTER);
    CHECK_INT(cut.kind, CUTOFF_B);
    CHECK_NEAR(cut.value, 15.0, 1e-12);
}

SCORE_TEST(t_classify_bdi_all_four) {
    /* RCIs with S_diff 4.931531202375181, cutoff c 21.6040 */
    CHECK_INT(score_classify(35, 15, BDI_R, BDI_FUNC, BDI_CLIN, HIGHER_WORSE).outcome,
              OUTCOME_RECOVERED);     /* RCI -4.0555, 15 < 21.60 */
    CHECK_INT(score_classify(40, 25, BDI_R, BDI_FUNC, BDI_CLIN, HIGHER_WORSE).outcome,
              OUTCOME_IMPROVED);      /* RCI -3.0417, 25 > 21.60 */
    CHECK_INT(score_classify(30, 25, BDI_R, BDI_FUNC, BDI_CLIN, HIGHER_WORSE).outcome,
              OUTCOME_UNCHANGED);     /* RCI -1.0139 */
    CHECK_INT(score_classify(20, 35, BDI_R, BDI_FUNC, BDI_CLIN, HIGHER_WORSE).outcome,
              OUTCOME_DETERIORATED);  /* RCI +3.0417 */
    Rci rc = score_rci(40, 25, 8.0, BDI_R, HIGHER_WORSE);
    CHECK_NEAR(rc.rci, -3.0416516462017977, 1e-9);
    rc = score_rci(30, 25, 8.0, BDI_R, HIGHER_WORSE);
    CHECK_NEAR(rc.rci, -1.0138838820672658, 1e-9);
    rc = score_rci(20, 35, 8.0, BDI_R, HIGHER_WORSE);
    CHECK_NEAR(rc.rci, 3.0416516462017977, 1e-9);
    CHECK_INT(rc.change, CHANGE_WORSENED);
    CHECK_STR(score_outcome_name(OUTCOME_RECOVERED), "recovered");
    CHECK_STR(score_outcome_name(OUTCOME_IMPROVED), "improved");
    CHECK_STR(score_outcome_name(OUTCOME_UNCHANGED), "unchanged");
    CHECK_STR(score_outcome_name(OUTCOME_DETERIORATED), "deteriorated");
}

SCORE_TEST(t_classify_higher_better) {
    /* S_diff = 2*sqrt2 = 2.8284271247461903, cutoff c = 20 */
    Rci rc = score_rci(12, 22, 5.0, HB_R, HIGHER_BETTER);
    CHECK_NEAR(rc.se, 2.0, 1e-12);
    CHECK_NEAR(rc.sdiff, 2.8284271247461903, 1e-12);
    CHECK_NEAR(rc.rci, 3.5355339059327373, 1e-9);
    CHECK_INT(rc.change, CHANGE_IMPROVED);       /* positive = better */
    CHECK_INT(score_classify(12, 22, HB_R, HB_FUNC, HB_CLIN, HIGHER_BETTER).outcome,
              OUTCOME_RECOVERED);     /* RCI +3.54, 22 > 20 */
    CHECK_INT(score_classify(12, 18, HB_R, HB_FUNC, HB_CLIN, HIGHER_BETTER).outcome,
              OUTCOME_IMPROVED);      /* RCI +2.12, 18 < 20 */
    CHECK_INT(score_classify(20, 14, HB_R, HB_FUNC, HB_CLIN, HIGHER_BETTER).outcome,
              OUTCOME_DETERIORATED);  /* RCI -2.12 */
    CHECK_INT(score_classify(15, 17, HB_R, HB_FUNC, HB_CLIN, HIGHER_BETTER).outcome,
              OUTCOME_UNCHANGED);     /* RCI +0.71 */
    rc = score_rci(20, 14, 5.0, HB_R, HIGHER_BETTER);
    CHECK_NEAR(rc.rci, -2.1213203435596424, 1e-9);
    CHECK_INT(rc.change, CHANGE_WORSENED);
}

SCORE_TEST(t_score_exactly_on_cutoff_is_not_past) {
    /* functional 10/5, clinical 30/5: c = (5*10 + 5*30)/10 = 20 exactly.
     * r .75: SE = 5*sqrt(.25) = 2.5, S_diff = 3.5355; 30 -> 20: RCI -2.83 */
    ScoreNorm f = {10.0, 5.0, 1}, c = {30.0, 5.0, 1};
    Cutoff cut = score_cutoff(f, c, HIGHER_WORSE);
    CHECK_NEAR(cut.value, 20.0, 0.0);
    CHECK(!score_past_cutoff(20.0, cut, HIGHER_WORSE));
    CHECK(score_past_cutoff(19.5, cut, HIGHER_WORSE));
    Rci rc = score_rci(30, 20, 5.0, 0.75, HIGHER_WORSE);
    CHECK_NEAR(rc.rci, -2.82842712474619, 1e-9);
    CHECK_INT(score_classify(30, 20, 0.75, f, c, HIGHER_WORSE).outcome, OUTCOME_IMPROVED);
    CHECK_INT(score_classify(30, 19.5, 0.75, f, c, HIGHER_WORSE).outcome, OUTCOME_RECOVERED);
    /* higher-better: HB cutoff c = 20 exactly */
    cut = score_cutoff(HB_FUNC, HB_CLIN, HIGHER_BETTER);
    CHECK(!score_past_cutoff(20.0, cut, HIGHER_BETTER));
    CHECK(score_past_cutoff(20.5, cut, HIGHER_BETTER));
    /* 12 -> 20: RCI = 8/2.8284 = 2.83, reliable, on the cutoff: improved */
    CHECK_INT(score_classify(12, 20, HB_R, HB_FUNC, HB_CLIN, HIGHER_BETTER).outcome,
              OUTCOME_IMPROVED);
}

SCORE_TEST(t_recovery_needs_the_pre_score_on_the_dysfunctional_side) {
    /* Higher-worse, BDI-style: cutoff c = 349.12 / 16.16 = 21.6040,
     * S_diff = 8 * sqrt(.19) * sqrt(2) = 4.9315. A pre score of 20 already
     * lies past the cutoff (20 < 21.60). */
    Classification k = score_classify(20, 5, BDI_R, BDI_FUNC, BDI_CLIN, HIGHER_WORSE);
    CHECK_INT(k.outcome, OUTCOME_IMPROVED);          /* RCI -15/4.9315 = -3.04 */
    CHECK_INT(k.pre_past_cutoff, 1);
    k = score_classify(22, 12, BDI_R, BDI_FUNC, BDI_CLIN, HIGHER_WORSE);
    CHECK_INT(k.outcome, OUTCOME_RECOVERED);         /* RCI -10/4.9315 = -2.03; 22 -> 12 crosses */
    CHECK_INT(k.pre_past_cutoff, 0);
    k = score_classify(20, 30, BDI_R, BDI_FUNC, BDI_CLIN, HIGHER_WORSE);
    CHECK_INT(k.outcome, OUTCOME_DETERIORATED);      /* RCI +2.03 */
    CHECK_INT(k.pre_past_cutoff, 1);
    k = score_classify(20, 18, BDI_R, BDI_FUNC, BDI_CLIN, HIGHER_WORSE);
    CHECK_INT(k.outcome, OUTCOME_UNCHANGED);         /* RCI -0.41 */
    CHECK_INT(k.pre_past_cutoff, 1);
    /* Higher-better: cutoff c = 20, S_diff = 5 * .4 * sqrt(2) = 2.8284. A
     * pre score of 21 is past it (21 > 20); one of 20 is on it, not past. */
    k = score_classify(21, 27, HB_R, HB_FUNC, HB_CLIN, HIGHER_BETTER);
    CHECK_INT(k.outcome, OUTCOME_IMPROVED);          /* RCI +6/2.8284 = +2.12 */
    CHECK_INT(k.pre_past_cutoff, 1);
    k = score_classify(20, 26, HB_R, HB_FUNC, HB_CLIN, HIGHER_BETTER);
    CHECK_INT(k.outcome, OUTCOME_RECOVERED);         /* +2.12, from on the cutoff to past it */
    CHECK_INT(k.pre_past_cutoff, 0);
    k = score_classify(12, 22, HB_R, HB_FUNC, HB_CLIN, HIGHER_BETTER);
    CHECK_INT(k.outcome, OUTCOME_RECOVERED);         /* +3.54 */
    CHECK_INT(k.pre_past_cutoff, 0);
    /* not computable: no flag either */
    k = score_classify(20, 5, SCORE_MISSING, BDI_FUNC, BDI_CLIN, HIGHER_WORSE);
    CHECK_INT(k.outcome, OUTCOME_NOT_COMPUTABLE);
    CHECK_INT(k.pre_past_cutoff, 0);
}

SCORE_TEST(t_outcome_without_cutoff) {
    Rci rc = score_rci(35, 15, 8.0, BDI_R, HIGHER_WORSE);
    Cutoff none = {CUTOFF_NONE, 0.0};
    CHECK_INT(score_outcome(rc, none, 35, 15, HIGHER_WORSE).outcome, OUTCOME_IMPROVED);
    Rci bad = {0, 0, 0, 0, 0, CHANGE_NOT_COMPUTABLE};
    CHECK_INT(score_outcome(bad, none, 35, 15, HIGHER_WORSE).outcome, OUTCOME_NOT_COMPUTABLE);
}

SCORE_TEST(t_goal_targets) {
    CHECK(score_goal_met(HIGHER_WORSE, 14.0, 13.0));
    CHECK(score_goal_met(HIGHER_WORSE, 14.0, 14.0));   /* on target: met */
    CHECK(!score_goal_met(HIGHER_WORSE, 14.0, 14.5));
    CHECK(score_goal_met(HIGHER_BETTER, 20.0, 21.0));
    CHECK(score_goal_met(HIGHER_BETTER, 20.0, 20.0));  /* on target: met */
    CHECK(!score_goal_met(HIGHER_BETTER, 20.0, 19.0));
    CHECK(!score_goal_met(HIGHER_WORSE, 14.0, NAN));
    CHECK(!score_goal_met(HIGHER_WORSE, NAN, 3.0));
    CHECK(!score_goal_met((ScoreDir)5, 14.0, 3.0));
}

/* An RCI is printed with 2 decimals, or more when a reliable one would
 * read as the criterion 1.96 (scored.c, scored_rci_decimals). */
SCORE_TEST(t_rci_decimals) {
    CHECK_INT(scored_rci_decimals(-2.04), 2);
    CHECK_INT(scored_rci_decimals(1.96), 2);          /* not reliable: 1.96 is true */
    CHECK_INT(scored_rci_decimals(1.9551), 2);        /* not reliable, printed 1.96 */
    CHECK_INT(scored_rci_decimals(1.9604), 4);        /* reliable: 1.9604, not 1.96 */
    CHECK_INT(scored_rci_decimals(-1.9649), 3);       /* reliable: -1.965 */
    CHECK_INT(scored_rci_decimals(1.965), 2);         /* 1.97 reads as reliable */
    CHECK_INT(scored_rci_decimals(1.9600001), 6);     /* at most 6 */
}
