package io.updraft.analysis.internal;

import java.util.Arrays;

/** Robust estimators: they ignore up to nearly half of the values being wild, unlike mean and least squares. */
final class Robust {
    /** Scales the median absolute deviation to the standard deviation of normally distributed values. */
    static final double MAD_TO_SIGMA = 1.4826;

    private Robust() {
    }

    /** The median of the first {@code n} values; the array is left as it was. NaN when {@code n} is 0. */
    static double median(double[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The {@code q} quantile (0 to 1) of sorted values, interpolated linearly between ranks. */
    static double quantileSorted(double[] sorted, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The median absolute deviation of the first {@code n} values around {@code center}. */
    static double mad(double[] values, int n, double center) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.abs(values[i] - center);
        }
        return median(d, n);
    }

    /**
     * The Theil–Sen line through the first {@code n} points: the median of the slopes between all pairs of points
     * with different x, and the median of {@code y - slope * x} as intercept. O(n²) in time and memory, so
     * callers keep {@code n} to a few hundred.
     *
     * @return {slope, intercept}; slope 0 when fewer than two distinct x exist
     */
    static double[] theilSen(double[] x, double[] y, int n) {
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[j] - x[i];
                if (dx != 0) {
                    slopes[k++] = (y[j] - y[i]) / dx;
                }
            }
        }
        double slope = k == 0 ? 0 : median(slopes, k);
        double[] rest = new double[n];
        for (int i = 0; i < n; i++) {
            rest[i] = y[i] - slope * x[i];
        }
        return new double[] {slope, median(rest, n)};
    }

    /** The share of the variance of y that the line explains, 1 - SSres/SStot; 0 when y does not vary. */
    static double rSquared(double[] x, double[] y, int n, double slope, double intercept) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += y[i];
        }
        mean /= n;
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < n; i++) {
            ssTot += (y[i] - mean) * (y[i] - mean);
            double r = y[i] - (slope * x[i] + intercept);
            ssRes += r * r;
        }
        return ssTot == 0 ? 0 : Math.max(0, 1 - ssRes / ssTot);
    }
}
