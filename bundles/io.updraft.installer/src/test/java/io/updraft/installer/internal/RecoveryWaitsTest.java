package io.updraft.installer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentCatalog;
import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.update.UpdateState;

/**
 * An attempt cut off by a restart is recovered only with the declaration it began with: without it the recovery
 * would guess slot paths, services and links, and a wrong guess can leave a device that does not boot.
 */
public class RecoveryWaitsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;

    @After
    public void tearDown() {
        fx.stop();
    }

    private static ComponentCatalog catalog(ComponentSpec spec) {
        return new ComponentCatalog() {
            @Override
            public String catalogName() {
                return "product robot";
            }

            @Override
            public List<ComponentSpec> components() {
                return List.of(spec);
            }
        };
    }

    @Test
    public void recoveryWaitsForTheCatalogThatDeclaredTheComponent() throws Exception {
        fx = new Fixture(tmp.newFolder("home").toPath());
        ComponentCatalog robot = catalog(Fixture.checked("app", Duration.ofSeconds(30)));
        fx.plugins.add(robot);
        Installer installer = fx.start();
        assertEquals(Outcome.SUCCEEDED, installer.installFile(fx.pkg("app", "1.0.1"), null, "test").outcome());
        fx.stopDuringTrial("app", "1.1.0");
        assertEquals(Path.of("slots/b"), fx.current("app"));

        // The product plugin is not there at the next start (say, still being updated itself).
        fx.plugins.remove(robot);
        Installer recovering = fx.start();
        assertEquals("nothing is moved without the declaration", UpdateState.AWAITING_COMMIT, fx.stateNow());
        assertEquals(Path.of("slots/b"), fx.current("app"));
        try {
            recovering.installFile(fx.pkg("app", "1.2.0"), null, "test");
            fail("an install while the recovery waits must be refused");
        } catch (InstallException e) {
            assertEquals(InstallException.Reason.BUSY, e.reason());
        }

        // The catalog comes back: the recovery runs and rolls the trial back.
        fx.plugins.add(robot);
        long end = System.nanoTime() + 10_000_000_000L;
        // The state moves first, the history record follows.
        while ((fx.stateNow() != UpdateState.FAILED || fx.installer.history(1).get(0).outcome() == Outcome.RUNNING)
                && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(UpdateState.FAILED, fx.stateNow());
        assertEquals(Outcome.ROLLED_BACK, fx.installer.history(1).get(0).outcome());
        assertEquals(Path.of("slots/a"), fx.current("app"));
        // The trial is journaled before the state shows AWAITING_COMMIT, where the stop came.
        String reason = fx.installer.history(1).get(0).reason();
        assertTrue(reason, reason.contains("interrupted by a restart during the trial"));
    }
}
