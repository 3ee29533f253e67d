package io.updraft.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one collector fares.
 *
 * @param name the collector's name
 * @param category the category of its events
 * @param interval how often it is sampled; {@link Duration#ZERO} for event-driven collectors
 * @param lastSample when it last returned events; null if never
 * @param samples how many calls returned normally
 * @param failures how many calls threw or timed out
 * @param lastProblem the last failure or timeout; empty if none
 */
public record CollectorStatus(String name, Category category, Duration interval, Instant lastSample, long samples,
        long failures, String lastProblem) {
    public CollectorStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(interval, "interval");
        lastProblem = lastProblem == null ? "" : lastProblem;
    }
}
