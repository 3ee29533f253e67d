package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.updraft.install.InstallException;

/**
 * Files written into a slot but not yet given their owner and mode nor synced. Syncing them together once all are
 * written, rather than each right after writing it, lets the kernel write back while later files are still being
 * copied, and lets a few threads' flushes share journal commits. Until then a file is 0600 and the runtime's, which
 * is stricter than anything it ends up with.
 */
final class PendingFiles {
    private record Pending(Path target, String entry, int mode) {
    }

    private final Path slot;
    private final Ownership ownership;
    private final Syncer syncer;
    private final int threads;
    private final List<Pending> files = new ArrayList<>();

    /** @param threads how many files are synced at once, at least 1 */
    PendingFiles(Path slot, Ownership ownership, Syncer syncer, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("sync threads must be at least 1, not " + threads);
        }
        this.slot = slot;
        this.ownership = ownership;
        this.syncer = syncer;
        this.threads = threads;
    }

    void add(Path target, String entry, int mode) {
        files.add(new Pending(target, entry, mode));
    }

    /**
     * Applies owner and mode to every file and syncs it; returns once all are durable.
     *
     * @throws InstallException {@code NO_SPACE} or {@code STAGE_FAILED} naming the first file that failed
     */
    void syncAll() throws InstallException, InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<InstallException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < files.size()) {
                Pending p = files.get(i);
                try {
                    finish(p);
                } catch (IOException e) {
                    failure.compareAndSet(null, WriteFailures.writing(slot, p.entry(), e));
                }
            }
        };
        int n = Math.min(threads, files.size());
        if (n <= 1) {
            worker.run();
        } else {
            runOnPool(worker, n);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        files.clear();
    }

    private void finish(Pending p) throws IOException {
        try (FileChannel ch = FileChannel.open(p.target(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // Owner before mode: changing the owner clears set-id bits.
            ownership.apply(p.target());
            Files.setAttribute(p.target(), "unix:mode", p.mode(), LinkOption.NOFOLLOW_LINKS);
            syncer.sync(ch, p.target());
        }
    }

    private static void runOnPool(Runnable worker, int n) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "updraft-slot-sync");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
    }

    /** The slot may be cleared right after a failure: no worker may still be touching it by then. */
    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
