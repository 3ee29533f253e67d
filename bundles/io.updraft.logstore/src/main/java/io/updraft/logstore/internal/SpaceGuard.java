package io.updraft.logstore.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.logstore.LogStore;
import io.updraft.logstore.internal.DropNote.Reason;

/**
 * The quota, the disk-space guard and retention: counts the bytes of segments and of compressions in progress,
 * drops whole segments (lowest priority, then oldest first) to make room, and notes each drop for the drops stream.
 * Not thread-safe: the store calls it under its lock.
 */
final class SpaceGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SpaceGuard.class);
    /** The disk-space guard asks the file system again after this much was appended or a second passed. */
    static final long PROBE_BYTES = 256 * 1024;
    private static final long PROBE_MILLIS = 1000;

    private final StreamRegistry streams;
    private final PendingSync pending;
    private final SpaceProbe space;
    private final Path segmentsDir;
    private final Deque<DropNote> notes = new ArrayDeque<>();
    private long totalBytes;
    private long reserved;
    private long sinceProbe = PROBE_BYTES;
    private long probedAt;

    SpaceGuard(StreamRegistry streams, PendingSync pending, SpaceProbe space) {
        this.streams = streams;
        this.pending = pending;
        this.space = space;
        this.segmentsDir = streams.segmentsDir;
        for (StreamLog log : streams.all()) {
            totalBytes += log.bytes();
        }
    }

    /** Segment bytes on disk, without reservations. */
    long totalBytes() {
        return totalBytes;
    }

    /** Bytes of segments and compressions in progress, as counted against the quota. */
    long counted() {
        return totalBytes + reserved;
    }

    /** Bytes written to or taken off the disk by a segment that stays. */
    void grew(long bytes) {
        totalBytes += bytes;
        sinceProbe += bytes;
    }

    /** A segment's file was replaced by one of another size (its compressed copy). */
    void resized(long delta) {
        totalBytes += delta;
    }

    void reserve(long bytes) {
        reserved += bytes;
    }

    void release(long bytes) {
        reserved -= bytes;
    }

    /** Forces the next {@link #makeRoom} to ask the file system. */
    void probeNext() {
        sinceProbe = PROBE_BYTES;
    }

    /** The oldest note of a drop not yet recorded, or null. */
    DropNote nextNote() {
        return notes.poll();
    }

    /** Drops data until {@code size} more bytes fit in the quota and leave the file system its free space. */
    void makeRoom(StoreSettings settings, long size, Instant now) throws IOException {
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
    long dropOne(Reason reason, Instant now) throws IOException {
        StreamLog victim = null;
        for (int pass = 0; pass < 2 && victim == null; pass++) {
            for (StreamLog log : streams.all()) {
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

    /**
     * Deletes a segment and, unless it is the drops stream's own, notes the drop. The file goes before the
     * segment leaves the books: a segment that cannot be deleted stays counted and is tried again.
     */
    void drop(StreamLog log, Segment s, Reason reason, Instant now) throws IOException {
        s.delete();
        log.segments.remove(s);
        pending.forget(s);
        totalBytes -= s.bytes();
        pending.directory(log.dir);
        if (s.records() > 0) {
            log.dropped += s.records();
            pending.stateChanged();
            // The drops stream's own drops go uncommented, or recording them could go on forever.
            if (!LogStore.DROPS_STREAM.equals(log.name)) {
                notes.add(new DropNote(now, log.name, s.firstRecord(), s.lastSequence(), s.records(), s.bytes(),
                        reason));
            }
        }
        LOG.debug("Dropped segment {} ({} records, {} bytes): {}", s.path(), s.records(), s.bytes(), reason.text);
    }

    /** Removes a purged segment from the count; the caller deleted it. */
    void purged(Segment s) {
        totalBytes -= s.bytes();
    }

    void enforceRetention(StreamLog log, Instant now) throws IOException {
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
}
