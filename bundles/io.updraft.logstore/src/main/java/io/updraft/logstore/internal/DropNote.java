package io.updraft.logstore.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What retention or the disk-space guard dropped, as the JSON record kept in the drops stream:
 * {@code {"ts", "stream", "firstSequence", "lastSequence", "records", "bytes", "reason"}}.
 */
record DropNote(Instant time, String stream, long firstSequence, long lastSequence, long records, long bytes,
        Reason reason) {

    enum Reason {
        RETENTION_AGE("retention-age"), RETENTION_COUNT("retention-count"), RETENTION_SIZE("retention-size"),
        QUOTA("quota"), DISK_SPACE("disk-space");

        final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    /** Stream names are plain characters ({@link StreamPattern#STREAM}), so no escaping is needed. */
    byte[] json() {
        return ("{\"ts\":\"" + time + "\",\"stream\":\"" + stream + "\",\"firstSequence\":" + firstSequence
                + ",\"lastSequence\":" + lastSequence + ",\"records\":" + records + ",\"bytes\":" + bytes
                + ",\"reason\":\"" + reason.text + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
