/* stats.c — statistics of a clinic's own sample; see stats.h. */
#include "score/stats.h"
#include <math.h>

bool stats_mean_sd(const double *x, int n, double *mean, double *sd) {
    if (n < 2) return false;
    double sum = 0;
    for (int i = 0; i < n; i++) {
        if (!isfinite(x[i])) return false;
        sum += x[i];
    }
    double m = sum / n, sq = 0;
    for (int i = 0; i < n; i++) sq += (x[i] - m) * (x[i] - m);
    *mean = m;
    *sd = sqrt(sq / (n - 1));
    return isfinite(*sd);
}

bool stats_skewness(const double *x, int n, double *skew) {
    double m, sd;
    if (n < 3 || !stats_mean_sd(x, n, &m, &sd) || !(sd > 0)) return false;
    double sum = 0;
    for (int i = 0; i < n; i++) sum += pow((x[i] - m) / sd, 3);
    *skew = (double)n / ((double)(n - 1) * (n - 2)) * sum;
    return isfinite(*skew);
}

/* The sample variance of column j of an n x k matrix (every case). */
static double column_variance(const double *items, int n, int k, int j) {
    double sum = 0, sq = 0;
    for (int i = 0; i < n; i++) sum += items[i * k + j];
    double m = sum / n;
    for (int i = 0; i < n; i++) sq += (items[i * k + j] - m) * (items[i * k + j] - m);
    return sq / (n - 1);
}

bool stats_alpha(const double *items, int n, int k, double *alpha) {
    if (n < 2 || k < 2) return false;
    double item_var = 0, sum = 0, sq = 0;
    for (int j = 0; j < k; j++) item_var += column_variance(items, n, k, j);
    for (int i = 0; i < n; i++) {
        double t = 0;
        for (int j = 0; j < k; j++) t += items[i * k + j];
        sum += t;
    }
    double m = sum / n;
    for (int i = 0; i < n; i++) {
        double t = 0;
        for (int j = 0; j < k; j++) t += items[i * k + j];
        sq += (t - m) * (t - m);
    }
    double total_var = sq / (n - 1);
    if (!(total_var > 0) || !isfinite(item_var)) return false;
    *alpha = (double)k / (k - 1) * (1 - item_var / total_var);
    return isfinite(*alpha);
}

/* The continued fraction of the incomplete beta function, by the modified
 * Lentz method: 1 / (1 + d1 / (1 + d2 / (1 + ...))), with
 * d(2m+1) = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and
 * d(2m) = m(b-m)x / ((a+2m-1)(a+2m)). */
static double beta_fraction(double a, double b, double x) {
    const double tiny = 1e-300, eps = 1e-15;
    double f = tiny, c = f, d = 0;
    for (int j = 1; j <= 1000; j++) {
        double num;
        if (j == 1) {
            num = 1;
        } else {
            int i = j - 1, m = i / 2;
            num = i % 2 ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                        : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
        }
        d = 1 + num * d;
        if (fabs(d) < tiny) d = tiny;
        d = 1 / d;
        c = 1 + num / c;
        if (fabs(c) < tiny) c = tiny;
        double delta = c * d;
        f *= delta;
        if (fabs(delta - 1) < eps) break;
    }
    return f;
}

double stats_beta_inc(double a, double b, double x) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    /* the fraction converges fast below the mean; above it, by symmetry */
    if (x > (a + 1) / (a + b + 2)) return 1 - stats_beta_inc(b, a, 1 - x);
    double front = exp(a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b))) / a;
    return front * beta_fraction(a, b, x);
}

double stats_f_quantile(double p, double d1, double d2) {
    /* F <= f exactly when the beta variable d1 f / (d1 f + d2) <= x: find x by bisection */
    double lo = 0, hi = 1;
    for (int i = 0; i < 200 && hi - lo > 1e-16; i++) {
        double mid = (lo + hi) / 2;
        if (stats_beta_inc(d1 / 2, d2 / 2, mid) < p) lo = mid;
        else hi = mid;
    }
    double x = (lo + hi) / 2;
    return d2 * x / (d1 * (1 - x));
}

bool stats_alpha_ci(double alpha, int n, int k, double level, double *lo, double *hi) {
    if (n < 2 || k < 2 || !(alpha < 1) || !(level > 0 && level < 1)) return false;
    double g = 1 - level, d1 = n - 1, d2 = (double)(n - 1) * (k - 1);
    *lo = 1 - (1 - alpha) * stats_f_quantile(1 - g / 2, d1, d2);
    *hi = 1 - (1 - alpha) * stats_f_quantile(g / 2, d1, d2);
    return isfinite(*lo) && isfinite(*hi);
}
