package io.updraft.verifier.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.tuf.SignedMetadata;
import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.TooLargeException;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerificationException.Reason;

/**
 * One refresh of a repository's trusted metadata, following the TUF 1.0 client workflow (specification section 5).
 * Each role is stored only after it passed every check, so an attack leaves the earlier trusted state in place.
 */
final class TufClient {
    private static final Logger LOG = LoggerFactory.getLogger(TufClient.class);

    private final String repositoryId;
    private final TrustStore store;
    private final MetadataTransport transport;
    private final Limits limits;
    private final Instant now;
    private final Map<String, Verified> cache;

    /**
     * A finished refresh kept in memory: while root and snapshot stay the same, so do all targets roles (snapshot
     * pins their versions and hashes), and the next refresh need not parse and check them again.
     */
    record Verified(Roles.Root root, long snapshotVersion, Map<String, String> snapshotHashes, Instant targetsExpire,
            List<TargetInfo> targets, long targetsVersion) {
    }

    private TufClient(String repositoryId, TrustStore store, MetadataTransport transport, Limits limits, Instant now,
            Map<String, Verified> cache) {
        this.repositoryId = repositoryId;
        this.store = store;
        this.transport = transport;
        this.limits = limits;
        this.now = now;
        this.cache = cache;
    }

    /**
     * Refreshes and returns the trusted view. The trusted time is the later of the clock and the latest time seen
     * before, so a device whose clock was set back still sees expired metadata as expired.
     *
     * <p>The time recorded is never later than the expiry of the newest timestamp whose signature checked: a clock
     * that once read far ahead (a spoofed time server, a faulty RTC) then makes the trusted timestamp look expired,
     * which the next freshly signed one cures, instead of making every future metadata look expired for good.
     */
    static TrustedRepository refresh(String repositoryId, TrustStore store, byte[] initialRoot,
            MetadataTransport transport, Limits limits, Clock clock, Map<String, Verified> cache)
            throws VerificationException, IOException {
        Instant wall = clock.instant();
        Instant latest = store.latestTime().orElse(Instant.EPOCH);
        Instant now = wall.isAfter(latest) ? wall : latest;
        if (wall.isBefore(latest)) {
            LOG.warn("Clock reads {} but {} was already seen; checking expiry against {}", wall, latest, latest);
        }
        TufClient client = new TufClient(repositoryId, store, transport, limits, now, cache);
        TrustedRepository trusted;
        try {
            trusted = client.run(initialRoot);
        } catch (VerificationException | IOException | RuntimeException e) {
            try {
                client.recordTime(wall, latest);
            } catch (IOException recordFailure) {
                e.addSuppressed(recordFailure);
            }
            throw e;
        }
        client.recordTime(wall, latest);
        return trusted;
    }

    /** The latest expiry of a timestamp signed by the trusted timestamp keys in this refresh; null if none. */
    private Instant vouchedUntil;

    private void vouch(Instant expires) {
        vouchedUntil = vouchedUntil == null || expires.isAfter(vouchedUntil) ? expires : vouchedUntil;
    }

    private void recordTime(Instant wall, Instant latest) throws IOException {
        if (vouchedUntil == null) {
            return;
        }
        Instant seen = min(wall, vouchedUntil);
        if (seen.isAfter(latest)) {
            store.recordTime(seen);
        }
    }

    private TrustedRepository run(byte[] initialRoot) throws VerificationException, IOException {
        Roles.Root root = updateRoot(trustedRoot(initialRoot));
        Roles.Timestamp timestamp = updateTimestamp(root);
        Roles.Snapshot snapshot = updateSnapshot(root, timestamp);
        Instant rolesExpire = min(min(root.expires(), timestamp.expires()), snapshot.expires());
        Verified known = cache.get(repositoryId);
        if (known != null && !timestamp.snapshot().hashes().isEmpty() && known.root().equals(root) && known.snapshotVersion() == snapshot.version()
                && known.snapshotHashes().equals(timestamp.snapshot().hashes()) && now.isBefore(known.targetsExpire())) {
            return new TrustedRepository(repositoryId, root.version(), timestamp.version(), snapshot.version(),
                    known.targetsVersion(), min(rolesExpire, known.targetsExpire()), root.consistentSnapshot(),
                    known.targets());
        }
        cache.remove(repositoryId);
        Roles.Targets targets = updateTargets(root, snapshot);
        List<TargetInfo> all = collectTargets(root, snapshot, targets);
        cache.put(repositoryId, new Verified(root, snapshot.version(), timestamp.snapshot().hashes(),
                targetsExpire, all, targets.version()));
        return new TrustedRepository(repositoryId, root.version(), timestamp.version(), snapshot.version(),
                targets.version(), min(rolesExpire, targetsExpire), root.consistentSnapshot(), all);
    }

