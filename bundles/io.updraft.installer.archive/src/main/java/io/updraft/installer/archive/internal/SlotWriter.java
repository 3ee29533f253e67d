package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.SlotFile;

/**
 * Writes entries into an empty slot directory, refusing anything that could land outside it: every parent is a
 * directory this writer made (never a link, checked on disk too), nothing is ever opened through a link or over an
 * existing name, and content stops at the byte bound. Modes and owners come from the caller, never from defaults
 * of the process. {@link #finish} makes the whole tree durable.
 */
final class SlotWriter {
    private static final int BUFFER = 256 * 1024;
    /** Files synced at once in {@link #finish}. */
    private static final int SYNC_THREADS = 3;
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    private final Path slot;
    private final ArchiveLimits limits;
    private final Ownership ownership;
    private final long byteBound;
    private final String boundReason;
    private final LongConsumer onChunk;
    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final byte[] buffer = new byte[BUFFER];
    private final MessageDigest digest;
    private final PendingFiles pending;
    private final Syncer syncer;
    private long contentBytes;

    /**
     * @param byteBound most content bytes the slot may receive
     * @param boundReason says where the bound comes from, for the refusal message
     * @param onChunk called with the content bytes written so far after each chunk, to report progress
     * @param syncer makes each file and directory durable in {@link #finish}
     */
    SlotWriter(Path slot, ArchiveLimits limits, Ownership ownership, long byteBound, String boundReason,
            LongConsumer onChunk, Syncer syncer) {
        this.slot = slot;
        this.limits = limits;
        this.ownership = ownership;
        this.byteBound = byteBound;
        this.boundReason = boundReason;
        this.onChunk = onChunk;
        this.syncer = syncer;
        this.pending = new PendingFiles(slot, ownership, syncer, SYNC_THREADS);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Content bytes written so far. */
    long contentBytes() {
        return contentBytes;
    }

    void directory(EntryPath path, int mode, String entry) throws InstallException {
        if (path.isRoot()) {
            // The slot directory belongs to the installer; an archive's "./" does not set its mode.
            return;
        }
        Path target = parents(path, entry);
        Node existing = nodes.get(path.path());
        if (existing != null) {
            if (!existing.implied()) {
                throw duplicate(entry);
            }
            nodes.put(path.path(), Node.dir(mode & limits.modeMask()));
            return;
        }
        countOne(entry);
        try {
            Files.createDirectory(target);
        } catch (IOException e) {
            throw WriteFailures.writing(slot, entry, e);
        }
        nodes.put(path.path(), Node.dir(mode & limits.modeMask()));
    }

    /**
     * Writes exactly {@code size} bytes from {@code in} to a new file.
     *
     * @return the SHA-256 of what was written, lower-case hex
     */
    String file(EntryPath path, int mode, long size, InputStream in, String entry)
            throws InstallException, InterruptedException {
        if (path.isRoot()) {
            throw EntryPath.unsafe(entry, "is a file named like the slot itself");
        }
        if (size < 0 || size > byteBound - contentBytes) {
            throw expands(entry, size);
        }
        Path target = parents(path, entry);
        if (nodes.containsKey(path.path())) {
            throw duplicate(entry);
        }
        countOne(entry);
        digest.reset();
        long written = 0;
        try (FileChannel out = FileChannel.open(target, CREATE,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            nodes.put(path.path(), Node.file(0600, 0, ""));
            while (true) {
                int n = read(in, entry);
                if (n < 0) {
                    break;
                }
                if (n > byteBound - contentBytes) {
                    throw expands(entry, written + n);
                }
                digest.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                written += n;
                contentBytes += n;
                onChunk.accept(contentBytes);
                if (Thread.interrupted()) {
                    throw new InterruptedException("staging interrupted while writing '" + entry + "'");
                }
            }
            if (written != size) {
                throw new InstallException(Reason.BAD_PACKAGE, "archive entry '" + entry + "' has " + written
                        + " bytes where " + size + " were announced");
            }
        } catch (IOException e) {
            throw WriteFailures.writing(slot, entry, e);
        }
        pending.add(target, entry, mode & limits.modeMask());
        String sha = HexFormat.of().formatHex(digest.digest());
        nodes.put(path.path(), Node.file(mode & limits.modeMask(), written, sha));
        return sha;
    }

    void symlink(EntryPath path, String linkTarget, String entry) throws InstallException {
        if (path.isRoot()) {
            throw EntryPath.unsafe(entry, "is a symbolic link named like the slot itself");
        }
        Path target = parents(path, entry);
        if (nodes.containsKey(path.path())) {
            throw duplicate(entry);
        }
        LinkCheck.requireInside(nodes, path.parentParts(), linkTarget, entry);
        countOne(entry);
        try {
            Files.createSymbolicLink(target, target.getFileSystem().getPath(linkTarget));
            ownership.apply(target);
            // Stored as the file system keeps it, so a later check compares like with like.
            nodes.put(path.path(), Node.link(Files.readSymbolicLink(target).toString()));
        } catch (IOException e) {
            throw WriteFailures.writing(slot, entry, e);
        }
    }

    /**
     * Gives every file its owner and mode and syncs it, then applies directory modes and owners (children first, so a
     * read-only directory is finished last) and syncs every directory after its entries, the slot itself last; then
     * describes the slot. Nothing in the slot is durable before this returns.
     */
    List<SlotFile> finish() throws InstallException, InterruptedException {
        pending.syncAll();
        for (Map.Entry<String, Node> e : nodes.descendingMap().entrySet()) {
            if (!e.getValue().type().equals(Node.DIR)) {
                continue;
            }
            Path dir = slot.resolve(e.getKey());
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ownership.apply(dir);
                setMode(dir, e.getValue().mode());
                syncer.sync(ch, dir);
            } catch (IOException ex) {
                throw WriteFailures.writing(slot, e.getKey(), ex);
            }
        }
        try (FileChannel ch = FileChannel.open(slot, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            syncer.sync(ch, slot);
        } catch (IOException e) {
            throw WriteFailures.writing(slot, ".", e);
        }
        List<SlotFile> entries = new ArrayList<>(nodes.size());
        nodes.forEach((path, node) -> entries.add(node.toSlotFile(path)));
        return entries;
    }

    /** Makes the missing parents of {@code path} and checks the others are real directories; returns its place. */
    private Path parents(EntryPath path, String entry) throws InstallException {
        Path dir = slot;
        List<String> parts = path.parts();
        for (int i = 1; i < parts.size(); i++) {
            String prefix = path.prefix(i);
            dir = dir.resolve(parts.get(i - 1));
            Node node = nodes.get(prefix);
            if (node == null) {
                countOne(entry);
                try {
                    Files.createDirectory(dir);
                } catch (IOException e) {
                    throw WriteFailures.writing(slot, prefix, e);
                }
                nodes.put(prefix, Node.impliedDir());
            } else if (node.type().equals(Node.LINK)) {
                throw EntryPath.unsafe(entry, "passes through the symbolic link '" + prefix + "'");
            } else if (!node.type().equals(Node.DIR)) {
                throw EntryPath.unsafe(entry, "passes through '" + prefix + "', which is a file");
            }
            requireRealDirectory(dir, prefix, entry);
        }
        return dir.resolve(parts.get(parts.size() - 1));
    }

    private static void requireRealDirectory(Path dir, String prefix, String entry) throws InstallException {
        try {
            if (Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) {
                return;
            }
        } catch (IOException e) {
            // Reported below: whatever is there, it is not the directory this writer made.
        }
        throw EntryPath.unsafe(entry, "has the parent '" + prefix + "', which is no longer a real directory in the slot");
    }

    private int read(InputStream in, String entry) throws InstallException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new InstallException(Reason.BAD_PACKAGE, "archive entry '" + entry + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private void countOne(String entry) throws InstallException {
        if (nodes.size() >= limits.maxEntries()) {
            throw EntryPath.unsafe(entry, "would make the slot hold more than " + limits.maxEntries()
                    + " entries (property " + ArchiveLimits.MAX_ENTRIES + ")");
        }
    }

    private InstallException expands(String entry, long size) {
        return EntryPath.unsafe(entry, "would expand the slot beyond " + byteBound + " bytes (" + boundReason
                + "; " + contentBytes + " written before it, the entry has " + size + ")");
    }

    private static InstallException duplicate(String entry) {
        return EntryPath.unsafe(entry, "appears twice");
    }

    private static void setMode(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }
}
