package io.updraft.anonymizer.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.updraft.telemetry.AnonymizedBatch;
import io.updraft.telemetry.TelemetryEvent;

/**
 * Suppresses the events of a batch whose quasi-identifier values are shared by fewer than k events of the batch,
 * so every group that leaves has at least k members. Events without any quasi-identifier field are in no group
 * and pass: nothing in them links them to a person. Values are compared as they are, so the batch must hold
 * events that already went through {@code anonymize} (snapped, bucketed), as the store's events have.
 */
final class KAnonymity {
    private static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "(absent)";
        }
    };

    private final int k;
    private final List<Target> quasiIdentifiers;

    KAnonymity(int k, List<Target> quasiIdentifiers) {
        this.k = k;
        this.quasiIdentifiers = List.copyOf(quasiIdentifiers);
    }

    AnonymizedBatch protect(List<TelemetryEvent> batch) {
        if (quasiIdentifiers.isEmpty()) {
            return new AnonymizedBatch(batch, 0, k);
        }
        List<List<Object>> keys = new ArrayList<>(batch.size());
        Map<List<Object>, Integer> sizes = new HashMap<>();
        for (TelemetryEvent e : batch) {
            List<Object> key = key(e);
            keys.add(key);
            if (key != null) {
                sizes.merge(key, 1, Integer::sum);
            }
        }
        List<TelemetryEvent> out = new ArrayList<>(batch.size());
        int suppressed = 0;
        for (int i = 0; i < batch.size(); i++) {
            List<Object> key = keys.get(i);
            if (key == null || sizes.get(key) >= k) {
                out.add(batch.get(i));
            } else {
                suppressed++;
            }
        }
        return new AnonymizedBatch(out, suppressed, k);
    }

    /** The event's quasi-identifier values, or null when it has none of them. */
    List<Object> key(TelemetryEvent e) {
        List<Object> key = new ArrayList<>(quasiIdentifiers.size());
        boolean any = false;
        for (Target t : quasiIdentifiers) {
            if (!t.scope().applies(e.category(), e.schema())) {
                key.add(ABSENT);
                continue;
            }
            List<Object> values = new ArrayList<>(1);
            t.collect(e.fields(), 0, values);
            any |= !values.isEmpty();
            key.add(values.isEmpty() ? ABSENT : values.size() == 1 ? values.get(0) : values);
        }
        return any ? key : null;
    }
}
