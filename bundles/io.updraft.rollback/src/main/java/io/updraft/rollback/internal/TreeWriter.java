package io.updraft.rollback.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.updraft.fs.DurableFiles;

/**
 * Writes checked manifest entries below a base directory. Every entry is created new (a file with
 * {@code CREATE_NEW}, never through a link) inside a directory this writer created, so nothing can be written
 * outside the base whatever the entries say. Directory modes are applied last, deepest first, so a read-only
 * directory still receives its entries; everything is synced by {@link #finish}.
 */
final class TreeWriter {
    private final Path base;
    private final ManifestEntry baseEntry;
    private final Set<String> dirs = new HashSet<>();
    private final Map<String, ManifestEntry> dirEntries = new LinkedHashMap<>();
    private final List<String> ownersKept = new ArrayList<>();

    /**
     * @param base an existing, empty directory
     * @param baseEntry the entry whose owner and mode the base gets at the end; null to leave the base as it is
     */
    TreeWriter(Path base, ManifestEntry baseEntry) {
        this.base = base;
        this.baseEntry = baseEntry;
        dirs.add("");
    }

    void write(String rel, ManifestEntry e, InputStream content) throws IOException {
        int slash = rel.lastIndexOf('/');
        String parent = slash < 0 ? "" : rel.substring(0, slash);
        Path p = base.resolve(rel).normalize();
        if (!dirs.contains(parent) || !p.startsWith(base) || p.equals(base)) {
            throw new IOException("entry '" + e.name() + "' is not inside a directory restored before it");
        }
        switch (e.type()) {
            case ManifestEntry.DIR:
                Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                dirs.add(rel);
                dirEntries.put(rel, e);
                break;
            case ManifestEntry.LINK:
                Files.createSymbolicLink(p, Path.of(e.linkTarget()));
                owner(p, e);
                break;
            case ManifestEntry.FILE:
                writeFile(p, e, content);
                owner(p, e);
                Unix.setMode(p, e.mode());
                break;
            default:
                throw new IOException("entry '" + e.name() + "' of type " + e.type() + " does not belong in a tree");
        }
    }

    /** Applies directory owners and modes, deepest first, and syncs every directory written. */
    void finish() throws IOException {
        List<String> order = new ArrayList<>(dirEntries.keySet());
        order.sort((a, b) -> b.compareTo(a));
        for (String rel : order) {
            Path p = base.resolve(rel);
            ManifestEntry e = dirEntries.get(rel);
            owner(p, e);
            Unix.setMode(p, e.mode());
            DurableFiles.syncDirectory(p);
        }
        if (baseEntry != null) {
            owner(base, baseEntry);
            Unix.setMode(base, baseEntry.mode());
        }
        DurableFiles.syncDirectory(base);
    }

    /** Entries whose recorded owner could not be given back (the runtime lacks the privilege). */
    List<String> ownersKept() {
        return ownersKept;
    }

    private void owner(Path p, ManifestEntry e) throws IOException {
        if (!Unix.setOwner(p, e.uid(), e.gid())) {
            ownersKept.add(e.name());
        }
    }

    /** Creates {@code p} new (never through a link), writes the bytes and syncs them. Mode is the caller's. */
    static void writeFile(Path p, ManifestEntry e, InputStream content) throws IOException {
        try (FileChannel ch = FileChannel.open(p, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            byte[] buffer = new byte[Hashes.BUFFER];
            int n;
            while ((n = content.read(buffer)) > 0) {
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.force(true);
        }
    }
}
