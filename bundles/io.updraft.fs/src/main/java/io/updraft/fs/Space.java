package io.updraft.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a full file system apart from other I/O failures, so that callers can report "no space" (which the device
 * maker fixes by freeing space) rather than a broken package or a bug.
 */
public final class Space {
    private Space() {
    }

    /**
     * Whether {@code e} or one of its causes is ENOSPC ("No space left on device") or EDQUOT ("Disk quota
     * exceeded"). The JDK reports both only through the message, so this reads the message of each cause; false for
     * {@code null}.
     */
    public static boolean isExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** Bytes usable by this process on the file system where {@code p} lives, or -1 if that cannot be told. */
    public static long usable(Path p) {
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
