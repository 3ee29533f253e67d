package io.updraft.logforwarder.internal;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The batches written to a destination that has no acknowledgement, oldest first, until the connection they were
 * written on has stayed open confirmDelay after them. Writing goes on meanwhile (pipelined), but only while the
 * window has room for a full batch: so at most maxRecords records are ever in doubt, and that many at most arrive
 * twice when the connection breaks. A batch is confirmed only after every batch written before it, so a stream's
 * cursor never passes a batch still in doubt. Times are {@link System#nanoTime()} values. Not thread-safe.
 */
final class ConfirmationWindow {
    /** One written batch: the stream's position after it, how many records went, on which connection, when. */
    private record Entry(String stream, long end, int records, long connection, long writtenAt) {
    }

    private final long delayNanos;
    private final int maxRecords;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<String, Integer> perStream = new LinkedHashMap<>();
    private int records;

    /**
     * @param delayNanos how long a batch's connection must stay open after the write
     * @param maxRecords most records unconfirmed at a time
     */
    ConfirmationWindow(long delayNanos, int maxRecords) {
        if (delayNanos <= 0 || maxRecords <= 0) {
            throw new IllegalArgumentException("confirmation delay " + delayNanos + " ns and window "
                    + maxRecords + " records must be positive");
        }
        this.delayNanos = delayNanos;
        this.maxRecords = maxRecords;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Records written and not yet confirmed. */
    int records() {
        return records;
    }

    /** Whether a batch of {@code batchRecords} may be written now without exceeding the window. */
    boolean hasRoomFor(int batchRecords) {
        return records + batchRecords <= maxRecords;
    }

    /** Whether a batch of the stream is unconfirmed: its cursor must then wait for it. */
    boolean holds(String stream) {
        return perStream.containsKey(stream);
    }

    /** A batch of {@code count} records of the stream up to sequence {@code end} was written on a connection. */
    void written(String stream, long end, int count, long connection, long now) {
        if (count > 0 && !hasRoomFor(count)) {
            throw new IllegalStateException(count + " records written with " + records + " of " + maxRecords
                    + " unconfirmed");
        }
        entries.addLast(new Entry(stream, end, count, connection, now));
        perStream.merge(stream, 1, Integer::sum);
        records += count;
    }

    /**
     * The stream's position moved to {@code end} without anything written (all records held back by privacy rules,
     * or dropped by the store) while batches of it are unconfirmed: the move is confirmed with the batch written
     * last, not before.
     */
    void skipped(String stream, long end) {
        Entry last = entries.peekLast();
        if (last == null) {
            throw new IllegalStateException("nothing unconfirmed to confirm " + stream + " up to " + end + " with");
        }
        written(stream, end, 0, last.connection(), last.writtenAt());
    }

    /** Whether every unconfirmed batch went on that connection; false means one went on a connection since lost. */
    boolean allOn(long connection) {
        for (Entry e : entries) {
            if (e.connection() != connection) {
                return false;
            }
        }
        return true;
    }

    /** When the oldest batch can be confirmed; only asked while the window is not empty. */
    long firstDue() {
        return nonEmpty().peekFirst().writtenAt() + delayNanos;
    }

    /** When the newest batch, and every other with it, can be confirmed; only asked while not empty. */
    long lastDue() {
        return nonEmpty().peekLast().writtenAt() + delayNanos;
    }

    private ArrayDeque<Entry> nonEmpty() {
        if (entries.isEmpty()) {
            throw new IllegalStateException("no batch is unconfirmed");
        }
        return entries;
    }

    /**
     * Confirms the batches written at least the delay before {@code now}; call only right after the connection
     * was seen open at {@code now} and {@link #allOn} it.
     *
     * @return the position each stream may durably move to (empty if none is due)
     */
    Map<String, Long> confirm(long now) {
        Map<String, Long> positions = new LinkedHashMap<>();
        while (!entries.isEmpty() && now - entries.peekFirst().writtenAt() >= delayNanos) {
            Entry e = entries.removeFirst();
            positions.put(e.stream(), e.end());
            records -= e.records();
            perStream.computeIfPresent(e.stream(), (s, n) -> n > 1 ? n - 1 : null);
        }
        return positions;
    }

    /**
     * Forgets every unconfirmed batch: the connection broke, and reading restarts from the durable cursor.
     *
     * @return how many records go again
     */
    int drop() {
        int dropped = records;
        entries.clear();
        perStream.clear();
        records = 0;
        return dropped;
    }
}
