package io.updraft.telemetry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class ProcessCrashTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    public void signalDeathBecomesACrashEventOfTheDocumentedSchema() {
        TelemetryEvent e = ProcessCrash.killed("camera.service", 4211, 11, true).withRestarts(3)
                .withLogLines(List.of("starting", "frame 12 failed")).event(T);
        assertEquals(ProcessCrash.SCHEMA, e.schema());
        assertEquals(1, e.schemaVersion());
        assertEquals(Category.CRASH, e.category());
        assertEquals(ProcessCrash.TYPE, e.type());
        assertEquals(T, e.timestamp());
        assertTrue(TelemetryEvents.hasUnassignedId(e));
        assertEquals(Map.of("service", "camera.service", "pid", 4211L, "signal", 11L, "signalName", "SIGSEGV",
                "coreDumped", true, "restarts", 3L, "logLines", List.of("starting", "frame 12 failed")), e.fields());
    }

    @Test
    public void exitWithoutPidLeavesThePidOutAndHasNoSignal() {
        Map<String, Object> f = ProcessCrash.exited("db.service", 0, 3).event(T).fields();
        assertEquals(3L, f.get("exitCode"));
        assertFalse(f.containsKey("pid"));
        assertFalse(f.containsKey("signal"));
        assertEquals(false, f.get("coreDumped"));
    }

    @Test
    public void keepsTheNewestLinesAndCutsLongOnes() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ProcessCrash.MAX_LOG_LINES + 20; i++) {
            lines.add("line " + i);
        }
        lines.add("x".repeat(ProcessCrash.MAX_LINE_LENGTH + 100));
        List<String> kept = ProcessCrash.exited("a", 1, 1).withLogLines(lines).logLines();
        assertEquals(ProcessCrash.MAX_LOG_LINES, kept.size());
        assertEquals("line 21", kept.get(0));
        assertEquals(ProcessCrash.MAX_LINE_LENGTH, kept.get(kept.size() - 1).length());
    }

    @Test
    public void refusesContradictions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProcessCrash("a", 1, 1, 9, false, 0, List.of()));
        assertTrue(e.getMessage(), e.getMessage().contains("either an exit code or a signal"));
        e = assertThrows(IllegalArgumentException.class, () -> ProcessCrash.exited("a", 1, 300));
        assertTrue(e.getMessage(), e.getMessage().contains("300"));
        e = assertThrows(IllegalArgumentException.class, () -> new ProcessCrash("a", 1, 1, null, true, 0, List.of()));
        assertTrue(e.getMessage(), e.getMessage().contains("dumps core"));
        e = assertThrows(IllegalArgumentException.class, () -> ProcessCrash.killed(" ", 1, 9, false));
        assertTrue(e.getMessage(), e.getMessage().contains("service name"));
        assertThrows(IllegalArgumentException.class, () -> ProcessCrash.killed("a", 1, 0, false));
    }
}
