package io.updraft.telemetry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.internal.store.EventCodec;

/**
 * Reads segment files as they lie on disk, with its own reading of the record framing (4-byte length, CRC-32C over
 * length and payload, payload), so a fault of the store's reader cannot hide one of its writer. Fails on anything
 * but intact records followed by at most the beginning of one record.
 */
final class SegmentScan {
    private static final int HEADER = 8;

    /** Every intact event by category and sequence. */
    final Map<Category, TreeMap<Long, TelemetryEvent>> events = new EnumMap<>(Category.class);
    /** Segments ending in part of a record. */
    int tornSegments;
    int segments;

    private final Set<Long> sequences = new HashSet<>();
    private final Set<String> ids = new HashSet<>();
    private final EventCodec codec = new EventCodec();

    static SegmentScan of(Path telemetryDir, int maxRecord, String where) throws IOException {
        SegmentScan scan = new SegmentScan();
        for (Category c : Category.values()) {
            scan.events.put(c, new TreeMap<>());
            Path dir = telemetryDir.resolve("segments").resolve(c.id());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = new ArrayList<>(list.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList());
            }
            long previous = 0;
            for (Path f : files) {
                long first = Long.parseLong(f.getFileName().toString().replace(".seg", ""));
                assertTrue(where + f + " starts at or below sequence " + previous + " stored in an older segment",
                        first > previous);
                previous = scan.segment(f, c, first, maxRecord, where);
            }
        }
        return scan;
    }

    /** @return the highest sequence in the segment, or its first sequence if it is empty */
    private long segment(Path file, Category c, long first, int maxRecord, String where) throws IOException {
        segments++;
        byte[] data = Files.readAllBytes(file);
        long last = first - 1;
        int pos = 0;
        while (pos < data.length) {
            int left = data.length - pos;
            String at = where + file + " at offset " + pos + ": ";
            if (left < HEADER) {
                tornSegments++;
                break;
            }
            int length = ByteBuffer.wrap(data, pos, 4).getInt();
            assertTrue(at + "record length " + length + " is impossible", length > 0 && length <= maxRecord);
            if (left < HEADER + length) {
                // The kill cut the record's write(2) short: only its beginning is there.
                tornSegments++;
                break;
            }
            CRC32C crc = new CRC32C();
            crc.update(data, pos, 4);
            crc.update(data, pos + HEADER, length);
            assertEquals(at + "checksum of a complete record", ByteBuffer.wrap(data, pos + 4, 4).getInt(),
                    (int) crc.getValue());
            TelemetryEvent e;
            try {
                e = codec.decode(data, pos + HEADER, length);
            } catch (IllegalArgumentException ex) {
                throw new AssertionError(at + "intact record does not parse: " + ex.getMessage(), ex);
            }
            assertEquals(at + "category of the segment's directory", c, e.category());
            assertTrue(at + "sequence " + e.sequence() + " does not follow " + last, e.sequence() > last);
            if (!sequences.add(e.sequence())) {
                fail(at + "sequence " + e.sequence() + " is stored twice");
            }
            if (!ids.add(e.id())) {
                fail(at + "event id " + e.id() + " is stored twice");
            }
            events.get(c).put(e.sequence(), e);
            last = e.sequence();
            pos += HEADER + length;
        }
        return Math.max(last, first);
    }

    long highest() {
        long max = 0;
        for (TreeMap<Long, TelemetryEvent> m : events.values()) {
            max = m.isEmpty() ? max : Math.max(max, m.lastKey());
        }
        return max;
    }
}
