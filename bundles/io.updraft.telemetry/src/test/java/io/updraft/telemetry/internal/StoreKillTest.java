package io.updraft.telemetry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;

/**
 * SIGKILLs a JVM that publishes telemetry at full speed through the real engine (small segments, so rotation and
 * size retention run all the time; in some runs consent withdrawals with their purges, re-grants and retention
 * changes) at random moments, and checks after each kill: every record on disk is intact but for the beginning of
 * a last one; no sequence or id is stored twice and new sequences are above every stored one; nothing a returned
 * purge removed is back; consent.json holds the old or the new decisions and a withdrawal on disk has its purge;
 * every acknowledged event is readable unless retention dropped it with all older ones; the store keeps working.
 *
 * <p>The default build runs a fifth of {@code updraft.kill.iterations} (at least 20) to stay near 40 s; for a
 * soak, {@code mvn -Psoak -pl bundles/io.updraft.telemetry verify} or {@code -Dupdraft.kill.iterations=25000}
 * (5000 kills). Reproduce a failure with {@code -Dupdraft.kill.seed=<seed>}; the timing of a kill still varies.
 */
public class StoreKillTest {
    private static final int DEFAULT_ITERATIONS = 200;
    private static final int SHARE = 5;
    private static final int MIN_KILLS = 20;
    // A child takes about 600 ms here from JVM start to its first event, then publishes some 80,000 events and
    // 200 consent or retention changes a second: about half of the kills land in the JVM start or the engine's
    // opening, the rest among the events.
    private static final int MAX_DELAY_MS = 1200;
    private static final int SIGKILL_EXIT = 128 + 9;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final KillLedger ledger = new KillLedger();
    private Path home;
    private Path telemetry;

    @Test
    public void storeAndConsentSurviveSigkillAtAnyMoment() throws Exception {
        int kills = Math.max(MIN_KILLS, intProperty("updraft.kill.iterations", DEFAULT_ITERATIONS) / SHARE);
        long seed = seed();
        System.out.println("Telemetry kill test: seed " + seed + ", " + kills + " kills");
        Random random = new Random(seed);
        home = tmp.newFolder("home").toPath();
        telemetry = home.resolve("telemetry");
        Path childOut = tmp.newFile("child.out").toPath();
        Path childErr = tmp.newFile("child.err").toPath();
        int killedBeforeOpen = 0;
        int torn = 0;
        long start = System.nanoTime();
        for (int k = 0; k < kills; k++) {
            int delay = random.nextInt(MAX_DELAY_MS);
            boolean purges = random.nextInt(3) > 0;
            boolean retention = random.nextBoolean();
            String where = "seed " + seed + ", kill " + k + " after " + delay + " ms: ";
            ledger.startRun();
            runAndKill(delay, random.nextLong(), purges, retention, childOut, childErr, where);
            ledger.childOutput(Files.readString(childOut, StandardCharsets.US_ASCII), where);
            killedBeforeOpen += ledger.opened ? 0 : 1;
            torn += verify(where);
        }
        System.out.printf("Telemetry kill test: %d SIGKILLs in %.1f s (seed %d): %d before the engine opened, %d "
                + "acknowledged events, %d purges and %d re-grants returned, %d withdrawals cut short after "
                + "consent.json was written, %d retention changes, %d torn segment tails%n", kills,
                (System.nanoTime() - start) / 1e9, seed, killedBeforeOpen, ledger.acknowledged, ledger.purges,
                ledger.grants, ledger.cutWithdrawals, ledger.retentionChanges, torn);
        assertTrue("seed " + seed + ": the children never got to publish", ledger.acknowledged > 0);
    }

