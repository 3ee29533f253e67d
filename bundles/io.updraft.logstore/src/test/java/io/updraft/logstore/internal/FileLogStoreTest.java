package io.updraft.logstore.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;
import io.updraft.logstore.StreamUsage;

public class FileLogStoreTest {
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

    private FileLogStore open(Object... config) throws IOException {
        if (store != null) {
            store.close();
        }
        store = Stores.open(home, clock, config);
        return store;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> texts(String stream) throws LogStoreException {
        return store.read(stream, 0, Integer.MAX_VALUE, Long.MAX_VALUE).stream()
                .map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
    }

    private Path dir(String stream) {
        return home.resolve("telemetry/segments").resolve(stream);
    }

    private List<String> files(String stream) throws IOException {
        try (Stream<Path> s = Files.list(dir(stream))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    public void recordsReadBackInOrderAcrossRestartsAndSequencesContinue() throws Exception {
        open();
        assertEquals(1, store.append("log", clock.instant(), bytes("one")));
        assertEquals(2, store.append("log", clock.instant().plusMillis(5), bytes("two")));
        assertEquals(1, store.append("telemetry.ota", clock.instant(), bytes("x")));
        String id = store.storeId();
        open();
        assertEquals(id, store.storeId());
        assertEquals(List.of("one", "two"), texts("log"));
        assertTrue(store.append("log", clock.instant(), bytes("three")) > 2);
        List<LogRecord> after1 = store.read("log", 1, 10, 1000);
        assertEquals("two", new String(after1.get(0).payload(), StandardCharsets.UTF_8));
        assertEquals(clock.instant().plusMillis(5), after1.get(0).time());
        assertEquals(1, store.read("log", 0, 1, 1000).size());
        // At least one record even when it is larger than maxBytes.
        assertEquals(1, store.read("log", 0, 10, 1).size());
        StreamUsage u = store.usage().get("log");
        assertEquals(3, u.records());
        assertEquals(1, u.firstSequence());
        assertEquals(List.of("log", "telemetry.ota"), List.copyOf(store.usage().keySet()));
        assertEquals(List.of(), store.read("nothing.here", 0, 10, 10));
    }

    @Test
    public void sealedSegmentsAreCompressedUnderSortableNamesAndStillRead() throws Exception {
        for (String compression : List.of("zstd", "gzip")) {
            home = tmp.newFolder(compression).toPath();
            open("compression", compression, "segmentMaxSize", "2KiB");
            String started = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(clock.instant());
            for (int i = 0; i < 100; i++) {
                store.append("log", clock.instant(), bytes("record " + i + " " + "x".repeat(50)));
                clock.advance(Duration.ofSeconds(1));
            }
            store.sync();
            store.awaitCompressions();
            List<String> names = files("log");
            String suffix = compression.equals("zstd") ? ".seg.zst" : ".seg.gz";
            assertTrue(names.toString(), names.size() > 3);
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                assertTrue(n, n.matches("\\d{20}-\\d{8}T\\d{6}Z\\.seg" + (i < names.size() - 1
                        ? java.util.regex.Pattern.quote(suffix.substring(4)) : "")));
                assertTrue(n, PosixFilePermissions.toString(Files.getPosixFilePermissions(dir("log").resolve(n)))
                        .equals("rw-------"));
            }
            assertTrue(names.get(0), names.get(0).startsWith("00000000000000000001-" + started + ".seg"));
            assertEquals(100, texts("log").size());
            assertEquals("record 99 " + "x".repeat(50), texts("log").get(99));
            assertTrue("compressed is smaller", store.usage().get("log").bytes() < 100 * 60);
            open("compression", compression, "segmentMaxSize", "2KiB");
            assertEquals(100, texts("log").size());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir("log"))));
    }

    @Test
    public void aTornLastRecordIsSkippedOnStartAndNewRecordsGoToANewSegment() throws Exception {
        open("compression", "none");
        for (int i = 0; i < 3; i++) {
            store.append("log", clock.instant(), bytes("r" + i));
        }
        store.close();
        store = null;
        Path seg = dir("log").resolve(files("log").get(0));
        long size = Files.size(seg);
        try (var ch = Files.newByteChannel(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3);
        }
        open("compression", "none");
        assertEquals(List.of("r0", "r1"), texts("log"));
        long next = store.append("log", clock.instant(), bytes("r3"));
        assertEquals(List.of("r0", "r1", "r3"), texts("log"));
        assertTrue(next > 3);
        assertEquals(2, files("log").size());
    }

