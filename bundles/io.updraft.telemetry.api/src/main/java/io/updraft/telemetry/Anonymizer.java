package io.updraft.telemetry;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Anonymizes telemetry before it is stored for forwarding. */
@ProviderType
public interface Anonymizer {
    /**
     * The event with its personal data removed, redacted, pseudonymized or generalized per the configured rules;
     * empty when the rules drop the whole event. Never returns raw personal identifiers.
     */
    Optional<TelemetryEvent> anonymize(TelemetryEvent event);

    /**
     * k-anonymity over a batch about to leave the device: records whose quasi-identifier group (per the configured
     * quasi-identifier fields, after generalization) is smaller than k are suppressed.
     */
    AnonymizedBatch protect(List<TelemetryEvent> batch);
}
