package io.updraft.logstore.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.logstore.LogRecord;

/**
 * SIGKILLs a JVM appending to the store at full speed ({@link KillChild}) at random moments and checks after each
 * kill that the store opens, no temporary file survives it, every acknowledged record is readable unless size
 * retention dropped it together with every older one or a returned purge removed it, at most the records of the
 * last unacknowledged batch (and a torn one) are extra or lost, and new sequences are above every stored one.
 *
 * <p>The default build runs a fifth of {@code updraft.kill.iterations} (at least 20); {@code -Psoak} raises it.
 * Reproduce with {@code -Dupdraft.kill.seed=<seed>}.
 */
public class StoreKillTest {
    private static final int MAX_DELAY_MS = 1200;
    private static final int SIGKILL_EXIT = 128 + 9;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Map<String, NavigableSet<Long>> expected = new HashMap<>();
    private final Map<String, Long> purgedThrough = new HashMap<>();
    private final Map<String, Long> highest = new HashMap<>();

    @Test
    public void theStoreSurvivesSigkillAtAnyMoment() throws Exception {
        int kills = Math.max(20, intProperty("updraft.kill.iterations", 200) / 5);
        String seedText = System.getProperty("updraft.kill.seed");
        long seed = seedText == null || seedText.isBlank() || seedText.startsWith("${") ? new Random().nextLong()
                : Long.parseLong(seedText.trim());
        Random random = new Random(seed);
        Path home = tmp.newFolder("home").toPath();
        Path childOut = tmp.newFile("child.out").toPath();
        Path childErr = tmp.newFile("child.err").toPath();
        for (String s : KillChild.STREAMS) {
            expected.put(s, new TreeSet<>());
            purgedThrough.put(s, 0L);
            highest.put(s, 0L);
        }
        long acknowledged = 0;
        int torn = 0;
        long start = System.nanoTime();
        for (int k = 0; k < kills; k++) {
            int delay = random.nextInt(MAX_DELAY_MS);
            String where = "seed " + seed + ", kill " + k + " after " + delay + " ms: ";
            runAndKill(home, delay, random.nextLong(), childOut, childErr, where);
            acknowledged += ledger(Files.readString(childOut, StandardCharsets.US_ASCII), where);
            torn += verify(home, where);
        }
        System.out.printf("Log store kill test: %d SIGKILLs in %.1f s (seed %d), %d acknowledged records, %d torn "
                + "tails%n", kills, (System.nanoTime() - start) / 1e9, seed, acknowledged, torn);
        assertTrue("seed " + seed + ": the children never appended", acknowledged > 0);
    }

    private void runAndKill(Path home, int delayMs, long childSeed, Path out, Path err, String where)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx64m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp",
                System.getProperty("java.class.path"), KillChild.class.getName(), home.toString(),
                Long.toString(childSeed));
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        Thread.sleep(delayMs);
        if (!p.isAlive()) {
            fail(where + "child exited by itself with " + p.exitValue() + ": " + Files.readString(err));
        }
        p.destroyForcibly();
        assertTrue(where + "child did not die", p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(where + "exit: " + Files.readString(err), SIGKILL_EXIT, p.exitValue());
    }

    /** Applies the child's complete lines; returns how many records it acknowledged. */
    private long ledger(String out, String where) {
        long acked = 0;
        String complete = out.substring(0, out.lastIndexOf('\n') + 1);
        for (String line : complete.lines().toList()) {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case "open", "P" -> {
                    // Nothing promised yet.
                }
                case "a" -> {
                    for (int i = 1; i < parts.length; i += 2) {
                        long seq = Long.parseLong(parts[i + 1]);
                        assertTrue(where + parts[i] + " sequence " + seq + " is not above " + highest.get(parts[i]),
                                seq > highest.get(parts[i]));
                        highest.put(parts[i], seq);
                        expected.get(parts[i]).add(seq);
                        acked++;
                    }
                }
                case "p" -> {
                    purgedThrough.put(parts[1], highest.get(parts[1]));
                    expected.get(parts[1]).clear();
                }
                default -> fail(where + "unexpected line " + line);
            }
        }
        return acked;
    }

    private int verify(Path home, String where) throws Exception {
        int torn = 0;
        Path segments = home.resolve("telemetry/segments");
        if (Files.isDirectory(segments)) {
            try (Stream<Path> files = Files.walk(segments)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    SegmentName n = SegmentName.parse(p.getFileName().toString());
                    if (n != null && n.compression() == Compression.NONE
                            && Segment.open(p.getParent().getFileName().toString(), p, n).damaged()) {
                        torn++;
                    }
                }
            }
        }
        try (FileLogStore store = Stores.open(home, Clock.systemUTC(), KillChild.config())) {
            // Opening hands the previous run's plain segments to the compressor; once it is idle, no temporary
            // file may be left, neither the killed run's nor its own.
            store.awaitCompressions();
            try (Stream<Path> files = Files.walk(segments)) {
                assertEquals(where + "temporary files after opening", List.of(),
                        files.filter(p -> p.toString().endsWith(".tmp")).toList());
            }
            for (String s : KillChild.STREAMS) {
                List<Long> present = new ArrayList<>();
                for (LogRecord r : store.read(s, 0, Integer.MAX_VALUE, Long.MAX_VALUE)) {
                    assertTrue(where + "record of " + s + " holds another stream's payload",
                            new String(r.payload(), StandardCharsets.US_ASCII).startsWith(s + "|"));
                    present.add(r.sequence());
                }
                check(s, present, where);
                long next = store.append(s, Instant.now(), (s + "|after").getBytes(StandardCharsets.US_ASCII));
                assertTrue(where + s + " sequence " + next + " after reopening is not above the stored ones",
                        next > highest.get(s) && (present.isEmpty() || next > present.get(present.size() - 1)));
                present.add(next);
                expected.put(s, new TreeSet<>(present));
                highest.put(s, next);
            }
        }
        return torn;
    }

    private void check(String s, List<Long> present, String where) {
        for (int i = 1; i < present.size(); i++) {
            assertTrue(where + s + " sequences out of order: " + present, present.get(i) > present.get(i - 1));
        }
        NavigableSet<Long> there = new TreeSet<>(present);
        if (!there.isEmpty() && there.first() <= purgedThrough.get(s)) {
            fail(where + s + " record " + there.first() + " is back after a purge through " + purgedThrough.get(s));
        }
        // Retention drops oldest first: acknowledged records missing must all be older than those present.
        Long firstKept = null;
        for (long seq : expected.get(s)) {
            if (there.contains(seq)) {
                firstKept = firstKept == null ? seq : firstKept;
            } else if (firstKept != null) {
                fail(where + s + " acknowledged record " + seq + " is lost while older " + firstKept + " is kept");
            }
        }
        long unacknowledged = there.stream().filter(q -> q > highest.get(s)).count();
        assertTrue(where + s + ": " + unacknowledged + " records stored but never acknowledged",
                unacknowledged <= KillChild.ACK_EVERY + 1);
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() || v.startsWith("${") ? fallback : Integer.parseInt(v.trim());
    }
}
