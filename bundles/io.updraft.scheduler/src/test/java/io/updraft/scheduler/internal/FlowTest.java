package io.updraft.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadException;
import io.updraft.product.PowerStatus;
import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.UpdateProgress;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.scheduler.When;
import io.updraft.update.UpdateState;
import io.updraft.verifier.VerificationException;

public class FlowTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Fixture f;

    @Before
    public void setUp() throws Exception {
        f = new Fixture(tmp.getRoot().toPath());
    }

    @Test
    public void byDefaultDownloadsAtOnceAndMakesTheInstallDueInTheWindow() throws Exception {
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000), Fixture.offer("os", "2.0.0", 5000));
        Schedule s = f.schedule();
        assertEquals(Stage.WAITING_TO_INSTALL, s.stage());
        assertEquals(When.NOW, s.download());
        assertEquals(When.WINDOW, s.install());
        assertEquals(Instant.parse("2026-06-01T03:00:00Z"), s.installNotBefore());
        assertEquals(UpdateState.READY, f.deviceState());
        assertEquals(List.of("production:app", "production:os"), f.verifier.verified);
        assertEquals(List.of("https://updates.example/app-1.2.0.updraft", "https://mirror.example/app-1.2.0.updraft"),
                f.downloader.requests.get(0).urls().stream().map(Object::toString).toList());
        UpdateProgress p = f.scheduler.progress();
        assertEquals(6000, p.total());
        assertEquals(100, p.percent());

        f.thread.advance(Duration.ofHours(2).plusMinutes(59));
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        assertTrue(f.events.topic(UpdateScheduler.INSTALL_DUE_TOPIC).isEmpty());
        f.thread.advance(Duration.ofMinutes(1));
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
        assertEquals(s.updateId(), f.events.topic(UpdateScheduler.INSTALL_DUE_TOPIC).get(0).getProperty("updateId"));
        assertEquals(UpdateState.READY, f.deviceState());
        assertEquals(List.of("scheduled", "download-started", "downloaded", "downloaded", "verified", "install-time",
                "install-due"), f.journalSteps(s.updateId()));
        assertEquals(List.of("WAITING_TO_DOWNLOAD", "DOWNLOADING", "VERIFYING", "WAITING_TO_INSTALL",
                "WAITING_TO_INSTALL", "INSTALL_DUE"), f.stages());
        assertThrows(SchedulerException.class, () -> f.scheduler.installNow("shell"));
    }

    @Test
    public void installNowOverridesTheWindow() throws Exception {
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        Schedule s = f.scheduler.installNow("rest");
        assertEquals(When.NOW, s.install());
        assertEquals(Confirmation.State.CONFIRMED, s.confirmation().state());
        assertEquals("rest", s.confirmation().by());
        f.thread.runDue();
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
        assertEquals(Fixture.START, f.thread.instant());
        assertEquals(1, f.events.topic(UpdateScheduler.INSTALL_DUE_TOPIC).size());
    }

    @Test
    public void downloadInTheWindowWaitsForIt() throws Exception {
        f.config.put("download", "window");
        f.config.put("window", "23:00-01:00");
        f.start(Instant.parse("2026-06-01T12:00:00Z"));
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(Stage.WAITING_TO_DOWNLOAD, f.schedule().stage());
        assertEquals(Instant.parse("2026-06-01T23:00:00Z"), f.schedule().downloadNotBefore());
        assertTrue(f.downloader.requests.isEmpty());
        f.thread.advance(Duration.ofHours(11));
        // Downloaded and verified at 23:00, and the install window is open until 01:00.
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
    }

    @Test
    public void confirmationTimeoutWithInstallAsDefaultGoesAhead() throws Exception {
        f.config.put("productPolicies", "headset: install=confirm, download=now; robot: install=window");
        f.config.put("confirmationTimeout", "PT2H");
        f.product = "headset";
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        Schedule s = f.schedule();
        assertEquals(Stage.AWAITING_CONFIRMATION, s.stage());
        assertEquals(Confirmation.State.PENDING, s.confirmation().state());
        assertEquals(Fixture.START.plus(Duration.ofHours(2)), s.confirmation().deadline());
        assertEquals(UpdateState.READY, f.deviceState());
        f.thread.advance(Duration.ofMinutes(119));
        assertEquals(Stage.AWAITING_CONFIRMATION, f.schedule().stage());
        f.thread.advance(Duration.ofMinutes(1));
        s = f.schedule();
        assertEquals(Stage.INSTALL_DUE, s.stage());
        assertEquals(Confirmation.State.TIMED_OUT, s.confirmation().state());
        assertEquals("timeout", s.confirmation().by());
        assertTrue(f.journalSteps(s.updateId()).contains("confirmation-timeout"));
    }

    @Test
    public void confirmationTimeoutWithDenyAsDefaultDeclines() throws Exception {
        f.config.put("download", "confirm");
        f.config.put("confirmationDefault", "deny");
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(Stage.AWAITING_CONFIRMATION, f.schedule().stage());
        assertEquals(UpdateState.UPDATE_AVAILABLE, f.deviceState());
        f.thread.advance(Duration.ofHours(24));
        Schedule s = f.schedule();
        assertEquals(Stage.DENIED, s.stage());
        assertEquals(Confirmation.State.TIMED_OUT, s.confirmation().state());
        assertEquals("timeout", s.confirmation().by());
        assertEquals(UpdateState.IDLE, f.deviceState());
        assertTrue(f.downloader.requests.isEmpty());
        assertEquals(Optional.empty(), f.scheduler.current());
    }

    @Test
    public void aDeclinedReleaseIsNotScheduledAgainButANewerOneIs() throws Exception {
        f.config.put("download", "confirm");
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        Schedule denied = f.scheduler.deny("shell");
        assertEquals(Stage.DENIED, denied.stage());
        assertEquals(Confirmation.State.DENIED, denied.confirmation().state());
        assertEquals(UpdateState.IDLE, f.deviceState());

        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(denied.updateId(), f.schedule().updateId());
        assertEquals(Stage.DENIED, f.schedule().stage());
        assertEquals(UpdateState.IDLE, f.deviceState());

        // Also after a restart: the declined releases are kept with the schedule.
        f.stop();
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(Stage.DENIED, f.schedule().stage());

        f.check(Fixture.offer("app", "1.2.1", 1000));
        assertEquals(Stage.AWAITING_CONFIRMATION, f.schedule().stage());
        assertEquals("1.2.1", f.schedule().offers().get(0).release().version().toString());
        Schedule s = f.scheduler.installInWindow("shell");
        assertEquals(When.WINDOW, s.install());
        f.thread.runDue();
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
    }

    @Test
    public void aNewerCheckReplacesAScheduleNotYetDownloaded() throws Exception {
        f.config.put("download", "window");
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        String first = f.schedule().updateId();
        f.check(Fixture.offer("app", "1.3.0", 1000));
        assertFalse(first.equals(f.schedule().updateId()));
        assertEquals(List.of(first + "_app"), f.downloader.discarded);
        assertTrue(f.journalSteps(first).contains("superseded"));
    }

    @Test
    public void failedDiskCheckNamesTheSizesAndRetriesLater() throws Exception {
        f.config.put("reserveBytes", 100L);
        f.freeBytes.set(2000);
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        Schedule s = f.schedule();
        assertEquals(Stage.WAITING_TO_DOWNLOAD, s.stage());
        assertEquals(List.of("free space check: 3100 bytes (3.0 KiB) needed in " + f.home + " (download 1000 bytes, staging 1000 bytes, snapshot 1000 bytes, reserve 100 bytes) but only"
                + " 2000 bytes (2.0 KiB) free"), s.blockers());
        assertEquals(Fixture.START.plus(Duration.ofMinutes(15)), s.nextAttempt());
        assertTrue(f.journalSteps(s.updateId()).contains("precheck-failed"));
        f.freeBytes.set(3100);
        f.thread.advance(Duration.ofMinutes(14));
        assertEquals(Stage.WAITING_TO_DOWNLOAD, f.schedule().stage());
        f.thread.advance(Duration.ofMinutes(1));
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        assertEquals(List.of(), f.schedule().blockers());
    }

    @Test
    public void aReserveTooLargeToAddUpBlocksInsteadOfWrappingAround() throws Exception {
        f.config.put("reserveBytes", Long.MAX_VALUE);
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        Schedule s = f.schedule();
        assertEquals(Stage.WAITING_TO_DOWNLOAD, s.stage());
        assertEquals(1, s.blockers().size());
        assertTrue(s.blockers().get(0), s.blockers().get(0).startsWith("free space check: " + Long.MAX_VALUE));
        assertTrue(f.downloader.requests.isEmpty());
    }

    @Test
    public void aReconfigurationDoesNotAnnounceADueInstallAgain() throws Exception {
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        f.scheduler.installNow("shell");
        f.thread.runDue();
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
        f.config.put("recheckDelay", "PT20M");
        f.scheduler.modified(org.osgi.util.converter.Converters.standardConverter().convert(f.config)
                .to(SchedulerConfig.class));
        f.thread.runDue();
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
        assertEquals(1, f.events.topic(UpdateScheduler.INSTALL_DUE_TOPIC).size());
    }

    @Test
    public void batteryLowBlocksUnlessChargingAndNoBatteryPasses() throws Exception {
        f.power.set(Optional.of(new PowerStatus(OptionalInt.of(20), false, false)));
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(List.of("battery check: battery at 20% and not charging; at least 30% or a connected charger"
                + " is needed"), f.schedule().blockers());
        assertEquals(Fixture.START.plus(Duration.ofMinutes(15)), f.schedule().nextAttempt());

        f.power.set(Optional.of(new PowerStatus(OptionalInt.of(20), true, true)));
        f.thread.advance(Duration.ofMinutes(15));
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());

        // Low again at install time, then a device without battery (the monitor reports none).
        f.power.set(Optional.of(new PowerStatus(OptionalInt.of(5), false, false)));
        f.thread.advance(Duration.ofHours(2).plusMinutes(45));
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        assertTrue(f.schedule().blockers().get(0).startsWith("battery check: battery at 5%"));
        f.power.set(Optional.empty());
        f.thread.advance(Duration.ofMinutes(15));
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
    }

    @Test
    public void unstableNetworkBlocksTheInstall() throws Exception {
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000));
        f.downloader.extra.add(new io.updraft.downloader.DownloadStatus("other", "u-x", "logs",
                io.updraft.downloader.DownloadState.RETRYING, 0, 10, 0, null, null, 2, 0, "", Instant.EPOCH));
        f.thread.advance(Duration.ofHours(3));
        assertEquals(List.of("network check: download other is retrying, so the network is not stable"),
                f.schedule().blockers());
        f.downloader.extra.clear();
        f.thread.advance(Duration.ofMinutes(15));
        assertEquals(Stage.INSTALL_DUE, f.schedule().stage());
    }

    @Test
    public void pauseAndResume() throws Exception {
        f.start();
        f.downloader.during = r -> f.scheduler.pause("shell");
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(Stage.PAUSED, f.schedule().stage());
        assertEquals(UpdateState.PAUSED, f.deviceState());
        assertEquals(List.of(f.schedule().updateId() + "_app"), f.downloader.paused);
        assertThrows(SchedulerException.class, () -> f.scheduler.installInWindow(""));
        f.thread.advance(Duration.ofHours(5));
        assertEquals(Stage.PAUSED, f.schedule().stage());

        f.scheduler.resume("shell");
        assertEquals(UpdateState.DOWNLOADING, f.deviceState());
        f.thread.runDue();
        assertEquals(Stage.WAITING_TO_INSTALL, f.schedule().stage());
        SchedulerException e = assertThrows(SchedulerException.class, () -> f.scheduler.pause("shell"));
        assertEquals(SchedulerException.Code.WRONG_STAGE, e.code());
    }

    @Test
    public void retryableDownloadFailureRetriesAndAPermanentOneFails() throws Exception {
        f.start();
        f.downloader.failNext(new DownloadException(DownloadException.Reason.UNREACHABLE, "every mirror failed"));
        f.check(Fixture.offer("app", "1.2.0", 1000));
        Schedule s = f.schedule();
        assertEquals(Stage.DOWNLOADING, s.stage());
        assertTrue(s.problem(), s.problem().contains("every mirror failed"));
        assertEquals(Fixture.START.plus(Duration.ofMinutes(15)), s.nextAttempt());
        assertEquals(UpdateState.DOWNLOADING, f.deviceState());

        f.downloader.failNext(new DownloadException(DownloadException.Reason.INTEGRITY, "sha256 does not match"));
        f.thread.advance(Duration.ofMinutes(15));
        s = f.schedule();
        assertEquals(Stage.FAILED, s.stage());
        assertTrue(s.problem(), s.problem().contains("sha256 does not match"));
        assertEquals(UpdateState.FAILED, f.deviceState());
        assertTrue(f.state.status().reason().contains("sha256 does not match"));
        assertEquals(List.of(s.updateId() + "_app"), f.downloader.discarded);
        assertEquals(Optional.empty(), f.scheduler.current());
    }

    @Test
    public void verificationFailureFailsAndDiscardsTheDownloads() throws Exception {
        f.verifier.refuse = new VerificationException(VerificationException.Reason.UNTRUSTED,
                "no pinned root for repository 'production'");
        f.start();
        f.check(Fixture.offer("app", "1.2.0", 1000), Fixture.offer("os", "2.0.0", 10));
        Schedule s = f.schedule();
        assertEquals(Stage.FAILED, s.stage());
        assertTrue(s.problem(), s.problem().contains("untrusted: no pinned root for repository 'production'"));
        assertEquals(UpdateState.FAILED, f.deviceState());
        assertEquals(List.of(s.updateId() + "_app", s.updateId() + "_os"), f.downloader.discarded);
        assertTrue(f.journalSteps(s.updateId()).contains("verification-failed"));
    }

    @Test
    public void aPackageCarryingAnotherReleaseFailsVerification() throws Exception {
        f.start();
        f.verifier.versions.put("app", io.updraft.update.Version.parse("1.1.0"));
        f.downloader.during = r -> f.verifier.versions.put("app", io.updraft.update.Version.parse("1.1.0"));
        f.check(Fixture.offer("app", "1.2.0", 1000));
        assertEquals(Stage.FAILED, f.schedule().stage());
        assertTrue(f.schedule().problem(), f.schedule().problem().contains("carries app 1.1.0"));
    }

    @Test
    public void nothingPendingIsAClearError() throws Exception {
        f.start();
        SchedulerException e = assertThrows(SchedulerException.class, () -> f.scheduler.installNow("shell"));
        assertEquals(SchedulerException.Code.NOTHING_PENDING, e.code());
        assertEquals(UpdateProgress.NONE, f.scheduler.progress());
        assertNull(f.schedule());
    }
}
