package io.updraft.logstore.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Segment file names, {@code <first sequence, 20 digits>-<UTC yyyyMMdd'T'HHmmss'Z'>.seg}, followed by the
 * compression's suffix once sealed and compressed: sorted by name they are in sequence order, and a listing shows
 * when each was started.
 */
record SegmentName(long firstSequence, Instant created, Compression compression) {
    static final String SEG = ".seg";
    static final String TEMP = ".tmp";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int DIGITS = 20;
    private static final int STAMP_LENGTH = 16;
    private static final int BASE = DIGITS + 1 + STAMP_LENGTH + SEG.length();

    SegmentName {
        if (firstSequence < 1) {
            throw new IllegalArgumentException("segment sequence " + firstSequence + " is below 1");
        }
        created = created.truncatedTo(ChronoUnit.SECONDS);
    }

    String file() {
        String digits = Long.toString(firstSequence);
        return "0".repeat(DIGITS - digits.length()) + digits + "-" + STAMP.format(created) + SEG
                + compression.suffix();
    }

    SegmentName with(Compression c) {
        return new SegmentName(firstSequence, created, c);
    }

    /** The name a file stands for, or null if it is not a segment's name (temporary files included). */
    static SegmentName parse(String file) {
        if (file.length() < BASE || file.charAt(DIGITS) != '-') {
            return null;
        }
        Compression compression = null;
        for (Compression c : Compression.values()) {
            if (file.length() == BASE + c.suffix().length() && file.endsWith(SEG + c.suffix())) {
                compression = c;
            }
        }
        if (compression == null) {
            return null;
        }
        try {
            long first = Long.parseLong(file.substring(0, DIGITS));
            Instant created = STAMP.parse(file.substring(DIGITS + 1, DIGITS + 1 + STAMP_LENGTH), Instant::from);
            return first < 1 ? null : new SegmentName(first, created, compression);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