    private void runAndKill(int delayMs, long childSeed, boolean purges, boolean retention, Path childOut,
            Path childErr, String where) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx64m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), StoreKillChild.class.getName(), home.toString(),
                Long.toString(childSeed), Boolean.toString(purges), Boolean.toString(retention));
        // A file rather than a pipe: what the child wrote before it died is all there once it is dead.
        pb.redirectOutput(childOut.toFile());
        pb.redirectError(childErr.toFile());
        Process p = pb.start();
        Thread.sleep(delayMs);
        if (!p.isAlive()) {
            fail(where + "child exited by itself with " + p.exitValue() + ": " + Files.readString(childErr));
        }
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            fail(where + "child did not die after SIGKILL");
        }
        assertEquals(where + "child was not ended by SIGKILL: " + Files.readString(childErr), SIGKILL_EXIT,
                p.exitValue());
    }

    /** Checks the files, then opens the engine as the next start would; returns the number of torn tails. */
    private int verify(String where) throws Exception {
        SegmentScan scan = SegmentScan.of(telemetry, StoreKillChild.MAX_RECORD, where);
        for (Category c : Category.values()) {
            long purged = ledger.purgedThrough.get(c);
            if (!scan.events.get(c).isEmpty() && scan.events.get(c).firstKey() <= purged) {
                fail(where + c.id() + " event " + scan.events.get(c).firstKey() + " is back after a purge that "
                        + "returned removed everything up to " + purged);
            }
        }
        Category withdrawnOnDisk = consentOnDisk(where);
        if (ledger.changing == null) {
            assertEquals(where + "withdrawn category in consent.json", ledger.withdrawn, withdrawnOnDisk);
        } else {
            assertTrue(where + "consent.json holds neither the old nor the new decision on " + ledger.changing.id(),
                    withdrawnOnDisk == null || withdrawnOnDisk == ledger.changing);
        }
        ledger.settle(withdrawnOnDisk, scan.highest());

        try (TelemetryEngine engine = new TelemetryEngine(StoreKillChild.config(home), Clock.systemUTC(), () -> null)) {
            for (Category c : StoreKillChild.CATEGORIES) {
                Consent consent = engine.consent().consent(c);
                assertEquals(where + "consent of " + c.id() + " after opening: " + consent, c != ledger.withdrawn,
                        consent.allowed());
            }
            checkEvents(engine, scan, where);
            appendAndRead(engine, Math.max(scan.highest(), ledger.knownMax), where);
        }
        try (Stream<Path> files = Files.walk(home)) {
            List<String> aside = files.map(Path::toString)
                    .filter(n -> n.contains(".damaged-") || n.contains(".corrupt-")).toList();
            assertEquals(where + "files moved aside as damaged", List.of(), aside);
        }
        return scan.tornSegments;
    }

    /** The withdrawn category in consent.json, which must be a whole, valid document if it exists. */
    private Category consentOnDisk(String where) throws Exception {
        Path file = telemetry.resolve("consent.json");
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (Exception e) {
            throw new AssertionError(where + "consent.json is damaged: " + Files.readString(file), e);
        }
        assertEquals(where + "consent.json schema", "updraft.telemetry.consent", root.path("schema").asText());
        assertEquals(where + "consent.json version", 1, root.path("version").asInt());
        assertFalse(where + "consent.json suspends defaults", root.path("defaultsSuspended").asBoolean(true));
        Category withdrawn = null;
        for (JsonNode d : root.path("decisions")) {
            assertTrue(where + "decision without 'granted': " + d, d.path("granted").isBoolean());
            if (!d.path("granted").booleanValue()) {
                assertEquals(where + "more than one withdrawn category in " + root, null, withdrawn);
                withdrawn = Category.parse(d.path("category").asText());
            }
        }
        return withdrawn;
    }

    /** Compares what the engine reads with the files and with what must be there. */
    private void checkEvents(TelemetryEngine engine, SegmentScan scan, String where) throws Exception {
        int unacknowledged = 0;
        for (Category c : Category.values()) {
            List<Long> read = sequences(engine.store().read(c));
            if (c == ledger.withdrawn) {
                // The withdrawal's purge may have been cut short by the kill; opening must finish it.
                assertEquals(where + "events of " + c.id() + ", whose consent is withdrawn", List.of(), read);
                continue;
            }
            assertEquals(where + c.id() + " events read by the store and found in the files",
                    new ArrayList<>(scan.events.get(c).keySet()), read);
            NavigableSet<Long> expected = ledger.expected.get(c);
            if (!expected.isEmpty()) {
                assertTrue(where + "newest acknowledged " + c.id() + " event " + expected.last() + " is lost; "
                        + "stored: " + read, read.contains(expected.last()));
                // Size retention drops the oldest segments: what is left is every event from the oldest kept on.
                for (long s : expected.tailSet(read.get(0), true)) {
                    assertTrue(where + "acknowledged " + c.id() + " event " + s + " is lost; stored: " + read,
                            read.contains(s));
                }
            }
            for (long s : read) {
                if (!expected.contains(s)) {
                    assertTrue(where + "unacknowledged " + c.id() + " event " + s + " is not newer than the "
                            + "last acknowledged " + ledger.lastAcked, s > ledger.lastAcked && s > ledger.knownMax);
                    unacknowledged++;
                }
            }
        }
        assertTrue(where + unacknowledged + " events stored but not acknowledged; the child acknowledges every "
                + StoreKillChild.ACK_EVERY, unacknowledged <= StoreKillChild.ACK_EVERY);
    }

    /** Publishes one event, reads it back, and makes everything now stored the baseline of the next check. */
    private void appendAndRead(TelemetryEngine engine, long highestStored, String where) throws Exception {
        Category c = StoreKillChild.CATEGORIES.stream().filter(x -> x != ledger.withdrawn).findFirst().orElseThrow();
        TelemetryEvent e = engine.publish(TelemetryEvents.draft("test.kill", 1, c, "after", Map.of("check", true)))
                .orElseThrow(() -> new AssertionError(where + "the reopened store refused an event"));
        assertTrue(where + "sequence " + e.sequence() + " after reopening is not above " + highestStored
                + " stored before", e.sequence() > highestStored && e.sequence() > ledger.lastAcked);
        List<TelemetryEvent> read = engine.store().read(c);
        TelemetryEvent back = read.get(read.size() - 1);
        assertEquals(where + "event read back after reopening", List.of(e.id(), e.sequence(), e.fields()),
                List.of(back.id(), back.sequence(), back.fields()));
        long max = 0;
        for (Category x : Category.values()) {
            NavigableSet<Long> now = new TreeSet<>(sequences(engine.store().read(x)));
            ledger.expected.put(x, now);
            max = now.isEmpty() ? max : Math.max(max, now.last());
        }
        ledger.knownMax = Math.max(max, Math.max(highestStored, ledger.lastAcked));
    }

    private static List<Long> sequences(List<TelemetryEvent> events) {
        return events.stream().map(TelemetryEvent::sequence).toList();
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        // Surefire passes an undefined ${...} through literally.
        if (v == null || v.isBlank() || v.startsWith("${")) {
            return fallback;
        }
        return Integer.parseInt(v.trim());
    }

    private static long seed() {
        String v = System.getProperty("updraft.kill.seed");
        return v == null || v.isBlank() || v.startsWith("${") ? new Random().nextLong() : Long.parseLong(v.trim());
    }
}
