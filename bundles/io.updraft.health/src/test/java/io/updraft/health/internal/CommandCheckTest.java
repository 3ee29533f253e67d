package io.updraft.health.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.HealthResult;

public class CommandCheckTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final CommandCheck command = new CommandCheck();

    private HealthResult run(String line, Map<String, String> params, Duration timeout) throws Exception {
        return command.check(Specs.component(), Specs.check("command", line, params, timeout), tmp.getRoot().toPath(),
                Specs.VERSION);
    }

    @Test
    public void exitZeroIsHealthy() throws Exception {
        HealthResult r = run("echo fine", Map.of(), Duration.ofSeconds(5));
        assertTrue(r.detail(), r.healthy());
        assertEquals("exit code 0: fine", r.detail());
    }

    @Test
    public void otherExitIsUnhealthyWithOutput() throws Exception {
        HealthResult r = run("echo 'db not reachable' >&2; exit 1", Map.of(), Duration.ofSeconds(5));
        assertFalse(r.healthy());
        assertTrue(r.detail(), r.detail().startsWith("exit code 1: db not reachable"));
        assertTrue(run("exit 3", Map.of("expectExit", "3"), Duration.ofSeconds(5)).healthy());
        assertFalse(run("exit 0", Map.of("expectExit", "3"), Duration.ofSeconds(5)).healthy());
    }

    @Test
    public void runsInTheSlotWithTheComponentsVariables() throws Exception {
        Files.writeString(tmp.getRoot().toPath().resolve("marker"), "here");
        HealthResult r = run("cat marker; echo \" $UPDRAFT_COMPONENT $UPDRAFT_VERSION $UPDRAFT_SLOT\"", Map.of(),
                Duration.ofSeconds(5));
        assertEquals("exit code 0: here app 1.2.0 " + tmp.getRoot(), r.detail());
    }

    @Test
    public void onlyTheLast512BytesOfOutputAreKept() throws Exception {
        HealthResult r = run("printf 'a%.0s' $(seq 1 2000); printf END; exit 1", Map.of(), Duration.ofSeconds(5));
        assertTrue(r.detail(), r.detail().endsWith("aEND (expected 0)"));
        assertEquals("exit code 1: ".length() + CommandCheck.OUTPUT_TAIL + " (expected 0)".length(), r.detail().length());
    }

    @Test
    public void timeoutKillsTheCommandAndItsChildren() throws Exception {
        Path pid = tmp.getRoot().toPath().resolve("child.pid");
        long t0 = System.nanoTime();
        HealthResult r = run("sleep 100 & echo $! > child.pid; wait", Map.of(), Duration.ofMillis(700));
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(r.healthy());
        assertTrue(r.detail(), r.detail().contains("did not finish within PT0.7S"));
        assertTrue("took " + took + " ms", took < 3000);
        long child = Long.parseLong(Files.readString(pid).strip());
        assertChildEnds(child);
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
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(pid) && Files.readString(pid).endsWith("\n")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        t.interrupt();
        t.join(5000);
        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof InterruptedException);
        assertChildEnds(Long.parseLong(Files.readString(pid).strip()));
    }

    @Test
    public void badParametersAreRefused() throws Exception {
        for (Map<String, String> params : new Map[] {Map.of("expectExit", "zero"), Map.of("expectExit", "300")}) {
            try {
                run("true", params, Duration.ofSeconds(5));
                fail(params.toString());
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("expectExit '" + params.get("expectExit") + "'"));
            }
        }
    }

    private static void assertChildEnds(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
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
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
