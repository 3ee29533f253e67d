package io.updraft.installer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.update.UpdateState;

public class MigrationAndChecksTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;

    @Before
    public void setUp() {
        fx = new Fixture(tmp.getRoot().toPath().resolve("home"));
    }

    @After
    public void tearDown() {
        fx.stop();
    }

    @Test
    public void aFailedMigrationAbortsAndPutsTheConfigurationBack() throws Exception {
        Path conf = tmp.newFile("app.conf").toPath();
        Files.writeString(conf, "format 1\n");
        String script = "test -z \"$UPDRAFT_FROM_VERSION\" && exit 0; echo \"$UPDRAFT_COMPONENT $UPDRAFT_FROM_VERSION $UPDRAFT_TO_VERSION\" > " + conf
                + "; test -f \"$UPDRAFT_STAGED_SLOT/etc/version\" || exit 9; exit 3";
        fx.catalog("configuration", new ComponentSpec("app", "archive", null, null, null, Duration.ofMinutes(1),
                List.of(conf), null, List.of("/bin/sh", "-c", script), null, null, null, null));
        Installer installer = fx.start();
        assertEquals(Outcome.SUCCEEDED, installer.installFile(fx.pkg("app", "1.0.0"), null, "test").outcome());
        assertEquals("the first install migrates nothing here", "format 1\n", Files.readString(conf));

        InstallRecord r = installer.installFile(fx.pkg("app", "2.0.0"), null, "test");
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.reason(), r.reason().contains("component app: migration") && r.reason().contains("exited with 3"));
        assertEquals("the configuration the migration changed is restored", "format 1\n", Files.readString(conf));
        assertTrue(fx.steps(r.id()).contains("snapshotted app"));
        assertEquals(Path.of("slots/a"), fx.current("app"));
        assertEquals(UpdateState.FAILED, fx.stateNow());
        assertTrue(fx.steps(r.id()).toString(), fx.steps(r.id()).containsAll(List.of("migrate app", "aborted")));
        assertTrue(fx.snapshots.restores.toString(), fx.snapshots.restores.get(0).endsWith("[CONFIG]"));
    }

    @Test
    public void aCheckOfAnUnknownTypeFailsTheTrialNamingIt() throws Exception {
        HealthCheckSpec probe = new HealthCheckSpec("probe", "lidar", "", Map.of(), Duration.ofMillis(10),
                Duration.ofSeconds(1), 1, 1);
        fx.catalog("product headset", Fixture.checked("app", Duration.ofSeconds(10), probe));
        Installer installer = fx.start();
        InstallRecord r = installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertTrue(r.reason(), r.reason().contains("health check app/probe needs type 'lidar'"));
    }

    @Test
    public void aCheckThatHangsTimesOutAndFailsTheTrial() throws Exception {
        HealthCheckSpec slow = new HealthCheckSpec("slow", "version", "etc/version", Map.of("sleepMs", "5000"),
                Duration.ofMillis(10), Duration.ofMillis(100), 1, 2);
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(10), slow));
        Installer installer = fx.start();
        long start = System.nanoTime();
        InstallRecord r = installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertTrue(r.reason(), r.reason().contains("health check app/slow failed 2 time(s) in a row: timed out after PT0.1S"));
        assertTrue("cancelled rather than waited for", System.nanoTime() - start < 4_000_000_000L);
    }
}
