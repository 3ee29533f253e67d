package io.updraft.installer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheck;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.HealthResult;
import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

/** A recovery that fails is tried again by itself, without waiting for the next start of the runtime. */
public class RecoveryRetryTest {
    private static final Version BAD = Version.parse("1.1.0");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;
    /** Opened by the test when the trial of {@link #BAD} may fail its check. */
    private final CountDownLatch gate = new CountDownLatch(1);

    @After
    public void tearDown() {
        gate.countDown();
        fx.stop();
    }

    /** Healthy for every version but {@link #BAD}, which fails once the test opens the gate. */
    private final HealthCheck gated = new HealthCheck() {
        @Override
        public String type() {
            return "gated";
        }

        @Override
        public HealthResult check(ComponentSpec component, HealthCheckSpec check, Path activeSlot, Version version)
                throws InterruptedException {
            if (!version.equals(BAD)) {
                return HealthResult.healthy("version " + version);
            }
            gate.await();
            return HealthResult.unhealthy("version " + version + " is broken");
        }
    };

    private long switchBacks(String id) throws Exception {
        return fx.steps(id).stream().filter(step -> step.startsWith("switch-back")).count();
    }

    @Test
    public void aRollbackThatCannotSwitchBackIsTriedAgainUntilItCan() throws Exception {
        fx = new Fixture(tmp.newFolder("home").toPath());
        fx.plugins.add(gated);
        fx.config.put("recoveryRetrySeconds", 3);
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(60), new HealthCheckSpec("gate",
                "gated", "", Map.of(), Duration.ofMillis(50), Duration.ofSeconds(60), 1, 1)));
        Installer installer = fx.start();
        assertEquals(Outcome.SUCCEEDED, installer.installFile(fx.pkg("app", "1.0.0"), null, "test").outcome());

        Path next = fx.pkg("app", BAD.toString());
        AtomicReference<Object> answer = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                answer.set(installer.installFile(next, null, "test"));
            } catch (Exception e) {
                answer.set(e);
            }
        });
        t.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fx.stateNow() != UpdateState.AWAITING_COMMIT && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(UpdateState.AWAITING_COMMIT, fx.stateNow());
        // Something in the way of switching back: the rollback cannot put the slot pointer back.
        Path obstacle = fx.home.resolve("components/app/current.tmp");
        Files.createDirectories(obstacle);
        Files.writeString(obstacle.resolve("in-the-way"), "x");
        gate.countDown();
        t.join(30_000);
        assertTrue("the install call did not return", !t.isAlive());
        InstallRecord cut = (InstallRecord) answer.get();
        assertEquals("left for the recovery: " + cut, Outcome.RUNNING, cut.outcome());
        assertTrue(cut.reason(), cut.reason().contains("cannot switch app back"));
        assertTrue(installer.recoveryPending());
        try {
            installer.installFile(fx.pkg("app", "1.2.0"), null, "test");
            fail("installed while a rollback was unfinished");
        } catch (InstallException e) {
            assertEquals(e.getMessage(), InstallException.Reason.BUSY, e.reason());
        }

        // Plugins that appear meanwhile do not start more attempts at the rollback: the timed retry does.
        long switchBacks = switchBacks(cut.id());
        for (String type : List.of("extra-1", "extra-2", "extra-3")) {
            fx.plugins.add(new HealthCheck() {
                @Override
                public String type() {
                    return type;
                }

                @Override
                public HealthResult check(ComponentSpec component, HealthCheckSpec check, Path slot, Version v) {
                    return HealthResult.healthy("");
                }
            });
        }
        installer.awaitIdle();
        assertEquals("attempts at switching back", switchBacks, switchBacks(cut.id()));

        // The fault passes; a timed retry finishes the rollback with no restart.
        Files.delete(obstacle.resolve("in-the-way"));
        Files.delete(obstacle);
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (installer.recoveryPending() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        installer.awaitIdle();
        assertTrue("still pending after 30 s", !installer.recoveryPending());
        InstallRecord r = installer.history(1).get(0);
        assertEquals(cut.id(), r.id());
        assertEquals(r.toString(), Outcome.ROLLED_BACK, r.outcome());
        // The reason names the health check that failed and what held the rollback up; no restart took place.
        assertTrue(r.reason(), r.reason().contains("version 1.1.0 is broken")
                && r.reason().contains("(rollback completed after: interrupted by the failure 'cannot switch app back")
                && !r.reason().contains("restart"));
        assertEquals(Path.of("slots/a"), fx.current("app"));
        assertEquals(UpdateState.FAILED, fx.stateNow());
        List<String> steps = fx.steps(r.id());
        assertEquals("rolled-back", steps.get(steps.size() - 1));
        assertTrue("the timed retry switched back", switchBacks(r.id()) > switchBacks);
        // Installs are taken again.
        assertEquals(Outcome.SUCCEEDED, installer.installFile(fx.pkg("app", "1.0.1"), null, "test").outcome());
    }
}
