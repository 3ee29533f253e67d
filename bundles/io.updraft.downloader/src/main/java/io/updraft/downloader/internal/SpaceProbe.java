package io.updraft.downloader.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space for downloads; replaceable so tests and benchmarks can pretend a full disk. */
@FunctionalInterface
public interface SpaceProbe {
    /** The file system's space as {@link java.nio.file.FileStore#getUsableSpace()} reports it. */
    SpaceProbe FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();

    /** Bytes that may still be written in {@code dir}. */
    long usableBytes(Path dir) throws IOException;
}
