package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import io.updraft.fs.TreeDeleter;

/** Deleting trees without following links. */
final class Trees {
    private Trees() {
    }

    /**
     * Deletes a file, link or directory tree; nothing if it does not exist. Links are removed, never followed, and
     * nothing is deleted by path: a data path's directories may belong to the component's user, who can change
     * them while they are deleted.
     */
    static void delete(Path p) throws IOException {
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            new TreeDeleter().delete(p);
        }
    }

    /** Deletes what a directory holds, keeping the directory; nothing if it is not a directory. */
    static void clear(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            new TreeDeleter().clear(dir);
        }
    }

    /** Whether {@code dir} is a directory (not a link to one) holding nothing. */
    static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            return !children.iterator().hasNext();
        }
    }
}
