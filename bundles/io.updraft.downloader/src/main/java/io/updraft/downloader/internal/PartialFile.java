package io.updraft.downloader.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import io.updraft.fs.DurableFiles;

/**
 * The data of one download being received: {@code <id>.part} open for writing, the offset, the running digests
 * and the validators of the server's copy. Within one process a cut connection goes on from the exact offset;
 * {@link #checkpoint} makes the current offset and digests survive a restart.
 */
final class PartialFile implements AutoCloseable {
    private final StateStore store;
    private final FileChannel channel;
    private final Map<String, String> hashes;
    private PartialState state;
    private Hashes digests;
    private long offset;
    private long checkpointed;
    private String etag;
    private String lastModified;
    private long refetched;

    private PartialFile(StateStore store, FileChannel channel, PartialState state, Hashes digests) {
        this.store = store;
        this.channel = channel;
        this.state = state;
        this.hashes = state.hashes();
        this.digests = digests;
        this.offset = state.offset();
        this.checkpointed = state.offset();
        this.etag = state.etag();
        this.lastModified = state.lastModified();
        this.refetched = state.refetchedBytes();
    }

    /**
     * Opens the data of {@code state} at its checkpoint. Bytes after the checkpoint are cut off: they may not have
     * reached the disk before a power cut, and the saved digests do not include them.
     */
    static PartialFile open(StateStore store, PartialState state) throws IOException {
        Hashes digests = state.offset() == 0 ? Hashes.fresh(state.hashes().keySet())
                : Hashes.restore(state.hashStates());
        Hashes expected = Hashes.fresh(state.hashes().keySet());
        if (!digests.algorithms().equals(expected.algorithms())) {
            throw new IllegalArgumentException("saved hash states " + digests.algorithms() + " do not match the hashes "
                    + expected.algorithms() + " of download " + state.id());
        }
        FileChannel ch = FileChannel.open(store.part(state.id()),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(StateStore.FILE_MODE));
        try {
            if (ch.size() < state.offset()) {
                throw new IOException("partial data " + store.part(state.id()) + " has " + ch.size()
                        + " bytes, fewer than its checkpoint at " + state.offset());
            }
            ch.truncate(state.offset());
            return new PartialFile(store, ch, state, digests);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    long offset() {
        return offset;
    }

    long length() {
        return state.length();
    }

    long refetched() {
        return refetched;
    }

    String etag() {
        return etag;
    }

    String lastModified() {
        return lastModified;
    }

    long sinceCheckpoint() {
        return offset - checkpointed;
    }

    /** Remembers the validators of the copy the data now comes from. */
    void validators(String newEtag, String newLastModified) {
        etag = newEtag;
        lastModified = newLastModified;
    }

    void append(byte[] data, int from, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, from, length);
        long position = offset;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        digests.update(data, from, length);
        offset += length;
    }

    /** Drops all data, counting it as re-fetched: the server's copy has to be read again from the start. */
    void restart() throws IOException {
        refetched += offset;
        channel.truncate(0);
        digests = Hashes.fresh(hashes.keySet());
        offset = 0;
        checkpointed = 0;
        etag = null;
        lastModified = null;
    }

    void countRefetched(long bytes) {
        refetched += bytes;
    }

    /** Syncs the data, then durably records the offset and digest states that match it. */
    void checkpoint() throws IOException {
        channel.force(false);
        state = state.at(offset, digests.states(), etag, lastModified, refetched);
        store.save(state);
        checkpointed = offset;
    }

    /**
     * Compares length and digests with the expected ones; on a match syncs the data, renames it to its final name
     * and marks the state complete.
     *
     * @return a description of what did not match, empty on success (the data is then at {@code store.complete})
     */
    String finish() throws IOException {
        if (offset != state.length()) {
            return "length " + offset + " instead of " + state.length();
        }
        String mismatch = digests.mismatches(hashes);
        if (!mismatch.isEmpty()) {
            return mismatch;
        }
        channel.force(true);
        Path target = store.complete(state.id());
        Files.move(store.part(state.id()), target, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.syncDirectory(store.dir());
        state = state.completed(refetched);
        store.save(state);
        return "";
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
