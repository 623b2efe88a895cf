/* score.c — scoring runtime: norms, reliable change, clinical significance,
 * goal targets. See score.h for the promises and conventions. */
#include "score/score.h"

#include <math.h>

static int dir_ok(ScoreDir dir) {
    return dir == HIGHER_WORSE || dir == HIGHER_BETTER;
}

/* Usable norm: has != 0, mean and sd finite, sd > 0. */
int score_norm_usable(ScoreNorm n) {
    return n.has && isfinite(n.mean) && isfinite(n.sd) && n.sd > 0.0;
}

/* z = (x - M) / SD (standard score against the reference norm). */
int score_z(double x, ScoreNorm ref, double *z) {
    if (!z || !isfinite(x) || !score_norm_usable(ref)) return 0;
    double v = (x - ref.mean) / ref.sd;
    if (!isfinite(v)) return 0;
    *z = v;
    return 1;
}

/* T = 50 + 10 (x - M) / SD (linear T-score; mean 50, SD 10). */
int score_t(double x, ScoreNorm ref, double *t) {
    double z;
    if (!t || !score_z(x, ref, &z)) return 0;
    double v = 50.0 + 10.0 * z;
    if (!isfinite(v)) return 0;
    *t = v;
    return 1;
}

/* Percentile = 100 Phi(z), with the standard normal CDF written as
 * Phi(z) = erfc(-z / sqrt(2)) / 2 (accurate in both tails). Assumes the
 * reference scores are normally distributed. */
int score_percentile(double x, ScoreNorm ref, double *pct) {
    double z;
    if (!pct || !score_z(x, ref, &z)) return 0;
    double p = 50.0 * erfc(-z / sqrt(2.0));
    if (!isfinite(p)) return 0;
    if (p < 0.0) p = 0.0;
    if (p > 100.0) p = 100.0;
    *pct = p;
    return 1;
}

/* SD for the RCI: SD of the functional (reference) norm when usable,
 * otherwise SD of the clinical norm. */
int score_rci_sd(ScoreNorm functional, ScoreNorm clinical, double *sd) {
    if (!sd) return 0;
    if (score_norm_usable(functional)) { *sd = functional.sd; return 1; }
    if (score_norm_usable(clinical)) { *sd = clinical.sd; return 1; }
    return 0;
}

/* Jacobson & Truax (1991):
 *   SE     = SD * sqrt(1 - r)
 *   S_diff = sqrt(2) * SE
 *   RCI    = (later - pre) / S_diff
 * Reliable when |RCI| > 1.96. Improvement is a negative RCI on a
 * higher-worse scale and a positive RCI on a higher-better scale.
 * Not computable unless 0 < r < 1, SD > 0 and every input is finite. */
Rci score_rci(double pre, double later, double sd, double r, ScoreDir dir) {
    Rci out = {0, 0.0, 0.0, 0.0, 0.0, CHANGE_NOT_COMPUTABLE};
    if (!dir_ok(dir) || !isfinite(pre) || !isfinite(later) ||
        !isfinite(sd) || !isfinite(r) || sd <= 0.0 || r <= 0.0 || r >= 1.0)
        return out;
    double se = sd * sqrt(1.0 - r);
    double sdiff = sqrt(2.0) * se;
    if (!(sdiff > 0.0) || !isfinite(sdiff)) return out;
    double rci = (later - pre) / sdiff;
    if (!isfinite(rci)) return out;
    out.computable = 1;
    out.se = se;
    out.sdiff = sdiff;
    out.rci = rci;
    out.min_change = SCORE_RCI_CRITERION * sdiff;
    if (fabs(rci) > SCORE_RCI_CRITERION) {
        int toward_higher = rci > 0.0;
        int better = (dir == HIGHER_BETTER) ? toward_higher : !toward_higher;
        out.change = better ? CHANGE_IMPROVED : CHANGE_WORSENED;
    } else {
        out.change = CHANGE_NONE;
    }
    return out;
}

/* Cutoff a (Jacobson & Truax, 1991): 2 clinical SDs from the clinical mean
 * toward the functional end.
 *   higher-worse:  a = M_clin - 2 SD_clin
 *   higher-better: a = M_clin + 2 SD_clin */
int score_cutoff_a(ScoreNorm clinical, ScoreDir dir, double *out) {
    if (!out || !dir_ok(dir) || !score_norm_usable(clinical)) return 0;
    double v = dir == HIGHER_WORSE ? clinical.mean - 2.0 * clinical.sd
                                   : clinical.mean + 2.0 * clinical.sd;
    if (!isfinite(v)) return 0;
    *out = v;
    return 1;
}

/* Cutoff b (Jacobson & Truax, 1991): 2 functional SDs from the functional
 * mean toward the dysfunctional end.
 *   higher-worse:  b = M_func + 2 SD_func
 *   higher-better: b = M_func - 2 SD_func */
int score_cutoff_b(ScoreNorm functional, ScoreDir dir, double *out) {
    if (!out || !dir_ok(dir) || !score_norm_usable(functional)) return 0;
    double v = dir == HIGHER_WORSE ? functional.mean + 2.0 * functional.sd
                                   : functional.mean - 2.0 * functional.sd;
    if (!isfinite(v)) return 0;
    *out = v;
    return 1;
}

