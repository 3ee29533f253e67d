package io.updraft.update;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One step recorded in the journal of an update, written before the step's effects become visible so that a
 * restarted agent can resume or undo it.
 *
 * @param sequence position in the update's journal, starting at 1
 * @param at when it was recorded
 * @param step the step's name, e.g. {@code staged} or {@code switched}
 * @param details step-specific values, never null
 */
public record JournalEntry(long sequence, Instant at, String step, Map<String, String> details) {
    public JournalEntry {
        Objects.requireNonNull(at, "at");
        if (step == null || step.isBlank()) {
            throw new IllegalArgumentException("journal step name is missing");
        }
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