    @Test
    public void anInterruptedCompressionIsRepairedOnStart() throws Exception {
        open("compression", "none", "segmentMaxSize", "1KiB");
        for (int i = 0; i < 60; i++) {
            store.append("log", clock.instant(), bytes("record " + i + " " + "y".repeat(40)));
        }
        store.close();
        store = null;
        List<String> plain = files("log");
        Compression zstd = Compression.ZSTD;
        // Segment 1: complete compressed copy next to the plain one; segment 2: a cut one; plus a temp file.
        Path first = dir("log").resolve(plain.get(0));
        Path second = dir("log").resolve(plain.get(1));
        SegmentCompressor.compress(first, Files.size(first), dir("log").resolve(plain.get(0) + ".zst"), zstd,
                1 << 20);
        Path cut = dir("log").resolve(plain.get(1) + ".zst");
        SegmentCompressor.compress(second, Files.size(second), cut, zstd, 1 << 20);
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.write(dir("log").resolve(plain.get(2) + ".zst.tmp"), bytes("partial"));
        open("compression", "none", "segmentMaxSize", "1KiB");
        List<String> now = files("log");
        assertTrue(now.toString(), now.contains(plain.get(0) + ".zst") && !now.contains(plain.get(0)));
        assertTrue(now.toString(), now.contains(plain.get(1)) && !now.contains(plain.get(1) + ".zst"));
        assertFalse(now.toString(), now.stream().anyMatch(n -> n.endsWith(".tmp")));
        assertEquals(60, texts("log").size());
    }

    @Test
    public void purgeDeletesEverythingDurablyAndAdmissionIsDecidedUnderTheLock() throws Exception {
        open();
        store.append("telemetry.usage", clock.instant(), bytes("a"));
        store.append("telemetry.usage", clock.instant(), bytes("b"));
        assertEquals(-1, store.append("telemetry.usage", clock.instant(), bytes("c"), () -> false));
        assertEquals(2, store.purge("telemetry.usage"));
        assertEquals(List.of(), texts("telemetry.usage"));
        assertEquals(List.of(), files("telemetry.usage"));
        long next = store.append("telemetry.usage", clock.instant(), bytes("d"), () -> true);
        assertTrue(next > 2);
        StreamUsage u = store.usage().get("telemetry.usage");
        assertEquals(0, u.droppedRecords());
        assertEquals(next, u.lastSequence());
    }

    @Test
    public void retentionDropsWholeSegmentsByAgeCountAndSizeAndRecordsEachDrop() throws Exception {
        open("compression", "none", "retention", "a: age=1h; b: count=40; c: size=4KiB; store.drops: size=64KiB");
        for (int i = 0; i < 200; i++) {
            for (String s : List.of("a", "b", "c")) {
                store.append(s, clock.instant(), bytes(s + i + "-".repeat(30)));
            }
            if (i == 100) {
                clock.advance(Duration.ofHours(2));
            }
        }
        store.maintain();
        assertTrue(texts("a").toString(), texts("a").size() < 200 && texts("a").get(0).startsWith("a101"));
        long b = store.usage().get("b").records();
        assertTrue("b keeps " + b, b <= 40 && b >= 20);
        assertTrue(store.usage().get("c").bytes() <= 4096);
        List<String> drops = texts(LogStore.DROPS_STREAM);
        for (String[] expect : new String[][] {{"a", "retention-age"}, {"b", "retention-count"},
            {"c", "retention-size"}}) {
            assertTrue(drops.toString(), drops.stream().anyMatch(d -> d.contains("\"stream\":\"" + expect[0] + "\"")
                    && d.contains("\"reason\":\"" + expect[1] + "\"")));
            StreamUsage u = store.usage().get(expect[0]);
            assertEquals(expect[0], 200 - u.records(), u.droppedRecords());
        }
        String first = drops.get(0);
        assertTrue(first, first.matches("\\{\"ts\":\"[^\"]+\",\"stream\":\"[abc]\",\"firstSequence\":1,"
                + "\"lastSequence\":\\d+,\"records\":\\d+,\"bytes\":\\d+,\"reason\":\"retention-[a-z]+\"}"));
        long dropped = store.usage().get("b").droppedRecords();
        open("compression", "none");
        assertEquals("drop counts survive a restart", dropped, store.usage().get("b").droppedRecords());
    }

