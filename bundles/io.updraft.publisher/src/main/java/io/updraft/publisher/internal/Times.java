package io.updraft.publisher.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expiry periods as users write them and expiry times as TUF metadata writes them. */
final class Times {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhdw])");
    private static final DateTimeFormatter TUF = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    private Times() {
    }

    /**
     * Parses {@code 365d}, {@code 12h}, {@code 30m}, {@code 90s}, {@code 2w}, or ISO-8601 such as {@code P7D} or
     * {@code PT12H}.
     *
     * @throws IllegalArgumentException naming the text if it is none of these or not positive
     */
    static Duration parseDuration(String text) {
        Duration d;
        Matcher m = SHORT.matcher(text == null ? "" : text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "s":
                    d = Duration.ofSeconds(n);
                    break;
                case "m":
                    d = Duration.ofMinutes(n);
                    break;
                case "h":
                    d = Duration.ofHours(n);
                    break;
                case "d":
                    d = Duration.ofDays(n);
                    break;
                default:
                    d = Duration.ofDays(7 * n);
            }
        } else {
            try {
                d = Duration.parse(text == null ? "" : text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("duration '" + text
                        + "' is not like 365d, 12h, 30m, 90s, 2w or ISO-8601 P7D / PT12H");
            }
        }
        if (d.isNegative() || d.isZero() || d.getNano() != 0) {
            throw new IllegalArgumentException("duration '" + text + "' must be a positive number of whole seconds");
        }
        return d;
    }

    /** TUF's form: whole seconds, UTC, {@code 2030-01-31T12:00:00Z}. */
    static String format(Instant instant) {
        return TUF.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** @throws IllegalArgumentException naming the text if it is not an ISO-8601 instant */
    static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + text + "' is not like 2030-01-31T12:00:00Z");
        }
    }
}
