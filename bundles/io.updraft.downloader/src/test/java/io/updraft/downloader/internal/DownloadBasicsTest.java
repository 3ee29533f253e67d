package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.event.Event;

import io.updraft.downloader.DownloadException;
import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;
import io.updraft.downloader.Downloader;

/** Downloads from Jetty on loopback: the normal path, resumption and the answers a range request can get. */
public class DownloadBasicsTest {
    /**
     * Serving rate for tests that stop a download while it runs: the 3 MB artifact then takes 12 s, so the stop
     * lands long before the end even on a slow machine.
     */
    static final long PAUSABLE_RATE = 256 * 1024;
    /** How long to wait for a condition before failing: only reached when the condition never comes. */
    static final long WAIT_NANOS = 20_000_000_000L;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private RangeServer server;
    private Path home;
    private Path artifact;
    private DownloaderComponent downloader;
    private final Fixture.Events events = new Fixture.Events();

    @Before
    public void setUp() throws Exception {
        server = new RangeServer();
        home = tmp.newFolder("home").toPath();
        artifact = Fixture.randomFile(tmp.getRoot().toPath().resolve("a.bin"), 3 * 1024 * 1024 + 17, 1);
        downloader = Fixture.downloader(Fixture.properties(home), new Fixture.FakeSpace());
        downloader.bindEventAdmin(events);
    }

    @After
    public void tearDown() throws Exception {
        downloader.close();
        server.close();
    }

    @Test
    public void downloadsChecksAndKeepsTheFileWithPrivatePermissions() throws Exception {
        server.put("/a.bin", artifact);
        DownloadRequest r = Fixture.request("a.bin-1", artifact, server.url("/a.bin"));
        Path file = downloader.download(r);

        assertEquals(home.resolve("downloads/a.bin-1"), file);
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
        assertEquals(Set.of("a.bin-1", "a.bin-1.json"), names(home.resolve("downloads")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("downloads"))));
        DownloadStatus s = downloader.status("a.bin-1").orElseThrow();
        assertEquals(DownloadState.COMPLETE, s.state());
        assertEquals(Files.size(artifact), s.bytes());
        assertEquals(1, s.attempts());
        assertEquals(List.of(s), downloader.statuses());

        List<Event> posted = events.snapshot();
        assertTrue(posted.size() >= 2);
        Event last = posted.get(posted.size() - 1);
        assertEquals(Downloader.PROGRESS_TOPIC, last.getTopic());
        assertEquals("COMPLETE", last.getProperty("state"));
        assertEquals("download", last.getProperty("phase"));
        assertEquals("update-1", last.getProperty("updateId"));
        assertEquals("app", last.getProperty("component"));
        assertEquals(Files.size(artifact), last.getProperty("done"));
        assertEquals(Files.size(artifact), last.getProperty("total"));
        assertEquals("RUNNING", posted.get(0).getProperty("state"));

