package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;

/**
 * Replaces a configuration or data path as a whole: the restored content is written to {@code <path>.updraft-restore},
 * the current one renamed to {@code <path>.updraft-old}, the restored one renamed into place, the old one deleted.
 * Each rename is synced, so after a power cut the path holds the old or the restored content, and what an
 * interrupted restore left beside it is cleaned up by the next restore of that path.
 */
final class PathSwap {
    private static final Logger LOG = LoggerFactory.getLogger(PathSwap.class);

    private PathSwap() {
    }

    static Path restoring(Path p) {
        return p.resolveSibling(p.getFileName() + ".updraft-restore");
    }

    static Path old(Path p) {
        return p.resolveSibling(p.getFileName() + ".updraft-old");
    }

    /**
     * Brings a path back to a plain state after an interrupted restore: a half-written restored copy is dropped; an
     * old copy moved aside goes back if the path is missing (the restore stopped between its two renames) and is
     * deleted otherwise (the restored content was already in place).
     */
    static void resolveLeftovers(Path p) throws IOException {
        Path restoring = restoring(p);
        Path old = old(p);
        boolean changed = false;
        if (Files.exists(restoring, LinkOption.NOFOLLOW_LINKS)) {
            Trees.delete(restoring);
            changed = true;
        }
        if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Trees.delete(old);
            } else {
                Files.move(old, p, StandardCopyOption.ATOMIC_MOVE);
            }
            changed = true;
        }
        if (changed) {
            DurableFiles.syncDirectory(p.getParent());
            LOG.info("Cleaned up after an interrupted restore of {}", p);
        }
    }

    /**
     * Puts the restored copy in place, or removes the path when it was absent in the snapshot.
     *
     * @param absent whether the snapshot recorded the path as not existing
     */
    static void swap(Path p, boolean absent) throws IOException {
        Path parent = p.getParent();
        Path old = old(p);
        boolean existed = Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        if (existed) {
            Files.move(p, old, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(parent);
        }
        if (!absent) {
            Files.move(restoring(p), p, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(parent);
        }
        if (existed) {
            Trees.delete(old);
            DurableFiles.syncDirectory(parent);
        }
    }
}
