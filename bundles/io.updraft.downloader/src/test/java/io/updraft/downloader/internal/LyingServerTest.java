package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadException;
import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.DownloadState;

/** Servers that lie about the artifact are refused, and nothing of what they sent is kept. */
public class LyingServerTest {
    /** 1 MiB at 128 KiB/s: paused at 100 kB, 7 s before the end. */
    private static final long PAUSABLE_RATE = 128 * 1024;
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private RangeServer server;
    private Path home;
    private Path artifact;
    private DownloadRequest request;
    private DownloaderComponent downloader;

    @Before
    public void setUp() throws Exception {
        server = new RangeServer();
        home = tmp.newFolder("home").toPath();
        artifact = Fixture.randomFile(tmp.getRoot().toPath().resolve("a.bin"), 1024 * 1024, 5);
        request = Fixture.request("lie", artifact, server.url("/a.bin"));
        downloader = Fixture.downloader(Fixture.properties(home), new Fixture.FakeSpace());
    }

    @After
    public void tearDown() throws Exception {
        downloader.close();
        server.close();
    }

    @Test
    public void wrongLength() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.WRONG_LENGTH, 0);
        assertRefused("Content-Length 1048577 differs from the signed length 1048576");
    }

    @Test
    public void shorterFileWithTheSameNameFailsTheLengthCheck() throws Exception {
        Path shorter = Fixture.randomFile(tmp.getRoot().toPath().resolve("short.bin"), 1000, 5);
        server.put("/a.bin", shorter);
        assertRefused("Content-Length 1000 differs from the signed length 1048576");
    }

    @Test
    public void wrongBytesOfTheRightLength() throws Exception {
        Path forged = tmp.getRoot().toPath().resolve("forged.bin");
        Files.copy(artifact, forged);
        try (RandomAccessFile f = new RandomAccessFile(forged.toFile(), "rw")) {
            f.seek(700_000);
            f.write(0x55 ^ f.readByte());
        }
        server.put("/a.bin", forged);
        assertRefused("sha256=expected " + Fixture.sha256(artifact) + ", got " + Fixture.sha256(forged));
    }

    @Test
    public void endlessStream() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.ENDLESS, 0);
        assertRefused("the server sent more than the signed length of 1048576 bytes");
    }

    @Test
    public void extraBytesAfterTheArtifact() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.EXTRA_BYTES, 0);
        assertRefused("more than the signed length");
    }

    @Test
    public void aContentRangeOtherThanAskedForRefusesTheMirror() throws Exception {
        server.put("/a.bin", artifact, RangeServer.Mode.NORMAL, PAUSABLE_RATE);
        var running = Fixture.start(downloader, request);
        pauseAfter(running, 100_000);
        server.mode("/a.bin", RangeServer.Mode.WRONG_CONTENT_RANGE, 0);
        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(request));
        assertEquals(e.getMessage(), DownloadException.Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("got Content-Range bytes"));
        // Nothing contradicts the data kept so far: it stays for another mirror or a later try.
        assertEquals(Set.of("lie.part", "lie.json"), DownloadBasicsTest.names(home.resolve("downloads")));
    }

    @Test
    public void aPartialAnswerWithAnotherEtagStartsOverInsteadOfMixingCopies() throws Exception {
        Path forged = tmp.getRoot().toPath().resolve("forged.bin");
        Files.copy(artifact, forged);
        try (RandomAccessFile f = new RandomAccessFile(forged.toFile(), "rw")) {
            f.seek(10);
            f.write(0x55 ^ f.readByte());
        }
        server.put("/a.bin", forged, RangeServer.Mode.NORMAL, PAUSABLE_RATE);
        var running = Fixture.start(downloader, request);
        pauseAfter(running, 100_000);
        // The server now has the right copy under a new ETag, and answers ranges whatever If-Range says.
        server.put("/a.bin", artifact, RangeServer.Mode.IGNORE_IF_RANGE, 0);
        Path file = downloader.download(request);
        assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
        var seen = server.seen();
        assertTrue(seen.toString(), seen.get(seen.size() - 2).range() != null);
        assertEquals(seen.toString(), null, seen.get(seen.size() - 1).range());
    }

    /** Pauses the running download once it holds {@code bytes}, and checks that it stopped there, unfinished. */
    private void pauseAfter(java.util.concurrent.CompletableFuture<Path> running, long bytes) throws Exception {
        DownloadBasicsTest.waitForBytes(downloader, "lie", bytes);
        assertTrue(downloader.pause("lie"));
        assertEquals(DownloadException.Reason.PAUSED, DownloadBasicsTest.expectFailure(running).reason());
        assertEquals(DownloadState.PAUSED, downloader.status("lie").orElseThrow().state());
    }

    private void assertRefused(String detail) throws Exception {
        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(request));
        assertEquals(e.getMessage(), DownloadException.Reason.INTEGRITY, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains(detail));
        assertEquals(Set.of(), DownloadBasicsTest.names(home.resolve("downloads")));
        assertEquals(DownloadState.FAILED, downloader.status("lie").orElseThrow().state());
        assertEquals(0, downloader.status("lie").orElseThrow().bytes());
    }
}
