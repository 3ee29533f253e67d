package io.updraft.telemetry.internal;

import java.util.List;

import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;

/** Where the scheduler hands what collectors produce; called on worker threads, must not throw. */
interface CollectorSink {
    void collected(Collector collector, List<TelemetryEvent> events);

    /**
     * A call failed, timed out or could not be made.
     *
     * @param summary what went wrong, free of collected data
     * @param cause what the collector threw, or null; its messages may quote personal data
     * @return the problem as it may be shown and logged: {@code summary} with the cause as the anonymizer left it,
     *         or with the cause's class names only
     */
    String problem(Collector collector, String summary, Throwable cause);
}
