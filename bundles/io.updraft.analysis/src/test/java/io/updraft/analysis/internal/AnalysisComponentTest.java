package io.updraft.analysis.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.analysis.InsightKind;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryService;
import io.updraft.telemetry.TelemetryStatus;

/** The component runs on its own thread and publishes each new insight once as a telemetry event. */
public class AnalysisComponentTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final FakeLogStore store = new FakeLogStore();
    private final MutableClock clock = new MutableClock(AnalyzerTest.T0);

    static final class FakeTelemetry implements TelemetryService {
        final List<TelemetryEvent> published = new CopyOnWriteArrayList<>();

        @Override
        public Optional<TelemetryEvent> publish(TelemetryEvent event) {
            published.add(event);
            return Optional.of(event);
        }

        @Override
        public void count(String name, long delta) {
            throw new UnsupportedOperationException("the analysis does not count usage");
        }

        @Override
        public void duration(String name, Duration duration) {
            throw new UnsupportedOperationException("the analysis does not time usage");
        }

        @Override
        public TelemetryStatus status() {
            throw new UnsupportedOperationException("the analysis does not read telemetry status");
        }
    }

    private void spike() {
        Device d = new Device(store);
        Random rnd = new Random(2);
        for (int i = 0; i < 200; i++) {
            d.cpu(AnalyzerTest.T0.plusSeconds(300L * i), 20 + rnd.nextGaussian() + (i == 150 ? 30 : 0));
        }
        clock.now = AnalyzerTest.T0.plusSeconds(300L * 200);
    }

    @Test
    public void publishesEachNewInsightOnce() {
        spike();
        AnalysisComponent c = new AnalysisComponent(TestConfigs.settings("home", tmp.getRoot().getAbsolutePath()),
                store, clock, false);
        FakeTelemetry telemetry = new FakeTelemetry();
        c.bindTelemetryService(telemetry);
        c.runOnce();
        c.runOnce();
        assertEquals(1, telemetry.published.size());
        TelemetryEvent e = telemetry.published.get(0);
        assertEquals(AnalysisComponent.SCHEMA, e.schema());
        assertEquals(Category.DIAGNOSTICS, e.category());
        assertEquals("anomaly", e.type());
        assertEquals(c.insights().get(0).id(), e.fields().get("id"));
        assertEquals(List.of(AnalyzerTest.CPU), e.fields().get("metrics"));
        assertTrue(((Map<?, ?>) e.fields().get("evidence")).containsKey("robustZ"));
        c.unbindTelemetryService(telemetry);
        c.deactivate();
    }

    @Test
    public void runsOnItsOwnThreadRightAfterStart() throws Exception {
        spike();
        AnalysisComponent c = new AnalysisComponent(TestConfigs.settings("home", tmp.getRoot().getAbsolutePath()),
                store, clock, true);
        try {
            Instant deadline = Instant.now().plusSeconds(10);
            while (c.insights().isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertEquals(InsightKind.ANOMALY, c.insights().get(0).kind());
            assertEquals(List.of(AnalyzerTest.CPU), c.metrics());
            assertTrue(c.statistics(AnalyzerTest.CPU).isPresent());
        } finally {
            c.deactivate();
        }
        // The executor reports termination from its worker just before that thread ends: give it a moment.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("updraft-analysis")) {
                t.join(5_000);
            }
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("updraft-analysis") && t.isAlive()));
    }
}
