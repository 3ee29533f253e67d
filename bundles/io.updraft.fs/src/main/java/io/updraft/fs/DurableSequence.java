package io.updraft.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Hands out increasing sequence numbers that keep increasing across restarts and power cuts, even when everything
 * numbered with them is gone. Not thread-safe: callers hold their own lock.
 * Numbers are reserved in blocks: the file holds the first number not yet reserved and is written durably before a
 * number of the block is used, so a restart continues above everything handed out. The rest of a block is skipped
 * after a restart; gaps are allowed, repeats are not.
 */
public final class DurableSequence {
    private static final Logger LOG = LoggerFactory.getLogger(DurableSequence.class);

    private final Path file;
    private final long block;
    private long next;
    private long reservedUntil;

    /**
     * @param file where the first number not yet reserved is kept (written owner-only, with {@code file.tmp})
     * @param block how many numbers one durable write reserves
     * @param floor the lowest number allowed, e.g. one above the highest found in stored records
     * @param clock names a damaged file when it is moved aside
     */
    public DurableSequence(Path file, long block, long floor, Clock clock) throws IOException {
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
        LOG.warn("Sequence file {} held '{}', not a positive number; moved to {} and continuing above the "
                + "stored records", file, text.length() > 40 ? text.substring(0, 40) + "..." : text, aside);
        return 1;
    }

    /** The next number; reserves a new block durably first when the current one is used up. */
    public long next() throws IOException {
        if (next >= reservedUntil) {
            long until = next + block;
            byte[] content = (until + "\n").getBytes(StandardCharsets.US_ASCII);
            // Sequence files sit among owner-only data.
            DurableFiles.write(file, content, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"), true,
                    file.resolveSibling(file.getFileName() + ".tmp"));
            reservedUntil = until;
        }
        return next++;
    }

    /** The number the next call of {@link #next()} returns. */
    public long peek() {
        return next;
    }
}
