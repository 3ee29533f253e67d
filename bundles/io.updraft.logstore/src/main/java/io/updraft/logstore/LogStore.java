package io.updraft.logstore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Named streams of records, each an append-only log of segment files. A record is written to the file before
 * {@link #append} returns (a crash of the process loses nothing) and is durable after the next {@link #sync}, which
 * the store runs periodically; a power cut loses at most the records since then, and a torn last record is
 * detected and skipped on start. Sealed segments are compressed; retention and the disk-space guard delete whole
 * segments, lowest priority and oldest first, and record every such drop in the {@value #DROPS_STREAM} stream.
 *
 * <p>Stream names are 1-64 characters of a-z, 0-9, '.', '_', '-' starting with a letter, e.g.
 * {@code telemetry.crash} or {@code log}. Streams come into being on their first append.
 */
@ProviderType
public interface LogStore {
    /** The stream holding the runtime's own log (the Pax Logging appender). */
    String LOG_STREAM = "log";
    /** The stream recording what retention and the disk-space guard dropped before it was read. */
    String DROPS_STREAM = "store.drops";

    /**
     * Appends a record.
     *
     * @param stream the stream's name
     * @param time when what the record describes happened
     * @param payload the record's bytes, 1 byte to {@link #maxRecordBytes()}
     * @return the record's sequence number in its stream, one more than the previous record's
     * @throws IllegalArgumentException naming the bad stream name or payload size
     * @throws LogStoreException if it cannot be written
     */
    long append(String stream, Instant time, byte[] payload) throws LogStoreException;

    /**
     * Appends a record only if {@code admit} says yes, deciding under the store's lock: a {@link #purge} of the
     * stream never falls between the decision and the write.
     *
     * @return the record's sequence number, or -1 if it was not admitted
     */
    long append(String stream, Instant time, byte[] payload, BooleanSupplier admit) throws LogStoreException;

    /**
     * Reads records of a stream whose sequence is greater than {@code after}, oldest first, until either limit is
     * reached (at least one record is returned if one exists, even if larger than {@code maxBytes}). Records
     * dropped by retention or purged are simply absent: the caller sees the gap in the sequence numbers.
     */
    List<LogRecord> read(String stream, long after, int maxRecords, long maxBytes) throws LogStoreException;

    /**
     * Deletes every record of a stream now and durably (they do not come back after a power cut). Sequence
     * numbers continue after the purged ones.
     *
     * @return how many records were deleted
     */
    long purge(String stream) throws LogStoreException;

    /** Makes every appended record durable. */
    void sync() throws LogStoreException;

    /** What each stream holds, by stream name (sorted). */
    Map<String, StreamUsage> usage();

    /** The largest payload {@link #append} takes. */
    int maxRecordBytes();

    /** A random identifier made when the store was first created, so record ids stay unique across devices. */
    String storeId();
}
