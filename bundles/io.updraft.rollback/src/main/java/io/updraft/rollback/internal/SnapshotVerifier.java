package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/** Checks an archive against its record: size and SHA-256 of the file first, then every entry against the manifest. */
final class SnapshotVerifier {
    private SnapshotVerifier() {
    }

    /** @return the archive's manifest, which matches the record */
    static InnerManifest verify(Path archive, SnapshotRecord record, String where) throws InstallException, IOException {
        if (!Files.isRegularFile(archive)) {
            throw new InstallException(Reason.NO_SNAPSHOT, where + ": archive " + archive + " is missing");
        }
        long size = Files.size(archive);
        String sha = Hashes.ofFile(archive);
        if (size != record.snapshot().bytes() || !sha.equals(record.snapshot().sha256())) {
            throw new InstallException(Reason.NO_SNAPSHOT, where + ": archive " + archive + " has " + size
                    + " bytes with sha256 " + sha + ", recorded " + record.snapshot().bytes() + " bytes with "
                    + record.snapshot().sha256());
        }
        InnerManifest m = ArchiveReader.read(archive, where, ArchiveReader.CHECK_ONLY);
        SnapshotStore.requireMatch(m, record, where);
        return m;
    }
}
