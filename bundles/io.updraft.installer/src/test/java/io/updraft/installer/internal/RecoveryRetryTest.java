package io.updraft.installer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.update.UpdateState;

/** A recovery that fails is tried again by itself, without waiting for the next start of the runtime. */
public class RecoveryRetryTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;

    @After
    public void tearDown() {
        fx.stop();
    }

    @Test
    public void aRollbackThatCannotSwitchBackIsTriedAgainUntilItCan() throws Exception {
        fx = new Fixture(tmp.newFolder("home").toPath());
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(2), Fixture.versionCheck("ver", 1, 1)));
        Installer installer = fx.start();
        assertEquals(Outcome.SUCCEEDED, installer.installFile(fx.pkg("app", "1.0.0"), null, "test").outcome());
        fx.stop();
        // No commit comes: the trial of 1.1.0 ends at its deadline in a rollback.
        fx.config.put("autoCommit", false);
        fx.config.put("recoveryRetrySeconds", 1);
        Installer waiting = fx.start();
        Path next = fx.pkg("app", "1.1.0");
        AtomicReference<Object> answer = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                answer.set(waiting.installFile(next, null, "test"));
            } catch (Exception e) {
                answer.set(e);
            }
        });
        t.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (fx.stateNow() != UpdateState.AWAITING_COMMIT && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(UpdateState.AWAITING_COMMIT, fx.stateNow());
        // Something in the way of switching back: the rollback cannot put the slot pointer back.
        Path obstacle = fx.home.resolve("components/app/current.tmp");
        Files.createDirectories(obstacle);
        Files.writeString(obstacle.resolve("in-the-way"), "x");
        t.join(30_000);
        assertTrue("the install call did not return", !t.isAlive());
        InstallRecord cut = (InstallRecord) answer.get();
        assertEquals("left for the recovery: " + cut, Outcome.RUNNING, cut.outcome());
        assertTrue(cut.reason(), cut.reason().contains("cannot switch app back"));
        assertTrue(waiting.recoveryPending());
        try {
            waiting.installFile(fx.pkg("app", "1.2.0"), null, "test");
            fail("installed while a rollback was unfinished");
        } catch (InstallException e) {
            assertEquals(e.getMessage(), InstallException.Reason.BUSY, e.reason());
        }

        // The fault passes; a timed retry finishes the rollback with no restart.
        Files.delete(obstacle.resolve("in-the-way"));
        Files.delete(obstacle);
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiting.recoveryPending() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        waiting.awaitIdle();
        assertTrue("still pending after 30 s", !waiting.recoveryPending());
        InstallRecord r = waiting.history(1).get(0);
        assertEquals(cut.id(), r.id());
        assertEquals(r.toString(), Outcome.ROLLED_BACK, r.outcome());
        assertTrue(r.reason(), r.reason().endsWith("(completed by the recovery)"));
        assertEquals(Path.of("slots/a"), fx.current("app"));
        assertEquals(UpdateState.FAILED, fx.stateNow());
        List<String> steps = fx.steps(r.id());
        assertEquals("rolled-back", steps.get(steps.size() - 1));
        // Installs are taken again (this one, with no commit coming, ends at its trial deadline).
        InstallRecord again = waiting.installFile(fx.pkg("app", "1.0.1"), null, "test");
        assertEquals(again.toString(), Outcome.ROLLED_BACK, again.outcome());
        assertTrue(again.reason(), again.reason().startsWith("not committed before the trial deadline"));
    }
}
