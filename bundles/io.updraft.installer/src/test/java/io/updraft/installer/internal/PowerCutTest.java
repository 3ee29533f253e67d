package io.updraft.installer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallRecord;
import io.updraft.install.StagedSlot;
import io.updraft.update.InstalledComponent;
import io.updraft.update.JournalEntry;
import io.updraft.update.UpdateState;

/**
 * Power cuts: a child JVM ({@link PowerCutChild}) installs, rolls back and commits over one home with the real
 * device state and real files, and is SIGKILLed after a seeded random delay; the recovery then runs in this JVM on
 * the same home, and every component must be at exactly its old or its new version: {@code current} names a slot
 * whose description's version is the recorded one (or there is neither), the slot's files match their hashes, the
 * state is IDLE or FAILED and every journal ends in {@code committed}, {@code rolled-back} or {@code aborted}.
 *
 * <p>{@code -Dupdraft.powercut.trials} (default 200) and {@code -Dupdraft.powercut.seed} (default fixed) reproduce a
 * run; a soak run is e.g. {@code mvn -o -pl bundles/io.updraft.installer test -Dtest=PowerCutTest
 * -Dupdraft.powercut.trials=5000 -Dupdraft.powercut.seed=$RANDOM}.
 */
public class PowerCutTest {
    private static final int SIGKILL_EXIT = 128 + 9;
    private static final int MAX_DELAY_MS = 400;
    private static final int AHEAD = 2;
    /**
     * Every {@value #AIMED_EVERY}th trial is aimed: the kill comes right after the child announces one of these
     * journal steps (in turn), so each kind of step is cut a few times in every run however fast the machine is;
     * the other trials are killed after their random delay.
     */
    private static final List<String> AIMED = List.of(Journal.TRIAL, Journal.ROLLBACK, Journal.SWITCH, Journal.STAGE);
    private static final int AIMED_EVERY = 4;
    /** How long an aimed trial waits for its step before it is killed anyway. */
    private static final long AIM_WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    /**
     * The home lives on tmpfs when there is one: a SIGKILL leaves the page cache in place, so what the kill tests
     * (ordering of journal, pointer and state writes) is the same there, while the fsyncs that only matter for a
     * real power loss no longer dominate the run time. {@code -Dupdraft.powercut.dir} picks another place.
     */
    @Rule
    public TemporaryFolder tmp = TemporaryFolder.builder().parentFolder(workDir()).build();

    private static java.io.File workDir() {
        String dir = System.getProperty("updraft.powercut.dir", "/dev/shm");
        java.io.File f = new java.io.File(dir);
        return f.isDirectory() && f.canWrite() ? f : null;
    }

    private final Map<String, Integer> spread = new TreeMap<>();
    private int operations;
    private long readyNanos;
    private long recoveryNanos;

