package io.updraft.downloader.internal;

import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadStatus;

/** The configured bandwidth limit holds over a long transfer and follows a live configuration change. */
public class ThrottleRateTest {
    private static final long MB = 1_000_000;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void oneMegabytePerSecondHoldsWithinTenPercentOverTwentySeconds() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        Path artifact = Fixture.randomFile(tmp.getRoot().toPath().resolve("a.bin"), 40 * MB, 13);
        try (RangeServer server = new RangeServer()) {
            server.put("/a.bin", artifact);
            Map<String, Object> p = Fixture.properties(home);
            p.put("rateLimit", MB);
            DownloaderComponent d = Fixture.downloader(p, new Fixture.FakeSpace());
            try {
                var running = Fixture.start(d, Fixture.request("rate", artifact, server.url("/a.bin")));
                Thread.sleep(1000);
                long b0 = bytes(d);
                long t0 = System.nanoTime();
                Thread.sleep(20_000);
                long b1 = bytes(d);
                double rate = (b1 - b0) / ((System.nanoTime() - t0) / 1e9);
                System.out.printf("Throttle at 1 MB/s: measured %.0f bytes/s over 20 s (%.2f%%)%n", rate,
                        (rate - MB) * 100.0 / MB);
                assertTrue("rate " + rate, rate > 0.9 * MB && rate < 1.1 * MB);

                // Raised live through ConfigAdmin: the running download follows within a second.
                p.put("rateLimit", 4 * MB);
                d.modified(Fixture.config(p));
                Thread.sleep(1000);
                long b2 = bytes(d);
                long t2 = System.nanoTime();
                Thread.sleep(2000);
                double raised = (bytes(d) - b2) / ((System.nanoTime() - t2) / 1e9);
                System.out.printf("Raised to 4 MB/s: measured %.0f bytes/s%n", raised);
                assertTrue("rate " + raised, raised > 3.4 * MB && raised < 4.6 * MB);
                d.pause("rate");
                DownloadBasicsTest.expectFailure(running);
            } finally {
                d.close();
            }
        }
    }

    /** Bytes so far; the status lags by at most 200 ms, 1 % of the 20 s measured. */
    private static long bytes(DownloaderComponent d) {
        return d.status("rate").map(DownloadStatus::bytes).orElse(0L);
    }
}
