package io.updraft.telemetry.command.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

import io.updraft.analysis.AnalysisService;
import io.updraft.analysis.Insight;
import io.updraft.analysis.InsightKind;
import io.updraft.analysis.MetricStatistics;
import io.updraft.analysis.Severity;
import io.updraft.analysis.WindowStatistics;

/** telemetry:insights against a fake analysis. */
public class InsightsCommandTest {
    static final Instant T = Instant.parse("2024-03-07T10:20:00Z");
    static final String DISK = "updraft.metric.disk.usedPercent";

    static final class FakeAnalysis implements AnalysisService {
        List<Insight> insights = List.of();

        @Override
        public List<Insight> insights() {
            return insights;
        }

        @Override
        public Optional<MetricStatistics> statistics(String metric) {
            if (!metric.equals(DISK)) {
                return Optional.empty();
            }
            return Optional.of(new MetricStatistics(DISK, 71.5, T, List.of(
                    new WindowStatistics(Duration.ofHours(1), 6, 71.25, 71, 71.5, 71.2, 71.5, 71.5),
                    new WindowStatistics(Duration.ofDays(7), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN))));
        }

        @Override
        public List<String> metrics() {
            return List.of(DISK);
        }
    }

    static Insight forecast() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("slopePerDay", 1.2);
        evidence.put("daysToLimit", 23.7);
        evidence.put("points", 168L);
        return new Insight("forecast/" + DISK, InsightKind.FORECAST, Severity.WARNING, DISK + " reaches 100 in 23.7 days",
                "Free space on the device.", List.of(DISK), evidence, T, T.plusSeconds(600));
    }

    private static String run(InsightsCommand c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static InsightsCommand command(FakeAnalysis a) {
        InsightsCommand c = new InsightsCommand();
        c.analysis = a;
        c.noFormat = true;
        return c;
    }

    @Test
    public void listsInsightsAsATable() {
        FakeAnalysis a = new FakeAnalysis();
        a.insights = List.of(forecast());
        String out = run(command(a));
        // --no-format: one tab-separated line per row, no header, for scripts.
        List<String> lines = out.lines().toList();
        assertEquals(out, 1, lines.size());
        assertEquals(List.of("WARNING", "forecast", DISK + " reaches 100 in 23.7 days", "2024-03-07T10:20:00Z"),
                java.util.Arrays.stream(lines.get(0).split("\t")).map(String::strip).toList());
        assertFalse("no evidence without -v", out.contains("daysToLimit"));
    }

    @Test
    public void verboseShowsDetailAndEvidence() {
        FakeAnalysis a = new FakeAnalysis();
        a.insights = List.of(forecast());
        InsightsCommand c = command(a);
        c.verbose = true;
        String out = run(c);
        assertTrue(out, out.contains("What to do: Free space on the device."));
        assertTrue(out, out.contains("    daysToLimit = 23.7"));
        assertTrue(out, out.contains("    points = 168"));
        assertTrue(out, out.contains("forecast/" + DISK + " (WARNING, last seen 2024-03-07T10:30:00Z)"));
    }

    @Test
    public void saysSoWhenNothingWasFound() {
        assertEquals("No insights: nothing unusual in the stored telemetry and log.", run(command(new FakeAnalysis())).strip());
    }

    @Test
    public void showsAMetricsRollingStatistics() {
        InsightsCommand c = command(new FakeAnalysis());
        c.metric = DISK;
        String out = run(c);
        assertTrue(out, out.contains("1h") && out.contains("71.25") && out.contains("71.2"));
        assertTrue(out, out.contains("168h") && out.contains("-"));
        assertTrue(out, out.contains("Last value of " + DISK + ": 71.50 at 2024-03-07T10:20:00Z"));
    }

    @Test
    public void unknownMetricAndMissingAnalysisAreClearErrors() {
        InsightsCommand c = command(new FakeAnalysis());
        c.metric = "no.such";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(c));
        assertTrue(e.getMessage(), e.getMessage().contains("metric 'no.such' is not tracked") && e.getMessage().contains(DISK));
        InsightsCommand none = command(null);
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> run(none));
        assertTrue(s.getMessage(), s.getMessage().contains("updraft-analysis"));
    }
}
