package io.updraft.anonymizer.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Generalizes a point in time to the start of its hour, day or month (UTC). Epoch milliseconds stay epoch
 * milliseconds and ISO-8601 text becomes ISO-8601 text in UTC; anything else is redacted.
 */
record TimeAction(String unit) implements FieldAction {
    static final String UNITS = "hour, day, month";

    /** @throws IllegalArgumentException naming the text when it is not one of {@link #UNITS} */
    static TimeAction parse(String text) {
        String u = text.toLowerCase(Locale.ROOT);
        if (!u.equals("hour") && !u.equals("day") && !u.equals("month")) {
            throw new IllegalArgumentException("time unit '" + text + "' is unknown; valid: " + UNITS);
        }
        return new TimeAction(u);
    }

    @Override
    public Object apply(Object value, EventContext context) {
        if (value instanceof Long millis) {
            return truncate(Instant.ofEpochMilli(millis)).toEpochMilli();
        }
        if (value instanceof String s) {
            Instant instant;
            try {
                instant = Instant.parse(s.trim());
            } catch (DateTimeParseException e) {
                try {
                    instant = OffsetDateTime.parse(s.trim()).toInstant();
                } catch (DateTimeParseException notOffset) {
                    return Markers.REDACTED;
                }
            }
            return truncate(instant).toString();
        }
        return Markers.REDACTED;
    }

    private Instant truncate(Instant t) {
        switch (unit) {
            case "hour":
                return t.truncatedTo(ChronoUnit.HOURS);
            case "day":
                return t.truncatedTo(ChronoUnit.DAYS);
            default:
                ZonedDateTime z = t.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                return z.toInstant();
        }
    }

    @Override
    public int strength() {
        return 3;
    }

    @Override
    public String kind() {
        return "time";
    }
}