    /** The earliest expiry among the targets roles visited in this refresh. */
    private Instant targetsExpire = Instant.MAX;

    // 5.2: the trusted root is the stored one, or the shipped one pinned on first use.
    private Roles.Root trustedRoot(byte[] initialRoot) throws VerificationException, IOException {
        Optional<byte[]> stored = store.load(Roles.ROOT);
        byte[] bytes = stored.isPresent() ? stored.get() : initialRoot;
        if (bytes == null) {
            throw new VerificationException(Reason.UNTRUSTED, "repository " + repositoryId
                    + " has no pinned trust root and no initial root.json was given");
        }
        SignedMetadata metadata = Roles.parse("trusted root of " + repositoryId, bytes);
        Roles.Root root = Roles.root(metadata);
        requireThreshold(metadata, root.keys(), root.role(Roles.ROOT), "trusted root version " + root.version());
        if (stored.isEmpty()) {
            store.store(Roles.ROOT, bytes);
            LOG.info("Pinned trust root version {} for repository {}", root.version(), repositoryId);
        }
        return root;
    }

    // 5.3: follow N+1.root.json, each signed by the old and the new root keys.
    private Roles.Root updateRoot(Roles.Root trusted) throws VerificationException, IOException {
        Roles.Root original = trusted;
        for (int i = 0; i < limits.maxRootRotations(); i++) {
            long next = trusted.version() + 1;
            Optional<byte[]> bytes = fetch(next + ".root.json", limits.rootBytes());
            if (bytes.isEmpty()) {
                break;
            }
            SignedMetadata metadata = Roles.parse(next + ".root.json", bytes.get());
            Roles.Root candidate = Roles.root(metadata);
            requireThreshold(metadata, trusted.keys(), trusted.role(Roles.ROOT),
                    "root version " + candidate.version() + " (by the keys of trusted root " + trusted.version() + ")");
            requireThreshold(metadata, candidate.keys(), candidate.role(Roles.ROOT),
                    "root version " + candidate.version() + " (by its own keys)");
            if (candidate.version() != next) {
                throw new VerificationException(Reason.ROLLBACK, "file " + next + ".root.json holds root version "
                        + candidate.version() + ", expected " + next);
            }
            store.store(Roles.ROOT, bytes.get());
            LOG.info("Repository {} rotated to root version {}", repositoryId, next);
            trusted = candidate;
        }
        requireCurrent(Roles.ROOT, trusted.version(), trusted.expires());
        if (!trusted.role(Roles.TIMESTAMP).keyIds().equals(original.role(Roles.TIMESTAMP).keyIds())
                || !trusted.role(Roles.SNAPSHOT).keyIds().equals(original.role(Roles.SNAPSHOT).keyIds())) {
            // 5.3.11: after a key rotation, fast-forwarded versions signed by the old keys must not block updates.
            store.delete(Roles.TIMESTAMP);
            store.delete(Roles.SNAPSHOT);
        }
        return trusted;
    }

    // 5.4
    private Roles.Timestamp updateTimestamp(Roles.Root root) throws VerificationException, IOException {
        Roles.Timestamp trusted = loadTrusted(Roles.TIMESTAMP, root.keys(), root.role(Roles.TIMESTAMP),
                m -> Roles.timestamp(m));
        if (trusted != null) {
            vouch(trusted.expires());
        }
        byte[] bytes = fetch("timestamp.json", limits.timestampBytes()).orElseThrow(() -> new VerificationException(
                Reason.MALFORMED, "repository " + repositoryId + " has no timestamp.json"));
        SignedMetadata metadata = Roles.parse("timestamp.json", bytes);
        Roles.Timestamp candidate = Roles.timestamp(metadata);
        requireThreshold(metadata, root.keys(), root.role(Roles.TIMESTAMP), "timestamp version " + candidate.version());
        vouch(candidate.expires());
        if (trusted != null) {
            if (candidate.version() < trusted.version()) {
                throw new VerificationException(Reason.ROLLBACK, "timestamp version " + candidate.version()
                        + " is older than the trusted version " + trusted.version());
            }
            if (candidate.snapshot().version() < trusted.snapshot().version()) {
                throw new VerificationException(Reason.ROLLBACK, "timestamp version " + candidate.version()
                        + " names snapshot version " + candidate.snapshot().version()
                        + ", older than the trusted snapshot version " + trusted.snapshot().version());
            }
        }
        if (trusted != null && candidate.version() == trusted.version()) {
            // 5.4.3.1: the same version again changes nothing, even if its bytes differ.
            requireCurrent(Roles.TIMESTAMP, trusted.version(), trusted.expires());
            return trusted;
        }
        requireCurrent(Roles.TIMESTAMP, candidate.version(), candidate.expires());
        store.store(Roles.TIMESTAMP, bytes);
        return candidate;
    }

