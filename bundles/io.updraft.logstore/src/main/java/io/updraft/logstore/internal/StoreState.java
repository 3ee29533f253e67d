package io.updraft.logstore.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;

/**
 * Per stream, what the segments alone cannot tell after a restart: the newest sequence ever appended and how many
 * records retention and the disk-space guard dropped. Written with the periodic sync, one line per stream:
 * {@code <stream> <last sequence> <dropped records>}.
 */
final class StoreState {
    private static final Logger LOG = LoggerFactory.getLogger(StoreState.class);

    record Entry(long lastSequence, long dropped) {
    }

    private StoreState() {
    }

    static Map<String, Entry> read(Path file, long nowMillis) throws IOException {
        Map<String, Entry> out = new TreeMap<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return out;
        }
        try {
            for (String line : text.lines().toList()) {
                String[] parts = line.strip().split(" ");
                if (parts.length != 3 || !StreamPattern.STREAM.matcher(parts[0]).matches()) {
                    throw new NumberFormatException("line '" + line + "'");
                }
                out.put(parts[0], new Entry(Long.parseLong(parts[1]), Long.parseLong(parts[2])));
            }
            return out;
        } catch (NumberFormatException e) {
            Path aside = DurableFiles.moveAside(file, "corrupt", Long.toString(nowMillis));
            LOG.warn("Store state {} is damaged ({}); moved to {}, drop counts start again", file, e.getMessage(),
                    aside);
            return new TreeMap<>();
        }
    }

    static void write(Path file, Map<String, Entry> entries) throws IOException {
        StringBuilder b = new StringBuilder();
        entries.forEach((stream, e) -> b.append(stream).append(' ').append(e.lastSequence()).append(' ')
                .append(e.dropped()).append('\n'));
        DurableFiles.write(file, b.toString().getBytes(StandardCharsets.US_ASCII), Segment.OWNER_ONLY, true,
                file.resolveSibling(file.getFileName() + ".tmp"));
    }
}
