package io.updraft.telemetry.internal.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How a record is framed in a segment: a 4-byte big-endian payload length, a 4-byte CRC-32C over the length and the
 * payload, then the payload. A record cut short by a power cut, or with bits flipped, fails the check and ends the
 * readable part of its segment.
 */
final class RecordFormat {
    static final int HEADER = 8;
    /** Larger records are refused on write and taken for garbage on read. */
    static final int MAX_PAYLOAD = 1 << 20;

    private RecordFormat() {
    }

    static ByteBuffer frame(byte[] payload) {
        if (payload.length == 0 || payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("telemetry record of " + payload.length
                    + " bytes is outside 1-" + MAX_PAYLOAD);
        }
        ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
        buf.putInt(payload.length);
        buf.putInt(crc(payload.length, payload, 0));
        buf.put(payload);
        return buf.flip();
    }

    static int crc(int length, byte[] data, int offset) {
        CRC32C crc = new CRC32C();
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }
}
