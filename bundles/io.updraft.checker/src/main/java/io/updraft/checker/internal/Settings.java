package io.updraft.checker.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The checker's configuration, validated: every bad value is refused naming the attribute and the value.
 *
 * @param source name of the update source to ask
 * @param interval time between periodic checks, at least {@link #MIN_INTERVAL}
 * @param jitter spread of every delay as a fraction of it, 0 to {@link #MAX_JITTER}
 * @param initialDelay delay before the first periodic check, not negative
 * @param retryDelay first delay after a temporary failure, {@link #MIN_RETRY_DELAY} up to the interval
 * @param enabled whether periodic checks run
 * @param offerNewComponents whether releases of components not installed count as updates
 */
record Settings(String source, Duration interval, double jitter, Duration initialDelay, Duration retryDelay,
        boolean enabled, boolean offerNewComponents) {
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    static final Duration MIN_RETRY_DELAY = Duration.ofSeconds(10);
    static final double MAX_JITTER = 0.5;

    Settings {
        if (source == null || source.isBlank() || !source.equals(source.strip())) {
            throw new IllegalArgumentException("source '" + source + "' must be the name of an update source, e.g. production");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("interval " + interval + " is shorter than the minimum " + MIN_INTERVAL);
        }
        // Written so that NaN fails too.
        if (!(jitter >= 0 && jitter <= MAX_JITTER)) {
            throw new IllegalArgumentException("jitter " + jitter + " is outside 0 to " + MAX_JITTER);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay " + initialDelay + " is negative");
        }
        if (retryDelay.compareTo(MIN_RETRY_DELAY) < 0 || retryDelay.compareTo(interval) > 0) {
            throw new IllegalArgumentException("retryDelay " + retryDelay + " is outside " + MIN_RETRY_DELAY
                    + " to the interval " + interval);
        }
    }

    static Settings of(CheckerConfig c) {
        return new Settings(c.source(), duration("interval", c.interval()), c.jitter(),
                duration("initialDelay", c.initialDelay()), duration("retryDelay", c.retryDelay()), c.enabled(),
                c.offerNewComponents());
    }

    /** Whether the periodic schedule differs, so that a change of configuration must reschedule. */
    boolean scheduleDiffers(Settings o) {
        return !interval.equals(o.interval) || jitter != o.jitter || !retryDelay.equals(o.retryDelay)
                || enabled != o.enabled;
    }

    private static Duration duration(String attribute, String text) {
        if (text == null) {
            throw new IllegalArgumentException(attribute + " is missing");
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(attribute + " '" + text
                    + "' is not an ISO-8601 duration such as PT6H or PT30M", e);
        }
    }
}
