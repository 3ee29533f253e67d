package io.updraft.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadException;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.update.UpdateState;

/** A new scheduler on the same home resumes where the device state says. */
public class RestartTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Fixture f;

    @Before
    public void setUp() throws Exception {
        f = new Fixture(tmp.getRoot().toPath());
        f.start();
    }

    @Test
    public void waitingToDownloadStaysWaiting() throws Exception {
        f.config.put("download", "window");
        f.stop();
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        f.stop();
        f.start(f.thread.instant());
        assertEquals(Stage.WAITING_TO_DOWNLOAD, f.schedule().stage());
        assertTrue(f.downloader.requests.isEmpty());
        f.thread.advance(Duration.ofHours(3));
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
    }

    @Test
    public void downloadingResumesTheDownload() throws Exception {
        f.downloader.failNext(new DownloadException(DownloadException.Reason.OFFLINE, "no network"));
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(Stage.DOWNLOADING, f.schedule().stage());
        f.stop();
        f.start(Fixture.START.plus(Duration.ofMinutes(20)));
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        // The failed attempt, the resumed one, and the verification asking for the complete file.
        assertEquals(3, f.downloader.requests.size());
    }

    @Test
    public void pausedStaysPaused() throws Exception {
        f.downloader.during = r -> f.scheduler.pause("shell");
        f.check(Fixture.offer("app", "1.2.0", 1000));
        f.stop();
        f.start();
        f.thread.advance(Duration.ofHours(1));
        assertEquals(Stage.PAUSED, f.schedule().stage());
        assertEquals(1, f.downloader.requests.size());
        f.scheduler.resume("rest");
        f.thread.runDue();
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
    }

    @Test
    public void verifyingVerifiesAgain() throws Exception {
        f.verifier.during = () -> f.stop();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(Stage.VERIFYING, f.schedule().stage());
        assertEquals(UpdateState.VERIFYING, f.deviceState());
        f.start();
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        assertEquals(UpdateState.READY, f.deviceState());
        // The check cut off by the stop, then the one after the restart.
        assertEquals(List.of("production:app", "production:app"), f.verifier.verified);
    }

    @Test
    public void readyWaitsForTheInstallTimeAndInstallDueIsAnnouncedAgain() throws Exception {
        f.check(Fixture.offer("app", "1.2.0", 1000));
        Schedule before = f.schedule();
        f.stop();
        f.start(Fixture.START.plus(Duration.ofHours(1)));
        assertEquals(before.installNotBefore(), f.schedule().installNotBefore());
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        f.thread.advance(Duration.ofHours(2));
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
        f.stop();
        f.start(Fixture.START.plus(Duration.ofHours(4)));
        assertEquals(2, f.events.topic(UpdateScheduler.INSTALL_DUE_TOPIC).size());
    }

    @Test
    public void aCorruptScheduleIsSetAsideAndRebuiltFromTheLastCheck() throws Exception {
        f.downloader.failNext(new DownloadException(DownloadException.Reason.UNREACHABLE, "mirrors down"));
        f.check(Fixture.offer("app", "1.2.0", 1000));
        String id = f.schedule().updateId();
        f.stop();
        Path file = f.home.resolve("state/schedule.json");
        Files.writeString(file, "{\"schema\": 1, \"schedule\": {\"updateId\": 7");
        f.start(Fixture.START.plus(Duration.ofMinutes(20)));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("schedule.json.corrupt-")).count());
        }
        assertEquals(id, f.schedule().updateId());
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        assertTrue(f.journalSteps(id).contains("schedule-rebuilt"));
    }

    @Test
    public void aLostScheduleOfAnUnknownUpdateFailsTheDeviceStateInsteadOfStayingBusy() throws Exception {
        f.downloader.during = r -> f.scheduler.pause("shell");
        f.check(Fixture.offer("app", "1.2.0", 1000));
        f.stop();
        Files.delete(f.home.resolve("state/schedule.json"));
        f.state.recordCheck(new io.updraft.update.CheckResult("production", Fixture.START, List.of(), List.of(), ""));
        f.start();
        assertEquals(UpdateState.FAILED, f.deviceState());
        assertTrue(f.state.status().reason(), f.state.status().reason().contains("was lost"));
    }
    @Test
    public void aDenialKeptBeforeTheDeviceStateMovedIsFinishedAtStartNotForgotten() throws Exception {
        f.check(Fixture.offer("app", "1.2.0", 1000));
        Schedule ready = f.schedule();
        assertEquals(Stage.WAITING_TO_INSTALL, ready.stage());
        assertEquals(UpdateState.READY, f.deviceState());
        f.refuseMoves.set(true); // the process dies between keeping the decision and moving the device state
        assertThrows(SchedulerException.class, () -> f.scheduler.deny("shell"));
        f.stop();
        f.refuseMoves.set(false);

        f.start(Fixture.START.plus(Duration.ofMinutes(5)));
        assertEquals(Stage.DENIED, f.schedule().stage());
        assertEquals(UpdateState.IDLE, f.deviceState());
        assertTrue(f.downloader.discarded.toString(), f.downloader.discarded.contains(ready.updateId() + "_app"));
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(Stage.DENIED, f.schedule().stage());
        assertEquals(UpdateState.IDLE, f.deviceState());
    }
}
