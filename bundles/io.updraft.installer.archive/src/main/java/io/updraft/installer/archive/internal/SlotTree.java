package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.TreeMap;

import io.updraft.fs.DurableFiles;
import io.updraft.fs.TreeDeleter;
import io.updraft.install.SlotFile;

/** Reads and empties a slot directory without ever following a link out of it. */
final class SlotTree {
    private static final int BUFFER = 256 * 1024;

    private SlotTree() {
    }

    /** Every entry below {@code slot} as it is now, by relative path; file content hashed. */
    static TreeMap<String, SlotFile> scan(Path slot) throws IOException {
        TreeMap<String, SlotFile> found = new TreeMap<>();
        Files.walkFileTree(slot, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        if (!dir.equals(slot)) {
                            found.put(relative(slot, dir), new SlotFile(relative(slot, dir), Node.DIR, 0, "", mode(dir), ""));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String path = relative(slot, file);
                        if (attrs.isSymbolicLink()) {
                            found.put(path, new SlotFile(path, Node.LINK, 0, "", 0, Files.readSymbolicLink(file).toString()));
                        } else if (attrs.isRegularFile()) {
                            found.put(path, new SlotFile(path, Node.FILE, attrs.size(), sha256(file), mode(file), ""));
                        } else {
                            found.put(path, new SlotFile(path, "other", 0, "", mode(file), ""));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return found;
    }

    /**
     * Deletes everything below {@code slot}, keeping {@code slot} itself, and syncs it. Links are removed, not
     * followed, and nothing is deleted by path: the component's user may change the slot while it is cleared.
     */
    static void clear(Path slot) throws IOException {
        if (!Files.exists(slot, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(slot, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("slot " + slot + " is not a directory (a link or file is in its place)");
        }
        new TreeDeleter().clear(slot);
        DurableFiles.syncDirectory(slot);
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static String relative(Path slot, Path p) {
        return slot.relativize(p).toString();
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), digest)) {
            while (in.read(buffer) >= 0) {
                // Reading is the hashing.
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
