package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadException;
import io.updraft.downloader.DownloadException.Reason;
import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;
import io.updraft.product.NetworkStatus;

/** Failover, retry budget, pause, disk space and network conditions, against Jetty on loopback. */
public class MirrorsAndPoliciesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private RangeServer server;
    private Path home;
    private Path artifact;
    private Map<String, Object> properties;
    private final Fixture.FakeSpace space = new Fixture.FakeSpace();
    private final Fixture.FakeNetwork network = new Fixture.FakeNetwork();
    private DownloaderComponent downloader;
    private final List<Socket> heldPorts = new ArrayList<>();

    @Before
    public void setUp() throws Exception {
        server = new RangeServer();
        home = tmp.newFolder("home").toPath();
        artifact = Fixture.randomFile(tmp.getRoot().toPath().resolve("a.bin"), 1024 * 1024, 9);
        properties = Fixture.properties(home);
        start();
    }

    private void start() throws Exception {
        if (downloader != null) {
            downloader.close();
        }
        downloader = Fixture.downloader(properties, space);
        downloader.bindNetworkMonitor(network);
    }

    @After
    public void tearDown() throws Exception {
        downloader.close();
        server.close();
        for (Socket s : heldPorts) {
            s.close();
        }
    }

    @Test
    public void aMissingOrDownMirrorFailsOverToTheNext() throws Exception {
        server.put("/a.bin", artifact);
        String down = "http://127.0.0.1:" + refusingPort() + "/a.bin";
        DownloadRequest r = Fixture.request("m", artifact, down, server.url("/missing.bin"), server.url("/a.bin"));
        Path file = downloader.download(r);
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
        DownloadStatus s = downloader.status("m").orElseThrow();
        assertEquals(server.url("/a.bin"), s.url());
        assertEquals(3, s.attempts());
    }

    @Test
    public void everyMirrorRefusingIsABadResponse() throws Exception {
        DownloadRequest r = Fixture.request("m", artifact, server.url("/x"), server.url("/y"));
        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(r));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("/x: HTTP 404") && e.getMessage().contains("/y: HTTP 404"));
    }

    @Test
    public void allMirrorsDownIsRetriedUntilTheBudgetIsSpent() throws Exception {
        properties.put("giveUpAfter", "PT1S");
        start();
        DownloadRequest r = Fixture.request("m", artifact, "http://127.0.0.1:" + refusingPort() + "/a",
                "http://127.0.0.1:" + refusingPort() + "/b");
        long t0 = System.nanoTime();
        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(r));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("no new data for PT1S online (giveUpAfter)"));
        assertTrue("took " + ms + " ms", ms >= 700 && ms < 3000);
        DownloadStatus s = downloader.status("m").orElseThrow();
        assertTrue("attempts " + s.attempts(), s.attempts() > 4);
        assertEquals(DownloadState.PARTIAL, s.state());
        assertTrue(e.retryable());
    }

    @Test
    public void pauseStopsPromptlyAndTheNextCallResumes() throws Exception {
        // 1 MiB at 128 KiB/s: paused at about 100 kB, the transfer would otherwise go on for 7 s more.
        server.put("/a.bin", artifact, RangeServer.Mode.NORMAL, 128 * 1024);
        DownloadRequest r = Fixture.request("p", artifact, server.url("/a.bin"));
        var running = Fixture.start(downloader, r);
        waitFor(() -> downloader.status("p").map(DownloadStatus::bytes).orElse(0L) > 100_000);
        long t0 = System.nanoTime();
        assertTrue(downloader.pause("p"));
        DownloadException e = DownloadBasicsTest.expectFailure(running);
        // The transfer looks for a stop every 100 ms; the bound leaves room for a loaded machine, and is still far
        // below the 7 s a pause that waited for the transfer to end would take.
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue("pause took " + ms + " ms", ms < 2000);
        assertEquals(Reason.PAUSED, e.reason());
        assertFalse(downloader.pause("p"));
        long kept = downloader.status("p").orElseThrow().bytes();
        assertEquals(DownloadState.PAUSED, downloader.status("p").orElseThrow().state());

        server.mode("/a.bin", RangeServer.Mode.NORMAL, 0);
        Path file = downloader.download(r);
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
        List<RangeServer.Seen> seen = server.seen();
        assertEquals("bytes=" + kept + "-", seen.get(seen.size() - 1).range());
        assertEquals(0, downloader.status("p").orElseThrow().refetchedBytes());
    }

    @Test
    public void notEnoughSpaceIsRefusedWithTheNumbers() throws Exception {
        server.put("/a.bin", artifact);
        properties.put("reserveBytes", 1000L);
        start();
        space.free.set(1024 * 1024 + 999);
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader.download(Fixture.request("s", artifact, server.url("/a.bin"))));
        assertEquals(Reason.NO_SPACE, e.reason());
        assertTrue(e.retryable());
        assertTrue(e.getMessage(), e.getMessage().contains("needs 1048576 more bytes plus a reserve of 1000 "
                + "(reserveBytes) in " + home.resolve("downloads") + ", but only 1049575 are free"));
        assertTrue(server.seen().isEmpty());
        space.free.set(1024 * 1024 + 1000);
        downloader.download(Fixture.request("s", artifact, server.url("/a.bin")));
    }

    @Test
    public void offlineTimeIsWaitedOutWithoutSpendingTheRetryBudget() throws Exception {
        // Eight answers of 503 with Retry-After, each followed by a wait of maxRetryDelay (0.2 s): at least 1.4 s
        // busy. With at least 1.5 s offline before, that is more than the 3 s budget only if the time offline counts
        // (the eighth check would see 2.9 s used and 0.2 s to wait); without it 1.4 s of slack remain for a slow
        // machine, and the 1.5 s offline are as far from the budget on their own.
        server.put("/a.bin", artifact).busyFor("/a.bin", 8);
        properties.put("giveUpAfter", "PT3S");
        start();
        network.status.set(new NetworkStatus(false, false, ""));
        var running = Fixture.start(downloader, Fixture.request("o", artifact, server.url("/a.bin")));
        waitFor(() -> downloader.status("o").map(DownloadStatus::state).orElse(null)
                == DownloadState.WAITING_FOR_NETWORK);
        Thread.sleep(1500);
        assertTrue(server.seen().isEmpty());
        network.status.set(new NetworkStatus(true, false, "eth0"));
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(running.get(20, TimeUnit.SECONDS)));
        assertEquals(9, server.seen().size());
        assertEquals(9, downloader.status("o").orElseThrow().attempts());
    }

    @Test
    public void aDownloadThatKeepsMakingProgressOutlastsTheRetryBudget() throws Exception {
        // 1 MiB at 256 KiB/s through a proxy that cuts every connection after 64 to 192 KiB: at least 4 s in all,
        // four times the budget, with a cut at least every 0.75 s. Every attempt brings new data, so none of the
        // cuts is a reason to give up, however long the download has been running.
        server.put("/a.bin", artifact, RangeServer.Mode.NORMAL, 256 * 1024);
        properties.put("giveUpAfter", "PT1S");
        properties.put("poorLinkAttempts", 1000); // about the budget, not the rate adaptation
        start();
        try (CuttingProxy proxy = new CuttingProxy(port(), 3, 64 * 1024, 192 * 1024)) {
            long t0 = System.nanoTime();
            Path file = downloader.download(Fixture.request("long", artifact,
                    "http://127.0.0.1:" + proxy.port() + "/a.bin"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
            assertTrue("took " + seconds + " s", seconds > 3);
            assertTrue("cuts " + proxy.cuts(), proxy.cuts() >= 5);
            assertEquals(0, downloader.status("long").orElseThrow().refetchedBytes());
        }
    }

    @Test
    public void aDownloadThatStopsMakingProgressGivesUpABudgetAfterItsLastNewData() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.NORMAL, 256 * 1024);
        properties.put("giveUpAfter", "PT1S");
        properties.put("poorLinkAttempts", 1000);
        start();
        try (CuttingProxy proxy = new CuttingProxy(port(), 4, 64 * 1024, 192 * 1024)) {
            var running = Fixture.start(downloader, Fixture.request("stuck", artifact,
                    "http://127.0.0.1:" + proxy.port() + "/a.bin"));
            // More than twice the budget into the download, through several cuts.
            waitFor(() -> downloader.status("stuck").map(DownloadStatus::bytes).orElse(0L) > 600_000);
            long busySince = System.nanoTime();
            server.mode("/a.bin", RangeServer.Mode.BUSY_503, 0);
            DownloadException e = DownloadBasicsTest.expectFailure(running);
            long ms = (System.nanoTime() - busySince) / 1_000_000;
            assertEquals(e.getMessage(), Reason.UNREACHABLE, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("no new data for PT1S online (giveUpAfter)")
                    && e.getMessage().contains("HTTP 503"));
            // It gives up once waiting for the next attempt would pass the budget, 0.8 s after the last new data;
            // that came at most one backoff (20 ms) and one request before the server's first 503, so well after
            // 400 ms (a budget counted from the start of the download would give up at the first 503). The attempt
            // under way at the switch goes on until its cut, at most 0.75 s later.
            assertTrue("gave up " + ms + " ms after the server became busy", ms >= 400 && ms < 5000);
            DownloadStatus s = downloader.status("stuck").orElseThrow();
            assertEquals(DownloadState.PARTIAL, s.state());
            assertTrue("bytes " + s.bytes(), s.bytes() > 600_000 && s.bytes() < s.total());
        }
    }

    @Test
    public void dataFetchedAgainFromTheStartIsNotProgress() throws Exception {
        // Ranges ignored and every connection cut after the same number of bytes: each attempt receives data, but
        // starts over from byte 0 and gets no further than the first one did.
        server.put("/a.bin", artifact, RangeServer.Mode.IGNORE_RANGE, 0);
        properties.put("giveUpAfter", "PT1S");
        properties.put("poorLinkAttempts", 1000);
        start();
        try (CuttingProxy proxy = new CuttingProxy(port(), 5, 300_000, 300_000)) {
            var running = Fixture.start(downloader, Fixture.request("again", artifact,
                    "http://127.0.0.1:" + proxy.port() + "/a.bin"));
            DownloadException e = DownloadBasicsTest.expectFailure(running);
            assertEquals(e.getMessage(), Reason.UNREACHABLE, e.reason());
            DownloadStatus s = downloader.status("again").orElseThrow();
            assertTrue("attempts " + s.attempts(), s.attempts() >= 3);
            assertTrue("re-fetched " + s.refetchedBytes(), s.refetchedBytes() > 300_000);
        }
    }

    @Test
    public void offlineForLongerThanTheBudgetFailsAsOffline() throws Exception {
        properties.put("giveUpAfter", "PT0.3S");
        start();
        network.status.set(new NetworkStatus(false, false, ""));
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader.download(Fixture.request("o", artifact, server.url("/a.bin"))));
        assertEquals(Reason.OFFLINE, e.reason());
        assertTrue(server.seen().isEmpty());
    }

    @Test
    public void meteredDeferWaitsForAnUnmeteredLink() throws Exception {
        server.put("/a.bin", artifact);
        properties.put("meteredPolicy", "defer");
        start();
        network.status.set(new NetworkStatus(true, true, "wwan0"));
        var running = Fixture.start(downloader, Fixture.request("d", artifact, server.url("/a.bin")));
        waitFor(() -> downloader.status("d").map(DownloadStatus::problem).orElse("").contains("metered"));
        Thread.sleep(300);
        assertTrue(server.seen().isEmpty());
        network.status.set(new NetworkStatus(true, false, "wlan0"));
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(running.get()));
    }

    @Test
    public void meteredDeferGivesUpAsOfflineAfterTheBudget() throws Exception {
        properties.put("meteredPolicy", "defer");
        properties.put("giveUpAfter", "PT0.3S");
        start();
        network.status.set(new NetworkStatus(true, true, "wwan0"));
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader.download(Fixture.request("d", artifact, server.url("/a.bin"))));
        assertEquals(Reason.OFFLINE, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("no unmetered network"));
    }

    @Test
    public void meteredThrottleLimitsTheRate() throws Exception {
        server.put("/a.bin", artifact);
        properties.put("meteredPolicy", "throttle");
        properties.put("meteredRateLimit", 512L * 1024);
        start();
        network.status.set(new NetworkStatus(true, true, "wwan0"));
        long t0 = System.nanoTime();
        downloader.download(Fixture.request("t", artifact, server.url("/a.bin")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        // 1 MiB at 512 KiB/s with a quarter-second burst: at least 1.75 s. The upper bound only has to tell the
        // metered limit from a much lower one (the default 64 KiB/s would take 16 s), with room for a loaded machine.
        assertTrue("took " + seconds + " s", seconds >= 1.6 && seconds < 6);
    }

    /**
     * A loopback port bound by a socket that never listens, held until the test ends: connections to it are
     * refused, and no other process can take it meanwhile (as it could a port found free and closed again).
     */
    private int refusingPort() throws Exception {
        Socket s = new Socket();
        heldPorts.add(s);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s.getLocalPort();
    }

    private int port() {
        return java.net.URI.create(server.url("/")).getPort();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
