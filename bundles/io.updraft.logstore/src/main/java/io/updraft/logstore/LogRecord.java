package io.updraft.logstore;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored record.
 *
 * @param stream its stream
 * @param sequence its sequence number in the stream, from 1
 * @param time when what it describes happened
 * @param payload its bytes; callers must not change them
 */
public record LogRecord(String stream, long sequence, Instant time, byte[] payload) {
    public LogRecord {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
        if (sequence < 1) {
            throw new IllegalArgumentException("record of stream " + stream + " has sequence " + sequence);
        }
    }

    /** An id unique across devices and streams, stable across retries: {@code storeId/stream/sequence}. */
    public String id(String storeId) {
        return storeId + "/" + stream + "/" + sequence;
    }
}
