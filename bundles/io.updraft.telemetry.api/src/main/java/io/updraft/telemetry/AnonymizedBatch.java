package io.updraft.telemetry;

import java.util.List;

/**
 * Result of {@link Anonymizer#protect}: the events that may leave the device, and how many were suppressed.
 *
 * @param events the events that may leave, in their original order
 * @param suppressed how many events of the batch were withheld
 * @param k the group size the batch was checked against
 */
public record AnonymizedBatch(List<TelemetryEvent> events, int suppressed, int k) {
    public AnonymizedBatch {
        events = List.copyOf(events);
        if (suppressed < 0) {
            throw new IllegalArgumentException("suppressed count " + suppressed + " is negative");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k " + k + " must be at least 1");
        }
    }
}
