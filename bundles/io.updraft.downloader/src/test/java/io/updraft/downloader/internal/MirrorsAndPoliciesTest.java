package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        assertTrue(e.getMessage(), e.getMessage().startsWith("download m: no new data within the giveUpAfter "
                + "budget of PT1S: ") && e.getMessage().contains(" retrying since this download call began, and the "
                + "next attempt, due in ") && e.getMessage().contains("Connect"));
        // What it says: the time spent and the wait for the next attempt together pass the budget.
        Duration retrying = reported(e.getMessage(), "budget of PT1S: ");
        Duration next = reported(e.getMessage(), "due in ");
        assertTrue(e.getMessage(), retrying.plus(next).compareTo(Duration.ofSeconds(1)) > 0);
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
            assertTrue(e.getMessage(), e.getMessage().contains("no new data within the giveUpAfter budget of PT1S: ")
                    && e.getMessage().contains(" retrying since the download last got new data")
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
    public void dataFetchedAgainDoesNotResetTheBackoff() throws Exception {
        // Ranges ignored and every connection cut at the same byte: after the first attempt none brings new data, so
        // the delays double from 0.1 s (the backoff's random factor is fixed just below 1 here): 0.1, 0.2, 0.4 and
        // 0.8 s make 1.5 s without new data, and the next delay, 1.6 s, would pass the 2 s budget. Delays started
        // again at 0.1 s by every attempt that received (the same) data would make well over five attempts.
        server.put("/a.bin", artifact, RangeServer.Mode.IGNORE_RANGE, 0);
        properties.put("retryDelay", "PT0.1S");
        properties.put("maxRetryDelay", "PT10S");
        properties.put("giveUpAfter", "PT2S");
        properties.put("poorLinkAttempts", 1000);
        downloader.close();
        downloader = Fixture.downloader(properties, space, new Backoff(() -> 0.999_999));
        downloader.bindNetworkMonitor(network);
        try (CuttingProxy proxy = new CuttingProxy(port(), 5, 300_000, 300_000)) {
            DownloadRequest r = Fixture.request("backoff", artifact, "http://127.0.0.1:" + proxy.port() + "/a.bin");
            DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(r));
            assertEquals(e.getMessage(), Reason.UNREACHABLE, e.reason());
            List<RangeServer.Seen> seen = server.seen();
            // Five attempts; four if the transfers took more than 0.5 s together, three if more than 1.3 s.
            assertTrue("attempts " + seen.size(), seen.size() >= 3 && seen.size() <= 5);
            for (int i = 1; i < seen.size(); i++) {
                long ms = (seen.get(i).nanos() - seen.get(i - 1).nanos()) / 1_000_000;
                long least = 99L << (i - 1);
                assertTrue("attempt " + (i + 1) + " came " + ms + " ms after the one before it, not at least "
                        + least + " ms", ms >= least);
            }
        }
    }

    @Test
    public void aNewCopyOnTheServerIsProgressFromItsFirstByte() throws Exception {
        // The server answers the resumption with its whole new copy, the ETag no longer matching If-Range.
        newCopyIsProgressFromItsFirstByte(RangeServer.Mode.NORMAL);
    }

    @Test
    public void aNewCopySentForARangeDespiteIfRangeIsProgressFromItsFirstByte() throws Exception {
        // The server ignores If-Range and answers the range from its new copy: refused, then fetched from byte 0.
        newCopyIsProgressFromItsFirstByte(RangeServer.Mode.IGNORE_IF_RANGE);
    }

    /**
     * 800 kB kept from a copy the server no longer has (its ETag changed, as when a mirror is resynced): the download
     * starts over. At 256 KiB/s through a proxy that cuts every connection after 64 to 128 KiB, getting back to
     * 800 kB takes more than 3 s, longer than the 2 s budget; but each attempt gets further into the new copy than
     * any before it, with a cut at least every 0.5 s, so none of the cuts is a reason to give up.
     */
    private void newCopyIsProgressFromItsFirstByte(RangeServer.Mode mode) throws Exception {
        server.put("/a.bin", artifact, mode, 256 * 1024);
        properties.put("giveUpAfter", "PT2S");
        properties.put("poorLinkAttempts", 1000);
        start();
        try (CuttingProxy proxy = new CuttingProxy(port(), 6, 64 * 1024, 128 * 1024)) {
            DownloadRequest r = Fixture.request("new", artifact, "http://127.0.0.1:" + proxy.port() + "/a.bin");
            keep(r, 800_000, "\"old\"");
            Path file = downloader.download(r);
            assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
            List<RangeServer.Seen> seen = server.seen();
            assertEquals("bytes=800000-", seen.get(0).range());
            assertEquals("\"old\"", seen.get(0).ifRange());
            // The old copy's bytes were dropped once; none of the new copy's were fetched twice.
            assertEquals(800_000, downloader.status("new").orElseThrow().refetchedBytes());
            assertTrue("cuts " + proxy.cuts(), proxy.cuts() >= 6);
        }
    }

    @Test
    public void mirrorsWhoseCopiesDifferMakeAFreshStartOnlyOnce() throws Exception {
        // The same artifact under two ETags (two mirrors, each with its own) and every connection cut at the same
        // byte: each attempt gets the whole file from the other copy and starts over. The first change of copy is a
        // fresh start; counting every one as such would have the download retried for ever.
        server.put("/a.bin", artifact);
        server.put("/b.bin", artifact);
        properties.put("giveUpAfter", "PT1S");
        properties.put("poorLinkAttempts", 1000);
        start();
        try (CuttingProxy proxy = new CuttingProxy(port(), 7, 300_000, 300_000)) {
            String via = "http://127.0.0.1:" + proxy.port();
            var running = Fixture.start(downloader, Fixture.request("two", artifact, via + "/a.bin", via + "/b.bin"));
            DownloadException e = DownloadBasicsTest.expectFailure(running);
            assertEquals(e.getMessage(), Reason.UNREACHABLE, e.reason());
            DownloadStatus s = downloader.status("two").orElseThrow();
            assertTrue("attempts " + s.attempts(), s.attempts() >= 4);
            assertTrue("re-fetched " + s.refetchedBytes(), s.refetchedBytes() > 600_000);
        }
    }

    @Test
    public void timeRetryingIsNotTimeWaitingForAnUnmeteredLink() throws Exception {
        // Twelve answers of 503, each followed by a wait of maxRetryDelay (0.2 s): at least 2.2 s retrying. Then 3 s
        // with only a metered link, which meteredPolicy defer waits out. Together more than the 5 s budget, neither
        // on its own: the download is not given up for want of an unmetered network, and goes on once it has one.
        server.put("/a.bin", artifact, RangeServer.Mode.BUSY_503, 0);
        properties.put("meteredPolicy", "defer");
        properties.put("giveUpAfter", "PT5S");
        start();
        var running = Fixture.start(downloader, Fixture.request("mix", artifact, server.url("/a.bin")));
        waitFor(() -> server.seen().size() >= 12);
        network.status.set(new NetworkStatus(true, true, "wwan0"));
        waitFor(() -> downloader.status("mix").map(DownloadStatus::problem).orElse("").contains("metered"));
        server.mode("/a.bin", RangeServer.Mode.NORMAL, 0);
        Thread.sleep(3000);
        network.status.set(new NetworkStatus(true, false, "wlan0"));
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(running.get(20, TimeUnit.SECONDS)));
    }

    @Test
    public void offlineForLongerThanTheBudgetFailsAsOffline() throws Exception {
        properties.put("giveUpAfter", "PT0.3S");
        start();
        network.status.set(new NetworkStatus(false, false, ""));
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader.download(Fixture.request("o", artifact, server.url("/a.bin"))));
        assertEquals(Reason.OFFLINE, e.reason());
        assertTrue(e.getMessage(), e.getMessage().startsWith("download o: no network for ") && e.getMessage()
                .endsWith(" in all since this download call began, more than giveUpAfter (PT0.3S)"));
        assertTrue(e.getMessage(), reported(e.getMessage(), "for ").compareTo(Duration.ofMillis(300)) > 0);
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
        assertTrue(e.getMessage(), e.getMessage().startsWith("download d: no unmetered network (meteredPolicy defer) "
                + "for ") && e.getMessage().endsWith(" in all since this download call began, more than giveUpAfter "
                        + "(PT0.3S)"));
        assertTrue(e.getMessage(), reported(e.getMessage(), "for ").compareTo(Duration.ofMillis(300)) > 0);
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

    /** The duration (ISO-8601) that {@code message} reports right after {@code before}. */
    private static Duration reported(String message, String before) {
        Matcher m = Pattern.compile(Pattern.quote(before) + "(PT[0-9HMS.]+)").matcher(message);
        assertTrue(message, m.find());
        return Duration.parse(m.group(1));
    }

    /** Partial data as an earlier call left it: the artifact's first {@code bytes}, from the copy with {@code etag}. */
    private void keep(DownloadRequest r, int bytes, String etag) throws Exception {
        byte[] data = Files.readAllBytes(artifact);
        try (PartialFile part = PartialFile.open(new StateStore(home.resolve("downloads")),
                PartialState.start(r, r.hashes()))) {
            part.append(data, 0, bytes);
            part.validators(etag, null);
            part.checkpoint();
        }
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
