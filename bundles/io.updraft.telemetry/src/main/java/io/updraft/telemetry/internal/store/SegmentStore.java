package io.updraft.telemetry.internal.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.StoreUsage;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;

/**
 * The local store of telemetry waiting to be forwarded: {@code segments/<category>/<first sequence>.seg} under the
 * telemetry directory, one log of append-only segments per category so that retention and purges of a category
 * delete whole files and never touch another category's events. Appends are written at once (a crash of the
 * process loses nothing) and made durable by {@link #sync()}, called periodically and on {@link #close()}: that
 * covers the active segments, segments retired by a rotation since the last sync, and the directory entries of
 * segments created or deleted by a rotation. A power cut loses at most what was appended since the last sync;
 * a segment's lost tail reads as a torn record and is skipped. Rotation itself never waits for the disk, so the
 * appending thread does not stall on an fsync every segment; purges and the periodic retention do sync the
 * directory at once, as their deletions must not come back.
 *
 * <p>Thread-safe: every method locks the store, so a consent check passed to {@link #append} and a
 * {@link #purge} never interleave.
 */
public final class SegmentStore implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentStore.class);
    /** Sequence numbers reserved per durable write of the sequence file. */
    static final long SEQUENCE_BLOCK = 100_000;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path segmentsDir;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    private final RecordEncoder encoder = new RecordEncoder(codec);
    private final SequenceAllocator sequences;
    private final SplittableRandom ids;
    private final Map<Category, List<Segment>> logs = new EnumMap<>(Category.class);
    /** Segments a rotation retired whose data the next sync makes durable. */
    private final List<Segment> retired = new ArrayList<>();
    /** Category directories with entries created or deleted by a rotation since the last sync. */
    private final Set<Category> unsyncedDirs = EnumSet.noneOf(Category.class);
    private StoreLimits limits;
    private boolean dirty;
    private boolean closed;

    public SegmentStore(Path telemetryDir, StoreLimits limits, Clock clock) throws IOException {
        this.segmentsDir = telemetryDir.resolve("segments");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Ids only need to be unique, not secret; one secure seed keeps them unpredictable across devices.
        this.ids = new SplittableRandom(new SecureRandom().nextLong());
        long floor = 1;
        for (Category c : Category.values()) {
            Path dir = segmentsDir.resolve(c.id());
            DurableFiles.createDirectories(dir);
            ownerOnly(dir);
            List<Segment> segments = load(dir);
            logs.put(c, segments);
            for (Segment s : segments) {
                floor = Math.max(floor, s.lastSequence() + 1);
            }
        }
        ownerOnly(segmentsDir);
        ownerOnly(telemetryDir);
        this.sequences = new SequenceAllocator(telemetryDir.resolve("sequence"), SEQUENCE_BLOCK, floor, clock);
        LOG.info("Telemetry store opened in {}: {} events, next sequence {}", segmentsDir,
                usage().values().stream().mapToLong(StoreUsage::events).sum(), sequences.peek());
    }

    private static void ownerOnly(Path dir) throws IOException {
        if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY_DIRECTORY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
        }
    }

    private List<Segment> load(Path dir) throws IOException {
        List<Segment> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                long first = Segment.sequenceOf(p.getFileName().toString());
                if (first < 0) {
                    continue;
                }
                Segment s = Segment.open(p, first, codec);
                if (s.tornBytes() > 0) {
                    LOG.warn("Telemetry segment {} ends in {} bytes of a torn or damaged record; {} good events are "
                            + "kept and the rest is skipped", p, s.tornBytes(), s.events());
                }
                segments.add(s);
            }
        }
        segments.sort((a, b) -> Long.compare(a.firstSequence, b.firstSequence));
        return segments;
    }

    /** Applies new limits; retention is enforced at the next append or {@link #enforceRetention()}. */
    public synchronized void limits(StoreLimits newLimits) {
        this.limits = Objects.requireNonNull(newLimits, "limits");
    }

    /**
     * Stores the event if {@code allowed} still holds for its category, assigning its sequence number and, for a
     * draft, its id and time.
     *
     * @return the event as stored; empty if not allowed
     */
    public synchronized Optional<TelemetryEvent> append(TelemetryEvent event, Predicate<Category> allowed)
            throws IOException {
        ensureOpen();
        if (!allowed.test(event.category())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String id = TelemetryEvents.hasUnassignedId(event) ? newId() : event.id();
        TelemetryEvent stored = new TelemetryEvent(id, sequences.next(),
                TelemetryEvents.hasUnassignedTime(event) ? now : event.timestamp(), event.schema(),
                event.schemaVersion(), event.category(), event.type(), event.fields());
        ByteBuffer framed = encoder.encode(stored);
        Segment active = activeSegment(stored.category(), stored.sequence(), framed.remaining(), now);
        active.append(framed, stored.sequence(), stored.timestamp());
        dirty = true;
        return Optional.of(stored);
    }

    private String newId() {
        long msb = (ids.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (ids.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    private Segment activeSegment(Category c, long sequence, int recordSize, Instant now) throws IOException {
        List<Segment> log = logs.get(c);
        Segment last = log.isEmpty() ? null : log.get(log.size() - 1);
        if (last != null && last.writable() && last.bytes() + recordSize <= limits.segmentMaxBytes()
                && !last.openedFor(limits.segmentMaxAge(), now)) {
            return last;
        }
        if (last != null && last.writable()) {
            last.retire();
            retired.add(last);
        }
        enforceRetention(c, now, false);
        Segment created = Segment.create(segmentsDir.resolve(c.id()), sequence, now);
        unsyncedDirs.add(c);
        log.add(created);
        return created;
    }

    /** Makes every appended event durable. */
    public synchronized void sync() throws IOException {
        if (!dirty || closed) {
            return;
        }
        syncPending();
        for (List<Segment> log : logs.values()) {
            if (!log.isEmpty()) {
                log.get(log.size() - 1).sync();
            }
        }
        dirty = false;
    }

    /** Makes retired segments and rotated directory entries durable; data first, so no entry names lost data. */
    private void syncPending() throws IOException {
        for (Iterator<Segment> it = retired.iterator(); it.hasNext();) {
            it.next().seal();
            it.remove();
        }
        for (Iterator<Category> it = unsyncedDirs.iterator(); it.hasNext();) {
            DurableFiles.syncDirectory(segmentsDir.resolve(it.next().id()));
            it.remove();
        }
    }

    /**
     * Deletes every stored event of the category.
     *
     * @return how many events were deleted
     */
    public synchronized long purge(Category c) throws IOException {
        ensureOpen();
        List<Segment> log = logs.get(c);
        long removed = 0;
        while (!log.isEmpty()) {
            removed += delete(log, 0);
        }
        DurableFiles.syncDirectory(segmentsDir.resolve(c.id()));
        return removed;
    }

    /**
     * Deletes segments past their category's age and size limits.
     *
     * @return how many events were deleted
     */
    public synchronized long enforceRetention() throws IOException {
        ensureOpen();
        Instant now = clock.instant();
        long removed = 0;
        for (Category c : Category.values()) {
            removed += enforceRetention(c, now, true);
        }
        if (removed > 0) {
            LOG.info("Telemetry retention removed {} events past their category's age or size limit", removed);
        }
        return removed;
    }

    /** @param syncNow whether deletions are made durable now rather than at the next sync */
    private long enforceRetention(Category c, Instant now, boolean syncNow) throws IOException {
        List<Segment> log = logs.get(c);
        Instant oldestAllowed = now.minus(limits.maxAge().get(c));
        long removed = 0;
        for (int i = 0; i < log.size();) {
            if (log.get(i).newest().isBefore(oldestAllowed)) {
                removed += delete(log, i);
            } else {
                i++;
            }
        }
        long bytes = log.stream().mapToLong(Segment::bytes).sum();
        while (bytes > limits.maxBytes().get(c) && !log.isEmpty()) {
            bytes -= log.get(0).bytes();
            removed += delete(log, 0);
        }
        if (removed > 0 && syncNow) {
            DurableFiles.syncDirectory(segmentsDir.resolve(c.id()));
        } else if (removed > 0) {
            unsyncedDirs.add(c);
        }
        if (removed > 0) {
            LOG.debug("Telemetry retention removed {} {} events", removed, c.id());
        }
        return removed;
    }

    private long delete(List<Segment> log, int index) throws IOException {
        Segment s = log.remove(index);
        retired.remove(s);
        s.discard();
        Files.deleteIfExists(s.path);
        return s.events();
    }

    /** Every stored event of the category, oldest first. */
    public synchronized List<TelemetryEvent> read(Category c) throws IOException {
        ensureOpen();
        List<TelemetryEvent> out = new ArrayList<>();
        for (Segment s : logs.get(c)) {
            out.addAll(s.read(codec, problem -> LOG.warn("Skipping unreadable telemetry record in {}", problem)));
        }
        return out;
    }

    public synchronized StoreUsage usage(Category c) {
        long events = 0;
        long bytes = 0;
        for (Segment s : logs.get(c)) {
            events += s.events();
            bytes += s.bytes();
        }
        return new StoreUsage(events, bytes);
    }

    public synchronized Map<Category, StoreUsage> usage() {
        Map<Category, StoreUsage> all = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            all.put(c, usage(c));
        }
        return all;
    }

    /** How many segments a rotation retired that still wait for the next sync; for tests. */
    synchronized int unsyncedRetired() {
        return retired.size();
    }

    /** How many segment files the category has; for tests of rotation. */
    synchronized int segmentCount(Category c) {
        return logs.get(c).size();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("telemetry store " + segmentsDir + " is closed");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (List<Segment> log : logs.values()) {
            for (Segment s : log) {
                try {
                    s.seal();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        retired.clear();
        try {
            syncPending();
        } catch (IOException e) {
            if (first == null) {
                first = e;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
