package io.updraft.analysis.internal;

import static io.updraft.analysis.internal.AnalyzerTest.CPU;
import static io.updraft.analysis.internal.AnalyzerTest.T0;
import static io.updraft.analysis.internal.AnalyzerTest.THERMAL;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.analysis.Insight;
import io.updraft.analysis.InsightKind;
import io.updraft.analysis.WindowStatistics;
import io.updraft.logstore.LogStore;
import io.updraft.telemetry.Category;

/** A withdrawn category's data leaves the analysis promptly: memory, answers and the state file. */
public class ConsentTest {
    private static final String CPU_SCHEMA = "updraft.metric.cpu";
    private static final String PERFORMANCE = "telemetry.performance";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final FakeLogStore store = new FakeLogStore();
    private final Device device = new Device(store);
    private final MutableClock clock = new MutableClock(T0);
    private final FakeConsent consent = new FakeConsent(T0.minusSeconds(3600));

    private Analyzer analyzer() {
        return new Analyzer(settings(), store, clock, ConsentView.of(() -> consent));
    }

    private Settings settings() {
        return TestConfigs.settings("home", tmp.getRoot().getAbsolutePath());
    }

    private String stateOnDisk() throws Exception {
        return Files.readString(tmp.getRoot().toPath().resolve("analysis/state.json"), StandardCharsets.UTF_8);
    }

    private static Instant at(double hours) {
        return T0.plusMillis((long) (hours * 3_600_000));
    }

    /** A CPU spike (performance) and a steady temperature (diagnostics) every 5 minutes. */
    private void cpuSpikeAndTemperature() {
        Random rnd = new Random(2);
        for (int i = 0; i < 200; i++) {
            Instant t = T0.plusSeconds(300L * i);
            device.cpu(t, 20 + rnd.nextGaussian() + (i == 150 ? 30 : 0));
            device.thermal(t, 50 + rnd.nextGaussian());
        }
        clock.now = T0.plusSeconds(300L * 200);
    }

    private static boolean mentions(List<Insight> insights, String metric) {
        return insights.stream().anyMatch(i -> i.metrics().contains(metric));
    }

    private static long longestWindowCount(Analyzer a, String metric) {
        List<WindowStatistics> w = a.statistics(metric).orElseThrow().windows();
        return w.get(w.size() - 1).count();
    }

    @Test
    public void nextRunForgetsAWithdrawnCategoryOnDiskAndInEveryAnswer() throws Exception {
        cpuSpikeAndTemperature();
        Analyzer a = analyzer();
        a.run();
        assertEquals(List.of(THERMAL, CPU), a.metrics());
        assertTrue(mentions(a.insights(), CPU));
        assertTrue(stateOnDisk().contains(CPU));

        consent.withdraw(Category.PERFORMANCE, clock.now);
        store.purge(PERFORMANCE);
        a.run();
        // Read before any query: the run itself must have written the file without the category.
        String state = stateOnDisk();
        assertFalse(state, state.contains(CPU_SCHEMA));
        assertTrue(state.contains(THERMAL));
        assertEquals(List.of(THERMAL), a.metrics());
        assertTrue(a.statistics(CPU).isEmpty());
        assertFalse(mentions(a.insights(), CPU));
        assertFalse(a.positions().containsKey(PERFORMANCE));
        assertEquals(List.of(THERMAL), analyzer().metrics());

        consent.grant(Category.PERFORMANCE, clock.now);
        Instant regranted = clock.now;
        for (int i = 0; i < 12; i++) {
            device.cpu(regranted.plusSeconds(60L * i), 25);
        }
        clock.now = regranted.plusSeconds(720);
        a.run();
        assertEquals(List.of(THERMAL, CPU), a.metrics());
        assertEquals(12, longestWindowCount(a, CPU));
        assertTrue(stateOnDisk().contains(CPU));
    }

    @Test
    public void queriesNeverServeAWithdrawnCategoryAndDeniedRecordsAreNotRead() throws Exception {
        cpuSpikeAndTemperature();
        Analyzer a = analyzer();
        a.run();
        assertTrue(mentions(a.insights(), CPU));

        // No run and no purge yet: the query alone forgets, and saves before answering.
        consent.withdraw(Category.PERFORMANCE, clock.now);
        assertFalse(mentions(a.insights(), CPU));
        assertFalse(stateOnDisk().contains(CPU_SCHEMA));
        assertTrue(a.statistics(CPU).isEmpty());
        assertEquals(List.of(THERMAL), a.metrics());

        // The stream still holds records: the run skips them, moving the position to the stream's end.
        for (int i = 0; i < 5; i++) {
            device.cpu(clock.now.plusSeconds(60L * i), 90);
        }
        long readBefore = store.recordsRead;
        a.run();
        assertEquals(readBefore, store.recordsRead);
        assertEquals(205L, (long) a.positions().get(PERFORMANCE));
        assertEquals(List.of(THERMAL), a.metrics());
        assertFalse(stateOnDisk().contains(CPU_SCHEMA));

        consent.grant(Category.PERFORMANCE, clock.now.plusSeconds(300));
        Instant later = clock.now.plusSeconds(600);
        for (int i = 0; i < 3; i++) {
            device.cpu(later.plusSeconds(60L * i), 30);
        }
        clock.now = later.plusSeconds(180);
        a.run();
        assertEquals(3, longestWindowCount(a, CPU));
        assertEquals(30.0, a.statistics(CPU).orElseThrow().windows().get(0).max(), 0);
    }

