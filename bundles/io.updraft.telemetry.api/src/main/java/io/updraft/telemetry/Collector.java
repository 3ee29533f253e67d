package io.updraft.telemetry;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of telemetry, registered as a service; the telemetry runtime samples it at its interval on a worker
 * thread of its own and gives up on a call that takes too long, so an implementation may block on I/O but should
 * return within a second or so. Exceptions are reported as diagnostics events, never passed on.
 */
@ConsumerType
public interface Collector {
    /** Unique among collectors, e.g. {@code cpu}, {@code thermal}. */
    String name();

    /** The category of the events it produces; nothing is collected while that category lacks consent. */
    Category category();

    /** How often {@link #collect()} is called; {@link Duration#ZERO} means event-driven only (never sampled). */
    Duration interval();

    /**
     * Returns zero or more events. Their id, sequence and timestamp may be left to the runtime: see
     * {@link TelemetryEvents#draft}.
     */
    List<TelemetryEvent> collect() throws Exception;
}