    // 5.5
    private Roles.Snapshot updateSnapshot(Roles.Root root, Roles.Timestamp timestamp)
            throws VerificationException, IOException {
        Roles.MetaFile expected = timestamp.snapshot();
        Optional<byte[]> local = store.load(Roles.SNAPSHOT);
        Roles.Snapshot trusted = loadTrusted(Roles.SNAPSHOT, root.keys(), root.role(Roles.SNAPSHOT), m -> Roles.snapshot(m));
        if (trusted != null && trusted.version() == expected.version() && Hashes.matches(local.get(), expected)) {
            requireCurrent(Roles.SNAPSHOT, trusted.version(), trusted.expires());
            return trusted;
        }
        String name = root.consistentSnapshot() ? expected.version() + ".snapshot.json" : "snapshot.json";
        long cap = expected.length() > 0 ? Math.min(expected.length(), limits.snapshotBytes()) : limits.snapshotBytes();
        byte[] bytes = fetch(name, cap).orElseThrow(() -> new VerificationException(Reason.MIX_AND_MATCH,
                "repository " + repositoryId + " has no " + name + " although timestamp names it"));
        Hashes.require(bytes, expected, name);
        SignedMetadata metadata = Roles.parse(name, bytes);
        Roles.Snapshot candidate = Roles.snapshot(metadata);
        requireThreshold(metadata, root.keys(), root.role(Roles.SNAPSHOT), "snapshot version " + candidate.version());
        if (candidate.version() != expected.version()) {
            throw new VerificationException(Reason.MIX_AND_MATCH, name + " holds snapshot version " + candidate.version()
                    + " but timestamp names version " + expected.version());
        }
        if (trusted != null) {
            for (Map.Entry<String, Roles.MetaFile> old : trusted.meta().entrySet()) {
                Roles.MetaFile now = candidate.meta().get(old.getKey());
                if (now == null) {
                    throw new VerificationException(Reason.ROLLBACK, "snapshot version " + candidate.version()
                            + " no longer lists " + old.getKey() + ", which trusted snapshot " + trusted.version() + " did");
                }
                if (now.version() < old.getValue().version()) {
                    throw new VerificationException(Reason.ROLLBACK, "snapshot version " + candidate.version() + " lists "
                            + old.getKey() + " version " + now.version() + ", older than the trusted version "
                            + old.getValue().version());
                }
            }
        }
        requireCurrent(Roles.SNAPSHOT, candidate.version(), candidate.expires());
        store.store(Roles.SNAPSHOT, bytes);
        return candidate;
    }

    // 5.6
    private Roles.Targets updateTargets(Roles.Root root, Roles.Snapshot snapshot) throws VerificationException, IOException {
        return updateTargetsRole(Roles.TARGETS, root.keys(), root.role(Roles.TARGETS), root, snapshot);
    }

