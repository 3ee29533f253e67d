package io.updraft.analysis.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.analysis.Insight;
import io.updraft.analysis.InsightKind;
import io.updraft.analysis.MetricStatistics;

/** The whole analysis over a store filled with generated telemetry and logs. */
public class AnalyzerTest {
    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    static final String DISK = "updraft.metric.disk.usedPercent";
    static final String THERMAL = "updraft.health.thermal.zones.celsius@thermal_zone0";
    static final String CPU = "updraft.metric.cpu.busyPercent";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final FakeLogStore store = new FakeLogStore();
    private final Device device = new Device(store);
    private final MutableClock clock = new MutableClock(T0);

    private Analyzer analyzer() throws Exception {
        return new Analyzer(TestConfigs.settings("home", tmp.getRoot().getAbsolutePath()), store, clock);
    }

    private static Instant at(double hours) {
        return T0.plusMillis((long) (hours * 3_600_000));
    }

    static int poisson(Random rnd, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        for (double p = rnd.nextDouble(); p > l; p *= rnd.nextDouble()) {
            k++;
        }
        return k;
    }

    private static List<Insight> of(List<Insight> all, InsightKind kind) {
        return all.stream().filter(i -> i.kind() == kind).collect(Collectors.toList());
    }

    @Test
    public void forecastsDiskFullWithinTenPercentOfTheTrueDate() throws Exception {
        Random rnd = new Random(3);
        // 60% rising 1.2 points a day: full 33.33 days after the start, 26.33 days after the last sample.
        for (int i = 0; i < 7 * 144; i++) {
            double days = i / 144.0;
            device.disk(at(days * 24), 60 + 1.2 * days + 0.3 * rnd.nextGaussian());
        }
        clock.now = at(7 * 24);
        Analyzer a = analyzer();
        a.run();
        List<Insight> forecasts = of(a.insights(), InsightKind.FORECAST);
        assertEquals(a.insights().toString(), 1, forecasts.size());
        Insight f = forecasts.get(0);
        assertEquals(List.of(DISK), f.metrics());
        double days = (Double) f.evidence().get("daysToLimit");
        double truth = (100 - 60) / 1.2 - 7;
        assertEquals("forecast " + days + " days", truth, days, truth * 0.1);
        assertTrue((Double) f.evidence().get("r2") > 0.9);
        assertEquals(1.2, (Double) f.evidence().get("slopePerDay"), 0.1);
        assertTrue(f.title(), f.title().startsWith(DISK + " reaches 100 in "));
        assertTrue("no anomaly on a steady rise: " + a.insights(), of(a.insights(), InsightKind.ANOMALY).isEmpty());
    }

