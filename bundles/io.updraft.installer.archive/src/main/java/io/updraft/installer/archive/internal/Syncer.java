package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Makes one slot entry durable through a channel open on it. A seam so tests can see that every file and directory
 * of a slot was synced, after its owner and mode were set, before staging returned.
 */
@FunctionalInterface
interface Syncer {
    /** The real thing: content and metadata to the device. */
    Syncer FSYNC = (channel, path) -> channel.force(true);

    void sync(FileChannel channel, Path path) throws IOException;
}
