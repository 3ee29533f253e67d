package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.downloader.DownloadException;
import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;

/** A download survives the downloader stopping in the middle and one starting on the same home. */
public class RestartResumeTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private RangeServer server;

    @After
    public void tearDown() throws Exception {
        server.close();
    }

    @Test
    public void aNewDownloaderResumesFromThePersistedCheckpoint() throws Exception {
        server = new RangeServer();
        Path home = tmp.newFolder("home").toPath();
        Path artifact = Fixture.randomFile(tmp.getRoot().toPath().resolve("a.bin"), 2 * 1024 * 1024, 11);
        // 2 MiB at 256 KiB/s: stopped at 600 kB, more than 5 s before the end.
        server.put("/a.bin", artifact, RangeServer.Mode.NORMAL, DownloadBasicsTest.PAUSABLE_RATE);
        DownloadRequest r = Fixture.request("restart", artifact, server.url("/a.bin"));
        Map<String, Object> properties = Fixture.properties(home);

        DownloaderComponent first = Fixture.downloader(properties, new Fixture.FakeSpace());
        var running = Fixture.start(first, r);
        DownloadBasicsTest.waitForBytes(first, "restart", 600_000);
        first.close();
        assertEquals(DownloadException.Reason.PAUSED, DownloadBasicsTest.expectFailure(running).reason());

        JsonNode state = new ObjectMapper().readTree(home.resolve("downloads/restart.json").toFile());
        long checkpoint = state.get("offset").asLong();
        assertTrue("checkpoint at " + checkpoint, checkpoint >= 600_000 && checkpoint < Files.size(artifact));
        assertTrue(state.toString(), state.get("etag").asText().startsWith("\""));
        // Bytes after a checkpoint may not have reached the disk before a power cut: they are dropped on start.
        Files.write(home.resolve("downloads/restart.part"), new byte[1000], java.nio.file.StandardOpenOption.APPEND);

        DownloaderComponent second = Fixture.downloader(properties, new Fixture.FakeSpace());
        try {
            DownloadStatus before = second.status("restart").orElseThrow();
            assertEquals(DownloadState.PARTIAL, before.state());
            assertEquals(checkpoint, before.bytes());
            server.mode("/a.bin", RangeServer.Mode.NORMAL, 0);
            Path file = second.download(r);
            assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
            List<RangeServer.Seen> seen = server.seen();
            RangeServer.Seen resumed = seen.get(seen.size() - 1);
            assertEquals("bytes=" + checkpoint + "-", resumed.range());
            assertEquals(state.get("etag").asText(), resumed.ifRange());
            assertEquals(0, second.status("restart").orElseThrow().refetchedBytes());
        } finally {
            second.close();
        }
        DownloaderComponent third = Fixture.downloader(properties, new Fixture.FakeSpace());
        try {
            assertEquals(DownloadState.COMPLETE, third.status("restart").orElseThrow().state());
        } finally {
            third.close();
        }
    }
}
