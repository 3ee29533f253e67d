package io.updraft.logstore;

/**
 * What the store keeps of one stream.
 *
 * @param records how many records are kept
 * @param bytes their size on disk (compressed where sealed)
 * @param firstSequence the oldest kept record's sequence; 0 when none is kept
 * @param lastSequence the newest sequence ever appended; 0 when none was
 * @param droppedRecords records deleted by retention or the disk-space guard since the store was created
 *        (purges not counted)
 */
public record StreamUsage(long records, long bytes, long firstSequence, long lastSequence, long droppedRecords) {
    public StreamUsage {
        if (records < 0 || bytes < 0 || firstSequence < 0 || lastSequence < 0 || droppedRecords < 0) {
            throw new IllegalArgumentException("stream usage figures must not be negative");
        }
    }
}
