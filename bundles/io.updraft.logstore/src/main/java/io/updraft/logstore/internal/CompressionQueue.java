package io.updraft.logstore.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.logstore.internal.DropNote.Reason;

/**
 * Compresses sealed segments on a thread of its own, so appends never wait for it. Holds the store's lock only to
 * reserve room in the quota for the compressed copy and to swap the files; the copy is written by temp file, fsync
 * and rename, and only then is the plain file deleted.
 */
final class CompressionQueue {
    private static final Logger LOG = LoggerFactory.getLogger(CompressionQueue.class);

    private final FileLogStore store;
    private final SpaceGuard guard;
    private final PendingSync pending;
    private final Clock clock;
    private final ExecutorService compressor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "updraft-logstore-compress");
        t.setDaemon(true);
        return t;
    });

    /** @param store whose lock guards the segments, the guard and the pending sync */
    CompressionQueue(FileLogStore store, SpaceGuard guard, PendingSync pending, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.pending = pending;
        this.clock = clock;
    }

    /** Called under the store's lock. */
    void later(Segment s, StoreSettings settings) {
        if (settings.compression() != Compression.NONE) {
            compressor.execute(() -> compress(s));
        }
    }

    private void compress(Segment s) {
        Path plain;
        Path target;
        long good;
        long reservation;
        Compression c;
        synchronized (store) {
            StoreSettings settings = store.settings();
            c = settings.compression();
            if (store.closed() || s.deleted() || !s.sealedPlain() || c == Compression.NONE) {
                return;
            }
            plain = s.path();
            target = plain.resolveSibling(s.name().with(c).file());
            good = s.goodBytes();
            // Incompressible data grows a little; beyond this the plain file is kept.
            reservation = good + good / 64 + 1024;
            guard.reserve(reservation);
            try {
                while (guard.counted() > settings.maxTotalBytes() && guard.dropOne(Reason.QUOTA, clock.instant()) >= 0) {
                    // Dropping until the compressed copy fits.
                }
            } catch (IOException e) {
                LOG.warn("Cannot make room to compress {}", plain, e);
            }
            store.recordDrops();
            if (s.deleted() || guard.counted() > settings.maxTotalBytes()) {
                guard.release(reservation);
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
        synchronized (store) {
            guard.release(reservation);
            try {
                if (store.closed() || s.deleted() || failure != null) {
                    Files.deleteIfExists(temp);
                    if (failure != null && !s.deleted() && !store.closed()) {
                        LOG.warn("Cannot compress segment {}; it stays uncompressed", plain, failure);
                    }
                    return;
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                long before = s.bytes();
                s.compressed(target, c, size);
                guard.resized(size - before);
                pending.directory(target.getParent());
            } catch (IOException e) {
                LOG.warn("Cannot put the compressed copy of {} in place; it stays uncompressed", plain, e);
            }
        }
    }

    /** Waits until the compressions asked for so far are done; for tests and orderly shutdown. */
    void await() throws InterruptedException {
        try {
            compressor.submit(() -> { }).get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("compressions did not finish: " + e, e);
        }
    }

    /** Lets the compressions asked for finish (they stop early once the store is closed), up to a minute. */
    void shutdown(Path segmentsDir) {
        compressor.shutdown();
        try {
            if (!compressor.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("Compressions in {} did not finish within a minute", segmentsDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