    @Test
    public void everyComponentIsAtItsOldOrNewVersionAfterAPowerCut() throws Exception {
        int trials = Integer.getInteger("updraft.powercut.trials", 200);
        long seed = Long.getLong("updraft.powercut.seed", 20261123L);
        Random random = new Random(seed);
        long[] childSeeds = new long[trials];
        int[] delays = new int[trials];
        for (int t = 0; t < trials; t++) {
            childSeeds[t] = random.nextLong();
            delays[t] = random.nextInt(MAX_DELAY_MS);
        }
        Path home = tmp.newFolder("home").toPath();
        long start = System.nanoTime();
        // Children are started AHEAD trials early: each loads and warms up while earlier ones run and are checked.
        ArrayDeque<Child> ahead = new ArrayDeque<>();
        try {
            for (int t = 0; t < trials; t++) {
                while (ahead.size() < AHEAD && t + ahead.size() < trials) {
                    int n = t + ahead.size();
                    ahead.add(spawn(home, childSeeds[n], n));
                }
                String aim = t % AIMED_EVERY == AIMED_EVERY - 1 ? AIMED.get(t / AIMED_EVERY % AIMED.size()) : null;
                // An aimed kill comes a few milliseconds after its step, so that it lands at different points in it.
                int delay = aim == null ? delays[t] : delays[t] % 3;
                String where = "seed " + seed + ", trial " + t + ", kill " + delay + " ms after "
                        + (aim == null ? "ready" : "step '" + aim + "'") + ": ";
                List<String> lines = runAndKill(ahead.poll(), aim, delay, where);
                operations += (int) lines.stream().filter(l -> l.startsWith("done ")).count();
                spread.merge(killPoint(lines), 1, Integer::sum);
                long r0 = System.nanoTime();
                recoverAndCheck(home, lines, where + "last lines " + tail(lines) + ": ");
                recoveryNanos += System.nanoTime() - r0;
            }
        } finally {
            ahead.forEach(c -> c.process().destroyForcibly());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder table = new StringBuilder(String.format("%nPower-cut test: seed %d, %d trials in %.1f s, %d "
                + "operations completed by the children%n  %-32s %s%n", seed, trials, seconds, operations,
                "killed during", "trials"));
        spread.forEach((k, v) -> table.append(String.format("  %-32s %d%n", k, v)));
        table.append(String.format("  %-32s %d%n", "invariant failures", 0));
        table.append(String.format("  child start to ready after the word: %.0f ms on average; recovery and checks: "
                + "%.0f ms on average%n", readyNanos / 1e6 / trials, recoveryNanos / 1e6 / trials));
        System.out.print(table);
        assertTrue("kills must land inside installs, switches, trials and rollbacks: " + spread,
                spread.keySet().containsAll(List.of("install: staging", "switch", "trial", "rollback")));
    }

    /** A child JVM started ahead and warmed up, waiting for the word to open the home. */
    private record Child(Process process, Path out, Path err) {
    }

    private Child spawn(Path home, long childSeed, int n) throws IOException {
        Path dir = tmp.getRoot().toPath();
        Path out = dir.resolve("child-" + (n % (AHEAD + 1)) + ".out");
        Path err = dir.resolve("child-" + (n % (AHEAD + 1)) + ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx96m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
                PowerCutChild.class.getName(), home.toString(), Long.toString(childSeed),
                dir.resolve("scratch-" + n).toString());
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        return new Child(pb.start(), out, err);
    }

    /** @param aim the journal step to wait for before the delay starts; null to start it at "ready" */
    private List<String> runAndKill(Child child, String aim, int delayMs, String where) throws Exception {
        Process p = child.process();
        awaitLine(child, "loaded", where);
        p.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        long go = System.nanoTime();
        awaitLine(child, "ready", where);
        readyNanos += System.nanoTime() - go;
        if (aim != null) {
            awaitStep(child, aim);
        }
        Thread.sleep(delayMs);
        if (!p.isAlive()) {
            fail(where + "child exited by itself with " + p.exitValue() + ": " + Files.readString(child.err())
                    + Files.readString(child.out()));
        }
        p.destroyForcibly();
        assertTrue(where + "child did not die", p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(where + Files.readString(child.err()), SIGKILL_EXIT, p.exitValue());
        String text = Files.readString(child.out(), StandardCharsets.UTF_8);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }

    /**
     * Waits until the child announces journal step {@code step} of an install or a scheduled update (manual
     * rollbacks have steps of the same names) — or exits, or {@link #AIM_WAIT_NANOS} pass.
     */
    private static void awaitStep(Child child, String step) throws Exception {
        String wanted = "J " + step;
        long deadline = System.nanoTime() + AIM_WAIT_NANOS;
        int from = 0;
        String op = "";
        StringBuilder pending = new StringBuilder();
        while (child.process().isAlive() && System.nanoTime() < deadline) {
            String text = Files.readString(child.out(), StandardCharsets.UTF_8);
            pending.append(text, Math.min(from, text.length()), text.length());
            from = Math.max(from, text.length());
            int nl;
            while ((nl = pending.indexOf("\n")) >= 0) {
                String line = pending.substring(0, nl);
                pending.delete(0, nl + 1);
                if (line.startsWith("op ")) {
                    op = line;
                } else if (line.equals(wanted) && !op.startsWith("op manual-rollback")) {
                    return;
                }
            }
            Thread.sleep(1);
        }
    }

    private static void awaitLine(Child child, String line, String where) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(child.out(), StandardCharsets.UTF_8).contains(line + "\n")) {
            if (!child.process().isAlive()) {
                fail(where + "child exited with " + child.process().exitValue() + " before '" + line + "': "
                        + Files.readString(child.err()));
            }
            if (System.nanoTime() > deadline) {
                child.process().destroyForcibly();
                fail(where + "child did not say '" + line + "' within 60 s");
            }
            Thread.sleep(2);
        }
    }

    /** Where the kill landed, by the last step the child announced. */
    static String killPoint(List<String> lines) {
        String op = "";
        String step = "";
        String last = "";
        for (String l : lines) {
            if (l.startsWith("op ")) {
                op = l.substring(3);
                step = "";
            } else if (l.startsWith("J ")) {
                step = l.substring(2);
            }
            last = l;
        }
        if (last.startsWith("done") || last.equals("ready")) {
            return "between operations";
        }
        String prefix = op.equals("manual-rollback") ? "manual rollback: " : "";
        // State moves ("S ...") belong to the journal step before them; before the first one, to the planning.
        if (step.isEmpty()) {
            return op.startsWith("scheduled") ? "scheduler hand-off" : prefix.isEmpty() ? "install: verifying"
                    : prefix + "planning";
        }
        switch (step) {
            case Journal.BEGIN, Journal.SNAPSHOT, Journal.SNAPSHOTTED, Journal.STAGE, Journal.STAGED, Journal.MIGRATE,
                    Journal.RESTORE, Journal.STOP_SERVICES:
                return prefix.isEmpty() ? "install: staging" : prefix + "before switch";
            case Journal.SWITCH, Journal.SWITCHED, Journal.START_SERVICES:
                return prefix + "switch";
            case Journal.TRIAL:
                return prefix + "trial";
            case Journal.COMMIT, Journal.COMMITTED:
                return prefix + "commit";
            default:
                return prefix + "rollback";
        }
    }

