package io.updraft.publisher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.internal.VerifierComponent;

/**
 * Kills the release tool with SIGKILL at random moments while it adds, re-signs, rotates the timestamp key and
 * removes releases on one repository ({@link PublishKillChild}), and checks after each kill what a device and the
 * next run of the tool see: the device's real verifier accepts the published set from {@code 1.root.json} (a device
 * that followed every earlier state and a new one), every target it lists is there with its hashes, and the next
 * command succeeds and leaves a complete repository. The repository uses consistent snapshots (the default):
 * without them a client reading between the writes of {@code targets.json} and {@code snapshot.json} sees a
 * mismatch whatever the tool does, which is why TUF has them.
 *
 * <p>The number of kills is a fifth of {@code updraft.kill.iterations} (at least {@value #MIN_ITERATIONS}), so the
 * default build spends about half a minute here; the {@code soak} profile ({@code mvn -Psoak}) gives 200, and e.g.
 * {@code -Dupdraft.kill.iterations=10000} 2000. Reproduce a failure with {@code -Dupdraft.kill.seed=<seed>}.
 */
public class PublishKillTest {
    private static final int DEFAULT_ITERATIONS = 200;
    private static final int MIN_ITERATIONS = 20;
    // A child's first command takes a few hundred ms (class loading), later rounds of four about 150 ms here: the
    // kills land in the first few rounds, and which command comes first is drawn anew for every child.
    private static final int MAX_DELAY_MS = 900;
    private static final int SIGKILL_EXIT = 128 + 9;
    private static final String FLEET = "fleet";
    private static final List<String> STEPS = List.of("add", "resign", "rotate-key", "remove");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final int[] killedIn = new int[PublishSteps.COUNT];

    @Test
    public void repositoryStaysConsistentWhenThePublisherIsKilled() throws Exception {
        int iterations = Math.max(MIN_ITERATIONS, intProperty("updraft.kill.iterations", DEFAULT_ITERATIONS) / 5);
        long seed = seed();
        System.out.println("Publisher kill test: seed " + seed + " (-Dupdraft.kill.seed=" + seed + " to repeat)");
        Random random = new Random(seed);
        Path repo = tmp.getRoot().toPath().resolve("repo");
        Path keys = tmp.getRoot().toPath().resolve("keys");
        Path work = tmp.newFolder("work").toPath();
        PublishSteps.init(repo, keys, work);
        Path root1 = repo.resolve("metadata/1.root.json");
        VerifierComponent device = new VerifierComponent(Converters.standardConverter()
                .convert(Map.of("home", tmp.newFolder("device").toString())).to(VerifierComponent.Config.class));
        FileTransport transport = new FileTransport(repo);
        Path childOut = tmp.newFile("child.out").toPath();
        Path childErr = tmp.newFile("child.err").toPath();
        int commands = 0;
        int leftoverTemps = 0;
        long start = System.nanoTime();
        for (int k = 0; k < iterations; k++) {
            int delay = random.nextInt(MAX_DELAY_MS);
            String where = "seed " + seed + ", kill " + k + " after " + delay + " ms: ";
            int first = random.nextInt(PublishSteps.COUNT);
            Kill kill = runAndKill(repo, keys, work, 2L * k, first, delay, childOut, childErr, where);
            commands += kill.completed();
            killedIn[kill.step()]++;
            where += "killed in " + STEPS.get(kill.step()) + " after " + kill.completed() + " commands, ";
            leftoverTemps += temporaryFiles(repo).size();

            checkDevice(device, root1, transport, k, where + "after the kill, ");
            int step = random.nextInt(PublishSteps.COUNT);
            String next = where + "after the next command (" + STEPS.get(step) + "), ";
            try {
                PublishSteps steps = new PublishSteps(repo, keys, work, 2L * k + 1);
                if (steps.run(step, 0).isEmpty()) {
                    // Nothing left to remove (the killed run removed it): re-sign instead, so a command runs.
                    next = where + "after the next command (resign; there was nothing to remove), ";
                    steps.run(1, 0);
                }
            } catch (AssertionError | PublishException e) {
                throw new AssertionError(next + "it failed: " + e.getMessage(), e);
            }
            try {
                new RepoCheck(repo).assertConsistent();
            } catch (AssertionError e) {
                throw new AssertionError(next + "the repository is incomplete: " + e.getMessage(), e);
            }
            checkDevice(device, root1, transport, k, next);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Publisher kill test: %d SIGKILLs in %.1f s (seed %d): %d commands completed; killed in"
                + " add %d, resign %d, rotate-key %d, remove %d; %d temporary files left by kills%n", iterations,
                seconds, seed, commands, killedIn[0], killedIn[1], killedIn[2], killedIn[3], leftoverTemps);
        assertTrue("seed " + seed + ": the children never completed a command", commands > 0);
    }

