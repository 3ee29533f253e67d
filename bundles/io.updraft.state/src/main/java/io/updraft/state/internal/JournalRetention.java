package io.updraft.state.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.updraft.update.JournalEntry;

/**
 * Which journals go when there are more than the configured number: the oldest by their last entry, since that
 * is when an update last did something; the creation of a journal says nothing about whether it is still in use.
 * Journals the caller protects (the update the state machine names, the journal just started) never go, even if
 * that leaves more than the limit.
 */
final class JournalRetention {
    static final int MIN_KEPT = 10;
    static final int DEFAULT_KEPT = 100;

    private JournalRetention() {
    }

    /** The update ids of the journals to remove, oldest first; empty if {@code journals} is within {@code kept}. */
    static List<String> beyond(Map<String, List<JournalEntry>> journals, int kept, Set<String> protectedIds) {
        int excess = journals.size() - kept;
        if (excess <= 0) {
            return List.of();
        }
        // The id breaks ties so that journals of equal age always go in the same order.
        Comparator<Map.Entry<String, List<JournalEntry>>> byAge = Comparator
                .<Map.Entry<String, List<JournalEntry>>, Instant>comparing(e -> lastAt(e.getValue()))
                .thenComparing(Map.Entry::getKey);
        return journals.entrySet().stream().filter(e -> !protectedIds.contains(e.getKey())).sorted(byAge)
                .limit(excess).map(Map.Entry::getKey).toList();
    }

    /** Up to five ids for a log line, and how many more there are. */
    static String describe(List<String> updateIds) {
        if (updateIds.size() <= 5) {
            return String.join(", ", updateIds);
        }
        return String.join(", ", updateIds.subList(0, 5)) + " and " + (updateIds.size() - 5) + " more";
    }

    private static Instant lastAt(List<JournalEntry> entries) {
        // Journals without entries are never held, but one would be the least worth keeping.
        return entries.isEmpty() ? Instant.MIN : entries.get(entries.size() - 1).at();
    }
}
