package io.updraft.downloader.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadRequest;

/** Links planted in the downloads folder neither redirect writes outside it nor pass as checked artifacts. */
public class PlantedLinkTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private RangeServer server;
    private Path downloads;
    private Path artifact;
    private Path victim;
    private byte[] precious;
    private DownloadRequest request;
    private StateStore store;

    @Before
    public void setUp() throws Exception {
        server = new RangeServer();
        Path home = tmp.newFolder("home").toPath();
        downloads = home.resolve("downloads");
        artifact = Fixture.randomFile(tmp.getRoot().toPath().resolve("a.bin"), 200_000, 21);
        server.put("/a.bin", artifact);
        request = Fixture.request("lnk", artifact, server.url("/a.bin"));
        victim = Fixture.randomFile(tmp.getRoot().toPath().resolve("victim"), 200_000, 22);
        precious = Files.readAllBytes(victim);
        store = new StateStore(downloads);
        store.prepare();
    }

    @After
    public void tearDown() throws Exception {
        server.close();
    }

    @Test
    public void aLinkInPlaceOfThePartialDataIsNotWrittenThrough() throws Exception {
        Map<String, String> hashes = request.hashes();
        store.save(PartialState.start(request, hashes));
        Files.createSymbolicLink(store.part("lnk"), victim);
        try (DownloaderComponent d = Fixture.downloader(Fixture.properties(downloads.getParent()),
                new Fixture.FakeSpace())) {
            Path file = d.download(request);
            assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
        }
        assertArrayEquals(precious, Files.readAllBytes(victim));
    }

    @Test
    public void aLinkInPlaceOfTheCheckedFileIsNotHandedOn() throws Exception {
        Map<String, String> hashes = request.hashes();
        store.save(PartialState.start(request, hashes).completed(0));
        Files.createSymbolicLink(store.complete("lnk"), victim);
        try (DownloaderComponent d = Fixture.downloader(Fixture.properties(downloads.getParent()),
                new Fixture.FakeSpace())) {
            Path file = d.download(request);
            assertFalse(Files.isSymbolicLink(file));
            assertEquals(Fixture.sha256(artifact), Fixture.sha256(file));
        }
        assertArrayEquals(precious, Files.readAllBytes(victim));
    }
}
