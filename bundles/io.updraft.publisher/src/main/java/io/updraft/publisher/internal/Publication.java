package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;
import io.updraft.tuf.SignedMetadata;
import io.updraft.tuf.TufSigner;

/**
 * Re-signs the roles a command changed and writes them. Every role that changes gets a new version and expiry;
 * a changed targets role changes the snapshot, a changed snapshot the timestamp. All signing happens before the
 * first file is written, so a missing key or a failed check leaves the repository as it was. Files are then
 * written crash-safely in the order that keeps a mirror copying mid-way, or a device refreshing after the tool
 * died mid-way, consistent: delegated targets, targets, snapshot, timestamp, and a new root last. While a new root
 * is being published, the top-level roles signed with it carry the signatures of both roots' keys, so they verify
 * whether a client has already found the new root or not.
 */
final class Publication {
    private record Write(String name, byte[] content, boolean replace) {
    }

    private final Repository repo;
    private final KeyDirectory keys;
    private final Instant now;
    private final ObjectNode previousRoot;
    private final Set<String> touched = new LinkedHashSet<>();
    private boolean settingsChanged;
    private boolean signed;
    private final List<Write> writes = new ArrayList<>();
    private final List<Write> rootWrites = new ArrayList<>();
    private final java.util.Map<String, List<TufSigner>> extraSigners = new java.util.HashMap<>();

    Publication(Repository repo, KeyDirectory keys, Instant now) {
        this.repo = repo;
        this.keys = keys;
        this.now = now;
        this.previousRoot = repo.publishedRoot();
    }

    /** Marks a role (top-level or delegated) for a new version. */
    Publication touch(String role) {
        touched.add(role);
        return this;
    }

    /** A key to sign a role with that is not in the key directory yet; the caller stores it after signing. */
    Publication signWith(String role, TufSigner signer) {
        extraSigners.computeIfAbsent(role, r -> new ArrayList<>()).add(signer);
        return this;
    }

    Publication settingsChanged() {
        settingsChanged = true;
        return this;
    }

    /**
     * Signs and writes.
     *
     * @return the metadata file names written, in order
     * @throws PublishException if a role lacks signing keys; nothing was written then
     */
    List<String> commit() throws IOException, PublishException {
        sign();
        return write();
    }

    /**
     * Signs every changed role without writing anything, so a caller can still back out (or copy target files
     * the new metadata lists) before {@link #write}.
     *
     * @throws PublishException if a role lacks signing keys or a signature check fails
     */
    void sign() throws IOException, PublishException {
        if (signed) {
            throw new IllegalStateException("publication signed twice");
        }
        signed = true;
        if (touched.contains(Metadata.ROOT)) {
            signRoot(rootWrites);
        } else if (repo.staleRootJson() != null) {
            rootWrites.add(new Write("root.json", repo.staleRootJson(), true));
        }
        boolean targetsChanged = false;
        for (String role : repo.delegated().keySet()) {
            if (touched.contains(role)) {
                signTargets(role, repo.delegated().get(role), writes);
                targetsChanged = true;
            }
        }
        if (touched.contains(Metadata.TARGETS)) {
            signTargets(Metadata.TARGETS, repo.targets(), writes);
            targetsChanged = true;
        }
        boolean snapshotChanged = targetsChanged || touched.contains(Metadata.SNAPSHOT) || repo.snapshotBehind();
        if (snapshotChanged) {
            signSnapshot(writes);
        }
        if (snapshotChanged || touched.contains(Metadata.TIMESTAMP) || repo.timestampBehind()) {
            signTimestamp(writes);
        }
        // A client fetches the root chain first: had the new root gone out first, a run dying before the roles
        // signed with its keys would leave devices a timestamp (or snapshot, or targets) they must refuse.
        writes.addAll(rootWrites);
    }

    /** Writes what {@link #sign} made, a new root last. */
    List<String> write() throws IOException, PublishException {
        if (!signed) {
            throw new IllegalStateException("publication written before it was signed");
        }
        if (settingsChanged) {
            repo.settings().store(repo.dir());
        }
        Path dir = repo.metadataDir();
        DurableFiles.createDirectories(dir);
        List<String> names = new ArrayList<>();
        for (Write w : writes) {
            Path file = dir.resolve(w.name());
            try {
                DurableFiles.write(file, w.content(), null, w.replace(), dir.resolve("." + w.name() + ".tmp"));
            } catch (FileAlreadyExistsException e) {
                throw new PublishException("metadata file " + file + " exists already; versioned root files are "
                        + "never replaced", e);
            }
            names.add(w.name());
        }
        return names;
    }

    private Instant expires(String role) {
        return now.plus(repo.settings().period(role));
    }

