package io.updraft.scheduler.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.updraft.update.Release;
import io.updraft.update.Version;
import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.PackageManifest;
import io.updraft.verifier.ReleaseDescriptor;
import io.updraft.verifier.TargetInfo;
import io.updraft.verifier.TrustedRepository;
import io.updraft.verifier.UpdateVerifier;
import io.updraft.verifier.VerificationException;
import io.updraft.verifier.VerifiedPackage;

/** Accepts a package whose file names a component it was told the version of; refusals are scripted. */
final class FakeVerifier implements UpdateVerifier {
    final Map<String, Version> versions = new ConcurrentHashMap<>();
    final List<String> verified = new CopyOnWriteArrayList<>();
    volatile VerificationException refuse;
    /** Runs inside the next verification, e.g. to stop the scheduler there. */
    volatile Runnable during;

    @Override
    public VerifiedPackage verifyPackage(String repositoryId, Path initialRoot, Path packageFile, Path extractTo)
            throws VerificationException, IOException {
        Runnable d = during;
        during = null;
        if (d != null) {
            d.run();
        }
        if (refuse != null) {
            throw refuse;
        }
        String component = Files.readString(packageFile, StandardCharsets.UTF_8).strip();
        verified.add(repositoryId + ":" + component);
        ReleaseDescriptor r = new ReleaseDescriptor(component, versions.get(component), null, null, null, null,
                Release.Kind.FULL, null, "archive");
        return new VerifiedPackage(new PackageManifest(r, Instant.EPOCH, List.of()), List.of("key1"), null);
    }

    @Override
    public TrustedRepository refresh(String repositoryId, Path initialRoot, MetadataTransport transport) {
        throw new UnsupportedOperationException("the scheduler does not refresh metadata");
    }

    @Override
    public void verifyTarget(TargetInfo target, InputStream content) {
        throw new UnsupportedOperationException("the scheduler does not check targets");
    }
}
