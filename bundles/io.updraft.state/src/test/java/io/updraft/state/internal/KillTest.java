package io.updraft.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.update.InstalledComponent;
import io.updraft.update.JournalEntry;
import io.updraft.update.StateTransition;
import io.updraft.update.UpdateState;

/**
 * Kills a process writing state with SIGKILL at random moments, from JVM start to the middle of a write, and
 * checks after each kill that the store opens without any recovery and holds, for every kind of write, the last
 * acknowledged value or the one after it, and that journal removal kept the newest journals whole and never
 * the current update's.
 *
 * <p>Every other kill waits for the child to report the store open before its random delay starts, so that these
 * kills land among the writes however long the JVM takes to start on a loaded machine; the others count from the
 * start of the JVM and also cover the start and the store's opening.
 *
 * <p>{@code -Dupdraft.kill.iterations} (default {@value #DEFAULT_ITERATIONS}) and {@code -Dupdraft.kill.seed}
 * (default {@value #DEFAULT_SEED}; printed, and in every failure message) replay a run's sequence of kills.
 */
public class KillTest {
    private static final int DEFAULT_ITERATIONS = 200;
    private static final long DEFAULT_SEED = 20250301L;
    private static final int HISTORY_LIMIT = 20;
    private static final int JOURNALS_KEPT = JournalRetention.MIN_KEPT;
    // A child takes about 250 ms on an idle machine from JVM start to its first write, then writes one file every
    // 2 ms or so: about a third of the kills counted from the start land in the JVM start or the store's opening.
    private static final int MAX_DELAY_MS = 700;
    /** Every this many kills, one waits for the store to be open; see the class comment. */
    private static final int AFTER_OPEN_EVERY = 2;
    // Some 25 rounds of four writes on an idle machine, a few on a loaded one.
    private static final int MAX_DELAY_AFTER_OPEN_MS = 200;
    private static final int SIGKILL_EXIT = 128 + 9;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** What the store must hold at least: the highest value a child acknowledged or the store showed. */
    private long component = -1;
    private long transition;
    private long journal;
    private long attempt = -1;
    /** Attempts whose journal was seen after a kill; once gone they must be older than every one still there. */
    private final TreeSet<Long> seenAttempts = new TreeSet<>();

    @Test
    public void stateSurvivesSigkillAtAnyMoment() throws Exception {
        int iterations = intProperty("updraft.kill.iterations", DEFAULT_ITERATIONS);
        long seed = seed();
        System.out.printf("Kill test: %d SIGKILLs, seed %d (-Dupdraft.kill.seed=%d replays them)%n", iterations, seed,
                seed);
        Random random = new Random(seed);
        Path home = tmp.newFolder("home").toPath();
        Path childOut = tmp.newFile("child.out").toPath();
        Path childErr = tmp.newFile("child.err").toPath();
        int killedBeforeOpen = 0;
        int acknowledged = 0;
        int leftoverTemps = 0;
        long start = System.nanoTime();
        for (int k = 0; k < iterations; k++) {
            boolean afterOpen = k % AFTER_OPEN_EVERY == AFTER_OPEN_EVERY - 1;
            int delay = random.nextInt(afterOpen ? MAX_DELAY_AFTER_OPEN_MS : MAX_DELAY_MS);
            String where = "seed " + seed + ", kill " + k + " " + delay + " ms after "
                    + (afterOpen ? "the store opened" : "the JVM started") + ": ";
            Acks acks = runAndKill(home, afterOpen, delay, childOut, childErr, where);
            killedBeforeOpen += acks.opened ? 0 : 1;
            acknowledged += acks.count;
            assertTrue(where + "child acknowledged a component older than before", acks.component < 0 || acks.component >= component);
            component = Math.max(component, acks.component);
            transition = Math.max(transition, acks.transition);
            journal = Math.max(journal, acks.journal);
            attempt = Math.max(attempt, acks.attempt);
            // A kill in the middle of a write may leave temporary files; opening the store must remove them.
            leftoverTemps += temporaryFiles(home).size();
            verify(home, where);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Kill test: %d SIGKILLs in %.1f s (seed %d), %d timed from the store's opening: %d before"
                + " the store opened, %d acknowledged writes, %d temporary files left by kills, final component 1.0.%d,"
                + " transition %d, journal entry %d, last attempt %d with %d attempt journals kept%n", iterations,
                seconds, seed, iterations / AFTER_OPEN_EVERY, killedBeforeOpen, acknowledged, leftoverTemps, component,
                transition, journal, attempt, attemptsOnDisk(home).size());
        assertTrue("seed " + seed + ": the children never got to write", acknowledged > 0);
        assertTrue("seed " + seed + ": too few journals were started to remove any", attempt >= JOURNALS_KEPT);
    }

