package io.updraft.logstore.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.logstore.LogRecord;

/**
 * Appends, reads, maintenance, syncs, compressions and purges at once: nothing throws, readers see each stream in
 * sequence order with every payload intact, and what was not purged is all there at the end.
 */
public class StoreConcurrencyTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static byte[] payload(long n) {
        byte[] b = new byte[40 + (int) (n % 200)];
        ByteBuffer.wrap(b).putLong(n);
        return b;
    }

    @Test(timeout = 60_000)
    public void appendReadMaintainAndPurgeInterleaveSafely() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        FileLogStore store = Stores.open(home, Clock.systemUTC(), "compression", "zstd", "segmentMaxSize", "4KiB",
                "maxTotalBytes", "64MiB", "retention", "log: age=30d");
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong kept = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);

        Thread keeper = worker(failures, () -> {
            // Appends to the stream that is never purged; the n-th payload carries n.
            for (long n = 0; System.nanoTime() < deadline; n++) {
                store.append("log", java.time.Instant.now(), payload(n));
                kept.incrementAndGet();
            }
        });
        Thread purged = worker(failures, () -> {
            for (long n = 0; System.nanoTime() < deadline; n++) {
                store.append("telemetry.usage", java.time.Instant.now(), payload(n));
                if (n % 500 == 499) {
                    store.purge("telemetry.usage");
                }
            }
        });
        Thread reader = worker(failures, () -> {
            long after = 0;
            long expected = 0;
            while (!stop.get()) {
                List<LogRecord> batch = store.read("log", after, 100, 16 * 1024);
                for (LogRecord r : batch) {
                    assertTrue(r.sequence() > after);
                    assertEquals(expected, ByteBuffer.wrap(r.payload()).getLong());
                    assertEquals(payload(expected).length, r.payload().length);
                    expected++;
                    after = r.sequence();
                }
                long last = 0;
                for (LogRecord r : store.read("telemetry.usage", 0, 50, 8 * 1024)) {
                    assertTrue(r.sequence() > last);
                    last = r.sequence();
                }
            }
        });
        Thread maintainer = worker(failures, () -> {
            while (!stop.get()) {
                store.maintain();
                store.sync();
                store.usage();
                Thread.sleep(5);
            }
        });
        keeper.join();
        purged.join();
        stop.set(true);
        reader.join();
        maintainer.join();
        assertTrue(failures.toString(), failures.isEmpty());

        store.sync();
        store.awaitCompressions();
        List<LogRecord> all = store.read("log", 0, Integer.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(kept.get(), all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, ByteBuffer.wrap(all.get(i).payload()).getLong());
        }
        assertTrue("segments were compressed meanwhile", store.segmentCount("log") > 3);
        store.close();
        FileLogStore again = Stores.open(home, Clock.systemUTC(), "compression", "zstd", "segmentMaxSize", "4KiB",
                "maxTotalBytes", "64MiB", "retention", "log: age=30d");
        try {
            assertEquals(kept.get(), again.read("log", 0, Integer.MAX_VALUE, Long.MAX_VALUE).size());
        } finally {
            again.close();
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Thread worker(Queue<Throwable> failures, Work work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        t.start();
        return t;
    }
}
