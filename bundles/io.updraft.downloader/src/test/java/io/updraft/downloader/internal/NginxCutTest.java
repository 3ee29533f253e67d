package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.DownloadStatus;

/**
 * A 200 MB artifact from a real nginx through a proxy that cuts the connection every few megabytes: the download
 * completes with the right hash, and what was fetched twice stays small.
 */
public class NginxCutTest {
    private static final long SIZE = 200L * 1024 * 1024;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void completesThroughFiftyCutsWithLittleRefetched() throws Exception {
        assumeTrue("nginx is installed at " + Nginx.BINARY, Files.isExecutable(Nginx.BINARY));
        Path root = tmp.newFolder("www").toPath();
        Path artifact = Fixture.randomFile(root.resolve("big.bin"), SIZE, 200);
        Path home = tmp.newFolder("home").toPath();
        Map<String, Object> p = Fixture.properties(home);
        p.put("checkpointBytes", 8L * 1024 * 1024);
        // This test is about resuming; adapting the rate to the (deliberately) poor link would only slow it.
        p.put("poorLinkAttempts", 1000);
        try (Nginx nginx = new Nginx(root, tmp.newFolder("nginx").toPath());
                CuttingProxy proxy = new CuttingProxy(nginx.port(), 42, 512 * 1024, 6 * 1024 * 1024)) {
            DownloaderComponent d = Fixture.downloader(p, new Fixture.FakeSpace());
            try {
                DownloadRequest r = new DownloadRequest("big", "update-1", "app",
                        java.util.List.of(java.net.URI.create("http://127.0.0.1:" + proxy.port() + "/big.bin")), SIZE,
                        Map.of("sha256", Fixture.sha256(artifact), "sha512", Fixture.digest("SHA-512", artifact)));
                long t0 = System.nanoTime();
                Path file = d.download(r);
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
                DownloadStatus s = d.status("big").orElseThrow();
                long extra = proxy.forwarded() - SIZE;
                System.out.printf("nginx through cutting proxy: %d cuts, %d attempts, %.1f s; %d bytes passed the "
                        + "proxy for %d (%.3f%% extra, headers included), %d counted as re-fetched%n", proxy.cuts(),
                        s.attempts(), seconds, proxy.forwarded(), SIZE, extra * 100.0 / SIZE, s.refetchedBytes());
                assertTrue("cuts " + proxy.cuts(), proxy.cuts() >= 50);
                assertTrue("extra " + extra, extra < SIZE / 20);
                assertTrue(s.refetchedBytes() < SIZE / 20);
                String log = Files.readString(nginx.accessLog());
                assertTrue(log, log.contains("\" 206 "));
            } finally {
                d.close();
            }
        }
    }
}
