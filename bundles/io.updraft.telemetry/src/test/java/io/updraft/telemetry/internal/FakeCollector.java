package io.updraft.telemetry.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;

/** A collector whose behaviour a test chooses; counts its calls. */
final class FakeCollector implements Collector {
    final AtomicInteger calls = new AtomicInteger();
    private final String name;
    private final Category category;
    private final Duration interval;
    private final Callable<List<TelemetryEvent>> body;

    FakeCollector(String name, Category category, Duration interval, Callable<List<TelemetryEvent>> body) {
        this.name = name;
        this.category = category;
        this.interval = interval;
        this.body = body;
    }

    /** One event per call, numbered. */
    static FakeCollector counting(String name, Category category, Duration interval) {
        FakeCollector[] self = new FakeCollector[1];
        self[0] = new FakeCollector(name, category, interval, () -> List.of(TelemetryEvents.draft("test." + name, 1,
                category, "sample", Map.of("call", (long) self[0].calls.get()))));
        return self[0];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Category category() {
        return category;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<TelemetryEvent> collect() throws Exception {
        calls.incrementAndGet();
        return body.call();
    }
}
