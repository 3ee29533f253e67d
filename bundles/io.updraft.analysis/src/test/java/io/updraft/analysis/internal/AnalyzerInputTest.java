package io.updraft.analysis.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.logstore.LogStore;

/** The analysis over a store that changes under it or holds records it cannot use. */
public class AnalyzerInputTest {
    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final FakeLogStore store = new FakeLogStore();
    private final MutableClock clock = new MutableClock(T0);

    private Analyzer analyzer() {
        return new Analyzer(TestConfigs.settings("home", tmp.getRoot().getAbsolutePath()), store, clock);
    }

    private void log(int n, Instant at) {
        for (int i = 0; i < n; i++) {
            store.append(LogStore.LOG_STREAM, at, ("{\"ts\":\"" + at + "\",\"level\":\"INFO\",\"logger\":\"a\","
                    + "\"message\":\"m" + i + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    public void aStoreMadeAnewIsReadFromItsStartAfterARestart() throws Exception {
        log(10, T0);
        analyzer().run();
        assertEquals(10, store.recordsRead);

        store.recreate("another-store");
        log(30, T0.plusSeconds(60));
        Analyzer second = analyzer();
        second.run();
        assertEquals("every record of the new store is read", 40, store.recordsRead);
        assertEquals(Map.of(LogStore.LOG_STREAM, 30L), second.positions());
        String saved = Files.readString(tmp.getRoot().toPath().resolve("analysis/state.json"));
        assertTrue(saved, saved.contains("\"storeId\":\"another-store\""));
    }

    @Test
    public void positionsOfStreamsThatAreGoneAreNotKept() throws Exception {
        log(3, T0);
        store.append("telemetry.performance", T0, new byte[] {1});
        Analyzer a = analyzer();
        a.run();
        assertEquals(2, a.positions().size());
        store.recreate("test-store");
        log(5, T0);
        a.run();
        assertEquals(Map.of(LogStore.LOG_STREAM, 5L), a.positions());
    }

    @Test
    public void recordsThatCannotBeUsedAreSkippedAndTheAnalysisGoesOn() throws Exception {
        byte[][] bad = {
            "not json at all".getBytes(StandardCharsets.UTF_8),
            "[1,2,3]".getBytes(StandardCharsets.UTF_8),
            "{\"level\":{\"nested\":true},\"logger\":[1],\"message\":null}".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xff, (byte) 0xfe, 0, 1},
            "{\"level\":\"ERROR\"".getBytes(StandardCharsets.UTF_8),
        };
        for (byte[] b : bad) {
            store.append(LogStore.LOG_STREAM, T0, b);
            store.append("telemetry.performance", T0, b);
        }
        // Records with times no interval arithmetic can hold.
        store.append(LogStore.LOG_STREAM, Instant.MAX, "{\"level\":\"ERROR\",\"logger\":\"x\"}".getBytes(
                StandardCharsets.UTF_8));
        store.append(LogStore.LOG_STREAM, Instant.MIN, "{\"level\":\"ERROR\",\"logger\":\"x\"}".getBytes(
                StandardCharsets.UTF_8));
        log(4, T0.plusSeconds(1));
        Analyzer a = analyzer();
        a.run();
        assertEquals(Map.of(LogStore.LOG_STREAM, 11L, "telemetry.performance", 5L), a.positions());
        assertFalse(a.insights().stream().anyMatch(i -> i.title().contains("x")));
        // The state written after such records reads back.
        assertEquals(a.positions(), analyzer().positions());
    }
}
