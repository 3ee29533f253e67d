package io.updraft.anonymizer.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.updraft.telemetry.AnonymizedBatch;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;

/** One configuration's rules, ready to use from many threads at once; replaced whole on reconfiguration. */
final class Anonymization {
    /** Schemas whose plans are kept; beyond, plans are made per event, so odd schema names cannot fill memory. */
    static final int MAX_CACHED_PLANS = 1024;

    private final Settings settings;
    private final TextScrubber scrubber;
    private final KeyRing keys;
    private final FieldWalker walker;
    private final KAnonymity kAnonymity;
    private final Map<String, Plan>[] plans;

    @SuppressWarnings("unchecked")
    Anonymization(Settings settings, KeyRing keys) {
        this.settings = settings;
        this.keys = keys;
        this.scrubber = new TextScrubber(settings.detectors(), settings.rules().serials(), settings.truncateTextIps(),
                settings.textPseudonyms(), settings.ipv4PrefixLength(), settings.ipv6PrefixLength());
        this.walker = new FieldWalker(settings.scanUnlistedText());
        this.kAnonymity = new KAnonymity(settings.k(), settings.quasiIdentifiers());
        this.plans = new Map[Category.values().length];
        for (int i = 0; i < plans.length; i++) {
            plans[i] = new ConcurrentHashMap<>();
        }
    }

    Settings settings() {
        return settings;
    }

    Optional<TelemetryEvent> anonymize(TelemetryEvent event) {
        Plan plan = plan(event.category(), event.schema());
        if (plan.dropEvent()) {
            return Optional.empty();
        }
        EventContext context = new EventContext(scrubber, keys, settings.ipv4PrefixLength(),
                settings.ipv6PrefixLength());
        Map<String, Object> fields = walker.walkFields(event.fields(), plan.root(), context);
        return Optional.of(fields == event.fields() ? event : event.withFields(fields));
    }

    AnonymizedBatch protect(List<TelemetryEvent> batch) {
        return kAnonymity.protect(batch);
    }

    private Plan plan(Category category, String schema) {
        Map<String, Plan> cache = plans[category.ordinal()];
        Plan plan = cache.get(schema);
        if (plan == null) {
            plan = Plan.of(settings.rules(), category, schema);
            if (cache.size() < MAX_CACHED_PLANS) {
                cache.putIfAbsent(schema, plan);
            }
        }
        return plan;
    }
}
