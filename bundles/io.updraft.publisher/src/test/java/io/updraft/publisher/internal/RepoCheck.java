package io.updraft.publisher.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.updraft.tuf.SignedMetadata;
import io.updraft.tuf.TufKey;

/** Checks a repository the way a TUF client would, without the verifier bundle: signatures, versions, hashes. */
final class RepoCheck {
    final Path metadata;
    final SignedMetadata root;
    final SignedMetadata targets;
    final SignedMetadata snapshot;
    final SignedMetadata timestamp;

    RepoCheck(Path repo) throws IOException {
        metadata = repo.resolve("metadata");
        root = read("root.json");
        targets = read("targets.json");
        snapshot = read("snapshot.json");
        timestamp = read("timestamp.json");
    }

    SignedMetadata read(String name) throws IOException {
        return SignedMetadata.parse(Files.readAllBytes(metadata.resolve(name)));
    }

    static long version(SignedMetadata m) {
        return m.signed().path("version").asLong();
    }

    static Map<String, TufKey> keys(JsonNode keysObject) {
        Map<String, TufKey> keys = new HashMap<>();
        keysObject.fields().forEachRemaining(e -> keys.put(e.getKey(), TufKey.fromJson(e.getValue())));
        return keys;
    }

    static List<String> ids(JsonNode role) {
        return Metadata.strings(role.path("keyids"));
    }

    /** Valid signatures of {@code m} by the keys {@code someRoot} gives {@code role}. */
    static int valid(SignedMetadata m, SignedMetadata someRoot, String role) {
        JsonNode r = someRoot.signed().path("roles").path(role);
        return m.validSignatures(keys(someRoot.signed().path("keys")), ids(r));
    }

    static int threshold(SignedMetadata someRoot, String role) {
        return someRoot.signed().path("roles").path(role).path("threshold").asInt();
    }

    /** Every top-level role meets its threshold, and the version/length/hash chain holds. */
    void assertConsistent() throws IOException {
        for (String role : Metadata.TOP_LEVEL) {
            SignedMetadata m = read(role + ".json");
            assertTrue(role + " below threshold", valid(m, root, role) >= threshold(root, role));
        }
        JsonNode snapMeta = timestamp.signed().path("meta").path("snapshot.json");
        byte[] snapBytes = Files.readAllBytes(metadata.resolve("snapshot.json"));
        Digests d = Digests.of(snapBytes);
        assertEquals(version(snapshot), snapMeta.path("version").asLong());
        assertEquals(d.length(), snapMeta.path("length").asLong());
        assertEquals(d.sha256(), snapMeta.path("hashes").path("sha256").asText());
        assertEquals(d.sha512(), snapMeta.path("hashes").path("sha512").asText());
        assertEquals(version(targets), snapshot.signed().path("meta").path("targets.json").path("version").asLong());
        for (JsonNode delegation : targets.signed().path("delegations").path("roles")) {
            String name = delegation.path("name").asText();
            SignedMetadata d2 = read(name + ".json");
            assertEquals(version(d2), snapshot.signed().path("meta").path(name + ".json").path("version").asLong());
            assertTrue(name + " below threshold", d2.validSignatures(keys(targets.signed().path("delegations").path("keys")),
                    ids(delegation)) >= delegation.path("threshold").asInt());
        }
        if (root.signed().path("consistent_snapshot").asBoolean()) {
            assertArrayEquals(snapBytes, Files.readAllBytes(metadata.resolve(version(snapshot) + ".snapshot.json")));
            assertArrayEquals(Files.readAllBytes(metadata.resolve("targets.json")),
                    Files.readAllBytes(metadata.resolve(version(targets) + ".targets.json")));
        }
        assertArrayEquals(Files.readAllBytes(metadata.resolve("root.json")),
                Files.readAllBytes(metadata.resolve(version(root) + ".root.json")));
    }
}
