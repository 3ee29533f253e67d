package io.updraft.state.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.updraft.fs.DurableFiles;

/**
 * One state file written so that, at every instant and after a power cut, it holds either its old or its new
 * complete content. The previous good content is kept as {@code <name>.prev} to recover from later corruption.
 *
 * <p>Not thread-safe: the store serialises all writes.
 */
final class AtomicFile {
    static final String TEMP_SUFFIX = ".tmp";
    static final String PREV_SUFFIX = ".prev";

    private final Path file;
    private final Path prev;
    private final Path temp;
    private final Path prevTemp;
    private final Path dir;
    private final DirectorySync sync;

    /** Makes the entries of a directory durable; replaced in tests to simulate failing storage. */
    @FunctionalInterface
    interface DirectorySync {
        DirectorySync FSYNC = DurableFiles::syncDirectory;

        void sync(Path dir) throws IOException;
    }

    AtomicFile(Path file) {
        this(file, DirectorySync.FSYNC);
    }

    AtomicFile(Path file, DirectorySync sync) {
        this.sync = sync;
        this.file = file.toAbsolutePath();
        this.dir = this.file.getParent();
        String name = this.file.getFileName().toString();
        this.prev = dir.resolve(name + PREV_SUFFIX);
        this.temp = dir.resolve(name + TEMP_SUFFIX);
        this.prevTemp = dir.resolve(name + PREV_SUFFIX + TEMP_SUFFIX);
    }

    Path path() {
        return file;
    }

    Path previousPath() {
        return prev;
    }

    boolean exists() {
        return Files.exists(file);
    }

    boolean previousExists() {
        return Files.exists(prev);
    }

    /** The checked payload of the current file. */
    byte[] read() throws IOException, CorruptFileException {
        return Envelope.unwrap(Files.readAllBytes(file));
    }

    /** The checked payload of the previous copy. */
    byte[] readPrevious() throws IOException, CorruptFileException {
        return Envelope.unwrap(Files.readAllBytes(prev));
    }

    /**
     * Replaces the content durably; when this returns, the new content survives a power cut.
     *
     * @throws NotDurableException if the new content is in place but could not be made durable
     * @throws IOException if the old content is still in place
     */
    void write(byte[] payload) throws IOException {
        Files.createDirectories(dir);
        DurableFiles.writeTemporary(temp, Envelope.wrap(payload), null);
        keepPrevious();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try {
            sync.sync(dir);
        } catch (IOException e) {
            throw new NotDurableException("new content of " + file + " is in place, but syncing " + dir
                    + " to make it durable failed: " + e.getMessage(), e);
        }
    }

    /**
     * Moves the current file out of the way under {@code <name>.<tag>-<stamp>} rather than deleting it, so the
     * evidence survives for whoever looks into the failure. Returns the new path.
     */
    Path moveAside(String tag, String stamp) throws IOException {
        return DurableFiles.moveAside(file, tag, stamp);
    }

    Path movePreviousAside(String tag, String stamp) throws IOException {
        return DurableFiles.moveAside(prev, tag, stamp);
    }

    /**
     * Deletes the previous copy and any temporary file of this file, without syncing the directory. The first
     * half of removing the file: see {@link #deleteCurrent()}. Returns whether anything was deleted.
     */
    boolean deletePreviousAndTemporary() throws IOException {
        boolean deleted = Files.deleteIfExists(temp);
        deleted |= Files.deleteIfExists(prevTemp);
        return Files.deleteIfExists(prev) || deleted;
    }

    /**
     * Deletes the current file, without syncing the directory. Only once the deletion of the previous copy is
     * durable: a previous copy without its current file is what an interrupted recovery leaves, and the next start
     * would bring the file back from it and report it as damaged.
     */
    boolean deleteCurrent() throws IOException {
        return Files.deleteIfExists(file);
    }

    private void keepPrevious() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        // A write interrupted after this step leaves prev linked to the current file. Linking again would be
        // useless, and rename(2) between two links of one inode does nothing, leaving the temporary link behind.
        if (Files.exists(prev) && Files.isSameFile(prev, file)) {
            return;
        }
        Files.deleteIfExists(prevTemp);
        try {
            // A hard link costs no copy; the current file is already durable, so only the name is new.
            Files.createLink(prevTemp, file);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // File systems without hard links (FAT on removable media) get a durable copy instead.
            Files.copy(file, prevTemp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(prevTemp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        // Renaming keeps a previous copy at every instant, which deleting and re-linking would not.
        Files.move(prevTemp, prev, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Deletes the temporary files an interrupted write leaves behind in {@code dir}; they never hold the only
     * copy of anything, since the rename that would have published them did not happen. Returns what was deleted.
     */
    static List<Path> deleteTemporaryFiles(Path dir, DirectorySync sync) throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return deleted;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
            for (Path p : files) {
                if (Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                    deleted.add(p);
                }
            }
        }
        if (!deleted.isEmpty()) {
            sync.sync(dir);
        }
        return deleted;
    }
}
