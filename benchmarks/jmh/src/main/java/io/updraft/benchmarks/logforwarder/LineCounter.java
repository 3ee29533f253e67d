package io.updraft.benchmarks.logforwarder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the lines another process appends to a file after this counter was made, reading only what is new on
 * each look; earlier runs against the same relay do not count.
 */
final class LineCounter {
    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private long position;
    private long lines;

    LineCounter(Path file) throws IOException {
        this.file = file;
        this.position = Files.exists(file) ? Files.size(file) : 0;
    }

    long lines() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(position);
            for (int n; (n = ch.read(buffer.clear())) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) == '\n') {
                        lines++;
                    }
                }
                position += n;
            }
        }
        return lines;
    }

    /**
     * Waits until the file has at least {@code expected} lines.
     *
     * @return System.nanoTime() when they were seen
     * @throws IOException if no new line arrived for {@code stallMillis}
     */
    long await(long expected, long stallMillis) throws IOException, InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long n = lines();
            long now = System.nanoTime();
            if (n >= expected) {
                return now;
            }
            if (n != last) {
                last = n;
                lastChange = now;
            } else if (now - lastChange > stallMillis * 1_000_000) {
                throw new IOException(file + " stalled at " + n + " of " + expected + " lines");
            }
            Thread.sleep(10);
        }
    }
}
