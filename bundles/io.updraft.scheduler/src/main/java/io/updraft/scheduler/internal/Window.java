package io.updraft.scheduler.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily maintenance window in local time, e.g. {@code 03:00-04:00}; an end before the start crosses midnight
 * ({@code 23:00-01:00}). On days the clock changes, the window is open while the local clock reads a time within
 * it: a start the clock skips (spring forward) opens it when the clock resumes, and a time the clock shows twice
 * (fall back) starts the window at its first showing and ends it at its last.
 */
record Window(LocalTime start, LocalTime end) {
    private static final Pattern TEXT = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    Window {
        if (start.equals(end)) {
            throw new IllegalArgumentException("window " + start + "-" + end + " is empty: start and end are equal");
        }
    }

    /** Parses {@code HH:mm-HH:mm}; the message names the attribute and the text. */
    static Window parse(String attribute, String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(attribute + " '" + text + "' is not a window HH:mm-HH:mm such as 03:00-04:00");
        }
        try {
            return new Window(LocalTime.parse(m.group(1), HH_MM), LocalTime.parse(m.group(2), HH_MM));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(attribute + " '" + text + "' has a time outside 00:00-23:59", e);
        }
    }

    /**
     * The window that is open at {@code now} or opens next.
     *
     * @return its opening (not after {@code now} when it is open now) and its closing, as instants
     */
    Opening next(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        // Yesterday's window may still be open after midnight; a window exists every day, so three days suffice.
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(2)); day = day.plusDays(1)) {
            Instant open = instant(day.atTime(start), zone, true);
            Instant close = instant((end.isAfter(start) ? day : day.plusDays(1)).atTime(end), zone, false);
            if (close.isAfter(now) && close.isAfter(open)) {
                return new Opening(open, close);
            }
        }
        throw new AssertionError("no window " + this + " within three days of " + now);
    }

    /** Whether {@code now} is inside a window. */
    boolean isOpen(Instant now, ZoneId zone) {
        return !next(now, zone).open().isAfter(now);
    }

    private static Instant instant(LocalDateTime local, ZoneId zone, boolean first) {
        ZoneOffsetTransition t = zone.getRules().getTransition(local);
        if (t == null) {
            return local.atZone(zone).toInstant();
        }
        if (t.isGap()) {
            return t.getInstant();
        }
        return local.atOffset(first ? t.getOffsetBefore() : t.getOffsetAfter()).toInstant();
    }

    /** An opening of the window: from {@code open} (inclusive) to {@code close} (exclusive). */
    record Opening(Instant open, Instant close) {
    }

    @Override
    public String toString() {
        return HH_MM.format(start) + "-" + HH_MM.format(end);
    }
}
