/* score.h — the scoring runtime of formc.
 *
 * What this module promises:
 *   - Small pure functions: no I/O, no allocation, no global state.
 *   - Every result that can fail to exist says so through a flag or an
 *     enum value ("not computable"); no function ever returns NaN or
 *     infinity, and none divides by zero.
 *   - Inputs are plain doubles, the ScoreDir enum and the ScoreNorm struct,
 *     so the front end's model can call these directly.
 *
 * Methods (formulas are repeated above each function in score.c):
 *   T-score and percentile against a normal reference distribution;
 *   Reliable Change Index and clinical-significance cutoffs a, b, c after
 *   Jacobson, N. S., & Truax, P. (1991). Clinical significance: A
 *   statistical approach to defining meaningful change in psychotherapy
 *   research. Journal of Consulting and Clinical Psychology, 59(1), 12-19.
 *   doi:10.1037/0022-006X.59.1.12
 *
 * Conventions (also in docs/instruments.md):
 *   - A ScoreNorm is usable when has != 0, mean and sd are finite and sd > 0.
 *   - "functional" is the reference (community, student, ...) norm;
 *     "clinical" is the dysfunctional norm.
 *   - The RCI uses the SD of the functional norm; only when no usable
 *     functional norm exists does it use the clinical SD (score_rci_sd).
 *   - A reliability is usable when 0 < r < 1. Pass SCORE_MISSING (or NaN)
 *     when a scale has none; the RCI is then not computable.
 *   - Change is reliable only when |RCI| > 1.96 (strictly).
 *   - Cutoff c when both norms are usable, else a (clinical only), else b
 *     (functional only). A score exactly on the cutoff is NOT past it: being
 *     past the cutoff means strictly on the functional side.
 *   - A goal target is met when the later score reaches it, inclusive:
 *     higher-worse: score <= target; higher-better: score >= target.
 */
#ifndef FORMC_SCORE_H
#define FORMC_SCORE_H

/* The type names carry a Score prefix so that this header can be included
 * next to compiler/front/model.h, which has its own Direction and Norm. The model
 * converts explicitly, e.g.
 *   ScoreDir d = scale->direction == DIR_HIGHER_BETTER ? HIGHER_BETTER
 *                                                      : HIGHER_WORSE;
 *   ScoreNorm n = { norm->mean, norm->sd, 1 };                          */

/* Which end of a scale is the troubled end. */
typedef enum { HIGHER_WORSE = 0, HIGHER_BETTER = 1 } ScoreDir;

/* A published norm: mean and SD of one population; has = 0 when absent. */
typedef struct {
    double mean, sd;
    int has;
} ScoreNorm;

/* Value to pass for a missing reliability (any value outside (0,1) works). */
#define SCORE_MISSING (-1.0)

/* Two-tailed .05 criterion for reliable change (Jacobson & Truax, 1991). */
#define SCORE_RCI_CRITERION 1.96

/* 1 when the norm can be used: has, finite mean and sd, sd > 0. */
int score_norm_usable(ScoreNorm n);

/* z = (x - mean) / sd. Returns 1 and sets *z, or 0 (not computable). */
int score_z(double x, ScoreNorm ref, double *z);

/* T = 50 + 10 z. Returns 1 and sets *t, or 0 (not computable). */
int score_t(double x, ScoreNorm ref, double *t);

/* Percentile = 100 * Phi(z), Phi(z) = erfc(-z / sqrt 2) / 2.
 * Returns 1 and sets *pct (0..100), or 0 (not computable). */
int score_percentile(double x, ScoreNorm ref, double *pct);

/* Which SD the RCI uses: the functional SD when that norm is usable,
 * else the clinical SD. Returns 1 and sets *sd, or 0 when neither norm is
 * usable. */
int score_rci_sd(ScoreNorm functional, ScoreNorm clinical, double *sd);

/* Direction of a change, read through the scale's direction. */
typedef enum {
    CHANGE_NOT_COMPUTABLE = 0,
    CHANGE_NONE,      /* |RCI| <= 1.96 */
    CHANGE_IMPROVED,  /* reliable change toward the healthy end */
    CHANGE_WORSENED   /* reliable change toward the troubled end */
} Change;

