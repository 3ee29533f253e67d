package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recognises a full file system among I/O failures and says how much space is left. */
final class NoSpace {
    private NoSpace() {
    }

    /** Whether the failure, or one of its causes, is ENOSPC or EDQUOT. */
    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
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
