package io.updraft.rollback.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.fs.Space;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.SlotFile;
import io.updraft.install.SnapshotService.Part;
import io.updraft.install.StagedSlot;

/**
 * Puts parts of a checked snapshot back in two phases. First one pass over the archive writes everything to places
 * nobody uses yet: the empty slot target, the image's temporary file, {@code <path>.updraft-restore} beside each
 * configuration and data path; every byte is checked against the manifest on the way. Only when all of it is
 * written and synced are the paths swapped in. A failure in the first phase removes what it wrote and leaves every
 * path as it was.
 */
final class Restorer implements ArchiveReader.Visitor {
    private static final Logger LOG = LoggerFactory.getLogger(Restorer.class);

    /** A configuration or data path being restored. */
    private static final class Root {
        final Path path;
        final boolean absent;
        TreeWriter tree;

        Root(Path path, boolean absent) {
            this.path = path;
            this.absent = absent;
        }
    }

    private final SnapshotRecord record;
    private final Set<Part> parts;
    private final Path slotTarget;
    private final String where;
    private final Map<String, Root> roots = new LinkedHashMap<>();
    private final List<SlotFile> slotFiles = new ArrayList<>();
    private final List<String> ownersKept = new ArrayList<>();
    private TreeWriter slotTree;
    private ImageTarget image;
    private ManifestEntry imageEntry;
    private boolean createdTarget;

    private Restorer(SnapshotRecord record, Set<Part> parts, Path slotTarget, String where) {
        this.record = record;
        this.parts = parts;
        this.slotTarget = slotTarget;
        this.where = where;
    }

    /** Restores from an archive already checked against its record; returns the slot restored or null. */
    static StagedSlot restore(SnapshotRecord record, Path archive, Set<Part> parts, Path slotTarget, String where)
            throws InstallException, IOException {
        Restorer r = new Restorer(record, parts, slotTarget, where);
        try {
            ArchiveReader.read(archive, where, r);
            r.finishWrites();
        } catch (InstallException | IOException | RuntimeException e) {
            r.abort(e);
            if (Space.isExhausted(e)) {
                throw new InstallException(Reason.NO_SPACE, "restoring " + where + " ran out of space: "
                        + e.getMessage() + "; nothing was replaced", e);
            }
            throw e;
        }
        for (Root root : r.roots.values()) {
            PathSwap.swap(root.path, root.absent);
            LOG.info("Restored {} from {}", root.path + (root.absent ? " (absent in the snapshot: removed)" : ""), where);
        }
        if (!r.ownersKept.isEmpty()) {
            LOG.warn("Restoring {}: the runtime may not change owners; {} entries keep its user instead of the "
                    + "recorded one, e.g. {}", where, r.ownersKept.size(), r.ownersKept.get(0));
        }
        if (!parts.contains(Part.SLOT)) {
            return null;
        }
        r.slotFiles.sort(Comparator.comparing(SlotFile::path));
        return new StagedSlot(record.slot().component(), record.slot().version(), record.slot().installKind(),
                r.slotFiles);
    }

    @Override
    public void manifest(InnerManifest m) throws InstallException, IOException {
        SnapshotStore.requireMatch(m, record, where);
        if (parts.contains(Part.SLOT) && !isImage(m)) {
            if (Files.exists(slotTarget, LinkOption.NOFOLLOW_LINKS) && !Trees.isEmptyDirectory(slotTarget)) {
                throw new InstallException(Reason.STAGE_FAILED, "cannot restore " + where + " into " + slotTarget
                        + ": it must be an empty directory or absent");
            }
            createdTarget = !DurableFiles.createDirectories(slotTarget).isEmpty();
            slotTree = new TreeWriter(slotTarget, null);
        }
        for (int i = 0; parts.contains(Part.CONFIG) && i < m.configPaths().size(); i++) {
            PathSwap.resolveLeftovers(Path.of(m.configPaths().get(i)));
        }
        for (int i = 0; parts.contains(Part.DATA) && i < m.dataPaths().size(); i++) {
            PathSwap.resolveLeftovers(Path.of(m.dataPaths().get(i)));
        }
    }

    private static boolean isImage(InnerManifest m) {
        return m.entries().stream().anyMatch(e -> ManifestEntry.IMAGE.equals(e.type()));
    }

    @Override
    public void entry(ManifestEntry e, InputStream content) throws InstallException, IOException {
        String name = e.name();
        if (name.equals("slot.img")) {
            if (parts.contains(Part.SLOT)) {
                image = ImageTarget.open(slotTarget, e.length());
                image.write(content);
                imageEntry = e;
                slotFiles.add(SnapshotStore.slotFile(e));
            }
            return;
        }
        if (name.startsWith("slot/")) {
            if (slotTree != null) {
                slotTree.write(name.substring("slot/".length()), e, content);
                slotFiles.add(SnapshotStore.slotFile(e));
            }
            return;
        }
        String[] seg = name.split("/", 3);
        if (!parts.contains(seg[0].equals("config") ? Part.CONFIG : Part.DATA)) {
            return;
        }
        String key = seg[0] + "/" + seg[1];
        if (seg.length == 3) {
            roots.get(key).tree.write(seg[2], e, content);
            return;
        }
        Root root = new Root(Path.of(e.origin()), !e.archived());
        roots.put(key, root);
        if (root.absent) {
            return;
        }
        DurableFiles.createDirectories(root.path.getParent());
        Path target = PathSwap.restoring(root.path);
        switch (e.type()) {
            case ManifestEntry.DIR:
                Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                root.tree = new TreeWriter(target, e);
                return;
            case ManifestEntry.LINK:
                Files.createSymbolicLink(target, Path.of(e.linkTarget()));
                break;
            default:
                TreeWriter.writeFile(target, e, content);
        }
        // Owner before mode: changing the owner clears set-id bits.
        if (!Unix.setOwner(target, e.uid(), e.gid())) {
            ownersKept.add(e.name());
        }
        if (ManifestEntry.FILE.equals(e.type())) {
            Unix.setMode(target, e.mode());
        }
    }

    private void finishWrites() throws IOException, InstallException {
        if (slotTree != null) {
            slotTree.finish();
            ownersKept.addAll(slotTree.ownersKept());
        }
        if (image != null) {
            image.finish(imageEntry);
        }
        for (Root root : roots.values()) {
            if (root.tree != null) {
                root.tree.finish();
                ownersKept.addAll(root.tree.ownersKept());
            }
            if (!root.absent) {
                DurableFiles.syncDirectory(root.path.getParent());
            }
        }
    }

    private void abort(Exception cause) {
        try {
            if (image != null) {
                image.abort();
            }
            if (slotTree != null) {
                // The target was empty or absent before: everything in it is ours.
                if (createdTarget) {
                    Trees.delete(slotTarget);
                } else {
                    Trees.clear(slotTarget);
                }
            }
            for (Root root : roots.values()) {
                Trees.delete(PathSwap.restoring(root.path));
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
            LOG.warn("Restoring {} failed and not all partial output could be removed: {}", where, e.getMessage());
        }
    }
}
