package io.updraft.analysis.internal;

import java.util.Arrays;

/** Correlation coefficients and the distribution tails their significance tests need. */
final class Stats {
    private Stats() {
    }

    /** Pearson's r of the first {@code n} pairs; NaN when either side does not vary. */
    static double pearson(double[] a, double[] b, int n) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Spearman's rank correlation of the first {@code n} pairs, ties given their average rank. */
    static double spearman(double[] a, double[] b, int n) {
        return pearson(ranks(a, n), ranks(b, n), n);
    }

    static double[] ranks(double[] v, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
        double[] r = new double[n];
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    /**
     * The two-sided p-value of a correlation coefficient {@code r} from {@code n} pairs under no correlation, by the
     * t distribution with n - 2 degrees of freedom (exact for Pearson on normal data, the usual approximation for
     * Spearman from about 10 pairs).
     */
    static double correlationPValue(double r, int n) {
        if (n < 3 || Double.isNaN(r)) {
            return 1;
        }
        if (Math.abs(r) >= 1) {
            return 0;
        }
        double df = n - 2;
        double t = r * Math.sqrt(df / (1 - r * r));
        return incompleteBeta(df / 2, 0.5, df / (df + t * t));
    }

    /**
     * P(X ≥ k) for X Poisson with mean {@code lambda}: how likely at least k events are by chance at the baseline
     * rate.
     */
    static double poissonUpperTail(long k, double lambda) {
        if (k <= 0) {
            return 1;
        }
        // 1 - P(X <= k-1), summed in log space so large k and lambda neither overflow nor underflow early.
        double term = -lambda;
        double cdf = Math.exp(term);
        for (long i = 1; i < k; i++) {
            term += Math.log(lambda) - Math.log(i);
            cdf += Math.exp(term);
        }
        double tail = 1 - cdf;
        if (tail > 1e-8) {
            return tail;
        }
        // 1 - cdf lost its digits: sum the tail directly from k up.
        double t = -lambda + k * Math.log(lambda) - logFactorial(k);
        double sum = 0;
        for (long i = k; i < k + 1000; i++) {
            double e = Math.exp(t);
            sum += e;
            if (e < sum * 1e-15) {
                break;
            }
            t += Math.log(lambda) - Math.log(i + 1);
        }
        return sum;
    }

    private static double logFactorial(long k) {
        double s = 0;
        for (long i = 2; i <= k; i++) {
            s += Math.log(i);
        }
        return s;
    }

    /** The regularized incomplete beta function I_x(a, b), by its continued fraction (Lentz's method). */
    static double incompleteBeta(double a, double b, double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        // The fraction converges fast only below the mean; above it use the symmetry I_x(a,b) = 1 - I_(1-x)(b,a).
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - front * betaFraction(b, a, 1 - x) / b;
        }
        return front * betaFraction(a, b, x) / a;
    }

    private static double betaFraction(double a, double b, double x) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-14) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x > 0 (Lanczos approximation, about 15 significant digits). */
    static double logGamma(double x) {
        final double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double s = g[0];
        for (int i = 1; i < g.length; i++) {
            s += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
