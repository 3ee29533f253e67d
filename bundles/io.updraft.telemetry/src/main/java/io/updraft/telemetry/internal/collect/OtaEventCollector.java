package io.updraft.telemetry.internal.collect;

import java.lang.reflect.Array;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.TelemetryException;
import io.updraft.telemetry.TelemetryService;

/**
 * Records every update event ({@code io/updraft/update/*} on EventAdmin) as an {@link Category#OTA} event whose
 * type is the last topic segment. Event-driven: listed among the collectors, never sampled.
 */
@Component(service = {EventHandler.class, Collector.class},
        property = EventConstants.EVENT_TOPIC + "=" + OtaEventCollector.TOPICS)
public final class OtaEventCollector implements EventHandler, Collector {
    static final String TOPICS = "io/updraft/update/*";
    static final String SCHEMA = "updraft.ota";
    private static final Logger LOG = LoggerFactory.getLogger(OtaEventCollector.class);

    private final TelemetryService telemetry;
    private final Clock clock;

    @Activate
    public OtaEventCollector(@Reference TelemetryService telemetry) {
        this(telemetry, Clock.systemUTC());
    }

    OtaEventCollector(TelemetryService telemetry, Clock clock) {
        this.telemetry = telemetry;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "ota";
    }

    @Override
    public Category category() {
        return Category.OTA;
    }

    @Override
    public Duration interval() {
        return Duration.ZERO;
    }

    @Override
    public List<TelemetryEvent> collect() {
        return List.of();
    }

    @Override
    public void handleEvent(Event event) {
        String topic = event.getTopic();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("topic", topic);
        Instant at = clock.instant();
        for (String key : event.getPropertyNames()) {
            Object v = event.getProperty(key);
            if (EventConstants.EVENT_TOPIC.equals(key) || v == null) {
                continue;
            }
            if (EventConstants.TIMESTAMP.equals(key) && v instanceof Long) {
                at = Instant.ofEpochMilli((Long) v);
                continue;
            }
            fields.put(key, value(v));
        }
        String type = topic.substring(topic.lastIndexOf('/') + 1);
        try {
            telemetry.publish(TelemetryEvents.draft(at, SCHEMA, 1, Category.OTA, type.isEmpty() ? "event" : type, fields));
        } catch (TelemetryException | RuntimeException e) {
            LOG.warn("Cannot record update event {}", topic, e);
        }
    }

    /** Event properties may hold any object; telemetry fields take a few types, the rest as text. */
    static Object value(Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Float) {
            return v;
        }
        if (v instanceof Collection) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Collection<?>) v) {
                out.add(o == null ? "" : value(o));
            }
            return out;
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                Object o = Array.get(v, i);
                out.add(o == null ? "" : value(o));
            }
            return out;
        }
        return String.valueOf(v);
    }
}
