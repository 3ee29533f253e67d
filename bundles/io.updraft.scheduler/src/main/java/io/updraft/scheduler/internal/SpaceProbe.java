package io.updraft.scheduler.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space for updates; replaced in tests. */
interface SpaceProbe {

    /** Bytes an unprivileged writer may still use on the file system holding {@code dir}. */
    long usableBytes(Path dir) throws IOException;

    /** The file system's own figure, asked of the nearest directory that exists (the home may not yet). */
    SpaceProbe FILE_SYSTEM = dir -> {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IOException("no existing directory above " + dir);
        }
        return Files.getFileStore(p).getUsableSpace();
    };
}
