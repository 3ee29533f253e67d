package io.updraft.anonymizer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.ProcessCrash;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;

/**
 * Crash reports carry free text (log lines, exception messages, collector problems). The default rules name those
 * fields as text, so they are searched even where a maker turned scanning of unlisted text off.
 */
public class CrashTextTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final List<String> PLANTED = List.of("jane.doe@example.com", "+49 170 1234567",
            "00:1a:2b:3c:4d:5e", "192.168.17.42", "jdoe", "SN: KX7781234");

    @Test
    public void identifiersInCrashTextAreRemovedWithScanningOfUnlistedTextOff() {
        AnonymizerComponent a = TestConfigs.component(TestConfigs.with(TestConfigs.properties(tmp.getRoot().toPath()),
                "scanUnlistedText", false), new MutableClock(Events.T0));
        TelemetryEvent crash = ProcessCrash.killed("camera.service", 812, 11, true).withLogLines(List.of(
                "opening /home/jdoe/clips/today.mp4", "upload for jane.doe@example.com failed",
                "modem +49 170 1234567 lost carrier", "peer 00:1a:2b:3c:4d:5e at 192.168.17.42",
                "camera SN: KX7781234 encoder fault")).event(Instant.parse("2026-03-01T10:00:00Z"));
        TelemetryEvent uncaught = TelemetryEvents.draft("updraft.crash", 1, Category.CRASH, "uncaught-exception",
                Map.of("thread", "sync-jane.doe@example.com", "message", "cannot open /home/jdoe/.netrc",
                        "rootCause", "java.net.ConnectException: 192.168.17.42 refused",
                        "stack", List.of("com.acme.Sync.run(Sync.java:12)")));
        TelemetryEvent problem = TelemetryEvents.draft("updraft.telemetry.collector", 1, Category.DIAGNOSTICS,
                "problem", Map.of("collector", "gps", "problem", "failed: java.io.IOException: +49 170 1234567"));
        List<String> outputs = new ArrayList<>();
        for (TelemetryEvent e : List.of(crash, uncaught, problem)) {
            outputs.add(a.anonymize(e).orElseThrow().fields().toString());
        }
        String all = String.join("\n", outputs);
        List<String> survivors = new ArrayList<>();
        for (String value : PLANTED) {
            if (all.contains(value)) {
                survivors.add(value);
            }
        }
        assertEquals(all, List.of(), survivors);
        assertTrue(all, all.contains("encoder fault") && all.contains("Sync.java:12") && all.contains("camera.service"));
    }
}
