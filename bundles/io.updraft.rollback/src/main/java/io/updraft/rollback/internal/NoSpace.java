package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says how much space is left where a write failed for want of it; {@link io.updraft.fs.Space} tells that failure
 * apart from others.
 */
final class NoSpace {
    private NoSpace() {
    }

    /** e.g. {@code 12288 bytes free on /var (ext4)}; the reason when the store cannot be read. */
    static String free(Path p) {
        try {
            FileStore store = Files.getFileStore(p);
            return store.getUsableSpace() + " bytes free on " + store;
        } catch (IOException e) {
            return "free space of " + p + " unknown (" + e.getMessage() + ")";
        }
    }
}
