package io.updraft.telemetry;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of the telemetry runtime.
 *
 * @param at when it was taken
 * @param collectors every bound collector, sorted by name
 * @param stored the events kept in the local store, for every category
 * @param anonymizerAvailable whether an anonymizer is bound; without one, only the categories the device maker
 *        explicitly allowed to be stored without anonymization are stored, never a personal one
 */
public record TelemetryStatus(Instant at, List<CollectorStatus> collectors, Map<Category, StoreUsage> stored,
        boolean anonymizerAvailable) {

    public TelemetryStatus {
        Objects.requireNonNull(at, "at");
        collectors = List.copyOf(collectors);
        EnumMap<Category, StoreUsage> all = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            all.put(c, stored.getOrDefault(c, StoreUsage.EMPTY));
        }
        stored = Collections.unmodifiableMap(all);
    }
}
