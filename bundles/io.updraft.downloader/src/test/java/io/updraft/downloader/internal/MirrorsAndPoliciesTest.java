package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    }

    @Test
    public void aMissingOrDownMirrorFailsOverToTheNext() throws Exception {
        server.put("/a.bin", artifact);
        String down = "http://127.0.0.1:" + freePort() + "/a.bin";
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
        DownloadRequest r = Fixture.request("m", artifact, "http://127.0.0.1:" + freePort() + "/a",
                "http://127.0.0.1:" + freePort() + "/b");
        long t0 = System.nanoTime();
        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(r));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("within PT1S (giveUpAfter)"));
        assertTrue("took " + ms + " ms", ms >= 700 && ms < 3000);
        DownloadStatus s = downloader.status("m").orElseThrow();
        assertTrue("attempts " + s.attempts(), s.attempts() > 4);
        assertEquals(DownloadState.PARTIAL, s.state());
        assertTrue(e.retryable());
    }

    @Test
    public void pauseStopsPromptlyAndTheNextCallResumes() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.NORMAL, 256 * 1024);
        DownloadRequest r = Fixture.request("p", artifact, server.url("/a.bin"));
        var running = Fixture.start(downloader, r);
        waitFor(() -> downloader.status("p").map(DownloadStatus::bytes).orElse(0L) > 100_000);
        long t0 = System.nanoTime();
        assertTrue(downloader.pause("p"));
        DownloadException e = DownloadBasicsTest.expectFailure(running);
        assertTrue("pause took too long", System.nanoTime() - t0 < 1_000_000_000L);
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
        server.put("/a.bin", artifact, RangeServer.Mode.BUSY_503, 0);
        properties.put("giveUpAfter", "PT1S");
        start();
        network.status.set(new NetworkStatus(false, false, ""));
        var running = Fixture.start(downloader, Fixture.request("o", artifact, server.url("/a.bin")));
        waitFor(() -> downloader.status("o").map(DownloadStatus::state).orElse(null)
                == DownloadState.WAITING_FOR_NETWORK);
        Thread.sleep(500);
        assertTrue(server.seen().isEmpty());
        network.status.set(new NetworkStatus(true, false, "eth0"));
        // Busy for another 0.7 s: 1.2 s in all, more than the budget, but the time offline does not count.
        waitFor(() -> !server.seen().isEmpty());
        Thread.sleep(700);
        server.mode("/a.bin", RangeServer.Mode.NORMAL, 0);
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(running.get()));
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
        // 1 MiB at 512 KiB/s with a quarter-second burst: at least 1.75 s.
        assertTrue("took " + seconds + " s", seconds >= 1.6 && seconds < 4);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("condition not met within 4 s");
    }
}
