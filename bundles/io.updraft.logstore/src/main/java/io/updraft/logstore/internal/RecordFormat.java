package io.updraft.logstore.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * How a record is framed in a segment: a 4-byte big-endian body length, a 4-byte CRC-32C over the length and the
 * body, then the body: the record's sequence (8 bytes), its time as epoch seconds (8) and nanoseconds (4), and the
 * payload. A record cut short by a power cut or a kill, or with bits flipped, fails the check and ends the
 * readable part of its segment. Sequence and time are framed so that retention and reads never parse payloads.
 */
final class RecordFormat {
    static final int HEADER = 8;
    static final int META = 20;
    static final int OVERHEAD = HEADER + META;
    /** Larger payloads are refused on write and taken for garbage on read. */
    static final int MAX_PAYLOAD = 1 << 20;

    private RecordFormat() {
    }

    /** Fills {@code header} (position 0, {@link #OVERHEAD} bytes) for the payload; {@code crc} is reset here. */
    static void header(ByteBuffer header, CRC32C crc, long sequence, Instant time, byte[] payload) {
        int body = META + payload.length;
        header.clear();
        header.putInt(body).putInt(0).putLong(sequence).putLong(time.getEpochSecond()).putInt(time.getNano());
        crc.reset();
        crc.update(header.array(), 0, 4);
        crc.update(header.array(), HEADER, META);
        crc.update(payload, 0, payload.length);
        header.putInt(4, (int) crc.getValue());
        header.flip();
    }

    /** Whether {@code body} bytes at {@code offset} of {@code data} carry the checksum {@code expected}. */
    static boolean valid(int bodyLength, int expected, byte[] data, int offset, CRC32C crc) {
        crc.reset();
        crc.update(bodyLength >>> 24);
        crc.update(bodyLength >>> 16);
        crc.update(bodyLength >>> 8);
        crc.update(bodyLength);
        crc.update(data, offset, bodyLength);
        return (int) crc.getValue() == expected;
    }

    /** Whether a framed body length can belong to a record this version wrote. */
    static boolean plausible(int bodyLength) {
        return bodyLength > META && bodyLength <= META + MAX_PAYLOAD;
    }
}
