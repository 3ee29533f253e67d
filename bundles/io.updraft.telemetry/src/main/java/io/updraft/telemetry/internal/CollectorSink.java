package io.updraft.telemetry.internal;

import java.util.List;

import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;

/** Where the scheduler hands what collectors produce; called on worker threads, must not throw. */
interface CollectorSink {
    void collected(Collector collector, List<TelemetryEvent> events);

    /** A call failed, timed out or could not be made. */
    void problem(Collector collector, String problem);
}
