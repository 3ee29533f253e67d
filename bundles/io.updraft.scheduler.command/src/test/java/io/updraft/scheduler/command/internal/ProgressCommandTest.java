package io.updraft.scheduler.command.internal;

import static io.updraft.scheduler.command.internal.FakeScheduler.download;
import static io.updraft.scheduler.command.internal.FakeScheduler.progress;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.updraft.downloader.DownloadState;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.UpdateProgress;

public class ProgressCommandTest {
    private static final long MIB = 1024 * 1024;

    private FakeScheduler scheduler;
    private ProgressCommand command;
    private final List<Long> sleeps = new ArrayList<>();

    @Before
    public void setUp() {
        scheduler = new FakeScheduler();
        command = new ProgressCommand();
        command.scheduler = scheduler;
        command.sleeper = sleeps::add;
    }

    @After
    public void clearInterrupt() {
        // A test that leaves the flag set would break the ones after it.
        Thread.interrupted();
    }

    private UpdateProgress downloading(long done) {
        return progress(Stage.DOWNLOADING, done, 4 * MIB, 512 * 1024, Duration.ofSeconds((4 * MIB - done) / (512 * 1024)),
                download("app", DownloadState.RUNNING, done, 4 * MIB, 512 * 1024, Duration.ofSeconds(4),
                        "https://cdn-2.example.com/app.updraft?token=secret", 2, ""));
    }

