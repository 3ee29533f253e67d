package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadException;

/** The configured bandwidth limit holds over a long transfer and follows a live configuration change. */
public class ThrottleRateTest {
    private static final long MB = 1_000_000;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void oneMegabytePerSecondHoldsWithinTenPercentOverTwentySeconds() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        // About 21 MB at 1 MB/s, then about 36 MB at 4 MB/s: the download is still running when it is paused.
        Path artifact = Fixture.randomFile(tmp.getRoot().toPath().resolve("a.bin"), 64 * MB, 13);
        Path part = home.resolve("downloads/rate.part");
        try (RangeServer server = new RangeServer()) {
            server.put("/a.bin", artifact);
            Map<String, Object> p = Fixture.properties(home);
            p.put("rateLimit", MB);
            // A checkpoint syncs the disk; every 64 KiB at 4 MB/s would measure the disk as much as the throttle.
            p.put("checkpointBytes", 8 * MB);
            DownloaderComponent d = Fixture.downloader(p, new Fixture.FakeSpace());
            try {
                var running = Fixture.start(d, Fixture.request("rate", artifact, server.url("/a.bin")));
                Thread.sleep(1000);
                double rate = rate(part, 20_000);
                System.out.printf("Throttle at 1 MB/s: measured %.0f bytes/s over 20 s (%.2f%%)%n", rate,
                        (rate - MB) * 100.0 / MB);
                // At most the rate plus the quarter-second burst and one write (1/8 s) over 20 s: under 2 % more.
                assertTrue("rate " + rate, rate > 0.9 * MB && rate < 1.1 * MB);

                // Raised live through ConfigAdmin: the running download follows within a second.
                p.put("rateLimit", 4 * MB);
                d.modified(Fixture.config(p));
                Thread.sleep(1000);
                double raised = rate(part, 8_000);
                System.out.printf("Raised to 4 MB/s: measured %.0f bytes/s over 8 s%n", raised);
                // Above: the new rate plus a burst and a write (1.5 MB over 8 s: under 5 % more) must hold. Below:
                // twice the old limit shows that the new one applies, without asking a loaded machine for 4 MB/s.
                assertTrue("rate " + raised, raised > 2 * MB && raised < 4.4 * MB);
                assertTrue(d.pause("rate"));
                assertEquals(DownloadException.Reason.PAUSED, DownloadBasicsTest.expectFailure(running).reason());
            } finally {
                d.close();
            }
        }
    }

    /**
     * Bytes per second written to the partial data over {@code millis}: they have all passed the throttle, and the
     * file's size is exact, unlike the status (refreshed every 200 ms). The clock is read before the first size and
     * after the last, so a slow test thread can only make the rate look lower.
     */
    private static double rate(Path part, long millis) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long b0 = size(part);
        Thread.sleep(millis);
        long b1 = size(part);
        long t1 = System.nanoTime();
        return (b1 - b0) / ((t1 - t0) / 1e9);
    }

    private static long size(Path part) throws IOException {
        try {
            return Files.size(part);
        } catch (NoSuchFileException e) {
            throw new AssertionError("the partial data " + part + " is gone: the download ended or never started, "
                    + "the throttle did not hold it back", e);
        }
    }
}
