package io.updraft.telemetry.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;

/**
 * Hands out increasing sequence numbers that keep increasing across restarts, even when every stored event is gone.
 * Numbers are reserved in blocks: the file holds the first number not yet reserved and is written durably before a
 * number of the block is used, so a restart continues above everything handed out. The rest of a block is skipped
 * after a restart; gaps are allowed, repeats are not.
 */
final class SequenceAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(SequenceAllocator.class);

    private final Path file;
    private final long block;
    private long next;
    private long reservedUntil;

    /**
     * @param floor the lowest number allowed, one above the highest found in stored events
     */
    SequenceAllocator(Path file, long block, long floor, Clock clock) throws IOException {
        if (block < 1) {
            throw new IllegalArgumentException("sequence block " + block + " must be at least 1");
        }
        this.file = file;
        this.block = block;
        long stored = read(file, clock);
        this.next = Math.max(Math.max(1, floor), stored);
        this.reservedUntil = next;
    }

    private static long read(Path file, Clock clock) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return 1;
        }
        try {
            long v = Long.parseLong(text);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Falls through: the file is damaged.
        }
        Path aside = DurableFiles.moveAside(file, "corrupt", Long.toString(clock.millis()));
        LOG.warn("Telemetry sequence file {} held '{}', not a positive number; moved to {} and continuing above the "
                + "stored events", file, text.length() > 40 ? text.substring(0, 40) + "..." : text, aside);
        return 1;
    }

    long next() throws IOException {
        if (next >= reservedUntil) {
            long until = next + block;
            byte[] content = (until + "\n").getBytes(StandardCharsets.US_ASCII);
            // Owner-only like everything under telemetry/.
            DurableFiles.write(file, content, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"), true,
                    file.resolveSibling(file.getFileName() + ".tmp"));
            reservedUntil = until;
        }
        return next++;
    }

    /** The number the next call of {@link #next()} returns. */
    long peek() {
        return next;
    }
}