    @Test
    public void findsCorrelationOfCrashesWithTemperatureButNotWithAnIndependentMetric() throws Exception {
        Random rnd = new Random(21);
        for (int h = 0; h < 7 * 24; h++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 6; k++) {
                double hours = h + k / 6.0;
                double celsius = 55 + 12 * Math.sin(2 * Math.PI * hours / 24) + rnd.nextGaussian();
                max = Math.max(max, celsius);
                device.thermal(at(hours), celsius);
                device.cpu(at(hours), 30 + 5 * rnd.nextGaussian());
            }
            int crashes = poisson(rnd, 0.3 * Math.max(0, max - 58));
            for (int c = 0; c < crashes; c++) {
                device.crash(at(h + rnd.nextDouble()));
            }
        }
        clock.now = at(7 * 24);
        Analyzer a = analyzer();
        a.run();
        List<Insight> found = of(a.insights(), InsightKind.CORRELATION);
        assertEquals(found.toString(), 1, found.size());
        Insight c = found.get(0);
        assertEquals(List.of(THERMAL, Analyzer.CRASHES), c.metrics());
        assertTrue((Double) c.evidence().get("spearman") > 0.5);
        assertTrue((Double) c.evidence().get("pValueBonferroni") < 1e-3);
        assertTrue("hours " + c.evidence().get("hours"), (Long) c.evidence().get("hours") >= 160);
    }

    @Test
    public void findsErrorRateJumpWithTheRightLogger() throws Exception {
        Random rnd = new Random(9);
        for (int m = 0; m < 12 * 60; m++) {
            device.log(at(m / 60.0), "INFO", "com.acme.App", "tick");
            if (rnd.nextDouble() < 0.03) {
                device.log(at(m / 60.0 + 0.001), "ERROR", "com.acme.Net", "connection reset");
            }
            if (m >= 600 && m < 630) {
                device.log(at(m / 60.0 + 0.002), "ERROR", "com.acme.Motor", "encoder timeout on axis 2");
                device.log(at(m / 60.0 + 0.003), "ERROR", "com.acme.Motor", "encoder timeout on axis 2");
            }
        }
        clock.now = at(12);
        Analyzer a = analyzer();
        a.run();
        List<Insight> found = of(a.insights(), InsightKind.ERROR_RATE_CHANGE);
        assertEquals(found.toString(), 1, found.size());
        Insight i = found.get(0);
        assertEquals(at(10), i.firstSeen());
        assertEquals(at(10.5), i.lastSeen());
        assertEquals("com.acme.Motor", i.evidence().get("logger1.name"));
        assertEquals("encoder timeout on axis 2", i.evidence().get("logger1.message"));
        assertTrue(i.metrics().contains("log.errors@com.acme.Motor"));
        assertTrue(i.title(), i.title().contains("mostly com.acme.Motor"));
    }

    @Test
    public void findsPlantedSpikeThroughTheStore() throws Exception {
        Random rnd = new Random(13);
        for (int i = 0; i < 500; i++) {
            device.cpu(at(i / 12.0), 30 + 2 * rnd.nextGaussian() + (i == 400 ? 40 : 0));
        }
        clock.now = at(500 / 12.0);
        Analyzer a = analyzer();
        List<Insight> fresh = a.run();
        List<Insight> anomalies = of(a.insights(), InsightKind.ANOMALY);
        assertEquals(anomalies.toString(), 1, anomalies.size());
        Insight i = anomalies.get(0);
        assertEquals(List.of(CPU), i.metrics());
        assertEquals(at(400 / 12.0), i.firstSeen());
        assertTrue((Double) i.evidence().get("robustZ") >= 8);
        assertEquals(30, (Double) i.evidence().get("baseline"), 2);
        assertEquals(fresh, a.insights());
    }

    @Test
    public void cleanDevicesGiveNoInsights() throws Exception {
        // Each seed: a week of cpu noise, a thermal daily cycle, a disk on a bounded slow walk, Poisson log errors
        // and crashes independent of everything.
        int seeds = 200;
        int withInsights = 0;
        StringBuilder first = new StringBuilder();
        for (int seed = 0; seed < seeds; seed++) {
            FakeLogStore s = new FakeLogStore();
            Device d = new Device(s);
            Random rnd = new Random(500 + seed);
            double walk = 0;
            for (int i = 0; i < 7 * 144; i++) {
                double hours = i / 6.0;
                d.cpu(at(hours), 30 + 3 * rnd.nextGaussian());
                d.thermal(at(hours), 50 + 3 * Math.sin(2 * Math.PI * hours / 24) + rnd.nextGaussian());
                walk = Math.max(-2, Math.min(2, walk + 0.01 * rnd.nextGaussian()));
                d.disk(at(hours), 40 + walk + 0.2 * rnd.nextGaussian());
                for (int e = poisson(rnd, 0.5); e > 0; e--) {
                    d.log(at(hours + rnd.nextDouble() / 6), "ERROR", "com.acme.Net", "connection reset");
                }
                if (i % 6 == 0) {
                    for (int c = poisson(rnd, 0.2); c > 0; c--) {
                        d.crash(at(hours + rnd.nextDouble()));
                    }
                }
            }
            clock.now = at(7 * 24);
            Path home = tmp.newFolder("seed" + seed).toPath();
            Analyzer a = new Analyzer(TestConfigs.settings("home", home.toString()), s, clock);
            a.run();
            if (!a.insights().isEmpty()) {
                withInsights++;
                if (first.length() == 0) {
                    first.append("seed ").append(seed).append(": ").append(a.insights());
                }
            }
        }
        System.out.printf("clean devices with insights: %d of %d%n", withInsights, seeds);
        assertEquals(first.toString(), 0, withInsights);
    }

    @Test
    public void restartKeepsPositionsAndStateSoNothingIsReadOrCountedTwice() throws Exception {
        Random rnd = new Random(1);
        int samples = 2 * 288;
        for (int i = 0; i < samples / 2; i++) {
            device.cpu(at(i / 12.0), 30 + rnd.nextGaussian());
        }
        clock.now = at(samples / 2 / 12.0);
        Analyzer first = analyzer();
        first.run();
        long readBefore = store.recordsRead;
        assertEquals(samples / 2, readBefore);
        Path state = tmp.getRoot().toPath().resolve("analysis/state.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));

        Analyzer second = analyzer();
        assertEquals(first.positions(), second.positions());
        for (int i = samples / 2; i < samples; i++) {
            device.cpu(at(i / 12.0), 30 + rnd.nextGaussian());
        }
        clock.now = at(samples / 12.0);
        second.run();
        assertEquals("only new records read after the restart", samples, store.recordsRead);
        MetricStatistics st = second.statistics(CPU).orElseThrow();
        assertEquals(samples, st.windows().get(2).count());
        // The 1-hour window spans 11 to 12 five-minute buckets of samples, depending on where now falls in one.
        long lastHour = st.windows().get(0).count();
        assertTrue("1h count " + lastHour, lastHour >= 11 && lastHour <= 12);
        assertEquals(30, st.windows().get(2).p50(), 0.3);
        assertEquals(List.of(CPU), second.metrics());
        assertFalse(second.statistics("no.such.metric").isPresent());
        assertEquals(Duration.ofDays(7), st.windows().get(2).window());
    }

    @Test
    public void unreadableStateIsKeptAsideAndAnalysisStartsAfresh() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("analysis");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("state.json"), "{ not json");
        Analyzer a = analyzer();
        assertEquals(List.of(), a.metrics());
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("state.json.unreadable-")));
        }
    }
}
