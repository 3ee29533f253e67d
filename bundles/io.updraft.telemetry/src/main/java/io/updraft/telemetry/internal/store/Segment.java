package io.updraft.telemetry.internal.store;

import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.updraft.telemetry.TelemetryEvent;

/**
 * One append-only segment file of one category, named after the sequence number of its first record. Only the
 * newest segment of a category is written to, and only by the store that created it: after a restart new records
 * go to a new segment, so a torn tail left by a power cut is never followed by good records.
 */
final class Segment {
    static final String SUFFIX = ".seg";
    /** Events may describe the device's user even after anonymization (pseudonyms, coarse places). */
    static final Set<PosixFilePermission> OWNER_ONLY_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final Set<StandardOpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(OWNER_ONLY_PERMISSIONS);

    final Path path;
    final long firstSequence;
    private final Instant opened;
    private long events;
    private long bytes;
    private long lastSequence;
    private Instant newest;
    private long tornBytes;
    private FileChannel writer;
    /** Set when a newer segment takes over: no more appends, but the channel stays open until the data is synced. */
    private boolean retired;
    private Duration agedAfter;
    private Instant agedAt;

    private Segment(Path path, long firstSequence, Instant opened) {
        this.path = path;
        this.firstSequence = firstSequence;
        this.opened = opened;
        this.lastSequence = firstSequence - 1;
        this.newest = opened;
    }

    static String fileName(long firstSequence) {
        if (firstSequence < 0) {
            throw new IllegalArgumentException("segment sequence " + firstSequence + " is negative");
        }
        // Zero-padded to 20 digits by hand: String.format looks up locale data on every call.
        String digits = Long.toString(firstSequence);
        return "0".repeat(20 - digits.length()) + digits + SUFFIX;
    }

    /** The first sequence number a segment file name stands for, or -1 if it is not a segment's name. */
    static long sequenceOf(String fileName) {
        if (!fileName.endsWith(SUFFIX) || fileName.length() != 20 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A new, empty segment open for appending. */
    static Segment create(Path dir, long firstSequence, Instant now) throws IOException {
        Segment s = new Segment(dir.resolve(fileName(firstSequence)), firstSequence, now);
        s.writer = FileChannel.open(s.path, CREATE_NEW, OWNER_ONLY);
        return s;
    }

    /** An existing segment, read to count its good records; it is not appended to. */
    static Segment open(Path path, long firstSequence, EventCodec codec) throws IOException {
        Segment s = new Segment(path, firstSequence, Instant.EPOCH);
        if (!Files.getPosixFilePermissions(path).equals(OWNER_ONLY_PERMISSIONS)) {
            // Written by an earlier version under the process umask.
            Files.setPosixFilePermissions(path, OWNER_ONLY_PERMISSIONS);
        }
        byte[] data = Files.readAllBytes(path);
        int[] last = {-1, 0};
        long end = scan(data, (range) -> {
            s.events++;
            last[0] = range[0];
            last[1] = range[1];
        });
        s.bytes = end;
        s.tornBytes = data.length - end;
        if (last[0] >= 0) {
            try {
                TelemetryEvent e = codec.decode(data, last[0], last[1]);
                s.lastSequence = e.sequence();
                s.newest = e.timestamp();
            } catch (IllegalArgumentException e) {
                // A good checksum on an unreadable record: written by a newer format; its age is unknown, so the
                // file's time stands in for retention.
                s.newest = Files.getLastModifiedTime(path).toInstant();
            }
        }
        return s;
    }

    /**
     * Calls {@code record} with {offset, length} of each good payload in order and returns where the good part
     * ends: at the first record whose header or checksum does not hold.
     */
    static long scan(byte[] data, Consumer<int[]> record) {
        int pos = 0;
        while (data.length - pos >= RecordFormat.HEADER) {
            int length = ByteBuffer.wrap(data, pos, 4).getInt();
            int crc = ByteBuffer.wrap(data, pos + 4, 4).getInt();
            if (length <= 0 || length > RecordFormat.MAX_PAYLOAD || length > data.length - pos - RecordFormat.HEADER
                    || RecordFormat.crc(length, data, pos + RecordFormat.HEADER) != crc) {
                break;
            }
            record.accept(new int[] {pos + RecordFormat.HEADER, length});
            pos += RecordFormat.HEADER + length;
        }
        return pos;
    }

    /** Appends one framed record; the caller syncs. */
    void append(ByteBuffer framed, long sequence, Instant timestamp) throws IOException {
        int size = framed.remaining();
        while (framed.hasRemaining()) {
            writer.write(framed);
        }
        events++;
        bytes += size;
        lastSequence = sequence;
        if (timestamp.isAfter(newest)) {
            newest = timestamp;
        }
    }

    /** Every good record's event, oldest first; records this version cannot decode are passed to {@code bad}. */
    List<TelemetryEvent> read(EventCodec codec, Consumer<String> bad) throws IOException {
        byte[] data = Files.readAllBytes(path);
        List<TelemetryEvent> out = new ArrayList<>();
        scan(data, range -> {
            try {
                out.add(codec.decode(data, range[0], range[1]));
            } catch (IllegalArgumentException e) {
                bad.accept(path + " at offset " + (range[0] - RecordFormat.HEADER) + ": " + e.getMessage());
            }
        });
        return out;
    }

    boolean writable() {
        return writer != null && !retired;
    }

    /**
     * Stops appending without syncing. The store syncs and closes a retired segment at its next {@link #seal()}
     * from the periodic sync, so a rotation does not make the appending thread wait for the disk.
     */
    void retire() {
        retired = true;
    }

    /** Closes without syncing, for a segment about to be deleted: making its data durable first is wasted work. */
    void discard() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    void sync() throws IOException {
        if (writer != null) {
            writer.force(false);
        }
    }

    /** Syncs and stops appending; the segment stays readable. */
    void seal() throws IOException {
        if (writer != null) {
            try {
                writer.force(false);
            } finally {
                writer.close();
                writer = null;
            }
        }
    }

    long events() {
        return events;
    }

    long bytes() {
        return bytes;
    }

    long lastSequence() {
        return lastSequence;
    }

    Instant newest() {
        return newest;
    }

    /** Whether the segment has been open for {@code maxAge} at {@code now}; the deadline is computed once. */
    boolean openedFor(Duration maxAge, Instant now) {
        if (!maxAge.equals(agedAfter)) {
            agedAt = opened.plus(maxAge);
            agedAfter = maxAge;
        }
        return !now.isBefore(agedAt);
    }

    long tornBytes() {
        return tornBytes;
    }
}
