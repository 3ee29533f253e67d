package io.updraft.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.update.UpdateState;

/** The installer's side of the scheduler: packages of a due update, and the end of its schedule. */
public class HandoffTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Fixture f;

    @Before
    public void setUp() throws Exception {
        f = new Fixture(tmp.getRoot().toPath());
        f.start();
    }

    /** Checks, downloads, verifies and makes the install of app 1.2.0 and os 2.0.0 due; returns the update id. */
    private String due() throws Exception {
        f.check(Fixture.offer("app", "1.2.0", 1000), Fixture.offer("os", "2.0.0", 5000));
        f.scheduler.installNow("shell");
        f.thread.runDue();
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
        return f.schedule().updateId();
    }

    @Test
    public void duePackagesAreTheCompleteDownloadsByComponent() throws Exception {
        String id = due();
        f.downloader.requests.clear();
        Map<String, Path> files = f.scheduler.duePackages(id);
        assertEquals(List.of("app", "os"), List.copyOf(files.keySet()));
        assertEquals(f.home.resolve("downloads").resolve(id + "_app"), files.get("app"));
        assertEquals("os", Files.readString(files.get("os")).strip());
        assertEquals(5000, Files.size(files.get("os")));
        assertEquals(2, f.downloader.requests.size());
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
        assertTrue(f.downloader.discarded.isEmpty());
    }

    @Test
    public void duePackagesRefusesAnUpdateNotDueNamingItsStage() throws Exception {
        f.check(Fixture.offer("app", "1.2.0", 1000));
        String id = f.schedule().updateId();
        SchedulerException e = assertThrows(SchedulerException.class, () -> f.scheduler.duePackages(id));
        assertEquals(SchedulerException.Code.WRONG_STAGE, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("update " + id + " is in stage WAITING_TO_INSTALL"));

        e = assertThrows(SchedulerException.class, () -> f.scheduler.duePackages("u-0000000000000000"));
        assertEquals(SchedulerException.Code.NOTHING_PENDING, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("update u-0000000000000000 is not the scheduled update"));
        assertTrue(e.getMessage(), e.getMessage().contains(id + " is, in stage WAITING_TO_INSTALL"));
    }

    @Test
    public void duePackagesNamesADownloadThatIsMissingOrIncomplete() throws Exception {
        String id = due();
        f.downloader.discard(id + "_os");
        SchedulerException e = assertThrows(SchedulerException.class, () -> f.scheduler.duePackages(id));
        assertEquals(SchedulerException.Code.STORAGE, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("download " + id + "_os of os 2.0.0 is missing"));

        f.downloader.put(new DownloadStatus(id + "_os", id, "os", DownloadState.PARTIAL, 10, 5000, 0, null, null, 1, 0,
                "", Instant.EPOCH));
        e = assertThrows(SchedulerException.class, () -> f.scheduler.duePackages(id));
        assertTrue(e.getMessage(), e.getMessage().contains("is PARTIAL, not COMPLETE"));
    }

    @Test
    public void duePackagesNamesAHandedBackFileOfTheWrongLength() throws Exception {
        f.check(Fixture.offer("app", "1.2.0", 1000));
        f.scheduler.installNow("shell");
        f.thread.runDue();
        String id = f.schedule().updateId();
        f.downloader.truncate = true;
        SchedulerException e = assertThrows(SchedulerException.class, () -> f.scheduler.duePackages(id));
        assertEquals(SchedulerException.Code.STORAGE, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains(id + "_app"));
        assertTrue(e.getMessage(), e.getMessage().contains("not 1000 bytes long"));
    }

    @Test
    public void installedEndsTheScheduleDeletesTheDownloadsAndLeavesTheDeviceState() throws Exception {
        String id = due();
        f.state.transition(UpdateState.INSTALLING, id, "installer");
        f.state.transition(UpdateState.AWAITING_COMMIT, id, "installer");
        f.scheduler.installFinished(id, true, "");
        assertEquals(Stage.INSTALLED, f.schedule().stage());
        assertTrue(f.scheduler.current().isEmpty());
        assertEquals(List.of(id + "_app", id + "_os"), f.downloader.discarded);
        assertEquals(UpdateState.AWAITING_COMMIT, f.deviceState());
        assertTrue(f.journalSteps(id).contains("installed"));
        assertEquals("INSTALLED", f.events.topic(UpdateScheduler.SCHEDULE_TOPIC)
                .get(f.events.topic(UpdateScheduler.SCHEDULE_TOPIC).size() - 1).getProperty("stage"));

        int events = f.events.posted.size();
        int journal = f.journalSteps(id).size();
        f.scheduler.installFinished(id, true, "");
        f.scheduler.installFinished(id, false, "late report");
        assertEquals(Stage.INSTALLED, f.schedule().stage());
        assertEquals(events, f.events.posted.size());
        assertEquals(journal, f.journalSteps(id).size());
        assertThrows(SchedulerException.class, () -> f.scheduler.duePackages(id));

        f.state.transition(UpdateState.IDLE, id, "committed");
        f.check(Fixture.offer("app", "1.3.0", 1000));
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        assertEquals(List.of("app"), f.schedule().offers().stream().map(o -> o.release().component()).toList());
    }

    @Test
    public void notInstalledFailsWithTheReasonAndIsNotScheduledAgain() throws Exception {
        String id = due();
        f.state.transition(UpdateState.INSTALLING, id, "installer");
        f.state.transition(UpdateState.ROLLING_BACK, id, "health check web failed");
        f.state.transition(UpdateState.IDLE, id, "rolled back");
        f.scheduler.installFinished(id, false, "health check web failed: HTTP 500");
        Schedule s = f.schedule();
        assertEquals(Stage.FAILED, s.stage());
        assertEquals("install failed: health check web failed: HTTP 500", s.problem());
        assertEquals(UpdateState.IDLE, f.deviceState());
        assertEquals(List.of(id + "_app", id + "_os"), f.downloader.discarded);
        assertTrue(f.journalSteps(id).contains("install-failed"));

        int requests = f.downloader.requests.size();
        f.check(Fixture.offer("app", "1.2.0", 1000), Fixture.offer("os", "2.0.0", 5000));
        assertEquals(id, f.schedule().updateId());
        assertEquals(Stage.FAILED, f.schedule().stage());
        assertEquals(UpdateState.IDLE, f.deviceState());
        assertEquals(requests, f.downloader.requests.size());

        f.check(Fixture.offer("app", "1.2.1", 1000));
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        assertEquals("1.2.1", f.schedule().offers().get(0).release().version().toString());
    }

    @Test
    public void aCheckDuringTheInstallDoesNotReplaceTheSchedule() throws Exception {
        String id = due();
        for (UpdateState st : List.of(UpdateState.INSTALLING, UpdateState.AWAITING_COMMIT)) {
            f.state.transition(st, id, "installer");
            f.state.recordCheck(new io.updraft.update.CheckResult("production", f.thread.instant(),
                    List.of(Fixture.offer("app", "1.3.0", 1000)), List.of(), ""));
            f.scheduler.handleEvent(new org.osgi.service.event.Event(SchedulerComponent.CHECK_TOPIC,
                    Map.of("result", "ok")));
            f.thread.runDue();
            assertEquals(id, f.schedule().updateId());
            assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
            assertEquals(st, f.deviceState());
        }
        assertTrue(f.downloader.discarded.isEmpty());
    }

    @Test
    public void aRestartDuringTheInstallMovesNothingAndAnnouncesNothing() throws Exception {
        String id = due();
        int due = f.events.topic(UpdateScheduler.INSTALL_DUE_TOPIC).size();
        f.state.transition(UpdateState.INSTALLING, id, "installer");
        for (UpdateState st : List.of(UpdateState.INSTALLING, UpdateState.ROLLING_BACK)) {
            if (st != f.deviceState()) {
                f.state.transition(st, id, "installer");
            }
            f.stop();
            f.start(f.thread.instant().plusSeconds(60));
            assertEquals(st, f.deviceState());
            assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
            assertEquals(due, f.events.topic(UpdateScheduler.INSTALL_DUE_TOPIC).size());
            assertTrue(f.downloader.discarded.isEmpty());
        }
        assertEquals(2, f.scheduler.duePackages(id).size());
    }

    @Test
    public void anInstallThatEndedUnreportedIsEndedAtStartFromTheDeviceState() throws Exception {
        String id = due();
        f.state.transition(UpdateState.INSTALLING, id, "installer");
        f.state.transition(UpdateState.AWAITING_COMMIT, id, "installer");
        f.state.recordInstalled(new io.updraft.update.InstalledComponent("app", io.updraft.update.Version.parse("1.2.0"),
                f.thread.instant()));
        f.state.recordInstalled(new io.updraft.update.InstalledComponent("os", io.updraft.update.Version.parse("2.0.0"),
                f.thread.instant()));
        f.state.transition(UpdateState.IDLE, id, "committed");
        f.stop();
        f.start(f.thread.instant());
        assertEquals(Stage.INSTALLED, f.schedule().stage());
        assertEquals(UpdateState.IDLE, f.deviceState());
        assertTrue(f.downloader.discarded.toString(), f.downloader.discarded.containsAll(List.of(id + "_app", id + "_os")));
    }

    @Test
    public void aFailedInstallThatEndedUnreportedIsRememberedAtStart() throws Exception {
        String id = due();
        f.state.transition(UpdateState.INSTALLING, id, "installer");
        f.state.transition(UpdateState.FAILED, id, "disk full while staging os");
        f.stop();
        f.start(f.thread.instant());
        assertEquals(Stage.FAILED, f.schedule().stage());
        assertEquals("install failed: disk full while staging os", f.schedule().problem());
        assertEquals(UpdateState.FAILED, f.deviceState());
        f.state.transition(UpdateState.IDLE, "", "acknowledged");
        f.check(Fixture.offer("os", "2.0.0", 5000));
        assertEquals(Stage.FAILED, f.schedule().stage());
    }

    @Test
    public void downloadsAnEndedUpdateLeftBehindAreDeletedAtStart() throws Exception {
        String id = due();
        f.scheduler.installFinished(id, true, "");
        f.downloader.discarded.clear();
        // Even with the device state left at READY, the ended schedule is not revived.
        f.stop();
        f.start(f.thread.instant());
        assertEquals(List.of(id + "_app", id + "_os"), f.downloader.discarded);
        assertEquals(Stage.INSTALLED, f.schedule().stage());
        assertEquals(UpdateState.READY, f.deviceState());

        f.state.transition(UpdateState.INSTALLING, id, "installer");
        f.state.transition(UpdateState.AWAITING_COMMIT, id, "installer");
        f.state.transition(UpdateState.IDLE, id, "committed");
        f.downloader.discarded.clear();
        f.stop();
        f.start(f.thread.instant());
        assertEquals(List.of(id + "_app", id + "_os"), f.downloader.discarded);
        assertEquals(Stage.INSTALLED, f.schedule().stage());
        assertTrue(f.scheduler.current().isEmpty());
    }

    @Test
    public void anOfflineInstallHoldingTheDeviceIsNotTheSchedulersToFail() throws Exception {
        f.state.transition(UpdateState.VERIFYING, "offline-20260601T000000Z", "package from /media/usb");
        f.stop();
        f.start();
        assertEquals(UpdateState.VERIFYING, f.deviceState());
        f.state.recordCheck(new io.updraft.update.CheckResult("production", f.thread.instant(),
                List.of(Fixture.offer("app", "1.3.0", 1000)), List.of(), ""));
        f.scheduler.handleEvent(new org.osgi.service.event.Event(SchedulerComponent.CHECK_TOPIC, Map.of("result", "ok")));
        f.thread.runDue();
        assertEquals(null, f.schedule());
        assertEquals(UpdateState.VERIFYING, f.deviceState());
    }

    @Test
    public void aScheduleWaitingBesideAnOfflineInstallIsKeptAcrossARestart() throws Exception {
        f.config.put("download", "window");
        f.stop();
        f.start();
        f.check(Fixture.offer("app", "1.3.0", 1000));
        Schedule waiting = f.schedule();
        assertEquals(Stage.WAITING_TO_DOWNLOAD, waiting.stage());
        f.state.transition(UpdateState.VERIFYING, "offline-1", "package from /media/usb");
        f.state.transition(UpdateState.READY, "offline-1", "verified");
        f.state.transition(UpdateState.INSTALLING, "offline-1", "installer");
        f.stop();
        f.start(f.thread.instant());
        assertEquals(waiting, f.schedule());
        assertEquals(UpdateState.INSTALLING, f.deviceState());
        assertTrue(f.downloader.discarded.isEmpty());
        assertTrue(f.downloader.requests.isEmpty());
    }

    @Test
    public void theScheduleJsonKeepsTheInstalledStage() throws Exception {
        String id = due();
        f.scheduler.installFinished(id, true, "");
        Saved saved = ScheduleJson.read(Files.readAllBytes(f.home.resolve("state/schedule.json")));
        assertEquals(Stage.INSTALLED, saved.schedule().stage());
        assertEquals(id, saved.schedule().updateId());
        assertEquals(f.schedule(), saved.schedule());
        assertFalse(ScheduleJson.read(ScheduleJson.write(saved)).schedule().offers().isEmpty());
    }
}
