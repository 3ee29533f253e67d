package io.updraft.logstore.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.logstore.LogRecord;

/** What the store finds after damage or loss on disk, and what it leaves on disk. */
public class StoreRecoveryTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    private Path home;
    private FileLogStore store;

    @Before
    public void setUp() throws Exception {
        home = tmp.newFolder("home").toPath();
    }

    @After
    public void tearDown() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    private FileLogStore reopen(Object... config) throws IOException {
        if (store != null) {
            store.close();
        }
        store = Stores.open(home, clock, config);
        return store;
    }

    private void fill(String stream, int records) throws Exception {
        for (int i = 0; i < records; i++) {
            store.append(stream, clock.instant(), ("record " + i + " " + "y".repeat(60)).getBytes(StandardCharsets.UTF_8));
            clock.advance(Duration.ofSeconds(1));
        }
        store.sync();
        store.awaitCompressions();
    }

    private List<Path> segments(String stream) throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("telemetry/segments").resolve(stream))) {
            return s.sorted().toList();
        }
    }

    @Test
    public void aDamagedCompressedSegmentDoesNotStopReadingTheSegmentsAfterIt() throws Exception {
        reopen("compression", "gzip", "segmentMaxSize", "2KiB");
        fill("log", 120);
        List<Path> files = segments("log");
        Path first = files.get(0);
        assertTrue(first.toString(), first.toString().endsWith(".seg.gz"));
        long secondFirst = SegmentName.parse(files.get(1).getFileName().toString()).firstSequence();
        store.close();
        store = null;
        // A sealed, compressed segment cut short (bit rot or a file system repair after a power cut).
        byte[] data = Files.readAllBytes(first);
        Files.write(first, java.util.Arrays.copyOf(data, data.length * 3 / 4));

        reopen("compression", "gzip", "segmentMaxSize", "2KiB");
        List<LogRecord> all = store.read("log", 0, Integer.MAX_VALUE, Long.MAX_VALUE);
        List<Long> sequences = all.stream().map(LogRecord::sequence).toList();
        assertTrue(sequences.toString(), sequences.contains(secondFirst) && sequences.contains(120L));
        for (int i = 1; i < sequences.size(); i++) {
            assertTrue(sequences.toString(), sequences.get(i) > sequences.get(i - 1));
        }
        // A reader positioned inside the damaged segment moves on as well.
        List<LogRecord> from = store.read("log", 1, 1, Long.MAX_VALUE);
        assertEquals(1, from.size());
        assertTrue(from.get(0).sequence() > 1);
    }

    @Test
    public void sequencesAreNeverReusedAfterAPurgeEvenWhenTheSequenceFileIsLost() throws Exception {
        reopen();
        fill("telemetry.usage", 5);
        assertEquals(5, store.purge("telemetry.usage"));
        store.close();
        store = null;
        Files.delete(home.resolve("telemetry/sequences/telemetry.usage"));

        reopen();
        long next = store.append("telemetry.usage", clock.instant(), new byte[] {1});
        assertTrue("sequence " + next + " was handed out before the purge", next > 5);
        assertEquals(next, store.usage().get("telemetry.usage").lastSequence());
    }

    @Test
    public void everythingTheStoreCreatesIsOwnerOnly() throws Exception {
        reopen("compression", "zstd", "segmentMaxSize", "2KiB", "maxTotalBytes", "64KiB",
                "retention", "log: count=40");
        fill("log", 200);
        fill("telemetry.crash", 3);
        store.close();
        store = null;
        reopen("compression", "zstd", "segmentMaxSize", "2KiB", "maxTotalBytes", "64KiB");
        fill("log", 1);
        assertTrue(store.usage().containsKey(io.updraft.logstore.LogStore.DROPS_STREAM));
        int seen = 0;
        try (Stream<Path> all = Files.walk(home.resolve("telemetry"))) {
            for (Path p : all.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(p.toString(), Files.isDirectory(p) ? "rwx------" : "rw-------", mode);
                seen++;
            }
        }
        // segments/, sequences/, store-id, store-state, stream directories and their files.
        assertTrue("only " + seen + " paths", seen > 10);
    }

    @Test
    public void aPurgeCutShortByAPowerCutIsCompletedBeforeAnythingCanBeRead() throws Exception {
        reopen("compression", "zstd", "segmentMaxSize", "2KiB");
        fill("telemetry.location", 100);
        long last = store.usage().get("telemetry.location").lastSequence();
        store.close();
        store = null;
        List<Path> before = segments("telemetry.location");
        assertTrue(before.toString(), before.size() > 3);
        // The state a power cut during a purge leaves: the marker is durable, the deletions are not (yet).
        PurgeMarker.write(home.resolve("telemetry/segments/telemetry.location"), last);
        Files.delete(before.get(0));

        reopen("compression", "zstd", "segmentMaxSize", "2KiB");
        assertEquals(List.of(), store.read("telemetry.location", 0, Integer.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(0, store.usage().get("telemetry.location").records());
        assertEquals(List.of(), segments("telemetry.location"));
        long next = store.append("telemetry.location", clock.instant(), new byte[] {7});
        assertTrue(next > last);
        reopen("compression", "zstd", "segmentMaxSize", "2KiB");
        assertEquals(List.of(next), store.read("telemetry.location", 0, 10, Long.MAX_VALUE).stream()
                .map(LogRecord::sequence).toList());
    }

    @Test
    public void aFinishedPurgeLeavesNoMarkerAndLaterRecordsSurviveARestart() throws Exception {
        reopen("segmentMaxSize", "2KiB");
        fill("telemetry.usage", 50);
        assertEquals(50, store.purge("telemetry.usage"));
        assertEquals(List.of(), segments("telemetry.usage"));
        fill("telemetry.usage", 3);
        reopen("segmentMaxSize", "2KiB");
        assertEquals(3, store.read("telemetry.usage", 0, 10, Long.MAX_VALUE).size());
    }

    @Test
    public void theDropsStreamStaysSmallEvenWithoutARetentionRuleOfItsOwn() throws Exception {
        reopen("compression", "none", "maxTotalBytes", "64KiB", "retention", "log: count=1000000");
        byte[] payload = new byte[1000];
        for (int i = 0; i < 1000; i++) {
            store.append("log", clock.instant(), payload);
            clock.advance(Duration.ofSeconds(1));
        }
        var drops = store.usage().get(io.updraft.logstore.LogStore.DROPS_STREAM);
        assertTrue("drops noted: " + drops, drops.lastSequence() > 50);
        assertTrue("drops stream holds " + drops.bytes() + " bytes", drops.bytes() <= 4096 + 1024);
        assertEquals(4096, store.settings().limits(io.updraft.logstore.LogStore.DROPS_STREAM).size());
        // The shipped rule (256KiB) is capped by the quota in the same way; a large quota keeps it.
        reopen("maxTotalBytes", "64MiB", "retention", "store.drops: age=30d, size=256KiB");
        assertEquals(256 * 1024, store.settings().limits(io.updraft.logstore.LogStore.DROPS_STREAM).size());
    }
}