    @Test
    public void overTheQuotaTheLowestPriorityAndOldestGoFirst() throws Exception {
        open("compression", "none", "maxTotalBytes", "64KiB", "priorities", "keep=90, lose=10, *=50",
                "retention", "store.drops: size=8KiB");
        byte[] record = bytes("z".repeat(200));
        for (int i = 0; i < 100; i++) {
            store.append("keep", clock.instant(), record);
        }
        for (int i = 0; i < 400; i++) {
            store.append("lose", clock.instant(), record);
            store.append("middle", clock.instant(), record);
        }
        assertTrue(store.totalBytes() <= 64 * 1024);
        assertEquals("the high-priority stream is untouched", 100, store.usage().get("keep").records());
        assertTrue(store.usage().get("lose").droppedRecords() > 0);
        assertTrue(store.usage().get("lose").records() < store.usage().get("middle").records());
        assertTrue(texts(LogStore.DROPS_STREAM).stream().anyMatch(d -> d.contains("\"reason\":\"quota\"")));
    }

    @Test
    public void shortOfDiskSpaceTheStoreDropsAndFinallyRefuses() throws Exception {
        long[] free = {1L << 30};
        SpaceProbe probe = new SpaceProbe() {
            @Override
            public long usable(Path dir) {
                return free[0];
            }

            @Override
            public long total(Path dir) {
                return 10L << 30;
            }
        };
        store = new FileLogStore(StoreSettings.of(Stores.config(home, "compression", "none", "minFreeBytes", "1MiB",
                "minFreePercent", "0", "segmentMaxSize", "1KiB")), clock, probe);
        for (int i = 0; i < 50; i++) {
            store.append("log", clock.instant(), bytes("q".repeat(100)));
        }
        free[0] = (1 << 20) - 2000;
        store.maintain();
        assertTrue(store.usage().get("log").droppedRecords() > 0);
        assertTrue(texts(LogStore.DROPS_STREAM).stream().anyMatch(d -> d.contains("\"reason\":\"disk-space\"")));
        free[0] = 1000;
        LogStoreException e = assertThrows(LogStoreException.class, store::maintain);
        assertTrue(e.getMessage(), e.getMessage().contains("nothing left to drop"));
    }

    @Test
    public void badInputIsRefusedNamingTheValue() throws Exception {
        open();
        for (String bad : new String[] {"", "Log", "1log", "a b", "x".repeat(65), null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.append(bad, clock.instant(), bytes("x")));
            assertTrue(e.getMessage(), e.getMessage().contains("'" + bad + "'"));
        }
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> store.append("log", clock.instant(), new byte[store.maxRecordBytes() + 1]));
        assertTrue(big.getMessage(), big.getMessage().contains("outside 1-" + store.maxRecordBytes()));
        assertThrows(IllegalArgumentException.class, () -> store.append("log", clock.instant(), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> store.read("log", 0, 0, 10));
        assertArrayEquals(new byte[] {1}, store.read("log", 0, 1, 1).isEmpty() ? new byte[] {1} : null);
    }

    @Test
    public void limitsChangeInPlace() throws Exception {
        open("compression", "none");
        for (int i = 0; i < 100; i++) {
            store.append("log", clock.instant(), bytes("w".repeat(100)));
        }
        store.settings(StoreSettings.of(Stores.config(home, "compression", "none", "retention", "log: count=10",
                "segmentMaxSize", "1KiB")));
        store.maintain();
        assertEquals(0, store.usage().get("log").records());
        store.append("log", clock.instant(), bytes("after"));
        assertEquals(List.of("after"), texts("log"));
        assertThrows(IllegalArgumentException.class,
                () -> store.settings(StoreSettings.of(Stores.config(tmp.newFolder("elsewhere").toPath()))));
    }

