package io.updraft.telemetry;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes telemetry from other bundles: single events, and usage counters and durations that the runtime adds
 * up and stores as {@link Category#USAGE} events at the usage interval.
 */
@ProviderType
public interface TelemetryService {

    /**
     * Passes the event through the consent check and the anonymizer and stores it, assigning its sequence and,
     * for drafts, its id and time.
     *
     * @return the event as stored; empty if its category lacks consent, the anonymizer dropped it, or it needs
     *         anonymization and no anonymizer is available
     * @throws TelemetryException if it could not be stored
     */
    Optional<TelemetryEvent> publish(TelemetryEvent event) throws TelemetryException;

    /**
     * Adds {@code delta} to the usage counter {@code name} (letters, digits, '.', '_', '-'); ignored while
     * {@link Category#USAGE} lacks consent.
     */
    void count(String name, long delta);

    /** Records one occurrence of the usage activity {@code name} that took {@code duration}; as {@link #count}. */
    void duration(String name, Duration duration);

    /** What the runtime collects and stores, for status displays. */
    TelemetryStatus status();
}
