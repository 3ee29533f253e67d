package io.updraft.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

import io.updraft.publisher.internal.PublisherCli;

/**
 * Repositories made and served by {@code updraft-publish} are read by the tuf-js client from npm, another TUF
 * implementation: it walks our root chain, our delegation and our consistent-snapshot names, accepts the signed
 * target, and refuses what it must refuse.
 */
public class TufJsClientTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Runs tuf-js against the served repository with our first root as its trust anchor and a fresh cache. */
    private NodeProject.Result tufJs(PublishedRepository published) throws Exception {
        Path cache = tmp.newFolder("tuf-js-cache").toPath();
        try (PublisherCli.Served served = PublisherCli.serve(published.repo)) {
            String base = served.uri().toString();
            return NodeProject.node("tuf-client.mjs", base + "metadata/", base + "targets/",
                    published.metadata("1.root.json").toString(), cache.toString(), PublishedRepository.TARGET);
        }
    }

    private void assertAccepted(PublishedRepository published) throws Exception {
        NodeProject.Result result = tufJs(published);
        assertEquals(result.toString(), 0, result.exitCode());
        JsonNode json = result.json();
        assertTrue(result.toString(), json.get("ok").asBoolean());
        assertEquals("tuf-js must have followed the rotation 1 -> 2 -> 3", 3, json.get("rootVersion").asInt());
        JsonNode target = json.get("target");
        long length = Files.size(published.packageFile);
        String sha256 = published.packageSha256();
        assertEquals(PublishedRepository.TARGET, target.get("path").asText());
        assertEquals(length, target.get("length").asLong());
        assertEquals(sha256, target.get("hashes").get("sha256").asText());
        assertEquals("robot", target.get("custom").get("component").asText());
        assertEquals("1.0.0", target.get("custom").get("version").asText());
        assertEquals(length, json.get("downloaded").get("length").asLong());
        assertEquals(sha256, json.get("downloaded").get("sha256").asText());
    }

    @Test
    public void ed25519RepositoryWithConsistentSnapshotsIsAccepted() throws Exception {
        PublishedRepository published = PublishedRepository.create(tmp.newFolder().toPath(), "ed25519", "ecdsa-p256", true);
        List<String> stored = published.storedTargets().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(stored.toString(), stored.contains(published.packageSha256() + ".robot-1.0.0.updraft"));
        assertTrue(Files.exists(published.metadata("1.robot.json")));

        assertAccepted(published);
    }

    @Test
    public void ecdsaRepositoryWithoutConsistentSnapshotsIsAccepted() throws Exception {
        PublishedRepository published = PublishedRepository.create(tmp.newFolder().toPath(), "ecdsa-p256", "ed25519", false);
        List<String> stored = published.storedTargets().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("robot-1.0.0.updraft"), stored);

        assertAccepted(published);
    }

    @Test
    public void tamperedTargetIsRefused() throws Exception {
        PublishedRepository published = PublishedRepository.create(tmp.newFolder().toPath(), "ed25519", "ecdsa-p256", true);
        // Consistent-snapshot names are hard links to one file: replace each instead of writing through it.
        for (Path file : published.storedTargets()) {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x20;
            Files.delete(file);
            Files.write(file, bytes);
        }

        NodeProject.Result result = tufJs(published);

        assertEquals(result.toString(), 1, result.exitCode());
        JsonNode json = result.json();
        assertFalse(json.get("ok").asBoolean());
        assertEquals(result.toString(), "downloadTarget", json.get("step").asText());
        assertEquals(result.toString(), "LengthOrHashMismatchError", json.get("error").asText());
    }

    @Test
    public void expiredTimestampIsRefused() throws Exception {
        PublishedRepository published = PublishedRepository.create(tmp.newFolder().toPath(), "ecdsa-p256", "ed25519", false);
        // A timestamp signed as if a month ago: valid signatures, newer version, but its one-day validity is over.
        Clock monthAgo = Clock.offset(published.clock, Duration.ofDays(-30));
        PublisherCli.run(monthAgo, "resign", "--repo", published.repo.toString(), "--keys", published.keys.toString(),
                "--role", "timestamp");

        NodeProject.Result result = tufJs(published);

        assertEquals(result.toString(), 1, result.exitCode());
        JsonNode json = result.json();
        assertEquals(result.toString(), "refresh", json.get("step").asText());
        assertEquals(result.toString(), "ExpiredMetadataError", json.get("error").asText());
        assertTrue(result.toString(), json.get("message").asText().contains("timestamp"));
    }
}
