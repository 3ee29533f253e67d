package io.updraft.logstore.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;

/**
 * Makes a purge all-or-nothing across a crash: before the first segment is deleted, file {@code purge} in the
 * stream's directory durably names the last sequence purged; it is removed once every deletion is durable. A stream
 * opened with the file present was cut off mid-purge (a power cut can even bring back files already deleted), so
 * every segment up to that sequence is deleted before anyone can read it. Purged records are often ones the user
 * withdrew consent for: they must not come back.
 */
final class PurgeMarker {
    static final String FILE = "purge";
    private static final Logger LOG = LoggerFactory.getLogger(PurgeMarker.class);

    private PurgeMarker() {
    }

    static void write(Path dir, long through) throws IOException {
        DurableFiles.write(dir.resolve(FILE), (through + "\n").getBytes(StandardCharsets.US_ASCII),
                Segment.OWNER_ONLY, true, dir.resolve(FILE + SegmentName.TEMP));
    }

    static void clear(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
        DurableFiles.syncDirectory(dir);
    }

    /** Finishes a purge a crash interrupted; called before the stream's segments are listed. */
    static void complete(Path dir) throws IOException {
        Path marker = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(marker, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return;
        }
        long through;
        try {
            through = Long.parseLong(text);
        } catch (NumberFormatException e) {
            // Written whole by rename, so unreadable only if damaged: the purge covered the whole stream then.
            through = Long.MAX_VALUE;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                SegmentName n = SegmentName.parse(p.getFileName().toString());
                if (n != null && n.firstSequence() <= through) {
                    Files.delete(p);
                    deleted++;
                }
            }
        }
        DurableFiles.syncDirectory(dir);
        clear(dir);
        LOG.warn("Completed the purge of {} through sequence {} that a crash interrupted: {} segment files deleted",
                dir, text, deleted);
    }
}
