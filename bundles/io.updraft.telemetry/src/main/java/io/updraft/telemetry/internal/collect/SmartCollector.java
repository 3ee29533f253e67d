package io.updraft.telemetry.internal.collect;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import com.fasterxml.jackson.databind.JsonNode;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.internal.TelemetryConfig;

/**
 * Disk health through smartctl, where it is installed; without it the collector produces nothing. Serial numbers
 * are left out: they identify a device's owner as well as the disk.
 */
@Component(service = Collector.class, configurationPid = "io.updraft.telemetry",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class SmartCollector implements Collector {
    static final String SCHEMA = "updraft.health.smart";
    /** ATA attribute ids that predict failure. */
    private static final Map<Integer, String> ATTRIBUTES = Map.of(5, "reallocatedSectors", 187, "uncorrectableErrors",
            197, "pendingSectors", 198, "offlineUncorrectable", 199, "crcErrors");

    private final Smartctl smartctl;
    private final Clock clock;

    @Activate
    public SmartCollector(TelemetryConfig config) {
        this(new Smartctl(Path.of(config.smartctl()), Duration.ofSeconds(30)), Clock.systemUTC());
    }

    SmartCollector(Smartctl smartctl, Clock clock) {
        this.smartctl = smartctl;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "smart";
    }

    @Override
    public Category category() {
        return Category.DIAGNOSTICS;
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(6);
    }

    @Override
    public List<TelemetryEvent> collect() throws Exception {
        if (!smartctl.present()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<TelemetryEvent> out = new ArrayList<>();
        for (String[] device : smartctl.scan()) {
            out.add(TelemetryEvents.draft(now, SCHEMA, 1, Category.DIAGNOSTICS, "sample",
                    fields(device[0], smartctl.health(device[0], device[1]))));
        }
        return out;
    }

    static Map<String, Object> fields(String device, JsonNode j) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("device", device);
        if (j.path("model_name").isTextual()) {
            f.put("model", j.get("model_name").asText());
        }
        if (j.path("smart_status").path("passed").isBoolean()) {
            f.put("passed", j.get("smart_status").get("passed").asBoolean());
        }
        if (j.path("temperature").path("current").isNumber()) {
            f.put("celsius", j.get("temperature").get("current").asLong());
        }
        if (j.path("power_on_time").path("hours").isNumber()) {
            f.put("powerOnHours", j.get("power_on_time").get("hours").asLong());
        }
        for (JsonNode a : j.path("ata_smart_attributes").path("table")) {
            String name = ATTRIBUTES.get(a.path("id").asInt());
            if (name != null && a.path("raw").path("value").isNumber()) {
                f.put(name, a.get("raw").get("value").asLong());
            }
        }
        JsonNode nvme = j.path("nvme_smart_health_information_log");
        if (nvme.path("percentage_used").isNumber()) {
            f.put("wearPercent", nvme.get("percentage_used").asLong());
        }
        if (nvme.path("media_errors").isNumber()) {
            f.put("mediaErrors", nvme.get("media_errors").asLong());
        }
        return f;
    }
}
