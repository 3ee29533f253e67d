package io.updraft.logstore.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;
import io.updraft.logstore.StreamUsage;

/**
 * The store on disk: {@code <telemetry>/segments/<stream>/<segment>}, one log of segments per stream so that
 * retention, purges and the quota delete whole files of one stream. Appends are written at once (a crash of the
 * process loses nothing) and made durable by {@link #sync()}: the active segments, segments retired by a rotation
 * since the last sync (sealed then, and handed to the compressor) and the directory entries that changed. Rotation
 * itself never waits for the disk; purges sync at once, as their deletions must not come back.
 *
 * <p>The bytes on disk under {@code segments/} (segment files and compressions in progress) never exceed the quota:
 * room is made before each append and reserved before each compression. Thread-safe: every method locks the store,
 * so an admission check passed to {@link #append} and a {@link #purge} never interleave.
 */
public final class FileLogStore implements LogStore, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(FileLogStore.class);

    private final Path segmentsDir;
    private final Clock clock;
    private final StreamRegistry streams;
    private final PendingSync pending = new PendingSync();
    private final SpaceGuard guard;
    private final CompressionQueue compressions;
    private final ByteBuffer header = ByteBuffer.allocate(RecordFormat.OVERHEAD);
    private final ByteBuffer[] framed = new ByteBuffer[2];
    private final CRC32C crc = new CRC32C();
    private StoreSettings settings;
    private boolean closed;

    public FileLogStore(LogStoreConfig config) throws IOException {
        this(StoreSettings.of(config), Clock.systemUTC(), SpaceProbe.FILE_SYSTEM);
    }

    FileLogStore(StoreSettings settings, Clock clock, SpaceProbe space) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(space, "space");
        this.streams = new StreamRegistry(settings.telemetryDir(), clock, settings);
        this.segmentsDir = streams.segmentsDir;
        this.guard = new SpaceGuard(streams, pending, space);
        this.compressions = new CompressionQueue(this, guard, pending, clock);
        synchronized (this) {
            for (StreamLog log : streams.all()) {
                // Segments of an earlier run are never appended to again.
                log.segments.stream().filter(Segment::sealedPlain).forEach(s -> compressions.later(s, settings));
            }
        }
        LOG.info("Log store opened in {}: {} streams, {} bytes, store id {}", segmentsDir, streams.all().size(),
                guard.totalBytes(), streams.storeId());
    }

    /** Applies new limits in place; open files are kept, and retention and the quota apply from the next append. */
    public synchronized void settings(StoreSettings next) {
        if (!next.telemetryDir().equals(streams.telemetryDir)) {
            throw new IllegalArgumentException("settings for " + next.telemetryDir() + " need a new store");
        }
        settings = next;
        streams.all().forEach(l -> l.configure(next));
    }

    public synchronized StoreSettings settings() {
        return settings;
    }

    synchronized boolean closed() {
        return closed;
    }

    @Override
    public long append(String stream, Instant time, byte[] payload) throws LogStoreException {
        return append(stream, time, payload, null);
    }

    @Override
    public long append(String stream, Instant time, byte[] payload, BooleanSupplier admit)
            throws LogStoreException {
        checkStream(stream);
        Objects.requireNonNull(time, "time");
        synchronized (this) {
            ensureOpen();
            if (payload.length < 1 || payload.length > settings.maxRecordBytes()) {
                throw new IllegalArgumentException("record of " + payload.length + " bytes for stream " + stream
                        + " is outside 1-" + settings.maxRecordBytes());
            }
            if (admit != null && !admit.getAsBoolean()) {
                return -1;
            }
            long sequence;
            try {
                sequence = write(streams.open(stream, settings), time, payload);
            } catch (IOException e) {
                throw new LogStoreException("cannot append to stream " + stream + " in " + segmentsDir + ": " + e, e);
            }
            recordDrops();
            return sequence;
        }
    }

    private long write(StreamLog log, Instant time, byte[] payload) throws IOException {
        Instant now = clock.instant();
        int size = RecordFormat.OVERHEAD + payload.length;
        guard.makeRoom(settings, size, now);
        long sequence = log.sequences.next();
        Segment active = active(log, sequence, size, now);
        RecordFormat.header(header, crc, sequence, time, payload);
        framed[0] = header;
        framed[1] = ByteBuffer.wrap(payload);
        long before = active.bytes();
        try {
            active.append(framed, sequence, time);
        } finally {
            guard.grew(active.bytes() - before);
            pending.written();
        }
        log.lastSequence = sequence;
        pending.stateChanged();
        return sequence;
    }

    private Segment active(StreamLog log, long sequence, int size, Instant now) throws IOException {
        Segment last = log.last();
        if (last != null && last.writable() && (last.records() == 0 || last.bytes() + size <= log.segmentBytes)
                && !last.openedFor(settings.segmentMaxAge(), now)
                && (log.limits.count() == 0 || last.records() < Math.max(1, log.limits.count() / 4))) {
            return last;
        }
        retire(log);
        guard.enforceRetention(log, now);
        Segment created = Segment.create(log.name, log.dir, sequence, now);
        log.segments.add(created);
        pending.directory(log.dir);
        return created;
    }

    private void retire(StreamLog log) {
        Segment last = log.last();
        if (last != null && last.writable()) {
            last.retire();
            pending.retired(last);
        }
    }

    /**
     * Appends the notes of drops to the drops stream; appending them may drop more, which is noted in turn.
     * Called under the lock.
     */
    void recordDrops() {
        for (DropNote n; (n = guard.nextNote()) != null;) {
            try {
                write(streams.open(DROPS_STREAM, settings), n.time(), n.json());
            } catch (IOException e) {
                LOG.warn("Cannot record in {} that {} records of {} were dropped ({})", DROPS_STREAM, n.records(),
                        n.stream(), n.reason().text, e);
            }
        }
    }

    /**
     * The periodic work besides syncing: seals segments past their age, applies retention to every stream and
     * asks the file system for free space.
     */
    public synchronized void maintain() throws LogStoreException {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        try {
            for (StreamLog log : new ArrayList<>(streams.all())) {
                Segment last = log.last();
                if (last != null && last.writable() && last.openedFor(settings.segmentMaxAge(), now)) {
                    retire(log);
                }
                guard.enforceRetention(log, now);
            }
            guard.probeNext();
            guard.makeRoom(settings, 0, now);
        } catch (IOException e) {
            throw new LogStoreException("cannot apply retention in " + segmentsDir + ": " + e.getMessage(), e);
        } finally {
            recordDrops();
        }
    }

    @Override
    public synchronized List<LogRecord> read(String stream, long after, int maxRecords, long maxBytes)
            throws LogStoreException {
        checkStream(stream);
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("read of " + stream + " asks for " + maxRecords + " records and "
                    + maxBytes + " bytes; both must be positive");
        }
        ensureOpen();
        List<LogRecord> out = new ArrayList<>();
        StreamLog log = streams.get(stream);
        if (log == null) {
            return out;
        }
        long bytes = 0;
        for (Segment s : log.segments) {
            if (s.records() == 0 || s.lastSequence() <= after) {
                continue;
            }
            try (InputStream in = s.input()) {
                RecordReader r = new RecordReader(in);
                while (r.next()) {
                    if (r.sequence() <= after) {
                        continue;
                    }
                    if (!out.isEmpty() && (out.size() >= maxRecords || bytes + r.payloadLength() > maxBytes)) {
                        return out;
                    }
                    out.add(new LogRecord(stream, r.sequence(), r.time(), r.payload()));
                    bytes += r.payloadLength();
                }
            } catch (IOException e) {
                if (!s.damaged()) {
                    throw new LogStoreException("cannot read segment " + s.path() + " of stream " + stream + ": "
                            + e, e);
                }
                // Found cut short on opening: its good records were returned, and readers must get past it.
                LOG.debug("Segment {} ends early ({}); reading on with the next segment", s.path(), e.toString());
            }
        }
        return out;
    }

    @Override
    public synchronized long purge(String stream) throws LogStoreException {
        checkStream(stream);
        ensureOpen();
        StreamLog log = streams.get(stream);
        if (log == null) {
            return 0;
        }
        long removed = 0;
        try {
            if (!log.segments.isEmpty()) {
                PurgeMarker.write(log.dir, log.lastSequence);
            }
            for (Segment s : new ArrayList<>(log.segments)) {
                // Deleted before it leaves the books: one that cannot be deleted is still there for the next purge.
                s.delete();
                log.segments.remove(s);
                pending.forget(s);
                guard.purged(s);
                removed += s.records();
            }
            DurableFiles.syncDirectory(log.dir);
            PurgeMarker.clear(log.dir);
        } catch (IOException e) {
            throw new LogStoreException("cannot purge stream " + stream + " in " + log.dir + ": " + e.getMessage(), e);
        }
        return removed;
    }

    @Override
    public synchronized void sync() throws LogStoreException {
        if (closed) {
            return;
        }
        try {
            syncLocked();
        } catch (IOException e) {
            throw new LogStoreException("cannot sync the log store in " + segmentsDir + ": " + e.getMessage(), e);
        }
    }

    private void syncLocked() throws IOException {
        pending.sync(streams, s -> compressions.later(s, settings));
    }

    /** Waits until the compressions asked for so far are done; for tests and orderly shutdown. */
    void awaitCompressions() throws InterruptedException {
        compressions.await();
    }

    @Override
    public synchronized Map<String, StreamUsage> usage() {
        Map<String, StreamUsage> out = new TreeMap<>();
        streams.byName().forEach((name, log) -> {
            long first = 0;
            for (Segment s : log.segments) {
                if (s.records() > 0) {
                    first = s.firstRecord();
                    break;
                }
            }
            out.put(name, new StreamUsage(log.records(), log.bytes(), first, log.lastSequence, log.dropped));
        });
        return out;
    }

    /** Bytes of segments and compressions in progress, as counted against the quota. */
    synchronized long totalBytes() {
        return guard.counted();
    }

    synchronized int segmentCount(String stream) {
        StreamLog log = streams.get(stream);
        return log == null ? 0 : log.segments.size();
    }

    @Override
    public synchronized int maxRecordBytes() {
        return settings.maxRecordBytes();
    }

    @Override
    public String storeId() {
        return streams.storeId();
    }

    public Path segmentsDir() {
        return segmentsDir;
    }

    static void checkStream(String stream) {
        if (stream == null || !StreamPattern.STREAM.matcher(stream).matches()) {
            throw new IllegalArgumentException("stream name '" + stream + "' is not 1-64 characters of a-z, 0-9, "
                    + "'.', '_', '-' starting with a letter");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("log store " + segmentsDir + " is closed");
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                for (StreamLog log : streams.all()) {
                    retire(log);
                }
                syncLocked();
            } catch (IOException e) {
                first = e;
            }
            closed = true;
        }
        compressions.shutdown(segmentsDir);
        if (first != null) {
            throw first;
        }
    }
}
