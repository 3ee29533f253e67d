package io.updraft.analysis.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The statistics against values from reference tables. */
public class StatsTest {

    @Test
    public void correlationPValueMatchesTheTDistribution() {
        // r = 0.5, n = 20: t = 2.449 with 18 df, two-sided p = 0.0248.
        assertEquals(0.0248, Stats.correlationPValue(0.5, 20), 2e-4);
        // r = 0.3, n = 50: t = 2.179 with 48 df, p = 0.0342.
        assertEquals(0.0342, Stats.correlationPValue(0.3, 50), 2e-4);
        assertEquals(1.0, Stats.correlationPValue(0.0, 30), 1e-12);
    }

    @Test
    public void poissonTailMatchesDirectSums() {
        // P(X >= 3 | 1) = 1 - e^-1 (1 + 1 + 1/2) = 0.0803014
        assertEquals(0.0803014, Stats.poissonUpperTail(3, 1), 1e-6);
        // P(X >= 10 | 2) = 4.6498e-5
        assertEquals(4.6498e-5, Stats.poissonUpperTail(10, 2), 1e-8);
        // Far tail without cancellation: P(X >= 30 | 1) = e^-1/30! (1 + 1/31 + 1/(31*32) + ...) = 1.43308e-33
        assertEquals(1.43308e-33, Stats.poissonUpperTail(30, 1), 1e-37);
        assertEquals(1.0, Stats.poissonUpperTail(0, 5), 0);
    }

    @Test
    public void spearmanUsesAverageRanksForTies() {
        assertArrayEquals(new double[] {1.5, 1.5, 3, 4}, Stats.ranks(new double[] {2, 2, 5, 9}, 4), 0);
        assertEquals(1.0, Stats.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 4, 9, 16}, 4), 1e-12);
        assertEquals(-1.0, Stats.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}, 3), 1e-12);
    }

    @Test
    public void theilSenIgnoresOutliers() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {1, 3, 5, 7, 9, 11, 13, 15, 17, 1000};
        double[] line = Robust.theilSen(x, y, 10);
        assertEquals(2, line[0], 1e-12);
        assertEquals(1, line[1], 1e-12);
    }
}