    /**
     * A new root is signed by the threshold of the root keys it lists and, for every version after the first, by
     * the threshold of the previous root's keys too (TUF 5.3.4), so clients can follow the chain.
     */
    private void signRoot(List<Write> writes) throws IOException, PublishException {
        ObjectNode root = repo.root();
        long previousVersion = Metadata.version(previousRoot);
        Metadata.bump(root, expires(Metadata.ROOT));
        RoleKeys current = Repository.keysOf(root, Metadata.ROOT);
        RoleKeys before = Repository.keysOf(previousRoot, Metadata.ROOT);
        Set<String> ids = new TreeSet<>(current.keyIds());
        if (previousVersion > 0) {
            ids.addAll(before.keyIds());
        }
        List<TufSigner> signers = keys.signers(Metadata.ROOT, ids, 0, extraSigners.getOrDefault(Metadata.ROOT, List.of()));
        SignedMetadata signed = SignedMetadata.sign(root, signers);
        requireThreshold(signed, current, "root version " + Metadata.version(root) + " (its own root keys)");
        if (previousVersion > 0) {
            requireThreshold(signed, before, "root version " + Metadata.version(root) + " (the keys of root version "
                    + previousVersion + ")");
        }
        byte[] bytes = signed.toJson();
        writes.add(new Write(Metadata.version(root) + ".root.json", bytes, false));
        writes.add(new Write("root.json", bytes, true));
    }

    private void signTargets(String role, ObjectNode signedPart, List<Write> writes)
            throws IOException, PublishException {
        Metadata.bump(signedPart, expires(role));
        byte[] bytes = sign(role, signedPart);
        if (repo.consistentSnapshot()) {
            writes.add(new Write(Metadata.version(signedPart) + "." + role + ".json", bytes, true));
        }
        writes.add(new Write(role + ".json", bytes, true));
    }

    /** The snapshot lists the version of targets and of every delegated role (TUF 4.4). */
    private void signSnapshot(List<Write> writes) throws IOException, PublishException {
        ObjectNode snapshot = repo.snapshot();
        Metadata.bump(snapshot, expires(Metadata.SNAPSHOT));
        ObjectNode meta = snapshot.putObject("meta");
        meta.putObject("targets.json").put("version", Metadata.version(repo.targets()));
        for (String role : new TreeSet<>(repo.delegated().keySet())) {
            meta.putObject(role + ".json").put("version", Metadata.version(repo.delegated().get(role)));
        }
        byte[] bytes = sign(Metadata.SNAPSHOT, snapshot);
        repo.snapshotBytes(bytes);
        if (repo.consistentSnapshot()) {
            writes.add(new Write(Metadata.version(snapshot) + ".snapshot.json", bytes, true));
        }
        writes.add(new Write("snapshot.json", bytes, true));
    }

    /** The timestamp lists the snapshot's version, length and hashes (TUF 4.6). */
    private void signTimestamp(List<Write> writes) throws IOException, PublishException {
        ObjectNode timestamp = repo.timestamp();
        Metadata.bump(timestamp, expires(Metadata.TIMESTAMP));
        Digests snapshot = Digests.of(repo.snapshotBytes());
        ObjectNode entry = timestamp.putObject("meta").putObject("snapshot.json");
        entry.put("version", Metadata.version(repo.snapshot()));
        entry.put("length", snapshot.length());
        entry.set("hashes", snapshot.hashes());
        writes.add(new Write("timestamp.json", sign(Metadata.TIMESTAMP, timestamp), true));
    }

    private byte[] sign(String role, ObjectNode signedPart) throws IOException, PublishException {
        RoleKeys roleKeys = repo.keysOf(role);
        Set<String> ids = new TreeSet<>(roleKeys.keyIds());
        if (touched.contains(Metadata.ROOT) && Metadata.TOP_LEVEL.contains(role)) {
            // Until the new root is out, clients check this role against the previous root's keys for it (a
            // rotated key is retired only after the writes); with both, it verifies against either root.
            ids.addAll(Repository.keysOf(previousRoot, role).keyIds());
        }
        List<TufSigner> signers = keys.signers(role, ids, roleKeys.threshold(),
                extraSigners.getOrDefault(role, List.of()));
        SignedMetadata signed = SignedMetadata.sign(signedPart, signers);
        requireThreshold(signed, roleKeys, role + " version " + Metadata.version(signedPart));
        return signed.toJson();
    }

    /** Checks what was just signed the way a client will, so a mismatch between keys and metadata stops here. */
    private static void requireThreshold(SignedMetadata signed, RoleKeys roleKeys, String what) throws PublishException {
        int valid = signed.validSignatures(roleKeys.keys(), roleKeys.keyIds());
        if (valid < roleKeys.threshold()) {
            throw new PublishException(what + " has " + valid + " valid signatures of the " + roleKeys.threshold()
                    + " required from keys " + roleKeys.keyIds());
        }
    }
}
