package io.updraft.downloader.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.downloader.DownloadRequest;

/** Checkpoints: data synced before the state; after a restart the kept data is hashed again from disk. */
public class PartialFileTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theKeptDataIsHashedAgainAndLaterBytesAreDropped() throws Exception {
        Path source = Fixture.randomFile(tmp.getRoot().toPath().resolve("src"), 300_000, 3);
        byte[] data = Files.readAllBytes(source);
        Map<String, String> hashes = Map.of("sha256", Fixture.sha256(source), "sha512",
                Fixture.digest("SHA-512", source));
        DownloadRequest r = new DownloadRequest("p", "u", "c", List.of(URI.create("https://a/p")), data.length, hashes);
        StateStore store = new StateStore(tmp.getRoot().toPath().resolve("downloads"));
        store.prepare();
        PartialState fresh = PartialState.start(r, hashes);
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

    /** The digests are fed from the file after a restart, so a kept byte changed on disk cannot pass the check. */
    @Test
    public void keptDataChangedOnDiskFailsTheCheck() throws Exception {
        Path source = Fixture.randomFile(tmp.getRoot().toPath().resolve("src"), 3_000_000, 4);
        byte[] data = Files.readAllBytes(source);
        Map<String, String> hashes = Map.of("sha256", Fixture.sha256(source));
        DownloadRequest r = new DownloadRequest("q", "u", "c", List.of(URI.create("https://a/q")), data.length, hashes);
        StateStore store = new StateStore(tmp.getRoot().toPath().resolve("downloads"));
        store.prepare();
        try (PartialFile part = PartialFile.open(store, PartialState.start(r, hashes))) {
            part.append(data, 0, 2_500_000);
            part.checkpoint();
        }
        try (FileChannel ch = FileChannel.open(store.part("q"), StandardOpenOption.WRITE)) {
            // Past the first read of the re-hash: every block of the kept data must be read, not just one.
            ch.write(ByteBuffer.wrap(new byte[] {(byte) (data[2_000_000] ^ 1)}), 2_000_000);
        }
        try (PartialFile part = PartialFile.open(store, store.load("q").orElseThrow())) {
            assertEquals(2_500_000, part.offset());
            part.append(data, 2_500_000, data.length - 2_500_000);
            String mismatch = part.finish();
            assertTrue(mismatch, mismatch.startsWith("{sha256=expected " + hashes.get("sha256") + ", got "));
        }
        assertTrue(Files.notExists(store.complete("q")));
    }

    /** A state file from before digests were re-hashed carries saved digest states; they are ignored. */
    @Test
    public void aStateWithSavedDigestStatesResumes() throws Exception {
        Path source = Fixture.randomFile(tmp.getRoot().toPath().resolve("src"), 200_000, 5);
        byte[] data = Files.readAllBytes(source);
        Map<String, String> hashes = Map.of("sha512", Fixture.digest("SHA-512", source));
        StateStore store = new StateStore(tmp.getRoot().toPath().resolve("downloads"));
        store.prepare();
        Files.write(store.part("old"), Arrays.copyOf(data, 70_000));
        Files.writeString(store.dir().resolve("old.json"), "{\"schema\":1,\"id\":\"old\",\"updateId\":\"u\","
                + "\"component\":\"c\",\"urls\":[\"https://a/old\"],\"length\":200000,\"hashes\":{\"sha512\":\""
                + hashes.get("sha512") + "\"},\"offset\":65536,\"hashStates\":{\"sha512\":\"AAAA\"},"
                + "\"refetchedBytes\":0,\"complete\":false}");
        try (PartialFile part = PartialFile.open(store, store.load("old").orElseThrow())) {
            assertEquals(65_536, part.offset());
            part.append(data, 65_536, data.length - 65_536);
            assertEquals("", part.finish());
        }
        assertArrayEquals(data, Files.readAllBytes(store.complete("old")));
    }

    /**
     * The server's copy changed (a 200 to a range request) after a checkpoint, new bytes were written, and the
     * process died before the next checkpoint. The old checkpoint must not come back over the new bytes: its digest
     * states describe the old bytes, so the new ones at the same places would never be hashed.
     */
    @Test
    public void aRestartIsCheckpointedSoNoUnhashedBytesSurviveACrash() throws Exception {
        int length = 200_000;
        int checkpointed = 50_000;
        byte[] a = Files.readAllBytes(Fixture.randomFile(tmp.getRoot().toPath().resolve("a"), length, 11));
        byte[] b = Files.readAllBytes(Fixture.randomFile(tmp.getRoot().toPath().resolve("b"), length, 12));
        // What the signed hash describes: A up to the checkpoint, B after it. A file that is all B must not pass.
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(a, 0, checkpointed);
        sha.update(b, checkpointed, length - checkpointed);
        Map<String, String> hashes = Map.of("sha256", java.util.HexFormat.of().formatHex(sha.digest()));
        DownloadRequest r = new DownloadRequest("s", "u", "c", List.of(URI.create("https://a/s")), length, hashes);
        StateStore store = new StateStore(tmp.getRoot().toPath().resolve("downloads"));
        store.prepare();
        try (PartialFile part = PartialFile.open(store, PartialState.start(r, hashes))) {
            part.append(a, 0, checkpointed);
            part.checkpoint();
            part.restart();
            part.append(b, 0, 120_000); // no checkpoint: the process dies here
        }

        PartialState saved = store.load("s").orElseThrow();
        assertEquals(0, saved.offset());
        try (PartialFile part = PartialFile.open(store, saved)) {
            part.append(b, (int) part.offset(), length - (int) part.offset());
            String mismatch = part.finish();
            assertTrue("a file of B's bytes passed a hash of A's and B's: " + mismatch, !mismatch.isEmpty());
        }
        assertTrue(Files.notExists(store.complete("s")));
    }
}
