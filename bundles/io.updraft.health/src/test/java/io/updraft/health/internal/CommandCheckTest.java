package io.updraft.health.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.HealthResult;

public class CommandCheckTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** For commands that end by themselves: never reached, however loaded the machine. */
    private static final Duration AMPLE = Duration.ofSeconds(30);
    /** For commands that must time out: long enough for sh to start and fork its children first on a loaded machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final CommandCheck command = new CommandCheck();

    private HealthResult run(String line, Map<String, String> params, Duration timeout) throws Exception {
        return run(command, line, params, timeout);
    }

    private HealthResult run(CommandCheck check, String line, Map<String, String> params, Duration timeout)
            throws Exception {
        return check.check(Specs.component(), Specs.check("command", line, params, timeout), tmp.getRoot().toPath(),
                Specs.VERSION);
    }

    @Test
    public void exitZeroIsHealthy() throws Exception {
        HealthResult r = run("echo fine", Map.of(), AMPLE);
        assertTrue(r.detail(), r.healthy());
        assertEquals("exit code 0: fine", r.detail());
    }

    @Test
    public void otherExitIsUnhealthyWithOutput() throws Exception {
        HealthResult r = run("echo 'db not reachable' >&2; exit 1", Map.of(), AMPLE);
        assertFalse(r.healthy());
        assertTrue(r.detail(), r.detail().startsWith("exit code 1: db not reachable"));
        assertTrue(run("exit 3", Map.of("expectExit", "3"), AMPLE).healthy());
        assertFalse(run("exit 0", Map.of("expectExit", "3"), AMPLE).healthy());
    }

    @Test
    public void runsInTheSlotWithTheComponentsVariables() throws Exception {
        Files.writeString(tmp.getRoot().toPath().resolve("marker"), "here");
        HealthResult r = run("cat marker; echo \" $UPDRAFT_COMPONENT $UPDRAFT_VERSION $UPDRAFT_SLOT\"", Map.of(),
                AMPLE);
        assertEquals("exit code 0: here app 1.2.0 " + tmp.getRoot(), r.detail());
    }

    @Test
    public void onlyTheLast512BytesOfOutputAreKept() throws Exception {
        HealthResult r = run("printf 'a%.0s' $(seq 1 2000); printf END; exit 1", Map.of(), AMPLE);
        assertTrue(r.detail(), r.detail().endsWith("aEND (expected 0)"));
        assertEquals("exit code 1: ".length() + CommandCheck.OUTPUT_TAIL + " (expected 0)".length(), r.detail().length());
    }

    @Test
    public void timeoutKillsTheCommandAndItsChildren() throws Exception {
        long t0 = System.nanoTime();
        HealthResult r = run("sleep 100 & echo $! > child.pid; wait", Map.of(), TIMEOUT);
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(r.healthy());
        assertTrue(r.detail(), r.detail().contains("did not finish within PT3S"));
        assertTrue("waited the timeout, took " + took + " ms", took >= TIMEOUT.toMillis());
        assertTrue("did not wait for the 100 s child, took " + took + " ms", took < 10_000);
        assertChildEnds(pidFrom("child.pid"));
    }

    @Test
    public void withoutSetsidATimeoutStillKillsTheDescendants() throws Exception {
        HealthResult r = run(new CommandCheck(Optional.empty()), "sleep 100 & echo $! > child.pid; wait", Map.of(),
                TIMEOUT);
        assertTrue(r.detail(), r.detail().contains("did not finish within PT3S"));
        assertChildEnds(pidFrom("child.pid"));
    }

    @Test
    public void whatAHealthyCommandLeavesRunningIsEnded() throws Exception {
        requireSetsid();
        HealthResult r = run("sleep 100 & echo $! > child.pid; echo up", Map.of(), AMPLE);
        assertTrue(r.detail(), r.healthy());
        assertEquals("exit code 0: up", r.detail());
        assertChildEnds(pidFrom("child.pid"));
    }

    @Test
    public void timeoutEndsAChildThatLeftTheProcessTree() throws Exception {
        requireSetsid();
        // The subshell exits at once: its child is re-parented, no descendant of the command any more, only a member
        // of its process group.
        HealthResult r = run("( sleep 100 & echo $! > child.pid ); sleep 100", Map.of(), TIMEOUT);
        assertTrue(r.detail(), r.detail().contains("did not finish within PT3S"));
        long child = pidFrom("child.pid");
        assertChildEnds(child);
    }

    @Test
    public void timeoutEndsWhatTheCommandKeepsForking() throws Exception {
        requireSetsid();
        HealthResult r = run("while true; do sleep 100 & echo $! >> children; sleep 0.05; done", Map.of(), TIMEOUT);
        assertTrue(r.detail(), r.detail().contains("did not finish within PT3S"));
        List<String> children = readOr(tmp.getRoot().toPath().resolve("children"), "").lines().toList();
        assertFalse("the command forked before its timeout", children.isEmpty());
        for (String child : children) {
            assertChildEnds(Long.parseLong(child.strip()));
        }
    }

    @Test
    public void interruptionKillsTheCommandAndItsChildren() throws Exception {
        Path pid = tmp.getRoot().toPath().resolve("child.pid");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                run("sleep 100 & echo $! > child.pid; wait", Map.of(), Duration.ofSeconds(60));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!readOr(pid, "").endsWith("\n")) {
            if (System.nanoTime() > deadline) {
                t.interrupt();
                fail("the command did not write its child's pid within 20 s");
            }
            Thread.sleep(20);
        }
        t.interrupt();
        t.join(20_000);
        assertFalse("the check ended", t.isAlive());
        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof InterruptedException);
        assertChildEnds(pidFrom("child.pid"));
    }

    @Test
    public void badParametersAreRefused() throws Exception {
        for (Map<String, String> params : new Map[] {Map.of("expectExit", "zero"), Map.of("expectExit", "300")}) {
            try {
                run("true", params, AMPLE);
                fail(params.toString());
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("expectExit '" + params.get("expectExit") + "'"));
            }
        }
    }

    /** The pid a command wrote, complete: it was written before the command exited or timed out. */
    private long pidFrom(String file) {
        String text = readOr(tmp.getRoot().toPath().resolve(file), "");
        assertTrue("the command wrote its child's pid to " + file + " before it ended: '" + text + "'",
                text.endsWith("\n"));
        return Long.parseLong(text.strip());
    }

    private static String readOr(Path file, String otherwise) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return otherwise;
        }
    }

    private static void requireSetsid() {
        assertTrue("the command check's own group needs setsid on the PATH, as on the devices",
                io.updraft.fs.Executables.findOnPath("setsid", System.getenv("PATH")).isPresent());
    }

    private static void assertChildEnds(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid)) {
            if (System.nanoTime() > deadline) {
                fail("child " + pid + " of the health command still runs");
            }
            Thread.sleep(20);
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }
}
