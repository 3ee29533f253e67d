package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.fs.Space;
import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.Snapshot;
import io.updraft.install.StagedSlot;

/**
 * Takes a snapshot: manifest, archive to {@code <id>.tar.zst.tmp}, synced, read back completely and checked, renamed
 * into place, then the record written; older snapshots beyond the retention go only after the new one is complete.
 */
final class SnapshotCreator {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCreator.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Configuration changing under us is retried a few times, then reported. */
    private static final int ATTEMPTS = 3;

    private final SnapshotStore store;
    private final int keep;
    private final int level;
    private final Clock clock;

    SnapshotCreator(SnapshotStore store, int keep, int level, Clock clock) {
        this.store = store;
        this.keep = keep;
        this.level = level;
        this.clock = clock;
    }

    Snapshot create(ComponentSpec spec, StagedSlot staged, Path slot) throws InstallException, IOException {
        if (!staged.component().equals(spec.name())) {
            throw new IllegalArgumentException("slot of component " + staged.component() + " given for component "
                    + spec.name());
        }
        Path dir = store.componentDir(spec.name());
        DurableFiles.createDirectories(dir);
        store.cleanUp(spec.name());
        Instant created = clock.instant();
        String id = newId(dir, spec.name() + "-" + staged.version() + "-" + STAMP.format(created));
        Path temp = dir.resolve(id + SnapshotStore.ARCHIVE + SnapshotStore.TEMP);
        Path archive = dir.resolve(id + SnapshotStore.ARCHIVE);
        Snapshot snapshot;
        try {
            InnerManifest m = null;
            ArchiveWriter.Written written = null;
            for (int attempt = 1; written == null; attempt++) {
                m = ManifestPlanner.plan(spec, staged, slot, created);
                try {
                    written = ArchiveWriter.write(temp, m, slot, level);
                } catch (ArchiveWriter.SourceChanged e) {
                    if (attempt == ATTEMPTS) {
                        throw new InstallException(Reason.VERIFY_FAILED, "snapshot of component " + spec.name()
                                + " failed " + ATTEMPTS + " times: " + e.getMessage());
                    }
                    LOG.info("Snapshot of {}: {}; taking it again", spec.name(), e.getMessage());
                }
            }
            snapshot = new Snapshot(id, spec.name(), staged.version(), staged.installKind(), created, written.bytes(),
                    written.sha256(), parts(m));
            SnapshotRecord record = new SnapshotRecord(snapshot, staged, m.configPaths(), m.dataPaths());
            readBack(temp, record, m);
            Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(dir);
            DurableFiles.write(store.record(snapshot), record.toJson(), PosixFilePermissions.fromString("rw-------"),
                    false, dir.resolve(id + SnapshotStore.RECORD + SnapshotStore.TEMP));
        } catch (InstallException | IOException | RuntimeException e) {
            long reached = Files.isRegularFile(temp) ? Files.size(temp) : -1;
            discard(e, dir, temp, archive, dir.resolve(id + SnapshotStore.RECORD + SnapshotStore.TEMP));
            if (Space.isExhausted(e)) {
                throw new InstallException(Reason.NO_SPACE, "snapshot of component " + spec.name() + " does not fit"
                        + (reached >= 0 ? " (the disk filled after " + reached + " bytes of it)" : "") + ": "
                        + NoSpace.free(dir) + " once its partial file was removed", e);
            }
            throw e;
        }
        LOG.info("Snapshot {} of {} {} taken: {} bytes, parts {}", id, spec.name(), staged.version(), snapshot.bytes(),
                snapshot.parts());
        retain(spec.name());
        return snapshot;
    }

    /** Removes every file of a failed snapshot; a failure to do so is added to the original one. */
    private static void discard(Exception cause, Path dir, Path... files) {
        try {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            DurableFiles.syncDirectory(dir);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static List<String> parts(InnerManifest m) {
        List<String> parts = new ArrayList<>(List.of("slot"));
        if (!m.configPaths().isEmpty()) {
            parts.add("config");
        }
        if (!m.dataPaths().isEmpty()) {
            parts.add("data");
        }
        return parts;
    }

    /** The archive as written must read back whole: same file hash, same manifest, every entry intact. */
    private static void readBack(Path temp, SnapshotRecord record, InnerManifest written)
            throws InstallException, IOException {
        String where = "snapshot " + record.snapshot().id() + " (read back from " + temp + ")";
        try {
            InnerManifest read = SnapshotVerifier.verify(temp, record, where);
            if (!read.equals(written)) {
                throw new InstallException(Reason.VERIFY_FAILED, where + ": the manifest read back differs");
            }
        } catch (InstallException e) {
            if (e.reason() == Reason.NO_SNAPSHOT) {
                throw new InstallException(Reason.VERIFY_FAILED, e.getMessage(), e);
            }
            throw e;
        }
    }

    private static String newId(Path dir, String base) {
        String id = base;
        for (int n = 2; Files.exists(dir.resolve(id + SnapshotStore.RECORD))
                || Files.exists(dir.resolve(id + SnapshotStore.ARCHIVE)); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** Keeps the newest {@code keep} snapshots of the component. */
    private void retain(String component) {
        List<SnapshotRecord> records = store.records(component);
        for (SnapshotRecord r : records.subList(Math.min(keep, records.size()), records.size())) {
            try {
                store.delete(r.snapshot());
                LOG.info("Snapshot {} removed: {} newer ones are kept", r.snapshot().id(), keep);
            } catch (IOException e) {
                LOG.warn("Cannot remove old snapshot {}: {}", r.snapshot().id(), e.getMessage());
            }
        }
    }
}
