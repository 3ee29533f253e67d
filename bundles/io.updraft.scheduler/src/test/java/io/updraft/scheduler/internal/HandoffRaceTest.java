package io.updraft.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.scheduler.Stage;
import io.updraft.update.UpdateState;

/** A check that lands after the installer ended an update but before it reported the end. */
public class HandoffRaceTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Fixture f;

    @Before
    public void setUp() throws Exception {
        f = new Fixture(tmp.getRoot().toPath());
        f.start();
    }

    @Test
    public void aRolledBackReleaseIsNotScheduledAgainByACheckBeforeTheReport() throws Exception {
        f.check(Fixture.offer("app", "1.2.0", 1000), Fixture.offer("os", "2.0.0", 5000));
        f.scheduler.installNow("shell");
        f.thread.runDue();
        String id = f.schedule().updateId();
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
        f.state.transition(UpdateState.INSTALLING, id, "installer");
        f.state.transition(UpdateState.ROLLING_BACK, id, "health check web failed");
        f.state.transition(UpdateState.IDLE, id, "rolled back");
        int requests = f.downloader.requests.size();

        // The installer is still cleaning up its staging folder when a check offers app 1.2.0 alone.
        f.check(Fixture.offer("app", "1.2.0", 1000));
        f.scheduler.installFinished(id, false, "health check web failed: HTTP 500");
        f.thread.runDue();

        assertTrue("app 1.2.0 was rolled back; nothing is pending: " + f.schedule(), f.scheduler.current().isEmpty());
        assertEquals(Stage.FAILED, f.schedule().stage());
        assertEquals(requests, f.downloader.requests.size());
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertTrue(f.scheduler.current().isEmpty());
    }
}
