package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.SignedMetadata;
import io.updraft.tuf.TufKey;

/**
 * A repository directory as this tool keeps it: {@code metadata/} with the signed roles, {@code targets/} with the
 * target files, and {@code updraft-publish.json} with the expiry periods. Holds the signed parts of every role,
 * which commands change and a {@link Publication} then signs and writes.
 */
final class Repository {
    static final String METADATA = "metadata";
    static final String TARGETS_DIR = "targets";
    private static final Pattern VERSIONED_ROOT = Pattern.compile("([1-9][0-9]{0,18})\\.root\\.json");

    private final Path dir;
    private ObjectNode root;
    private ObjectNode publishedRoot;
    private byte[] staleRootJson;
    private ObjectNode targets;
    private ObjectNode snapshot;
    private ObjectNode timestamp;
    private byte[] snapshotBytes;
    private final Map<String, ObjectNode> delegated = new LinkedHashMap<>();
    private Settings settings;

    private Repository(Path dir) {
        this.dir = dir;
    }

    /** A repository in memory, not yet written; {@code init} fills it and publishes every role. */
    static Repository create(Path dir, ObjectNode root, ObjectNode targets, ObjectNode snapshot, ObjectNode timestamp,
            Settings settings) {
        Repository repo = new Repository(dir);
        repo.root = root;
        repo.publishedRoot = root.deepCopy();
        repo.targets = targets;
        repo.snapshot = snapshot;
        repo.timestamp = timestamp;
        repo.settings = settings;
        return repo;
    }