    private static void recoverAndCheck(Path home, List<String> lines, String where) throws Exception {
        PowerCutRig rig = new PowerCutRig(home, false);
        try {
            resumeSchedule(rig, lines);
            rig.installer.start();
            rig.installer.awaitIdle();
            assertFalse(where + "recovery pending", rig.installer.recoveryPending());
            UpdateState state = rig.store.status().state();
            assertTrue(where + "state " + state, state == UpdateState.IDLE || state == UpdateState.FAILED);
            for (String name : new Layout(home).componentNames()) {
                checkComponent(rig, home.resolve("components").resolve(name), name, where);
            }
            try (Stream<Path> journals = Files.list(home.resolve("state").resolve("journal"))) {
                for (Path j : journals.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                    String id = j.getFileName().toString().replaceFirst("\\.json$", "");
                    List<JournalEntry> entries = rig.store.journal(id);
                    if (!entries.isEmpty()) {
                        String last = entries.get(entries.size() - 1).step();
                        assertTrue(where + "journal " + id + " ends in " + last, Journal.ENDS.contains(last));
                    }
                }
            }
            for (InstallRecord r : rig.installer.history(10_000)) {
                assertFalse(where + "history record still running: " + r, r.outcome() == InstallRecord.Outcome.RUNNING);
            }
            if (Files.isDirectory(home.resolve("staging"))) {
                try (Stream<Path> s = Files.list(home.resolve("staging"))) {
                    assertEquals(where + "staging left", List.of(), s.toList());
                }
            }
        } finally {
            rig.installer.stop(Duration.ofSeconds(5));
        }
    }

    /**
     * Plays the scheduler's part after the restart: an update the child's scheduler was walking towards its install
     * (CHECKING to READY) is, as the real scheduler does from its persisted schedule, made due again, and the
     * installer's start takes it up.
     */
    private static void resumeSchedule(PowerCutRig rig, List<String> lines) throws Exception {
        String[] op = lines.stream().filter(l -> l.startsWith("op scheduled ")).reduce((a, b) -> b)
                .map(l -> l.split(" ")).orElse(null);
        if (op == null || !rig.store.status().updateId().equals(op[2])) {
            return;
        }
        List<UpdateState> walk = List.of(UpdateState.CHECKING, UpdateState.UPDATE_AVAILABLE, UpdateState.DOWNLOADING,
                UpdateState.VERIFYING, UpdateState.READY);
        int at = walk.indexOf(rig.store.status().state());
        if (at < 0) {
            return;
        }
        for (UpdateState s : walk.subList(at + 1, walk.size())) {
            rig.store.transition(s, op[2], "scheduler resumed after the restart");
        }
        Path api = Path.of(op[3]);
        Path web = Path.of(op[4]);
        rig.scheduler.due(op[2], List.of(Offers.offer("api", TestPackages.versionOf(api)),
                Offers.offer("web", TestPackages.versionOf(web))), Map.of("api", api, "web", web));
    }

    private static void checkComponent(PowerCutRig rig, Path dir, String name, String where) throws IOException {
        Optional<InstalledComponent> installed = rig.store.installed(name);
        assertFalse(where + name + ": current.tmp left", Files.exists(dir.resolve("current.tmp"), LinkOption.NOFOLLOW_LINKS));
        if (!Files.isSymbolicLink(dir.resolve("current"))) {
            assertFalse(where + name + " has no current but is recorded as " + installed, installed.isPresent());
            return;
        }
        Path target = Files.readSymbolicLink(dir.resolve("current"));
        String slot = target.getFileName().toString();
        assertTrue(where + name + ": current -> " + target, target.equals(Path.of("slots", slot))
                && (slot.equals("a") || slot.equals("b")));
        Optional<StagedSlot> json = SlotJson.read(dir.resolve("slots").resolve(slot + ".json"));
        assertTrue(where + name + ": active slot " + slot + " has no description", json.isPresent());
        assertTrue(where + name + " is at " + json.get().version() + " but recorded as " + installed,
                installed.isPresent() && installed.get().version().equals(json.get().version()));
        try {
            rig.archive.verify(ComponentSpec.plain(name, "archive"), json.get(), dir.resolve("slots").resolve(slot));
        } catch (io.updraft.install.InstallException e) {
            fail(where + name + ": " + e.getMessage());
        }
        String version = Files.readString(dir.resolve("slots").resolve(slot).resolve("etc/version")).strip();
        assertEquals(where + name, json.get().version().toString(), version);
    }

    private static String tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 4), lines.size()).toString();
    }
}
