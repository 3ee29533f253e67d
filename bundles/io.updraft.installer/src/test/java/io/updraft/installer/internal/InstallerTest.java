package io.updraft.installer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.install.InstallService;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

public class InstallerTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;
    private Installer installer;

    @Before
    public void setUp() throws Exception {
        fx = new Fixture(tmp.newFolder("home").toPath());
    }

    @After
    public void tearDown() {
        fx.stop();
    }

    @Test
    public void anUpdateIsStagedSwitchedCheckedAndCommitted() throws Exception {
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(10), Fixture.versionCheck("ver", 2, 3)));
        installer = fx.start();
        InstallRecord first = installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        assertEquals(first.reason(), Outcome.SUCCEEDED, first.outcome());
        assertEquals(Path.of("slots/a"), fx.current("app"));

        InstallRecord r = installer.installFile(fx.pkg("app", "1.1.0"), null, "shell");
        assertEquals(r.reason(), Outcome.SUCCEEDED, r.outcome());
        assertEquals(Path.of("slots/b"), fx.current("app"));
        assertEquals(Version.parse("1.1.0"), fx.state.installed("app").get().version());
        assertEquals(UpdateState.IDLE, fx.stateNow());
        assertEquals("1.1.0\n", Files.readString(fx.home.resolve("components/app/current/etc/version")));
        assertEquals(List.of("begin", "snapshot app", "snapshotted app", "stage app", "staged app", "stop-services",
                "switch app", "switched app", "start-services", "trial", "commit", "committed"), fx.steps(r.id()));
        assertEquals("app 1.0.0->1.1.0", fx.state.journal(r.id()).get(0).details().get("changes"));
        assertEquals(List.of("stop app", "start app b"), fx.services.calls.subList(2, 4));
        assertFalse("staging is cleared", Files.exists(fx.home.resolve("staging").resolve(r.id())));
        List<InstallRecord> history = installer.history(10);
        assertEquals(r.id(), history.get(0).id());
        assertEquals(Outcome.SUCCEEDED, history.get(0).outcome());
        assertEquals(List.of("production"), fx.verifier.repositories.subList(0, 1));
        assertTrue(fx.events.stream().anyMatch(e -> e.getTopic().equals(InstallService.RESULT_TOPIC)
                && r.id().equals(e.getProperty("id")) && "SUCCEEDED".equals(e.getProperty("outcome"))));
        assertTrue(fx.events.stream().anyMatch(e -> e.getTopic().equals(Events.STATE)
                && "AWAITING_COMMIT".equals(e.getProperty("to"))));
        var c = installer.components().get(0);
        assertEquals("b", c.activeSlot());
        assertEquals(Version.parse("1.1.0"), c.activeVersion());
        assertEquals(Version.parse("1.0.0"), c.inactiveVersion());
        assertEquals(1, c.snapshots().size());
    }

    @Test
    public void aFailingHealthCheckRollsTheUpdateBack() throws Exception {
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(10), Fixture.versionCheck("ver", 2, 2)));
        installer = fx.start();
        installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        InstallRecord r = installer.installFile(fx.pkg("app", "1.1.0-bad"), null, "test");
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertTrue(r.reason(), r.reason().contains("health check app/ver failed 2 time(s) in a row: app 1.1.0-bad answers 503"));
        assertEquals(Path.of("slots/a"), fx.current("app"));
        assertEquals(Version.parse("1.0.0"), fx.state.installed("app").get().version());
        assertEquals(UpdateState.FAILED, fx.stateNow());
        assertTrue(fx.state.status().reason(), fx.state.status().reason().contains("health check app/ver"));
        List<String> steps = fx.steps(r.id());
        assertEquals(List.of("rollback", "switch-back app", "rolled-back"), steps.subList(steps.size() - 3, steps.size()));
        assertEquals("the failed version stays described in its slot", Version.parse("1.1.0-bad"),
                SlotJson.read(fx.home.resolve("components/app/slots/b.json")).get().version());
        assertEquals(List.of("stop app", "start app a"), fx.services.calls.subList(fx.services.calls.size() - 2,
                fx.services.calls.size()));
    }

    @Test
    public void aFailureWhileStagingChangesNothing() throws Exception {
        installer = fx.start();
        installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        installer.installFile(fx.pkg("app", "1.1.0"), null, "test");
        fx.archive.failAfter.set(1);
        int calls = fx.services.calls.size();
        InstallRecord r = installer.installFile(fx.pkg("app", "1.2.0"), null, "test");
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.reason(), r.reason().contains("writing") && r.reason().contains("failed (test)"));
        assertEquals(Path.of("slots/b"), fx.current("app"));
        assertEquals(Version.parse("1.1.0"), fx.state.installed("app").get().version());
        assertEquals(UpdateState.FAILED, fx.stateNow());
        assertFalse("the half-written slot has no description",
                Files.exists(fx.home.resolve("components/app/slots/a.json")));
        assertEquals(0, Files.list(fx.home.resolve("components/app/slots/a")).count());
        assertEquals("aborted", fx.steps(r.id()).get(fx.steps(r.id()).size() - 1));
        assertFalse(fx.steps(r.id()).contains("switch app"));
        assertEquals("no service was touched", calls, fx.services.calls.size());
    }

    @Test
    public void commitEndsTheTrialWithoutAutoCommit() throws Exception {
        fx.config.put("autoCommit", false);
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(30), Fixture.versionCheck("ver", 1, 3)));
        installer = fx.start();
        try {
            installer.commit("test");
            fail("nothing is in trial");
        } catch (InstallException e) {
            assertEquals(InstallException.Reason.NOTHING_TO_COMMIT, e.reason());
        }
        Path pkg = fx.pkg("app", "1.0.0");
        Thread t = new Thread(() -> {
            try {
                installer.installFile(pkg, null, "test");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        long end = System.nanoTime() + 10_000_000_000L;
        // The trial is journaled, then the state moves, then the progress shows the deadline.
        while ((fx.stateNow() != UpdateState.AWAITING_COMMIT || installer.progress().map(p -> p.trialDeadline() == null)
                .orElse(true)) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(UpdateState.AWAITING_COMMIT, fx.stateNow());
        assertTrue(installer.progress().isPresent());
        assertTrue(String.valueOf(installer.progress()), installer.progress().get().trialDeadline() != null);
        Thread.sleep(100);
        assertEquals("without autoCommit the passed trial waits", UpdateState.AWAITING_COMMIT, fx.stateNow());
        InstallRecord r = installer.commit("shell");
        t.join(10_000);
        assertEquals(Outcome.SUCCEEDED, r.outcome());
        assertEquals(UpdateState.IDLE, fx.stateNow());
        assertEquals("shell", fx.state.journal(r.id()).stream().filter(e -> e.step().equals("commit")).findFirst()
                .get().details().get("by"));
    }

    @Test
    public void anUncommittedTrialIsRolledBackAtItsDeadline() throws Exception {
        fx.config.put("autoCommit", false);
        fx.catalog("configuration", Fixture.checked("app", Duration.ofMillis(400), Fixture.versionCheck("ver", 1, 3)));
        installer = fx.start();
        InstallRecord r = installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertTrue(r.reason(), r.reason().contains("not committed before the trial deadline"));
        assertFalse("a first install rolled back leaves no current",
                Files.exists(fx.home.resolve("components/app/current"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(fx.state.installed("app").isEmpty());
    }

    @Test
    public void aManualRollbackReturnsToTheOtherSlot() throws Exception {
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(10), Fixture.versionCheck("ver", 1, 1)));
        installer = fx.start();
        installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        installer.installFile(fx.pkg("app", "1.1.0"), null, "test");
        InstallRecord r = installer.rollback("app", null, "shell");
        assertEquals(r.reason(), Outcome.SUCCEEDED, r.outcome());
        assertEquals(InstallRecord.Action.ROLLBACK, r.action());
        assertTrue(r.id(), r.id().startsWith("rollback-app-"));
        assertEquals(Path.of("slots/a"), fx.current("app"));
        assertEquals(Version.parse("1.0.0"), fx.state.installed("app").get().version());
        assertEquals(UpdateState.IDLE, fx.stateNow());
        assertEquals(List.of("begin", "stop-services", "switch app", "switched app", "start-services", "trial",
                "commit", "committed"), fx.steps(r.id()));
        try {
            installer.rollback("nothing", null, "shell");
            fail("unknown component");
        } catch (InstallException e) {
            assertEquals(InstallException.Reason.UNKNOWN_COMPONENT, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("nothing"));
        }
    }

    @Test
    public void aBrokenEventAdminDoesNotBreakAnInstall() throws Exception {
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(10), Fixture.versionCheck("ver", 1, 1)));
        installer = fx.start();
        fx.eventsFail = true;
        InstallRecord r = installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        assertEquals(r.reason(), Outcome.SUCCEEDED, r.outcome());
        assertEquals(UpdateState.IDLE, fx.stateNow());
        assertEquals(Version.parse("1.0.0"), fx.state.installed("app").get().version());
    }

    @Test
    public void aManualRollbackDoesNotGoForwardToTheReleaseThatJustFailed() throws Exception {
        fx.catalog("configuration", Fixture.checked("app", Duration.ofSeconds(10), Fixture.versionCheck("ver", 1, 1)));
        installer = fx.start();
        installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        assertEquals(Outcome.ROLLED_BACK, installer.installFile(fx.pkg("app", "1.1.0-bad"), null, "test").outcome());
        try {
            installer.rollback("app", null, "shell");
            fail("the other slot holds the release that failed its trial");
        } catch (InstallException e) {
            assertEquals(InstallException.Reason.UNKNOWN_COMPONENT, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("holds 1.1.0-bad, which is not older"));
        }
        assertEquals(Path.of("slots/a"), fx.current("app"));
        assertEquals(Version.parse("1.0.0"), fx.state.installed("app").get().version());
    }

    @Test
    public void aManualRollbackToASnapshotRestoresItIntoTheOtherSlot() throws Exception {
        installer = fx.start();
        installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        installer.installFile(fx.pkg("app", "1.1.0"), null, "test");
        installer.installFile(fx.pkg("app", "1.2.0"), null, "test");
        String snapshot = fx.snapshots.list("app").stream().filter(s -> s.version().equals(Version.parse("1.0.0")))
                .findFirst().get().id();
        InstallRecord r = installer.rollback("app", snapshot, "rest");
        assertEquals(r.reason(), Outcome.SUCCEEDED, r.outcome());
        assertEquals(Path.of("slots/b"), fx.current("app"));
        assertEquals("1.0.0\n", Files.readString(fx.home.resolve("components/app/current/etc/version")));
        assertEquals(Version.parse("1.0.0"), fx.state.installed("app").get().version());
        assertTrue(fx.snapshots.restores.toString(), fx.snapshots.restores.get(0).startsWith(snapshot + " [SLOT, CONFIG]"));
        try {
            installer.rollback("app", "app-9.9.9-1", "rest");
            fail("no such snapshot");
        } catch (InstallException e) {
            assertEquals(InstallException.Reason.NO_SNAPSHOT, e.reason());
        }
    }

    @Test
    public void mismatchedDeclarationsAreRefusedNamingBothSides() throws Exception {
        installer = fx.start();
        fx.catalog("product robot", new io.updraft.install.ComponentSpec("app", "image", null, null, null,
                Duration.ofMinutes(1), null, null, null, null, null, null, null));
        InstallException e = refused(fx.pkg("app", "1.0.0"));
        assertEquals(InstallException.Reason.BAD_PACKAGE, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("'image'") && e.getMessage().contains("'archive'")
                && e.getMessage().contains("product robot"));
        assertEquals(UpdateState.FAILED, fx.stateNow());
        assertEquals(Outcome.FAILED, installer.history(1).get(0).outcome());

        fx.catalog("configuration", io.updraft.install.ComponentSpec.plain("app", "archive"));
        e = refused(fx.pkg("app", "1.0.0"));
        assertTrue(e.getMessage(), e.getMessage().contains("product robot and configuration"));

        e = refused(fx.pkg("other", "1.0.0", "squashfs", java.util.Map.of("x", "y")));
        assertTrue(e.getMessage(), e.getMessage().contains("no installer for install kind 'squashfs'"));

        e = refused(TestPackages.tampered(fx.pkg("other", "1.0.0")));
        assertTrue(e.getMessage(), e.getMessage().contains("failed verification"));
        assertFalse(Files.exists(fx.home.resolve("components/other/current"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    public void aLinkInTheWayIsRefused() throws Exception {
        Path link = tmp.newFile("opt-app").toPath();
        fx.catalog("configuration", new io.updraft.install.ComponentSpec("app", "archive", link, null, null,
                Duration.ofMinutes(1), null, null, null, null, null, null, null));
        installer = fx.start();
        InstallRecord r = installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.reason(), r.reason().contains("link " + link + " exists and is not a symbolic link"));
        Files.delete(link);
        r = installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
        assertEquals(r.reason(), Outcome.SUCCEEDED, r.outcome());
        assertEquals(fx.home.resolve("components/app/current"), Files.readSymbolicLink(link));
        assertEquals("1.0.0\n", Files.readString(link.resolve("etc/version")));
    }

    @Test
    public void aTwoComponentUpdateGoesBackWhollyWhenTheSecondFailsItsCheck() throws Exception {
        fx.catalog("configuration",
                Fixture.checked("api", Duration.ofSeconds(10), Fixture.versionCheck("ver", 2, 2)),
                Fixture.checked("web", Duration.ofSeconds(10), Fixture.versionCheck("ver", 2, 2)));
        installer = fx.start();
        installer.installFile(fx.pkg("api", "1.0.0"), null, "test");
        installer.installFile(fx.pkg("web", "1.0.0"), null, "test");
        String id = "u-42";
        fx.scheduler.due(id, List.of(Offers.offer("api", "1.1.0"), Offers.offer("web", "1.1.0-bad")),
                java.util.Map.of("api", fx.pkg("api", "1.1.0"), "web", fx.pkg("web", "1.1.0-bad")));
        fx.ready(id);
        installer.due(id);
        installer.awaitIdle();
        InstallRecord r = installer.history(1).get(0);
        assertEquals(id, r.id());
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertTrue(r.reason(), r.reason().contains("health check web/ver"));
        assertEquals(Path.of("slots/a"), fx.current("api"));
        assertEquals(Path.of("slots/a"), fx.current("web"));
        assertEquals(Version.parse("1.0.0"), fx.state.installed("api").get().version());
        assertEquals(Version.parse("1.0.0"), fx.state.installed("web").get().version());
        assertEquals(List.of(id + " false " + r.reason()), fx.scheduler.finished);
        List<String> steps = fx.steps(id);
        assertTrue(steps.toString(), steps.indexOf("switch-back web") < steps.indexOf("switch-back api"));
        assertEquals(List.of("repo-of-api", "repo-of-web"),
                fx.verifier.repositories.subList(fx.verifier.repositories.size() - 2, fx.verifier.repositories.size()));
    }

    @Test
    public void aBusyDeviceRefusesAnOfflineInstall() throws Exception {
        installer = fx.start();
        fx.state.transition(UpdateState.CHECKING, "", "test");
        try {
            installer.installFile(fx.pkg("app", "1.0.0"), null, "test");
            fail("busy");
        } catch (InstallException e) {
            assertEquals(InstallException.Reason.BUSY, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("CHECKING"));
        }
    }

    private InstallException refused(Path pkg) throws InterruptedException {
        try {
            InstallRecord r = installer.installFile(pkg, null, "test");
            throw new AssertionError("installed: " + r);
        } catch (InstallException e) {
            return e;
        }
    }
}
