package io.updraft.logforwarder.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.StreamUsage;

/** An in-memory log store with the real store's contract for sequences, reads, gaps and usage. */
final class FakeLogStore implements LogStore {
    private final String storeId;
    private final Map<String, List<LogRecord>> streams = new TreeMap<>();
    private final Map<String, Long> last = new TreeMap<>();
    private final Map<String, Long> dropped = new TreeMap<>();

    FakeLogStore(String storeId) {
        this.storeId = storeId;
    }

    @Override
    public synchronized long append(String stream, Instant time, byte[] payload) {
        long seq = last.getOrDefault(stream, 0L) + 1;
        last.put(stream, seq);
        streams.computeIfAbsent(stream, s -> new ArrayList<>()).add(new LogRecord(stream, seq, time, payload));
        return seq;
    }

    @Override
    public synchronized long append(String stream, Instant time, byte[] payload, BooleanSupplier admit) {
        return admit.getAsBoolean() ? append(stream, time, payload) : -1;
    }

    @Override
    public synchronized List<LogRecord> read(String stream, long after, int maxRecords, long maxBytes) {
        List<LogRecord> out = new ArrayList<>();
        long bytes = 0;
        for (LogRecord r : streams.getOrDefault(stream, List.of())) {
            if (r.sequence() <= after) {
                continue;
            }
            if (out.size() >= maxRecords || (!out.isEmpty() && bytes + r.payload().length > maxBytes)) {
                break;
            }
            out.add(r);
            bytes += r.payload().length;
        }
        return out;
    }

    /** Deletes the oldest {@code n} records of a stream, as retention would. */
    synchronized void dropOldest(String stream, int n) {
        List<LogRecord> records = streams.getOrDefault(stream, new ArrayList<>());
        for (int i = 0; i < n && !records.isEmpty(); i++) {
            records.remove(0);
            dropped.merge(stream, 1L, Long::sum);
        }
    }

    @Override
    public synchronized long purge(String stream) {
        List<LogRecord> records = streams.remove(stream);
        return records == null ? 0 : records.size();
    }

    @Override
    public void sync() {
        // Nothing to make durable in memory.
    }

    @Override
    public synchronized Map<String, StreamUsage> usage() {
        Map<String, StreamUsage> out = new TreeMap<>();
        last.forEach((stream, lastSeq) -> {
            List<LogRecord> records = streams.getOrDefault(stream, List.of());
            long bytes = records.stream().mapToLong(r -> r.payload().length).sum();
            out.put(stream, new StreamUsage(records.size(), bytes, records.isEmpty() ? 0 : records.get(0).sequence(),
                    lastSeq, dropped.getOrDefault(stream, 0L)));
        });
        return out;
    }

    @Override
    public int maxRecordBytes() {
        return 1024 * 1024;
    }

    @Override
    public String storeId() {
        return storeId;
    }
}
