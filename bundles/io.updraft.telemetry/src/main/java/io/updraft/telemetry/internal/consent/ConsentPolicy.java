package io.updraft.telemetry.internal.consent;

import java.util.EnumSet;
import java.util.Set;

import io.updraft.telemetry.Category;

/**
 * The device maker's consent policy.
 *
 * @param version the privacy policy version; grants for another version need renewal
 * @param defaultOn categories collected until the user decides otherwise; never a personal one
 */
public record ConsentPolicy(int version, Set<Category> defaultOn) {
    public ConsentPolicy {
        if (version < 1) {
            throw new IllegalArgumentException("policy version " + version + " must be at least 1");
        }
        defaultOn = defaultOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(defaultOn));
        for (Category c : defaultOn) {
            if (c.personal()) {
                throw new IllegalArgumentException("category " + c.id()
                        + " is personal and cannot be collected by default; users must opt in");
            }
        }
    }
}
