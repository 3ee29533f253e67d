package io.updraft.analysis.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.Test;

import io.updraft.analysis.internal.AnomalyDetector.Finding;

/** Planted spikes and level shifts are found at the right time; clean series of many seeds stay quiet. */
public class AnomalyDetectorTest {
    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    static final Settings.Anomaly DEFAULTS = TestConfigs.settings().anomaly();

    private static List<Finding> run(double[] series, Duration step) {
        AnomalyDetector d = new AnomalyDetector(DEFAULTS);
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < series.length; i++) {
            Finding f = d.add(T0.plus(step.multipliedBy(i)), series[i]);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    public void findsPlantedSpikeAtItsTime() {
        Random rnd = new Random(7);
        double[] s = Series.clean(rnd, 600, 5, 50, 1, 3, 0.05, 2);
        s[400] += 15;
        List<Finding> found = run(s, Duration.ofMinutes(5));
        assertTrue("nothing found", !found.isEmpty());
        Finding first = found.get(0);
        assertEquals(T0.plus(Duration.ofMinutes(5 * 400)), first.start());
        assertEquals(s[400], found.get(found.size() - 1).value(), 1e-9);
        assertTrue("z " + first.z(), first.z() >= DEFAULTS.threshold());
        assertEquals(50, first.baseline(), 4);
        // One anomaly: every finding belongs to the one that started at the spike.
        assertTrue(found.stream().allMatch(f -> f.start().equals(first.start())));
    }

    @Test
    public void findsPlantedLevelShiftBelowTheSpikeThreshold() {
        Random rnd = new Random(11);
        double[] s = Series.clean(rnd, 600, 5, 50, 1, 0, 0.02, 1);
        for (int i = 300; i < s.length; i++) {
            s[i] += 7;
        }
        List<Finding> found = run(s, Duration.ofMinutes(5));
        assertTrue("nothing found", !found.isEmpty());
        Finding f = found.get(0);
        long startIndex = Duration.between(T0, f.start()).toMinutes() / 5;
        assertTrue("found at sample " + startIndex, startIndex >= 300 && startIndex <= 310);
        assertTrue(found.stream().allMatch(x -> x.start().equals(f.start())));
        assertTrue("a sustained shift", found.get(found.size() - 1).sustained());
    }

    @Test
    public void findsPlantedDip() {
        Random rnd = new Random(5);
        double[] s = Series.clean(rnd, 300, 1, 20, 0.5, 0, 0, 0);
        s[200] -= 10;
        List<Finding> found = run(s, Duration.ofMinutes(1));
        assertEquals(T0.plus(Duration.ofMinutes(200)), found.get(0).start());
        assertTrue(found.get(0).z() < 0);
    }

    @Test
    public void ignoresOutOfOrderSamples() {
        AnomalyDetector d = new AnomalyDetector(DEFAULTS);
        for (int i = 0; i < 100; i++) {
            d.add(T0.plusSeconds(60L * i), 10 + (i % 3));
        }
        assertNull(d.add(T0, 1000));
        assertNotNull(d.add(T0.plusSeconds(60L * 100), 1000));
    }

    @Test
    public void cleanSeriesStayQuietOverManySeeds() {
        int seeds = 200;
        int falseAlarms = 0;
        long samples = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Random rnd = new Random(1000 + seed);
            // Three typical shapes: plain noise, a daily cycle, a bounded random walk.
            double[][] all = {Series.clean(rnd, 600, 5, 50, 1, 0, 0, 0), Series.clean(rnd, 600, 5, 40, 1, 4, 0, 0),
                Series.clean(rnd, 600, 5, 60, 0.5, 0, 0.05, 5)};
            for (double[] s : all) {
                samples += s.length;
                falseAlarms += run(s, Duration.ofMinutes(5)).isEmpty() ? 0 : 1;
            }
        }
        System.out.printf("anomaly false alarms: %d of %d clean series (%d samples)%n", falseAlarms, 3 * seeds, samples);
        assertEquals(0, falseAlarms);
    }
}
