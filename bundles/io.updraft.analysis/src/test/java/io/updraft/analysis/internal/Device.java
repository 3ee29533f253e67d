package io.updraft.analysis.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryCodec;
import io.updraft.telemetry.TelemetryEvent;

/** Writes what a device's collectors and log appender would write into a store, in their record formats. */
final class Device {
    private final FakeLogStore store;
    private final TelemetryCodec codec = new TelemetryCodec();
    private long sequence;

    Device(FakeLogStore store) {
        this.store = store;
    }

    void event(Instant at, String schema, Category category, String type, Map<String, Object> fields) {
        sequence++;
        TelemetryEvent e = new TelemetryEvent("event-" + sequence, sequence, at, schema, 1, category, type, fields);
        store.append("telemetry." + category.id(), at, codec.encode(e));
    }

    void cpu(Instant at, double busy) {
        event(at, "updraft.metric.cpu", Category.PERFORMANCE, "sample", Map.of("cores", 4L, "busyPercent", busy));
    }

    void disk(Instant at, double usedPercent) {
        event(at, "updraft.metric.disk", Category.PERFORMANCE, "sample",
                Map.of("fileSystem", "ext4", "totalBytes", 1L << 34, "usedPercent", usedPercent));
    }

    void thermal(Instant at, double celsius) {
        event(at, "updraft.health.thermal", Category.DIAGNOSTICS, "sample", Map.of("zones",
                List.of(Map.of("zone", "thermal_zone0", "type", "cpu-thermal", "celsius", celsius))));
    }

    void crash(Instant at) {
        event(at, "updraft.crash.process", Category.CRASH, "process-exit", Map.of("service", "robot-arm.service",
                "signal", 11L, "signalName", "SIGSEGV"));
    }

    void log(Instant at, String level, String logger, String message) {
        String json = String.format(Locale.ROOT,
                "{\"ts\":\"%s\",\"level\":\"%s\",\"logger\":\"%s\",\"thread\":\"main\",\"message\":\"%s\",\"exception\":null,\"bundle\":\"io.updraft.test\"}",
                at, level, logger, message);
        store.append("log", at, json.getBytes(StandardCharsets.UTF_8));
    }
}
