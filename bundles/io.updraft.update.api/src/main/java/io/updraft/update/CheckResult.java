package io.updraft.update;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of asking an update source for updates.
 *
 * @param source the source's name
 * @param checkedAt when the check finished
 * @param updates newer releases compatible with this device, one per component (the newest), sorted by component
 * @param skipped people-readable reasons why other offered releases were not taken
 * @param error empty on success, else the source's error code and message; {@code updates} is then empty
 */
public record CheckResult(String source, Instant checkedAt, List<Offer> updates, List<String> skipped, String error) {
    public CheckResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(checkedAt, "checkedAt");
        updates = List.copyOf(updates);
        skipped = List.copyOf(skipped);
        error = error == null ? "" : error;
    }

    public boolean failed() {
        return !error.isEmpty();
    }
}