/* Cutoff c (Jacobson & Truax, 1991): the point equally many own-SDs from
 * both means,
 *   c = (SD_clin * M_func + SD_func * M_clin) / (SD_clin + SD_func).
 * The same formula serves both directions. */
int score_cutoff_c(ScoreNorm functional, ScoreNorm clinical, double *out) {
    if (!out || !score_norm_usable(functional) || !score_norm_usable(clinical))
        return 0;
    double den = clinical.sd + functional.sd;
    if (!(den > 0.0) || !isfinite(den)) return 0;
    double v = (clinical.sd * functional.mean + functional.sd * clinical.mean) / den;
    if (!isfinite(v)) return 0;
    *out = v;
    return 1;
}

/* Cutoff choice: c when both norms are usable; a when only the clinical
 * norm is; b when only the functional norm is; none otherwise. */
Cutoff score_cutoff(ScoreNorm functional, ScoreNorm clinical, ScoreDir dir) {
    Cutoff cut = {CUTOFF_NONE, 0.0};
    if (!dir_ok(dir)) return cut;
    double v;
    if (score_cutoff_c(functional, clinical, &v)) {
        cut.kind = CUTOFF_C;
    } else if (score_cutoff_a(clinical, dir, &v)) {
        cut.kind = CUTOFF_A;
    } else if (score_cutoff_b(functional, dir, &v)) {
        cut.kind = CUTOFF_B;
    } else {
        return cut;
    }
    cut.value = v;
    return cut;
}

/* Past the cutoff = strictly on the functional side:
 *   higher-worse:  score < cutoff
 *   higher-better: score > cutoff
 * A score equal to the cutoff is not past it. */
int score_past_cutoff(double score, Cutoff cut, ScoreDir dir) {
    if (cut.kind == CUTOFF_NONE || !dir_ok(dir) || !isfinite(score) ||
        !isfinite(cut.value))
        return 0;
    return dir == HIGHER_WORSE ? score < cut.value : score > cut.value;
}

/* Jacobson & Truax (1991) categories:
 *   deteriorated = reliable worsening
 *   unchanged    = no reliable change
 *   recovered    = reliable improvement, the pre score not past the cutoff
 *                  and the later score past it (from the dysfunctional
 *                  population to the functional one: Jacobson, Follette &
 *                  Revenstorf, 1984)
 *   improved     = any other reliable improvement: the later score not past
 *                  the cutoff, the pre score already past it, or no cutoff */
Classification score_outcome(Rci rc, Cutoff cut, double pre, double later, ScoreDir dir) {
    Classification c = { OUTCOME_NOT_COMPUTABLE, 0 };
    if (!rc.computable || !dir_ok(dir)) return c;
    c.pre_past_cutoff = score_past_cutoff(pre, cut, dir);
    switch (rc.change) {
    case CHANGE_WORSENED: c.outcome = OUTCOME_DETERIORATED; break;
    case CHANGE_NONE: c.outcome = OUTCOME_UNCHANGED; break;
    case CHANGE_IMPROVED:
        c.outcome = !c.pre_past_cutoff && score_past_cutoff(later, cut, dir) ? OUTCOME_RECOVERED
                                                                             : OUTCOME_IMPROVED;
        break;
    case CHANGE_NOT_COMPUTABLE: break;
    }
    return c;
}

/* Full classification: SD from score_rci_sd, RCI from score_rci, cutoff
 * from score_cutoff, category from score_outcome. */
Classification score_classify(double pre, double later, double r, ScoreNorm functional,
                              ScoreNorm clinical, ScoreDir dir) {
    double sd;
    if (!score_rci_sd(functional, clinical, &sd)) return (Classification){ OUTCOME_NOT_COMPUTABLE, 0 };
    Rci rc = score_rci(pre, later, sd, r, dir);
    return score_outcome(rc, score_cutoff(functional, clinical, dir), pre, later, dir);
}

/* Report spelling of an outcome. */
const char *score_outcome_name(Outcome o) {
    switch (o) {
    case OUTCOME_RECOVERED: return "recovered";
    case OUTCOME_IMPROVED: return "improved";
    case OUTCOME_UNCHANGED: return "unchanged";
    case OUTCOME_DETERIORATED: return "deteriorated";
    case OUTCOME_NOT_COMPUTABLE: break;
    }
    return "not computable";
}

/* Report spelling of a change. */
const char *score_change_name(Change c) {
    switch (c) {
    case CHANGE_NONE: return "no reliable change";
    case CHANGE_IMPROVED: return "reliable improvement";
    case CHANGE_WORSENED: return "reliable worsening";
    case CHANGE_NOT_COMPUTABLE: break;
    }
    return "not computable";
}

/* Report spelling of a cutoff kind. */
const char *score_cutoff_name(CutoffKind k) {
    switch (k) {
    case CUTOFF_A: return "a";
    case CUTOFF_B: return "b";
    case CUTOFF_C: return "c";
    case CUTOFF_NONE: break;
    }
    return "none";
}

/* Goal target, inclusive:
 *   higher-worse:  met when later <= target
 *   higher-better: met when later >= target */
int score_goal_met(ScoreDir dir, double target, double later) {
    if (!dir_ok(dir) || !isfinite(target) || !isfinite(later)) return 0;
    return dir == HIGHER_WORSE ? later <= target : later >= target;
}