    /** The commands a child completed, and the step it was in when killed. */
    private record Kill(int completed, int step) {
    }

    /** Starts a child once and kills it {@code delayMs} after it began publishing. */
    private Kill runAndKill(Path repo, Path keys, Path work, long generation, int firstStep, int delayMs,
            Path childOut, Path childErr, String where) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), PublishKillChild.class.getName(),
                repo.toString(), keys.toString(), work.toString(), Long.toString(generation), Integer.toString(firstStep));
        // Files rather than pipes: all the child wrote is there once it is dead, and no reader races its exit.
        pb.redirectOutput(childOut.toFile());
        pb.redirectError(childErr.toFile());
        Process p = pb.start();
        // Nothing is written before the child starts publishing: the JVM's start is not worth kills.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.size(childOut) == 0 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
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
        String out = Files.readString(childOut, StandardCharsets.US_ASCII);
        // Only complete lines count. The kill interrupted the last command announced, or, if that one was
        // acknowledged, the next one just before its announcement.
        List<String> lines = out.substring(0, out.lastIndexOf('\n') + 1).lines().toList();
        if (lines.isEmpty()) {
            fail(where + "child began no command in 30 s: " + Files.readString(childErr));
        }
        String last = lines.get(lines.size() - 1);
        int step = Integer.parseInt(last.substring(last.indexOf(' ') + 1));
        return new Kill((int) lines.stream().filter(l -> l.startsWith("done ")).count(),
                last.startsWith("done ") ? (step + 1) % PublishSteps.COUNT : step);
    }

    /**
     * A device that refreshed after every earlier kill, and a new one from the first root, accept the repository,
     * and every target listed is there with its length and hashes, under each name a client may fetch.
     */
    private static void checkDevice(VerifierComponent device, Path root1, FileTransport transport, int k,
            String where) throws IOException {
        TrustedRepository fleet = refresh(device, FLEET, root1, transport, where + "a device following the repository");
        TrustedRepository fresh = refresh(device, "new-" + k, root1, transport, where + "a new device");
        assertEquals(where + "the two devices disagree on the targets", fleet.targets(), fresh.targets());
        for (TargetInfo t : fleet.targets()) {
            List<String> names = fleet.consistentSnapshot()
                    ? t.hashes().values().stream().map(h -> hashPrefixed(t.path(), h)).toList()
                    : List.of(t.path());
            for (String name : names) {
                try (InputStream in = transport.openTarget(name, t.length())) {
                    device.verifyTarget(t, in);
                } catch (IOException | VerificationException e) {
                    throw new AssertionError(where + "target " + t.path() + " as " + name + ": " + e, e);
                }
            }
        }
    }

    private static TrustedRepository refresh(VerifierComponent device, String id, Path root1, FileTransport transport,
            String who) throws IOException {
        try {
            return device.refresh(id, root1, transport);
        } catch (VerificationException e) {
            throw new AssertionError(who + " refused it (" + e.reason() + "): " + e.getMessage(), e);
        }
    }

    private static String hashPrefixed(String path, String hash) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + hash + "." + path.substring(slash + 1);
    }

    private static List<String> temporaryFiles(Path repo) throws IOException {
        try (Stream<Path> files = Files.walk(repo)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
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
        return v == null || v.isBlank() || v.startsWith("${") ? new Random().nextLong() : Long.parseLong(v.trim());
    }
}
