package io.updraft.verifier.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.Hex;
import io.updraft.tuf.KeyType;
import io.updraft.tuf.SignedMetadata;
import io.updraft.tuf.TufSigner;

/**
 * A TUF repository built in memory for tests, with the metadata files it would publish. Each {@code publish*}
 * call signs with the role's current keys; tests then tamper with single files to stage attacks.
 */
final class TestRepo {
    static final SecureRandom RANDOM = new SecureRandom();
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    final Map<String, List<TufSigner>> keys = new LinkedHashMap<>();
    final Map<String, Integer> thresholds = new LinkedHashMap<>();
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final Map<String, byte[]> targetFiles = new LinkedHashMap<>();
    final Map<String, ObjectNode> targetEntries = new LinkedHashMap<>();
    final Map<String, Map<String, ObjectNode>> delegatedEntries = new LinkedHashMap<>();
    final List<ObjectNode> delegations = new ArrayList<>();
    /** Delegations made by delegated roles, by the delegating role. */
    final Map<String, List<ObjectNode>> nested = new LinkedHashMap<>();
    boolean consistent;
    long rootVersion;
    long timestampVersion;
    long snapshotVersion;
    final Map<String, Long> targetsVersions = new LinkedHashMap<>();
    Instant expires = NOW.plusSeconds(86_400 * 30);

    TestRepo(KeyType type) {
        for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
            keys.put(role, new ArrayList<>(List.of(TufSigner.generate(type, RANDOM))));
            thresholds.put(role, 1);
        }
    }

    static String exp(Instant t) {
        return t.toString().replaceAll("\\.\\d+Z$", "Z");
    }

    ObjectNode rootSigned() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("_type", "root").put("spec_version", "1.0.31").put("version", rootVersion).put("expires", exp(expires))
                .put("consistent_snapshot", consistent);
        ObjectNode k = s.putObject("keys");
        ObjectNode roles = s.putObject("roles");
        for (Map.Entry<String, List<TufSigner>> e : keys.entrySet()) {
            if (!List.of("root", "timestamp", "snapshot", "targets").contains(e.getKey())) {
                continue;
            }
            ObjectNode role = roles.putObject(e.getKey());
            var ids = role.putArray("keyids");
            for (TufSigner signer : e.getValue()) {
                k.set(signer.keyId(), signer.publicKey().toJson());
                ids.add(signer.keyId());
            }
            role.put("threshold", thresholds.get(e.getKey()));
        }
        return s;
    }

    /** Publishes the next root version signed by {@code signers} (for rotation: old and new root keys). */
    byte[] publishRoot(List<TufSigner> signers) {
        rootVersion++;
        byte[] bytes = SignedMetadata.sign(rootSigned(), signers).toJson();
        files.put(rootVersion + ".root.json", bytes);
        files.put("root.json", bytes);
        return bytes;
    }

    byte[] publishRoot() {
        return publishRoot(keys.get("root"));
    }

    void addTarget(String path, byte[] content, Map<String, Object> custom) {
        addTarget("targets", path, content, custom);
    }

    void addTarget(String role, String path, byte[] content, Map<String, Object> custom) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("length", content.length);
        entry.putObject("hashes").put("sha256", sha256(content));
        if (custom != null) {
            entry.set("custom", io.updraft.tuf.CanonicalJson.mapper().valueToTree(custom));
        }
        if (role.equals("targets")) {
            targetEntries.put(path, entry);
        } else {
            delegatedEntries.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(path, entry);
        }
        targetFiles.put(path, content);
    }

    void delegate(String role, List<String> paths, boolean terminating, KeyType type) {
        delegate("targets", role, paths, terminating, type);
    }

    void delegate(String parent, String role, List<String> paths, boolean terminating, KeyType type) {
        keys.put(role, new ArrayList<>(List.of(TufSigner.generate(type, RANDOM))));
        thresholds.put(role, 1);
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("name", role);
        paths.forEach(d.putArray("paths")::add);
        d.put("terminating", terminating);
        (parent.equals("targets") ? delegations : nested.computeIfAbsent(parent, p -> new ArrayList<>())).add(d);
        delegatedEntries.computeIfAbsent(role, r -> new LinkedHashMap<>());
    }

    /** Publishes targets (and delegated roles), snapshot and timestamp, bumping each version. */
    void publishAll() {
        publishTargets("targets");
        for (String role : delegatedEntries.keySet()) {
            publishTargets(role);
        }
        publishSnapshot();
        publishTimestamp();
    }

    byte[] publishTargets(String role) {
        long version = targetsVersions.merge(role, 1L, Long::sum);
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("_type", "targets").put("spec_version", "1.0.31").put("version", version).put("expires", exp(expires));
        ObjectNode t = s.putObject("targets");
        (role.equals("targets") ? targetEntries : delegatedEntries.get(role)).forEach(t::set);
        List<ObjectNode> own = role.equals("targets") ? delegations : nested.getOrDefault(role, List.of());
        if (!own.isEmpty()) {
            ObjectNode del = s.putObject("delegations");
            ObjectNode k = del.putObject("keys");
            var roles = del.putArray("roles");
            for (ObjectNode d : own) {
                ObjectNode copy = d.deepCopy();
                var ids = copy.putArray("keyids");
                for (TufSigner signer : keys.get(d.get("name").asText())) {
                    k.set(signer.keyId(), signer.publicKey().toJson());
                    ids.add(signer.keyId());
                }
                copy.put("threshold", thresholds.get(d.get("name").asText()));
                roles.add(copy);
            }
        }
        byte[] bytes = SignedMetadata.sign(s, keys.get(role)).toJson();
        files.put(role + ".json", bytes);
        files.put(version + "." + role + ".json", bytes);
        return bytes;
    }

    byte[] publishSnapshot() {
        snapshotVersion++;
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("_type", "snapshot").put("spec_version", "1.0.31").put("version", snapshotVersion)
                .put("expires", exp(expires));
        ObjectNode meta = s.putObject("meta");
        targetsVersions.forEach((role, v) -> meta.putObject(role + ".json").put("version", v));
        byte[] bytes = SignedMetadata.sign(s, keys.get("snapshot")).toJson();
        files.put("snapshot.json", bytes);
        files.put(snapshotVersion + ".snapshot.json", bytes);
        return bytes;
    }

    byte[] publishTimestamp() {
        return publishTimestamp(exp(expires));
    }

    byte[] publishTimestamp(String expiry) {
        timestampVersion++;
        byte[] snapshot = files.get("snapshot.json");
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("_type", "timestamp").put("spec_version", "1.0.31").put("version", timestampVersion).put("expires", expiry);
        s.putObject("meta").putObject("snapshot.json").put("version", snapshotVersion).put("length", snapshot.length)
                .putObject("hashes").put("sha256", sha256(snapshot));
        byte[] bytes = SignedMetadata.sign(s, keys.get("timestamp")).toJson();
        files.put("timestamp.json", bytes);
        return bytes;
    }

    static String sha256(byte[] content) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
