package io.updraft.verifier.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.tuf.SignedMetadata;
import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.TargetDigest;
import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.UpdateVerifier;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerificationException.Reason;
import io.updraft.verifier.VerifiedPackage;

/** The device's {@link UpdateVerifier}; trust state lives in {@code <home>/trust/}. */
@Component(name = VerifierComponent.PID, service = UpdateVerifier.class, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VerifierComponent.Config.class)
public final class VerifierComponent implements UpdateVerifier {
    static final String PID = "io.updraft.verifier";
    private static final Logger LOG = LoggerFactory.getLogger(VerifierComponent.class);

    @ObjectClassDefinition(name = "Updraft verifier",
            description = "TUF metadata, target and package verification. Signature checks cannot be turned off.")
    public @interface Config {
        @AttributeDefinition(description = "The Updraft home directory; trust state lives in its trust/ folder. Absolute path.")
        String home() default "/var/lib/updraft";

        @AttributeDefinition(description = "Largest root.json accepted, in bytes.")
        long maxRootBytes() default 512 * 1024;

        @AttributeDefinition(description = "Largest timestamp.json accepted, in bytes.")
        long maxTimestampBytes() default 16 * 1024;

        @AttributeDefinition(description = "Largest snapshot accepted when timestamp gives no length, in bytes.")
        long maxSnapshotBytes() default 2 * 1024 * 1024;

        @AttributeDefinition(description = "Largest targets metadata accepted when snapshot gives no length, in bytes.")
        long maxTargetsBytes() default 32 * 1024 * 1024;

        @AttributeDefinition(description = "Most root versions followed in one refresh.")
        int maxRootRotations() default 1024;

        @AttributeDefinition(description = "Most delegated roles visited in one refresh.")
        int maxDelegations() default 32;
    }

    private final Path trustDir;
    private final Limits limits;
    private final Clock clock;

    @Activate
    public VerifierComponent(Config config) {
        this(home(config.home()).resolve("trust"), new Limits(config.maxRootBytes(), config.maxTimestampBytes(),
                config.maxSnapshotBytes(), config.maxTargetsBytes(), config.maxRootRotations(), config.maxDelegations()),
                Clock.systemUTC());
        LOG.info("Verifier keeps trust state in {}", trustDir);
    }

    VerifierComponent(Path trustDir, Limits limits, Clock clock) {
        this.trustDir = trustDir;
        this.limits = limits;
        this.clock = clock;
    }

    private static Path home(String home) {
        if (home == null || home.isBlank() || !Path.of(home).isAbsolute()) {
            throw new IllegalArgumentException("io.updraft.verifier home '" + home + "' must be an absolute path");
        }
        return Path.of(home);
    }

    @Override
    public TrustedRepository refresh(String repositoryId, Path initialRoot, MetadataTransport transport)
            throws VerificationException, IOException {
        TrustStore store = new TrustStore(trustDir, repositoryId);
        // One refresh at a time per repository: two interleaved ones could each store a role of a different state.
        synchronized (lock(repositoryId)) {
            TrustedRepository trusted = TufClient.refresh(repositoryId, store, readInitial(initialRoot, store), transport,
                    limits, clock, verified);
            LOG.info("Repository {} verified: root {}, timestamp {}, snapshot {}, targets {}, {} target(s)", repositoryId,
                    trusted.rootVersion(), trusted.timestampVersion(), trusted.snapshotVersion(),
                    trusted.targetsVersion(), trusted.targets().size());
            return trusted;
        }
    }

    @Override
    public void verifyTarget(TargetInfo target, InputStream content) throws VerificationException, IOException {
        TargetDigest digest = TargetDigest.of(target);
        byte[] buffer = new byte[256 * 1024];
        int n;
        while ((n = content.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        digest.finish();
    }

    @Override
    public VerifiedPackage verifyPackage(String repositoryId, Path initialRoot, Path packageFile, Path extractTo)
            throws VerificationException, IOException {
        TrustStore store = new TrustStore(trustDir, repositoryId);
        byte[] rootBytes;
        synchronized (lock(repositoryId)) {
            Optional<byte[]> pinned = store.load(Roles.ROOT);
            rootBytes = pinned.isPresent() ? pinned.get() : readInitial(initialRoot, store);
        }
        if (rootBytes == null) {
            throw new VerificationException(Reason.UNTRUSTED, "repository " + repositoryId
                    + " has no pinned trust root to check package " + packageFile + " against");
        }
        SignedMetadata metadata = Roles.parse("trust root of " + repositoryId, rootBytes);
        Roles.Root root = Roles.root(metadata);
        Roles.RoleKeys rootRole = root.role(Roles.ROOT);
        if (metadata.validSignatures(root.keys(), rootRole.keyIds()) < rootRole.threshold()) {
            throw new VerificationException(Reason.SIGNATURE_THRESHOLD, "trust root of " + repositoryId
                    + " is not signed by its own root keys");
        }
        VerifiedPackage verified = PackageReader.read(packageFile, root, extractTo);
        LOG.info("Package {} verified: {} {} signed by {}", packageFile, verified.manifest().release().component(),
                verified.manifest().release().version(), verified.signedBy());
        return verified;
    }

    private byte[] readInitial(Path initialRoot, TrustStore store) throws IOException, VerificationException {
        if (store.load(Roles.ROOT).isPresent() || initialRoot == null) {
            return null;
        }
        try {
            return Files.readAllBytes(initialRoot);
        } catch (NoSuchFileException e) {
            throw new VerificationException(Reason.UNTRUSTED, "no root is pinned for repository " + store.directory()
                    .getFileName() + " and its initial trust root " + initialRoot + " does not exist; install the "
                    + "root.json the repository's vendor ships there", e);
        }
    }

    private final java.util.Map<String, TufClient.Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    private Object lock(String repositoryId) {
        return locks.computeIfAbsent(repositoryId, id -> new Object());
    }
}