    /**
     * Reads a repository. The newest root is the highest {@code N.root.json}, so a run interrupted between writing
     * it and {@code root.json} is completed by the next one.
     *
     * @throws PublishException if the directory holds no repository or a metadata file is malformed
     */
    static Repository load(Path dir) throws IOException, PublishException {
        Repository repo = new Repository(dir);
        Path meta = dir.resolve(METADATA);
        if (!Files.isRegularFile(meta.resolve("root.json"))) {
            throw new PublishException("no repository at " + dir + " (no " + meta.resolve("root.json")
                    + "); create one with 'init'");
        }
        String rootFile = "root.json";
        long highest = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(meta, "*.root.json")) {
            for (Path f : files) {
                Matcher m = VERSIONED_ROOT.matcher(f.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) > highest) {
                    highest = Long.parseLong(m.group(1));
                    rootFile = f.getFileName().toString();
                }
            }
        }
        repo.root = repo.read(rootFile, Metadata.ROOT);
        repo.publishedRoot = repo.root.deepCopy();
        byte[] newest = Files.readAllBytes(meta.resolve(rootFile));
        if (!java.util.Arrays.equals(newest, Files.readAllBytes(meta.resolve("root.json")))) {
            // A run stopped between N.root.json and root.json; the next publication completes it.
            repo.staleRootJson = newest;
        }
        repo.targets = repo.read("targets.json", Metadata.TARGETS);
        repo.snapshotBytes = Files.readAllBytes(meta.resolve("snapshot.json"));
        repo.snapshot = parse("snapshot.json", repo.snapshotBytes, Metadata.SNAPSHOT);
        repo.timestamp = repo.read("timestamp.json", Metadata.TIMESTAMP);
        for (JsonNode role : repo.targets.path("delegations").path("roles")) {
            String name = role.path("name").asText();
            repo.delegated.put(name, repo.read(name + ".json", Metadata.TARGETS));
        }
        repo.settings = Settings.load(dir);
        return repo;
    }

    /**
     * Whether a run stopped after writing a targets role and before the snapshot listing it (or after the snapshot
     * and before the timestamp): the next publication then re-signs the snapshot (the timestamp), which completes
     * that run, as devices see only what the timestamp leads to.
     */
    boolean snapshotBehind() {
        JsonNode meta = snapshot.path("meta");
        if (meta.path("targets.json").path("version").asLong() != Metadata.version(targets)) {
            return true;
        }
        for (Map.Entry<String, ObjectNode> role : delegated.entrySet()) {
            if (meta.path(role.getKey() + ".json").path("version").asLong() != Metadata.version(role.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** See {@link #snapshotBehind}: the timestamp does not list the snapshot file as it is. */
    boolean timestampBehind() {
        if (snapshotBytes == null) {
            // A repository being created: it has no snapshot file to list yet.
            return false;
        }
        JsonNode listed = timestamp.path("meta").path("snapshot.json");
        return listed.path("version").asLong() != Metadata.version(snapshot)
                || !Digests.of(snapshotBytes).sha256().equals(listed.path("hashes").path("sha256").asText());
    }

    private ObjectNode read(String file, String type) throws IOException, PublishException {
        try {
            return parse(file, Files.readAllBytes(dir.resolve(METADATA).resolve(file)), type);
        } catch (NoSuchFileException e) {
            throw new PublishException("repository " + dir + " is missing " + METADATA + "/" + file, e);
        }
    }

    private static ObjectNode parse(String file, byte[] bytes, String type) throws PublishException {
        try {
            ObjectNode signed = SignedMetadata.parse(bytes).signed();
            if (!type.equals(signed.path("_type").asText())) {
                throw new PublishException("metadata file " + file + " has _type '" + signed.path("_type").asText()
                        + "', expected '" + type + "'");
            }
            return signed;
        } catch (IOException e) {
            throw new PublishException("metadata file " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    Path metadataDir() {
        return dir.resolve(METADATA);
    }

    Path targetsDir() {
        return dir.resolve(TARGETS_DIR);
    }

    ObjectNode root() {
        return root;
    }

    /** The newest root's bytes if root.json lags behind it, else null. */
    byte[] staleRootJson() {
        return staleRootJson;
    }

    /** The root as read, before any change: a new root must also be signed by this one's root keys. */
    ObjectNode publishedRoot() {
        return publishedRoot.deepCopy();
    }

    ObjectNode targets() {
        return targets;
    }

    ObjectNode snapshot() {
        return snapshot;
    }

    ObjectNode timestamp() {
        return timestamp;
    }

    /** The bytes of the current snapshot file, which the timestamp lists the length and hashes of. */
    byte[] snapshotBytes() {
        return snapshotBytes;
    }

    void snapshotBytes(byte[] bytes) {
        snapshotBytes = bytes;
    }

    Settings settings() {
        return settings;
    }

    void settings(Settings s) {
        settings = s;
    }

    boolean consistentSnapshot() {
        return root.path("consistent_snapshot").asBoolean(false);
    }

    Map<String, ObjectNode> delegated() {
        return delegated;
    }

    boolean isDelegated(String role) {
        return delegated.containsKey(role);
    }

    /** The signed part of {@code targets} or a delegated role. */
    ObjectNode targetsRole(String role) throws PublishException {
        if (Metadata.TARGETS.equals(role)) {
            return targets;
        }
        ObjectNode d = delegated.get(role);
        if (d == null) {
            throw new PublishException("repository " + dir + " has no targets role '" + role + "'; roles: "
                    + targetsRoles());
        }
        return d;
    }

    List<String> targetsRoles() {
        List<String> roles = new ArrayList<>();
        roles.add(Metadata.TARGETS);
        roles.addAll(delegated.keySet());
        return roles;
    }

    /** The delegation entry for a delegated role in targets, if any. */
    Optional<ObjectNode> delegation(String role) {
        for (JsonNode entry : targets.path("delegations").path("roles")) {
            if (role.equals(entry.path("name").asText())) {
                return Optional.of((ObjectNode) entry);
            }
        }
        return Optional.empty();
    }

    /** The keys authorized for a role by the current root (top-level) or targets (delegated). */
    RoleKeys keysOf(String role) throws PublishException {
        if (Metadata.TOP_LEVEL.contains(role)) {
            return keysOf(root, role);
        }
        ObjectNode entry = delegation(role).orElseThrow(() -> new PublishException(
                "repository " + dir + " has no role '" + role + "'; roles: root, snapshot, timestamp, " + targetsRoles()));
        return keys(targets.path("delegations").path("keys"), entry);
    }

    /** The keys a given root authorizes for a top-level role. */
    static RoleKeys keysOf(ObjectNode someRoot, String role) {
        return keys(someRoot.path("keys"), someRoot.path("roles").path(role));
    }

    private static RoleKeys keys(JsonNode keysObject, JsonNode roleEntry) {
        List<String> ids = Metadata.strings(roleEntry.path("keyids"));
        Map<String, TufKey> keys = new HashMap<>();
        for (String id : ids) {
            JsonNode key = keysObject.get(id);
            if (key != null) {
                keys.put(id, TufKey.fromJson(key));
            }
        }
        return new RoleKeys(keys, ids.stream().sorted().toList(), roleEntry.path("threshold").asInt(1));
    }
}
