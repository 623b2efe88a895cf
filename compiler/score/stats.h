/* stats.h — the statistics of a clinic's own sample (formc norms): mean
 * and standard deviation, skewness, Cronbach's alpha from item responses
 * and its confidence interval, and the F distribution that interval needs.
 *
 * Small pure functions, like score.h: no I/O, no allocation, no global
 * state; a figure that cannot be computed is reported by the return value
 * (false), never as NaN or infinity.
 *
 * Methods:
 *   - SD is the sample SD (divisor n - 1).
 *   - Skewness is the adjusted Fisher-Pearson coefficient G1 (as SPSS and
 *     Excel's SKEW report it): n / ((n-1)(n-2)) * sum(((x - mean) / SD)^3).
 *   - Cronbach's alpha (Cronbach, 1951): k / (k - 1) * (1 - sum of the item
 *     variances / variance of the total), over complete cases.
 *   - Its confidence interval follows Feldt, Woodruff & Salih (1987),
 *     Applied Psychological Measurement 11(1), 93-103, formula 6:
 *     (1 - alpha) / (1 - alpha_hat) has an F distribution with n - 1 and
 *     (n - 1)(k - 1) degrees of freedom, so the interval at level 1 - g is
 *     [1 - (1 - a) F(1 - g/2), 1 - (1 - a) F(g/2)].
 */
#ifndef FORMC_STATS_H
#define FORMC_STATS_H
#include <stdbool.h>

/* Mean and sample SD of x[0..n-1]: false when n < 2 or a value is not finite. */
bool stats_mean_sd(const double *x, int n, double *mean, double *sd);

/* Sample skewness G1 of x[0..n-1]: false when n < 3 or the SD is 0. */
bool stats_skewness(const double *x, int n, double *skew);

/* Cronbach's alpha of n complete cases of k items, row by row
 * (items[i * k + j] is person i's answer to item j, already reverse-keyed
 * where the key says so): false when n < 2, k < 2 or the total has no
 * variance. */
bool stats_alpha(const double *items, int n, int k, double *alpha);

/* The confidence interval of alpha at level (0.95 for 95%) from n cases
 * and k items (Feldt et al., 1987): false when n < 2, k < 2 or alpha >= 1. */
bool stats_alpha_ci(double alpha, int n, int k, double level, double *lo, double *hi);

/* The regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1. */
double stats_beta_inc(double a, double b, double x);

/* The p quantile of the F distribution with d1 and d2 degrees of freedom
 * (0 < p < 1, d1, d2 > 0). */
double stats_f_quantile(double p, double d1, double d2);

#endif
