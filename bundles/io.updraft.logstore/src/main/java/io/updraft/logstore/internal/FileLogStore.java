package io.updraft.logstore.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;
import io.updraft.logstore.StreamUsage;
import io.updraft.logstore.internal.DropNote.Reason;

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
    static final long SEQUENCE_BLOCK = 100_000;
    /** The disk-space guard asks the file system again after this much was appended or a second passed. */
    static final long PROBE_BYTES = 256 * 1024;
    private static final long PROBE_MILLIS = 1000;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path telemetryDir;
    private final Path segmentsDir;
    private final Path sequencesDir;
    private final Clock clock;
    private final SpaceProbe space;
    private final String storeId;
    private final ExecutorService compressor;
    private final Map<String, StreamLog> streams = new TreeMap<>();
    private final ByteBuffer header = ByteBuffer.allocate(RecordFormat.OVERHEAD);
    private final ByteBuffer[] framed = new ByteBuffer[2];
    private final CRC32C crc = new CRC32C();
    private final List<Segment> retired = new ArrayList<>();
    private final Set<Path> unsyncedDirs = new HashSet<>();
    private final Deque<DropNote> notes = new ArrayDeque<>();
    private StoreSettings settings;
    private long totalBytes;
    private long reserved;
    private long sinceProbe = PROBE_BYTES;
    private long probedAt;
    private boolean dirty;
    private boolean stateDirty;
    private boolean closed;

    public FileLogStore(LogStoreConfig config) throws IOException {
        this(StoreSettings.of(config), Clock.systemUTC(), SpaceProbe.FILE_SYSTEM);
    }

    FileLogStore(StoreSettings settings, Clock clock, SpaceProbe space) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.space = Objects.requireNonNull(space, "space");
        this.telemetryDir = settings.telemetryDir();
        this.segmentsDir = telemetryDir.resolve("segments");
        this.sequencesDir = telemetryDir.resolve("sequences");
        for (Path dir : List.of(telemetryDir, segmentsDir, sequencesDir)) {
            DurableFiles.createDirectories(dir);
            ownerOnly(dir);
        }
        this.storeId = storeId(telemetryDir.resolve("store-id"));
        Map<String, StoreState.Entry> state = StoreState.read(stateFile(), clock.millis());
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(segmentsDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (StreamPattern.STREAM.matcher(name).matches()) {
                    StreamLog log = open(name);
                    StoreState.Entry e = state.get(name);
                    if (e != null) {
                        log.lastSequence = Math.max(log.lastSequence, e.lastSequence());
                        log.dropped = e.dropped();
                    }
                }
            }
        }
        this.compressor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "updraft-logstore-compress");
            t.setDaemon(true);
            return t;
        });
        for (StreamLog log : streams.values()) {
            totalBytes += log.bytes();
            // Segments of an earlier run are never appended to again.
            log.segments.stream().filter(Segment::sealedPlain).forEach(this::compressLater);
        }
        LOG.info("Log store opened in {}: {} streams, {} bytes, store id {}", segmentsDir, streams.size(), totalBytes,
                storeId);
    }

    private static void ownerOnly(Path dir) throws IOException {
        if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY_DIRECTORY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
        }
    }

    private static String storeId(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                DurableFiles.write(file, (UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII),
                        Segment.OWNER_ONLY, false, file.resolveSibling("store-id.tmp"));
            } catch (FileAlreadyExistsException e) {
                // Made by another opening meanwhile; that one is kept.
            }
        }
        String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new IOException("store id file " + file + " holds '" + id + "', not a UUID; delete it to make a "
                    + "new id", e);
        }
    }

    private Path stateFile() {
        return telemetryDir.resolve("store-state");
    }

    private StreamLog open(String name) throws IOException {
        StreamLog log = streams.get(name);
        if (log != null) {
            return log;
        }
        log = new StreamLog(name, segmentsDir.resolve(name));
        DurableFiles.createDirectories(log.dir);
        ownerOnly(log.dir);
        log.load();
        log.sequences = new SequenceAllocator(sequencesDir.resolve(name), SEQUENCE_BLOCK, log.lastSequence + 1,
                clock);
        log.configure(settings);
        streams.put(name, log);
        return log;
    }

    /** Applies new limits in place; open files are kept, and retention and the quota apply from the next append. */
    public synchronized void settings(StoreSettings next) {
        if (!next.telemetryDir().equals(telemetryDir)) {
            throw new IllegalArgumentException("settings for " + next.telemetryDir() + " need a new store");
        }
        settings = next;
        streams.values().forEach(l -> l.configure(next));
    }

    public synchronized StoreSettings settings() {
        return settings;
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
                sequence = write(open(stream), time, payload);
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
        makeRoom(size, now);
        long sequence = log.sequences.next();
        Segment active = active(log, sequence, size, now);
        RecordFormat.header(header, crc, sequence, time, payload);
        framed[0] = header;
        framed[1] = ByteBuffer.wrap(payload);
        long before = active.bytes();
        try {
            active.append(framed, sequence, time);
        } finally {
            totalBytes += active.bytes() - before;
            sinceProbe += active.bytes() - before;
            dirty = true;
        }
        log.lastSequence = sequence;
        stateDirty = true;
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
        enforceRetention(log, now);
        Segment created = Segment.create(log.name, log.dir, sequence, now);
        log.segments.add(created);
        unsyncedDirs.add(log.dir);
        return created;
    }

    private void retire(StreamLog log) {
        Segment last = log.last();
        if (last != null && last.writable()) {
            last.retire();
            retired.add(last);
        }
    }

    /** Drops data until {@code size} more bytes fit in the quota and leave the file system its free space. */
    private void makeRoom(long size, Instant now) throws IOException {
        long quota = settings.maxTotalBytes();
        while (totalBytes + reserved + size > quota) {
            if (dropOne(Reason.QUOTA, now) < 0) {
                throw new IOException("the quota of " + quota + " bytes has no room for " + size + " more bytes");
            }
        }
        if (settings.minFreeBytes() == 0 && settings.minFreePercent() == 0
                || sinceProbe < PROBE_BYTES && now.toEpochMilli() - probedAt < PROBE_MILLIS) {
            return;
        }
        long usable = space.usable(segmentsDir);
        long need = Math.max(settings.minFreeBytes(), space.total(segmentsDir) / 100 * settings.minFreePercent())
                + size;
        long freed = 0;
        while (usable + freed < need) {
            long dropped = dropOne(Reason.DISK_SPACE, now);
            if (dropped < 0) {
                throw new IOException("the file system of " + segmentsDir + " has " + (usable + freed)
                        + " bytes free, below the " + need + " kept free, and the store has nothing left to drop");
            }
            freed += dropped;
        }
        sinceProbe = 0;
        probedAt = now.toEpochMilli();
    }

    /**
     * Drops the oldest segment of the lowest-priority stream, preferring sealed segments to active ones.
     *
     * @return the bytes freed, or -1 if nothing is left to drop
     */
    private long dropOne(Reason reason, Instant now) throws IOException {
        StreamLog victim = null;
        for (int pass = 0; pass < 2 && victim == null; pass++) {
            for (StreamLog log : streams.values()) {
                if (log.segments.isEmpty() || pass == 0 && log.segments.get(0).writable()) {
                    continue;
                }
                if (victim == null || log.priority < victim.priority || log.priority == victim.priority
                        && log.segments.get(0).newest().isBefore(victim.segments.get(0).newest())) {
                    victim = log;
                }
            }
        }
        if (victim == null) {
            return -1;
        }
        Segment s = victim.segments.get(0);
        drop(victim, s, reason, now);
        return s.bytes();
    }

    private void drop(StreamLog log, Segment s, Reason reason, Instant now) throws IOException {
        log.segments.remove(s);
        retired.remove(s);
        s.delete();
        totalBytes -= s.bytes();
        unsyncedDirs.add(log.dir);
        if (s.records() > 0) {
            log.dropped += s.records();
            stateDirty = true;
            // The drops stream's own drops go uncommented, or recording them could go on forever.
            if (!DROPS_STREAM.equals(log.name)) {
                notes.add(new DropNote(now, log.name, s.firstRecord(), s.lastSequence(), s.records(), s.bytes(),
                        reason));
            }
        }
        LOG.debug("Dropped segment {} ({} records, {} bytes): {}", s.path(), s.records(), s.bytes(), reason.text);
    }

    /** Appends the notes of drops to the drops stream; appending them may drop more, which is noted in turn. */
    private void recordDrops() {
        while (!notes.isEmpty()) {
            DropNote n = notes.poll();
            try {
                write(open(DROPS_STREAM), n.time(), n.json());
            } catch (IOException e) {
                LOG.warn("Cannot record in {} that {} records of {} were dropped ({})", DROPS_STREAM, n.records(),
                        n.stream(), n.reason().text, e);
            }
        }
    }

    private void enforceRetention(StreamLog log, Instant now) throws IOException {
        Retention.Limits l = log.limits;
        if (l.age() != null) {
            Instant oldest = now.minus(l.age());
            while (!log.segments.isEmpty() && log.segments.get(0).newest().isBefore(oldest)) {
                drop(log, log.segments.get(0), Reason.RETENTION_AGE, now);
            }
        }
        while (l.count() > 0 && !log.segments.isEmpty() && log.records() > l.count()) {
            drop(log, log.segments.get(0), Reason.RETENTION_COUNT, now);
        }
        while (l.size() > 0 && !log.segments.isEmpty() && log.bytes() > l.size()) {
            drop(log, log.segments.get(0), Reason.RETENTION_SIZE, now);
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
            for (StreamLog log : new ArrayList<>(streams.values())) {
                Segment last = log.last();
                if (last != null && last.writable() && last.openedFor(settings.segmentMaxAge(), now)) {
                    retire(log);
                }
                enforceRetention(log, now);
            }
            sinceProbe = PROBE_BYTES;
            makeRoom(0, now);
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
                throw new LogStoreException("cannot read segment " + s.path() + " of stream " + stream + ": "
                        + e.getMessage(), e);
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
            for (Segment s : new ArrayList<>(log.segments)) {
                log.segments.remove(s);
                retired.remove(s);
                s.delete();
                totalBytes -= s.bytes();
                removed += s.records();
            }
            DurableFiles.syncDirectory(log.dir);
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

    /** Data first, then the directory entries naming it, so no entry names lost data. */
    private void syncLocked() throws IOException {
        for (Segment s : new ArrayList<>(retired)) {
            s.seal();
            retired.remove(s);
            compressLater(s);
        }
        if (dirty) {
            for (StreamLog log : streams.values()) {
                Segment last = log.last();
                if (last != null) {
                    last.sync();
                }
            }
            dirty = false;
        }
        for (Path dir : unsyncedDirs) {
            DurableFiles.syncDirectory(dir);
        }
        unsyncedDirs.clear();
        if (stateDirty) {
            Map<String, StoreState.Entry> state = new LinkedHashMap<>();
            streams.forEach((name, log) -> state.put(name, new StoreState.Entry(log.lastSequence, log.dropped)));
            StoreState.write(stateFile(), state);
            stateDirty = false;
        }
    }

    private void compressLater(Segment s) {
        if (settings.compression() != Compression.NONE) {
            compressor.execute(() -> compress(s));
        }
    }

    /** Runs on the compressor thread; holds the lock only to reserve room and to swap the files. */
    private void compress(Segment s) {
        Path plain;
        Path target;
        long good;
        long reservation;
        Compression c;
        synchronized (this) {
            c = settings.compression();
            if (closed || s.deleted() || !s.sealedPlain() || c == Compression.NONE) {
                return;
            }
            plain = s.path();
            target = plain.resolveSibling(s.name().with(c).file());
            good = s.goodBytes();
            // Incompressible data grows a little; beyond this the plain file is kept.
            reservation = good + good / 64 + 1024;
            reserved += reservation;
            try {
                while (totalBytes + reserved > settings.maxTotalBytes() && dropOne(Reason.QUOTA, clock.instant()) >= 0) {
                    // Dropping until the compressed copy fits.
                }
            } catch (IOException e) {
                LOG.warn("Cannot make room to compress {}", plain, e);
            }
            recordDrops();
            if (s.deleted() || totalBytes + reserved > settings.maxTotalBytes()) {
                reserved -= reservation;
                return;
            }
        }
        Path temp = target.resolveSibling(target.getFileName() + SegmentName.TEMP);
        long size = -1;
        IOException failure = null;
        try {
            size = SegmentCompressor.compress(plain, good, temp, c, reservation);
        } catch (IOException e) {
            failure = e;
        }
        synchronized (this) {
            reserved -= reservation;
            try {
                if (closed || s.deleted() || failure != null) {
                    Files.deleteIfExists(temp);
                    if (failure != null && !s.deleted() && !closed) {
                        LOG.warn("Cannot compress segment {}; it stays uncompressed", plain, failure);
                    }
                    return;
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                long before = s.bytes();
                s.compressed(target, c, size);
                totalBytes += size - before;
                unsyncedDirs.add(target.getParent());
            } catch (IOException e) {
                LOG.warn("Cannot put the compressed copy of {} in place; it stays uncompressed", plain, e);
            }
        }
    }

    /** Waits until the compressions asked for so far are done; for tests and orderly shutdown. */
    void awaitCompressions() throws InterruptedException {
        try {
            compressor.submit(() -> { }).get(1, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("compressions did not finish: " + e, e);
        }
    }

    @Override
    public synchronized Map<String, StreamUsage> usage() {
        Map<String, StreamUsage> out = new TreeMap<>();
        streams.forEach((name, log) -> {
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
        return totalBytes + reserved;
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
        return storeId;
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
                for (StreamLog log : streams.values()) {
                    retire(log);
                }
                syncLocked();
            } catch (IOException e) {
                first = e;
            }
            closed = true;
        }
        compressor.shutdown();
        try {
            if (!compressor.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("Compressions in {} did not finish within a minute", segmentsDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            throw first;
        }
    }
}