    @Test
    public void printsTotalsAndOneRowPerArtifact() {
        scheduler.progress(progress(Stage.DOWNLOADING, 3 * MIB, 4 * MIB, 1536 * 1024, Duration.ofSeconds(125),
                download("app", DownloadState.RUNNING, 1 * MIB, 2 * MIB, 1536 * 1024, Duration.ofSeconds(1),
                        "https://mirror.example.com:8443/a/app.updraft?sig=abc", 1, ""),
                download("nav", DownloadState.RETRYING, 2 * MIB - 1, 2 * MIB, 0, null,
                        "http://10.0.0.5/nav.updraft", 3, "connection reset by\n10.0.0.5")));
        command.noFormat = true;
        String out = Output.of(command::print);
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Update *\tu-42")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Stage *\tDOWNLOADING")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Progress *\t75% \\(3\\.0 MiB of 4\\.0 MiB\\)")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Rate *\t1\\.5 MiB/s")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("ETA *\t2m 05s")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches(
                "app *\tRUNNING *\t *1\\.0 MiB of 2\\.0 MiB \\(50%\\)\t *1\\.5 MiB/s\t *1s\tmirror\\.example\\.com *\t *1\t-")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches(
                "nav *\tRETRYING *\t *2\\.0 MiB of 2\\.0 MiB \\(99%\\)\t *-\t *-\t10\\.0\\.0\\.5 *\t *3\tconnection reset by 10\\.0\\.0\\.5")));
        assertFalse("access tokens in URLs stay off the screen: " + out, out.contains("sig=abc"));
        assertFalse(out, out.contains("|"));
    }

    @Test
    public void formattedTableHasBordersAndHeaders() {
        scheduler.progress(downloading(MIB));
        String out = Output.of(command::print);
        assertTrue(out, out.contains("Component | State"));
        assertTrue(out, out.contains("Mirror"));
        assertTrue(out, out.contains("cdn-2.example.com"));
    }

    @Test
    public void updateWithoutDownloadsSaysSo() {
        scheduler.progress(progress(Stage.WAITING_TO_DOWNLOAD, 0, 4 * MIB, 0, null));
        String out = Output.of(command::print);
        assertTrue(out, out.contains("WAITING_TO_DOWNLOAD"));
        assertTrue(out, out.contains("No artifact download started yet."));
    }

    @Test
    public void nothingPendingIsSaidPlainly() {
        assertEquals("No update in progress.\n", Output.of(command::print));
        assertEquals("No update in progress.\n", Output.of(command::watch));
        assertTrue(sleeps.isEmpty());
    }

    @Test
    public void withoutSchedulerTheCommandFailsWithOneClearLine() {
        command.scheduler = null;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Output.of(command::print));
        assertEquals("the update scheduler is not installed or not running on this device (feature updraft-scheduler)",
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> Output.of(command::watch));
    }

    @Test
    public void watchRedrawsEverySecondUntilTheDownloadEnds() {
        UpdateProgress verifying = progress(Stage.VERIFYING, 4 * MIB, 4 * MIB, 0, null,
                download("app", DownloadState.COMPLETE, 4 * MIB, 4 * MIB, 0, null, "https://cdn-2.example.com/app", 1, ""));
        scheduler.progress(downloading(0), downloading(2 * MIB), verifying);
        String out = Output.of(command::watch);

        assertEquals(List.of(1000L, 1000L), sleeps);
        String[] frames = out.substring(0, out.indexOf('\n')).split("\r");
        assertEquals(out, 4, frames.length);
        assertEquals("", frames[0]);
        assertTrue(frames[1], frames[1].startsWith("[------------------------------]   0%  0 B of 4.0 MiB  512.0 KiB/s  ETA 8s  DOWNLOADING"));
        assertTrue(frames[2], frames[2].startsWith("[###############---------------]  50%  2.0 MiB of 4.0 MiB  512.0 KiB/s  ETA 4s  DOWNLOADING"));
        // The last bar is shorter: the leftovers of the one before are blanked.
        assertEquals(frames[2].length(), frames[3].length());
        assertTrue(frames[3], frames[3].startsWith("[##############################] 100%  4.0 MiB of 4.0 MiB  -  ETA -  VERIFYING "));
        assertTrue(out, out.contains("COMPLETE"));
        assertTrue(out, out.lines().anyMatch(l -> l.contains("Stage") && l.contains("VERIFYING")));
    }

    @Test
    public void ctrlCStopsTheWatchButNotTheDownload() {
        scheduler.progress(downloading(MIB));
        command.sleeper = millis -> {
            sleeps.add(millis);
            if (sleeps.size() == 3) {
                throw new InterruptedException();
            }
        };
        String out = Output.of(command::watch);
        assertEquals(3, sleeps.size());
        assertTrue(out, out.endsWith("\nStopped watching; the download itself goes on.\n"));
        assertTrue("the interrupt stays visible to the shell", Thread.currentThread().isInterrupted());
        assertFalse(scheduler.calls.stream().anyMatch(c -> c.startsWith("pause")));
    }

    @Test
    public void pendingInterruptEndsTheWatchEvenIfTheSleeperMissesIt() {
        scheduler.progress(downloading(MIB));
        Thread.currentThread().interrupt();
        String out = Output.of(command::watch);
        assertTrue(sleeps.isEmpty());
        assertTrue(out, out.contains("Stopped watching"));
    }

    @Test
    public void watchEndsWhenTheUpdateGoesAway() {
        scheduler.progress(downloading(MIB), UpdateProgress.NONE);
        String out = Output.of(command::watch);
        assertEquals(1, sleeps.size());
        assertTrue(out, out.endsWith("DOWNLOADING\nNo update in progress.\n"));
    }

    @Test
    public void watchOfAPausedDownloadShowsItOnceWithoutWaiting() {
        scheduler.progress(progress(Stage.PAUSED, MIB, 4 * MIB, 0, null));
        String out = Output.of(command::watch);
        assertTrue(sleeps.isEmpty());
        assertFalse(out, out.contains("\r"));
        assertTrue(out, out.contains("PAUSED"));
    }

    @Test
    public void humanDurationsRatesAndHosts() {
        assertEquals("-", Durations.human(null));
        assertEquals("0s", Durations.human(Duration.ZERO));
        assertEquals("59s", Durations.human(Duration.ofSeconds(59)));
        assertEquals("1m 00s", Durations.human(Duration.ofSeconds(60)));
        assertEquals("1h 01m", Durations.human(Duration.ofSeconds(3661)));
        assertEquals("2d 03h", Durations.human(Duration.ofHours(51)));
        assertEquals("-", Sizes.rate(0));
        assertEquals("1023 B/s", Sizes.rate(1023));
        assertEquals("8.0 EiB", Sizes.human(Long.MAX_VALUE));
        assertEquals("-", ProgressView.host(null));
        assertEquals("-", ProgressView.host("not a uri with spaces"));
        assertEquals("[::1]", ProgressView.host("http://[::1]:8700/x"));
    }
}