    @Test
    public void withdrawingCrashForgetsTheCrashSeriesAndItsCorrelations() throws Exception {
        Random rnd = new Random(21);
        for (int h = 0; h < 7 * 24; h++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 6; k++) {
                double celsius = 55 + 12 * Math.sin(2 * Math.PI * (h + k / 6.0) / 24) + rnd.nextGaussian();
                max = Math.max(max, celsius);
                device.thermal(at(h + k / 6.0), celsius);
            }
            for (int c = AnalyzerTest.poisson(rnd, 0.3 * Math.max(0, max - 58)); c > 0; c--) {
                device.crash(at(h + rnd.nextDouble()));
            }
        }
        clock.now = at(7 * 24);
        Analyzer a = analyzer();
        a.run();
        assertTrue(a.insights().stream().anyMatch(i -> i.kind() == InsightKind.CORRELATION));
        assertTrue(stateOnDisk().contains(Analyzer.CRASHES));

        consent.withdraw(Category.CRASH, clock.now);
        store.purge("telemetry.crash");
        clock.now = clock.now.plusSeconds(300);
        a.run();
        String state = stateOnDisk();
        assertFalse(state, state.contains(Analyzer.CRASHES));
        assertFalse(mentions(a.insights(), Analyzer.CRASHES));
        assertEquals(List.of(THERMAL), a.metrics());
        assertEquals(List.of(THERMAL), analyzer().metrics());
        assertFalse(mentions(analyzer().insights(), Analyzer.CRASHES));
    }

    @Test
    public void logAnalysisFollowsDiagnosticsConsentAndResumesOnlyAfterTheGrant() throws Exception {
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
        device.thermal(at(11.9), 50);
        clock.now = at(12);
        Analyzer a = analyzer();
        a.run();
        assertTrue(a.insights().stream().anyMatch(i -> i.kind() == InsightKind.ERROR_RATE_CHANGE));
        assertTrue(stateOnDisk().contains("com.acme.Motor"));

        consent.withdraw(Category.DIAGNOSTICS, at(12));
        device.log(at(12.05), "ERROR", "com.acme.WhileWithdrawn", "written while withdrawn");
        clock.now = at(12.1);
        a.run();
        String state = stateOnDisk();
        assertFalse(state, state.contains("com.acme"));
        assertFalse(state, state.contains("updraft.health.thermal"));
        assertTrue(a.insights().isEmpty());
        assertTrue(a.metrics().isEmpty());
        assertEquals(store.usage().get(LogStore.LOG_STREAM).lastSequence(),
                (long) a.positions().get(LogStore.LOG_STREAM));

        // Written after the last run but before the grant: still not the analysis's to read.
        device.log(at(12.15), "ERROR", "com.acme.BeforeGrant", "written before the grant");
        consent.grant(Category.DIAGNOSTICS, at(12.2));
        device.log(at(12.25), "ERROR", "com.acme.AfterGrant", "written after the grant");
        clock.now = at(12.3);
        a.run();
        state = stateOnDisk();
        assertTrue(state, state.contains("com.acme.AfterGrant"));
        assertFalse(state, state.contains("com.acme.BeforeGrant"));
        assertFalse(state, state.contains("com.acme.WhileWithdrawn"));
    }

    @Test
    public void componentAsksTheBoundConsentServiceAndKeepsTodaysBehaviourWithoutOne() throws Exception {
        cpuSpikeAndTemperature();
        AnalysisComponent c = new AnalysisComponent(settings(), store, clock, false);
        try {
            c.runOnce();
            consent.withdraw(Category.PERFORMANCE, clock.now);
            assertTrue("no consent service bound: nothing is withheld", c.metrics().contains(CPU));
            c.bindConsentService(consent);
            assertFalse(mentions(c.insights(), CPU));
            assertEquals(List.of(THERMAL), c.metrics());
            assertTrue(c.statistics(CPU).isEmpty());
            c.unbindConsentService(consent);
        } finally {
            c.deactivate();
        }
    }
}
