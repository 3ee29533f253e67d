package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadRequest;

/** Checkpoints: data synced before the state, digests continued across a restart without reading the data again. */
public class PartialFileTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void digestsContinueFromTheCheckpointAndLaterBytesAreDropped() throws Exception {
        Path source = Fixture.randomFile(tmp.getRoot().toPath().resolve("src"), 300_000, 3);
        byte[] data = Files.readAllBytes(source);
        Map<String, String> hashes = Map.of("sha256", Fixture.sha256(source), "sha512",
                Fixture.digest("SHA-512", source));
        DownloadRequest r = new DownloadRequest("p", "u", "c", List.of(URI.create("https://a/p")), data.length, hashes);
        StateStore store = new StateStore(tmp.getRoot().toPath().resolve("downloads"));
        store.prepare();
        PartialState fresh = PartialState.start(r, hashes, Hashes.fresh(hashes.keySet()).states());
        try (PartialFile part = PartialFile.open(store, fresh)) {
            part.append(data, 0, 100_000);
            part.checkpoint();
            part.append(data, 100_000, 50_000); // never checkpointed: lost with the "power cut"
        }
        Files.write(store.part("p"), new byte[7], StandardOpenOption.APPEND);

        PartialState saved = store.load("p").orElseThrow();
        assertEquals(100_000, saved.offset());
        assertEquals(Files.size(store.part("p")), 150_007);
        try (PartialFile part = PartialFile.open(store, saved)) {
            assertEquals(100_000, Files.size(store.part("p")));
            part.append(data, 100_000, data.length - 100_000);
            assertEquals("", part.finish());
        }
        assertTrue(Files.isRegularFile(store.complete("p")));
        assertTrue(store.load("p").orElseThrow().complete());
    }

    @Test
    public void aCorruptOrForeignHashStateIsRefused() throws Exception {
        StateStore store = new StateStore(tmp.getRoot().toPath().resolve("downloads"));
        store.prepare();
        Map<String, String> hashes = Map.of("sha256", "00");
        DownloadRequest r = new DownloadRequest("q", "u", "c", List.of(URI.create("https://a/q")), 10, hashes);
        PartialState state = PartialState.start(r, hashes, Map.of()).at(5, Map.of("sha256", "AAAA"), null, null, 0);
        Files.write(store.part("q"), new byte[5]);
        assertThrows(IllegalArgumentException.class, () -> PartialFile.open(store, state));
        PartialState noStates = PartialState.start(r, hashes, Map.of()).at(5, Map.of(), null, null, 0);
        assertThrows(IllegalArgumentException.class, () -> PartialFile.open(store, noStates));
    }
}
