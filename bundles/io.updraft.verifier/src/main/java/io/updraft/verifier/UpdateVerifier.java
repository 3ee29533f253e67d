package io.updraft.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device's verifier. Trust state is kept per repository id under {@code <updraft.home>/trust/<id>/}: the pinned
 * root, the last trusted timestamp, snapshot and targets metadata, and the latest time seen, so a later refresh
 * can detect rollback and freeze attacks even across restarts and clock resets.
 */
@ProviderType
public interface UpdateVerifier {

    /**
     * Runs the TUF client workflow: root chain (N+1.root.json until none is found), timestamp, snapshot, targets
     * and delegated targets, checking signatures against thresholds, expiry against the trusted clock, version
     * monotonicity, and lengths and hashes between roles. Newly trusted metadata is stored durably before this
     * returns; nothing from a failing step is kept.
     *
     * @param repositoryId local name for this repository's trust state, e.g. {@code production}
     * @param initialRoot a root.json to pin when none is pinned yet for this id (the device's shipped trust
     *        root); ignored once a root is pinned
     * @throws VerificationException if the repository fails verification; the reason names the attack class
     * @throws IOException if the repository cannot be reached or the trust state cannot be written
     */
    TrustedRepository refresh(String repositoryId, Path initialRoot, MetadataTransport transport)
            throws VerificationException, IOException;

    /**
     * Reads a target to its end, checking its length and hashes.
     *
     * @throws VerificationException if the content is not what the metadata signed
     */
    void verifyTarget(TargetInfo target, InputStream content) throws VerificationException, IOException;

    /**
     * Checks a package file against the pinned trust root of a repository (its {@code targets} keys and
     * threshold): signature, manifest, and every payload file's length and SHA-256. With {@code extractTo} the
     * payload is written there (a new or empty directory); on failure nothing is left there.
     *
     * @param extractTo an empty or absent directory, or null to only check
     */
    VerifiedPackage verifyPackage(String repositoryId, Path initialRoot, Path packageFile, Path extractTo)
            throws VerificationException, IOException;
}