    @Test
    public void theShippedConfigurationIsValidAndBadValuesAreNamed() throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var r = Files.newBufferedReader(Path.of("../../config/io.updraft.logstore.cfg"))) {
            p.load(r);
        }
        Map<String, Object> m = new java.util.HashMap<>();
        p.forEach((k, v) -> m.put((String) k, ((String) v).replace("${updraft.home}", "/var/lib/updraft")));
        // Karaf's .cfg files hand every value over as a string, numbers included.
        assertTrue(m.values().stream().allMatch(String.class::isInstance));
        StoreSettings s = StoreSettings.of(org.osgi.util.converter.Converters.standardConverter().convert(m)
                .to(LogStoreConfig.class));
        assertEquals(Path.of("/var/lib/updraft/telemetry"), s.telemetryDir());
        assertEquals(Compression.ZSTD, s.compression());
        assertEquals(new Retention.Limits(Duration.ofDays(7), 16L << 20, 0), s.retention().limits("telemetry.performance"));
        assertEquals(new Retention.Limits(Duration.ofDays(14), 8L << 20, 200_000), s.retention().limits("log"));
        assertEquals(Retention.Limits.NONE, s.retention().limits("other"));
        assertEquals(90, s.priorities().of("telemetry.crash"));
        assertEquals(30, s.priorities().of("telemetry.new"));
        assertEquals(Priorities.DROPS, s.priorities().of(LogStore.DROPS_STREAM));
        assertEquals(64L << 20, s.maxTotalBytes());
        String[][] cases = {
            {"compression", "lz4", "compression 'lz4'"},
            {"retention", "log age=1d", "not of the form"},
            {"retention", "Log: age=1d", "'Log'"},
            {"retention", "log: age=soon", "retention log age 'soon'"},
            {"retention", "log: ttl=1d", "'ttl'"},
            {"retention", "log: count=-1", "retention log count"},
            {"priorities", "log=101", "priorities log '101'"},
            {"maxTotalBytes", "1KiB", "maxTotalBytes '1KiB'"},
            {"minFreePercent", "80", "minFreePercent '80'"},
            {"minFreePercent", "five", "minFreePercent 'five'"},
            {"segmentMaxAge", "0s", "segmentMaxAge '0s'"},
            {"home", "relative", "not an absolute path"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(c[0], IllegalArgumentException.class,
                    () -> StoreSettings.of(Stores.config(home, c[0], c[1])));
            assertTrue(c[0] + ": " + e.getMessage(), e.getMessage().contains(c[2]));
        }
    }

    /** What a hand-edited .cfg gives: every value a string, some with the blanks Properties keeps at the end. */
    @Test
    public void everyKeyTakesTheStringsOfACfgFile() throws Exception {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("home", home + " ");
        m.put("compression", "gzip ");
        m.put("segmentMaxSize", "2KiB ");
        m.put("segmentMaxAge", "10m ");
        m.put("syncInterval", "1s ");
        m.put("retention", "log: age=2d, size=64KiB, count=100 ");
        m.put("priorities", "log=60 ");
        m.put("maxTotalBytes", "128KiB ");
        m.put("minFreeBytes", "1024 ");
        m.put("minFreePercent", "7 ");
        m.put("logLevel", "warn ");
        LogStoreConfig c = org.osgi.util.converter.Converters.standardConverter().convert(m).to(LogStoreConfig.class);
        StoreSettings s = StoreSettings.of(c);
        assertEquals(home.resolve("telemetry"), s.telemetryDir());
        assertEquals(Compression.GZIP, s.compression());
        assertEquals(2048, s.segmentMaxBytes());
        assertEquals(Duration.ofMinutes(10), s.segmentMaxAge());
        assertEquals(Duration.ofSeconds(1), s.syncInterval());
        assertEquals(new Retention.Limits(Duration.ofDays(2), 64 * 1024, 100), s.retention().limits("log"));
        assertEquals(60, s.priorities().of("log"));
        assertEquals(128 * 1024, s.maxTotalBytes());
        assertEquals(1024, s.minFreeBytes());
        assertEquals(7, s.minFreePercent());
        assertEquals(org.osgi.service.log.LogLevel.WARN, StoreAppender.level(c.logLevel()));
    }
}
