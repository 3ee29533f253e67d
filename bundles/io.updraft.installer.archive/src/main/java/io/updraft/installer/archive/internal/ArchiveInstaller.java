package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.CountingInputStream;
import io.updraft.fs.DurableFiles;
import io.updraft.fs.Space;
import io.updraft.install.ComponentInstaller;
import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.InstallProgress;
import io.updraft.install.Payload;
import io.updraft.install.PayloadFile;
import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;

/**
 * Install kind {@code archive}: a file tree in a directory slot, from the payload files themselves or from the one
 * tar archive the payload consists of. Limits come from the component's properties ({@code maxEntries},
 * {@code maxExpansionRatio}, {@code maxBytes}, {@code allowSetId}), with defaults that refuse bombs.
 */
@Component(service = ComponentInstaller.class)
public final class ArchiveInstaller implements ComponentInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveInstaller.class);
    /** The slot directory must let the component's own user reach its files. */
    private static final int SLOT_MODE = 0755;

    private final Syncer syncer;

    @Activate
    public ArchiveInstaller() {
        // No settings: every limit is per component, in its spec.
        this(Syncer.FSYNC);
    }

    /** With {@code syncer} in place of fsync, so a test can see what staging made durable. */
    ArchiveInstaller(Syncer syncer) {
        this.syncer = syncer;
    }

    @Override
    public String kind() {
        return ComponentSpec.ARCHIVE;
    }

    @Override
    public Path slot(ComponentSpec component, Path componentDir, String slot) {
        if (!"a".equals(slot) && !"b".equals(slot)) {
            throw new IllegalArgumentException("component " + component.name() + ": slot '" + slot + "' is not a or b");
        }
        return componentDir.resolve("slots").resolve(slot);
    }

    @Override
    public StagedSlot stage(ComponentSpec component, Payload payload, Path slot, InstallProgress progress)
            throws InstallException, IOException, InterruptedException {
        long started = System.nanoTime();
        try {
            List<SlotFile> entries = write(component, payload, slot, progress);
            LOG.info("Component {}: staged {} {} ({} entries) into {} in {} ms", component.name(), payload.component(),
                    payload.version(), entries.size(), slot, (System.nanoTime() - started) / 1_000_000);
            return new StagedSlot(payload.component(), payload.version(), kind(), entries);
        } catch (InstallException e) {
            throw new InstallException(e.reason(), "component " + component.name() + ": " + e.getMessage(), e);
        }
    }

    private List<SlotFile> write(ComponentSpec component, Payload payload, Path slot, InstallProgress progress)
            throws InstallException, IOException, InterruptedException {
        requireFits(component, payload);
        ArchiveLimits limits = ArchiveLimits.from(component.properties());
        Ownership ownership = Ownership.resolve(component.owner(), component.group(), slot);
        List<PayloadFile> files = payload.files();
        ArchiveFormat format = files.size() == 1 ? ArchiveFormat.of(files.get(0).path()) : null;
        prepare(slot);
        requireSpace(payload, slot);
        long total = payload.totalBytes();
        if (format == null) {
            SlotWriter writer = new SlotWriter(slot, limits, ownership, limits.maxBytes(),
                    "property " + ArchiveLimits.MAX_BYTES, done -> progress.bytes(done, total), syncer);
            TreeStager.copy(payload, writer);
            List<SlotFile> entries = writer.finish();
            progress.bytes(total, total);
            return entries;
        }
        PayloadFile archive = files.get(0);
        Path archiveFile = payload.directory().resolve(EntryPath.parse(archive.path()).path());
        long bound = limits.expansionBound(payload.packageBytes(), archive.length());
        String why = bound == limits.maxBytes() ? "property " + ArchiveLimits.MAX_BYTES
                : ArchiveLimits.MAX_EXPANSION_RATIO + " " + limits.maxExpansionRatio() + " times the package's "
                        + Math.max(payload.packageBytes(), archive.length()) + " bytes";
        try (CountingInputStream raw = new CountingInputStream(Files.newInputStream(archiveFile, LinkOption.NOFOLLOW_LINKS))) {
            SlotWriter writer = new SlotWriter(slot, limits, ownership, bound, why,
                    done -> progress.bytes(raw.count(), total), syncer);
            try (InputStream tar = open(format, raw, archive)) {
                TarStager.extract(tar, writer, archive.path());
            }
            List<SlotFile> entries = writer.finish();
            progress.bytes(total, total);
            return entries;
        }
    }

    private static InputStream open(ArchiveFormat format, InputStream raw, PayloadFile archive) throws InstallException {
        try {
            return format.open(raw);
        } catch (IOException e) {
            throw new InstallException(Reason.BAD_PACKAGE, "payload archive " + archive.path() + " is not a valid "
                    + format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '.') + " file: " + e.getMessage(), e);
        }
    }

    private void requireFits(ComponentSpec component, Payload payload) throws InstallException {
        if (!payload.component().equals(component.name())) {
            throw new InstallException(Reason.BAD_PACKAGE, "the package is a release of " + payload.component());
        }
        if (!payload.installKind().equals(kind())) {
            throw new InstallException(Reason.BAD_PACKAGE, "the package declares install kind '"
                    + payload.installKind() + "', this installer writes '" + kind() + "'");
        }
        if (payload.files().isEmpty()) {
            throw new InstallException(Reason.BAD_PACKAGE, "the package of " + payload.version() + " has no payload files");
        }
    }

    /** An empty slot directory, durably there, whatever the inactive slot held before. */
    private static void prepare(Path slot) throws InstallException {
        if (Files.exists(slot, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(slot, LinkOption.NOFOLLOW_LINKS)) {
            throw new InstallException(Reason.STAGE_FAILED, "slot " + slot + " is not a directory (a link or file is in its place)");
        }
        try {
            DurableFiles.createDirectories(slot);
            SlotTree.clear(slot);
            Files.setAttribute(slot, "unix:mode", SLOT_MODE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw WriteFailures.writing(slot, ".", e);
        }
    }

    /**
     * Refuses up front what cannot fit: the payload's own bytes are a lower bound of what the slot takes (exact for
     * a tree; an archive expands further and is stopped by ENOSPC while writing).
     */
    private static void requireSpace(Payload payload, Path slot) throws InstallException {
        long free = Space.usable(slot);
        if (free < 0) {
            return;
        }
        long need = 0;
        for (PayloadFile f : payload.files()) {
            need += f.length();
            if (need > free) {
                throw new InstallException(Reason.NO_SPACE, "slot " + slot + " has " + free + " bytes free, the payload"
                        + " needs at least " + payload.totalBytes() + " (it is full by '" + f.path() + "')");
            }
        }
    }

    @Override
    public void verify(ComponentSpec component, StagedSlot staged, Path slot) throws InstallException, IOException {
        if (!Files.isDirectory(slot, LinkOption.NOFOLLOW_LINKS)) {
            throw failed(component, slot, "the slot is missing or not a directory");
        }
        if (!staged.installKind().equals(kind())) {
            throw failed(component, slot, "it was staged by install kind '" + staged.installKind() + "'");
        }
        String difference = SlotDiff.first(staged.entries(), SlotTree.scan(slot));
        if (difference != null) {
            throw failed(component, slot, difference);
        }
        LOG.info("Component {}: slot {} matches {} {} ({} entries)", component.name(), slot, staged.component(),
                staged.version(), staged.entries().size());
    }

    private static InstallException failed(ComponentSpec component, Path slot, String why) {
        return new InstallException(Reason.VERIFY_FAILED, "component " + component.name() + ", slot " + slot + ": " + why);
    }

    @Override
    public void clear(ComponentSpec component, Path slot) throws IOException {
        SlotTree.clear(slot);
        LOG.info("Component {}: cleared slot {}", component.name(), slot);
    }
}
