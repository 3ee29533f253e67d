package io.updraft.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes trees relative to open directory handles ({@code openat}, {@code unlinkat}), never by path. Directories
 * in a slot or data path may belong to the component's own user, who can swap one for a link at any moment; a
 * delete by path would then let root remove whatever the link points to. Here every step names one entry inside
 * a directory already opened without following links, so a swapped entry is at worst a link, and a link is removed.
 *
 * <p>Guaranteed: nothing outside the tree is deleted or has its mode changed, whatever is swapped in while the
 * tree is deleted; links are removed, never followed; read-only directories in the tree are made writable (through
 * their own handle) so their entries can go; an entry that changes type between the look and the act is looked at
 * once more. Refused with an {@link IOException} before anything is deleted: a path without a parent, a {@code .}
 * or {@code ..} name, a platform without {@link SecureDirectoryStream}. A directory more than 2048 levels below the
 * starting point (each level holds an open handle) fails the call when it is reached, and nothing in it is touched.
 * Failures name the full path of the entry concerned. Not atomic: a failure or power cut part way leaves part of the
 * tree. Immutable; one instance may serve several threads.
 */
public final class TreeDeleter {
    /** Runs after an entry's type was read and before it is acted on; tests change the tree there. */
    interface Hook {
        void before(Path entry) throws IOException;
    }

    /**
     * Deeper trees are refused: every level holds an open directory handle until it is emptied. Trees made by path
     * (as staging makes them) cannot be deeper, since a path holds at most 4096 bytes.
     */
    static final int MAX_DEPTH = 2048;

    private static final Set<PosixFilePermission> OWNER_ALL = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Hook hook;
    private final int maxDepth;

    /** A deleter for production use: no hook, and trees deeper than 2048 levels refused. */
    public TreeDeleter() {
        this(entry -> { }, MAX_DEPTH);
    }

    /** For tests: a hook into every step and a smaller depth limit. */
    TreeDeleter(Hook hook, int maxDepth) {
        this.hook = hook;
        this.maxDepth = maxDepth;
    }

    /**
     * Deletes everything inside the directory {@code dir} and keeps {@code dir}.
     *
     * @throws IOException if {@code dir} does not exist or is not a directory (a link to one included), or an
     *         entry cannot be deleted; what was deleted before stays deleted
     */
    public void clear(Path dir) throws IOException {
        Path abs = absolute(dir);
        try (SecureDirectoryStream<Path> parent = open(abs.getParent());
                SecureDirectoryStream<Path> self = openDirectory(parent, abs.getFileName(), abs)) {
            empty(self, abs, 1);
        }
    }

    /**
     * Deletes the file, link or directory tree at {@code p}; nothing when it does not exist. A link at {@code p} is
     * removed itself, its target left alone.
     *
     * @throws IOException if an entry cannot be deleted; what was deleted before stays deleted
     */
    public void delete(Path p) throws IOException {
        Path abs = absolute(p);
        try (SecureDirectoryStream<Path> parent = open(abs.getParent())) {
            remove(parent, abs.getFileName(), abs, 1);
        }
    }

    private static Path absolute(Path p) throws IOException {
        Path abs = p.toAbsolutePath();
        String name = abs.getFileName() == null ? "" : abs.getFileName().toString();
        if (abs.getParent() == null || name.equals(".") || name.equals("..")) {
            throw new IOException("refusing to delete " + p + ": it must name an entry inside a directory");
        }
        return abs;
    }

    /** The one directory opened by path: the parent of what is deleted, which the runtime alone controls. */
    private static SecureDirectoryStream<Path> open(Path dir) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        throw new IOException("this platform offers no secure directory stream for " + dir
                + "; refusing to delete below it by path, which a link swapped in could redirect");
    }

    private static SecureDirectoryStream<Path> openDirectory(SecureDirectoryStream<Path> parent, Path name, Path shown)
            throws IOException {
        try {
            return parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            BasicFileAttributes found = attributes(parent, name);
            if (found != null && !found.isDirectory()) {
                throw new IOException(shown + " is not a directory (a link or file is in its place)", e);
            }
            throw named(e, shown);
        }
    }

    private void empty(SecureDirectoryStream<Path> dir, Path shown, int depth) throws IOException {
        if (depth > maxDepth) {
            throw new IOException("directory " + shown + " lies more than " + maxDepth
                    + " levels deep; refusing to delete it");
        }
        // Listed first, deleted after: the listing is not disturbed by its own deletions.
        List<Path> names = new ArrayList<>();
        for (Path entry : dir) {
            names.add(entry.getFileName());
        }
        for (Path name : names) {
            remove(dir, name, shown.resolve(name), depth + 1);
        }
    }

    private void remove(SecureDirectoryStream<Path> parent, Path name, Path shown, int depth) throws IOException {
        for (int attempt = 0;; attempt++) {
            BasicFileAttributes seen = attributes(parent, name);
            if (seen == null) {
                return;
            }
            if (attempt == 0) {
                hook.before(shown);
            }
            try {
                if (seen.isDirectory()) {
                    removeDirectory(parent, name, shown, depth);
                } else {
                    parent.deleteFile(name);
                }
                return;
            } catch (FileSystemException e) {
                // The entry may have changed between the look and the act (a directory became a link or the other
                // way round): look once more and act on what is there now; a second change is an error.
                BasicFileAttributes now = attributes(parent, name);
                if (now == null) {
                    return;
                }
                if (attempt > 0 || now.isDirectory() == seen.isDirectory()) {
                    throw named(e, shown);
                }
            }
        }
    }

    private void removeDirectory(SecureDirectoryStream<Path> parent, Path name, Path shown, int depth)
            throws IOException {
        try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            // A read-only directory (e.g. a staged 0555 one) must become writable for its entries to go. The mode
            // is changed through the open handle, so it is this directory's and nothing a link points to.
            PosixFileAttributeView view = dir.getFileAttributeView(PosixFileAttributeView.class);
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            if (!perms.containsAll(OWNER_ALL)) {
                Set<PosixFilePermission> writable = EnumSet.copyOf(OWNER_ALL);
                writable.addAll(perms);
                view.setPermissions(writable);
            }
            empty(dir, shown, depth);
        }
        parent.deleteDirectory(name);
    }

    /** Failures relative to a handle name only the entry, or nothing at all; the message gets the full path. */
    private static FileSystemException named(FileSystemException e, Path shown) {
        if (e.getFile() != null && Path.of(e.getFile()).isAbsolute()) {
            return e;
        }
        String why;
        if (e instanceof DirectoryNotEmptyException) {
            why = "directory not empty (entries appeared while it was being deleted)";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "does not exist";
        } else {
            why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        }
        FileSystemException named = new FileSystemException(shown.toString(), null, why);
        named.initCause(e);
        return named;
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        try {
            return parent.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
