package io.updraft.telemetry.internal.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.internal.MutableClock;

public class SegmentStoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private Path dir;

    @Before
    public void setUp() throws IOException {
        dir = tmp.newFolder("telemetry").toPath();
    }

    private static StoreLimits limits(long segmentBytes, Duration segmentAge, Duration maxAge, long maxBytes) {
        Map<Category, Duration> ages = new EnumMap<>(Category.class);
        Map<Category, Long> sizes = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            ages.put(c, maxAge);
            sizes.put(c, maxBytes);
        }
        return new StoreLimits(segmentBytes, segmentAge, ages, sizes);
    }

    private static StoreLimits roomy() {
        return limits(1 << 20, Duration.ofHours(1), Duration.ofDays(30), 64L << 20);
    }

    private static TelemetryEvent draft(Category c, long n) {
        return TelemetryEvents.draft("test.schema", 1, c, "sample", Map.of("n", n, "text", "x".repeat(40)));
    }

    private static long append(SegmentStore store, Category c, int count) throws IOException {
        long last = 0;
        for (int i = 0; i < count; i++) {
            last = store.append(draft(c, i), x -> true).orElseThrow().sequence();
        }
        return last;
    }

    private List<Path> segments(Category c) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("segments").resolve(c.id()))) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    @Test
    public void assignsIdsSequencesAndTimesAndReadsBack() throws IOException {
        try (SegmentStore store = new SegmentStore(dir, roomy(), clock)) {
            TelemetryEvent a = store.append(draft(Category.PERFORMANCE, 1), c -> true).orElseThrow();
            TelemetryEvent b = store.append(draft(Category.OTA, 2), c -> true).orElseThrow();
            assertEquals(1, a.sequence());
            assertEquals(2, b.sequence());
            assertEquals(clock.instant(), a.timestamp());
            assertTrue(a.id(), a.id().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
            assertEquals(List.of(a), store.read(Category.PERFORMANCE));
            assertEquals(List.of(b), store.read(Category.OTA));
            assertTrue(store.append(draft(Category.USAGE, 3), c -> false).isEmpty());
            assertEquals(0, store.usage(Category.USAGE).events());
        }
    }

    @Test
    public void sequenceNumbersContinueAfterRestartEvenWhenEverythingWasPurged() throws IOException {
        long last;
        try (SegmentStore store = new SegmentStore(dir, roomy(), clock)) {
            last = append(store, Category.DIAGNOSTICS, 5);
            store.purge(Category.DIAGNOSTICS);
        }
        try (SegmentStore store = new SegmentStore(dir, roomy(), clock)) {
            long next = store.append(draft(Category.DIAGNOSTICS, 0), c -> true).orElseThrow().sequence();
            assertTrue(next + " after " + last, next > last);
        }
        // The sequence file lost (e.g. restored from an old backup): the stored events still set the floor.
        Files.delete(dir.resolve("sequence"));
        try (SegmentStore store = new SegmentStore(dir, roomy(), clock)) {
            List<TelemetryEvent> stored = store.read(Category.DIAGNOSTICS);
            long next = store.append(draft(Category.DIAGNOSTICS, 0), c -> true).orElseThrow().sequence();
            assertTrue(next > stored.get(stored.size() - 1).sequence());
        }
    }

    @Test
    public void rotatesBySizeAndByAge() throws IOException {
        try (SegmentStore store = new SegmentStore(dir, limits(1024, Duration.ofMinutes(10), Duration.ofDays(1),
                1 << 20), clock)) {
            append(store, Category.PERFORMANCE, 40);
            int bySize = store.segmentCount(Category.PERFORMANCE);
            assertTrue("segments: " + bySize, bySize >= 4);
            for (Path p : segments(Category.PERFORMANCE)) {
                assertTrue(p + " " + Files.size(p), Files.size(p) <= 1024);
            }
            append(store, Category.CRASH, 1);
            clock.advance(Duration.ofMinutes(11));
            append(store, Category.CRASH, 1);
            assertEquals(2, store.segmentCount(Category.CRASH));
            assertEquals(40, store.read(Category.PERFORMANCE).size());
        }
    }

    @Test
    public void rotationLeavesTheSyncToTheNextSyncAndKeepsEveryEventWithinRetention() throws IOException {
        List<TelemetryEvent> before;
        try (SegmentStore store = new SegmentStore(dir, limits(1024, Duration.ofHours(1), Duration.ofDays(1), 4096),
                clock)) {
            append(store, Category.PERFORMANCE, 30);
            int retired = store.unsyncedRetired();
            assertTrue("retired " + retired, retired >= 2 && retired < store.segmentCount(Category.PERFORMANCE));
            store.sync();
            assertEquals(0, store.unsyncedRetired());
            // Retention on rotation deletes segments whether or not they were synced yet.
            append(store, Category.PERFORMANCE, 200);
            assertTrue(store.usage(Category.PERFORMANCE).bytes() <= 4096 + 1024);
            assertTrue(store.unsyncedRetired() < store.segmentCount(Category.PERFORMANCE));
            before = store.read(Category.PERFORMANCE);
        }
        try (SegmentStore store = new SegmentStore(dir, limits(1024, Duration.ofHours(1), Duration.ofDays(1), 4096),
                clock)) {
            assertEquals(before, store.read(Category.PERFORMANCE));
            assertEquals(199L, before.get(before.size() - 1).fields().get("n"));
            assertEquals(store.segmentCount(Category.PERFORMANCE), segments(Category.PERFORMANCE).size());
        }
    }

    @Test
    public void retentionDropsOldSegmentsAndKeepsEachCategoryWithinItsSize() throws IOException {
        try (SegmentStore store = new SegmentStore(dir, limits(1024, Duration.ofMinutes(10), Duration.ofHours(1),
                4096), clock)) {
            append(store, Category.OTA, 10);
            clock.advance(Duration.ofMinutes(30));
            append(store, Category.OTA, 10);
            assertEquals(20, store.usage(Category.OTA).events());
            clock.advance(Duration.ofMinutes(45));
            // The first batch is now 75 minutes old, the second 45.
            long removed = store.enforceRetention();
            assertEquals(10, removed);
            assertEquals(10, store.read(Category.OTA).size());

            append(store, Category.PERFORMANCE, 200);
            store.enforceRetention();
            long bytes = store.usage(Category.PERFORMANCE).bytes();
            assertTrue("bytes " + bytes, bytes <= 4096);
            List<TelemetryEvent> kept = store.read(Category.PERFORMANCE);
            assertEquals(store.usage(Category.PERFORMANCE).events(), kept.size());
            // The newest survive.
            assertEquals(199L, kept.get(kept.size() - 1).fields().get("n"));
            assertEquals(10, store.usage(Category.OTA).events());
        }
    }

    @Test
    public void tornTailIsSkippedAndTheStoreGoesOnAfterRestart() throws IOException {
        try (SegmentStore store = new SegmentStore(dir, roomy(), clock)) {
            append(store, Category.CRASH, 6);
        }
        Path seg = segments(Category.CRASH).get(0);
        long size = Files.size(seg);
        // A power cut in the middle of the last record: cut it short.
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 7);
        }
        try (SegmentStore store = new SegmentStore(dir, roomy(), clock)) {
            List<TelemetryEvent> read = store.read(Category.CRASH);
            assertEquals(5, read.size());
            assertEquals(5, store.usage(Category.CRASH).events());
            TelemetryEvent next = store.append(draft(Category.CRASH, 99), c -> true).orElseThrow();
            assertTrue(next.sequence() > read.get(4).sequence());
            assertEquals(6, store.read(Category.CRASH).size());
        }
        // Flipped bits in a record's payload fail its checksum too.
        byte[] bytes = Files.readAllBytes(seg);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(seg, bytes);
        try (SegmentStore store = new SegmentStore(dir, roomy(), clock)) {
            int left = store.read(Category.CRASH).size();
            assertTrue("left " + left, left < 6 && left >= 1);
        }
    }

    @Test
    public void purgeDeletesOnlyThatCategory() throws IOException {
        try (SegmentStore store = new SegmentStore(dir, limits(1024, Duration.ofHours(1), Duration.ofDays(1), 1 << 20),
                clock)) {
            append(store, Category.USAGE, 30);
            append(store, Category.OTA, 3);
            assertEquals(30, store.usage(Category.USAGE).events());
            assertEquals(30, store.purge(Category.USAGE));
            assertEquals(0, store.usage(Category.USAGE).events());
            assertEquals(List.of(), segments(Category.USAGE));
            assertEquals(3, store.read(Category.OTA).size());
        }
    }

    @Test
    public void segmentFilesAndFoldersAreTheOwnersOnly() throws IOException {
        try (SegmentStore store = new SegmentStore(dir, roomy(), clock)) {
            append(store, Category.LOCATION, 2);
            Path segment = segments(Category.LOCATION).get(0);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(segment)));
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("segments").resolve("location"))));
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("segments"))));
        }
    }

    @Test
    public void recordFramingRoundTrips() {
        EventCodec codec = new EventCodec();
        TelemetryEvent e = new TelemetryEvent("id-1", 9, Instant.parse("2026-05-01T00:00:00.123456789Z"), "s", 2,
                Category.LOCATION, "fix", Map.of("lat", 48.1, "ok", true, "list", List.of("a", 1L), "map", Map.of()));
        byte[] payload = codec.encode(e);
        assertEquals(e, codec.decode(payload, 0, payload.length));
        byte[] framed = RecordFormat.frame(payload).array();
        int[][] found = new int[1][];
        long end = Segment.scan(framed, r -> found[0] = r);
        assertEquals(framed.length, end);
        assertArrayEquals(new int[] {RecordFormat.HEADER, payload.length}, found[0]);
    }
}