/* Result of a Reliable Change Index computation. When computable == 0 all
 * numbers are 0 and change == CHANGE_NOT_COMPUTABLE. */
typedef struct {
    int computable;
    double se;         /* SD * sqrt(1 - r) */
    double sdiff;      /* sqrt(2) * se */
    double rci;        /* (later - pre) / sdiff, raw sign */
    double min_change; /* 1.96 * sdiff: smallest raw change that is reliable */
    Change change;
} Rci;

/* Reliable Change Index (Jacobson & Truax, 1991). */
Rci score_rci(double pre, double later, double sd, double r, ScoreDir dir);

/* Which clinical-significance cutoff was used. */
typedef enum {
    CUTOFF_NONE = 0, /* no usable norm: no cutoff */
    CUTOFF_A,        /* clinical mean, 2 clinical SDs toward functional */
    CUTOFF_B,        /* functional mean, 2 functional SDs toward clinical */
    CUTOFF_C         /* SD-weighted midpoint between the two means */
} CutoffKind;

typedef struct {
    CutoffKind kind;
    double value;    /* 0 when kind == CUTOFF_NONE */
} Cutoff;

/* Cutoff c when both norms are usable, else a, else b, else none. */
Cutoff score_cutoff(ScoreNorm functional, ScoreNorm clinical, ScoreDir dir);

/* Each cutoff on its own: returns 1 and sets *out, or 0 when its norms are
 * not usable. */
int score_cutoff_a(ScoreNorm clinical, ScoreDir dir, double *out);
int score_cutoff_b(ScoreNorm functional, ScoreDir dir, double *out);
int score_cutoff_c(ScoreNorm functional, ScoreNorm clinical, double *out);

/* 1 when score is strictly on the functional side of the cutoff; 0 when on
 * the cutoff, on the dysfunctional side, or when there is no cutoff. */
int score_past_cutoff(double score, Cutoff cut, ScoreDir dir);

/* Jacobson & Truax outcome categories. */
typedef enum {
    OUTCOME_NOT_COMPUTABLE = 0,
    OUTCOME_RECOVERED,    /* reliable improvement from the dysfunctional side
                             of the cutoff to past it */
    OUTCOME_IMPROVED,     /* reliable improvement that is not a recovery */
    OUTCOME_UNCHANGED,    /* no reliable change */
    OUTCOME_DETERIORATED  /* reliable worsening */
} Outcome;

/* The classification of one change from pre to a later score. */
typedef struct {
    Outcome outcome;
    int pre_past_cutoff;  /* 1 when the pre score already lay past the cutoff
                             (on the functional side): recovery cannot be
                             shown, so a reliable improvement is IMPROVED */
} Classification;

/* The one classification every document uses (Jacobson & Truax, 1991;
 * Jacobson, Follette & Revenstorf, 1984): recovered means a reliable
 * improvement that moves the score from the dysfunctional side of the
 * cutoff (or on it) to strictly past it. A reliable improvement is
 * IMPROVED when the later score is not past the cutoff, when the pre score
 * already was, or when there is no cutoff at all. */
Classification score_outcome(Rci rc, Cutoff cut, double pre, double later, ScoreDir dir);

/* The whole classification from raw inputs: picks the RCI SD with
 * score_rci_sd, the cutoff with score_cutoff, then score_outcome. */
Classification score_classify(double pre, double later, double r, ScoreNorm functional,
                              ScoreNorm clinical, ScoreDir dir);

/* Outcome spelled for reports: "recovered", "improved", "unchanged",
 * "deteriorated", "not computable". Never NULL. */
const char *score_outcome_name(Outcome o);

/* Change spelled for reports: "no reliable change", "reliable
 * improvement", "reliable worsening", "not computable". Never NULL. */
const char *score_change_name(Change c);

/* Cutoff kind spelled for reports: "a", "b", "c", "none". Never NULL. */
const char *score_cutoff_name(CutoffKind k);

/* Goal target: 1 when met, 0 when not met or inputs are not finite.
 * Higher-worse: later <= target. Higher-better: later >= target. */
int score_goal_met(ScoreDir dir, double target, double later);

#endif
