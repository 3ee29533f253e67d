package io.updraft.analysis.internal;

import java.util.Random;

/** Generated metric series with a seeded generator: noise, daily cycles, bounded random walks, planted events. */
final class Series {
    private Series() {
    }

    /**
     * A clean series: level, Gaussian noise, a daily cycle of {@code amplitude} and a random walk kept within
     * ±{@code walkBound} of the level by reflecting it at the bounds.
     */
    static double[] clean(Random rnd, int n, double minutesPerSample, double level, double noise, double amplitude,
            double walkStep, double walkBound) {
        double[] v = new double[n];
        double walk = 0;
        double phase = rnd.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            walk += rnd.nextGaussian() * walkStep;
            if (walk > walkBound) {
                walk = 2 * walkBound - walk;
            } else if (walk < -walkBound) {
                walk = -2 * walkBound - walk;
            }
            double hours = i * minutesPerSample / 60;
            v[i] = level + walk + amplitude * Math.sin(2 * Math.PI * hours / 24 + phase) + noise * rnd.nextGaussian();
        }
        return v;
    }
}
