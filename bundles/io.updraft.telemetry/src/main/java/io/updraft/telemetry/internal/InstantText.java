package io.updraft.telemetry.internal;

import java.time.Instant;

/**
 * Writes an instant exactly as {@link Instant#toString()} does (ISO-8601, UTC, the fraction in groups of three
 * digits, none when zero) into a reused character buffer. The date and time of day are formatted once per second
 * and reused: events come in bursts within the same second, and the formatter is the costliest part of encoding
 * an event otherwise. Not thread-safe.
 */
final class InstantText {
    private final char[] chars = new char[64];
    private long cachedSecond = Long.MIN_VALUE;
    private int prefixLength;

    /** Formats {@code t}; the text is {@link #chars()} up to the returned length, valid until the next call. */
    int format(Instant t) {
        long second = t.getEpochSecond();
        if (second != cachedSecond) {
            // A whole second prints without a fraction; its text less the trailing 'Z' is the prefix.
            String whole = Instant.ofEpochSecond(second).toString();
            prefixLength = whole.length() - 1;
            whole.getChars(0, prefixLength, chars, 0);
            cachedSecond = second;
        }
        int pos = prefixLength;
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits;
            if (nanos % 1_000_000 == 0) {
                nanos /= 1_000_000;
                digits = 3;
            } else if (nanos % 1_000 == 0) {
                nanos /= 1_000;
                digits = 6;
            } else {
                digits = 9;
            }
            chars[pos] = '.';
            for (int i = digits; i > 0; i--) {
                chars[pos + i] = (char) ('0' + nanos % 10);
                nanos /= 10;
            }
            pos += digits + 1;
        }
        chars[pos++] = 'Z';
        return pos;
    }

    char[] chars() {
        return chars;
    }
}
