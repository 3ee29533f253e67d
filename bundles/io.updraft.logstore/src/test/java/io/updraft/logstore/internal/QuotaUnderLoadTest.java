package io.updraft.logstore.internal;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A writer appends to several streams as fast as it can under the smallest quota, with rotation and compression
 * running all the time; at every observation the bytes on disk under the store's root stay within the quota plus
 * one record.
 */
public class QuotaUnderLoadTest {
    private static final long QUOTA = StoreSettings.MIN_QUOTA;
    private static final int MAX_PAYLOAD = 600;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void rotationUnderLoadNeverExceedsATinyQuota() throws Exception {
        for (String compression : List.of("zstd", "gzip", "none")) {
            Path home = tmp.newFolder(compression).toPath();
            FileLogStore store = Stores.open(home, Clock.systemUTC(), "compression", compression,
                    "maxTotalBytes", Long.toString(QUOTA), "segmentMaxSize", "2KiB");
            AtomicReference<Throwable> failed = new AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = new Thread(() -> {
                Random r = new Random(7);
                String[] streams = {"log", "telemetry.usage", "telemetry.crash"};
                try {
                    while (!stop.get()) {
                        byte[] payload = new byte[1 + r.nextInt(MAX_PAYLOAD)];
                        r.nextBytes(payload);
                        store.append(streams[r.nextInt(streams.length)], java.time.Instant.now(), payload);
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            writer.start();
            long limit = QUOTA + RecordFormat.OVERHEAD + MAX_PAYLOAD;
            long highest = 0;
            long end = System.nanoTime() + 1_500_000_000L;
            int observations = 0;
            while (System.nanoTime() < end) {
                if (observations % 5 == 0) {
                    store.sync();
                }
                long onDisk;
                // Under the store's lock: no append is half-accounted; compressions write into their reservation.
                synchronized (store) {
                    onDisk = bytesUnder(store.segmentsDir());
                }
                highest = Math.max(highest, onDisk);
                assertTrue(compression + ": " + onDisk + " bytes on disk, above " + limit, onDisk <= limit);
                observations++;
            }
            stop.set(true);
            writer.join();
            store.close();
            assertTrue(String.valueOf(failed.get()), failed.get() == null);
            assertTrue(compression + ": the quota was never reached (" + highest + ")", highest > QUOTA / 2);
            System.out.printf("Quota test (%s): %d observations, at most %d bytes on disk of a %d byte quota%n",
                    compression, observations, highest, QUOTA);
        }
    }

    private static long bytesUnder(Path root) throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(p)) {
                        total += Files.size(p);
                    }
                } catch (NoSuchFileException e) {
                    // Deleted between listing and looking: no longer on disk.
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        return total;
    }
}
