package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a configuration or data path for a snapshot: a file, a link or a directory tree (never following links),
 * or {@code absent} when it does not exist, so a restore can delete what was not there.
 */
final class TreeScanner {
    private static final Logger LOG = LoggerFactory.getLogger(TreeScanner.class);

    private TreeScanner() {
    }

    static void scan(Path root, String name, List<ManifestEntry> out) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            out.add(new ManifestEntry(name, ManifestEntry.ABSENT, 0, 0, "", "", root.toString(), -1, -1));
            return;
        }
        if (!a.isRegularFile() && !a.isDirectory() && !a.isSymbolicLink()) {
            throw new IOException(root + " is neither a file, a directory nor a link; it cannot be snapshotted");
        }
        add(root, name, a, out);
    }

    private static void add(Path p, String name, BasicFileAttributes a, List<ManifestEntry> out) throws IOException {
        int uid = Unix.uid(p);
        int gid = Unix.gid(p);
        if (a.isSymbolicLink()) {
            out.add(new ManifestEntry(name, ManifestEntry.LINK, 0, 0, "", Files.readSymbolicLink(p).toString(),
                    p.toString(), uid, gid));
        } else if (a.isRegularFile()) {
            out.add(new ManifestEntry(name, ManifestEntry.FILE, Unix.mode(p), a.size(), Hashes.ofFile(p), "",
                    p.toString(), uid, gid));
        } else {
            out.add(new ManifestEntry(name, ManifestEntry.DIR, Unix.mode(p), 0, "", "", p.toString(), uid, gid));
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(p)) {
                stream.forEach(children::add);
            }
            children.sort(null);
            for (Path child : children) {
                BasicFileAttributes ca = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (ca.isOther()) {
                    // Sockets, pipes and device nodes are made by the running program, not restored from a copy.
                    LOG.warn("Snapshot leaves out {}: not a file, directory or link", child);
                    continue;
                }
                add(child, name + "/" + child.getFileName(), ca, out);
            }
        }
    }
}
