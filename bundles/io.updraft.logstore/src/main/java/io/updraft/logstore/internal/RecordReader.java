package io.updraft.logstore.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads framed records one after another from a stream (a plain segment or a decompressing one) and stops at the
 * first that does not check out. Reuses one buffer; the payload of the current record is valid until the next call.
 */
final class RecordReader {
    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[RecordFormat.HEADER];
    private byte[] body = new byte[1024];
    private long goodBytes;
    private boolean damaged;
    private long sequence;
    private Instant time;
    private int payloadLength;

    RecordReader(InputStream in) {
        this.in = in;
    }

    /** Moves to the next good record; false at the end or at a torn or damaged record ({@link #damaged()}). */
    boolean next() throws IOException {
        int n = in.readNBytes(header, 0, RecordFormat.HEADER);
        if (n < RecordFormat.HEADER) {
            damaged = n > 0;
            return false;
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        int length = h.getInt(0);
        int expected = h.getInt(4);
        if (!RecordFormat.plausible(length)) {
            damaged = true;
            return false;
        }
        if (body.length < length) {
            body = Arrays.copyOf(body, Math.max(length, body.length * 2));
        }
        if (in.readNBytes(body, 0, length) < length || !RecordFormat.valid(length, expected, body, 0, crc)) {
            damaged = true;
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(body, 0, RecordFormat.META);
        sequence = b.getLong();
        long seconds = b.getLong();
        int nanos = b.getInt();
        try {
            time = Instant.ofEpochSecond(seconds, nanos);
        } catch (RuntimeException e) {
            damaged = true;
            return false;
        }
        payloadLength = length - RecordFormat.META;
        goodBytes += RecordFormat.HEADER + length;
        return true;
    }

    long sequence() {
        return sequence;
    }

    Instant time() {
        return time;
    }

    int payloadLength() {
        return payloadLength;
    }

    byte[] payload() {
        return Arrays.copyOfRange(body, RecordFormat.META, RecordFormat.META + payloadLength);
    }

    /** Bytes of good records read so far. */
    long goodBytes() {
        return goodBytes;
    }

    /** Whether reading stopped at bytes that are not a whole good record, rather than at the clean end. */
    boolean damaged() {
        return damaged;
    }

    /** Skips the rest of the stream, for counting a damaged tail; returns how many bytes that was. */
    long rest() throws IOException {
        long skipped = 0;
        byte[] sink = new byte[8192];
        for (int r; (r = in.read(sink)) > 0;) {
            skipped += r;
        }
        return skipped;
    }
}
