package io.updraft.analysis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.StreamUsage;

/** An in-memory log store with the API's read semantics; counts reads so tests can see what was re-read. */
final class FakeLogStore implements LogStore {
    private final Map<String, List<LogRecord>> streams = new TreeMap<>();
    long recordsRead;
    /** Changed by a test to stand for a store made anew. */
    volatile String storeId = "test-store";

    @Override
    public synchronized long append(String stream, Instant time, byte[] payload) {
        List<LogRecord> s = streams.computeIfAbsent(stream, k -> new ArrayList<>());
        long seq = s.size() + 1L;
        s.add(new LogRecord(stream, seq, time, payload));
        return seq;
    }

    @Override
    public long append(String stream, Instant time, byte[] payload, BooleanSupplier admit) {
        return admit.getAsBoolean() ? append(stream, time, payload) : -1;
    }

    @Override
    public synchronized List<LogRecord> read(String stream, long after, int maxRecords, long maxBytes) {
        List<LogRecord> out = new ArrayList<>();
        long bytes = 0;
        for (LogRecord r : streams.getOrDefault(stream, List.of())) {
            if (r.sequence() > after) {
                if (out.size() >= maxRecords || (!out.isEmpty() && bytes + r.payload().length > maxBytes)) {
                    break;
                }
                out.add(r);
                bytes += r.payload().length;
            }
        }
        recordsRead += out.size();
        return out;
    }

    /** Forgets every stream, as a store made anew in place of this one. */
    synchronized void recreate(String newId) {
        streams.clear();
        storeId = newId;
    }

    @Override
    public synchronized long purge(String stream) {
        List<LogRecord> s = streams.remove(stream);
        return s == null ? 0 : s.size();
    }

    @Override
    public void sync() {
    }

    @Override
    public synchronized Map<String, StreamUsage> usage() {
        Map<String, StreamUsage> out = new TreeMap<>();
        streams.forEach((k, v) -> out.put(k, new StreamUsage(v.size(), 0, v.isEmpty() ? 0 : 1, v.size(), 0)));
        return out;
    }

    @Override
    public int maxRecordBytes() {
        return 1 << 20;
    }

    @Override
    public String storeId() {
        return storeId;
    }
}
