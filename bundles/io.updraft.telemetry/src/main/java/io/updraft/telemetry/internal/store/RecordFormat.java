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
        checkPayload(payload.length);
        byte[] record = new byte[HEADER + payload.length];
        System.arraycopy(payload, 0, record, HEADER, payload.length);
        header(payload.length, new CRC32C(), record, 0);
        return ByteBuffer.wrap(record);
    }

    /** @throws IllegalArgumentException if a payload of {@code length} bytes cannot be framed */
    static void checkPayload(int length) {
        if (length <= 0 || length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("telemetry record of " + length + " bytes is outside 1-" + MAX_PAYLOAD);
        }
    }

    /**
     * Fills in the header of the record at {@code offset} in {@code record}, whose payload of {@code length} bytes
     * follows the header's place; {@code crc} must be fresh or reset.
     */
    static void header(int length, CRC32C crc, byte[] record, int offset) {
        int value = crc(length, crc, record, offset + HEADER);
        putInt(record, offset, length);
        putInt(record, offset + 4, value);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static int crc(int length, byte[] data, int offset) {
        return crc(length, new CRC32C(), data, offset);
    }

    private static int crc(int length, CRC32C crc, byte[] data, int offset) {
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }
}
