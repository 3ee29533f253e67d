package io.updraft.logstore.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One segment file of one stream. Only the newest segment of a stream is written to, and only by the store that
 * created it: after a restart new records go to a new segment, so a torn tail is never followed by good records.
 * Not thread-safe: the store calls it under its lock, but for {@link #seal()} of a retired segment.
 */
final class Segment {
    /** Records may describe the device's user (telemetry) or carry log text: owner-only. */
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<?> OWNER_ONLY_ATTRIBUTE = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    private static final Set<StandardOpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    final String stream;
    private Path path;
    private SegmentName name;
    private long firstRecord;
    private long lastSequence;
    private long records;
    /** Bytes of the file on disk: written so far, or the compressed size. */
    private long bytes;
    /** Bytes of good records in the plain file (what compression keeps); equals {@link #bytes} unless torn. */
    private long goodBytes;
    private Instant newest;
    private FileChannel writer;
    private boolean retired;
    private boolean deleted;
    /** Found on opening: the file ends in bytes that are not a whole good record. */
    private boolean damaged;
    private Instant agedAt;
    private Duration agedAfter;

    private Segment(String stream, Path path, SegmentName name) {
        this.stream = stream;
        this.path = path;
        this.name = name;
        this.newest = name.created();
    }

    static Segment create(String stream, Path dir, long firstSequence, Instant now) throws IOException {
        SegmentName name = new SegmentName(firstSequence, now, Compression.NONE);
        Segment s = new Segment(stream, dir.resolve(name.file()), name);
        s.writer = FileChannel.open(s.path, CREATE_NEW, OWNER_ONLY_ATTRIBUTE);
        return s;
    }

    /** An existing segment, read through to count its good records; it is not appended to. */
    static Segment open(String stream, Path path, SegmentName name) throws IOException {
        Segment s = new Segment(stream, path, name);
        if (!Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        }
        s.bytes = Files.size(path);
        try (InputStream in = s.input()) {
            RecordReader r = new RecordReader(in);
            while (r.next()) {
                s.counted(r.sequence(), r.time());
            }
            s.goodBytes = r.goodBytes();
            s.damaged = r.damaged();
        } catch (IOException e) {
            // A compressed file cut short reads as an error of the decompressor: its good records still count.
            if (name.compression() == Compression.NONE) {
                throw e;
            }
            s.damaged = true;
        }
        return s;
    }

    private void counted(long sequence, Instant time) {
        if (records++ == 0) {
            firstRecord = sequence;
        }
        lastSequence = sequence;
        if (time.isAfter(newest)) {
            newest = time;
        }
    }

    /** A fresh stream over the file's records, decompressed; plain files only up to what is known to be written. */
    InputStream input() throws IOException {
        InputStream raw = Files.newInputStream(path);
        if (name.compression() == Compression.NONE) {
            return new BufferedInputStream(new Bounded(raw, bytes), 64 * 1024);
        }
        try {
            return name.compression().decompress(new BufferedInputStream(raw, 64 * 1024));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Appends one record, header and payload in one gathering write; the caller syncs. */
    void append(ByteBuffer[] framed, long sequence, Instant time) throws IOException {
        long size = framed[0].remaining() + framed[1].remaining();
        long written = 0;
        try {
            while (written < size) {
                written += writer.write(framed);
            }
        } catch (IOException e) {
            // Part of the record may be in the file: nothing may follow it there, or it would hide what follows.
            retired = true;
            bytes += written;
            throw e;
        }
        bytes += size;
        goodBytes += size;
        counted(sequence, time);
    }

    boolean writable() {
        return writer != null && !retired && !deleted;
    }

    /** Stops appending; the data is made durable and the file closed by the next {@link #seal()}. */
    void retire() {
        retired = true;
    }

    /** Syncs and closes the file; the segment stays readable. */
    void seal() throws IOException {
        FileChannel w = writer;
        if (w != null) {
            try {
                if (w.isOpen()) {
                    w.force(false);
                }
            } finally {
                w.close();
                writer = null;
            }
        }
    }

    /**
     * A channel closed under the segment (an appending thread was interrupted in a write) has nothing left to sync:
     * what was written is with the kernel, and the failed append retired the segment.
     */
    void sync() throws IOException {
        if (writer != null && writer.isOpen()) {
            writer.force(false);
        }
    }

    /** Closes without syncing and deletes the file; its data is unwanted, so making it durable first is waste. */
    void delete() throws IOException {
        deleted = true;
        if (writer != null) {
            writer.close();
            writer = null;
        }
        Files.deleteIfExists(path);
    }

    /** Takes over a compressed copy that has been renamed into place; the plain file is deleted. */
    void compressed(Path compressedPath, Compression c, long compressedBytes) throws IOException {
        Path plain = path;
        path = compressedPath;
        name = name.with(c);
        bytes = compressedBytes;
        Files.deleteIfExists(plain);
    }

    /** Whether the segment has been open for {@code maxAge} at {@code now}. */
    boolean openedFor(Duration maxAge, Instant now) {
        if (!maxAge.equals(agedAfter)) {
            agedAt = name.created().plus(maxAge);
            agedAfter = maxAge;
        }
        return !now.isBefore(agedAt);
    }

    Path path() {
        return path;
    }

    SegmentName name() {
        return name;
    }

    boolean sealedPlain() {
        return writer == null && name.compression() == Compression.NONE;
    }

    boolean damaged() {
        return damaged;
    }

    boolean deleted() {
        return deleted;
    }

    long firstRecord() {
        return firstRecord;
    }

    long lastSequence() {
        return lastSequence;
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    long goodBytes() {
        return goodBytes;
    }

    Instant newest() {
        return newest;
    }

    /** Reads no further than a plain segment's written length, so a reader never sees a record being written. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
