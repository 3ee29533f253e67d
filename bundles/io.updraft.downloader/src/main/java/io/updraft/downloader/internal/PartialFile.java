package io.updraft.downloader.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import io.updraft.fs.DurableFiles;

/**
 * The data of one download being received: {@code <id>.part} open for writing, the offset, the running digests
 * and the validators of the server's copy. Within one process a cut connection goes on from the exact offset and
 * digests; {@link #checkpoint} makes the current offset survive a restart, after which the data up to it is
 * hashed again from disk.
 */
final class PartialFile implements AutoCloseable {
    private static final int REHASH_BUFFER = 1024 * 1024;
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
     * Opens the data of {@code state} at its checkpoint and hashes it again. Bytes after the checkpoint are cut
     * off: they may not have reached the disk before a power cut. The digests are fed from the file itself, so
     * whatever the data on disk is, the final check covers every byte of it.
     */
    static PartialFile open(StateStore store, PartialState state) throws IOException {
        FileChannel ch = FileChannel.open(store.part(state.id()),
                // A link planted in the folder would have the data truncated and written wherever it points.
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(StateStore.FILE_MODE));
        try {
            if (ch.size() < state.offset()) {
                throw new IOException("partial data " + store.part(state.id()) + " has " + ch.size()
                        + " bytes, fewer than its checkpoint at " + state.offset());
            }
            ch.truncate(state.offset());
            Hashes digests = Hashes.fresh(state.hashes().keySet());
            hashKept(ch, state.offset(), digests, store.part(state.id()));
            return new PartialFile(store, ch, state, digests);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Feeds the first {@code length} bytes of {@code ch} to {@code digests}. Only a restart in mid-download gets
     * here with data; one sequential read at disk speed costs far less than hashing on the hot path with digests
     * whose state could be saved (pure Java, several times slower than the JDK's).
     */
    private static void hashKept(FileChannel ch, long length, Hashes digests, Path file) throws IOException {
        if (length == 0) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(REHASH_BUFFER);
        long position = 0;
        while (position < length) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), length - position));
            int n = ch.read(buffer, position);
            if (n < 0) {
                throw new IOException("partial data " + file + " ended at byte " + position + " while hashing the "
                        + length + " kept bytes");
            }
            buffer.flip();
            digests.update(buffer);
            position += n;
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
        append(new ByteBuffer[] {ByteBuffer.wrap(data, from, length)}, length);
    }

    /**
     * Writes and hashes the remaining bytes of {@code data} (their positions are advanced) with one gathering
     * write where the channel allows, without copying them first.
     *
     * @param total the sum of their remaining bytes
     */
    void append(ByteBuffer[] data, long total) throws IOException {
        for (ByteBuffer b : data) {
            digests.update(b);
        }
        channel.position(offset);
        long written = 0;
        while (written < total) {
            written += channel.write(data);
        }
        offset += total;
    }

    /**
     * Drops all data, counting it as re-fetched: the server's copy has to be read again from the start. The empty
     * start is checkpointed at once: otherwise, after a crash, the old checkpoint's offset would keep new bytes of
     * another copy of the artifact before it, and the download would be refused at the end instead of resumed.
     */
    void restart() throws IOException {
        refetched += offset;
        channel.truncate(0);
        digests = Hashes.fresh(hashes.keySet());
        offset = 0;
        etag = null;
        lastModified = null;
        checkpoint();
    }

    void countRefetched(long bytes) {
        refetched += bytes;
    }

    /** Syncs the data, then durably records the offset and validators that match it. */
    void checkpoint() throws IOException {
        channel.force(false);
        state = state.at(offset, etag, lastModified, refetched);
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