    private Roles.Targets updateTargetsRole(String role, Map<String, io.updraft.tuf.TufKey> keys, Roles.RoleKeys roleKeys,
            Roles.Root root, Roles.Snapshot snapshot) throws VerificationException, IOException {
        String file = role + ".json";
        Roles.MetaFile expected = snapshot.meta().get(file);
        if (expected == null) {
            throw new VerificationException(Reason.MIX_AND_MATCH, "snapshot version " + snapshot.version()
                    + " does not list " + file);
        }
        Optional<byte[]> local = store.load(role);
        if (local.isPresent()) {
            try {
                SignedMetadata metadata = Roles.parse("trusted " + file, local.get());
                Roles.Targets trusted = Roles.targets(metadata, role);
                if (trusted.version() == expected.version() && Hashes.matches(local.get(), expected)
                        && metadata.validSignatures(keys, roleKeys.keyIds()) >= roleKeys.threshold()) {
                    requireCurrent(role, trusted.version(), trusted.expires());
                    targetsExpire = min(targetsExpire, trusted.expires());
                    return trusted;
                }
            } catch (VerificationException e) {
                if (e.reason() == Reason.EXPIRED) {
                    throw e;
                }
                LOG.warn("Stored {} of repository {} is no longer usable ({}); fetching it again", file, repositoryId,
                        e.getMessage());
            }
        }
        String encoded = URLEncoder.encode(role, StandardCharsets.UTF_8).replace("+", "%20");
        String name = root.consistentSnapshot() ? expected.version() + "." + encoded + ".json" : encoded + ".json";
        long cap = expected.length() > 0 ? Math.min(expected.length(), limits.targetsBytes()) : limits.targetsBytes();
        byte[] bytes = fetch(name, cap).orElseThrow(() -> new VerificationException(Reason.MIX_AND_MATCH,
                "repository " + repositoryId + " has no " + name + " although snapshot lists it"));
        Hashes.require(bytes, expected, name);
        SignedMetadata metadata = Roles.parse(name, bytes);
        Roles.Targets candidate = Roles.targets(metadata, role);
        requireThreshold(metadata, keys, roleKeys, role + " version " + candidate.version());
        if (candidate.version() != expected.version()) {
            throw new VerificationException(Reason.MIX_AND_MATCH, name + " holds " + role + " version "
                    + candidate.version() + " but snapshot lists version " + expected.version());
        }
        requireCurrent(role, candidate.version(), candidate.expires());
        store.store(role, bytes);
        targetsExpire = min(targetsExpire, candidate.expires());
        return candidate;
    }

    private List<TargetInfo> collectTargets(Roles.Root root, Roles.Snapshot snapshot, Roles.Targets top)
            throws VerificationException, IOException {
        return new DelegationSearch(repositoryId, limits.maxDelegations(),
                (delegation, keys) -> updateTargetsRole(delegation.name(), keys,
                        new Roles.RoleKeys(delegation.keyIds(), delegation.threshold()), root, snapshot))
                .targets(top);
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(SignedMetadata metadata) throws VerificationException;
    }

    /** The stored metadata of a role if it still verifies under the current root; otherwise null (and removed). */
    private <T> T loadTrusted(String role, Map<String, io.updraft.tuf.TufKey> keys, Roles.RoleKeys roleKeys,
            Reader<T> reader) throws IOException {
        Optional<byte[]> bytes = store.load(role);
        if (bytes.isEmpty()) {
            return null;
        }
        try {
            SignedMetadata metadata = Roles.parse("trusted " + role, bytes.get());
            T value = reader.read(metadata);
            if (metadata.validSignatures(keys, roleKeys.keyIds()) < roleKeys.threshold()) {
                throw new VerificationException(Reason.SIGNATURE_THRESHOLD, "stored " + role + " is not signed by the current keys");
            }
            return value;
        } catch (VerificationException e) {
            LOG.warn("Stored {} metadata of repository {} is no longer trusted ({}); starting that role afresh",
                    role, repositoryId, e.getMessage());
            store.delete(role);
            return null;
        }
    }

    private Optional<byte[]> fetch(String name, long cap) throws VerificationException, IOException {
        try {
            Optional<byte[]> bytes = transport.fetchMetadata(name, cap);
            if (bytes.isPresent() && bytes.get().length > cap) {
                throw new TooLargeException(name, cap);
            }
            return bytes;
        } catch (TooLargeException e) {
            throw new VerificationException(Reason.TOO_LARGE, "repository " + repositoryId + " file " + name
                    + " is larger than the allowed " + e.limit() + " bytes", e);
        } catch (SocketTimeoutException | HttpTimeoutException e) {
            throw new VerificationException(Reason.SLOW_RETRIEVAL, "repository " + repositoryId + " file " + name
                    + " did not arrive in time: " + e.getMessage(), e);
        }
    }

    private void requireThreshold(SignedMetadata metadata, Map<String, io.updraft.tuf.TufKey> keys,
            Roles.RoleKeys role, String what) throws VerificationException {
        int valid = metadata.validSignatures(keys, role.keyIds());
        if (valid < role.threshold()) {
            throw new VerificationException(Reason.SIGNATURE_THRESHOLD, what + " of repository " + repositoryId
                    + " has " + valid + " valid signature(s) from authorized keys, threshold is " + role.threshold());
        }
    }

    private void requireCurrent(String role, long version, Instant expires) throws VerificationException {
        if (!now.isBefore(expires)) {
            throw new VerificationException(Reason.EXPIRED, role + " version " + version + " of repository "
                    + repositoryId + " expired at " + expires + " (trusted time " + now + ")");
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
