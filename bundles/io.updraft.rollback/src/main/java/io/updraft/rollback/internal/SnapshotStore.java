package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.SlotFile;
import io.updraft.install.Snapshot;
import io.updraft.update.Names;

/**
 * The snapshot files under {@code <home>/snapshots/<component>/}: {@code <id>.tar.zst} and {@code <id>.json}. The
 * json is written after the archive is in place and deleted before it, so a listed snapshot always has its archive
 * unless someone removed it by hand.
 */
final class SnapshotStore {
    static final String ARCHIVE = ".tar.zst";
    static final String RECORD = ".json";
    static final String TEMP = ".tmp";
    /** Newest first; equal times (same clock tick) by id, the later suffix first. */
    static final Comparator<Snapshot> NEWEST_FIRST = Comparator.comparing(Snapshot::created)
            .thenComparing(Snapshot::id).reversed();

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][A-Za-z0-9._+-]{0,254}");

    private final Path root;

    SnapshotStore(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path componentDir(String component) {
        return root.resolve(Names.requireComponentName(component));
    }

    Path archive(Snapshot s) {
        return componentDir(s.component()).resolve(s.id() + ARCHIVE);
    }

    Path record(Snapshot s) {
        return componentDir(s.component()).resolve(s.id() + RECORD);
    }

    /** Whether {@code id} can name a snapshot; anything else (a path, say) names none and is never looked up. */
    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches() && !id.contains("..");
    }

    List<SnapshotRecord> records(String component) {
        Path dir = componentDir(component);
        List<SnapshotRecord> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + RECORD)) {
            for (Path f : files) {
                read(f).ifPresent(out::add);
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            LOG.warn("Cannot list snapshots of {} in {}: {}", component, dir, e.getMessage());
        }
        out.sort(Comparator.comparing(SnapshotRecord::snapshot, NEWEST_FIRST));
        return out;
    }

    Optional<SnapshotRecord> find(String id) {
        if (!isId(id)) {
            LOG.info("'{}' is not a snapshot id (e.g. hello-1.0.0-20261123T170102Z); no such snapshot", id);
            return Optional.empty();
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                Path f = dir.resolve(id + RECORD);
                // Ids start with their component's name; other folders cannot hold this one.
                if (id.startsWith(dir.getFileName() + "-") && Files.isRegularFile(f)) {
                    return read(f).filter(r -> r.snapshot().id().equals(id));
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot list snapshots in {}: {}", root, e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<SnapshotRecord> read(Path json) {
        SnapshotRecord r;
        try {
            r = SnapshotRecord.parse(Files.readAllBytes(json));
        } catch (IOException e) {
            LOG.warn("Skipping snapshot record {}: {}", json, e.getMessage());
            return Optional.empty();
        }
        String name = json.getFileName().toString();
        if (!name.equals(r.snapshot().id() + RECORD) || !json.getParent().getFileName().toString().equals(r.snapshot().component())) {
            LOG.warn("Skipping snapshot record {}: it describes {} of {}", json, r.snapshot().id(), r.snapshot().component());
            return Optional.empty();
        }
        if (!Files.isRegularFile(archive(r.snapshot()))) {
            LOG.warn("Skipping snapshot {}: its archive {} is missing", r.snapshot().id(), archive(r.snapshot()));
            return Optional.empty();
        }
        return Optional.of(r);
    }

    /** Removes the record, then the archive; returns whether either existed. */
    boolean delete(Snapshot s) throws IOException {
        boolean existed = Files.deleteIfExists(record(s));
        existed |= Files.deleteIfExists(archive(s));
        if (existed) {
            DurableFiles.syncDirectory(componentDir(s.component()));
        }
        return existed;
    }

    /**
     * Removes what interrupted work left in a component's folder: temporary files, and archives without a record
     * (a crash between renaming the archive into place and writing its record).
     */
    void cleanUp(String component) throws IOException {
        Path dir = componentDir(component);
        if (!Files.isDirectory(dir)) {
            return;
        }
        boolean changed = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                boolean orphan = name.endsWith(ARCHIVE)
                        && !Files.exists(dir.resolve(name.substring(0, name.length() - ARCHIVE.length()) + RECORD));
                if (name.endsWith(TEMP) || orphan) {
                    LOG.info("Removing {} left by an interrupted snapshot", f);
                    Files.deleteIfExists(f);
                    changed = true;
                }
            }
        }
        if (changed) {
            DurableFiles.syncDirectory(dir);
        }
    }

    /** Component folders present, for the clean-up at start. */
    List<String> components() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path d : dirs) {
                try {
                    out.add(Names.requireComponentName(d.getFileName().toString()));
                } catch (IllegalArgumentException e) {
                    LOG.warn("Ignoring {}: not a component's snapshot folder", d);
                }
            }
        }
        return out;
    }

    /**
     * Checks that the archive's manifest describes the snapshot its record names: same component, version, kind,
     * paths and slot entries.
     */
    static void requireMatch(InnerManifest m, SnapshotRecord r, String where) throws InstallException {
        Snapshot s = r.snapshot();
        List<SlotFile> slot = new ArrayList<>();
        for (ManifestEntry e : m.entries()) {
            if (e.name().equals("slot.img") || e.name().startsWith("slot/")) {
                slot.add(slotFile(e));
            }
        }
        List<SlotFile> recorded = new ArrayList<>(r.slot().entries());
        recorded.sort(Comparator.comparing(SlotFile::path));
        if (!m.component().equals(s.component()) || !m.version().equals(s.version())
                || !m.installKind().equals(s.installKind()) || !m.configPaths().equals(r.configPaths())
                || !m.dataPaths().equals(r.dataPaths()) || !slot.equals(recorded)) {
            throw new InstallException(Reason.NO_SNAPSHOT, where + ": its archive describes " + m.component() + " "
                    + m.version() + " (" + m.installKind() + ") with " + slot.size() + " slot entries and paths "
                    + m.configPaths() + " " + m.dataPaths() + ", which is not what its record says");
        }
    }

    static SlotFile slotFile(ManifestEntry e) {
        if (ManifestEntry.IMAGE.equals(e.type())) {
            return new SlotFile("", ManifestEntry.IMAGE, e.length(), e.sha256(), e.mode(), "");
        }
        return new SlotFile(e.name().substring("slot/".length()), e.type(), e.length(), e.sha256(), e.mode(),
                e.linkTarget());
    }
}
