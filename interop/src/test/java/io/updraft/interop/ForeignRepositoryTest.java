package io.updraft.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import com.fasterxml.jackson.databind.JsonNode;

import io.updraft.tuf.CanonicalJson;
import io.updraft.tuf.TufKey;
import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.UpdateVerifier;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerificationException.Reason;
import io.updraft.verifier.internal.VerifierComponent;

/**
 * Repositories made by the tuf-js project's tooling ({@code @tufjs/repo-mock}, {@code @tufjs/models}) are
 * accepted by Updraft's verifier, as the component a device runs, against the real clock.
 */
public class ForeignRepositoryTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private UpdateVerifier verifier() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        return new VerifierComponent(Converters.standardConverter().convert(Map.of("home", home.toString()))
                .to(VerifierComponent.Config.class));
    }

    /** Runs foreign-repo.mjs and returns the target it published: path, length, sha256. */
    private JsonNode makeRepository(String mode, Path dir) throws Exception {
        NodeProject.Result result = NodeProject.node("foreign-repo.mjs", mode, dir.toString());
        assertEquals(result.toString(), 0, result.exitCode());
        return result.json();
    }

    private void verifyContent(UpdateVerifier verifier, TrustedRepository trusted, TargetInfo target,
            DirectoryTransport transport) throws Exception {
        try (InputStream in = transport.openTarget(trusted.downloadPath(target), target.length())) {
            verifier.verifyTarget(target, in);
        }
    }

    @Test
    public void repoMockRepositoryIsAccepted() throws Exception {
        Path repo = tmp.newFolder("repo-mock").toPath();
        JsonNode published = makeRepository("repo-mock", repo);
        DirectoryTransport transport = new DirectoryTransport(repo);
        UpdateVerifier verifier = verifier();

        TrustedRepository trusted = verifier.refresh("foreign", repo.resolve("metadata/1.root.json"), transport);

        assertEquals(1, trusted.rootVersion());
        assertEquals(1, trusted.timestampVersion());
        assertEquals(false, trusted.consistentSnapshot());
        assertEquals(List.of("2.root.json", "timestamp.json", "snapshot.json", "targets.json"), transport.requests);
        TargetInfo target = trusted.target(published.get("path").asText()).orElseThrow();
        assertEquals("targets", target.role());
        assertEquals(published.get("length").asLong(), target.length());
        assertEquals(published.get("sha256").asText(), target.hashes().get("sha256"));
        verifyContent(verifier, trusted, target, transport);
    }

    /**
     * repo-mock names its keys by the SHA-256 of JSON.stringify of a camel-case object, not of the canonical
     * key object the spec describes; clients look keys up by the id the metadata gives (as tuf-js does), so the
     * repository is still valid. This pins that the verifier does not recompute key ids.
     */
    @Test
    public void repoMockKeyIdsAreNotTheSpecComputationAndStillWork() throws Exception {
        Path repo = tmp.newFolder("repo-mock").toPath();
        makeRepository("repo-mock", repo);
        JsonNode keys = CanonicalJson.mapper().readTree(Files.readAllBytes(repo.resolve("metadata/root.json")))
                .get("signed").get("keys");
        String listedId = keys.fieldNames().next();
        TufKey key = TufKey.fromJson(keys.get(listedId));
        assertEquals("ecdsa-sha2-nistp256", keys.get(listedId).get("keytype").asText());
        assertNotEquals(listedId, key.keyId());

        verifier().refresh("foreign", repo.resolve("metadata/1.root.json"), new DirectoryTransport(repo));
    }

    @Test
    public void modelsRepositoryWithRotationDelegationAndConsistentSnapshotsIsAccepted() throws Exception {
        Path repo = tmp.newFolder("models").toPath();
        JsonNode published = makeRepository("models", repo);
        DirectoryTransport transport = new DirectoryTransport(repo);
        UpdateVerifier verifier = verifier();

        TrustedRepository trusted = verifier.refresh("foreign", repo.resolve("metadata/1.root.json"), transport);

        assertEquals(2, trusted.rootVersion());
        assertTrue(trusted.consistentSnapshot());
        assertEquals(List.of("2.root.json", "3.root.json", "timestamp.json", "1.snapshot.json", "1.targets.json",
                "1.robot.json"), transport.requests);
        TargetInfo target = trusted.target(published.get("path").asText()).orElseThrow();
        assertEquals("robot", target.role());
        assertEquals("robot", target.custom().get("component"));
        assertEquals(published.get("sha256").asText(), target.hashes().get("sha256"));
        assertEquals("robot/" + published.get("sha256").asText() + ".robot-1.0.0.updraft", trusted.downloadPath(target));
        verifyContent(verifier, trusted, target, transport);
    }

    @Test
    public void tamperedForeignTargetIsRefused() throws Exception {
        Path repo = tmp.newFolder("models").toPath();
        JsonNode published = makeRepository("models", repo);
        DirectoryTransport transport = new DirectoryTransport(repo);
        UpdateVerifier verifier = verifier();
        TrustedRepository trusted = verifier.refresh("foreign", repo.resolve("metadata/1.root.json"), transport);
        TargetInfo target = trusted.target(published.get("path").asText()).orElseThrow();
        Path file = repo.resolve("targets").resolve(trusted.downloadPath(target));
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] ^= 1;
        Files.write(file, bytes);

        try {
            verifyContent(verifier, trusted, target, transport);
            fail("a target that differs from the foreign metadata must be refused");
        } catch (VerificationException e) {
            assertEquals(e.getMessage(), Reason.HASH_MISMATCH, e.reason());
        }
    }

    @Test
    public void foreignMetadataChangedAfterSigningIsRefused() throws Exception {
        Path repo = tmp.newFolder("repo-mock").toPath();
        makeRepository("repo-mock", repo);
        Path timestamp = repo.resolve("metadata/timestamp.json");
        String text = Files.readString(timestamp);
        String tampered = text.replace("\"_type\":\"timestamp\",\"spec_version\":\"1.0.0\",\"version\":1,",
                "\"_type\":\"timestamp\",\"spec_version\":\"1.0.0\",\"version\":7,");
        assertNotEquals(text, tampered);
        Files.writeString(timestamp, tampered);

        try {
            verifier().refresh("foreign", repo.resolve("metadata/1.root.json"), new DirectoryTransport(repo));
            fail("timestamp metadata changed after signing must be refused");
        } catch (VerificationException e) {
            assertEquals(e.getMessage(), Reason.SIGNATURE_THRESHOLD, e.reason());
        }
    }
}
