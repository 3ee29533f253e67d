package io.updraft.source.repository.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.Hex;
import io.updraft.tuf.KeyType;
import io.updraft.tuf.SignedMetadata;
import io.updraft.tuf.TufSigner;
import io.updraft.verifier.ReleaseDescriptor;

/**
 * A small TUF repository (no consistent snapshots, one key per role) written with the verifier's own metadata
 * classes, so tests can publish good versions and then serve the bad ones an attacker would.
 */
final class TestRepository {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();

    final Path metadata;
    final Path targets;
    final TufSigner rootKey = TufSigner.generate(KeyType.ED25519, RANDOM);
    final TufSigner targetsKey = TufSigner.generate(KeyType.ECDSA_P256, RANDOM);
    final TufSigner snapshotKey = TufSigner.generate(KeyType.ED25519, RANDOM);
    final TufSigner timestampKey = TufSigner.generate(KeyType.ED25519, RANDOM);
    private final Map<String, ObjectNode> entries = new LinkedHashMap<>();
    private final boolean consistentSnapshot;
    long version;

    TestRepository(Path dir, boolean consistentSnapshot) throws IOException {
        this.metadata = Files.createDirectories(dir.resolve("metadata"));
        this.targets = Files.createDirectories(dir.resolve("targets"));
        this.consistentSnapshot = consistentSnapshot;
    }

    /** Adds a target file; {@code custom} may be null for a file that is not a release. */
    TestRepository add(String path, byte[] content, ReleaseDescriptor custom) throws Exception {
        String sha256 = Hex.encode(MessageDigest.getInstance("SHA-256").digest(content));
        ObjectNode entry = JSON.objectNode().put("length", content.length);
        entry.putObject("hashes").put("sha256", sha256);
        if (custom != null) {
            custom.writeTo(entry.putObject("custom"));
        }
        entries.put(path, entry);
        int slash = path.lastIndexOf('/');
        String stored = consistentSnapshot ? path.substring(0, slash + 1) + sha256 + "." + path.substring(slash + 1)
                : path;
        Files.createDirectories(targets.resolve(stored).getParent());
        Files.write(targets.resolve(stored), content);
        return this;
    }

    /** Writes root (once), targets, snapshot and timestamp at the next version, valid for a day. */
    void publish() throws IOException {
        version++;
        Instant expires = Instant.now().plus(Duration.ofDays(1));
        if (version == 1) {
            byte[] root = SignedMetadata.sign(root(expires), List.of(rootKey)).toJson();
            Files.write(metadata.resolve("root.json"), root);
            Files.write(metadata.resolve("1.root.json"), root);
        }
        ObjectNode targetsRole = signed("targets", version, expires);
        ObjectNode list = targetsRole.putObject("targets");
        entries.forEach(list::set);
        write("targets", SignedMetadata.sign(targetsRole, List.of(targetsKey)).toJson());
        ObjectNode snapshot = signed("snapshot", version, expires);
        snapshot.putObject("meta").putObject("targets.json").put("version", version);
        write("snapshot", SignedMetadata.sign(snapshot, List.of(snapshotKey)).toJson());
        Files.write(metadata.resolve("timestamp.json"), timestamp(version, version, expires, timestampKey));
    }

    /** A timestamp naming {@code snapshotVersion}, signed by {@code key}. */
    byte[] timestamp(long timestampVersion, long snapshotVersion, Instant expires, TufSigner key) {
        ObjectNode timestamp = signed("timestamp", timestampVersion, expires);
        timestamp.putObject("meta").putObject("snapshot.json").put("version", snapshotVersion);
        return SignedMetadata.sign(timestamp, List.of(key)).toJson();
    }

    private void write(String role, byte[] bytes) throws IOException {
        Files.write(metadata.resolve(role + ".json"), bytes);
        if (consistentSnapshot) {
            Files.write(metadata.resolve(version + "." + role + ".json"), bytes);
        }
    }

    private ObjectNode root(Instant expires) {
        ObjectNode root = signed("root", 1, expires);
        root.put("consistent_snapshot", consistentSnapshot);
        ObjectNode keys = root.putObject("keys");
        ObjectNode roles = root.putObject("roles");
        Map<String, TufSigner> byRole = Map.of("root", rootKey, "targets", targetsKey, "snapshot", snapshotKey,
                "timestamp", timestampKey);
        byRole.forEach((role, key) -> {
            keys.set(key.keyId(), key.publicKey().toJson());
            ObjectNode entry = roles.putObject(role);
            entry.putArray("keyids").add(key.keyId());
            entry.put("threshold", 1);
        });
        return root;
    }

    private static ObjectNode signed(String type, long version, Instant expires) {
        return JSON.objectNode().put("_type", type).put("spec_version", "1.0.31").put("version", version)
                .put("expires", expires.truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
