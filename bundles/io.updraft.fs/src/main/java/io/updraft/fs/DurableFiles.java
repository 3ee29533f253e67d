package io.updraft.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes, creates and renames files so that a power cut at any instant leaves either the state before the call or
 * the state after it, never a mix; once a method returns, its result survives a power cut. It relies on what
 * Linux file systems guarantee: rename(2) is atomic, fsync of a file makes its data durable, and fsync of a
 * directory makes the names in it (new files, renames, new subdirectories) durable.
 *
 * <p>Stateless; callers that write one file from several threads serialise the writes themselves.
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /**
     * Makes the entries of {@code dir} durable (fsync on the directory): files created, renamed or deleted in it
     * before this call are still so after a power cut.
     */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Like {@link Files#createDirectories}, but what it creates survives a power cut: each directory it creates is
     * synced, and so is that directory's parent, which holds its name.
     *
     * @return the absolute paths of the directories created, outermost first; empty if {@code dir} existed
     * @throws FileAlreadyExistsException if something other than a directory is in the way
     */
    public static List<Path> createDirectories(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        List<Path> created = new ArrayList<>();
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                created.add(p);
            } catch (FileAlreadyExistsException e) {
                // Made by someone else meanwhile (fine), or a file where the directory must be (not fine).
                if (!Files.isDirectory(p)) {
                    throw e;
                }
            }
        }
        Set<Path> toSync = new LinkedHashSet<>();
        for (int i = created.size() - 1; i >= 0; i--) {
            toSync.add(created.get(i));
            toSync.add(created.get(i).getParent());
        }
        for (Path p : toSync) {
            syncDirectory(p);
        }
        return created;
    }

    /**
     * Writes {@code content} to a new file {@code temp} and fsyncs it, so it can be renamed into place: after a
     * power cut a file renamed from {@code temp} is complete. A leftover {@code temp} is deleted first, so the new
     * file is created with {@code permissions} from the start and its content is never readable under others.
     *
     * @param permissions the new file's permissions, or {@code null} for the default ones (umask)
     */
    public static void writeTemporary(Path temp, byte[] content, Set<PosixFilePermission> permissions)
            throws IOException {
        FileAttribute<?>[] attributes = permissions == null ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        Files.deleteIfExists(temp);
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                attributes)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            // Data and metadata must be on disk before a rename publishes them, or a power cut leaves an empty file.
            ch.force(true);
        }
    }

    /**
     * Puts {@code content} into {@code file} through {@code temp} (a name in the same directory): written and
     * fsynced by {@link #writeTemporary}, renamed atomically onto {@code file}, and the directory fsynced. At every
     * instant and after a power cut, {@code file} is absent or holds its old content or the complete new one; when
     * this returns, the new content survives a power cut.
     *
     * @param permissions the new file's permissions, or {@code null} for the default ones (umask)
     * @param replace whether an existing {@code file} may be replaced; if not, an existing one stays and this
     *        throws {@link FileAlreadyExistsException}, even when another process creates it meanwhile
     * @throws java.nio.file.AtomicMoveNotSupportedException if the file system cannot rename atomically
     * @throws IOException if {@code file} is unchanged; {@code temp} is deleted if the rename failed
     */
    public static void write(Path file, byte[] content, Set<PosixFilePermission> permissions, boolean replace,
            Path temp) throws IOException {
        writeTemporary(temp, content, permissions);
        try {
            if (replace) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                renameNoReplace(temp, file);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Renames {@code file} to {@code <name>.<tag>-<stamp>} in its directory, or {@code <name>.<tag>-<stamp>-<n>}
     * with the smallest free {@code n}, and fsyncs the directory, so evidence is kept rather than deleted. Skips every
     * name that exists when it looks; after a power cut the file is under its old name or the new one.
     *
     * @return the new path
     */
    public static Path moveAside(Path file, String tag, String stamp) throws IOException {
        String base = file.getFileName() + "." + tag + "-" + stamp;
        for (int n = 0;; n++) {
            Path target = file.resolveSibling(n == 0 ? base : base + "-" + n);
            if (Files.exists(target)) {
                continue;
            }
            try {
                renameNoReplace(file, target);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            syncDirectory(file.toAbsolutePath().getParent());
            return target;
        }
    }

    /**
     * Gives {@code source} the name {@code target} unless that name exists. An atomic rename (rename(2)) would
     * replace an existing target whatever the options say, so the new name is made with link(2), which fails if
     * the name exists, and the old one removed. A power cut in between leaves both names on the same content.
     */
    private static void renameNoReplace(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException e) {
            // File systems without hard links (FAT on removable media): best effort, checked just before.
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Files.delete(source);
    }
}