    /** @param afterOpen whether the delay starts when the child reports the store open, rather than at its start */
    private Acks runAndKill(Path home, boolean afterOpen, int delayMs, Path childOut, Path childErr, String where)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx64m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), KillChild.class.getName(), home.toString(),
                Integer.toString(HISTORY_LIMIT), Integer.toString(JOURNALS_KEPT));
        // A file rather than a pipe: what the child wrote before it died is all there once it is dead, and no
        // reader thread races the JDK's handling of the pipe at process exit.
        pb.redirectOutput(childOut.toFile());
        pb.redirectError(childErr.toFile());
        Process p = pb.start();
        if (afterOpen) {
            awaitOpen(p, childOut, childErr, where);
        }
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
        return Acks.parse(Files.readString(childOut, StandardCharsets.US_ASCII), where);
    }

    /** Waits until the child's output holds its complete "open" line, i.e. the store is open and writes follow. */
    private static void awaitOpen(Process p, Path childOut, Path childErr, String where) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            // The child's first line; complete once its newline is there.
            String out = Files.readString(childOut, StandardCharsets.US_ASCII);
            if (out.startsWith("open ") && out.contains("\n")) {
                return;
            }
            if (!p.isAlive()) {
                fail(where + "child exited with " + p.exitValue() + " before the store opened: "
                        + Files.readString(childErr));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                fail(where + "child did not open the store within 60 s: " + Files.readString(childErr));
            }
            Thread.sleep(1);
        }
    }

    /** Opens the store as the next start would and checks it against what was acknowledged. */
    private void verify(Path home, String where) throws Exception {
        DeviceStateComponent s = new DeviceStateComponent(TestConfigs.config(home, HISTORY_LIMIT, JOURNALS_KEPT));
        assertEquals(where + "recovery was needed", List.of(), s.recoveryNotices());

        long c = s.installed(KillChild.COMPONENT).map(InstalledComponent::version).map(v -> v.patch()).orElse(-1L);
        assertOneOf(where + "component version patch", component, c);
        component = c;

        List<StateTransition> history = s.history(Integer.MAX_VALUE);
        long t = history.isEmpty() ? 0 : history.get(history.size() - 1).sequence();
        assertOneOf(where + "last transition", transition, t);
        transition = t;
        assertEquals(where + "history size", Math.min(t, HISTORY_LIMIT), history.size());
        for (int i = 1; i < history.size(); i++) {
            assertEquals(where + "history sequence", history.get(i - 1).sequence() + 1, history.get(i).sequence());
            assertEquals(where + "history chain", history.get(i - 1).to(), history.get(i).from());
        }
        UpdateState expected = history.isEmpty() ? UpdateState.IDLE : history.get(history.size() - 1).to();
        assertEquals(where + "status follows the history", expected, s.status().state());

        List<JournalEntry> entries = s.journal(KillChild.UPDATE_ID);
        assertOneOf(where + "journal length", journal, entries.size());
        journal = entries.size();
        long lastI = -1;
        for (JournalEntry e : entries) {
            long i = Long.parseLong(e.details().get("i"));
            assertTrue(where + "journal values increase", i > lastI && i <= c);
            lastI = i;
        }

        verifyAttempts(s, home, c, where);

        assertEquals(where + "temporary files left after opening", List.of(), temporaryFiles(home));
        try (Stream<Path> files = Files.walk(home)) {
            List<String> corrupt = files.map(Path::toString).filter(n -> n.contains(".corrupt-")).toList();
            assertEquals(where + "files moved aside", List.of(), corrupt);
        }
    }

    /**
     * A kill during a removal leaves the journal whole or gone, which the check for recovery notices covers; here:
     * the newest attempt is there, journals beyond the limit are the oldest, and however many kills landed between
     * a new journal and the removal, opening the store brings the journals back within the limit.
     */
    private void verifyAttempts(DeviceStateComponent s, Path home, long c, String where) throws Exception {
        TreeSet<Long> present = attemptsOnDisk(home);
        for (long a : present) {
            assertEquals(where + "journal of attempt " + a, 1, s.journal(KillChild.ATTEMPT + a).size());
        }
        try (Stream<Path> files = Files.list(home.resolve("state/journal"))) {
            long journals = files.filter(p -> p.getFileName().toString().endsWith(StateStore.JSON)).count();
            assertTrue(where + journals + " journals kept, limit " + JOURNALS_KEPT, journals <= JOURNALS_KEPT);
        }
        if (attempt >= 0) {
            assertTrue(where + "acknowledged attempt " + attempt + " is gone; kept: " + present,
                    !present.isEmpty() && present.last() >= attempt && present.last() <= c);
        }
        for (long gone : seenAttempts) {
            if (!present.contains(gone)) {
                assertTrue(where + "attempt " + gone + " was removed before the older " + present.first(),
                        present.isEmpty() || gone < present.first());
            }
        }
        seenAttempts.addAll(present);
    }

    private static TreeSet<Long> attemptsOnDisk(Path home) throws Exception {
        try (Stream<Path> files = Files.list(home.resolve("state/journal"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(KillChild.ATTEMPT) && n.endsWith(StateStore.JSON))
                    .map(n -> n.substring(KillChild.ATTEMPT.length(), n.length() - StateStore.JSON.length()))
                    .map(Long::parseLong)
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    private static List<String> temporaryFiles(Path home) throws Exception {
        try (Stream<Path> files = Files.walk(home)) {
            return files.map(Path::toString).filter(n -> n.endsWith(AtomicFile.TEMP_SUFFIX)).toList();
        }
    }

    private static void assertOneOf(String what, long acknowledged, long actual) {
        if (actual != acknowledged && actual != acknowledged + 1) {
            fail(what + " is " + actual + "; expected the acknowledged " + acknowledged + " or the next, "
                    + (acknowledged + 1));
        }
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
        return v == null || v.isBlank() || v.startsWith("${") ? DEFAULT_SEED : Long.parseLong(v.trim());
    }

    /** The highest value of each kind the child acknowledged. */
    private static final class Acks {
        boolean opened;
        int count;
        long component = -1;
        long transition;
        long journal;
        long attempt = -1;

        static Acks parse(String out, String where) {
            Acks a = new Acks();
            // A line cut by the kill is no acknowledgement; only complete lines count.
            String complete = out.substring(0, out.lastIndexOf('\n') + 1);
            for (String line : complete.lines().toList()) {
                String[] parts = line.split(" ");
                long n = Long.parseLong(parts[1]);
                switch (parts[0]) {
                    case "open" -> a.opened = true;
                    case "component" -> a.component = n;
                    case "transition" -> a.transition = n;
                    case "journal" -> a.journal = n;
                    case "attempt" -> a.attempt = n;
                    default -> throw new AssertionError(where + "unexpected line from child: " + line);
                }
                if (!parts[0].equals("open")) {
                    a.count++;
                }
            }
            return a;
        }
    }
}
