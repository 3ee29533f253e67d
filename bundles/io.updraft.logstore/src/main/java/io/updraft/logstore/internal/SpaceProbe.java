package io.updraft.logstore.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much room the file system holding the store has; tests put in a file system of their own making. */
interface SpaceProbe {
    /** Bytes this process may still write there. */
    long usable(Path dir) throws IOException;

    /** Size of the file system. */
    long total(Path dir) throws IOException;

    SpaceProbe FILE_SYSTEM = new SpaceProbe() {
        @Override
        public long usable(Path dir) throws IOException {
            return store(dir).getUsableSpace();
        }

        @Override
        public long total(Path dir) throws IOException {
            return store(dir).getTotalSpace();
        }

        private FileStore store(Path dir) throws IOException {
            return Files.getFileStore(dir);
        }
    };
}