        // Asked again: found complete, nothing fetched.
        int requests = server.seen().size();
        assertEquals(file, downloader.download(r));
        assertEquals(requests, server.seen().size());
    }

    @Test
    public void aCutConnectionContinuesFromTheExactOffsetWithoutRefetching() throws Exception {
        server.put("/a.bin", artifact);
        try (CuttingProxy proxy = new CuttingProxy(port(), 7, 200_000, 900_000)) {
            DownloadRequest r = Fixture.request("cut", artifact, "http://127.0.0.1:" + proxy.port() + "/a.bin");
            Path file = downloader.download(r);
            assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
            assertTrue("cuts: " + proxy.cuts(), proxy.cuts() >= 3);
            DownloadStatus s = downloader.status("cut").orElseThrow();
            assertEquals(0, s.refetchedBytes());
            assertEquals(proxy.cuts() + 1, s.attempts());
            List<String> ranges = server.seen().stream().map(RangeServer.Seen::range).toList();
            assertEquals(null, ranges.get(0));
            assertTrue(ranges.toString(), ranges.get(1).startsWith("bytes="));
            assertTrue(server.seen().get(1).ifRange().startsWith("\""));
        }
    }

    @Test
    public void aServerIgnoringRangesIsReadFromTheStartAndTheDiscardedBytesAreCounted() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.IGNORE_RANGE, 0);
        try (CuttingProxy proxy = new CuttingProxy(port(), 3, 1_000_000, 1_000_001)) {
            // The first attempt is cut after about 1 MB, the second gets everything from byte 0.
            DownloadRequest r = Fixture.request("ignore", artifact, "http://127.0.0.1:" + proxy.port() + "/a.bin",
                    server.url("/a.bin"));
            Path file = downloader.download(r);
            assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
            DownloadStatus s = downloader.status("ignore").orElseThrow();
            assertTrue("refetched " + s.refetchedBytes(), s.refetchedBytes() > 900_000);
        }
    }

    @Test
    public void changedContentOnTheServerStartsOverWithTheNewCopy() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.NORMAL, PAUSABLE_RATE);
        DownloadRequest r = Fixture.request("changed", artifact, server.url("/a.bin"));
        var running = Fixture.start(downloader, r);
        waitForBytes("changed", 300_000);
        assertTrue(downloader.pause("changed"));
        DownloadException paused = expectFailure(running);
        assertEquals(DownloadException.Reason.PAUSED, paused.reason());
        long kept = downloader.status("changed").orElseThrow().bytes();
        assertTrue(kept > 0);
        assertEquals(DownloadState.PAUSED, downloader.status("changed").orElseThrow().state());

        server.put("/a.bin", artifact); // same bytes, new ETag: If-Range no longer matches
        Path file = downloader.download(r);
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
        RangeServer.Seen resumed = server.seen().get(server.seen().size() - 1);
        assertEquals("bytes=" + kept + "-", resumed.range());
        assertEquals(kept, downloader.status("changed").orElseThrow().refetchedBytes());
    }

    @Test
    public void status416BeforeTheEndStartsOverOnceThenTheMirrorIsRefused() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.NORMAL, PAUSABLE_RATE);
        DownloadRequest r = Fixture.request("r416", artifact, server.url("/a.bin"));
        var running = Fixture.start(downloader, r);
        waitForBytes("r416", 200_000);
        assertTrue(downloader.pause("r416"));
        assertEquals(DownloadException.Reason.PAUSED, expectFailure(running).reason());
        long kept = downloader.status("r416").orElseThrow().bytes();
        assertTrue("kept " + kept, kept >= 200_000 && kept < Files.size(artifact));
        server.put("/a.bin", artifact, RangeServer.Mode.ALWAYS_416, 0);
        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(r));
        assertEquals(DownloadException.Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("HTTP 416"));
        List<RangeServer.Seen> seen = server.seen();
        // Resumed with a range, got 416, started over from byte 0 (no range), which the server refused too.
        assertEquals("bytes=" + kept + "-", seen.get(seen.size() - 2).range());
        assertEquals(null, seen.get(seen.size() - 1).range());
    }

    @Test
    public void busyServersAreRetriedAfterRetryAfter() throws Exception {
        server.put("/a.bin", artifact).busyFor("/a.bin", 1);
        DownloadRequest r = Fixture.request("busy", artifact, server.url("/a.bin"));
        Path file = downloader.download(r);
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
        assertEquals(2, downloader.status("busy").orElseThrow().attempts());
        List<RangeServer.Seen> seen = server.seen();
        assertEquals(2, seen.size());
        // Retry-After: 1 is capped at maxRetryDelay (0.2 s); the backoff alone would have waited at most retryDelay
        // (20 ms) before the second attempt.
        long ms = (seen.get(1).nanos() - seen.get(0).nanos()) / 1_000_000;
        assertTrue("second request " + ms + " ms after the first", ms >= 200);
    }

    @Test
    public void aStalledResponseIsAbandonedAndRetried() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.STALL, 0);
        Map<String, Object> p = Fixture.properties(home);
        p.put("readTimeout", "PT0.5S");
        downloader.close();
        downloader = Fixture.downloader(p, new Fixture.FakeSpace());
        DownloadRequest r = Fixture.request("stall", artifact, server.url("/a.bin"));
        var running = Fixture.start(downloader, r);
        waitForAttempts("stall", 2);
        server.put("/a.bin", artifact);
        Path file = running.get();
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
        String range = server.seen().get(server.seen().size() - 1).range();
        assertTrue(range, range != null && range.startsWith("bytes="));
    }

    @Test
    public void aRequestForAnotherArtifactUnderTheSameIdStartsOver() throws Exception {
        server.put("/a.bin", artifact);
        Path file = downloader.download(Fixture.request("same", artifact, server.url("/a.bin")));
        Path other = Fixture.randomFile(tmp.getRoot().toPath().resolve("b.bin"), 1000, 2);
        server.put("/b.bin", other);
        assertEquals(file, downloader.download(Fixture.request("same", other, server.url("/b.bin"))));
        assertEquals(Fixture.sha256(other), Fixture.sha256(file));
    }

    @Test
    public void discardDeletesEverything() throws Exception {
        server.put("/a.bin", artifact);
        downloader.download(Fixture.request("gone", artifact, server.url("/a.bin")));
        assertTrue(downloader.discard("gone"));
        assertEquals(Set.of(), names(home.resolve("downloads")));
        assertFalse(downloader.discard("gone"));
        assertFalse(downloader.discard("../etc"));
        assertEquals(List.of(), downloader.statuses());
    }

    @Test
    public void discardStopsARunningDownload() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.NORMAL, PAUSABLE_RATE);
        var running = Fixture.start(downloader, Fixture.request("stop", artifact, server.url("/a.bin")));
        waitForBytes("stop", 100_000);
        assertTrue(downloader.discard("stop"));
        assertEquals(DownloadException.Reason.DISCARDED, expectFailure(running).reason());
        assertEquals(Set.of(), names(home.resolve("downloads")));
    }

    @Test
    public void badRequestsAreRefusedBeforeAnyTransfer() throws Exception {
        DownloadRequest unsupported = new DownloadRequest("x", "u", "c",
                List.of(java.net.URI.create(server.url("/a.bin"))), 10, Map.of("md5", "00"));
        assertEquals(DownloadException.Reason.INVALID_REQUEST,
                assertThrows(DownloadException.class, () -> downloader.download(unsupported)).reason());
        DownloadRequest remote = new DownloadRequest("x", "u", "c",
                List.of(java.net.URI.create("http://updates.example.com/a.bin")), 10, Map.of("sha256", "00"));
        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(remote));
        assertEquals(DownloadException.Reason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("plain http"));
        DownloadRequest ownName = new DownloadRequest("x.part", "u", "c",
                List.of(java.net.URI.create(server.url("/a.bin"))), 10, Map.of("sha256", "00"));
        assertEquals(DownloadException.Reason.INVALID_REQUEST,
                assertThrows(DownloadException.class, () -> downloader.download(ownName)).reason());
        assertTrue(server.seen().isEmpty());
    }

    private int port() {
        return java.net.URI.create(server.url("/")).getPort();
    }

    private void waitForBytes(String id, long bytes) throws InterruptedException {
        waitForBytes(downloader, id, bytes);
    }

    /** Waits until the status of {@code id} shows at least {@code bytes}; the status lags the data by 200 ms at most. */
    static void waitForBytes(DownloaderComponent d, String id, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (d.status(id).map(DownloadStatus::bytes).orElse(0L) < bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " did not reach " + bytes + " bytes: " + d.status(id));
            }
            Thread.sleep(10);
        }
    }

    private void waitForAttempts(String id, int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (downloader.status(id).map(DownloadStatus::attempts).orElse(0) < attempts) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " did not reach " + attempts + " attempts: " + downloader.status(id));
            }
            Thread.sleep(10);
        }
    }

    static DownloadException expectFailure(java.util.concurrent.CompletableFuture<Path> running) throws Exception {
        try {
            running.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof DownloadException d) {
                return d;
            }
            throw e;
        }
        throw new AssertionError("the download completed");
    }

    static Set<String> names(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }
}
