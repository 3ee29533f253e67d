package io.updraft.logforwarder.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.updraft.telemetry.AnonymizedBatch;
import io.updraft.telemetry.Anonymizer;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.ConsentService;
import io.updraft.telemetry.TelemetryCodec;
import io.updraft.telemetry.TelemetryEvent;

/** Small stand-ins for the telemetry services, and record makers. */
final class Fakes {
    static final TelemetryCodec CODEC = new TelemetryCodec();

    private Fakes() {
    }

    /** Replaces "secret" in every string field with "[redacted]"; suppresses events the predicate names. */
    static final class ScrubbingAnonymizer implements Anonymizer {
        final List<TelemetryEvent> seen = new ArrayList<>();
        private final Predicate<TelemetryEvent> suppress;

        ScrubbingAnonymizer(Predicate<TelemetryEvent> suppress) {
            this.suppress = suppress;
        }

        @Override
        public synchronized Optional<TelemetryEvent> anonymize(TelemetryEvent event) {
            seen.add(event);
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            event.fields().forEach((k, v) -> fields.put(k, v instanceof String s ? s.replace("secret", "[redacted]") : v));
            return Optional.of(event.withFields(fields));
        }

        @Override
        public AnonymizedBatch protect(List<TelemetryEvent> batch) {
            List<TelemetryEvent> kept = batch.stream().filter(suppress.negate()).toList();
            return new AnonymizedBatch(kept, batch.size() - kept.size(), 5);
        }
    }

    /** Consent that the test sets per category. */
    static final class FixedConsent implements ConsentService {
        private final Map<Category, Consent> consents = new EnumMap<>(Category.class);

        FixedConsent(Consent.Status diagnostics, Instant decidedAt) {
            for (Category c : Category.values()) {
                consents.put(c, new Consent(c, c.personal() ? Consent.Status.DEFAULT_OFF : Consent.Status.DEFAULT_ON,
                        null, 0));
            }
            boolean decided = diagnostics != Consent.Status.DEFAULT_ON && diagnostics != Consent.Status.DEFAULT_OFF;
            consents.put(Category.DIAGNOSTICS, new Consent(Category.DIAGNOSTICS, diagnostics, decided ? decidedAt : null,
                    decided ? 1 : 0));
        }

        @Override
        public int policyVersion() {
            return 1;
        }

        @Override
        public List<Consent> consents() {
            return List.copyOf(consents.values());
        }

        @Override
        public Consent consent(Category category) {
            return consents.get(category);
        }

        @Override
        public boolean allowed(Category category) {
            return consents.get(category).allowed();
        }

        @Override
        public List<Consent> change(int policyVersion, Set<Category> grant, Set<Category> withdraw) {
            throw new UnsupportedOperationException("consent is fixed in this test");
        }
    }

    static byte[] event(String id, Instant time, Category category, String type, Map<String, Object> fields) {
        return CODEC.encode(new TelemetryEvent(id, 1, time, "updraft.test." + category.id(), 1, category, type, fields));
    }

    static byte[] logEntry(Instant time, String level, String message, String exception) {
        String json = "{\"ts\":\"" + time + "\",\"level\":\"" + level + "\",\"logger\":\"io.updraft.test\","
                + "\"thread\":\"main\",\"message\":\"" + message + "\""
                + (exception == null ? "" : ",\"exception\":\"" + exception + "\"") + ",\"bundle\":\"io.updraft.test\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
