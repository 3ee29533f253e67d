package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;

/**
 * Builds the inner manifest of a new snapshot: the slot as its {@link StagedSlot} describes it (checked against
 * the disk entry by entry, hashes while the archive is written) and the configuration and data paths as they are
 * now (hashed here and again while written, so a file changing in between is noticed).
 */
final class ManifestPlanner {
    private ManifestPlanner() {
    }

    static InnerManifest plan(ComponentSpec spec, StagedSlot staged, Path slot, Instant created)
            throws InstallException, IOException {
        String where = "component " + spec.name() + ", slot " + slot;
        List<ManifestEntry> entries = new ArrayList<>();
        List<SlotFile> files = new ArrayList<>(staged.entries());
        files.sort(Comparator.comparing(SlotFile::path));
        for (SlotFile f : files) {
            entries.add(slotEntry(f, files.size(), slot, where));
        }
        List<String> configPaths = new ArrayList<>();
        for (Path p : spec.configPaths()) {
            configPaths.add(p.normalize().toString());
            TreeScanner.scan(p.normalize(), "config/" + (configPaths.size() - 1), entries);
        }
        List<String> dataPaths = new ArrayList<>();
        for (Path p : spec.dataPaths()) {
            dataPaths.add(p.normalize().toString());
            TreeScanner.scan(p.normalize(), "data/" + (dataPaths.size() - 1), entries);
        }
        InnerManifest m = new InnerManifest(spec.name(), staged.version(), staged.installKind(), created, configPaths,
                dataPaths, entries);
        try {
            ManifestRules.check(m, "snapshot of " + where);
        } catch (InstallException e) {
            // What we could not restore safely is never written.
            throw new InstallException(Reason.VERIFY_FAILED, e.getMessage(), e);
        }
        return m;
    }

    private static ManifestEntry slotEntry(SlotFile f, int count, Path slot, String where)
            throws InstallException, IOException {
        if (ManifestEntry.IMAGE.equals(f.type())) {
            if (count != 1) {
                throw mismatch(where, f.path(), "is an image entry among " + count + " entries");
            }
            // A partition may be named through a link (/dev/disk/by-partlabel/...): follow it.
            if (!Files.exists(slot)) {
                throw mismatch(where, "", "is missing");
            }
            if (Files.isRegularFile(slot) && Files.size(slot) != f.length()) {
                throw mismatch(where, "", "holds " + Files.size(slot) + " bytes, staged " + f.length());
            }
            return new ManifestEntry("slot.img", ManifestEntry.IMAGE, f.mode(), f.length(), f.sha256(), "", "", -1, -1);
        }
        String rel = f.path();
        if (rel.isEmpty() || rel.startsWith("/") || List.of(rel.split("/", -1)).stream()
                .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            throw mismatch(where, rel, "is not a relative path inside the slot");
        }
        Path p = slot.resolve(rel);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            throw mismatch(where, rel, "is missing");
        }
        String type = a.isSymbolicLink() ? ManifestEntry.LINK : a.isDirectory() ? ManifestEntry.DIR
                : a.isRegularFile() ? ManifestEntry.FILE : "special file";
        if (!type.equals(f.type())) {
            throw mismatch(where, rel, "is a " + type + ", staged as " + f.type());
        }
        String target = "";
        int mode = 0;
        if (a.isSymbolicLink()) {
            target = Files.readSymbolicLink(p).toString();
            if (!target.equals(f.linkTarget())) {
                throw mismatch(where, rel, "points to '" + target + "', staged '" + f.linkTarget() + "'");
            }
        } else {
            mode = Unix.mode(p);
            if (mode != f.mode()) {
                throw mismatch(where, rel, "has mode " + Integer.toOctalString(mode) + ", staged "
                        + Integer.toOctalString(f.mode()));
            }
        }
        if (a.isRegularFile() && a.size() != f.length()) {
            throw mismatch(where, rel, "holds " + a.size() + " bytes, staged " + f.length());
        }
        return new ManifestEntry("slot/" + rel, type, mode, a.isRegularFile() ? f.length() : 0,
                a.isRegularFile() ? f.sha256() : "", target, rel, Unix.uid(p), Unix.gid(p));
    }

    static InstallException mismatch(String where, String entry, String what) {
        return new InstallException(Reason.VERIFY_FAILED, where + " does not match what was staged: "
                + (entry.isEmpty() ? "the image" : "entry '" + entry + "'") + " " + what
                + "; a snapshot of a damaged slot is never kept");
    }
}
