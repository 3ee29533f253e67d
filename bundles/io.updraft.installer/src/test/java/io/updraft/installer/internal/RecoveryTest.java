package io.updraft.installer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallRecord;
import io.updraft.install.ServiceSpec;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

public class RecoveryTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;

    @After
    public void tearDown() {
        fx.stop();
    }

    @Test
    public void aRestartDuringTheTrialRollsTheUpdateBack() throws Exception {
        fx = new Fixture(tmp.newFolder("home").toPath());
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(30), Fixture.versionCheck("ver", 1, 3)));
        Installer installer = fx.start();
        assertEquals(Outcome.SUCCEEDED, installer.installFile(fx.pkg("app", "1.0.1"), null, "test").outcome());

        InstallRecord cut = fx.stopDuringTrial("app", "1.1.0");
        AtomicReference<InstallRecord> left = new AtomicReference<>(cut);
        assertEquals(Path.of("slots/b"), fx.current("app"));
        assertEquals("an attempt cut off by a stop is left for the recovery", Outcome.RUNNING, left.get().outcome());
        assertEquals(UpdateState.AWAITING_COMMIT, fx.stateNow());

        fx.start();
        assertEquals(UpdateState.FAILED, fx.stateNow());
        assertEquals(Path.of("slots/a"), fx.current("app"));
        assertEquals(Version.parse("1.0.1"), fx.state.installed("app").get().version());
        InstallRecord r = fx.installer.history(1).get(0);
        assertEquals(left.get().id(), r.id());
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertTrue(r.reason(), r.reason().contains("interrupted by a restart during the trial"));
        List<String> steps = fx.steps(r.id());
        assertEquals("rolled-back", steps.get(steps.size() - 1));
        assertEquals(1, fx.installer.history(50).stream().filter(h -> h.id().equals(r.id())).count());
    }

    @Test
    public void servicesOfCommittedComponentsStartAgainAfterAReboot() throws Exception {
        fx = new Fixture(tmp.newFolder("home").toPath());
        ComponentSpec withService = new ComponentSpec("app", ComponentSpec.ARCHIVE, null,
                List.of(new ServiceSpec("server", null, List.of("bin/server"), Map.of(), List.of(), Duration.ofSeconds(5))),
                List.of(), Duration.ofSeconds(30), List.of(), List.of(), List.of(), Map.of(), null, null, Map.of());
        fx.catalog("configuration", withService);
        Installer installer = fx.start();
        assertEquals(Outcome.SUCCEEDED, installer.installFile(fx.pkg("app", "1.0.1"), null, "test").outcome());
        fx.stop();

        // A restart of the runtime alone: the supervised service still runs and is left alone.
        fx.services.calls.clear();
        fx.start();
        assertEquals(List.of(), fx.services.calls);
        fx.stop();

        // A reboot: nothing runs until the runtime starts the committed version's services.
        fx.services.running.clear();
        fx.services.calls.clear();
        fx.start();
        assertEquals(List.of("start app a"), fx.services.calls);
    }

    @Test
    public void settingsRefuseBadValuesNamingThem() {
        fx = new Fixture(tmp.getRoot().toPath());
        assertRefused(Map.of("home", "relative/home"), "home 'relative/home' is not an absolute path");
        assertRefused(Map.of("repositoryId", "Prod/1"), "repositoryId 'Prod/1'");
        assertRefused(Map.of("historyLimit", 0), "historyLimit 0 is outside 1-10000");
        assertRefused(Map.of("trustRoot", ""), "trustRoot is empty");
        assertRefused(Map.of("recoveryRetrySeconds", 0), "recoveryRetrySeconds 0 is outside 1-1800");
        assertRefused(Map.of("recoveryRetrySeconds", 1801), "recoveryRetrySeconds 1801 is outside 1-1800");
    }

    private static void assertRefused(Map<String, Object> props, String message) {
        try {
            Settings.of(Converters.standardConverter().convert(props).to(InstallerConfig.class));
            throw new AssertionError("accepted " + props);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(message));
        }
    }
}
