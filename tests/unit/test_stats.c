/* test_stats.c — unit tests of the statistics of local norms (stats.h),
 * each against figures computed by hand or read from published F tables. */
#include "score/stats.h"
#include "unit.h"

TEST(mean_and_sample_sd_by_hand) {
    /* 2 4 4 4 5 5 7 9: mean 5, squares of deviations 32, variance 32 / 7 */
    double x[] = { 2, 4, 4, 4, 5, 5, 7, 9 }, m, sd;
    CHECK(stats_mean_sd(x, 8, &m, &sd));
    CHECK_NEAR(m, 5, 1e-12);
    CHECK_NEAR(sd, sqrt(32.0 / 7), 1e-12);
    CHECK(!stats_mean_sd(x, 1, &m, &sd));               /* one case: no SD */
    double bad[] = { 1, NAN };
    CHECK(!stats_mean_sd(bad, 2, &m, &sd));
}

TEST(skewness_by_hand) {
    /* 1 2 3 4 10: mean 4, SD sqrt(12.5), cubed deviations sum 180;
     * G1 = 5 / (4 * 3) * 180 / 12.5^1.5 = 1.697056 */
    double x[] = { 1, 2, 3, 4, 10 }, g;
    CHECK(stats_skewness(x, 5, &g));
    CHECK_NEAR(g, 5.0 / 12 * 180 / pow(12.5, 1.5), 1e-12);
    CHECK_NEAR(g, 1.697056, 1e-6);
    double flat[] = { 3, 3, 3 };
    CHECK(!stats_skewness(flat, 3, &g));
}

TEST(cronbach_alpha_by_hand) {
    /* five people, three items:
     *   1 2 2 | 2 2 3 | 3 3 3 | 4 4 5 | 5 4 5      totals 5 7 9 13 14
     * item variances 2.5, 1.0, 1.8 (sum 5.3); total variance 59.2 / 4 = 14.8
     * alpha = 3/2 * (1 - 5.3 / 14.8) = 0.962837838 */
    double items[] = { 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 4, 5 }, a;
    CHECK(stats_alpha(items, 5, 3, &a));
    CHECK_NEAR(a, 1.5 * (1 - 5.3 / 14.8), 1e-12);
    CHECK_NEAR(a, 0.962837838, 1e-9);
    /* items that do not hang together: alpha can be negative, and is said */
    double apart[] = { 1, 5, 2, 4, 3, 3, 4, 2, 5, 1.5 };
    CHECK(stats_alpha(apart, 5, 2, &a));
    CHECK(a < 0);
    double same[] = { 2, 2, 2, 2 };                      /* no variance in the total */
    CHECK(!stats_alpha(same, 2, 2, &a));
    CHECK(!stats_alpha(items, 1, 3, &a));
    CHECK(!stats_alpha(items, 5, 1, &a));
}

TEST(incomplete_beta_by_hand) {
    /* I_x(2, 3) = sum over j = 2..4 of C(4, j) x^j (1 - x)^(4 - j); at 0.4: 0.5248 */
    CHECK_NEAR(stats_beta_inc(2, 3, 0.4), 0.5248, 1e-12);
    /* at 0.9 (above the mean: the symmetric branch): .0486 + .2916 + .6561 */
    CHECK_NEAR(stats_beta_inc(2, 3, 0.9), 0.9963, 1e-12);
    CHECK_NEAR(stats_beta_inc(1, 1, 0.3), 0.3, 1e-12);   /* uniform */
    CHECK_NEAR(stats_beta_inc(2, 3, 0), 0, 0);
    CHECK_NEAR(stats_beta_inc(2, 3, 1), 1, 0);
}

TEST(f_quantiles_match_published_tables) {
    CHECK_NEAR(stats_f_quantile(0.95, 6, 15), 2.7905, 5e-4);
    CHECK_NEAR(stats_f_quantile(0.95, 1, 10), 4.9646, 5e-4);
    CHECK_NEAR(stats_f_quantile(0.975, 10, 20), 2.7737, 5e-4);
    CHECK_NEAR(stats_f_quantile(0.975, 20, 10), 3.4185, 5e-4);
    CHECK_NEAR(stats_f_quantile(0.99, 5, 30), 3.6990, 5e-4);
    /* the lower tail is the reciprocal of the upper one with the degrees swapped */
    CHECK_NEAR(stats_f_quantile(0.025, 10, 20), 1 / stats_f_quantile(0.975, 20, 10), 1e-9);
}

TEST(alpha_confidence_interval_feldt) {
    /* alpha .80 from 11 people and 3 items: F with 10 and 20 degrees of
     * freedom; 95%: 1 - .2 * 2.7737 = .44526 and 1 - .2 / 3.4185 = .94149 */
    double lo, hi;
    CHECK(stats_alpha_ci(0.80, 11, 3, 0.95, &lo, &hi));
    CHECK_NEAR(lo, 1 - 0.2 * 2.7737, 2e-4);
    CHECK_NEAR(hi, 1 - 0.2 / 3.4185, 2e-4);
    CHECK(lo < 0.80 && 0.80 < hi);
    /* more people, a narrower interval */
    double lo2, hi2;
    CHECK(stats_alpha_ci(0.80, 101, 3, 0.95, &lo2, &hi2));
    CHECK(hi2 - lo2 < hi - lo);
    CHECK(!stats_alpha_ci(1.0, 11, 3, 0.95, &lo, &hi));
    CHECK(!stats_alpha_ci(0.8, 1, 3, 0.95, &lo, &hi));
}
